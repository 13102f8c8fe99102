"""/reload (admins): pick up new, changed and removed documents without a restart.

The engine does the reload (`knowledge.reload`); this command checks who asks, swaps the new
store version in, and words the outcome, file problems included, in the admin's language.
"""

from __future__ import annotations

import logging

from chats import audit
from handlers.base import Command, Context, Reply, Request
from handlers.texts import texts
from knowledge.problems import FileProblem
from knowledge.reload import ReloadOutcome, reload_store

log = logging.getLogger("briefbot.reload")
NEW_SPEAKERS_SHOWN = 12


def word_problem(problem: FileProblem, lang: str) -> str:
    """A file problem in the admin's language: "file[:line]: what is wrong", worded by its code from the
    catalogue (the engine knows no chat languages)."""
    return texts(lang).problem(problem)


def reload_text(outcome: ReloadOutcome, lang: str) -> str:
    """The outcome of a reload as the admin reads it."""
    words = texts(lang)
    if outcome.status == "busy":
        return words.reload_busy
    if outcome.status == "unchanged":
        return words.reload_unchanged.format(version=outcome.version)
    if outcome.status == "failed":
        return "\n".join([words.reload_failed, *(f"• {word_problem(p, lang)}" for p in outcome.problems)])
    changes = outcome.changes
    lines = [words.reload_done.format(version=outcome.version, added=changes.added_documents,
                                      changed=changes.changed_documents, removed=changes.removed_documents,
                                      plus=changes.added_claims, minus=changes.removed_claims)]
    speakers = changes.new_speakers
    if speakers:
        more = " …" if len(speakers) > NEW_SPEAKERS_SHOWN else ""
        lines.append(words.reload_speakers + ", ".join(speakers[:NEW_SPEAKERS_SHOWN]) + more)
    if changes.new_figures:
        lines.append(words.reload_figures.format(n=changes.new_figures))
    lines.append(words.reload_took.format(seconds=outcome.seconds))
    return "\n".join(lines)


def run(request: Request, context: Context) -> Reply:
    lang = context.reply_lang(request)
    words = texts(lang)
    if context.has_database:
        audit(context.engine, request.transport, request.chat, request.user, "reload", request.is_admin)
    if not request.is_admin:
        log.warning("refused reload from %s in %s (%s)", request.user, request.chat, request.transport)
        return Reply(text=words.reload_refused, lang=lang, intent="refused")
    config = context.config
    if config is None:  # a context built from a snapshot alone
        return Reply(text=words.reload_no_folder, lang=lang, intent="reload")
    outcome = reload_store(config.seeds, config.db, max_bytes=config.max_document_bytes)
    if outcome.ok and outcome.snapshot is not None:
        context.replace(outcome.snapshot)
    return Reply(text=reload_text(outcome, lang), lang=lang, intent="reload")


COMMAND = Command(names=("neuladen", "reload"), run=run, admin=True)
