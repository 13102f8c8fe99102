"""One entity per speaker across all documents, whatever the spelling.

Transliterations differ between outlets ("Selenskyj", "Zelensky", "Yoon Suk Yeol",
"Yun Suk-yol"), and plain similarity scores put true variants and different people close
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

from rapidfuzz import fuzz

from knowledge.model import Claim, Entity

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


def resolve_entities(claims: list[Claim]) -> list[Entity]:
    """Group the speakers of all claims into entities; set each claim's `entity` and canonical `speaker`."""
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
    names = list(speakers)
    parent = {n: n for n in names}

    def find(n: str) -> str:
        while parent[n] != n:
            parent[n] = parent[parent[n]]
            n = parent[n]
        return n

    def union(a: str, b: str) -> None:
        ra, rb = find(a), find(b)
        if ra != rb:
            parent[rb] = ra

    people = [n for n in names if speakers[n].kind == "person"]
    by_key: dict[tuple[str, ...], list[str]] = defaultdict(list)
    for n in names:
        by_key[name_key(n)].append(n)
    # same spelling key: transliteration variants
    for group in by_key.values():
        for other in group[1:]:
            a, b = speakers[group[0]], speakers[other]
            if a.kind != b.kind and "unknown" not in (a.kind, b.kind) and "person" in (a.kind, b.kind):
                continue
            na, nb = _nationalities(a.roles), _nationalities(b.roles)
            if na and nb and not (na & nb):
                continue
            if fold(group[0]) == fold(other):
                union(group[0], other)
            elif a.kind == b.kind == "person" and same_person(group[0], other):
                # transliteration rules are for people's names; "UNO" is not "Union", "APA" not "AP"
                union(group[0], other)
    # a lone surname or a name without its first name: merge when exactly one full name fits
    for n in names:
        toks = name_tokens(n)
        if len(toks) > 2 or speakers[n].kind not in ("person", "unknown"):
            continue
        if speakers[n].kind == "unknown" and len(toks) > 1:
            continue  # "Aus Paris" is no person's name
        key = name_key(n)
        fits = {find(p) for p in people if p != n and len(name_tokens(p)) > len(toks)
                and tuple(name_key(p)[-len(key):]) == key
                and (speakers[n].kind == "person" or fold(name_tokens(p)[-1]) == fold(toks[-1]))}
        if len(fits) == 1:
            target = fits.pop()
            if not (_nationalities(speakers[n].roles) and _nationalities(speakers[target].roles)
                    and not _nationalities(speakers[n].roles) & _nationalities(speakers[target].roles)):
                union(target, n)
    groups: dict[str, list[str]] = defaultdict(list)
    for n in names:
        groups[find(n)].append(n)
    entities: list[Entity] = []
    canonical: dict[str, Entity] = {}
    used_ids: Counter[str] = Counter()
    for members in groups.values():
        members.sort(key=lambda m: (-len(name_tokens(m)) if speakers[m].kind == "person" else 0,
                                    -speakers[m].count, m))
        name = members[0]
        kinds = Counter(speakers[m].kind for m in members if speakers[m].kind != "unknown")
        kind = kinds.most_common(1)[0][0] if kinds else "unknown"
        roles: list[str] = []
        for m in members:
            for r in speakers[m].roles:
                if r not in roles:
                    roles.append(r)
        eid = slug(name)
        used_ids[eid] += 1
        if used_ids[eid] > 1:
            eid = f"{eid}-{used_ids[eid]}"
        entity = Entity(id=eid, name=name, kind=kind, aliases=sorted(set(members) - {name}), roles=roles)
        entities.append(entity)
        for m in members:
            canonical[m] = entity
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
