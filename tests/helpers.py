"""Small German documents and claim files written into tmp_path folders."""

from __future__ import annotations

from pathlib import Path

from knowledge.claimfile import dump_claims
from knowledge.documents import content_hash
from knowledge.model import Claim

MEIER_DOC = (
    "Berlin taz | Die Lage an der Grenze bleibt angespannt.\n"
    "\n"
    "„Wir werden nicht nachgeben“, sagte Minister Hans Meier.\n"
    "Die Opposition kritisierte den Kurs der Regierung scharf.\n"
)

WEATHER_DOC = (
    "Quelle: example.org\n"
    "Das Wetter in Hamburg war am Wochenende sonnig und warm.\n"
)


def write_doc(folder: Path, doc_id: str, text: str) -> Path:
    path = folder / f"{doc_id}.txt"
    path.write_text(text, encoding="utf-8")
    return path


def quote(doc_id: str, number: int, paragraph: int, text: str, speaker: str | None = None, **extra) -> Claim:
    return Claim(id=f"{doc_id}#{number:03d}", source=doc_id, paragraph=paragraph, kind="quote", text=text,
                 speaker=speaker, speaker_kind="person" if speaker else None, **extra)


def write_claims(folder: Path, doc_id: str, claims: list[Claim], *, reviewed: bool = False) -> Path:
    """A claim file as extraction would write it, matching the document's current content."""
    doc_path = folder / f"{doc_id}.txt"
    path = folder / f"{doc_id}.claims.yaml"
    dump_claims(path, doc_id, content_hash(doc_path.read_bytes()), claims, "test")
    if reviewed:
        path.write_text(path.read_text(encoding="utf-8").replace("reviewed: false", "reviewed: true"),
                        encoding="utf-8")
    return path
