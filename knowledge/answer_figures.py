"""Figure answers: the numbers each source gives for what a question counts, best fitting first.

A figure question keeps every figure of its measure that relates to it; places and scopes in the
question rank figures, they never empty the per-source overview.
"""

from __future__ import annotations

from collections import Counter

import numpy as np

from knowledge.answer_model import FIGURE_FLOOR, FIGURE_MARGIN, Answer, Group, paginate, penalty
from knowledge.index import KnowledgeIndex
from knowledge.model import Claim
from knowledge.question_model import Question

#: a word held by at most one document in this many names the story, not the kind of event
RARE_SHARE = 100


def figures_answer(q: Question, index: KnowledgeIndex) -> Answer:
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
        if q.also_measures and q.vector is not None and q.words and not q.values:  # ranked below, by meaning
            pool = sorted({*pool, *(i for m in q.also_measures for i in index.numbered.get(m, []))})
    if q.values:  # "Wer nennt 12.000 Soldaten?": every figure that gives one of those numbers
        giving = _giving(index)
        pool = [i for i in pool if any(i in giving.get(v, ()) for v in q.values)]
    if q.vector is not None and q.words and pool and not q.values:
        pool = _relevant_figures(pool, q, index)
        if not pool:
            return result
        groups, cited = figures_by_source(pool, index, ranked=True)
        paginate(result, list(groups), limit=24)
        result.best = index.claims[pool[0]]
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
        grouped = index.memo(("figures", q.measure), lambda: figures_by_source(pool, index))
    else:
        grouped = figures_by_source(pool, index)
    groups, cited = grouped
    paginate(result, list(groups), limit=24)
    if cited:  # over every source, those behind /more too
        result.figure_range = (min(cited), max(cited))
        result.most_cited = [(v, n) for v, n in cited.most_common(3) if n > 1]
    return result


def _giving(index: KnowledgeIndex) -> dict[int, set[int]]:
    """Per number, the figure claims that give it (as value or bound), worked out once per store."""
    def build() -> dict[int, set[int]]:
        giving: dict[int, set[int]] = {}
        for i in index.figure_key:
            f = index.claims[i].figure
            for v in {f.value, f.low, f.high} if f is not None else ():
                if v is not None:
                    giving.setdefault(v, set()).add(i)
        return giving
    return index.memo(("giving",), build)


def _relevant_figures(pool: list[int], q: Question, index: KnowledgeIndex) -> list[int]:
    """The figures of the pool most like the question, best first: places and scopes rank, and only figures far
    below the best drop out; none when even the best is unrelated (a count of an event no document reports)."""
    positions = np.array(pool, dtype=np.int64)
    scores, _found = index.semantic.score_claims(q.vector, q.words, among=positions)
    ranked = positions[np.argsort(-scores[positions], kind="stable")]  # ties in pool order
    best = float(scores[ranked[0]])
    if best < FIGURE_FLOOR + penalty(q) and not (q.sources or q.entities):
        return []
    # every figure related to the question stays (the overview is never emptied by a scope word), best first
    kept: list[int] = ranked[scores[ranked] >= min(best - FIGURE_MARGIN, FIGURE_FLOOR)].tolist()
    return kept + _same_story(ranked, kept, q, index)


def _same_story(ranked: np.ndarray, kept: list[int], q: Question, index: KnowledgeIndex) -> list[int]:
    """Figures of the pool from other documents on the story the best figure's document tells: they hold
    every rare word of the question that it holds (the storm's name), whatever their sentence says
    ("Offiziellen Angaben zufolge wurden 1.450 Menschen … getötet" after "… dem Tropensturm „Mirela“")."""
    semantic = index.semantic
    documents = semantic.documents
    best_doc = int(semantic.claim_source[ranked[0]])
    rare: list[set[int]] = []
    for word in q.words:
        holders = set(semantic.documents_holding(word).tolist())
        if best_doc in holders and 1 < len(holders) <= max(2, documents // RARE_SHARE):
            rare.append(holders)
    if not rare:
        return []
    story = set.intersection(*rare)
    taken = set(kept)
    return [i for i in ranked.tolist() if i not in taken and int(semantic.claim_source[i]) in story]


def figures_by_source(pool: list[int], index: KnowledgeIndex, *, ranked: bool = False
                       ) -> tuple[tuple[Group, ...], Counter[int]]:
    """Figure claims by source, one per distinct number, qualifier and stance; how many sources cite each number
    (a number a source disputes or would not confirm is shown, never counted). Sources in id order, or, for a
    `ranked` pool, in the order of their best figure."""
    keys = index.figure_key
    by_source: dict[str, list[Claim]] = {}
    given: dict[str, list[tuple[tuple[frozenset[int], str | None], str | None]]] = {}
    for i in pool:
        claim = index.claims[i]
        known = given.get(claim.source)
        if known is None:
            known = given[claim.source] = []
            by_source[claim.source] = []
        if (keys[i], claim.stance) not in known:
            by_source[claim.source].append(claim)
            known.append((keys[i], claim.stance))
    cited: Counter[int] = Counter()
    for known in given.values():
        cited.update({v for (numbers, _qualifier), stance in known if stance is None for v in numbers})
    ordered = by_source.items() if ranked else sorted(by_source.items())
    return tuple(Group(doc, index.outlet(doc), claims) for doc, claims in ordered), cited
