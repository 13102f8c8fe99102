"""/start: the greeting a new chat sees, with the help text."""

from __future__ import annotations

from handlers.base import Command, Context, Reply, Request
from handlers.help import help_text, most_quoted_person


def run(request: Request, context: Context) -> Reply:
    lang = context.reply_lang(request)
    guide = help_text(lang, is_admin=request.is_admin, prefix=request.prefix,
                      speaker=most_quoted_person(context.snapshot))
    text = f"{context.texts(request).greeting}\n{guide}"
    return Reply(text=text, lang=lang, intent="help")


COMMAND = Command(names=("start",), run=run)
