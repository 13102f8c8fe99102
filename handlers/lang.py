"""/lang de|en: fix the reply language of this chat (default: the language of each question)."""

from __future__ import annotations

from handlers.base import Command, Context, Reply, Request
from handlers.texts import LANGS, texts

#: what a user may type for each language, in either language
CHOICES = {"de": ("de", "deutsch", "german"), "en": ("en", "english", "englisch")}
AUTO = ("auto", "off")


def run(request: Request, context: Context) -> Reply:
    state = context.chat(request.chat)
    choice = (request.args[0].lower() if request.args else "").strip()
    chosen = next((lang for lang in LANGS if choice in CHOICES[lang]), None)
    if chosen is not None:
        state.lang = chosen
        return Reply(text=texts(chosen).lang_set, lang=chosen, intent="lang")
    if choice in AUTO:
        state.lang = None
        return Reply(text=texts(None).lang_auto, lang="de", intent="lang")
    return Reply(text=context.texts(request).lang_usage.format(prefix=request.prefix),
                 lang=context.reply_lang(request), intent="help")


COMMAND = Command(names=("sprache", "lang"), run=run)
