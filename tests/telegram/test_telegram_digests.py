"""Daily digests through the real Telegram front end and the local Bot API server."""

from __future__ import annotations

import asyncio
import shutil
from datetime import UTC, datetime, timedelta
from pathlib import Path

from botapi_server import FakeBotAPI
from harness import drive, running_bot, settle

from bot.config import Config
from bot.scheduler import DigestScheduler
from chats import all_subscriptions, deliveries
from handlers import Context
from knowledge.store import open_store

SEEDS = Path(__file__).resolve().parents[2] / "seeds"
DAY = datetime(2026, 11, 20, tzinfo=UTC)
CHAT = 5005


def own_store(tmp_path: Path, server: FakeBotAPI) -> tuple[Config, Context]:
    folder = tmp_path / "seeds"
    shutil.copytree(SEEDS, folder, ignore=shutil.ignore_patterns("*.db", ".*lock"))
    db = f"sqlite:///{tmp_path / 'digest.db'}"
    config = Config(seeds=folder, db=db, telegram_token=server.token, telegram_base_url=server.base_url)
    return config, Context(open_store(folder, db, progress=False), config)


def digests_to(server: FakeBotAPI, chat: int) -> list[str]:
    return [t for t in server.sent_texts(chat) if t.startswith("Briefing")]


def test_subscribed_chat_gets_exactly_one_digest_across_restarts(tmp_path: Path, server: FakeBotAPI) -> None:
    config, context = own_store(tmp_path, server)
    clock = type("Clock", (), {"at": DAY.replace(hour=7), "__call__": lambda self: self.at})()

    async def scenario() -> None:
        async with running_bot(config, context) as (frontend, _app):
            server.send_text("/subscribe 07:30 UTC", chat_id=CHAT, user_id=CHAT)
            await settle(server, CHAT)
            scheduler = DigestScheduler(context, {"telegram": frontend.send_digest}, clock=clock, rate=50)
            await scheduler.tick()  # 07:00: not yet
            assert digests_to(server, CHAT) == []
            clock.at = DAY.replace(hour=7, minute=45)
            await scheduler.tick()
            await scheduler.tick()
            assert len(digests_to(server, CHAT)) == 1
        # a restarted bot on the same database does not send it again
        async with running_bot(config, Context(context.snapshot, config)) as (frontend, _app):
            again = DigestScheduler(Context(context.snapshot, config), {"telegram": frontend.send_digest},
                                    clock=clock, worker="second")
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
    clock = lambda: DAY.replace(hour=8)  # noqa: E731

    async def scenario() -> None:
        async with running_bot(config, context) as (frontend, _app):
            server.send_text("/subscribe 07:30 UTC", chat_id=CHAT, user_id=CHAT)
            await settle(server, CHAT)
            assert len(all_subscriptions(context.engine)) == 1
            server.fail("sendMessage", 403, description="Forbidden: bot was blocked by the user")
            await DigestScheduler(context, {"telegram": frontend.send_digest}, clock=clock).tick()
            assert all_subscriptions(context.engine) == []

    drive(scenario())


def test_digest_whose_send_timed_out_is_uncertain_and_not_sent_again(tmp_path: Path, server: FakeBotAPI) -> None:
    """A timeout after the request went out may hide a delivered message: a second copy is worse than none."""
    config, context = own_store(tmp_path, server)
    clock = type("Clock", (), {"at": DAY.replace(hour=8), "__call__": lambda self: self.at})()

    async def scenario() -> None:
        async with running_bot(config, context) as (frontend, _app):
            server.send_text("/subscribe 07:30 UTC", chat_id=CHAT, user_id=CHAT)
            await settle(server, CHAT)
            scheduler = DigestScheduler(context, {"telegram": frontend.send_digest}, clock=clock, rate=50,
                                        retry_delay=0.01)
            server.slow("sendMessage", 6.0)  # longer than the Bot API client waits for an answer
            report = await scheduler.tick()
            assert report.uncertain == 1
            await asyncio.sleep(1.5)  # the server finishes the slow send: the message did arrive
            clock.at = DAY.replace(hour=8, minute=30)
            await scheduler.tick()
        assert len(digests_to(server, CHAT)) == 1
        assert [d.status for d in deliveries(context.engine)] == ["uncertain"]

    drive(scenario(), timeout=60)


def test_digest_refused_by_a_server_error_is_sent_on_a_later_tick(tmp_path: Path, server: FakeBotAPI) -> None:
    """A 5xx answer says the message was not sent: trying again cannot double it."""
    config, context = own_store(tmp_path, server)
    clock = type("Clock", (), {"at": DAY.replace(hour=8), "__call__": lambda self: self.at})()

    async def scenario() -> None:
        async with running_bot(config, context) as (frontend, _app):
            server.send_text("/subscribe 07:30 UTC", chat_id=CHAT, user_id=CHAT)
            await settle(server, CHAT)
            scheduler = DigestScheduler(context, {"telegram": frontend.send_digest}, clock=clock, rate=50,
                                        retry_delay=0.01)
            server.fail("sendMessage", 502, times=20)
            report = await scheduler.tick()
            assert report.failed == 1 and digests_to(server, CHAT) == []
            server.faults.clear()
            clock.at = DAY.replace(hour=8, minute=1)
            await scheduler.tick()
        assert len(digests_to(server, CHAT)) == 1
        assert [d.status for d in deliveries(context.engine)] == ["sent"]

    drive(scenario(), timeout=60)
