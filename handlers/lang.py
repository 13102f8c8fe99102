"""/lang de|en: fix the reply language of this chat (default: the language of each question)."""

from __future__ import annotations

from handlers.base import Command, Context, Reply, Request
from handlers.texts import texts


def run(request: Request, context: Context) -> Reply:
    state = context.chat(request.chat)
    choice = (request.args[0].lower() if request.args else "").strip()
    if choice in ("de", "deutsch", "german"):
        state.lang = "de"
        return Reply(text=texts("de").lang_set, lang="de", intent="lang")
    if choice in ("en", "english", "englisch"):
        state.lang = "en"
        return Reply(text=texts("en").lang_set, lang="en", intent="lang")
    if choice in ("auto", "off"):
        state.lang = None
        return Reply(text=texts("de").lang_auto, lang="de", intent="lang")
    lang = context.reply_lang(request)
    return Reply(text=texts(lang).lang_usage.format(prefix=request.prefix), lang=lang, intent="help")


COMMAND = Command(names=("sprache", "lang"), help_de="Antwortsprache wählen", help_en="choose the reply language",
                  run=run, args_de="de|en|auto", args_en="de|en|auto")
