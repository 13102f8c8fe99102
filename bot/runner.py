"""Running front ends: whichever are configured, in one event loop, with the digest scheduler and the
store watcher beside them. The one place that owns start-up, SIGTERM/SIGINT and stopping.

The first signal lets every front end answer the messages in hand (each front end bounds how long
that may take); a second one cuts them off.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import logging
import signal
import sys
from collections.abc import Sequence

from bot.config import Config, ConfigError
from bot.frontend import Frontend
from bot.scheduler import DigestScheduler, Sender
from bot.watch import watch_store
from handlers import Context
from knowledge.store import open_store

log = logging.getLogger("briefbot")

SIGNALS = (signal.SIGTERM, signal.SIGINT)


class SignalsBeforeStart:
    """SIGTERM/SIGINT while the store still loads, before the event loop runs: remembered, so that the
    runner stops right away instead of the process dying mid-start."""

    def __init__(self) -> None:
        self.received = False
        for sig in SIGNALS:
            signal.signal(sig, self._remember)

    def _remember(self, signum: int, frame: object) -> None:
        log.info("stopping as soon as start-up is done")
        self.received = True


async def serve(frontends: Sequence[Frontend], context: Context, *, background: bool = True,
                early: SignalsBeforeStart | None = None) -> None:
    """Start the front ends, run until a signal (or one of them ends by itself), stop them all.

    With `background` and a database, the daily digests go out through the front ends' `send_digest`
    and a store version built elsewhere (a reload in another process) is picked up.
    """
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    runner = asyncio.current_task()

    def on_signal() -> None:
        if stop.is_set() and runner is not None:  # a second signal: do not wait for the messages in hand
            runner.cancel()
        stop.set()

    installed = []
    for sig in SIGNALS:
        with contextlib.suppress(NotImplementedError, RuntimeError, ValueError):  # not the main thread
            loop.add_signal_handler(sig, on_signal)
            installed.append(sig)
    started: list[Frontend] = []
    jobs: list[asyncio.Future] = []
    try:
        if early is not None and early.received:
            return
        # side by side: a messenger that cannot be reached yet does not hold up the others
        outcomes = await asyncio.gather(*(f.start(stop) for f in frontends), return_exceptions=True)
        started.extend(f for f, outcome in zip(frontends, outcomes, strict=True) if outcome is True)
        for outcome in outcomes:
            if isinstance(outcome, BaseException):
                raise outcome
        if len(started) < len(frontends):  # stopped before every messenger could be reached
            return
        if background and context.has_database:
            senders: dict[str, Sender] = {f.transport: f.send_digest for f in frontends}
            rate = min(f.digest_rate for f in frontends)
            jobs = [asyncio.ensure_future(DigestScheduler(context, senders, rate=rate).run(stop=stop)),
                    asyncio.ensure_future(watch_store(context, stop=stop))]
        ended = [asyncio.ensure_future(f.closed()) for f in started]
        waiter = asyncio.ensure_future(stop.wait())
        jobs.extend([*ended, waiter])
        await asyncio.wait({waiter, *ended}, return_when=asyncio.FIRST_COMPLETED)
        for task in ended:
            if task.done():
                task.result()  # a front end that failed: its error ends the process, after the others stopped
    finally:
        stop.set()
        for frontend in reversed(started):
            await _stop(frontend)
        for job in jobs:
            job.cancel()
        for job in jobs:
            with contextlib.suppress(asyncio.CancelledError, Exception):
                await job
        for sig in installed:
            loop.remove_signal_handler(sig)


async def _stop(frontend: Frontend) -> None:
    try:
        await frontend.stop()
    except Exception:  # stopping one front end must not keep the others running
        log.exception("stopping the %s front end failed", frontend.transport)


def warn_unknown_admins(config: Config) -> None:
    for entry in config.unknown_admins():
        log.warning("BRIEFBOT_ADMINS: %r is neither a Telegram user id (a number) nor a Matrix user id "
                    "(@name:server), so it matches no one", entry)


def _context(config: Config) -> Context:
    if not config.seeds.is_dir():
        raise ConfigError(f"documents folder {config.seeds} does not exist (use --seeds or BRIEFBOT_SEEDS)")
    snapshot = open_store(config.seeds, config.db, progress=False, max_bytes=config.max_document_bytes)
    for problem in snapshot.problems:
        log.warning("%s", problem)
    return Context(snapshot, config)


def run_frontends(command: str, config: Config, args: argparse.Namespace) -> int:
    """`briefbot telegram`, `briefbot matrix`, or `briefbot run` (every configured messenger)."""
    # here, not at the top: a messenger's library is loaded only when a messenger runs (`chat` starts faster)
    from bot.matrix import MatrixFrontend
    from bot.telegram import TelegramFrontend, check_token, install_log_redaction

    want_telegram = command == "telegram" or (command == "run" and bool(config.telegram_token))
    want_matrix = command == "matrix" or (command == "run" and bool(config.matrix_homeserver))
    if not (want_telegram or want_matrix):
        raise ConfigError("no front end configured: set BRIEFBOT_TELEGRAM_TOKEN and/or BRIEFBOT_MATRIX_HOMESERVER")
    if want_telegram:
        check_token(config.telegram_token)  # a clear error before anything loads
    if want_matrix:
        MatrixFrontend.check(config)
    logging.basicConfig(level=logging.INFO, stream=sys.stderr,
                        format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    secrets = [config.telegram_token, config.matrix_password, config.matrix_access_token, config.matrix_pickle_key]
    install_log_redaction([s for s in secrets if s])
    warn_unknown_admins(config)
    early = SignalsBeforeStart()
    context = _context(config)
    frontends: list[Frontend] = []
    if want_telegram:
        frontends.append(TelegramFrontend(config, context, webhook_url=getattr(args, "webhook_url", None),
                                          listen=getattr(args, "listen", None) or "127.0.0.1:8443"))
    if want_matrix:
        frontends.append(MatrixFrontend(config, context))
    try:
        asyncio.run(serve(frontends, context, early=early))
    except asyncio.CancelledError:  # a second signal
        log.warning("stopped before the messages in hand were answered")
    return 0
