"""Any message in, a valid reply out: seeded random messages through dispatch and both renderers."""

from __future__ import annotations

import random

from botapi_server import MAX_TEXT, parse_telegram_html, utf16_len

from bot.config import Config
from bot.matrix import MAX_BODY, split_body
from bot.matrix import to_html as matrix_html
from bot.telegram import split_message, to_html
from handlers import COMMANDS, Context, Request, dispatch

MESSAGES = 10_000
WORDS = ["Austin", "Albers", "Soldaten", "taz", "sagte", "Wer", "Was", "How", "many", "<b>", "</i>", "&amp;", "&",
         "**", "`", "„", "“", "@bot", "¶", "[…]", "\u202e", "\u200b", "🇩🇪", "😀", "\t", "\x00", "\x1b[31m"]


def _junk(rng: random.Random, length: int) -> str:
    """Random code points anywhere in Unicode: surrogates, control characters, astral planes included."""
    return "".join(chr(rng.choice((rng.randrange(0x20, 0x250), rng.randrange(0xD800, 0xE000),
                                   rng.randrange(0, 0x20), rng.randrange(0x250, 0x110000))))
                   for _ in range(length))


def _message(rng: random.Random) -> str:
    kind = rng.randrange(6)
    if kind == 0:
        return _junk(rng, rng.randrange(0, 60))
    if kind == 1:  # a command with junk arguments
        command = rng.choice([n for c in COMMANDS for n in c.names])
        return f"{rng.choice('/!')}{command} " + " ".join(_junk(rng, rng.randrange(1, 12)) for _ in range(3))
    if kind == 2:
        return " ".join(rng.choice(WORDS) for _ in range(rng.randrange(1, 30)))
    if kind == 3 and rng.random() < 0.02:  # a few very long lines
        return rng.choice(WORDS) * 100_000
    if kind == 4:
        return "/wer " + _junk(rng, 5) + " " + rng.choice(WORDS)
    return rng.choice(["Was sagte ", "Who said ", "Wer sprach von ", "Wie viele "]) + _junk(rng, rng.randrange(1, 20))


def test_ten_thousand_random_messages_give_valid_replies(news_folder, news_db, news_snapshot) -> None:
    rng = random.Random(13)
    context = Context(news_snapshot, Config(seeds=news_folder, db=news_db))  # with a database, as in a messenger
    for n in range(MESSAGES):
        text = _message(rng)
        reply = dispatch(Request(text=text, chat=f"fuzz-{n % 50}", user="fuzz"), context)
        for chunk in split_message(to_html(reply.text)):
            assert utf16_len(parse_telegram_html(chunk)) <= MAX_TEXT, text[:80]
            assert chunk.strip()
        for body in split_body(reply.text):
            size = len(body.encode("utf-8")) + len(matrix_html(body).encode("utf-8"))
            assert size <= MAX_BODY + 5, text[:80]
