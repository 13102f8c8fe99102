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

from sqlalchemy.engine import Engine

from knowledge.index import KnowledgeIndex
from knowledge.model import Claim
from knowledge.store import Snapshot


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
    transport: str = "console"
    lang: str | None = None  # forced reply language; None: the question's language
    is_admin: bool = False
    args: list[str] = field(default_factory=list)


@dataclass(slots=True)
class Button:
    label: str
    data: str  # the message the button sends when pressed, e.g. "/who Kim Jong Un"

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
    from knowledge.answers import prepare

    index = KnowledgeIndex.build(snapshot)
    prepare(index)
    return index


class Context:
    """The knowledge a handler answers from, plus per-chat state; swapped whole on reload."""

    def __init__(self, snapshot: Snapshot, config: object | None = None) -> None:
        self._lock = threading.Lock()
        self.index = _build_index(snapshot)
        _settle_heap()
        self.config = config
        self.chats: dict[str, ChatState] = {}
        self._engine: Engine | None = None

    @property
    def engine(self) -> Engine:
        """The store's database, for subscriptions, reloads and the audit log."""
        if self._engine is None:
            from knowledge.store import default_db_url, make_engine

            seeds = getattr(self.config, "seeds", None)
            url = getattr(self.config, "db", None) or (default_db_url(seeds) if seeds else None)
            if url is None:
                raise RuntimeError("no database configured")
            self._engine = make_engine(url)
        return self._engine

    @property
    def has_database(self) -> bool:
        return self._engine is not None or getattr(self.config, "seeds", None) is not None

    def refresh(self) -> bool:
        """Switch to a newer store version another process built; True when it switched."""
        from knowledge.store import current_state, load_snapshot

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


Handler = Callable[[Request, Context], Reply]


@dataclass(frozen=True, slots=True)
class Command:
    """A command, declared next to its code so menus and /help are generated from it."""

    names: tuple[str, ...]  # first German, then English aliases
    help_de: str
    help_en: str
    run: Handler
    admin: bool = False
    args_de: str = ""
    args_en: str = ""

    @property
    def name(self) -> str:
        return self.names[0]

    def help(self, lang: str) -> str:
        return self.help_en if lang == "en" else self.help_de
