"""/lang de|en: fix the reply language of this chat (default: the language of each question)."""

from __future__ import annotations

from handlers.base import Command, Context, Reply, Request


def run(request: Request, context: Context) -> Reply:
    state = context.chat(request.chat)
    choice = (request.args[0].lower() if request.args else "").strip()
    if choice in ("de", "deutsch", "german"):
        state.lang = "de"
        return Reply(text="Ich antworte jetzt auf Deutsch.", lang="de", intent="lang")
    if choice in ("en", "english", "englisch"):
        state.lang = "en"
        return Reply(text="I will reply in English now.", lang="en", intent="lang")
    if choice in ("auto", "off"):
        state.lang = None
        return Reply(text="Sprache automatisch / language automatic.", lang="de", intent="lang")
    lang = state.lang or request.lang or "de"
    text = "Usage: /lang de|en|auto" if lang == "en" else "Aufruf: /sprache de|en|auto"
    return Reply(text=text, lang=lang, intent="help")


COMMAND = Command(names=("sprache", "lang"), help_de="Antwortsprache wählen", help_en="choose the reply language",
                  run=run, args_de="de|en|auto", args_en="de|en|auto")
