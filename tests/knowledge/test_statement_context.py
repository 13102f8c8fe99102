"""What a speaker said on an occasion or about somebody the paragraph names, and nothing when nothing fits."""

from __future__ import annotations

import pytest
from helpers import TOWNS, extracted_index

from knowledge.answers import answer
from knowledge.index import KnowledgeIndex

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
    return extracted_index(tmp_path_factory.mktemp("context"), DOCS)


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


@pytest.fixture(scope="module")
def story_index(tmp_path_factory: pytest.TempPathFactory) -> KnowledgeIndex:
    docs = {**DOCS, "konten": (
        "Der Streit um die Lehrerarbeitszeitkonten in Niedersachsen geht weiter.\n"
        "„Wir wollen Rechtssicherheit für alle Lehrer“, sagte die Gewerkschafterin Eva Busch.\n"),
        "flut": "Beim Hochwasser im Jahr 2013 in Zittau sind nach Angaben der Polizei zwölf Menschen gestorben.\n",
        "demo": "Unter dem Motto „Freiheit für alle“ demonstrierten am Samstag in Kiel nach Angaben der Veranstalter "
                "5.000 Menschen.\n",
        "strom": "Nach dem Schneesturm waren in Kiel 4.300 Haushalte ohne Strom.\n",
        "kueste": "Beim Hochwasser an der Küste sind drei Menschen gestorben.\n",
        "fieber": "Nach offiziellen Angaben sind in Paraguay mehr als 1.300 Menschen an Dengue-Fieber erkrankt. "
                  "Zwei Menschen sind an der Krankheit gestorben.\n",
        "geruest": "Im Kraftwerk Neurath sind beim Einsturz eines Gerüsts zwei Bauarbeiter ums Leben gekommen.\n",
        "turm": "Der neue Turm in Lübeck soll den Namen Nordturm bekommen. Für den Bau sind sechs Jahre "
                "veranschlagt. Die Höhe des Turms wird nach Fertigstellung 212 Meter betragen. Damit wird der "
                "Nordturm der höchste Turm des Landes. Erst vor zwei Tagen hatte der Investor für den Nordturm "
                "zugesagt, nicht weiter zu streiten.\n",
        "silber": "Die Feinunze Silber kostete am Donnerstag 49,51 US-Dollar. Damit wurde das Hoch vom Januar 1980 "
                  "von 49,45 US-Dollar übertroffen.\n",
        "schiff": "Das 335 Meter lange Containerschiff Nordstern legte am Montag auf seiner ersten Fahrt in Hamburg "
                  "an.\n",
        "haft": "Aus dem Zentralgefängnis von Nordhafen sind in der Nacht etwa 200 Gefangene ausgebrochen.\n",
        "senat": "Der Berliner Senat erklärte am Dienstag, die neue Studie über Gewalt koste 100.000 Euro.\n"
                 "Innensenator Frank Kohl sagte, die Studie solle einen Beitrag zur Debatte über Gewalt liefern.\n",
        "band": "Der Rocksänger Tom Stern sagte: „Ich nehme die Gitarre nicht für Geld in die Hand, sondern für die "
                "Musik.“ Der Manager Paul Stark sagte, die Tournee sei ausverkauft.\n"}
    docs |= {f"w{k:02d}": f"In {town} hat es am Sonntag stark geregnet. „Die Keller sind voll“, sagte der "
                          f"Feuerwehrsprecher Jan Ohl{k}.\n" for k, town in enumerate(TOWNS)}
    return extracted_index(tmp_path_factory.mktemp("stories"), docs)


@pytest.mark.parametrize(("question", "speaker"), [
    # the lead names the topic (inside a compound), the statement does not
    ("Wer hat sich zu den Arbeitszeitkonten geäußert?", "Eva Busch"),
    ("Who commented on the hostage-taking in Nordheim?", "Karl Berg"),
])
def test_who_spoke_in_an_article_on_the_topic_spoke_about_it(story_index: KnowledgeIndex, question: str,
                                                              speaker: str) -> None:
    assert {c.speaker for c in answer(question, story_index).claims} == {speaker}


def test_a_year_no_document_tells_of_with_the_place_gets_no_answer(story_index: KnowledgeIndex) -> None:
    told = answer("How many people died in the flood in Zittau in 2013?", story_index)
    assert [c.figure.value for c in told.claims if c.figure] == [12]
    assert answer("How many people died in the flood in Zittau in 2021?", story_index).claims == []


@pytest.mark.parametrize("question", [
    "Wie viele Menschen starben beim Hochwasser in Aurich?",  # Aurich is in the documents, with rain only
    "how many people died in the flood in derna?",  # a place no document names
])
def test_an_event_at_a_place_no_answering_document_names_gets_no_answer(story_index: KnowledgeIndex,
                                                                          question: str) -> None:
    assert answer(question, story_index).claims == []


@pytest.mark.parametrize("question", [
    "Wie viele Menschen starben beim Hochwasser in Zittau?",
    "how many people died in the flood in zittau?",
])
def test_an_event_at_the_place_its_document_names_is_answered(story_index: KnowledgeIndex, question: str) -> None:
    assert [c.figure.value for c in answer(question, story_index).claims if c.figure] == [12]


def test_a_count_question_naming_a_slogan_asks_for_the_count(story_index: KnowledgeIndex) -> None:
    result = answer("Wie viele Menschen demonstrierten unter dem Motto „Freiheit für alle“?", story_index)
    assert 5000 in [c.figure.value for c in result.claims if c.figure]


def test_a_sentence_answering_a_count_carries_its_number(story_index: KnowledgeIndex) -> None:
    result = answer("wie viele haushalte waren nach dem schneesturm ohne strom?", story_index)
    assert [c.figure.value for c in result.claims if c.figure] == [4300]



@pytest.mark.parametrize("question", ["which rock star said he picks up his guitar for the music, not for money?",
                                      "Welcher Rocksänger sagte, er spiele Gitarre für die Musik und nicht fürs Geld?"])
def test_which_one_said_it_asks_who_said_it(story_index: KnowledgeIndex,
                                                                               question: str) -> None:
    assert {c.speaker for c in answer(question, story_index).claims} == {"Tom Stern"}


def test_a_german_paraphrase_in_nouns_no_document_holds_finds_its_speaker(story_index: KnowledgeIndex) -> None:
    question = "Wer meinte, er spiele sein Saiteninstrument nicht des Honorars wegen, sondern aus Musikleidenschaft?"
    assert {c.speaker for c in answer(question, story_index).claims} == {"Tom Stern"}


def test_an_english_office_a_person_holds_finds_the_person_not_the_body(story_index: KnowledgeIndex) -> None:
    result = answer("How did Berlin's interior senator comment on the new study on violence?", story_index)
    assert {c.speaker for c in result.claims} == {"Frank Kohl"}


@pytest.mark.parametrize(("question", "speaker"), [
    ("Was fordert der Berliner Innensenator zur Gewalt?", "Frank Kohl"),  # a description after a present tense
    ("Wie begründete Karl Berg den Haushalt?", "Karl Berg"),  # how somebody justified it: what they said
    ("Was erwartet der Berliner Innensenator von der Studie?", "Frank Kohl"),
    ("Welchen Beitrag erwartet der Berliner Innensenator von der Studie?", "Frank Kohl"),
    ("what does the Berlin interior senator expect from the study?", "Frank Kohl"),
])
def test_what_a_speaker_demands_or_how_they_justified_it_is_what_they_said(story_index: KnowledgeIndex, question: str,
                                                                           speaker: str) -> None:
    result = answer(question, story_index)
    assert result.intent == "statements" and {c.speaker for c in result.claims} == {speaker}


def test_a_count_by_its_unit_finds_figures_of_every_measure_the_unit_counts(story_index: KnowledgeIndex) -> None:
    # "Menschen" mostly count the dead; here the sick are asked for
    result = answer("Wie viele Menschen sind in Paraguay an Dengue-Fieber erkrankt?", story_index)
    assert 1300 in [c.figure.value for c in result.claims if c.figure]


def test_a_compound_no_document_writes_is_no_unknown_name(story_index: KnowledgeIndex) -> None:
    result = answer("Wie viele Bauarbeiter kamen beim Gerüsteinsturz im Kraftwerk Neurath ums Leben?", story_index)
    assert [c.figure.value for c in result.claims if c.figure] == [2]


@pytest.mark.parametrize(("question", "answer_text"), [
    ("Wie hoch soll der Nordturm in Lübeck werden?", "212 Meter"),  # a measure: the sentence giving its units
    ("How much did an ounce of silver cost when it topped its record from January 1980?", "49,51"),  # "Damit …"
    ("How long is the container ship Nordstern that called at Hamburg on its first voyage?", "335 Meter"),
])
def test_a_question_for_a_measure_is_answered_by_the_sentence_giving_it(story_index: KnowledgeIndex, question: str,
                                                                        answer_text: str) -> None:
    result = answer(question, story_index)
    assert result.intent == "facts" and any(answer_text in c.text for c in result.claims)


def test_an_english_count_noun_counts_what_the_german_documents_count(story_index: KnowledgeIndex) -> None:
    result = answer("How many prisoners broke out of the central prison in Nordhafen?", story_index)
    assert [c.figure.value for c in result.claims if c.figure] == [200]
