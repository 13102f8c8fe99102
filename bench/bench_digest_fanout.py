"""Digest fan-out: N subscribers through the real Telegram front end and a local Bot API server.

The server enforces Telegram's documented limits (about 30 messages a second overall, one a
second per chat) by answering 429 with retry_after, so the run shows whether the bot stays under
them. Reported: achieved rate against the 30/s limit, number of 429s, duplicates, wall time.

Usage: python bench/bench_digest_fanout.py [--subscribers 10000]
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import io
import os
import platform
import resource
import shutil
import sys
import tempfile
import time
import urllib.parse
from collections import Counter, deque
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests" / "telegram"))
sys.path.insert(0, str(ROOT))

from botapi_server import Call, FakeBotAPI, parse_body  # noqa: E402

from bot.config import Config  # noqa: E402
from bot.scheduler import DigestScheduler  # noqa: E402
from bot.telegram import DIGEST_RATE, TelegramFrontend  # noqa: E402
from chats import subscribe  # noqa: E402
from handlers import Context  # noqa: E402
from knowledge.store import open_store  # noqa: E402

LIMIT_PER_SECOND = 30


class LimitedBotAPI(FakeBotAPI):
    """The fake Bot API with Telegram's flood limits: 429 beyond 30 sends/s or 1 send/s per chat."""

    def __init__(self) -> None:
        super().__init__()
        self.window: deque[float] = deque()
        self.last_per_chat: dict[str, float] = {}
        self.too_many = 0

    def _handle(self, request) -> None:
        method = urllib.parse.urlsplit(request.path).path.rsplit("/", 1)[-1]
        if method in ("sendMessage", "sendPhoto"):
            body = request.rfile.read(int(request.headers.get("Content-Length") or 0))
            request.rfile = io.BytesIO(body)  # the parent reads it again
            params, _ = parse_body(request.headers.get("Content-Type", ""), body)
            chat = str(params.get("chat_id"))
            now = time.monotonic()
            with self._cond:
                while self.window and now - self.window[0] > 1.0:
                    self.window.popleft()
                busy = len(self.window) >= LIMIT_PER_SECOND or now - self.last_per_chat.get(chat, -9) < 1.0
                if not busy:
                    self.window.append(now)
                    self.last_per_chat[chat] = now
                else:
                    self.too_many += 1
            if busy:
                self._record(Call(method, {}, {}, 429))
                self._respond(request, 429, {"ok": False, "error_code": 429,
                                             "description": "Too Many Requests: retry after 1",
                                             "parameters": {"retry_after": 1}})
                return
        super()._handle(request)


async def fan_out(subscribers: int) -> dict[str, float]:
    tmp = Path(tempfile.mkdtemp(prefix="briefbot-fanout-"))
    try:
        folder = tmp / "seeds"
        shutil.copytree(ROOT / "seeds", folder, ignore=shutil.ignore_patterns("*.db", ".*lock"))
        db = f"sqlite:///{tmp / 'fanout.db'}"
        server = LimitedBotAPI().start()
        config = Config(seeds=folder, db=db, telegram_token=server.token, telegram_base_url=server.base_url)
        context = Context(open_store(folder, db, progress=False), config)
        version = context.snapshot.version
        for n in range(subscribers):
            subscribe(context.engine, "telegram", f"tg:{10_000 + n}", str(10_000 + n), "07:30", "UTC", "de", version)
        frontend = TelegramFrontend(config, context)
        app = frontend.app
        await app.initialize()
        clock = lambda: datetime(2026, 11, 20, 8, 0, tzinfo=UTC)  # noqa: E731
        scheduler = DigestScheduler(context, {"telegram": frontend.send_digest}, clock=clock, rate=DIGEST_RATE)
        started = time.monotonic()
        report = await scheduler.tick()
        elapsed = time.monotonic() - started
        await app.shutdown()
        server.stop()
        delivered = Counter(str(c.params.get("chat_id")) for c in server.calls
                            if c.method == "sendMessage" and c.ok)
        digests = sum(delivered.values())
        return {
            "subscribers": subscribers, "sent": report.sent, "failed": report.failed,
            "messages": digests, "duplicates": sum(n - 1 for n in delivered.values() if n > 1),
            "chats_without_digest": subscribers - len(delivered), "http_429": server.too_many,
            "seconds": elapsed, "rate": digests / elapsed if elapsed else 0.0,
        }
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


def machine() -> str:
    cpu = "unknown CPU"
    with contextlib.suppress(OSError, StopIteration):
        cpu = next(line.split(":", 1)[1].strip() for line in Path("/proc/cpuinfo").read_text().splitlines()
                   if line.startswith("model name"))
    return f"{os.cpu_count()} cores, {cpu}, Python {platform.python_version()}, {platform.system()}"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--subscribers", type=int, default=10_000)
    args = parser.parse_args()
    result = asyncio.run(fan_out(args.subscribers))
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"machine: {machine()}")
    print(f"date: {datetime.now(UTC):%Y-%m-%d %H:%M} UTC")
    print(f"subscribers {result['subscribers']}, digests sent {result['sent']}, failed {result['failed']}, "
          f"messages {result['messages']}, duplicates {result['duplicates']}, "
          f"chats without digest {result['chats_without_digest']}")
    print(f"wall time {result['seconds']:.1f} s, achieved {result['rate']:.1f} messages/s "
          f"({result['rate'] / LIMIT_PER_SECOND:.0%} of the {LIMIT_PER_SECOND}/s limit), "
          f"HTTP 429 answers {result['http_429']}, peak memory {peak:.0f} MB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
