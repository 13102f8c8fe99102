"""In-memory indexes over one store snapshot, built once so each question costs milliseconds.

Names, aliases, surnames and roles of entities are folded for fuzzy lookup; claims are
indexed by entity, by document and by folded word stems for topic search.
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_left, bisect_right
from collections import Counter, defaultdict
from dataclasses import dataclass, field

from rapidfuzz import fuzz, process

from knowledge.entities import name_key, name_tokens
from knowledge.extraction.lexicon import ADVERBS, DETERMINERS, PREPOSITIONS, SUBORDINATORS, role_head
from knowledge.model import Claim, Entity, Source
from knowledge.store import Snapshot
from knowledge.vocabulary import fold_query

_FUNCTION_WORDS = PREPOSITIONS | DETERMINERS | ADVERBS | SUBORDINATORS | {"und", "oder", "aber", "doch"}
_NAME_IN_TEXT = re.compile(r"\b([A-ZÄÖÜ][\w\-]+(?:\s+[A-ZÄÖÜ][\w\-]+){1,3})")


# the pattern of `vocabulary.words`, applied to text folded once per claim
_WORD = re.compile(r"[\w][\w.\-]*[\w]|[\w]")
_LETTERS = re.compile(r"\w+")
_PHRASE_SHARE = 0.7  # the rarest words of a quoted phrase that a claim must hold one of cover this much of it


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
    by_word: dict[str, set[int]] = field(default_factory=lambda: defaultdict(set))
    figures: list[int] = field(default_factory=list)
    figures_by_measure: dict[str, list[int]] = field(default_factory=lambda: defaultdict(list))
    name_choices: list[str] = field(default_factory=list)
    name_owner: list[str] = field(default_factory=list)
    key_owner: dict[tuple[str, ...], set[str]] = field(default_factory=lambda: defaultdict(set))
    role_choices: list[str] = field(default_factory=list)
    role_owner: list[str] = field(default_factory=list)
    outlet_choices: list[str] = field(default_factory=list)
    outlet_owner: list[str] = field(default_factory=list)
    mentioned: dict[str, set[str]] = field(default_factory=lambda: defaultdict(set))
    exact_tokens: dict[str, set[str]] = field(default_factory=lambda: defaultdict(set))
    # speed: folded claim texts (and figure scopes) by position, claim objects to positions,
    # the vocabulary sorted (and joined, for substring search), fuzzy choices, outlet labels
    folded: list[str] = field(default_factory=list)
    folded_scope: dict[int, str] = field(default_factory=dict)
    position: dict[int, int] = field(default_factory=dict)
    vocabulary: list[str] = field(default_factory=list)
    _vocabulary_text: str = ""
    _vocabulary_starts: list[int] = field(default_factory=list)
    _names: _Choices | None = None
    _outlets: _Choices | None = None
    _vocabulary_choices: _Choices | None = None
    _outlet_of: dict[str, str] = field(default_factory=dict)
    _statement_counts: dict[str, int] | None = None
    _lengths: list[int] = field(default_factory=list)  # folded text lengths, ascending
    _by_length: list[int] = field(default_factory=list)  # claim positions in that order

    @property
    def sources(self) -> dict[str, Source]:
        return self.snapshot.sources

    @classmethod
    def build(cls, snapshot: Snapshot) -> KnowledgeIndex:
        index = cls(snapshot=snapshot)
        index.claims = [c for c in snapshot.claims if c.section == "article"]
        index.entities = {e.id: e for e in snapshot.entities}
        role_heads: dict[str, bool] = {}  # role_head per distinct word: names repeat across claims
        folded_words: dict[str, str] = {}

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
                index.figures.append(i)
                index.figures_by_measure[claim.figure.measure].append(i)
                if claim.figure.scope:
                    index.folded_scope[i] = fold(claim.figure.scope)
            for w in set(_WORD.findall(text)):
                if len(w) >= 3:
                    index.by_word[w].add(i)
            for m in _NAME_IN_TEXT.finditer(claim.sentence or claim.text):
                toks = m.group(1).split()
                while toks and (toks[0].lower() in _FUNCTION_WORDS or is_role(toks[0])):
                    toks = toks[1:]
                if len(toks) < 2 or any(t.lower() in _FUNCTION_WORDS for t in toks):
                    continue
                for t in toks:
                    key = folded_words.get(t)
                    if key is None:
                        key = folded_words[t] = fold(t)
                    index.mentioned[key].add(" ".join(toks))
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
        for doc_id, source in snapshot.sources.items():
            for label in {source.outlet, doc_id, doc_id.split("_")[0]}:
                if label and label != "unknown":
                    index.outlet_choices.append(fold_query(label))
                    index.outlet_owner.append(doc_id)
        index.vocabulary = sorted(index.by_word)
        index._vocabulary_text = "\n".join(index.vocabulary)
        start = 0
        for word in index.vocabulary:
            index._vocabulary_starts.append(start)
            start += len(word) + 1
        index._names = _Choices(index.name_choices)
        index._outlets = _Choices(index.outlet_choices)
        index._vocabulary_choices = _Choices(index.vocabulary)
        index._by_length = sorted(range(len(index.folded)), key=lambda i: len(index.folded[i]))
        index._lengths = [len(index.folded[i]) for i in index._by_length]
        # documents without a known outlet are cited by the short prefix of their id ("003"),
        # or by the whole id where the prefix would not tell them apart ("dev_13389")
        prefixes = Counter(doc_id.split("_")[0] for doc_id in snapshot.sources)
        index._outlet_of = {
            doc_id: source.outlet if source.outlet != "unknown"
            else (doc_id.split("_")[0] if prefixes[doc_id.split("_")[0]] == 1 else doc_id)
            for doc_id, source in snapshot.sources.items()}
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
        for eid in self.exact_tokens.get(folded, ()):  # a given or family name written exactly ("Kim")
            hits[eid] = NameHit(self.entities[eid], 100.0, folded)
        if len(folded) >= 3:
            for choice, score, pos in self._names.ratio(folded, cutoff, 10):
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
        for choice, _score, pos in self._outlets.ratio(folded, cutoff, 10):
            doc = self.outlet_owner[pos]
            if doc not in found and (len(choice) > 2 or choice == folded):
                found.append(doc)
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

    def outlet(self, doc_id: str) -> str:
        """The outlet's name where known, else the document's short id ("003")."""
        known = self._outlet_of.get(doc_id)
        return known if known is not None else doc_id.split("_")[0]

    def claims_with_stem(self, stem: str) -> set[int]:
        """Claims with a word starting with (or, for long stems, containing) the folded stem."""
        result: set[int] = set()
        for word in self.words_with(stem, contains=len(stem) >= 5):
            result |= self.by_word[word]
        return result

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

    def phrase_candidates(self, needle: str) -> list[int]:
        """Positions, ascending, of the claims that may hold the folded phrase (fuzz.partial_ratio >= 85).

        fuzz.partial_ratio aligns the shorter string inside the longer one. Claims no longer than
        the phrase are therefore all kept. A score of 85 leaves at most a quarter of a phrase
        unmatched, so a longer claim must hold one of the phrase's rarest words (of three letters
        or more; together 70% of the phrase) as such, inside a compound, or with a typo
        (fuzz.ratio >= 75). A phrase without such words is compared with every claim.
        """
        found = set(self._by_length[:bisect_right(self._lengths, len(needle))])
        phrase_words = [w for w in dict.fromkeys(_WORD.findall(needle)) if len(w) >= 3]
        if not phrase_words:
            return list(range(len(self.claims)))
        phrase_words.sort(key=lambda w: (len(w) < 4, len(self.by_word.get(w, ()))))
        covered = 0
        for w in phrase_words:
            similar = set(self.words_with(w, contains=len(w) >= 5))
            similar.update(choice for choice, _score, _pos in self._vocabulary_choices.ratio(w, 75, None))
            for word in similar:
                found |= self.by_word[word]
            covered += len(w)
            if covered >= _PHRASE_SHARE * len(needle):
                break
        return sorted(found)

    def position_of(self, claim: Claim) -> int | None:
        i = self.position.get(id(claim))
        return i if i is not None and self.claims[i] is claim else None

    def positions_containing(self, part: str) -> set[int] | None:
        """Claims whose folded text or figure scope contains `part`, for parts of 3+ word characters, else None.

        Such a part lies inside one word of the text, so the words containing it find the claims.
        """
        if len(part) < 3 or not _LETTERS.fullmatch(part):
            return None
        found: set[int] = set()
        for word in self.words_with(part, contains=True):
            found |= self.by_word[word]
        found.update(i for i, scope in self.folded_scope.items() if part in scope)
        return found

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

    def folded_text(self, claim: Claim) -> str:
        i = self.position.get(id(claim))
        return self.folded[i] if i is not None and self.claims[i] is claim else fold_query(claim.text)
