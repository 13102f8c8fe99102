"""The Telegram front end: python-telegram-bot's Application around the shared handlers.

It only translates: a Telegram message becomes a `Request`, a `Reply` becomes HTML messages
(every piece of source or user text escaped, split under Telegram's 4096-character limit at
line boundaries), buttons become an inline keyboard, a chart becomes a photo.

The front end's parts: `bot._telegram_html` (rendering and cutting), `bot._telegram_send` (replies
and digests) and `bot._telegram_token` (the token and its redaction); their public names are
importable from here.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import re

from telegram import (
    BotCommand,
    BotCommandScopeAllPrivateChats,
    BotCommandScopeChat,
    BotCommandScopeDefault,
    Message,
    Update,
)
from telegram.constants import ChatAction, ChatType
from telegram.error import Forbidden, InvalidToken, NetworkError, RetryAfter, TelegramError
from telegram.ext import (
    AIORateLimiter,
    Application,
    ApplicationBuilder,
    CallbackQueryHandler,
    CommandHandler,
    ContextTypes,
    MessageHandler,
    filters,
)

from bot._telegram_html import CALLBACK_LIMIT, MAX_MESSAGE, keyboard, split_message, to_html
from bot._telegram_send import SEND_ATTEMPTS, TelegramSender, surely_not_sent
from bot._telegram_token import (
    TOKEN_RE,
    RedactToken,
    _DropInvalidToken,
    check_token,
    install_log_redaction,
    webhook_secret,
)
from bot.config import Config, ConfigError
from bot.frontend import Frontend, Limits, utf16_units
from handlers import COMMANDS, Command, Context, Request, dispatch
from handlers.texts import LANGS

log = logging.getLogger("briefbot.telegram")

DIGEST_RATE = 29.0  # digests per second: under Telegram's ~30/s overall, with room for answers
TRANSPORT = "telegram"


class TelegramFrontend(TelegramSender, Frontend):
    """Wires the shared handlers into a python-telegram-bot Application: long polling, or a webhook
    when `webhook_url` is given (served at `listen`)."""

    transport = TRANSPORT
    command_prefix = "/"
    limits = Limits(MAX_MESSAGE, utf16_units)
    digest_rate = DIGEST_RATE

    def __init__(self, config: Config, context: Context, *, webhook_url: str | None = None,
                 listen: str = "127.0.0.1:8443", poll_interval: float = 0.0, poll_timeout: int = 10) -> None:
        self.config = config
        self.context = context
        self.token = check_token(config.telegram_token)
        install_log_redaction([self.token])  # before the Bot logs its URLs
        self.bot_username: str | None = None
        self.webhook_url = webhook_url
        self.listen = listen
        self.poll_interval = poll_interval
        self.poll_timeout = poll_timeout
        self.app = self.build()
        self._running = False

    def build(self) -> Application:
        builder = ApplicationBuilder().token(self.token).rate_limiter(AIORateLimiter(max_retries=3))
        if self.config.telegram_base_url:
            base = self.config.telegram_base_url.rstrip("/")
            builder = builder.base_url(base if base.endswith("/bot") else base + "/bot")
            builder = builder.base_file_url(base.removesuffix("/bot") + "/file/bot")
        app = builder.concurrent_updates(True).build()
        for command in COMMANDS:
            app.add_handler(CommandHandler(list(command.names), self._on_command,
                                           filters=filters.UpdateType.MESSAGE))
        app.add_handler(MessageHandler(filters.UpdateType.MESSAGE & filters.COMMAND, self._on_command))
        app.add_handler(MessageHandler(filters.UpdateType.MESSAGE & filters.TEXT & ~filters.COMMAND, self._on_text))
        app.add_handler(MessageHandler(filters.UpdateType.MESSAGE & ~filters.TEXT & ~filters.StatusUpdate.ALL,
                                       self._on_other))
        app.add_handler(CallbackQueryHandler(self._on_button))
        app.add_error_handler(self._on_error)
        return app

    # ------------------------------------------------------------------ start and stop

    async def start(self, stop: asyncio.Event) -> bool:
        """getMe until the Bot API answers, the command menus, then polling (or the webhook)."""
        app = self.app
        quiet = _DropInvalidToken()
        logging.getLogger("telegram.ext").addFilter(quiet)
        try:
            if not await _initialize_until_reachable(app, stop):
                log.info("stopped before the Telegram Bot API was reachable")
                return False
            await self._ready()
            # after getMe, deleteWebhook/setWebhook are retried by python-telegram-bot itself
            assert app.updater is not None  # build() always makes one
            if self.webhook_url:
                host, _, port = self.listen.rpartition(":")
                url = self.webhook_url.rstrip("/") + "/telegram"
                await app.updater.start_webhook(listen=host or "127.0.0.1", port=int(port or 8443), url_path="telegram",
                                                webhook_url=url, secret_token=webhook_secret(self.token),
                                                bootstrap_retries=-1, allowed_updates=Update.ALL_TYPES)
            else:
                await app.updater.start_polling(poll_interval=self.poll_interval, timeout=self.poll_timeout,
                                                bootstrap_retries=-1, allowed_updates=Update.ALL_TYPES)
            await app.start()
            self._running = True
        except InvalidToken:
            raise ConfigError("Telegram refused the token (BRIEFBOT_TELEGRAM_TOKEN): check it with @BotFather"
                              ) from None
        finally:
            logging.getLogger("telegram.ext").removeFilter(quiet)
        return True

    async def _ready(self) -> None:
        self.bot_username = self.app.bot.username  # initialize() fetched it with getMe
        try:
            await self.register_commands(self.app)
        except TelegramError as exc:  # the menus are a convenience: answer questions anyway
            log.warning("command menus not registered: %s", exc)
        log.info("Telegram bot @%s ready", self.bot_username)

    async def stop(self) -> None:
        """No more updates fetched; the updates in hand are answered; the connection pool closed."""
        app = self.app
        if app.updater is not None and app.updater.running:
            await app.updater.stop()
        if app.running:
            await app.stop()
        await app.shutdown()
        self._running = False

    # ------------------------------------------------------------------ command menus

    async def register_commands(self, app: Application) -> None:
        """Command menus in German and English; admin commands only in admins' private chats."""
        for lang in LANGS:
            public = [self._bot_command(c, lang) for c in COMMANDS if not c.admin]
            code = None if lang == "en" else lang  # the English menu is every other client language's too
            await app.bot.set_my_commands(public, scope=BotCommandScopeDefault(), language_code=code)
            await app.bot.set_my_commands(public, scope=BotCommandScopeAllPrivateChats(), language_code=code)
            for admin in sorted(self.config.admins):
                if admin.lstrip("-").isdigit():
                    everything = [self._bot_command(c, lang) for c in COMMANDS]
                    try:
                        await app.bot.set_my_commands(everything, scope=BotCommandScopeChat(int(admin)),
                                                      language_code=code)
                    except TelegramError as exc:  # the admin never talked to the bot yet
                        log.info("admin menu for %s not set: %s", admin, exc)

    @staticmethod
    def _bot_command(command: Command, lang: str) -> BotCommand:
        return BotCommand(command.name_in(lang), command.help(lang, TelegramFrontend.command_prefix)[:256])

    # ------------------------------------------------------------------ updates

    def _request(self, message: Message, text: str) -> Request:
        user = message.from_user
        user_id = str(user.id) if user else ""
        return self.request(text, user=user_id, chat=f"tg:{message.chat_id}", is_admin=self.config.is_admin(user_id))

    async def _answer(self, message: Message, text: str) -> None:
        chat = message.chat
        with contextlib.suppress(TelegramError):
            await chat.send_action(ChatAction.TYPING)
        request = self._request(message, text)
        reply = await asyncio.to_thread(dispatch, request, self.context)
        if request.text.lstrip("/").split()[:1] in (["reload"], ["neuladen"]) and reply.intent == "refused":
            log.warning("refused /reload from user %s in chat %s", request.user, message.chat_id)
        await self.send(request.chat, reply, reply_to=str(message.message_id))

    def _addressed_to_me(self, message: Message) -> str | None:
        """In groups: the text of a mention of the bot or of a reply to it; None otherwise."""
        text = message.text or ""
        if message.chat.type == ChatType.PRIVATE:
            return text
        me = (self.bot_username or message.get_bot().username or "").lower()
        if message.reply_to_message and message.reply_to_message.from_user and \
                message.reply_to_message.from_user.username and \
                message.reply_to_message.from_user.username.lower() == me:
            return text
        if me and f"@{me}" in text.lower():
            return re.sub(rf"@{re.escape(me)}\b", "", text, flags=re.I).strip()
        return None

    async def _on_command(self, update: Update, ctx: ContextTypes.DEFAULT_TYPE) -> None:
        message = update.effective_message
        if message is None or not message.text:
            return
        text = message.text
        head, _, rest = text.partition(" ")
        if "@" in head:
            name, _, target = head.partition("@")
            me = self.bot_username or message.get_bot().username
            if me and target.lower() != me.lower():
                return  # a command for another bot in the group
            text = f"{name} {rest}".strip()
        await self._answer(message, text)

    async def _on_text(self, update: Update, ctx: ContextTypes.DEFAULT_TYPE) -> None:
        message = update.effective_message
        if message is None:
            return
        text = self._addressed_to_me(message)
        if text is None:
            return
        await self._answer(message, text)

    async def _on_other(self, update: Update, ctx: ContextTypes.DEFAULT_TYPE) -> None:
        message = update.effective_message
        if message is None or message.chat.type != ChatType.PRIVATE:
            return
        request = self._request(message, "")
        await message.reply_text(self.context.texts(request).text_only)

    async def _on_button(self, update: Update, ctx: ContextTypes.DEFAULT_TYPE) -> None:
        query = update.callback_query
        if query is None:
            return
        try:
            await query.answer()
        except TelegramError as exc:  # too old (the bot was down) or a hiccup: the answer matters more
            log.info("callback query not answered: %s", exc)
        message = query.message
        if not isinstance(message, Message) or not query.data:
            return
        user_id = str(query.from_user.id)
        request = self.request(query.data, user=user_id, chat=f"tg:{message.chat_id}",
                               is_admin=self.config.is_admin(user_id))
        reply = await asyncio.to_thread(dispatch, request, self.context)
        await self.send(request.chat, reply)

    async def _on_error(self, update: object, ctx: ContextTypes.DEFAULT_TYPE) -> None:
        error = ctx.error
        if isinstance(error, (NetworkError, RetryAfter)) and not isinstance(error, Forbidden):
            log.warning("Telegram: %s", error)
        else:
            log.error("error while handling an update", exc_info=error)
        if isinstance(update, Update) and update.effective_chat:
            with contextlib.suppress(TelegramError):
                request = self.request("", user="", chat=f"tg:{update.effective_chat.id}", is_admin=False)
                await ctx.bot.send_message(update.effective_chat.id, self.context.texts(request).went_wrong)


#: Longest wait between two attempts to reach the Bot API at start.
MAX_CONNECT_DELAY = 60.0


async def _initialize_until_reachable(app: Application, stop: asyncio.Event) -> bool:
    """`app.initialize()` (getMe) until the Bot API answers, backing off; False when asked to stop first.

    A network outage at start is a wait, not an exit: one log line per attempt and no traceback.
    A refused token still ends the start (InvalidToken), since waiting cannot fix it.
    """
    delay, attempt = 1.0, 1
    while True:
        try:
            await app.initialize()
            return True
        except (NetworkError, RetryAfter) as exc:  # NetworkError includes TimedOut and 5xx answers
            log.warning("Telegram Bot API not reachable (attempt %d: %s); retrying in %.0f s", attempt,
                        exc.message if isinstance(exc, TelegramError) else exc, delay)
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(stop.wait(), timeout=delay)
            return False
        delay, attempt = min(delay * 2, MAX_CONNECT_DELAY), attempt + 1


__all__ = [
    "CALLBACK_LIMIT",
    "DIGEST_RATE",
    "MAX_CONNECT_DELAY",
    "MAX_MESSAGE",
    "SEND_ATTEMPTS",
    "TOKEN_RE",
    "TRANSPORT",
    "RedactToken",
    "TelegramFrontend",
    "check_token",
    "install_log_redaction",
    "keyboard",
    "split_message",
    "surely_not_sent",
    "to_html",
    "webhook_secret",
]
