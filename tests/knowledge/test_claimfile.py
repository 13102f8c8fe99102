from __future__ import annotations

import re
import textwrap
from pathlib import Path

import pytest
import yaml

from handlers.texts import texts
from knowledge.claimfile import ClaimFileError, cites_verbatim, dump_claims, load_claims, peek
from knowledge.model import Claim, Figure

PARAGRAPHS = [
    "Berlin taz | Die Lage an der Grenze bleibt angespannt.",
    "„Wir werden nicht nachgeben“, sagte Minister Hans Meier.",
    "Nach Angaben des Geheimdienstes sind bis zu 12.000 Soldaten im Einsatz.",
]


def sample_claims() -> list[Claim]:
    return [
        Claim(id="meier#001", source="meier", paragraph=2, kind="quote", text="„Wir werden nicht nachgeben“",
              speaker="Hans Meier", speaker_kind="person", role="Minister", mention="Minister Hans Meier",
              cue="sagen", sentence=PARAGRAPHS[1]),
        Claim(id="meier#002", source="meier", paragraph=3, kind="figure",
              text="bis zu 12.000 Soldaten", speaker="Geheimdienst", speaker_kind="organisation",
              via="Nach Angaben des Geheimdienstes", cue="nach Angaben",
              figure=Figure(value=12000, low=None, high=12000, qualifier="bis zu", unit="Soldaten",
                            scope="Grenze", measure="troops")),
        Claim(id="meier#003", source="meier", paragraph=1, kind="indirect", text="Die Lage an der Grenze",
              section="comment"),
    ]


def claim_file(*claims: str, header: str = "") -> str:
    """A hand-written claim file; each claim is a YAML block starting with `- id: ...`."""
    body = "format: 1\ndocument: meier\nsha256: abc\nextractor: test\nreviewed: false\n" + header + "claims:\n"
    return body + "".join(textwrap.dedent(c).lstrip("\n") for c in claims)


def meier_file(folder: Path, *claims: str, header: str = "") -> tuple[Path, str]:
    """meier.claims.yaml in `folder`, written from `claim_file(*claims)`; its path and its text."""
    text = claim_file(*claims, header=header)
    path = folder / "meier.claims.yaml"
    path.write_text(text, encoding="utf-8")
    return path, text


def line_of(text: str, needle: str) -> int:
    return next(i for i, line in enumerate(text.splitlines(), 1) if needle in line)


GOOD = """
    - id: meier#001
      paragraph: 2
      kind: quote
      text: „Wir werden nicht nachgeben“
      speaker: Hans Meier
    """


def test_dump_then_load_gives_equal_claims(tmp_path):
    path = tmp_path / "meier.claims.yaml"
    dump_claims(path, "meier", "f" * 64, sample_claims(), "briefbot-extractor/1")
    loaded = load_claims(path, PARAGRAPHS)
    assert loaded.claims == sample_claims()
    assert loaded.document == "meier"
    assert loaded.sha256 == "f" * 64
    assert loaded.extractor == "briefbot-extractor/1"
    assert loaded.reviewed is False


def test_dumped_claim_file_is_short_and_tells_editors_how_to_review(tmp_path):
    path = tmp_path / "meier.claims.yaml"
    dump_claims(path, "meier", "f" * 64, sample_claims()[:1], "test")
    text = path.read_text(encoding="utf-8")
    assert text.startswith("# Claims extracted from meier.txt.")
    assert "reviewed: true" in text.splitlines()[1]
    assert "„Wir werden nicht nachgeben“" in text  # umlauts and quotes stay readable, not \u escapes
    entry = yaml.safe_load(text)["claims"][0]
    assert "via" not in entry and "figure" not in entry and "section" not in entry and "entity" not in entry
    assert not list(tmp_path.glob("*.tmp"))


@pytest.mark.parametrize("text", ["yes", "1.0", "null", "# kein Kommentar", "- Aufzählung", "Zitat: „ja“"])
def test_texts_that_look_like_yaml_survive_the_round_trip(tmp_path, text):
    claim = Claim(id="x#001", source="x", paragraph=1, kind="quote", text=text)
    path = tmp_path / "x.claims.yaml"
    dump_claims(path, "x", "0" * 64, [claim], "test")
    assert load_claims(path, [f"Er sagte: {text}"]).claims == [claim]


def test_claims_take_their_source_from_the_document_field(tmp_path):
    path, _ = meier_file(tmp_path, GOOD)
    assert [c.source for c in load_claims(path, PARAGRAPHS).claims] == ["meier"]


def test_reviewed_flag_is_read(tmp_path):
    path = tmp_path / "meier.claims.yaml"
    path.write_text(claim_file(GOOD).replace("reviewed: false", "reviewed: true"), encoding="utf-8")
    assert load_claims(path, PARAGRAPHS).reviewed is True
    assert peek(path) == ("abc", True)


def test_a_file_without_claims_is_valid(tmp_path):
    path, _ = meier_file(tmp_path)
    assert load_claims(path, PARAGRAPHS).claims == []


def test_broken_yaml_names_file_and_line(tmp_path):
    path, text = meier_file(tmp_path, GOOD, """
        - id: meier#002
          paragraph: 2
          kind: quote
          text: "„Wir werden nicht nachgeben
          speaker: Hans Meier
        """)
    with pytest.raises(ClaimFileError) as excinfo:
        load_claims(path, PARAGRAPHS)
    error = excinfo.value
    assert error.path == path
    assert error.line is not None and error.line >= line_of(text, "text: \"„Wir")
    assert str(excinfo.value).startswith(f"{path}:{error.line}: broken YAML")


def test_broken_indentation_names_its_line(tmp_path):
    path, text = meier_file(tmp_path, GOOD, """
        - id: meier#002
          paragraph: 2
         kind: quote
        """)
    with pytest.raises(ClaimFileError, match="broken YAML") as excinfo:
        load_claims(path, PARAGRAPHS)
    assert excinfo.value.line == text.splitlines().index(" kind: quote") + 1


BAD_CLAIMS = {
    "unknown kind": ("""
        - id: meier#002
          paragraph: 2
          kind: rumour
          text: Wir werden nicht nachgeben
        """, "`kind` must be one of quote, indirect, figure, not 'rumour'"),
    "paragraph 0": ("""
        - id: meier#002
          paragraph: 0
          kind: quote
          text: Wir werden nicht nachgeben
        """, "`paragraph` must be a positive whole number, not 0"),
    "paragraph as text": ("""
        - id: meier#002
          paragraph: zwei
          kind: quote
          text: Wir werden nicht nachgeben
        """, "`paragraph` must be a positive whole number"),
    "paragraph past the end": ("""
        - id: meier#002
          paragraph: 4
          kind: quote
          text: Wir werden nicht nachgeben
        """, "past the end of the document (3 paragraphs)"),
    "text not verbatim": ("""
        - id: meier#002
          paragraph: 2
          kind: quote
          text: Wir werden niemals nachgeben
        """, "`text` is not verbatim in paragraph 2"),
    "text from another paragraph": ("""
        - id: meier#002
          paragraph: 1
          kind: quote
          text: Wir werden nicht nachgeben
        """, "`text` is not verbatim in paragraph 1"),
    "figure value in words": ("""
        - id: meier#002
          paragraph: 3
          kind: figure
          text: bis zu 12.000 Soldaten
          figure:
            value: viele
            unit: Soldaten
        """, "`figure.value` must be a whole number, not 'viele'"),
    "figure claim without figure": ("""
        - id: meier#002
          paragraph: 3
          kind: figure
          text: bis zu 12.000 Soldaten
        """, "needs a `figure`"),
    "missing text": ("""
        - id: meier#002
          paragraph: 2
          kind: quote
        """, "claim is missing `text`"),
    "duplicate id": ("""
        - id: meier#001
          paragraph: 2
          kind: quote
          text: Wir werden nicht nachgeben
        """, "duplicate claim id 'meier#001'"),
}


@pytest.mark.parametrize("bad, problem", BAD_CLAIMS.values(), ids=BAD_CLAIMS.keys())
def test_invalid_claim_is_reported_with_the_line_of_that_claim(tmp_path, bad, problem):
    path, text = meier_file(tmp_path, GOOD, bad)
    with pytest.raises(ClaimFileError) as excinfo:
        load_claims(path, PARAGRAPHS)
    expected_line = line_of(text, "- id: meier#002") if "meier#002" in text else None
    if expected_line is None:  # the duplicate: the second claim with that id
        expected_line = [i for i, line in enumerate(text.splitlines(), 1) if "- id: meier#001" in line][1]
    assert excinfo.value.line == expected_line
    assert str(excinfo.value).startswith(f"{path}:{expected_line}: ")
    assert problem in str(excinfo.value)


def test_first_good_claim_does_not_hide_a_later_bad_one_in_a_long_file(tmp_path):
    goods = [f"""
        - id: meier#{n:03d}
          paragraph: 2
          kind: quote
          text: Wir werden nicht nachgeben
        """ for n in range(1, 6)]
    bad = """
        - id: meier#099
          paragraph: 2
          kind: rumour
          text: Wir werden nicht nachgeben
        """
    path, text = meier_file(tmp_path, *goods, bad)
    with pytest.raises(ClaimFileError) as excinfo:
        load_claims(path, PARAGRAPHS)
    assert excinfo.value.line == line_of(text, "- id: meier#099")


def test_without_paragraphs_text_is_not_checked_against_the_document(tmp_path):
    path, _ = meier_file(tmp_path, BAD_CLAIMS["text not verbatim"][0])
    assert load_claims(path).claims[0].text == "Wir werden niemals nachgeben"


def test_claims_must_be_a_list(tmp_path):
    path = tmp_path / "meier.claims.yaml"
    path.write_text("document: meier\nclaims:\n  id: meier#001\n", encoding="utf-8")
    with pytest.raises(ClaimFileError, match="`claims` must be a list"):
        load_claims(path, PARAGRAPHS)


def test_a_file_that_is_not_a_mapping_is_refused_with_line_1(tmp_path):
    path = tmp_path / "meier.claims.yaml"
    path.write_text("- nur\n- eine Liste\n", encoding="utf-8")
    with pytest.raises(ClaimFileError) as excinfo:
        load_claims(path, PARAGRAPHS)
    assert excinfo.value.line == 1


def test_non_utf8_claim_file_is_a_claim_file_error(tmp_path):
    path = tmp_path / "meier.claims.yaml"
    path.write_bytes(claim_file(GOOD).encode("utf-8").replace("„".encode(), "\xe4".encode("latin-1")))
    with pytest.raises(ClaimFileError, match="not UTF-8") as excinfo:
        load_claims(path, PARAGRAPHS)
    assert str(path) in str(excinfo.value)


@pytest.mark.parametrize("value", [True, 2.5, "12000"])
def test_figure_numbers_must_be_whole_numbers(tmp_path, value):
    path, _ = meier_file(tmp_path, f"""
        - id: meier#002
          paragraph: 3
          kind: figure
          text: bis zu 12.000 Soldaten
          figure:
            high: {yaml.safe_dump(value).splitlines()[0]}
        """)
    with pytest.raises(ClaimFileError, match=r"`figure\.high` must be a whole number"):
        load_claims(path, PARAGRAPHS)


def test_paragraph_true_is_not_paragraph_1(tmp_path):
    path, _ = meier_file(tmp_path, """
        - id: meier#002
          paragraph: true
          kind: indirect
          text: Die Lage
        """)
    with pytest.raises(ClaimFileError, match="`paragraph` must be a positive whole number"):
        load_claims(path, PARAGRAPHS)


def test_elided_citation_is_verbatim_when_every_piece_is():
    paragraph = "Die Regierung, so Meier, werde den Kurs trotz aller Kritik fortsetzen."
    assert cites_verbatim("Die Regierung […] werde den Kurs […] fortsetzen.", paragraph)
    assert cites_verbatim("Die Regierung [...] fortsetzen.", paragraph)
    assert not cites_verbatim("Die Regierung […] werde den Kurs ändern.", paragraph)


def test_verbatim_check_ignores_line_wrapping_whitespace():
    assert cites_verbatim("werde den  Kurs\n fortsetzen", "Er werde den Kurs fortsetzen.")
    assert not cites_verbatim("werdeden Kurs", "Er werde den Kurs fortsetzen.")


def test_peek_reads_hash_and_reviewed_flag_without_validating(tmp_path):
    path = tmp_path / "meier.claims.yaml"
    path.write_text(claim_file(BAD_CLAIMS["unknown kind"][0]).replace("reviewed: false", "reviewed: true"),
                    encoding="utf-8")
    assert peek(path) == ("abc", True)
    assert peek(tmp_path / "fehlt.claims.yaml") == (None, False)


A_QUOTE = """
        - id: meier#002
          paragraph: 2
          kind: quote
          text: Wir werden nicht nachgeben
          {field}
        """
A_FIGURE = """
        - id: meier#002
          paragraph: 3
          kind: figure
          text: bis zu 12.000 Soldaten
          figure:
            high: 12000
            {field}
        """
WRONG_FIELDS = {
    "speaker as a list": (A_QUOTE, "speaker: [Austin, Blinken]", "`speaker` must be text"),
    "via as a list": (A_QUOTE, "via: [laut FT, laut AP]", "`via` must be text"),
    "via as a mapping": (A_QUOTE, "via: {laut: FT}", "`via` must be text"),
    "via as a number": (A_QUOTE, "via: 5", "`via` must be text"),
    "section as true": (A_QUOTE, "section: true", "`section` must be one of article, comment"),
    "section as a list": (A_QUOTE, "section: [comment]", "`section` must be one of article, comment"),
    "speaker_kind unknown": (A_QUOTE, "speaker_kind: alien", "`speaker_kind` must be one of person"),
    "mention as a mapping": (A_QUOTE, "mention: {a: b}", "`mention` must be text"),
    "misspelt field": (A_QUOTE, "speakr: Hans Meier", "unknown field `speakr`"),
    "figure unit as a list": (A_FIGURE, "unit: [1, 2]", "`figure.unit` must be text"),
    "figure measure as a number": (A_FIGURE, "measure: 3", "`figure.measure` must be text"),
    "negative figure": (A_FIGURE, "value: -5", "`figure.value` must be a whole number of at least 0"),
    "figure low above high": (A_FIGURE, "low: 20000", "`figure.low` is above `figure.high`"),
    "misspelt figure field": (A_FIGURE, "valeu: 12000", "unknown field `figure.valeu`"),
}


@pytest.mark.parametrize("claim, field, problem", WRONG_FIELDS.values(), ids=WRONG_FIELDS.keys())
def test_a_claim_field_of_the_wrong_type_or_range_is_refused_with_line_and_field(tmp_path, claim, field, problem):
    path, text = meier_file(tmp_path, GOOD, claim.format(field=field))
    with pytest.raises(ClaimFileError) as excinfo:
        load_claims(path, PARAGRAPHS)
    assert excinfo.value.line == line_of(text, "- id: meier#002")
    assert problem in str(excinfo.value)


@pytest.mark.parametrize("header, problem", [
    ("reviewed: ja\n", "`reviewed` must be true or false"),
    ("document: [meier]\n", "`document` must be text"),
    ("colour: red\n", "unknown field `colour`"),
])
def test_a_file_field_of_the_wrong_type_is_refused(tmp_path, header, problem):
    path = tmp_path / "meier.claims.yaml"
    key = header.split(":")[0]
    text = claim_file(GOOD, header=header)
    text = re.sub(rf"^{key}: .*\n", "", text, count=1, flags=re.M) if text.count(f"{key}:") > 1 else text
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ClaimFileError, match=re.escape(problem)) as excinfo:
        load_claims(path, PARAGRAPHS)
    assert excinfo.value.line == line_of(text, header.strip())


def test_a_field_given_twice_is_refused_not_silently_overwritten(tmp_path):
    path, text = meier_file(tmp_path, GOOD + "  speaker: Anna Schulz\n")
    with pytest.raises(ClaimFileError, match="`speaker` appears twice") as excinfo:
        load_claims(path, PARAGRAPHS)
    assert excinfo.value.line == line_of(text, "Anna Schulz")


@pytest.mark.parametrize("lang, seen", [
    ("de", "meier.claims.yaml:{line}: `speaker` muss Text sein, nicht ['Austin', 'Blinken']"),
    ("en", "meier.claims.yaml:{line}: `speaker` must be text, not ['Austin', 'Blinken']"),
])
def test_a_broken_claim_file_reads_to_a_chat_user_with_file_line_and_field_in_their_language(tmp_path, lang, seen):
    """The engine reports the problem as data; the chat words it by its code, the log keeps the English."""
    path, text = meier_file(tmp_path, GOOD, A_QUOTE.format(field="speaker: [Austin, Blinken]"))
    with pytest.raises(ClaimFileError) as excinfo:
        load_claims(path, PARAGRAPHS)
    problem = excinfo.value.problem
    line = line_of(text, "- id: meier#002")
    assert (problem.code, problem.path, problem.line, problem.field) == ("not_text", path, line, "speaker")
    assert str(problem) == f"{path}:{line}: `speaker` must be text, not ['Austin', 'Blinken']"
    assert texts(lang).problem(problem.relative_to(tmp_path)) == seen.format(line=line)
    broken_path, broken = meier_file(tmp_path, GOOD + "  speaker: Anna Schulz\n")
    with pytest.raises(ClaimFileError) as excinfo:
        load_claims(broken_path, PARAGRAPHS)
    twice = {"de": "fehlerhaftes YAML: `speaker` steht zweimal in einer Zuordnung",
             "en": "broken YAML: `speaker` appears twice in one mapping"}[lang]
    assert texts(lang).problem(excinfo.value.problem.relative_to(tmp_path)) == (
        f"meier.claims.yaml:{line_of(broken, 'Anna Schulz')}: {twice}")
