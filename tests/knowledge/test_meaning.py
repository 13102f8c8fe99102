"""Questions understood by meaning: facts answered with the documents' own sentences, topics and paraphrases
across languages, speakers found by description, figures by what they count, and an honest nothing.

The documents are invented; the store is built as a user's is (extraction, sentence vectors), so these
tests run the real model, offline.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import Session

import knowledge.store_build as store_module
from handlers import Context, Request, dispatch
from knowledge.answers import Answer, answer, prepare
from knowledge.index import KnowledgeIndex
from knowledge.store import VectorRow, make_engine, open_store

DOCS = {
    "verein": [
        "Kiel (dpa) - Der Segelverein Nordwind feiert sein Jubiläum.",
        "Nach seiner Gründung am 3. März 1987 wuchs der Verein schnell auf 900 Mitglieder.",
        "Die Sprecherin des Vereins, Anna Berg, sagte: „Wir bleiben ein Verein für alle Generationen.“",
        "Der Vorsitzende Klaus Tamm erklärte, die neue Halle werde im Sommer eröffnet.",
    ],
    "sturm": [
        "Hamburg (dpa) - Ein schwerer Sturm hat an der Küste große Schäden angerichtet.",
        "Nach Angaben der Polizei wurden bei dem Sturm 14 Menschen verletzt.",
        "Der Bürgermeister Jens Ohlsen sagte: „Die Deiche haben gehalten, das war entscheidend.“",
        "Meteorologe Peter Lund warnte, dass solche Stürme wegen des Klimawandels häufiger werden.",
    ],
    "schule": [
        "Stuttgart (dpa) - Die Landesregierung will die Gemeinschaftsschule ausbauen.",
        "Die Kultusministerin Maria Keller sagte: „Die Gemeinschaftsschule ist ein Erfolg für unsere Kinder.“",
        "Der Elternverband kritisierte, die Gemeinschaftsschule bekomme zu wenig Lehrer.",
    ],
}


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    docs = tmp_path_factory.mktemp("meaning") / "docs"
    docs.mkdir()
    for name, paragraphs in DOCS.items():
        (docs / f"{name}.txt").write_text("\n\n".join(paragraphs) + "\n", encoding="utf-8")
    return docs


@pytest.fixture(scope="module")
def index(folder: Path) -> KnowledgeIndex:
    built = KnowledgeIndex.build(open_store(folder, progress=False))
    prepare(built)
    return built


def ask(question: str, index: KnowledgeIndex) -> Answer:
    return answer(question, index)


def test_the_model_loads_without_a_network() -> None:
    code = (
        "import socket\n"
        "def refuse(*args, **kwargs): raise OSError('no network in this test')\n"
        "socket.socket.connect = refuse\n"
        "socket.create_connection = refuse\n"
        "from knowledge.embeddings import encode\n"
        "v = encode(['Wann wurde der Verein gegründet?', 'When was the club founded?'])\n"
        "assert v.shape == (2, 512) and abs(float((v[0] ** 2).sum()) - 1) < 1e-3\n"
        "assert float(v[0] @ v[1]) > 0.5, 'a German question and its English translation are close'\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True, timeout=120)


def test_the_store_keeps_a_vector_for_every_claim_and_sentence_and_embeds_only_new_texts(
        folder: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    snapshot = open_store(folder, progress=False)
    assert snapshot.passages and all(p.kind == "passage" and p.speaker is None for p in snapshot.passages)
    _, found = snapshot.vectors.of([c.text for c in snapshot.claims] + [p.text for p in snapshot.passages])
    assert found.all()
    embedded: list[int] = []
    real = store_module.encode

    def counting(texts: list[str], *, progress: bool = False) -> np.ndarray:
        embedded.append(len(texts))
        return real(texts, progress=progress)

    monkeypatch.setattr(store_module, "encode", counting)
    (folder / "neu.txt").write_text("Berlin (dpa) - Der Zoo bekommt einen neuen Eisbären namens Knut.\n",
                                    encoding="utf-8")
    try:
        reloaded = open_store(folder, progress=False)
    finally:
        (folder / "neu.txt").unlink()
        (folder / "neu.claims.yaml").unlink(missing_ok=True)
    assert embedded and 0 < sum(embedded) <= 5  # the new document's sentence and claims, nothing else again
    assert any(p.source == "neu" for p in reloaded.passages)
    engine = make_engine(f"sqlite:///{(folder / 'briefbot.db').resolve()}")
    with Session(engine) as session:
        assert session.execute(select(func.count()).select_from(VectorRow)).scalar_one() >= len(reloaded.passages)
    engine.dispose()


@pytest.mark.parametrize("question", ["Wann wurde der Segelverein gegründet?",
                                      "When was the Nordwind sailing club founded?"])
def test_a_fact_question_is_answered_with_the_documents_own_sentence(index: KnowledgeIndex, question: str) -> None:
    result = ask(question, index)
    assert result.intent == "facts"
    assert result.claims and all(c.kind == "passage" and c.speaker is None for c in result.claims)
    assert any("3. März 1987" in c.text and c.source == "verein" and c.paragraph == 2 for c in result.claims)


def test_a_passage_reply_is_marked_as_the_documents_text_in_the_askers_language(index: KnowledgeIndex) -> None:
    context = Context(index.snapshot)
    english = dispatch(Request(text="When was the Nordwind sailing club founded?"), context)
    assert english.lang == "en" and english.text.startswith("What the documents say")
    assert "3. März 1987" in english.text and "¶2]" in english.text
    german = dispatch(Request(text="Wann wurde der Segelverein gegründet?"), context)
    assert german.text.startswith("Das steht dazu in den Quellen")


@pytest.mark.parametrize("question", ["Wer äußerte sich zur Gemeinschaftsschule?",
                                      "Who commented on the Gemeinschaftsschule?"])
def test_who_spoke_about_a_topic_in_either_language(index: KnowledgeIndex, question: str) -> None:
    result = ask(question, index)
    assert result.intent == "who_said"
    assert "Maria Keller" in {c.speaker for c in result.claims}


def test_who_said_a_paraphrase_names_the_speaker_of_the_closest_statement(index: KnowledgeIndex) -> None:
    result = ask("Who warned that storms will become more frequent because of climate change?", index)
    assert result.intent == "who_said"
    assert {c.speaker for c in result.claims} == {"Peter Lund"}


@pytest.mark.parametrize("question", ["Was sagte die Sprecherin des Segelvereins?",
                                      "What did the spokeswoman of the sailing club say?"])
def test_a_description_finds_the_speaker_the_documents_give_that_role(index: KnowledgeIndex, question: str) -> None:
    result = ask(question, index)
    assert result.intent == "statements"
    assert {c.speaker for c in result.claims} == {"Anna Berg"}


@pytest.mark.parametrize("question", ["Wie viele Menschen wurden bei dem Sturm verletzt?",
                                      "How many people were injured in the storm?"])
def test_a_count_of_the_injured_asks_for_casualty_figures(index: KnowledgeIndex, question: str) -> None:
    result = ask(question, index)
    assert result.intent == "figures" and result.question.measure == "casualties"
    assert any(c.figure and c.figure.value == 14 for c in result.claims)
    assert all(c.figure is not None for c in result.claims)


@pytest.mark.parametrize("question", ["Wie viele Menschen starben beim Erdbeben in Marrakesch?",
                                      "Was sagte Olaf Schmiedinger über die Schuldenbremse?",
                                      "What did Jacinda Ardern say about the storm?",
                                      "who talked about bitcoin?"])
def test_what_the_documents_do_not_hold_is_an_honest_nothing(index: KnowledgeIndex, question: str) -> None:
    result = ask(question, index)
    assert result.intent == "none" and result.claims == [], question


def test_an_english_figure_reply_names_what_is_counted_in_english(index: KnowledgeIndex) -> None:
    reply = dispatch(Request(text="How many people were injured in the storm?"), Context(index.snapshot))
    assert reply.lang == "en" and "14 people" in reply.text and "according to" in reply.text


def test_a_figure_reply_leads_with_the_best_fitting_sentence_in_the_documents_words(index: KnowledgeIndex) -> None:
    reply = dispatch(Request(text="How many people were injured in the storm?"), Context(index.snapshot))
    best = next(line for line in reply.text.splitlines() if line.startswith("Best match"))
    assert "wurden bei dem Sturm 14 Menschen verletzt" in best and "¶2]" in best
