"""Two replicas, each with its own clock, share one database: a digest is never sent twice.

A delivery is claimed at the moment of claiming, held by a lease its owner renews while it works,
taken over only once the lease expired, and finished only by its owner. A delivery whose owner
died while it may already have been sent is marked uncertain and shown in /stats, never resent.
Every scenario runs on SQLite and on a throwaway PostgreSQL.
"""

from __future__ import annotations

import asyncio
import sqlite3
from collections import Counter
from collections.abc import Callable, Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import postgres
import pytest
from helpers import Clock, copy_seeds

from bot.config import Config
from bot.scheduler import DigestScheduler
from chats import LEASE, all_subscriptions, claim_delivery, deliveries, finish_delivery, subscribe
from handlers import Context, Reply, Request, dispatch
from knowledge.store import open_store

START = datetime(2026, 11, 20, 8, 0, tzinfo=UTC)  # half an hour after every digest below is due
CHATS = [f"tg:{300 + n}" for n in range(12)]


class Chats:
    """The messenger both replicas send through: what arrived in which chat, in order."""

    def __init__(self) -> None:
        self.arrived: list[str] = []
        self.answer = asyncio.Event()  # a hanging replica gets no answer until this is set
        self.hang = False

    async def send(self, chat: str, reply: Reply) -> str:
        self.arrived.append(chat)
        if self.hang:
            await self.answer.wait()
        return "sent"

    async def send_quickly(self, chat: str, reply: Reply) -> str:
        self.arrived.append(chat)
        return "sent"

    def twice(self) -> list[str]:
        return [chat for chat, n in Counter(self.arrived).items() if n > 1]


@pytest.fixture(params=["sqlite", "postgres"])
def url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'digests.db'}"
        return
    if not postgres.available():
        pytest.skip("PostgreSQL 15 binaries not found under /usr/lib/postgresql/15")
    with postgres.cluster() as pg_url:
        yield pg_url


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    return copy_seeds(tmp_path)


def replica(folder: Path, url: str, send: Callable, clock: Clock, worker: str, **options: object) -> DigestScheduler:
    """A replica as a separate process would have it: its own store connection, clock and worker name."""
    context = Context(open_store(folder, url, progress=False), Config(seeds=folder, db=url))
    return DigestScheduler(context, {"telegram": send}, clock=clock, worker=worker, rate=1000, retry_delay=0.001,
                           **options)  # type: ignore[arg-type]


def subscribe_all(scheduler: DigestScheduler) -> None:
    for chat in CHATS:
        subscribe(scheduler.context.engine, "telegram", chat, "u", "07:30", "UTC", "de",
                  scheduler.context.snapshot.version)


async def until(condition: Callable[[], bool], seconds: float = 20.0) -> None:
    for _ in range(int(seconds / 0.01)):
        if condition():
            return
        await asyncio.sleep(0.01)
    raise AssertionError("condition not reached")


def two_replicas(folder: Path, url: str, concurrency: int) -> tuple[Chats, Clock, Clock, DigestScheduler,
                                                                     DigestScheduler]:
    """Replica A, whose sends wait for an answer the test gives, and replica B, whose sends are answered at
    once, both at START by clocks of their own (returned first); every chat subscribed."""
    chats, clock_a, clock_b = Chats(), Clock(START), Clock(START)
    a = replica(folder, url, chats.send, clock_a, "a", concurrency=concurrency, renew_every=0.01)
    b = replica(folder, url, chats.send_quickly, clock_b, "b")
    subscribe_all(a)
    return chats, clock_a, clock_b, a, b


async def hanging_fan_out(chats: Chats, a: DigestScheduler, sent: int) -> asyncio.Future[object]:
    """A's tick, once its first `sent` digests went out and it waits for their answers."""
    chats.hang = True
    fan_out = asyncio.ensure_future(a.tick())
    await until(lambda: len(chats.arrived) == sent)
    return fan_out


def test_replica_ticking_eleven_minutes_into_a_long_fan_out_does_not_send_what_the_other_holds(
        folder: Path, url: str) -> None:
    chats, clock_a, clock_b, a, b = two_replicas(folder, url, concurrency=4)

    async def scenario() -> None:
        fan_out = await hanging_fan_out(chats, a, 4)  # A sent four and waits for their answers
        # eleven minutes on, by either replica's clock (B's runs half a minute ahead): A is still working
        clock_a.at = START + timedelta(minutes=11)
        await asyncio.sleep(0.2)  # A renews its leases meanwhile
        clock_b.at = START + timedelta(minutes=11, seconds=30)
        await b.tick()
        chats.answer.set()
        await fan_out

    asyncio.run(scenario())
    assert chats.twice() == []
    assert sorted(chats.arrived) == sorted(CHATS)
    assert {d.status for d in deliveries(a.context.engine)} == {"sent"}


def test_replica_that_died_after_sending_is_not_resent_but_marked_uncertain_in_stats(folder: Path, url: str) -> None:
    chats, _, clock_b, a, b = two_replicas(folder, url, concurrency=3)

    async def scenario() -> None:
        fan_out = await hanging_fan_out(chats, a, 3)  # three digests went out ...
        fan_out.cancel()  # ... and A died before it could record them
        with pytest.raises(asyncio.CancelledError):
            await fan_out
        clock_b.at = START + timedelta(minutes=11)
        await b.tick()
        clock_b.at = START + timedelta(minutes=40)
        await b.tick()

    asyncio.run(scenario())
    assert chats.twice() == []
    assert sorted(chats.arrived) == sorted(CHATS)
    statuses = Counter(d.status for d in deliveries(b.context.engine))
    assert statuses == {"sent": len(CHATS) - 3, "uncertain": 3}
    stats = dispatch(Request("/stats", chat="tg:admin", transport="telegram", is_admin=True), b.context)
    assert "3 unsicher" in stats.text
    stats = dispatch(Request("/stats", chat="tg:admin", transport="telegram", is_admin=True, lang="en"), b.context)
    assert "3 uncertain" in stats.text


def test_replica_that_died_before_sending_is_taken_over_after_its_lease(folder: Path, url: str) -> None:
    chats = Chats()
    clock_b = Clock(START + timedelta(minutes=1))
    b = replica(folder, url, chats.send_quickly, clock_b, "b")
    subscribe_all(b)
    engine = b.context.engine
    first = all_subscriptions(engine)[0]
    assert claim_delivery(engine, first.id, "2026-11-20", "a", START) is not None  # A claimed, then died

    async def scenario() -> None:
        await b.tick()
        assert first.chat not in chats.arrived  # the lease still holds
        clock_b.at = START + LEASE + timedelta(seconds=1)
        await b.tick()

    asyncio.run(scenario())
    assert sorted(chats.arrived) == sorted(CHATS)


def test_only_the_owner_finishes_a_delivery(folder: Path, url: str) -> None:
    chats = Chats()
    b = replica(folder, url, chats.send_quickly, Clock(START), "b")
    subscribe_all(b)
    engine = b.context.engine
    first = all_subscriptions(engine)[0]
    stalled = claim_delivery(engine, first.id, "2026-11-20", "a", START)
    taken = claim_delivery(engine, first.id, "2026-11-20", "b", START + LEASE + timedelta(seconds=1))
    assert stalled is not None and taken is not None
    assert not finish_delivery(engine, stalled, "sent")  # A woke up: no longer its delivery
    [row] = deliveries(engine)
    assert (row.status, row.claimed_by) == ("claimed", "b")
    assert finish_delivery(engine, taken, "sent")
    assert deliveries(engine)[0].status == "sent"


def test_known_failure_is_sent_again_uncertain_result_is_not(folder: Path, url: str) -> None:
    arrived: list[str] = []
    results = {CHATS[0]: ["retry"] * 3, CHATS[1]: ["uncertain"]}

    async def send(chat: str, reply: Reply) -> str:
        pending = results.get(chat)
        if pending:
            outcome = pending.pop(0)
            if outcome == "uncertain":
                arrived.append(chat)  # a timeout after the message went out
            return outcome
        arrived.append(chat)
        return "sent"

    clock = Clock(START)
    a = replica(folder, url, send, clock, "a")
    subscribe_all(a)

    async def scenario() -> None:
        await a.tick()
        clock.at = START + timedelta(minutes=1)
        await a.tick()

    asyncio.run(scenario())
    assert Counter(arrived) == Counter(CHATS)
    by_status = Counter(d.status for d in deliveries(a.context.engine))
    assert by_status == {"sent": len(CHATS) - 1, "uncertain": 1}


def test_database_from_before_leases_gains_the_column_and_its_old_claims_are_not_resent(
        folder: Path, tmp_path: Path) -> None:
    path = tmp_path / "old.db"
    with sqlite3.connect(path) as db:  # the deliveries table as it was before leases
        db.execute("CREATE TABLE deliveries (id INTEGER PRIMARY KEY, subscription_id INTEGER, day VARCHAR(10), "
                   "status VARCHAR(10), claimed_by VARCHAR(100), claimed_at DATETIME, sent_at DATETIME, "
                   "attempts INTEGER, CONSTRAINT uq_delivery_day UNIQUE (subscription_id, day))")
    chats = Chats()
    clock = Clock(START)
    b = replica(folder, f"sqlite:///{path}", chats.send_quickly, clock, "b")
    subscribe_all(b)
    first = all_subscriptions(b.context.engine)[0]
    with sqlite3.connect(path) as db:  # an old replica claimed it at 07:30 and may have sent it
        db.execute("INSERT INTO deliveries (subscription_id, day, status, claimed_by, claimed_at, attempts) "
                   "VALUES (?, '2026-11-20', 'claimed', 'old', '2026-11-20 07:30:00.000000', 1)", (first.id,))
    asyncio.run(b.tick())
    assert sorted(chats.arrived) == sorted(c for c in CHATS if c != first.chat)
    assert deliveries(b.context.engine)[0].status == "uncertain"
