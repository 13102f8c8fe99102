"""The annotated quotation corpus as the training scripts read it: documents and gold annotations by split."""

from __future__ import annotations

import argparse
import json
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

#: Said in every data file derived from the corpus: where it comes from and under which licence.
CREDIT = ("the train split of the German WIKINEWS quotation-attribution corpus (Petersen-Frey & Biemann, "
          "LREC-COLING 2024; CC BY-NC-SA 4.0)")

#: Where the corpus lies in a checkout with the shared material beside it.
DEFAULT_CORPUS = Path(__file__).resolve().parents[2].parent / "shared" / "corpora" / "wikinews-quotes"


@dataclass(frozen=True, slots=True)
class Annotation:
    """One gold statement: who (as written), by which cue, which characters of the document."""

    doc: str
    type: str
    speaker: str
    speaker_spans: tuple[tuple[int, int], ...]
    quote_spans: tuple[tuple[int, int], ...]
    cue: str


def load_corpus(folder: Path, split: str) -> tuple[dict[str, str], list[Annotation]]:
    """Texts and annotations of one split (`train`, `dev`), by document id."""
    texts = {p.stem: p.read_text(encoding="utf-8") for p in sorted((folder / "docs").glob(f"{split}_*.txt"))}
    annotations = []
    for line in (folder / "gold.jsonl").read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        raw = json.loads(line)
        if raw["doc"] not in texts:
            continue
        annotations.append(Annotation(
            doc=raw["doc"], type=raw["type"], speaker=raw.get("speaker") or "",
            speaker_spans=tuple(tuple(s) for s in raw.get("speaker_spans") or []),  # type: ignore[misc]
            quote_spans=tuple(tuple(s) for s in raw.get("quote_spans") or []),  # type: ignore[misc]
            cue=raw.get("cue") or "",
        ))
    return texts, annotations


def write_data(path: Path, about: str, data: dict[str, object]) -> None:
    """Write a learned data file: what it is and where it was learned from, then the data."""
    path.parent.mkdir(parents=True, exist_ok=True)
    payload = {"about": f"{about}, learned from {CREDIT}.", **data}
    path.write_text(json.dumps(payload, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")


def derive_data_file(doc: str | None, out: Path, about: str,
                     derive: Callable[[Path], dict[str, object]]) -> tuple[Path, dict[str, object]]:
    """The command line every script that derives one data file shares: `[corpus] [--out FILE]`, then
    derive from the corpus and write the file; returns where it was written and what it holds."""
    parser = argparse.ArgumentParser(description=doc, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("corpus", nargs="?", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--out", type=Path, default=out)
    args = parser.parse_args()
    data = derive(args.corpus)
    write_data(args.out, about, data)
    return args.out, data
