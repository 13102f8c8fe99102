"""/digest: the daily briefing now — what is new since the last digest, then the figures overview.

A chat's first digest has no "since": it opens with the current state (which documents the
answers come from) rather than "nothing new since –", which would tell a new subscriber nothing.
"""

from __future__ import annotations

from datetime import UTC, datetime

from chats import get_subscription
from handlers.ask import reply_to_question
from handlers.base import Command, Context, Reply, Request
from handlers.replies import cite, clip, figure_attribution, figure_phrase
from handlers.texts import texts
from knowledge.digest import News, news_since

CURRENT_SHOWN = 12


def render_digest(news: News, context: Context, lang: str, day: str, since: str | None) -> Reply:
    index = context.index
    words = texts(lang)
    lines = [words.digest_title.format(day=day)]
    if since is None:
        outlets = list(dict.fromkeys(index.outlet(d) for d in sorted(context.snapshot.sources)))
        docs = ", ".join(outlets[:CURRENT_SHOWN]) + (" …" if len(outlets) > CURRENT_SHOWN else "")
        lines.append(words.current_state.format(n=len(context.snapshot.sources), docs=docs))
    if news.empty:
        if since is not None:
            lines.append(words.nothing_new.format(since=since))
    else:
        if news.documents:
            lines.append(words.new_documents.format(docs=", ".join(index.outlet(d) for d in news.documents)))
        if news.main_claims:
            lines.append(words.main_statements)
            for claim in news.main_claims[:8]:
                lines.append(f"• {claim.speaker}: {clip(claim.text, 200)} {cite(claim, index)}")
        if news.figures:
            lines.append(words.new_figures)
            for claim in news.figures[:8]:
                who = f" – {figure_attribution(claim, lang)}" if claim.speaker else ""
                lines.append(f"• {figure_phrase(claim, lang)}{who} {cite(claim, index)}")
        if news.speakers:
            lines.append(words.newly_quoted.format(names=", ".join(news.speakers[:12])))
    overview = reply_to_question(words.figures_question, context, lang)
    lines.append("")
    lines.append(overview.text)
    claims = [*news.main_claims, *news.figures, *overview.claims]
    return Reply(text="\n".join(lines), lang=lang, intent="digest", claims=claims,
                 sources=list(dict.fromkeys(c.source for c in claims)))


def build_digest(context: Context, covered_version: int, lang: str, day: str, since: str | None) -> tuple[Reply, News]:
    context.refresh()
    news = news_since(context.engine, covered_version)
    return render_digest(news, context, lang, day, since), news


def run(request: Request, context: Context) -> Reply:
    lang = context.reply_lang(request)
    sub = get_subscription(context.engine, request.transport, request.chat) if context.has_database else None
    covered = sub.covered_version if sub else 0
    since = sub.last_sent_day if sub else None
    reply, _ = build_digest(context, covered, sub.lang if sub else lang, datetime.now(UTC).date().isoformat(), since)
    return reply


COMMAND = Command(names=("digest", "briefing"), run=run)
