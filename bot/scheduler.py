"""Daily digests, sent from inside the bot process: never twice, and once wherever that can be known.

Every tick (30 s by default) the scheduler finds subscriptions whose digest time has passed
today (within a grace period, so a bot that was down catches up once), claims each delivery in
the database just before working on it, renews the leases of the deliveries it holds while it
works, and marks each one "sending" before it sends. A delivery is claimed again only after a
known failure or when its owner died before sending; one whose owner died while sending, or whose
send timed out, is uncertain and left alone (see chats). So restarts and
replicas sharing one database never send twice.

Fan-out is throttled below Telegram's overall limit (about 30 messages a second) with room left
for answers to questions; a chat that blocked the bot or no longer exists is unsubscribed.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import os
import secrets
import socket
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from bot.frontend import SendResult
from chats import (
    GRACE,
    LEASE_RENEW,
    DeliveryClaim,
    Subscription,
    all_subscriptions,
    begin_sending,
    claim_delivery,
    due_day,
    expire_leases,
    finish_delivery,
    renew_leases,
    unsubscribe,
)
from handlers.base import Context, Reply
from handlers.digest import build_digest
from knowledge.digest import News

log = logging.getLogger("briefbot.digest")

Sender = Callable[[str, Reply], Awaitable[SendResult]]


@dataclass(slots=True)
class TickReport:
    sent: int = 0
    skipped: int = 0
    failed: int = 0
    unsubscribed: int = 0
    not_mine: int = 0
    uncertain: int = 0


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
                 retries: int = 3, retry_delay: float = 1.0, concurrency: int = 8,
                 renew_every: float = LEASE_RENEW) -> None:
        self.context = context
        self.senders = senders
        self.clock = clock or (lambda: datetime.now(UTC))
        # a restarted container keeps its host name and often its pid: the random part tells them apart
        self.worker = worker or f"{socket.gethostname()}:{os.getpid()}:{secrets.token_hex(4)}"
        self.renew_every = renew_every
        self._held: dict[int, DeliveryClaim] = {}
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
        engine = self.context.engine
        await asyncio.to_thread(self.context.refresh)
        for transport, chat, uncertain_day in await asyncio.to_thread(expire_leases, engine, now):
            log.warning("digest of %s to %s %s may or may not have arrived (its sender stopped); not sent again",
                        uncertain_day, transport, chat)
        subscriptions = await asyncio.to_thread(all_subscriptions, engine, set(self.senders))
        self._digests.clear()
        due = [(sub, day) for sub in subscriptions
               if (day := due_day(sub, now, self.grace)) is not None and sub.last_sent_day != day]
        # several deliveries in flight at once, so round trips do not eat into the rate;
        # the rate limiter alone decides how fast messages leave
        slots = asyncio.Semaphore(self.concurrency)

        async def one(sub: Subscription, day: str) -> None:
            async with slots:
                # claimed as of this moment, not the tick's start: a long fan-out reaches the last ones late
                claim = await asyncio.to_thread(claim_delivery, engine, sub.id, day, self.worker, self.clock())
                if claim is None:
                    report.not_mine += 1
                    return
                self._held[claim.id] = claim
                try:
                    await self._deliver(sub, day, claim, report)
                finally:
                    self._held.pop(claim.id, None)

        renewing = asyncio.ensure_future(self._renew_leases())
        try:
            await asyncio.gather(*(one(sub, day) for sub, day in due))
        finally:
            renewing.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await renewing
        return report

    async def _renew_leases(self) -> None:
        """Keep the deliveries in hand this worker's while it works on them, however long sending takes."""
        while True:
            await asyncio.sleep(self.renew_every)
            if not self._held:
                continue
            try:
                lost = await asyncio.to_thread(renew_leases, self.context.engine, list(self._held.values()),
                                               self.clock())
            except Exception:  # a database hiccup: the next renewal tries again, the lease has room for it
                log.exception("renewing digest leases failed")
                continue
            for claim in lost:
                log.warning("digest delivery %d was taken over while this worker held it", claim.id)

    def _digest_for(self, sub: Subscription, day: str) -> tuple[Reply, News]:
        key = (sub.covered_version, sub.lang, day)
        if key not in self._digests:  # subscribers with the same state share one rendering
            self._digests[key] = build_digest(self.context, sub.covered_version, sub.lang, day, sub.last_sent_day)
        return self._digests[key]

    async def _deliver(self, sub: Subscription, day: str, claim: DeliveryClaim, report: TickReport) -> None:
        engine = self.context.engine
        async with self._render_lock:  # one rendering per distinct digest, not one per subscriber
            reply, news = await asyncio.to_thread(self._digest_for, sub, day)
        if news.empty and sub.skip_empty:
            await asyncio.to_thread(finish_delivery, engine, claim, "skipped", news.version, self.clock())
            report.skipped += 1
            return
        if not await asyncio.to_thread(begin_sending, engine, claim, self.clock()):
            report.not_mine += 1  # this worker stalled past its lease and another one took over
            return
        sender = self.senders[sub.transport]
        result: SendResult = "retry"
        for attempt in range(self.retries):
            await self.limit.wait()
            try:
                result = await sender(sub.chat, reply)
            except Exception:  # a sender bug must not stop the other subscribers' digests
                log.exception("digest to %s %s failed", sub.transport, sub.chat)
                result = "uncertain"  # it may have failed after the message went out
            if result != "retry":
                break
            await asyncio.sleep(self.retry_delay * (2 ** attempt))
        if result == "sent":
            if not await asyncio.to_thread(finish_delivery, engine, claim, "sent", news.version, self.clock()):
                log.warning("digest to %s %s sent, but its delivery was no longer this worker's", sub.transport,
                            sub.chat)
            report.sent += 1
        elif result == "gone":
            log.warning("chat %s on %s blocked the bot or is gone: unsubscribed", sub.chat, sub.transport)
            await asyncio.to_thread(unsubscribe, engine, sub.transport, sub.chat)
            report.unsubscribed += 1
        elif result == "uncertain":
            log.warning("digest to %s %s may or may not have arrived; not sent again", sub.transport, sub.chat)
            await asyncio.to_thread(finish_delivery, engine, claim, "uncertain", None, self.clock())
            report.uncertain += 1
        else:
            await asyncio.to_thread(finish_delivery, engine, claim, "failed", None, self.clock())
            report.failed += 1

    async def run(self, interval: float = 30.0, stop: asyncio.Event | None = None) -> None:
        stop = stop or asyncio.Event()
        while not stop.is_set():
            try:
                report = await self.tick()
                if report.sent or report.failed or report.unsubscribed or report.uncertain:
                    log.info("digests: %s", report)
            except Exception:  # the scheduler outlives database hiccups
                log.exception("digest tick failed")
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(stop.wait(), timeout=interval)
