"""Any message that is not a command: a briefing question, answered from the store."""

from __future__ import annotations

from dataclasses import replace

from handlers import help as help_command
from handlers.base import Button, Command, Context, Reply, Request
from handlers.replies import (
    more_lines,
    render_figures,
    render_none,
    render_passages,
    render_quoted_in,
    render_sources,
    render_statements,
    render_who_said,
)
from handlers.texts import reply_language, texts
from knowledge.answers import answer
from knowledge.questions import clean


def reply_to_question(text: str, context: Context, lang: str | None = None, chat: str | None = None,
                      prefix: str = "/") -> Reply:
    """The reply to a question in `lang`, or in the question's own language where `lang` is None; with a
    `chat`, the rest of a long answer is kept for its /more (`prefix` is how the user's messenger writes it)."""
    question = clean(text)
    if not any(c.isalnum() for c in question):  # "", "?", "…?!", "👍": no question to answer
        reply_lang = reply_language(lang)
        return Reply(text=texts(reply_lang).empty_question, lang=reply_lang, intent="none")
    index = context.index
    result = answer(question, index, lang)
    reply_lang = reply_language(lang, result.question.lang)
    words = texts(reply_lang)
    renderers = {
        "figures": render_figures, "statements": render_statements, "who_said": render_who_said,
        "quoted_in": render_quoted_in, "facts": render_passages,
    }
    if result.intent == "help":
        guide = help_command.help_text(reply_lang, is_admin=False, prefix=prefix,
                                       speaker=help_command.most_quoted_person(index.snapshot))
        return Reply(text=guide, lang=reply_lang, intent="help")
    if result.intent == "sources":
        lines = render_sources(index, reply_lang)
    elif result.intent in renderers:
        lines = renderers[result.intent](result, index, reply_lang)
    else:
        lines = render_none(result, reply_lang)
    if result.intent == "statements" and result.question.mentioned_only and not result.question.ambiguous:
        lines.append(words.mentioned_only.format(names=", ".join(result.question.mentioned_only)))
    if result.question.ambiguous:
        lines.insert(0, words.ambiguous.format(names=", ".join(e.name for e in result.question.ambiguous)))
    hidden = result.hidden
    if hidden and chat is not None:
        context.chat(chat).more = more_lines(result.more, index, reply_lang)
        kept = sum(len(g.claims) for g in result.more)
        lines.append(words.more.format(n=hidden, prefix=prefix) if kept == hidden else
                     words.more_capped.format(n=words.number(hidden), k=kept, prefix=prefix))
    elif chat is not None:
        context.chat(chat).more = []
    buttons = [Button(e.name, f"{prefix}who {e.name}") for e in result.choices] if len(result.choices) > 1 else []
    if result.intent == "figures":
        buttons.append(Button(words.chart_button, f"{prefix}chart"))
    return Reply(text="\n".join(lines), lang=reply_lang, intent=result.intent, claims=result.claims,
                 sources=result.sources, buttons=buttons, has_more=bool(hidden))


def run(request: Request, context: Context) -> Reply:
    return reply_to_question(request.text, context, context.chosen_lang(request), chat=request.chat,
                             prefix=request.prefix)


COMMAND = Command(
    names=("frage", "ask"),
    run=lambda request, context: run(replace(request, text=" ".join(request.args), args=[]), context),
)
