"""From an understood question to the claims that answer it, and nothing else.

The engine picks claims; `handlers.replies` words them. An answer never pads: when no claim
fits, it is empty and says why (an unknown name, a count the sources never give), with the
closest known name as a suggestion.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from rapidfuzz import fuzz, process

from knowledge.index import KnowledgeIndex
from knowledge.model import Claim, Entity
from knowledge.questions import Question, parse_question
from knowledge.vocabulary import fold_query

PAGE = 8


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
    more: list[Group] = field(default_factory=list)  # what did not fit on the first page
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
        "sources": _sources,
    }.get(q.intent)
    result = handler(q, index) if handler else Answer(q, q.intent)
    if q.intent not in ("help", "sources") and not result.groups and result.intent != "help":
        result.intent = "none"
    if not result.sources:
        result.sources = list(dict.fromkeys(c.source for c in result.claims))
    return result


def _paginate(result: Answer, groups: list[Group], limit: int = PAGE) -> None:
    shown = 0
    for group in groups:
        room = limit - shown
        if room <= 0:
            result.more.append(group)
            continue
        if len(group.claims) > room:
            result.more.append(Group(group.key, group.title, group.claims[room:], group.note))
            group = Group(group.key, group.title, group.claims[:room], group.note)
        result.groups.append(group)
        shown += len(group.claims)


def _numbers(claim: Claim) -> set[int]:
    f = claim.figure
    return {v for v in (f.value, f.low, f.high) if isinstance(v, int)} if f else set()


def _matches_words(claim: Claim, stems: list[str], index: KnowledgeIndex | None = None) -> bool:
    if index is not None:  # the claim's text folded once, when the index was built
        return index.matches_words(claim, stems)
    hay = fold_query(f"{claim.text} {claim.figure.scope if claim.figure and claim.figure.scope else ''}")
    return any(s in hay for s in stems)


def _figures(q: Question, index: KnowledgeIndex) -> Answer:
    result = Answer(q, "figures")
    entity_ids = {e.id for e in q.entities}
    # start from the smallest list that can hold the answer: a speaker's or a source's claims, else all figures
    if entity_ids:
        positions = sorted(i for eid in entity_ids for i in index.by_entity.get(eid, ()))
    elif q.sources:
        positions = sorted(i for doc in q.sources for i in index.by_source.get(doc, ()))
    else:
        positions = index.figures_by_measure.get(q.measure, [])
    pool = [c for i in positions if (c := index.claims[i]).figure and c.figure.measure == q.measure and _numbers(c)]
    if q.sources:
        pool = [c for c in pool if c.source in q.sources]
    if entity_ids:
        pool = [c for c in pool if c.entity in entity_ids]
    if q.scope and pool:
        stems = [w[:-2] if len(w) > 6 and w.endswith(("en", "er", "es")) else w for w in q.scope]
        # claims holding each stem, from the word index where it can tell; else claim by claim
        holding = [index.positions_containing(s) for s in stems]

        def matched(claim: Claim) -> int:
            i = index.position_of(claim)
            return sum(_matches_words(claim, [s], index) if found is None or i is None else i in found
                       for s, found in zip(stems, holding, strict=True))

        hits = {c.id: matched(c) for c in pool}
        best = max(hits.values(), default=0)
        scoped = [c for c in pool if best and hits[c.id] == best]
        if scoped:
            pool = scoped
        elif not (q.sources or entity_ids):
            result.note = "scope_unmatched"
    by_source: dict[str, list[Claim]] = {}
    given: dict[str, list[tuple[set[int], str | None]]] = {}  # numbers and qualifier of each bucket's claims
    for claim in pool:
        bucket = by_source.setdefault(claim.source, [])
        known = given.setdefault(claim.source, [])
        key = (_numbers(claim), claim.figure.qualifier)
        if key not in known:
            bucket.append(claim)
            known.append(key)
    groups = [Group(doc, index.outlet(doc), claims) for doc, claims in sorted(by_source.items())]
    _paginate(result, groups, limit=24)
    values = [v for c in result.claims for v in _numbers(c)]
    if values:
        result.figure_range = (min(values), max(values))
        cited = Counter()
        for group in groups:
            for v in {v for numbers, _qualifier in given[group.key] for v in numbers}:
                cited[v] += 1
        result.most_cited = [(v, n) for v, n in cited.most_common(3) if n > 1]
    return result


def _statement_order(claim: Claim) -> tuple[int, int]:
    return (0 if claim.kind == "quote" else 1, claim.paragraph)


def _filter_topic(claims: list[Claim], q: Question, index: KnowledgeIndex | None = None) -> list[Claim]:
    if not q.topic:
        return claims
    all_groups = [c for c in claims if all(_matches_words(c, g, index) for g in q.topic)]
    return all_groups or [c for c in claims if any(_matches_words(c, g, index) for g in q.topic)]


def _statements(q: Question, index: KnowledgeIndex) -> Answer:
    result = Answer(q, "statements")
    targets = q.entities or q.ambiguous
    if q.ambiguous:
        result.choices = list(q.ambiguous)
    groups: list[Group] = []
    for entity in targets:
        claims = [index.claims[i] for i in index.by_entity.get(entity.id, [])]
        if q.sources:
            claims = [c for c in claims if c.source in q.sources]
        spoken = [c for c in claims if c.kind != "figure"] or claims
        spoken = _filter_topic(spoken, q, index)
        if not spoken:
            continue
        seen_text: set[str] = set()
        unique = []
        for c in spoken:
            if c.text not in seen_text:
                seen_text.add(c.text)
                unique.append(c)
        by_source: dict[str, list[Claim]] = {}
        for c in unique:
            by_source.setdefault(c.source, []).append(c)
        for doc in sorted(by_source, key=lambda d: min(_statement_order(c) for c in by_source[d])):
            claims_here = sorted(by_source[doc], key=lambda c: c.paragraph)
            groups.append(Group(doc, index.outlet(doc), claims_here, note=entity.name))
    if q.topic and not groups and targets:
        result.note = "topic_unmatched"
    _paginate(result, groups, limit=PAGE if len(targets) == 1 else PAGE + 2)
    if q.mentioned_only and not q.ambiguous:
        result.choices = [*targets, *(Entity(id="", name=n, kind="person") for n in q.mentioned_only)]
    return result


def _who_said(q: Question, index: KnowledgeIndex) -> Answer:
    result = Answer(q, "who_said")
    candidates: list[Claim] = []
    if q.phrase:
        needle = fold_query(q.phrase)
        # only claims that can match are scored, in claim order, so ties rank as in a full scan
        spoken = [i for i in index.phrase_candidates(needle)
                  if index.claims[i].kind != "figure" and index.claims[i].speaker]
        scored = [(score, k) for _text, score, k in process.extract(
            needle, [index.folded[i] for i in spoken], scorer=fuzz.partial_ratio, score_cutoff=85, limit=None)]
        scored.sort(key=lambda t: (-t[0], t[1]))
        candidates = [index.claims[spoken[k]] for _, k in scored[:PAGE]]
    elif q.topic:
        ids: set[int] | None = None
        for group in q.topic:
            hits = set().union(*(index.claims_with_stem(s) for s in group))
            # all topic words where some claim has them all; else the rarer word decides
            ids = hits if ids is None else (ids & hits or min(ids, hits, key=len))
        candidates = [index.claims[i] for i in sorted(ids or set())]
        candidates = [c for c in candidates if c.kind != "figure" and c.speaker]
        if q.sources:
            candidates = [c for c in candidates if c.source in q.sources]
    by_speaker: dict[str, list[Claim]] = {}
    for claim in candidates:
        by_speaker.setdefault(claim.entity or claim.speaker or "", []).append(claim)
    groups = []
    for key, claims in by_speaker.items():
        claims.sort(key=_statement_order)
        entity = index.entities.get(key)
        groups.append(Group(key, entity.name if entity else claims[0].speaker or "?", claims))
    groups.sort(key=lambda g: (-sum(c.kind == "quote" for c in g.claims), g.title))
    _paginate(result, groups)
    return result


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
