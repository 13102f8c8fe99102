"""The audit log: who asked for what an admin may do (/reload, /stats), when, where, and whether it was allowed."""

from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy import select
from sqlalchemy.engine import Engine
from sqlalchemy.orm import Session

from chats._tables import AuditRow


def audit(engine: Engine, transport: str, chat: str, user: str, action: str, allowed: bool, detail: str = "") -> None:
    with Session(engine) as session, session.begin():
        session.add(AuditRow(at=datetime.now(UTC), transport=transport, chat=chat, user=user, action=action,
                             allowed=allowed, detail=detail[:500]))


def audit_log(engine: Engine, limit: int = 100) -> list[AuditRow]:
    with Session(engine) as session:
        return list(session.execute(select(AuditRow).order_by(AuditRow.id.desc()).limit(limit)).scalars())
