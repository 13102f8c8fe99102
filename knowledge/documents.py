"""Documents on disk: ids, paragraphs and content hashes.

A document is a UTF-8 ``.txt`` file; its id is the file name without ``.txt`` and its
paragraphs are its non-empty lines, counted from 1, so a citation can always be checked
by opening the file and counting lines.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from pathlib import Path

from knowledge.problems import FileProblem


class DocumentError(ValueError):
    """A document that cannot be read as UTF-8 text, or holds no text at all; `problem` says which."""

    def __init__(self, problem: FileProblem) -> None:
        super().__init__(str(problem))
        self.problem = problem
        self.path = problem.path


@dataclass(frozen=True, slots=True)
class Document:
    id: str
    path: Path
    text: str
    sha256: str

    @property
    def paragraphs(self) -> list[str]:
        return paragraphs_of(self.text)

    @property
    def claims_path(self) -> Path:
        return claims_path_for(self.path)


_LINE_BREAK = re.compile(r"\r\n|\r|\n")


def paragraphs_of(text: str) -> list[str]:
    """Non-empty lines, verbatim (the citation unit).

    Lines end at line breaks only (``\\n``, ``\\r\\n``, ``\\r``), as editors count them; other
    separators ``str.splitlines`` knows (form feed, U+2028, …) stay inside the line.
    """
    return [line for line in _LINE_BREAK.split(text) if line.strip()]


def content_hash(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def claims_path_for(doc_path: Path) -> Path:
    return doc_path.with_name(doc_path.stem + ".claims.yaml")


def document_paths(folder: Path) -> list[Path]:
    return sorted(p for p in folder.glob("*.txt") if p.is_file())


#: Larger files are refused: the whole text is held in memory and quoted from, and no news
#: article comes near this (a 50 MB file took 100 s and 511 MB to extract).
MAX_DOCUMENT_BYTES = 5 * 1024 * 1024


def inside_folder(path: Path) -> bool:
    """Whether `path`, links followed, stays in its own folder: the folder is the bot's boundary."""
    try:
        return path.resolve(strict=True).is_relative_to(path.parent.resolve(strict=True))
    except (OSError, RuntimeError):  # a dangling link or a loop
        return False


def read_document(path: Path, *, max_bytes: int = MAX_DOCUMENT_BYTES) -> Document:
    """Read one document, refusing what would yield wrong citations or quote what is not a document.

    Refused: a link out of the documents folder (its text would be quoted to chat users; the
    message does not name the target), a file over `max_bytes`, bad encoding, NUL bytes, no text.
    """
    if (path.is_symlink() or path.exists()) and not inside_folder(path):
        raise DocumentError(FileProblem("link_outside", path))
    try:
        with path.open("rb") as handle:
            data = handle.read(max_bytes + 1)
    except OSError as exc:
        raise DocumentError(FileProblem("unreadable", path, detail=exc.strerror or str(exc))) from exc
    if len(data) > max_bytes:
        raise DocumentError(FileProblem("too_large", path, detail=str(max_bytes // 1024)))
    if b"\0" in data:
        line = data[: data.index(b"\0")].count(b"\n") + 1
        raise DocumentError(FileProblem("nul_bytes", path, line))
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        # the utf-8-sig codec reports positions after a byte order mark it skipped
        offset = len(data) - len(exc.object)
        line = data[: offset + exc.start].count(b"\n") + 1
        raise DocumentError(FileProblem("document_not_utf8", path, line, detail=str(offset + exc.start))) from exc
    if not text.strip():
        raise DocumentError(FileProblem("empty", path))
    return Document(id=path.stem, path=path, text=text, sha256=content_hash(data))
