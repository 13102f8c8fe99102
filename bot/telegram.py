"""The Telegram front end: python-telegram-bot's Application around the shared handlers.

It only translates: a Telegram message becomes a `Request`, a `Reply` becomes HTML messages
(every piece of source or user text escaped, split under Telegram's 4096-character limit at
line boundaries), buttons become an inline keyboard, a chart becomes a photo.
"""

from __future__ import annotations

import asyncio
import contextlib
import hashlib
import html
import logging
import re
from collections.abc import Awaitable, Callable, Iterable
from typing import Any, TypeVar

import httpx
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
from telegram.error import BadRequest, Forbidden, InvalidToken, NetworkError, RetryAfter, TelegramError
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
from bot.frontend import Frontend, Limits, SendResult, utf16_units
from bot.markup import html_lines
from handlers import COMMANDS, Command, Context, Reply, Request, dispatch
from handlers.texts import LANGS

log = logging.getLogger("briefbot.telegram")

MAX_MESSAGE = 4096
DIGEST_RATE = 29.0  # digests per second: under Telegram's ~30/s overall, with room for answers
TOKEN_RE = re.compile(r"^\d+:[A-Za-z0-9_-]+$")
CALLBACK_LIMIT = 64  # bytes Telegram keeps of a button's data
TRANSPORT = "telegram"
SEND_ATTEMPTS = 3  # a send failing with a server error (5xx) or a refused connection is tried this often

T = TypeVar("T")


def surely_not_sent(exc: TelegramError) -> bool:
    """Whether a failed send is known not to have reached Telegram, so sending again cannot double it.

    A server's error answer (5xx, 429) or a connection that never opened: nothing was sent. A timeout
    waiting for the answer, or a connection lost while it was on its way, may hide a sent message.
    """
    if isinstance(exc, RetryAfter):
        return True
    cause = exc.__cause__
    if cause is None:  # python-telegram-bot raised it for the server's answer (502, 5xx)
        return type(exc) is NetworkError
    return isinstance(cause, (httpx.ConnectError, httpx.ConnectTimeout, httpx.PoolTimeout))


class RedactToken(logging.Filter):
    """Keeps the bot token out of every log line (httpx logs request URLs, PTB puts it in exceptions)."""

    def __init__(self, token: str) -> None:
        super().__init__()
        self.token = token

    def filter(self, record: logging.LogRecord) -> bool:
        if self.token:
            _redact_record(record, {self.token})
        return True


def _redact_record(record: logging.LogRecord, tokens: set[str]) -> None:
    """Replace the tokens in a record's message and in the text of its exception."""

    def redact(text: str) -> str:
        for token in tokens:
            text = text.replace(token, "<token>")
        return text

    try:
        message = record.getMessage()
    except Exception:  # a broken format string: the logging module reports it itself
        message = None
    if message is not None and any(token in message for token in tokens):
        record.msg, record.args = redact(message), ()
    if record.exc_info and record.exc_info[1] is not None:
        if not record.exc_text:
            record.exc_text = logging.Formatter().formatException(record.exc_info)
        if any(token in record.exc_text for token in tokens):
            record.exc_text = redact(record.exc_text)


class _DropInvalidToken(logging.Filter):
    """PTB logs a refused token with a traceback; TelegramFrontend.start reports it in one line instead."""

    def filter(self, record: logging.LogRecord) -> bool:
        return not (record.exc_info and isinstance(record.exc_info[1], InvalidToken))


def check_token(token: str | None) -> str:
    token = (token or "").strip()
    if not token:
        raise ConfigError("BRIEFBOT_TELEGRAM_TOKEN is not set (create a bot with @BotFather to get one)")
    if not TOKEN_RE.match(token):
        raise ConfigError("BRIEFBOT_TELEGRAM_TOKEN is malformed (expected digits, a colon and letters, as @BotFather "
                          "gives it)")
    return token


def to_html(text: str) -> str:
    """Escape everything; headings (lines ending with ':' that are not indented) in bold."""
    return "\n".join(html_lines(text))


#: a tag, an entity, or one character: the pieces an HTML text may be cut between
_ATOM = re.compile(r"<[^<>]*>|&#?\w+;|[\s\S]")
_TAG_NAME = re.compile(r"</?\s*([\w-]+)")


_tg_len = utf16_units


def _closing(open_tags: tuple[str, ...]) -> str:
    names = (match.group(1) for tag in reversed(open_tags) if (match := _TAG_NAME.match(tag)))
    return "".join(f"</{name}>" for name in names)


def split_message(text: str, limit: int = MAX_MESSAGE) -> list[str]:
    """HTML chunks of at most `limit` characters, cut at a paragraph, else a line, else a space.

    Never inside a tag or an entity; tags open at a cut are closed at the end of the chunk and
    reopened at the start of the next one.
    """
    if _tg_len(text) <= limit:
        return [text]
    atoms = _ATOM.findall(text)
    sizes = [_tg_len(atom) for atom in atoms]
    chunks: list[str] = []
    start_tags: tuple[str, ...] = ()  # tags open where the current chunk starts
    i = 0
    while i < len(atoms):
        stack = start_tags
        closing = len(_closing(stack))
        size = sum(_tg_len(t) for t in start_tags)
        cuts: dict[str, tuple[int, tuple[str, ...]]] = {}  # kind of break -> (atom index after it, tags open)
        j = i
        while j < len(atoms):
            atom = atoms[j]
            after, after_closing = stack, closing
            if atom[0] == "<" and len(atom) > 1:
                if atom[1] == "/":
                    after = stack[:-1]
                    after_closing = len(_closing(after))
                else:
                    after = (*stack, atom)
                    after_closing = closing + len(_closing((atom,)))
            if size + sizes[j] + after_closing > limit:
                break
            size += sizes[j]
            stack, closing = after, after_closing
            j += 1
            if atom == "\n":
                cuts["paragraph" if j - 2 >= i and atoms[j - 2] == "\n" else "line"] = (j, stack)
            elif atom == " ":
                cuts["space"] = (j, stack)
        if j == i:  # not even one atom fits next to the tags: drop the tags
            start_tags, stack, j = (), (), i + 1
        cut, open_at_cut, at_line = j, stack, False
        if j < len(atoms):
            for kind in ("paragraph", "line", "space"):
                if kind in cuts and cuts[kind][0] - i > (j - i) // 2:
                    (cut, open_at_cut), at_line = cuts[kind], kind != "space"
                    break
        body = "".join(atoms[i:cut]).rstrip()
        chunk = "".join(start_tags) + body + _closing(open_at_cut)
        if re.sub(r"<[^<>]*>", "", chunk).strip():
            chunks.append(chunk)
        start_tags = open_at_cut
        i = cut
        while i < len(atoms) and atoms[i] in ("\n" if at_line else " \n"):  # keep the next line's indent
            i += 1
    return chunks


def keyboard(reply: Reply) -> InlineKeyboardMarkup | None:
    if not reply.buttons:
        return None
    rows = []
    for button in reply.buttons:
        data = button.data.encode("utf-8")[:CALLBACK_LIMIT].decode("utf-8", "ignore")
        rows.append([InlineKeyboardButton(button.label[:60], callback_data=data)])
    return InlineKeyboardMarkup(rows)


class TelegramFrontend(Frontend):
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

    # ------------------------------------------------------------------ sending

    async def send_digest(self, chat: str, reply: Reply) -> SendResult:
        """One digest to one chat: "sent", "gone" (blocked, deleted), "retry" (known not sent: try again later)
        or "uncertain" (it may have arrived: a timeout, a lost connection, or a later part failing after
        an earlier one went out), which must not be sent again.
        """
        chat_id = int(chat.removeprefix("tg:"))
        chunks = split_message(to_html(reply.text))
        markup = keyboard(reply)
        for n, chunk in enumerate(chunks):
            try:
                await self._deliver(self.app.bot.send_message, chat_id, chunk, parse_mode=ParseMode.HTML,
                                    reply_markup=markup if n == len(chunks) - 1 else None,
                                    disable_web_page_preview=True)
            except Forbidden:
                return "gone"
            except BadRequest as exc:
                if "not found" in str(exc).lower() or "deactivated" in str(exc).lower():
                    return "gone"
                return "retry" if n == 0 else "uncertain"
            except (NetworkError, RetryAfter) as exc:
                if not surely_not_sent(exc):
                    log.warning("digest to %s: %s; it may have arrived, so it is not sent again", chat,
                                exc.message)
                    return "uncertain"
                return "retry" if n == 0 else "uncertain"
        return "sent"

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

    async def send(self, chat: str, reply: Reply, reply_to: str | None = None) -> None:
        """The reply as HTML messages (a photo with a caption for a chart), the buttons under the last one."""
        bot = self.app.bot
        chat_id = int(chat.removeprefix("tg:"))
        reply_to_id = int(reply_to) if reply_to else None
        markup = keyboard(reply)
        if reply.image:
            await self._deliver(bot.send_photo, chat_id, photo=reply.image,
                                caption=html.escape(reply.text[:1000], quote=False), parse_mode=ParseMode.HTML,
                                reply_to_message_id=reply_to_id)
            return
        chunks = split_message(to_html(reply.text))
        for n, chunk in enumerate(chunks):
            last = n == len(chunks) - 1
            await self._deliver(bot.send_message, chat_id, chunk, parse_mode=ParseMode.HTML,
                                reply_markup=markup if last else None,
                                reply_to_message_id=reply_to_id if n == 0 else None,
                                disable_web_page_preview=True)

    @staticmethod
    async def _deliver(method: Callable[..., Awaitable[T]], *args: Any, **kwargs: Any) -> T | None:
        """Call a send method, again after a server error or refused connection (nothing was sent then).

        429s are the rate limiter's business; a timeout is not retried (the message may have arrived).
        """
        for attempt in range(SEND_ATTEMPTS):
            try:
                return await method(*args, **kwargs)
            except NetworkError as exc:
                if type(exc) is not NetworkError or not surely_not_sent(exc) or attempt == SEND_ATTEMPTS - 1:
                    raise
                log.warning("Telegram: %s; trying again", exc)
                await asyncio.sleep(0.5 * 2**attempt)
        return None

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


def webhook_secret(token: str) -> str:
    """The X-Telegram-Bot-Api-Secret-Token for webhooks: derived from the token, revealing nothing of it."""
    return hashlib.sha256(b"briefbot-webhook:" + token.encode()).hexdigest()[:32]


_REDACTED: set[str] = set()


def _scrub(record: logging.LogRecord) -> None:
    if _REDACTED:
        _redact_record(record, _REDACTED)


def install_log_redaction(tokens: Iterable[str]) -> None:
    """Keep these secrets out of every log record, whichever logger or handler, installed now or later.

    Idempotent; the record factory redacts records as they are made, the handler filters catch
    records made some other way (logging.makeLogRecord).
    """
    new = {token for token in tokens if token} - _REDACTED
    if not new:
        return
    if not _REDACTED:
        make_record = logging.getLogRecordFactory()

        def factory(*args, **kwargs) -> logging.LogRecord:
            record = make_record(*args, **kwargs)
            _scrub(record)
            return record

        logging.setLogRecordFactory(factory)
    _REDACTED.update(new)
    for token in new:
        redact = RedactToken(token)
        for handler in logging.getLogger().handlers:
            handler.addFilter(redact)
    logging.getLogger("httpx").setLevel(logging.WARNING)


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
