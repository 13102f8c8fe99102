"""/figures: the troop figures each source reports (optionally of one source or speaker)."""

from __future__ import annotations

from handlers.ask import reply_to_question
from handlers.base import Command, Context, Reply, Request


def run(request: Request, context: Context) -> Reply:
    question = f"{context.texts(request).figures_question} {' '.join(request.args)}"
    return reply_to_question(question.strip(), context, context.reply_lang(request), chat=request.chat,
                             prefix=request.prefix)


COMMAND = Command(names=("zahlen", "figures"), run=run)
