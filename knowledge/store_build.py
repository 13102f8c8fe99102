"""Building a store version: claim files validated, documents split into sentences, texts embedded,
everything written in one transaction.

The claim files are the source of truth that editors review; the database is what the bot
answers from. A build validates every claim file first and writes nothing unless all of them
are valid, then replaces the store's content in one transaction and bumps the store version,
so a broken file never leaves a half-loaded store and running bots see either the old or the
new version, never a mix. What only a build needs (the claim-file schema, the sentence splitter,
entity resolution) is imported when a build runs, so loading a store does not pay for it.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from sqlalchemy import delete, select
from sqlalchemy.engine import Engine
from sqlalchemy.orm import Session

from knowledge.database import (
    ClaimRow,
    DocumentRow,
    EntityRow,
    PassageRow,
    StoreCacheRow,
    StoreStateRow,
    VectorRow,
    claim_row,
)
from knowledge.documents import MAX_DOCUMENT_BYTES, Document, DocumentError, document_paths, read_document
from knowledge.embeddings import encode, text_key, to_bytes
from knowledge.freshness import fingerprint, status_stamp
from knowledge.model import Claim, Entity, Source
from knowledge.problems import FileProblem


class StoreError(Exception):
    """Problems that stopped a build; each names a file (and line where known)."""

    def __init__(self, problems: list[FileProblem]) -> None:
        super().__init__("\n".join(map(str, problems)))
        self.problems = problems


def collect(folder: Path, max_bytes: int = MAX_DOCUMENT_BYTES
            ) -> tuple[list[Claim], dict[str, tuple[str, int, bool]], list[FileProblem]]:
    """All valid claims of the folder, per-document facts, and the problems found."""
    from knowledge.claimfile import ClaimFileError, load_claims

    claims: list[Claim] = []
    docs: dict[str, tuple[str, int, bool]] = {}
    problems: list[FileProblem] = []
    owner: dict[str, Path] = {}  # claim id -> the claim file that uses it
    for path in document_paths(folder):
        try:
            doc = read_document(path, max_bytes=max_bytes)
        except DocumentError as exc:
            problems.append(exc.problem)
            continue
        claims_path = doc.claims_path
        if not claims_path.exists():
            problems.append(FileProblem("claims_missing", claims_path))
            continue
        paragraphs = doc.paragraphs
        try:
            claim_file = load_claims(claims_path, paragraphs)
        except ClaimFileError as exc:
            problems.append(exc.problem)
            continue
        clashes = [c.id for c in claim_file.claims if c.id in owner]
        if clashes:  # claim ids are the store's keys: one per claim across all documents
            problems.append(FileProblem("claim_id_clash", claims_path, detail=repr(clashes[0]),
                                        other=str(owner[clashes[0]])))
            continue
        for claim in claim_file.claims:
            claim.source = doc.id
            owner[claim.id] = claims_path
        claims.extend(claim_file.claims)
        docs[doc.id] = (doc.sha256, len(paragraphs), claim_file.reviewed)
    return claims, docs, problems


def _passages(engine: Engine, documents: dict[str, Document]) -> list[Claim]:
    """The sentences of every document: kept from the store where the document is unchanged, else split."""
    from knowledge.passages import split_passages

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
    stamp: str | None  # the folder's status stamp, where the build found no problem


def build(folder: Path, engine: Engine, *, allow_partial: bool = False,
          max_bytes: int = MAX_DOCUMENT_BYTES, progress: bool = False) -> tuple[int, list[FileProblem]]:
    """Replace the store's content with the folder's claim files in one transaction.

    With problems and `allow_partial` False, nothing is written. Returns the new version.
    """
    from knowledge.entities import resolve_entities
    from knowledge.roles import enrich_roles
    from knowledge.sources import SourcesFileError, load_sources

    stamp = status_stamp(folder, max_bytes)  # before reading: a file changed meanwhile makes the next check build
    claims, docs, problems = collect(folder, max_bytes)
    try:
        sources = load_sources(folder)
    except SourcesFileError as exc:
        problems.append(exc.problem)
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
    content = _Content(docs, sources, claims, entities, passages, new_vectors, unused, fingerprint(folder),
                       None if problems else stamp)
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
        session.execute(delete(StoreCacheRow))  # what was kept for the previous version is stale now
        if content.stamp:
            session.add(StoreCacheRow(key="files", version=version, stamp=content.stamp))
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
