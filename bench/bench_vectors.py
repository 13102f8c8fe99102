"""Nearest sentence vectors at 100,000 claims: the exact scan the answer engine does against an HNSW index.

    python bench/bench_vectors.py            # after bench_answers.py has embedded the synthetic store

The synthetic store of `bench_answers.py` (100,000 claims and the sentences of their 10,000 documents)
with the vectors that benchmark kept in `--vectors-cache`, and its questions; or, with `--db` and
`--questions`, a built store and a grader's questions (where recall is meaningful).
Per question: the exact scan (`matrix @ vector` over every claim, then over every sentence, one BLAS
thread as at question time) and faiss's HNSW (`IndexHNSWFlat`, inner product) for the 10 nearest, with
the build time of the index and its recall against the exact top 10. The answer engine itself uses a
smaller graph (4-bit vectors, `knowledge/vector_search.py`) in stores of 50,000 claims or sentences and more.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(Path(__file__).resolve().parent))


def _pct(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[max(0, min(len(ordered) - 1, round(p / 100 * len(ordered)) - 1))]


def _synthetic(args: argparse.Namespace) -> tuple[np.ndarray, np.ndarray, list[str]]:
    """The synthetic store's claim and sentence vectors as bench_answers.py kept them; where it embedded a sample
    and repeated it, each repeat is moved off its original by a little noise, so that the graph has 250,000
    distinct points (times are then those of a real store of this size; recall is measured on a real store)."""
    import bench_answers
    import synthetic

    from knowledge.embeddings import MODEL, Vectors, text_key
    from knowledge.store_build import embedded_texts

    syn = synthetic.build(n_claims=args.claims, n_docs=args.docs, seed=args.seed)
    snapshot = syn.snapshot
    texts = list(dict.fromkeys(embedded_texts(snapshot.claims, snapshot.passages, snapshot.entities)))
    found = sorted(Path(args.vectors_cache).glob(f"{MODEL}-{args.seed}-{args.claims}-{args.docs}-{len(texts)}-*.npy"))
    if not found:
        raise SystemExit(f"no vectors in {args.vectors_cache}: run bench/bench_answers.py --sizes synthetic first")
    matrix = np.load(found[-1]).astype(np.float32)
    matrix += np.random.default_rng(0).normal(0, 0.02, matrix.shape).astype(np.float32)
    matrix /= np.linalg.norm(matrix, axis=1, keepdims=True)
    vectors = Vectors({text_key(t): i for i, t in enumerate(texts)}, matrix)
    claims, _ = vectors.of([c.text for c in snapshot.claims if c.section == "article"])
    passages, _ = vectors.of([p.text for p in snapshot.passages])
    questions = [q for _kind, q in bench_answers.synthetic_questions(syn, seed=args.seed) if not q.startswith("/")]
    return claims, passages, questions


def _real(args: argparse.Namespace) -> tuple[np.ndarray, np.ndarray, list[str]]:
    """A built store's own vectors (e.g. the 850 WIKINEWS documents) and the questions of a grader file."""
    import yaml

    from knowledge.store import load_snapshot, make_engine

    engine = make_engine(args.db)
    snapshot = load_snapshot(engine)
    engine.dispose()
    claims, _ = snapshot.vectors.of([c.text for c in snapshot.claims if c.section == "article"])
    passages, _ = snapshot.vectors.of([p.text for p in snapshot.passages])
    questions = [str(item["q"]) for item in yaml.safe_load(Path(args.questions).read_text(encoding="utf-8"))]
    return claims, passages, questions


def _exact(matrix: np.ndarray, queries: np.ndarray, k: int) -> tuple[list[float], np.ndarray]:
    times, found = [], []
    for q in queries:
        t0 = time.perf_counter()
        scores = matrix @ q
        top = np.argpartition(-scores, k)[:k]
        times.append((time.perf_counter() - t0) * 1000)
        found.append(top)
    return times, np.array(found)


def _hnsw(matrix: np.ndarray) -> tuple[float, object]:
    import faiss  # type: ignore[import-not-found]

    faiss.omp_set_num_threads(1)
    t0 = time.perf_counter()
    index = faiss.IndexHNSWFlat(matrix.shape[1], 32, faiss.METRIC_INNER_PRODUCT)
    index.hnsw.efConstruction = 80
    index.add(matrix)
    return time.perf_counter() - t0, index


def _search(index: object, queries: np.ndarray, k: int, ef: int) -> tuple[list[float], np.ndarray]:
    index.hnsw.efSearch = ef  # type: ignore[attr-defined]
    times, found = [], []
    for q in queries:
        t0 = time.perf_counter()
        _, ids = index.search(q[None, :], k)  # type: ignore[attr-defined]
        times.append((time.perf_counter() - t0) * 1000)
        found.append(ids[0])
    return times, np.array(found)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--claims", type=int, default=100_000)
    parser.add_argument("--docs", type=int, default=10_000)
    parser.add_argument("--seed", type=int, default=20241104)
    parser.add_argument("--vectors-cache", default=str(Path(tempfile.gettempdir()) / "briefbot-bench-vectors"))
    parser.add_argument("--k", type=int, default=10)
    parser.add_argument("--db", help="measure a built store's vectors instead (SQLAlchemy URL)")
    parser.add_argument("--questions", help="with --db: a grader's questions file (items with `q`)")
    args = parser.parse_args(argv)

    from threadpoolctl import threadpool_limits  # type: ignore[import-untyped]

    from knowledge.embeddings import encode

    threadpool_limits(limits=1, user_api="blas")
    claims, passages, questions = _real(args) if args.db else _synthetic(args)
    queries = encode(questions)
    print(f"{len(claims):,} claim vectors, {len(passages):,} sentence vectors, {len(questions)} questions")
    for name, matrix in (("claims", claims), ("sentences", passages)):
        exact_ms, exact = _exact(matrix, queries, args.k)
        print(f"{name}: exact scan p50 {statistics.median(exact_ms):.1f} / p99 {_pct(exact_ms, 99):.1f} ms, "
              f"{matrix.nbytes / 2**20:.0f} MB")
        build_s, index = _hnsw(matrix)
        print(f"  HNSW M=32 efConstruction=80: built in {build_s:.1f} s")
        for ef in (32, 64, 128):
            ms, found = _search(index, queries, args.k, ef)
            recall = np.mean([len(set(a) & set(b)) / args.k for a, b in zip(found, exact, strict=True)])
            print(f"  efSearch={ef}: p50 {statistics.median(ms):.2f} / p99 {_pct(ms, 99):.2f} ms, "
                  f"recall@{args.k} {recall:.3f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
