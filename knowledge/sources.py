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
from knowledge.schema import FileError, SourcesFile, read_yaml_file, validate_file

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


class SourcesFileError(FileError):
    """A sources.yaml that cannot be used; its `problem` names file and line."""


def read_sources_file(path: Path) -> dict[str, Source]:
    """The entries of one sources.yaml, every field checked (see `knowledge.schema`).

    A file that is broken or of the wrong shape is refused rather than read as "no outlets":
    silently losing every outlet name would change answers ("Wer wird in der taz zitiert?").
    """
    data = read_yaml_file(path, SourcesFileError)
    if data is None:
        return {}
    parsed = validate_file(path, data, SourcesFile, SourcesFileError, "not_a_sources_file")
    return {doc_id: Source(document=doc_id, **(entry.model_dump() if entry else {}))
            for doc_id, entry in parsed.documents.items()}


def load_sources(folder: Path) -> dict[str, Source]:
    """The folder's sources.yaml, or nothing when there is none; raises SourcesFileError when it is broken."""
    path = sources_path(folder)
    if not path.exists():
        return {}
    return read_sources_file(path)


def update_sources(folder: Path, documents: list[Document]) -> dict[str, Source]:
    """Add entries for documents sources.yaml does not know yet; keep every existing entry.

    A sources.yaml that cannot be read is left as it is (it holds an editor's work), and the
    detected sources are only returned.
    """
    path = sources_path(folder)
    try:
        known = load_sources(folder)
        writable = True
    except SourcesFileError:
        known, writable = {}, False
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
