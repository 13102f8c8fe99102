"""/more: the rest of a long answer, one page at a time."""

from __future__ import annotations

from handlers.base import Command, Context, Reply, Request

PAGE = 30


def run(request: Request, context: Context) -> Reply:
    state = context.chat(request.chat)
    lang = context.reply_lang(request)
    words = context.texts(request)
    if not state.more:
        return Reply(text=words.nothing_more, lang=lang, intent="more")
    page, state.more = state.more[:PAGE], state.more[PAGE:]
    if state.more:
        page.append(words.more_page.format(prefix=request.prefix))
    return Reply(text="\n".join(page), lang=lang, intent="more", has_more=bool(state.more))


COMMAND = Command(names=("mehr", "more"), run=run)
