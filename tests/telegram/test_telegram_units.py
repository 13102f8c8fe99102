"""bot.telegram helpers without a server: HTML rendering, splitting, token checks, the command line."""

from __future__ import annotations

import logging
import random
import re

import pytest
from botapi_server import HTMLParseError, parse_telegram_html, utf16_len

from bot.cli import main
from bot.config import Config, ConfigError
from bot.telegram import (
    MAX_MESSAGE,
    RedactToken,
    check_token,
    install_log_redaction,
    split_message,
    to_html,
    webhook_secret,
)


def _check_chunks(chunks: list[str], original_plain: str | None = None) -> None:
    assert chunks
    for chunk in chunks:
        assert len(chunk) <= MAX_MESSAGE
        plain = parse_telegram_html(chunk)  # raises on unbalanced tags or broken entities
        assert utf16_len(plain) <= MAX_MESSAGE
        assert plain.strip()


def test_to_html_escapes_everything_and_bolds_headings() -> None:
    text = "Aussagen von <Kim> & Co:\n• taz:\n  „a < b“ & <script>x</script> [taz ¶3]\n  ende:"
    rendered = to_html(text)
    assert rendered.startswith("<b>Aussagen von &lt;Kim&gt; &amp; Co:</b>\n")
    assert "&lt;script&gt;" in rendered
    assert parse_telegram_html(rendered) == text


def test_short_text_is_one_chunk() -> None:
    assert split_message("<b>Titel:</b>\nText") == ["<b>Titel:</b>\nText"]


def test_long_reply_splits_at_lines_and_keeps_tags_balanced() -> None:
    lines = []
    for n in range(400):
        lines.append(f"Quelle {n}:" if n % 10 == 0 else f"  Zitat <{n}> & „Eskalation“ – laut Rutte [taz ¶{n}]")
    text = "\n".join(lines)
    html_text = to_html(text)
    chunks = split_message(html_text)
    assert len(chunks) > 3
    _check_chunks(chunks)
    # nothing lost, nothing changed: the chunks are the text, cut at line ends
    assert "\n".join(parse_telegram_html(c) for c in chunks) == text


@pytest.mark.parametrize("line", [
    "x" * 10_000,
    "&" * 10_000,
    "<" * 3_000 + ">" * 3_000,
    "a&b " * 2_500,
    "Tom & Jerry <3 " * 700,
    "ä" * 9_000,
    "& " * 5_000,
])
def test_a_single_huge_line_is_cut_outside_entities(line: str) -> None:
    html_text = to_html("Zu „" + line + "“ steht nichts in den Quellen.")
    chunks = split_message(html_text)
    _check_chunks(chunks)
    assert "".join(parse_telegram_html(c) for c in chunks).replace(" ", "") == \
        ("Zu „" + line + "“ steht nichts in den Quellen.").replace(" ", "")


def test_huge_bold_line_is_closed_and_reopened() -> None:
    html_text = "<b>" + "Überschrift " * 800 + "</b>\nDanach"
    chunks = split_message(html_text)
    _check_chunks(chunks)
    assert all(c.startswith("<b>") for c in chunks[:-1])


def test_astral_characters_count_double() -> None:
    html_text = "😀" * 3_000 + "\n" + "😀" * 3_000
    _check_chunks(split_message(html_text))


def test_the_fake_servers_html_check_is_strict() -> None:
    for bad in ("<b>offen", "a </b>", "<foo>x</foo>", "a < b", "&am", "<b><i>x</b></i>"):
        with pytest.raises(HTMLParseError):
            parse_telegram_html(bad)
    assert parse_telegram_html("<b>a &lt; b</b> &amp; <i>c</i>") == "a < b & c"


@pytest.mark.parametrize("token", [None, "", "   "])
def test_missing_token_is_a_config_error(token: str | None) -> None:
    with pytest.raises(ConfigError, match="not set"):
        check_token(token)


@pytest.mark.parametrize("token", ["abc", "123456", "123456:", ":ABC", "123:ab cd", "bot123:ABC", "123:AB/C",
                                   "123:ABC\nDEF"])
def test_malformed_token_is_a_config_error_that_does_not_show_it(token: str) -> None:
    with pytest.raises(ConfigError, match="malformed") as info:
        check_token(token)
    assert token.strip() not in str(info.value) or not token.strip()
    assert "\n" not in str(info.value)


def test_well_formed_token_passes_stripped() -> None:
    assert check_token(" 123456789:AAH-x_y \n") == "123456789:AAH-x_y"


def test_cli_telegram_with_malformed_token_exits_2_with_one_line(tmp_path, monkeypatch, capsys) -> None:
    monkeypatch.setenv("BRIEFBOT_TELEGRAM_TOKEN", "not-a-token")
    assert main(["--seeds", str(tmp_path), "telegram"]) == 2
    captured = capsys.readouterr()
    lines = captured.err.strip().splitlines()
    assert len(lines) == 1, captured.err
    assert lines[0].startswith("briefbot: ") and "malformed" in lines[0]
    assert "not-a-token" not in captured.err and "Traceback" not in captured.err
    assert captured.out == ""


def test_cli_telegram_without_token_exits_2(tmp_path, capsys) -> None:
    assert main(["--seeds", str(tmp_path), "telegram"]) == 2
    err = capsys.readouterr().err
    assert len(err.strip().splitlines()) == 1 and "BRIEFBOT_TELEGRAM_TOKEN" in err


def test_redaction_hides_the_token_in_messages_and_arguments(caplog) -> None:
    token = "987654321:ZZsecretTOKEN_abc"
    install_log_redaction([token])
    caplog.set_level(logging.INFO)
    log = logging.getLogger("briefbot.test.redact")
    log.info("url http://x/bot%s/getMe", token)
    log.info("config %r", Config(telegram_token=token))
    log.info("plain " + token)
    assert token not in caplog.text
    assert len(re.findall("<token>", caplog.text)) == 3
    assert RedactToken(token).filter(logging.makeLogRecord({"msg": "nothing here"}))


def test_redaction_covers_exception_text(caplog) -> None:
    token = "987654321:ZZsecretTOKEN_exc"
    install_log_redaction([token])
    caplog.set_level(logging.INFO)
    try:
        raise RuntimeError(f"The token `{token}` was rejected by the server.")
    except RuntimeError:
        logging.getLogger("telegram.ext").exception("Invalid token. Aborting retry loop.")
    assert "was rejected" in caplog.text
    assert token not in caplog.text


def test_webhook_secret_reveals_nothing_of_the_token() -> None:
    token = "123456789:AAHsecret-part_ABCDEFGHIJKLMNOPQRSTUVWXYZ"
    secret = webhook_secret(token)
    assert re.fullmatch(r"[0-9a-f]{32}", secret)
    assert not any(token[i:i + 6] in secret for i in range(len(token) - 5))
    assert secret == webhook_secret(token) != webhook_secret(token + "x")


def test_split_prefers_paragraph_boundaries() -> None:
    first = "\n".join(f"Absatz eins, Zeile {n}" for n in range(120))
    second = "\n".join(f"Absatz zwei, Zeile {n}" for n in range(120))
    chunks = split_message(to_html(first + "\n\n" + second), limit=4096)
    assert chunks == [first, second]


def test_split_random_replies_keep_every_character() -> None:
    rng = random.Random(4)
    alphabet = "abc äöü <>&\"' –„“ 😀 •:"
    for _ in range(12):
        lines = []
        for _ in range(rng.randint(1, 150)):
            width = rng.choice([0, 5, 40, 120, 600, 5000])
            line = "".join(rng.choices(alphabet, k=width))
            lines.append(line.rstrip() + (":" if rng.random() < 0.1 else ""))
        text = "\n".join(lines)
        limit = rng.choice([200, 1000, 4096])
        chunks = split_message(to_html(text), limit=limit)
        for chunk in chunks:
            assert utf16_len(chunk) <= limit
            parse_telegram_html(chunk)
        squeeze = re.compile(r"\s+")
        joined = "".join(parse_telegram_html(c) for c in chunks)
        assert squeeze.sub("", joined) == squeeze.sub("", text)


@pytest.mark.parametrize("text", ["/w\udfffho", "\ud800" * 5000, "Zeile\n\udfff:\n  • x"])
def test_renderers_survive_lone_surrogates(text: str) -> None:
    from bot.matrix import split_body
    from handlers import Reply

    reply = Reply(text=text)
    for chunk in split_message(to_html(text)) + split_message(to_html(reply.text)):
        chunk.encode("utf-8")
        parse_telegram_html(chunk)
    for body in split_body(reply.text):
        body.encode("utf-8")
