"""The Matrix front end: a matrix-nio client (with end-to-end encryption) around the shared handlers.

Like the Telegram front end it only translates: a room message becomes a `Request`, a
`Reply` becomes an `m.notice` with a plain `body` and an HTML `formatted_body`, sent as a reply
to the question; a chart becomes an `m.image`. Encryption uses matrix-nio's vodozemac backend,
so encrypted rooms and Element's default encrypted direct chats work without libolm.

Exactly once: the ids of answered events persist in the store folder, and the sync token is saved
there only after every message of a sync batch was handled (nio would save it before its callbacks
run, so a stop between the two would lose messages). A restart keeps the device, answers what came
in while it was down, and never answers a message twice. SIGTERM lets the batch in hand finish.
"""

from __future__ import annotations

import asyncio
import contextlib
import dataclasses
import io
import json
import logging
import struct
import time
from collections import deque
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any, TypeVar

from aiohttp import ClientConnectorError, ClientError
from nio import (  # type: ignore[import-untyped]
    AsyncClient,
    AsyncClientConfig,
    ForwardedRoomKeyEvent,
    InviteMemberEvent,
    JoinError,
    LoginResponse,
    MatrixRoom,
    MegolmEvent,
    RoomKeyEvent,
    RoomMessageText,
    RoomSendError,
    RoomSendResponse,
    SyncResponse,
    UploadResponse,
)
from nio.exceptions import OlmUnverifiedDeviceError  # type: ignore[import-untyped]

from bot.config import Config, ConfigError
from bot.frontend import Frontend, Limits, SendResult
from bot.markup import html_lines
from bot.matrix_store import PrivateStore, pickle_key, private_folder, write_private
from handlers import Context, Reply, dispatch

log = logging.getLogger("briefbot.matrix")

TRANSPORT = "matrix"
# Bytes of a message's body plus its HTML copy. Matrix refuses events over 64 KiB, and in an encrypted
# room the JSON is encrypted and base64-encoded (+33 %): 24 kB of text stays well under that.
MAX_BODY = 24_000
ANSWERED_KEPT = 2000
#: longest wait between two attempts to reach the homeserver at start
MAX_CONNECT_DELAY = 60.0
#: how long a stop waits for the batch in hand to be answered before cutting it off
STOP_GRACE = 30.0

T = TypeVar("T")


def to_html(text: str) -> str:
    return "<br>".join(html_lines(text))


def _line_size(line: str) -> int:
    """Bytes a message takes: its plain body plus its HTML copy."""
    return len(line.encode("utf-8")) + len(to_html(line).encode("utf-8"))


def _cut(line: str, limit: int) -> int:
    """Where to cut an overlong line: as many characters as fit, at a space where one is near."""
    low, high = 1, len(line)
    while low < high:
        mid = (low + high + 1) // 2
        if _line_size(line[:mid]) <= limit:
            low = mid
        else:
            high = mid - 1
    space = line.rfind(" ", 0, low)
    return space + 1 if space > low * 3 // 4 else low


def split_body(text: str, limit: int = MAX_BODY) -> list[str]:
    """Messages of at most `limit` bytes of body plus HTML copy, split between lines where possible."""
    if _line_size(text) <= limit:
        return [text]
    lines: list[str] = []
    for line in text.split("\n"):
        while _line_size(line) > limit:  # one line too long for a message: cut it, losing nothing
            cut = _cut(line, limit)
            lines.append(line[:cut])
            line = line[cut:]
        lines.append(line)
    chunks: list[str] = []
    current: list[str] = []
    size = 0
    for line in lines:
        line_size = _line_size(line) + 5  # the newline and the <br> that join it to the one before
        if current and size + line_size > limit:
            chunks.append("\n".join(current))
            current, size = [], 0
        current.append(line)
        size += line_size
    if current:
        chunks.append("\n".join(current))
    return chunks


def strip_reply_fallback(body: str) -> str:
    """The user's own text of a reply: without the quoted "> <@someone> ..." lines that clients prepend."""
    if not body.startswith(">"):
        return body
    lines = body.split("\n")
    while lines and lines[0].startswith(">"):
        lines.pop(0)
    return "\n".join(lines).strip()


def png_size(data: bytes) -> tuple[int, int]:
    if data[:8] == b"\x89PNG\r\n\x1a\n" and len(data) >= 24:
        return struct.unpack(">II", data[16:24])
    return 0, 0


def allowed_inviter(sender: str, allow: str | None) -> bool:
    """BRIEFBOT_MATRIX_ALLOW: comma-separated user ids (@a:b) or servers (example.org or :example.org)."""
    if not allow:
        return True
    for item in (part.strip() for part in allow.split(",")):
        if not item:
            continue
        if item.startswith("@") and sender == item:
            return True
        server = item.lstrip(":")
        if not item.startswith("@") and sender.endswith(":" + server):
            return True
    return False


class AnsweredEvents:
    """Ids of events already answered, kept on disk so a restart never answers twice."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.ids: deque[str] = deque(maxlen=ANSWERED_KEPT)
        with contextlib.suppress(OSError, ValueError):
            self.ids.extend(json.loads(path.read_text(encoding="utf-8")))
        self._set = set(self.ids)

    def __contains__(self, event_id: str) -> bool:
        return event_id in self._set

    def add(self, event_id: str) -> None:
        if len(self.ids) == self.ids.maxlen:
            self._set.discard(self.ids[0])
        self.ids.append(event_id)
        self._set.add(event_id)
        write_private(self.path, json.dumps(list(self.ids)))


#: undecryptable messages kept while their room keys are requested (beyond that, new ones are not kept)
MAX_AWAITING_KEYS = 200


async def exchange_keys(client: AsyncClient) -> None:
    """The end-to-end key traffic a sync may call for: upload our keys, learn and claim the others', send
    the queued to-device messages (room keys among them). Without it no encrypted message gets through."""
    if client.should_upload_keys:
        await client.keys_upload()
    if client.should_query_keys:
        await client.keys_query()
    if client.should_claim_keys:
        await client.keys_claim(client.get_users_for_key_claiming())
    await client.send_to_device_messages()


class MatrixFrontend(Frontend):
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

    # ------------------------------------------------------------------ login

    @property
    def credentials_path(self) -> Path:
        return self.store / "credentials.json"

    @property
    def sync_token_path(self) -> Path:
        return self.store / "sync_token"

    def _load_sync_token(self, client: AsyncClient) -> str | None:
        with contextlib.suppress(OSError):
            token = self.sync_token_path.read_text(encoding="utf-8").strip()
            if token:
                return token
        # a store written while nio kept the token itself
        return client.store.load_sync_token() if client.store is not None else None

    def _save_sync_token(self, token: str) -> None:
        write_private(self.sync_token_path, token)

    async def connect(self) -> AsyncClient | None:
        """Log in (or restore the saved login); None when asked to stop before the homeserver answered."""
        # The sync token is saved by run() once a batch is handled, not by nio before its callbacks run.
        # Until the first sync is in, network errors come to this class (max_timeouts=0), which retries
        # with one log line per attempt and stops on SIGTERM; after it, nio retries them itself.
        cfg = AsyncClientConfig(store_sync_tokens=False, encryption_enabled=True, max_timeouts=0,
                                store=PrivateStore, pickle_key=pickle_key(self.store, self.config.matrix_pickle_key))
        user = self.config.matrix_user or ""
        saved = self._load_credentials()
        client = AsyncClient(self.config.matrix_homeserver or "", user, device_id=saved.get("device_id", ""),
                             store_path=str(self.store), config=cfg)
        self.client = client  # closed by close() whatever happens below
        if saved.get("access_token") and saved.get("user_id"):
            client.restore_login(saved["user_id"], saved["device_id"], saved["access_token"])
        elif self.config.matrix_access_token:
            whoami = await self._whoami(client, self.config.matrix_access_token)
            if whoami is None:
                return None
            client.restore_login(whoami["user_id"], whoami["device_id"], self.config.matrix_access_token)
            self._save_credentials(client)
        else:
            response = await self._until_reachable(
                lambda: client.login(self.config.matrix_password, device_name="briefbot"))
            if response is None:
                return None
            if not isinstance(response, LoginResponse):
                raise ConfigError(f"Matrix login failed for {user}: {getattr(response, 'message', response)}")
            self._save_credentials(client)
        client.add_event_callback(self._on_message, RoomMessageText)
        client.add_event_callback(self._on_invite, InviteMemberEvent)
        client.add_event_callback(self._on_undecryptable, MegolmEvent)
        client.add_to_device_callback(self._on_room_key, (RoomKeyEvent, ForwardedRoomKeyEvent))
        return client

    async def _until_reachable(self, request: Callable[[], Awaitable[T]]) -> T | None:
        """The homeserver's answer to `request`, asked again with backoff while it cannot be reached
        or answers with a server error; None when asked to stop first.

        A homeserver that is down at start is a wait, not an exit: one log line per attempt, no traceback.
        """
        delay, attempt = 1.0, 1
        while not self.stopping.is_set():
            try:
                response = await self._unless_stopping(request())
            except (TimeoutError, OSError, ClientError) as exc:
                problem = str(exc) or type(exc).__name__
            else:
                status = getattr(getattr(response, "transport_response", None), "status", None)
                if response is None or status is None or not (status >= 500 or status == 429):
                    return response
                problem = f"{status} {getattr(response, 'message', '')}".strip()
            log.warning("Matrix homeserver %s not reachable (attempt %d: %s); retrying in %.0f s",
                        self.config.matrix_homeserver, attempt, problem, delay)
            await self._sleep(delay)
            delay, attempt = min(delay * 2, MAX_CONNECT_DELAY), attempt + 1
        return None

    async def _unless_stopping(self, request: Awaitable[T]) -> T | None:
        """`request`'s result, or None if the bot is asked to stop before it comes (the request is cancelled)."""
        task = asyncio.ensure_future(request)
        stop = asyncio.ensure_future(self.stopping.wait())
        try:
            await asyncio.wait({task, stop}, return_when=asyncio.FIRST_COMPLETED)
        finally:
            stop.cancel()
            if not task.done():
                task.cancel()
                with contextlib.suppress(asyncio.CancelledError):
                    await task
        return None if task.cancelled() else task.result()

    async def _whoami(self, client: AsyncClient, token: str) -> dict[str, str] | None:
        client.access_token = token
        response = await self._until_reachable(client.whoami)
        if response is None:
            return None
        if not getattr(response, "user_id", None):
            raise ConfigError("BRIEFBOT_MATRIX_ACCESS_TOKEN was refused by the homeserver")
        return {"user_id": response.user_id, "device_id": response.device_id or "BRIEFBOT"}

    def _load_credentials(self) -> dict[str, str]:
        try:
            data = json.loads(self.credentials_path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return {}
        if data.get("homeserver") != self.config.matrix_homeserver or data.get("user") != self.config.matrix_user:
            return {}
        return data

    def _save_credentials(self, client: AsyncClient) -> None:
        data = {"homeserver": self.config.matrix_homeserver, "user": self.config.matrix_user,
                "user_id": client.user_id, "device_id": client.device_id, "access_token": client.access_token}
        write_private(self.credentials_path, json.dumps(data))

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

    # ------------------------------------------------------------------ sending

    async def send(self, chat: str, reply: Reply, reply_to: str | None = None) -> None:
        """The reply as notices in the room (an image and its caption for a chart); a room the bot is not in
        is skipped."""
        room = self.client.rooms.get(chat.removeprefix("mx:")) if self.client is not None else None
        if room is None:
            log.warning("not in room %s; reply not sent", chat)
            return
        await self._send_to_room(room, reply, reply_to)

    async def _send_to_room(self, room: MatrixRoom, reply: Reply, reply_to: str | None = None) -> None:
        relates = {"m.in_reply_to": {"event_id": reply_to}} if reply_to else None
        if reply.image:
            await self._send_image(room, reply, relates)
            return
        for n, chunk in enumerate(split_body(reply.text)):
            content: dict[str, Any] = {"msgtype": "m.notice", "body": chunk, "format": "org.matrix.custom.html",
                                       "formatted_body": to_html(chunk)}
            if relates and n == 0:
                content["m.relates_to"] = relates
            await self._room_send(room.room_id, content)

    async def _send_image(self, room: MatrixRoom, reply: Reply, relates: dict | None) -> None:
        assert self.client is not None and reply.image is not None
        data = reply.image
        width, height = png_size(data)
        response, keys = await self.client.upload(io.BytesIO(data), content_type="image/png",
                                                  filename=reply.image_name, encrypt=room.encrypted,
                                                  filesize=len(data))
        if not isinstance(response, UploadResponse):
            log.warning("chart upload failed: %s", response)
            await self._send_to_room(room, Reply(text=reply.text, lang=reply.lang), None)
            return
        content: dict[str, Any] = {"msgtype": "m.image", "body": reply.image_name,
                                   "info": {"mimetype": "image/png", "size": len(data), "w": width, "h": height}}
        if room.encrypted and keys:
            content["file"] = {**keys, "url": response.content_uri}
        else:
            content["url"] = response.content_uri
        if relates:
            content["m.relates_to"] = relates
        await self._room_send(room.room_id, content)
        caption = {"msgtype": "m.notice", "body": reply.text, "format": "org.matrix.custom.html",
                   "formatted_body": to_html(reply.text)}
        await self._room_send(room.room_id, caption)

    async def _room_send(self, room_id: str, content: dict[str, Any]) -> SendResult:
        """Send with retries: 429 waits `retry_after_ms`, other errors back off; one transaction id throughout,
        so the homeserver keeps one copy however often it is asked.

        Returns "sent", "gone" (forbidden: the bot left or was kicked), "retry" (gave up, known not sent) or
        "uncertain" (gave up after an attempt whose answer was lost: it may have arrived).
        """
        assert self.client is not None
        tx_id = f"briefbot-{time.time_ns()}"
        delay = 1.0
        maybe_sent = False
        for _attempt in range(8):
            try:
                response = await self.client.room_send(room_id, "m.room.message", content, tx_id=tx_id,
                                                       ignore_unverified_devices=True)
            except OlmUnverifiedDeviceError as exc:  # pragma: no cover - ignore_unverified_devices avoids it
                log.warning("unverified device: %s", exc)
                response = None
            except (TimeoutError, OSError, ClientError) as exc:
                log.warning("send to %s failed (%s); retrying", room_id, exc)
                maybe_sent = maybe_sent or not isinstance(exc, ClientConnectorError)  # refused: never sent
                response = None
            if isinstance(response, RoomSendResponse):
                return "sent"
            wait = delay
            status = getattr(getattr(response, "transport_response", None), "status", None)
            if isinstance(response, RoomSendError) and response.retry_after_ms:
                wait = response.retry_after_ms / 1000
            elif isinstance(response, RoomSendError) and status is not None and 400 <= status < 500 and status != 429:
                # refused for good (too large, forbidden, bad token...): retrying cannot help
                log.warning("cannot send to %s: %s %s", room_id, response.status_code, response.message)
                return "gone" if status == 403 or response.status_code == "M_FORBIDDEN" else "retry"
            await asyncio.sleep(wait)
            delay = min(delay * 2, 30)
        log.error("giving up sending to %s", room_id)
        return "uncertain" if maybe_sent else "retry"

    async def send_digest(self, chat: str, reply: Reply) -> SendResult:
        """One digest to one room: "sent", "gone" (the bot is no longer in the room), "retry" (known not sent)
        or "uncertain" (it may have arrived, or a part of it did): the scheduler never sends that again."""
        if self.client is None:
            return "retry"
        room = self.client.rooms.get(chat.removeprefix("mx:"))
        if room is None:
            return "gone"
        for n, chunk in enumerate(split_body(reply.text)):
            content = {"msgtype": "m.notice", "body": chunk, "format": "org.matrix.custom.html",
                       "formatted_body": to_html(chunk)}
            result = await self._room_send(room.room_id, content)
            if result != "sent":
                return "uncertain" if n > 0 and result == "retry" else result
        return "sent"

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

    async def _keys(self, client: AsyncClient) -> None:
        try:
            await exchange_keys(client)
        except (TimeoutError, OSError) as exc:
            log.warning("key exchange failed (%s)", exc)

    async def _sleep(self, seconds: float) -> None:
        with contextlib.suppress(asyncio.TimeoutError):
            await asyncio.wait_for(self.stopping.wait(), timeout=seconds)

    async def close(self) -> None:
        self.stopping.set()
        if self.client is not None:
            await self.client.close()


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
