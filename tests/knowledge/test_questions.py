"""Understanding a question: language, kind, and whom or what it names, however it is spelled."""

from __future__ import annotations

import pytest
from helpers import index_of

from knowledge.extraction.pipeline import extract_claims
from knowledge.index import KnowledgeIndex
from knowledge.questions import MAX_QUESTION, clean, detect_language, parse_question

TAZ = "003_4c124ba2100f9a82"
GR = "001_fa1d1d3df9522426"


@pytest.fixture(scope="module")
def seeds(seeds_snapshot) -> KnowledgeIndex:
    return KnowledgeIndex.build(seeds_snapshot)


@pytest.fixture(scope="module")
def news(news_snapshot) -> KnowledgeIndex:
    return KnowledgeIndex.build(news_snapshot)


def names(entities) -> list[str]:
    return [e.name for e in entities]


# ---------------------------------------------------------------- language and cleaning


@pytest.mark.parametrize(("text", "lang"), [
    ("Was sagte Austin?", "de"),
    ("Wie viele Soldaten meldet jede Quelle?", "de"),
    ("wieviele truppen melden die quellen", "de"),
    ("was sagte der sudkoreanische verteidigungsminister", "de"),
    ("Wer sprach von Eskalation?", "de"),
    ("What did Austin say?", "en"),
    ("How many troops did Zelensky say were in Kursk?", "en"),
    ("who called it an escalation", "en"),
    ("What numbers does 902.gr give?", "en"),
])
def test_language_of_the_question(text, lang):
    assert detect_language(text) == lang


def test_clean_strips_markup_and_control_characters():
    assert clean("<b>Was sagte</b> *Austin*?\x00\x07") == "Was sagte Austin ?"
    assert clean("<script>alert(1)</script>Hallo") == "alert(1) Hallo"


def test_clean_cuts_long_messages_instead_of_rejecting_them():
    text = clean("Was sagte Austin? " * 1000)
    assert 0 < len(text) <= MAX_QUESTION
    assert text.startswith("Was sagte Austin?")


# ---------------------------------------------------------------- names, however they are written


@pytest.mark.parametrize(("question", "name"), [
    ("Was sagte Austin?", "Lloyd Austin"),
    ("was sagte austin", "Lloyd Austin"),
    ("Was sagte Lloyd Austen?", "Lloyd Austin"),
    ("What did Blinkn say?", "Antony Blinken"),
    ("Was sagte Rute?", "Mark Rutte"),
    ("Was sagte Zelensky?", "Wolodymyr Selenskyj"),
    ("what did zelenskyy say", "Wolodymyr Selenskyj"),
    ("Was sagte Lavrov?", "Sergej Lawrow"),
    ("Was sagte Yun Suk-yol?", "Yoon Suk Yeol"),
    ("Was sagte Choe Son Hui?", "Choe Son-hui"),
    ("Was sagte Sabrina Singh?", "Sabrina Singh"),
])
def test_names_with_typos_and_other_spellings_find_their_person(seeds, question, name):
    q = parse_question(question, seeds)
    assert q.intent == "statements"
    assert names(q.entities) == [name]
    assert q.ambiguous == []


@pytest.mark.parametrize(("question", "name"), [
    ("Was sagte der südkoreanische Verteidigungsminister?", "Kim Yong-hyun"),
    ("was sagte der suedkoreanische verteidigungsminister", "Kim Yong-hyun"),
    ("Was sagte die Pentagon-Sprecherin?", "Sabrina Singh"),
    ("What did the Pentagon spokeswoman say?", "Sabrina Singh"),
    ("What did the EU foreign policy chief say?", "Josep Borrell"),
])
def test_a_role_finds_the_person_who_holds_it(seeds, question, name):
    q = parse_question(question, seeds)
    assert q.intent == "statements"
    assert names(q.entities)[:1] == [name]


def test_a_role_on_the_invented_documents(news):
    q = parse_question("Was sagte der Verteidigungsminister?", news)
    assert names(q.entities) == ["Hans Albers"]
    q = parse_question("What did the defence minister say?", news)
    assert names(q.entities) == ["Hans Albers"]


def test_a_shared_surname_is_ambiguous_and_a_full_name_is_not(news):
    q = parse_question("Was sagte Albers?", news)
    assert q.intent == "statements"
    assert q.entities == []
    assert sorted(names(q.ambiguous)) == ["Greta Albers", "Hans Albers"]
    q = parse_question("Was sagte Hans Albers?", news)
    assert names(q.entities) == ["Hans Albers"]
    assert q.ambiguous == []
    q = parse_question("Was sagte Greta Albers?", news)
    assert names(q.entities) == ["Greta Albers"]


def test_a_surname_shared_with_someone_only_mentioned(seeds, news):
    q = parse_question("Was sagte Kim?", seeds)
    assert names(q.entities) == ["Kim Yong-hyun"]
    assert q.mentioned_only == ["Kim Jong Un"]
    q = parse_question("Was sagte Brandt?", news)
    assert names(q.entities) == ["Peter Brandt"]
    assert q.mentioned_only == ["Karl Brandt"]


@pytest.mark.parametrize(("corpus", "question", "mentioned"), [
    ("seeds", "Was sagte Kim Jong Un?", "Kim Jong Un"),
    ("seeds", "What did Kim Jong Un say?", "Kim Jong Un"),
    ("news", "Was sagte Karl Brandt?", "Karl Brandt"),
])
def test_the_full_name_of_someone_only_mentioned_is_not_their_namesake(request, corpus, question, mentioned):
    q = parse_question(question, request.getfixturevalue(corpus))
    assert q.entities == [] and q.ambiguous == []
    assert q.mentioned_only == [mentioned]


@pytest.mark.parametrize("question", ["what did greta smith say?", "What did Maria Peter say?"])
def test_a_given_name_with_another_name_after_it_names_nobody_known(news, question):
    """Typed in lower case, or two given names of two different speakers: an unknown person either way."""
    q = parse_question(question, news)
    assert q.intent == "none"
    assert q.entities == [] and q.ambiguous == []


def test_an_office_after_a_place_without_an_article_describes_the_speaker(news):
    q = parse_question("what did kiel mayor say?", news)
    assert names(q.entities) == ["Peter Brandt"]


def test_a_surname_after_the_second_part_of_a_double_given_name_names_somebody_else(tmp_path):
    text = ("„Wir bleiben dabei“, sagte Frank-Jürgen Albers am Montag.\n"
            "„Das ist falsch“, sagte Hans-Jürgen Berger.\n"
            "Berger sagte, der Verein habe den Trainer Klaus Klinsmann entlassen.\n")
    index = index_of(tmp_path, "doc", text, extract_claims("doc", text))
    q = parse_question("Was sagte Jürgen Klinsmann?", index)
    assert q.entities == [] and q.ambiguous == []
    assert q.unknown_name == "Jürgen Klinsmann"
    assert names(parse_question("Was sagte Jürgen Albers?", index).entities) == ["Frank-Jürgen Albers"]


def test_an_unknown_name_is_kept_for_the_reply(seeds):
    q = parse_question("Was sagte Macron?", seeds)
    assert q.entities == [] and q.ambiguous == []
    assert q.unknown_name == "macron"


# ---------------------------------------------------------------- kinds of question


@pytest.mark.parametrize("question", [
    "Wie viele Soldaten meldet jede Quelle?",
    "wieviele truppen melden die quellen",
    "How many troops does each source report?",
    "how many soldiers",
])
def test_figure_questions(seeds, question):
    q = parse_question(question, seeds)
    assert q.intent == "figures"
    assert q.measure == "troops"
    assert q.entities == [] and q.sources == []


def test_figures_of_one_source(seeds):
    q = parse_question("Wie viele Soldaten nennt die taz?", seeds)
    assert (q.intent, q.sources) == ("figures", [TAZ])
    q = parse_question("What numbers does 902.gr give?", seeds)
    assert (q.intent, q.sources) == ("figures", [GR])


def test_figures_of_one_speaker_in_one_place(seeds):
    q = parse_question("How many troops did Zelensky say were in Kursk?", seeds)
    assert q.intent == "figures"
    assert names(q.entities) == ["Wolodymyr Selenskyj"]
    assert "kursk" in q.scope


def test_figures_with_a_scope(seeds):
    q = parse_question("Wie viele Soldaten wurden in der ersten Phase entsandt?", seeds)
    assert q.intent == "figures"
    assert {"ersten", "phase"} <= set(q.scope)
    assert q.entities == []


def test_a_count_of_something_the_sources_never_count(seeds):
    q = parse_question("Wie viele Panzer hat Nordkorea geschickt?", seeds)
    assert q.intent == "none"
    assert q.other_count == "panzer"


def test_a_speaker_and_a_topic(seeds):
    q = parse_question("What did Blinken say about Putin?", seeds)
    assert q.intent == "statements"
    assert names(q.entities) == ["Antony Blinken"]
    assert q.topic_words == ["putin"]
    q = parse_question("Was sagte Selenskyj über Kursk?", seeds)
    assert names(q.entities) == ["Wolodymyr Selenskyj"]
    assert q.topic_words == ["kursk"]


@pytest.mark.parametrize("question", ["Wer sprach von Eskalation?", "wer sprach von eskalation",
                                      "Who called it an escalation?", "Eskalation?"])
def test_who_spoke_about_a_topic(seeds, question):
    q = parse_question(question, seeds)
    assert q.intent == "who_said"
    assert q.entities == []
    assert any(stem.startswith("eskal") for group in q.topic for stem in group)


def test_who_said_a_phrase(seeds):
    q = parse_question("Wer sagte „Putins Optionen werden dünn“?", seeds)
    assert q.intent == "who_said"
    assert q.phrase == "Putins Optionen werden dünn"


@pytest.mark.parametrize(("question", "source"), [
    ("Wer wird in der taz zitiert?", TAZ),
    ("Who is quoted in 902.gr?", GR),
])
def test_who_is_quoted_in_a_source(seeds, question, source):
    q = parse_question(question, seeds)
    assert (q.intent, q.sources) == ("quoted_in", [source])


@pytest.mark.parametrize(("question", "intent"), [
    ("Welche Quellen gibt es?", "sources"),
    ("Which sources do you have?", "sources"),
    ("Hilfe", "help"),
    ("help", "help"),
    ("", "none"),
    ("?!", "none"),
    ("xqzv blorp fnord", "none"),
])
def test_sources_help_and_nothing(seeds, question, intent):
    assert parse_question(question, seeds).intent == intent


@pytest.mark.parametrize("question", ["Wer sagte „Austin, bitte kommen“?", "Who said 'the troops, Austin.'?"])
def test_a_name_inside_the_quotation_marks_is_part_of_what_was_said(seeds, question):
    q = parse_question(question, seeds)
    assert q.phrase and q.entities == [] and q.intent == "who_said"


@pytest.mark.parametrize(("question", "mode"), [
    ("Wer räumte ein, dass die Lage an der Grenze ernst sei?", "that"),
    ("Who explained that the border was under control?", "that"),
    ("Wer wünschte Greta Albers viel Erfolg bei den Gesprächen?", "that"),
    ("Wer sprach von einer Eskalation an der Grenze?", "topic"),
    ("Who commented on the border?", "topic"),
])
def test_who_with_a_clause_asks_for_one_speaker_and_who_with_a_topic_for_every_one(news, question, mode):
    q = parse_question(question, news)
    assert q.intent == "who_said"
    assert q.mode == mode


@pytest.mark.parametrize("question", ["How long was the bridge over the border river?",
                                      "Welche Stärke hatte das Erdbeben an der Grenze?",
                                      "Wie hoch war der Schaden an der Grenze?"])
def test_a_question_for_a_measure_is_answered_by_a_sentence_with_a_number(news, question):
    assert parse_question(question, news).answer_type == "number"


@pytest.mark.parametrize("question", ["Wer scherzte, die Lage an der Grenze sei ruhig?",
                                      "Wer kritisierte, dass die Schulen geöffnet bleiben?"])
def test_who_with_any_verb_and_a_clause_asks_who_said_it(news, question):
    q = parse_question(question, news)
    assert (q.intent, q.mode) == ("who_said", "that")


def test_an_apostrophe_inside_a_word_opens_no_quotation(news):
    q = parse_question("Who warned that Albers's plan would darken the border's future?", news)
    assert q.phrase is None
    assert q.intent == "who_said"


def test_a_paraphrase_in_words_no_document_uses_still_asks_who_said_it(news):
    q = parse_question("Wer kritisierte, dass die Pelztiere in den Zuchtkäfigen an der Grenze leiden?", news)
    assert q.intent == "who_said"


@pytest.mark.parametrize("question", ["Woran ist Peter Brandt gestorben?", "When did Greta Albers arrive in Hamburg?",
                                      "Wie hoch ist der Preis dotiert, den der Verein Bachmann-Kreis vergibt?"])
def test_a_question_for_a_fact_is_one_whoever_it_names(news, question):
    assert parse_question(question, news).intent == "facts"


def test_a_count_word_inside_a_name_counts_no_troops(news):
    q = parse_question("How many visitors came to the Bachmann reading at the border?", news)
    assert q.intent != "figures"


@pytest.mark.parametrize("question", ["Wie viele Soldaten wurden am 12. März an die Grenze verlegt?",
                                      "How many soldiers were sent to the border on 12 March?"])
def test_a_day_of_a_date_is_no_number_asked_for(news, question):
    assert parse_question(question, news).values == []


def test_a_body_a_count_question_names_ranks_the_figures_and_filters_none(news):
    q = parse_question("Wie viele Soldaten wurden laut Generalstab an die Grenze verlegt?", news)
    assert q.intent == "figures"
    assert all(e.kind == "person" for e in q.entities)


@pytest.mark.parametrize("question", ["How many people were injured when the Boeing 747 landed at the border?",
                                      "Wie viele Menschen wurden verletzt, als ein Flugzeug auf der A 52 abstürzte?",
                                      "Wie viele Gäste waren im Club 911?"])
def test_a_number_in_a_name_is_no_number_a_count_question_asks_for(news, question):
    assert parse_question(question, news).values == []


def test_a_count_question_still_asks_for_a_number_it_counts(news):
    assert parse_question("Wie viele Quellen nennen 12.000 Soldaten?", news).values == [12000]

