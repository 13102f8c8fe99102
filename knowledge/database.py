"""The store's database: its tables, the rows' conversion to claims, and the engine.

Only the store writes these tables (`knowledge.store`); the digest reads what is new in them
(`knowledge.digest`). The chats' tables (`chats`) live in the same database under a schema of
their own, so neither side imports the other.
"""

from __future__ import annotations

import logging
import os
import stat
from datetime import datetime
from pathlib import Path
from typing import cast

from sqlalchemy import JSON, Boolean, DateTime, ForeignKey, Integer, LargeBinary, String, Text, create_engine, inspect
from sqlalchemy.engine import Engine, make_url
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

from knowledge.model import Claim, ClaimKind, Figure, Section, SpeakerKind, Stance

log = logging.getLogger("briefbot.store")


class Base(DeclarativeBase):
    pass


class DocumentRow(Base):
    __tablename__ = "documents"
    id: Mapped[str] = mapped_column(String(200), primary_key=True)
    sha256: Mapped[str] = mapped_column(String(64))
    outlet: Mapped[str] = mapped_column(String(200), default="unknown")
    language: Mapped[str] = mapped_column(String(10), default="de")
    date: Mapped[str] = mapped_column(String(40), default="unknown")
    url: Mapped[str] = mapped_column(String(500), default="unknown")
    paragraphs: Mapped[int] = mapped_column(Integer, default=0)
    reviewed: Mapped[bool] = mapped_column(Boolean, default=False)
    added_version: Mapped[int] = mapped_column(Integer, default=0)


class EntityRow(Base):
    __tablename__ = "entities"
    id: Mapped[str] = mapped_column(String(200), primary_key=True)
    name: Mapped[str] = mapped_column(String(300))
    kind: Mapped[str] = mapped_column(String(20))
    aliases: Mapped[list] = mapped_column(JSON, default=list)
    roles: Mapped[list] = mapped_column(JSON, default=list)
    first_version: Mapped[int] = mapped_column(Integer, default=0)


class ClaimRow(Base):
    __tablename__ = "claims"
    id: Mapped[str] = mapped_column(String(250), primary_key=True)
    source: Mapped[str] = mapped_column(ForeignKey("documents.id"), index=True)
    paragraph: Mapped[int] = mapped_column(Integer)
    kind: Mapped[str] = mapped_column(String(10), index=True)
    text: Mapped[str] = mapped_column(Text)
    speaker: Mapped[str | None] = mapped_column(String(300), nullable=True)
    entity: Mapped[str | None] = mapped_column(ForeignKey("entities.id"), nullable=True, index=True)
    speaker_kind: Mapped[str | None] = mapped_column(String(20), nullable=True)
    role: Mapped[str | None] = mapped_column(Text, nullable=True)
    mention: Mapped[str | None] = mapped_column(Text, nullable=True)
    via: Mapped[str | None] = mapped_column(Text, nullable=True)
    cue: Mapped[str | None] = mapped_column(String(60), nullable=True)
    sentence: Mapped[str | None] = mapped_column(Text, nullable=True)
    section: Mapped[str] = mapped_column(String(20), default="article")
    figure: Mapped[dict | None] = mapped_column(JSON, nullable=True)
    stance: Mapped[str | None] = mapped_column(String(20), nullable=True)
    position: Mapped[int] = mapped_column(Integer, default=0)
    added_version: Mapped[int] = mapped_column(Integer, default=0, index=True)


class PassageRow(Base):
    """A sentence of a document, kept so that only new or changed documents are split again."""

    __tablename__ = "passages"
    id: Mapped[str] = mapped_column(String(250), primary_key=True)
    source: Mapped[str] = mapped_column(ForeignKey("documents.id"), index=True)
    paragraph: Mapped[int] = mapped_column(Integer)
    text: Mapped[str] = mapped_column(Text)
    position: Mapped[int] = mapped_column(Integer, default=0)


class VectorRow(Base):
    """The sentence vector of one text (claim, passage, role), keyed by model and text: equal texts embed once,
    and a rebuild embeds only texts it has not seen."""

    __tablename__ = "vectors"
    key: Mapped[str] = mapped_column(String(40), primary_key=True)
    vector: Mapped[bytes] = mapped_column(LargeBinary)


class StoreStateRow(Base):
    """One row: the store version every bot process compares against its own."""

    __tablename__ = "store_state"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    version: Mapped[int] = mapped_column(Integer, default=0)
    fingerprint: Mapped[str] = mapped_column(String(64), default="")
    built_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), nullable=True)


class StoreCacheRow(Base):
    """What processes may reuse instead of recomputing it, valid for one store version: the status stamp of the
    folder it was built from ("files") and the prepared answer index ("index", a pickle: the store is the
    bot's own private file, and whoever can write it decides every answer anyway)."""

    __tablename__ = "store_cache"
    key: Mapped[str] = mapped_column(String(20), primary_key=True)
    version: Mapped[int] = mapped_column(Integer, default=0)
    stamp: Mapped[str] = mapped_column(String(64), default="")
    data: Mapped[bytes | None] = mapped_column(LargeBinary, nullable=True)


def claim_from_row(row: ClaimRow) -> Claim:
    # the rows were validated when their claim file was loaded; the casts only tell the type checker
    return Claim(id=row.id, source=row.source, paragraph=row.paragraph, kind=cast(ClaimKind, row.kind),
                 text=row.text, speaker=row.speaker, speaker_kind=cast(SpeakerKind | None, row.speaker_kind),
                 role=row.role, mention=row.mention, via=row.via, cue=row.cue, sentence=row.sentence,
                 figure=Figure.from_dict(row.figure) if row.figure else None, section=cast(Section, row.section),
                 entity=row.entity, stance=cast(Stance | None, row.stance))


def claim_row(claim: Claim, position: int) -> ClaimRow:
    return ClaimRow(
        id=claim.id, source=claim.source, paragraph=claim.paragraph, kind=claim.kind, text=claim.text,
        speaker=claim.speaker, entity=claim.entity, speaker_kind=claim.speaker_kind, role=claim.role,
        mention=claim.mention, via=claim.via, cue=claim.cue, sentence=claim.sentence, section=claim.section,
        figure=claim.figure.to_dict() if claim.figure else None, stance=claim.stance, position=position,
    )


def default_db_url(folder: Path) -> str:
    return f"sqlite:///{(folder / 'briefbot.db').resolve()}"


KNOWLEDGE_TABLES = ("claims", "passages", "vectors", "entities", "documents", "store_state", "store_cache")


def _private_sqlite_file(url: str) -> None:
    """Create a SQLite store readable by its owner only (0600), and tighten one others could read.

    The store holds subscribers' chat ids and the audit log. SQLite gives its journal and WAL
    files the database file's permissions, so those stay private too.
    """
    parsed = make_url(url)
    if parsed.get_backend_name() != "sqlite" or not parsed.database or parsed.database == ":memory:" \
            or parsed.database.startswith("file:"):
        return
    path = Path(parsed.database)
    try:
        os.close(os.open(path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600))
    except FileExistsError:
        mode = stat.S_IMODE(path.stat().st_mode)
        if mode & 0o077:
            log.warning("%s was readable by others; made private (0600)", path.name)
            path.chmod(mode & 0o700)
    except OSError:  # a folder that does not exist: SQLAlchemy reports it as usual
        return


def make_engine(url: str) -> Engine:
    """An engine with the store's tables in place; tables of an older layout are rebuilt from the claim files.

    The chats' tables share the database but not this schema: `chats.open_database` adds them.
    """
    _private_sqlite_file(url)
    engine = create_engine(url, future=True, pool_pre_ping=True)
    inspector = inspect(engine)
    stale = [
        name for name in KNOWLEDGE_TABLES
        if inspector.has_table(name)
        and {c.name for c in Base.metadata.tables[name].columns} - {c["name"] for c in inspector.get_columns(name)}
    ]
    if stale:
        Base.metadata.drop_all(engine, tables=[Base.metadata.tables[n] for n in KNOWLEDGE_TABLES])
    Base.metadata.create_all(engine)
    return engine
