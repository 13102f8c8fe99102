"""Daily digests arrive exactly once per subscriber per day: restarts, downtime, replicas, failures."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import postgres
import pytest
from helpers import Clock, copy_seeds

from bot.config import Config
from bot.scheduler import DigestScheduler
from chats import all_subscriptions, deliveries, subscribe
from handlers import Context, Reply, Request, dispatch
from knowledge.store import open_store

DAY = datetime(2026, 11, 20, tzinfo=UTC)


class Outbox:
    """A fake messenger: records digests, can refuse a chat (403) or fail a few times (transient)."""

    def __init__(self) -> None:
        self.sent: list[tuple[str, Reply]] = []
        self.blocked: set[str] = set()
        self.flaky: dict[str, int] = {}

    async def send(self, chat: str, reply: Reply) -> str:
        if chat in self.blocked:
            return "gone"
        if self.flaky.get(chat, 0) > 0:
            self.flaky[chat] -= 1
            return "retry"
        self.sent.append((chat, reply))
        return "sent"

    def to(self, chat: str) -> list[Reply]:
        return [reply for c, reply in self.sent if c == chat]


def make_context(folder: Path, db: str) -> Context:
    config = Config(seeds=folder, db=db)
    return Context(open_store(folder, db, progress=False), config)


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    return copy_seeds(tmp_path)


def scheduler(context: Context, outbox: Outbox, clock: Clock, worker: str = "w1") -> DigestScheduler:
    return DigestScheduler(context, {"telegram": outbox.send}, clock=clock, worker=worker, rate=1000,
                           retry_delay=0.001)


@pytest.fixture
def db(folder: Path) -> str:
    return f"sqlite:///{folder.parent / 's.db'}"


@pytest.fixture
def context(folder: Path, db: str) -> Context:
    return make_context(folder, db)


def command(context: Context, chat: str, text: str, **request: Any) -> Reply:
    """A chat's command as it arrives through Telegram."""
    return dispatch(Request(text, chat=chat, transport="telegram", **request), context)


def tick_at_eight(context: Context, outbox: Outbox) -> None:
    """One tick half an hour after the 07:30 UTC digests are due."""
    asyncio.run(scheduler(context, outbox, Clock(DAY.replace(hour=8))).tick())


def test_digest_arrives_once_after_its_time_and_never_again(folder: Path, db: str, context: Context) -> None:
    command(context, "tg:1", "/subscribe 07:30 Europe/Berlin")
    outbox, clock = Outbox(), Clock(DAY.replace(hour=6, minute=0))  # 07:00 in Berlin
    bot = scheduler(context, outbox, clock)
    asyncio.run(bot.tick())
    assert outbox.sent == []
    clock.at = DAY.replace(hour=6, minute=31)  # 07:31 in Berlin
    asyncio.run(bot.tick())
    asyncio.run(bot.tick())
    assert len(outbox.to("tg:1")) == 1
    digest = outbox.to("tg:1")[0]
    assert "12.000" in digest.text and "[taz ¶7]" in digest.text
    # a restarted bot (new process, same database) does not send it again
    again = scheduler(make_context(folder, db), outbox, clock, worker="w2")
    asyncio.run(again.tick())
    assert len(outbox.to("tg:1")) == 1
    # the next day brings the next digest
    clock.at += timedelta(days=1)
    asyncio.run(again.tick())
    assert len(outbox.to("tg:1")) == 2


def test_bot_down_at_digest_time_sends_the_missed_digest_once_within_grace(folder: Path, db: str,
                                                                           context: Context) -> None:
    command(context, "tg:2", "/subscribe 07:30 UTC")
    outbox = Outbox()
    late = Clock(DAY.replace(hour=10))  # started 2.5 h after the digest time
    asyncio.run(scheduler(context, outbox, late).tick())
    asyncio.run(scheduler(make_context(folder, db), outbox, late, worker="w2").tick())
    assert len(outbox.to("tg:2")) == 1
    too_late = Clock(DAY.replace(hour=15) + timedelta(days=1))  # 7.5 h after the next day's time
    asyncio.run(scheduler(context, outbox, too_late).tick())
    assert len(outbox.to("tg:2")) == 1


def test_blocked_chat_is_unsubscribed(context: Context) -> None:
    command(context, "tg:3", "/subscribe 07:30 UTC")
    outbox = Outbox()
    outbox.blocked.add("tg:3")
    tick_at_eight(context, outbox)
    assert outbox.sent == []
    assert all_subscriptions(context.engine) == []


def test_transient_failure_is_retried_and_delivered_once(context: Context) -> None:
    command(context, "tg:4", "/subscribe 07:30 UTC")
    outbox = Outbox()
    outbox.flaky["tg:4"] = 2
    tick_at_eight(context, outbox)
    assert len(outbox.to("tg:4")) == 1
    assert [d.status for d in deliveries(context.engine)] == ["sent"]


def test_quiet_day_can_be_skipped_per_chat(context: Context) -> None:
    command(context, "tg:5", "/subscribe 07:30 UTC")
    command(context, "tg:5", "/settings empty skip")
    command(context, "tg:6", "/subscribe 07:30 UTC")
    outbox = Outbox()
    clock = Clock(DAY.replace(hour=8))
    bot = scheduler(context, outbox, clock)

    async def two_days() -> None:
        await bot.tick()
        clock.at += timedelta(days=1)
        await bot.tick()

    asyncio.run(two_days())
    assert outbox.to("tg:5") == []
    assert len(outbox.to("tg:6")) == 2 and "Nichts Neues seit 2026-11-20." in outbox.to("tg:6")[1].text


def test_first_digest_opens_with_the_current_state(context: Context) -> None:
    command(context, "tg:8", "/subscribe 07:30 UTC")
    command(context, "tg:9", "/subscribe 07:30 UTC", lang="en")
    outbox = Outbox()
    tick_at_eight(context, outbox)
    first = outbox.to("tg:8")[0].text
    assert "Nichts Neues" not in first and "–." not in first
    assert "Aktueller Stand: 5 Dokumente – " in first and "taz" in first
    assert "Truppenzahlen je Quelle" in first and "12.000" in first
    assert "Current state: 5 documents – " in outbox.to("tg:9")[0].text


def test_new_document_after_reload_appears_in_the_next_digest(folder: Path, context: Context) -> None:
    command(context, "tg:7", "/subscribe 07:30 UTC")
    (folder / "010_neu.txt").write_text(
        "Berlin taz | Der lettische Verteidigungsminister Andris Sprūds warnte am Dienstag: "
        "„Die Lage an der Ostflanke bleibt angespannt.“\n"
        "Nach Angaben des Ministeriums sind 2.000 Soldaten in der Region stationiert.\n", encoding="utf-8")
    reply = command(context, "tg:admin", "/reload", is_admin=True)
    assert "+1 neu" in reply.text
    outbox = Outbox()
    tick_at_eight(context, outbox)
    digest = outbox.to("tg:7")[0].text
    assert "Andris Sprūds" in digest and "2.000" in digest


@pytest.mark.skipif(not postgres.available(), reason="PostgreSQL 15 binaries not found under /usr/lib/postgresql/15")
def test_two_replicas_on_one_postgres_send_each_digest_once(folder: Path) -> None:
    with postgres.cluster() as url:
        first, second = make_context(folder, url), make_context(folder, url)
        version = first.snapshot.version
        for n in range(40):
            subscribe(first.engine, "telegram", f"tg:{100 + n}", "u", "07:30", "UTC", "de", version)
        outbox = Outbox()
        clock = Clock(DAY.replace(hour=8))

        async def both() -> None:
            await asyncio.gather(scheduler(first, outbox, clock, "a").tick(),
                                 scheduler(second, outbox, clock, "b").tick())

        asyncio.run(both())
        asyncio.run(both())
        chats = [chat for chat, _ in outbox.sent]
        assert len(chats) == 40 and len(set(chats)) == 40
