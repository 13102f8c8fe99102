"""Statements read in their paragraph and under their article's lead: "What did the minister say after the
hostage-taking ended?", "… about the new Airbus boss Gallois?" ask about what the paragraph around a statement
or the lead of its article reports (the occasion, the person it is about), which the quoted words need not name."""

from __future__ import annotations

import math

import numpy as np

from knowledge.embeddings import encode_one
from knowledge.index import KnowledgeIndex
from knowledge.question_model import Question
from knowledge.word_index import stem

#: how close in meaning (cosine) the topic must come to a sentence of the statement's paragraph: the paragraph
#: reporting the occasion asked about scores 0.35 to 0.45, paragraphs on other matters below 0.15
#: (development questions)
CONTEXT_FLOOR = 0.3
#: the share of the topic's names (weighted by how few documents hold them) the context must hold: the rare
#: name ("Lebensmittelklarheit.de") counts, a common word beside it ("Portal") may be missing
NAMES_HELD = 0.5


def said_in_context(q: Question, index: KnowledgeIndex, spoken: np.ndarray, names: list[str]) -> np.ndarray:
    """The statements whose paragraph, with the lead of their article, holds the names of the topic (`names`,
    folded; the rarer ones above all), or a sentence close in meaning to the topic."""
    semantic = index.semantic
    if not spoken.size or not semantic.passages:
        return spoken[:0]
    places = index.memo(("paragraph passages",), lambda: _passages_by_paragraph(index))
    named = [(held, _weight(held, index)) for name in names if (held := _holding(name, index)).size]
    total = sum(weight for _held, weight in named)
    topic = encode_one(" ".join(q.topic_words)) if semantic.ready and q.topic_words else None
    keep = np.zeros(spoken.size, dtype=bool)
    for k, i in enumerate(spoken.tolist()):
        claim = index.claims[i]
        around = places.get((claim.source, claim.paragraph))
        if around is None:
            continue
        if claim.paragraph != 1 and (claim.source, 1) in places:  # the lead says what the article is about
            around = np.concatenate([places[(claim.source, 1)], around])
        holds_names = bool(named) and sum(w for held, w in named if np.isin(held, around).any()) >= NAMES_HELD * total
        keep[k] = holds_names or (topic is not None and
                                  float((semantic.passage_vectors[around] @ topic).max()) >= CONTEXT_FLOOR)
    return spoken[keep]


def claims_in_context(q: Question, index: KnowledgeIndex, names: list[str]) -> np.ndarray:
    """Every statement (of anybody) whose paragraph, with the lead of its article, is on the topic: who spoke in
    the article about it spoke about it ("Wer hat sich zu den Arbeitszeitkonten geäußert?")."""
    semantic = index.semantic
    sources = [semantic.passage_source[held] for name in names if (held := _holding(name, index)).size]
    if not sources:
        return np.zeros(0, dtype=np.int32)
    spoken = np.flatnonzero((index.speaker_code >= 0) & np.isin(index.source_of, np.concatenate(sources)))
    return said_in_context(q, index, spoken.astype(np.int32), names)


def _holding(name: str, index: KnowledgeIndex) -> np.ndarray:
    """The sentences holding the word, as a word's start or, for a long one, inside a compound."""
    words = index.semantic.passage_words
    return words.holding_inside(stem(name)) if len(name) >= 8 else words.holding(name)


def _weight(held: np.ndarray, index: KnowledgeIndex) -> float:
    """A word's weight by how few documents hold it (`held`: the sentences holding it)."""
    documents = np.unique(index.semantic.passage_source[held]).size
    return math.log(1 + index.semantic.documents / (1 + documents))


def _passages_by_paragraph(index: KnowledgeIndex) -> dict[tuple[str, int], np.ndarray]:
    found: dict[tuple[str, int], list[int]] = {}
    for k, passage in enumerate(index.semantic.passages):
        found.setdefault((passage.source, passage.paragraph), []).append(k)
    return {key: np.array(rows, dtype=np.int32) for key, rows in found.items()}
