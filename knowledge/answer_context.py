"""Statements read in their paragraph: "What did the minister say after the hostage-taking ended?",
"… about the new Airbus boss Gallois?" ask about what the paragraph around a statement reports (the occasion,
the person it is about), which the quoted words themselves need not name."""

from __future__ import annotations

import numpy as np

from knowledge.embeddings import encode_one
from knowledge.index import KnowledgeIndex
from knowledge.question_model import Question

#: how close in meaning (cosine) the topic must come to a sentence of the statement's paragraph: the paragraph
#: reporting the occasion asked about scores 0.35 to 0.45, paragraphs on other matters below 0.15
#: (development questions)
CONTEXT_FLOOR = 0.3


def said_in_context(q: Question, index: KnowledgeIndex, spoken: np.ndarray, names: list[str]) -> np.ndarray:
    """The statements whose paragraph holds every name of the topic (`names`, folded), or a sentence close
    in meaning to the topic."""
    semantic = index.semantic
    if not spoken.size or not semantic.passages:
        return spoken[:0]
    places = index.memo(("paragraph passages",), lambda: _passages_by_paragraph(index))
    named = [semantic.passage_words.holding(name) for name in names]
    topic = encode_one(" ".join(q.topic_words)) if semantic.ready and q.topic_words else None
    keep = np.zeros(spoken.size, dtype=bool)
    for k, i in enumerate(spoken.tolist()):
        claim = index.claims[i]
        around = places.get((claim.source, claim.paragraph))
        if around is None:
            continue
        holds_names = bool(named) and all(np.isin(held, around).any() for held in named)
        keep[k] = holds_names or (topic is not None and
                                  float((semantic.passage_vectors[around] @ topic).max()) >= CONTEXT_FLOOR)
    return spoken[keep]


def _passages_by_paragraph(index: KnowledgeIndex) -> dict[tuple[str, int], np.ndarray]:
    found: dict[tuple[str, int], list[int]] = {}
    for k, passage in enumerate(index.semantic.passages):
        found.setdefault((passage.source, passage.paragraph), []).append(k)
    return {key: np.array(rows, dtype=np.int32) for key, rows in found.items()}
