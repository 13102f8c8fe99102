"""The Telegram front end: python-telegram-bot's Application around the shared handlers.

It only translates: a Telegram message becomes a `Request`, a `Reply` becomes HTML messages
(every piece of source or user text escaped, split under Telegram's 4096-character limit at
line boundaries), buttons become an inline keyboard, a chart becomes a photo.
"""

from __future__ import annotations

import asyncio
import html
import logging
import re
from collections.abc import Iterable

from telegram import (
    BotCommand,
    BotCommandScopeAllPrivateChats,
    BotCommandScopeChat,
    BotCommandScopeDefault,
    InlineKeyboardButton,
    InlineKeyboardMarkup,
    Message,
    Update,
)
from telegram.constants import ChatAction, ChatType, ParseMode
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

from bot.config import Config, ConfigError
from handlers import COMMANDS, Context, Reply, Request, dispatch

log = logging.getLogger("briefbot.telegram")

MAX_MESSAGE = 4096
TOKEN_RE = re.compile(r"^\d+:[A-Za-z0-9_-]+$")
CALLBACK_LIMIT = 64  # bytes Telegram keeps of a button's data
TRANSPORT = "telegram"


class RedactToken(logging.Filter):
    """Keeps the bot token out of every log line (httpx logs request URLs)."""

    def __init__(self, token: str) -> None:
        super().__init__()
        self.token = token

    def filter(self, record: logging.LogRecord) -> bool:
        if self.token and self.token in record.getMessage():
            record.msg = record.getMessage().replace(self.token, "<token>")
            record.args = ()
        return True


def check_token(token: str | None) -> str:
    if not token:
        raise ConfigError("BRIEFBOT_TELEGRAM_TOKEN is not set (create a bot with @BotFather to get one)")
    token = token.strip()
    if not TOKEN_RE.match(token):
        raise ConfigError("BRIEFBOT_TELEGRAM_TOKEN is malformed (expected digits, a colon and letters, as @BotFather "
                          "gives it)")
    return token


def to_html(text: str) -> str:
    """Escape everything; headings (lines ending with ':' that are not indented) in bold."""
    lines = []
    for line in text.split("\n"):
        escaped = html.escape(line, quote=False)
        if line and not line.startswith((" ", "•")) and line.endswith(":") and len(line) < 120:
            escaped = f"<b>{escaped}</b>"
        lines.append(escaped)
    return "\n".join(lines)


def split_message(text: str, limit: int = MAX_MESSAGE) -> list[str]:
    """Chunks under the limit, cut at paragraph or line ends; tags never span lines."""
    if len(text) <= limit:
        return [text]
    chunks: list[str] = []
    current = ""
    for block in text.split("\n"):
        while len(block) > limit:  # a single huge line: cut at a space, outside any tag
            cut = block.rfind(" ", 0, limit - 10)
            cut = cut if cut > limit // 2 else limit - 10
            if current:
                chunks.append(current)
                current = ""
            chunks.append(_close_tags(block[:cut]))
            block = block[cut:].lstrip()
        candidate = f"{current}\n{block}" if current else block
        if len(candidate) > limit:
            chunks.append(current)
            current = block
        else:
            current = candidate
    if current:
        chunks.append(current)
    return [c for c in chunks if c.strip()]


def _close_tags(fragment: str) -> str:
    if fragment.count("<b>") > fragment.count("</b>"):
        return fragment + "</b>"
    return fragment


def keyboard(reply: Reply) -> InlineKeyboardMarkup | None:
    if not reply.buttons:
        return None
    rows = []
    for button in reply.buttons:
        data = button.data.encode("utf-8")[:CALLBACK_LIMIT].decode("utf-8", "ignore")
        rows.append([InlineKeyboardButton(button.label[:60], callback_data=data)])
    return InlineKeyboardMarkup(rows)


class TelegramFrontend:
    """Wires the shared handlers into a python-telegram-bot Application."""

    def __init__(self, config: Config, context: Context) -> None:
        self.config = config
        self.context = context
        self.token = check_token(config.telegram_token)
        self.bot_username: str | None = None

    def build(self) -> Application:
        builder = ApplicationBuilder().token(self.token).rate_limiter(AIORateLimiter(max_retries=3))
        if self.config.telegram_base_url:
            base = self.config.telegram_base_url.rstrip("/")
            builder = builder.base_url(base if base.endswith("/bot") else base + "/bot")
            builder = builder.base_file_url(base.removesuffix("/bot") + "/file/bot")
        builder = builder.post_init(self._post_init).concurrent_updates(True)
        app = builder.build()
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

    # ------------------------------------------------------------------ setup

    async def _post_init(self, app: Application) -> None:
        me = await app.bot.get_me()
        self.bot_username = me.username
        await self.register_commands(app)
        log.info("Telegram bot @%s ready", me.username)

    async def register_commands(self, app: Application) -> None:
        """Command menus in German and English; admin commands only in admins' private chats."""
        for lang in ("de", "en"):
            public = [self._bot_command(c, lang) for c in COMMANDS if not c.admin]
            code = lang if lang == "de" else None
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
    def _bot_command(command, lang: str) -> BotCommand:  # noqa: ANN001 - handlers.base.Command
        name = command.names[1] if lang == "en" and len(command.names) > 1 else command.names[0]
        return BotCommand(name, command.help(lang)[:256])

    # ------------------------------------------------------------------ updates

    def _request(self, message: Message, text: str) -> Request:
        user = message.from_user
        user_id = str(user.id) if user else ""
        lang = None
        return Request(text=text, user=user_id, chat=f"tg:{message.chat_id}", transport=TRANSPORT, lang=lang,
                       is_admin=self.config.is_admin(user_id))

    async def _answer(self, message: Message, text: str) -> None:
        chat = message.chat
        try:
            await chat.send_action(ChatAction.TYPING)
        except TelegramError:
            pass
        request = self._request(message, text)
        reply = await asyncio.to_thread(dispatch, request, self.context)
        if request.text.lstrip("/").split()[:1] in (["reload"], ["neuladen"]) and reply.intent == "refused":
            log.warning("refused /reload from user %s in chat %s", request.user, message.chat_id)
        await self.send(message.get_bot(), message.chat_id, reply, reply_to=message.message_id)

    async def send(self, bot, chat_id: int, reply: Reply, reply_to: int | None = None) -> None:  # noqa: ANN001
        markup = keyboard(reply)
        if reply.image:
            await bot.send_photo(chat_id, photo=reply.image, caption=html.escape(reply.text[:1000], quote=False),
                                 parse_mode=ParseMode.HTML, reply_to_message_id=reply_to)
            return
        chunks = split_message(to_html(reply.text))
        for n, chunk in enumerate(chunks):
            last = n == len(chunks) - 1
            await bot.send_message(chat_id, chunk, parse_mode=ParseMode.HTML,
                                   reply_markup=markup if last else None,
                                   reply_to_message_id=reply_to if n == 0 else None,
                                   disable_web_page_preview=True)

    def _addressed_to_me(self, message: Message) -> str | None:
        """In groups: the text of a mention of the bot or of a reply to it; None otherwise."""
        text = message.text or ""
        if message.chat.type == ChatType.PRIVATE:
            return text
        me = (self.bot_username or "").lower()
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
            if self.bot_username and target.lower() != self.bot_username.lower():
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
        lang = self.context.chat(f"tg:{message.chat_id}").lang or "de"
        text = ("I only read text messages – please type your question." if lang == "en"
                else "Ich lese nur Textnachrichten – bitte tippen Sie Ihre Frage.")
        await message.reply_text(text)

    async def _on_button(self, update: Update, ctx: ContextTypes.DEFAULT_TYPE) -> None:
        query = update.callback_query
        if query is None:
            return
        await query.answer()
        message = query.message
        if not isinstance(message, Message) or not query.data:
            return
        user_id = str(query.from_user.id)
        request = Request(text=query.data, user=user_id, chat=f"tg:{message.chat_id}", transport=TRANSPORT,
                          is_admin=self.config.is_admin(user_id))
        reply = await asyncio.to_thread(dispatch, request, self.context)
        await self.send(query.get_bot(), message.chat_id, reply)

    async def _on_error(self, update: object, ctx: ContextTypes.DEFAULT_TYPE) -> None:
        error = ctx.error
        if isinstance(error, (NetworkError, RetryAfter)) and not isinstance(error, Forbidden):
            log.warning("Telegram: %s", error)
        else:
            log.error("error while handling an update", exc_info=error)
        if isinstance(update, Update) and update.effective_chat:
            try:
                await ctx.bot.send_message(update.effective_chat.id, "Etwas ist schiefgegangen / something went "
                                           "wrong. Bitte noch einmal versuchen / please try again.")
            except TelegramError:
                pass


def build_application(config: Config, context: Context) -> tuple[TelegramFrontend, Application]:
    frontend = TelegramFrontend(config, context)
    return frontend, frontend.build()


def install_log_redaction(tokens: Iterable[str]) -> None:
    for token in tokens:
        if token:
            redact = RedactToken(token)
            for handler in logging.getLogger().handlers:
                handler.addFilter(redact)
            logging.getLogger().addFilter(redact)
    logging.getLogger("httpx").setLevel(logging.WARNING)


def run_telegram(config: Config, context: Context, *, webhook_url: str | None = None,
                 listen: str = "127.0.0.1:8443") -> int:
    frontend, app = build_application(config, context)
    install_log_redaction([frontend.token])
    try:
        if webhook_url:
            host, _, port = listen.rpartition(":")
            app.run_webhook(listen=host or "127.0.0.1", port=int(port or 8443), url_path="telegram",
                            webhook_url=webhook_url.rstrip("/") + "/telegram",
                            secret_token=re.sub(r"[^A-Za-z0-9_-]", "", frontend.token)[-32:])
        else:
            app.run_polling(allowed_updates=Update.ALL_TYPES)
    except InvalidToken:
        raise ConfigError("Telegram refused the token (BRIEFBOT_TELEGRAM_TOKEN): check it with @BotFather") from None
    return 0
