"""Transport-neutral command handlers: one module per command, dispatched by name.

Every front end calls `dispatch`; the command list (menus, /help) comes from `COMMANDS`.
"""

from __future__ import annotations

from handlers import ask, chart, digest, figures, lang, more, sources, start, stats, subscribe, who
from handlers import help as help_command
from handlers import reload as reload_command
from handlers.base import Button, ChatState, Command, Context, Reply, Request, sendable

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
        lang = request.lang or context.chat(request.chat).lang or "de"
        if command is None:
            known = ", ".join(f"{text[0]}{c.names[-1]}" for c in COMMANDS if not c.admin)
            message = (f"Unknown command {text[0]}{head[:40]}. Known: {known}" if lang == "en"
                       else f"Unbekannter Befehl {text[0]}{head[:40]}. Bekannt: {known}")
            return Reply(text=message, lang=lang, intent="unknown_command")
        sub = Request(text=rest, user=request.user, chat=request.chat, transport=request.transport,
                      lang=request.lang, is_admin=request.is_admin, args=rest.split())
        return command.run(sub, context)
    return ask.run(Request(text=text, user=request.user, chat=request.chat, transport=request.transport,
                           lang=request.lang, is_admin=request.is_admin), context)


__all__ = ["COMMANDS", "Button", "ChatState", "Command", "Context", "Reply", "Request", "dispatch", "find_command",
           "sendable"]
