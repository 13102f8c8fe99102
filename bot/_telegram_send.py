"""Sending to Telegram: replies and digests as HTML messages (a photo for a chart), tried again
only where the message surely did not arrive, and how a digest send ended for the scheduler.

`TelegramFrontend` inherits it; the rendering is in `bot._telegram_html`.
"""

from __future__ import annotations

import asyncio
import html
import logging
from collections.abc import Awaitable, Callable
from typing import Any, TypeVar

import httpx
from telegram.constants import ParseMode
from telegram.error import BadRequest, Forbidden, NetworkError, RetryAfter, TelegramError
from telegram.ext import Application

from bot._telegram_html import keyboard, split_message, to_html
from bot.frontend import SendResult
from handlers import Reply

log = logging.getLogger("briefbot.telegram")

SEND_ATTEMPTS = 3  # a send failing with a server error (5xx) or a refused connection is tried this often

T = TypeVar("T")


def surely_not_sent(exc: TelegramError) -> bool:
    """Whether a failed send is known not to have reached Telegram, so sending again cannot double it.

    A server's error answer (5xx, 429) or a connection that never opened: nothing was sent. A timeout
    waiting for the answer, or a connection lost while it was on its way, may hide a sent message.
    """
    if isinstance(exc, RetryAfter):
        return True
    cause = exc.__cause__
    if cause is None:  # python-telegram-bot raised it for the server's answer (502, 5xx)
        return type(exc) is NetworkError
    return isinstance(cause, (httpx.ConnectError, httpx.ConnectTimeout, httpx.PoolTimeout))


class TelegramSender:
    """The sending half of `TelegramFrontend`, which sets `app`."""

    app: Application

    async def send_digest(self, chat: str, reply: Reply) -> SendResult:
        """One digest to one chat: "sent", "gone" (blocked, deleted), "retry" (known not sent: try again later)
        or "uncertain" (it may have arrived: a timeout, a lost connection, or a later part failing after
        an earlier one went out), which must not be sent again.
        """
        chat_id = int(chat.removeprefix("tg:"))
        chunks = split_message(to_html(reply.text))
        markup = keyboard(reply)
        for n, chunk in enumerate(chunks):
            try:
                await self._deliver(self.app.bot.send_message, chat_id, chunk, parse_mode=ParseMode.HTML,
                                    reply_markup=markup if n == len(chunks) - 1 else None,
                                    disable_web_page_preview=True)
            except Forbidden:
                return "gone"
            except BadRequest as exc:
                if "not found" in str(exc).lower() or "deactivated" in str(exc).lower():
                    return "gone"
                return "retry" if n == 0 else "uncertain"
            except (NetworkError, RetryAfter) as exc:
                if not surely_not_sent(exc):
                    log.warning("digest to %s: %s; it may have arrived, so it is not sent again", chat,
                                exc.message)
                    return "uncertain"
                return "retry" if n == 0 else "uncertain"
        return "sent"

    async def send(self, chat: str, reply: Reply, reply_to: str | None = None) -> None:
        """The reply as HTML messages (a photo with a caption for a chart), the buttons under the last one."""
        bot = self.app.bot
        chat_id = int(chat.removeprefix("tg:"))
        reply_to_id = int(reply_to) if reply_to else None
        markup = keyboard(reply)
        if reply.image:
            await self._deliver(bot.send_photo, chat_id, photo=reply.image,
                                caption=html.escape(reply.text[:1000], quote=False), parse_mode=ParseMode.HTML,
                                reply_to_message_id=reply_to_id)
            return
        chunks = split_message(to_html(reply.text))
        for n, chunk in enumerate(chunks):
            last = n == len(chunks) - 1
            await self._deliver(bot.send_message, chat_id, chunk, parse_mode=ParseMode.HTML,
                                reply_markup=markup if last else None,
                                reply_to_message_id=reply_to_id if n == 0 else None,
                                disable_web_page_preview=True)

    @staticmethod
    async def _deliver(method: Callable[..., Awaitable[T]], *args: Any, **kwargs: Any) -> T | None:
        """Call a send method, again after a server error or refused connection (nothing was sent then).

        429s are the rate limiter's business; a timeout is not retried (the message may have arrived).
        """
        for attempt in range(SEND_ATTEMPTS):
            try:
                return await method(*args, **kwargs)
            except NetworkError as exc:
                if type(exc) is not NetworkError or not surely_not_sent(exc) or attempt == SEND_ATTEMPTS - 1:
                    raise
                log.warning("Telegram: %s; trying again", exc)
                await asyncio.sleep(0.5 * 2**attempt)
        return None

