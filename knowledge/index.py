"""In-memory indexes over one store snapshot, built once so each question costs milliseconds.

Names, aliases, surnames and roles of entities are folded for fuzzy lookup; claims are
indexed by entity, by document and by folded word stems for topic search.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, field

from rapidfuzz import fuzz, process

from knowledge.entities import name_key, name_tokens
from knowledge.extraction.lexicon import ADVERBS, DETERMINERS, PREPOSITIONS, SUBORDINATORS, role_head
from knowledge.model import Claim, Entity, Source
from knowledge.store import Snapshot
from knowledge.vocabulary import fold_query, words

_FUNCTION_WORDS = PREPOSITIONS | DETERMINERS | ADVERBS | SUBORDINATORS | {"und", "oder", "aber", "doch"}
_NAME_IN_TEXT = re.compile(r"\b([A-ZÄÖÜ][\w\-]+(?:\s+[A-ZÄÖÜ][\w\-]+){1,3})")


def _nationalities(folded: str) -> set[str]:
    return {m.group(1) for m in re.finditer(r"([a-z\-]+isch)(?:e|en|er|es|em)?\b", folded)}


@dataclass(slots=True)
class NameHit:
    entity: Entity
    score: float
    matched: str


@dataclass
class KnowledgeIndex:
    snapshot: Snapshot
    claims: list[Claim] = field(default_factory=list)
    entities: dict[str, Entity] = field(default_factory=dict)
    by_entity: dict[str, list[int]] = field(default_factory=lambda: defaultdict(list))
    by_source: dict[str, list[int]] = field(default_factory=lambda: defaultdict(list))
    by_word: dict[str, set[int]] = field(default_factory=lambda: defaultdict(set))
    figures: list[int] = field(default_factory=list)
    name_choices: list[str] = field(default_factory=list)
    name_owner: list[str] = field(default_factory=list)
    key_owner: dict[tuple[str, ...], set[str]] = field(default_factory=lambda: defaultdict(set))
    role_choices: list[str] = field(default_factory=list)
    role_owner: list[str] = field(default_factory=list)
    outlet_choices: list[str] = field(default_factory=list)
    outlet_owner: list[str] = field(default_factory=list)
    mentioned: dict[str, set[str]] = field(default_factory=lambda: defaultdict(set))

    @property
    def sources(self) -> dict[str, Source]:
        return self.snapshot.sources

    @classmethod
    def build(cls, snapshot: Snapshot) -> KnowledgeIndex:
        index = cls(snapshot=snapshot)
        index.claims = [c for c in snapshot.claims if c.section == "article"]
        index.entities = {e.id: e for e in snapshot.entities}
        for i, claim in enumerate(index.claims):
            if claim.entity:
                index.by_entity[claim.entity].append(i)
            index.by_source[claim.source].append(i)
            if claim.figure is not None:
                index.figures.append(i)
            for w in set(words(claim.text)):
                if len(w) >= 3:
                    index.by_word[w].add(i)
            for m in _NAME_IN_TEXT.finditer(claim.sentence or claim.text):
                toks = m.group(1).split()
                while toks and (toks[0].lower() in _FUNCTION_WORDS or role_head(toks[0])):
                    toks = toks[1:]
                if len(toks) < 2 or any(t.lower() in _FUNCTION_WORDS for t in toks):
                    continue
                for t in toks:
                    index.mentioned[fold_query(t)].add(" ".join(toks))
        for entity in snapshot.entities:
            if entity.id not in index.by_entity:
                continue
            names = {entity.name, *entity.aliases}
            for name in names:
                if len(name) > 60:
                    continue
                index._add_name(fold_query(name), entity.id)
                # a mention with a role ("Minister Kim") is matched whole, never word by word
                if name != entity.name and (len(name.split()) > 3 or any(role_head(w) for w in name.split())
                                            or name[:1].islower() or name.split()[0].lower() in _FUNCTION_WORDS):
                    continue
                index.key_owner[name_key(name)].add(entity.id)
                if entity.kind == "person":
                    for tok in name_tokens(name):
                        if len(tok) >= 3 and tok[:1].isupper():
                            index._add_name(fold_query(tok), entity.id)
                            index.key_owner[name_key(tok)].add(entity.id)
            described = [entity.name] if any(role_head(w) for w in entity.name.split()) else []
            for role in [*entity.roles, *described]:
                index.role_choices.append(fold_query(role))
                index.role_owner.append(entity.id)
        for doc_id, source in snapshot.sources.items():
            for label in {source.outlet, doc_id, doc_id.split("_")[0]}:
                if label and label != "unknown":
                    index.outlet_choices.append(fold_query(label))
                    index.outlet_owner.append(doc_id)
        return index

    def _add_name(self, folded: str, entity_id: str) -> None:
        self.name_choices.append(folded)
        self.name_owner.append(entity_id)

    # ------------------------------------------------------------------ lookups

    def find_entities(self, phrase: str, cutoff: float = 80) -> list[NameHit]:
        """Entities whose name, alias or surname matches the phrase (typos and transliterations too)."""
        folded = fold_query(phrase)
        hits: dict[str, NameHit] = {}
        key = name_key(phrase)
        if sum(len(k) for k in key) >= 4:  # same spelling key: a transliteration ("Lavrov", "Zelensky")
            for eid in self.key_owner.get(key, ()):
                hits[eid] = NameHit(self.entities[eid], 95.0, phrase)
        if len(folded) >= 3:
            for choice, score, pos in process.extract(folded, self.name_choices, scorer=fuzz.ratio,
                                                      score_cutoff=cutoff, limit=10):
                eid = self.name_owner[pos]
                if eid not in hits or hits[eid].score < score:
                    hits[eid] = NameHit(self.entities[eid], score, choice)
        return sorted(hits.values(), key=lambda h: -h.score)

    def find_roles(self, phrase: str, cutoff: float = 75) -> list[NameHit]:
        folded = fold_query(phrase)
        if not self.role_choices or len(folded) < 4:
            return []
        head = folded.split()[-1]
        hits: dict[str, NameHit] = {}
        for choice, score, pos in process.extract(folded, self.role_choices, scorer=fuzz.token_set_ratio,
                                                  score_cutoff=cutoff, limit=20):
            # the office itself must match ("Verteidigungsminister"), not just the nationality
            if not any(fuzz.ratio(head, tok) >= 85 or (len(head) > 5 and tok.endswith(head[-8:]))
                       for tok in choice.split()):
                continue
            asked, given = _nationalities(folded), _nationalities(choice)
            if asked and given and not asked & given:
                continue  # a North Korean minister is not the South Korean one
            # rank by the whole phrase, so "südkoreanischer Verteidigungsminister" beats a bare one
            eid = self.role_owner[pos]
            total = fuzz.ratio(folded, choice) + score / 100
            if eid not in hits or hits[eid].score < total:
                hits[eid] = NameHit(self.entities[eid], total, choice)
        return sorted(hits.values(), key=lambda h: -h.score)

    def find_sources(self, phrase: str, cutoff: float = 85) -> list[str]:
        folded = fold_query(phrase)
        if len(folded) < 2:
            return []
        found = []
        for choice, _score, pos in process.extract(folded, self.outlet_choices, scorer=fuzz.ratio,
                                                   score_cutoff=cutoff, limit=10):
            doc = self.outlet_owner[pos]
            if doc not in found and (len(choice) > 2 or choice == folded):
                found.append(doc)
        return found

    def outlet(self, doc_id: str) -> str:
        """The outlet's name where known, else the document's short id ("003")."""
        source = self.sources.get(doc_id)
        return source.outlet if source and source.outlet != "unknown" else doc_id.split("_")[0]

    def claims_with_stem(self, stem: str) -> set[int]:
        """Claims with a word starting with (or, for long stems, containing) the folded stem."""
        result: set[int] = set()
        for word, ids in self.by_word.items():
            if word.startswith(stem) or (len(stem) >= 5 and stem in word):
                result |= ids
        return result
