"""Who said a phrase, who spoke about a topic, who said what the question paraphrases; who is quoted
in a source.

A quoted phrase is found by its words; a topic or a paraphrase by meaning and words together, above
the calibrated floor. One utterance credited to two speakers is shown once.
"""

from __future__ import annotations

from difflib import SequenceMatcher

import numpy as np
from rapidfuzz import fuzz, process

from knowledge.answer_context import claims_in_context
from knowledge.answer_model import (
    MORE,
    PAGE,
    PHRASE_MARGIN,
    SAID_FLOOR,
    SAID_MARGIN,
    THAT_MARGIN,
    Answer,
    Group,
    paginate,
    penalty,
)
from knowledge.answer_statements import topic_hits, topic_names
from knowledge.described import rare_word
from knowledge.index import KnowledgeIndex
from knowledge.model import Claim
from knowledge.question_model import Question
from knowledge.vocabulary import fold_query


def _who_said_by_meaning(q: Question, index: KnowledgeIndex) -> Answer:
    """Who spoke about a topic, or who said what the question paraphrases: statements ranked by meaning and
    words. "Who said that …" shows the best match's speaker only; a topic shows every speaker close to it."""
    result = Answer(q, "who_said")
    everyone = _of_stance(index, np.flatnonzero(index.speaker_code >= 0).astype(np.int32), q.stance)
    hits = topic_hits(q, index) if q.topic else None
    worded = np.intersect1d(everyone, hits, assume_unique=True) if hits is not None else everyone[:0]
    held = worded
    if q.topic and q.mode != "that":  # and who spoke in an article on the topic, where it tells articles apart
        around = claims_in_context(q, index, [w for w in topic_names(q, index) if rare_word(w, index)])
        if around.size:
            among = np.zeros(len(index.claims), dtype=bool)
            among[everyone] = True
            held = np.union1d(worded, around[among[around]]).astype(np.int32)
    if q.sources:
        everyone, held = index.in_sources(everyone, q.sources), index.in_sources(held, q.sources)
        worded = index.in_sources(worded, q.sources)
    if not everyone.size:
        return result
    ranking = held if held.size else everyone if q.sources else None  # the claims ranked, where not all are
    if q.mode == "that":
        scores, _found = index.semantic.score_claims(q.vector, q.words, best_of=ranking)
    else:  # who spoke about a topic: the sentence framing a statement may be what names the topic
        scores, _found = index.semantic.score_with_sentences(q.vector, q.words, best_of=ranking)
    spoken = everyone
    if held.size:
        # claims holding the topic's words (or said in an article on it) are every one an answer, ranked by
        # meaning; a claim in other words that fits better than all those holding the words is one too
        # ("Welche Waffen …?" → "… Artilleriesysteme geliefert")
        better = everyone[scores[everyone] > scores[worded].max()] if worded.size else everyone[:0]
        spoken = np.union1d(held, better).astype(np.int32)
    ranked = spoken[np.argsort(-scores[spoken], kind="stable")][:PAGE * 8 if not held.size else PAGE + MORE]
    best = float(scores[ranked[0]])
    if not held.size and best < SAID_FLOOR + penalty(q):
        return result
    if held.size and q.mode != "that":
        kept = ranked
    elif q.mode == "that":
        top = index.speaker_code[ranked[0]]
        kept = ranked[(scores[ranked] >= best - THAT_MARGIN) & (index.speaker_code[ranked] == top)][:3]
    else:
        # the best answer clears the floor; those close to it are heard too (a topic has many voices)
        kept = ranked[scores[ranked] >= best - SAID_MARGIN][:PAGE]
    order = _one_speaker_per_utterance(index, kept)
    groups, total = _speaker_groups(index, order, ranked=True)
    paginate(result, groups, total=total)
    return result


def who_said_answer(q: Question, index: KnowledgeIndex) -> Answer:
    if q.vector is not None and not q.phrase:
        return _who_said_by_meaning(q, index)
    result = Answer(q, "who_said")
    order = np.zeros(0, dtype=np.int32)
    if q.phrase:
        needle = fold_query(q.phrase)
        # only the claims the word-pair index proposes are scored, in claim order, so ties rank as in a full scan
        spoken = index.phrase_candidates(needle)
        spoken = spoken[index.speaker_code[spoken] >= 0]
        scored = [(score, k) for _text, score, k in process.extract(
            needle, [index.folded[i] for i in spoken.tolist()], scorer=fuzz.partial_ratio, score_cutoff=85,
            limit=None)]
        scored.sort(key=lambda t: (-t[0], t[1]))
        # the words as asked, not words like them elsewhere: a claim holding the phrase outranks near misses
        best = scored[0][0] if scored else 100
        kept = [k for score, k in scored if score >= best - PHRASE_MARGIN]
        order = _one_speaker_per_utterance(index, spoken[kept])[:PAGE]
    elif q.topic:
        ids = topic_hits(q, index)
        order = _of_stance(index, ids, q.stance) if ids is not None else order
        if q.sources:
            order = index.in_sources(order, q.sources)
        order = _one_speaker_per_utterance(index, order)
    groups, total = _speaker_groups(index, order, ranked=q.phrase is not None)
    paginate(result, groups, total=total)
    return result


def _of_stance(index: KnowledgeIndex, positions: np.ndarray, stance: str | None) -> np.ndarray:
    """ "Who denied …?": the statements of that stance among the positions, where there are any (else all of
    them: the documents may report the denial in words the extractor read as a plain statement)."""
    if stance is None:
        return positions
    of_stance = index.memo(("stance", stance), lambda: np.fromiter(
        (c.stance == stance for c in index.claims), dtype=bool, count=len(index.claims)))  # once per store
    mask = of_stance[positions]
    return positions[mask] if mask.any() else positions


def _one_speaker_per_utterance(index: KnowledgeIndex, positions: np.ndarray) -> np.ndarray:
    """The positions without the second reading of one utterance: where the extractor credited the same
    words of a paragraph to two speakers ("…“, zitiert die Zeitung den Minister), the person keeps them,
    else the claim holding the other's words; a reply never says two speakers said the same thing."""
    if positions.size < 2:
        return positions
    keys = index.source_of[positions].astype(np.int64) << 32 | index.paragraph[positions]
    _unique, counts = np.unique(keys, return_counts=True)
    shared = set(_unique[counts > 1].tolist())
    if not shared:
        return positions
    by_paragraph: dict[int, list[int]] = {}
    for key, i in zip(keys.tolist(), positions.tolist(), strict=True):
        if key in shared:
            by_paragraph.setdefault(key, []).append(i)
    dropped: set[int] = set()
    for rivals in by_paragraph.values():
        words = {i: index.utterance(i) for i in rivals}
        # who keeps shared words: a person before any other kind of speaker, one named before one guessed
        # from a pronoun, then the longer text, then the earlier
        rank = {i: (index.claims[i].speaker_kind != "person", (index.claims[i].mention or "").lower() in _PRONOUNS,
                    -len(words[i]), i) for i in rivals}
        for i in rivals:
            if any(j != i and rank[j] < rank[i] and (
                    index.text_id[j] == index.text_id[i] if index.speaker_code[j] == index.speaker_code[i]
                    else _same_words(words[i], words[j])) for j in rivals):
                dropped.add(i)
    return positions[~np.isin(positions, list(dropped))] if dropped else positions


_PRONOUNS = frozenset({"er", "sie", "es", "ihr", "ihm", "ihn", "ihnen", "man", "wir", "ich", "dieser", "diese"})


def _same_words(a: str, b: str) -> bool:
    """Whether two claims hold one utterance: most of the shorter one's words stand in the other in one run."""
    short, long = sorted((a, b), key=len)
    if short in long:
        return True
    match = SequenceMatcher(None, short, long, autojunk=False).find_longest_match(0, len(short), 0, len(long))
    return match.size >= 30 and match.size >= 0.6 * len(short)


def _speaker_groups(index: KnowledgeIndex, positions: np.ndarray, *, ranked: bool = False) -> tuple[list[Group], int]:
    """Claims grouped by speaker, the speaker with most quotes first, then by name; in a group, quotes
    first, then by paragraph, ties in the given order. Positions `ranked` best first (a quoted phrase's
    matches) put the speaker of the best one first. Only the groups the page and /more show are built.
    """
    codes = index.speaker_code[positions]
    positions, codes = positions[codes >= 0], codes[codes >= 0]
    if not positions.size:
        return [], 0
    quoted = index.is_quote[positions]
    quotes = np.bincount(codes, weights=quoted, minlength=len(index.speaker_keys))
    first = np.full(len(index.speaker_keys), positions.size, dtype=np.int64)
    if ranked:
        np.minimum.at(first, codes, np.arange(positions.size))
    order = np.lexsort((np.arange(positions.size), index.paragraph[positions], ~quoted,
                        index.speaker_rank[codes], -quotes[codes], first[codes]))[:PAGE + MORE]
    groups: list[Group] = []
    for code, claim in zip(codes[order].tolist(), (index.claims[i] for i in positions[order].tolist()), strict=True):
        key = index.speaker_keys[code]
        if not groups or groups[-1].key != key:
            groups.append(Group(key, index.speaker_titles[code], []))
        groups[-1].claims.append(claim)
    return groups, int(positions.size)


def quoted_in_answer(q: Question, index: KnowledgeIndex) -> Answer:
    result = Answer(q, "quoted_in")
    groups = []
    for doc in q.sources:
        first: dict[str, Claim] = {}
        for i in index.by_source.get(doc, []):
            claim = index.claims[i]
            if claim.kind == "figure" or not claim.speaker:
                continue
            key = claim.entity or claim.speaker
            if key not in first or (claim.kind == "quote" and first[key].kind != "quote"):
                first[key] = claim
        if first:
            groups.append(Group(doc, index.outlet(doc), sorted(first.values(), key=lambda c: c.paragraph)))
    paginate(result, groups, limit=16)
    result.sources = list(q.sources)
    return result


def sources_answer(q: Question, index: KnowledgeIndex) -> Answer:
    result = Answer(q, "sources")
    result.sources = sorted(index.sources)
    return result
