"""Quotations, indirect speech and who said them, pinned down with small German examples."""

from __future__ import annotations

import pytest

from knowledge.extraction.pipeline import extract_claims

LEAD = "Der Stadtrat hat am Abend über den neuen Haushalt der Gemeinde beraten und abgestimmt.\n"


def statements(text: str) -> list:
    return [c for c in extract_claims("doc", LEAD + text) if c.kind in ("quote", "indirect")]


def only(text: str):
    found = statements(text)
    assert len(found) == 1, [(c.kind, c.speaker, c.text) for c in found]
    return found[0]


def paragraph_of(claim, text: str) -> str:
    return (LEAD + text).splitlines()[claim.paragraph - 1]


def assert_verbatim(claim, text: str) -> None:
    para = paragraph_of(claim, text)
    for piece in claim.text.split(" […] "):
        assert piece in para, piece


# --------------------------------------------------------------------------- direct quotes


@pytest.mark.parametrize("opening, closing", [("„", "“"), ('"', '"'), ("»", "«"), ("«", "»")])
def test_direct_quote_in_every_mark_style(opening: str, closing: str) -> None:
    text = f"{opening}Wir werden die Brücke im Frühjahr sanieren{closing}, sagte Bürgermeisterin Petra Hollmann."
    claim = only(text)
    assert claim.kind == "quote"
    assert claim.speaker == "Petra Hollmann"
    assert "Brücke im Frühjahr sanieren" in claim.text
    assert_verbatim(claim, text)


def test_nested_single_marks_stay_inside_the_quote() -> None:
    text = "„Das Wort ‚Krise‘ hilft uns nicht weiter“, sagte der Stadtsprecher Jonas Wendt."
    claim = only(text)
    assert claim.speaker == "Jonas Wendt"
    assert "‚Krise‘" in claim.text


def test_quote_interrupted_by_the_reporting_clause() -> None:
    text = ("„Die Kosten steigen“, sagte Stadtsprecher Jonas Wendt, „aber wir halten den Plan ein.“")
    claim = only(text)
    assert claim.speaker == "Jonas Wendt"
    assert "Die Kosten steigen" in claim.text and "wir halten den Plan ein" in claim.text
    assert_verbatim(claim, text)


def test_quote_spanning_two_sentences() -> None:
    text = ("Stadtsprecher Jonas Wendt sagte: „Die Kosten steigen. Trotzdem halten wir den Plan ein.“")
    claim = only(text)
    assert claim.kind == "quote"
    assert claim.speaker == "Jonas Wendt"
    assert "Die Kosten steigen. Trotzdem halten wir den Plan ein." in claim.text


def test_quote_after_a_roman_numeral_starts_at_its_quotation_mark() -> None:
    text = ("Der Sprecher Steffen Seibert würdigte Papst Benedikt XVI. „Er hat den allerhöchsten Respekt… Er hat "
            "seine Handschrift eingebracht“, sagte Seibert in Berlin.")
    claim = only(text)
    assert claim.speaker == "Steffen Seibert" and claim.kind == "quote"
    assert claim.text.startswith("„Er hat den allerhöchsten Respekt…")
    assert_verbatim(claim, text)


def test_quote_with_elision_marks_is_cited_verbatim() -> None:
    text = "„Wir haben […] keine andere Wahl“, erklärte die Schulleiterin Anna Berger."
    claim = only(text)
    assert claim.speaker == "Anna Berger"
    assert_verbatim(claim, text)


def test_colon_after_the_verb_with_a_parenthesis_on_the_speaker() -> None:
    text = "Ministerin Clara Voss (SPD) sagte am Samstag: „Die Schulen bleiben geöffnet.“"
    claim = only(text)
    assert claim.speaker == "Clara Voss"
    assert claim.text == "„Die Schulen bleiben geöffnet.“"


def test_speaker_with_a_prepositional_attachment() -> None:
    text = "Tobias Lang vom Verband der Bäcker sagte dazu: „Die Preise für Mehl sind stark gestiegen.“"
    claim = only(text)
    assert claim.speaker == "Tobias Lang"


def test_speaker_whose_surname_ends_like_an_adjective() -> None:
    text = "Stadtrat Martin Fischer sagte, die Pläne seien noch nicht fertig."
    claim = only(text)
    assert claim.speaker == "Martin Fischer"
    assert claim.text.startswith("die Pläne seien")


# --------------------------------------------------------------------------- indirect speech


def test_indirect_speech_with_dass() -> None:
    text = "Die Ärztin Maria Köhler erklärte, dass die Station bis zum Sommer geschlossen bleibt."
    claim = only(text)
    assert claim.kind == "indirect"
    assert claim.speaker == "Maria Köhler"
    assert "die Station bis zum Sommer geschlossen bleibt" in claim.text


def test_indirect_speech_in_konjunktiv_after_adverbials() -> None:
    text = "Der Landrat Peter Mohr sagte am Montag vor Journalisten, die Straße werde im Mai gesperrt."
    claim = only(text)
    assert claim.speaker == "Peter Mohr"
    assert claim.text.startswith("die Straße werde")
    assert "am Montag" not in claim.text


def test_konjunktiv_i_is_recognised_beyond_a_word_list() -> None:
    text = "Trainer Uwe Brandt sagte nach dem Spiel, er freue sich über den Sieg seiner Mannschaft."
    claim = only(text)
    assert claim.speaker == "Uwe Brandt"
    assert claim.text.startswith("er freue sich")


def test_konjunktiv_continuation_sentence_keeps_the_speaker() -> None:
    text = ("Die Sprecherin der Feuerwehr, Lena Hoff, sagte, das Feuer sei gelöscht. "
            "Verletzt worden sei niemand.")
    found = statements(text)
    assert [c.speaker for c in found] == ["Lena Hoff", "Lena Hoff"]
    assert found[1].text == "Verletzt worden sei niemand."


def test_fronted_adverbial_clause_is_not_the_content() -> None:
    text = ("In einer Videobotschaft, die am Abend veröffentlicht wurde, sagte Parteichef Karl Brenner, "
            "man werde weiter kämpfen.")
    claim = only(text)
    assert claim.speaker == "Karl Brenner"
    assert claim.text.startswith("man werde weiter kämpfen")


def test_coordinated_verb_phrase_shares_the_subject() -> None:
    text = "Politikerin Eva Lindner war ebenfalls anwesend und sagte, sie freue sich über die Einladung."
    claim = only(text)
    assert claim.speaker == "Eva Lindner"
    assert claim.text.startswith("sie freue sich")


def test_that_clause_after_a_verb_outside_the_lexicon() -> None:
    text = "Die Gewerkschaft der Lokführer ist überzeugt, dass der Streik zu einer Einigung führt."
    claim = only(text)
    assert claim.kind == "indirect"
    assert claim.speaker and "Gewerkschaft" in claim.speaker
    assert "der Streik zu einer Einigung führt" in claim.text


def test_result_clause_with_so_dass_is_not_a_statement() -> None:
    assert statements("Der Regen war so heftig, dass die Keller der Altstadt vollliefen.") == []


# --------------------------------------------------------------------------- prepositional cues


def test_laut_source() -> None:
    claim = only("Laut Polizei wurden bei dem Unfall drei Menschen leicht verletzt.")
    assert claim.speaker == "Polizei"
    assert claim.cue == "laut"


def test_laut_with_a_quoted_outlet_in_mid_sentence() -> None:
    claim = only("Der Minister soll laut „Morgenpost“ bereits zurückgetreten sein.")
    assert claim.speaker == "Morgenpost"


def test_zufolge() -> None:
    claim = only("Dem Wetterdienst zufolge wird es am Wochenende kräftig schneien.")
    assert claim.speaker and "Wetterdienst" in claim.speaker


@pytest.mark.parametrize("text, speaker", [
    ("Die Verkehrsbetriebe haben Medienberichten zufolge das Gehalt nicht bezahlt.", "Medienberichten"),
    ("Die Täter entstammen Zeitungsberichten zufolge einer Einwandererfamilie.", "Zeitungsberichten"),
    ("Bei dem Unglück waren offiziellen Angaben zufolge 20 Menschen verletzt worden.", "offiziellen Angaben"),
])
def test_zufolge_after_a_verb_names_only_the_phrase_before_it(text: str, speaker: str) -> None:
    assert only(text).speaker == speaker


@pytest.mark.parametrize("text, speaker", [
    ("Berlins früherer Bürgermeister Eberhard Diepgen wies die Vorwürfe zurück: Der Senat habe bewusst entschieden.",
     "Eberhard Diepgen"),
    ("Deutschlands ehemaliger Außenminister Joschka Fischer erklärte, der Vertrag gelte weiter.", "Joschka Fischer"),
])
def test_genitive_name_before_an_adjective_and_the_office(text: str, speaker: str) -> None:
    assert only(text).speaker == speaker


def test_sentence_adverb_in_front_is_not_the_speaker() -> None:
    found = statements("Sehr viel deutet darauf hin, dass der Angeklagte knapp davongekommen ist.")
    assert all(c.speaker != "Sehr" for c in found)


def test_nach_angaben() -> None:
    claim = only("Nach Angaben des Innenministeriums wurden am Montag zwei Verdächtige festgenommen.")
    assert claim.speaker and "Innenministeriums" in claim.speaker


def test_nach_with_a_compound_source_noun() -> None:
    claim = only("Nach Zeugenaussagen hatte der Fahrer das Rotlicht missachtet.")
    assert claim.speaker == "Zeugenaussagen"


def test_postposed_nach_with_a_possessive_resolves_to_the_person() -> None:
    text = ("Stadtplaner Holger Renz stellte am Dienstag den Entwurf vor. "
            "Seiner Ansicht nach ist der Platz zu klein für einen Markt.")
    found = statements(text)
    assert any(c.cue == "nach" and c.speaker == "Holger Renz" for c in found), \
        [(c.cue, c.speaker) for c in found]


def test_unter_berufung_auf() -> None:
    claim = only("Die Zeitung meldete unter Berufung auf Regierungskreise, dass der Gipfel verschoben werde.")
    assert claim.speaker and "Zeitung" in claim.speaker
    assert claim.via and "Regierungskreise" in claim.via


def test_so_after_the_statement() -> None:
    claim = only("Die Arbeiten dauern noch bis Oktober, so Bauleiter Frank Sommer.")
    assert claim.speaker == "Frank Sommer"
    assert claim.text.startswith("Die Arbeiten dauern noch bis Oktober")


def test_wie_x_mitteilte() -> None:
    claim = only("Wie die Bahn am Freitag mitteilte, fallen am Wochenende alle Züge zwischen den beiden Städten aus.")
    assert claim.speaker and "Bahn" in claim.speaker
    assert "fallen am Wochenende alle Züge" in claim.text


def test_wie_with_an_adverb_before_the_subject() -> None:
    claim = only("Wie schon die Stadtwerke mitteilten, wird das Wasser in drei Stadtteilen abgestellt.")
    assert claim.speaker and "Stadtwerke" in claim.speaker


# --------------------------------------------------------------------------- speakers


def test_person_with_role_keeps_role() -> None:
    claim = only("Innenministerin Sabine Roth sagte, die Grenzkontrollen würden verlängert.")
    assert claim.speaker == "Sabine Roth"
    assert claim.role and "Innenministerin" in claim.role
    assert claim.speaker_kind == "person"


def test_organisation_as_speaker() -> None:
    claim = only("Das Gesundheitsministerium teilte mit, dass die Impfzentren schließen.")
    assert claim.speaker == "Gesundheitsministerium"
    assert claim.speaker_kind == "organisation"


def test_anonymous_source() -> None:
    claim = only("Ein hochrangiger Beamter sagte, die Verhandlungen stünden kurz vor dem Abschluss.")
    assert claim.speaker_kind == "anonymous"
    assert "Beamter" in (claim.speaker or "")


def test_partitive_subject_names_the_group() -> None:
    claim = only("Einer der beteiligten Feuerwehrmänner sagte: „So etwas habe ich noch nie gesehen.“")
    assert "Feuerwehrmänner" in (claim.speaker or "")


def test_pronoun_resolves_to_the_person_named_before() -> None:
    text = ("Verkehrsminister Ludwig Haas besuchte am Montag die Baustelle. "
            "Er sagte, der Tunnel werde im Herbst eröffnet.")
    claim = only(text)
    assert claim.speaker == "Ludwig Haas"
    assert claim.mention == "Er"


def test_role_noun_resolves_to_the_person_with_that_office() -> None:
    text = ("Bildungsministerin Karin Weiß stellte am Montag die Reform vor. "
            "Die Ministerin erklärte, die Schulen bekämen mehr Lehrer.")
    claim = only(text)
    assert claim.speaker == "Karin Weiß"


def test_role_noun_does_not_resolve_to_a_person_of_the_other_gender() -> None:
    text = ("Der Angeklagte Tim Roser schwieg vor Gericht. "
            "Die Anwältin erklärte, ihr Mandant habe von nichts gewusst.")
    claim = only(text)
    assert claim.speaker != "Tim Roser"
    assert "Anwältin" in (claim.speaker or "")


def test_pronoun_does_not_resolve_to_a_person_of_the_other_gender() -> None:
    text = ("Regierungssprecher Robert Gibbs schickte eine Nachricht: „Wow.“ "
            "Von der Kanzlerin liegt eine Erklärung vor. Sie sagte: „Der Preis ist ein Ansporn für uns alle.“")
    claim = next(c for c in statements(text) if "Ansporn" in c.text)
    assert claim.speaker != "Robert Gibbs"
    assert claim.mention == "Sie"


@pytest.mark.parametrize("before", [
    "Das Schreiben fordert, die Steuer zu senken.",
    "Laut dem Fernsehsender CBS wurde die Steuer gesenkt.",
])
def test_pronoun_after_a_thing_or_a_channel_is_not_it(before: str) -> None:
    text = before + " Sie erklärte, das Gesetz komme trotzdem."
    claim = next(c for c in statements(text) if "Gesetz komme" in c.text)
    assert claim.speaker is None
    assert claim.mention == "Sie"


def test_an_office_of_somebody_named_before_is_not_that_person() -> None:
    text = ("Der verletzte Abwehrspieler Philipp Lahm reist nach Sardinien. Der behandelnde Arzt Lahms hat sich "
            "optimistisch geäußert, dass der Spieler in drei Wochen mitspielen könne.")
    assert only(text).speaker == "behandelnde Arzt Lahms"
    assert only("Die Anwältin von Klaus Weber sagte, ihr Mandant sei unschuldig.").speaker != "Klaus Weber"


def test_attribution_chain_via_a_newspaper() -> None:
    text = "Laut der Lokalzeitung hat Bürgermeister Otto Kern bestätigt, dass das Freibad geschlossen bleibt."
    claim = only(text)
    assert claim.speaker == "Otto Kern"
    assert claim.via and "Lokalzeitung" in claim.via


def test_quoted_by_a_channel_names_the_quoted_person() -> None:
    text = "Ein Radiosender zitierte Kapitänin Jana Ebert mit den Worten: „Wir kehren sicher in den Hafen zurück.“"
    claim = only(text)
    assert claim.speaker == "Jana Ebert"
    assert claim.via and "Radiosender" in claim.via


def test_passive_quoted_with_the_channel_as_via() -> None:
    text = "Trainer Paul Frey wird von der Lokalzeitung mit den Worten zitiert: „Wir haben verdient verloren.“"
    claim = only(text)
    assert claim.speaker == "Paul Frey"
    assert claim.via and "Lokalzeitung" in claim.via


# --------------------------------------------------------------------------- prefield that is not the subject


@pytest.mark.parametrize("text, speaker", [
    ("Ähnlich äußerte sich der Verkehrsminister Paul Dorn: „Die Strecke bleibt offen.“", "Paul Dorn"),
    ("Dagegen beteuerte die Feuerwehr, jederzeit rund um den Markt im Einsatz zu sein.", "Feuerwehr"),
    ("Der regionalen Zeitung sagte Mara Lind: „Ich bleibe bis zum Ende der Wahlperiode im Amt.“", "Mara Lind"),
    ("Eine Verschiebung der Abstimmung bezeichnete Tom Berger als Fehler, weil die Bürger lange warteten.",
     "Tom Berger"),
    ("Wenige Stunden nach der Sitzung erklärte der Bürgermeister Ulf Sand, die Kasse sei leer.", "Ulf Sand"),
])
def test_adverbial_or_object_in_front_of_the_verb(text: str, speaker: str) -> None:
    assert only(text).speaker == speaker


def test_subject_with_apposition_before_the_verb() -> None:
    text = ("Jan Olsen, ein Vertreter der Bürgerinitiative „Grüne Mitte“ (GM), kommentierte den Beschluss "
            "mit den Worten: „Das ist ein guter Tag für den Park.“")
    claim = only(text)
    assert claim.speaker == "Jan Olsen"
    assert claim.text == "„Das ist ein guter Tag für den Park.“"


def test_head_with_attachment_and_named_apposition() -> None:
    text = ("Der Vorsitzende des Sportvereins in Neustadt, Henrik Moll, kritisierte den Beschluss scharf: "
            "„Die Halle wird dringend gebraucht.“")
    assert only(text).speaker == "Henrik Moll"


def test_age_noun_as_speaker() -> None:
    text = "Der 45-Jährige gab jedoch an, es gehe ihm nur um sein Grundstück."
    claim = only(text)
    assert claim.speaker and "45-Jährige" in claim.speaker


def test_separable_verb_around_an_apposition_and_verb_final() -> None:
    text = "Jetzt gab der Leiter der Feuerwehr, Karl Brandt, bekannt, dass die Wache erweitert werde."
    assert only(text).speaker == "Karl Brandt"
    text = "Wie das Bauamt heute bekannt gab, wird die Brücke im Mai gesperrt."
    claim = only(text)
    assert claim.speaker == "Bauamt"
    assert claim.text.startswith("wird die Brücke")


def test_relative_clause_after_a_preposition_names_the_speaker() -> None:
    text = "Festgenommen wurde ein Mann, von dem die Polizei glaubt, er sei an dem Einbruch beteiligt gewesen."
    claim = only(text)
    assert claim.speaker == "Polizei"
    assert claim.text.startswith("er sei")


def test_nach_eigenen_angaben_credits_the_subject() -> None:
    text = "Die Feuerwehr hat nach eigenen Angaben bislang die Hälfte der Lagerhalle abgesucht."
    assert only(text).speaker == "Feuerwehr"


def test_laut_after_a_copula() -> None:
    text = "Der Beschluss ist laut Umweltverband in Absprache mit Förstern getroffen worden."
    assert only(text).speaker == "Umweltverband"


def test_wie_clause_with_an_apposition() -> None:
    text = "Der Umbau wird teuer, wie Lena Hart, Direktorin des Stadtmuseums, betont."
    claim = only(text)
    assert claim.speaker == "Lena Hart"
    assert claim.text == "Der Umbau wird teuer"


def test_so_with_a_trailing_adverbial() -> None:
    text = "„Wir geben nicht auf“, so Vereinschef Jonas Wendt gegenüber der Lokalzeitung."
    claim = only(text)
    assert claim.speaker == "Jonas Wendt"
    assert claim.text == "„Wir geben nicht auf“"


@pytest.mark.parametrize("text, speaker, start", [
    ("In einem Papier des Bauamts heißt es, die Brücke sei marode.", "Bauamts", "die Brücke"),
    ("In der Resolution, die der Rat beschlossen hat, heißt es, dass der Park erhalten bleibe.", "Resolution",
     "der Park"),
    ("Aus dem Rathaus hieß es, der Haushalt sei ausgeglichen.", "Rathaus", "der Haushalt"),
])
def test_heisst_es_with_the_source_in_front(text: str, speaker: str, start: str) -> None:
    claim = only(text)
    assert speaker in (claim.speaker or "")
    assert claim.text.startswith(start)


def test_passive_quoted_without_a_subject_in_front() -> None:
    text = "In der Mitteilung des Vereins wird Trainer Paul Frey wie folgt zitiert: „Wir haben verdient verloren.“"
    assert only(text).speaker == "Paul Frey"


@pytest.mark.parametrize("text, speaker", [
    ("Sängerin Nina Brandt zur neuen Heimat: „Die meisten Kisten sind schon ausgepackt.“", "Nina Brandt"),
    ("Hier sparte der Bürgermeister Olaf Wiese nicht mit Kritik: „Das Projekt ist schlecht geplant.“", "Olaf Wiese"),
])
def test_colon_hands_over_to_the_quote_of_the_clause_subject(text: str, speaker: str) -> None:
    claim = only(text)
    assert claim.speaker == speaker
    assert claim.text.startswith("„")


def test_colon_after_a_thing_is_not_a_statement() -> None:
    assert statements("Auch das Motto fand sich auf dem Plakat: „Wir bleiben hier, wir weichen nicht.“") == []


def test_als_with_a_noun_in_front_of_the_verb() -> None:
    text = "Als Begründung sagte die Schulleiterin Anna Berger: „Das Gebäude ist zu klein.“"
    assert only(text).speaker == "Anna Berger"


def test_quote_after_a_sentence_opened_by_a_named_person() -> None:
    text = ("Jana Ebert, eine der Anwohnerinnen, besuchte am Morgen die Baustelle. "
            "„Diese Straße ist unser Zuhause. Wir lassen sie uns nicht nehmen.“")
    claim = only(text)
    assert claim.speaker == "Jana Ebert"
    assert claim.text.startswith("„Diese Straße")


@pytest.mark.parametrize("text, speaker, content", [
    ("Die Feuerwehr hat entschieden, das alte Gerätehaus aufzugeben.", "Feuerwehr", "das alte Gerätehaus aufzugeben."),
    ("Vor zwei Jahren hatte die Firma den Anwohnern angeboten, den Schutt zu entsorgen.", "Firma",
     "den Schutt zu entsorgen."),
    ("Der Vorsitzende des Vereins, Otto Kern, hatte den Kassenwart aufgefordert, sein Amt niederzulegen.", "Otto Kern",
     "sein Amt niederzulegen."),
])
def test_verbs_with_an_infinitive_clause(text: str, speaker: str, content: str) -> None:
    claim = only(text)
    assert claim.speaker == speaker
    assert claim.text == content


def test_quoted_channel_between_verb_and_person() -> None:
    text = "„Das wird die größte Messe aller Zeiten“, zitiert die „Messezeitung“ Direktor Lutz Wendel in einem Bericht."
    claim = only(text)
    assert claim.speaker == "Lutz Wendel"
    assert claim.text == "„Das wird die größte Messe aller Zeiten“"


def test_quoted_by_with_an_unknown_noun_as_the_person() -> None:
    text = "Die Zeitung zitiert den Prediger mit den Worten „Wir bleiben in dieser Stadt, was auch geschieht.“"
    assert only(text).speaker == "Prediger"


@pytest.mark.parametrize("text, speaker", [
    ("Der Preis geht in diesem Jahr an das Kinderhilfswerk. Dies gab das Preiskomitee gestern in Bonn bekannt.",
     "Preiskomitee"),
    ("Die Firma will 200 Stellen streichen.\nDas berichtete die „Lokalzeitung“ am Montag.", "Lokalzeitung"),
    # a surname alone, a body no office word names, a name set off by a comma
    ("Die Firma will nicht wieder antreten. Dies bestätigte Berghoff heute selbst in Linz.", "Berghoff"),
    ("Die Firma will 200 Stellen streichen. Dies bestätigte der Vatikan.", "Vatikan"),
    ("Der Preis geht an die Stadt. Das bestätigte der Präsident Estlands, Peeter Saar.", "Peeter Saar"),
    ("Der Preis geht an die Stadt. Das bestätigte die Musikzeitschrift „Notenblatt“.", "Musikzeitschrift"),
])
def test_das_berichtete_x_credits_the_sentence_before(text: str, speaker: str) -> None:
    claim = only(text)
    assert speaker in (claim.speaker or "")
    assert claim.text.startswith(("Der Preis", "Die Firma"))


@pytest.mark.parametrize("text, speaker", [
    ("In einem Bericht der Lokalzeitung wurde vermutet, dass niemand den Brand bemerkt hat.", "Lokalzeitung"),
    ("In einem Jahresbericht des Bauamts steht, dass die Hälfte der Brücken marode ist.", "Bauamts"),
    ("Aus Vereinskreisen verlautete, dass der Trainer bleiben werde.", "Vereinskreisen"),
])
def test_source_named_in_a_prepositional_phrase(text: str, speaker: str) -> None:
    assert speaker in (only(text).speaker or "")


def test_time_phrase_is_not_a_source() -> None:
    claim = only("Im Jahr 2005 wurde beschlossen, dass die Schule geschlossen wird.")
    assert claim.speaker is None


def test_quoted_name_after_the_verb() -> None:
    text = "Wenige Stunden nach der Wahl erklärte der neue „Rat der Ältesten“, die Lage sei ruhig."
    assert only(text).speaker == "Rat der Ältesten"


def test_object_in_front_of_a_colon_quote() -> None:
    text = ("Die Umsetzung der neuen Regel stellte der Vorsitzende Paul Graf ebenfalls in Frage: "
            "„Das ist so nicht machbar.“")
    assert only(text).speaker == "Paul Graf"


def test_arabic_article_in_a_source_name() -> None:
    claim = only("Anschließend sei laut al-Hakim die Lieferung der Ersatzteile erfolgt.")
    assert claim.speaker == "al-Hakim"


def test_liess_verlauten() -> None:
    text = "„Wir unterstützen die Stadt bei ihren Plänen“, ließ ein Sprecher des Landkreises kurz verlauten."
    claim = only(text)
    assert "Sprecher" in (claim.speaker or "")
    assert claim.text == "„Wir unterstützen die Stadt bei ihren Plänen“"


def test_das_berichten_replaces_a_continuation() -> None:
    text = ("Bürgermeister Otto Kern sagte, die Brücke werde saniert. "
            "Sie solle im Mai wieder befahrbar sein. Das berichten lokale Medien.")
    found = statements(text)
    assert [c.speaker for c in found] == ["Otto Kern", "lokale Medien"]
    assert found[1].text == "Sie solle im Mai wieder befahrbar sein."


@pytest.mark.parametrize("text", [
    "Nach der Veröffentlichung kam es zu Protesten vor dem Rathaus der Stadt.",
    "Die Vermietung der Halle wird aller Voraussicht nach schwierig werden.",
    "Das Auktionshaus hat am Dienstag nach Börsenschluss die Zahlen für das Quartal vorgelegt.",
    "Nach der Ankündigung stiegen die Kurse an der Börse deutlich.",
    "Alles lief nach Plan, und die Brücke wurde pünktlich eröffnet.",
])
def test_nach_meaning_after_is_no_attribution(text: str) -> None:
    assert statements(text) == []


@pytest.mark.parametrize("text, speaker", [
    ("Nach ersten Untersuchungen der Polizei liegt keine Straftat vor.", "Polizei"),
    ("Nach Bergers Meinung werden zu viele Entscheidungen übereilt getroffen.", "Berger"),
    ("Nach dem Gesetzentwurf der Regierung sollen die Gebühren im nächsten Jahr steigen.", "Regierung"),
    ("Nach der Verfassung muss der Präsident alle vier Jahre gewählt werden.", "Verfassung"),
    ("Nach dem Plan der Stadt soll die Brücke 2027 fertig sein.", "Stadt"),
])
def test_nach_with_an_owner_is_an_attribution(text: str, speaker: str) -> None:
    claim = only(text)
    assert claim.cue == "nach"
    assert speaker in (claim.speaker or "")


def test_nach_eigenem_bekunden_credits_the_subject() -> None:
    text = "Der Bruder des Bischofs, Georg Rainer, war nach eigenem Bekunden seit langem in die Pläne eingeweiht."
    assert only(text).speaker == "Georg Rainer"


def test_possessive_accusative_in_front_is_the_object() -> None:
    text = "Ihren Parteifreund Jonas Wendt forderte Bürgermeisterin Petra Hollmann auf, sein Amt ruhen zu lassen."
    claim = only(text)
    assert claim.speaker == "Petra Hollmann"
    assert claim.text == "sein Amt ruhen zu lassen."


def test_subordinate_reporting_clause_with_content_after_it() -> None:
    text = "Als Stadtsprecher Jonas Wendt am Sonntag sagte, dass die Brücke gesperrt bleibe, wurde es laut."
    claims = statements(text)
    assert claims and claims[0].speaker == "Jonas Wendt"
    assert claims[0].text == "die Brücke gesperrt bleibe"


def test_planned_soll_does_not_continue_a_statement() -> None:
    text = "Bürgermeister Otto Kern sagte, die Brücke werde saniert. Die Arbeiten sollen im Mai beginnen."
    assert [c.text for c in statements(text)] == ["die Brücke werde saniert."]


def test_hearsay_soll_continues_a_statement() -> None:
    text = ("Staatsanwalt Otto Kern sagte, der Mann sei festgenommen worden. "
            "Er soll das Geld der Firma unterschlagen haben.")
    found = statements(text)
    assert len(found) == 2 and found[1].speaker == "Otto Kern"


def test_subordinate_clause_with_auxiliary_after_the_participle() -> None:
    text = ("Nachdem die Anwältin der Frau dem Richter mitgeteilt hatte, dass der Mann gesucht werde, "
            "hatte dieser die Stadt verlassen.")
    claim = statements(text)[0]
    assert "Anwältin" in (claim.speaker or "")
    assert claim.text == "der Mann gesucht werde"


def test_bezweifeln_reports_and_age_adjective_in_the_subject() -> None:
    assert only("Die Organisation bezweifelt aber, dass es zu echten Verbesserungen kommen wird.").speaker \
        == "Organisation"
    text = "Der 84-jährige Küng, der als Kritiker gilt, hofft aber, „dass der Nachfolger das Amt gut führt.“"
    assert only(text).speaker == "Küng"


@pytest.mark.parametrize("text, speaker, content", [
    ("Dem Kassenwart wird vorgeworfen, Geld aus der Vereinskasse entnommen zu haben.", None,
     "Geld aus der Vereinskasse entnommen zu haben."),
    ("Zudem wurde die Stadt vom Mieterbund aufgefordert, die Mieten nicht zu erhöhen.", "Mieterbund",
     "die Mieten nicht zu erhöhen."),
    ("So wird in einer Mitteilung des Vereins gefordert, dass die Halle saniert werden müsse.", "Vereins",
     "die Halle saniert werden müsse."),
])
def test_passive_report_with_or_without_an_agent(text: str, speaker: str | None, content: str) -> None:
    claim = only(text)
    assert claim.text == content
    if speaker is None:
        assert claim.speaker is None
    else:
        assert speaker in (claim.speaker or "")


def test_passive_in_a_relative_clause_is_no_report() -> None:
    text = "Sie las eine Erklärung vor, die am Montag veröffentlicht wurde, und ging dann."
    assert statements(text) == []


def test_plural_role_noun_does_not_resolve_to_one_person() -> None:
    text = ("Der Biologe Art Mehl leitete die Grabung am Fluss. "
            "Die Wissenschaftler gehen davon aus, dass die Knochen sehr alt sind.")
    claim = only(text)
    assert claim.speaker == "Wissenschaftler"


def test_role_noun_without_matching_office_or_gender_stays_a_role() -> None:
    text = ("Gestern erschien Jorik Samanis vor dem Gericht. "
            "Die Anwältin erklärte, ihr Mandant sei unschuldig.")
    claim = only(text)
    assert claim.speaker == "Anwältin"


def test_that_clause_without_a_named_subject_is_no_claim() -> None:
    claims = extract_claims("t", "Daran knüpft sich die Hoffnung, dass die Brücke bis zum Winter fertig wird.\n")
    assert not [c for c in claims if c.kind in ("quote", "indirect")]


def test_that_clause_of_a_named_speaker_stays_a_claim() -> None:
    text = "Bürgermeisterin Petra Lindner hält es für möglich, dass die Brücke bis zum Winter fertig wird.\n"
    claims = [c for c in extract_claims("t", text) if c.kind == "indirect"]
    assert claims and claims[0].speaker == "Petra Lindner"


@pytest.mark.parametrize(("title", "name"), [("Kardinal", "Angelo Sodano"), ("Theologe", "Hans Küng"),
                                             ("Pfarrer", "Jonas Wendt")])
def test_a_church_or_academic_title_is_a_role_not_part_of_the_name(title: str, name: str) -> None:
    claim = only(f"„Das ist ein Donnerschlag aus heiterem Himmel“, sagte der {title} {name}.")
    assert (claim.speaker, claim.speaker_kind, claim.role) == (name, "person", title)


def test_a_name_in_apposition_wins_over_a_genitive_after_the_office() -> None:
    claim = only("„Wir bleiben bei unserer Linie“, sagte der Präsident Estlands, Peeter Saar, am Montag.")
    assert claim.speaker == "Peeter Saar"


def test_two_offices_in_an_apposition_stay_the_role_of_the_person() -> None:
    claim = only("Kurt Lange, Präsident der Universität Nordheim und Vorsitzender der Landeskonferenz, begrüßte den "
                 "Beschluss als „wesentlichen Schritt für den Erhalt der Hochschulen“.")
    assert claim.speaker == "Kurt Lange"
    assert claim.role == "Präsident der Universität Nordheim und Vorsitzender der Landeskonferenz"


def test_an_office_with_a_nationality_resolves_to_that_countrys_holder() -> None:
    text = ("Im Vorfeld zeigten sich die Ansichten des venezolanischen Präsidenten Hugo Marquez und dessen "
            "brasilianischen Amtskollegen Luiz Inácio Lula da Silva. In seiner Radioansprache begründete der "
            "brasilianische Präsident seine Position: „Alle Staaten können Pflanzenöle für Biodiesel produzieren.“")
    claim = only(text)
    assert claim.speaker == "Luiz Inácio Lula da Silva"
    assert claim.mention == "der brasilianische Präsident"


@pytest.mark.parametrize("text, speaker", [
    ("Erkki Lahti, Präsident des Rats der Europäischen Union: „Die Verabschiedung dieses Gesetzes ist idiotisch "
     "und mischt sich in die Geschichte ein.“", "Erkki Lahti"),
    ("Anna Berg, Sprecherin der Stadt: „Wir werden die Brücke im Sommer wieder öffnen können, sagen die "
     "Ingenieure.“", "Anna Berg"),
])
def test_a_name_with_its_office_before_a_colon_is_the_speaker(text: str, speaker: str) -> None:
    assert only(text).speaker == speaker


def test_an_attempt_or_efforts_of_somebody_say_nothing_themselves() -> None:
    text = ("Der Abgeordnete Karl Weber sprach am Montag im Landtag über den Haushalt. Er sagte, die Lage sei "
            "ernst. Der Versuch des Präsidenten, die Schulden zu verstecken, werfe einen Schatten auf die Stadt.\n")
    assert {c.speaker for c in statements(text)} == {"Karl Weber"}
