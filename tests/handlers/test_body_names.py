"""A body is found by the end of its name, as texts and readers shorten it ("Roude Léiw" for the initiative)."""

from __future__ import annotations

import pytest
from helpers import index_of

from knowledge.answers import answer
from knowledge.index import KnowledgeIndex
from knowledge.model import Claim

DOC = ("Luxemburg | Der Streit um die Flagge geht weiter.\n"
       "Die Gruppe lehnt das ab, während die Initiative Grüner Hirsch fordert, dass der Hirsch auf die Flagge "
       "kommt.\n")


@pytest.fixture(scope="module")
def index(tmp_path_factory: pytest.TempPathFactory) -> KnowledgeIndex:
    return index_of(tmp_path_factory.mktemp("bodies"), "flagge", DOC, [
        Claim(id="flagge#001", source="flagge", paragraph=2, kind="indirect", text="der Hirsch auf die Flagge kommt.",
              speaker="Initiative Grüner Hirsch", speaker_kind="organisation", cue="fordern")])


@pytest.mark.parametrize("question", ["Was sagte Grüner Hirsch?", "What did Gruener Hirsch say?",
                                      "Was fordert die Initiative Grüner Hirsch?"])
def test_a_body_is_found_by_the_end_of_its_name(index, question):
    found = answer(question, index)
    assert [c.speaker for c in found.claims] == ["Initiative Grüner Hirsch"]


def test_a_word_of_the_name_alone_finds_nobody(index):
    assert not answer("Was sagte Initiative?", index).claims


def test_a_name_in_quotation_marks_inside_a_speaker_label_finds_that_speaker(tmp_path):
    index = index_of(tmp_path, "video", "Peking | Ein Video erregt Aufsehen.\nDer Mitarbeiter der Firma „Blaue "
                                        "Welle“ sagte, das Video sei echt.\n", [
        Claim(id="video#001", source="video", paragraph=2, kind="indirect", text="das Video sei echt.",
              speaker="Mitarbeiter der Firma „Blaue Welle“", speaker_kind="anonymous", cue="sagen")])
    assert [c.speaker for c in answer("Was sagte Blaue Welle?", index).claims] == [
        "Mitarbeiter der Firma „Blaue Welle“"]
