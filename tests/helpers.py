"""Small German documents and claim files written into tmp_path folders, a copy of seeds/, a settable clock."""

from __future__ import annotations

import re
import shutil
from datetime import datetime
from pathlib import Path

from knowledge.claimfile import dump_claims
from knowledge.documents import content_hash, paragraphs_of
from knowledge.extract import EXTRACTOR
from knowledge.index import KnowledgeIndex
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
    dump_claims(path, doc_id, content_hash(doc_path.read_bytes()), claims, EXTRACTOR)
    if reviewed:
        path.write_text(path.read_text(encoding="utf-8").replace("reviewed: false", "reviewed: true"),
                        encoding="utf-8")
    return path


# ---------------------------------------------------------------- a small news corpus for the answering layer

NEWS_DOCS = {
    "alpha": (
        "Berlin taz | Nordland hat nach Angaben der Regierung bis zu 5.000 Soldaten an die Grenze verlegt.\n"
        "„Wir werden unser Land verteidigen“, sagte Verteidigungsminister Hans Albers am Dienstag.\n"
        "Albers erklärte, die Lage an der Grenze sei ernst, aber unter Kontrolle.\n"
        "„Die Entscheidung von Kanzler Karl Brandt war richtig“, sagte Albers.\n"
    ),
    "beta": (
        "Nach Angaben des Generalstabs sind in der ersten Phase rund 3.000 Soldaten entsandt worden.\n"
        "Das Verteidigungsministerium bestätigte die Zahl von 12.000 Soldaten nicht.\n"
        "Außenministerin Greta Albers sagte, man setze weiter auf Gespräche mit den Nachbarn.\n"
        "„Diplomatie ist der einzige Weg aus der Krise“, sagte Greta Albers in Hamburg.\n"
        "Quelle: example.org\n"
    ),
    "gamma": (
        "Der Kieler Bürgermeister Peter Brandt warnte vor einer Eskalation an der Grenze.\n"
        "„Eine Eskalation hilft niemandem“, sagte Brandt am Mittwoch.\n"
        "Laut Brandt sollen insgesamt 8.000 Soldaten in der Region stationiert sein.\n"
        "Quelle: nordkurier.example\n"
    ),
    "delta": (
        "Regierungssprecherin Maria Vogt sagte am Freitag, die Lage im Grenzgebiet sei ruhig.\n"
        "„Die Regierung beobachtet die Grenze genau“, sagte Vogt.\n"
        "„Wir stehen in engem Kontakt mit unseren Partnern“, sagte Vogt.\n"
        "„Die Bevölkerung muss sich keine Sorgen machen“, sagte Vogt.\n"
        "„Die Schulen bleiben geöffnet“, sagte Vogt.\n"
        "„Die Bahn fährt weiter nach Fahrplan“, sagte Vogt.\n"
        "„Die Krankenhäuser sind gut vorbereitet“, sagte Vogt.\n"
        "„Die Polizei zeigt mehr Präsenz in den Städten“, sagte Vogt.\n"
        "„Der Katastrophenschutz übt jede Woche“, sagte Vogt.\n"
        "„Die Stromversorgung ist gesichert“, sagte Vogt.\n"
        "„Die Lebensmittelpreise bleiben stabil“, sagte Vogt.\n"
        "„Wir informieren jeden Abend über die Lage“, sagte Vogt.\n"
        "Quelle: regierung.example\n"
    ),
}


def index_of(folder: Path, doc_id: str, text: str, claims: list[Claim]) -> KnowledgeIndex:
    """The answer index of one document and its claims, in a store of its own under `folder`."""
    from knowledge.store import open_store

    docs = folder / "docs"
    docs.mkdir(parents=True)
    write_doc(docs, doc_id, text)
    write_claims(docs, doc_id, claims)
    snapshot = open_store(docs, f"sqlite:///{folder / 's.db'}", progress=False)
    assert not snapshot.problems
    return KnowledgeIndex.build(snapshot)


def extracted_index(folder: Path, docs: dict[str, str]) -> KnowledgeIndex:
    """The answer index of documents (id → text) with the claims the extractor finds, in a store under `folder`."""
    from knowledge.extraction.pipeline import extract_claims
    from knowledge.store import open_store

    for doc_id, text in docs.items():
        write_doc(folder, doc_id, text)
        write_claims(folder, doc_id, extract_claims(doc_id, text))
    snapshot = open_store(folder, f"sqlite:///{folder / 's.db'}", progress=False)
    assert not snapshot.problems
    return KnowledgeIndex.build(snapshot)


#: towns of other stories, one short article each, so that what one test article names is rare in the store
TOWNS = ["Aurich", "Celle", "Detmold", "Emden", "Fulda", "Goslar", "Husum", "Itzehoe", "Jever", "Kleve", "Lingen",
         "Meppen", "Nienburg", "Peine", "Rinteln", "Soltau", "Uelzen", "Verden", "Wesel", "Zeven"]


def write_news(folder: Path) -> Path:
    """Four short invented news articles (no claim files: extraction runs on first use)."""
    folder.mkdir(parents=True, exist_ok=True)
    for doc_id, text in NEWS_DOCS.items():
        write_doc(folder, doc_id, text)
    return folder


CITATION = re.compile(r"\[[^\[\]]+ ¶\d+\]$")


def claim_lines(text: str) -> list[str]:
    """The lines of a reply that show a claim or a figure (indented under a heading)."""
    return [line for line in text.splitlines() if line.startswith("  ") and not line.strip().startswith("→")]


def cited_paragraph(folder: Path, claim) -> str:
    """The paragraph a claim cites: the claim's non-empty line of its document."""
    text = (folder / f"{claim['source'] if isinstance(claim, dict) else claim.source}.txt").read_text("utf-8")
    number = claim["paragraph"] if isinstance(claim, dict) else claim.paragraph
    return paragraphs_of(text)[number - 1]


def verbatim_pieces(text: str) -> list[str]:
    """The parts of a claim text between elisions ("[…]"), each of which must stand in the paragraph."""
    return [piece.strip() for piece in text.split("[…]") if piece.strip()]


SEEDS = Path(__file__).resolve().parents[1] / "seeds"


def copy_seeds(tmp_path: Path) -> Path:
    """The seeds folder as a test of its own may change it: documents, claim files, sources.yaml, no store."""
    target = tmp_path / "seeds"
    shutil.copytree(SEEDS, target, ignore=shutil.ignore_patterns("*.db", ".*lock"))
    return target


class Clock:
    """A wall clock the test sets and moves; the digest scheduler reads it by calling it."""

    def __init__(self, at: datetime) -> None:
        self.at = at

    def __call__(self) -> datetime:
        return self.at
