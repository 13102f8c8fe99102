"""/reload (admins): pick up new, changed and removed documents without a restart.

The engine does the reload (`knowledge.reload`); this command checks who asks, swaps the new
store version in, and words the outcome, file problems included, in the admin's language.
"""

from __future__ import annotations

import logging
import re

from chats import audit
from handlers.base import Command, Context, Reply, Request
from handlers.texts import texts
from knowledge.reload import ReloadOutcome, reload_store

log = logging.getLogger("briefbot.reload")
NEW_SPEAKERS_SHOWN = 12


# The engine reports file problems in English, knowing no chat languages; these word them for a German admin.
# Each pattern is a problem as the engine writes it after "file[:line]: "; what it does not know stays English.
_KIND_DE = {"text": "Text", "a whole number": "eine ganze Zahl", "true or false": "true oder false",
            "a mapping": "eine Zuordnung", "a list": "eine Liste"}
PROBLEMS_DE: list[tuple[re.Pattern[str], str]] = [(re.compile(pattern), german) for pattern, german in [
    (r"is a link to a file outside the documents folder; refused",
     "ist ein Link auf eine Datei außerhalb des Dokumentordners; abgelehnt"),
    (r"cannot be read \((?P<why>.*)\)", "kann nicht gelesen werden ({why})"),
    (r"is over the limit of (?P<kb>\d+) KB for a document \(BRIEFBOT_MAX_DOCUMENT_KB\); refused",
     "ist größer als die Grenze von {kb} KB für ein Dokument (BRIEFBOT_MAX_DOCUMENT_KB); abgelehnt"),
    (r"line (?P<n>\d+): holds NUL bytes, not a text file; refused",
     "Zeile {n}: enthält NUL-Bytes, ist also keine Textdatei; abgelehnt"),
    (r"line (?P<n>\d+): not UTF-8 text \(byte (?P<b>\d+)\); save it as UTF-8",
     "Zeile {n}: kein UTF-8-Text (Byte {b}); bitte als UTF-8 speichern"),
    (r"is empty", "ist leer"),
    (r"not UTF-8 text \((?P<why>.*)\)", "kein UTF-8-Text ({why})"),
    (r"broken YAML: (?P<why>.*)", "fehlerhaftes YAML: {why}"),
    (r"expected a mapping with `document`, `sha256` and `claims`",
     "erwartet eine Zuordnung mit `document`, `sha256` und `claims`"),
    (r"expected a mapping with `documents`", "erwartet eine Zuordnung mit `documents`"),
    (r"claim (?P<n>\d+): expected a mapping", "Aussage {n}: erwartet eine Zuordnung"),
    (r"missing \(run `briefbot extract`\)", "fehlt (`briefbot extract` ausführen)"),
    (r"claim id (?P<id>.*) is also used in (?P<other>.*)", "Aussage-ID {id} steht auch in {other}"),
    (r"extraction failed \((?P<why>.*)\)", "Extraktion fehlgeschlagen ({why})"),
    (r"unknown field (?P<f>`[^`]*`)", "unbekanntes Feld {f}"),
    (r"claim is missing (?P<f>`[^`]*`)", "einer Aussage fehlt {f}"),
    (r"is missing (?P<f>`[^`]*`)", "{f} fehlt"),
    (r"(?P<f>`[^`]*`) must be one of (?P<choices>.*), not (?P<given>.*)",
     "{f} muss eines von {choices} sein, nicht {given}"),
    (r"(?P<f>`[^`]*`) must be a positive whole number, not (?P<given>.*)",
     "{f} muss eine positive ganze Zahl sein, nicht {given}"),
    (r"(?P<f>`[^`]*`) must not be empty", "{f} darf nicht leer sein"),
    (r"(?P<f>`[^`]*`) must be a whole number of at least (?P<n>\d+), not (?P<given>.*)",
     "{f} muss eine ganze Zahl ab {n} sein, nicht {given}"),
    (r"(?P<f>`[^`]*`) must be (?P<kind>text|a whole number|true or false|a mapping|a list), not (?P<given>.*)",
     "{f} muss {kind} sein, nicht {given}"),
    (r"`figure.low` is above `figure.high`", "`figure.low` liegt über `figure.high`"),
    (r"duplicate claim id (?P<id>.*)", "doppelte Aussage-ID {id}"),
    (r"a claim of kind `figure` needs a `figure`", "eine Aussage der Art `figure` braucht eine `figure`"),
    (r"`paragraph` (?P<n>\d+) is past the end of the document \((?P<m>\d+) paragraphs\)",
     "`paragraph` {n} liegt hinter dem Ende des Dokuments ({m} Absätze)"),
    (r"`text` is not verbatim in paragraph (?P<n>\d+): (?P<t>.*)", "`text` steht nicht wörtlich in Absatz {n}: {t}"),
]]
_WHERE = re.compile(r"(?P<where>[^:\n]+(?::\d+)?): (?P<problem>.*)", re.S)


def word_problem(problem: str, lang: str) -> str:
    """A file problem in the admin's language: "file[:line]: what is wrong"."""
    match = _WHERE.fullmatch(problem)
    if lang != "de" or match is None:
        return problem
    for pattern, german in PROBLEMS_DE:
        found = pattern.fullmatch(match["problem"])
        if found:
            values = found.groupdict()
            if "kind" in values:
                values["kind"] = _KIND_DE[values["kind"]]
            return f"{match['where']}: {german.format(**values)}"
    return problem


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


COMMAND = Command(names=("neuladen", "reload"), help_de="Dokumente neu laden (Admins)",
                  help_en="reload the documents (admins)", run=run, admin=True)
