"""/help: the command list, generated from the commands' own declarations."""

from __future__ import annotations

from handlers.base import Command, Context, Reply, Request
from handlers.texts import texts


def help_text(lang: str, *, is_admin: bool, prefix: str = "/") -> str:
    # here, not at the top: the command list imports every command module, this one among them
    from handlers import COMMANDS

    lines = [texts(lang).help_intro]
    for command in COMMANDS:
        if command.admin and not is_admin:
            continue
        args = command.args(lang)
        lines.append(f"{prefix}{command.name_in(lang)}{' ' + args if args else ''} – {command.help(lang, prefix)}")
    return "\n".join(lines)


def run(request: Request, context: Context) -> Reply:
    lang = context.reply_lang(request)
    return Reply(text=help_text(lang, is_admin=request.is_admin, prefix=request.prefix), lang=lang, intent="help")


COMMAND = Command(names=("hilfe", "help"), run=run)
