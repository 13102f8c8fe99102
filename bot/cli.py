"""`briefbot` command line: extract, inspect and query the claim store, run the front ends.

Each command imports what it needs when it runs, inside its function: `briefbot claims` does not load
the answer engine, and `briefbot ask` not the messengers' libraries.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from bot.config import Config, ConfigError, load_config

COMMANDS = ("extract", "claims", "ask", "chat", "telegram", "matrix", "run", "reload")


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="briefbot",
        description="Answer briefing questions about news documents from a cited claim store.",
    )
    parser.add_argument("--seeds", help="documents folder (env BRIEFBOT_SEEDS, default ./seeds)")
    parser.add_argument("--db", help="SQLAlchemy database URL (env BRIEFBOT_DB, default SQLite in the folder)")
    parser.add_argument("--config", type=Path, help="YAML file with settings (same names as the environment)")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    p = sub.add_parser("extract", help="extract claims from new or changed documents into claim files")
    p.add_argument("--force", action="store_true", help="re-extract unchanged documents too (never reviewed ones)")
    p = sub.add_parser("claims", help="print the claims in the store")
    p.add_argument("--json", action="store_true", help="one JSON array of claims")
    p.add_argument("--source", help="only claims of this document")
    p = sub.add_parser("ask", help="answer one question (or one per stdin line with --json)")
    p.add_argument("question", nargs="*", help="the question; none with --json reads stdin")
    p.add_argument("--json", action="store_true", help="print a JSON object per answer")
    p.add_argument("--lang", choices=("de", "en"), help="reply language (default: the question's)")
    sub.add_parser("chat", help="interactive console chat over the same handlers")
    p = sub.add_parser("telegram", help="run the Telegram bot")
    p.add_argument("--webhook-url", help="public URL for webhook mode (default: long polling)")
    p.add_argument("--listen", default="127.0.0.1:8443", help="address the webhook server listens on")
    sub.add_parser("matrix", help="run the Matrix bot")
    sub.add_parser("run", help="run every configured front end in one process")
    sub.add_parser("reload", help="re-extract changed documents and rebuild the store")
    return parser


def _config(args: argparse.Namespace) -> Config:
    return load_config(args.config, seeds=args.seeds, db=args.db)


def _snapshot(config: Config):
    from sqlalchemy.exc import ArgumentError, OperationalError

    from knowledge.store import open_store

    if not config.seeds.is_dir():
        raise ConfigError(f"documents folder {config.seeds} does not exist (use --seeds or BRIEFBOT_SEEDS)")
    try:
        snapshot = open_store(config.seeds, config.db, progress=sys.stderr.isatty(),
                              max_bytes=config.max_document_bytes)
    except ArgumentError as exc:
        raise ConfigError("the database URL (--db or BRIEFBOT_DB) is not a valid SQLAlchemy URL") from exc
    except OperationalError as exc:
        raise ConfigError(f"cannot use the database: {exc.orig}") from exc
    for problem in snapshot.problems:
        print(f"briefbot: {problem}", file=sys.stderr)
    return snapshot


def cmd_extract(args: argparse.Namespace, config: Config) -> int:
    from knowledge.extract import extract_folder

    if not config.seeds.is_dir():
        raise ConfigError(f"documents folder {config.seeds} does not exist")
    report = extract_folder(config.seeds, force=args.force, progress=True, max_bytes=config.max_document_bytes)
    for problem in report.errors:
        print(f"briefbot: {problem}", file=sys.stderr)
    print(report.summary())
    return 1 if report.errors and not (report.extracted or report.unchanged) else 0


def cmd_claims(args: argparse.Namespace, config: Config) -> int:
    snapshot = _snapshot(config)
    claims = [c for c in snapshot.claims if not args.source or c.source == args.source]
    if args.json:
        json.dump([c.to_dict() for c in claims], sys.stdout, ensure_ascii=False)
        sys.stdout.write("\n")
        return 0
    for c in claims:
        who = c.speaker or "—"
        fig = ""
        if c.figure:
            f = c.figure
            fig = f" [{f.qualifier + ' ' if f.qualifier else ''}{f.value or f.high or ''} {f.unit}, {f.measure}]"
        print(f"{c.source}:{c.paragraph} {c.kind:8} {who}: {c.text[:100]}{fig}")
    return 0


def cmd_reload(args: argparse.Namespace, config: Config) -> int:
    from handlers.reload import reload_text
    from knowledge.reload import reload_store

    outcome = reload_store(config.seeds, config.db, max_bytes=config.max_document_bytes)
    print(reload_text(outcome, "en"))
    return 0 if outcome.ok else 1


def cmd_ask(args: argparse.Namespace, config: Config) -> int:
    from bot.console import ask_batch, ask_once

    snapshot = _snapshot(config)
    question = " ".join(args.question).strip()
    if question:
        return ask_once(snapshot, question, as_json=args.json, lang=args.lang, config=config)
    if not args.json:
        print("briefbot: give a question, or use --json to read questions from stdin", file=sys.stderr)
        return 2
    if hasattr(sys.stdin, "reconfigure"):  # a line of broken UTF-8 is answered, not the end of the batch
        sys.stdin.reconfigure(errors="replace")
    return ask_batch(snapshot, sys.stdin, sys.stdout, lang=args.lang, config=config)


def cmd_chat(args: argparse.Namespace, config: Config) -> int:
    from bot.console import chat

    return chat(_snapshot(config), config)


def cmd_frontend(args: argparse.Namespace, config: Config) -> int:
    from bot.runner import run_frontends

    return run_frontends(args.command, config, args)


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if not args.command:
        parser.print_help()
        return 2
    handlers = {
        "extract": cmd_extract, "claims": cmd_claims, "ask": cmd_ask, "chat": cmd_chat, "reload": cmd_reload,
        "telegram": cmd_frontend, "matrix": cmd_frontend, "run": cmd_frontend,
    }
    try:
        config = _config(args)
        return handlers[args.command](args, config)
    except ConfigError as exc:
        print(f"briefbot: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        return 0


if __name__ == "__main__":
    sys.exit(main())
