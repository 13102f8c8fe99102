"""The Matrix store is private from the start, its keys pickled with a key of the bot's own, and the bot
starts while its homeserver is down: against a real Synapse (the slow part) and the real `briefbot matrix`."""

from __future__ import annotations

import asyncio
import json
import logging
import os
import signal
import socket
import sqlite3
import stat
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from matrix_helpers import ChatUser, FaultyProxy, running_bot
from nio import AsyncClient, AsyncClientConfig, LoginResponse
from nio.crypto import OlmAccount

from bot.config import Config
from bot.matrix import MatrixFrontend, stop_frontend
from handlers import Context

WHO_Q = "Wer sprach von Eskalation?"
ROOT = Path(__file__).resolve().parents[2]
CHMODS: list[str] = []  # paths os.chmod was called on, while a test watches


def _watch_chmod(event: str, args: tuple) -> None:
    if event == "os.chmod" and CHMODS and isinstance(args[0], (str, os.PathLike)):
        CHMODS.append(os.fspath(args[0]))


sys.addaudithook(_watch_chmod)


@pytest.fixture(scope="module")
def accounts(synapse, tmp_path_factory: pytest.TempPathFactory) -> dict:
    suffix = tmp_path_factory.mktemp("acct").name.replace("-", "").lower()[-6:]
    return {name: synapse.register(f"{name}{suffix}") for name in ("keybot", "carol")}


@pytest.fixture()
def open_umask() -> Iterator[None]:
    """The most permissive umask: whatever is private was created so, not made so by the umask."""
    old = os.umask(0)
    try:
        yield
    finally:
        os.umask(old)


def config_for(synapse, accounts, seeds_folder: Path, seeds_db: str, store: Path, **more: str) -> Config:
    bot = accounts["keybot"]
    return Config(seeds=seeds_folder, db=seeds_db, matrix_homeserver=more.pop("homeserver", synapse.url),
                  matrix_user=bot.user_id, matrix_password=bot.password, matrix_store=str(store), **more)


def run(scenario) -> None:
    asyncio.run(asyncio.wait_for(scenario, 240))


async def answered_in_encrypted_chat(synapse, accounts, tmp_path: Path, bot_id: str) -> None:
    carol = accounts["carol"]
    async with ChatUser(synapse.url, carol.user_id, carol.password, tmp_path / f"carol-{time.time_ns()}") as user:
        room_id = await user.create_room([bot_id], encrypted=True, direct=True)
        await user.wait_joined(room_id, bot_id)
        question = await user.send(room_id, WHO_Q)
        assert "Rutte" in (await user.wait_reply(question)).body


def modes(store: Path) -> dict[str, int]:
    return {p.name: stat.S_IMODE(p.stat().st_mode) for p in [store, *store.iterdir()]}


def test_store_is_private_from_the_start_and_its_pickle_key_is_generated_once(
        synapse, accounts, seeds_folder, seeds_db, seeds_snapshot, tmp_path, open_umask) -> None:
    store = tmp_path / "parent" / "store"
    config = config_for(synapse, accounts, seeds_folder, seeds_db, store)
    context = Context(seeds_snapshot, config)
    bot_id = accounts["keybot"].user_id
    CHMODS[:] = ["(watching)"]

    async def scenario() -> None:
        async with running_bot(config, context):
            await answered_in_encrypted_chat(synapse, accounts, tmp_path, bot_id)

    try:
        run(scenario())
        assert [p for p in CHMODS[1:] if str(store) in p] == []  # nothing was made private afterwards
    finally:
        CHMODS.clear()
    found = modes(store)
    assert found.pop("store") == 0o700
    assert {"credentials.json", "pickle_key", "sync_token", "answered.json"} <= set(found)
    assert any(name.endswith(".db") for name in found)
    assert {name: mode for name, mode in found.items() if mode != 0o600} == {}
    key = (store / "pickle_key").read_text()
    device = json.loads((store / "credentials.json").read_text())["device_id"]
    run(scenario())  # a restart keeps the key and the device, and reads its sessions with it
    assert (store / "pickle_key").read_text() == key
    assert json.loads((store / "credentials.json").read_text())["device_id"] == device


def test_store_from_before_opens_and_moves_to_the_configured_pickle_key(
        synapse, accounts, seeds_folder, seeds_db, seeds_snapshot, tmp_path) -> None:
    store = tmp_path / "old-store"
    store.mkdir(mode=0o755)
    bot = accounts["keybot"]

    async def old_bot() -> str:
        """What the bot did before: nio's default pickle key, files as the umask made them."""
        client = AsyncClient(synapse.url, bot.user_id, store_path=str(store),
                             config=AsyncClientConfig(encryption_enabled=True, store_sync_tokens=False))
        response = await client.login(bot.password, device_name="briefbot")
        assert isinstance(response, LoginResponse)
        await client.keys_upload()
        await client.close()
        (store / "credentials.json").write_text(json.dumps({
            "homeserver": synapse.url, "user": bot.user_id, "user_id": client.user_id,
            "device_id": client.device_id, "access_token": client.access_token}))
        return client.device_id

    device = asyncio.run(old_bot())
    [database] = store.glob("*.db")
    config = config_for(synapse, accounts, seeds_folder, seeds_db, store, matrix_pickle_key="a key from the admin")
    context = Context(seeds_snapshot, config)

    async def scenario() -> None:
        async with running_bot(config, context) as frontend:
            assert frontend.client is not None and frontend.client.device_id == device
            await answered_in_encrypted_chat(synapse, accounts, tmp_path, bot.user_id)

    run(scenario())
    assert stat.S_IMODE(store.stat().st_mode) == 0o700
    assert stat.S_IMODE(database.stat().st_mode) == stat.S_IMODE((store / "credentials.json").stat().st_mode) == 0o600
    assert not (store / "pickle_key").exists()
    with sqlite3.connect(database) as db:
        [(blob,)] = db.execute("SELECT account FROM accounts").fetchall()
    OlmAccount.from_pickle(blob, "a key from the admin")
    with pytest.raises(Exception):  # noqa: B017 - vodozemac's and libolm's own errors
        OlmAccount.from_pickle(blob, "DEFAULT_KEY")


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def test_bot_started_while_the_homeserver_is_down_retries_until_it_is_up(
        synapse, accounts, seeds_folder, seeds_db, seeds_snapshot, tmp_path, caplog) -> None:
    caplog.set_level(logging.INFO, logger="briefbot")
    port = _free_port()
    config = config_for(synapse, accounts, seeds_folder, seeds_db, tmp_path / "store",
                        homeserver=f"http://127.0.0.1:{port}")
    context = Context(seeds_snapshot, config)

    def attempts() -> list[str]:
        return [r.getMessage() for r in caplog.records if "not reachable" in r.getMessage()]

    async def scenario() -> None:
        frontend = MatrixFrontend(config, context)
        task = asyncio.ensure_future(frontend.run())
        try:
            while len(attempts()) < 3:
                assert not task.done(), task.result()
                await asyncio.sleep(0.1)
            async with FaultyProxy(synapse.url, port=port):  # the homeserver comes up
                while frontend.client is None or frontend.client.next_batch is None:
                    assert not task.done(), task.result()
                    await asyncio.sleep(0.1)
                await answered_in_encrypted_chat(synapse, accounts, tmp_path, accounts["keybot"].user_id)
                await stop_frontend(frontend, task, grace=15)
        finally:
            task.cancel()

    run(scenario())
    assert [int(line.split("attempt ")[1].split(":")[0]) for line in attempts()][:3] == [1, 2, 3]
    assert not [r for r in caplog.records if r.exc_info and r.name.startswith("briefbot")]  # no traceback


def test_briefbot_matrix_with_homeserver_down_logs_each_attempt_and_stops_on_sigterm(
        seeds_folder, seeds_db, seeds_snapshot, tmp_path) -> None:
    """No Synapse needed: nothing listens at the homeserver's address."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("BRIEFBOT_")}
    env.update({"BRIEFBOT_MATRIX_HOMESERVER": f"http://127.0.0.1:{_free_port()}",
                "BRIEFBOT_MATRIX_USER": "@briefbot:localhost", "BRIEFBOT_MATRIX_PASSWORD": "pw-never-logged",
                "BRIEFBOT_MATRIX_STORE": str(tmp_path / "store"), "BRIEFBOT_SEEDS": str(seeds_folder),
                "BRIEFBOT_DB": seeds_db})
    log = tmp_path / "bot.log"
    with log.open("wb") as out:
        process = subprocess.Popen([sys.executable, "-m", "bot.cli", "matrix"], env=env, stdout=out,
                                   stderr=subprocess.STDOUT, cwd=ROOT)
    try:
        deadline = time.monotonic() + 90
        while log.read_text().count("not reachable") < 3:
            assert process.poll() is None, log.read_text()
            assert time.monotonic() < deadline, log.read_text()
            time.sleep(0.1)
        process.send_signal(signal.SIGTERM)
        assert process.wait(timeout=10) == 0, log.read_text()
    finally:
        if process.poll() is None:
            process.kill()
            process.wait(10)
    output = log.read_text()
    assert "Traceback" not in output and "pw-never-logged" not in output
    tries = [line for line in output.splitlines() if "not reachable" in line]
    assert ["attempt 1:" in tries[0], "attempt 2:" in tries[1], "attempt 3:" in tries[2]] == [True] * 3
    assert stat.S_IMODE((tmp_path / "store").stat().st_mode) == 0o700
