"""/start: the greeting a new chat sees, with the help text."""

from __future__ import annotations

from handlers.base import Command, Context, Reply, Request
from handlers.help import help_text


def run(request: Request, context: Context) -> Reply:
    lang = context.reply_lang(request)
    text = f"{context.texts(request).greeting}\n{help_text(lang, is_admin=request.is_admin, prefix=request.prefix)}"
    return Reply(text=text, lang=lang, intent="help")


COMMAND = Command(names=("start",), run=run)
