"""End to end against a real Synapse: the real MatrixFrontend answers a test user driven by matrix-nio.

Each test runs its own event loop; the bot's store (device keys, sync token, answered ids) lives in one
folder for the whole module, so every test also exercises a bot restart on the same device.
"""

from __future__ import annotations

import asyncio
import contextlib
import dataclasses
import json
import logging
import os
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from matrix_helpers import WAIT, ChatUser, FaultyProxy, running_bot, start_bot
from nio import RoomEncryptedImage, RoomMessageImage, RoomMessageNotice, ToDeviceMessage, ToDeviceResponse

import bot.matrix
from bot.config import Config
from handlers import Context, Reply

FIGURES_Q = "Wie viele Soldaten meldet jede Quelle?"
WHO_Q = "Wer sprach von Eskalation?"
SCENARIO_LIMIT = 240  # seconds for one whole test, a bound on top of the 60 s per wait


@pytest.fixture(scope="module")
def accounts(synapse, tmp_path_factory: pytest.TempPathFactory) -> dict:
    suffix = tmp_path_factory.mktemp("acct").name.replace("-", "").lower()[-6:]
    return {name: synapse.register(f"{name}{suffix}") for name in ("briefbot", "alice", "bob")}


@pytest.fixture(scope="module")
def bot_store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("bot-store")


@pytest.fixture(scope="module")
def bot_config(synapse, accounts, bot_store: Path, seeds_folder: Path, seeds_db: str) -> Config:
    bot = accounts["briefbot"]
    return Config(seeds=seeds_folder, db=seeds_db, matrix_homeserver=synapse.url, matrix_user=bot.user_id,
                  matrix_password=bot.password, matrix_store=str(bot_store))


@pytest.fixture(scope="module")
def context(seeds_snapshot, bot_config: Config) -> Context:
    return Context(seeds_snapshot, bot_config)


@pytest.fixture()
def run(synapse, caplog: pytest.LogCaptureFixture):
    """Run one async scenario with a bound; on failure, show Synapse's log tail too."""
    caplog.set_level(logging.INFO, logger="briefbot")

    def runner(scenario):
        try:
            asyncio.run(asyncio.wait_for(scenario, SCENARIO_LIMIT))
        except BaseException:
            print(synapse.log_tail())
            raise

    return runner


def chat_user(synapse, accounts, tmp_path: Path, name: str, **kwargs) -> ChatUser:
    account = accounts[name]
    return ChatUser(synapse.url, account.user_id, account.password, tmp_path / f"{name}-store", **kwargs)


def assert_notice_reply(event, question_id: str, *needles: str) -> None:
    assert isinstance(event, RoomMessageNotice), f"expected m.notice, got {type(event).__name__}: {event.source}"
    content = event.source["content"]
    assert content["msgtype"] == "m.notice"
    assert content.get("format") == "org.matrix.custom.html"
    assert "<br>" in content["formatted_body"] or "<b>" in content["formatted_body"], content["formatted_body"]
    assert "<" not in content["body"].replace("<br>", ""), "the plain body must be plain"
    assert content["m.relates_to"]["m.in_reply_to"]["event_id"] == question_id
    for needle in needles:
        assert needle in content["body"], f"{needle!r} not in {content['body'][:400]!r}"


async def ask_both(alice: ChatUser, room_id: str) -> None:
    figures_id = await alice.send(room_id, FIGURES_Q)
    assert_notice_reply(await alice.wait_reply(figures_id), figures_id, "12.000")
    who_id = await alice.send(room_id, WHO_Q)
    assert_notice_reply(await alice.wait_reply(who_id), who_id, "Rutte")


async def check_long_reply(bot, alice: ChatUser, room_id: str) -> None:
    """A reply far over Matrix's 64 KiB event limit (non-ASCII, HTML-escaped, one huge line) arrives whole."""
    lines = [f"Zeile {i:04d}: „Zitat“ – äöüß & <b>{i}</b> [taz ¶{i}]" for i in range(1500)]
    text = "\n".join([*lines, "x" * 40_000 + "ENDE", "Schluss:"])
    question_id = await alice.send(room_id, "!sources")  # answered normally; the long text follows it
    await alice.wait_reply(question_id)
    before = len(alice.messages_from(room_id, bot.client.user_id))
    await bot.send(f"mx:{room_id}", Reply(text=text), reply_to=question_id)
    await alice.wait_until(lambda: "Schluss:" in (alice.messages_from(room_id, bot.client.user_id)[-1].body or ""),
                           60, "the last part of a long reply did not arrive")
    parts = alice.messages_from(room_id, bot.client.user_id)[before:]
    assert len(parts) >= 3
    assert parts[0].source["content"]["m.relates_to"]["m.in_reply_to"]["event_id"] == question_id
    joined = "\n".join(part.body for part in parts)
    assert all(line in joined for line in lines)
    assert joined.count("x") == text.count("x") and "ENDE" in joined
    assert all(part.source["content"]["formatted_body"] for part in parts)


# ------------------------------------------------------------------ rooms


@pytest.mark.parametrize("encrypted", [False, True], ids=["plain", "encrypted"])
def test_invited_bot_answers_figures_and_who_questions(synapse, accounts, bot_config, context, tmp_path, run,
                                                       encrypted):
    bot_id = accounts["briefbot"].user_id

    async def scenario():
        async with running_bot(bot_config, context) as bot, chat_user(synapse, accounts, tmp_path, "alice") as alice:
            room_id = await alice.create_room([bot_id], encrypted=encrypted)
            await alice.wait_joined(room_id, bot_id)
            await ask_both(alice, room_id)
            assert alice.client.rooms[room_id].encrypted is encrypted
            await check_long_reply(bot, alice, room_id)
            if encrypted:
                chart_id = await alice.send(room_id, "!chart")
                image = await alice.wait_reply(chart_id)
                assert isinstance(image, RoomEncryptedImage), image.source
                assert image.source["content"]["msgtype"] == "m.image"
                assert image.source["content"]["info"]["mimetype"] == "image/png"
            assert not [e for rid, e in alice.undecryptable if rid == room_id]

    run(scenario())


def test_encrypted_direct_chat_every_message_is_a_question(synapse, accounts, bot_config, context, tmp_path, run):
    bot_id = accounts["briefbot"].user_id

    async def scenario():
        async with running_bot(bot_config, context), chat_user(synapse, accounts, tmp_path, "alice") as alice:
            room_id = await alice.create_room([bot_id], encrypted=True, direct=True)
            await alice.wait_joined(room_id, bot_id)
            who_id = await alice.send(room_id, WHO_Q)
            assert_notice_reply(await alice.wait_reply(who_id), who_id, "Rutte")
            help_id = await alice.send(room_id, "!help")
            assert_notice_reply(await alice.wait_reply(help_id), help_id, "!")

    run(scenario())


def test_a_question_whose_room_key_arrives_late_is_answered_once_the_key_is_in(synapse, accounts, bot_config,
                                                                                 context, tmp_path, run):
    bot_id = accounts["briefbot"].user_id

    async def scenario():
        async with running_bot(bot_config, context) as bot, chat_user(synapse, accounts, tmp_path, "alice") as alice:
            room_id = await alice.create_room([bot_id], encrypted=True, direct=True)
            await alice.wait_joined(room_id, bot_id)
            help_id = await alice.send(room_id, "!help")  # now alice has an Olm session with the bot's device
            await alice.wait_reply(help_id)
            # a new megolm session that alice's client does not share with the bot (as when it missed the device)
            olm = alice.client.olm
            olm.outbound_group_sessions.pop(room_id, None)
            olm.create_outbound_group_session(room_id)
            session = olm.outbound_group_sessions[room_id]
            key = {"algorithm": "m.megolm.v1.aes-sha2", "room_id": room_id, "session_id": session.id,
                   "session_key": session.session_key}
            device = next(iter(olm.device_store.active_user_devices(bot_id)))
            session.users_ignored.add((bot_id, device.id))
            question_id = await alice.send(room_id, WHO_Q)
            await alice.wait_until(lambda: bot.awaiting_keys, WAIT, "the bot did not notice the unreadable message")
            await alice.quiet(2)
            assert alice.replies_to(question_id) == []
            # the key arrives late, as a to-device message like any client sends it
            payload = olm._olm_encrypt(olm.session_store.get(device.curve25519), device, "m.room_key", key)
            sent = await alice.client.to_device(ToDeviceMessage("m.room.encrypted", bot_id, device.id, payload))
            assert isinstance(sent, ToDeviceResponse), sent
            assert_notice_reply(await alice.wait_reply(question_id), question_id, "Rutte")
            await alice.quiet(3)
            assert len(alice.replies_to(question_id)) == 1
            assert not bot.awaiting_keys

    run(scenario())


def test_group_room_answers_commands_and_mentions_only(synapse, accounts, bot_config, context, tmp_path, run):
    bot_id, bob_id = accounts["briefbot"].user_id, accounts["bob"].user_id

    async def scenario():
        async with (running_bot(bot_config, context),
                    chat_user(synapse, accounts, tmp_path, "alice") as alice,
                    chat_user(synapse, accounts, tmp_path, "bob", auto_join=True)):
            room_id = await alice.create_room([bot_id, bob_id])
            await alice.wait_joined(room_id, bob_id)
            await alice.wait_joined(room_id, bot_id)
            unaddressed_id = await alice.send(room_id, FIGURES_Q)
            sources_id = await alice.send(room_id, "!sources")
            assert_notice_reply(await alice.wait_reply(sources_id), sources_id, "Quellen")
            mention_id = await alice.send(room_id, f"{bot_id}: {WHO_Q}", mentions=[bot_id])
            assert_notice_reply(await alice.wait_reply(mention_id), mention_id, "Rutte")
            chart_id = await alice.send(room_id, "!chart")
            image = await alice.wait_reply(chart_id)
            assert isinstance(image, RoomMessageImage), image.source
            assert image.source["content"]["url"].startswith("mxc://")
            assert image.source["content"]["info"]["mimetype"] == "image/png"
            # a reply to the bot, with the quoted fallback older clients send, mentions the bot (as Element does)
            answer = alice.replies_to(sources_id)[0]
            quoted = f"> <{bot_id}> {answer.body.splitlines()[0]}\n\n{WHO_Q}"
            reply_id = await alice.send(room_id, quoted, mentions=[bot_id],
                                        extra={"m.relates_to": {"m.in_reply_to": {"event_id": answer.event_id}}})
            assert_notice_reply(await alice.wait_reply(reply_id), reply_id, "Rutte")
            # an edit of a question is no new question
            edit_id = await alice.send(room_id, "* !sources", extra={
                "m.new_content": {"msgtype": "m.text", "body": "!sources"},
                "m.relates_to": {"rel_type": "m.replace", "event_id": sources_id}})
            control_id = await alice.send(room_id, "!help")
            await alice.wait_reply(control_id)
            assert not alice.replies_to(unaddressed_id), "a message that does not address the bot was answered"
            assert not alice.replies_to(edit_id), "an edit was answered as a new question"
            assert len(alice.replies_to(sources_id)) == 1

    run(scenario())


# ------------------------------------------------------------------ resilience


def count_replies(alice: ChatUser, question_id: str) -> int:
    return len(alice.replies_to(question_id))


def test_synapse_restart_mid_session_answers_next_question_once(synapse, accounts, bot_config, context, tmp_path,
                                                                run):
    bot_id = accounts["briefbot"].user_id

    async def scenario():
        async with running_bot(bot_config, context), chat_user(synapse, accounts, tmp_path, "alice") as alice:
            room_id = await alice.create_room([bot_id], encrypted=True)
            await alice.wait_joined(room_id, bot_id)
            first_id = await alice.send(room_id, WHO_Q)
            await alice.wait_reply(first_id)
            await asyncio.to_thread(synapse.restart)  # both clients are mid long-poll
            second_id = await alice.send(room_id, FIGURES_Q)
            assert_notice_reply(await alice.wait_reply(second_id), second_id, "12.000")
            third_id = await alice.send(room_id, "!sources")
            await alice.wait_reply(third_id)
            await alice.quiet(3)
            assert [count_replies(alice, q) for q in (first_id, second_id, third_id)] == [1, 1, 1]

    run(scenario())


def test_bot_restart_keeps_device_and_answers_exactly_once(synapse, accounts, bot_config, context, tmp_path, run):
    bot_id = accounts["briefbot"].user_id

    async def scenario():
        async with chat_user(synapse, accounts, tmp_path, "alice") as alice:
            async with running_bot(bot_config, context) as first_bot:
                device_id = first_bot.client.device_id
                room_id = await alice.create_room([bot_id], encrypted=True)
                await alice.wait_joined(room_id, bot_id)
                answered_id = await alice.send(room_id, WHO_Q)
                await alice.wait_reply(answered_id)
            # the bot is down: this question must be answered when it is back, and only once
            waiting_id = await alice.send(room_id, FIGURES_Q)
            async with running_bot(bot_config, context) as second_bot:
                assert second_bot.client.device_id == device_id
                assert_notice_reply(await alice.wait_reply(waiting_id), waiting_id, "12.000")
                later_id = await alice.send(room_id, "!sources")
                await alice.wait_reply(later_id)
                await alice.quiet(3)
            assert [count_replies(alice, q) for q in (answered_id, waiting_id, later_id)] == [1, 1, 1]
            stored = json.loads((Path(bot_config.matrix_store) / "credentials.json").read_text())
            assert stored["device_id"] == device_id

    run(scenario())


def test_bot_killed_while_answering_answers_after_restart(synapse, accounts, bot_config, context, tmp_path, run,
                                                           monkeypatch):
    """A crash between receiving a question and answering it loses nothing: the next start answers it, once."""
    bot_id = accounts["briefbot"].user_id
    real_dispatch = bot.matrix.dispatch
    entered, release = threading.Event(), threading.Event()

    def stuck_dispatch(request, ctx):
        entered.set()
        release.wait(WAIT)
        return real_dispatch(request, ctx)

    async def scenario():
        async with chat_user(synapse, accounts, tmp_path, "alice") as alice:
            async with running_bot(bot_config, context):
                room_id = await alice.create_room([bot_id])
                await alice.wait_joined(room_id, bot_id)
            monkeypatch.setattr(bot.matrix, "dispatch", stuck_dispatch)
            frontend, task = await start_bot(bot_config, context)
            try:
                question_id = await alice.send(room_id, WHO_Q)
                assert await asyncio.to_thread(entered.wait, WAIT), "the bot never started answering"
                task.cancel()  # killed mid-answer, no graceful stop
                with contextlib.suppress(asyncio.CancelledError):
                    await task
                await frontend.client.close()
            finally:
                release.set()
                monkeypatch.setattr(bot.matrix, "dispatch", real_dispatch)
            assert not alice.replies_to(question_id)
            async with running_bot(bot_config, context):
                assert_notice_reply(await alice.wait_reply(question_id), question_id, "Rutte")
                await alice.quiet(3)
            assert count_replies(alice, question_id) == 1

    run(scenario())


def test_sync_errors_rate_limits_and_lost_responses_are_survived(synapse, accounts, bot_config, context, tmp_path,
                                                                  run):
    """Between bot and Synapse a proxy answers 502 to syncs, 429 to sends, and drops a send's response."""
    bot_id = accounts["briefbot"].user_id

    async def scenario():
        async with FaultyProxy(synapse.url) as proxy:
            config = dataclasses.replace(bot_config, matrix_homeserver=proxy.url,
                                         matrix_store=str(tmp_path / "bot-store-proxy"))
            async with running_bot(config, context), chat_user(synapse, accounts, tmp_path, "alice") as alice:
                room_id = await alice.create_room([bot_id])
                await alice.wait_joined(room_id, bot_id)
                first_id = await alice.send(room_id, "!sources")
                await alice.wait_reply(first_id)
                send = r"^PUT /_matrix/client/[^/]+/rooms/[^/]+/send/"
                proxy.arm("429", send, 2)
                proxy.arm("drop", send, 1)  # the reply reaches Synapse, its answer never reaches the bot
                proxy.arm("502", r"^GET /_matrix/client/[^/]+/sync", 3)
                second_id = await alice.send(room_id, FIGURES_Q)
                assert_notice_reply(await alice.wait_reply(second_id), second_id, "12.000")
                third_id = await alice.send(room_id, WHO_Q)
                assert_notice_reply(await alice.wait_reply(third_id), third_id, "Rutte")
                await alice.quiet(3)
                assert proxy.armed() == 0, proxy.faults
                assert proxy.hits == {"429": 2, "drop": 1, "502": 3}
                assert [count_replies(alice, q) for q in (first_id, second_id, third_id)] == [1, 1, 1]
                assert len(alice.messages_from(room_id, bot_id)) == 3

    run(scenario())


def test_briefbot_matrix_command_stops_on_sigterm_and_resumes(synapse, accounts, bot_config, tmp_path, run):
    """The real `briefbot matrix` process: answers, exits 0 on SIGTERM, and after a restart on the same store
    keeps its device and answers the question that came in while it was down, once."""
    bot = accounts["briefbot"]
    store = tmp_path / "cli-store"
    env = {k: v for k, v in os.environ.items() if not k.startswith("BRIEFBOT_")}
    env.update({"BRIEFBOT_MATRIX_HOMESERVER": synapse.url, "BRIEFBOT_MATRIX_USER": bot.user_id,
                "BRIEFBOT_MATRIX_PASSWORD": bot.password, "BRIEFBOT_MATRIX_STORE": str(store),
                "BRIEFBOT_SEEDS": str(bot_config.seeds), "BRIEFBOT_DB": str(bot_config.db),
                "BRIEFBOT_ADMINS": accounts["alice"].user_id})
    logs = [tmp_path / "bot1.log", tmp_path / "bot2.log"]

    def start(log: Path) -> subprocess.Popen:
        with log.open("wb") as out:
            return subprocess.Popen([sys.executable, "-m", "bot.cli", "matrix"], env=env, stdout=out,
                                    stderr=subprocess.STDOUT, cwd=Path(__file__).resolve().parents[2])

    async def terminate(process: subprocess.Popen, log: Path) -> None:
        process.send_signal(signal.SIGTERM)
        started = time.monotonic()
        while process.poll() is None and time.monotonic() - started < 20:
            await asyncio.sleep(0.1)
        assert process.poll() == 0, f"exit {process.poll()} after SIGTERM:\n{log.read_text()[-3000:]}"

    async def device_of_store() -> str:
        deadline = time.monotonic() + WAIT
        while not (store / "credentials.json").exists():
            assert time.monotonic() < deadline, "the bot never logged in"
            await asyncio.sleep(0.1)
        return json.loads((store / "credentials.json").read_text())["device_id"]

    async def scenario():
        process = start(logs[0])
        try:
            async with chat_user(synapse, accounts, tmp_path, "alice") as alice:
                device_id = await device_of_store()
                room_id = await alice.create_room([bot.user_id], encrypted=True, direct=True)
                await alice.wait_joined(room_id, bot.user_id)
                first_id = await alice.send(room_id, WHO_Q)
                assert_notice_reply(await alice.wait_reply(first_id), first_id, "Rutte")
                await terminate(process, logs[0])
                waiting_id = await alice.send(room_id, FIGURES_Q)  # while the bot is down
                process = start(logs[1])
                assert_notice_reply(await alice.wait_reply(waiting_id), waiting_id, "12.000")
                assert await device_of_store() == device_id
                await alice.quiet(3)
                await terminate(process, logs[1])
                assert [count_replies(alice, q) for q in (first_id, waiting_id)] == [1, 1]
        finally:
            if process.poll() is None:
                process.kill()
                process.wait(10)
            for log in logs:
                if log.exists():
                    print(f"--- {log.name}\n{log.read_text()[-3000:]}")

    run(scenario())


def test_daily_digest_arrives_once_in_a_room_across_restarts(synapse, accounts, tmp_path, run):
    """Subscribe with !subscribe, pass the digest time: one digest, and none more from a second worker."""
    import shutil
    from datetime import UTC, datetime

    from bot.scheduler import DigestScheduler
    from knowledge.store import open_store

    folder = tmp_path / "seeds"
    shutil.copytree(Path(__file__).resolve().parents[2] / "seeds", folder,
                    ignore=shutil.ignore_patterns("*.db", ".*lock"))
    db = f"sqlite:///{tmp_path / 'digest.db'}"
    bot = accounts["briefbot"]
    config = Config(seeds=folder, db=db, matrix_homeserver=synapse.url, matrix_user=bot.user_id,
                    matrix_password=bot.password, matrix_store=str(tmp_path / "digest-bot-store"))
    context = Context(open_store(folder, db, progress=False), config)
    clock = lambda: datetime(2026, 11, 20, 8, 0, tzinfo=UTC)  # noqa: E731

    def digests(alice: ChatUser, room_id: str) -> list:
        return [e for e in alice.messages_from(room_id, bot.user_id)
                if isinstance(e, RoomMessageNotice) and e.body.startswith("Briefing")]

    async def scenario():
        async with running_bot(config, context) as frontend, chat_user(synapse, accounts, tmp_path, "alice") as alice:
            room_id = await alice.create_room([bot.user_id], encrypted=True, direct=True)
            await alice.wait_joined(room_id, bot.user_id)
            question = await alice.send(room_id, "!subscribe 07:30 UTC")
            assert "07:30" in (await alice.wait_reply(question)).body
            await DigestScheduler(context, {"matrix": frontend.send_digest}, clock=clock).tick()
            await alice.wait_until(lambda: digests(alice, room_id), WAIT, "no digest")
            again = DigestScheduler(Context(context.snapshot, config), {"matrix": frontend.send_digest},
                                    clock=clock, worker="second")
            await again.tick()
            await alice.quiet(3)
            assert len(digests(alice, room_id)) == 1
            assert "12.000" in digests(alice, room_id)[0].body

    run(scenario())
