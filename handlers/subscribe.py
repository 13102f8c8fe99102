"""/subscribe [HH:MM] [Zone], /unsubscribe and /settings: the daily digest for this chat."""

from __future__ import annotations

from chats import SubscriptionError, get_subscription, parse_schedule, set_option, subscribe, unsubscribe
from handlers.base import Command, Context, Reply, Request

QUIET_SKIP = ("skip", "aus", "off", "überspringen", "ueberspringen")


def _default_tz(context: Context) -> str:
    return context.config.tz if context.config is not None and context.config.tz else "UTC"


def run_subscribe(request: Request, context: Context) -> Reply:
    lang = context.reply_lang(request)
    words = context.texts(request)
    try:
        time_text, tz = parse_schedule(request.args, _default_tz(context))
    except SubscriptionError as exc:
        problem = (words.bad_time if exc.problem == "time" else words.bad_zone).format(given=exc.given[:60])
        usage = words.subscribe_usage.format(prefix=request.prefix)
        return Reply(text=f"{problem}\n{usage}", lang=lang, intent="subscribe")
    sub = subscribe(context.engine, request.transport, request.chat, request.user, time_text, tz, lang,
                    covered_version=context.snapshot.version)
    text = words.subscribed.format(time=sub.time, tz=sub.tz, prefix=request.prefix)
    return Reply(text=text, lang=lang, intent="subscribe")


def run_unsubscribe(request: Request, context: Context) -> Reply:
    words = context.texts(request)
    removed = unsubscribe(context.engine, request.transport, request.chat)
    text = words.unsubscribed if removed else words.no_subscription_to_end
    return Reply(text=text, lang=context.reply_lang(request), intent="unsubscribe")


def run_settings(request: Request, context: Context) -> Reply:
    """/settings shows the subscription; "/settings empty skip|send" chooses what quiet days get."""
    lang = context.reply_lang(request)
    words = context.texts(request)
    args = [a.lower() for a in request.args]
    if len(args) >= 2 and args[0] in ("empty", "leer"):
        sub = set_option(context.engine, request.transport, request.chat, skip_empty=args[1] in QUIET_SKIP)
    else:
        sub = get_subscription(context.engine, request.transport, request.chat)
    if sub is None:
        return Reply(text=words.no_subscription.format(prefix=request.prefix), lang=lang, intent="settings")
    text = words.settings.format(time=sub.time, tz=sub.tz, lang=sub.lang, prefix=request.prefix,
                                 quiet=words.quiet_skipped if sub.skip_empty else words.quiet_line,
                                 last=sub.last_sent_day or "–", chat_lang=context.chat(request.chat).lang or "auto")
    return Reply(text=text, lang=lang, intent="settings")


SUBSCRIBE = Command(names=("abonnieren", "subscribe"), run=run_subscribe)
UNSUBSCRIBE = Command(names=("abbestellen", "unsubscribe"), run=run_unsubscribe)
SETTINGS = Command(names=("einstellungen", "settings"), run=run_settings)
