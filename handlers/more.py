"""/more: the rest of a long answer, one page at a time."""

from __future__ import annotations

from handlers.base import Command, Context, Reply, Request

PAGE = 30


def run(request: Request, context: Context) -> Reply:
    state = context.chat(request.chat)
    lang = context.reply_lang(request)
    if not state.more:
        return Reply(text=context.texts(request).nothing_more, lang=lang, intent="more")
    page, state.more = state.more[:PAGE], state.more[PAGE:]
    if state.more:
        page.append("… /more")
    return Reply(text="\n".join(page), lang=lang, intent="more", has_more=bool(state.more))


COMMAND = Command(names=("mehr", "more"), help_de="den Rest einer langen Antwort", help_en="the rest of a long answer",
                  run=run)
