"""`briefbot telegram` as a process: long polling against the fake server, SIGTERM, bad tokens."""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from botapi_server import FakeBotAPI, parse_telegram_html

ROOT = Path(__file__).resolve().parents[2]


def _env(token: str, base_url: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("BRIEFBOT_")}
    env.update(BRIEFBOT_TELEGRAM_TOKEN=token, BRIEFBOT_TELEGRAM_BASE_URL=base_url,
               BRIEFBOT_ADMINS="4711", PYTHONUNBUFFERED="1")
    return env


def _command(seeds: Path, *options: str) -> list[str]:
    """`briefbot telegram` over a copy of the seeds, its store beside them."""
    return [sys.executable, "-m", "bot.cli", "--seeds", str(seeds), "--db", f"sqlite:///{seeds.parent}/s.db",
            "telegram", *options]


@contextmanager
def _bot(seeds: Path, env: dict[str, str], *options: str) -> Iterator[subprocess.Popen[str]]:
    """The bot as a process of its own; killed should the test end while it still runs."""
    proc = subprocess.Popen(_command(seeds, *options), cwd=ROOT, env=env, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True)
    try:
        yield proc
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait(timeout=5)


def _stop(proc: subprocess.Popen[str]) -> tuple[str, str]:
    """SIGTERM, as systemd stops the bot; what it wrote to stdout and stderr."""
    proc.send_signal(signal.SIGTERM)
    return proc.communicate(timeout=20)


def _wait(predicate, timeout: float, what: str, proc: subprocess.Popen | None = None) -> None:
    deadline = time.monotonic() + timeout
    while not predicate():
        if proc is not None and proc.poll() is not None:
            raise AssertionError(f"the bot exited ({proc.returncode}) while waiting for {what}: "
                                 f"{proc.stderr.read() if proc.stderr else ''}")
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out waiting for {what}")
        time.sleep(0.05)


def test_polling_bot_answers_and_stops_cleanly_on_sigterm(server: FakeBotAPI, seeds_copy: Path) -> None:
    with _bot(seeds_copy, _env(server.token, server.base_url)) as proc:
        _wait(lambda: server.calls_of("getUpdates"), 30, "the bot to poll", proc)
        server.send_text("/quellen", chat_id=5001)
        _wait(lambda: server.sent_texts(5001), 15, "the answer", proc)
        assert "5 Quellen" in parse_telegram_html(server.sent_texts(5001)[0])
        assert server.calls_of("deleteWebhook")  # run_polling drops a webhook first
        assert server.commands_for({"type": "chat", "chat_id": 4711}, "de")
        out, err = _stop(proc)
    assert proc.returncode == 0, err
    assert server.token not in err and server.token not in out
    assert server.token.split(":")[1] not in err
    assert "Traceback" not in err


def test_a_refused_token_is_a_one_line_error(server: FakeBotAPI, seeds_copy: Path) -> None:
    wrong = "987654321:AAHwrongTOKEN_thatTelegramRefuses"
    result = subprocess.run(_command(seeds_copy), cwd=ROOT, env=_env(wrong, server.base_url), capture_output=True,
                            text=True, timeout=60)
    assert result.returncode == 2, result.stderr
    assert "Traceback" not in result.stderr
    assert wrong not in result.stderr and wrong.split(":")[1] not in result.stderr
    errors = [line for line in result.stderr.splitlines() if line.startswith("briefbot:")]
    assert len(errors) == 1 and "refused the token" in errors[0]


def test_malformed_token_process_exits_2_without_traceback(tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items() if not k.startswith("BRIEFBOT_")}
    env["BRIEFBOT_TELEGRAM_TOKEN"] = "12345:bad token!"
    result = subprocess.run([sys.executable, "-m", "bot.cli", "--seeds", str(tmp_path), "telegram"], cwd=ROOT,
                            env=env, capture_output=True, text=True, timeout=60)
    assert result.returncode == 2
    assert result.stderr.count("\n") == 1 and result.stderr.startswith("briefbot: ")
    assert "bad token" not in result.stderr


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def test_webhook_mode_registers_the_hook_and_answers_posted_updates(server: FakeBotAPI, seeds_copy: Path) -> None:
    port = _free_port()
    public = f"http://127.0.0.1:{port}"
    env = _env(server.token, server.base_url)
    with _bot(seeds_copy, env, "--webhook-url", public, "--listen", f"127.0.0.1:{port}") as proc:
        _wait(lambda: server.calls_of("setWebhook"), 30, "setWebhook", proc)
        hook = server.calls_of("setWebhook")[0].params
        assert hook["url"] == public + "/telegram"
        secret = hook.get("secret_token")
        assert secret and server.token.split(":")[1][-8:] not in secret
        update = {"update_id": 77, "message": server.message_dict("/quellen", chat_id=5002)}
        body = json.dumps(update).encode()

        def post(headers: dict[str, str]) -> int:
            request = urllib.request.Request(hook["url"], data=body, method="POST",
                                             headers={"Content-Type": "application/json", **headers})
            try:
                with urllib.request.urlopen(request, timeout=10) as response:
                    return response.status
            except urllib.error.HTTPError as exc:
                return exc.code

        _wait(lambda: _port_open(port), 15, "the webhook server", proc)
        assert post({"X-Telegram-Bot-Api-Secret-Token": "wrong"}) == 403
        assert post({"X-Telegram-Bot-Api-Secret-Token": secret}) == 200
        _wait(lambda: server.sent_texts(5002), 15, "the answer", proc)
        assert len(server.sent_texts(5002)) == 1 and "5 Quellen" in parse_telegram_html(server.sent_texts(5002)[0])
        _, err = _stop(proc)
    assert proc.returncode == 0, err
    assert server.token not in err and "Traceback" not in err


def _port_open(port: int) -> bool:
    with socket.socket() as sock:
        sock.settimeout(0.2)
        return sock.connect_ex(("127.0.0.1", port)) == 0


def test_an_unreachable_bot_api_is_retried_without_traceback_and_sigterm_stops_it(seeds_copy: Path) -> None:
    token = "123456789:AAHfakeTOKENfor-tests_0123456789abcd"
    lines: list[str] = []
    with _bot(seeds_copy, _env(token, f"http://127.0.0.1:{_free_port()}/bot")) as proc:
        reader = threading.Thread(target=lambda: lines.extend(iter(proc.stderr.readline, "")), daemon=True)  # type: ignore[union-attr]
        reader.start()
        # a busy machine may take a while to build the store: wait for the second attempt, not for a fixed time
        deadline = time.monotonic() + 90
        while time.monotonic() < deadline and sum("not reachable" in line for line in lines) < 2:
            assert proc.poll() is None, "".join(lines)  # still trying, not exited
            time.sleep(0.2)
        proc.send_signal(signal.SIGTERM)
        out = proc.stdout.read() if proc.stdout else ""  # type: ignore[union-attr]
        proc.wait(timeout=20)
        reader.join(timeout=5)
    err = "".join(lines)
    assert proc.returncode == 0, err
    assert "Traceback" not in err
    assert token not in err and token.split(":")[1] not in err and token not in out
    retries = [line for line in err.splitlines() if "not reachable" in line]
    assert len(retries) >= 2, err


def test_a_bot_api_that_fails_at_start_is_retried_until_the_bot_answers(server: FakeBotAPI,
                                                                          seeds_copy: Path) -> None:
    server.fail("getMe", 502, times=2)
    with _bot(seeds_copy, _env(server.token, server.base_url)) as proc:
        _wait(lambda: server.calls_of("getUpdates"), 40, "the bot to poll", proc)
        server.send_text("/quellen", chat_id=5002)
        _wait(lambda: server.sent_texts(5002), 15, "the answer", proc)
        _out, err = _stop(proc)
    assert proc.returncode == 0, err
    assert "Traceback" not in err
    assert len([line for line in err.splitlines() if "not reachable" in line]) == 2, err
