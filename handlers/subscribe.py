"""/subscribe [HH:MM] [Zone], /unsubscribe and /settings: the daily digest for this chat."""

from __future__ import annotations

import os

from handlers.base import Command, Context, Reply, Request
from knowledge.subscriptions import (
    SubscriptionError,
    get_subscription,
    parse_schedule,
    set_option,
    subscribe,
    unsubscribe,
)

SCHEDULE_ERRORS = {
    "de": {"time": "{given} ist keine Uhrzeit (HH:MM, 00:00–23:59).",
           "zone": "Unbekannte Zeitzone „{given}“ (ein IANA-Name wie Europe/Berlin oder UTC)."},
    "en": {"time": "{given} is not a time of day (HH:MM, 00:00–23:59).",
           "zone": "unknown time zone “{given}” (use an IANA name such as Europe/Berlin or UTC)."},
}


def _lang(request: Request, context: Context) -> str:
    return request.lang or context.chat(request.chat).lang or "de"


def _default_tz(context: Context) -> str:
    return getattr(context.config, "tz", None) or os.environ.get("BRIEFBOT_TZ") or "UTC"


def run_subscribe(request: Request, context: Context) -> Reply:
    lang = _lang(request, context)
    try:
        time_text, tz = parse_schedule(request.args, _default_tz(context))
    except SubscriptionError as exc:
        usage = "Usage: /subscribe [HH:MM] [time zone]" if lang == "en" else "Aufruf: /abonnieren [HH:MM] [Zeitzone]"
        problem = SCHEDULE_ERRORS["en" if lang == "en" else "de"][exc.problem].format(given=exc.given[:60])
        return Reply(text=f"{problem}\n{usage}", lang=lang, intent="subscribe")
    sub = subscribe(context.engine, request.transport, request.chat, request.user, time_text, tz, lang,
                    covered_version=context.snapshot.version)
    text = (f"Subscribed: a digest every day at {sub.time} ({sub.tz}). /unsubscribe ends it." if lang == "en" else
            f"Abonniert: jeden Tag um {sub.time} ({sub.tz}) ein Briefing. /abbestellen beendet es.")
    return Reply(text=text, lang=lang, intent="subscribe")


def run_unsubscribe(request: Request, context: Context) -> Reply:
    lang = _lang(request, context)
    removed = unsubscribe(context.engine, request.transport, request.chat)
    if lang == "en":
        text = "Unsubscribed: no more digests." if removed else "This chat has no subscription."
    else:
        text = "Abbestellt: keine Briefings mehr." if removed else "Dieser Chat hat kein Abonnement."
    return Reply(text=text, lang=lang, intent="unsubscribe")


def run_settings(request: Request, context: Context) -> Reply:
    """/settings shows the subscription; "/settings empty skip|send" chooses what quiet days get."""
    lang = _lang(request, context)
    args = [a.lower() for a in request.args]
    if len(args) >= 2 and args[0] in ("empty", "leer"):
        skip = args[1] in ("skip", "aus", "off", "überspringen", "ueberspringen")
        sub = set_option(context.engine, request.transport, request.chat, skip_empty=skip)
    else:
        sub = get_subscription(context.engine, request.transport, request.chat)
    if sub is None:
        text = ("No subscription. /subscribe [HH:MM] [time zone] starts one." if lang == "en" else
                "Kein Abonnement. /abonnieren [HH:MM] [Zeitzone] richtet eines ein.")
        return Reply(text=text, lang=lang, intent="settings")
    chat_lang = context.chat(request.chat).lang or "auto"
    if lang == "en":
        quiet = "skipped" if sub.skip_empty else "a short 'nothing new' line"
        text = (f"Digest: daily at {sub.time} ({sub.tz}), language {sub.lang}; quiet days: {quiet} "
                f"(/settings empty skip|send). Last digest: {sub.last_sent_day or '–'}. Reply language: {chat_lang}.")
    else:
        quiet = "übersprungen" if sub.skip_empty else "eine kurze „nichts Neues“-Zeile"
        text = (f"Briefing: täglich um {sub.time} ({sub.tz}), Sprache {sub.lang}; ruhige Tage: {quiet} "
                f"(/einstellungen leer aus|an). Letztes Briefing: {sub.last_sent_day or '–'}. "
                f"Antwortsprache: {chat_lang}.")
    return Reply(text=text, lang=lang, intent="settings")


SUBSCRIBE = Command(names=("abonnieren", "subscribe"), help_de="tägliches Briefing abonnieren",
                    help_en="subscribe to the daily digest", run=run_subscribe, args_de="[HH:MM] [Zeitzone]",
                    args_en="[HH:MM] [time zone]")
UNSUBSCRIBE = Command(names=("abbestellen", "unsubscribe"), help_de="Briefing abbestellen",
                      help_en="stop the daily digest", run=run_unsubscribe)
SETTINGS = Command(names=("einstellungen", "settings"), help_de="Einstellungen des Briefings",
                   help_en="digest settings", run=run_settings)
