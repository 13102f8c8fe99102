"""How close the quoted-phrase search comes to scoring every claim, and how often it finds the quote.

    python bench/bench_phrases.py                      # 400 phrases over the 100,000-claim synthetic store
    python bench/bench_phrases.py --seeds-store        # 400 phrases over the shipped seeds

"Wer sagte „…“?" scores only the claims the word-pair index proposes (`KnowledgeIndex.phrase_candidates`).
This compares, for phrases cut from real claims (2–8 words; as written, with one or two typos, with a
word left out, or lower-cased without umlauts), the claims the bot shows with the top claims of a full
scan (`fuzz.partial_ratio` >= 85 over every spoken claim, best first, ties in claim order), and counts
how often the claim the phrase was cut from is shown.
"""

from __future__ import annotations

import argparse
import gc
import random
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(Path(__file__).resolve().parent))


def phrases(snapshot, rng: random.Random, n: int) -> list[tuple[str, str, str]]:
    """(variant, phrase, id of the claim it was cut from)."""
    from bench_answers import _typo

    spoken = [c for c in snapshot.claims if c.kind != "figure" and c.speaker and c.section == "article"]
    out: list[tuple[str, str, str]] = []
    while len(out) < n:
        claim = rng.choice(spoken)
        words = claim.text.replace("„", "").replace("“", "").split()
        if len(words) < 3:
            continue
        k = rng.randint(2, min(8, len(words)))
        start = rng.randint(0, len(words) - k)
        cut = words[start:start + k]
        variant = rng.choice(["as written", "one typo", "two typos", "word left out", "lower case"])
        text = " ".join(cut)
        if variant == "one typo":
            text = _typo(rng, text)
        elif variant == "two typos":
            text = _typo(rng, _typo(rng, text))
        elif variant == "word left out" and k > 3:
            del cut[rng.randrange(1, k - 1)]
            text = " ".join(cut)
        elif variant == "lower case":
            text = text.lower().replace("ä", "a").replace("ö", "o").replace("ü", "u")
        out.append((variant, text, claim.id))
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--seeds-store", action="store_true", help="use the shipped seeds instead")
    parser.add_argument("--phrases", type=int, default=400)
    parser.add_argument("--seed", type=int, default=11)
    parser.add_argument("--verbose", action="store_true", help="print the phrases whose claim only the full scan shows")
    args = parser.parse_args(argv)

    from rapidfuzz import fuzz, process

    from knowledge.answers import PAGE, answer, prepare
    from knowledge.index import KnowledgeIndex
    from knowledge.vocabulary import fold_query

    if args.seeds_store:
        from knowledge.store import open_store

        snapshot = open_store(ROOT / "seeds", f"sqlite:///{tempfile.mkdtemp()}/b.db", progress=False)
    else:
        import synthetic

        snapshot = synthetic.build().snapshot
    index = KnowledgeIndex.build(snapshot)
    prepare(index)
    gc.collect()
    gc.freeze()  # as the bot does after loading a store
    spoken = [i for i, c in enumerate(index.claims) if c.kind != "figure" and c.speaker]
    texts = [index.folded[i] for i in spoken]

    rows: dict[str, list[int]] = {}
    scan_ms = 0.0
    index_ms: list[float] = []
    for variant, text, origin in phrases(snapshot, random.Random(args.seed), args.phrases):
        t0 = time.perf_counter()
        shown = [c.id for c in answer(f"Wer sagte „{text}“?", index).claims]
        index_ms.append((time.perf_counter() - t0) * 1000)
        t0 = time.perf_counter()
        hits = process.extract(fold_query(text), texts, scorer=fuzz.partial_ratio, score_cutoff=85, limit=None)
        scan_ms += (time.perf_counter() - t0) * 1000
        hits.sort(key=lambda h: (-h[1], h[2]))
        full = {index.claims[spoken[k]].id for _t, _s, k in hits[:PAGE]}
        row = rows.setdefault(variant, [0, 0, 0, 0])
        row[0] += 1
        row[1] += origin in shown
        row[2] += origin in full
        row[3] += set(shown) == full
        if args.verbose and origin in full and origin not in shown:
            print(f"missed: {variant}: {text!r} ({origin})")
    n = sum(r[0] for r in rows.values())
    index_ms.sort()
    print(f"{len(index.claims):,} claims, {n} phrases; time per question: index p50 {index_ms[n // 2]:.1f} / "
          f"p99 {index_ms[min(n - 1, n * 99 // 100)]:.1f} / max {index_ms[-1]:.1f} ms; "
          f"full scan mean {scan_ms / n:.1f} ms")
    print("| phrase | n | cut-from claim shown | ... by the full scan | same claims as the full scan |")
    print("|---|---|---|---|---|")
    for variant, (k, found, found_full, same) in sorted(rows.items()):
        print(f"| {variant} | {k} | {found} | {found_full} | {same} |")
    total = [sum(r[i] for r in rows.values()) for i in range(4)]
    print(f"| all | {total[0]} | {total[1]} ({total[1] / n:.0%}) | {total[2]} ({total[2] / n:.0%}) "
          f"| {total[3]} ({total[3] / n:.0%}) |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
