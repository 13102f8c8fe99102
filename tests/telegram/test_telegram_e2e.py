"""End to end: the real python-telegram-bot Application against the fake Bot API server."""

from __future__ import annotations

import html

from botapi_server import FakeBotAPI, parse_telegram_html
from harness import ADMIN_ID, drive, exchange, ignored, running_bot, sends, settle, wait_until

PNG = b"\x89PNG\r\n\x1a\n"


def texts(calls) -> str:
    return "\n".join(c.params.get("text") or c.params.get("caption") or "" for c in calls)


def plain(calls) -> str:
    return parse_telegram_html(texts(calls))


def buttons(call) -> list[tuple[str, str]]:
    markup = call.params.get("reply_markup") or {}
    return [(b["text"], b["callback_data"]) for row in markup.get("inline_keyboard", []) for b in row]


def test_start_greets_in_german_with_typing_action(server: FakeBotAPI, config, context) -> None:
    async def scenario() -> None:
        async with running_bot(config, context):
            update = server.send_text("/start", chat_id=2001)
            sent = await exchange(server, update, 2001)
            assert len(sent) == 1
            assert "Hallo! Ich bin briefbot." in sent[0].params["text"]
            assert sent[0].params["parse_mode"] == "HTML"
            replied_to = sent[0].params.get("reply_parameters") or {}
            assert replied_to.get("message_id") == update["message"]["message_id"]
            actions = server.calls_of("sendChatAction", chat_id=2001)
            assert actions and actions[0].params["action"] == "typing"
            assert actions[0].at <= sent[0].at

    drive(scenario())


def test_figures_question_lists_each_source_as_html(server: FakeBotAPI, config, context) -> None:
    async def scenario() -> None:
        async with running_bot(config, context):
            update = server.send_text("Wie viele Soldaten meldet jede Quelle?", chat_id=2002)
            sent = await exchange(server, update, 2002)
            text = texts(sent)
            for number in ("12.000", "1.500", "10.000", "11.000"):
                assert number in text
            assert "<b>Truppenzahlen je Quelle:</b>" in text
            assert all(c.method == "sendMessage" for c in sent)
            # the chart button sits under the last message and answers with the picture
            assert ("📊 Grafik", "/chart") in buttons(sent[-1])
            press = server.press_button(sent[-1].result, "/chart")
            photo = await exchange(server, press, 2002)
            assert photo[0].method == "sendPhoto"
            assert photo[0].files["photo"].startswith(PNG)
            await wait_until(lambda: server.calls_of("answerCallbackQuery"), what="answerCallbackQuery")

    drive(scenario())


def test_who_said_and_sources(server: FakeBotAPI, config, context) -> None:
    async def scenario() -> None:
        async with running_bot(config, context):
            update = server.send_text("Wer sprach von Eskalation?", chat_id=2003)
            assert "Mark Rutte" in plain(await exchange(server, update, 2003))
            update = server.send_text("/sources", chat_id=2003)
            answer = plain(await exchange(server, update, 2003))
            assert "5 Quellen" in answer
            assert "taz" in answer
            update = server.send_text("/quellen", chat_id=2003)
            assert "5 Quellen" in plain(await exchange(server, update, 2003))

    drive(scenario())


def test_chart_command_sends_a_png(server: FakeBotAPI, config, context) -> None:
    async def scenario() -> None:
        async with running_bot(config, context):
            update = server.send_text("/chart", chat_id=2004)
            sent = await exchange(server, update, 2004)
            assert [c.method for c in sent] == ["sendPhoto"]
            assert sent[0].files["photo"].startswith(PNG)
            assert "Truppenzahlen je Quelle" in sent[0].params["caption"]
            parse_telegram_html(sent[0].params["caption"])

    drive(scenario())


def test_ambiguous_name_offers_buttons_and_a_press_answers(server: FakeBotAPI, config, context) -> None:
    async def scenario() -> None:
        async with running_bot(config, context):
            update = server.send_text("Was sagte Kim?", chat_id=2005)
            sent = await exchange(server, update, 2005)
            choices = buttons(sent[-1])
            assert ("Kim Jong Un", "/who Kim Jong Un") in choices
            assert ("Kim Yong-hyun", "/who Kim Yong-hyun") in choices
            press = server.press_button(sent[-1].result, "/who Kim Yong-hyun")
            answer = plain(await exchange(server, press, 2005))
            assert "Kim Yong-hyun" in answer
            answered = await wait_until(lambda: server.calls_of("answerCallbackQuery"), what="answerCallbackQuery")
            assert answered[0].params["callback_query_id"] == press["callback_query"]["id"]

    drive(scenario())


def test_unknown_command_gets_the_list_of_commands(server: FakeBotAPI, config, context) -> None:
    async def scenario() -> None:
        async with running_bot(config, context):
            update = server.send_text("/frobnicate", chat_id=2006)
            answer = plain(await exchange(server, update, 2006))
            assert "Unbekannter Befehl /frobnicate" in answer
            assert "/sources" in answer

    drive(scenario())


def test_markup_in_user_text_is_escaped(server: FakeBotAPI, config, context) -> None:
    async def scenario() -> None:
        async with running_bot(config, context):
            # an unknown command echoes its name: raw user text in the reply
            update = server.send_text("/x<b>fett</b>&amp;", chat_id=2007)
            sent = await exchange(server, update, 2007)
            assert all(c.ok for c in sends(server, 2007, ok=None))
            assert "<b>fett" not in sent[0].params["text"]
            assert "/x<b>fett</b>&amp;" in plain(sent)
            # HTML and Markdown in a question: answered, the reply parses
            for n, question in enumerate(("Was sagte <b>Rutte</b>?", "Was sagte **Rutte** über _Eskalation_?",
                                          "<script>alert('x')</script> Wer sprach von <i>Eskalation</i> & Krieg?")):
                update = server.send_text(question, chat_id=2100 + n)
                answer = plain(await exchange(server, update, 2100 + n))
                assert "Rutte" in answer or "Eskalation" in answer or "eskalation" in answer
                assert "<script>" not in texts(sends(server, 2100 + n))
                assert all(c.ok for c in sends(server, 2100 + n, ok=None))

    drive(scenario())


def test_very_long_messages_are_answered_within_limits(server: FakeBotAPI, config, context) -> None:
    long_messages = [
        "x" * 10_000,
        ("Wer sprach von Eskalation? " * 400)[:10_000],
        ("<b>Tom</b> & Jerry " * 600)[:10_000],
        "&" * 10_000,
        "Was sagte Rutte? " + "ä" * 9_983,
        ("/wer " + "Rutte " * 2_000)[:10_000],
    ]

    async def scenario() -> None:
        async with running_bot(config, context):
            for n, message in enumerate(long_messages):
                assert len(message) >= 10_000
                chat = 2200 + n
                update = server.send_text(message, chat_id=chat)
                sent = await exchange(server, update, chat)
                assert sent, message[:40]
                failed = [c for c in sends(server, chat, ok=None) if not c.ok]
                assert not failed, [c.result for c in failed]
                for call in sent:
                    assert len(call.params["text"]) <= 4096
                    parse_telegram_html(call.params["text"])  # balanced tags, only valid entities
                    assert "schiefgegangen" not in call.params["text"]
            # still running
            update = server.send_text("/start", chat_id=2299)
            assert "briefbot" in plain(await exchange(server, update, 2299))

    drive(scenario())


def test_photo_and_sticker_get_a_hint_and_edits_are_ignored(server: FakeBotAPI, config, context) -> None:
    async def scenario() -> None:
        async with running_bot(config, context):
            update = server.send_photo_from_user(chat_id=2008)
            assert "nur Textnachrichten" in plain(await exchange(server, update, 2008))
            update = server.send_sticker_from_user(chat_id=2008)
            assert "nur Textnachrichten" in plain(await exchange(server, update, 2008))
            update = server.edit_text_from_user("Wer sprach von Eskalation?", chat_id=2008)
            assert await ignored(server, update, 2008) == []
            # in a group, pictures are nobody's business
            update = server.send_photo_from_user(chat_id=-100300, chat_type="supergroup", user_id=2008)
            assert await ignored(server, update, -100300) == []
            update = server.send_text("/start", chat_id=2008)
            assert "briefbot" in plain(await exchange(server, update, 2008))

    drive(scenario())


def test_groups_answer_commands_mentions_and_replies_only(server: FakeBotAPI, config, context) -> None:
    group = -100200

    async def scenario() -> None:
        async with running_bot(config, context):
            me = server.bot_user["username"]
            update = server.send_text("Wer sprach von Eskalation?", chat_id=group, chat_type="supergroup")
            assert await ignored(server, update, group) == []
            update = server.send_text(f"@{me} Wer sprach von Eskalation?", chat_id=group, chat_type="supergroup")
            sent = await exchange(server, update, group)
            assert "Mark Rutte" in plain(sent)
            update = server.send_text("Was sagte Rutte?", chat_id=group, chat_type="supergroup",
                                      reply_to=sent[0].result)
            assert "Rutte" in plain(await exchange(server, update, group))
            update = server.send_text("/quellen", chat_id=group, chat_type="supergroup")
            assert "5 Quellen" in plain(await exchange(server, update, group))
            update = server.send_text(f"/sources@{me}", chat_id=group, chat_type="supergroup")
            assert "5 Quellen" in plain(await exchange(server, update, group))
            update = server.send_text("/sources@some_other_bot", chat_id=group, chat_type="supergroup")
            assert await ignored(server, update, group) == []

    drive(scenario())


def test_command_menus_in_german_and_english_with_reload_for_admins_only(server: FakeBotAPI, config,
                                                                        context) -> None:
    async def scenario() -> None:
        async with running_bot(config, context) as (_, app):
            english = server.commands_for(None, "")
            german = server.commands_for(None, "de")
            assert english and german
            assert {"start", "help", "sources", "figures", "who", "lang", "chart", "more"} <= set(english)
            assert {"start", "hilfe", "quellen", "zahlen", "wer", "sprache", "grafik", "mehr"} <= set(german)
            assert "reload" not in english and "neuladen" not in german
            private = server.commands_for({"type": "all_private_chats"}, "")
            assert private and "reload" not in private
            admin_scope = {"type": "chat", "chat_id": ADMIN_ID}
            assert "reload" in server.commands_for(admin_scope, "")
            assert "neuladen" in server.commands_for(admin_scope, "de")
            # and the bot can read them back (getMyCommands)
            from telegram import BotCommandScopeChat

            menu = await app.bot.get_my_commands(scope=BotCommandScopeChat(ADMIN_ID), language_code="de")
            assert "neuladen" in [c.command for c in menu]
            languages = {c.params.get("language_code") for c in server.calls_of("setMyCommands")}
            assert languages == {"de", None}

    drive(scenario())


def test_reload_is_refused_for_non_admins(server: FakeBotAPI, config, context) -> None:
    async def scenario() -> None:
        async with running_bot(config, context):
            update = server.send_text("/reload", chat_id=2009)
            assert "Nur Admins dürfen neu laden." in plain(await exchange(server, update, 2009))
            update = server.send_text("/neuladen", chat_id=2009)
            assert "Nur Admins" in plain(await exchange(server, update, 2009))

    drive(scenario())


def test_html_of_every_reply_is_escaped(server: FakeBotAPI, config, context) -> None:
    """Source text goes through html.escape: what Telegram shows equals the handler's plain text."""
    from handlers import Request, dispatch

    questions = ["Wie viele Soldaten meldet jede Quelle?", "/quellen", "Was sagte Rutte?", "/hilfe"]

    async def scenario() -> None:
        async with running_bot(config, context):
            for n, question in enumerate(questions):
                chat = 2400 + n
                update = server.send_text(question, chat_id=chat)
                sent = await exchange(server, update, chat)
                expected = dispatch(Request(text=question, chat=f"check{n}"), context).text
                assert plain(sent) == expected

    drive(scenario())


def test_button_press_on_an_old_message_still_answers(server: FakeBotAPI, config, context) -> None:
    async def scenario() -> None:
        async with running_bot(config, context):
            update = server.send_text("Was sagte Kim?", chat_id=2010)
            sent = await exchange(server, update, 2010)
            server.fail("answerCallbackQuery", 400, description="Bad Request: query is too old and response "
                        "timeout expired or query ID is invalid")
            press = server.press_button(sent[-1].result, "/who Kim Jong Un")
            answer = await exchange(server, press, 2010)
            assert "Kim Jong Un" in plain(answer)
            assert "schiefgegangen" not in plain(answer)

    drive(scenario())


def test_failing_menu_registration_does_not_stop_the_bot(server: FakeBotAPI, config, context) -> None:
    async def scenario() -> None:
        server.fail("setMyCommands", 500, times=20)
        async with running_bot(config, context):
            update = server.send_text("/start", chat_id=2011)
            assert "briefbot" in plain(await exchange(server, update, 2011))

    drive(scenario())


def test_a_long_reply_arrives_in_valid_chunks_with_buttons_under_the_last(server: FakeBotAPI, config,
                                                                         context) -> None:
    from handlers import Button, Reply

    lines = []
    for n in range(60):
        lines.append(f"• Quelle <{n}> & Co:")
        lines.extend(f"  Zitat „{'Eskalation ' * 8}“ – laut <b>Rutte</b> & Austin [taz ¶{n}.{k}]" for k in range(5))
        lines.append("")
    text = "Aussagen:\n" + "\n".join(lines)
    assert len(text) > 3 * 4096

    async def scenario() -> None:
        async with running_bot(config, context) as (frontend, _app):
            reply = Reply(text=text, buttons=[Button("Kim Jong Un", "/who Kim Jong Un")])
            await frontend.send("tg:2012", reply)
            sent = await settle(server, 2012)
            assert len(sent) >= 4
            assert all(c.ok for c in sends(server, 2012, ok=None))
            assert all(len(c.params["text"]) <= 4096 for c in sent)
            assert [bool(buttons(c)) for c in sent] == [False] * (len(sent) - 1) + [True]
            shown = "\n".join(parse_telegram_html(c.params["text"]) for c in sent)
            assert shown.split() == text.split()
            # cut at paragraph ends: every chunk after the first starts with a source line
            assert all(parse_telegram_html(c.params["text"]).startswith("• Quelle") for c in sent[1:])

    drive(scenario())


def test_language_switch_changes_the_reply_language(server: FakeBotAPI, config, context) -> None:
    async def scenario() -> None:
        async with running_bot(config, context):
            update = server.send_text("/lang en", chat_id=2013)
            await exchange(server, update, 2013)
            update = server.send_text("/start", chat_id=2013)
            assert "Hello! I am briefbot." in plain(await exchange(server, update, 2013))
            update = server.send_photo_from_user(chat_id=2013)
            assert "I only read text messages" in plain(await exchange(server, update, 2013))
            update = server.send_text("/sprache de", chat_id=2013)
            await exchange(server, update, 2013)
            update = server.send_text("/start", chat_id=2013)
            assert "Hallo!" in plain(await exchange(server, update, 2013))

    drive(scenario())


def test_escape_helper_matches_html_escape() -> None:
    assert parse_telegram_html(html.escape("<a> & </b>", quote=False)) == "<a> & </b>"
