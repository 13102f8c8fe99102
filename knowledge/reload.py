"""Reloading the store while bots answer from it: new, changed and removed documents without a restart.

One reload at a time per documents folder (across processes): it extracts what changed, validates
every claim file, builds the new store version in one transaction and reports what changed. With
any problem nothing changes: the previous version keeps answering, and the problems name each
file and line (relative to the folder, as data: `FileProblem`; the caller words them).
"""

from __future__ import annotations

import fcntl
import logging
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

from knowledge.documents import MAX_DOCUMENT_BYTES
from knowledge.problems import FileProblem
from knowledge.store import (
    Snapshot,
    StoreError,
    build,
    current_state,
    default_db_url,
    fingerprint,
    load_snapshot,
    load_store,
    make_engine,
)

log = logging.getLogger("briefbot.reload")

ReloadStatus = Literal["busy", "unchanged", "failed", "reloaded"]


@dataclass(frozen=True, slots=True)
class StoreChanges:
    """What a new store version changed against the one before."""

    added_documents: int = 0
    changed_documents: int = 0
    removed_documents: int = 0
    added_claims: int = 0
    removed_claims: int = 0
    new_speakers: list[str] = field(default_factory=list)
    new_figures: int = 0


@dataclass(slots=True)
class ReloadOutcome:
    """How a reload ended. "busy": another one runs; "failed": `problems` say why, nothing changed."""

    status: ReloadStatus
    version: int = 0
    snapshot: Snapshot | None = None
    changes: StoreChanges = field(default_factory=StoreChanges)
    problems: list[FileProblem] = field(default_factory=list)
    seconds: float = 0.0

    @property
    def ok(self) -> bool:
        return self.status in ("unchanged", "reloaded")


@contextmanager
def reload_lock(folder: Path) -> Iterator[bool]:
    """One reload at a time per documents folder, across processes (an advisory file lock)."""
    path = folder / ".briefbot-reload.lock"
    with open(path, "a+") as handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            yield False
            return
        try:
            yield True
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def reload_store(folder: Path, url: str | None = None, *, max_bytes: int = MAX_DOCUMENT_BYTES) -> ReloadOutcome:
    """Extract what changed and build a new store version; refused ("busy") while another reload runs."""
    with reload_lock(folder) as acquired:
        if not acquired:
            return ReloadOutcome("busy")
        started = time.monotonic()
        outcome = _reload(folder, url or default_db_url(folder), max_bytes)
        outcome.seconds = time.monotonic() - started
        return outcome


def _reload(folder: Path, url: str, max_bytes: int) -> ReloadOutcome:
    from knowledge.extract import extract_folder  # the extractor's models: loaded by the first reload, not at start

    engine = make_engine(url)
    try:
        before = load_snapshot(engine)
        report = extract_folder(folder, progress=False, max_bytes=max_bytes)
        version, stamp = current_state(engine)
        if version and stamp == fingerprint(folder) and not report.errors:
            return ReloadOutcome("unchanged", version, before)
        try:
            version, _ = build(folder, engine, max_bytes=max_bytes)
        except Exception as exc:  # a broken file, or a bug it triggers: the previous store keeps answering
            found = (exc.problems if isinstance(exc, StoreError)
                     else [FileProblem("build_failed", None, detail=f"{exc.__class__.__name__}: {exc}")])
            if not isinstance(exc, StoreError):
                log.exception("reload of %s failed", folder)
            problems = [p.relative_to(folder) for p in (*report.errors, *(p for p in found if p not in report.errors))]
            return ReloadOutcome("failed", problems=problems)
        after = load_store(engine)  # with its answer index, kept for every process that loads this version
    finally:
        engine.dispose()
    return ReloadOutcome("reloaded", version, after, changes(before, after))


def changes(before: Snapshot, after: Snapshot) -> StoreChanges:
    old_docs, new_docs = set(before.sources), set(after.sources)
    old_claims = {c.id: c.text for c in before.claims}
    new_claims = {c.id: c.text for c in after.claims}

    def claims_of(claims: dict[str, str], doc: str) -> dict[str, str]:
        return {i: text for i, text in claims.items() if i.startswith(doc + "#")}

    changed = {d for d in old_docs & new_docs if claims_of(old_claims, d) != claims_of(new_claims, d)}
    old_speakers = {c.speaker for c in before.claims if c.speaker}
    return StoreChanges(
        added_documents=len(new_docs - old_docs), changed_documents=len(changed),
        removed_documents=len(old_docs - new_docs),
        added_claims=len(set(new_claims) - set(old_claims)), removed_claims=len(set(old_claims) - set(new_claims)),
        new_speakers=sorted({c.speaker for c in after.claims if c.speaker} - old_speakers),
        new_figures=sum(1 for c in after.claims if c.kind == "figure" and c.id not in old_claims),
    )

