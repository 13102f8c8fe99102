"""/start: the greeting a new chat sees, with the help text."""

from __future__ import annotations

from handlers.base import Command, Context, Reply, Request
from handlers.help import help_text

GREETING = {
    "de": "Hallo! Ich bin briefbot.",
    "en": "Hello! I am briefbot.",
}


def run(request: Request, context: Context) -> Reply:
    lang = request.lang or context.chat(request.chat).lang or "de"
    text = f"{GREETING[lang]}\n{help_text(lang, is_admin=request.is_admin)}"
    return Reply(text=text, lang=lang, intent="help")


COMMAND = Command(names=("start",), help_de="Begrüßung", help_en="greeting", run=run)
