"""Daily digests, sent from inside the bot process: exactly once per subscriber per day.

Every tick (30 s by default) the scheduler finds subscriptions whose digest time has passed
today (within a grace period, so a bot that was down catches up once), claims each delivery in
the database, and only then sends. A claimed delivery is never claimed again unless it failed
or its worker died, so restarts and replicas sharing one database never send twice.

Fan-out is throttled below Telegram's overall limit (about 30 messages a second) with room left
for answers to questions; a chat that blocked the bot or no longer exists is unsubscribed.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import os
import socket
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Literal

from handlers.base import Context, Reply
from handlers.digest import build_digest
from knowledge.digest import News
from knowledge.subscriptions import (
    GRACE,
    Subscription,
    all_subscriptions,
    claim_delivery,
    due_day,
    finish_delivery,
    unsubscribe,
)

log = logging.getLogger("briefbot.digest")

SendResult = Literal["sent", "retry", "gone"]
Sender = Callable[[str, Reply], Awaitable[SendResult]]


@dataclass(slots=True)
class TickReport:
    sent: int = 0
    skipped: int = 0
    failed: int = 0
    unsubscribed: int = 0
    not_mine: int = 0


class RateLimit:
    """Sends spaced at least 1/`rate` seconds apart, measured from when each one actually went out.

    Callers queue on a lock, so a stalled event loop never releases a burst of overdue sends:
    after a stall the next send waits a full interval again.
    """

    def __init__(self, rate: float, clock: Callable[[], float] = time.monotonic) -> None:
        self.interval = 1.0 / rate
        self.clock = clock
        self.next_at = 0.0
        self._lock = asyncio.Lock()

    async def wait(self) -> None:
        async with self._lock:
            now = self.clock()
            if self.next_at > now:
                await asyncio.sleep(self.next_at - now)
                now = self.clock()
            self.next_at = now + self.interval


class DigestScheduler:
    def __init__(self, context: Context, senders: dict[str, Sender], *, clock: Callable[[], datetime] | None = None,
                 worker: str | None = None, grace: timedelta = GRACE, rate: float = 25.0,
                 retries: int = 3, retry_delay: float = 1.0, concurrency: int = 8) -> None:
        self.context = context
        self.senders = senders
        self.clock = clock or (lambda: datetime.now(UTC))
        self.worker = worker or f"{socket.gethostname()}:{os.getpid()}"
        self.grace = grace
        self.limit = RateLimit(rate)
        self.retries = retries
        self.retry_delay = retry_delay
        self.concurrency = concurrency
        self._render_lock = asyncio.Lock()
        self._digests: dict[tuple[int, str, str], tuple[Reply, News]] = {}

    async def tick(self) -> TickReport:
        """Send every digest that is due now and not yet claimed by anyone."""
        report = TickReport()
        now = self.clock()
        await asyncio.to_thread(self.context.refresh)
        subscriptions = await asyncio.to_thread(all_subscriptions, self.context.engine, set(self.senders))
        self._digests.clear()
        due = [(sub, day) for sub in subscriptions
               if (day := due_day(sub, now, self.grace)) is not None and sub.last_sent_day != day]
        # several deliveries in flight at once, so round trips do not eat into the rate;
        # the rate limiter alone decides how fast messages leave
        slots = asyncio.Semaphore(self.concurrency)

        async def one(sub: Subscription, day: str) -> None:
            async with slots:
                delivery = await asyncio.to_thread(claim_delivery, self.context.engine, sub.id, day, self.worker,
                                                   now)
                if delivery is None:
                    report.not_mine += 1
                    return
                await self._deliver(sub, day, delivery, report)

        await asyncio.gather(*(one(sub, day) for sub, day in due))
        return report

    def _digest_for(self, sub: Subscription, day: str) -> tuple[Reply, News]:
        key = (sub.covered_version, sub.lang, day)
        if key not in self._digests:  # subscribers with the same state share one rendering
            self._digests[key] = build_digest(self.context, sub.covered_version, sub.lang, day, sub.last_sent_day)
        return self._digests[key]

    async def _deliver(self, sub: Subscription, day: str, delivery: int, report: TickReport) -> None:
        engine = self.context.engine
        async with self._render_lock:  # one rendering per distinct digest, not one per subscriber
            reply, news = await asyncio.to_thread(self._digest_for, sub, day)
        if news.empty and sub.skip_empty:
            await asyncio.to_thread(finish_delivery, engine, delivery, "skipped", news.version)
            report.skipped += 1
            return
        sender = self.senders[sub.transport]
        result: SendResult = "retry"
        for attempt in range(self.retries):
            await self.limit.wait()
            try:
                result = await sender(sub.chat, reply)
            except Exception:  # a sender bug must not stop the other subscribers' digests
                log.exception("digest to %s %s failed", sub.transport, sub.chat)
                result = "retry"
            if result != "retry":
                break
            await asyncio.sleep(self.retry_delay * (2 ** attempt))
        if result == "sent":
            await asyncio.to_thread(finish_delivery, engine, delivery, "sent", news.version)
            report.sent += 1
        elif result == "gone":
            log.warning("chat %s on %s blocked the bot or is gone: unsubscribed", sub.chat, sub.transport)
            await asyncio.to_thread(unsubscribe, engine, sub.transport, sub.chat)
            report.unsubscribed += 1
        else:
            await asyncio.to_thread(finish_delivery, engine, delivery, "failed")
            report.failed += 1

    async def run(self, interval: float = 30.0, stop: asyncio.Event | None = None) -> None:
        stop = stop or asyncio.Event()
        while not stop.is_set():
            try:
                report = await self.tick()
                if report.sent or report.failed or report.unsubscribed:
                    log.info("digests: %s", report)
            except Exception:  # the scheduler outlives database hiccups
                log.exception("digest tick failed")
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(stop.wait(), timeout=interval)
