"""The rows nearest to a question's vector in a large block of sentence vectors, without scanning the block.

At 100,000 claims and 150,000 sentences the exact product of a question's vector with every claim or every
sentence costs about 10 ms each, most of what a question costs (BENCHMARKS.md, issue 12). An HNSW graph
(faiss) finds the few hundred nearest rows in well under a millisecond; the answer engine scores those, and
the rows the question's words find, exactly (`SemanticIndex`). A block below `MIN_ROWS` keeps the exact scan:
it costs a few milliseconds at most there (under one for the 850 WIKINEWS documents), and its answers stay
those of the exact scan.

The graph holds its own copy of the vectors in 4 bits per dimension (an eighth of float32; 400 bytes a row with
the links): enough to find the candidates, whose cosines are then taken from the float32 matrix. On the 14,646
vectors of the 850 WIKINEWS documents, 99.4% of each vector's 10 nearest are among the 37 the graph returns
(BENCHMARKS.md).
"""

from __future__ import annotations

from typing import Any

import numpy as np

#: rows in a block from which the graph pays: below it a scan costs a few milliseconds at most, and stays exact
MIN_ROWS = 50_000
#: rows a search returns: the answers rank a few dozen, and the graph's order of its nearest is approximate
NEIGHBOURS = 256
#: links per node and the breadth of the search while building: recall against build time and memory
LINKS = 16
BUILD_BREADTH = 48
#: the breadth of a search: at least the rows it returns
SEARCH_BREADTH = NEIGHBOURS


def _faiss() -> Any:
    """faiss, loaded on first use (only large stores need it), with one thread: a question's search is one
    vector, and on two cores a second thread would only take the core numpy answers with."""
    import faiss  # type: ignore[import-untyped]

    faiss.omp_set_num_threads(1)
    return faiss


class NearestRows:
    """An HNSW graph (inner product) over the unit vectors of one block; pickled as faiss's own bytes."""

    def __init__(self, matrix: np.ndarray) -> None:
        faiss = _faiss()
        vectors = np.ascontiguousarray(matrix, dtype=np.float32)
        index = faiss.IndexHNSWSQ(vectors.shape[1], faiss.ScalarQuantizer.QT_4bit, LINKS,
                                  faiss.METRIC_INNER_PRODUCT)
        index.hnsw.efConstruction = BUILD_BREADTH
        index.train(vectors)
        index.add(vectors)
        self._index = index
        self._prepare()

    def _prepare(self) -> None:
        self._index.hnsw.efSearch = SEARCH_BREADTH

    @property
    def size(self) -> int:
        return int(self._index.ntotal)

    def search(self, vector: np.ndarray, count: int | None = None, among: np.ndarray | None = None) -> np.ndarray:
        """The rows (of the block) of about the `count` (`NEIGHBOURS`) vectors nearest to the vector, nearest
        first; only rows `among` marks (one mark per row) where given."""
        count = count or NEIGHBOURS
        query = np.ascontiguousarray(vector, dtype=np.float32).reshape(1, -1)
        if among is None:
            _scores, rows = self._index.search(query, min(count, self.size))
        else:
            faiss = _faiss()
            bits = np.packbits(among[: self.size], bitorder="little")  # kept alive through the search
            params = faiss.SearchParametersHNSW()
            params.sel = faiss.IDSelectorBitmap(self.size, faiss.swig_ptr(bits))
            params.efSearch = max(SEARCH_BREADTH, count)
            _scores, rows = self._index.search(query, min(count, self.size), params=params)
        found: np.ndarray = rows[0]
        return found[found >= 0].astype(np.int64)

    def __getstate__(self) -> dict[str, object]:
        """The graph as faiss's bytes: a faiss index itself does not pickle."""
        return {"data": _faiss().serialize_index(self._index).tobytes()}

    def __setstate__(self, state: dict[str, Any]) -> None:
        self._index = _faiss().deserialize_index(np.frombuffer(state["data"], dtype=np.uint8))
        self._prepare()


def graph_for(matrix: np.ndarray) -> NearestRows | None:
    """A graph over the block's rows where the block is large enough for one to pay, else None (exact scan)."""
    return NearestRows(matrix) if len(matrix) >= MIN_ROWS else None
