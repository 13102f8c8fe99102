"""Whom and what a question names: speakers by their names (typos, other spellings and surnames forgiven),
sources by outlet or document id, and speakers by a role the rules know ("der Kremlsprecher")."""

from __future__ import annotations

import re

from knowledge import dictionary
from knowledge.index import KnowledgeIndex, NameHit
from knowledge.model import Entity
from knowledge.question_model import Question
from knowledge.vocabulary import STOP, fold_query, translate_role

_ROLE_AFTER = re.compile(r"\b(?:der|die|das|den|dem|the)\s+((?:[\w\-]+\s+){0,3}[\w\-]+)")
_SYNONYMS = (("geheimdienst", "nachrichtendienst"), ("nachrichtendienst", "geheimdienst"),
             ("verteidigungsministerium", "pentagon"), ("regierung", "regierungsvertreter"))


def candidate_phrases(content: list[str]) -> list[str]:
    """Word n-grams, longest first, for matching names that span several words."""
    return [" ".join(content[start:end]) for start, end in _candidate_spans(len(content))]


def _candidate_spans(n: int) -> list[tuple[int, int]]:
    """(start, end) of the word n-grams `candidate_phrases` makes, in the same order."""
    return [(i, i + size) for size in (3, 2, 1) for i in range(n - size + 1)]


def match_names(q: Question, content: list[str], index: KnowledgeIndex, at: list[int] | None = None) -> None:
    """Entities the content words name; `at` holds each word's position in the question, so a word
    standing right before a full name is read as what qualifies it ("Greenpeace Martin Berg",
    "Richter Klaus Berg", "Kosovos Hashim Berg"), not as a second speaker asked about."""
    at = at if at is not None else list(range(len(content)))
    used: set[str] = set()
    matched: list[tuple[int, int, list[Entity]]] = []  # first and last position of the words, their entities
    namesakes: dict[str, list[str]] = {}  # entity id -> people only mentioned who share its surname
    for start, end in _candidate_spans(len(content)):
        phrase = " ".join(content[start:end])
        parts = phrase.split()
        if any(p in used for p in parts) or len(phrase) < 3:
            continue
        persons = _name_hits(phrase, index)
        if not persons and (spokespeople := index.speaking_for(phrase)):
            # a body that never speaks itself, through whoever speaks for it ("Sprecherin der Nordbank")
            used.update(parts)
            matched.append((at[start], at[end - 1], spokespeople))
            q.entities.extend(e for e in spokespeople if e not in q.entities)
            continue
        if not persons:
            persons = _mentioned(q, phrase, index, used)
            if not persons:
                continue
        top = persons[0].score
        # by name among equals, so a choice reads the same every run (hits come from sets)
        tied = sorted((h for h in persons if h.score >= top - 3), key=lambda h: (-h.score, h.entity.name))
        used.update(parts)
        matched.append((at[start], at[end - 1], [h.entity for h in tied]))
        if len(tied) > 1:
            q.ambiguous.extend(h.entity for h in tied if h.entity not in q.ambiguous)
        elif tied[0].entity not in q.entities:
            q.entities.append(tied[0].entity)
            if len(parts) == 1:
                namesakes[tied[0].entity.id] = _namesakes(tied[0].entity, parts[0], index)
    _settle(q, matched, namesakes)
    _unknown(q, [w for w in content if w not in used and len(w) >= 4 and w[:1].isalpha()], index)


def _name_hits(phrase: str, index: KnowledgeIndex) -> list[NameHit]:
    """The speakers the phrase names, best first; a single dictionary word ("ersten", "Westen") must be
    nearly exact to count as a name."""
    parts = phrase.split()
    need = 80 if len(parts) > 1 else (88 if common_word(phrase) else 80)
    hits = index.find_entities(phrase, cutoff=need)
    for variant in _synonym_variants(phrase):
        hits = sorted([*hits, *index.find_entities(variant, cutoff=need)], key=lambda h: -h.score)
    return [h for h in hits if h.score >= need and (len(parts) > 1 or h.score >= 95 or (
        h.matched[:1] == phrase[:1] and len(phrase) >= 4 and not (h.entity.kind != "person" and
                                                                   _other_form(phrase, h.matched))))]


def _other_form(word: str, name: str) -> bool:
    """Another form of the word a speaker label is: "berichtet" does not name who "Berichten" zufolge said."""
    stem = next((k for k, (a, b) in enumerate(zip(word.lower(), name.lower(), strict=False)) if a != b),
                min(len(word), len(name)))
    return stem >= max(5, min(len(word), len(name)) - 2) and common_word(word) and common_word(name)


def _mentioned(q: Question, phrase: str, index: KnowledgeIndex, used: set[str]) -> list[NameHit]:
    """A full name the texts mention but never quote ("Anna Maria Berg") is not its surname's speaker (it is
    noted as mentioned only); one that ends in a speaker's whole name ("Kosovos Hashim Berg") is that speaker."""
    parts = phrase.split()
    mentioned = [n for n, folded in index.mentions(parts[0]).items() if folded == phrase and len(parts) > 1]
    if not mentioned:
        return []
    ending = next((found for k in range(1, len(parts)) if (found := index.named_exactly(" ".join(parts[k:])))), [])
    if len(ending) != 1:
        q.mentioned_only.extend(n for n in sorted(mentioned) if n not in q.mentioned_only)
        used.update(parts)
        return []
    return [NameHit(ending[0], 100.0, phrase)]


def _namesakes(entity: Entity, surname: str, index: KnowledgeIndex) -> list[str]:
    """People only mentioned whom the texts also call by the surname ("Berg" -> Anna Maria Berg)."""
    own = {fold_query(entity.name), *(fold_query(a) for a in entity.aliases)}
    return sorted({n for n, folded in index.mentions(surname).items() if folded not in own})[:3]


def _settle(q: Question, matched: list[tuple[int, int, list[Entity]]], namesakes: dict[str, list[str]]) -> None:
    """Drop the speakers that only qualify the next full name, note the namesakes of the rest, and keep a
    choice between speakers only where the question names nobody else."""
    qualifiers = {e.id for first, last, found in matched for other_first, other_last, names in matched
                  if last + 1 == other_first and other_last > other_first and len(names) == 1
                  and names[0].kind == "person" for e in found}
    if qualifiers:
        q.entities = [e for e in q.entities if e.id not in qualifiers]
        q.ambiguous = [e for e in q.ambiguous if e.id not in qualifiers]
    for entity_id, names in namesakes.items():
        if entity_id not in qualifiers:
            q.mentioned_only.extend(n for n in names if n not in q.mentioned_only)
    if q.ambiguous:
        q.entities = [e for e in q.entities if e not in q.ambiguous]
        if len(q.entities) + len(q.ambiguous) > 1 and q.entities:
            q.ambiguous = []


def _unknown(q: Question, unknown: list[str], index: KnowledgeIndex) -> None:
    """Words that named nobody, when nobody was found: the name asked about, and the closest known name."""
    if q.entities or q.ambiguous or not unknown:
        return
    q.unknown_name = " ".join(unknown[:3])
    for phrase in candidate_phrases(unknown)[:6]:
        near = index.find_entities(phrase, cutoff=72)
        if near:
            q.suggestion = near[0].entity.name
            break


def _synonym_variants(phrase: str) -> list[str]:
    return [phrase.replace(a, b) for a, b in _SYNONYMS if a in phrase and len(phrase.split()) > 1]


def load_dictionary() -> None:
    """Open the German word list now, not during somebody's first question."""
    dictionary.load()


def common_word(word: str) -> bool:
    return dictionary.is_german_word(word) or dictionary.is_german_word(word.capitalize())


def match_sources(content: list[str], index: KnowledgeIndex) -> list[str]:
    found: list[str] = []
    for phrase in candidate_phrases(content):
        for doc in index.find_sources(phrase, cutoff=88 if len(phrase) <= 4 else 85):
            if doc not in found:
                found.append(doc)
    return found


def match_role(q: Question, folded: str, index: KnowledgeIndex) -> None:
    folded = translate_role(folded)
    for m in _ROLE_AFTER.finditer(folded):
        role = m.group(1)
        role_words = [w for w in role.split() if w not in STOP or w.endswith(("isch", "ische", "ischen"))]
        role = " ".join(w for w in role.split() if w not in ("sagen", "gesagt", "say", "said"))
        if not role_words:
            continue
        hits = index.find_roles(role)
        if hits:
            top = hits[0].score
            q.entities = [h.entity for h in hits if h.score >= top - 0.5][:3]
            return
