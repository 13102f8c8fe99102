"""One entity per speaker across all documents, whatever the spelling.

Transliterations differ between outlets ("Tschaikowski", "Tchaikovsky", "Lee Min-ho",
"Yi Min Ho"), and plain similarity scores put true variants and different people close
together. Names are therefore compared by a spelling key — German and English
transliteration rules applied, vowels dropped — token by token, and a fuzzy ratio only
confirms what the key proposes. Roles give context: two people whose roles name different
countries are never merged.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter, defaultdict
from dataclasses import dataclass
from typing import cast

from rapidfuzz import fuzz

from knowledge.extraction.lexicon import (
    ANONYMOUS_HEADS,
    DETERMINERS,
    LEARNED_CUES,
    PREPOSITIONS,
    media_head,
    organisation_head,
    role_head,
)
from knowledge.model import Claim, Entity, SpeakerKind

_RULES = [
    ("dsch", "j"), ("tsch", "ch"), ("sch", "sh"), ("ck", "k"), ("ph", "f"), ("kh", "h"), ("w", "v"),
    ("j", "y"), ("z", "s"), ("oo", "u"), ("ou", "u"), ("ee", "i"), ("yy", "y"), ("iy", "y"), ("ts", "s"),
    ("ß", "ss"), ("q", "k"), ("c", "k"),
]
_NATIONALITY = re.compile(r"([a-zäöüß\-]+isch)(?:e|en|er|es|em)?\b", re.I)


def fold(text: str) -> str:
    """Lowercase without accents or umlaut dots: 'Außenminister' -> 'aussenminister'."""
    text = text.lower().replace("ß", "ss")
    text = unicodedata.normalize("NFKD", text)
    return "".join(c for c in text if not unicodedata.combining(c))


def transliterate(token: str) -> str:
    t = fold(token)
    t = re.sub(r"[^a-z0-9]", "", t)
    for a, b in _RULES:
        t = t.replace(a, b)
    return t


def skeleton(token: str) -> str:
    """First letter plus consonants: the part of a name that survives transliteration."""
    t = transliterate(token)
    if not t:
        return ""
    rest = re.sub(r"[aeiouy]", "", t[1:])
    rest = re.sub(r"(.)\1+", r"\1", rest)
    head = "V" if t[0] in "aeiou" else t[0]
    return head + rest


def name_tokens(name: str) -> list[str]:
    return [t for t in re.split(r"[\s\-‐]+", name) if t]


def name_key(name: str) -> tuple[str, ...]:
    return tuple(skeleton(t) for t in name_tokens(name))


def same_person(a: str, b: str) -> bool:
    """Whether two spellings name the same person (full names or a surname against a full name)."""
    ka, kb = name_key(a), name_key(b)
    if not ka or not kb:
        return False
    ta = " ".join(transliterate(t) for t in name_tokens(a))
    tb = " ".join(transliterate(t) for t in name_tokens(b))
    if ka == kb:
        return fuzz.ratio(ta, tb) >= 60
    return False


def _nationalities(roles: list[str]) -> set[str]:
    found = set()
    for role in roles:
        for m in _NATIONALITY.finditer(role):
            word = fold(m.group(1))
            if word not in ("politisch", "militarisch", "strategisch", "diplomatisch", "technisch"):
                found.add(word)
    return found


@dataclass(slots=True)
class _Speaker:
    name: str
    kind: str
    roles: list[str]
    count: int


def slug(name: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", fold(name)).strip("-") or "entity"


#: nouns for what somebody says ("Aussage", "Informationen"), learned with the reporting cues, and
#: the heads of unnamed sources: "die Kernaussage von Anna Berg" is what Anna Berg says
_SAYING_NOUNS = tuple(sorted({fold(n) for n in LEARNED_CUES.get("nouns", []) if len(n) >= 4}
                             | {fold(h) for h in ANONYMOUS_HEADS}))
_NAME_PARTICLES = frozenset({"von", "van", "de", "da", "del", "della", "di", "du", "al", "el", "bin", "ibn", "ter",
                             "zu", "la", "le", "dos", "das", "y"})
_TOKEN = re.compile(r"[^\W\d_][\w'’.\-]*|\d+|[^\w\s]")
_CAPITAL = re.compile(r"^(?:[A-ZÄÖÜÀ-Þ]|[a-z]{1,3}-[A-ZÄÖÜ])")


def _saying_noun(word: str) -> bool:
    w = fold(word)
    return any(w.endswith(n) or (w.startswith(n) and w[len(n):] in ("e", "n", "en", "s", "es")) for n in _SAYING_NOUNS)


def _is_name_token(token: str) -> bool:
    return bool(_CAPITAL.match(token)) and not role_head(token) and not organisation_head(token) and (
        token.lower() not in DETERMINERS and token.lower() not in PREPOSITIONS)


def named_after(sentence: str, mention: str) -> str | None:
    """The name an apposition gives a described speaker, right after the description in its sentence:
    "der Sprecher der Behörde im Land, Hans Berg," and "der Sprecher der Behörde, Minister Hans Berg"
    name Hans Berg; so does "Bergs Mitarbeiter Tom Kurz" name Tom Kurz, a role noun between them.
    A single capitalised word after a comma is too often a list or a clause ("Deutschland werde")
    to count without a role noun.
    """
    at = sentence.find(mention)
    if at < 0:
        return None
    head = mention.split(",")[0]
    tokens = _TOKEN.findall(sentence[at + len(head):])
    i = 0
    if tokens[:1] and tokens[0] in PREPOSITIONS | {"des", "der"}:  # "im Irak", "für die Region"
        while i < min(len(tokens), 6) and tokens[i] != "," and tokens[i][:1].isalnum():
            i += 1
        if tokens[i:i + 1] != [","]:
            return None
    comma = tokens[i:i + 1] == [","]
    i += comma
    roles = 0
    while i < len(tokens):
        token = tokens[i]
        if token[:1].islower() and token.lower() not in DETERMINERS | PREPOSITIONS | {"und", "oder", "sowie"} \
                and token.endswith(("e", "en", "er", "es", "em")) and not roles:
            i += 1  # an adjective before the role: "wissenschaftlicher Mitarbeiter"
        elif token[:1].isupper() and role_head(token):
            roles += 1
            i += 1
        else:
            break
    name: list[str] = []
    while i < len(tokens):
        token = tokens[i]
        particle = token in _NAME_PARTICLES and name and i + 1 < len(tokens) and _is_name_token(tokens[i + 1])
        if not (particle or _is_name_token(token)):
            break
        name.append(token)
        i += 1
    if not name or not (comma or roles) or (len(name) == 1 and not roles):
        return None
    after = tokens[i] if i < len(tokens) else ""
    if after in ("und", "oder", "sowie") or (after[:1].isalnum() and not after[:1].islower()):
        return None  # a list of names, or the name runs on
    return " ".join(name).rstrip(".")


_QUOTED_NAME = re.compile(r"\s*[„“\"»]([A-ZÄÖÜ][^„“”\"«»]{1,60}?)[“”\"«]")


def quoted_name_after(sentence: str, mention: str) -> str | None:
    """The title a description gives in quotation marks right after it: "Die Zeitung „Nordkurier“
    berichtet" names the Nordkurier."""
    at = sentence.find(mention)
    if at < 0:
        return None
    m = _QUOTED_NAME.match(sentence, at + len(mention))
    return m.group(1).strip() if m and len(m.group(1).split()) <= 6 else None


def _described(claim: Claim, label: str) -> bool:
    """Whether the speaker is written as a description ("der Sprecher", "die Zeitung", "Bergs") rather
    than as a name."""
    mention = claim.mention or label
    first = mention.split()[0].lower() if mention.split() else ""
    return first in DETERMINERS or any(role_head(w) or _saying_noun(w) for w in label.split()) or (
        len(label.split()) == 1 and label.endswith("s"))


def _body_word(word: str) -> bool:
    """Whether a word, or a part of a hyphenated one ("Radio-Zeitung", "Spiegel-Online"), names an
    organisation or a medium."""
    return any(organisation_head(part) or media_head(part) for part in [word, *word.split("-")] if part)


def speaker_name(label: str, bodies: frozenset[str] = frozenset()) -> str:
    """The name inside a speaker label the extractor wrote with words around it:
    "Kernaussage von Anna Berg" and "Informationen von Radio Nord" (what somebody says, of whom),
    "in Kiel geborene Berg" (an attribute before the name), "Abgeordnete und Anna Berg" (a role and
    a second role with the name, cut at the first), "Anna Berg von der Stadtverwaltung" or "Berg von
    Radio Nord" (a person and the body they belong to or are quoted by; `bodies` holds the folded
    names of organisations and media the store knows). Anything else stays as written.
    """
    tokens = label.split()
    if len(tokens) >= 3 and _saying_noun(tokens[0]) and tokens[1] in ("von", "vom", "des", "der"):
        rest = tokens[2:]
        while rest and rest[0].lower() in DETERMINERS:
            rest = rest[1:]
        if rest and all(_CAPITAL.match(t) or t in _NAME_PARTICLES for t in rest):
            return " ".join(rest)
    if "von" in tokens[1:4] or "vom" in tokens[1:4]:
        k = next(i for i, t in enumerate(tokens) if t in ("von", "vom"))
        rest = [t for t in tokens[k + 1:] if t.lower() not in DETERMINERS]
        if all(_is_name_token(t) and not _saying_noun(t) for t in tokens[:k]) and rest and (
                fold(" ".join(rest)) in bodies or any(_body_word(t) for t in rest)):
            return " ".join(tokens[:k])
    if len(tokens) >= 3 and tokens[1] == "und" and role_head(tokens[0]) and all(_CAPITAL.match(t) for t in tokens[2:]):
        return " ".join(tokens[2:])
    if tokens and tokens[0][:1].islower():
        k = len(tokens)
        while k > 0 and _CAPITAL.match(tokens[k - 1]):
            k -= 1
        if 0 < k < len(tokens) and not any(role_head(t) for t in tokens[k:]) and (
                not all(t in _NAME_PARTICLES | {"der", "den"} for t in tokens[:k])):  # "von der Leyen" is a name
            return " ".join(tokens[k:])
    return label


def repair_speakers(claims: list[Claim]) -> None:
    """Give claims the person's name where the extractor kept the words around it, or a description
    the sentence names by apposition; the mention as written stays. Resolved per document and label,
    so a continued quote ("continued", no mention in its sentence) follows its opening."""
    named: dict[tuple[str, str], str] = {}
    people: set[tuple[str, str]] = set()
    bodies = frozenset(fold(c.speaker) for c in claims if c.speaker and c.speaker_kind in ("organisation", "media"))
    for claim in claims:
        label = claim.speaker
        if not label or claim.kind == "figure" or (claim.source, label) in named:
            continue
        if claim.sentence and claim.mention and _described(claim, label):
            title = quoted_name_after(claim.sentence, claim.mention)
            if title and fold(title) not in fold(label):
                named[(claim.source, label)] = title
                continue
            name = named_after(claim.sentence, claim.mention)
            if name and fold(name) not in fold(label):
                named[(claim.source, label)] = name
                people.add((claim.source, name))
                continue
        name = speaker_name(label, bodies)
        if name != label:
            named[(claim.source, label)] = name
    for claim in claims:
        name = named.get((claim.source, claim.speaker or ""))
        if name:
            if claim.role is None and any(role_head(w) for w in (claim.speaker or "").split()):
                claim.role = claim.speaker
            claim.speaker = name
            # a name from an apposition is a person's; one cut from a label keeps a kind that fits a name
            if (claim.source, name) in people:
                claim.speaker_kind = "person"
            elif claim.speaker_kind not in ("person", "organisation", "media"):
                claim.speaker_kind = "unknown"


def resolve_entities(claims: list[Claim]) -> list[Entity]:
    """Group the speakers of all claims into entities; set each claim's `entity` and canonical `speaker`."""
    repair_speakers(claims)
    speakers = _collect_speakers(claims)
    groups = _Groups(list(speakers))
    _merge_spellings(speakers, groups)
    _merge_short_names(speakers, groups)
    entities, canonical = _make_entities(speakers, groups)
    for claim in claims:
        if claim.speaker and claim.speaker in canonical:
            entity = canonical[claim.speaker]
            if claim.mention and claim.mention != entity.name and claim.mention not in entity.aliases and \
                    len(claim.mention) < 80:
                entity.aliases.append(claim.mention)
            claim.entity = entity.id
            claim.speaker = entity.name
    entities.sort(key=lambda e: e.id)
    return entities


def _collect_speakers(claims: list[Claim]) -> dict[str, _Speaker]:
    """Every speaker label with its kind, roles and number of claims."""
    speakers: dict[str, _Speaker] = {}
    for claim in claims:
        if not claim.speaker:
            continue
        entry = speakers.get(claim.speaker)
        if entry is None:
            entry = speakers[claim.speaker] = _Speaker(claim.speaker, claim.speaker_kind or "unknown", [], 0)
        entry.count += 1
        if claim.role and claim.role not in entry.roles:
            entry.roles.append(claim.role)
        if entry.kind in ("unknown", None) and claim.speaker_kind:
            entry.kind = claim.speaker_kind
    return speakers


class _Groups:
    """Union-find over speaker labels: which labels name the same entity."""

    def __init__(self, names: list[str]) -> None:
        self.names = names
        self.parent = {n: n for n in names}

    def find(self, n: str) -> str:
        while self.parent[n] != n:
            self.parent[n] = self.parent[self.parent[n]]
            n = self.parent[n]
        return n

    def union(self, a: str, b: str) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            self.parent[rb] = ra


def _merge_spellings(speakers: dict[str, _Speaker], groups: _Groups) -> None:
    """Labels with the same spelling key are transliteration variants of one name."""
    by_key: dict[tuple[str, ...], list[str]] = defaultdict(list)
    for n in groups.names:
        by_key[name_key(n)].append(n)
    for group in by_key.values():
        for other in group[1:]:
            a, b = speakers[group[0]], speakers[other]
            if a.kind != b.kind and "unknown" not in (a.kind, b.kind) and "person" in (a.kind, b.kind):
                continue
            na, nb = _nationalities(a.roles), _nationalities(b.roles)
            if na and nb and not (na & nb):
                continue
            if fold(group[0]) == fold(other):
                groups.union(group[0], other)
            elif a.kind == b.kind == "person" and same_person(group[0], other):
                # transliteration rules are for people's names; "UNO" is not "Union", "APA" not "AP"
                groups.union(group[0], other)


def _merge_short_names(speakers: dict[str, _Speaker], groups: _Groups) -> None:
    """A lone surname or a name without its first name joins the one full name that fits."""
    people = [n for n in groups.names if speakers[n].kind == "person"]
    for n in groups.names:
        toks = name_tokens(n)
        if len(toks) > 2 or speakers[n].kind not in ("person", "unknown"):
            continue
        if speakers[n].kind == "unknown" and len(toks) > 1:
            continue  # "Aus Paris" is no person's name
        key = name_key(n)
        fits = {groups.find(p) for p in people if p != n and len(name_tokens(p)) > len(toks)
                and tuple(name_key(p)[-len(key):]) == key
                and (speakers[n].kind == "person" or fold(name_tokens(p)[-1]) == fold(toks[-1]))}
        if len(fits) == 1:
            target = fits.pop()
            if not (_nationalities(speakers[n].roles) and _nationalities(speakers[target].roles)
                    and not _nationalities(speakers[n].roles) & _nationalities(speakers[target].roles)):
                groups.union(target, n)


def _make_entities(speakers: dict[str, _Speaker], groups: _Groups) -> tuple[list[Entity], dict[str, Entity]]:
    """One entity per group, named by its fullest person name or its most frequent label; the entity of each label."""
    members_of: dict[str, list[str]] = defaultdict(list)
    for n in groups.names:
        members_of[groups.find(n)].append(n)
    entities: list[Entity] = []
    canonical: dict[str, Entity] = {}
    used_ids: Counter[str] = Counter()
    for members in members_of.values():
        members.sort(key=lambda m: (-len(name_tokens(m)) if speakers[m].kind == "person" else 0,
                                    -speakers[m].count, m))
        name = members[0]
        kinds = Counter(speakers[m].kind for m in members if speakers[m].kind != "unknown")
        kind = kinds.most_common(1)[0][0] if kinds else "unknown"
        roles = list(dict.fromkeys(r for m in members for r in speakers[m].roles))
        eid = slug(name)
        used_ids[eid] += 1
        if used_ids[eid] > 1:
            eid = f"{eid}-{used_ids[eid]}"
        entity = Entity(id=eid, name=name, kind=cast(SpeakerKind, kind), aliases=sorted(set(members) - {name}),
                        roles=roles)
        entities.append(entity)
        for m in members:
            canonical[m] = entity
    return entities, canonical
