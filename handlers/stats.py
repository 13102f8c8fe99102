"""/stats (admins): the store at a glance — documents, claims, speakers, version, last reload, subscribers.

It also names the digests that may or may not have arrived (their sender died or timed out while
sending): the bot never sends those again, so an admin is the one who can check.
"""

from __future__ import annotations

from chats import audit, count_subscriptions, uncertain_deliveries
from handlers.base import Command, Context, Reply, Request

UNCERTAIN_SHOWN = 5


def run(request: Request, context: Context) -> Reply:
    lang = context.reply_lang(request)
    words = context.texts(request)
    if not request.is_admin:
        if context.has_database:
            audit(context.engine, request.transport, request.chat, request.user, "stats", False)
        return Reply(text=words.stats_refused, lang=lang, intent="refused")
    snapshot = context.snapshot
    subscribers = 0
    uncertain: list[tuple[str, str, str]] = []
    if context.has_database:
        subscribers = count_subscriptions(context.engine)
        uncertain = uncertain_deliveries(context.engine)
    built = snapshot.built_at.strftime("%Y-%m-%d %H:%M UTC") if snapshot.built_at else "–"
    text = words.stats.format(documents=len(snapshot.sources), claims=len(snapshot.claims),
                              figures=sum(1 for c in snapshot.claims if c.kind == "figure"),
                              speakers=len({c.entity or c.speaker for c in snapshot.claims if c.speaker}),
                              version=snapshot.version, built=built, subscribers=subscribers)
    text += "\n" + words.uncertain_digests.format(n=len(uncertain))
    if uncertain:
        shown = ", ".join(f"{chat} ({day})" for _transport, chat, day in uncertain[:UNCERTAIN_SHOWN])
        text += ": " + shown + (" …" if len(uncertain) > UNCERTAIN_SHOWN else "")
    return Reply(text=text, lang=lang, intent="stats")


COMMAND = Command(names=("statistik", "stats"), run=run, admin=True)
