"""/who NAME: what a person or organisation said, across all sources."""

from __future__ import annotations

from handlers.ask import reply_to_question
from handlers.base import Command, Context, Reply, Request
from handlers.help import most_quoted_person


def run(request: Request, context: Context) -> Reply:
    lang = context.reply_lang(request)
    words = context.texts(request)
    name = " ".join(request.args).strip()
    if not name:
        usage = words.who_usage.format(prefix=request.prefix)
        if (example := most_quoted_person(context.snapshot)) is not None:
            usage += words.who_example.format(prefix=request.prefix, name=example)
        return Reply(text=usage, lang=lang, intent="help")
    reply = reply_to_question(words.who_question.format(name=name), context, lang, chat=request.chat,
                              prefix=request.prefix)
    if reply.intent == "none" and not reply.claims:
        reply.text = reply.text or words.none_name.format(name=name)
    return reply


COMMAND = Command(names=("wer", "who"), run=run)
