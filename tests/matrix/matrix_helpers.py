"""A test user driven by its own matrix-nio client, and the bot run as an asyncio task beside it."""

from __future__ import annotations

import asyncio
import contextlib
import re
import time
from collections.abc import AsyncIterator, Callable
from pathlib import Path
from typing import Any

import aiohttp
from aiohttp import web
from nio import (
    AsyncClient,
    AsyncClientConfig,
    InviteMemberEvent,
    LoginResponse,
    MegolmEvent,
    RoomCreateResponse,
    RoomMessage,
    RoomSendResponse,
    RoomVisibility,
    SyncResponse,
)

from bot.config import Config
from bot.matrix import MatrixFrontend, exchange_keys, stop_frontend
from handlers import Context

WAIT = 60.0  # the longest any single wait in these tests may take


class ChatUser:
    """A person in the chat: logs in with a new device, syncs in the background, remembers every message."""

    def __init__(self, homeserver: str, user_id: str, password: str, store: Path, auto_join: bool = False) -> None:
        store.mkdir(parents=True, exist_ok=True)
        config = AsyncClientConfig(encryption_enabled=True, store_sync_tokens=True, max_timeouts=None)
        self.client = AsyncClient(homeserver, user_id, store_path=str(store), config=config)
        self.password = password
        self.auto_join = auto_join
        self.events: list[tuple[str, Any]] = []  # (room_id, event), decrypted where the keys arrived
        self.undecryptable: list[tuple[str, MegolmEvent]] = []
        self._task: asyncio.Task | None = None
        self._synced = asyncio.Event()

    async def __aenter__(self) -> ChatUser:
        response = await self.client.login(self.password, device_name="tester")
        assert isinstance(response, LoginResponse), response
        self.client.add_event_callback(self._on_message, RoomMessage)
        self.client.add_event_callback(self._on_undecryptable, MegolmEvent)
        self.client.add_event_callback(self._on_invite, InviteMemberEvent)
        if self.client.should_upload_keys:
            await self.client.keys_upload()
        self._task = asyncio.create_task(self._sync_loop())
        await asyncio.wait_for(self._synced.wait(), WAIT)
        return self

    async def __aexit__(self, *exc: object) -> None:
        if self._task is not None:
            self._task.cancel()
            with contextlib.suppress(asyncio.CancelledError, Exception):
                await self._task
        await self.client.close()

    async def _sync_loop(self) -> None:
        while True:
            response = await self.client.sync(timeout=1000, full_state=not self._synced.is_set() or None)
            if isinstance(response, SyncResponse):
                await exchange_keys(self.client)  # as the bot does it
                self._synced.set()
            else:
                await asyncio.sleep(0.5)


    async def _on_message(self, room, event) -> None:
        self.events.append((room.room_id, event))

    async def _on_undecryptable(self, room, event: MegolmEvent) -> None:
        self.undecryptable.append((room.room_id, event))

    async def _on_invite(self, room, event: InviteMemberEvent) -> None:
        if self.auto_join and event.state_key == self.client.user_id and event.membership == "invite":
            await self.client.join(room.room_id)

    # ------------------------------------------------------------ acting

    async def create_room(self, invite: list[str], *, encrypted: bool = False, direct: bool = False) -> str:
        initial_state = []
        if encrypted:
            initial_state.append({"type": "m.room.encryption", "state_key": "",
                                  "content": {"algorithm": "m.megolm.v1.aes-sha2"}})
        response = await self.client.room_create(
            visibility=RoomVisibility.private, name=None if direct else "briefbot test",
            invite=invite, is_direct=direct, initial_state=initial_state,
            preset=None)
        assert isinstance(response, RoomCreateResponse), response
        return response.room_id

    async def wait_joined(self, room_id: str, user_id: str, timeout: float = WAIT) -> None:
        def joined() -> bool:
            room = self.client.rooms.get(room_id)
            return room is not None and user_id in room.users and user_id not in room.invited_users

        await self.wait_until(joined, timeout, f"{user_id} did not join {room_id}")
        if self.client.should_query_keys:  # know the new member's devices before encrypting for them
            await self.client.keys_query()

    async def send(self, room_id: str, text: str, mentions: list[str] | None = None,
                   extra: dict[str, Any] | None = None) -> str:
        content: dict[str, Any] = {"msgtype": "m.text", "body": text, **(extra or {})}
        if mentions is not None:
            content["m.mentions"] = {"user_ids": mentions}
        response = await self.client.room_send(room_id, "m.room.message", content, ignore_unverified_devices=True)
        assert isinstance(response, RoomSendResponse), response
        return response.event_id

    # ------------------------------------------------------------ reading

    def replies_to(self, event_id: str) -> list[Any]:
        """Events (of anyone) sent as a reply to `event_id`."""
        found = []
        for _room_id, event in self.events:
            relates = (event.source.get("content") or {}).get("m.relates_to") or {}
            if (relates.get("m.in_reply_to") or {}).get("event_id") == event_id:
                found.append(event)
        return found

    def messages_from(self, room_id: str, sender: str) -> list[Any]:
        return [event for rid, event in self.events if rid == room_id and event.sender == sender]

    async def wait_reply(self, event_id: str, timeout: float = WAIT) -> Any:
        await self.wait_until(lambda: self.replies_to(event_id), timeout, f"no reply to {event_id}")
        return self.replies_to(event_id)[0]

    async def wait_until(self, predicate: Callable[[], Any], timeout: float, what: str) -> None:
        deadline = time.monotonic() + timeout
        while not predicate():
            if time.monotonic() > deadline:
                raise AssertionError(f"{what} within {timeout:.0f} s (undecryptable: {len(self.undecryptable)})")
            await asyncio.sleep(0.1)

    async def quiet(self, seconds: float) -> None:
        """Let a few sync rounds pass, to see that nothing more arrives."""
        await asyncio.sleep(seconds)


async def start_bot(config: Config, context: Context) -> tuple[MatrixFrontend, asyncio.Task]:
    """The real front end as a task, returned once its first sync is in."""
    frontend = MatrixFrontend(config, context)
    task = asyncio.create_task(frontend.run())
    deadline = time.monotonic() + WAIT
    while frontend.client is None or not frontend.client.logged_in or frontend.client.next_batch is None:
        if task.done():
            task.result()  # raises the bot's error
            raise AssertionError("the bot stopped before its first sync")
        if time.monotonic() > deadline:
            task.cancel()
            raise AssertionError("the bot did not finish its first sync in time")
        await asyncio.sleep(0.05)
    return frontend, task


@contextlib.asynccontextmanager
async def running_bot(config: Config, context: Context) -> AsyncIterator[MatrixFrontend]:
    """The real front end as a task; fails the test if the task dies while the test still needs it."""
    frontend, task = await start_bot(config, context)
    try:
        yield frontend
        if task.done():
            task.result()
            raise AssertionError("the bot's run() returned while it should still be running")
    finally:
        await stop_frontend(frontend, task, grace=15)


class FaultyProxy:
    """A reverse proxy between the bot and Synapse that fails chosen requests on purpose.

    `arm(kind, pattern, times)` makes the next `times` requests whose "METHOD path" matches the regex fail:
    "502" answers with an HTML gateway error, "429" with M_LIMIT_EXCEEDED and retry_after_ms, "drop"
    forwards the request to Synapse and then drops the connection, so the client never sees the answer.
    """

    def __init__(self, upstream: str, port: int = 0) -> None:
        self.upstream = upstream
        self.port = port  # 0: any free port
        self.faults: list[list[Any]] = []  # [kind, compiled pattern, times left]
        self.hits: dict[str, int] = {}
        self.url = ""
        self._runner: web.AppRunner | None = None
        self._session: aiohttp.ClientSession | None = None

    def arm(self, kind: str, pattern: str, times: int = 1) -> None:
        self.faults.append([kind, re.compile(pattern), times])

    def armed(self) -> int:
        return sum(fault[2] for fault in self.faults)

    async def __aenter__(self) -> FaultyProxy:
        self._session = aiohttp.ClientSession(timeout=aiohttp.ClientTimeout(total=120))
        app = web.Application(client_max_size=64 * 1024 * 1024)
        app.router.add_route("*", "/{tail:.*}", self._handle)
        self._runner = web.AppRunner(app, access_log=None, shutdown_timeout=1.0)
        await self._runner.setup()
        site = web.TCPSite(self._runner, "127.0.0.1", self.port)
        await site.start()
        port = site._server.sockets[0].getsockname()[1]  # type: ignore[union-attr]
        self.url = f"http://127.0.0.1:{port}"
        return self

    async def __aexit__(self, *exc: object) -> None:
        if self._session is not None:  # first, so that long polls still waiting on Synapse end now
            await self._session.close()
        if self._runner is not None:
            await self._runner.cleanup()

    def _fault_for(self, request: web.Request) -> str | None:
        line = f"{request.method} {request.path}"
        for fault in self.faults:
            kind, pattern, times = fault
            if times > 0 and pattern.search(line):
                fault[2] -= 1
                self.hits[kind] = self.hits.get(kind, 0) + 1
                return kind
        return None

    async def _handle(self, request: web.Request) -> web.StreamResponse:
        kind = self._fault_for(request)
        if kind == "502":
            return web.Response(status=502, text="<html><body>502 Bad Gateway</body></html>",
                                content_type="text/html")
        if kind == "429":
            return web.json_response({"errcode": "M_LIMIT_EXCEEDED", "error": "Too Many Requests",
                                      "retry_after_ms": 700}, status=429)
        assert self._session is not None
        headers = {k: v for k, v in request.headers.items() if k.lower() in ("authorization", "content-type")}
        async with self._session.request(request.method, self.upstream + request.path_qs, headers=headers,
                                         data=await request.read()) as upstream:
            body = await upstream.read()
            status, content_type = upstream.status, upstream.content_type
        if kind == "drop":
            assert request.transport is not None
            request.transport.close()
            return web.Response(status=500)
        return web.Response(status=status, body=body, content_type=content_type)
