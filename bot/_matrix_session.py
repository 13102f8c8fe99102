"""The Matrix login and the state that outlives a restart: the saved credentials and device, the sync
token, the ids of answered events; the end-to-end key exchange; waiting for a homeserver that is down.

`MatrixFrontend` inherits it; kept apart because none of it depends on what the bot answers.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import logging
from collections import deque
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import TypeVar

from aiohttp import ClientError
from nio import AsyncClient, AsyncClientConfig, LoginResponse  # type: ignore[import-untyped]

from bot.config import Config, ConfigError
from bot.matrix_store import PrivateStore, pickle_key, write_private

log = logging.getLogger("briefbot.matrix")

ANSWERED_KEPT = 2000
#: longest wait between two attempts to reach the homeserver at start
MAX_CONNECT_DELAY = 60.0

T = TypeVar("T")


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


class MatrixSession:
    """Login, saved state and key exchange of `MatrixFrontend`, which sets these attributes."""

    config: Config
    store: Path
    client: AsyncClient | None
    stopping: asyncio.Event

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

    async def _login(self) -> AsyncClient | None:
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
