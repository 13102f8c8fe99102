"""/who NAME: what a person or organisation said, across all sources."""

from __future__ import annotations

from handlers.ask import reply_to_question
from handlers.base import Command, Context, Reply, Request
from handlers.replies import t


def run(request: Request, context: Context) -> Reply:
    lang = request.lang or context.chat(request.chat).lang or "de"
    name = " ".join(request.args).strip()
    if not name:
        usage = "Usage: /who NAME, e.g. /who Austin" if lang == "en" else "Aufruf: /wer NAME, z. B. /wer Austin"
        return Reply(text=usage, lang=lang, intent="help")
    question = f"What did {name} say?" if lang == "en" else f"Was sagte {name}?"
    reply = reply_to_question(question, context, lang, chat=request.chat)
    if reply.intent == "none" and not reply.claims:
        reply.text = reply.text or t(lang, "none_name", name=name)
    return reply


COMMAND = Command(names=("wer", "who"), help_de="Aussagen einer Person", help_en="statements of a person", run=run,
                  args_de="NAME", args_en="NAME")
