"""Starting the messenger front ends: `telegram`, `matrix`, or `run` for every configured one."""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import logging
import signal
import sys

from bot.config import Config, ConfigError

log = logging.getLogger("briefbot")


def _context(config: Config):
    from handlers import Context
    from knowledge.store import open_store

    if not config.seeds.is_dir():
        raise ConfigError(f"documents folder {config.seeds} does not exist (use --seeds or BRIEFBOT_SEEDS)")
    snapshot = open_store(config.seeds, config.db, progress=False, max_bytes=config.max_document_bytes)
    for problem in snapshot.problems:
        log.warning("%s", problem)
    return Context(snapshot, config)


def _logging(tokens: list[str | None]) -> None:
    logging.basicConfig(level=logging.INFO, stream=sys.stderr,
                        format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    from bot.telegram import install_log_redaction

    install_log_redaction([t for t in tokens if t])


def warn_unknown_admins(config: Config) -> None:
    for entry in config.unknown_admins():
        log.warning("BRIEFBOT_ADMINS: %r is neither a Telegram user id (a number) nor a Matrix user id "
                    "(@name:server), so it matches no one", entry)


def run_frontends(command: str, config: Config, args: argparse.Namespace) -> int:
    want_telegram = command == "telegram" or (command == "run" and bool(config.telegram_token))
    want_matrix = command == "matrix" or (command == "run" and bool(config.matrix_homeserver))
    if not (want_telegram or want_matrix):
        raise ConfigError("no front end configured: set BRIEFBOT_TELEGRAM_TOKEN and/or BRIEFBOT_MATRIX_HOMESERVER")
    if want_telegram:
        from bot.telegram import check_token

        check_token(config.telegram_token)  # a clear error before anything loads
    if want_matrix:
        from bot.matrix import MatrixFrontend

        MatrixFrontend.check(config)
    _logging([config.telegram_token, config.matrix_password, config.matrix_access_token, config.matrix_pickle_key])
    warn_unknown_admins(config)
    context = _context(config)
    if want_telegram and not want_matrix:
        from bot.telegram import run_telegram

        return run_telegram(config, context, webhook_url=getattr(args, "webhook_url", None),
                            listen=getattr(args, "listen", "127.0.0.1:8443"))
    if want_matrix and not want_telegram:
        from bot.matrix import run_matrix

        return run_matrix(config, context)
    asyncio.run(_run_all(config, context))
    return 0


async def _run_all(config: Config, context) -> None:
    """Telegram (long polling) and Matrix side by side in one event loop, stopped together on SIGTERM."""
    from bot.matrix import MatrixFrontend, stop_frontend
    from bot.telegram import build_application

    _, app = build_application(config, context)
    matrix = MatrixFrontend(config, context)
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGTERM, signal.SIGINT):
        with contextlib.suppress(NotImplementedError, RuntimeError):
            loop.add_signal_handler(sig, stop.set)
    async with app:
        assert app.updater is not None  # build_application always makes one
        await app.start()
        await app.updater.start_polling()
        matrix_task = asyncio.ensure_future(matrix.run())
        waiter = asyncio.ensure_future(stop.wait())
        await asyncio.wait({matrix_task, waiter}, return_when=asyncio.FIRST_COMPLETED)
        await stop_frontend(matrix, matrix_task)  # the batch in hand is answered first
        await app.updater.stop()
        await app.stop()
