"""/reload (admins): pick up new, changed and removed documents without a restart.

A reload extracts what changed, validates every claim file, builds the new store version in
one transaction and swaps it in; with any problem, nothing changes and the reply names each
file and line.
"""

from __future__ import annotations

import time
from dataclasses import dataclass

from handlers.base import Command, Context, Reply, Request


@dataclass(slots=True)
class ReloadResult:
    ok: bool
    text: str
    snapshot: object | None = None


def run_reload(config, lang: str = "en") -> ReloadResult:
    from knowledge.extract import extract_folder
    from knowledge.store import StoreError, build, default_db_url, load_snapshot, make_engine

    started = time.monotonic()
    engine = make_engine(config.db or default_db_url(config.seeds))
    try:
        before = load_snapshot(engine)
        report = extract_folder(config.seeds, progress=False)
        try:
            version, _ = build(config.seeds, engine)
        except StoreError as exc:
            problems = [*report.errors, *(p for p in exc.problems if p not in report.errors)]
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
    lines = [
        f"Store version {version}: documents +{len(new_docs - old_docs)} added, {len(changed)} changed, "
        f"-{len(old_docs - new_docs)} removed; claims +{added_claims} / -{removed_claims}.",
    ]
    if new_speakers:
        lines.append("New speakers: " + ", ".join(new_speakers[:12]) + (" …" if len(new_speakers) > 12 else ""))
    if new_figures:
        lines.append(f"New figures: {len(new_figures)}")
    lines.append(f"Took {seconds:.1f} s.")
    return ReloadResult(True, "\n".join(lines), after)


def run(request: Request, context: Context) -> Reply:
    lang = request.lang or context.chat(request.chat).lang or "de"
    if not request.is_admin:
        text = "Only admins may reload." if lang == "en" else "Nur Admins dürfen neu laden."
        return Reply(text=text, lang=lang, intent="refused")
    result = run_reload(context.config, lang)
    if result.ok and result.snapshot is not None:
        context.replace(result.snapshot)
    return Reply(text=result.text, lang=lang, intent="reload")


COMMAND = Command(names=("neuladen", "reload"), help_de="Dokumente neu laden (Admins)",
                  help_en="reload the documents (admins)", run=run, admin=True)
