"""What a speaker said on an occasion or about somebody the paragraph names, and nothing when nothing fits."""

from __future__ import annotations

from pathlib import Path

import pytest
from helpers import write_claims, write_doc

from knowledge.answers import answer
from knowledge.extraction.pipeline import extract_claims
from knowledge.index import KnowledgeIndex
from knowledge.store import open_store

DOCS = {
    "geisel": (
        "In der Haftanstalt Nordheim hatte ein Gefangener am Freitag eine Angestellte als Geisel genommen.\n"
        "In der Nacht befreite ein Sondereinsatzkommando die Frau. Justizminister Karl Berg sagte nach dem Ende "
        "der Geiselnahme: „Wir sind alle sehr erleichtert und froh.“\n"
    ),
    "haushalt": (
        "Der Haushalt des Landes soll im kommenden Jahr um zwei Prozent wachsen.\n"
        "„Die Finanzen des Landes sind solide“, sagte Justizminister Karl Berg am Montag im Landtag.\n"
        "Der Trainer Paul Weber lobte den neuen Vereinschef Otto Lenz. "
        "„Er ist die eiserne Hand im eisernen Handschuh“, sagte Weber.\n"
    ),
}


@pytest.fixture(scope="module")
def index(tmp_path_factory: pytest.TempPathFactory) -> KnowledgeIndex:
    folder: Path = tmp_path_factory.mktemp("context")
    for doc_id, text in DOCS.items():
        write_doc(folder, doc_id, text)
        write_claims(folder, doc_id, extract_claims(doc_id, text))
    snapshot = open_store(folder, f"sqlite:///{folder / 's.db'}", progress=False)
    assert not snapshot.problems
    return KnowledgeIndex.build(snapshot)


def texts(result) -> list[str]:
    return [c.text for c in result.claims]


@pytest.mark.parametrize("question", [
    "What did Karl Berg say after the hostage-taking at Nordheim prison?",
    "Was sagte Berg nach der Geiselnahme in Nordheim?",
])
def test_a_statement_on_the_occasion_its_article_reports(index, question):
    found = texts(answer(question, index))
    assert any("erleichtert" in t for t in found)
    assert not any("Finanzen" in t for t in found)


def test_a_statement_about_somebody_its_paragraph_names(index):
    found = texts(answer("What did Weber say about the new club boss Lenz?", index))
    assert any("eiserne Hand" in t for t in found)


@pytest.mark.parametrize("question", [
    "What did Karl Berg say about the weather?",
    "Was sagte Berg zum Wetter?",
    "What did Weber say about Nordheim?",
])
def test_a_topic_no_statement_or_paragraph_holds_is_nothing(index, question):
    result = answer(question, index)
    assert result.claims == []
    assert result.note == "topic_unmatched"
