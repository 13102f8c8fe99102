"""/reload (admins): pick up new, changed and removed documents without a restart.

A reload extracts what changed, validates every claim file, builds the new store version in
one transaction and swaps it in; with any problem, nothing changes and the reply names each
file and line.
"""

from __future__ import annotations

import fcntl
import logging
import re
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from handlers.base import Command, Context, Reply, Request
from knowledge.store import Snapshot

SUMMARY = {
    "de": {"head": "Stand Version {version}: Dokumente +{added} neu, {changed} geändert, -{removed} entfernt; "
                   "Aussagen +{plus} / -{minus}.",
           "speakers": "Neue Sprecher: ", "figures": "Neue Zahlen: {n}", "took": "Dauer {seconds:.1f} s."},
    "en": {"head": "Store version {version}: documents +{added} added, {changed} changed, -{removed} removed; "
                   "claims +{plus} / -{minus}.",
           "speakers": "New speakers: ", "figures": "New figures: {n}", "took": "Took {seconds:.1f} s."},
}


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


@dataclass(slots=True)
class ReloadResult:
    ok: bool
    text: str
    snapshot: Snapshot | None = None


@contextmanager
def reload_lock(folder: Path) -> Iterator[bool]:
    """One reload at a time per documents folder, across processes (an advisory file lock)."""
    path = folder / ".briefbot-reload.lock"
    with open(path, "a+") as handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            yield False
            return
        try:
            yield True
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def run_reload(config, lang: str = "en") -> ReloadResult:
    """Extract what changed and build a new store version; refused while another reload runs."""
    with reload_lock(config.seeds) as acquired:
        if not acquired:
            text = ("Another reload is running; try again in a moment." if lang == "en"
                    else "Es läuft bereits ein Neuladen; bitte gleich noch einmal versuchen.")
            return ReloadResult(False, text)
        return _reload(config, lang)


def _reload(config, lang: str) -> ReloadResult:
    from knowledge.documents import MAX_DOCUMENT_BYTES
    from knowledge.extract import extract_folder
    from knowledge.store import (
        StoreError,
        build,
        current_state,
        default_db_url,
        fingerprint,
        load_snapshot,
        make_engine,
    )

    started = time.monotonic()
    engine = make_engine(config.db or default_db_url(config.seeds))
    try:
        before = load_snapshot(engine)
        max_bytes = getattr(config, "max_document_bytes", MAX_DOCUMENT_BYTES)
        report = extract_folder(config.seeds, progress=False, max_bytes=max_bytes)
        version, stamp = current_state(engine)
        if version and stamp == fingerprint(config.seeds) and not report.errors:
            text = (f"No changes; store version {version} stays." if lang == "en"
                    else f"Keine Änderungen; Stand bleibt Version {version}.")
            return ReloadResult(True, text, before)
        try:
            version, _ = build(config.seeds, engine, max_bytes=max_bytes)
        except Exception as exc:  # a broken file, or a bug it triggers: the previous store keeps answering
            found = exc.problems if isinstance(exc, StoreError) else [f"{exc.__class__.__name__}: {exc}"]
            if not isinstance(exc, StoreError):
                log.exception("reload of %s failed", config.seeds)
            problems = [word_problem(_relative(p, config.seeds), lang)
                        for p in (*report.errors, *(p for p in found if p not in report.errors))]
            head = ("Reload stopped; the previous store keeps answering. Problems:" if lang == "en"
                    else "Neu laden abgebrochen; der bisherige Stand antwortet weiter. Probleme:")
            return ReloadResult(False, "\n".join([head, *(f"• {p}" for p in problems)]))
        after = load_snapshot(engine)
    finally:
        engine.dispose()
    old_docs, new_docs = set(before.sources), set(after.sources)
    old_claims = {c.id: c.text for c in before.claims}
    new_claims = {c.id: c.text for c in after.claims}
    changed = {d for d in old_docs & new_docs
               if {i for i in old_claims if i.startswith(d + "#")} != {i for i in new_claims if i.startswith(d + "#")}
               or any(old_claims.get(i) != new_claims.get(i) for i in new_claims if i.startswith(d + "#"))}
    old_speakers = {c.speaker for c in before.claims if c.speaker}
    new_speakers = sorted({c.speaker for c in after.claims if c.speaker} - old_speakers)
    added_claims = len(set(new_claims) - set(old_claims))
    removed_claims = len(set(old_claims) - set(new_claims))
    new_figures = [c for c in after.claims if c.kind == "figure" and c.id not in old_claims]
    seconds = time.monotonic() - started
    added, removed = len(new_docs - old_docs), len(old_docs - new_docs)
    words = SUMMARY["de" if lang == "de" else "en"]
    lines = [words["head"].format(version=version, added=added, changed=len(changed), removed=removed,
                                  plus=added_claims, minus=removed_claims)]
    if new_speakers:
        lines.append(words["speakers"] + ", ".join(new_speakers[:12]) + (" …" if len(new_speakers) > 12 else ""))
    if new_figures:
        lines.append(words["figures"].format(n=len(new_figures)))
    lines.append(words["took"].format(seconds=seconds))
    return ReloadResult(True, "\n".join(lines), after)


log = logging.getLogger("briefbot.reload")


def _relative(problem: str, folder: Path) -> str:
    """A problem with the documents folder's path left out: admins in a chat need the file, not the server's layout."""
    for prefix in {str(folder.resolve()), str(folder.absolute()), str(folder)}:
        problem = problem.replace(prefix + "/", "")
    return problem


def run(request: Request, context: Context) -> Reply:
    lang = request.lang or context.chat(request.chat).lang or "de"
    if context.has_database:
        from knowledge.subscriptions import audit

        audit(context.engine, request.transport, request.chat, request.user, "reload", request.is_admin)
    if not request.is_admin:
        log.warning("refused reload from %s in %s (%s)", request.user, request.chat, request.transport)
        text = "Only admins may reload." if lang == "en" else "Nur Admins dürfen neu laden."
        return Reply(text=text, lang=lang, intent="refused")
    if getattr(context.config, "seeds", None) is None:  # a context built from a snapshot alone
        text = ("Nothing to reload from: no documents folder is configured." if lang == "en"
                else "Nichts neu zu laden: kein Dokumentordner eingestellt.")
        return Reply(text=text, lang=lang, intent="reload")
    result = run_reload(context.config, lang)
    if result.ok and result.snapshot is not None:
        context.replace(result.snapshot)
    return Reply(text=result.text, lang=lang, intent="reload")


COMMAND = Command(names=("neuladen", "reload"), help_de="Dokumente neu laden (Admins)",
                  help_en="reload the documents (admins)", run=run, admin=True)
