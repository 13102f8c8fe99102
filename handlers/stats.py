"""/stats (admins): the store at a glance — documents, claims, speakers, version, last reload, subscribers.

It also names the digests that may or may not have arrived (their sender died or timed out while
sending): the bot never sends those again, so an admin is the one who can check.
"""

from __future__ import annotations

from handlers.base import Command, Context, Reply, Request

UNCERTAIN = {"de": "Briefings: {n} unsicher (vielleicht angekommen, nicht erneut gesendet)",
             "en": "Digests: {n} uncertain (may have arrived, not sent again)"}
UNCERTAIN_SHOWN = 5


def run(request: Request, context: Context) -> Reply:
    lang = request.lang or context.chat(request.chat).lang or "de"
    if not request.is_admin:
        if context.has_database:
            from knowledge.subscriptions import audit

            audit(context.engine, request.transport, request.chat, request.user, "stats", False)
        text = "Only admins may see the statistics." if lang == "en" else "Nur Admins sehen die Statistik."
        return Reply(text=text, lang=lang, intent="refused")
    snapshot = context.snapshot
    speakers = {c.entity or c.speaker for c in snapshot.claims if c.speaker}
    figures = sum(1 for c in snapshot.claims if c.kind == "figure")
    subscribers = 0
    uncertain: list[tuple[str, str, str]] = []
    if context.has_database:
        from knowledge.subscriptions import count_subscriptions, uncertain_deliveries

        subscribers = count_subscriptions(context.engine)
        uncertain = uncertain_deliveries(context.engine)
    built = snapshot.built_at.strftime("%Y-%m-%d %H:%M UTC") if snapshot.built_at else "–"
    if lang == "en":
        text = (f"Documents: {len(snapshot.sources)}\nClaims: {len(snapshot.claims)} ({figures} figures)\n"
                f"Speakers: {len(speakers)}\nStore version: {snapshot.version}\nLast reload: {built}\n"
                f"Subscribers: {subscribers}")
    else:
        text = (f"Dokumente: {len(snapshot.sources)}\nAussagen: {len(snapshot.claims)} ({figures} Zahlen)\n"
                f"Sprecher: {len(speakers)}\nStand: Version {snapshot.version}\nZuletzt neu geladen: {built}\n"
                f"Abonnenten: {subscribers}")
    text += "\n" + UNCERTAIN[lang if lang == "en" else "de"].format(n=len(uncertain))
    if uncertain:
        shown = ", ".join(f"{chat} ({day})" for _transport, chat, day in uncertain[:UNCERTAIN_SHOWN])
        text += ": " + shown + (" …" if len(uncertain) > UNCERTAIN_SHOWN else "")
    return Reply(text=text, lang=lang, intent="stats")


COMMAND = Command(names=("statistik", "stats"), help_de="Statistik (Admins)", help_en="statistics (admins)", run=run,
                  admin=True)
