"""/help: example questions about the loaded documents, then the command list from the commands' own declarations."""

from __future__ import annotations

from collections import Counter

from handlers.base import Command, Context, Reply, Request
from handlers.texts import texts
from knowledge.store import Snapshot


def most_quoted_person(snapshot: Snapshot) -> str | None:
    """The person the documents quote most, so that examples name somebody these documents hold."""
    people = {entity.id: entity.name for entity in snapshot.entities if entity.kind == "person"}
    counts = Counter(claim.entity for claim in snapshot.claims
                     if claim.kind != "figure" and claim.entity in people)
    return people[counts.most_common(1)[0][0]] if counts else None


def help_text(lang: str, *, is_admin: bool, prefix: str = "/", speaker: str | None = None) -> str:
    # here, not at the top: the command list imports every command module, this one among them
    from handlers import COMMANDS

    words = texts(lang)
    examples = [line.format(name=speaker) for line in words.help_examples.splitlines()
                if speaker or "{name}" not in line]
    lines = [words.help_intro, *examples, words.help_commands]
    for command in COMMANDS:
        if command.admin and not is_admin:
            continue
        args = command.args(lang)
        lines.append(f"{prefix}{command.name_in(lang)}{' ' + args if args else ''} – {command.help(lang, prefix)}")
    return "\n".join(lines)


def run(request: Request, context: Context) -> Reply:
    lang = context.reply_lang(request)
    text = help_text(lang, is_admin=request.is_admin, prefix=request.prefix,
                     speaker=most_quoted_person(context.snapshot))
    return Reply(text=text, lang=lang, intent="help")


COMMAND = Command(names=("hilfe", "help"), run=run)
