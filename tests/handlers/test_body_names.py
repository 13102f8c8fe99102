"""A body is found by the end of its name, as texts and readers shorten it ("Roude Léiw" for the initiative)."""

from __future__ import annotations

import pytest

from knowledge.answers import answer
from knowledge.index import KnowledgeIndex

DOC = ("Luxemburg | Der Streit um die Flagge geht weiter.\n"
       "Die Gruppe lehnt das ab, während die Initiative Grüner Hirsch fordert, dass der Hirsch auf die Flagge "
       "kommt.\n")


@pytest.fixture(scope="module")
def index(tmp_path_factory: pytest.TempPathFactory) -> KnowledgeIndex:
    from helpers import write_claims, write_doc

    from knowledge.model import Claim
    from knowledge.store import open_store

    folder = tmp_path_factory.mktemp("bodies") / "docs"
    folder.mkdir()
    write_doc(folder, "flagge", DOC)
    write_claims(folder, "flagge", [
        Claim(id="flagge#001", source="flagge", paragraph=2, kind="indirect", text="der Hirsch auf die Flagge kommt.",
              speaker="Initiative Grüner Hirsch", speaker_kind="organisation", cue="fordern")])
    snapshot = open_store(folder, f"sqlite:///{folder.parent / 's.db'}", progress=False)
    assert not snapshot.problems
    return KnowledgeIndex.build(snapshot)


@pytest.mark.parametrize("question", ["Was sagte Grüner Hirsch?", "What did Gruener Hirsch say?",
                                      "Was fordert die Initiative Grüner Hirsch?"])
def test_a_body_is_found_by_the_end_of_its_name(index, question):
    found = answer(question, index)
    assert [c.speaker for c in found.claims] == ["Initiative Grüner Hirsch"]


def test_a_word_of_the_name_alone_finds_nobody(index):
    assert not answer("Was sagte Initiative?", index).claims


def test_a_name_in_quotation_marks_inside_a_speaker_label_finds_that_speaker(tmp_path):
    from helpers import write_claims, write_doc

    from knowledge.model import Claim
    from knowledge.store import open_store

    folder = tmp_path / "docs"
    folder.mkdir()
    write_doc(folder, "video", "Peking | Ein Video erregt Aufsehen.\nDer Mitarbeiter der Firma „Blaue Welle“ sagte, "
                               "das Video sei echt.\n")
    write_claims(folder, "video", [
        Claim(id="video#001", source="video", paragraph=2, kind="indirect", text="das Video sei echt.",
              speaker="Mitarbeiter der Firma „Blaue Welle“", speaker_kind="anonymous", cue="sagen")])
    index = KnowledgeIndex.build(open_store(folder, f"sqlite:///{tmp_path / 's.db'}", progress=False))
    assert [c.speaker for c in answer("Was sagte Blaue Welle?", index).claims] == [
        "Mitarbeiter der Firma „Blaue Welle“"]
