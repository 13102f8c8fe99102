"""What every front end hands to a handler and gets back: neutral requests and replies.

A front end (console, Telegram, Matrix) turns its message into a `Request`, calls
`dispatch`, and renders the `Reply` in its own markup. Handlers never know which messenger
a message came from.
"""

from __future__ import annotations

import gc
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Protocol

from sqlalchemy.engine import Engine

from chats import open_database
from handlers.texts import LANGS, Texts, reply_language, texts
from knowledge.answers import prepare
from knowledge.index import KnowledgeIndex
from knowledge.model import Claim
from knowledge.store import Snapshot, current_state, default_db_url, load_snapshot


def sendable(text: str) -> str:
    """`text` with lone surrogates replaced by U+FFFD: any Python string may arrive (a broken client,
    a pipe), but only real Unicode can be measured, encoded and sent by a messenger."""
    try:
        text.encode("utf-8")
        return text
    except UnicodeEncodeError:
        return text.encode("utf-16", "surrogatepass").decode("utf-16", "replace")


@dataclass(slots=True)
class Request:
    text: str
    user: str = "console"
    chat: str = "console"
    transport: str = "console"  # where chat state is kept (subscriptions, audit log), never how to word a reply
    lang: str | None = None  # forced reply language; None: the question's language
    is_admin: bool = False
    args: list[str] = field(default_factory=list)
    prefix: str = "/"  # what starts a command in the user's messenger, for the commands a reply names


class Settings(Protocol):
    """What the handlers need of the configuration (`bot.config.Config` provides it)."""

    @property
    def seeds(self) -> Path: ...

    @property
    def db(self) -> str | None: ...

    @property
    def tz(self) -> str: ...

    @property
    def max_document_bytes(self) -> int: ...


@dataclass(slots=True)
class Button:
    label: str
    data: str  # the message the button sends when pressed, e.g. "/who Anna Berg"

    def __post_init__(self) -> None:
        self.label, self.data = sendable(self.label), sendable(self.data)


@dataclass(slots=True)
class Reply:
    text: str
    lang: str = "de"
    intent: str = "none"
    claims: list[Claim] = field(default_factory=list)
    sources: list[str] = field(default_factory=list)
    buttons: list[Button] = field(default_factory=list)
    image: bytes | None = None
    image_name: str = "chart.png"
    has_more: bool = False

    def __post_init__(self) -> None:
        self.text = sendable(self.text)


@dataclass(slots=True)
class ChatState:
    lang: str | None = None
    more: list[str] = field(default_factory=list)  # pages not shown yet


def _settle_heap() -> None:
    """Move the freshly built index out of the garbage collector's way.

    The index holds millions of small objects; a full collection walking them would stall an
    answer for a hundred milliseconds. Frozen objects are never scanned (and an old index becomes
    collectable again at the next reload, which unfreezes first).
    """
    gc.unfreeze()
    gc.collect()
    gc.freeze()


def _build_index(snapshot: Snapshot) -> KnowledgeIndex:
    """The index, with the answers every asker shares computed before the first question."""
    index = KnowledgeIndex.build(snapshot)
    prepare(index)
    return index


class Context:
    """The knowledge a handler answers from, plus per-chat state; swapped whole on reload."""

    def __init__(self, snapshot: Snapshot, config: Settings | None = None) -> None:
        self._lock = threading.Lock()
        self.index = _build_index(snapshot)
        _settle_heap()
        self.config = config
        self.chats: dict[str, ChatState] = {}
        self._engine: Engine | None = None
        self._engine_lock = threading.Lock()

    @property
    def engine(self) -> Engine:
        """The store's database, for subscriptions, reloads and the audit log."""
        with self._engine_lock:  # handlers run in threads: the first ones must not create the tables twice
            if self._engine is None:
                if self.config is None:
                    raise RuntimeError("no database configured")
                self._engine = open_database(self.config.db or default_db_url(self.config.seeds))
            return self._engine

    @property
    def has_database(self) -> bool:
        return self._engine is not None or self.config is not None

    def refresh(self) -> bool:
        """Switch to a newer store version another process built; True when it switched."""
        version, _ = current_state(self.engine)
        if version == self.snapshot.version:
            return False
        self.replace(load_snapshot(self.engine))
        return True

    @property
    def snapshot(self) -> Snapshot:
        return self.index.snapshot

    def replace(self, snapshot: Snapshot) -> None:
        index = _build_index(snapshot)
        with self._lock:
            self.index = index
        _settle_heap()

    def chat(self, chat_id: str) -> ChatState:
        return self.chats.setdefault(chat_id, ChatState())

    def chosen_lang(self, request: Request) -> str | None:
        """The language the asker chose: the one the request forces, else the chat's (/lang); None: none."""
        return request.lang or self.chat(request.chat).lang

    def reply_lang(self, request: Request, question_lang: str | None = None) -> str:
        """The language of the reply (`handlers.texts.reply_language`: chosen, else the question's, else German)."""
        return reply_language(self.chosen_lang(request), question_lang)

    def texts(self, request: Request) -> Texts:
        """The catalogue of the reply language."""
        return texts(self.reply_lang(request))


Handler = Callable[[Request, Context], Reply]


@dataclass(frozen=True, slots=True)
class Command:
    """A command, declared next to its code so menus and /help are generated from it; what /help says
    of it stands in the catalogue under its first name (`Texts.command_help`, `Texts.command_args`)."""

    names: tuple[str, ...]  # first German, then English aliases
    run: Handler
    admin: bool = False

    @property
    def name(self) -> str:
        return self.names[0]

    def help(self, lang: str, prefix: str = "/") -> str:
        return texts(lang).command_help[self.name].format(prefix=prefix)

    def name_in(self, lang: str) -> str:
        """The name shown to users of `lang` (menus, /help); every name in `names` works in any language."""
        return self.names[min(LANGS.index(reply_language(lang)), len(self.names) - 1)]

    def args(self, lang: str) -> str:
        return texts(lang).command_args.get(self.name, "")
