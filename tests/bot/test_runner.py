"""The runner: any front end implementing the interface starts, runs and stops the same way."""

from __future__ import annotations

import asyncio

import pytest

from bot.frontend import Frontend, Limits, SendResult
from bot.runner import serve
from handlers import Context, Reply, dispatch


class Scripted(Frontend):
    """A messenger in a few lines: answers its scripted messages, then ends (or fails) by itself."""

    transport = "scripted"
    command_prefix = "!"
    limits = Limits(100)

    def __init__(self, context: Context, messages: list[str], *, fail: bool = False, wait: bool = False) -> None:
        self.context = context
        self.messages = messages
        self.fail = fail
        self.wait = wait
        self.sent: list[str] = []
        self.events: list[str] = []
        self._done = asyncio.Event()

    async def start(self, stop: asyncio.Event) -> bool:
        self.events.append("start")
        for text in self.messages:
            request = self.request(text, user="u", chat="c", is_admin=False)
            await self.send(request.chat, await asyncio.to_thread(dispatch, request, self.context))
        if not self.wait:
            self._done.set()
        return True

    async def closed(self) -> None:
        await self._done.wait()
        if self.fail:
            raise RuntimeError("the messenger went away")

    async def stop(self) -> None:
        self.events.append("stop")

    async def send(self, chat: str, reply: Reply, reply_to: str | None = None) -> None:
        self.sent.append(reply.text)

    async def send_digest(self, chat: str, reply: Reply) -> SendResult:
        return "sent"


def test_a_front_end_gets_the_prefix_of_its_messenger_in_every_reply(news_snapshot) -> None:
    context = Context(news_snapshot)
    frontend = Scripted(context, ["!help", "!lang klingonisch"])
    asyncio.run(serve([frontend], context))
    assert "!quellen – die Quellen" in frontend.sent[0]
    assert frontend.sent[1] == "Aufruf: !sprache de|en|auto"
    assert frontend.events == ["start", "stop"]


def test_a_failing_front_end_stops_the_others_and_its_error_ends_the_run(news_snapshot) -> None:
    context = Context(news_snapshot)
    failing = Scripted(context, [], fail=True)
    other = Scripted(context, ["Was sagte Hans Albers?"], wait=True)
    with pytest.raises(RuntimeError, match="went away"):
        asyncio.run(serve([failing, other], context))
    assert other.events == ["start", "stop"] and failing.events == ["start", "stop"]
    assert other.sent[0].startswith("Aussagen von Hans Albers")
