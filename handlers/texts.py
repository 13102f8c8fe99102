"""The words users read, in German and English: one catalogue, a typed `Texts` value per language.

The words themselves live in `handlers/catalogue/<lang>.toml`, one file per language as translators
work (the way gettext keeps a catalogue per language); the code reads them only through `Texts`, so
mypy checks every use. A file that lacks a field of `Texts`, or holds one it does not have, or lacks the
wording of a file problem the engine can report, stops the bot at start with the file and the field
named, never a reply in the wrong language. Placeholders are
`str.format` fields; `{prefix}` is the command prefix of the user's messenger ("/" or "!").

The reply language is decided here too (`reply_language`), so every command and answer agrees on it.
"""

from __future__ import annotations

import dataclasses
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

from knowledge.problems import FileProblem, wording_errors

Lang = Literal["de", "en"]
LANGS: tuple[Lang, ...] = ("de", "en")
#: where the language files are, shipped with the package
CATALOGUE_DIR = Path(__file__).with_name("catalogue")


class CatalogueError(ValueError):
    """A language file that does not match `Texts`: named with the field, so a translator can mend it."""


@dataclass(frozen=True, slots=True)
class Texts:
    # dispatch, front ends
    unknown_command: str
    text_only: str
    failed_line: str
    went_wrong: str
    console_greeting: str
    # /help, /start
    help_intro: str
    help_examples: str
    help_commands: str
    greeting: str
    # /lang
    lang_set: str
    lang_auto: str
    lang_usage: str
    # /who
    who_usage: str
    who_example: str
    who_question: str
    # /more
    nothing_more: str
    more_page: str
    # /figures, /chart, the digest's overview
    figures_question: str
    chart_title: str
    chart_button: str
    no_chart: str
    # /stats
    stats_refused: str
    stats: str
    uncertain_digests: str
    # /subscribe, /unsubscribe, /settings
    bad_time: str
    bad_zone: str
    subscribe_usage: str
    subscribed: str
    unsubscribed: str
    no_subscription_to_end: str
    no_subscription: str
    quiet_skipped: str
    quiet_line: str
    settings: str
    # the digest
    digest_title: str
    nothing_new: str
    current_state: str
    new_documents: str
    new_figures: str
    newly_quoted: str
    main_statements: str
    # /reload
    reload_refused: str
    reload_no_folder: str
    reload_busy: str
    reload_unchanged: str
    reload_failed: str
    reload_done: str
    reload_speakers: str
    reload_figures: str
    reload_took: str
    # answers to questions
    thousands_separator: str
    figures_title: str
    attributed: str
    no_attribution: str
    figure_denied: str
    figure_refused: str
    range: str
    most_cited: str
    sources_n: str
    statements_title: str
    who_said_phrase: str
    who_said_topic: str
    who_denied_topic: str
    who_refused_topic: str
    quoted_in_title: str
    quote: str
    indirect: str
    denies: str
    refuses: str
    more: str
    more_capped: str
    none: str
    none_name: str
    none_count: str
    none_topic: str
    did_you_mean: str
    mentioned_only: str
    ambiguous: str
    sources_title: str
    claims_n: str
    claims_1: str
    more_sources: str
    outlet_unknown: str
    scope_unmatched: str
    best_figure: str
    via: str
    empty_question: str
    passages_title: str
    passage: str
    figures_title_measure: Mapping[str, str]  # by measure ("deserters"); troops have figures_title
    qualifiers: Mapping[str, str]  # a figure's qualifier as the document wrote it ("bis zu") → in this language
    units: Mapping[str, str]  # what a figure counts ("Soldaten") → in this language
    command_help: Mapping[str, str]  # by a command's first name
    command_args: Mapping[str, str]
    problems: Mapping[str, str]  # a file problem's wording by its code (`knowledge.problems`)

    def figure_unit(self, unit: str) -> str:
        return self.units.get(unit, unit)

    def figure_qualifier(self, qualifier: str) -> str:
        return self.qualifiers.get(qualifier, qualifier)

    def number(self, value: int) -> str:
        return f"{value:,}".replace(",", self.thousands_separator)

    def problem(self, problem: FileProblem) -> str:
        """A file problem the engine reports, in this language: "file:line: what is wrong"."""
        return problem.worded(self.problems[problem.code])


def read_catalogue(path: Path) -> Texts:
    """One language file as `Texts`; `CatalogueError` names a missing, unknown or mistyped field."""
    with path.open("rb") as file:
        raw: dict[str, Any] = tomllib.load(file)
    types = {f.name: str(f.type) for f in dataclasses.fields(Texts)}
    missing, unknown = sorted(types.keys() - raw.keys()), sorted(raw.keys() - types.keys())
    if missing or unknown:
        raise CatalogueError(f"{path}: missing {missing or 'nothing'}, unknown {unknown or 'nothing'}")
    values: dict[str, Any] = {}
    for name, kind in types.items():
        value = raw[name]
        is_mapping = kind.startswith("Mapping")
        if not (isinstance(value, dict) and all(isinstance(v, str) for v in value.values())
                if is_mapping else isinstance(value, str)):
            raise CatalogueError(f"{path}: `{name}` must be {'a table of texts' if is_mapping else 'text'}")
        values[name] = value
    unworded = wording_errors(values["problems"])
    if unworded:
        raise CatalogueError(f"{path}: `problems`: {'; '.join(unworded)}")
    return Texts(**values)


def texts(lang: str | None) -> Texts:
    """The catalogue of `lang`; German for any language without one (German is the bot's first language)."""
    return CATALOGUE[reply_language(lang)]


def reply_language(chosen: str | None, question: str | None = None) -> Lang:
    """The one rule for the reply language: the one the asker chose (a request's forced language, the
    chat's /lang), else the language of the question, else German."""
    for lang in (chosen, question):
        if lang in LANGS:
            return "en" if lang == "en" else "de"
    return "de"


#: read when the bot starts, so a broken language file stops it there, not at the first reply in that language
CATALOGUE: dict[Lang, Texts] = {lang: read_catalogue(CATALOGUE_DIR / f"{lang}.toml") for lang in LANGS}
