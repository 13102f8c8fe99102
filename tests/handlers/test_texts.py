"""The message catalogue: every language says everything, and a broken language file is named at start."""

from __future__ import annotations

from pathlib import Path

import pytest

from handlers import COMMANDS
from handlers.texts import CATALOGUE_DIR, LANGS, CatalogueError, read_catalogue, reply_language, texts
from knowledge import problems


@pytest.mark.parametrize("lang", LANGS)
def test_every_command_has_help_in_every_language(lang):
    words = texts(lang)
    assert {command.name for command in COMMANDS} == set(words.command_help)
    assert set(words.command_args) <= set(words.command_help)


def test_the_languages_differ_where_they_should():
    assert texts("de").figures_question != texts("en").figures_question
    assert texts("de").number(12000) == "12.000" and texts("en").number(12000) == "12,000"
    assert texts("fr") is texts("de")  # a language without a catalogue reads German


@pytest.mark.parametrize("chosen, question, expected", [
    ("en", "de", "en"), (None, "en", "en"), (None, None, "de"), ("de", "en", "de"), ("xx", None, "de"),
])
def test_the_reply_language_is_the_chosen_one_else_the_questions(chosen, question, expected):
    assert reply_language(chosen, question) == expected


@pytest.mark.parametrize("lang, written, broken, problem", [
    ("en", 'greeting = "Hello! I am briefbot."\n', "", r"en\.toml: missing \['greeting'\]"),
    ("de", "\ngreeting =", "\ngreting =", r"de\.toml: missing \['greeting'\], unknown \['greting'\]"),
    ("de", 'greeting = "Hallo! Ich bin briefbot."', "greeting = 3", r"de\.toml: `greeting` must be text"),
])
def test_a_language_file_that_lacks_misspells_or_mistypes_a_text_is_refused_naming_it(
        tmp_path: Path, lang: str, written: str, broken: str, problem: str) -> None:
    path = tmp_path / f"{lang}.toml"
    text = (CATALOGUE_DIR / f"{lang}.toml").read_text(encoding="utf-8")
    assert written in text
    path.write_text(text.replace(written, broken), encoding="utf-8")
    with pytest.raises(CatalogueError, match=problem):
        read_catalogue(path)


def test_a_problem_code_without_a_wording_stops_the_catalogue_at_start(monkeypatch: pytest.MonkeyPatch) -> None:
    """A code the engine learns to report must be worded in every language before the bot starts."""
    monkeypatch.setattr(problems, "PROBLEM_CODES", problems.PROBLEM_CODES | {"new_problem"})
    for lang in LANGS:
        with pytest.raises(CatalogueError, match=rf"{lang}\.toml: `problems`: no wording for `new_problem`"):
            read_catalogue(CATALOGUE_DIR / f"{lang}.toml")


@pytest.mark.parametrize("written, broken, problem", [
    ('empty = "ist leer"\n', "", r"no wording for `empty`"),
    ('empty = "ist leer"', 'empty = "ist leer"\nemtpy = "leer"', r"`emtpy` is no problem code"),
    ('empty = "ist leer"', 'empty = "ist {size} leer"', r"`empty` names \['size'\]"),
])
def test_a_problem_wording_that_is_missing_unknown_or_names_a_wrong_value_is_refused(
        tmp_path: Path, written: str, broken: str, problem: str) -> None:
    path = tmp_path / "de.toml"
    text = (CATALOGUE_DIR / "de.toml").read_text(encoding="utf-8")
    assert written in text
    path.write_text(text.replace(written, broken), encoding="utf-8")
    with pytest.raises(CatalogueError, match=problem):
        read_catalogue(path)


@pytest.mark.parametrize("lang", LANGS)
def test_every_problem_the_engine_reports_has_a_wording_in_every_language(lang: str) -> None:
    assert set(texts(lang).problems) == problems.PROBLEM_CODES
    assert dict(texts("en").problems) == problems.ENGLISH  # the chat reads what the log says
