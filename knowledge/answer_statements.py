"""What a speaker said: their statements, on the topic asked about where the question names one.

A topic's words decide where the claims hold them ("Blinken über Putin" is nothing if he never names
him); otherwise, and for an English topic of common words, the statements are ranked by meaning.
"""

from __future__ import annotations

import re

import numpy as np

from knowledge.answer_context import said_in_context
from knowledge.answer_model import MORE, PAGE, Answer, Group, paginate
from knowledge.described import belonging_words
from knowledge.embeddings import encode_one
from knowledge.index import KnowledgeIndex
from knowledge.model import Entity
from knowledge.question_model import Question
from knowledge.vocabulary import fold_query


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


def statements_answer(q: Question, index: KnowledgeIndex) -> Answer:
    result = Answer(q, "statements")
    targets = q.entities or q.ambiguous
    if q.ambiguous:
        result.choices = list(q.ambiguous)
    groups: list[Group] = []
    total = 0
    # what a speaker said together with another ("Nordbank und Südbank") follows what it said alone
    joint = [index.entities[j] for e in targets for j in [*index.joint.get(e.id, ()), *_bodies_of(e, index)]]
    for entity in [*targets, *(j for k, j in enumerate(joint) if j not in targets and j not in joint[:k])]:
        positions = np.array(index.by_entity.get(entity.id, []), dtype=np.int32)
        if q.sources:
            positions = index.in_sources(positions, q.sources)
        spoken = positions[~index.is_figure[positions]]
        spoken, ranked = _spoken_on_topic(q, index, spoken, positions)
        if not spoken.size:
            continue
        _first, unique = np.unique(index.text_id[spoken], return_index=True)  # one claim per text, the first
        spoken = spoken[np.sort(unique)]
        if ranked:  # by meaning: what the asker asks about first, nothing dropped
            scores, _found = index.semantic.score_claims(q.vector, q.words, best_of=spoken)
            found = _ranked_groups(index, spoken[np.argsort(-scores[spoken], kind="stable")][:PAGE + 2 + MORE])
        else:
            found = _source_groups(index, spoken, PAGE + 2 + MORE)
        for group in found:
            group.note = entity.name
        groups += found
        total += spoken.size
    if q.topic and not groups and targets:
        result.note = "topic_unmatched"
    paginate(result, groups, limit=PAGE if len(targets) == 1 else PAGE + 2, total=total)
    if q.mentioned_only and not q.ambiguous:
        result.choices = [*targets, *(Entity(id="", name=n, kind="person") for n in q.mentioned_only)]
    return result


def _bodies_of(entity: Entity, index: KnowledgeIndex) -> list[str]:
    """Speakers named as somebody's body or office ("Agentur von Anna Beispiel", "Büro des Ministers"): what they
    say speaks for that person, after the person's own words."""
    bodies = index.memo(("bodies",), lambda: _bodies(index))
    return [b for b in bodies.get(fold_query(entity.name), ()) if b != entity.id]


def _bodies(index: KnowledgeIndex) -> dict[str, list[str]]:
    found: dict[str, list[str]] = {}
    for entity_id in index.by_entity:
        entity = index.entities.get(entity_id)
        m = _BODY_OF.search(entity.name) if entity is not None else None
        if m:
            found.setdefault(fold_query(m.group(1)), []).append(entity_id)
    return found


#: a speaker's name that names whom it belongs to: "Agentur von …", "Büro des …"
_BODY_OF = re.compile(r"^\w[\w\-]* (?:von|des|der) ((?:[A-ZÄÖÜ][\w\-.]* ?){1,3})$")


def _spoken_on_topic(q: Question, index: KnowledgeIndex, spoken: np.ndarray, positions: np.ndarray
                     ) -> tuple[np.ndarray, bool]:
    """A speaker's statements on the question's topic, and whether they are to be ranked by meaning.

    The topic's words stand in the claims: they decide ("Blinken über Putin" is nothing if he never names
    him). Failing that, a statement whose paragraph reports the topic counts ("… after the hostage-taking
    ended"); then words no claim holds ("the radioactive water") and an English topic's common words, which
    German claims do not hold ("the attack on the bus"), leave it to the meaning of the speaker's statements,
    one of which must come close enough ("… about the weather" is nothing).
    """
    ranked = q.vector is not None and bool(q.words)
    known = bool(q.topic) and _topic_known(q, index)
    if not q.topic or not (known or (ranked and index.semantic.ready)):
        return spoken, ranked
    on_topic = _on_topic(spoken if spoken.size else positions, q, index) if known else spoken[:0]
    if on_topic.size:
        return on_topic, False
    in_context = said_in_context(q, index, spoken, topic_names(q, index))
    if in_context.size:
        return in_context, ranked
    if not (ranked and spoken.size and index.semantic.ready and (not known or _topic_by_meaning(q, index))):
        return on_topic, False
    topic = _ABOUT.search(q.text)
    phrase = topic.group(1) if topic is not None else " ".join(q.topic_words)
    closest = float((index.semantic.claim_vectors[spoken] @ encode_one(phrase)).max())
    return (spoken, True) if closest >= TOPIC_BY_MEANING_FLOOR else (on_topic, False)


#: what an English question asks a speaker about ("… say about the attack on the bus")
_ABOUT = re.compile(r"\b(?:about|on|regarding|concerning)\s+(.{3,})$", re.IGNORECASE)
#: how close in meaning (cosine) a speaker's best statement must come to an English topic none of their statements
#: holds the words of: related statements score 0.2 to 0.4, unrelated ones below 0.1 (development questions)
TOPIC_BY_MEANING_FLOOR = 0.15


def _topic_by_meaning(q: Question, index: KnowledgeIndex) -> bool:
    """Whether an English question's topic is only common English words, no name ("Putin") the claims would
    hold as written."""
    return q.lang == "en" and not set(q.topic_words) & set(belonging_words(q.text, index, q.lang, as_written=True))


def topic_names(q: Question, index: KnowledgeIndex) -> list[str]:
    """The topic's words a paragraph must hold to be on it: in English the names ("Gallois", "ASEM"), since
    German paragraphs do not hold the English words."""
    written = set(belonging_words(q.text, index, q.lang, as_written=True)) if q.lang == "en" else None
    # "lebensmittelklarheit.de": the documents' words part at the dot
    return [part for w in q.topic_words if written is None or w in written
            for part in re.findall(r"\w{3,}", w)]


def _topic_known(q: Question, index: KnowledgeIndex) -> bool:
    return any(index.has_stem(s) for group in q.topic for s in group)


def topic_hits(q: Question, index: KnowledgeIndex) -> np.ndarray | None:
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
