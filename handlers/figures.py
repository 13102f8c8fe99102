"""/figures: the troop figures each source reports (optionally of one source or speaker)."""

from __future__ import annotations

from handlers.ask import reply_to_question
from handlers.base import Command, Context, Reply, Request


def run(request: Request, context: Context) -> Reply:
    lang = context.reply_lang(request)
    question = f"{context.texts(request).figures_question} {' '.join(request.args)}"
    return reply_to_question(question.strip(), context, lang, chat=request.chat)


COMMAND = Command(names=("zahlen", "figures"), help_de="Truppenzahlen je Quelle",
                  help_en="troop figures by source", run=run, args_de="[QUELLE|NAME]", args_en="[SOURCE|NAME]")
