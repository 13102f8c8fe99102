"""Who a statement is by, as the asker names them: speaker labels with words around the name, speakers
written as a description that the sentence names, and questions that put a qualifier before the name."""

from __future__ import annotations

from knowledge.answers import answer
from knowledge.entities import named_after, resolve_entities, speaker_name
from knowledge.index import KnowledgeIndex
from knowledge.model import Claim, Source
from knowledge.store import Snapshot


def statement(doc: str, n: int, text: str, speaker: str, *, mention: str | None = None, sentence: str | None = None,
              kind: str = "quote", speaker_kind: str = "person", paragraph: int | None = None) -> Claim:
    return Claim(id=f"{doc}#{n:03d}", source=doc, paragraph=paragraph or n, kind=kind, text=text,  # type: ignore[arg-type]
                 speaker=speaker, speaker_kind=speaker_kind, mention=mention or speaker,  # type: ignore[arg-type]
                 sentence=sentence or text)


def store(*claims: Claim) -> KnowledgeIndex:
    """A store of hand-written claims, resolved as a build resolves them (no extraction involved)."""
    entities = resolve_entities(list(claims))
    sources = {c.source: Source(document=c.source) for c in claims}
    return KnowledgeIndex.build(Snapshot(version=1, claims=list(claims), entities=entities, sources=sources))


def by(result) -> set[str | None]:
    return {c.speaker for c in result.claims}


# ---------------------------------------------------------------- a description named by apposition


def test_an_apposition_after_a_description_names_the_speaker():
    assert named_after("„Wir bleiben“, sagte der Sprecher der Behörde im Land, Direktor Hans Berg heute.",
                       "der Sprecher der Behörde") == "Hans Berg"
    assert named_after("Nach Angaben des Leiters der Schule, Anna Maria Kurz, sei alles ruhig.",
                       "des Leiters der Schule") == "Anna Maria Kurz"
    assert named_after("„Ja“, sagte die Vorsitzende des Vereins, Eva Stein.",
                       "die Vorsitzende des Vereins, Eva Stein") == "Eva Stein"


def test_a_possessor_before_a_role_and_a_name_is_not_the_speaker():
    assert named_after("Bergs wissenschaftlicher Mitarbeiter Tom Kurz sagte: „Nein.“", "Bergs") == "Tom Kurz"


def test_a_list_or_a_clause_after_the_comma_names_nobody():
    assert named_after("sagte der Minister, Nordland, Südland und Westland seien einig.", "der Minister") is None
    assert named_after("sagte der Minister, Hans Berg und Eva Stein seien einig.", "der Minister") is None
    assert named_after("sagte der Minister, Nordland werde helfen.", "der Minister") is None


def test_what_did_the_named_person_say_finds_the_statement_made_as_a_description():
    index = store(statement("a", 1, "„Die Lage ist ernst.“", "Sprecher der Behörde", mention="der Sprecher der Behörde",
                            sentence="„Die Lage ist ernst“, sagte der Sprecher der Behörde, Hans Berg.",
                            speaker_kind="organisation"))
    result = answer("Was sagte Hans Berg?", index)
    assert result.intent == "statements"
    assert by(result) == {"Hans Berg"}
    assert result.claims[0].mention == "der Sprecher der Behörde"


# ---------------------------------------------------------------- words around the name in a label


def test_the_name_inside_a_speaker_label_with_words_around_it():
    assert speaker_name("Kernaussage von Anna Berg") == "Anna Berg"
    assert speaker_name("Informationen von Radio Nord") == "Radio Nord"
    assert speaker_name("in Kiel geborene Berg") == "Berg"
    assert speaker_name("Abgeordnete und Anna Berg") == "Anna Berg"


def test_labels_that_are_names_or_other_speakers_stay():
    assert speaker_name("von der Leyen") == "von der Leyen"
    assert speaker_name("Agentur von Anna Berg") == "Agentur von Anna Berg"  # the agency spoke, not Anna Berg
    assert speaker_name("Nordbank und Südbank") == "Nordbank und Südbank"


def test_a_surname_inside_a_label_joins_the_full_name():
    index = store(statement("a", 1, "„Wir spielen morgen.“", "Anna Berg"),
                  statement("a", 2, "„Es wird schwer.“", "in Kiel geborene Berg", mention="die in Kiel geborene Berg",
                            speaker_kind="unknown"))
    result = answer("What did Anna Berg say?", index)
    assert by(result) == {"Anna Berg"}
    assert len(result.claims) == 2


# ---------------------------------------------------------------- what the asker puts before a name


def test_a_word_before_a_full_name_qualifies_it():
    index = store(statement("a", 1, "„Das Urteil steht.“", "Klaus Berg"),
                  statement("b", 1, "„Wir prüfen das.“", "Richter", mention="der Richter"),
                  statement("c", 1, "„Wir protestieren.“", "Greenpeace", speaker_kind="organisation"))
    for question in ("Was sagte Richter Klaus Berg?", "What did Greenpeace Klaus Berg say?"):
        result = answer(question, index)
        assert by(result) == {"Klaus Berg"}, question
    assert by(answer("Was sagten Greenpeace und Klaus Berg?", index)) == {"Greenpeace", "Klaus Berg"}


def test_a_full_name_the_texts_write_with_a_qualifier_is_the_speaker_it_ends_in():
    index = store(statement("a", 1, "„Wir bleiben.“", "Hashim Berg",
                            sentence="Nordlands Hashim Berg sagte: „Wir bleiben.“"))
    result = answer("Was sagte Nordlands Hashim Berg?", index)
    assert by(result) == {"Hashim Berg"}
    assert result.question.mentioned_only == []


def test_a_person_and_the_body_they_belong_to_or_are_quoted_by():
    assert speaker_name("Anna Berg von der Stadtverwaltung") == "Anna Berg"
    assert speaker_name("Berg von Radio-Zeitung") == "Berg"
    assert speaker_name("Berg von Radio Nord", frozenset({"radio nord"})) == "Berg"
    assert speaker_name("Otto von Bismarck") == "Otto von Bismarck"
    assert speaker_name("Informationen von Radio Nord") == "Radio Nord"


# ---------------------------------------------------------------- one utterance, one speaker


def test_who_said_credits_words_extracted_twice_to_the_person():
    sentence = "„Wir bauen die Brücke neu“, zitiert Radio Nord die Ministerin Eva Stein."
    index = store(statement("a", 1, "„Wir bauen die Brücke neu“", "Eva Stein", sentence=sentence),
                  statement("a", 2, "„Wir bauen die Brücke neu“", "Radio Nord", sentence=sentence,
                            speaker_kind="media", paragraph=1))
    result = answer("Wer sagte „Wir bauen die Brücke neu“?", index)
    assert by(result) == {"Eva Stein"}


def test_who_said_keeps_the_same_words_said_in_different_paragraphs():
    index = store(statement("a", 1, "„Die Brücke bleibt zu.“", "Eva Stein"),
                  statement("a", 2, "„Die Brücke bleibt zu.“", "Radio Nord", speaker_kind="media"))
    assert by(answer("Wer sagte „Die Brücke bleibt zu“?", index)) == {"Eva Stein", "Radio Nord"}


# ---------------------------------------------------------------- speakers named together


def test_what_two_speakers_said_together_belongs_to_each():
    index = store(statement("a", 1, "„Wir senken die Zinsen.“", "Nordbank", speaker_kind="organisation"),
                  statement("a", 2, "„Wir helfen den Familien.“", "Nordbank und Südbank",
                            mention="Die Nordbank und die Südbank", speaker_kind="group"),
                  statement("b", 1, "„Wir bleiben vorsichtig.“", "Südbank", speaker_kind="organisation"))
    result = answer("Was sagte die Nordbank?", index)
    assert by(result) == {"Nordbank", "Nordbank und Südbank"}
    assert result.claims[0].speaker == "Nordbank"
    assert by(answer("Was sagte die Südbank?", index)) == {"Südbank", "Nordbank und Südbank"}


def test_who_said_shows_the_claims_holding_the_phrase_not_near_misses():
    index = store(statement("a", 1, "„Die Brücke wird seit einigen Jahren im Sommer gesperrt.“", "Eva Stein"),
                  statement("b", 1, "„Die Brücke wird seit einigen Jahren im Herbst gesperrt.“", "Anna Kurz"))
    assert by(answer("Wer sagte „Die Brücke wird seit einigen Jahren im Sommer gesperrt“?", index)) == {"Eva Stein"}
    # a mistyped phrase still finds what it nearly quotes, first
    result = answer("Wer sagte „Die Bricke wird seit einigen Jahren im Somer gesperrt“?", index)
    assert [c.speaker for c in result.claims] == ["Eva Stein", "Anna Kurz"]


def test_who_said_keeps_a_quotation_inside_the_asked_one_whole():
    index = store(statement("a", 1, "Sie nannte das einen „faulen Kompromiss“ ohne Zukunft.", "Eva Stein",
                            kind="indirect"),
                  statement("b", 1, "„Ein Kompromiss ohne Zukunft hilft nicht.“", "Tom Kurz"))
    result = answer("Wer sagte „das einen „faulen Kompromiss“?", index)
    assert result.question.phrase == "das einen „faulen Kompromiss"
    assert by(result) == {"Eva Stein"}
    assert answer("Wer sagte „ohne Zukunft“ und „hilft nicht“?", index).question.phrase == "ohne Zukunft"


def test_who_said_prefers_a_named_speaker_to_one_guessed_from_a_pronoun():
    index = store(statement("a", 1, "Sie wisse, dass ihre Arbeit „nicht frei von Fehlern“ sei.", "Eva Stein",
                            mention="Stein", kind="indirect"),
                  statement("a", 2, "ihre Arbeit „nicht frei von Fehlern“ sei, aber „ehrlich gemeint“ war", "Tom Kurz",
                            mention="Sie", kind="indirect", paragraph=1))
    assert by(answer("Wer sagte „nicht frei von Fehlern“?", index)) == {"Eva Stein"}


# ---------------------------------------------------------------- who speaks for a body


def test_a_body_that_never_speaks_itself_answers_through_its_spokesperson():
    index = store(statement("a", 1, "„Die Filialen bleiben offen.“", "Sprecherin der Nordbank",
                            mention="eine Sprecherin der Nordbank", speaker_kind="organisation"),
                  statement("b", 1, "„Wir protestieren.“", "Kritiker der Nordbank", mention="die Kritiker der Nordbank",
                            speaker_kind="group"))
    for question in ("Was sagte die Nordbank?", "What did Nordbank say?"):
        result = answer(question, index)
        assert result.intent == "statements", question
        assert by(result) == {"Sprecherin der Nordbank"}, question


def test_a_spokesperson_follows_what_the_body_said_itself():
    index = store(statement("a", 1, "„Wir senken die Zinsen.“", "Nordbank", speaker_kind="organisation"),
                  statement("b", 1, "„Die Filialen bleiben offen.“", "Sprecher der Nordbank",
                            mention="ein Sprecher der Nordbank", speaker_kind="organisation"))
    result = answer("Was sagte die Nordbank?", index)
    assert [c.speaker for c in result.claims] == ["Nordbank", "Sprecher der Nordbank"]


def test_a_description_with_a_quoted_title_is_that_title():
    sentence = "Die Zeitung „Nordkurier“ berichtet, dass bereits zwei Gespräche gescheitert seien."
    index = store(statement("a", 1, "bereits zwei Gespräche gescheitert seien", "Zeitung", mention="Die Zeitung",
                            sentence=sentence, kind="indirect", speaker_kind="media"))
    result = answer("Was sagte der Nordkurier?", index)
    assert by(result) == {"Nordkurier"}
    assert result.claims[0].speaker_kind == "media"
