"""The knowledge learned from the annotated corpus at work on sentences of our own."""

from __future__ import annotations

from knowledge.extraction.lexicon import REPORTING_VERBS
from knowledge.extraction.pipeline import extract_claims
from knowledge.extraction.statement_model import statement_model


def statements(text: str):
    return [c for c in extract_claims("doc", text) if c.kind != "figure"]


def test_a_reporting_verb_learned_from_the_corpus_introduces_a_quote():
    assert "klagen" in REPORTING_VERBS and "konstatieren" in REPORTING_VERBS
    (claim,) = statements("„Die Brücke ist zu alt“, klagte Bürgermeisterin Vera Holm.")
    assert claim.speaker == "Vera Holm" and claim.text == "„Die Brücke ist zu alt“"
    (claim,) = statements("„Der Haushalt steht“, konstatierte Kämmerer Jonas Feld in seiner Rede.")
    assert claim.speaker == "Jonas Feld"


def test_a_coordinated_verb_after_a_statement_keeps_the_first_subject():
    found = statements("Landrat Peter Wiese behauptete, in der Gemeinde Talheim seien 300 Helfer im Einsatz "
                       "und erklärte: „Wir schaffen das.“")
    assert [c.speaker for c in found] == ["Peter Wiese", "Peter Wiese"]
    assert found[1].text == "„Wir schaffen das.“"


def test_a_role_noun_resolves_to_the_name_given_in_its_apposition():
    found = statements("Die Leiterin des Bauamts, Sabine Krone, stellte den Plan vor. "
                       "„Wir beginnen im Mai“, sagte die Leiterin.")
    assert found[-1].speaker == "Sabine Krone"
    assert found[-1].mention == "die Leiterin"


def test_a_dictionary_noun_before_a_first_name_is_the_persons_title():
    (claim,) = statements("„Die Kasse ist leer“, so der zuständige Vereinsvorstand Uwe Brandt.")
    assert claim.speaker == "Uwe Brandt"
    assert "Vereinsvorstand" in (claim.role or "")


def test_the_statement_model_ranks_a_quote_above_a_verb_with_a_plain_object():
    model = statement_model()
    assert model is not None
    quote = extract_claims("doc", "„Wir ziehen um“, sagte der Sprecher des Vereins.", judge=False)[0]
    chat = extract_claims("doc", "Der Bürgermeister sprach mit seiner Frau.", judge=False)[0]
    assert model.keeps(quote)
    assert model.probability(quote) > model.probability(chat) + 0.3


def test_the_speaker_model_prefers_the_subject_to_an_object_the_rules_took():
    (claim,) = statements("Auch der Außenminister Karl Brenner attackierte den Nachbarstaat als den "
                          "„größten Unruhestifter der Region“.")
    assert claim.speaker == "Karl Brenner"
    found = statements("Auch die Familienministerin Renate Schmidt (SPD) äußerte Vorbehalte und wagte die Prognose, "
                       "bei der Wahl werde es knapp.")
    assert found and {c.speaker for c in found} == {"Renate Schmidt"}


def test_the_rules_speaker_stands_where_the_model_may_not_overrule_it():
    # a pronoun resolves through the discourse, not to a noun after it
    found = statements("Pressesprecher Tom Wall sagte, es gebe keine Details. Auf die Frage, ob es Beschränkungen "
                       "geben werde, verneinte er und bereitete damit den Boden für eine weitere Eskalation.")
    assert [c.speaker for c in found] == ["Tom Wall", "Tom Wall"]
    # the channel a quotation came through does not replace who spoke
    (claim,) = statements("„Wir bleiben an der Seite unserer Partner“, fügte die Ministerin Anna Berg laut einer "
                          "Übersetzung ihrer Bemerkungen hinzu.")
    assert claim.speaker == "Anna Berg"
    (claim,) = statements("Laut der Zeitung soll Anelka zu dem Trainer gesagt haben: „Du bist ein schlechter Trainer.“")
    assert (claim.speaker, claim.via) == ("Anelka", "Zeitung")
    # the person a passive accuses is not a speaker
    (claim,) = statements("Er wird verdächtigt, einen Anschlag auf die Hauptstadt zu planen.")
    assert claim.speaker is None


def test_quoted_words_after_als_are_the_subjects():
    (claim,) = statements("In einem Gespräch mit dem Minister wies der Geschäftsführer alle Vorwürfe als "
                          "„haltlos“ zurück.")
    assert claim.speaker == "Geschäftsführer" and claim.text == "„haltlos“"
    assert statements("Er kam als „Retter“ in die Stadt.") == []
    # verbs that take a quoted verdict after "als" are learned from the corpus
    from knowledge.extraction.lexicon import PREDICATIVE_VERBS
    assert {"würdigen", "betrachten"} <= PREDICATIVE_VERBS and "kommen" not in PREDICATIVE_VERBS


def test_so_with_any_verb_after_a_quotation_names_the_speaker():
    (claim,) = statements("„Gegenüber seinem Personal ist er die eiserne Hand“, so charakterisierte ihn der "
                          "Gewerkschafter Paul Weber.")
    assert claim.speaker == "Paul Weber" and claim.text.startswith("„Gegenüber")
    # without a quotation the same shape is no report
    assert statements("Es regnete, so blieben die Gäste zu Hause.") == []


def test_a_compound_led_by_a_lowercase_acronym_is_a_speaker():
    (claim,) = statements("Die Streiks sollen bis Freitag andauern, so verdi-Verhandlungsführer Frank Bäsler.")
    assert claim.speaker == "Frank Bäsler"
    (claim,) = statements("„Wir streiken morgen früh“, sagte ein dpa-Korrespondent.")
    assert claim.speaker == "dpa-Korrespondent"


def test_demnach_reports_what_the_source_before_it_said():
    found = statements("Die Polizei legte am Montag ihren Bericht vor. Demnach hat der Fahrer sofort die Flucht "
                       "ergriffen.")
    assert [(c.speaker, c.text) for c in found] == [("Polizei", "hat der Fahrer sofort die Flucht ergriffen.")]
    # without a source before it, "Demnach" credits nobody
    assert statements("Demnach hat der Fahrer sofort die Flucht ergriffen.") == []


def test_a_quoted_title_after_a_paper_or_body_names_it():
    (claim,) = statements("Die Zeitung „Abendpost Nord“ berichtet jedoch, dass zwei Verhandlungsrunden gescheitert "
                          "seien.")
    assert claim.speaker == "Abendpost Nord" and claim.mention == "Die Zeitung „Abendpost Nord“"
    assert claim.speaker_kind == "media"


def test_a_new_clause_after_doch_has_its_own_subject():
    found = statements("Der Bürgermeister sagte vor der Presse, die Brücke sei gesperrt, doch Stadtsprecher Tom Kurz "
                       "erklärte, die Sperrung bislang nicht bestätigen zu können.")
    assert [c.speaker for c in found] == ["Bürgermeister", "Tom Kurz"]


def test_a_colon_quote_finds_its_speaker_past_an_apposition_or_after_the_finite_verb():
    (claim,) = statements("Den Unmut der Partei über die Äußerungen brachte die Sprecherin der Fraktion, Anna Berg, "
                          "zum Ausdruck: „Es gibt keinen Grund, jetzt aufzugeben.“")
    assert claim.speaker == "Anna Berg"
    (claim,) = statements("Bei einer Debatte im Landtag hatte sich Jana Holm zu dem Zwischenruf hinreißen lassen: "
                          "„Am besten gehen Sie gleich nach Hause.“")
    assert claim.speaker == "Jana Holm"


def test_das_before_the_verb_points_back_to_the_clause_before_the_comma():
    (claim,) = statements("Seit Juni ist die Hauptkamera des Teleskops ausgefallen, das teilte das Institut mit.")
    assert claim.speaker == "Institut" and claim.text.startswith("Seit Juni ist die Hauptkamera")
    assert statements("Er kaufte ein Haus, das gehörte früher dem Bürgermeister.") == []


def test_a_coordinated_participle_takes_the_subject_after_the_auxiliary():
    (claim,) = statements("So hat sich die Vorsitzende des Verbands, Karin Stein, gegen den Plan ausgesprochen und "
                          "behauptet, die neuen Klassen kämen nur durch „Trickserei“ zustande.")
    assert claim.speaker == "Karin Stein" and claim.text.startswith("die neuen Klassen")


def test_a_pronoun_without_a_named_antecedent_is_the_last_speaker():
    found = statements("Der Minister sagte am Montag: „Wir kommen morgen früh wieder.“ Er fügte hinzu, man werde "
                       "bleiben.")
    assert [(c.speaker, c.mention) for c in found] == [("Minister", "Der Minister"), ("Minister", "Er")]
    # not across genders
    found = statements("Die Ministerin sagte am Montag: „Wir kommen morgen früh wieder.“ Er fügte hinzu, man werde "
                       "bleiben.")
    assert found[-1].speaker != "Ministerin"


def test_a_quoted_name_inside_a_clause_does_not_hide_the_verbs_particle():
    (claim,) = statements("Seit Juni ist die Hauptkamera des Teleskops ausgefallen, das teilte das „Nordstern "
                          "Institut“ (NSI) mit.")
    assert claim.speaker == "Nordstern Institut"


def test_dies_with_an_insertion_or_an_age_before_the_name_points_back_to_the_sentence_before():
    found = statements("Es wurde vermutlich ein falscher Leim verwandt. Dies gab heute – nach eingehenden "
                       "Untersuchungen – der Gutachter Bernd Holm bekannt.")
    assert [(c.speaker, c.text) for c in found] == [("Bernd Holm", "Es wurde vermutlich ein falscher Leim verwandt.")]
    (claim,) = statements("Dem Torwart steht eine Operation bevor. Dies bestätigte der 33-jährige Marco Berg am "
                          "Montag.")
    assert claim.speaker == "Marco Berg" and claim.speaker_kind == "person"


def test_a_quoted_title_after_a_genitive_names_the_body_the_speaker_belongs_to():
    (claim,) = statements("„Die meisten Zuschauer dachten, es sei echt“, so der Mitarbeiter der Firma „Nordlicht "
                          "Studio“ gegenüber der Presse.")
    assert claim.speaker == "Mitarbeiter der Firma „Nordlicht Studio“"


def test_a_date_in_apposition_does_not_cut_the_clause():
    (claim,) = statements("Holm hatte am Donnerstag, den 7.10. in einem Interview die These vertreten, die Partei "
                          "stagniere in Selbstbeschäftigung.")
    assert claim.speaker == "Holm" and claim.text.startswith("die Partei stagniere")


def test_an_extended_attribute_before_a_name_is_not_part_of_the_name():
    (claim,) = statements("Die das Unglück überlebende Alice Holm beschrieb im Krankenhaus den Hergang: „Die See war "
                          "wirklich rau, windig, hohe Wellen.“")
    assert claim.speaker == "Alice Holm"


def test_quotation_pieces_joined_by_the_reporters_words_stay_one_whole_statement():
    (claim,) = statements("Der Abgeordnete Jan Ring erhob schwere Vorwürfe. Die „unter Druck stehenden Soldaten“ "
                          "hätten „unschuldige Zivilisten getötet“, so Ring.")
    assert claim.text == "Die „unter Druck stehenden Soldaten“ hätten „unschuldige Zivilisten getötet“"


def test_a_saying_noun_with_its_owner_in_the_genitive_reports_the_clause_after_it():
    (claim,) = statements("Trotz der Ankündigung ihres Trainers, Tom Kurz, die Zusammenarbeit nach der Saison zu "
                          "beenden, kann das Team noch gewinnen.")
    assert claim.speaker == "Tom Kurz" and claim.text == "die Zusammenarbeit nach der Saison zu beenden"
    assert statements("Das Ziel der Regierung ist klar.") == []


def test_an_apposition_with_a_quoted_name_and_an_acronym_stays_part_of_the_subject():
    (claim,) = statements("Arne Berg, ein Vertreter der Organisation „Nordsee Schutz Verein“ (NSV), kommentierte die "
                          "Entscheidung mit folgenden Worten: „Es gibt hier keinen Markt für dieses Fleisch.“")
    assert claim.speaker == "Arne Berg"


def test_a_quotation_after_a_modal_report_belongs_to_who_reportedly_said_it():
    found = statements("Wie die Sportzeitung „Le Sport“ veröffentlichte, soll Anelka zu dem Trainer gesagt haben: "
                       "„Du bist ein schlechter Trainer.“")
    quote = next(c for c in found if c.text == "„Du bist ein schlechter Trainer.“")
    assert quote.speaker == "Anelka"


def test_a_name_with_von_der_is_one_name():
    (claim,) = statements("„Wir bleiben an der Seite unserer Partner“, sagte die Präsidentin der Kommission, Anna von "
                          "der Heide.")
    assert claim.speaker == "Anna von der Heide"
    (claim,) = statements("Paul Berg von der Polizei sagte, alles sei ruhig geblieben.")
    assert claim.speaker == "Paul Berg"


def test_demnach_inside_the_sentence_also_reports_the_source_before_it():
    found = statements("Die Polizei legte am Montag ihren Bericht vor. Der Fahrer hat demnach sofort die Flucht "
                       "ergriffen.")
    assert [(c.speaker, c.text) for c in found] == [("Polizei", "Der Fahrer hat demnach sofort die Flucht ergriffen.")]


def test_konjunktiv_i_opening_a_paragraph_continues_the_statement_that_closed_the_one_before():
    found = statements("Der Verband schreibt auf seiner Website, die Daten würden ohne Kontrolle weitergegeben.\n\n"
                       "Die geheimen Klauseln des Abkommens seien „alarmierend“. Der Vertrag tritt im Mai in Kraft.")
    assert [c.speaker for c in found] == ["Verband", "Verband"]
    assert found[1].text.startswith("Die geheimen Klauseln des Abkommens seien")
    # a paragraph in the indicative after it reports nothing
    assert statements("Der Verband schreibt auf seiner Website, die Daten würden ohne Kontrolle weitergegeben.\n\n"
                      "Die geheimen Klauseln des Abkommens sind lang.") == found[:1]


def test_hiess_es_without_a_source_reports_words_of_nobody_named():
    (claim,) = statements("Die Ministerin lud zum Gespräch. Über die Einzelheiten war man sich nicht einig geworden, "
                          "hieß es, sicher sei jedoch, dass Arbeitskräfte gesucht würden.")
    assert claim.speaker is None
    assert claim.text.startswith("Über die Einzelheiten war man sich nicht einig geworden")
    assert claim.text.endswith("sicher sei jedoch, dass Arbeitskräfte gesucht würden.")
    (claim,) = statements("Der Minister reiste nach Paris. Es hieß, er wolle dort verhandeln.")
    assert claim.speaker is None and claim.text == "er wolle dort verhandeln."


def test_a_main_clause_opened_by_als_takes_its_subject_after_the_verb():
    (claim,) = statements("Als Grund für die Kündigung gab die Sprachschule an, die Partei habe sich nicht zu "
                          "erkennen gegeben.")
    assert claim.speaker == "Sprachschule" and claim.text == "die Partei habe sich nicht zu erkennen gegeben."
    # a subordinate clause with "als" still names its speaker before the verb
    (claim,) = statements("Als der Minister mitteilte, dass er zurücktrete, war die Überraschung groß.")
    assert claim.speaker == "Minister" and claim.text == "er zurücktrete"


def test_the_owner_of_a_saying_noun_is_the_source_with_or_without_an_article():
    (claim,) = statements("Die Brücke wurde nach Angaben libanesischer Sicherheitskreise am Morgen zerstört.")
    assert claim.mention == "libanesischer Sicherheitskreise"
    (claim,) = statements("Die Ware werde nach Angaben eines neutralen Beobachters bald geliefert.")
    assert claim.mention == "eines neutralen Beobachters"
    # an owner named in the Saxon genitive is the person the text named before
    found = statements("Die Anwältin Gülsen Celebi erhob Vorwürfe. Er könne nach Celebis Angaben jederzeit fliehen.")
    assert [(c.speaker, c.mention) for c in found][-1] == ("Gülsen Celebi", "Celebis")
    # "eigenen Angaben zufolge": the subject speaks
    (claim,) = statements("Die Firma hat eigenen Angaben zufolge Briefe an alle Kunden verschickt.")
    assert claim.speaker == "Firma"
    # a genitive after a court's view is no outlet, however it is quoted
    (claim,) = statements("Er sei nach Auffassung eines chinesischen Gerichtes des „Aufrufs zu Subversion“ schuldig.")
    assert "Gerichtes" in (claim.speaker or "")


def test_words_said_in_his_or_her_speech_are_the_owners():
    found = statements("Die Ministerin Anna Kurz sprach im Parlament. „Wir müssen sparen“, hieß es in ihrer Rede.")
    assert [(c.speaker, c.mention) for c in found if "sparen" in c.text] == [("Anna Kurz", "ihrer")]


def test_a_pronoun_nobody_was_named_for_leaves_the_speaker_unnamed_and_keeps_the_mention():
    (claim,) = statements("Man gehe davon aus, dass alle Passagiere tot sind.")
    assert claim.speaker is None and claim.mention == "Man"
    (claim,) = statements("Sie sagten, viele Menschen könnten sich die Tiere nicht mehr leisten.")
    assert claim.speaker is None and claim.mention == "Sie"


def test_words_before_wird_x_zitiert_are_the_persons_past_an_apposition():
    (claim,) = statements("Die Zahl der Toten sei gestiegen, wird ein Sprecher der Polizei, Hans Berg, zitiert.")
    assert claim.speaker == "Hans Berg" and claim.text == "Die Zahl der Toten sei gestiegen"
    (claim,) = statements("Das sei eine Chance, im Netz „ganz vorn“ zu sein, wird Eva Roth, Leiterin der Abteilung, "
                          "zitiert.")
    assert claim.speaker == "Eva Roth" and claim.text.startswith("Das sei eine Chance")


def test_a_reported_clause_opening_with_article_adjective_noun_is_no_relative_clause():
    (claim,) = statements("Dazu schrieb der Journalist Paul Kern in der Zeitung „Nord“, einem Boulevardblatt, die "
                          "ganze Gesellschaft sei gespalten über die Frage, ob Verhandlungen richtig seien.")
    assert claim.speaker == "Paul Kern"
    assert claim.text.startswith("die ganze Gesellschaft sei gespalten")


def test_a_passive_report_opening_the_sentence_with_an_article_is_no_relative_clause():
    (claim,) = statements("Die Bürger werden aufgefordert, mehr Druck auf die Regierung auszuüben.")
    assert claim.speaker is None and claim.text == "mehr Druck auf die Regierung auszuüben."
    # after a comma, "die … wurden" still is a relative clause and reports nothing
    assert statements("Die Pläne, die am Montag veröffentlicht wurden, sind umstritten.") == []


def test_a_clause_joined_by_a_comma_names_its_own_speaker_before_the_verb():
    claims = statements("Ministerin Eva Roth (SPD) wies den Vorwurf zurück, der Sprecher der Fraktion, Paul Kern "
                        "(FDP), erklärte: „Die Debatte schadet allen.“")
    assert [(c.speaker, c.text) for c in claims] == [("Paul Kern", "„Die Debatte schadet allen.“")]


def test_a_relative_clause_on_an_object_names_its_own_speaker():
    (claim,) = statements("Die Kritik gilt der Weltbank, denen unter anderem Hans Berg vorwirft, Urheber der Krise "
                          "zu sein.")
    assert claim.speaker == "Hans Berg" and claim.text == "Urheber der Krise zu sein."
    # "dem Direktor" is an article and its noun, no relative pronoun
    assert not any((c.speaker or "").startswith("Direktor") for c in statements(
        "Nach Angaben von Max Ulm, dem Direktor des Amtes, hatten die Forscher vor dem Sturm gewarnt."))


def test_a_verb_after_a_comma_whose_noun_takes_a_dass_clause_keeps_the_speaker_before():
    claims = statements("Anna Berg, die Sekretärin des Verbands, sagte, es sei schwierig, Berichte zu bestätigen, "
                        "bestritt jedoch nicht die Annahme, dass Demonstranten die Wache angegriffen hätten.")
    assert [c.speaker for c in claims] == ["Anna Berg", "Anna Berg"]
    assert claims[0].text == "es sei schwierig, Berichte zu bestätigen"
    assert "Demonstranten die Wache angegriffen hätten" in claims[1].text


def test_a_clause_joined_by_und_names_its_own_speaker_before_the_verb():
    (claim,) = statements("Die Polizei räumte die Straße und die Anwohner befürchten, dass es nicht der letzte "
                          "Einsatz ist.")
    assert claim.speaker == "Anwohner" and claim.text == "es nicht der letzte Einsatz ist."
    # "und" inside a prepositional phrase joins no clause
    (claim,) = statements("Nach einem Treffen von Vorstand und Betriebsrat teilte die Bank mit, dass sie Stellen "
                          "streicht.")
    assert claim.speaker == "Bank"


def test_a_focus_particle_before_the_subject_is_no_speaker():
    (claim,) = statements("Insbesondere die Verbände hatten dazu aufgerufen, den Strom abzuschalten.")
    assert claim.speaker == "Verbände"
    (claim,) = statements("Vor allem der Minister betonte, dass die Lage ernst sei.")
    assert claim.speaker == "Minister"


def test_hiess_es_after_an_adverbial_reports_words_of_nobody_named():
    (claim,) = statements("Zum Abschluss hieß es, dass der Hergang Gegenstand der Ermittlungen ist.")
    assert claim.speaker is None and claim.text == "der Hergang Gegenstand der Ermittlungen ist."


def test_words_before_wie_x_zitiert_wird_are_xs_and_the_agent_is_the_channel():
    (claim,) = statements("Der Betreuer habe jedem 150 Mark gegeben, „um uns zu vergnügen“, wie Hans Berg von der "
                          "Zeitung zitiert wird.")
    assert claim.speaker == "Hans Berg" and claim.text.startswith("Der Betreuer habe jedem 150 Mark gegeben")
    assert claim.via == "Zeitung"


def test_a_frame_in_konjunktiv_whose_subject_speaks_for_nobody_goes_on_with_the_last_speaker():
    claims = statements("Die Ministerin Anna Berg sagte, die Zahlen seien falsch. Die Studie zeige in Wahrheit, „dass "
                        "die Gebühren kaum abschrecken“.")
    assert [c.speaker for c in claims] == ["Anna Berg", "Anna Berg"]
    # a body in the indicative reports for itself
    claims = statements("Die Ministerin Anna Berg sagte, die Zahlen seien falsch. Die Polizei teilte mit, der Mann "
                        "sei verhaftet worden.")
    assert [c.speaker for c in claims] == ["Anna Berg", "Polizei"]


def test_a_fronted_clause_with_its_own_reporting_verb_keeps_its_speaker_and_its_infinitive():
    claims = statements("Während Anna Berg erklärte, sehr aufgeregt zu sein, räumte Eva Roth ein, davon geträumt zu "
                        "haben.")
    assert [(c.speaker, c.text) for c in claims] == [("Anna Berg", "sehr aufgeregt zu sein"),
                                                     ("Eva Roth", "davon geträumt zu haben.")]


def test_a_relative_clause_whose_verb_takes_a_complement_reports_what_follows_the_verb():
    (claim,) = statements("Anna Berg, die gestern sagte, dass die Lage ernst sei, trat zurück.")
    assert claim.speaker == "Anna Berg" and claim.text == "die Lage ernst sei"
    # an apposition that lost its closing comma reads the same way
    (claim,) = statements("Hans Kern, der Sekretär des Verbands sagte gegenüber der Zeitung, es sei schwierig, "
                          "Berichte zu bestätigen.")
    assert claim.speaker == "Hans Kern" and claim.text.startswith("es sei schwierig")


def test_words_said_in_the_speech_named_before_are_the_last_speakers():
    claims = statements("Der Minister Paul Kern sagte, er sei zufrieden. „Wir sind bereit“, hieß es in der Rede.")
    assert [c.speaker for c in claims] == ["Paul Kern", "Paul Kern"]
    # an embassy is no speech: it speaks for itself
    claims = statements("Der Minister Paul Kern sagte, er sei zufrieden. Die US-Botschaft teilte mit, sie bleibe "
                        "geschlossen.")
    assert [c.speaker for c in claims] == ["Paul Kern", "US-Botschaft"]


def test_demnach_after_a_sentence_opening_with_an_adverbial_reports_that_sentences_subject():
    (claim,) = statements("Heute hat die Staatsanwaltschaft das Ergebnis der Obduktion bekannt gegeben.\n"
                          "Demnach hat der Sohn Selbstmord begangen.")
    assert claim.speaker == "Staatsanwaltschaft" and claim.text == "hat der Sohn Selbstmord begangen."
    # in Konjunktiv I, a sentence opening with an adverbial goes on with the last speaker's report
    claims = statements("Der Forscher Jan Hey sagte, die Gruppe sei klein gewesen. Wahrscheinlich habe die Gruppe "
                        "aus 300 Menschen bestanden.")
    assert [c.speaker for c in claims] == ["Jan Hey", "Jan Hey"]


def test_das_erklaerte_x_credits_the_sentence_before_though_it_quotes_a_name_along_the_way():
    claims = statements("Die Junta, die sich „Rat für Reform“ nennt, will der neuen Regierung „assistieren“. Das "
                        "erklärte General Anna Berg am Montag gegenüber Diplomaten.\n"
                        "Die Junta werde sich dann umbenennen.")
    credited = [c for c in claims if c.speaker == "Anna Berg"]
    assert [c.text for c in credited] == [
        "Die Junta, die sich „Rat für Reform“ nennt, will der neuen Regierung „assistieren“.",
        "Die Junta werde sich dann umbenennen."]
    assert not any("gegenüber Diplomaten" in c.text for c in claims)


def test_a_subordinate_clause_with_a_reporting_verb_is_its_own_subjects_statement():
    claims = statements("Die Gruppe lehnt das ab, während der Verband den Vorschlag unterstützt und fordert, dass der "
                        "Löwe auf die Flagge kommt.")
    assert [(c.speaker, c.text) for c in claims] == [("Verband", "der Löwe auf die Flagge kommt.")]
    # "Als Beispiel führte er … an": "als" opening a main clause names no subject of its own
    claims = statements("Der Politiker Jan Kern kritisierte die Partei. Als Beispiel führte er die Proteste an und "
                        "führte aus, hier gebe es eine Entwicklung.")
    assert [c.speaker for c in claims if "Entwicklung" in c.text] == ["Jan Kern"]


def test_an_infinitive_clause_reaches_past_an_inserted_phrase():
    claims = statements("Eine Koalition ist nicht sicher, da die Partei angekündigt hatte, mit allen Parteien, auch "
                        "der Opposition, verhandeln zu wollen.")
    assert [(c.speaker, c.text) for c in claims] == [
        ("Partei", "mit allen Parteien, auch der Opposition, verhandeln zu wollen")]
    # "was …, zu spekulieren" is a clause of its own, nothing the minister said
    claims = statements("Der Minister Jan Kern sagte, die Lage sei ernst, obwohl er keine Einzelheiten nannte, was "
                        "viele dazu veranlasst, zu spekulieren.")
    assert [c.cue for c in claims] == ["sagen"] and claims[0].text.startswith("die Lage sei ernst")


def test_an_attitude_with_a_dass_or_zu_clause_is_the_subjects_view():
    claims = statements("Der Trainer Ralph Kern ist hingegen zuversichtlich, die Schweden schlagen zu können.")
    assert [(c.speaker, c.cue, c.text) for c in claims] == [
        ("Ralph Kern", "zuversichtlich", "die Schweden schlagen zu können.")]
    claims = statements("Der Verband ist der Meinung, dass die Regeln falsch sind.")
    assert [(c.speaker, c.cue) for c in claims] == [("Verband", "meinung")]
    # a reason after the comma is nothing the subject is sure of
    assert not any(c.cue == "zuversichtlich" for c in statements(
        "Die Ärztin sei zuversichtlich, da die Feuerwehr schon Menschen gerettet habe."))


def test_a_participle_after_a_saying_noun_names_its_speaker_after_durch():
    claims = statements("Die Aufforderung, vorgetragen durch den Richter Max Seidl, das Beste von beiden Seiten "
                        "anzunehmen, liest sich wie ein Mahnwort.")
    assert [(c.speaker, c.text) for c in claims] == [("Max Seidl", "das Beste von beiden Seiten anzunehmen")]
    # a finite verb before "von" is no participle: "sprach von" keeps its subject
    claims = statements("Der Minister Jan Kern warnte, sprach von einer „Gefahr für Leib und Leben“.")
    assert all(c.speaker == "Jan Kern" for c in claims) and claims


def test_a_role_noun_ending_in_a_name_named_before_is_that_person_not_another_office_holder():
    claims = statements("Der serbische Minister Milan Petrovic sagte, die Erklärung werde erwartet. Er gehe davon "
                        "aus, dass Hashim Berisha, der Premierminister des Kosovos, sie abgebe.\n"
                        "Der Premierminister des Kosovos Hashim Berisha geht davon aus, dass viele Staaten sie "
                        "anerkennen.")
    assert claims[-1].speaker == "Hashim Berisha"


def test_coming_to_a_conclusion_is_the_subjects_view_even_where_a_report_is_cited():
    claims = statements("Die Forscher kamen zum Ergebnis, dass das Mittel wirkt.")
    assert [(c.speaker, c.cue, c.text) for c in claims] == [("Forscher", "ergebnis", "das Mittel wirkt.")]
    claims = statements("Das Team um Anna Berg kam der Meldung zufolge zu dem Schluss, dass die Infektionen "
                        "vermeidbar sind.")
    assert ("Team um Anna Berg", "die Infektionen vermeidbar sind.") in [(c.speaker, c.text) for c in claims]


def test_an_indirect_question_after_a_clause_final_participle_is_the_subjects():
    (claim,) = statements("Die Abgeordnete Eva Roth hatte mit anderen darüber diskutiert, ob das Land dem Gründer "
                          "Asyl gewähren sollte.")
    assert claim.speaker == "Eva Roth" and claim.text == "ob das Land dem Gründer Asyl gewähren sollte."


def test_so_x_with_an_abbreviation_in_parentheses_credits_x_by_both_names():
    (claim,) = statements("Ein Kind musste auf Alkoholentzug, so der staatliche National Health Service (NHS).")
    assert claim.speaker == "National Health Service (NHS)" and claim.text == "Ein Kind musste auf Alkoholentzug"


def test_a_saying_noun_with_a_participle_names_its_speaker_after_von():
    (claim,) = statements("Die von Horst Kern nach dem Urteil geäußerte Hoffnung, sein Leben werde sich wenden, schien "
                          "sich nicht zu erfüllen.")
    assert claim.speaker == "Horst Kern" and claim.text == "sein Leben werde sich wenden"
    # a finite verb in the past ("kritisierte") is no such participle
    (claim,) = statements("Der Minister Jan Kern kritisierte den Plan, er sei zu teuer.")
    assert claim.speaker == "Jan Kern"


def test_die_ankuendigung_erfolgte_durch_x_credits_the_sentence_before_to_x():
    claims = statements("Die Behörde plant eine neue Station und sucht Partner. Die Ankündigung erfolgte durch Eva "
                        "Roth, eine Sprecherin, in Houston.")
    assert [(c.speaker, c.text) for c in claims] == [
        ("Eva Roth", "Die Behörde plant eine neue Station und sucht Partner.")]


def test_a_place_before_the_verb_is_not_who_speaks():
    (claim,) = statements("In der Altstadt riefen die Demonstranten „Frieden jetzt“.")
    assert claim.speaker == "Demonstranten"


def test_a_clause_of_time_with_its_own_speaker_is_no_part_of_the_main_clauses_statement():
    first, second = statements("Während Tom Berg erklärte, sehr zufrieden zu sein, „besser geht es nicht“, "
                               "räumte Eva Lind ein, mit mehr gerechnet zu haben.")
    assert (first.speaker, second.speaker) == ("Tom Berg", "Eva Lind")
    assert second.text == "mit mehr gerechnet zu haben."


def test_talking_with_somebody_or_speaking_up_reports_nothing_said():
    found = statements("Die Astronauten sprachen sieben Minuten mit ihren Angehörigen. "
                       "Der Trainer meldete sich bei seinem Bruder. Die Ministerin äußerte sich nicht zu dem Vorfall.")
    assert found == []
    (claim,) = statements("Der Minister äußerte sich zuversichtlich, dass die Reform komme.")
    assert claim.text == "die Reform komme."


def test_what_something_is_called_is_no_statement_but_heisst_es_is():
    assert statements("Der wissenschaftliche Name lautet „Tiktaalik roseae“. "
                      "„Wikiasari“, so heißt ein geplantes Projekt, mit dem Google angegriffen werden soll.") == []
    said = statements("Der Text lautete: „Wir sehen keine andere Lösung.“ "
                      "Im Bericht heißt es, dass es klare Anzeichen gebe.")
    assert [c.speaker for c in said] == ["Text", "Bericht"]


def test_a_body_named_by_its_seat_keeps_the_seat_in_its_name():
    court, firm = statements("Das Landgericht Berlin erklärte, die Klage sei unbegründet. "
                             "Der Konzern Siemens teilte mit, man prüfe das Urteil.")
    assert court.speaker == "Landgericht Berlin"
    assert firm.speaker == "Siemens"
    (claim,) = statements("Der Vorsitzende der Selbstverwaltung Peter Kovacs hob hervor, "
                          "der Schutz sei Sache des Staates.")
    assert claim.speaker == "Peter Kovacs"


def test_an_infinitive_with_zu_inside_the_word_is_part_of_the_content_not_a_cue():
    (claim,) = statements("Der Verband ruft alle Mitglieder dazu auf, keine Spenden von Parteien anzunehmen "
                          "und sich nicht vereinnahmen zu lassen.")
    assert claim.speaker == "Verband" and claim.cue == "aufrufen"
    assert claim.text.startswith("keine Spenden von Parteien anzunehmen und")


def test_a_homepage_or_a_bill_holds_the_words_it_shows():
    site, bill = statements("Auf der Homepage des Festivals heißt es zur Begründung, die Striche seien archaisch. "
                            "Derzeit steht in dem Gesetzentwurf: „Die Daten werden nach der Ausgabe gelöscht.“")
    assert site.speaker == "Homepage des Festivals"
    assert bill.speaker == "Gesetzentwurf"
    assert statements("Auf der Pressekonferenz hieß es, man sei zufrieden.")[0].speaker is None


def test_a_view_of_somebodys_opening_a_colon_quote_is_theirs():
    found = statements("Der Außenbeauftragte Jan Solberg blieb gelassen. Seine Zuversicht gründet sich auf "
                       "Erfahrungen mit der Frage: „Entscheidungen fallen immer erst in letzter Minute.“")
    assert found[-1].speaker == "Jan Solberg" and found[-1].mention == "Seine"
    (claim,) = statements("Seine Zuversicht äußerte der Außenbeauftragte Jan Solberg: „Wir finden eine Lösung.“")
    assert claim.speaker == "Jan Solberg"


def test_so_x_may_say_where_x_comes_from():
    (claim,) = statements("Der Streik sei rechtens, so Frauke Lind aus Frankfurt.")
    assert claim.speaker == "Frauke Lind" and claim.text == "Der Streik sei rechtens"
    (claim,) = statements("Man sei zufrieden, so Anna Berg von der Polizei.")
    assert claim.speaker == "Anna Berg"


def test_meinen_in_the_plural_is_a_reporting_verb_not_a_possessive():
    found = statements("„Die Punkte sind ungewiss“, meinen die beiden Mitglieder Jan Kiel und David Horn.")
    assert [c.speaker for c in found] == ["Jan Kiel", "David Horn"]
    assert statements("In einigen Regionen kam es zu Stromausfällen.") == []


def test_dies_teilte_x_mit_credits_x_even_after_an_according_to_phrase_and_with_an_apposition():
    (claim,) = statements("Nach der Auszählung von mehr als der Hälfte der Stimmen liegt Ana Ruiz vorne. "
                          "Dies teilte die Vorsitzende der Wahlkommission, Marta Lind, mit.")
    assert claim.speaker == "Marta Lind"
    assert claim.text.startswith("Nach der Auszählung")
    (claim,) = statements("Laut taz ist die Lage ruhig.")
    assert claim.speaker == "taz"


def test_a_second_verb_after_und_shares_the_subject_after_the_first_verb_not_its_own_object():
    (claim,) = statements("Bereits am Abend zogen Demonstranten vor das Rathaus und skandierten Sprüche wie "
                          "„Gefälschte Demokratie“.")
    assert claim.speaker == "Demonstranten"
    (claim,) = statements("Der Rat rief die Regierung zur Mäßigung auf und beschloss, den Fall weiterzuleiten.")
    assert claim.speaker == "Rat"


def test_a_report_says_what_its_wonach_clause_says():
    first, second = statements("Ein Bericht der Agentur „Nordpress“, wonach der Bürgermeister festgenommen worden "
                               "sein soll, wurde dementiert. Es gibt Spekulationen, nach denen der Täter ein Nachbar "
                               "gewesen sein könnte.")
    assert (first.speaker, first.text) == ("Nordpress", "der Bürgermeister festgenommen worden sein soll")
    assert (second.speaker, second.text) == ("Spekulationen", "der Täter ein Nachbar gewesen sein könnte")
    (claim,) = statements("Die Polizei bestätigte Berichte, wonach Zeugen einen Knall gehört haben.")
    assert claim.speaker == "Polizei"
    assert statements("Er ging zu dem Haus, nach dem er lange gesucht hatte.") == []


def test_dies_geht_aus_einer_mitteilung_hervor_credits_the_sentence_before_to_the_document():
    (claim,) = statements("Der Konzern plant eine Umwandlung in eine neue Rechtsform. "
                          "Dies geht aus einer Mitteilung der Gewerkschaft Verdi hervor.")
    assert claim.speaker == "Verdi"
    assert claim.text == "Der Konzern plant eine Umwandlung in eine neue Rechtsform."


def test_a_hearsay_modal_or_konjunktiv_ii_after_a_clause_final_participle_is_reported_content():
    (claim,) = statements("Die Zeitung hatte berichtet, 200 Mitarbeiter sollen entlassen werden.")
    assert claim.speaker == "Zeitung" and claim.text == "200 Mitarbeiter sollen entlassen werden."
    assert statements("Die Partei hatte gewonnen, sollte sie auch die Stichwahl gewinnen.") == []


def test_a_source_with_its_name_in_quotation_marks_or_an_extended_attribute_is_named():
    (claim,) = statements("Nach einem Bericht der „Allgemeinen Zeitung“ ist der Konzern mit Verlust ins Jahr "
                          "gestartet.")
    assert claim.speaker == "Allgemeinen Zeitung"
    (claim,) = statements("Laut einer am Dienstag veröffentlichten Mitteilung des Hilfswerks hungern drei Millionen "
                          "Menschen.")
    assert claim.speaker == "Mitteilung des Hilfswerks"


def test_a_name_with_a_particle_is_remembered_whole_for_a_later_role_noun():
    found = statements("Der deutsche Innenminister Thomas de Maizière (CDU) plant ein Gesetz. "
                       "„Die Risiken wachsen“, sagte der Minister.")
    assert found[-1].speaker == "Thomas de Maizière"
    found = statements("Finanzminister Peer Steinbrück zu Beginn der Debatte. „Es gibt Zumutungen“, sagte er.")
    assert found[-1].speaker == "Peer Steinbrück"


def test_a_participle_before_its_noun_is_an_adjective_not_a_reporting_verb():
    assert statements("Am Dienstag hat sich die Richterin Ute Lang zu dem von ihr geforderten Strafmaß geäußert.") == []
    assert statements("Die Ministerin Ute Lang hat einen Plan vorgelegt, dem im nächsten Jahr drohenden Defizit "
                      "bei der Kinderbetreuung durch Umschulungen zu begegnen.") == []
    (claim,) = statements("Die von Arnold Berg geäußerte Hoffnung, sein Leben werde besser, erfüllte sich nicht.")
    assert claim.speaker == "Arnold Berg" and claim.text.startswith("sein Leben werde besser")
    (claim,) = statements("Die Grünen kritisierten Anna Berg scharf, sie habe versagt.")
    assert claim.speaker == "Grünen"
    (claim,) = statements("Auf die Frage entgegnete Lars Holm empört: „Wollen Sie das wirklich so stehen lassen?“")
    assert claim.speaker == "Lars Holm"


def test_a_phrase_of_time_after_nach_is_no_speaker():
    (claim,) = statements("Nach einer harmlosen Unterhaltung forderten die Täter plötzlich Bargeld und Handys.")
    assert claim.speaker == "Täter"
