"""In-memory indexes over one store snapshot, built once so each question costs milliseconds.

Names, aliases, surnames and roles of entities are folded for fuzzy lookup; claims are
indexed by entity, by document, by folded word (numpy arrays of positions, for topics and
scopes) and by pairs of neighbouring words (for quoted phrases). numpy columns per claim
(speaker, quote or not, paragraph, source) let an answer group thousands of hits at once.
Filling it is `knowledge.index_build`; word and phrase lookups are `knowledge.word_lookup`.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TypeVar

import numpy as np
from rapidfuzz import fuzz, process

from knowledge import postings
from knowledge.entities import name_key
from knowledge.folding import Choices, body_key, fold, nationalities
from knowledge.index_build import build_index
from knowledge.model import Claim, Entity, Source
from knowledge.semantic import SemanticIndex
from knowledge.store import Snapshot
from knowledge.vocabulary import fold_query
from knowledge.word_index import stem
from knowledge.word_lookup import LETTERS, PHRASE_BUDGET, WordLookups
from knowledge.word_pairs import WordPairs

T = TypeVar("T")
_Choices = Choices  # the name the index's fields were declared with

__all__ = ["PHRASE_BUDGET", "Choices", "KnowledgeIndex", "NameHit", "body_key", "fold"]


@dataclass(slots=True)
class NameHit:
    entity: Entity
    score: float
    matched: str


@dataclass
class KnowledgeIndex(WordLookups):
    snapshot: Snapshot
    claims: list[Claim] = field(default_factory=list)
    entities: dict[str, Entity] = field(default_factory=dict)
    by_entity: dict[str, list[int]] = field(default_factory=lambda: defaultdict(list))
    by_source: dict[str, list[int]] = field(default_factory=lambda: defaultdict(list))
    by_word: dict[str, np.ndarray] = field(default_factory=dict)  # word of 3+ characters -> sorted positions
    # figure claims that give a number: their numbers and qualifier, and their positions by measure
    figure_key: dict[int, tuple[frozenset[int], str | None]] = field(default_factory=dict)
    numbered: dict[str, list[int]] = field(default_factory=lambda: defaultdict(list))
    name_choices: list[str] = field(default_factory=list)
    name_owner: list[str] = field(default_factory=list)
    key_owner: dict[tuple[str, ...], set[str]] = field(default_factory=lambda: defaultdict(set))
    role_choices: list[str] = field(default_factory=list)
    role_owner: list[str] = field(default_factory=list)
    outlet_choices: list[str] = field(default_factory=list)
    outlet_owner: list[str] = field(default_factory=list)
    mentioned: dict[str, set[str]] = field(default_factory=lambda: defaultdict(set))
    exact_tokens: dict[str, set[str]] = field(default_factory=lambda: defaultdict(set))
    canonical_names: dict[str, list[str]] = field(default_factory=lambda: defaultdict(list))  # folded name -> ids
    joint: dict[str, list[str]] = field(default_factory=lambda: defaultdict(list))  # entity -> "it and another"
    spokespeople: dict[str, list[str]] = field(default_factory=lambda: defaultdict(list))  # folded body -> ids
    # speed: folded claim texts (and figure scopes) by position, claim objects to positions,
    # the vocabulary sorted (and joined, for substring search), fuzzy choices, outlet labels
    folded: list[str] = field(default_factory=list)
    folded_scope: dict[int, str] = field(default_factory=dict)
    position: dict[int, int] = field(default_factory=dict)
    vocabulary: list[str] = field(default_factory=list)
    _vocabulary_text: str = ""
    _vocabulary_starts: list[int] = field(default_factory=list)
    _names: _Choices = field(default_factory=lambda: _Choices([]))
    _outlets: _Choices = field(default_factory=lambda: _Choices([]))
    _vocabulary_choices: _Choices = field(default_factory=lambda: _Choices([]))
    _outlet_of: dict[str, str] = field(default_factory=dict)
    _short_id: dict[str, str] = field(default_factory=dict)
    _statement_counts: dict[str, int] | None = None
    _mentions: dict[str, dict[str, str]] = field(default_factory=dict)
    _memo: dict[tuple, object] = field(default_factory=dict)
    _word_ids: dict[str, int] = field(default_factory=dict)  # every folded word, short ones too
    _pairs: WordPairs = field(default_factory=WordPairs)
    # who said what, by position: a code per speaker (-1: a figure, or nobody speaks), quote or not, paragraph
    speaker_code: np.ndarray = field(default_factory=lambda: np.zeros(0, dtype=np.int32))
    speaker_keys: list[str] = field(default_factory=list)  # entity id, else the speaker as written
    speaker_titles: list[str] = field(default_factory=list)
    speaker_rank: np.ndarray = field(default_factory=lambda: np.zeros(0, dtype=np.int32))  # order of titles
    is_quote: np.ndarray = field(default_factory=lambda: np.zeros(0, dtype=bool))
    is_figure: np.ndarray = field(default_factory=lambda: np.zeros(0, dtype=bool))
    text_id: np.ndarray = field(default_factory=lambda: np.zeros(0, dtype=np.int32))  # equal texts, equal ids
    _scope_words: dict[str, list[int]] = field(default_factory=dict)  # folded figure-scope word -> positions
    paragraph: np.ndarray = field(default_factory=lambda: np.zeros(0, dtype=np.int32))
    source_code: dict[str, int] = field(default_factory=dict)  # document id -> code
    source_of: np.ndarray = field(default_factory=lambda: np.zeros(0, dtype=np.int32))  # position -> source code
    semantic: SemanticIndex = field(default_factory=SemanticIndex)
    # stem of a figure unit's word -> the measures it counts, the most frequent first
    unit_measures: dict[str, list[str]] = field(default_factory=dict)

    @property
    def sources(self) -> dict[str, Source]:
        return self.snapshot.sources

    def __getstate__(self) -> dict:
        state = self.__dict__.copy()
        state["position"] = {}  # keyed by object identity: rebuilt by whoever loads the pickle
        state["by_word"] = postings.pack(self.by_word)
        return state

    def __setstate__(self, state: dict) -> None:
        state["by_word"] = postings.unpack(state["by_word"])
        self.__dict__.update(state)
        self.position = {id(claim): i for i, claim in enumerate(self.claims)}

    @classmethod
    def build(cls, snapshot: Snapshot) -> KnowledgeIndex:
        """The index of the snapshot: the one it came with from the store (`knowledge.index_cache`), else built."""
        if isinstance(snapshot.index, cls) and snapshot.index.snapshot is snapshot:
            return snapshot.index
        index = cls(snapshot=snapshot)
        build_index(index)
        return index

    def role_word_share(self, words: list[str]) -> np.ndarray:
        """Per role text of `semantic`, the share of the words it holds: the word itself, a word it begins
        ("direktor" in "Direktors"), or one a typo away ("traner" → "trainer")."""
        tokens = self.memo(("role tokens",), lambda: _Choices(sorted({
            t for text in self.semantic.role_text for t in LETTERS.findall(fold(text)) if len(t) >= 3})))
        by_token = self.memo(("role token owners",), lambda: self._role_token_owners())
        share = np.zeros(len(self.semantic.role_text), dtype=np.float32)
        for word in words:
            hit = np.zeros(len(share), dtype=bool)
            similar = {choice for choice, _score, _pos in tokens.ratio(word, 80, None)}
            similar.update(t for t in by_token if len(word) >= 4 and (t.startswith(word[:5]) or (word.startswith(t)
                                                                       and len(t) >= 5)))
            for token in similar:
                hit[by_token[token]] = True
            share += hit
        return share / max(len(words), 1)

    def _role_token_owners(self) -> dict[str, list[int]]:
        owners: dict[str, list[int]] = defaultdict(list)
        for k, text in enumerate(self.semantic.role_text):
            for token in set(LETTERS.findall(fold(text))):
                if len(token) >= 3:
                    owners[token].append(k)
        return owners

    def near_word(self, word: str) -> bool:
        """Whether a document holds the folded word or one a typo away (fuzz.ratio >= 85): "traner" is "trainer"."""
        choices = self.memo(("passage vocabulary",), lambda: _Choices(self.semantic.passage_words.vocabulary))
        return bool(choices.ratio(word, 85, 1)) or bool(self._vocabulary_choices.ratio(word, 85, 1))

    def measure_of_unit(self, word: str) -> str | None:
        """The figure measure counted in units like the word ("Gefangene" → prisoners), if figures count it."""
        measures = self.measures_of_unit(word)
        return measures[0] if measures else None

    def measures_of_unit(self, word: str) -> list[str]:
        """Every figure measure counted in units like the word, the most frequent first ("Menschen": casualties,
        people, refugees …)."""
        part = stem(fold(word))
        if len(part) < 4:
            return []
        for unit, measures in self.unit_measures.items():
            if unit.startswith(part) or (len(unit) >= 5 and part.startswith(unit)):
                return measures
        return []

    def speaking_for(self, phrase: str) -> list[Entity]:
        """The speakers who speak for the body the phrase names ("Nordbank" → "Sprecherin der Nordbank")."""
        return [self.entities[i] for i in self.spokespeople.get(body_key(phrase), ())]

    def _add_name(self, folded: str, entity_id: str) -> None:
        self.name_choices.append(folded)
        self.name_owner.append(entity_id)

    # ------------------------------------------------------------------ lookups

    def find_entities(self, phrase: str, cutoff: float = 80) -> list[NameHit]:
        """Entities whose name, alias or surname matches the phrase (typos and transliterations too)."""
        folded = fold_query(phrase)
        hits: dict[str, NameHit] = {}
        key = name_key(phrase)
        if sum(len(k) for k in key) >= 4:  # same spelling key: a transliteration ("Tschechow", "Chekhov")
            for eid in self.key_owner.get(key, ()):
                hits[eid] = NameHit(self.entities[eid], 95.0, phrase)
        for eid in self.exact_tokens.get(folded, ()):  # a given or family name written exactly ("Kim")
            hits[eid] = NameHit(self.entities[eid], 100.0, folded)
        if len(folded) >= 3:
            for choice, score, pos in self._names.ratio(folded, cutoff, 10):
                eid = self.name_owner[pos]
                if eid not in hits or hits[eid].score < score:
                    hits[eid] = NameHit(self.entities[eid], score, choice)
        return sorted(hits.values(), key=lambda h: -h.score)

    def named_exactly(self, phrase: str) -> list[Entity]:
        """The speakers whose whole name is the phrase ("Hashim Berg" in "Kosovos Hashim Berg")."""
        return [self.entities[eid] for eid in self.canonical_names.get(fold_query(phrase), ())]

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
            asked, given = nationalities(folded), nationalities(choice)
            if asked and given and not asked & given:
                continue  # a French minister is not the Belgian one
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
        for choice, _score, pos in self._outlets.ratio(folded, cutoff, 10):
            doc = self.outlet_owner[pos]
            if doc not in found and (len(choice) > 2 or choice == folded):
                found.append(doc)
        return found

    def memo(self, key: tuple, compute: Callable[[], T]) -> T:
        """A result that depends on the snapshot alone, computed on first use (the snapshot never changes)."""
        if key not in self._memo:
            self._memo[key] = compute()
        return self._memo[key]  # type: ignore[return-value]

    def mentions(self, token: str) -> dict[str, str]:
        """Names the texts mention with this folded word in them, each with its folded form (folded once)."""
        found = self._mentions.get(token)
        if found is None:
            found = self._mentions[token] = {n: fold_query(n) for n in self.mentioned.get(token, ())}
        return found

    def statement_counts(self) -> dict[str, int]:
        """Statements (quotes and paraphrases) per document, counted once per snapshot."""
        if self._statement_counts is None:
            counts: dict[str, int] = {}
            for claim in self.claims:
                if claim.kind != "figure":
                    counts[claim.source] = counts.get(claim.source, 0) + 1
            self._statement_counts = counts
        return self._statement_counts

    def in_sources(self, positions: np.ndarray, docs: list[str]) -> np.ndarray:
        """The positions whose claim comes from one of the documents."""
        wanted = [self.source_code[doc] for doc in docs if doc in self.source_code]
        return positions[np.isin(self.source_of[positions], wanted)]

    def short_id(self, doc_id: str) -> str:
        """The prefix of the document's id ("003") where no other document shares it, else the whole id."""
        return self._short_id.get(doc_id) or doc_id

    def outlet(self, doc_id: str) -> str:
        """The outlet's name where known, else the document's short id ("003")."""
        known = self._outlet_of.get(doc_id)
        return known if known is not None else doc_id.split("_")[0]
