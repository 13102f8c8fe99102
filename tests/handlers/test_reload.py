"""Admin reload: new documents become answerable, bad input loses nothing, non-admins are refused."""

from __future__ import annotations

import shutil
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from bot.cli import main
from bot.config import Config
from chats import audit_log
from handlers import Context, Request, dispatch
from knowledge.reload import reload_lock
from knowledge.store import current_state, open_store

SEEDS = Path(__file__).resolve().parents[2] / "seeds"
NEW_ARTICLE = (
    "Riga (dpa) - Der lettische Verteidigungsminister Andris Sprūds hat am Dienstag vor einer Eskalation gewarnt.\n"
    "„Die Lage an der Ostflanke bleibt angespannt“, sagte Sprūds in Riga.\n"
    "Nach Angaben des Ministeriums sind inzwischen bis zu 2.500 Soldaten in der Region stationiert.\n"
)


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    target = tmp_path / "seeds"
    shutil.copytree(SEEDS, target, ignore=shutil.ignore_patterns("*.db", ".*lock"))
    return target


def context_for(folder: Path) -> Context:
    db = f"sqlite:///{folder.parent / 'store.db'}"
    config = Config(seeds=folder, db=db, admins={"admin"})
    return Context(open_store(folder, db, progress=False), config)


def ask(context: Context, text: str, user: str = "admin") -> str:
    return dispatch(Request(text, user=user, chat="c1", is_admin=user == "admin"), context).text


def test_new_document_is_answerable_after_reload(folder: Path) -> None:
    context = context_for(folder)
    assert "nichts" in ask(context, "Was sagte Andris Sprūds?")
    (folder / "050_riga.txt").write_text(NEW_ARTICLE, encoding="utf-8")
    reply = ask(context, "/reload")
    assert "+1 neu" in reply and "Sprūds" in reply
    answer = dispatch(Request("Was sagte Sprūds?", chat="c1"), context)
    assert any(c.source == "050_riga" and "Ostflanke" in c.text for c in answer.claims)
    figures = dispatch(Request("Wie viele Soldaten meldet jede Quelle?", chat="c1"), context)
    assert any(c.source == "050_riga" and c.figure and c.figure.high == 2500 for c in figures.claims)


def test_broken_claim_file_keeps_the_old_answers_and_names_file_and_line(folder: Path) -> None:
    context = context_for(folder)
    before = dispatch(Request("Was sagte Austin?", chat="c1"), context)
    version = context.snapshot.version
    claim_file = next(folder.glob("002_*.claims.yaml"))
    lines = claim_file.read_text(encoding="utf-8").splitlines()
    lines[12] = lines[12] + " : : ["  # a typo an editor might make
    claim_file.write_text("\n".join(lines) + "\n", encoding="utf-8")
    reply = ask(context, "/reload")
    assert f"• {claim_file.name}:13: fehlerhaftes YAML" in reply  # the file, the line the typo is on, the problem
    assert str(folder) not in reply and str(folder.resolve()) not in reply  # names relative to the folder
    after = dispatch(Request("Was sagte Austin?", chat="c1"), context)
    assert [c.id for c in after.claims] == [c.id for c in before.claims]
    assert current_state(context.engine)[0] == version


def test_unreadable_document_stops_the_reload(folder: Path) -> None:
    context = context_for(folder)
    (folder / "060_latin1.txt").write_bytes("Der Minister sagte: „Grüße aus Köln.“\n".encode("cp1252"))
    reply = ask(context, "/reload")
    assert "060_latin1.txt" in reply and "UTF-8" in reply
    assert "nichts" not in ask(context, "Was sagte Austin?")


def test_non_admin_is_refused_and_audited(folder: Path) -> None:
    context = context_for(folder)
    (folder / "050_riga.txt").write_text(NEW_ARTICLE, encoding="utf-8")
    reply = ask(context, "/reload", user="mallory")
    assert "Admins" in reply
    assert "nichts" in ask(context, "Was sagte Andris Sprūds?")
    entries = audit_log(context.engine)
    assert entries[0].user == "mallory" and entries[0].action == "reload" and not entries[0].allowed
    assert "reload" not in ask(context, "/help", user="mallory")


def test_reload_while_another_runs_is_refused(folder: Path) -> None:
    context = context_for(folder)
    with reload_lock(folder) as held:
        assert held
        reply = ask(context, "/reload")
    assert "bereits" in reply or "running" in reply


def test_second_process_picks_up_a_reload_from_the_command_line(folder: Path) -> None:
    first, second = context_for(folder), context_for(folder)
    (folder / "050_riga.txt").write_text(NEW_ARTICLE, encoding="utf-8")
    db = f"sqlite:///{folder.parent / 'store.db'}"
    proc = subprocess.run([sys.executable, "-m", "bot.cli", "--seeds", str(folder), "--db", db, "reload"],
                          capture_output=True, text=True, timeout=120, cwd=Path(__file__).resolve().parents[2])
    assert proc.returncode == 0, proc.stderr
    for context in (first, second):
        assert context.refresh()
        assert "Ostflanke" in ask(context, "Was sagte Sprūds?")


def test_cli_reload_reports_changes_and_problems(folder: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db = f"sqlite:///{folder.parent / 'cli.db'}"
    assert main(["--seeds", str(folder), "--db", db, "reload"]) == 0
    (folder / "050_riga.txt").write_text(NEW_ARTICLE, encoding="utf-8")
    assert main(["--seeds", str(folder), "--db", db, "reload"]) == 0
    assert "+1 added" in capsys.readouterr().out
    (folder / "070_leer.txt").write_text("   \n", encoding="utf-8")
    assert main(["--seeds", str(folder), "--db", db, "reload"]) == 1
    assert "070_leer.txt" in capsys.readouterr().out


def test_concurrent_reloads_never_interleave(folder: Path) -> None:
    context = context_for(folder)
    (folder / "050_riga.txt").write_text(NEW_ARTICLE, encoding="utf-8")
    replies: list[str] = []
    threads = [threading.Thread(target=lambda: replies.append(ask(context, "/reload"))) for _ in range(3)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=120)
    assert len(replies) == 3
    assert sum("+1 neu" in r for r in replies) == 1


def test_a_wrong_typed_speaker_is_refused_and_the_old_answers_stay(folder: Path) -> None:
    context = context_for(folder)
    before = dispatch(Request("Was sagte Austin?", chat="c1"), context)
    claim_file = next(folder.glob("002_*.claims.yaml"))
    text = claim_file.read_text(encoding="utf-8")
    first = next(line for line in text.splitlines() if line.startswith("  speaker: "))
    claim_file.write_text(text.replace(first, "  speaker: [Austin, Blinken]", 1), encoding="utf-8")
    reply = ask(context, "/reload")
    assert "Neu laden abgebrochen" in reply and claim_file.name in reply and "`speaker`" in reply
    after = dispatch(Request("Was sagte Austin?", chat="c1"), context)
    assert after.text == before.text
    restarted = context_for(folder)  # a restart answers from the last good version too
    assert dispatch(Request("Was sagte Austin?", chat="c1"), restarted).text == before.text


def test_a_broken_sources_file_is_refused_and_outlets_stay(folder: Path) -> None:
    context = context_for(folder)
    before = dispatch(Request("Wer wird in der taz zitiert?", chat="c1"), context)
    assert before.claims
    (folder / "sources.yaml").write_text("documents:\n  003_4c124ba2100f9a82: {outlet: taz\n", encoding="utf-8")
    reply = ask(context, "/reload")
    assert "Neu laden abgebrochen" in reply and "sources.yaml:" in reply
    after = dispatch(Request("Wer wird in der taz zitiert?", chat="c1"), context)
    assert after.text == before.text


def test_a_link_out_of_the_folder_is_named_in_the_reload_report_and_never_served(folder: Path) -> None:
    context = context_for(folder)
    secret = folder.parent / "geheim.txt"
    secret.write_text("„Das Passwort lautet Schwertfisch“, sagte der Administrator Karl Huber.\n", encoding="utf-8")
    (folder / "080_link.txt").symlink_to(secret)
    reply = ask(context, "/reload")
    assert "080_link.txt" in reply and "Neu laden abgebrochen" in reply
    assert "Schwertfisch" not in ask(context, "Was sagte Karl Huber?")
    restarted = context_for(folder)
    assert "Schwertfisch" not in ask(restarted, "Was sagte Karl Huber?")
    assert "Schwertfisch" not in ask(restarted, "Wer sprach von Passwort?")


def test_file_problems_in_a_reload_reply_are_worded_in_the_admins_language(folder: Path) -> None:
    context = context_for(folder)
    claim_file = next(folder.glob("002_*.claims.yaml"))
    text = claim_file.read_text(encoding="utf-8")
    first = next(line for line in text.splitlines() if line.startswith("  speaker: "))
    claim_file.write_text(text.replace(first, "  speaker: [Austin, Blinken]", 1), encoding="utf-8")
    (folder / "070_nul.txt").write_bytes(b"Zeile eins\n\0\0\0\n")
    (folder.parent / "draussen.txt").write_text("„Geheim“, sagte jemand.\n", encoding="utf-8")
    (folder / "080_link.txt").symlink_to(folder.parent / "draussen.txt")
    (folder / "sources.yaml").write_text("documents:\n  003_4c124ba2100f9a82: {outlet: taz\n", encoding="utf-8")
    lines = text.splitlines()
    claim_line = next(i for i in range(lines.index(first), 0, -1) if lines[i].startswith("- ")) + 1
    german = ask(context, "/reload").splitlines()
    for line in (f"• {claim_file.name}:{claim_line}: `speaker` muss Text sein, nicht ['Austin', 'Blinken']",
                 "• 070_nul.txt: Zeile 2: enthält NUL-Bytes, ist also keine Textdatei; abgelehnt",
                 "• 080_link.txt: ist ein Link auf eine Datei außerhalb des Dokumentordners; abgelehnt"):
        assert line in german, german
    assert any(line.startswith("• sources.yaml:3: fehlerhaftes YAML: ") for line in german), german
    assert not any(english in "\n".join(german)
                   for english in ("must be", "refused", "holds NUL", "broken YAML", "outside"))
    english = dispatch(Request("/reload", user="admin", chat="c1", is_admin=True, lang="en"), context).text
    for line in (f"• {claim_file.name}:{claim_line}: `speaker` must be text, not ['Austin', 'Blinken']",
                 "• 070_nul.txt: line 2: holds NUL bytes, not a text file; refused",
                 "• 080_link.txt: is a link to a file outside the documents folder; refused"):
        assert line in english.splitlines(), english
    assert any(line.startswith("• sources.yaml:3: broken YAML: ") for line in english.splitlines()), english
