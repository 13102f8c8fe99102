"""A small fake Telegram Bot API server for end-to-end tests of the Telegram front end.

It speaks enough of https://core.telegram.org/bots/api for python-telegram-bot: requests are
POSTed to ``{base_url}{token}/{method}`` as form data, multipart (files) or JSON, and every
answer is ``{"ok": true, "result": ...}`` with realistic User/Chat/Message objects.

Tests inject updates (messages, edits, photos, stickers, button presses) which ``getUpdates``
hands out (long polling briefly), and read back what the bot sent from ``calls``. Faults can be
queued per method: an HTTP status (500, or 429 with ``parameters.retry_after``) and/or a delay.

Like Telegram, ``sendMessage`` rejects HTML it cannot parse ("can't parse entities"), texts over
4096 characters after entity parsing, and empty texts, so the bot's output is checked for real.
The HTML check is a little stricter than Telegram's: a bare ``&`` that starts no entity is an error.
"""

from __future__ import annotations

import html
import json
import re
import threading
import time
import urllib.parse
from collections import deque
from dataclasses import dataclass, field
from email.parser import BytesParser
from email.policy import HTTP
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

MAX_TEXT = 4096
MAX_CAPTION = 1024

#: parameters that are strings on the wire and must not be JSON-decoded
STRING_FIELDS = {
    "text", "caption", "parse_mode", "callback_query_id", "language_code", "action", "url", "secret_token",
    "description", "short_description", "name", "emoji", "filename", "query",
}

ALLOWED_TAGS = {"b", "strong", "i", "em", "u", "ins", "s", "strike", "del", "a", "code", "pre", "tg-spoiler",
                "span", "blockquote", "tg-emoji"}
TAG_RE = re.compile(r"<(/?)([a-zA-Z][a-zA-Z0-9-]*)((?:\s+[^<>]*)?)>")
ENTITY_RE = re.compile(r"&(?:lt|gt|amp|quot|#\d{1,7}|#x[0-9a-fA-F]{1,6});")


class HTMLParseError(ValueError):
    pass


def parse_telegram_html(text: str) -> str:
    """The plain text Telegram would show for a parse_mode=HTML text; HTMLParseError where it would refuse."""
    out: list[str] = []
    stack: list[str] = []
    i = 0
    while i < len(text):
        ch = text[i]
        if ch == "<":
            m = TAG_RE.match(text, i)
            if not m:
                raise HTMLParseError(f"Unclosed start tag at byte offset {len(text[:i].encode())}")
            closing, name = m.group(1), m.group(2).lower()
            if closing:
                if not stack or stack[-1] != name:
                    raise HTMLParseError(f'Unmatched end tag at byte offset {len(text[:i].encode())}, '
                                         f'expected "</{stack[-1] if stack else ""}>", found "</{name}>"')
                stack.pop()
            else:
                if name not in ALLOWED_TAGS:
                    raise HTMLParseError(f'Unsupported start tag "{name}" at byte offset {len(text[:i].encode())}')
                stack.append(name)
            i = m.end()
        elif ch == "&":
            m = ENTITY_RE.match(text, i)
            if not m:
                raise HTMLParseError(f"Unescaped '&' at byte offset {len(text[:i].encode())}")
            out.append(html.unescape(m.group(0)))
            i = m.end()
        elif ch == ">":
            raise HTMLParseError(f"Unescaped '>' at byte offset {len(text[:i].encode())}")
        else:
            out.append(ch)
            i += 1
    if stack:
        raise HTMLParseError(f'Can\'t find end tag corresponding to start tag "{stack[-1]}"')
    return "".join(out)


def utf16_len(text: str) -> int:
    return len(text.encode("utf-16-le")) // 2


@dataclass
class Fault:
    status: int | None = None  # None: answer normally (after the delay)
    retry_after: int | None = None
    delay: float = 0.0
    description: str | None = None


@dataclass
class Call:
    method: str
    params: dict[str, Any]
    files: dict[str, bytes] = field(default_factory=dict)
    status: int = 200
    result: Any = None
    at: float = field(default_factory=time.monotonic)

    @property
    def ok(self) -> bool:
        return self.status == 200


class FakeBotAPI:
    """Start with ``start()`` (or as a context manager); ``base_url`` is what the bot is configured with."""

    def __init__(self, token: str = "123456789:AAHfakeTOKENfor-tests_0123456789abcd", *,
                 username: str = "briefbot_test_bot", bot_id: int = 123456789, max_poll: float = 0.25) -> None:
        self.token = token
        self.bot_user = {"id": bot_id, "is_bot": True, "first_name": "briefbot", "username": username,
                         "can_join_groups": True, "can_read_all_group_messages": False,
                         "supports_inline_queries": False}
        self.max_poll = max_poll
        self.calls: list[Call] = []
        self.commands: dict[tuple[str, str], list[dict]] = {}  # (scope json, language code) -> commands
        self.faults: dict[str, deque[Fault]] = {}
        self._updates: list[dict] = []
        self._next_update = 1000
        self._next_message = 1
        self._cond = threading.Condition()
        self._server: ThreadingHTTPServer | None = None
        self._thread: threading.Thread | None = None

    # ------------------------------------------------------------------ lifecycle

    def start(self) -> FakeBotAPI:
        api = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def do_POST(self) -> None:
                api._handle(self)

            do_GET = do_POST

            def log_message(self, format: str, *args: object) -> None:
                pass

        self._server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self._server.daemon_threads = True
        self._thread = threading.Thread(target=self._server.serve_forever, kwargs={"poll_interval": 0.05},
                                        name="fake-bot-api", daemon=True)
        self._thread.start()
        return self

    def stop(self) -> None:
        with self._cond:
            self._cond.notify_all()
        if self._server is not None:
            self._server.shutdown()
            self._server.server_close()
        if self._thread is not None:
            self._thread.join(timeout=5)

    def __enter__(self) -> FakeBotAPI:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()

    @property
    def base_url(self) -> str:
        assert self._server is not None, "start() the server first"
        host, port = self._server.server_address[:2]
        return f"http://{host}:{port}/bot"

    # ------------------------------------------------------------------ faults

    def fail(self, method: str, status: int = 500, *, times: int = 1, retry_after: int | None = None,
             delay: float = 0.0, description: str | None = None) -> None:
        """The next `times` calls of `method` fail with `status` (429: with parameters.retry_after)."""
        with self._cond:
            for _ in range(times):
                self.faults.setdefault(method, deque()).append(Fault(status, retry_after, delay, description))

    def slow(self, method: str, delay: float, *, times: int = 1) -> None:
        """The next `times` calls of `method` answer normally, after `delay` seconds."""
        with self._cond:
            for _ in range(times):
                self.faults.setdefault(method, deque()).append(Fault(None, None, delay))

    # ------------------------------------------------------------------ injecting updates

    def _user(self, user_id: int, first_name: str = "Erika", username: str | None = None,
              language_code: str = "de") -> dict:
        user = {"id": user_id, "is_bot": False, "first_name": first_name, "language_code": language_code}
        if username:
            user["username"] = username
        return user

    def _chat(self, chat_id: int, chat_type: str, user: dict) -> dict:
        if chat_type == "private":
            return {"id": chat_id, "type": "private", "first_name": user["first_name"]}
        return {"id": chat_id, "type": chat_type, "title": "Lagebesprechung"}

    def _new_message_id(self) -> int:
        with self._cond:
            self._next_message += 1
            return self._next_message

    def push_update(self, update: dict) -> dict:
        with self._cond:
            self._next_update += 1
            update = {"update_id": self._next_update, **update}
            self._updates.append(update)
            self._cond.notify_all()
        return update

    def message_dict(self, text: str | None = None, *, chat_id: int = 1001, user_id: int | None = None,
                     chat_type: str = "private", reply_to: dict | None = None, **extra: Any) -> dict:
        user_id = user_id if user_id is not None else (chat_id if chat_type == "private" else 1001)
        user = self._user(user_id)
        message: dict[str, Any] = {"message_id": self._new_message_id(), "date": int(time.time()),
                                   "chat": self._chat(chat_id, chat_type, user), "from": user}
        if text is not None:
            message["text"] = text
            entities = text_entities(text)
            if entities:
                message["entities"] = entities
        if reply_to is not None:
            message["reply_to_message"] = reply_to
        message.update(extra)
        return message

    def send_text(self, text: str, **kwargs: Any) -> dict:
        """A user writes `text` to the bot (private chat unless chat_type= says otherwise); returns the update."""
        return self.push_update({"message": self.message_dict(text, **kwargs)})

    def send_photo_from_user(self, **kwargs: Any) -> dict:
        photo = [{"file_id": "AgACAgIAAxkBAAIBfake", "file_unique_id": "AQADfake", "width": 90, "height": 90,
                  "file_size": 1234}]
        return self.push_update({"message": self.message_dict(None, photo=photo, **kwargs)})

    def send_sticker_from_user(self, **kwargs: Any) -> dict:
        sticker = {"file_id": "CAACAgIAAxkBAAIBsticker", "file_unique_id": "AgADsticker", "type": "regular",
                   "width": 512, "height": 512, "is_animated": False, "is_video": False, "emoji": "👍"}
        return self.push_update({"message": self.message_dict(None, sticker=sticker, **kwargs)})

    def edit_text_from_user(self, text: str, **kwargs: Any) -> dict:
        message = self.message_dict(text, **kwargs)
        message["edit_date"] = message["date"] + 5
        return self.push_update({"edited_message": message})

    def press_button(self, message: dict, data: str, *, user_id: int | None = None) -> dict:
        """A button press on `message` (as the bot sent it, i.e. a Call.result of sendMessage)."""
        chat = message["chat"]
        user = self._user(user_id if user_id is not None else chat["id"])
        query = {"id": f"cbq{self._new_message_id()}", "from": user, "chat_instance": f"ci{chat['id']}",
                 "message": message, "data": data}
        return self.push_update({"callback_query": query})

    # ------------------------------------------------------------------ reading what the bot did

    def calls_of(self, method: str, *, ok: bool | None = True, chat_id: int | None = None) -> list[Call]:
        with self._cond:
            calls = list(self.calls)
        return [c for c in calls if c.method == method and (ok is None or c.ok == ok)
                and (chat_id is None or c.params.get("chat_id") == chat_id)]

    def sent_texts(self, chat_id: int | None = None) -> list[str]:
        return [c.params["text"] for c in self.calls_of("sendMessage", chat_id=chat_id)]

    def confirmed(self, update: dict) -> bool:
        """Whether the bot has fetched (and so acknowledged) `update`."""
        with self._cond:
            return all(u["update_id"] != update["update_id"] for u in self._updates) and any(
                c.method == "getUpdates" and c.ok for c in self.calls)

    # ------------------------------------------------------------------ HTTP

    def _handle(self, request: BaseHTTPRequestHandler) -> None:
        path = urllib.parse.urlsplit(request.path).path
        length = int(request.headers.get("Content-Length") or 0)
        body = request.rfile.read(length) if length else b""
        match = re.fullmatch(r"/bot([^/]*)/(\w+)", path)
        if not match:
            self._respond(request, 404, {"ok": False, "error_code": 404, "description": "Not Found"})
            return
        token, method = match.groups()
        if token != self.token:
            self._respond(request, 401, {"ok": False, "error_code": 401, "description": "Unauthorized"})
            return
        try:
            params, files = parse_body(request.headers.get("Content-Type", ""), body)
        except ValueError as exc:
            self._respond(request, 400, {"ok": False, "error_code": 400, "description": f"Bad Request: {exc}"})
            return
        fault = None
        with self._cond:
            queue = self.faults.get(method)
            if queue:
                fault = queue.popleft()
        if fault and fault.delay:
            time.sleep(fault.delay)
        if fault and fault.status:
            answer: dict[str, Any] = {"ok": False, "error_code": fault.status,
                                      "description": fault.description or _status_text(fault.status)}
            if fault.retry_after is not None:
                answer["parameters"] = {"retry_after": fault.retry_after}
            self._record(Call(method, params, files, fault.status))
            self._respond(request, fault.status, answer)
            return
        handler = getattr(self, f"_m_{method}", None)
        if handler is None:
            self._record(Call(method, params, files, 404))
            self._respond(request, 404, {"ok": False, "error_code": 404, "description": "Not Found"})
            return
        try:
            result = handler(params, files)
        except ApiError as exc:
            self._record(Call(method, params, files, exc.status))
            self._respond(request, exc.status, {"ok": False, "error_code": exc.status,
                                                "description": exc.description})
            return
        self._record(Call(method, params, files, 200, result))
        self._respond(request, 200, {"ok": True, "result": result})

    def _record(self, call: Call) -> None:
        with self._cond:
            self.calls.append(call)
            self._cond.notify_all()

    @staticmethod
    def _respond(request: BaseHTTPRequestHandler, status: int, answer: dict) -> None:
        data = json.dumps(answer).encode()
        try:
            request.send_response(status)
            request.send_header("Content-Type", "application/json")
            request.send_header("Content-Length", str(len(data)))
            request.end_headers()
            request.wfile.write(data)
        except OSError:  # the client gave up (timeout, shutdown)
            pass

    # ------------------------------------------------------------------ methods

    def _bot_message(self, chat_id: Any, **content: Any) -> dict:
        if not isinstance(chat_id, int):
            raise ApiError(400, "Bad Request: chat not found")
        chat = ({"id": chat_id, "type": "private", "first_name": "Erika"} if chat_id > 0
                else {"id": chat_id, "type": "supergroup", "title": "Lagebesprechung"})
        return {"message_id": self._new_message_id(), "date": int(time.time()), "chat": chat,
                "from": dict(self.bot_user), **content}

    def _m_getMe(self, params: dict, files: dict) -> dict:
        return dict(self.bot_user)

    def _m_logOut(self, params: dict, files: dict) -> bool:
        return True

    def _m_close(self, params: dict, files: dict) -> bool:
        return True

    def _m_deleteWebhook(self, params: dict, files: dict) -> bool:
        return True

    def _m_setWebhook(self, params: dict, files: dict) -> bool:
        return True

    def _m_getWebhookInfo(self, params: dict, files: dict) -> dict:
        return {"url": "", "has_custom_certificate": False, "pending_update_count": len(self._updates)}

    def _m_getUpdates(self, params: dict, files: dict) -> list[dict]:
        offset = int(params.get("offset") or 0)
        timeout = min(float(params.get("timeout") or 0), self.max_poll)
        limit = int(params.get("limit") or 100)
        deadline = time.monotonic() + timeout
        with self._cond:
            if offset:
                self._updates = [u for u in self._updates if u["update_id"] >= offset]
            while not self._updates and time.monotonic() < deadline:
                self._cond.wait(max(0.0, deadline - time.monotonic()))
            allowed = params.get("allowed_updates")
            updates = [u for u in self._updates
                       if not allowed or any(key in u for key in allowed)][:limit]
            return updates

    def _m_sendChatAction(self, params: dict, files: dict) -> bool:
        if params.get("action") not in {"typing", "upload_photo", "record_video", "upload_video", "record_voice",
                                        "upload_voice", "upload_document", "choose_sticker", "find_location",
                                        "record_video_note", "upload_video_note"}:
            raise ApiError(400, "Bad Request: wrong parameter action in request")
        return True

    def _formatted(self, text: str | None, parse_mode: str | None, limit: int, what: str) -> str:
        text = text or ""
        plain = text
        if parse_mode and parse_mode.upper() == "HTML":
            try:
                plain = parse_telegram_html(text)
            except HTMLParseError as exc:
                raise ApiError(400, f"Bad Request: can't parse entities: {exc}") from None
        elif parse_mode:
            raise ApiError(400, f"Bad Request: unsupported parse_mode {parse_mode!r} in this fake server")
        if not plain.strip() and what == "message":
            raise ApiError(400, "Bad Request: message text is empty")
        if utf16_len(plain) > limit:
            raise ApiError(400, f"Bad Request: {what} is too long")
        return plain

    def _m_sendMessage(self, params: dict, files: dict) -> dict:
        plain = self._formatted(params.get("text"), params.get("parse_mode"), MAX_TEXT, "message")
        content: dict[str, Any] = {"text": plain}
        if params.get("reply_markup"):
            content["reply_markup"] = params["reply_markup"]
        return self._bot_message(params.get("chat_id"), **content)

    def _m_editMessageText(self, params: dict, files: dict) -> dict | bool:
        plain = self._formatted(params.get("text"), params.get("parse_mode"), MAX_TEXT, "message")
        if params.get("inline_message_id"):
            return True
        message = self._bot_message(params.get("chat_id"), text=plain, edit_date=int(time.time()))
        message["message_id"] = params.get("message_id")
        if params.get("reply_markup"):
            message["reply_markup"] = params["reply_markup"]
        return message

    def _m_sendPhoto(self, params: dict, files: dict) -> dict:
        photo = params.get("photo")
        if isinstance(photo, str) and photo.startswith("attach://"):
            photo = files.get(photo.removeprefix("attach://"))
        elif "photo" in files:
            photo = files["photo"]
        if not photo:
            raise ApiError(400, "Bad Request: there is no photo in the request")
        content: dict[str, Any] = {"photo": [{"file_id": f"AgACphoto{len(photo)}", "file_unique_id": "AQADphoto",
                                               "width": 880, "height": 400, "file_size": len(photo)}]}
        if params.get("caption"):
            content["caption"] = self._formatted(params.get("caption"), params.get("parse_mode"), MAX_CAPTION,
                                                 "caption")
        if params.get("reply_markup"):
            content["reply_markup"] = params["reply_markup"]
        return self._bot_message(params.get("chat_id"), **content)

    def _m_answerCallbackQuery(self, params: dict, files: dict) -> bool:
        if not params.get("callback_query_id"):
            raise ApiError(400, "Bad Request: query is too old and response timeout expired or query ID is invalid")
        return True

    @staticmethod
    def _scope_key(params: dict) -> tuple[str, str]:
        scope = params.get("scope") or {"type": "default"}
        return json.dumps(scope, sort_keys=True), params.get("language_code") or ""

    def _m_setMyCommands(self, params: dict, files: dict) -> bool:
        commands = params.get("commands")
        if not isinstance(commands, list):
            raise ApiError(400, "Bad Request: commands must be an array")
        for command in commands:
            name = command.get("command", "")
            if not re.fullmatch(r"[a-z0-9_]{1,32}", name) or not 1 <= len(command.get("description", "")) <= 256:
                raise ApiError(400, "Bad Request: BOT_COMMAND_INVALID")
        scope = params.get("scope") or {"type": "default"}
        if scope.get("type") == "chat" and not isinstance(scope.get("chat_id"), int):
            raise ApiError(400, "Bad Request: chat not found")
        with self._cond:
            self.commands[self._scope_key(params)] = commands
        return True

    def _m_getMyCommands(self, params: dict, files: dict) -> list[dict]:
        with self._cond:
            return list(self.commands.get(self._scope_key(params), []))

    def _m_deleteMyCommands(self, params: dict, files: dict) -> bool:
        with self._cond:
            self.commands.pop(self._scope_key(params), None)
        return True

    def commands_for(self, scope: dict | None = None, language_code: str = "") -> list[str] | None:
        """The command names set for a scope and language (None: never set)."""
        key = (json.dumps(scope or {"type": "default"}, sort_keys=True), language_code)
        with self._cond:
            commands = self.commands.get(key)
        return None if commands is None else [c["command"] for c in commands]


class ApiError(Exception):
    def __init__(self, status: int, description: str) -> None:
        super().__init__(description)
        self.status = status
        self.description = description


def _status_text(status: int) -> str:
    return {429: "Too Many Requests: retry later", 500: "Internal Server Error", 502: "Bad Gateway"}.get(
        status, f"Error {status}")


def text_entities(text: str) -> list[dict]:
    """The entities Telegram attaches to a user's text: bot commands and @mentions (UTF-16 offsets)."""
    entities = []
    for kind, pattern in (("bot_command", r"(?<![\w/])/[A-Za-z0-9_]{1,32}(?:@[A-Za-z0-9_]{3,32})?"),
                          ("mention", r"(?<![\w@/])@[A-Za-z0-9_]{5,32}")):
        for m in re.finditer(pattern, text):
            entities.append({"type": kind, "offset": utf16_len(text[:m.start()]), "length": utf16_len(m.group(0))})
    return sorted(entities, key=lambda e: e["offset"])


def _decode_value(key: str, value: str) -> Any:
    if key in STRING_FIELDS:
        return value
    try:
        return json.loads(value)
    except ValueError:
        return value


def parse_body(content_type: str, body: bytes) -> tuple[dict[str, Any], dict[str, bytes]]:
    """Parameters and uploaded files of a Bot API request (JSON, form-urlencoded or multipart)."""
    kind = content_type.split(";", 1)[0].strip().lower()
    if not body:
        return {}, {}
    if kind == "application/json":
        data = json.loads(body)
        if not isinstance(data, dict):
            raise ValueError("expected a JSON object")
        return data, {}
    if kind == "application/x-www-form-urlencoded":
        pairs = urllib.parse.parse_qsl(body.decode("utf-8"), keep_blank_values=True)
        return {k: _decode_value(k, v) for k, v in pairs}, {}
    if kind == "multipart/form-data":
        message = BytesParser(policy=HTTP).parsebytes(
            f"Content-Type: {content_type}\r\nMIME-Version: 1.0\r\n\r\n".encode() + body)
        params: dict[str, Any] = {}
        files: dict[str, bytes] = {}
        for part in message.iter_parts():
            name = part.get_param("name", header="content-disposition")
            payload = part.get_payload(decode=True) or b""
            if part.get_filename() is not None:
                files[name] = payload
            else:
                params[name] = _decode_value(name, payload.decode("utf-8"))
        return params, files
    raise ValueError(f"unsupported content type {content_type!r}")
