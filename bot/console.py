"""The console: one-shot answers, JSON batches, and an interactive chat.

All three go through the same handlers as Telegram and Matrix, so what the console shows is
what a messenger user gets; the chat is a front end like theirs, run by the same runner.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import logging
import sys
import threading
from pathlib import Path
from typing import Any, TextIO

from bot.frontend import Frontend, Limits, SendResult
from bot.runner import serve
from handlers import Context, Reply, Request, Settings, dispatch, reply_language, texts
from knowledge.store import Snapshot

HISTORY = Path.home() / ".briefbot_history"
log = logging.getLogger("briefbot.console")


def reply_json(question: str, reply: Reply) -> dict[str, Any]:
    return {
        "question": question,
        "lang": reply.lang,
        "intent": reply.intent,
        "text": reply.text,
        "sources": reply.sources,
        "claims": [c.to_dict() for c in reply.claims],
    }


def _safe(text: str) -> str:
    """Lone surrogates (from a broken terminal or pipe) replaced, so the reply can always be written out."""
    return text.encode("utf-8", "replace").decode("utf-8")


def _answer(question: str, context: Context, lang: str | None) -> dict[str, Any]:
    """The JSON object for one line; a line that cannot be answered gives an error object, never an exception."""
    try:
        reply = dispatch(Request(text=question, lang=lang, chat=CHAT), context)
    except Exception as exc:  # one failing line must not lose the lines after it
        log.exception("batch line failed: %r", question[:200])
        reply_lang = reply_language(lang)
        return {"question": question, "lang": reply_lang, "intent": "error", "text": texts(reply_lang).failed_line,
                "sources": [], "claims": [], "error": exc.__class__.__name__}
    return reply_json(question, reply)


#: The console is one chat: /subscribe, /settings and /unsubscribe in later lines refer to the same subscription.
CHAT = "cli"


def ask_once(snapshot: Snapshot, question: str, *, as_json: bool = False, lang: str | None = None,
             config: Settings | None = None) -> int:
    context = Context(snapshot, config)
    data = _answer(_safe(question.replace("\r", "")), context, lang)
    if as_json:
        print(json.dumps(data, ensure_ascii=False))
    else:
        print(data["text"])
    return 0


def ask_batch(snapshot: Snapshot, stdin: TextIO, stdout: TextIO, *, lang: str | None = None,
              config: Settings | None = None) -> int:
    """One question per input line, one JSON object per output line, in order, flushed as it goes."""
    context = Context(snapshot, config)
    for line in stdin:
        question = _safe(line.rstrip("\n").rstrip("\r"))
        context.chats.pop(CHAT, None)  # each line stands alone: no /more page or language carried over
        stdout.write(json.dumps(_answer(question, context, lang), ensure_ascii=False) + "\n")
        stdout.flush()
    return 0


QUIT = ("/quit", "/exit", "/q", "quit", "exit")


class ConsoleFrontend(Frontend):
    """An interactive chat on a terminal (with readline history) or any text stream, one line a message.

    It runs through the same runner as the messengers; the console user is an admin of their own store.
    """

    transport = "console"
    command_prefix = "/"
    limits = Limits(sys.maxsize)  # a terminal scrolls: no message is too long

    def __init__(self, context: Context, stdin: TextIO, stdout: TextIO) -> None:
        self.context = context
        self.stdin = stdin
        self.stdout = stdout
        self.interactive = stdin.isatty()
        self._task: asyncio.Future[None] | None = None

    async def start(self, stop: asyncio.Event) -> bool:
        if self.interactive:
            _history("read")
            request = self.request("", user="console", chat="console", is_admin=True)
            self.stdout.write(self.context.texts(request).console_greeting.format(prefix=self.command_prefix) + "\n")
        self._task = asyncio.ensure_future(self._session())
        return True

    async def stop(self) -> None:
        if self._task is not None and not self._task.done():  # a signal while waiting for the next line
            self._task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._task
        if self.interactive:
            _history("write")

    async def _session(self) -> None:
        """Until /quit or the end of the input; a message that fails is reported and the session goes on."""
        while (line := await self._next_line()) is not None:
            text = line.strip()
            if not text:
                continue
            if text in QUIT:
                break
            request = self.request(text, user="console", chat="console", is_admin=True)
            try:
                reply = await asyncio.to_thread(dispatch, request, self.context)
            except Exception as exc:  # one failing message must not end the session
                self.stdout.write(f"briefbot: error: {exc.__class__.__name__}: {exc}\n\n")
                self.stdout.flush()
                continue
            await self.send(request.chat, reply)

    def _next_line(self) -> asyncio.Future[str | None]:
        """The next input line, None at its end; read in a daemon thread, so that a signal never waits for
        the user to press Enter."""
        loop = asyncio.get_running_loop()
        line: asyncio.Future[str | None] = loop.create_future()

        def settle(value: str | None) -> None:
            if not line.done():
                line.set_result(value)

        def read() -> None:
            try:
                text: str | None = input("> ") if self.interactive else (self.stdin.readline() or None)
            except EOFError:
                text = None
            with contextlib.suppress(RuntimeError):  # the loop closed while waiting: nobody needs the line
                loop.call_soon_threadsafe(settle, text)

        threading.Thread(target=read, name="console-input", daemon=True).start()
        return line

    async def send(self, chat: str, reply: Reply, reply_to: str | None = None) -> None:
        self.stdout.write(reply.text + "\n")
        for button in reply.buttons:
            self.stdout.write(f"  → {button.label}: {button.data}\n")
        self.stdout.write("\n")
        self.stdout.flush()

    async def send_digest(self, chat: str, reply: Reply) -> SendResult:
        await self.send(chat, reply)
        return "sent"


def _history(action: str) -> None:
    """Readline history across sessions, where the platform has readline."""
    try:
        import readline  # not on every platform, hence here

        if action == "read" and HISTORY.exists():
            readline.read_history_file(HISTORY)
        elif action == "write":
            readline.write_history_file(HISTORY)
    except (ImportError, OSError):
        pass


def chat(snapshot: Snapshot, config: Settings | None = None, stdin: TextIO | None = None,
         stdout: TextIO | None = None) -> int:
    """Interactive session; /help lists the commands, /quit or Ctrl-D ends it."""
    context = Context(snapshot, config)
    asyncio.run(serve([ConsoleFrontend(context, stdin or sys.stdin, stdout or sys.stdout)], context))
    return 0
