"""Keeping a running bot on the newest store version another process (or a reload) built."""

from __future__ import annotations

import asyncio
import contextlib
import logging

from handlers.base import Context

log = logging.getLogger("briefbot.store")


async def watch_store(context: Context, interval: float = 5.0, stop: asyncio.Event | None = None) -> None:
    """Every few seconds, compare the store version in the database with ours and switch when it changed."""
    stop = stop or asyncio.Event()
    while not stop.is_set():
        try:
            if await asyncio.to_thread(context.refresh):
                log.info("switched to store version %s", context.snapshot.version)
        except Exception:  # the database may be briefly unavailable; answers go on from memory
            log.warning("could not check the store version", exc_info=True)
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(stop.wait(), timeout=interval)
