"""The bot token: checked before it is used, kept out of every log line, and the webhook secret
derived from it. A token in a log is a takeover of the bot, so this applies process-wide.
"""

from __future__ import annotations

import hashlib
import logging
import re
from collections.abc import Iterable

from telegram.error import InvalidToken

from bot.config import ConfigError

TOKEN_RE = re.compile(r"^\d+:[A-Za-z0-9_-]+$")


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
