"""Digest subscriptions, their deliveries and the audit log, in the same SQL database as the store.

Exactly once per subscriber per day rests on one rule: a process may send a digest only after
it has claimed the delivery row for (subscription, local day). The claim is an INSERT guarded
by a unique constraint (or an UPDATE guarded by the row's state), which the database makes
atomic for SQLite and PostgreSQL alike, so two replicas sharing a database never both send.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from sqlalchemy import Boolean, DateTime, Integer, String, Text, UniqueConstraint, delete, select, update
from sqlalchemy.engine import Engine
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Mapped, Session, mapped_column

from knowledge.store import Base

DEFAULT_TIME = "07:30"
GRACE = timedelta(hours=6)
STALE_CLAIM = timedelta(minutes=10)
MAX_ATTEMPTS = 5


class SubscriptionRow(Base):
    __tablename__ = "subscriptions"
    __table_args__ = (UniqueConstraint("transport", "chat", name="uq_subscription_chat"),)
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    transport: Mapped[str] = mapped_column(String(20))
    chat: Mapped[str] = mapped_column(String(300))
    user: Mapped[str] = mapped_column(String(300), default="")
    time: Mapped[str] = mapped_column(String(5), default=DEFAULT_TIME)
    tz: Mapped[str] = mapped_column(String(64), default="UTC")
    lang: Mapped[str] = mapped_column(String(5), default="de")
    skip_empty: Mapped[bool] = mapped_column(Boolean, default=False)
    covered_version: Mapped[int] = mapped_column(Integer, default=0)
    last_sent_day: Mapped[str | None] = mapped_column(String(10), nullable=True)
    last_sent_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), nullable=True)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))


class DeliveryRow(Base):
    __tablename__ = "deliveries"
    __table_args__ = (UniqueConstraint("subscription_id", "day", name="uq_delivery_day"),)
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    subscription_id: Mapped[int] = mapped_column(Integer, index=True)
    day: Mapped[str] = mapped_column(String(10))
    status: Mapped[str] = mapped_column(String(10), default="claimed")  # claimed | sent | failed | skipped
    claimed_by: Mapped[str] = mapped_column(String(100), default="")
    claimed_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    sent_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), nullable=True)
    attempts: Mapped[int] = mapped_column(Integer, default=1)


class AuditRow(Base):
    __tablename__ = "audit"
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    transport: Mapped[str] = mapped_column(String(20))
    chat: Mapped[str] = mapped_column(String(300))
    user: Mapped[str] = mapped_column(String(300))
    action: Mapped[str] = mapped_column(String(40))
    allowed: Mapped[bool] = mapped_column(Boolean)
    detail: Mapped[str] = mapped_column(Text, default="")


class SubscriptionError(ValueError):
    """A /subscribe argument that makes no sense: `problem` names which ("time" or "zone"), `given` the argument.

    The engine knows no chat languages; the handler words it for the user.
    """

    def __init__(self, problem: str, given: str) -> None:
        super().__init__(f"{problem}: {given!r}")
        self.problem = problem
        self.given = given


@dataclass(frozen=True, slots=True)
class Subscription:
    id: int
    transport: str
    chat: str
    user: str
    time: str
    tz: str
    lang: str
    skip_empty: bool
    covered_version: int
    last_sent_day: str | None

    def scheduled(self, day: date) -> datetime:
        hour, minute = (int(x) for x in self.time.split(":"))
        return datetime(day.year, day.month, day.day, hour, minute, tzinfo=ZoneInfo(self.tz))


def _value(row: SubscriptionRow) -> Subscription:
    return Subscription(row.id, row.transport, row.chat, row.user, row.time, row.tz, row.lang, row.skip_empty,
                        row.covered_version, row.last_sent_day)


def parse_schedule(args: list[str], default_tz: str) -> tuple[str, str]:
    """ "[HH:MM] [Zone]" -> ("07:30", "Europe/Berlin"); raises SubscriptionError naming the bad argument."""
    time_text, tz = DEFAULT_TIME, default_tz or "UTC"
    for arg in args:
        if re.fullmatch(r"\d{1,2}[:.]\d{2}", arg):
            hour, minute = (int(x) for x in re.split(r"[:.]", arg))
            if hour > 23 or minute > 59:
                raise SubscriptionError("time", arg)
            time_text = f"{hour:02d}:{minute:02d}"
        else:
            tz = arg
    try:
        ZoneInfo(tz)
    except (ZoneInfoNotFoundError, ValueError):
        raise SubscriptionError("zone", tz) from None
    return time_text, tz


def subscribe(engine: Engine, transport: str, chat: str, user: str, time_text: str, tz: str, lang: str,
              covered_version: int, now: datetime | None = None) -> Subscription:
    now = now or datetime.now(UTC)
    with Session(engine) as session, session.begin():
        row = session.execute(select(SubscriptionRow).where(SubscriptionRow.transport == transport,
                                                            SubscriptionRow.chat == chat)).scalar_one_or_none()
        if row is None:
            row = SubscriptionRow(transport=transport, chat=chat, user=user, created_at=now,
                                  covered_version=covered_version)
            session.add(row)
        row.time, row.tz, row.lang = time_text, tz, lang
        session.flush()
        return _value(row)


def unsubscribe(engine: Engine, transport: str, chat: str) -> bool:
    with Session(engine) as session, session.begin():
        ids = session.execute(select(SubscriptionRow.id).where(SubscriptionRow.transport == transport,
                                                               SubscriptionRow.chat == chat)).scalars().all()
        if not ids:
            return False
        session.execute(delete(DeliveryRow).where(DeliveryRow.subscription_id.in_(ids)))
        session.execute(delete(SubscriptionRow).where(SubscriptionRow.id.in_(ids)))
        return True


def get_subscription(engine: Engine, transport: str, chat: str) -> Subscription | None:
    with Session(engine) as session:
        row = session.execute(select(SubscriptionRow).where(SubscriptionRow.transport == transport,
                                                            SubscriptionRow.chat == chat)).scalar_one_or_none()
        return _value(row) if row else None


def set_option(engine: Engine, transport: str, chat: str, **values: object) -> Subscription | None:
    with Session(engine) as session, session.begin():
        row = session.execute(select(SubscriptionRow).where(SubscriptionRow.transport == transport,
                                                            SubscriptionRow.chat == chat)).scalar_one_or_none()
        if row is None:
            return None
        for key, value in values.items():
            setattr(row, key, value)
        session.flush()
        return _value(row)


def all_subscriptions(engine: Engine, transports: set[str] | None = None) -> list[Subscription]:
    with Session(engine) as session:
        query = select(SubscriptionRow).order_by(SubscriptionRow.id)
        if transports:
            query = query.where(SubscriptionRow.transport.in_(transports))
        return [_value(r) for r in session.execute(query).scalars()]


def due_day(sub: Subscription, now: datetime, grace: timedelta = GRACE) -> str | None:
    """The local day whose digest is due now (within the grace period), or None."""
    local_now = now.astimezone(ZoneInfo(sub.tz))
    for day in (local_now.date(), local_now.date() - timedelta(days=1)):
        at = sub.scheduled(day)
        if at <= now < at + grace:
            return day.isoformat()
    return None


def claim_delivery(engine: Engine, sub_id: int, day: str, worker: str, now: datetime | None = None) -> int | None:
    """Claim (subscription, day) for this worker; the id of the claimed delivery, or None if another has it."""
    now = now or datetime.now(UTC)
    try:
        with Session(engine) as session, session.begin():
            row = DeliveryRow(subscription_id=sub_id, day=day, status="claimed", claimed_by=worker, claimed_at=now)
            session.add(row)
            session.flush()
            return row.id
    except IntegrityError:
        pass
    # a failed attempt, or a claim whose worker died, may be taken over — atomically
    with Session(engine) as session, session.begin():
        result = session.execute(
            update(DeliveryRow)
            .where(DeliveryRow.subscription_id == sub_id, DeliveryRow.day == day,
                   ((DeliveryRow.status == "failed") & (DeliveryRow.attempts < MAX_ATTEMPTS))
                   | ((DeliveryRow.status == "claimed") & (DeliveryRow.claimed_at < now - STALE_CLAIM)))
            .values(status="claimed", claimed_by=worker, claimed_at=now, attempts=DeliveryRow.attempts + 1)
        )
        if result.rowcount != 1:
            return None
        return session.execute(select(DeliveryRow.id).where(DeliveryRow.subscription_id == sub_id,
                                                            DeliveryRow.day == day)).scalar_one()


def finish_delivery(engine: Engine, delivery_id: int, status: str, covered_version: int | None = None,
                    now: datetime | None = None) -> None:
    now = now or datetime.now(UTC)
    with Session(engine) as session, session.begin():
        row = session.get(DeliveryRow, delivery_id)
        if row is None:
            return
        row.status = status
        if status in ("sent", "skipped"):
            row.sent_at = now
            sub = session.get(SubscriptionRow, row.subscription_id)
            if sub is not None:
                sub.last_sent_day = row.day
                sub.last_sent_at = now
                if covered_version is not None:
                    sub.covered_version = covered_version


def deliveries(engine: Engine, sub_id: int | None = None) -> list[DeliveryRow]:
    with Session(engine) as session:
        query = select(DeliveryRow).order_by(DeliveryRow.id)
        if sub_id is not None:
            query = query.where(DeliveryRow.subscription_id == sub_id)
        return list(session.execute(query).scalars())


def audit(engine: Engine, transport: str, chat: str, user: str, action: str, allowed: bool, detail: str = "") -> None:
    with Session(engine) as session, session.begin():
        session.add(AuditRow(at=datetime.now(UTC), transport=transport, chat=chat, user=user, action=action,
                             allowed=allowed, detail=detail[:500]))


def audit_log(engine: Engine, limit: int = 100) -> list[AuditRow]:
    with Session(engine) as session:
        return list(session.execute(select(AuditRow).order_by(AuditRow.id.desc()).limit(limit)).scalars())


def count_subscriptions(engine: Engine) -> int:
    with Session(engine) as session:
        return len(session.execute(select(SubscriptionRow.id)).all())
