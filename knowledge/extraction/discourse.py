"""Who "er", "die Ministerin" and "Kim" are: speakers resolved within one document.

Articles name a person in full once ("Verteidigungsminister Paul Berger") and then by
surname, role noun or pronoun. The document keeps a list of the people it has named, in
order; a later mention resolves to the most recent compatible one.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from knowledge.extraction.mentions import Mention, first_name_gender

_NATIONALITY = re.compile(r"\b([a-zäöüß\-]+isch)(?:e|en|er|es|em)?\b", re.I)


@dataclass(slots=True)
class Person:
    name: str
    roles: list[str] = field(default_factory=list)
    gender: str | None = None
    last_seen: int = 0

    @property
    def tokens(self) -> list[str]:
        return [t for t in re.split(r"[\s]+", self.name) if t]


def _nationalities(text: str | None) -> set[str]:
    if not text:
        return set()
    return {m.group(1).lower() for m in _NATIONALITY.finditer(text)
            if m.group(1).lower() not in ("politisch", "militärisch", "strategisch", "diplomatisch", "technisch")}


def _role_stem(role: str | None) -> str | None:
    if not role:
        return None
    words = role.split()
    # the head stands before its genitive or prepositional attribute: "Leiterin der Behörde"
    cut = next((k for k in range(1, len(words)) if words[k].lower() in ("der", "des", "von", "vom", "für", "aus")),
               len(words))
    head = words[cut - 1].lower()
    head = re.sub(r"(innen|in|en|n|s)$", "", head)
    for stem in ("minister", "präsident", "sprecher", "kanzler", "botschafter", "sekretär", "chef", "direktor",
                 "general", "beauftragt", "leiter", "vorsitzend", "analyst", "autor"):
        if stem in head:
            return stem
    return head


class Discourse:
    """People named so far in a document, for resolving later references to them."""

    def __init__(self) -> None:
        self.people: list[Person] = []
        self.recent_speakers: list[Person] = []
        self.position = 0

    def advance(self) -> None:
        self.position += 1

    def register(self, mention: Mention) -> str | None:
        """Add or refresh a named person; returns the full name it resolves to."""
        if mention.kind != "person" or not mention.name:
            return None
        person = self._match_name(mention.name)
        if person is None:
            person = Person(mention.name, gender=mention.gender or _gender(mention.name))
            self.people.append(person)
        elif len(mention.name.split()) > len(person.name.split()) and mention.name.endswith(person.name):
            person.name = mention.name
        if mention.role and mention.role not in person.roles:
            person.roles.append(mention.role)
        if mention.gender and not person.gender:
            person.gender = mention.gender
        person.last_seen = self.position
        return person.name

    def _match_name(self, name: str) -> Person | None:
        tokens = name.split()
        low = [t.lower() for t in tokens]
        for person in reversed(self.people):
            ptoks = [t.lower() for t in person.tokens]
            if low == ptoks:
                return person
        candidates = []
        for person in self.people:
            ptoks = [t.lower() for t in person.tokens]
            shorter = len(low) < len(ptoks) and all(t in ptoks for t in low)
            longer = len(low) > len(ptoks) and all(t in low for t in ptoks) and len(ptoks) == 1
            if shorter or longer:
                candidates.append(person)
            elif len(low) >= 2 and len(ptoks) >= 2 and not first_name_gender(tokens[0]) and (
                    low[-1] in (ptoks[0], ptoks[-1]) and len(low[-1]) >= 3):
                candidates.append(person)  # "MMich Berger" -> "Anna Berger"
        unique = {p.name for p in candidates}
        return candidates[-1] if len(unique) == 1 else None

    def known(self, name: str) -> Person | None:
        """The person named before whom the name stands for, if exactly one."""
        return self._match_name(name)

    def resolve_name(self, name: str) -> str:
        person = self._match_name(name)
        return person.name if person else name

    def resolve_reference(self, mention: Mention, window: int = 12) -> Person | None:
        """A pronoun or a role noun ("die Ministerin") -> the most recent compatible person."""
        recent = sorted((p for p in self.people if self.position - p.last_seen <= window),
                        key=lambda p: p.last_seen, reverse=True)
        if not recent:
            return None
        if mention.pronoun:
            top = recent[0]
            if mention.gender and top.gender and top.gender != mention.gender:
                # prefer a gender-compatible person seen just as recently; the person of the sentence just
                # before stays the likeliest referent ("Die Sprecherin lehnte ab. …, sagte er."), anybody
                # named further back is not who "sie" is
                alt = next((p for p in recent[1:] if p.last_seen >= top.last_seen - 1 and p.gender == mention.gender),
                           None)
                return alt or (top if self.position - top.last_seen <= 1 else None)
            return top
        nat = _nationalities(mention.role or mention.text)
        stem = _role_stem(mention.role)
        fallback: Person | None = None
        for person in recent:
            pnat = set().union(*(_nationalities(r) for r in person.roles)) if person.roles else set()
            if nat and pnat and not (nat & pnat):
                continue
            if mention.gender and person.gender and mention.gender != person.gender:
                continue
            pstems = {_role_stem(part.strip()) for r in person.roles for part in r.split(";")}
            if stem and any(stem in (p or "") or (p or "") in stem for p in pstems if p):
                return person  # the office named before: "Außenminister X" … "der Minister"
            if stem and nat & pnat and any(p and p.startswith("amtskolleg") for p in pstems):
                return person  # "dessen brasilianischer Amtskollege X" holds the office: "der brasilianische Präsident"
            if fallback is None and not person.roles and self.position - person.last_seen <= 3 and \
                    person in self.recent_speakers and (person.gender is None or person.gender == mention.gender):
                # somebody who just spoke, named without an office: "X sagte …" … "die Ministerin";
                # a person merely mentioned ("der Sohn, Bernhard B.") is not who "der Staatsanwalt" is
                fallback = person
        return fallback

    def spoke(self, name: str) -> None:
        """Remember who spoke last: the likeliest referent of a role noun whose gender we cannot check."""
        person = self._match_name(name)
        if person is not None:
            if person in self.recent_speakers:
                self.recent_speakers.remove(person)
            self.recent_speakers = [person, *self.recent_speakers][:3]


def _gender(name: str) -> str | None:
    g = first_name_gender(name.split()[0]) if name else None
    return g if g in ("m", "f") else None
