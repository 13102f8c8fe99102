"""Filling a `KnowledgeIndex` from its snapshot: claims by word, entity and document, names, roles and outlets
for fuzzy lookup, numpy columns per claim, and the sentence vectors of `SemanticIndex`."""

from __future__ import annotations

import re
from array import array
from collections import Counter, defaultdict
from collections.abc import Callable
from typing import TYPE_CHECKING

import numpy as np

from knowledge.entities import name_key, name_tokens
from knowledge.extraction.lexicon import ADVERBS, DETERMINERS, PREPOSITIONS, SUBORDINATORS, role_head
from knowledge.folding import Choices, body_key, fold
from knowledge.model import Claim, Entity
from knowledge.semantic import SemanticIndex
from knowledge.vocabulary import fold_query
from knowledge.word_index import stem
from knowledge.word_lookup import LETTERS, WORD

if TYPE_CHECKING:
    from knowledge.index import KnowledgeIndex

_FUNCTION_WORDS = PREPOSITIONS | DETERMINERS | ADVERBS | SUBORDINATORS | {"und", "oder", "aber", "doch"}
_NAME_IN_TEXT = re.compile(r"\b([A-ZÄÖÜ][\w\-]+(?:\s+[A-ZÄÖÜ][\w\-]+){1,3})")
#: a name in quotation marks inside a longer speaker label
QUOTED_NAME = re.compile(r"[„“\"»]([^„“\"»«]{3,60})[“”\"«]")
#: heads of labels for who speaks for a body: "Sprecher des Amts", "Vertreterin der Stadt"
_SPEAKS_FOR = ("sprecher", "sprecherin", "vertreter", "vertreterin")


def _role_heads() -> Callable[[str], bool]:
    """`role_head`, worked out once per distinct word: names repeat across claims and entities."""
    known: dict[str, bool] = {}

    def is_role(word: str) -> bool:
        found = known.get(word)
        if found is None:
            found = known[word] = role_head(word)
        return found

    return is_role


def build_index(index: KnowledgeIndex) -> None:
    snapshot = index.snapshot
    index.claims = [c for c in snapshot.claims if c.section == "article"]
    index.entities = {e.id: e for e in snapshot.entities}
    is_role = _role_heads()
    postings: dict[str, list[int]] = defaultdict(list)
    codes = array("i")
    speaker_code: dict[str, int] = {}
    folded_words: dict[str, str] = {}
    for i, claim in enumerate(index.claims):
        _index_claim(index, i, claim, postings)
        codes.append(_speaker(index, claim, speaker_code))
        _index_mentions(index, claim, is_role, folded_words)
    for entity in snapshot.entities:
        if entity.id in index.by_entity:
            _index_entity(index, entity, is_role)
    _name_bodies_by_their_ends(index, snapshot.entities)
    _find_joint_speakers(index, snapshot.entities)
    _find_spokespeople(index, snapshot.entities)
    for doc_id, source in snapshot.sources.items():
        for label in {source.outlet, doc_id, doc_id.split("_")[0]}:
            if label and label != "unknown":
                index.outlet_choices.append(fold_query(label))
                index.outlet_owner.append(doc_id)
    index.by_word = {w: np.array(found, dtype=np.int32) for w, found in postings.items()}
    index._pairs.freeze()
    _columns(index, codes)
    _lookups(index)


def _index_claim(index: KnowledgeIndex, i: int, claim: Claim, postings: dict[str, list[int]]) -> None:
    """The claim's folded text, words and word pairs, figure, entity and document."""
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
            for w in set(LETTERS.findall(index.folded_scope[i])):
                index._scope_words.setdefault(w, []).append(i)
    tokens = WORD.findall(text)
    for w in set(tokens):
        if len(w) >= 3:
            postings[w].append(i)
    word_ids = index._word_ids
    index._pairs.add(i, [word_ids.setdefault(w, len(word_ids)) for w in tokens])


def _speaker(index: KnowledgeIndex, claim: Claim, codes: dict[str, int]) -> int:
    """The code of the claim's speaker (-1 for a figure or nobody), a new one for a speaker not met before."""
    if claim.kind == "figure" or not claim.speaker:
        return -1
    key = claim.entity or claim.speaker
    code = codes.get(key)
    if code is None:
        code = codes[key] = len(index.speaker_keys)
        index.speaker_keys.append(key)
        entity = index.entities.get(key)
        index.speaker_titles.append(entity.name if entity else claim.speaker)
    return code


def _index_mentions(index: KnowledgeIndex, claim: Claim, is_role: Callable[[str], bool],
                    folded_words: dict[str, str]) -> None:
    """Names of two to four capitalised words the claim's sentence mentions, by each of their folded words."""
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


def _index_entity(index: KnowledgeIndex, entity: Entity, is_role: Callable[[str], bool]) -> None:
    """The entity's names, aliases, surname and roles for fuzzy lookup."""
    index.canonical_names[fold_query(entity.name)].append(entity.id)
    for name in {entity.name, *entity.aliases}:
        if len(name) > 60:
            continue
        index._add_name(fold_query(name), entity.id)
        # a mention with a role ("Minister Kim") is matched whole, never word by word
        if name != entity.name and (len(name.split()) > 3 or any(is_role(w) for w in name.split())
                                    or name[:1].islower() or name.split()[0].lower() in _FUNCTION_WORDS):
            continue
        index.key_owner[name_key(name)].add(entity.id)
        if entity.kind == "person" and not any(is_role(w) or w[:1].islower() for w in name.split()):
            tokens = [t for t in name_tokens(name) if len(t) >= 3 and t[:1].isupper()]
            for pos, tok in enumerate(tokens):
                index.exact_tokens[fold_query(tok)].add(entity.id)
                if pos == len(tokens) - 1:
                    # the surname may be misspelt; a given name must be exact ("Andris" is not "Andrij")
                    index._add_name(fold_query(tok), entity.id)
                    index.key_owner[name_key(tok)].add(entity.id)
    for quoted in QUOTED_NAME.findall(entity.name):
        index._add_name(fold_query(quoted), entity.id)  # "Mitarbeiter der Firma „Shui Jing Shi“" by the firm's name
    described = [entity.name] if any(is_role(w) for w in entity.name.split()) else []
    for role in [*entity.roles, *described]:
        index.role_choices.append(fold_query(role))
        index.role_owner.append(entity.id)


def _name_bodies_by_their_ends(index: KnowledgeIndex, entities: list[Entity]) -> None:
    """A body is also called by the end of its name ("Roude Léiw" for the "Initiativ Roude Léiw", "Anita Zaidi"
    for the "Team um Anita Zaidi"), unless that end is somebody who speaks in their own name ("Agentur von
    Lena Sommer" is not Lena Sommer)."""
    for entity in entities:
        words = entity.name.split()
        if entity.kind == "person" or not 3 <= len(words) <= 5 or entity.id not in index.by_entity:
            continue
        for k in range(1, len(words) - 1):
            end = fold_query(" ".join(words[k:]))
            if words[k][:1].isupper() and end not in index.canonical_names:
                index._add_name(end, entity.id)


def _find_joint_speakers(index: KnowledgeIndex, entities: list[Entity]) -> None:
    """Speakers named together ("Nordbank und Südbank") said what they said jointly, so each of them
    said it: each name that is one speaker's whole name, or one speaker's exact surname, gets the joint
    speaker. "Bau- und Verkehrsministerium" is one body."""
    for entity in entities:
        if entity.id not in index.by_entity:
            continue
        parts = re.split(r"\s+(?:und|and|sowie|&)\s+", entity.name)
        if len(parts) < 2 or any(part.endswith("-") for part in parts):
            continue
        for part in parts:
            folded = fold_query(part)
            owners = index.canonical_names.get(folded) or sorted(index.exact_tokens.get(folded, ()))
            if len(owners) == 1 and owners[0] != entity.id and entity.id not in index.joint[owners[0]]:
                index.joint[owners[0]].append(entity.id)


def _find_spokespeople(index: KnowledgeIndex, entities: list[Entity]) -> None:
    """Speakers written as who speaks for a body ("Sprecherin der Nordbank", "Vertreter des Vereins")
    answer for that body: they are found by its name (and its head noun), without the genitive ending,
    and their statements follow the body's own."""
    for entity in entities:
        tokens = entity.name.split()
        if entity.id not in index.by_entity or len(tokens) < 3 or tokens[1] not in ("des", "der", "von", "vom"):
            continue
        head = fold_query(tokens[0])
        if not (head.endswith(_SPEAKS_FOR) or head.startswith("presse")):
            continue
        body = [t for t in tokens[2:] if t.lower() not in DETERMINERS]
        if not body or not body[-1][:1].isupper():
            continue
        for key in {body_key(" ".join(body)), body_key(body[-1])}:
            if len(key) >= 3 and entity.id not in index.spokespeople[key]:
                index.spokespeople[key].append(entity.id)
    for key, ids in index.spokespeople.items():
        for owner in index.canonical_names.get(key, ()):
            index.joint[owner].extend(i for i in ids if i != owner and i not in index.joint[owner])


def _columns(index: KnowledgeIndex, codes: array) -> None:
    """numpy columns per claim (speaker, quote, figure, text, paragraph, document), figure units by measure,
    and the sentence vectors."""
    snapshot, claims = index.snapshot, index.claims
    index.speaker_code = np.frombuffer(codes, dtype=np.int32).copy()
    index.is_quote = np.array([c.kind == "quote" for c in claims], dtype=bool)
    index.is_figure = np.array([c.kind == "figure" for c in claims], dtype=bool)
    texts: dict[str, int] = {}
    index.text_id = np.array([texts.setdefault(c.text, len(texts)) for c in claims], dtype=np.int32)
    index.paragraph = np.array([c.paragraph for c in claims], dtype=np.int32)
    index.source_code = {doc: code for code, doc in enumerate(sorted({*snapshot.sources, *index.by_source}))}
    index.source_of = np.array([index.source_code[c.source] for c in claims], dtype=np.int32)
    units: dict[str, Counter[str]] = defaultdict(Counter)
    for claim in claims:
        if claim.figure is not None:
            for word in LETTERS.findall(fold(claim.figure.unit)):
                if len(word) >= 4:
                    units[stem(word)][claim.figure.measure] += 1
    index.unit_measures = {unit: [m for m, _n in counts.most_common()] for unit, counts in units.items()}
    roles = [(e.id, text) for e in snapshot.entities if e.id in index.by_entity for text in [e.name, *e.roles]]
    index.semantic = SemanticIndex.build(claims, snapshot.passages, roles, snapshot.vectors,
                                         index.source_code, index.source_of)


def _lookups(index: KnowledgeIndex) -> None:
    """Speakers in title order, the sorted vocabulary (joined, for substring search), fuzzy choices, and how a
    document is cited."""
    snapshot = index.snapshot
    index.speaker_rank = np.empty(len(index.speaker_titles), dtype=np.int32)
    index.speaker_rank[sorted(range(len(index.speaker_titles)), key=index.speaker_titles.__getitem__)] = (
        np.arange(len(index.speaker_titles), dtype=np.int32))
    index.vocabulary = sorted(index.by_word)
    index._vocabulary_text = "\n".join(index.vocabulary)
    start = 0
    for word in index.vocabulary:
        index._vocabulary_starts.append(start)
        start += len(word) + 1
    index._names = Choices(index.name_choices)
    index._outlets = Choices(index.outlet_choices)
    index._vocabulary_choices = Choices(index.vocabulary)
    # documents without a known outlet are cited by the short prefix of their id ("003"),
    # or by the whole id where the prefix would not tell them apart ("dev_13389")
    prefixes = Counter(doc_id.split("_")[0] for doc_id in snapshot.sources)
    index._short_id = {doc_id: doc_id.split("_")[0] if prefixes[doc_id.split("_")[0]] == 1 else doc_id
                       for doc_id in snapshot.sources}
    index._outlet_of = {doc_id: source.outlet if source.outlet != "unknown" else index._short_id[doc_id]
                        for doc_id, source in snapshot.sources.items()}
