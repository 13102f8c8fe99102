"""Speakers found by a description whose body or country only the article around them names, counts answered
with the sentence giving a number of what is counted, topics heard from every speaker close to them, and the
frame of a question ("who commented on …") deciding its intent over its topic.

The documents are invented; the store is built as a user's is, so these tests run the real model, offline.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from handlers import Context, Request, dispatch
from knowledge.answers import answer, prepare
from knowledge.index import KnowledgeIndex
from knowledge.questions import parse_question
from knowledge.store import Snapshot, open_store

DOCS = {
    "a1": [
        "Genf (dpa) - Das Kinderhilfswerk Sonnenkind hat den Angriff auf eine Schule in Wadi Kelt verurteilt.",
        "Der Direktor des Hilfswerks, Paul Weber, sagte: „Der Angriff auf die Schule ist ein Verbrechen an "
        "Kindern.“",
    ],
    "a2": [
        "Bremen (dpa) - Das Überseemuseum verlängert seine Ausstellung über Seefahrer.",
        "Der Direktor Hans Krone sagte: „Die Ausstellung wird bis zum Herbst verlängert.“",
    ],
    "a3": [
        "Funafuti (dpa) - Tuvalu bittet um Hilfe gegen den steigenden Meeresspiegel.",
        "Regierungssprecher Ian Tofa sagte: „Das Wasser steht schon in unseren Gärten.“",
    ],
    "a4": [
        "Berlin (dpa) - Die Bundesregierung hat den Haushalt beschlossen.",
        "Regierungssprecher Karl Brandt sagte: „Der Haushalt ist solide finanziert.“",
    ],
    "a5": [
        "Kiel (dpa) - Der THW Nordstern hat das Finale gegen Flensburg gewonnen.",
        "Die Zuschauer sahen in der dritten Minute das erste Tor für Kiel. Das Finale in der ausverkauften "
        "Halle verfolgten 12.400 Zuschauer.",
        "Trainer Olaf Wiese sagte: „Diese Mannschaft hat Charakter gezeigt.“",
    ],
    "a6": [
        "Berlin (dpa) - Die Pkw-Maut bleibt umstritten.",
        "Der Verkehrsminister Erich Hahn verteidigte das Mautgesetz: „Wer die Straßen nutzt, soll dafür zahlen.“",
        "Die Autofahrerlobby kritisierte, das Gesetz belaste Pendler.",
        "Die Opposition nannte die Maut „ein bürokratisches Monstrum“.",
    ],
    "a7": [
        "Hamburg (dpa) - Die Sängerin Lena Sommer sagte: „Ich freue mich sehr auf die Tournee.“",
        "Die Agentur von Lena Sommer teilte mit, die Konzerte in Bremen würden in den Herbst verschoben.",
    ],
}


TOWNS = ["Aurich", "Bad Segeberg", "Celle", "Detmold", "Emden", "Fulda", "Goslar", "Husum", "Itzehoe", "Jever",
         "Kleve", "Lingen", "Meppen", "Nienburg", "Oldenburg", "Peine", "Rinteln", "Soltau", "Uelzen", "Verden"]


@pytest.fixture(scope="module")
def index(tmp_path_factory: pytest.TempPathFactory) -> KnowledgeIndex:
    docs: Path = tmp_path_factory.mktemp("described") / "docs"
    docs.mkdir()
    for name, paragraphs in DOCS.items():
        (docs / f"{name}.txt").write_text("\n\n".join(paragraphs) + "\n", encoding="utf-8")
    for k, town in enumerate(TOWNS):  # other stories, so that what one article names is rare in the store
        (docs / f"w{k:02d}.txt").write_text(f"{town} (dpa) - In {town} hat es am Sonntag stark geregnet.\n\n"
                                           f"Die Feuerwehr pumpte in {town} mehrere Keller aus.\n", encoding="utf-8")
    built = KnowledgeIndex.build(open_store(docs, progress=False))
    prepare(built)
    return built


def speakers(question: str, index: KnowledgeIndex) -> set[str | None]:
    return {c.speaker for c in answer(question, index).claims}


@pytest.mark.parametrize("question", ["What did the director of sonnenkind say about the attack on the school?",
                                      "What did the director of Sonnenkind say?"])
def test_a_description_names_the_body_only_the_article_names(index: KnowledgeIndex, question: str) -> None:
    assert speakers(question, index) == {"Paul Weber"}


@pytest.mark.parametrize("question", ["What did Tuvalu's government spokesman say?",
                                      "What did the government spokesman of Tuvalu say about the water?"])
def test_a_country_before_an_office_finds_the_office_holder_of_that_country(index: KnowledgeIndex,
                                                                              question: str) -> None:
    assert speakers(question, index) == {"Ian Tofa"}


@pytest.mark.parametrize("question", ["How did the director of Sonnenkind react to the attack?",
                                      "Wie reagierte der Direktor des Hilfswerks Sonnenkind auf den Angriff?",
                                      "Wie äußerte sich der Direktor von Sonnenkind zum Angriff auf die Schule?"])
def test_how_somebody_described_reacted_is_what_they_said(index: KnowledgeIndex, question: str) -> None:
    assert speakers(question, index) == {"Paul Weber"}


def test_the_german_office_holder_is_found_by_the_german_office(index: KnowledgeIndex) -> None:
    assert speakers("Was sagte der Regierungssprecher zum Haushalt?", index) == {"Karl Brandt"}


def test_a_count_is_answered_by_the_sentence_giving_a_number_of_what_is_counted(index: KnowledgeIndex) -> None:
    result = answer("Wie viele Zuschauer sahen das Finale in Kiel?", index)
    assert "12.400 Zuschauer" in result.claims[0].text and result.claims[0].source == "a5"
    reply = dispatch(Request(text="Wie viele Zuschauer sahen das Finale in Kiel?"), Context(index.snapshot))
    assert reply.text.startswith("Zahlen je Quelle:") and "12.400 Zuschauer" in reply.text


def test_an_english_count_question_gets_the_sentence_with_the_number(index: KnowledgeIndex) -> None:
    reply = dispatch(Request(text="How many spectators watched the final in Kiel?"), Context(index.snapshot))
    assert reply.lang == "en" and "12.400 Zuschauer" in reply.text


@pytest.mark.parametrize("question", ["Who commented on the road toll?", "Wer äußerte sich zum Mautgesetz?"])
def test_who_commented_on_a_law_is_a_who_said_question_heard_from_several_speakers(index: KnowledgeIndex,
                                                                                   question: str) -> None:
    result = answer(question, index)
    assert result.intent == "who_said"
    assert "Erich Hahn" in {c.speaker for c in result.claims}


def test_an_english_topic_of_common_words_is_ranked_by_meaning_for_a_described_speaker(
        index: KnowledgeIndex) -> None:
    result = answer("What did the coach say about his team?", index)
    assert result.intent == "statements" and {c.speaker for c in result.claims} == {"Olaf Wiese"}


def test_an_english_topic_the_speaker_never_spoke_about_is_an_honest_nothing(index: KnowledgeIndex) -> None:
    result = answer("What did the coach say about the budget?", index)
    assert result.claims == [] and result.note == "topic_unmatched"


@pytest.mark.parametrize("question", ["What did Lena Sommer say?", "Was sagte Lena Sommer?"])
def test_a_persons_statements_include_what_their_agency_said_for_them(index: KnowledgeIndex, question: str) -> None:
    claims = answer(question, index).claims
    assert [c.speaker for c in claims][:1] == ["Lena Sommer"]
    assert any(c.speaker == "Agentur von Lena Sommer" and "Herbst" in c.text for c in claims)


@pytest.fixture(scope="module")
def story(seeds_snapshot: Snapshot) -> KnowledgeIndex:
    built = KnowledgeIndex.build(seeds_snapshot)
    prepare(built)
    return built


@pytest.mark.parametrize(("question", "speaker"), [("What did North Korea's foreign minister say?", "Choe Son-hui"),
                                                   ("What did South Korea's defence minister say?", "Kim Yong-hyun"),
                                                   ("What did South Korea's president say?", "Yoon Suk Yeol")])
def test_in_a_store_of_one_story_the_office_holder_of_the_country_asked_about_answers(
        story: KnowledgeIndex, question: str, speaker: str) -> None:
    assert {c.speaker for c in answer(question, story).claims} == {speaker}


@pytest.mark.parametrize("question", ["Was sagte der Direktor des Kinderhilfswerks Sonnenkind über Schulbuslinien?",
                                      "Was sagte der Direktor des Kinderhilfswerk Sonnenkind zum Angriff?"])
def test_a_description_naming_a_body_or_an_unknown_compound_still_finds_the_office_holder(
        index: KnowledgeIndex, question: str) -> None:
    q = parse_question(question, index)
    assert q.intent == "statements"
    assert [e.name for e in q.entities] == ["Paul Weber"]
