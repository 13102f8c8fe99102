"""The Bot API misbehaves (500, 429 with retry_after, slow answers): nothing is lost, nothing doubled."""

from __future__ import annotations

import logging

from botapi_server import FakeBotAPI, parse_telegram_html
from harness import drive, exchange, running_bot, sends, settle


def _sources_replies(server: FakeBotAPI, chat: int) -> list[str]:
    return [c.params["text"] for c in sends(server, chat) if "5 Quellen" in c.params["text"]]


def test_a_500_on_send_message_still_delivers_exactly_once(server: FakeBotAPI, config, context) -> None:
    async def scenario() -> None:
        async with running_bot(config, context):
            server.fail("sendMessage", 500)
            update = server.send_text("/sources", chat_id=3001)
            sent = await exchange(server, update, 3001)
            await settle(server, 3001, quiet=0.5)
            assert len(_sources_replies(server, 3001)) == 1
            assert not any("schiefgegangen" in c.params["text"] for c in sent)
            failed = [c for c in sends(server, 3001, ok=None) if not c.ok]
            assert [c.status for c in failed] == [500]

    drive(scenario())


def test_a_429_with_retry_after_is_waited_out_and_delivers_once(server: FakeBotAPI, config, context) -> None:
    async def scenario() -> None:
        async with running_bot(config, context):
            server.fail("sendMessage", 429, retry_after=1)
            update = server.send_text("/sources", chat_id=3002)
            await exchange(server, update, 3002)
            await settle(server, 3002, quiet=0.5)
            assert len(_sources_replies(server, 3002)) == 1
            failed = [c for c in sends(server, 3002, ok=None) if not c.ok]
            assert [c.status for c in failed] == [429]
            ok = sends(server, 3002)
            assert ok[0].at - failed[0].at >= 1.0  # it waited retry_after before trying again

    drive(scenario())


def test_slow_answers_and_polling_errors_lose_nothing(server: FakeBotAPI, config, context) -> None:
    async def scenario() -> None:
        async with running_bot(config, context):
            server.slow("sendMessage", 1.0)
            update = server.send_text("/sources", chat_id=3003)
            await exchange(server, update, 3003)
            # getUpdates fails twice (a 500, then a 502): polling goes on, the next message is answered
            server.fail("getUpdates", 500)
            server.fail("getUpdates", 502)
            update = server.send_text("/quellen", chat_id=3003)
            await exchange(server, update, 3003)
            server.slow("sendChatAction", 0.5)
            update = server.send_text("Wer sprach von Eskalation?", chat_id=3003)
            await exchange(server, update, 3003)
            await settle(server, 3003, quiet=0.5)
            assert len(_sources_replies(server, 3003)) == 2
            assert sum("Mark Rutte" in parse_telegram_html(t) for t in server.sent_texts(3003)) == 1

    drive(scenario())


def test_a_persistent_send_failure_is_logged_and_the_bot_goes_on(server: FakeBotAPI, config, context,
                                                                  caplog) -> None:
    caplog.set_level(logging.INFO)

    async def scenario() -> None:
        async with running_bot(config, context):
            server.fail("sendMessage", 400, times=1, description="Bad Request: chat not found")
            update = server.send_text("/sources", chat_id=3004)
            await settle(server, 3004, quiet=0.8)
            assert update
            update = server.send_text("/start", chat_id=3004)
            sent = await exchange(server, update, 3004)
            assert "briefbot" in parse_telegram_html(sent[-1].params["text"])

    drive(scenario())
    assert "chat not found" in caplog.text.lower()


def test_the_token_never_appears_in_logs(server: FakeBotAPI, config, context, caplog) -> None:
    caplog.set_level(logging.DEBUG)
    httpx_level = logging.getLogger("httpx").level

    async def scenario() -> None:
        async with running_bot(config, context):
            logging.getLogger("httpx").setLevel(logging.DEBUG)  # request URLs carry the token
            server.fail("sendMessage", 500)
            server.fail("getUpdates", 500)
            update = server.send_text("/sources", chat_id=3005)
            await exchange(server, update, 3005)
            update = server.send_text("x" * 10_000, chat_id=3005)
            await exchange(server, update, 3005)
            logging.getLogger("briefbot.test").info("config: %r", config)  # whoever logs the config

    try:
        drive(scenario())
    finally:
        logging.getLogger("httpx").setLevel(httpx_level)
    assert "getUpdates" in caplog.text  # the request lines were logged ...
    assert server.token not in caplog.text  # ... without the token
    assert server.token.split(":")[1] not in caplog.text
