#!/usr/bin/env python3
"""Run the shared graders on the shipped documents and fail when a figure falls below its gate.

Usage: quality_gate.py BRIEFBOT SHARED_DIR
The thresholds are the issues' acceptance figures; the corpus gate is a floor below the
figures reached so far, so the extractor cannot quietly slide back.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

#: Seeds: the thresholds of the extractor issue (figure recall and troop-figure precision 1.00, statements 0.95/0.97).
EXTRACT_GATES = {"figure recall": 1.00, "troop-figure precision": 1.00, "statement recall": 0.95,
                 "attribution accuracy": 0.97}
#: All 850 WIKINEWS documents, and their dev split alone (never trained on): the dev split's F1 at the extractor
#: issue's threshold (met), the rest floors under the figures reached.
QUOTES_GATES = {"F1": 0.86, "speaker accuracy": 0.85}
DEV_GATES = {"F1": 0.90, "speaker accuracy": 0.85}
#: Questions over all 850 WIKINEWS documents as one store (issues 11 and 12): shares of questions answered
#: right, who-said at the issue's threshold (met), the six kinds at a floor under the 55 of 60 reached.
QA_GATES = {"dev_wikinews_questions.yaml": 0.90, "wikinews_qa.yaml": 0.90}
#: The same six kinds on documents those questions do not cite (tests/questions/): floors under the 63, 54, 59
#: and 48 of 72 reached (sets A to D)
OWN_QA_GATES = {"journalist_questions_a.yaml": 0.80, "journalist_questions_b.yaml": 0.70,
                "journalist_questions_c.yaml": 0.75, "journalist_questions_d.yaml": 0.62}


#: Seconds the grader gives one command: building the 850-document store (extraction, sentence vectors,
#: index) takes one to two minutes on a quiet 2-core machine and several times that on a shared one.
GRADER_TIMEOUT = "1500"


def passed_share(text: str) -> float:
    m = re.search(r"^(\d+) passed, (\d+) failed", text, re.M)
    if not m:
        raise SystemExit("gate: no 'N passed, M failed' in grader output")
    return int(m.group(1)) / max(int(m.group(1)) + int(m.group(2)), 1)


def run(cmd: list[str]) -> str:
    proc = subprocess.run(cmd, capture_output=True, text=True, timeout=3600)
    print(proc.stdout[-3000:], end="")
    if proc.stderr.strip():
        print(proc.stderr[-1500:], file=sys.stderr)
    return proc.stdout


def figure(text: str, name: str) -> float:
    m = re.search(rf"{re.escape(name)} ([0-9.]+)", text)
    if not m:
        raise SystemExit(f"gate: no '{name}' in grader output")
    return float(m.group(1))


def main() -> int:
    briefbot, shared = sys.argv[1], Path(sys.argv[2])
    grade_py = str(shared / "eval" / "grade.py")

    def grade(mode: str, gold: Path, docs: Path, command: str) -> str:
        return run([sys.executable, grade_py, mode, str(gold), "--timeout", GRADER_TIMEOUT, "--docs", str(docs),
                    "--cmd", f"{briefbot} {command}"])

    failures: list[str] = []
    with tempfile.TemporaryDirectory() as tmp:
        seeds = Path(tmp) / "seeds"
        shutil.copytree("seeds", seeds, ignore=shutil.ignore_patterns("*.db"))
        db = f"sqlite:///{tmp}/seeds.db"
        out = grade("extract", shared / "eval" / "gold_seeds.yaml", seeds, f"--seeds {seeds} --db {db} claims --json")
        for name, floor in EXTRACT_GATES.items():
            if figure(out, name) < floor:
                failures.append(f"extract: {name} {figure(out, name)} < {floor}")
        if not re.search(r"bad citations 0\b", out):
            failures.append("extract: bad citations")
        out = grade("qa", shared / "eval" / "dev_questions.yaml", seeds, f"--seeds {seeds} --db {db} ask --json")
        if not re.search(r"^\d+ passed, 0 failed", out, re.M):
            failures.append("qa: not every dev question passes")
        corpus = shared / "corpora" / "wikinews-quotes"
        if corpus.is_dir():
            docs = Path(tmp) / "wn"
            shutil.copytree(corpus / "docs", docs)
            store = f"--seeds {docs} --db sqlite:///{tmp}/wn.db"
            out = grade("quotes", corpus / "gold.jsonl", docs, f"{store} claims --json")
            for name, floor in QUOTES_GATES.items():
                if figure(out, name) < floor:
                    failures.append(f"quotes: {name} {figure(out, name)} < {floor}")
            asked = [(shared / "eval" / name, floor) for name, floor in QA_GATES.items()]
            asked += [(Path("tests") / "questions" / name, floor) for name, floor in OWN_QA_GATES.items()]
            for questions, floor in asked:  # the same store, built above
                out = grade("qa", questions, docs, f"{store} ask --json")
                if passed_share(out) < floor:
                    failures.append(f"qa {questions.name}: {passed_share(out):.2f} < {floor}")
            dev = Path(tmp) / "dev"
            dev.mkdir()
            for path in (corpus / "docs").glob("dev_*.txt"):
                shutil.copy(path, dev / path.name)
            gold = Path(tmp) / "gold_dev.jsonl"
            gold.write_text("".join(line for line in (corpus / "gold.jsonl").read_text(encoding="utf-8")
                                    .splitlines(keepends=True) if '"doc": "dev_' in line), encoding="utf-8")
            out = grade("quotes", gold, dev, f"--seeds {dev} --db sqlite:///{tmp}/dev.db claims --json")
            for name, floor in DEV_GATES.items():
                if figure(out, name) < floor:
                    failures.append(f"quotes (dev split): {name} {figure(out, name)} < {floor}")
    for failure in failures:
        print("GATE FAILED:", failure)
    print("quality gate:", "failed" if failures else "passed")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
