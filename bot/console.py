"""The console front end: one-shot answers, JSON batches, and an interactive chat.

All three go through the same handlers as Telegram and Matrix, so what the console shows is
what a messenger user gets.
"""

from __future__ import annotations

import json
import logging
import sys
from pathlib import Path
from typing import TextIO

from handlers import Context, Reply, Request, dispatch
from knowledge.store import Snapshot

HISTORY = Path.home() / ".briefbot_history"
log = logging.getLogger("briefbot.console")


def reply_json(question: str, reply: Reply) -> dict:
    return {
        "question": question,
        "lang": reply.lang,
        "intent": reply.intent,
        "text": reply.text,
        "sources": reply.sources,
        "claims": [c.to_dict() for c in reply.claims],
    }


FAILED_LINE = {
    "de": "Diese Zeile konnte nicht beantwortet werden; die übrigen werden weiter beantwortet.",
    "en": "This line could not be answered; the others are answered as usual.",
}


def _safe(text: str) -> str:
    """Lone surrogates (from a broken terminal or pipe) replaced, so the reply can always be written out."""
    return text.encode("utf-8", "replace").decode("utf-8")


def _answer(question: str, context: Context, lang: str | None) -> dict:
    """The JSON object for one line; a line that cannot be answered gives an error object, never an exception."""
    try:
        reply = dispatch(Request(text=question, lang=lang, chat=CHAT), context)
    except Exception as exc:  # one failing line must not lose the lines after it
        log.exception("batch line failed: %r", question[:200])
        words = lang or "de"
        return {"question": question, "lang": words, "intent": "error", "text": FAILED_LINE[words], "sources": [],
                "claims": [], "error": exc.__class__.__name__}
    return reply_json(question, reply)


#: The console is one chat: /subscribe, /settings and /unsubscribe in later lines refer to the same subscription.
CHAT = "cli"


def ask_once(snapshot: Snapshot, question: str, *, as_json: bool = False, lang: str | None = None,
             config: object | None = None) -> int:
    context = Context(snapshot, config)
    data = _answer(_safe(question.replace("\r", "")), context, lang)
    if as_json:
        print(json.dumps(data, ensure_ascii=False))
    else:
        print(data["text"])
    return 0


def ask_batch(snapshot: Snapshot, stdin: TextIO, stdout: TextIO, *, lang: str | None = None,
              config: object | None = None) -> int:
    """One question per input line, one JSON object per output line, in order, flushed as it goes."""
    context = Context(snapshot, config)
    for line in stdin:
        question = _safe(line.rstrip("\n").rstrip("\r"))
        context.chats.pop(CHAT, None)  # each line stands alone: no /more page or language carried over
        stdout.write(json.dumps(_answer(question, context, lang), ensure_ascii=False) + "\n")
        stdout.flush()
    return 0


def chat(snapshot: Snapshot, config: object | None = None, stdin: TextIO | None = None,
         stdout: TextIO | None = None) -> int:
    """Interactive session with readline history; /help lists the commands, /quit or Ctrl-D ends it."""
    stdin = stdin or sys.stdin
    stdout = stdout or sys.stdout
    interactive = stdin.isatty()
    if interactive:
        try:
            import readline

            if HISTORY.exists():
                readline.read_history_file(HISTORY)
        except (ImportError, OSError):
            readline = None  # type: ignore[assignment]
    context = Context(snapshot, config)
    if interactive:
        stdout.write("briefbot – /help für Hilfe, /quit zum Beenden.\n")
    while True:
        try:
            line = input("> ") if interactive else stdin.readline()
        except EOFError:
            break
        if not interactive and line == "":
            break
        text = line.strip()
        if not text:
            continue
        if text in ("/quit", "/exit", "/q", "quit", "exit"):
            break
        try:
            reply = dispatch(Request(text=text, chat="console", user="console", is_admin=True), context)
        except Exception as exc:  # one failing message must not end the session
            stdout.write(f"briefbot: error: {exc.__class__.__name__}: {exc}\n\n")
            stdout.flush()
            continue
        stdout.write(reply.text + "\n")
        for button in reply.buttons:
            stdout.write(f"  → {button.label}: {button.data}\n")
        stdout.write("\n")
        stdout.flush()
    if interactive:
        try:
            import readline

            readline.write_history_file(HISTORY)
        except (ImportError, OSError):
            pass
    return 0
