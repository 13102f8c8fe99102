"""A speaker as the text names it, and how appositions and coordinated speakers join into one."""

from __future__ import annotations

from dataclasses import dataclass, field

from knowledge.extraction.lexicon import DETERMINERS, role_head
from knowledge.extraction.text import Token
from knowledge.model import SpeakerKind


@dataclass(slots=True)
class Mention:
    """A speaker as the text names it: verbatim span plus what the parser made of it."""

    text: str
    start: int
    end: int
    name: str | None = None  # personal or proper name inside the phrase
    role: str | None = None  # office or description
    kind: SpeakerKind = "unknown"
    gender: str | None = None
    pronoun: bool = False
    definite_role: bool = False  # "der Präsident": refers back to somebody named before
    parts: list[Mention] = field(default_factory=list)  # coordinated speakers

    @property
    def label(self) -> str:
        """How the speaker is called in claims: the name, else the description.

        A bare acronym of a body says little ("AP"); with its description it is recognisable
        ("Nachrichtenagentur AP").
        """
        if self.name and self.kind in ("media", "organisation") and len(self.name) <= 3 and self.role \
                and len(self.role.split()) <= 2 and strip_determiner(self.role) != self.name:
            return f"{strip_determiner(self.role)} {self.name}"
        if self.name:
            return self.name
        return strip_determiner(self.role or self.text)



def strip_determiner(text: str) -> str:
    words = text.strip(" ,").split()
    while words and words[0].lower() in DETERMINERS:
        words = words[1:]
    return " ".join(words)



def pronoun_mention(tok: Token) -> Mention:
    gender = {"er": "m", "sie": "f", "dieser": "m", "diese": "f", "letzterer": "m", "letztere": "f"}.get(tok.lower)
    return Mention(text=tok.text, start=tok.start, end=tok.end, kind="person", gender=gender, pronoun=True)



def coordinate(parts: list[Mention], text: str) -> Mention:
    start, end = parts[0].start, parts[-1].end
    joined = Mention(text=text[start:end], start=start, end=end, parts=parts)
    if all(p.kind == "person" and p.name for p in parts):
        joined.kind = "person"
    else:
        joined.kind = "group"
        joined.role = " und ".join(p.label for p in parts)
    return joined



def merge_appositions(parts: list[Mention], text: str, start: int, end: int) -> Mention:
    """ "Der Sprecher …, Jan Vogt," is one speaker: the name from one part, the role from another."""
    if len(parts) == 1:
        return parts[0]
    # a bare name wins over a role with a name-like word: "der Präsident Indonesiens, Susilo Bambang Yudhoyono"
    named = next((p for p in parts if p.kind == "person" and p.name and not p.role), None) or next(
        (p for p in parts if p.kind == "person" and p.name), None) or next((p for p in parts if p.name), parts[0])
    # a coordination of offices keeps its words ("Präsident der Universität Göttingen und Vorsitzender der …")
    roles = [strip_determiner(p.text) if p.kind == "group" and not p.name else p.role or p.text
             for p in parts if p is not named and (p.role or p.text)]
    merged = Mention(
        text=text[start:end], start=start, end=end, name=named.name, kind=named.kind,
        role="; ".join(r for r in [named.role, *roles] if r) or None, gender=named.gender,
    )
    if named.kind in ("unknown", "organisation") and any(
            p.kind == "person" or (not p.name and p.role and role_head(p.role.split()[0]))
            for p in parts if p is not named):
        merged.kind = "person"
    return merged
