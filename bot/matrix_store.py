"""The Matrix store folder: the bot's device keys, credentials and sync position, private to its user.

Everything in it is created private from the start (the folder 0700, files 0600, by `os.open`
flags), never written readable and restricted afterwards, since another user reading the key
database or the access token could read the bot's encrypted rooms or act as the bot.

The end-to-end keys are pickled with a key from BRIEFBOT_MATRIX_PICKLE_KEY, or else one generated
once and kept in the folder (`pickle_key`, 0600). A store from before (pickled with matrix-nio's
built-in default key) or one whose key changed is re-encrypted with the current key on start, so
the device and its sessions survive the change.
"""

from __future__ import annotations

import contextlib
import logging
import os
import secrets
import sqlite3
import stat
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from nio.crypto import InboundGroupSession, OlmAccount, Session  # type: ignore[import-untyped]
from nio.store import DefaultStore  # type: ignore[import-untyped]

from bot.config import ConfigError

log = logging.getLogger("briefbot.matrix")

PICKLE_KEY_FILE = "pickle_key"
#: what matrix-nio pickles with when it is given no key: anyone who has the file can read the keys
NIO_DEFAULT_PICKLE_KEY = "DEFAULT_KEY"


def private_folder(path: Path) -> None:
    """The folder, created 0700 (its parents as usual); an existing one others could enter is made private,
    and so are the files in it (a store from before the bot kept it private)."""
    try:
        path.mkdir(mode=0o700, parents=True)
    except FileExistsError:
        _restrict(path, 0o700)
        for child in path.iterdir():
            if child.is_file() and not child.is_symlink():
                _restrict(child, 0o600)


def private_file(path: Path) -> None:
    """An empty file created 0600 if there is none, for a library that then opens it (SQLite)."""
    try:
        os.close(os.open(path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600))
    except FileExistsError:
        _restrict(path, 0o600)


def write_private(path: Path, text: str) -> None:
    """Replace the file's content at once (a crash leaves the old or the new one), readable by its owner only."""
    tmp = path.with_name(f".{path.name}.{secrets.token_hex(4)}.tmp")
    fd = os.open(tmp, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(text)
        tmp.replace(path)
    except BaseException:
        with contextlib.suppress(OSError):
            tmp.unlink()
        raise


def _restrict(path: Path, mode: int) -> None:
    current = stat.S_IMODE(path.stat().st_mode)
    if current & 0o077:
        log.warning("%s was open to other users (%o); made private (%o)", path, current, mode)
        path.chmod(current & mode)


class PrivateStore(DefaultStore):
    """matrix-nio's key database, its file created 0600 before SQLite opens it (its journals follow the file)."""

    def _create_database(self) -> Any:
        private_file(Path(self.database_path))
        return super()._create_database()


def pickle_key(store: Path, configured: str | None) -> str:
    """The key the store's end-to-end keys are pickled with, re-encrypting them if they used another one."""
    key_file = store / PICKLE_KEY_FILE
    saved = None
    with contextlib.suppress(FileNotFoundError):
        _restrict(key_file, 0o600)
        saved = key_file.read_text(encoding="utf-8").strip() or None
    key = configured or saved
    if key is None:
        key = secrets.token_urlsafe(32)
        write_private(key_file, key)
        log.info("generated the pickle key for the end-to-end keys in %s", key_file)
    earlier = [k for k in dict.fromkeys([saved, NIO_DEFAULT_PICKLE_KEY]) if k and k != key]
    for database in sorted(store.glob("*.db")):
        _rekey(database, key, earlier, configured is not None)
    if configured and saved and saved != configured:
        key_file.unlink()  # nothing is pickled with it any more
    return key


def _opens(blob: bytes, key: str) -> bool:
    try:
        OlmAccount.from_pickle(blob, key)
    except Exception:  # vodozemac and libolm raise their own exception types for a wrong key
        return False
    return True


def _rekey(database: Path, key: str, earlier: list[str], configured: bool) -> None:
    _restrict(database, 0o600)
    with contextlib.closing(sqlite3.connect(database)) as db:
        try:
            accounts = db.execute("SELECT id, account, shared FROM accounts").fetchall()
        except sqlite3.DatabaseError:
            return  # not a key database
        if not accounts or all(_opens(blob, key) for _id, blob, _shared in accounts):
            return
        old = next((k for k in earlier if all(_opens(blob, k) for _id, blob, _shared in accounts)), None)
        if old is None:
            what = "BRIEFBOT_MATRIX_PICKLE_KEY" if configured else f"{PICKLE_KEY_FILE} in the store folder"
            raise ConfigError(f"the end-to-end keys in {database.name} cannot be opened with {what}; "
                              "set the key they were stored with, or remove the store to start as a new device")
        with db:  # one transaction: the store is wholly on the old key or wholly on the new one
            for row_id, blob, shared in accounts:
                db.execute("UPDATE accounts SET account = ? WHERE id = ?",
                           (OlmAccount.from_pickle(blob, old, bool(shared)).pickle(key), row_id))
            for session_id, blob in db.execute("SELECT session_id, session FROM olmsessions").fetchall():
                db.execute("UPDATE olmsessions SET session = ? WHERE session_id = ?",
                           (Session.from_pickle(blob, datetime.now(UTC), old).pickle(key), session_id))
            rows = db.execute("SELECT session_id, session, fp_key, sender_key, room_id "
                              "FROM megolminboundsessions").fetchall()
            for session_id, blob, fp_key, sender_key, room_id in rows:
                session = InboundGroupSession.from_pickle(blob, fp_key, sender_key, room_id, old)
                db.execute("UPDATE megolminboundsessions SET session = ? WHERE session_id = ?",
                           (session.pickle(key), session_id))
    log.info("end-to-end keys in %s re-encrypted with the %s pickle key", database.name,
             "configured" if configured else "generated")
