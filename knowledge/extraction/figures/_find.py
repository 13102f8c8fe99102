"""The figures of one sentence, and the source named in a figure's own clause."""

from __future__ import annotations

import re
from dataclasses import dataclass

from knowledge.extraction.attribution import (
    Attribution,
    Unit,
    analyse_unit,
    function_word_label,
    inside_quote,
    plausible_speaker,
)
from knowledge.extraction.cues import find_verb_cues, lemma
from knowledge.extraction.figures._counts import (
    NUMBER,
    VAGUE,
    _antecedent_unit,
    _qualifier_before,
    _unit_after,
    parse_number,
    unit_kind,
)
from knowledge.extraction.figures._measures import _clause_around, _measure, _scope
from knowledge.extraction.figures._parties import _party
from knowledge.extraction.mentions import Mention
from knowledge.extraction.quotes import QuoteSpan
from knowledge.model import Figure

SOURCE_CUES = ("laut", "zufolge", "nach", "so", "berufung")
#: Verbs that give a number rather than words: "Der Geheimdienst bezifferte die Zahl der Deserteure auf 18".
COUNTING_VERBS = frozenset({"beziffern", "veranschlagen", "zählen"})
#: cue verbs that take a number without reporting it: "Die Flut forderte 92 Menschenleben" (claimed their lives)
NOT_REPORTING = frozenset({"fordern"})



@dataclass(slots=True)
class FigureMention:
    figure: Figure
    start: int  # offset of the number in the paragraph
    end: int



def _figure(text: str, sentence: tuple[int, int], at: tuple[int, int], unit: str, unit_end: int, *,
            value: int | None, low: int | None, high: int | None, qualifier: str | None,
            whole_sentence: bool) -> Figure:
    clause = _clause_around(text, at[0], sentence)
    # "die Anzahl der Menschen, die … gestorben sind, auf 626": what befell them stands between unit and number
    counted = text.rfind(unit, sentence[0], clause[0]) if unit_end <= at[1] else -1
    measured = (counted if counted >= 0 else clause[0], clause[1])
    measure = _measure(text[measured[0]:measured[1]], unit, text[sentence[0]:sentence[1]] if whole_sentence else "")
    party, party_at = _party(text, clause, at, unit_end, unit, measure)
    return Figure(value=value, low=low, high=high, qualifier=qualifier, unit=unit,
                  scope=_scope(text, clause, at[0], party_at), measure=measure, party=party)



#: what befell the people of a count, said right after a bare number ("… und etwa 40 verletzt")
_BEFALLEN = re.compile(r"(?:(?:wurden|wurde|sind|seien|waren|worden)\s+)?"
                       r"(verletzt|getötet|gestorben|verwundet|vermisst|umgekommen|ums Leben)\b")

#: a count of some of those just named: "40 von ihnen", "zwölf davon"
_OF_THEM = re.compile(r"\s+((?:von|unter) (?:ihnen|diesen)|davon)\s+")

#: "die Zahl der Toten … auf 384", "Die Zahl der Menschen, die … bezifferte die Agentur mit 13"
_NUMBER_OF = re.compile(
    r"\b(?:Zahl|Anzahl)\s+(?:der|an|von)\s+(?:[a-zäöüß]+(?:e|en|er)\s+)?(?P<unit>[A-ZÄÖÜ][\wäöüß-]+)")


_MONTH = re.compile(r"(Januar|Februar|März|April|Mai|Juni|Juli|August|September|Oktober|November|Dezember)\b")

#: words before an ordinal or a date: "am 13. Mai", "zum 3. Mal", "die 6. Division"
_BEFORE_ORDINAL = re.compile(r"\b(am|vom|zum|bis|seit|ab|im|beim|dem|den|der|die|das|des|ihr\w*|sein\w*)\s*$", re.I)


def _ends_sentence(text: str, start: int, after_dot: int) -> bool:
    """"…, bezifferte X mit 13. Die …": a count at the end of a sentence, no date or ordinal."""
    return not _MONTH.match(text, after_dot + 1) and not _BEFORE_ORDINAL.search(text[max(0, start - 12):start])


def _counted_before(text: str, start: int, pos: int, found: list[FigureMention]) -> str | None:
    """The people a "Zahl der …" earlier in the sentence counts, which a bare number then gives, unless
    another count stands between them ("61 Polizisten verletzt, darunter sechs schwer")."""
    units = [m for m in _NUMBER_OF.finditer(text, start, pos) if unit_kind(m.group("unit"))]
    if not units or any(f.start > units[-1].end() for f in found):
        return None
    return units[-1].group("unit")



def find_figures(text: str, sentence: tuple[int, int]) -> list[FigureMention]:
    """Counts of people in one sentence (offsets into the paragraph)."""
    a, b = sentence
    found: list[FigureMention] = []
    last_unit: str | None = None
    for m in NUMBER.finditer(text, a, b):
        num_text = m.group("num")
        if num_text.lower() in ("tausend", "hundert", "million", "millionen"):
            continue  # "mehrere tausend": a vague count, handled below
        value = parse_number(num_text)
        if value is None or value <= 1:
            continue
        if re.fullmatch(r"(19|20)\d\d", num_text) and not re.match(r"\s+(Soldat|Mann|Truppe)", text[m.end():]):
            continue
        if text[m.end():m.end() + 1] in (".",) and text[m.end() + 1:m.end() + 2] == " " and \
                re.match(r"\s*[A-ZÄÖÜ][a-zäöü]+(?:\s|$)", text[m.end() + 1:]) and value <= 31 and \
                not _ends_sentence(text, m.start(), m.end() + 1):
            continue  # a date or ordinal ("27. Oktober")
        high = parse_number(m.group("num2")) if m.group("num2") else None
        unit, unit_end = _unit_after(text, m.end())
        if unit is None:
            # a bare number continuing a count of the same sentence ("erhöhte diese Zahl auf 10.000")
            after = text[m.end():m.end() + 3].lstrip()
            if last_unit and value >= 100 and (not after or after[:1] in ",.;„“\"" or after[:1].islower()):
                unit = last_unit
            elif last_unit and _BEFALLEN.match(text, m.end() + 1):
                unit = last_unit  # "elf Personen gestorben und etwa 40 verletzt worden"
            elif (of_them := _OF_THEM.match(text, m.end())) and _BEFALLEN.match(text, of_them.end()):
                # "Im Bus befanden sich Kindergartenkinder, mindestens 40 von ihnen wurden getötet"
                unit = _antecedent_unit(text, m.start()) or of_them.group(1)
            elif value >= 100 and found and re.search(r"(diese|die)\s+zahl\s+(auf|um)\s*$",
                                                      text[max(a, m.start() - 25):m.start()], re.I):
                unit = found[-1].figure.unit
            elif (not after or after[:1] in ",.;" or after[:1].islower()) and \
                    not re.search(r"\bum\s*$", text[max(a, m.start() - 5):m.start()]):
                unit = _counted_before(text, a, m.start(), found)  # "um 20 auf 384": the rise is no count
            if unit is None:
                continue
            unit_end = m.end()
        last_unit = unit
        qualifier = _qualifier_before(text, m.start())
        low, hi = (value, high) if high and high > value else (None, None)
        if qualifier == "bis zu":
            low, hi = None, value
        elif qualifier in ("mindestens", "mehr als", "über"):
            low, hi = value, None
        figure = _figure(text, (a, b), (m.start(), m.end()), unit, unit_end,
                         value=value if not (low and hi) else None, low=low, high=hi, qualifier=qualifier,
                         whole_sentence=True)
        found.append(FigureMention(figure, m.start(), m.end()))
    for m in VAGUE.finditer(text, a, b):
        unit, unit_end = _unit_after(text, m.end())
        if unit is None and re.match(r"\s+(von|unter)\s+(ihnen|diesen)\b", text[m.end():m.end() + 20]):
            unit, unit_end = _antecedent_unit(text, m.start()), m.end()
        if unit is None:
            continue
        figure = _figure(text, (a, b), (m.start(), m.end()), unit, unit_end,
                         value=None, low=None, high=None, qualifier=m.group("vague"), whole_sentence=False)
        found.append(FigureMention(figure, m.start(), m.end()))
    return found



def figure_source(unit: Unit, text: str, mention: FigureMention) -> Attribution | None:
    """A source named in the figure's own clause ("laut dem Weißen Haus", "X zufolge", "nach Angaben
    des …", ", so X"), which the unit's reporting verb may have taken in as its content.

    The figure belongs to the source that gives the number, not to whoever relays the sentence.
    """
    inside = [any(q.start <= t.start < q.end for q in unit.quotes) for t in unit.tokens]
    k = next((i for i, t in enumerate(unit.tokens) if t.start >= mention.start), None)
    if k is None or inside[k]:
        return None
    left = k
    while left > 0 and not (unit.tokens[left - 1].text in (",", ";", ":") and not inside[left - 1]):
        left -= 1
    right = k
    while right < len(unit.tokens) and not (unit.tokens[right].text in (",", ";", ":") and not inside[right]):
        right += 1
    if right + 1 < len(unit.tokens) and unit.tokens[right].text == "," and unit.tokens[right + 1].lower == "so":
        right += 2  # "…, so das Ministerium": the source stands in the next clause
        while right < len(unit.tokens) and unit.tokens[right].text not in (",", ";", ":", "."):
            right += 1
    if left == 0 and right >= len(unit.tokens) - 1:
        return None  # the whole unit: its own analysis already stands
    tokens = unit.tokens[left:right]
    quotes: list[QuoteSpan] = [q for q in unit.quotes if q.start >= tokens[0].start and q.end <= tokens[-1].end]
    attributions, _ = analyse_unit(Unit(unit.paragraph, tokens, quotes), text)
    return next((att for att in attributions if att.cue in SOURCE_CUES and att.speaker is not None), None)


def figure_reporter(unit: Unit, subject: Mention | None) -> Attribution | None:
    """ "Das Pentagon bestätigte die Zahl von 11.000 Soldaten nicht", "Die Polizei meldete 20 Verletzte": a
    main clause whose reporting verb takes the number as its object gives it to the verb's subject."""
    if subject is None or not (subject.pronoun or plausible_speaker(subject)) or function_word_label(subject):
        return None
    inside = inside_quote(unit.tokens, unit.quotes)
    verbs = [(c.index, c.lemma) for c in find_verb_cues(unit.tokens, inside)] + [
        (k, lemma(t.text)) for k, t in enumerate(unit.tokens) if not inside[k] and lemma(t.text) in COUNTING_VERBS]
    for index, verb_lemma in verbs:
        if verb_lemma in NOT_REPORTING:
            continue
        verb = unit.tokens[index]
        lo, hi = (subject.end, verb.start) if subject.end <= verb.start else (verb.end, subject.start)
        if any(lo <= t.start < hi for t in unit.tokens):
            continue  # the finite verb stands right before or after its subject ("meldete die Polizei 20 …")
        return Attribution(subject, verb_lemma, [(unit.start, unit.end)], "indirect")
    return None
