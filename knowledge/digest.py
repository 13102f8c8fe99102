"""What a daily digest reports: what is new in the store since a subscriber's last digest.

New documents with their main statements, new figures and newly quoted speakers, each with
its citation, selected by the store version they were added in. The figures overview that
follows comes from the answer engine, so the digest and /figures never disagree.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from sqlalchemy import select
from sqlalchemy.engine import Engine
from sqlalchemy.orm import Session

from knowledge.database import ClaimRow, DocumentRow, EntityRow, claim_from_row
from knowledge.model import Claim
from knowledge.store import current_state

MAIN_CLAIMS_PER_DOCUMENT = 2


@dataclass(slots=True)
class News:
    version: int
    covered_version: int
    documents: list[str] = field(default_factory=list)
    main_claims: list[Claim] = field(default_factory=list)
    figures: list[Claim] = field(default_factory=list)
    speakers: list[str] = field(default_factory=list)

    @property
    def empty(self) -> bool:
        return not (self.documents or self.figures or self.speakers or self.main_claims)


def news_since(engine: Engine, covered_version: int) -> News:
    version, _ = current_state(engine)
    news = News(version=version, covered_version=covered_version)
    if version <= covered_version:
        return news
    with Session(engine) as session:
        docs = session.execute(select(DocumentRow.id).where(DocumentRow.added_version > covered_version)
                               .order_by(DocumentRow.id)).scalars().all()
        news.documents = list(docs)
        rows = session.execute(select(ClaimRow).where(ClaimRow.added_version > covered_version)
                               .order_by(ClaimRow.position)).scalars().all()
        per_doc: dict[str, int] = {}
        for row in rows:
            claim = claim_from_row(row)
            if claim.kind == "figure":
                if claim.figure and any(isinstance(v, int) for v in (claim.figure.value, claim.figure.low,
                                                                       claim.figure.high)):
                    news.figures.append(claim)
            elif claim.speaker and per_doc.get(claim.source, 0) < MAIN_CLAIMS_PER_DOCUMENT and (
                    claim.kind == "quote" or per_doc.get(claim.source, 0) == 0):
                per_doc[claim.source] = per_doc.get(claim.source, 0) + 1
                news.main_claims.append(claim)
        if covered_version > 0:
            news.speakers = list(session.execute(
                select(EntityRow.name).where(EntityRow.first_version > covered_version).order_by(EntityRow.name)
            ).scalars())
    return news
