"""The console front end: one-shot answers, JSON batches, and an interactive chat.

All three go through the same handlers as Telegram and Matrix, so what the console shows is
what a messenger user gets.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import TextIO

from handlers import Context, Reply, Request, dispatch
from knowledge.store import Snapshot

HISTORY = Path.home() / ".briefbot_history"


def reply_json(question: str, reply: Reply) -> dict:
    return {
        "question": question,
        "lang": reply.lang,
        "intent": reply.intent,
        "text": reply.text,
        "sources": reply.sources,
        "claims": [c.to_dict() for c in reply.claims],
    }


def ask_once(snapshot: Snapshot, question: str, *, as_json: bool = False, lang: str | None = None) -> int:
    context = Context(snapshot)
    reply = dispatch(Request(text=question, lang=lang, chat="cli"), context)
    if as_json:
        print(json.dumps(reply_json(question, reply), ensure_ascii=False))
    else:
        print(reply.text)
    return 0


def ask_batch(snapshot: Snapshot, stdin: TextIO, stdout: TextIO, *, lang: str | None = None) -> int:
    """One question per input line, one JSON object per output line, in order, flushed as it goes."""
    context = Context(snapshot)
    for n, line in enumerate(stdin):
        question = line.rstrip("\n")
        reply = dispatch(Request(text=question, lang=lang, chat=f"batch-{n}"), context)
        stdout.write(json.dumps(reply_json(question, reply), ensure_ascii=False) + "\n")
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
