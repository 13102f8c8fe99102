"""Troop figures in German number formats, numbers that are not troops, and reader comments."""

from __future__ import annotations

from knowledge.extraction.pipeline import extract_claims

LEAD = "Die Lage an der Grenze hat sich in den vergangenen Tagen weiter zugespitzt.\n"


def figures(text: str) -> list:
    return [c for c in extract_claims("doc", LEAD + text) if c.kind == "figure"]


def troop_figures(text: str) -> list:
    return [c for c in figures(text) if c.figure and c.figure.measure == "troops"]


def test_thousands_separator_and_upper_bound() -> None:
    text = "Laut dem Verteidigungsministerium sind bis zu 12.000 Soldaten an die Grenze verlegt worden."
    [claim] = troop_figures(text)
    assert claim.figure.high == 12000
    assert claim.figure.qualifier == "bis zu"
    assert claim.speaker == "Verteidigungsministerium"


def test_number_word() -> None:
    [claim] = troop_figures("Nach Angaben der Armee wurden achtzehn Soldaten in die Stadt verlegt.")
    assert claim.figure.value == 18


def test_range_with_qualifier() -> None:
    [claim] = troop_figures("Rund 3.000 bis 5.000 Soldaten sollen nach Angaben der Regierung im Einsatz sein.")
    assert (claim.figure.low, claim.figure.high) == (3000, 5000)
    assert claim.figure.qualifier == "rund"
    assert claim.speaker == "Regierung"


def test_vague_thousands() -> None:
    [claim] = troop_figures("Mehrere tausend Soldaten sind nach Einschätzung von Beobachtern bereits im Land.")
    assert claim.figure.value is None
    assert "tausend" in (claim.figure.qualifier or "").lower()


def test_minimum_qualifier() -> None:
    [claim] = troop_figures("Mindestens 2.500 Soldaten sind nach Angaben der Armee in den Norden verlegt worden.")
    assert claim.figure.qualifier and claim.figure.qualifier.lower() == "mindestens"
    assert 2500 in (claim.figure.value, claim.figure.low, claim.figure.high)


def test_distances_years_percentages_and_containers_are_not_troops() -> None:
    text = ("Die neue Straße ist 120 km lang und wurde 2023 gebaut. 40 Prozent der Bewohner haben die Stadt "
            "verlassen. Im Hafen stehen 3.000 Container mit Hilfsgütern.")
    assert troop_figures(text) == []


def test_figure_takes_the_speaker_of_its_statement() -> None:
    [claim] = troop_figures("Ein Sprecher der Armee sagte, es seien 4.000 Soldaten an die Front verlegt worden.")
    assert claim.speaker and "Sprecher" in claim.speaker


def test_reader_comments_after_a_comment_header_are_dropped() -> None:
    text = ("Der Minister sagte, es gebe keine neuen Truppenbewegungen.\n"
            "12 Kommentare\n"
            "Ein Leser schrieb, es seien in Wahrheit 50.000 Soldaten unterwegs.\n"
            "Eine Leserin sagte: „Das glaube ich alles nicht.“")
    claims = extract_claims("doc", LEAD + text)
    assert all(c.paragraph <= 2 for c in claims), [(c.paragraph, c.text) for c in claims]
    assert any(c.kind == "indirect" and c.paragraph == 2 for c in claims)


def test_wounded_or_killed_soldiers_of_another_army_are_casualties_not_troops() -> None:
    text = ("Ein Sprecher der Armee sagte, bislang seien 2.400 verwundete oder getötete belgische Soldaten "
            "gezählt worden.")
    [claim] = figures(text)
    assert claim.figure.measure == "casualties"
    assert claim.figure.party == "belgisch"
    assert claim.figure.value == 2400
    assert troop_figures(text) == []


def test_officers_and_generals_are_two_figures() -> None:
    text = "Nach Angaben des Generalstabs wurden 300 Offiziere und vier Generäle an die Küste verlegt."
    by_measure = {c.figure.measure: c.figure for c in figures(text)}
    assert by_measure["officers"].value == 300
    assert by_measure["generals"].value == 4
    assert troop_figures(text) == []


def test_party_from_a_nationality_adjective_and_from_aus_plus_country() -> None:
    [adjective] = figures("Rund 700 dänische Soldaten sind nach Angaben der Regierung im Manöver.")
    assert adjective.figure.party == "dänisch"
    [country] = figures("Rund 700 Soldaten aus Finnland sind nach Angaben der Regierung im Manöver.")
    assert country.figure.party == "finnisch"
    assert "Finnland" not in (country.figure.scope or "")
    [unsaid] = figures("Rund 700 Soldaten sind nach Angaben der Regierung im Manöver.")
    assert unsaid.figure.party is None


def test_a_country_that_loses_soldiers_owns_the_casualties() -> None:
    [claim] = figures("Die Verluste der Slowakei belaufen sich nach Angaben des Ministeriums auf 90 Tote.")
    assert claim.figure.measure == "casualties"
    assert claim.figure.party == "slowakisch"


def test_figure_laut_a_source_keeps_that_source_inside_another_statement() -> None:
    text = "Der Minister sagte, die Lage sei ernst, laut dem Weißen Haus sind 6.000 Soldaten an der Grenze."
    [claim] = troop_figures(text)
    assert claim.speaker and "Weißen Haus" in claim.speaker
    assert claim.cue == "laut"


def test_figure_zufolge_keeps_its_source() -> None:
    [claim] = figures("Dem Militärgeheimdienst zufolge wurden 150 Soldaten gefangen genommen.")
    assert claim.figure.measure == "casualties"
    assert claim.speaker and "Militärgeheimdienst" in claim.speaker


def counts(text: str) -> list[tuple[int | None, str | None, str | None]]:
    return [(c.figure.value, c.figure.unit, c.figure.measure) for c in figures(text)]


def test_people_named_by_what_they_do_are_counted() -> None:
    [claim] = figures("46 Beamte wurden nach Angaben der Polizei in der Stadt leicht verletzt.")
    assert (claim.figure.value, claim.figure.measure, claim.speaker) == (46, "casualties", "Polizei")
    assert counts("Bei den Einsätzen seien 61 Polizisten verletzt worden.") == [(61, "Polizisten", "casualties")]


def test_a_number_of_the_dead_counted_earlier_in_the_sentence() -> None:
    text = ("Nach Angaben der Behörden beläuft sich die Zahl der Toten inzwischen auf insgesamt 384, darunter "
            "62 Zivilisten.")
    assert counts(text) == [(384, "Toten", "casualties"), (62, "Zivilisten", "civilians")]
    assert counts("Die Zahl der Toten stieg um 20 auf 400.") == [(400, "Toten", "casualties")]


def test_a_count_ending_its_sentence_is_no_date() -> None:
    text = ("Die Zahl der Menschen, die am Freitag getötet worden sein sollen, bezifferte die Agentur mit 13. "
            "Bei den Einsätzen seien 61 Polizisten verletzt worden, darunter sechs schwer. Am 13. Mai blieb es ruhig.")
    assert counts(text) == [(13, "Menschen", "casualties"), (61, "Polizisten", "casualties")]


def test_reporting_verb_with_the_number_as_its_object_gives_it_to_its_subject() -> None:
    [claim] = figures("Die Regierung geht von zwölf getöteten Zivilisten aus.")
    assert (claim.figure.value, claim.speaker, claim.stance) == (12, "Regierung", None)


def test_a_number_the_speaker_would_not_confirm_or_denies_keeps_that_stance() -> None:
    [claim] = troop_figures("Das Pentagon bestätigte die Zahl von 11.000 Soldaten nicht.")
    assert (claim.figure.value, claim.speaker, claim.stance) == (11000, "Pentagon", "denies")
    [claim] = troop_figures("Moskau bestritt, dass 10.000 Soldaten in der Region stationiert seien.")
    assert (claim.speaker, claim.stance) == ("Moskau", "denies")


def test_a_verb_that_gives_a_number_gives_it_to_its_subject() -> None:
    [claim] = figures("Der Geheimdienst bezifferte die Zahl der Deserteure auf 18.")
    assert (claim.figure.value, claim.figure.measure, claim.speaker) == (18, "deserters", "Geheimdienst")


def test_whose_casualties_named_after_the_count() -> None:
    [claim] = figures("Der Präsident sprach von 3.800 Toten und Verletzten unter den belgischen Truppen.")
    assert (claim.figure.value, claim.figure.measure, claim.figure.party) == (3800, "casualties", "belgisch")


def casualties(text: str) -> list[tuple[int | None, str | None]]:
    return [(c.figure.value, c.speaker) for c in figures(text) if c.figure and c.figure.measure == "casualties"]


def test_what_befell_the_people_of_a_number_of_them_makes_them_casualties() -> None:
    text = "Die Polizei beziffert die Anzahl der Menschen, die durch das Hochwasser gestorben sind, auf 626."
    assert casualties(text) == [(626, "Polizei")]


def test_a_bare_number_with_what_befell_them_counts_the_people_before() -> None:
    text = "Dabei sind nach Angaben der Polizei elf Personen gestorben und etwa 40 verletzt worden."
    assert casualties(text) == [(11, "Polizei"), (40, "Polizei")]
    text = "Nach Angaben der Polizei sind zwei Menschen ums Leben gekommen, bis zu 50 wurden verletzt."
    assert casualties(text) == [(2, "Polizei"), (50, "Polizei")]


def test_lives_claimed_and_bodies_recovered_are_casualties_claimed_by_nobody() -> None:
    assert casualties("In der Provinz forderte das Unwetter 92 Menschenleben.") == [(92, None)]
    assert casualties("Der Sender „Nordfunk“ berichtete von der Bergung von 56 Leichen.") == [(56, "Nordfunk")]


def test_numbers_written_as_compound_words_are_counted() -> None:
    text = "Acht Tote und sechsundfünfzig Verletzte forderte am Morgen laut Behördenangaben ein Anschlag auf einen Bus."
    assert [value for value, _speaker in casualties(text)] == [8, 56]
    text = "Bei dem Unglück wurden zweihundertzwölf Menschen verletzt."
    assert [value for value, _speaker in casualties(text)] == [212]


def test_people_shot_or_stabbed_are_casualties() -> None:
    assert [v for v, _s in casualties("In der Nacht wurden in der Nähe des Bahnhofs sechs Menschen erschossen.")] == [6]
    assert [v for v, _s in casualties("Bei dem Streit wurden zwei Männer erstochen.")] == [2]


def test_some_of_those_just_named_befallen_are_counted() -> None:
    text = "Im Bus befanden sich Kindergartenkinder, mindestens 40 von ihnen wurden getötet, weitere werden vermisst."
    assert [v for v, _s in casualties(text)] == [40]


def test_immigrants_are_counted_as_refugees() -> None:
    claims = figures("Im Lager hielten sich zuletzt noch 278 illegale Einwanderer auf.")
    assert [(c.figure.value, c.figure.measure) for c in claims if c.figure] == [(278, "refugees")]
