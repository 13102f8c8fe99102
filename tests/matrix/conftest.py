"""A real Synapse homeserver for the Matrix end-to-end tests, started once per test session.

Synapse lives in its own virtual environment (tests/matrix/install_synapse.sh creates it at
${BRIEFBOT_SYNAPSE_VENV:-~/.cache/briefbot/synapse-venv}). Where it is missing the tests are skipped
with the reason, except under CI=true, where a missing homeserver is an error: CI must run them.
"""

from __future__ import annotations

import contextlib
import hashlib
import hmac
import json
import os
import secrets
import signal
import socket
import subprocess
import time
import urllib.error
import urllib.request
from dataclasses import dataclass
from pathlib import Path

import pytest
import yaml

HERE = Path(__file__).resolve().parent
# Read at import: the test-wide autouse fixture removes every BRIEFBOT_* variable from the environment.
SYNAPSE_VENV = Path(os.environ.get("BRIEFBOT_SYNAPSE_VENV") or Path.home() / ".cache/briefbot/synapse-venv")
IN_CI = os.environ.get("CI", "").lower() == "true"
START_TIMEOUT = 60.0
GENEROUS = {"per_second": 1000, "burst_count": 10000}


def _missing(reason: str) -> None:
    message = f"{reason} (run tests/matrix/install_synapse.sh to install Synapse for the Matrix tests)"
    if IN_CI:
        pytest.fail(f"CI=true and no Synapse homeserver: {message}", pytrace=False)
    pytest.skip(message)


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _request(url: str, data: dict | None = None, timeout: float = 10.0) -> dict:
    body = json.dumps(data).encode() if data is not None else None
    req = urllib.request.Request(url, data=body, headers={"Content-Type": "application/json"},
                                 method="POST" if body is not None else "GET")
    with urllib.request.urlopen(req, timeout=timeout) as response:
        return json.loads(response.read())


@dataclass
class MatrixUser:
    user_id: str
    localpart: str
    password: str


class Synapse:
    """One Synapse process on 127.0.0.1 with a config generated for tests; can be restarted on the same data."""

    def __init__(self, python: Path, workdir: Path) -> None:
        self.python = python
        self.workdir = workdir
        self.config_path = workdir / "homeserver.yaml"
        self.log_path = workdir / "synapse.stdout.log"
        self.port = _free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.server_name = "localhost"
        self.secret = secrets.token_hex(16)
        self.process: subprocess.Popen | None = None
        self.restarts = 0

    # ------------------------------------------------------------ config

    def generate_config(self) -> None:
        subprocess.run(
            [str(self.python), "-m", "synapse.app.homeserver", "--server-name", self.server_name,
             "--config-path", str(self.config_path), "--generate-config", "--report-stats=no"],
            cwd=self.workdir, check=True, capture_output=True, timeout=120)
        config = yaml.safe_load(self.config_path.read_text(encoding="utf-8"))
        config.update({
            "listeners": [{"port": self.port, "bind_addresses": ["127.0.0.1"], "type": "http", "tls": False,
                           "x_forwarded": False, "resources": [{"names": ["client"], "compress": False}]}],
            "database": {"name": "sqlite3", "args": {"database": str(self.workdir / "homeserver.db")}},
            "registration_shared_secret": self.secret,
            "enable_registration": False,
            "trusted_key_servers": [],
            "suppress_key_server_warning": True,
            "federation_domain_whitelist": [],
            "presence": {"enabled": False},
            "url_preview_enabled": False,
            "enable_metrics": False,
            "report_stats": False,
            "media_store_path": str(self.workdir / "media_store"),
            "rc_message": GENEROUS,
            "rc_registration": GENEROUS,
            "rc_registration_token_validity": GENEROUS,
            "rc_login": {"address": GENEROUS, "account": GENEROUS, "failed_attempts": GENEROUS},
            "rc_admin_redaction": GENEROUS,
            "rc_joins": {"local": GENEROUS, "remote": GENEROUS},
            "rc_joins_per_room": GENEROUS,
            "rc_3pid_validation": GENEROUS,
            "rc_invites": {"per_room": GENEROUS, "per_user": GENEROUS, "per_issuer": GENEROUS},
            "rc_third_party_invite": GENEROUS,
            "rc_key_requests": GENEROUS,
            "rc_room_creation": GENEROUS,
            "rc_media_create": GENEROUS,
            "rc_delayed_event_mgmt": GENEROUS,
            "rc_reports": GENEROUS,
        })
        self.config_path.write_text(yaml.safe_dump(config), encoding="utf-8")

    # ------------------------------------------------------------ process

    def start(self) -> None:
        assert self.process is None, "already running"
        log = self.log_path.open("ab")
        self.process = subprocess.Popen(
            [str(self.python), "-m", "synapse.app.homeserver", "--config-path", str(self.config_path)],
            cwd=self.workdir, stdout=log, stderr=subprocess.STDOUT, start_new_session=True)
        log.close()
        deadline = time.monotonic() + START_TIMEOUT
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                code = self.process.returncode
                self.process = None
                raise RuntimeError(f"Synapse exited with {code} while starting:\n{self.log_tail()}")
            with contextlib.suppress(OSError, ValueError):
                if "versions" in _request(f"{self.url}/_matrix/client/versions", timeout=2):
                    return
            time.sleep(0.1)
        self.stop()
        raise RuntimeError(f"Synapse did not answer within {START_TIMEOUT:.0f} s:\n{self.log_tail()}")

    def stop(self) -> None:
        process, self.process = self.process, None
        if process is None or process.poll() is not None:
            return
        process.send_signal(signal.SIGTERM)
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=10)

    def restart(self) -> None:
        self.stop()
        self.restarts += 1
        self.start()

    def log_tail(self, lines: int = 40) -> str:
        text = ""
        for path in (self.log_path, self.workdir / "homeserver.log"):
            with contextlib.suppress(OSError):
                text += f"--- {path.name}\n" + "\n".join(path.read_text(errors="replace").splitlines()[-lines:])
        return text

    # ------------------------------------------------------------ users

    def register(self, localpart: str, password: str | None = None, admin: bool = False) -> MatrixUser:
        """A new account through the shared-secret admin API (HMAC over nonce, user, password, admin)."""
        password = password or secrets.token_hex(12)
        endpoint = f"{self.url}/_synapse/admin/v1/register"
        nonce = _request(endpoint)["nonce"]
        mac = hmac.new(self.secret.encode(), digestmod=hashlib.sha1)
        mac.update(b"\x00".join([nonce.encode(), localpart.encode(), password.encode(),
                                 b"admin" if admin else b"notadmin"]))
        try:
            result = _request(endpoint, {"nonce": nonce, "username": localpart, "password": password,
                                         "admin": admin, "mac": mac.hexdigest()})
        except urllib.error.HTTPError as exc:
            raise RuntimeError(f"registering {localpart} failed: {exc.read()[:300]!r}") from exc
        return MatrixUser(result["user_id"], localpart, password)


@pytest.fixture(scope="session")
def synapse(tmp_path_factory: pytest.TempPathFactory):
    python = SYNAPSE_VENV / "bin" / "python"
    if not python.exists():
        _missing(f"no Synapse virtual environment at {SYNAPSE_VENV}")
    check = subprocess.run([str(python), "-c", "import synapse.app.homeserver"], capture_output=True, timeout=60)
    if check.returncode != 0:
        _missing(f"{python} cannot import synapse: {check.stderr.decode(errors='replace')[-300:]}")
    server = Synapse(python, tmp_path_factory.mktemp("synapse"))
    server.generate_config()
    server.start()
    try:
        yield server
    finally:
        server.stop()
