"""In a large store the claims and sentences nearest to a question come from an HNSW graph (knowledge/vector_search.py)
and are scored exactly together with those the question's words find: the answers stay those of a full scan, the
graph goes with the kept index, and a small store keeps the full scan."""

from __future__ import annotations

import dataclasses
import pickle
import shutil
from pathlib import Path

import numpy as np
import pytest

from knowledge import freshness, semantic, vector_search
from knowledge.answers import answer
from knowledge.index import KnowledgeIndex
from knowledge.index_cache import kept_index
from knowledge.store import Snapshot, make_engine, open_store
from knowledge.vector_search import NearestRows, graph_for

SEEDS = Path(__file__).resolve().parents[2] / "seeds"

#: questions of every kind the meaning search serves, over the shipped documents (the seeds)
QUESTIONS = [
    "Wie viele nordkoreanische Soldaten meldet jede Quelle?",
    "How many troops does each source report?",
    "Wie viele Soldaten sind laut Selenskyj in Kursk?",
    "Wie viele Soldaten sind in Kursk?",
    "Wie viele Kampfjets hat Nordkorea geschickt?",
    "Was hat Austin gesagt?",
    "What did Blinken say about Putin?",
    "Was sagte Austin über Eskalation?",
    "Was sagte der südkoreanische Verteidigungsminister?",
    "What did the EU foreign policy chief say?",
    "Wer sprach von Eskalation?",
    "Wer sprach über Sanktionen?",
    "Who called it an escalation?",
    "Who talked about nuclear weapons?",
    "Eskalation?",
    "Wann wurden die Soldaten nach Russland geschickt?",
]


def _clustered(n: int, seed: int = 5, dim: int = 64) -> np.ndarray:
    """Unit vectors around a few centres, as texts on a few topics are."""
    rng = np.random.default_rng(seed)
    centres = rng.standard_normal((20, dim))
    found = centres[rng.integers(0, 20, n)] + 0.6 * rng.standard_normal((n, dim))
    return (found / np.linalg.norm(found, axis=1, keepdims=True)).astype(np.float32)


@pytest.fixture(scope="module")
def block() -> tuple[np.ndarray, NearestRows]:
    matrix = _clustered(3000)
    return matrix, NearestRows(matrix)


def test_the_graph_finds_the_rows_a_full_scan_ranks_first(block: tuple[np.ndarray, NearestRows]) -> None:
    matrix, graph = block
    missed = 0
    for vector in _clustered(20, seed=6):
        exact = np.argsort(-(matrix @ vector))[:10]
        found = graph.search(vector, 64)
        assert found.size == 64
        missed += len(set(exact.tolist()) - set(found.tolist()))
    assert missed <= 2  # of 200


def test_a_search_among_marked_rows_finds_only_those_and_the_nearest_of_them(
        block: tuple[np.ndarray, NearestRows]) -> None:
    matrix, graph = block
    marks = np.random.default_rng(7).random(len(matrix)) < 0.3
    vector = _clustered(1, seed=8)[0]
    found = graph.search(vector, 32, among=marks)
    assert found.size == 32 and marks[found].all()
    exact = np.flatnonzero(marks)[np.argsort(-(matrix[marks] @ vector))[:5]]
    assert set(exact.tolist()) <= set(found.tolist())


def test_a_pickled_graph_finds_the_same_rows(block: tuple[np.ndarray, NearestRows]) -> None:
    _matrix, graph = block
    restored = pickle.loads(pickle.dumps(graph))
    for vector in _clustered(5, seed=9):
        assert np.array_equal(restored.search(vector), graph.search(vector))


def test_only_a_large_block_gets_a_graph(monkeypatch: pytest.MonkeyPatch) -> None:
    matrix = _clustered(300)
    assert graph_for(matrix) is None  # the 850 WIKINEWS documents hold 3,067 claims and 10,676 sentences
    monkeypatch.setattr(vector_search, "MIN_ROWS", 300)
    graph = graph_for(matrix)
    assert graph is not None and graph.size == 300


# ---------------------------------------------------------------- the answers over the shipped documents


@pytest.fixture(scope="module")
def exact(seeds_snapshot: Snapshot) -> KnowledgeIndex:
    return KnowledgeIndex.build(dataclasses.replace(seeds_snapshot, index=None))


@pytest.fixture(scope="module")
def approximate(seeds_snapshot: Snapshot) -> KnowledgeIndex:
    """The seeds' index as a large store's: graphs over its 74 claims and 158 sentences."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(vector_search, "MIN_ROWS", 40)
        return KnowledgeIndex.build(dataclasses.replace(seeds_snapshot, index=None))


@pytest.fixture(autouse=True)
def _a_dozen_nearest(monkeypatch: pytest.MonkeyPatch) -> None:
    """A search gives a dozen rows, and the rows the words find are searched among once they are a tenth of a
    block: at the seeds' size, what a large store does with a few hundred rows of its hundred thousand."""
    monkeypatch.setattr(vector_search, "NEIGHBOURS", 12)
    monkeypatch.setattr(semantic, "SCAN_SHARE", 0.1)


def _shown(index: KnowledgeIndex, question: str) -> tuple[str, list[str], list[str]]:
    result = answer(question, index)
    return result.intent, [c.id for c in result.claims[:5]], [g.key for g in result.groups[:3]]


def test_a_small_store_keeps_the_full_scan(exact: KnowledgeIndex) -> None:
    assert exact.semantic.ready
    assert exact.semantic.claim_graph is None and exact.semantic.passage_graph is None


def test_a_large_store_answers_with_the_claims_a_full_scan_gives(exact: KnowledgeIndex,
                                                                approximate: KnowledgeIndex) -> None:
    assert approximate.semantic.claim_graph is not None and approximate.semantic.passage_graph is not None
    for question in QUESTIONS:
        assert _shown(approximate, question) == _shown(exact, question), question


def test_a_large_store_scores_only_some_claims_and_those_exactly(exact: KnowledgeIndex,
                                                                 approximate: KnowledgeIndex) -> None:
    question = "Who talked about nuclear weapons?"
    q = answer(question, exact).question
    assert q.vector is not None
    full, _ = exact.semantic.score_claims(q.vector, q.words)
    some, _ = approximate.semantic.score_claims(q.vector, q.words)
    scored = semantic.scored(some)
    assert 12 <= scored.sum() < scored.size
    np.testing.assert_allclose(some[scored], full[scored], rtol=0, atol=1e-6)
    assert some[~scored].max() < some[scored].min()
    assert np.argmax(some) == np.argmax(full)


def test_a_kept_index_keeps_its_graphs_and_answers_the_same(tmp_path: Path, monkeypatch: pytest.MonkeyPatch
                                                             ) -> None:
    folder = tmp_path / "seeds"
    shutil.copytree(SEEDS, folder, ignore=shutil.ignore_patterns("*.db", "*.db-*"))
    monkeypatch.setattr(freshness, "SETTLE_SECONDS", 0)
    monkeypatch.setattr(vector_search, "MIN_ROWS", 40)
    url = f"sqlite:///{folder / 's.db'}"
    built = open_store(folder, url, progress=False)  # builds the index with its graphs and keeps it in the store
    engine = make_engine(url)
    try:
        kept = kept_index(engine, built.version)
    finally:
        engine.dispose()
    assert kept is not None and built.index is not None and kept is not built.index
    assert kept.semantic.claim_graph is not None and kept.semantic.passage_graph is not None
    for question in QUESTIONS:
        assert _shown(kept, question) == _shown(built.index, question), question
