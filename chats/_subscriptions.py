"""Digest subscriptions of chats: when (time and zone), in which language, what quiet days get."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from sqlalchemy import delete, select
from sqlalchemy.engine import Engine
from sqlalchemy.orm import Session

from chats._tables import DEFAULT_TIME, DeliveryRow, SubscriptionRow

#: how late a missed digest is still sent (a bot that was down at digest time)
GRACE = timedelta(hours=6)


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


def count_subscriptions(engine: Engine) -> int:
    with Session(engine) as session:
        return len(session.execute(select(SubscriptionRow.id)).all())
