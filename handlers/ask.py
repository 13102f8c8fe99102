"""Any message that is not a command: a briefing question, answered from the store."""

from __future__ import annotations

from handlers.base import Button, Command, Context, Reply, Request
from handlers.replies import (
    more_lines,
    number,
    render_figures,
    render_none,
    render_passages,
    render_quoted_in,
    render_sources,
    render_statements,
    render_who_said,
    t,
)
from knowledge.answers import answer
from knowledge.questions import clean, detect_language

#: lines per page in a chat window; the rest waits behind /more
PAGE_LINES = 40


def reply_to_question(text: str, context: Context, lang: str | None = None, chat: str | None = None) -> Reply:
    question = clean(text)
    if not any(c.isalnum() for c in question):  # "", "?", "…?!", "👍": no question to answer
        reply_lang = lang or "de"
        return Reply(text=t(reply_lang, "empty_question"), lang=reply_lang, intent="none")
    index = context.index
    result = answer(question, index, lang)
    reply_lang = lang or result.question.lang
    renderers = {
        "figures": render_figures, "statements": render_statements, "who_said": render_who_said,
        "quoted_in": render_quoted_in, "facts": render_passages,
    }
    if result.intent == "help":
        from handlers.help import help_text

        return Reply(text=help_text(reply_lang, is_admin=False), lang=reply_lang, intent="help")
    if result.intent == "sources":
        lines = render_sources(index, reply_lang)
    elif result.intent in renderers:
        lines = renderers[result.intent](result, index, reply_lang)
    else:
        lines = render_none(result, reply_lang)
    if result.intent == "statements" and result.question.mentioned_only and not result.question.ambiguous:
        lines.append(t(reply_lang, "mentioned_only", names=", ".join(result.question.mentioned_only)))
    if result.question.ambiguous:
        lines.insert(0, t(reply_lang, "ambiguous", names=", ".join(e.name for e in result.question.ambiguous)))
    hidden = result.hidden
    if hidden and chat is not None:
        context.chat(chat).more = more_lines(result.more, index, reply_lang)
        kept = sum(len(g.claims) for g in result.more)
        lines.append(t(reply_lang, "more", n=hidden) if kept == hidden else
                     t(reply_lang, "more_capped", n=number(hidden, reply_lang), k=kept))
    elif chat is not None:
        context.chat(chat).more = []
    buttons = [Button(e.name, f"/who {e.name}") for e in result.choices] if len(result.choices) > 1 else []
    if result.intent == "figures":
        buttons.append(Button("📊 Chart" if reply_lang == "en" else "📊 Grafik", "/chart"))
    return Reply(text="\n".join(lines), lang=reply_lang, intent=result.intent, claims=result.claims,
                 sources=result.sources, buttons=buttons, has_more=bool(hidden))


def run(request: Request, context: Context) -> Reply:
    state = context.chat(request.chat)
    return reply_to_question(request.text, context, request.lang or state.lang, chat=request.chat)


COMMAND = Command(
    names=("frage", "ask"),
    help_de="eine Frage stellen (jede Nachricht ohne / ist eine Frage)",
    help_en="ask a question (any message without / is a question)",
    args_de="FRAGE", args_en="QUESTION",
    run=lambda request, context: run(Request(" ".join(request.args), request.user, request.chat,
                                             request.transport, request.lang, request.is_admin), context),
)


def detect(text: str) -> str:
    return detect_language(text)
