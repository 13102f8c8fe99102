"""The Matrix front end: a matrix-nio client (with end-to-end encryption) around the shared handlers.

Like the Telegram front end it only translates: a room message becomes a `Request`, a
`Reply` becomes an `m.notice` with a plain `body` and an HTML `formatted_body`, sent as a reply
to the question; a chart becomes an `m.image`. Encryption uses matrix-nio's vodozemac backend,
so encrypted rooms and Element's default encrypted direct chats work without libolm.

Exactly once: the ids of answered events persist in the store folder, and the sync token is saved
there only after every message of a sync batch was handled (nio would save it before its callbacks
run, so a stop between the two would lose messages). A restart keeps the device, answers what came
in while it was down, and never answers a message twice. SIGTERM lets the batch in hand finish.

The front end's parts: `bot._matrix_session` (login, saved state, key exchange), `bot._matrix_send`
(replies and digests) and `bot._matrix_text` (body, HTML and size rules); their public names are
importable from here.
"""

from __future__ import annotations

import asyncio
import contextlib
import dataclasses
import logging
import time
from pathlib import Path
from typing import Any

from aiohttp import ClientError
from nio import (  # type: ignore[import-untyped]
    AsyncClient,
    ForwardedRoomKeyEvent,
    InviteMemberEvent,
    JoinError,
    MatrixRoom,
    MegolmEvent,
    RoomKeyEvent,
    RoomMessageText,
    SyncResponse,
)

from bot._matrix_send import MatrixSender
from bot._matrix_session import ANSWERED_KEPT, MAX_CONNECT_DELAY, AnsweredEvents, MatrixSession, exchange_keys
from bot._matrix_text import (
    MAX_BODY,
    _line_size,
    allowed_inviter,
    png_size,
    split_body,
    strip_reply_fallback,
    to_html,
)
from bot.config import Config, ConfigError
from bot.frontend import Frontend, Limits
from bot.matrix_store import private_folder
from handlers import Context, dispatch

log = logging.getLogger("briefbot.matrix")

TRANSPORT = "matrix"
#: how long a stop waits for the batch in hand to be answered before cutting it off
STOP_GRACE = 30.0
#: undecryptable messages kept while their room keys are requested (beyond that, new ones are not kept)
MAX_AWAITING_KEYS = 200


class MatrixFrontend(MatrixSession, MatrixSender, Frontend):
    """Answers in the rooms it is invited to; `run()` is its sync loop, which `start` runs as a task."""

    transport = TRANSPORT
    command_prefix = "!"
    limits = Limits(MAX_BODY, _line_size)

    @staticmethod
    def check(config: Config) -> None:
        if not config.matrix_homeserver or not config.matrix_user:
            raise ConfigError("set BRIEFBOT_MATRIX_HOMESERVER and BRIEFBOT_MATRIX_USER for the Matrix bot")
        if not config.matrix_homeserver.startswith(("http://", "https://")):
            raise ConfigError("BRIEFBOT_MATRIX_HOMESERVER must be a URL such as https://matrix.example.org")
        if not config.matrix_password and not config.matrix_access_token:
            raise ConfigError("set BRIEFBOT_MATRIX_PASSWORD or BRIEFBOT_MATRIX_ACCESS_TOKEN for the Matrix bot")

    def __init__(self, config: Config, context: Context) -> None:
        self.check(config)
        self.config = config
        self.context = context
        self.store = Path(config.matrix_store or "matrix-store")
        private_folder(self.store)
        self.answered = AnsweredEvents(self.store / "answered.json")
        self.client: AsyncClient | None = None
        self.pending: list[tuple[MatrixRoom, RoomMessageText]] = []
        self.started_ms = int(time.time() * 1000)
        self.stopping = asyncio.Event()
        self._first_sync = False
        # messages that arrived before their room key, by megolm session: answered when the key comes
        self.awaiting_keys: dict[str, list[tuple[MatrixRoom, MegolmEvent]]] = {}
        self._task: asyncio.Future[None] | None = None

    async def connect(self) -> AsyncClient | None:
        """Log in (or restore the saved login) with this front end's event callbacks; None when asked to stop
        before the homeserver answered."""
        client = await self._login()
        if client is None:
            return None
        client.add_event_callback(self._on_message, RoomMessageText)
        client.add_event_callback(self._on_invite, InviteMemberEvent)
        client.add_event_callback(self._on_undecryptable, MegolmEvent)
        client.add_to_device_callback(self._on_room_key, (RoomKeyEvent, ForwardedRoomKeyEvent))
        return client

    # ------------------------------------------------------------------ events

    async def _on_invite(self, room: MatrixRoom, event: InviteMemberEvent) -> None:
        assert self.client is not None
        if event.state_key != self.client.user_id or event.membership != "invite":
            return
        if not allowed_inviter(event.sender, self.config.matrix_allow):
            log.info("ignoring invite to %s from %s (not allowed)", room.room_id, event.sender)
            return
        for attempt in range(5):
            result = await self.client.join(room.room_id)
            if not isinstance(result, JoinError):
                log.info("joined %s on invitation by %s", room.room_id, event.sender)
                return
            await asyncio.sleep(min(2 ** attempt, 10))
        log.warning("could not join %s", room.room_id)

    async def _on_message(self, room: MatrixRoom, event: RoomMessageText) -> None:
        self.pending.append((room, event))

    async def _on_undecryptable(self, room: MatrixRoom, event: MegolmEvent) -> None:
        if self._first_sync:
            return  # history from before this device existed: never answered, so no keys are asked for
        log.warning("cannot decrypt event %s in %s yet; requesting the room key", event.event_id, room.room_id)
        waiting = self.awaiting_keys.setdefault(event.session_id, [])
        if sum(len(events) for events in self.awaiting_keys.values()) < MAX_AWAITING_KEYS:
            waiting.append((room, event))
        if self.client is not None:
            try:
                await self.client.request_room_key(event)
            except Exception as exc:  # a key request that cannot be sent must not stop the bot
                log.debug("room key request failed: %s", exc)

    async def _on_room_key(self, event: RoomKeyEvent | ForwardedRoomKeyEvent) -> None:
        """A room key that came late: the messages it unlocks are questions like any other."""
        waiting = self.awaiting_keys.pop(event.session_id, [])
        if not waiting:
            return
        assert self.client is not None
        for room, encrypted in waiting:
            try:
                decrypted = self.client.decrypt_event(encrypted)
            except Exception as exc:  # a key for a later part of the session: this one stays unreadable
                log.warning("room key for %s arrived but does not decrypt it: %s", encrypted.event_id, exc)
                continue
            if isinstance(decrypted, RoomMessageText):
                log.info("decrypted %s in %s after its room key arrived", encrypted.event_id, room.room_id)
                self.pending.append((room, decrypted))

    def question_in(self, room: MatrixRoom, event: RoomMessageText) -> str | None:
        """The question text if the bot is addressed: every message in a direct chat, else !commands and mentions."""
        assert self.client is not None
        content = event.source.get("content", {})
        relates = content.get("m.relates_to") or {}
        if relates.get("rel_type") == "m.replace":
            return None  # an edit of an earlier message, which was answered (or not) already
        body = (event.body or "").strip()
        if relates.get("m.in_reply_to"):
            body = strip_reply_fallback(body)
        if not body:
            return None
        if body.startswith("!"):
            return body
        if room.member_count <= 2:
            return body
        me = self.client.user_id or ""
        names = {me, me.split(":")[0].lstrip("@")}
        display = room.user_name(me) if me else None
        if display:
            names.add(display)
        mentioned = me in (content.get("m.mentions", {}) or {}).get("user_ids", [])
        lowered = body.lower()
        hit = next((n for n in names if n and n.lower() in lowered), None)
        if not (mentioned or hit):
            return None
        text = body
        for name in sorted(names, key=len, reverse=True):
            if name:
                idx = text.lower().find(name.lower())
                if idx >= 0:
                    text = (text[:idx] + text[idx + len(name):]).strip(" :,")
        return text or body

    async def handle(self, room: MatrixRoom, event: RoomMessageText) -> None:
        assert self.client is not None
        if event.sender == self.client.user_id or event.event_id in self.answered:
            return
        if event.server_timestamp and event.server_timestamp < self.started_ms - 1000 and self._first_sync:
            return  # history from before the bot's first start
        text = self.question_in(room, event)
        if text is None:
            return
        sender = event.sender
        request = self.request(text, user=sender, chat=f"mx:{room.room_id}", is_admin=self.config.is_admin(sender))
        await self.client.room_typing(room.room_id, True, timeout=10_000)
        try:
            reply = await asyncio.to_thread(dispatch, request, self.context)
            if reply.intent == "refused":
                log.warning("refused %r from %s in %s", text[:40], sender, room.room_id)
            await self._send_to_room(room, reply, reply_to=event.event_id)
        finally:
            await self.client.room_typing(room.room_id, False)
        self.answered.add(event.event_id)

    # ------------------------------------------------------------------ loop

    async def start(self, stop: asyncio.Event) -> bool:
        """The sync loop as a task: it waits for the homeserver itself, until `stop()` asks it to end."""
        self._task = asyncio.ensure_future(self.run())
        return True

    async def stop(self) -> None:
        """The batch in hand is answered (at most STOP_GRACE seconds), then the client is closed."""
        if self._task is None:
            await self.close()
            return
        try:
            await stop_frontend(self, self._task, grace=STOP_GRACE)
        finally:
            if not self._task.done():  # cut off by a second signal
                self._task.cancel()
                log.warning("the Matrix bot was cut off before it finished its batch")
            await self.close()

    async def run(self) -> None:
        client = await self.connect()
        if client is None:
            log.info("stopped before the Matrix homeserver was reachable")
            return
        await self._sync_loop(client)

    async def _sync_loop(self, client: AsyncClient) -> None:
        token = self._load_sync_token(client)
        self._first_sync = token is None
        backoff = 1.0
        first = True
        while not self.stopping.is_set():
            try:
                response = await self._sync(client, since=token if first else None, timeout=0 if first else 30_000,
                                            full_state=first or None)
            except (TimeoutError, OSError, ClientError) as exc:
                log.warning("sync failed (%s); retrying in %.0f s", exc, backoff)
                await self._sleep(backoff)
                backoff = min(backoff * 2, 60)
                continue
            if response is None:  # stopping: the long poll was cut, nothing of it was handled
                break
            if not isinstance(response, SyncResponse):
                self.pending.clear()
                retry = getattr(response, "retry_after_ms", None)
                wait = retry / 1000 if retry else backoff
                log.warning("sync error %s; retrying in %.0f s", getattr(response, "message", response), wait)
                await self._sleep(wait)
                backoff = min(backoff * 2, 60)
                continue
            backoff = 1.0
            if first:  # from now on nio retries a lost connection itself, as it always did
                client.config = dataclasses.replace(client.config, max_timeouts=None)
            await self._keys(client)
            batch, self.pending = self.pending, []
            for room, event in batch:
                if first and self._first_sync:
                    self.answered.add(event.event_id)  # history from before the first start: never answered
                    continue
                try:
                    await self.handle(room, event)
                except Exception:  # one bad message must not stop the bot
                    log.exception("error while answering %s", event.event_id)
            self._save_sync_token(response.next_batch)
            first = False
            self._first_sync = False
        log.info("Matrix bot stopped")

    async def _sync(self, client: AsyncClient, **kwargs: Any) -> Any:
        """One sync, cut short (returning None) when the bot is asked to stop; the events it brought are
        then dropped, so the next start fetches them again."""
        response = await self._unless_stopping(client.sync(**kwargs))
        if response is None:
            self.pending.clear()
        return response

    def request_stop(self) -> None:
        """Ask run() to finish the batch in hand and return."""
        log.info("stopping the Matrix bot")
        self.stopping.set()


async def stop_frontend(frontend: MatrixFrontend, task: asyncio.Future, grace: float = 60.0) -> None:
    """Graceful stop: the batch in hand is answered; after `grace` seconds the task is cancelled."""
    frontend.request_stop()
    try:
        await asyncio.wait_for(asyncio.shield(task), grace)
    except TimeoutError:
        log.warning("the Matrix bot did not stop within %.0f s; cancelling it", grace)
        task.cancel()
    with contextlib.suppress(asyncio.CancelledError, Exception):
        await task
    await frontend.close()


__all__ = [
    "ANSWERED_KEPT",
    "MAX_AWAITING_KEYS",
    "MAX_BODY",
    "MAX_CONNECT_DELAY",
    "STOP_GRACE",
    "TRANSPORT",
    "AnsweredEvents",
    "MatrixFrontend",
    "allowed_inviter",
    "exchange_keys",
    "png_size",
    "split_body",
    "stop_frontend",
    "strip_reply_fallback",
    "to_html",
]
