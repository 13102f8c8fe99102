"""From a question to the claims that answer it: the right ones, all of them, and nothing unrelated."""

from __future__ import annotations

import pytest

from knowledge.answers import PAGE, answer
from knowledge.index import KnowledgeIndex
from knowledge.store import open_store
from knowledge.vocabulary import fold_query

TAZ = "003_4c124ba2100f9a82"
GR = "001_fa1d1d3df9522426"


@pytest.fixture(scope="module")
def seeds(seeds_snapshot) -> KnowledgeIndex:
    return KnowledgeIndex.build(seeds_snapshot)


@pytest.fixture(scope="module")
def news(news_snapshot) -> KnowledgeIndex:
    return KnowledgeIndex.build(news_snapshot)


def values(result) -> set[int]:
    return {v for c in result.claims for v in (c.figure.value, c.figure.low, c.figure.high) if v is not None}


def speakers(result) -> set[str]:
    return {c.entity for c in result.claims}


# ---------------------------------------------------------------- figures


def test_figures_of_every_source(news):
    result = answer("Wie viele Soldaten melden die Quellen?", news)
    assert result.intent == "figures"
    assert values(result) == {5000, 3000, 8000, 12000}  # 12.000: "bestätigte die Zahl … nicht"
    assert {c.figure.value: c.stance for c in result.claims}[12000] == "denies"
    assert [g.key for g in result.groups] == ["alpha", "beta", "gamma"]
    assert [g.title for g in result.groups] == ["taz", "example.org", "nordkurier.example"]
    assert result.figure_range == (3000, 8000)
    assert all(c.kind == "figure" and c.figure.measure == "troops" for c in result.claims)
    assert result.sources == ["alpha", "beta", "gamma"]


def test_figures_keep_their_qualifier(news):
    result = answer("Wie viele Soldaten?", news)
    by_value = {c.figure.value: c.figure.qualifier for c in result.claims}
    assert by_value[5000] == "bis zu"
    assert by_value[3000] == "rund"


def test_figures_of_one_source(news, seeds):
    result = answer("Wie viele Soldaten nennt example.org?", news)
    assert values(result) == {3000, 12000}  # 12.000 as the number the ministry would not confirm
    result = answer("Wie viele Soldaten nennt die taz?", seeds)
    assert result.claims and {c.source for c in result.claims} == {TAZ}
    assert {1500, 12000} <= values(result)
    result = answer("What numbers does 902.gr give?", seeds)
    assert {c.source for c in result.claims} == {GR}
    assert values(result) == {3000, 10000}


def test_figures_of_one_speaker(seeds, news):
    result = answer("How many troops did Zelensky say were in Kursk?", seeds)
    assert speakers(result) == {"wolodymyr-selenskyj"}
    assert values(result) == {11000}
    result = answer("Wie viele Soldaten nennt Brandt?", news)
    assert values(result) == {8000}


@pytest.mark.parametrize("question", ["Welche Quellen nennen 12.000 Soldaten?", "Who reported 12,000 troops?",
                                      "Wer spricht von 12000 Soldaten?"])
def test_who_gives_a_number_finds_every_figure_of_it(seeds, question):
    result = answer(question, seeds)
    assert result.intent == "figures"
    assert values(result) == {12000}
    assert {c.source for c in result.claims} == {"000_893b1a89f220f7f0", TAZ}


def test_figures_of_a_scope(news, seeds):
    result = answer("Wie viele Soldaten wurden in der ersten Phase entsandt?", news)
    assert values(result) - {12000} == {3000}  # 12.000 only as the number the ministry would not confirm
    assert result.figure_range == (3000, 3000)
    result = answer("Wie viele Soldaten in der ersten Phase?", seeds)
    assert values(result) == {1500}
    assert {c.source for c in result.claims} == {TAZ}


def test_all_figures_overall_on_the_seeds(seeds):
    result = answer("wieviele truppen melden die quellen", seeds)
    assert {3000, 10000, 11000, 12000, 1500} <= values(result)
    assert len({c.source for c in result.claims}) >= 4
    assert result.most_cited and result.most_cited[0][1] >= 2  # some number is given by several sources


# ---------------------------------------------------------------- statements


def test_statements_of_a_speaker(seeds):
    result = answer("Was sagte Austin?", seeds)
    assert result.intent == "statements"
    assert speakers(result) == {"lloyd-austin"}
    assert "„Putins Optionen werden dünn“" in [c.text for c in result.claims]
    assert all(c.kind in ("quote", "indirect") for c in result.claims)
    assert len({c.text for c in result.claims}) == len(result.claims)  # no repeats


def test_statements_of_one_of_two_namesakes(news):
    result = answer("Was sagte Hans Albers?", news)
    assert speakers(result) == {"hans-albers"}
    assert "„Wir werden unser Land verteidigen“" in [c.text for c in result.claims]


def test_a_shared_surname_answers_for_both_and_offers_a_choice(news):
    result = answer("Was sagte Albers?", news)
    assert speakers(result) == {"hans-albers", "greta-albers"}
    assert sorted(e.name for e in result.choices) == ["Greta Albers", "Hans Albers"]


def test_a_surname_of_a_speaker_and_of_someone_only_mentioned(seeds):
    result = answer("Was sagte Kim?", seeds)
    assert speakers(result) == {"kim-yong-hyun"}
    assert [e.name for e in result.choices] == ["Kim Yong-hyun", "Kim Jong Un"]


def test_statements_by_role(seeds):
    assert speakers(answer("Was sagte der südkoreanische Verteidigungsminister?", seeds)) == {"kim-yong-hyun"}
    assert speakers(answer("Was sagte die Pentagon-Sprecherin?", seeds)) == {"sabrina-singh"}


def test_speaker_and_topic_lists_only_claims_on_the_topic(seeds):
    everything = answer("Was sagte Selenskyj?", seeds)
    result = answer("Was sagte Selenskyj über Kursk?", seeds)
    assert result.claims
    assert len(result.claims) < len(everything.claims)
    assert all("kursk" in fold_query(c.text) for c in result.claims)


def test_speaker_and_a_topic_they_never_touch_is_empty(seeds):
    result = answer("What did Blinken say about Putin?", seeds)
    assert result.claims == []
    assert result.intent == "none"
    assert result.note == "topic_unmatched"


def test_long_statements_are_paged(news):
    result = answer("Was sagte Vogt?", news)
    shown = result.claims
    hidden = [c for g in result.more for c in g.claims]
    assert len(shown) == PAGE
    assert len(hidden) == 4
    assert {c.id for c in shown}.isdisjoint(c.id for c in hidden)
    assert len(shown) + len(hidden) == 12
    assert [c.paragraph for c in shown + hidden] == sorted(c.paragraph for c in shown + hidden)


# ---------------------------------------------------------------- who said


@pytest.mark.parametrize("question", ["Wer sprach von Eskalation?", "Who called it an escalation?",
                                      "wer sprach von eskalation"])
def test_who_spoke_of_escalation(seeds, question):
    result = answer(question, seeds)
    assert result.intent == "who_said"
    assert "mark-rutte" in speakers(result)
    assert "lloyd-austin" in speakers(result)
    for claim in result.claims:
        assert "eskal" in fold_query(claim.text), claim.text
        assert claim.kind != "figure" and claim.speaker


def test_who_spoke_of_escalation_in_the_invented_documents(news):
    result = answer("Wer sprach von Eskalation?", news)
    assert speakers(result) == {"peter-brandt"}
    assert [g.title for g in result.groups] == ["Peter Brandt"]


def test_who_spoke_about_a_topic_nobody_touched_and_an_unknown_word_is_nothing(seeds):
    for question in ("Wer sprach über Eskalation und Quarkspeisen?", "Was sagte Bundeskanzlerin Merkel über Panzer?"):
        result = answer(question, seeds)
        assert result.intent == "none" and result.claims == [], question


@pytest.mark.parametrize(("question", "fragment"), [("Who talked about the police?", "Die Polizei zeigt"),
                                                    ("Who talked about schools and the police?", "Die Schulen")])
def test_english_topic_words_of_general_news_reach_german_text(news, question, fragment):
    result = answer(question, news)
    assert result.intent == "who_said"
    assert any(fragment in c.text for c in result.claims)


def test_an_english_spelling_of_a_german_word_finds_it(seeds):
    result = answer("Who talked about the conflict?", seeds)
    assert result.intent == "who_said"
    assert all("konflikt" in fold_query(c.text) for c in result.claims) and result.claims


def test_who_said_a_phrase(seeds):
    result = answer("Wer sagte „Putins Optionen werden dünn“?", seeds)
    assert speakers(result) == {"lloyd-austin"}
    assert [c.text for c in result.claims] == ["„Putins Optionen werden dünn“"]


@pytest.mark.parametrize(("phrase", "claim"), [
    ("Truppenstärke auf beispiellose", "002_4708361af00d0493#003"),  # a count word, quoted: not a figures question
    ("an der russischen", "000_893b1a89f220f7f0#018"),  # a nationality, quoted: not a role
    ("gezweifelt, dass die nordkoreanische", "000_893b1a89f220f7f0#006"),
])
def test_words_inside_the_quotation_marks_are_what_was_said_not_the_question(seeds, phrase, claim):
    result = answer(f"Wer sagte „{phrase}“?", seeds)
    assert result.intent == "who_said"
    assert claim in [c.id for c in result.claims]


def test_a_phrase_with_two_typos_or_in_lower_case_finds_its_speaker(seeds):
    for question in ("Wer sagte „putins optionen werdne dunn“?", "who said 'Putns Optionen werden dünn'?"):
        assert speakers(answer(question, seeds)) == {"lloyd-austin"}, question


def test_who_said_a_phrase_nobody_said(seeds):
    result = answer("Wer sagte „Die Bananen sind alle blau“?", seeds)
    assert result.claims == []
    assert result.intent == "none"


# ---------------------------------------------------------------- quoted in, sources


def test_who_is_quoted_in_a_source(seeds):
    result = answer("Wer wird in der taz zitiert?", seeds)
    assert result.intent == "quoted_in"
    assert {c.source for c in result.claims} == {TAZ}
    assert {"mark-rutte", "lin-jian"} <= speakers(result)
    keys = [c.entity or c.speaker for c in result.claims]
    assert len(keys) == len(set(keys))  # each speaker once
    assert result.sources == [TAZ]


@pytest.mark.parametrize("question", ["Was sagt die taz über China?", "Was berichtet die taz über China?",
                                      "What does the taz report about China?"])
def test_what_a_source_says_about_a_topic_is_whom_it_quotes_on_it(seeds, question):
    result = answer(question, seeds)
    assert result.intent == "who_said"
    assert {c.source for c in result.claims} == {TAZ}
    assert speakers(result) == {"lin-jian"}


@pytest.mark.parametrize("question", ["What did the taz report?", "Was berichtet die taz?"])
def test_what_a_source_reports_is_whom_it_quotes(seeds, question):
    result = answer(question, seeds)
    assert result.intent == "quoted_in"
    assert {"mark-rutte", "lin-jian"} <= speakers(result)


def test_who_is_quoted_in_an_invented_source(news):
    result = answer("Wer wird in der taz zitiert?", news)
    assert {c.source for c in result.claims} == {"alpha"}
    assert "hans-albers" in speakers(result)


def test_the_sources(news):
    result = answer("Welche Quellen gibt es?", news)
    assert result.intent == "sources"
    assert result.sources == ["alpha", "beta", "delta", "gamma"]
    assert result.claims == []


# ---------------------------------------------------------------- nothing fits: nothing is shown


@pytest.mark.parametrize("question", [
    "Was sagte Macron?",
    "Wie viele Panzer hat Nordkorea geschickt?",
    "xqzv blorp fnord",
    "Was sagte Kim Jong Un?",
    "",
])
def test_no_fitting_claims_means_an_empty_answer(seeds, question):
    result = answer(question, seeds)
    assert result.intent == "none"
    assert result.claims == [] and result.more == []
    assert result.sources == []


@pytest.mark.parametrize(("question", "entity"), [("Was sagte Maria Vagt?", "maria-vogt"),
                                               ("Was sagte Pieter Brand?", "peter-brandt")])
def test_typos_in_invented_names_still_find_the_speaker(news, question, entity):
    assert speakers(answer(question, news)) == {entity}


# ---------------------------------------------------------------- denials and refusals


STANCE_DOC = ("Kiel taz | Die Werft steht vor dem Aus.\n"
              "Werftchef Lars Petersen bestritt, dass er die Werft verkaufen wolle.\n"
              "Kapitänin Jana Olsen lehnte es ab, den Verkauf der Werft zu bestätigen.\n")


@pytest.fixture(scope="module")
def stance_index(tmp_path_factory) -> KnowledgeIndex:
    from helpers import write_claims, write_doc

    from knowledge.model import Claim

    folder = tmp_path_factory.mktemp("stance") / "docs"
    folder.mkdir()
    write_doc(folder, "delta", STANCE_DOC)
    claims = [
        Claim(id="delta#001", source="delta", paragraph=2, kind="indirect", text="er die Werft verkaufen wolle.",
              speaker="Lars Petersen", speaker_kind="person", role="Werftchef", cue="bestreiten", stance="denies"),
        Claim(id="delta#002", source="delta", paragraph=3, kind="indirect",
              text="lehnte es ab, den Verkauf der Werft zu bestätigen.", speaker="Jana Olsen", speaker_kind="person",
              role="Kapitänin", cue="ablehnen", stance="refuses"),
    ]
    write_claims(folder, "delta", claims)
    snapshot = open_store(folder, f"sqlite:///{folder.parent / 's.db'}", progress=False)
    assert not snapshot.problems
    return KnowledgeIndex.build(snapshot)


def test_a_denied_claim_is_shown_as_a_denial_never_as_an_assertion(stance_index):
    from handlers.replies import render_statements

    result = answer("Was sagte Jana Olsen?", stance_index)
    assert [c.stance for c in result.claims] == ["refuses"]
    lines = render_statements(result, stance_index, "de")
    assert any(line.startswith("  lehnt ab: lehnte es ab, den Verkauf") and line.endswith("¶3]") for line in lines)
    result = answer("What did Lars Petersen say?", stance_index)
    assert [c.stance for c in result.claims] == ["denies"]
    lines = render_statements(result, stance_index, "en")
    assert any(line.startswith("  denies: er die Werft verkaufen wolle.") and line.endswith("¶2]") for line in lines)
    assert not any("paraphrase:" in line for line in lines)


@pytest.mark.parametrize("question, speaker, title", [
    ("Wer hat bestritten, dass die Werft verkauft wird?", "Lars Petersen", "Bestritten haben (zu"),
    ("Who denied selling the shipyard?", "Lars Petersen", "Denied (about"),
    ("Wer weigerte sich, den Verkauf der Werft zu bestätigen?", "Jana Olsen", "Nicht bestätigen wollten (zu"),
    ("Who declined to confirm the sale of the shipyard?", "Jana Olsen", "Would not confirm (about"),
])
def test_who_denied_or_would_not_confirm_finds_the_statements_of_that_stance(stance_index, question, speaker,
                                                                              title):
    from handlers.replies import render_who_said

    result = answer(question, stance_index)
    assert result.intent == "who_said"
    assert [c.speaker for c in result.claims] == [speaker]
    lang = "en" if question.startswith("Who") else "de"
    assert render_who_said(result, stance_index, lang)[0].startswith(title)


STORM_DOCS = {
    "sturm_a": "Küstenland | Der Zyklon Mirela hat die Küste verwüstet.\n"
               "Nach Angaben der Behörden starben durch den Zyklon Mirela 1.200 Menschen.\n",
    "sturm_b": "Inselblatt | Die Lage spitzt sich zwei Wochen nach dem Tropensturm „Mirela“ weiter zu.\n"
               "Offiziellen Angaben zufolge wurden 1.450 Menschen durch die Überschwemmung getötet.\n",
    "unfall": "Stadtanzeiger | Bei einem Busunglück auf der Autobahn starben 12 Menschen, teilte die Polizei mit.\n",
    "brand": "Landbote | Bei einem Brand in einer Fabrik kamen nach Angaben der Feuerwehr 30 Menschen ums Leben.\n",
}


@pytest.fixture(scope="module")
def storm_index(tmp_path_factory) -> KnowledgeIndex:
    from helpers import write_doc

    from knowledge.store import open_store

    folder = tmp_path_factory.mktemp("storm") / "docs"
    folder.mkdir()
    for doc_id, text in STORM_DOCS.items():
        write_doc(folder, doc_id, text)
    snapshot = open_store(folder, f"sqlite:///{folder.parent / 's.db'}", progress=False)
    assert not snapshot.problems
    return KnowledgeIndex.build(snapshot)


def test_a_count_of_the_story_is_found_where_its_sentence_does_not_name_it(storm_index):
    result = answer("Wie viele Tote forderte der Zyklon Mirela?", storm_index)
    assert {1200, 1450} <= values(result)
    assert {c.source for c in result.claims} == {"sturm_a", "sturm_b"}


def test_who_spoke_about_a_topic_finds_a_statement_in_other_words_that_fits_better(tmp_path):
    from helpers import copy_seeds

    folder = copy_seeds(tmp_path)
    (folder / "lieferung.txt").write_text(
        "Waffen für Russland\n"
        "Nach Angaben des japanischen Verteidigungsministeriums hat Nordkorea mehr als 100 Artilleriesysteme und "
        "etwa 50 Raketenwerfer an Russland geliefert.\n", encoding="utf-8")
    index = KnowledgeIndex.build(open_store(folder, f"sqlite:///{tmp_path / 's.db'}", progress=False))
    result = answer("Welche Waffen hat Nordkorea an Russland geliefert?", index)
    assert result.claims[0].source == "lieferung"
    assert "Artilleriesysteme" in result.claims[0].text
