"""English questions over German documents: their words count in German too, and a name no document holds
raises the bar an answer must clear."""

from __future__ import annotations

import pytest
from helpers import extracted_index

from knowledge.answers import answer
from knowledge.index import KnowledgeIndex
from knowledge.questions import parse_question
from knowledge.vocabulary import with_translations

DOCS = {
    "klinik": "Der Arzt Paul Lenz erinnerte an die ersten Jahre der Forschung in Nordheim. "
              "„Einige Kollegen in der Klinik hielten uns für verrückt“, sagte Lenz.\n",
    "haushalt": "„Der Haushalt des Landes ist solide finanziert“, sagte die Ministerin Anna Roth.\n",
    "bahn": "„Die Züge fahren wieder nach Fahrplan“, sagte der Bahnsprecher Karl Vogt am Montag.\n",
    "bau": "„Die Klinik wird im Herbst um einen Flügel erweitert“, sagte der Klinikchef Otto Brandt.\n",
    "team": "„Unsere Kollegen haben hart gearbeitet“, sagte die Forscherin Eva Stein.\n",
    "hochwasser": "Beim Hochwasser an der Oder sind im Sommer zwölf Menschen ums Leben gekommen. "
                  "Die Pegel sinken seit Dienstag wieder.\n",
}


@pytest.fixture(scope="module")
def index(tmp_path_factory: pytest.TempPathFactory) -> KnowledgeIndex:
    return extracted_index(tmp_path_factory.mktemp("english"), DOCS)


def test_an_english_word_is_looked_up_with_its_german_translations() -> None:
    assert "klinik" in with_translations("clinic").split("|")
    assert with_translations("xqzv") == "xqzv"


def test_an_english_paraphrase_finds_the_german_statement_by_its_words(index: KnowledgeIndex) -> None:
    question = "Who recalled that colleagues at the clinic considered them crazy?"
    assert any("verruckt" in w.split("|") for w in parse_question(question, index).words)
    result = answer(question, index)
    assert {c.speaker for c in result.claims} == {"Paul Lenz"}


def test_a_name_no_english_dictionary_knows_raises_the_bar(index: KnowledgeIndex) -> None:
    assert parse_question("How many people died in the floods on the Ahr?", index).unheard == ["Ahr"]
    # an English name of a place, an acronym: the German documents may spell them otherwise
    assert parse_question("How many people died in the floods in Norway?", index).unheard == []
    assert parse_question("What did the IVF pioneers say?", index).unheard == []
    assert answer("How many people died in the floods on the Ahr?", index).claims == []


@pytest.mark.parametrize("question", ["How high was the death toll of the floods on the Oder?",
                                      "How many bodies were found after the floods on the Oder?"])
def test_a_death_toll_or_bodies_ask_for_the_casualty_figures(index: KnowledgeIndex, question: str) -> None:
    q = parse_question(question, index)
    assert (q.intent, q.measure) == ("figures", "casualties")
