"""What a count measures (troops, casualties, deserters, refugees, …) and in which scope ("in der Region X")."""

from __future__ import annotations

import re

from knowledge.extraction.figures._counts import unit_kind

CASUALTY_WORDS = re.compile(r"\b(getötet\w*|gefallen\w*|tot|tote[nr]?|starben|sterben|gestorben|verwundet\w*|"
                            r"verletzt\w*|verlor\w*|verlust\w*|ums leben|umgekommen|vermisst\w*|erschossen|"
                            r"erstochen|ermordet|erschlagen|ertrunken|erlagen|hingerichtet|umgebracht|"
                            r"gefangen genommen|gefangengenommen|in gefangenschaft|außer gefecht|killed|wounded)\b",
                            re.I)

#: "verletzt das Völkerrecht": a broken rule, not a wounded person
BROKEN_RULE = re.compile(r"\b(verletz\w*)\b(?=.*\b\w*(recht|souveränität|abkommen|resolution|sanktion|vertrag|"
                         r"luftraum|regel|waffenruhe|grenze)\w*)|\b\w*(recht|souveränität|abkommen|resolution|"
                         r"sanktion|vertrag|luftraum|regel|waffenruhe|grenze)\w*\b.*\bverletz", re.I)

DESERTER_WORDS = re.compile(r"(desert|fahnenflüchtig|übergelaufen|geflohen|abgesetzt)", re.I)

REFUGEE_WORDS = re.compile(r"\b(geflohen|geflüchtet|flohen|flüchteten|vertrieben|evakuiert|auf der flucht)\b", re.I)

MILITARY_CONTEXT = re.compile(r"(soldat|truppe|armee|militär|front|kampf|kämpf|einsatz|stationiert|streitkr)", re.I)

#: the measures that count armed forces; what happens to them (killed, deserted) can change the measure
MILITARY = ("troops", "officers", "generals")

SCOPE = re.compile(
    r"\b(?P<scope>(?:in|im|nach|auf|an|aus)\s+(?:(?:der|die|das|dem|den|einer|einem|eine|ein|des)\s+)?"
    r"(?:[a-zäöüß]+(?:e|en|er|em|es)\s+){0,2}(?:[A-ZÄÖÜ][\wäöüß\-]+)(?:\s+[A-ZÄÖÜ][\wäöüß\-]+)?)"
)

NOT_SCOPE_HEADS = re.compile(
    r"(Januar|Februar|März|April|Mai|Juni|Juli|August|September|Oktober|November|Dezember|Montag|Dienstag|"
    r"Mittwoch|Donnerstag|Freitag|Samstag|Sonntag|Jahr|Jahren|Woche|Monat|Monaten|Rahmen|Falle|Zuge|Krieg|"
    r"Kampf|Gegenzug|Hinblick|Bezug|Zusammenhang|Vergleich|Ausbildung|Angaben|Weg|Seite|Moment|Grunde|"
    r"Wirklichkeit|Uniformen|Frage|Einsatz|Kämpfe)\b"
)



def _measure(clause: str, unit: str, sentence: str = "") -> str:
    """What a count measures. Armed forces that were killed, wounded or captured are casualties, and
    desertion is often said at the end of the sentence, past commas."""
    kind = unit_kind(unit) or "troops"
    if kind == "demonym":
        kind = "troops" if MILITARY_CONTEXT.search(clause) else "people"
    if kind in MILITARY and DESERTER_WORDS.search(sentence or clause):
        return "deserters"
    if kind in ("casualties", "deserters", "prisoners", "hostages"):
        return kind
    if CASUALTY_WORDS.search(clause) and not BROKEN_RULE.search(clause):
        return "casualties"
    if kind in ("people", "civilians") and REFUGEE_WORDS.search(clause):
        return "refugees"
    return kind



def _scope(text: str, clause: tuple[int, int], number_at: int, skip: int | None = None) -> str | None:
    a, b = clause
    scopes: list[tuple[int, str]] = []
    for m in SCOPE.finditer(text, a, b):
        phrase = m.group("scope")
        if NOT_SCOPE_HEADS.search(phrase.split()[-1]) or abs(m.start() - number_at) > 120 or m.start() == skip:
            continue
        scopes.append((m.start(), phrase))
    for m in re.finditer(r"\b(in einer (?:ersten|zweiten|dritten|nächsten|weiteren) Phase|zunächst|"
                         r"zu Ausbildungszwecken|insgesamt)\b", text[a:b], re.I):
        scopes.append((a + m.start(), m.group(0)))
    scopes.sort()
    return "; ".join(dict.fromkeys(s for _, s in scopes)) or None



def _clause_around(text: str, start: int, sentence: tuple[int, int]) -> tuple[int, int]:
    a, b = sentence
    left = max(text.rfind(",", a, start), text.rfind(";", a, start), text.rfind(":", a, start))
    right_candidates = [i for i in (text.find(",", start, b), text.find(";", start, b)) if i >= 0]
    right = min(right_candidates) if right_candidates else b
    return (left + 1 if left >= 0 else a), right
