"""The SQL claim store: claim files loaded into SQLAlchemy tables, switched atomically.

The claim files are the source of truth that editors review; the database is what the bot
answers from. A build validates every claim file first and writes nothing unless all of them
are valid, then replaces the store's content in one transaction and bumps the store version,
so a broken file never leaves a half-loaded store and running bots see either the old or the
new version, never a mix.
"""

from __future__ import annotations

import hashlib
import logging
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import cast

from sqlalchemy import delete, select
from sqlalchemy.engine import Engine
from sqlalchemy.orm import Session

from knowledge.claimfile import ClaimFileError, load_claims
from knowledge.database import (
    KNOWLEDGE_TABLES,
    Base,
    ClaimRow,
    DocumentRow,
    EntityRow,
    PassageRow,
    StoreStateRow,
    VectorRow,
    claim_from_row,
    claim_row,
    default_db_url,
    make_engine,
)
from knowledge.documents import (
    MAX_DOCUMENT_BYTES,
    Document,
    DocumentError,
    claims_path_for,
    document_paths,
    read_document,
)
from knowledge.embeddings import MODEL, Vectors, encode, from_bytes, text_key, to_bytes, warm_up
from knowledge.entities import resolve_entities
from knowledge.model import Claim, Entity, Source, SpeakerKind
from knowledge.passages import split_passages
from knowledge.roles import enrich_roles
from knowledge.sources import SourcesFileError, load_sources, sources_path

log = logging.getLogger("briefbot.store")


class StoreError(Exception):
    """Problems that stopped a build; each names a file (and line where known)."""

    def __init__(self, problems: list[str]) -> None:
        super().__init__("\n".join(problems))
        self.problems = problems


@dataclass(slots=True)
class Snapshot:
    """Everything the answer engine needs, loaded once into memory."""

    version: int
    claims: list[Claim]
    entities: list[Entity]
    sources: dict[str, Source]
    built_at: datetime | None = None
    problems: list[str] = field(default_factory=list)
    passages: list[Claim] = field(default_factory=list)  # the documents' sentences, kind "passage"
    vectors: Vectors = field(default_factory=Vectors)


#: Stores built by an older layout (before passages and vectors, or with another model) are rebuilt once.
LAYOUT = f"passages-2 {MODEL}"


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
    src = sources_path(folder)
    if src.exists():
        digest.update(src.read_bytes())
    return digest.hexdigest()


def collect(folder: Path, max_bytes: int = MAX_DOCUMENT_BYTES
            ) -> tuple[list[Claim], dict[str, tuple[str, int, bool]], list[str]]:
    """All valid claims of the folder, per-document facts, and the problems found."""
    claims: list[Claim] = []
    docs: dict[str, tuple[str, int, bool]] = {}
    problems: list[str] = []
    owner: dict[str, Path] = {}  # claim id -> the claim file that uses it
    for path in document_paths(folder):
        try:
            doc = read_document(path, max_bytes=max_bytes)
        except DocumentError as exc:
            problems.append(str(exc))
            continue
        claims_path = doc.claims_path
        if not claims_path.exists():
            problems.append(f"{claims_path}: missing (run `briefbot extract`)")
            continue
        paragraphs = doc.paragraphs
        try:
            claim_file = load_claims(claims_path, paragraphs)
        except ClaimFileError as exc:
            problems.append(str(exc))
            continue
        clashes = [c.id for c in claim_file.claims if c.id in owner]
        if clashes:  # claim ids are the store's keys: one per claim across all documents
            problems.append(f"{claims_path}: claim id {clashes[0]!r} is also used in {owner[clashes[0]]}")
            continue
        for claim in claim_file.claims:
            claim.source = doc.id
            owner[claim.id] = claims_path
        claims.extend(claim_file.claims)
        docs[doc.id] = (doc.sha256, len(paragraphs), claim_file.reviewed)
    return claims, docs, problems


def _passages(engine: Engine, documents: dict[str, Document]) -> list[Claim]:
    """The sentences of every document: kept from the store where the document is unchanged, else split."""
    with Session(engine) as session:
        unchanged = {doc_id for doc_id, sha in session.execute(select(DocumentRow.id, DocumentRow.sha256))
                     if doc_id in documents and documents[doc_id].sha256 == sha}
        kept: dict[str, list[Claim]] = {}
        for r in session.execute(select(PassageRow).order_by(PassageRow.position)).scalars():
            if r.source in unchanged:
                kept.setdefault(r.source, []).append(Claim(id=r.id, source=r.source, paragraph=r.paragraph,
                                                           kind="passage", text=r.text))
    passages: list[Claim] = []
    for doc_id, doc in documents.items():
        passages.extend(kept[doc_id] if doc_id in kept else split_passages(doc_id, doc.paragraphs))
    return passages


def _new_vectors(engine: Engine, texts: list[str], progress: bool) -> tuple[dict[str, bytes], set[str]]:
    """Vectors for the texts the store has none for yet, and the stored keys no text needs any more."""
    wanted = {text_key(t): t for t in texts}
    with Session(engine) as session:
        stored = set(session.execute(select(VectorRow.key)).scalars())
    missing = [k for k in wanted if k not in stored]
    found = encode([wanted[k] for k in missing], progress=progress)
    return {k: to_bytes(v) for k, v in zip(missing, found, strict=True)}, stored - wanted.keys()


def embedded_texts(claims: list[Claim], passages: list[Claim], entities: list[Entity]) -> list[str]:
    """What the answer engine compares questions with: claims, the documents' sentences, speakers' names and roles,
    and the example questions intents are learned from."""

    from knowledge.intents import example_questions

    return [*(c.text for c in claims), *(p.text for p in passages),
            *(r for e in entities for r in [e.name, *e.roles]),
            *(q for questions in example_questions().values() for q in questions)]


@dataclass(slots=True)
class _Content:
    """What a build writes: the folder's documents, claims, speakers and sentences, and the vectors it lacks."""

    docs: dict[str, tuple[str, int, bool]]  # document id -> (sha256, paragraphs, reviewed)
    sources: dict[str, Source]
    claims: list[Claim]
    entities: list[Entity]
    passages: list[Claim]
    new_vectors: dict[str, bytes]
    unused_vectors: set[str]
    fingerprint: str


def build(folder: Path, engine: Engine, *, allow_partial: bool = False,
          max_bytes: int = MAX_DOCUMENT_BYTES, progress: bool = False) -> tuple[int, list[str]]:
    """Replace the store's content with the folder's claim files in one transaction.

    With problems and `allow_partial` False, nothing is written. Returns the new version.
    """
    claims, docs, problems = collect(folder, max_bytes)
    try:
        sources = load_sources(folder)
    except SourcesFileError as exc:
        problems.append(str(exc))
        sources = {}
    if problems and not allow_partial:
        raise StoreError(problems)
    entities = resolve_entities(claims)
    documents = {path.stem: read_document(path, max_bytes=max_bytes)
                 for path in document_paths(folder) if path.stem in docs}
    enrich_roles(entities, [doc.text for doc in documents.values()])
    passages = _passages(engine, documents)
    # embedded before the transaction, which then only writes: running bots keep answering meanwhile
    new_vectors, unused = _new_vectors(engine, embedded_texts(claims, passages, entities), progress)
    content = _Content(docs, sources, claims, entities, passages, new_vectors, unused, fingerprint(folder))
    return _write(engine, content), problems


def _write(engine: Engine, content: _Content) -> int:
    """The content as the next store version, in one transaction that waits for any other build."""
    with Session(engine) as session, session.begin():
        locked = select(StoreStateRow).where(StoreStateRow.id == 1).with_for_update()
        state = session.execute(locked).scalar_one_or_none()
        if state is None:
            state = StoreStateRow(id=1, version=0, fingerprint="")
            session.add(state)
        version = state.version + 1
        _replace_rows(session, content, version)
        stale = sorted(content.unused_vectors)
        for start in range(0, len(stale), 500):
            session.execute(delete(VectorRow).where(VectorRow.key.in_(stale[start:start + 500])))
        session.add_all(VectorRow(key=k, vector=v) for k, v in content.new_vectors.items())
        state.version = version
        state.fingerprint = content.fingerprint
        state.built_at = datetime.now(UTC)
    return version


def _replace_rows(session: Session, content: _Content, version: int) -> None:
    """Documents, speakers, claims and sentences replaced; each keeps the version it first appeared in
    (the digest reports what is new by it)."""
    previous_added = {doc_id: added for doc_id, added in session.execute(select(DocumentRow.id,
                                                                                DocumentRow.added_version))}
    previous_claims = {row.id: (row.text, row.added_version)
                       for row in session.execute(select(ClaimRow.id, ClaimRow.text, ClaimRow.added_version))}
    previous_entities = {name: first for name, first in session.execute(select(EntityRow.name,
                                                                                EntityRow.first_version))}
    for table in (ClaimRow, PassageRow, EntityRow, DocumentRow):
        session.execute(delete(table))
    for doc_id, (sha, n_paragraphs, reviewed) in content.docs.items():
        src = content.sources.get(doc_id, Source(document=doc_id))
        session.add(DocumentRow(id=doc_id, sha256=sha, outlet=src.outlet, language=src.language, date=src.date,
                                url=src.url, paragraphs=n_paragraphs, reviewed=reviewed,
                                added_version=previous_added.get(doc_id, version)))
    session.flush()
    session.add_all(EntityRow(id=e.id, name=e.name, kind=e.kind, aliases=e.aliases, roles=e.roles,
                              first_version=previous_entities.get(e.name, version))
                    for e in content.entities)
    session.flush()
    rows = []
    for i, claim in enumerate(content.claims):
        row = claim_row(claim, i)
        old = previous_claims.get(claim.id)
        row.added_version = old[1] if old and old[0] == claim.text else version
        rows.append(row)
    session.add_all(rows)
    session.add_all(PassageRow(id=p.id, source=p.source, paragraph=p.paragraph, text=p.text, position=i)
                    for i, p in enumerate(content.passages))


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


def open_store(folder: Path, url: str | None = None, *, extract: bool = True, progress: bool = True,
               max_bytes: int = MAX_DOCUMENT_BYTES) -> Snapshot:
    """The store for a documents folder, extracted and built on first use and whenever files changed.

    Problems with single files are reported in `Snapshot.problems`; when a store already
    exists, it keeps answering as before rather than dropping the broken files' claims.
    """
    # here, not at the top: the extractor loads its models, which only a start-up that extracts needs
    from knowledge.extract import extract_folder

    warm_up()  # the model loads while the store is checked and read: the first question needs it
    problems: list[str] = []
    if extract:
        report = extract_folder(folder, progress=progress, max_bytes=max_bytes)
        problems.extend(report.errors)
    engine = make_engine(url or default_db_url(folder))
    try:
        version, stamp = current_state(engine)
        if stamp != fingerprint(folder):
            try:
                _, built_with = build(folder, engine, allow_partial=version == 0, max_bytes=max_bytes,
                                      progress=progress)
            except StoreError as exc:
                built_with = exc.problems
            except Exception as exc:  # whatever is on disk, a start-up answers from the last good version
                log.exception("store not rebuilt from %s", folder)
                built_with = [f"{folder}: store not rebuilt, the last good version answers "
                              f"({exc.__class__.__name__}: {exc})"]
            problems.extend(p for p in built_with if p not in problems)
        snapshot = load_snapshot(engine)
    finally:
        engine.dispose()
    snapshot.problems = problems
    return snapshot


__all__ = [
    "KNOWLEDGE_TABLES", "LAYOUT", "Base", "ClaimRow", "DocumentRow", "EntityRow", "PassageRow", "Snapshot",
    "StoreError", "StoreStateRow", "VectorRow", "build", "collect", "current_state", "default_db_url",
    "embedded_texts", "fingerprint", "load_snapshot", "make_engine", "open_store",
]
