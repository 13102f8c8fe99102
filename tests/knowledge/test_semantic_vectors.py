"""The claims' and sentences' vectors are held once, as blocks of the stored matrix, and scored as a full copy
of them would be (to the last bit of float32): every text keeps its vector, a text without one scores 0,
repeated texts share a row."""

from __future__ import annotations

import pickle

import numpy as np

from knowledge.embeddings import DIM, Vectors, from_bytes, text_key, to_bytes
from knowledge.model import Claim
from knowledge.semantic import WORD_WEIGHT, SemanticIndex
from knowledge.word_index import WordIndex


def _unit(rng: np.random.Generator, n: int) -> np.ndarray:
    m = rng.standard_normal((n, DIM)).astype(np.float32)
    return from_bytes([to_bytes(v) for v in m / np.linalg.norm(m, axis=1, keepdims=True)])


def _claim(text: str, source: str = "a", paragraph: int = 1) -> Claim:
    return Claim(id=f"{source}-{abs(hash(text))}", kind="statement", text=text, source=source, paragraph=paragraph)


def _stored(texts: list[str], seed: int = 3) -> tuple[Vectors, dict[str, np.ndarray]]:
    matrix = _unit(np.random.default_rng(seed), len(texts))
    return Vectors({text_key(t): i for i, t in enumerate(texts)}, matrix), dict(zip(texts, matrix, strict=True))


def test_arrange_keeps_every_vector_and_makes_each_group_one_block() -> None:
    texts = ["eins", "zwei", "drei", "vier", "fünf", "Name"]
    vectors, by_text = _stored(texts)
    claims, passages = ["drei", "eins", "drei", "ohne"], ["zwei", "eins", "vier"]
    (c0, c1, claim_rows), (p0, p1, passage_rows) = vectors.arrange(claims, passages)
    assert claim_rows.tolist() == [0, 1, 0, -1]  # a repeated text shares a row; one without a vector has none
    assert (c0, c1) == (0, 2) and (p0, p1) == (2, 5)
    for texts_, start, rows in ((claims, c0, claim_rows), (passages, p0, passage_rows)):
        for text, row in zip(texts_, rows.tolist(), strict=True):
            if row >= 0:
                assert np.array_equal(vectors.matrix[start + row], by_text[text])
    found, has = vectors.of(texts)
    assert has.all() and np.array_equal(found, np.stack([by_text[t] for t in texts]))
    assert vectors.matrix.dtype == np.float32
    vectors.arrange(claims, passages)  # again: the same layout, no rows added
    assert len(vectors.matrix) == 7 and np.array_equal(vectors.of(texts)[0], found)


def test_scores_equal_a_full_copy_of_the_vectors_and_are_kept_per_question_vector() -> None:
    claim_texts = ["Der Hafen wird ausgebaut", "Die Mieten steigen", "Der Hafen wird ausgebaut", "Kein Vektor"]
    passage_texts = ["Der Hafen wird ausgebaut, sagte sie.", "Die Mieten steigen stark.", "Ein anderer Satz."]
    vectors, by_text = _stored(claim_texts[:2] + passage_texts + ["Bürgermeisterin"])
    claims = [_claim(t, paragraph=k) for k, t in enumerate(claim_texts)]
    passages = [_claim(t, paragraph=k) for k, t in enumerate(passage_texts)]
    index = SemanticIndex.build(claims, passages, [("Anna Berg", "Bürgermeisterin")], vectors, {"a": 0},
                                np.zeros(len(claims), dtype=np.int32))
    question = _unit(np.random.default_rng(9), 1)[0]
    copy = np.stack([by_text.get(t, np.zeros(DIM, dtype=np.float32)) for t in claim_texts])
    words = ["hafen"]
    scores, _ = index.score_claims(question, words)
    shares, _ = WordIndex(claim_texts).share(words)
    expected = index._with_documents(copy @ question + WORD_WEIGHT * shares, index.claim_source, words)
    # equal up to the last bit of float32, which depends on where BLAS's kernel meets a row
    np.testing.assert_allclose(scores, expected, rtol=0, atol=1e-6)
    assert scores[0] == scores[2] and scores[3] == expected[3] and float((copy @ question)[3]) == 0.0
    again, _ = index.score_claims(question, words)
    assert np.array_equal(again, scores) and len(index._scans) == 1
    passage_copy = np.stack([by_text[t] for t in passage_texts])
    assert np.array_equal(index.passage_vectors[np.arange(3)], passage_copy)
    assert np.array_equal(index.claim_vectors[np.array([2, 3])], copy[[2, 3]])
    restored = pickle.loads(pickle.dumps(index))
    assert restored._scans == {} and np.array_equal(restored.score_claims(question, words)[0], scores)
    assert np.array_equal(index.score_roles(question), by_text["Bürgermeisterin"][None] @ question)
