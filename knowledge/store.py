"""The SQL claim store as the answer engine loads it: checked against its folder, then read.

Loading never extracts: `update_store` decides what a start-up brings up to date (the command line
and the bots extract new documents first, `knowledge.reload` does so on request), and
`load_store` reads the current version together with the answer index a process kept for it.
A start-up on an unchanged folder thus costs a `stat` per file and one read of the store.
Building a version is `knowledge.store_build`.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any, cast

from sqlalchemy import select
from sqlalchemy.engine import Engine
from sqlalchemy.orm import Session

from knowledge.database import (
    KNOWLEDGE_TABLES,
    Base,
    ClaimRow,
    DocumentRow,
    EntityRow,
    PassageRow,
    StoreCacheRow,
    StoreStateRow,
    VectorRow,
    claim_from_row,
    default_db_url,
    make_engine,
)
from knowledge.documents import MAX_DOCUMENT_BYTES
from knowledge.embeddings import Vectors, from_bytes
from knowledge.freshness import LAYOUT, fingerprint, status_stamp
from knowledge.model import Claim, Entity, Source, SpeakerKind
from knowledge.problems import FileProblem
from knowledge.store_build import StoreError, build, collect, embedded_texts

log = logging.getLogger("briefbot.store")


@dataclass(slots=True)
class Snapshot:
    """Everything the answer engine needs, loaded once into memory."""

    version: int
    claims: list[Claim]
    entities: list[Entity]
    sources: dict[str, Source]
    built_at: datetime | None = None
    problems: list[FileProblem] = field(default_factory=list)
    passages: list[Claim] = field(default_factory=list)  # the documents' sentences, kind "passage"
    vectors: Vectors = field(default_factory=Vectors)
    index: Any = None  # the prepared `KnowledgeIndex`, where it came with the snapshot from the store


def current_state(engine: Engine) -> tuple[int, str]:
    with Session(engine) as session:
        state = session.get(StoreStateRow, 1)
        return (state.version, state.fingerprint) if state else (0, "")


def load_snapshot(engine: Engine) -> Snapshot:
    with Session(engine) as session:
        state = session.get(StoreStateRow, 1)
        claims = [claim_from_row(r) for r in session.execute(select(ClaimRow).order_by(ClaimRow.position)).scalars()]
        entities = [Entity(id=e.id, name=e.name, kind=cast(SpeakerKind, e.kind), aliases=list(e.aliases or []),
                           roles=list(e.roles or []))
                    for e in session.execute(select(EntityRow)).scalars()]
        sources = {d.id: Source(document=d.id, outlet=d.outlet, language=d.language, date=d.date, url=d.url)
                   for d in session.execute(select(DocumentRow).order_by(DocumentRow.id)).scalars()}
        passages = [Claim(id=r.id, source=r.source, paragraph=r.paragraph, kind="passage", text=r.text)
                    for r in session.execute(select(PassageRow).order_by(PassageRow.position)).scalars()]
        keys, blobs = [], []
        for key, blob in session.execute(select(VectorRow.key, VectorRow.vector)):
            keys.append(key)
            blobs.append(blob)
        return Snapshot(version=state.version if state else 0, claims=claims, entities=entities, sources=sources,
                        built_at=state.built_at if state else None, passages=passages,
                        vectors=Vectors({k: i for i, k in enumerate(keys)}, from_bytes(blobs)))


def _stored_stamp(engine: Engine, version: int) -> str | None:
    with Session(engine) as session:
        row = session.get(StoreCacheRow, "files")
        return row.stamp if row is not None and row.version == version else None


def _keep_stamp(engine: Engine, version: int, stamp: str) -> None:
    with Session(engine) as session, session.begin():
        row = session.get(StoreCacheRow, "files")
        if row is None:
            session.add(StoreCacheRow(key="files", version=version, stamp=stamp))
        else:
            row.version, row.stamp = version, stamp


def update_store(folder: Path, engine: Engine, *, extract: bool, progress: bool = False,
                 max_bytes: int = MAX_DOCUMENT_BYTES) -> list[FileProblem]:
    """Bring the store up to date with the folder where a file changed since its last build (one `stat` per
    file tells); with `extract`, new and changed documents are extracted first. Returns the problems found.

    When a store already exists, it keeps answering as before rather than dropping broken files' claims.
    """
    version, stored = current_state(engine)
    stamp = status_stamp(folder, max_bytes)
    if version and stamp is not None and stamp == _stored_stamp(engine, version):
        return []
    problems: list[FileProblem] = []
    if extract:  # here, not at the top: the extractor loads its models, which only this needs
        from knowledge.extract import extract_folder

        problems.extend(extract_folder(folder, progress=progress, max_bytes=max_bytes).errors)
    if stored != fingerprint(folder):
        try:
            _, built_with = build(folder, engine, allow_partial=version == 0, max_bytes=max_bytes, progress=progress)
        except StoreError as exc:
            built_with = exc.problems
        except Exception as exc:  # whatever is on disk, a start-up answers from the last good version
            log.exception("store not rebuilt from %s", folder)
            built_with = [FileProblem("store_not_rebuilt", folder, detail=f"{exc.__class__.__name__}: {exc}")]
        problems.extend(p for p in built_with if p not in problems)
    elif not problems and (stamp := status_stamp(folder, max_bytes)) is not None:
        _keep_stamp(engine, version, stamp)  # unchanged content (a file touched, say): next time a stat suffices
    return problems


def load_store(engine: Engine) -> Snapshot:
    """The current version with its prepared answer index: kept in the store by the first process of this
    code that loaded the version, else built now and kept for the next."""
    from knowledge.index_cache import indexed_snapshot  # the answer engine, which a build alone does not need

    return indexed_snapshot(engine)


def open_store(folder: Path, url: str | None = None, *, extract: bool = True, progress: bool = True,
               max_bytes: int = MAX_DOCUMENT_BYTES, indexed: bool = True) -> Snapshot:
    """The store for a documents folder, brought up to date (`update_store`) and loaded (`load_store`; with
    `indexed` False without the answer index, for callers that only list claims).

    Problems with single files are reported in `Snapshot.problems`.
    """
    engine = make_engine(url or default_db_url(folder))
    try:
        problems = update_store(folder, engine, extract=extract, progress=progress, max_bytes=max_bytes)
        snapshot = load_store(engine) if indexed else load_snapshot(engine)
    finally:
        engine.dispose()
    snapshot.problems = problems
    return snapshot


__all__ = [
    "KNOWLEDGE_TABLES", "LAYOUT", "Base", "ClaimRow", "DocumentRow", "EntityRow", "PassageRow", "Snapshot",
    "StoreCacheRow", "StoreError", "StoreStateRow", "VectorRow", "build", "collect", "current_state",
    "default_db_url", "embedded_texts", "fingerprint", "load_snapshot", "load_store", "make_engine", "open_store",
    "update_store",
]
