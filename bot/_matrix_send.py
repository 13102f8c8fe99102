"""Sending to Matrix rooms: replies as notices (cut to the event size limit), charts as images,
digests; retries that never post a message twice (one transaction id per message).

`MatrixFrontend` inherits it; the text rules it applies are in `bot._matrix_text`.
"""

from __future__ import annotations

import asyncio
import io
import logging
import time
from typing import Any

from aiohttp import ClientConnectorError, ClientError
from nio import (  # type: ignore[import-untyped]
    AsyncClient,
    MatrixRoom,
    RoomSendError,
    RoomSendResponse,
    UploadResponse,
)
from nio.exceptions import OlmUnverifiedDeviceError  # type: ignore[import-untyped]

from bot._matrix_text import png_size, split_body, to_html
from bot.frontend import SendResult
from handlers import Reply

log = logging.getLogger("briefbot.matrix")


class MatrixSender:
    """The sending half of `MatrixFrontend`, which sets `client`."""

    client: AsyncClient | None

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
