"""/sources: the documents the bot answers from, with outlet and number of statements."""

from __future__ import annotations

from handlers.base import Command, Context, Reply, Request
from handlers.replies import render_sources


def run(request: Request, context: Context) -> Reply:
    lang = context.reply_lang(request)
    index = context.index
    return Reply(text="\n".join(render_sources(index, lang)), lang=lang, intent="sources",
                 sources=sorted(index.sources))


COMMAND = Command(names=("quellen", "sources"), run=run)
