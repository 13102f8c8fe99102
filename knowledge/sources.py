"""What is known of each document's outlet, read from the document itself.

Outlets state themselves in a few ways: a source line ("Quelle: 902.gr"), a dateline
("Berlin taz | …", "Seoul (dpa) - …"), a copyright line. Where the text says nothing the
outlet is "unknown": guessing an outlet would put words in somebody's mouth. `sources.yaml`
is written for new documents only, so an editor's corrections stay.
"""

from __future__ import annotations

import re
from pathlib import Path

import yaml

from knowledge.documents import Document, paragraphs_of
from knowledge.model import Source

_SOURCE_LINE = re.compile(r"^\s*(?:Quelle|Source)\s*:\s*(?P<name>[\w.\- ]{2,60}?)\s*$", re.I)
_DATELINE = re.compile(r"^\s*(?P<place>[A-ZÄÖÜ][\w\-/. ]{1,40}?)\s+(?P<name>[\w.\-]{2,30})\s*\|\s*\S")
_AGENCY = re.compile(r"^\s*[A-ZÄÖÜ][\w\-/. ]{1,40}?\s*\((?P<name>dpa|AFP|AP|Reuters|KNA|epd|dts|APA|sda)\)\s*[-–—]")
_COPYRIGHT = re.compile(r"©\s*(?:\d{4}\s*)?(?P<name>[A-Z][\w.\- ]{1,40})")
_DATE = re.compile(
    r"^\s*(?:Veröffentlicht|Stand|Datum)\s*:?\s*(?:am\s*)?(?P<date>\d{1,2}\.\s*\d{1,2}\.\s*\d{4}|\d{4}-\d{2}-\d{2})"
)


def detect_source(doc: Document) -> Source:
    outlet = "unknown"
    date = "unknown"
    for para in paragraphs_of(doc.text):
        if outlet == "unknown":
            for pattern in (_SOURCE_LINE, _DATELINE, _AGENCY):
                m = pattern.match(para)
                if m:
                    outlet = m.group("name").strip()
                    break
        m = _DATE.match(para)
        if m and date == "unknown":
            date = m.group("date")
    if outlet == "unknown":
        m = _COPYRIGHT.search(doc.text)
        if m:
            outlet = m.group("name").strip()
    return Source(document=doc.id, outlet=outlet, language="de", date=date)


def sources_path(folder: Path) -> Path:
    return folder / "sources.yaml"


def _read_entries(path: Path) -> dict | None:
    """The `documents` mapping of sources.yaml; None when the file is broken or of the wrong shape."""
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    except (OSError, UnicodeDecodeError, yaml.YAMLError):
        return None
    if not isinstance(data, dict):
        return None
    documents = data.get("documents") or {}
    return documents if isinstance(documents, dict) else None


def load_sources(folder: Path) -> dict[str, Source]:
    path = sources_path(folder)
    if not path.exists():
        return {}
    result = {}
    for doc_id, entry in (_read_entries(path) or {}).items():
        entry = entry if isinstance(entry, dict) else {}
        result[str(doc_id)] = Source(
            document=str(doc_id),
            outlet=str(entry.get("outlet") or "unknown"),
            language=str(entry.get("language") or "de"),
            date=str(entry.get("date") or "unknown"),
            url=str(entry.get("url") or "unknown"),
        )
    return result


def update_sources(folder: Path, documents: list[Document]) -> dict[str, Source]:
    """Add entries for documents sources.yaml does not know yet; keep every existing entry.

    A sources.yaml that cannot be read is left as it is (it holds an editor's work), and the
    detected sources are only returned.
    """
    path = sources_path(folder)
    writable = not path.exists() or _read_entries(path) is not None
    known = load_sources(folder)
    changed = False
    for doc in documents:
        if doc.id not in known:
            known[doc.id] = detect_source(doc)
            changed = True
    if changed and writable:
        body = {
            "documents": {
                s.document: {"outlet": s.outlet, "language": s.language, "date": s.date, "url": s.url}
                for s in sorted(known.values(), key=lambda s: s.document)
            }
        }
        header = (
            '# What is known of each document\'s outlet, as the document states it; "unknown" where it\n'
            "# does not. Written for new documents by `briefbot extract`; edits here are kept.\n"
        )
        path.write_text(header + yaml.safe_dump(body, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return known
