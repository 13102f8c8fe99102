"""How fast the extractor turns documents into claims: documents per second over a folder, one process.

    python bench/bench_extract.py                          # the 850 WIKINEWS documents beside the checkout
    python bench/bench_extract.py --docs ./seeds

Reads every document first, then times `extract_claims` alone (no claim files, no store), so the
figure is the extractor's own speed; the statement model is included (it is part of extraction).
"""

from __future__ import annotations

import argparse
import platform
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from knowledge.extraction.pipeline import extract_claims  # noqa: E402

DEFAULT_DOCS = ROOT.parent / "shared" / "corpora" / "wikinews-quotes" / "docs"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--docs", type=Path, default=DEFAULT_DOCS)
    parser.add_argument("--rounds", type=int, default=1)
    args = parser.parse_args()
    texts = [(p.stem, p.read_text(encoding="utf-8")) for p in sorted(args.docs.glob("*.txt"))]
    extract_claims(*texts[0])  # word lists and models load once, outside the timing
    best = float("inf")
    claims = 0
    for _ in range(args.rounds):
        start = time.perf_counter()
        claims = sum(len(extract_claims(doc, text)) for doc, text in texts)
        best = min(best, time.perf_counter() - start)
    print(f"{platform.processor() or platform.machine()}, Python {platform.python_version()}: "
          f"{len(texts)} documents, {claims} claims in {best:.1f} s = {len(texts) / best:.1f} documents/s")


if __name__ == "__main__":
    main()
