"""Denials and refusals are marked, hedges and whole clauses stay in the claim: the meaning must not turn."""

from __future__ import annotations

from knowledge.extraction.pipeline import extract_claims

LEAD = "Die Hafenstadt Kiel stritt am Abend über die Zukunft ihrer alten Werft und deren Beschäftigte.\n"


def statements(text: str) -> list:
    return [c for c in extract_claims("doc", LEAD + text) if c.kind in ("quote", "indirect")]


def only(text: str):
    found = statements(text)
    assert len(found) == 1, [(c.kind, c.speaker, c.stance, c.text) for c in found]
    claim = found[0]
    paragraph = (LEAD + text).splitlines()[claim.paragraph - 1]
    for piece in claim.text.split(" […] "):
        assert piece in paragraph, piece  # still a verbatim citation
    return claim


# --------------------------------------------------------------------------- denials


def test_rejected_reports_are_a_denial_not_an_assertion() -> None:
    claim = only("Die Reederei wies Berichte zurück, wonach sie die Werft noch in diesem Jahr schließen wolle.")
    assert claim.stance == "denies"
    assert "die Werft noch in diesem Jahr schließen wolle" in claim.text


def test_bestreiten_with_a_that_clause_is_a_denial() -> None:
    claim = only("Der Werftdirektor bestritt, dass Fördermittel des Landes in andere Projekte geflossen seien.")
    assert claim.stance == "denies"
    assert claim.text.startswith("Fördermittel des Landes in andere Projekte geflossen seien")


def test_a_denial_in_abrede_gestellt_is_found_without_a_denial_verb() -> None:
    claim = only("Die Gewerkschaft stellte in Abrede, dass sie den Streik vorzeitig beenden werde.")
    assert claim.stance == "denies"


def test_not_confirming_keeps_the_negation_in_the_claim() -> None:
    claim = only("Der Betriebsrat bestätigte nicht, dass die Werft an einen Investor verkauft werde.")
    assert claim.stance == "denies"
    assert "nicht" in claim.text and "verkauft werde" in claim.text


def test_the_speakers_own_words_before_a_denial_verb_are_asserted() -> None:
    claim = only("„Von einer Schließung kann keine Rede sein“, dementierte die Sprecherin der Reederei.")
    assert claim.stance is None
    assert "keine Rede" in claim.text


def test_a_denial_that_is_itself_negated_is_no_denial() -> None:
    found = statements("Der Direktor hat die Vorwürfe der Gewerkschaft keineswegs bestritten.")
    assert all(c.stance != "denies" for c in found)


# --------------------------------------------------------------------------- refusals


def test_declining_to_confirm_is_a_refusal_with_its_frame() -> None:
    claim = only("Die Sprecherin der Reederei lehnte es ab, die Entlassung von 300 Werftarbeitern zu bestätigen.")
    assert claim.stance == "refuses"
    assert claim.text.startswith("lehnte es ab, die Entlassung")
    assert claim.text.rstrip(".").endswith("zu bestätigen")


def test_not_wanting_to_confirm_is_a_refusal() -> None:
    claim = only("Ein Sprecher des Hafens wollte auf Anfrage nicht bestätigen, dass die Fähre eingestellt werde.")
    assert claim.stance == "refuses"
    assert claim.text.startswith("wollte auf Anfrage nicht bestätigen, dass")


def test_rejecting_a_plan_with_a_statement_after_it_is_no_refusal() -> None:
    found = statements("Der Bürgermeister lehnte einen Verkauf der Werft ab, eine Verpachtung werde dagegen geprüft.")
    assert all(c.stance is None for c in found)


# --------------------------------------------------------------------------- hedges and whole clauses


def test_hedges_stay_inside_the_claim() -> None:
    claim = only("Die Hafenbehörde teilte mit, der Frachter sei angeblich mit zu hoher Geschwindigkeit eingelaufen.")
    assert "angeblich" in claim.text
    claim = only("Der Gutachter sagte, dass diese Schätzungen hochwahrscheinlich zu niedrig seien.")
    assert "hochwahrscheinlich zu niedrig seien" in claim.text


def test_a_hedge_in_the_main_clause_belongs_to_the_content() -> None:
    claim = only("Die Reederei hält es für unwahrscheinlich, dass die Werft vor dem Winter wieder öffnet.")
    assert "unwahrscheinlich" in claim.text and "wieder öffnet" in claim.text
    claim = only("Der Werftdirektor sagte nicht, dass die Aufträge ausbleiben würden.")
    assert "nicht" in claim.text and claim.stance is None


def test_a_that_clause_keeps_its_inner_relative_clause() -> None:
    claim = only("Die Polizei erklärte, dass der Kran, der am Montag umgestürzt war, möglicherweise falsch "
                 "gewartet worden sei.")
    assert claim.text.startswith("der Kran, der am Montag umgestürzt war, möglicherweise falsch gewartet")


def test_a_reporting_verb_inside_a_relative_clause_does_not_cut_the_content() -> None:
    claim = only("Der Senator sagte, die Schiffe, über die berichtet wurde, seien vermutlich längst verkauft.")
    assert claim.speaker == "Senator"
    assert claim.text.startswith("die Schiffe, über die berichtet wurde, seien vermutlich längst verkauft")
