"""The values the claim store is made of: documents, claims, figures, speakers.

These are plain data; extraction produces them, claim files persist them, the SQL store
indexes them and the answer engine reads them. Nothing here knows about messengers.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any, Literal

#: `passage`: a sentence of the document itself, no one's statement (answers what no claim holds).
ClaimKind = Literal["quote", "indirect", "figure", "passage"]
#: How the speaker stands to the reported content: a denial or refusal is never shown as an assertion.
Stance = Literal["asserts", "denies", "refuses"]
Section = Literal["article", "comment"]

#: Kinds of speaker an extracted mention can be.
SpeakerKind = Literal["person", "organisation", "media", "anonymous", "group", "unknown"]


@dataclass(frozen=True, slots=True)
class Figure:
    """A number the text states about a count of people (troops, casualties, deserters)."""

    value: int | None
    low: int | None
    high: int | None
    qualifier: str | None
    unit: str
    scope: str | None
    measure: str  # "troops", "casualties", "deserters", ...
    party: str | None = None  # whose people are counted: "französisch", "kenianisch", ... as the text says


    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Figure:
        return cls(
            value=data.get("value"),
            low=data.get("low"),
            high=data.get("high"),
            qualifier=data.get("qualifier"),
            unit=str(data.get("unit") or ""),
            scope=data.get("scope"),
            measure=str(data.get("measure") or "troops"),
            party=data.get("party"),
        )


@dataclass(slots=True)
class Claim:
    """One statement a document makes or reports, with its verbatim citation.

    `text` is a verbatim span of paragraph `paragraph` of document `source` (pieces may be
    joined by ``[…]``), so every reply built from it can be checked against the document.
    `speaker` is the name as the document resolves it; the store maps it to a canonical
    entity across documents (`entity`).
    """

    id: str
    source: str
    paragraph: int
    kind: ClaimKind
    text: str
    speaker: str | None = None
    speaker_kind: SpeakerKind | None = None
    role: str | None = None
    mention: str | None = None
    via: str | None = None
    cue: str | None = None
    sentence: str | None = None
    figure: Figure | None = None
    section: Section = "article"
    entity: str | None = None
    stance: Stance | None = None  # None: asserts

    def to_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data["figure"] = self.figure.to_dict() if self.figure else None
        return data

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Claim:
        fig = data.get("figure")
        return cls(
            id=str(data["id"]),
            source=str(data["source"]),
            paragraph=int(data["paragraph"]),
            kind=data["kind"],
            text=str(data["text"]),
            speaker=data.get("speaker"),
            speaker_kind=data.get("speaker_kind"),
            role=data.get("role"),
            mention=data.get("mention"),
            via=data.get("via"),
            cue=data.get("cue"),
            sentence=data.get("sentence"),
            figure=Figure.from_dict(fig) if fig else None,
            section=data.get("section") or "article",
            entity=data.get("entity"),
            stance=data.get("stance"),
        )


@dataclass(slots=True)
class Entity:
    """A person or organisation, one per real-world speaker across all documents."""

    id: str
    name: str
    kind: SpeakerKind
    aliases: list[str] = field(default_factory=list)
    roles: list[str] = field(default_factory=list)


@dataclass(frozen=True, slots=True)
class Source:
    """What is known of the outlet behind one document; "unknown" where the text does not say."""

    document: str
    outlet: str = "unknown"
    language: str = "de"
    date: str = "unknown"
    url: str = "unknown"
