"""Digest deliveries: never twice, and exactly once where that can be known.

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

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import cast

from sqlalchemy import select, update
from sqlalchemy.engine import CursorResult, Engine, Result
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session
from sqlalchemy.sql.elements import ColumnElement

from chats._tables import DeliveryRow, SubscriptionRow

#: how long a claim holds without its owner renewing it
LEASE = timedelta(minutes=5)
#: how often a working owner renews its leases (wall-clock seconds)
LEASE_RENEW = 60.0
MAX_ATTEMPTS = 5
#: states in which a delivery still has a working owner
HELD = ("claimed", "sending")


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


