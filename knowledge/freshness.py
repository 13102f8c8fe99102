"""Whether a store is up to date with its documents folder, by content and, cheaply, by file status.

The content fingerprint hashes every document, claim file and sources.yaml: exact, but it reads
everything. The status stamp hashes what `stat` says of the same files (name, size, mtime, inode)
and of the answer engine's own code, so a start-up on an unchanged folder reads no file at all.
A stamp is only trusted when no file was modified in the last seconds before it was taken: a
file rewritten within the file system's timestamp granularity would otherwise look unchanged.
"""

from __future__ import annotations

import hashlib
import os
import sys
import time
from functools import cache
from pathlib import Path

from knowledge.documents import claims_path_for, document_paths
from knowledge.embeddings import MODEL

#: Stores built by an older layout (before passages and vectors, or with another model) are rebuilt once.
LAYOUT = f"passages-2 {MODEL}"
#: Files modified this recently make a status stamp unreliable (see the module's docstring).
SETTLE_SECONDS = 2.0

_PACKAGE = Path(__file__).resolve().parent


def _sources_path(folder: Path) -> Path:
    return folder / "sources.yaml"


def fingerprint(folder: Path) -> str:
    """Changes whenever a document, claim file or sources.yaml changes."""
    digest = hashlib.sha256(LAYOUT.encode())
    for path in document_paths(folder):
        claims_path = claims_path_for(path)
        for p in (path, claims_path):
            digest.update(p.name.encode())
            try:
                digest.update(hashlib.sha256(p.read_bytes()).digest())
            except OSError:
                digest.update(b"-")
    src = _sources_path(folder)
    if src.exists():
        digest.update(src.read_bytes())
    return digest.hexdigest()


@cache
def code_key() -> str:
    """Changes whenever the answer engine's code or data changes (an upgrade, an edit), or Python's version:
    what a process reuses from the store (the index) or skips (extraction) is only valid for the same code."""
    digest = hashlib.sha256(f"{LAYOUT} {sys.version}".encode())
    for path in sorted(_PACKAGE.rglob("*")):
        if path.suffix in (".py", ".json", ".yaml") and "__pycache__" not in path.parts:
            st = path.stat()
            digest.update(f"{path.relative_to(_PACKAGE)} {st.st_size} {st.st_mtime_ns}\n".encode())
    return digest.hexdigest()


def status_stamp(folder: Path, max_bytes: int) -> str | None:
    """A hash of the status of every file the store is built from, or None when one changed too recently
    to be told apart from a change to come."""
    digest = hashlib.sha256(f"{code_key()} {max_bytes}".encode())
    newest = 0
    paths = []
    for path in document_paths(folder):
        paths += [path, claims_path_for(path)]
    for path in [*paths, _sources_path(folder)]:
        try:
            st = os.stat(path)
        except OSError:
            digest.update(f"{path.name} -\n".encode())
            continue
        newest = max(newest, st.st_mtime_ns, st.st_ctime_ns)
        digest.update(f"{path.name} {st.st_size} {st.st_mtime_ns} {st.st_ino}\n".encode())
    if time.time_ns() - newest < SETTLE_SECONDS * 1e9:
        return None
    return digest.hexdigest()
