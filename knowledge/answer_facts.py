"""Fact answers: the documents' own sentences that answer a question no claim kind holds.

When, where, how many of something no figure counts: the sentences fitting the question best are
shown as passages (no speaker, verbatim, cited), and nothing below the calibrated floor.
"""

from __future__ import annotations

import re
from dataclasses import replace

import numpy as np

from knowledge.answer_model import FACT_FLOOR, FACT_MARGIN, FACT_SENTENCES, Answer, Group, penalty
from knowledge.extraction.figures._counts import NUMBER, parse_number
from knowledge.index import KnowledgeIndex
from knowledge.model import Claim, Figure
from knowledge.question_model import Question
from knowledge.vocabulary import fold_query
from knowledge.word_index import stem


def facts_answer(q: Question, index: KnowledgeIndex) -> Answer:
    """The documents' own sentences that best answer the question, as passages; nothing below the floor.
    A question for a date or a number is answered by sentences holding one."""
    result = Answer(q, "facts")
    scores = _fact_scores(q, index)
    # how well the documents cover the question decides whether there is an answer
    if not scores.size or float(scores.max()) < FACT_FLOOR + penalty(q):
        return result
    shown = _fact_sentences(_typed(scores, q, index), index, q.answer_type)
    first = shown[0].source if shown else ""
    shown = sorted(shown, key=lambda p: (p.source != first, p.paragraph if p.source == first else 0))
    if q.counted and q.answer_type == "number":
        counted = [_with_count(passage, q.counted) for passage in shown]
        # the sentences giving the number asked for answer it; the rest only led up to them
        shown = [passage for passage in counted if passage.figure] or shown
    for passage in shown:
        if result.groups and result.groups[-1].key == passage.source:
            result.groups[-1].claims.append(passage)
        else:
            result.groups.append(Group(passage.source, index.outlet(passage.source), [passage]))
    return result


def _fact_scores(q: Question, index: KnowledgeIndex) -> np.ndarray:
    """Per passage, how well it fits the question; -1 outside the sources the question names."""
    semantic = index.semantic
    if not q.sources:
        return semantic.score_passages(q.vector, q.words)[0]
    wanted = [index.source_code[doc] for doc in q.sources if doc in index.source_code]
    inside = np.isin(semantic.passage_source, wanted)
    scores, _found = semantic.score_passages(q.vector, q.words, best_of=inside)
    return np.where(inside, scores, -1.0) if scores.size else scores


def _typed(scores: np.ndarray, q: Question, index: KnowledgeIndex) -> np.ndarray:
    """Among the sentences, one holding the date or number asked for comes first; for a count, one giving
    a number of the very thing counted ("12.400 Zuschauer") before one merely naming it."""
    semantic = index.semantic
    scores = scores + PARAGRAPH_WEIGHT * semantic.paragraph_share(q.words)
    if q.answer_type:
        scores = np.where(semantic.holds(q.answer_type), scores, scores - ANSWER_TYPE_PENALTY)
    if q.counted:
        scores = scores + COUNTED_BONUS * semantic.counting(q.counted)
    if q.answer_unit is not None and scores.size:  # of the best sentences, those giving the measure's units
        top = np.argsort(-scores)[:UNIT_CANDIDATES]
        given = np.array([bool(q.answer_unit.search(semantic.passages[k].text)) for k in top.tolist()])
        scores = scores.copy()
        scores[top[given]] += UNIT_BONUS
    return scores


def _fact_sentences(scores: np.ndarray, index: KnowledgeIndex, answer_type: str | None = None) -> list[Claim]:
    """The best sentences close to the best one; the best one with the next in its paragraph, which often holds
    the answer it leads up to ("… feiert sein Jubiläum. Nach seiner Gründung am 3. März 1987 …"), and with the one
    before where it goes on from that one ("… wird 541 Meter betragen. Damit wird der Turm der höchste …")."""
    passages = index.semantic.passages
    order = np.argsort(-scores)[:FACT_SENTENCES * 4].tolist()
    best = float(scores[order[0]])
    top = passages[order[0]]
    shown = [top]
    before = passages[order[0] - 1] if order[0] > 0 else None
    if before is not None and (before.source, before.paragraph) == (top.source, top.paragraph) and (
            _GOES_ON.match(top.text) or (answer_type and not index.semantic.holds(answer_type)[order[0]])):
        shown.insert(0, before)
    following = order[0] + 1 < len(passages) and passages[order[0] + 1]
    if following and (following.source, following.paragraph) == (top.source, top.paragraph):
        shown.append(following)
    limit = len(shown) - 1 + FACT_SENTENCES
    for k in order[1:]:
        if scores[k] < best - FACT_MARGIN or len(shown) >= limit:
            break
        if passages[k] not in shown:
            shown.append(passages[k])
    return shown


#: a sentence that goes on from the one before it ("Damit wird der Turm der höchste …")
_GOES_ON = re.compile(r"(?:Damit|Dadurch|Dabei|Somit|Demnach|Deshalb|Daher|Dafür|Danach|Dies|Diese[rs]?)\b")

#: weight of the share of the question's words the sentence's paragraph holds, in ranking the sentences
PARAGRAPH_WEIGHT = 0.2
#: how much a sentence giving a number of the thing a count question counts gains
COUNTED_BONUS = 0.3


#: how much a sentence giving a number in the units the measure asked for gains ("541 Meter" for "wie hoch"), among
#: how many of the best
UNIT_BONUS = 0.2
UNIT_CANDIDATES = 40

#: how much a sentence without the date or number a question asks for loses
ANSWER_TYPE_PENALTY = 0.25


#: a number and the next word or two, for the noun it counts ("498.000 Haushalten", "12.400 begeisterte Zuschauer")
_COUNTED = re.compile(rf"(?i:{NUMBER.pattern})\s+(?:[a-zäöüß]\w*\s+)?(?P<noun>[A-ZÄÖÜ][\w\-]+)")


def _with_count(passage: Claim, counted: str) -> Claim:
    """A sentence answering "wie viele Haushalte" with the number it gives of them, as the passage's figure."""
    part = stem(counted)
    for match in _COUNTED.finditer(passage.text):
        value = parse_number(match.group("num"))
        if value is not None and fold_query(match.group("noun")).startswith(part):
            figure = Figure(value=value, low=None, high=None, qualifier=None, unit=match.group("noun"), scope=None,
                            measure="count")
            return replace(passage, figure=figure)
    return passage
