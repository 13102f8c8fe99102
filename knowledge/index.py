"""In-memory indexes over one store snapshot, built once so each question costs milliseconds.

Names, aliases, surnames and roles of entities are folded for fuzzy lookup; claims are
indexed by entity, by document, by folded word (numpy arrays of positions, for topics and
scopes) and by pairs of neighbouring words (for quoted phrases). numpy columns per claim
(speaker, quote or not, paragraph, source) let an answer group thousands of hits at once.
"""

from __future__ import annotations

import re
import unicodedata
from array import array
from bisect import bisect_left, bisect_right
from collections import Counter, defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from itertools import pairwise
from typing import TypeVar

import numpy as np
from rapidfuzz import fuzz, process

from knowledge import postings
from knowledge.entities import name_key, name_tokens
from knowledge.extraction.lexicon import ADVERBS, DETERMINERS, PREPOSITIONS, SUBORDINATORS, role_head
from knowledge.model import Claim, Entity, Source
from knowledge.semantic import SemanticIndex, stem
from knowledge.store import Snapshot
from knowledge.vocabulary import fold_query
from knowledge.word_pairs import WordPairs

T = TypeVar("T")

_FUNCTION_WORDS = PREPOSITIONS | DETERMINERS | ADVERBS | SUBORDINATORS | {"und", "oder", "aber", "doch"}
_NAME_IN_TEXT = re.compile(r"\b([A-ZÄÖÜ][\w\-]+(?:\s+[A-ZÄÖÜ][\w\-]+){1,3})")


# the pattern of `vocabulary.words`, applied to text folded once per claim
_WORD = re.compile(r"[\w][\w.\-]*[\w]|[\w]")
_LETTERS = re.compile(r"\w+")
#: claims a quoted phrase's rare words may bring in for scoring, beyond those holding its word pairs
PHRASE_BUDGET = 1000


#: heads of labels for who speaks for a body: "Sprecher des Amts", "Vertreterin der Stadt"
_SPEAKS_FOR = ("sprecher", "sprecherin", "vertreter", "vertreterin")


def body_key(name: str) -> str:
    """A body's name folded and without a genitive ending, as questions and labels may inflect it
    differently ("des Ministeriums", "das Ministerium")."""
    folded = fold_query(name)
    for ending in ("es", "s"):
        if folded.endswith(ending) and len(folded) - len(ending) >= 4 and folded[-len(ending) - 1] not in "aeiou":
            return folded[: -len(ending)]
    return folded


class _Marks(dict):
    """str.translate table dropping combining marks (filled in as characters are met)."""

    def __missing__(self, code: int) -> int | None:
        value = None if unicodedata.combining(chr(code)) else code
        self[code] = value
        return value


_COMBINING = _Marks()


def fold(text: str) -> str:
    """Exactly `vocabulary.fold_query`, with the accent stripping done by str.translate."""
    text = unicodedata.normalize("NFKD", text.lower().replace("ß", "ss"))
    if not text.isascii():
        text = text.translate(_COMBINING)
    return text.replace("ae", "a").replace("oe", "o").replace("ue", "u")


class _Choices:
    """Strings for fuzzy lookup, deduplicated and bucketed by length.

    `ratio` returns what `process.extract(query, choices, scorer=fuzz.ratio, score_cutoff=cutoff,
    limit=limit)` returns, scoring each distinct string once and only strings whose length can
    reach the cutoff (fuzz.ratio <= 200 * min(n, m) / (n + m)); ties keep choice order, as there.
    """

    def __init__(self, choices: list[str]) -> None:
        self.choices = choices
        self.positions: dict[str, list[int]] = {}
        for pos, choice in enumerate(choices):
            self.positions.setdefault(choice, []).append(pos)
        self.by_length: dict[int, list[str]] = defaultdict(list)
        for choice in self.positions:
            self.by_length[len(choice)].append(choice)

    def ratio(self, query: str, cutoff: float, limit: int | None) -> list[tuple[str, float, int]]:
        n = len(query)
        hits: list[tuple[float, int]] = []
        for m, strings in self.by_length.items():
            if n + m and 200 * min(n, m) / (n + m) + 1e-6 < cutoff:
                continue
            for choice, score, _ in process.extract(query, strings, scorer=fuzz.ratio, score_cutoff=cutoff,
                                                    limit=None):
                positions = self.positions[choice]
                hits.extend((score, pos) for pos in (positions if limit is None else positions[:limit]))
        hits.sort(key=lambda h: (-h[0], h[1]))
        return [(self.choices[pos], score, pos) for score, pos in hits[:limit]]


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
    unit_measure: dict[str, str] = field(default_factory=dict)  # stem of a figure unit's word -> its measure

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
        index.claims = [c for c in snapshot.claims if c.section == "article"]
        index.entities = {e.id: e for e in snapshot.entities}
        role_heads: dict[str, bool] = {}  # role_head per distinct word: names repeat across claims
        folded_words: dict[str, str] = {}
        postings: dict[str, list[int]] = defaultdict(list)
        word_ids = index._word_ids
        speaker_code: dict[str, int] = {}
        codes = array("i")

        def is_role(word: str) -> bool:
            known = role_heads.get(word)
            if known is None:
                known = role_heads[word] = role_head(word)
            return known

        for i, claim in enumerate(index.claims):
            index.position[id(claim)] = i
            text = fold(claim.text)
            index.folded.append(text)
            if claim.entity:
                index.by_entity[claim.entity].append(i)
            index.by_source[claim.source].append(i)
            if claim.figure is not None:
                f = claim.figure
                numbers = frozenset(v for v in (f.value, f.low, f.high) if isinstance(v, int))
                if numbers:
                    index.figure_key[i] = (numbers, f.qualifier)
                    index.numbered[f.measure].append(i)
                if claim.figure.scope:
                    index.folded_scope[i] = fold(claim.figure.scope)
                    for w in set(_LETTERS.findall(index.folded_scope[i])):
                        index._scope_words.setdefault(w, []).append(i)
            tokens = _WORD.findall(text)
            for w in set(tokens):
                if len(w) >= 3:
                    postings[w].append(i)
            index._pairs.add(i, [word_ids.setdefault(w, len(word_ids)) for w in tokens])
            if claim.kind != "figure" and claim.speaker:
                key = claim.entity or claim.speaker
                code = speaker_code.get(key)
                if code is None:
                    code = speaker_code[key] = len(index.speaker_keys)
                    index.speaker_keys.append(key)
                    entity = index.entities.get(key)
                    index.speaker_titles.append(entity.name if entity else claim.speaker)
                codes.append(code)
            else:
                codes.append(-1)
            for m in _NAME_IN_TEXT.finditer(claim.sentence or claim.text):
                toks = m.group(1).split()
                while toks and (toks[0].lower() in _FUNCTION_WORDS or is_role(toks[0])):
                    toks = toks[1:]
                if len(toks) < 2 or any(t.lower() in _FUNCTION_WORDS for t in toks):
                    continue
                for t in toks:
                    folded_word = folded_words.get(t)
                    if folded_word is None:
                        folded_word = folded_words[t] = fold(t)
                    index.mentioned[folded_word].add(" ".join(toks))
        for entity in snapshot.entities:
            if entity.id not in index.by_entity:
                continue
            index.canonical_names[fold_query(entity.name)].append(entity.id)
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
                if entity.kind == "person" and not any(role_head(w) or w[:1].islower() for w in name.split()):
                    tokens = [t for t in name_tokens(name) if len(t) >= 3 and t[:1].isupper()]
                    for pos, tok in enumerate(tokens):
                        index.exact_tokens[fold_query(tok)].add(entity.id)
                        if pos == len(tokens) - 1:
                            # the surname may be misspelt; a given name must be exact ("Andris" is not "Andrij")
                            index._add_name(fold_query(tok), entity.id)
                            index.key_owner[name_key(tok)].add(entity.id)
            described = [entity.name] if any(role_head(w) for w in entity.name.split()) else []
            for role in [*entity.roles, *described]:
                index.role_choices.append(fold_query(role))
                index.role_owner.append(entity.id)
        index._find_joint_speakers(snapshot.entities)
        index._find_spokespeople(snapshot.entities)
        for doc_id, source in snapshot.sources.items():
            for label in {source.outlet, doc_id, doc_id.split("_")[0]}:
                if label and label != "unknown":
                    index.outlet_choices.append(fold_query(label))
                    index.outlet_owner.append(doc_id)
        index.by_word = {w: np.array(found, dtype=np.int32) for w, found in postings.items()}
        index._pairs.freeze()
        index.speaker_code = np.frombuffer(codes, dtype=np.int32).copy()
        index.is_quote = np.array([c.kind == "quote" for c in index.claims], dtype=bool)
        index.is_figure = np.array([c.kind == "figure" for c in index.claims], dtype=bool)
        texts: dict[str, int] = {}
        index.text_id = np.array([texts.setdefault(c.text, len(texts)) for c in index.claims], dtype=np.int32)
        index.paragraph = np.array([c.paragraph for c in index.claims], dtype=np.int32)
        index.source_code = {doc: code for code, doc in enumerate(sorted({*snapshot.sources, *index.by_source}))}
        index.source_of = np.array([index.source_code[c.source] for c in index.claims], dtype=np.int32)
        units: dict[str, Counter[str]] = defaultdict(Counter)
        for claim in index.claims:
            if claim.figure is not None:
                for word in _LETTERS.findall(fold(claim.figure.unit)):
                    if len(word) >= 4:
                        units[stem(word)][claim.figure.measure] += 1
        index.unit_measure = {unit: counts.most_common(1)[0][0] for unit, counts in units.items()}
        roles = [(e.id, text) for e in snapshot.entities if e.id in index.by_entity for text in [e.name, *e.roles]]
        index.semantic = SemanticIndex.build(index.claims, snapshot.passages, roles, snapshot.vectors,
                                             index.source_code, index.source_of)
        index.speaker_rank = np.empty(len(index.speaker_titles), dtype=np.int32)
        index.speaker_rank[sorted(range(len(index.speaker_titles)), key=index.speaker_titles.__getitem__)] = (
            np.arange(len(index.speaker_titles), dtype=np.int32))
        index.vocabulary = sorted(index.by_word)
        index._vocabulary_text = "\n".join(index.vocabulary)
        start = 0
        for word in index.vocabulary:
            index._vocabulary_starts.append(start)
            start += len(word) + 1
        index._names = _Choices(index.name_choices)
        index._outlets = _Choices(index.outlet_choices)
        index._vocabulary_choices = _Choices(index.vocabulary)
        # documents without a known outlet are cited by the short prefix of their id ("003"),
        # or by the whole id where the prefix would not tell them apart ("dev_13389")
        prefixes = Counter(doc_id.split("_")[0] for doc_id in snapshot.sources)
        index._short_id = {doc_id: doc_id.split("_")[0] if prefixes[doc_id.split("_")[0]] == 1 else doc_id
                           for doc_id in snapshot.sources}
        index._outlet_of = {doc_id: source.outlet if source.outlet != "unknown" else index._short_id[doc_id]
                            for doc_id, source in snapshot.sources.items()}
        return index

    def _find_joint_speakers(self, entities: list[Entity]) -> None:
        """Speakers named together ("Nordbank und Südbank") said what they said jointly, so each of them
        said it: each name that is one speaker's whole name, or one speaker's exact surname, gets the joint
        speaker. "Bau- und Verkehrsministerium" is one body."""
        for entity in entities:
            if entity.id not in self.by_entity:
                continue
            parts = re.split(r"\s+(?:und|and|sowie|&)\s+", entity.name)
            if len(parts) < 2 or any(part.endswith("-") for part in parts):
                continue
            for part in parts:
                folded = fold_query(part)
                owners = self.canonical_names.get(folded) or sorted(self.exact_tokens.get(folded, ()))
                if len(owners) == 1 and owners[0] != entity.id and entity.id not in self.joint[owners[0]]:
                    self.joint[owners[0]].append(entity.id)

    def _find_spokespeople(self, entities: list[Entity]) -> None:
        """Speakers written as who speaks for a body ("Sprecherin der Nordbank", "Vertreter des Vereins")
        answer for that body: they are found by its name (and its head noun), without the genitive ending,
        and their statements follow the body's own."""
        for entity in entities:
            tokens = entity.name.split()
            if entity.id not in self.by_entity or len(tokens) < 3 or tokens[1] not in ("des", "der", "von", "vom"):
                continue
            head = fold_query(tokens[0])
            if not (head.endswith(_SPEAKS_FOR) or head.startswith("presse")):
                continue
            body = [t for t in tokens[2:] if t.lower() not in DETERMINERS]
            if not body or not body[-1][:1].isupper():
                continue
            for key in {body_key(" ".join(body)), body_key(body[-1])}:
                if len(key) >= 3 and entity.id not in self.spokespeople[key]:
                    self.spokespeople[key].append(entity.id)
        for key, ids in self.spokespeople.items():
            for owner in self.canonical_names.get(key, ()):
                self.joint[owner].extend(i for i in ids if i != owner and i not in self.joint[owner])

    def role_word_share(self, words: list[str]) -> np.ndarray:
        """Per role text of `semantic`, the share of the words it holds: the word itself, a word it begins
        ("direktor" in "Direktors"), or one a typo away ("traner" → "trainer")."""
        tokens = self.memo(("role tokens",), lambda: _Choices(sorted({
            t for text in self.semantic.role_text for t in _LETTERS.findall(fold(text)) if len(t) >= 3})))
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
            for token in set(_LETTERS.findall(fold(text))):
                if len(token) >= 3:
                    owners[token].append(k)
        return owners

    def near_word(self, word: str) -> bool:
        """Whether a document holds the folded word or one a typo away (fuzz.ratio >= 85): "traner" is "trainer"."""
        choices = self.memo(("passage vocabulary",), lambda: _Choices(self.semantic.passage_words.vocabulary))
        return bool(choices.ratio(word, 85, 1)) or bool(self._vocabulary_choices.ratio(word, 85, 1))

    def measure_of_unit(self, word: str) -> str | None:
        """The figure measure counted in units like the word ("Gefangene" → prisoners), if figures count it."""
        part = stem(fold(word))
        if len(part) < 4:
            return None
        for unit, measure in self.unit_measure.items():
            if unit.startswith(part) or (len(unit) >= 5 and part.startswith(unit)):
                return measure
        return None

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
        if sum(len(k) for k in key) >= 4:  # same spelling key: a transliteration ("Lavrov", "Zelensky")
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

    def claims_with_stem(self, stem: str) -> np.ndarray:
        """Claims (sorted positions) with a word starting with (or, for long stems, containing) the folded stem."""
        return self._union(self.words_with(stem, contains=len(stem) >= 5))

    def has_stem(self, stem: str) -> bool:
        return bool(self.words_with(stem, contains=len(stem) >= 5))

    def _union(self, words: list[str] | set[str]) -> np.ndarray:
        return self.union([self.by_word[w] for w in words if w in self.by_word])

    def union(self, arrays: list[np.ndarray]) -> np.ndarray:
        """Sorted positions in any of the arrays; a mask over all claims beats sorting once they are many."""
        if len(arrays) <= 1:
            return arrays[0] if arrays else np.zeros(0, dtype=np.int32)
        if sum(len(a) for a in arrays) * 16 < len(self.claims):
            return np.unique(np.concatenate(arrays))
        mask = np.zeros(len(self.claims), dtype=bool)
        for a in arrays:
            mask[a] = True
        return np.flatnonzero(mask).astype(np.int32)

    def words_with(self, part: str, *, contains: bool) -> list[str]:
        """Vocabulary words starting with `part` (or containing it), in sorted order."""
        vocabulary = self.vocabulary
        if contains and "\n" not in part:
            found = []
            text, starts = self._vocabulary_text, self._vocabulary_starts
            at = text.find(part)
            while at != -1:
                k = bisect_right(starts, at) - 1
                found.append(vocabulary[k])
                if k + 1 >= len(starts):
                    break
                at = text.find(part, starts[k + 1])
            return found
        found = []
        for k in range(bisect_left(vocabulary, part), len(vocabulary)):
            if not vocabulary[k].startswith(part):
                break
            found.append(vocabulary[k])
        return found

    def phrase_candidates(self, needle: str) -> np.ndarray:
        """Positions, ascending, of the claims worth scoring against the folded phrase.

        A "similar" word is the word itself, a word holding it (a compound), or, for a word no
        claim has, one a typo away (fuzz.ratio >= 75). Kept are the claims holding a third of the
        phrase's pairs of neighbouring words (at least one pair), each word similar, and the claims
        holding a word similar to one of the phrase's rare words that make up a quarter of it or more,
        rarest first, while those number no more than PHRASE_BUDGET. A phrase of common words is thus
        found by its word pairs, a distinctive word by itself.
        """
        tokens = _WORD.findall(needle)
        similar = [self._similar_words(t) for t in tokens]
        ids = self._word_ids
        as_ids = [np.array(sorted(ids[w] for w in words), dtype=np.int64) for words in similar]
        per_pair = [np.unique(self._pairs.holding(a, b)) for a, b in pairwise(as_ids)]
        parts = []
        if per_pair:
            held, count = np.unique(np.concatenate(per_pair), return_counts=True)
            parts.append(held[count >= max(1, len(per_pair) // 3)])
        budget = PHRASE_BUDGET
        rare = [words for token, words in zip(tokens, similar, strict=True) if 4 * len(token) >= len(needle)]
        for found in sorted((self._union(words) for words in rare), key=len):
            if len(found) > budget:
                break
            parts.append(found)
            budget -= len(found)
        return self.union(parts)

    def _similar_words(self, word: str) -> set[str]:
        """The word, words holding it (as a prefix, or anywhere for 5+ letters), and, for a word
        no claim has, the words a typo away (fuzz.ratio >= 75): the asker mistyped it."""
        found = {word} if word in self._word_ids else set()
        if len(word) >= 3:
            found.update(self.words_with(word, contains=len(word) >= 5))
            if word not in self._word_ids:
                found.update(choice for choice, _score, _pos in self._vocabulary_choices.ratio(word, 75, None))
        return found

    def positions_containing(self, part: str) -> np.ndarray | None:
        """Claims (sorted positions) whose folded text or figure scope contains `part`, for parts of
        3+ word characters, else None.

        Such a part lies inside one word of the text or scope, so the words containing it find the claims.
        """
        if len(part) < 3 or not _LETTERS.fullmatch(part):
            return None
        arrays = [self.by_word[w] for w in self.words_with(part, contains=True)]
        arrays += [np.array(found, dtype=np.int32) for w, found in self._scope_words.items() if part in w]
        return self.union(arrays)

    def utterance(self, i: int) -> str:
        """The words of claim i, folded, without quotation marks, elisions or punctuation: two claims
        holding the same utterance compare equal or one inside the other."""
        return " ".join(_LETTERS.findall(self.folded[i]))

    def matches_words(self, claim: Claim, stems: list[str]) -> bool:
        """Whether the folded text (and figure scope) of the claim contains one of the stems."""
        i = self.position.get(id(claim))
        if i is None or self.claims[i] is not claim:
            hay = fold_query(f"{claim.text} {claim.figure.scope if claim.figure and claim.figure.scope else ''}")
            return any(s in hay for s in stems)
        text, scope = self.folded[i], self.folded_scope.get(i, "")
        for s in stems:
            if " " in s:  # may span text and scope: the whole haystack, as fold_query makes it
                if s in f"{text} {scope}":
                    return True
            elif s in text or s in scope:
                return True
        return False
