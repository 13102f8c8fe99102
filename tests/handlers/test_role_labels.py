"""A speaker's role in an English reply: English where every word of it is known, German where not."""

from __future__ import annotations

import pytest

from handlers.replies import render_statements
from handlers.role_labels import english_role_label, read_glossary, role_label
from knowledge.answers import answer
from knowledge.index import KnowledgeIndex

ROLES_DOC = ("Moskau taz | Die Gespräche gehen weiter.\n"
             "Der russische Außenminister Pjotr Iwanow sagte, man verhandle weiter.\n"
             "Kapitänin Jana Olsen sagte, die Werft bleibe offen.\n")


@pytest.fixture(scope="module")
def roles_index(tmp_path_factory: pytest.TempPathFactory) -> KnowledgeIndex:
    from helpers import index_of

    from knowledge.model import Claim

    return index_of(tmp_path_factory.mktemp("roles"), "delta", ROLES_DOC, [
        Claim(id="delta#001", source="delta", paragraph=2, kind="indirect", text="man verhandle weiter.",
              speaker="Pjotr Iwanow", speaker_kind="person", role="russische Außenminister", cue="sagen"),
        Claim(id="delta#002", source="delta", paragraph=3, kind="indirect", text="die Werft bleibe offen.",
              speaker="Jana Olsen", speaker_kind="person", role="Kapitänin", cue="sagen"),
    ])


def title(question: str, index: KnowledgeIndex, lang: str) -> str:
    return render_statements(answer(question, index), index, lang)[0]


def test_an_english_reply_names_the_role_in_english(roles_index):
    assert title("What did Iwanow say?", roles_index, "en") == "Statements by Pjotr Iwanow (Russian foreign minister):"


def test_a_german_reply_keeps_the_role_as_the_document_gives_it(roles_index):
    assert title("Was sagte Iwanow?", roles_index, "de") == "Aussagen von Pjotr Iwanow (russische Außenminister):"
    assert title("Was sagte Jana Olsen?", roles_index, "de") == "Aussagen von Jana Olsen (Kapitänin):"


def test_a_role_the_glossary_does_not_know_stays_german_in_english(roles_index):
    assert title("What did Jana Olsen say?", roles_index, "en") == "Statements by Jana Olsen (Kapitänin):"


@pytest.mark.parametrize(("german", "english"), [
    ("Außenminister", "foreign minister"),
    ("Präsidenten", "president"),
    ("Regierungssprecher", "government spokesperson"),
    ("Sprecherin", "spokeswoman"),
    ("Bundeskanzler", "chancellor"),
    ("NATO-Generalsekretär", "NATO secretary general"),
    ("venezolanischer Präsident", "Venezuelan president"),
    ("stellvertretende Vorsitzende", "deputy chair"),
    ("ehemalige US-Präsident", "former US president"),
    ("Vatikan-Sprechers", "Vatican spokesperson"),
    ("Staatsanwaltschaft", "prosecutors"),
    ("Bundestrainer", "national coach"),
    ("Außenminister; Sprecher", "foreign minister; spokesperson"),
])
def test_a_role_of_known_words_is_said_in_english(german, english):
    assert english_role_label(german) == english


@pytest.mark.parametrize(("german", "english"), [
    ("Leiter des Programms der Behörde", "head – Leiter des Programms der Behörde"),
    ("Verbraucher-Staatssekretär", "state secretary – Verbraucher-Staatssekretär"),
    ("Frankreichs Staatspräsident", "president – Frankreichs Staatspräsident"),
    ("seinem russischen Amtskollegen", "Russian counterpart – seinem russischen Amtskollegen"),
])
def test_where_only_the_head_is_known_the_german_stands_beside_it(german, english):
    assert english_role_label(german) == english


@pytest.mark.parametrize("german", [
    "Kapitänin",  # not in the glossary
    "Werftchef",  # a compound whose first part is unknown: its head alone could be the wrong office
    "Apparat",  # no role, though it ends in a word of one
    "parlamentarische Geschäftsführer",  # an unknown adjective can change what the office is
    "Kim der Zweite",
])
def test_a_role_that_cannot_be_said_reliably_stays_german(german):
    assert english_role_label(german) == german


def test_german_replies_never_translate():
    assert role_label("russische Außenminister", "de") == "russische Außenminister"
    assert role_label("russische Außenminister", "en") == "Russian foreign minister"


def test_the_glossary_holds_lower_case_german_keys_only():
    glossary = read_glossary()
    for table in (glossary.heads, glossary.modifiers, glossary.adjectives):
        assert table
        assert all(key == key.lower() and " " not in key for key in table)
