"""The seam every messenger implements: connect, receive, send, stop.

A front end only translates between its messenger and the neutral `Request`/`Reply` of the
handlers; it knows its command prefix and how its messenger limits and measures a message.
Start-up, signals and the background jobs (digests, store watcher) belong to `bot.runner`,
which runs any set of front ends the same way. Adding a messenger is one module with one
subclass of `Frontend`.
"""

from __future__ import annotations

import asyncio
from abc import ABC, abstractmethod
from collections.abc import Callable
from dataclasses import dataclass
from typing import ClassVar, Literal

from handlers import Reply, Request

#: How a digest send ended. "retry": known not to have arrived, so it may be sent again;
#: "uncertain": it may have arrived (a timeout, a lost connection), so it is never sent again;
#: "gone": the chat blocked the bot or no longer exists.
SendResult = Literal["sent", "retry", "gone", "uncertain"]


def characters(text: str) -> int:
    return len(text)


def utf16_units(text: str) -> int:
    """Length as Telegram counts it (UTF-16 code units: an emoji outside the BMP counts twice)."""
    return len(text.encode("utf-16-le", "surrogatepass")) // 2


def utf8_bytes(text: str) -> int:
    return len(text.encode("utf-8"))


@dataclass(frozen=True, slots=True)
class Limits:
    """How much text one message of a messenger holds, and in which unit the messenger counts it."""

    message_size: int
    measure: Callable[[str], int] = characters

    def fits(self, text: str) -> bool:
        return self.measure(text) <= self.message_size


class Frontend(ABC):
    """One messenger. The runner calls `start`, keeps it running until a signal or `closed()` ends,
    then calls `stop`; the digest scheduler calls `send_digest`."""

    #: the name chat state is stored under (subscriptions, audit log); part of every `Request`
    transport: ClassVar[str]
    #: what starts a command in this messenger ("/help", "!help")
    command_prefix: ClassVar[str] = "/"
    limits: ClassVar[Limits]
    #: digests a second this messenger takes without throttling the bot's answers
    digest_rate: ClassVar[float] = 25.0

    @abstractmethod
    async def start(self, stop: asyncio.Event) -> bool:
        """Connect and begin receiving messages, waiting (with backoff) while the messenger cannot be
        reached; False when `stop` was set before it could be."""

    @abstractmethod
    async def stop(self) -> None:
        """Stop receiving, let the messages in hand be answered, disconnect."""

    @abstractmethod
    async def send(self, chat: str, reply: Reply, reply_to: str | None = None) -> None:
        """A reply to a chat (as a reply to message `reply_to` where the messenger has such a thing)."""

    @abstractmethod
    async def send_digest(self, chat: str, reply: Reply) -> SendResult:
        """A digest to a subscribed chat; never raises for the messenger's own errors, says how it ended."""

    #: where a front end that works in one task of its own (a session, a sync loop) keeps it: it ends with it
    _task: asyncio.Future[None] | None = None

    async def closed(self) -> None:
        """Returns when the front end ended by itself (its input ended, or it failed: then it raises)."""
        if self._task is None:  # its messenger's library works on its own until `stop`
            await asyncio.Event().wait()
        else:
            await asyncio.shield(self._task)

    def request(self, text: str, *, user: str, chat: str, is_admin: bool) -> Request:
        """The neutral request for a message of this messenger."""
        return Request(text=text, user=user, chat=chat, transport=self.transport, is_admin=is_admin,
                       prefix=self.command_prefix)


__all__ = ["Frontend", "Limits", "SendResult", "characters", "utf8_bytes", "utf16_units"]
