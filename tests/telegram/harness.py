"""Driving the real Telegram Application against the fake Bot API server.

pytest-asyncio is not a dependency: every test runs its scenario with `drive(...)`, in a fresh
event loop under an overall timeout.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import AsyncIterator, Callable, Coroutine
from contextlib import asynccontextmanager
from typing import Any

from botapi_server import Call, FakeBotAPI
from telegram.ext import Application

from bot.config import Config
from bot.telegram import TelegramFrontend
from handlers import Context

ADMIN_ID = 4711
SCENARIO_TIMEOUT = 30.0


def drive(scenario: Coroutine[Any, Any, Any], timeout: float = SCENARIO_TIMEOUT) -> Any:
    """Run an async test scenario to the end, or fail after `timeout` seconds."""
    return asyncio.run(asyncio.wait_for(scenario, timeout))


@asynccontextmanager
async def running_bot(config: Config, context: Context) -> AsyncIterator[tuple[TelegramFrontend, Application]]:
    """The front end started and stopped as the runner does it, polling the fake server briskly.

    The digest scheduler belongs to the runner, so it is not running: tests that need it drive it themselves.
    """
    frontend = TelegramFrontend(config, context, poll_interval=0.05, poll_timeout=1)
    assert await frontend.start(asyncio.Event())
    try:
        yield frontend, frontend.app
    finally:
        await frontend.stop()


async def wait_until(predicate: Callable[[], Any], timeout: float = 8.0, what: str = "condition") -> Any:
    deadline = time.monotonic() + timeout
    while True:
        value = predicate()
        if value:
            return value
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out after {timeout} s waiting for {what}")
        await asyncio.sleep(0.02)


SENDS = ("sendMessage", "sendPhoto")


def sends(server: FakeBotAPI, chat_id: int, *, ok: bool | None = True) -> list[Call]:
    return [c for c in server.calls if c.method in SENDS and c.params.get("chat_id") == chat_id
            and (ok is None or c.ok == ok)]


async def settle(server: FakeBotAPI, chat_id: int, quiet: float = 0.15, timeout: float = 8.0) -> list[Call]:
    """Wait until nothing more is sent to `chat_id` for `quiet` seconds; the successful sends."""
    deadline = time.monotonic() + timeout
    count, since = -1, time.monotonic()
    while time.monotonic() < deadline:
        now = len([c for c in server.calls if c.params.get("chat_id") == chat_id])
        if now != count:
            count, since = now, time.monotonic()
        elif time.monotonic() - since >= quiet:
            break
        await asyncio.sleep(0.02)
    return sends(server, chat_id)


async def exchange(server: FakeBotAPI, update: dict, chat_id: int, timeout: float = 8.0) -> list[Call]:
    """Inject `update` (already pushed) and collect the bot's answer: every send to `chat_id` after it."""
    before = len(sends(server, chat_id))
    await wait_until(lambda: len(sends(server, chat_id)) > before, timeout, f"a reply in chat {chat_id}")
    return (await settle(server, chat_id))[before:]


async def ignored(server: FakeBotAPI, update: dict, chat_id: int, quiet: float = 0.4) -> list[Call]:
    """Wait until the bot fetched `update` and then stayed quiet; whatever it sent to `chat_id` meanwhile."""
    before = len(sends(server, chat_id, ok=None))
    await wait_until(lambda: server.confirmed(update), 5.0, "the bot to fetch the update")
    await asyncio.sleep(quiet)
    return sends(server, chat_id, ok=None)[before:]
