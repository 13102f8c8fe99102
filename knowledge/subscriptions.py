"""Digest subscriptions, their deliveries and the audit log, in the same SQL database as the store.

Never twice, and exactly once where that can be known, rests on a delivery row per
(subscription, local day) that moves claimed -> sending -> sent | failed | skipped | uncertain:

- A claim is an INSERT guarded by a unique constraint (or an UPDATE guarded by the row's state),
  atomic on SQLite and PostgreSQL alike. It records its owner and the owner's clock at the moment
  of claiming, and holds a lease the owner renews while it works; another replica takes a claim
  over only after the lease expired. Every later step names the owner and its attempt number, so
  an owner that stalled past its lease can no longer send or finish what was taken from it.
- Just before sending, the owner moves its claim to "sending". A "sending" row whose lease
  expired means its owner died while the message may have gone out: it becomes "uncertain", is
  counted in /stats, and is not sent again. Only a send known to have failed ("failed") is retried.

Leases are compared across replicas' clocks, so they must agree within LEASE - LEASE_RENEW
(minutes; NTP keeps them within well under a second).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from typing import cast
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from sqlalchemy import Boolean, DateTime, Integer, String, Text, UniqueConstraint, delete, select, update
from sqlalchemy.engine import CursorResult, Engine, Result
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Mapped, Session, mapped_column
from sqlalchemy.sql.elements import ColumnElement

from knowledge.store import Base

DEFAULT_TIME = "07:30"
GRACE = timedelta(hours=6)
#: how long a claim holds without its owner renewing it
LEASE = timedelta(minutes=5)
#: how often a working owner renews its leases (wall-clock seconds)
LEASE_RENEW = 60.0
MAX_ATTEMPTS = 5
#: states in which a delivery still has a working owner
HELD = ("claimed", "sending")


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
    # claimed | sending | sent | failed | skipped | uncertain
    status: Mapped[str] = mapped_column(String(10), default="claimed")
    claimed_by: Mapped[str] = mapped_column(String(100), default="")
    claimed_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    # the owner's clock plus LEASE; null in rows written before leases existed
    lease_until: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), nullable=True)
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


@dataclass(frozen=True, slots=True)
class DeliveryClaim:
    """What an owner needs to act on its delivery: which row, who it is, and which attempt it holds."""

    id: int
    worker: str
    attempt: int


def _utc(now: datetime | None) -> datetime:
    # SQLite keeps no time zone: every stored time is UTC, whatever zone the caller's clock gives
    return (now or datetime.now(UTC)).astimezone(UTC)


def _changed(result: Result) -> int:
    """Rows an UPDATE changed (every UPDATE's result is a CursorResult; the session's typing does not say so)."""
    return cast(CursorResult, result).rowcount


def _owned(claim: DeliveryClaim, states: Iterable[str]) -> ColumnElement[bool]:
    return ((DeliveryRow.id == claim.id) & (DeliveryRow.claimed_by == claim.worker)
            & (DeliveryRow.attempts == claim.attempt) & DeliveryRow.status.in_(tuple(states)))


def claim_delivery(engine: Engine, sub_id: int, day: str, worker: str,
                   now: datetime | None = None) -> DeliveryClaim | None:
    """Claim (subscription, day) for `worker` as of `now`; None while someone else holds it or it is done."""
    now = _utc(now)
    try:
        with Session(engine) as session, session.begin():
            row = DeliveryRow(subscription_id=sub_id, day=day, status="claimed", claimed_by=worker, claimed_at=now,
                              lease_until=now + LEASE, attempts=1)
            session.add(row)
            session.flush()
            return DeliveryClaim(row.id, worker, 1)
    except IntegrityError:
        pass
    # a known failure, or a claim whose owner died before sending, may be taken over — atomically
    # (a claim from before leases existed has no lease_until: expire_leases settles it as uncertain)
    expired = DeliveryRow.lease_until < now
    with Session(engine) as session, session.begin():
        result = session.execute(
            update(DeliveryRow)
            .where(DeliveryRow.subscription_id == sub_id, DeliveryRow.day == day,
                   ((DeliveryRow.status == "failed") & (DeliveryRow.attempts < MAX_ATTEMPTS))
                   | ((DeliveryRow.status == "claimed") & expired))
            .values(status="claimed", claimed_by=worker, claimed_at=now, lease_until=now + LEASE,
                    attempts=DeliveryRow.attempts + 1)
        )
        if _changed(result) != 1:
            return None
        row_id, attempt = session.execute(select(DeliveryRow.id, DeliveryRow.attempts).where(
            DeliveryRow.subscription_id == sub_id, DeliveryRow.day == day)).one()
        return DeliveryClaim(row_id, worker, attempt)


def begin_sending(engine: Engine, claim: DeliveryClaim, now: datetime | None = None) -> bool:
    """Mark the delivery as possibly sent from here on; False if the claim was lost (then do not send)."""
    now = _utc(now)
    with Session(engine) as session, session.begin():
        result = session.execute(update(DeliveryRow).where(_owned(claim, ["claimed"]))
                                 .values(status="sending", lease_until=now + LEASE))
        return _changed(result) == 1


def renew_leases(engine: Engine, claims: Iterable[DeliveryClaim], now: datetime | None = None) -> list[DeliveryClaim]:
    """Extend the leases of the deliveries an owner is working on; returns those it no longer holds."""
    now = _utc(now)
    lost = []
    with Session(engine) as session, session.begin():
        for claim in claims:
            result = session.execute(update(DeliveryRow).where(_owned(claim, HELD)).values(lease_until=now + LEASE))
            if _changed(result) != 1:
                lost.append(claim)
    return lost


def expire_leases(engine: Engine, now: datetime | None = None) -> list[tuple[str, str, str]]:
    """Mark deliveries whose owner died while sending as uncertain; their (transport, chat, day).

    Whether the message arrived cannot be known, so it is not sent again: a second copy is worse
    than a missed one, and /stats shows the admins which ones to look at.
    """
    now = _utc(now)
    # a claim from before leases existed was sent without a "sending" mark
    legacy = ((DeliveryRow.status == "claimed") & DeliveryRow.lease_until.is_(None)
              & (DeliveryRow.claimed_at < now - LEASE))
    died = ((DeliveryRow.status == "sending") & (DeliveryRow.lease_until < now)) | legacy
    marked = []
    with Session(engine) as session, session.begin():
        candidates = session.execute(
            select(DeliveryRow.id, DeliveryRow.day, SubscriptionRow.transport, SubscriptionRow.chat)
            .join(SubscriptionRow, SubscriptionRow.id == DeliveryRow.subscription_id).where(died)).all()
    for row_id, day, transport, chat in candidates:
        with Session(engine) as session, session.begin():
            # the same condition again, atomically: the owner may have finished in the meantime
            result = session.execute(update(DeliveryRow).where(DeliveryRow.id == row_id, died)
                                     .values(status="uncertain"))
            if _changed(result) == 1:
                marked.append((transport, chat, day))
    return marked


def finish_delivery(engine: Engine, claim: DeliveryClaim, status: str, covered_version: int | None = None,
                    now: datetime | None = None) -> bool:
    """Record how a delivery ended; only its owner may, so False means it was no longer this owner's.

    An uncertain mark set while the owner stalled may still be settled by it: it knows what happened.
    """
    now = _utc(now)
    with Session(engine) as session, session.begin():
        result = session.execute(update(DeliveryRow).where(_owned(claim, (*HELD, "uncertain")))
                                 .values(status=status, sent_at=now if status in ("sent", "skipped") else None))
        if _changed(result) != 1:
            return False
        if status in ("sent", "skipped"):
            row = session.get(DeliveryRow, claim.id)
            sub = session.get(SubscriptionRow, row.subscription_id) if row is not None else None
            if row is not None and sub is not None:
                sub.last_sent_day = row.day
                sub.last_sent_at = now
                if covered_version is not None:
                    sub.covered_version = covered_version
        return True


def uncertain_deliveries(engine: Engine) -> list[tuple[str, str, str]]:
    """(transport, chat, day) of digests that may or may not have arrived, newest first."""
    with Session(engine) as session:
        return [tuple(r) for r in session.execute(  # type: ignore[misc]
            select(SubscriptionRow.transport, SubscriptionRow.chat, DeliveryRow.day)
            .join(SubscriptionRow, SubscriptionRow.id == DeliveryRow.subscription_id)
            .where(DeliveryRow.status == "uncertain").order_by(DeliveryRow.day.desc(), DeliveryRow.id.desc()))]


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
