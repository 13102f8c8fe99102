"""Answer latency per question, with the store loaded and indexed once.

    python bench/bench_answers.py                 # seeds store and a synthetic 100,000-claim store
    python bench/bench_answers.py --sizes seeds   # only the seeds
    python bench/bench_answers.py --reps 3 --claims 20000 --docs 2000

Every question goes through `handlers.dispatch` exactly as a chat message does. Each store size
runs in its own child process, so peak RSS is that size's own. Beside the bot, the same
questions are answered by a plain full scan (rapidfuzz `process.extract` over every claim text
with `fuzz.partial_ratio`), the naive baseline an index has to beat.
"""

from __future__ import annotations

import argparse
import datetime as dt
import gc
import json
import math
import os
import platform
import random
import resource
import statistics
import subprocess
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(Path(__file__).resolve().parent))

TARGET_P99_MS = 20.0

# Questions about the seeds (the five documents in seeds/), one or more per kind.
SEED_QUESTIONS: list[tuple[str, str]] = [
    ("figures", "Wie viele nordkoreanische Soldaten meldet jede Quelle?"),
    ("figures", "How many troops does each source report?"),
    ("figures/source", "Wie viele Soldaten nennt die taz?"),
    ("figures/source", "How many troops does 902.gr report?"),
    ("figures/speaker", "Wie viele Soldaten sind laut Selenskyj in Kursk?"),
    ("figures/speaker", "How many troops did Zelensky say were in Kursk?"),
    ("figures/scope", "Wie viele Soldaten sind in Kursk?"),
    ("figures/scope", "Wie viele sind desertiert?"),
    ("figures/other", "Wie viele Kampfjets hat Nordkorea geschickt?"),
    ("statements", "Was hat Austin gesagt?"),
    ("statements", "What did Blinken say?"),
    ("statements/typo", "Was sagte Lloyd Austen?"),
    ("statements/typo", "What did Blinkn say?"),
    ("statements/typo", "Was sagte Rute?"),
    ("statements/spelling", "Was sagte Yun Suk-yol?"),
    ("statements/spelling", "What did Lavrov say?"),
    ("statements/topic", "What did Blinken say about Putin?"),
    ("statements/topic", "Was sagte Austin über Eskalation?"),
    ("role", "Was sagte der südkoreanische Verteidigungsminister?"),
    ("role", "Was sagte der EU-Außenpolitikbeauftragte?"),
    ("role", "What did the EU foreign policy chief say?"),
    ("role", "Was sagte die Pentagon-Sprecherin?"),
    ("who_said/phrase", "Wer sagte „Putins Optionen werden dünn“?"),
    ("who_said/phrase", "Who said \"fest an der Seite unserer russischen Kameraden\"?"),
    ("who_said/topic-de", "Wer sprach von Eskalation?"),
    ("who_said/topic-de", "Wer sprach über Sanktionen?"),
    ("who_said/topic-en", "Who called it an escalation?"),
    ("who_said/topic-en", "Who talked about nuclear weapons?"),
    ("who_said/bare", "Eskalation?"),
    ("quoted_in", "Wer wird in der taz zitiert?"),
    ("quoted_in", "Who is quoted in 902.gr?"),
    ("who_said/source-topic", "Was sagt die taz über China?"),
    ("who_said/stance", "Wer hat bestritten, dass nordkoreanische Soldaten in Kursk kämpfen?"),
    ("who_said/stance", "Who declined to confirm the troops in Kursk?"),
    ("figures/value", "Who reported 12,000 troops?"),
    ("figures/value", "Welche Quellen nennen 11.000 Soldaten?"),
    ("sources", "Welche Quellen gibt es?"),
    ("help", "Hilfe"),
    ("help", "/help"),
    ("unknown", "Was sagte Angela Merkel?"),
    ("unknown", "What did Olaf Scholz say about tanks?"),
    ("gibberish", "asdkjh qwe zzzz"),
    ("gibberish", "?!? ..."),
    ("gibberish", "xq7 lorem ipsum dolor sit amet consectetur"),
]

SCOPES = ["Kursk", "Charkiw", "Donezk", "Moskau", "Wladiwostok", "Belgorod"]
TOPICS_DE = ["Eskalation", "Sanktionen", "Waffenstillstand", "Drohnen", "Munition", "Atomwaffen", "Mobilisierung",
             "Verhandlungen", "Desinformation", "Flüchtlinge"]
TOPICS_EN = ["escalation", "sanctions", "drones", "nuclear weapons", "ammunition", "peace", "training", "border",
             "deployment", "losses"]
ROLES_DE = ["der südkoreanische Verteidigungsminister", "der russische Außenminister", "die ukrainische Sprecherin",
            "der chinesische Außenamtssprecher", "der amerikanische UN-Botschafter", "der deutsche Innenminister",
            "der polnische Generalstabschef", "der japanische Premierminister"]
ROLES_EN = ["the Russian foreign minister", "the South Korean defence minister", "the Ukrainian president",
            "the Chinese spokesperson", "the American ambassador"]


def _typo(rng: random.Random, name: str) -> str:
    """One slip of the keyboard in the longest word: a dropped, doubled, swapped or changed letter."""
    parts = name.split()
    i = max(range(len(parts)), key=lambda k: len(parts[k]))
    w = parts[i]
    if len(w) < 4:
        return name.lower()
    p = rng.randint(1, len(w) - 2)
    kind = rng.choice(["drop", "double", "swap", "change"])
    if kind == "drop":
        w = w[:p] + w[p + 1:]
    elif kind == "double":
        w = w[:p] + w[p] + w[p:]
    elif kind == "swap":
        w = w[:p] + w[p + 1] + w[p] + w[p + 2:]
    else:
        w = w[:p] + rng.choice("aeioulnrst") + w[p + 1:]
    parts[i] = w
    out = " ".join(parts)
    return out.lower() if rng.random() < 0.5 else out


def synthetic_questions(syn, seed: int = 7) -> list[tuple[str, str]]:
    """A mix of every kind of question, about the synthetic store's own speakers, outlets and texts."""
    rng = random.Random(seed)
    ranked = sorted(syn.speakers_of, key=lambda e: -syn.speakers_of[e])
    by_id = {e.id: e for e in syn.persons + syn.organisations}
    top_persons = [by_id[e] for e in ranked if e in by_id and by_id[e].kind == "person"][:20]
    persons = list(syn.persons)
    orgs = list(syn.organisations)
    outlets = [o for o in syn.outlets if len(o) > 3]
    qs: list[tuple[str, str]] = [
        ("figures", "Wie viele nordkoreanische Soldaten meldet jede Quelle?"),
        ("figures", "How many troops does each source report?"),
        ("figures", "Wie viele Tote gab es?"),
        ("figures", "Wie viele sind desertiert?"),
        ("figures/other", "Wie viele Kampfjets hat Nordkorea geschickt?"),
        ("sources", "Welche Quellen gibt es?"),
        ("help", "Hilfe"),
        ("help", "/help"),
        ("help", "What can you do?"),
        ("unknown", "Was sagte Angela Merkel?"),
        ("unknown", "What did Xavier Quenneville say?"),
        ("unknown", "Was sagte Bundeskanzlerin Merkel über Panzer?"),
        ("gibberish", "asdkjh qwe zzzz"),
        ("gibberish", "?!? ..."),
        ("gibberish", "xq7 lorem ipsum dolor sit amet consectetur"),
        ("gibberish", "hallo"),
    ]
    for outlet in rng.sample(outlets, 3):
        qs.append(("figures/source", f"Wie viele Soldaten nennt {outlet}?"))
    qs.append(("figures/source", f"How many troops does {rng.choice(outlets)} report?"))
    for e in rng.sample(top_persons[:10], 2) + rng.sample(persons, 2):
        qs.append(("figures/speaker", f"Wie viele Soldaten sind laut {e.name.split()[-1]} in {rng.choice(SCOPES)}?"))
    qs.append(("figures/speaker", f"How many troops did {rng.choice(persons).name} say were in Kursk?"))
    for scope in rng.sample(SCOPES, 3):
        qs.append(("figures/scope", f"Wie viele Soldaten sind in {scope}?"))
    qs.append(("figures/scope", "How many soldiers were sent to Charkiw?"))
    for e in top_persons[:3] + rng.sample(persons, 4):
        qs.append(("statements", f"Was hat {e.name} gesagt?"))
    for e in rng.sample(persons, 3):
        qs.append(("statements", f"What did {e.name} say?"))
    for e in rng.sample(orgs, 2):
        qs.append(("statements/org", f"Was sagte das {e.name}?"))
    for e in top_persons[:2] + rng.sample(persons, 5):
        qs.append(("statements/typo", f"Was sagte {_typo(rng, e.name)}?"))
    for e in rng.sample(persons, 3):
        qs.append(("statements/typo", f"What did {_typo(rng, e.name)} say?"))
    for e in top_persons[:2] + rng.sample(persons, 2):
        qs.append(("statements/topic", f"Was sagte {e.name} über {rng.choice(TOPICS_DE)}?"))
    qs.append(("statements/topic", f"What did {top_persons[0].name} say about {rng.choice(TOPICS_EN)}?"))
    for role in rng.sample(ROLES_DE, 5):
        qs.append(("role", f"Was sagte {role}?"))
    for role in rng.sample(ROLES_EN, 3):
        qs.append(("role", f"What did {role} say?"))
    for phrase in rng.sample(syn.phrases, 6):
        qs.append(("who_said/phrase", f"Wer sagte „{phrase}“?"))
    for phrase in rng.sample(syn.phrases, 3):
        qs.append(("who_said/phrase", f'Who said "{phrase}"?'))
    for phrase in rng.sample(syn.phrases, 3):
        qs.append(("who_said/phrase", f"Wer sagte „{_typo(rng, phrase).lower()}“?"))
    qs.append(("who_said/phrase", "Wer sagte „die Sonne scheint heute über Hamburg“?"))
    for topic in rng.sample(TOPICS_DE, 5):
        qs.append(("who_said/topic-de", f"Wer sprach über {topic}?"))
    qs.append(("who_said/topic-de", "Wer sprach von Eskalation?"))
    for topic in rng.sample(TOPICS_EN, 5):
        qs.append(("who_said/topic-en", f"Who talked about {topic}?"))
    qs.append(("who_said/topic-en", "Who called it an escalation?"))
    qs.append(("who_said/bare", "Eskalation?"))
    qs.append(("who_said/bare", "Drohnen"))
    for outlet in rng.sample(outlets, 3):
        qs.append(("quoted_in", f"Wer wird in {outlet} zitiert?"))
    qs.append(("quoted_in", "Wer wird in der taz zitiert?"))
    qs.append(("quoted_in", f"Who is quoted in {rng.choice(outlets)}?"))
    qs.append(("who_said/source-topic", f"Was sagt {rng.choice(outlets)} über {rng.choice(TOPICS_DE)}?"))
    qs.append(("who_said/stance", f"Wer hat bestritten, dass es um {rng.choice(TOPICS_DE)} geht?"))
    qs.append(("who_said/stance", f"Who denied anything about {rng.choice(TOPICS_EN)}?"))
    qs.append(("figures/value", "Who reported 12,000 troops?"))
    qs.append(("figures/value", "Welche Quellen nennen 3.000 Soldaten?"))
    return qs


# ---------------------------------------------------------------------------------------- measuring


def _rss_mb() -> float:
    """Current resident set size."""
    with open("/proc/self/statm") as f:
        pages = int(f.read().split()[1])
    return pages * os.sysconf("SC_PAGE_SIZE") / 2**20


def _maxrss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _pct(values: list[float], p: float) -> float:
    """Nearest-rank percentile."""
    ordered = sorted(values)
    k = max(0, min(len(ordered) - 1, math.ceil(p / 100 * len(ordered)) - 1))
    return ordered[k]


def _summary(values_ms: list[float]) -> dict[str, float]:
    return {"n": len(values_ms), "p50": statistics.median(values_ms), "p99": _pct(values_ms, 99),
            "max": max(values_ms), "mean": statistics.fmean(values_ms)}


def _load(size: str, args: argparse.Namespace):
    """The snapshot and the questions for one store size."""
    if size == "seeds":
        from knowledge.store import open_store

        tmp = tempfile.mkdtemp(prefix="briefbot-bench-")
        snapshot = open_store(ROOT / "seeds", f"sqlite:///{tmp}/b.db", progress=False)
        return snapshot, list(SEED_QUESTIONS)
    import synthetic

    syn = synthetic.build(n_claims=args.claims, n_docs=args.docs, seed=args.seed)
    return syn.snapshot, synthetic_questions(syn, seed=args.seed)


def _embed(snapshot, args: argparse.Namespace) -> dict:
    """Vectors for every text a build embeds (claims, sentences, names and roles, example questions), as a build
    stores them, kept in `--vectors-cache` for later runs. With `--embed-sample N`, only N texts spread over the
    store are embedded (for the rate, from which the whole store's time follows) and every other text gets the
    vector of one of them: what a question costs does not depend on which vector a text has."""
    import numpy as np

    from knowledge.embeddings import MODEL, Vectors, encode, text_key, to_bytes
    from knowledge.store_build import embedded_texts

    texts = list(dict.fromkeys(embedded_texts(snapshot.claims, snapshot.passages, snapshot.entities)))
    sample = min(args.embed_sample or len(texts), len(texts))
    name = f"{MODEL}-{args.seed}-{args.claims}-{args.docs}-{len(texts)}-{sample}.npy"
    cache = Path(args.vectors_cache) / name
    info: dict = {"texts": len(texts), "sample": sample, "cached": cache.exists()}
    if cache.exists():
        matrix = np.load(cache)
    else:
        picked = np.linspace(0, len(texts) - 1, sample).astype(np.int64)
        t0 = time.perf_counter()
        found = encode([texts[i] for i in picked], progress=True)
        info["embed_s"] = time.perf_counter() - t0
        real = np.frombuffer(b"".join(to_bytes(v) for v in found), dtype=np.float16).reshape(sample, -1)
        matrix = real[np.arange(len(texts)) % sample] if sample < len(texts) else real.copy()  # a buffer is read-only
        matrix[picked] = real
        cache.parent.mkdir(parents=True, exist_ok=True)
        np.save(cache, matrix)
    snapshot.vectors = Vectors({text_key(t): i for i, t in enumerate(texts)}, matrix)
    return info


def _reload_one_document(context, snapshot) -> dict:
    """What a reload of one new document costs in the bot's process: its new texts embedded, and the index of
    the new snapshot built (the SQL write and read of a build are not included: they scale with the store)."""
    import dataclasses

    import numpy as np

    import handlers
    from knowledge.embeddings import Vectors, encode, text_key, to_bytes

    source = next(iter(snapshot.sources))
    doc_id = "99999_" + source.split("_", 1)[1]
    claims = [dataclasses.replace(c, id=c.id.replace(source, doc_id), source=doc_id, text=c.text + " Neu.")
              for c in snapshot.claims if c.source == source]
    passages = [dataclasses.replace(p, id=p.id.replace(source, doc_id), source=doc_id, text=p.text + " Neu.")
                for p in snapshot.passages if p.source == source]
    texts = list(dict.fromkeys(t.text for t in [*claims, *passages]))
    t0 = time.perf_counter()
    found = encode(texts)
    embed_s = time.perf_counter() - t0
    rows = dict(snapshot.vectors.rows)
    stored = len(snapshot.vectors.matrix)  # laid out by the index (`Vectors.arrange`): more rows than keys
    rows.update({text_key(t): stored + i for i, t in enumerate(texts)})
    added = np.frombuffer(b"".join(to_bytes(v) for v in found), dtype=np.float16).reshape(len(texts), -1)
    new = dataclasses.replace(snapshot, version=snapshot.version + 1, index=None,
                              claims=[*snapshot.claims, *claims], passages=[*snapshot.passages, *passages],
                              sources={**snapshot.sources, doc_id: snapshot.sources[source]},
                              vectors=Vectors(rows, np.vstack([snapshot.vectors.matrix, added])))
    t0 = time.perf_counter()
    context.replace(new)
    index_s = time.perf_counter() - t0
    reply = handlers.dispatch(handlers.Request(text="Welche Quellen gibt es?"), context)
    assert isinstance(reply.text, str)
    return {"texts": len(texts), "embed_s": embed_s, "index_s": index_s}


def run_size(size: str, args: argparse.Namespace) -> dict:
    from rapidfuzz import fuzz, process

    import handlers
    from knowledge.vocabulary import fold_query

    t0 = time.perf_counter()
    snapshot, questions = _load(size, args)
    load_s = time.perf_counter() - t0
    embedding = _embed(snapshot, args) if size != "seeds" else {}
    gc.collect()
    rss_loaded = _rss_mb()

    t0 = time.perf_counter()
    context = handlers.Context(snapshot)
    build_s = time.perf_counter() - t0
    gc.collect()
    rss_indexed = _rss_mb()
    index = context.index

    def ask(text: str) -> handlers.Reply:
        return handlers.dispatch(handlers.Request(text=text), context)

    # one warm-up pass (lazy imports, caches), then timed passes over every question
    first: dict[str, float] = {}
    for _kind, q in questions:
        t0 = time.perf_counter()
        reply = ask(q)
        first[q] = (time.perf_counter() - t0) * 1000
        assert isinstance(reply.text, str)
    samples: list[float] = []
    per_question: dict[str, list[float]] = {q: [] for _k, q in questions}
    gc.collect()
    for _ in range(args.reps):
        for _kind, q in questions:
            t0 = time.perf_counter()
            ask(q)
            ms = (time.perf_counter() - t0) * 1000
            samples.append(ms)
            per_question[q].append(ms)
    intents = {q: ask(q).intent for _k, q in questions}
    # the answer engine alone (understanding and picking claims), without wording the reply
    from knowledge.answers import answer
    from knowledge.questions import clean

    engine: list[float] = []
    for _ in range(args.reps):
        for _kind, q in questions:
            if q.startswith("/"):
                continue
            text = clean(q)
            t0 = time.perf_counter()
            answer(text, index)
            engine.append((time.perf_counter() - t0) * 1000)

    # memory a single question allocates at its peak (tracemalloc slows Python down, so a separate pass)
    tracemalloc.start()
    peak_question = 0
    peak_q = ""
    for _kind, q in questions:
        tracemalloc.reset_peak()
        base, _ = tracemalloc.get_traced_memory()
        ask(q)
        _, peak = tracemalloc.get_traced_memory()
        if peak - base > peak_question:
            peak_question, peak_q = peak - base, q
    tracemalloc.stop()

    by_kind: dict[str, list[float]] = {}
    for kind, q in questions:
        by_kind.setdefault(kind, []).extend(per_question[q])
    slowest = sorted(((max(v), q, intents[q]) for q, v in per_question.items()), reverse=True)[:8]

    # the naive baseline: every claim text scored against the whole question, every time
    baseline: dict[str, object] = {}
    if not args.no_baseline:
        t0 = time.perf_counter()
        texts = [fold_query(c.text) for c in snapshot.claims if c.section == "article"]
        prep_s = time.perf_counter() - t0
        base_samples = []
        for _kind, q in questions:
            folded = fold_query(q)
            t0 = time.perf_counter()
            process.extract(folded, texts, scorer=fuzz.partial_ratio, limit=8, processor=None)
            base_samples.append((time.perf_counter() - t0) * 1000)
        wr_samples = []
        for _kind, q in questions[:: max(1, len(questions) // 10)]:
            folded = fold_query(q)
            t0 = time.perf_counter()
            process.extract(folded, texts, scorer=fuzz.WRatio, limit=8, processor=None)
            wr_samples.append((time.perf_counter() - t0) * 1000)
        baseline = {"prep_s": prep_s, "partial_ratio": _summary(base_samples), "wratio": _summary(wr_samples)}

    reload = _reload_one_document(context, snapshot) if size != "seeds" else {}
    return {
        "size": size,
        "passages": len(snapshot.passages),
        "embedding": embedding,
        "reload": reload,
        "claims": len(snapshot.claims),
        "indexed_claims": len(index.claims),
        "documents": len(snapshot.sources),
        "entities": len(snapshot.entities),
        "vocabulary": len(index.by_word),
        "questions": len(questions),
        "reps": args.reps,
        "load_s": load_s,
        "build_s": build_s,
        "rss_loaded_mb": rss_loaded,
        "rss_indexed_mb": rss_indexed,
        "maxrss_mb": _maxrss_mb(),
        "peak_question_kb": peak_question / 1024,
        "peak_question": peak_q,
        "latency": _summary(samples),
        "engine": _summary(engine),
        "first_pass": _summary(list(first.values())),
        "by_kind": {k: _summary(v) for k, v in by_kind.items()},
        "slowest": slowest,
        "intents": dict(sorted({i: sum(1 for v in intents.values() if v == i) for i in intents.values()}.items())),
        "baseline": baseline,
    }


# ---------------------------------------------------------------------------------------- reporting


def machine() -> dict[str, str]:
    cpu = "unknown"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    import rapidfuzz

    return {"date": dt.datetime.now().astimezone().strftime("%Y-%m-%d %H:%M %Z"), "nproc": str(os.cpu_count()),
            "cpu": cpu, "python": platform.python_version(), "platform": platform.platform(),
            "rapidfuzz": rapidfuzz.__version__}


def report(info: dict[str, str], results: list[dict]) -> str:
    out = [f"machine: {info['nproc']} CPUs, {info['cpu']}, Python {info['python']} ({info['platform']}), "
           f"rapidfuzz {info['rapidfuzz']}", f"date: {info['date']}", ""]
    out.append("| store | claims (indexed) | docs | entities | questions x reps | build s | p50 ms | p99 ms | max ms "
               "| baseline p50 ms | baseline p99 ms | RSS after index MB | max RSS MB | peak per question KB |")
    out.append("|---|---|---|---|---|---|---|---|---|---|---|---|---|---|")
    for r in results:
        lat, base = r["latency"], r["baseline"].get("partial_ratio") if r["baseline"] else None
        out.append(
            f"| {r['size']} | {r['claims']:,} ({r['indexed_claims']:,}) | {r['documents']:,} | {r['entities']:,} "
            f"| {r['questions']} x {r['reps']} | {r['build_s']:.2f} | {lat['p50']:.2f} | {lat['p99']:.2f} "
            f"| {lat['max']:.2f} | {base['p50']:.1f} | {base['p99']:.1f} | {r['rss_indexed_mb']:.0f} "
            f"| {r['maxrss_mb']:.0f} | {r['peak_question_kb']:.0f} |" if base else
            f"| {r['size']} | {r['claims']:,} ({r['indexed_claims']:,}) | {r['documents']:,} | {r['entities']:,} "
            f"| {r['questions']} x {r['reps']} | {r['build_s']:.2f} | {lat['p50']:.2f} | {lat['p99']:.2f} "
            f"| {lat['max']:.2f} | – | – | {r['rss_indexed_mb']:.0f} | {r['maxrss_mb']:.0f} "
            f"| {r['peak_question_kb']:.0f} |")
    for r in results:
        out.append("")
        out.append(f"## {r['size']}: {r['claims']:,} claims, {r['passages']:,} sentences, vocabulary "
                   f"{r['vocabulary']:,} words, load {r['load_s']:.1f} s, index build {r['build_s']:.2f} s "
                   f"(RSS {r['rss_loaded_mb']:.0f} -> {r['rss_indexed_mb']:.0f} MB)")
        e, re_ = r["embedding"], r["reload"]
        if e and not e["cached"]:
            rate = e["sample"] / e["embed_s"]
            out.append(f"embedding the store: {e['texts']:,} distinct texts; {e['sample']:,} of them embedded in "
                       f"{e['embed_s']:.0f} s ({rate:.0f}/s), so the whole store takes {e['texts'] / rate:.0f} s")
        if re_:
            out.append(f"reload of one new document: {re_['texts']} new texts embedded in {re_['embed_s']:.2f} s, "
                       f"index of the new version {re_['index_s']:.1f} s")
        verdict = "meets" if r["latency"]["p99"] < TARGET_P99_MS else "MISSES"
        out.append(f"p99 {r['latency']['p99']:.2f} ms {verdict} the {TARGET_P99_MS:.0f} ms target; "
                   f"first (cold) pass p50 {r['first_pass']['p50']:.2f} / max {r['first_pass']['max']:.2f} ms")
        e = r["engine"]
        out.append(f"answer engine alone (knowledge.answers.answer, no reply wording): p50 {e['p50']:.2f} / "
                   f"p99 {e['p99']:.2f} / max {e['max']:.2f} ms")
        out.append(f"intents: {r['intents']}")
        out.append("| kind | n | p50 ms | p99 ms | max ms |")
        out.append("|---|---|---|---|---|")
        for kind, s in r["by_kind"].items():
            out.append(f"| {kind} | {s['n']} | {s['p50']:.2f} | {s['p99']:.2f} | {s['max']:.2f} |")
        out.append("slowest questions (max ms, intent):")
        for ms, q, intent in r["slowest"]:
            out.append(f"  {ms:8.2f}  {intent:<10} {q}")
        if r["baseline"]:
            b = r["baseline"]
            out.append(f"baseline full scan (texts folded once in {b['prep_s']:.2f} s): "
                       f"partial_ratio p50 {b['partial_ratio']['p50']:.1f} / p99 {b['partial_ratio']['p99']:.1f} ms; "
                       f"WRatio ({b['wratio']['n']} questions) p50 {b['wratio']['p50']:.1f} / "
                       f"max {b['wratio']['max']:.1f} ms")
    return "\n".join(out)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", default="seeds,synthetic", help="comma-separated: seeds, synthetic")
    parser.add_argument("--claims", type=int, default=100_000, help="claims in the synthetic store")
    parser.add_argument("--docs", type=int, default=10_000, help="documents in the synthetic store")
    parser.add_argument("--seed", type=int, default=20241104)
    parser.add_argument("--reps", type=int, default=5, help="timed passes over the questions")
    parser.add_argument("--no-baseline", action="store_true", help="skip the full-scan rapidfuzz baseline")
    parser.add_argument("--json", metavar="FILE", help="also write the raw results as JSON")
    parser.add_argument("--vectors-cache", default=str(Path(tempfile.gettempdir()) / "briefbot-bench-vectors"),
                        help="folder keeping the synthetic store's vectors between runs")
    parser.add_argument("--embed-sample", type=int, default=0,
                        help="embed only this many texts of the synthetic store (0: all; see _embed)")
    parser.add_argument("--child", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)

    if args.child:  # one store size, in a fresh process: print its results as one JSON line
        print(json.dumps(run_size(args.child, args)), flush=True)
        return 0

    info = machine()
    print(f"machine: {info['nproc']} CPUs, {info['cpu']}, Python {info['python']}", flush=True)
    results = []
    for size in [s.strip() for s in args.sizes.split(",") if s.strip()]:
        print(f"running {size} ...", flush=True)
        cmd = [sys.executable, __file__, "--child", size, "--claims", str(args.claims), "--docs", str(args.docs),
               "--seed", str(args.seed), "--reps", str(args.reps), "--vectors-cache", args.vectors_cache,
               "--embed-sample", str(args.embed_sample)] + (
            ["--no-baseline"] if args.no_baseline else [])
        done = subprocess.run(cmd, stdout=subprocess.PIPE, text=True, timeout=7200, cwd=ROOT)
        if done.returncode != 0:
            sys.stderr.write(done.stderr)
            return done.returncode
        results.append(json.loads(done.stdout.strip().splitlines()[-1]))
    print()
    print(report(info, results))
    if args.json:
        Path(args.json).write_text(json.dumps({"machine": info, "results": results}, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
