"""From an understood question to the claims that answer it, and nothing else.

The engine picks claims; `handlers.replies` words them. An answer never pads: when no claim
fits, it is empty and says why (an unknown name, a count the sources never give), with the
closest known name as a suggestion.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from difflib import SequenceMatcher
from functools import partial

import numpy as np
from rapidfuzz import fuzz, process

from knowledge.described import belonging_words
from knowledge.index import KnowledgeIndex
from knowledge.model import Claim, Entity
from knowledge.questions import Question, load_dictionary, parse_question
from knowledge.vocabulary import fold_query

PAGE = 8
#: how far below the best-matching claim a claim may score and still answer "who said …?"
PHRASE_MARGIN = 6
#: claims kept behind /more; an answer with thousands of hits is narrowed by asking again, not by paging
MORE = 120
#: Floors of the combined score (cosine plus word share, `semantic`) below which nothing answers the question,
#: and how far below the best answer an answer may score and still be shown. Calibrated on the development
#: questions, those that must get nothing included (BENCHMARKS.md, "Calibration").
FACT_FLOOR = 0.42
FACT_MARGIN = 0.2
SAID_FLOOR = 0.42
SAID_MARGIN = 0.12
THAT_MARGIN = 0.06
FIGURE_FLOOR = 0.42
FIGURE_MARGIN = 0.15
#: how much higher the floors stand for a question naming something no document holds ("Marrakesch")
UNHEARD_PENALTY = 0.15
#: sentences shown for a fact question
FACT_SENTENCES = 3


@dataclass(slots=True)
class Group:
    """Claims under one heading: a source (figures, statements) or a speaker (who said)."""

    key: str  # document id or entity id
    title: str
    claims: list[Claim]
    note: str | None = None


@dataclass(slots=True)
class Answer:
    question: Question
    intent: str
    groups: list[Group] = field(default_factory=list)
    sources: list[str] = field(default_factory=list)
    more: list[Group] = field(default_factory=list)  # what did not fit on the first page, up to MORE claims
    hidden: int = 0  # claims that did not fit on the first page, all of them
    figure_range: tuple[int, int] | None = None
    most_cited: list[tuple[int, int]] = field(default_factory=list)  # (value, number of sources)
    note: str | None = None
    choices: list[Entity] = field(default_factory=list)

    @property
    def claims(self) -> list[Claim]:
        seen: set[str] = set()
        result = []
        for group in self.groups:
            for claim in group.claims:
                if claim.id not in seen:
                    seen.add(claim.id)
                    result.append(claim)
        return result


def answer(text: str, index: KnowledgeIndex, lang: str | None = None) -> Answer:
    q = parse_question(text, index, lang)
    handler = {
        "figures": _figures, "statements": _statements, "who_said": _who_said, "quoted_in": _quoted_in,
        "sources": _sources, "facts": _facts,
    }.get(q.intent)
    result = handler(q, index) if handler else Answer(q, q.intent)
    if q.intent == "figures" and not result.groups and q.vector is not None and not (q.entities or q.sources):
        q.intent = "facts"  # a count no figure holds may still stand in a sentence ("34.812 Zuschauer")
        result = _facts(q, index)
    if q.intent not in ("help", "sources") and not result.groups and result.intent != "help":
        result.intent = "none"
    if not result.sources:
        result.sources = list(dict.fromkeys(c.source for c in result.claims))
    return result


def prepare(index: KnowledgeIndex) -> None:
    """Compute what does not depend on the asker (the overview of each measure's figures) once, and
    load the word list question understanding needs, so no asker waits for either."""
    load_dictionary()
    if index.semantic.ready:  # the model and the example questions, loaded before the first asker waits
        from knowledge.intents import examples

        examples(index.snapshot.vectors)
        index.near_word("")  # the fuzzy vocabularies of the documents and of the roles
        index.role_word_share(["vorsitzende"])
    for measure, pool in index.numbered.items():
        index.memo(("figures", measure), partial(_figures_by_source, pool, index))


def _paginate(result: Answer, groups: list[Group], limit: int = PAGE, total: int | None = None) -> None:
    """The first `limit` claims on the page, the next MORE behind /more; `total` counts groups not built."""
    shown = kept = 0
    for group in groups:
        room = max(limit - shown, 0)
        if room:
            page = group.claims[:room]
            result.groups.append(group if len(page) == len(group.claims) else
                                 Group(group.key, group.title, page, group.note))
            shown += len(page)
        rest = group.claims[room:][:MORE - kept]
        if rest:
            result.more.append(Group(group.key, group.title, rest, group.note))
            kept += len(rest)
    result.hidden = (sum(len(g.claims) for g in groups) if total is None else total) - shown


def _figures(q: Question, index: KnowledgeIndex) -> Answer:
    result = Answer(q, "figures")
    entity_ids = {e.id for e in q.entities}
    # start from the smallest list that can hold the answer: a speaker's or a source's claims, else all figures
    keys = index.figure_key
    if entity_ids or q.sources:
        if entity_ids:
            positions = sorted(i for eid in entity_ids for i in index.by_entity.get(eid, ()))
        else:
            positions = sorted(i for doc in q.sources for i in index.by_source.get(doc, ()))
        measure = q.measure
        pool = [i for i in positions if i in keys and getattr(index.claims[i].figure, "measure", None) == measure]
        if q.sources:
            pool = [i for i in pool if index.claims[i].source in q.sources]
        if entity_ids:
            pool = [i for i in pool if index.claims[i].entity in entity_ids]
    else:
        pool = index.numbered.get(q.measure, [])
    if q.vector is not None and q.words and pool:
        pool = _relevant_figures(pool, q, index)
        if not pool:
            return result
        groups, cited = _figures_by_source(pool, index, ranked=True)
        _paginate(result, list(groups), limit=24)
        if cited:
            result.figure_range = (min(cited), max(cited))
            result.most_cited = [(v, n) for v, n in cited.most_common(3) if n > 1]
        return result
    if q.scope and pool:
        stems = [w[:-2] if len(w) > 6 and w.endswith(("en", "er", "es")) else w for w in q.scope]
        # claims holding each stem, from the word index where it can tell; else claim by claim
        hits = dict.fromkeys(pool, 0)
        for stem in stems:
            holding = index.positions_containing(stem)
            if holding is None:
                found = {i for i in pool if index.matches_words(index.claims[i], [stem])}
            else:
                found = set(holding.tolist())
            for i in (found if len(found) < len(hits) else hits):
                if i in found and i in hits:
                    hits[i] += 1
        best = max(hits.values(), default=0)
        scoped = [i for i in pool if best and hits[i] == best]
        if scoped:
            pool = scoped
        elif not (q.sources or entity_ids):
            result.note = "scope_unmatched"
    if pool is index.numbered.get(q.measure):  # every figure of the measure: the same for every asker
        grouped = index.memo(("figures", q.measure), lambda: _figures_by_source(pool, index))
    else:
        grouped = _figures_by_source(pool, index)
    groups, cited = grouped
    _paginate(result, list(groups), limit=24)
    if cited:  # over every source, those behind /more too
        result.figure_range = (min(cited), max(cited))
        result.most_cited = [(v, n) for v, n in cited.most_common(3) if n > 1]
    return result


def _relevant_figures(pool: list[int], q: Question, index: KnowledgeIndex) -> list[int]:
    """The figures of the pool most like the question, best first: places and scopes rank, and only figures far
    below the best drop out; none when even the best is unrelated (a count of an event no document reports)."""
    scores, _found = index.semantic.score_claims(q.vector, q.words)
    ranked = sorted(pool, key=lambda i: -scores[i])
    best = float(scores[ranked[0]])
    if best < FIGURE_FLOOR + _penalty(q) and not (q.sources or q.entities):
        return []
    # every figure related to the question stays (the overview is never emptied by a scope word), best first
    return [i for i in ranked if scores[i] >= min(best - FIGURE_MARGIN, FIGURE_FLOOR)]


def _figures_by_source(pool: list[int], index: KnowledgeIndex, *, ranked: bool = False
                       ) -> tuple[tuple[Group, ...], Counter[int]]:
    """Figure claims by source, one per distinct number and qualifier; how many sources cite each number.
    Sources in id order, or, for a `ranked` pool, in the order of their best figure."""
    keys = index.figure_key
    by_source: dict[str, list[Claim]] = {}
    given: dict[str, list[tuple[frozenset[int], str | None]]] = {}
    for i in pool:
        claim = index.claims[i]
        known = given.get(claim.source)
        if known is None:
            known = given[claim.source] = []
            by_source[claim.source] = []
        if keys[i] not in known:
            by_source[claim.source].append(claim)
            known.append(keys[i])
    cited: Counter[int] = Counter()
    for known in given.values():
        cited.update({v for numbers, _qualifier in known for v in numbers})
    ordered = by_source.items() if ranked else sorted(by_source.items())
    return tuple(Group(doc, index.outlet(doc), claims) for doc, claims in ordered), cited


def _on_topic(positions: np.ndarray, q: Question, index: KnowledgeIndex) -> np.ndarray:
    """The positions whose text holds a stem of every topic word; failing that, of any topic word."""
    if not q.topic or not positions.size:
        return positions
    per_word = []
    for stems in q.topic:
        holds = np.zeros(positions.size, dtype=bool)
        for stem in stems:
            found = index.positions_containing(stem)
            if found is None:  # a stem with a space or a short one: claim by claim
                holds |= np.fromiter((index.matches_words(index.claims[i], [stem]) for i in positions.tolist()),
                                     dtype=bool, count=positions.size)
            else:
                holds |= np.isin(positions, found, assume_unique=True)
        per_word.append(holds)
    every = np.logical_and.reduce(per_word)
    return positions[every] if every.any() else positions[np.logical_or.reduce(per_word)]


def _statements(q: Question, index: KnowledgeIndex) -> Answer:
    result = Answer(q, "statements")
    targets = q.entities or q.ambiguous
    if q.ambiguous:
        result.choices = list(q.ambiguous)
    groups: list[Group] = []
    total = 0
    # what a speaker said together with another ("Nordbank und Südbank") follows what it said alone
    joint = [index.entities[j] for e in targets for j in index.joint.get(e.id, ())]
    for entity in [*targets, *(j for k, j in enumerate(joint) if j not in targets and j not in joint[:k])]:
        positions = np.array(index.by_entity.get(entity.id, []), dtype=np.int32)
        if q.sources:
            positions = index.in_sources(positions, q.sources)
        spoken = positions[~index.is_figure[positions]]
        ranked = q.vector is not None and bool(q.words)
        if q.topic and (not ranked or _topic_known(q, index)):
            # the topic's words stand in the claims: they decide ("Blinken über Putin" is nothing if he never
            # names him); words no claim holds ("the radioactive water") leave it to the ranking by meaning,
            # and so do an English topic's common words, which German claims do not hold ("the attack on the bus")
            on_topic = _on_topic(spoken if spoken.size else positions, q, index)
            if on_topic.size or not (ranked and _topic_by_meaning(q, index)):
                spoken, ranked = on_topic, False
        if not spoken.size:
            continue
        _first, unique = np.unique(index.text_id[spoken], return_index=True)  # one claim per text, the first
        spoken = spoken[np.sort(unique)]
        if ranked:  # by meaning: what the asker asks about first, nothing dropped
            scores, _found = index.semantic.score_claims(q.vector, q.words)
            found = _ranked_groups(index, spoken[np.argsort(-scores[spoken], kind="stable")][:PAGE + 2 + MORE])
        else:
            found = _source_groups(index, spoken, PAGE + 2 + MORE)
        for group in found:
            group.note = entity.name
        groups += found
        total += spoken.size
    if q.topic and not groups and targets:
        result.note = "topic_unmatched"
    _paginate(result, groups, limit=PAGE if len(targets) == 1 else PAGE + 2, total=total)
    if q.mentioned_only and not q.ambiguous:
        result.choices = [*targets, *(Entity(id="", name=n, kind="person") for n in q.mentioned_only)]
    return result


def _topic_by_meaning(q: Question, index: KnowledgeIndex) -> bool:
    """Whether an English question's topic is only common English words, no name ("Putin") the claims would
    hold as written."""
    return q.lang == "en" and not set(q.topic_words) & set(belonging_words(q.text, index, q.lang))


def _topic_known(q: Question, index: KnowledgeIndex) -> bool:
    return any(index.has_stem(s) for group in q.topic for s in group)


def _topic_hits(q: Question, index: KnowledgeIndex) -> np.ndarray | None:
    """Claims holding the topic's words: all of them where some claim has them all, else the rarer word's."""
    ids: np.ndarray | None = None
    for group in q.topic:
        hits = index.union([index.claims_with_stem(s) for s in group])
        # a word no document uses decides for nothing: "Merkel über Panzer" is not about Panzer alone
        both = hits if ids is None else np.intersect1d(ids, hits, assume_unique=True)
        ids = both if both.size or ids is None else (ids if ids.size <= hits.size else hits)
    return ids


def _ranked_groups(index: KnowledgeIndex, positions: np.ndarray) -> list[Group]:
    """Claims best first, a new group whenever the source changes."""
    groups: list[Group] = []
    for i in positions.tolist():
        claim = index.claims[i]
        if not groups or groups[-1].key != claim.source:
            groups.append(Group(claim.source, index.outlet(claim.source), []))
        groups[-1].claims.append(claim)
    return groups


def _source_groups(index: KnowledgeIndex, positions: np.ndarray, limit: int) -> list[Group]:
    """Claims grouped by source: the source with a quote (then the earliest paragraph) first, each in
    paragraph order, ties in position order. Only the groups holding the first `limit` claims are built.
    """
    sources = index.source_of[positions]
    paragraphs = index.paragraph[positions]
    _codes, first_seen, inverse = np.unique(sources, return_index=True, return_inverse=True)
    order_key = np.where(index.is_quote[positions], 0, 1).astype(np.int64) << 32 | paragraphs
    best = np.full(first_seen.size, np.iinfo(np.int64).max, dtype=np.int64)
    np.minimum.at(best, inverse, order_key)
    order = np.lexsort((positions, paragraphs, first_seen[inverse], best[inverse]))[:limit]
    groups: list[Group] = []
    for i in positions[order].tolist():
        claim = index.claims[i]
        if not groups or groups[-1].key != claim.source:
            groups.append(Group(claim.source, index.outlet(claim.source), []))
        groups[-1].claims.append(claim)
    return groups


def _penalty(q: Question) -> float:
    return UNHEARD_PENALTY if q.unheard else 0.0


def _facts(q: Question, index: KnowledgeIndex) -> Answer:
    """The documents' own sentences that best answer the question, as passages; nothing below the floor.
    A question for a date or a number is answered by sentences holding one."""
    result = Answer(q, "facts")
    scores = _fact_scores(q, index)
    # how well the documents cover the question decides whether there is an answer
    if not scores.size or float(scores.max()) < FACT_FLOOR + _penalty(q):
        return result
    shown = _fact_sentences(_typed(scores, q, index), index)
    first = shown[0].source if shown else ""
    shown = sorted(shown, key=lambda p: (p.source != first, p.paragraph if p.source == first else 0))
    for passage in shown:
        if result.groups and result.groups[-1].key == passage.source:
            result.groups[-1].claims.append(passage)
        else:
            result.groups.append(Group(passage.source, index.outlet(passage.source), [passage]))
    return result


def _fact_scores(q: Question, index: KnowledgeIndex) -> np.ndarray:
    """Per passage, how well it fits the question; -1 outside the sources the question names."""
    semantic = index.semantic
    scores, _found = semantic.score_passages(q.vector, q.words)
    if q.sources and scores.size:
        wanted = [index.source_code[doc] for doc in q.sources if doc in index.source_code]
        scores = np.where(np.isin(semantic.passage_source, wanted), scores, -1.0)
    return scores


def _typed(scores: np.ndarray, q: Question, index: KnowledgeIndex) -> np.ndarray:
    """Among the sentences, one holding the date or number asked for comes first; for a count, one giving
    a number of the very thing counted ("34.812 Zuschauer") before one merely naming it."""
    semantic = index.semantic
    scores = scores + PARAGRAPH_WEIGHT * semantic.paragraph_share(q.words)
    if q.answer_type:
        scores = np.where(semantic.holds(q.answer_type), scores, scores - ANSWER_TYPE_PENALTY)
    if q.counted:
        scores = scores + COUNTED_BONUS * semantic.counting(q.counted)
    return scores


def _fact_sentences(scores: np.ndarray, index: KnowledgeIndex) -> list[Claim]:
    """The best sentences close to the best one; the best one with the next in its paragraph, which often holds
    the answer it leads up to ("… feiert ihren 40. Geburtstag. Nach ihrer Gründung am 4. Dezember 1964 …")."""
    passages = index.semantic.passages
    order = np.argsort(-scores)[:FACT_SENTENCES * 4].tolist()
    best = float(scores[order[0]])
    shown = [passages[order[0]]]
    following = order[0] + 1 < len(passages) and passages[order[0] + 1]
    if following and following.source == shown[0].source and following.paragraph == shown[0].paragraph:
        shown.append(following)
    limit = len(shown) - 1 + FACT_SENTENCES
    for k in order[1:]:
        if scores[k] < best - FACT_MARGIN or len(shown) >= limit:
            break
        if passages[k] not in shown:
            shown.append(passages[k])
    return shown


#: weight of the share of the question's words the sentence's paragraph holds, in ranking the sentences
PARAGRAPH_WEIGHT = 0.2
#: how much a sentence giving a number of the thing a count question counts gains
COUNTED_BONUS = 0.3


#: how much a sentence without the date or number a question asks for loses
ANSWER_TYPE_PENALTY = 0.25


def _who_said_by_meaning(q: Question, index: KnowledgeIndex) -> Answer:
    """Who spoke about a topic, or who said what the question paraphrases: statements ranked by meaning and
    words. "Who said that …" shows the best match's speaker only; a topic shows every speaker close to it."""
    result = Answer(q, "who_said")
    if q.mode == "that":
        scores, _found = index.semantic.score_claims(q.vector, q.words)
    else:  # who spoke about a topic: the sentence framing a statement may be what names the topic
        scores, _found = index.semantic.score_with_sentences(q.vector, q.words)
    spoken = np.flatnonzero(index.speaker_code >= 0).astype(np.int32)
    hits = _topic_hits(q, index) if q.topic else None
    held = np.intersect1d(spoken, hits, assume_unique=True) if hits is not None else spoken[:0]
    if held.size:  # claims holding the topic's words: every one is an answer, ranked by meaning
        spoken = held
    if q.sources:
        spoken = index.in_sources(spoken, q.sources)
    if not spoken.size:
        return result
    ranked = spoken[np.argsort(-scores[spoken], kind="stable")][:PAGE * 8 if not held.size else PAGE + MORE]
    best = float(scores[ranked[0]])
    if not held.size and best < SAID_FLOOR + _penalty(q):
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
    _paginate(result, groups, total=total)
    return result


def _who_said(q: Question, index: KnowledgeIndex) -> Answer:
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
        ids = _topic_hits(q, index)
        order = ids if ids is not None else order
        if q.sources:
            order = index.in_sources(order, q.sources)
        order = _one_speaker_per_utterance(index, order)
    groups, total = _speaker_groups(index, order, ranked=q.phrase is not None)
    _paginate(result, groups, total=total)
    return result


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


def _quoted_in(q: Question, index: KnowledgeIndex) -> Answer:
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
    _paginate(result, groups, limit=16)
    result.sources = list(q.sources)
    return result


def _sources(q: Question, index: KnowledgeIndex) -> Answer:
    result = Answer(q, "sources")
    result.sources = sorted(index.sources)
    return result
