"""An office asked about by its country ("Brazil's president") finds that country's holder, not another
country's holder quoted in the same article; the offices statements call people by count as their roles."""

from __future__ import annotations

import pytest
from helpers import TOWNS, extracted_index

from knowledge.answers import answer
from knowledge.described import role_phrase
from knowledge.index import KnowledgeIndex
from knowledge.model import Entity
from knowledge.roles import enrich_roles

SUMMIT = (
    "In Caracas beginnt der Energiegipfel. Uruguays Präsident Tomás Ribeiro sprach von einer neuen Bank für "
    "den Kontinent: „Die Bank wird unsere Länder unabhängiger machen.“\n"
    "Der Gastgeber und sein brasilianischer Amtskollege Paulo Mendes stritten über Ethanol. In seiner "
    "Radioansprache verteidigte der brasilianische Präsident das Abkommen mit Brasilien: „Ethanol nimmt "
    "niemandem das Brot weg.“\n"
)


@pytest.fixture(scope="module")
def index(tmp_path_factory: pytest.TempPathFactory) -> KnowledgeIndex:
    docs = {"gipfel": SUMMIT} | {f"w{k:02d}": f"In {town} hat es am Sonntag stark geregnet.\n"
                                 for k, town in enumerate(TOWNS)}
    return extracted_index(tmp_path_factory.mktemp("countries"), docs)


@pytest.mark.parametrize("question", ["What did Brazil's president say about ethanol?",
                                      "Was sagte der brasilianische Präsident zum Ethanol?"])
def test_an_office_of_a_country_finds_that_countrys_holder(index: KnowledgeIndex, question: str) -> None:
    assert {c.speaker for c in answer(question, index).claims} == {"Paulo Mendes"}


def test_the_office_a_statement_calls_somebody_by_is_a_role() -> None:
    person = Entity(id="paulo-mendes", name="Paulo Mendes", kind="person", aliases=["der brasilianische Präsident"])
    enrich_roles([person], [])
    assert "brasilianische Präsident" in person.roles


@pytest.mark.parametrize(("question", "phrase"), [
    ("Was teilte der Vize-Regierungssprecher nach dem Störfall mit?", "der Vize-Regierungssprecher"),
    ("Was kündigte die Ministerin zur Reform an?", "die Ministerin"),
])
def test_more_verbs_frame_a_described_speaker(question: str, phrase: str) -> None:
    assert role_phrase(question) == phrase
