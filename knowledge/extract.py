"""Extraction ahead of question time: documents in, one claim file per document out.

Only new or changed documents (by content hash) are extracted, and a claim file an editor
marked ``reviewed: true`` is never overwritten, so human corrections survive every run.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from tqdm import tqdm

from knowledge.claimfile import dump_claims, extractor_of, peek
from knowledge.documents import MAX_DOCUMENT_BYTES, Document, DocumentError, document_paths, read_document
from knowledge.extraction.pipeline import extract_claims
from knowledge.problems import FileProblem
from knowledge.sources import update_sources

#: Claim files written by another version of the extractor are re-extracted (unless reviewed).
EXTRACTOR = "briefbot-extractor/76"


@dataclass(slots=True)
class ExtractionReport:
    extracted: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    reviewed: list[str] = field(default_factory=list)
    errors: list[FileProblem] = field(default_factory=list)

    def summary(self) -> str:
        parts = [f"{len(self.extracted)} extracted", f"{len(self.unchanged)} unchanged"]
        if self.reviewed:
            parts.append(f"{len(self.reviewed)} reviewed (kept)")
        if self.errors:
            parts.append(f"{len(self.errors)} with errors")
        return ", ".join(parts)


def needs_extraction(doc: Document, force: bool = False) -> bool:
    path = doc.claims_path
    if not path.exists():
        return True
    sha, reviewed = peek(path)
    if reviewed or sha is None:
        # reviewed: an editor's work; unreadable: possibly an editor's typo, which the store reports
        # with file and line rather than silently replacing it
        return False
    return force or sha != doc.sha256 or extractor_of(path) != EXTRACTOR


def extract_folder(folder: Path, *, force: bool = False, progress: bool = True,
                   max_bytes: int = MAX_DOCUMENT_BYTES) -> ExtractionReport:
    """Bring every claim file in `folder` up to date with its document."""
    report = ExtractionReport()
    documents: list[Document] = []
    for path in document_paths(folder):
        try:
            documents.append(read_document(path, max_bytes=max_bytes))
        except DocumentError as exc:
            report.errors.append(exc.problem)
    todo = []
    for doc in documents:
        if doc.claims_path.exists() and peek(doc.claims_path)[1]:
            report.reviewed.append(doc.id)
        elif needs_extraction(doc, force):
            todo.append(doc)
        else:
            report.unchanged.append(doc.id)
    bar = tqdm(todo, desc="extracting", unit="doc", disable=not progress or len(todo) < 5, leave=False)
    for doc in bar:
        try:
            claims = extract_claims(doc.id, doc.text)
        except Exception as exc:  # one odd document must not stop the others
            report.errors.append(FileProblem("extraction_failed", doc.path,
                                             detail=f"{exc.__class__.__name__}: {exc}"))
            continue
        dump_claims(doc.claims_path, doc.id, doc.sha256, claims, EXTRACTOR)
        report.extracted.append(doc.id)
    update_sources(folder, documents)
    return report
