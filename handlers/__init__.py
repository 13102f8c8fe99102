"""Transport-neutral command handlers: one module per command, dispatched by name.

Every front end calls `dispatch`; the command list (menus, /help) comes from `COMMANDS`.
"""

from __future__ import annotations

from dataclasses import replace

from handlers import ask, chart, digest, figures, lang, more, sources, start, stats, subscribe, who
from handlers import help as help_command
from handlers import reload as reload_command
from handlers.base import Button, ChatState, Command, Context, Reply, Request, Settings, sendable
from handlers.texts import Texts, reply_language, texts

COMMANDS: list[Command] = [
    start.COMMAND,
    help_command.COMMAND,
    ask.COMMAND,
    sources.COMMAND,
    figures.COMMAND,
    chart.COMMAND,
    who.COMMAND,
    lang.COMMAND,
    more.COMMAND,
    subscribe.SUBSCRIBE,
    subscribe.UNSUBSCRIBE,
    digest.COMMAND,
    subscribe.SETTINGS,
    reload_command.COMMAND,
    stats.COMMAND,
]

MAX_MESSAGE = 10_000


def find_command(name: str) -> Command | None:
    name = name.lower().split("@", 1)[0]
    return next((c for c in COMMANDS if name in c.names), None)


def dispatch(request: Request, context: Context) -> Reply:
    """Route a message: "/cmd args" (or "!cmd" on Matrix) to its command, anything else to ask."""
    text = sendable(request.text or "").replace("\r\n", "\n").replace("\r", "\n").strip()
    if len(text) > MAX_MESSAGE:
        text = text[:MAX_MESSAGE]
    if text[:1] in ("/", "!") and len(text) > 1 and text[1].isalpha():
        head, _, rest = text[1:].partition(" ")
        command = find_command(head)
        if command is None:
            known = ", ".join(f"{text[0]}{c.names[-1]}" for c in COMMANDS if not c.admin)
            message = context.texts(request).unknown_command.format(command=f"{text[0]}{head[:40]}", known=known)
            return Reply(text=message, lang=context.reply_lang(request), intent="unknown_command")
        return command.run(replace(request, text=rest, args=rest.split()), context)
    return ask.run(replace(request, text=text, args=[]), context)


__all__ = ["COMMANDS", "Button", "ChatState", "Command", "Context", "Reply", "Request", "Settings", "Texts",
           "dispatch", "find_command", "reply_language", "sendable", "texts"]
