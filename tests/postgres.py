"""A throwaway PostgreSQL 15 cluster for tests: initdb into a temporary folder, start, stop."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

PG_BIN = Path(os.environ.get("BRIEFBOT_PG_BIN", "/usr/lib/postgresql/15/bin"))


def available() -> bool:
    return (PG_BIN / "initdb").exists() and (os.geteuid() != 0 or shutil.which("runuser") is not None)


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _run(args: list[str]) -> None:
    # initdb refuses to run as root; the distribution's postgres user runs the cluster then
    prefix = ["runuser", "-u", "postgres", "--"] if os.geteuid() == 0 else []
    subprocess.run(prefix + args, check=True, capture_output=True, timeout=120)


@contextmanager
def cluster() -> Iterator[str]:
    """Yields a SQLAlchemy URL of a fresh, empty database; the cluster is removed afterwards."""
    root = Path(tempfile.mkdtemp(prefix="briefbot-pg-"))
    if os.geteuid() == 0:
        shutil.chown(root, "postgres")
    data = root / "data"
    port = _free_port()
    _run([str(PG_BIN / "initdb"), "-D", str(data), "-A", "trust", "-U", "briefbot", "--no-sync"])
    _run([str(PG_BIN / "pg_ctl"), "-D", str(data), "-l", str(root / "log"), "-w", "-o",
          f"-p {port} -k {root} -c listen_addresses=127.0.0.1 -c fsync=off", "start"])
    try:
        _run([str(PG_BIN / "createdb"), "-h", "127.0.0.1", "-p", str(port), "-U", "briefbot", "briefbot"])
        yield f"postgresql+psycopg://briefbot@127.0.0.1:{port}/briefbot"
    finally:
        subprocess.run((["runuser", "-u", "postgres", "--"] if os.geteuid() == 0 else [])
                       + [str(PG_BIN / "pg_ctl"), "-D", str(data), "-m", "immediate", "stop"],
                       capture_output=True, timeout=60)
        shutil.rmtree(root, ignore_errors=True)
