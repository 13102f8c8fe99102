"""Daily digests through the real Telegram front end and the local Bot API server."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from botapi_server import FakeBotAPI
from harness import drive, running_bot, sends, settle, wait_until
from helpers import Clock, copy_seeds

from bot.config import Config
from bot.scheduler import DigestScheduler
from bot.telegram import TelegramFrontend
from chats import all_subscriptions, deliveries
from handlers import Context
from knowledge.store import open_store

DAY = datetime(2026, 11, 20, tzinfo=UTC)
CHAT = 5005


def own_store(tmp_path: Path, server: FakeBotAPI) -> tuple[Config, Context]:
    folder = copy_seeds(tmp_path)
    db = f"sqlite:///{tmp_path / 'digest.db'}"
    config = Config(seeds=folder, db=db, telegram_token=server.token, telegram_base_url=server.base_url)
    return config, Context(open_store(folder, db, progress=False), config)


def digests_to(server: FakeBotAPI, chat: int) -> list[str]:
    return [t for t in server.sent_texts(chat) if t.startswith("Briefing")]


@asynccontextmanager
async def subscribed(config: Config, context: Context, server: FakeBotAPI) -> AsyncIterator[TelegramFrontend]:
    """The bot running, and CHAT subscribed to the 07:30 UTC digest the way a user does it."""
    async with running_bot(config, context) as (frontend, _app):
        before = len(sends(server, CHAT))
        server.send_text("/subscribe 07:30 UTC", chat_id=CHAT, user_id=CHAT)
        await wait_until(lambda: len(sends(server, CHAT)) > before, timeout=20, what="the subscription's confirmation")
        await settle(server, CHAT)
        yield frontend


def scheduler(context: Context, frontend: TelegramFrontend, clock: Clock, **options: Any) -> DigestScheduler:
    return DigestScheduler(context, {"telegram": frontend.send_digest}, clock=clock, **options)


def test_subscribed_chat_gets_exactly_one_digest_across_restarts(tmp_path: Path, server: FakeBotAPI) -> None:
    config, context = own_store(tmp_path, server)
    clock = Clock(DAY.replace(hour=7))

    async def scenario() -> None:
        async with subscribed(config, context, server) as frontend:
            first = scheduler(context, frontend, clock, rate=50)
            await first.tick()  # 07:00: not yet
            assert digests_to(server, CHAT) == []
            clock.at = DAY.replace(hour=7, minute=45)
            await first.tick()
            await first.tick()
            assert len(digests_to(server, CHAT)) == 1
        # a restarted bot on the same database does not send it again
        restarted = Context(context.snapshot, config)
        async with running_bot(config, restarted) as (frontend, _app):
            again = scheduler(restarted, frontend, clock, worker="second")
            await again.tick()
            assert len(digests_to(server, CHAT)) == 1
            digest = digests_to(server, CHAT)[0]
            assert "12.000" in digest and "[taz ¶7]" in digest
            clock.at += timedelta(days=1)
            await again.tick()
            assert len(digests_to(server, CHAT)) == 2

    drive(scenario())


def test_chat_that_blocked_the_bot_is_unsubscribed(tmp_path: Path, server: FakeBotAPI) -> None:
    config, context = own_store(tmp_path, server)

    async def scenario() -> None:
        async with subscribed(config, context, server) as frontend:
            assert len(all_subscriptions(context.engine)) == 1
            server.fail("sendMessage", 403, description="Forbidden: bot was blocked by the user")
            await scheduler(context, frontend, Clock(DAY.replace(hour=8))).tick()
            assert all_subscriptions(context.engine) == []

    drive(scenario())


async def _answered_late(server: FakeBotAPI) -> None:
    await asyncio.sleep(1.5)  # the server finishes the slow send: the message did arrive


async def _back_to_normal(server: FakeBotAPI) -> None:
    server.faults.clear()


@pytest.mark.parametrize("fault, report, recover, status", [
    # a timeout after the request went out may hide a delivered message: a second copy is worse than none
    pytest.param(lambda server: server.slow("sendMessage", 6.0),  # longer than the Bot API client waits
                 "uncertain", _answered_late, "uncertain", id="timed-out-is-uncertain-and-not-sent-again"),
    # a 5xx answer says the message was not sent: trying again cannot double it
    pytest.param(lambda server: server.fail("sendMessage", 502, times=20),
                 "failed", _back_to_normal, "sent", id="refused-by-a-server-error-is-sent-on-a-later-tick"),
])
def test_a_digest_whose_send_fails_arrives_once(tmp_path: Path, server: FakeBotAPI, fault: Callable[[FakeBotAPI], None],
                                                report: str, recover: Callable[[FakeBotAPI], Awaitable[None]],
                                                status: str) -> None:
    config, context = own_store(tmp_path, server)
    clock = Clock(DAY.replace(hour=8))

    async def scenario() -> None:
        async with subscribed(config, context, server) as frontend:
            digests = scheduler(context, frontend, clock, rate=50, retry_delay=0.01)
            fault(server)
            assert getattr(await digests.tick(), report) == 1
            if status == "sent":
                assert digests_to(server, CHAT) == []
            await recover(server)
            clock.at = DAY.replace(hour=8, minute=30)
            await digests.tick()

    drive(scenario(), timeout=60)
    assert len(digests_to(server, CHAT)) == 1
    assert [d.status for d in deliveries(context.engine)] == [status]
