"""Figures: how many soldiers, and who says so.

A figure is a count of people with a unit noun ("12.000 Soldaten", "Achtzehn nordkoreanische
Soldaten", "bis zu 12.000 Mann"), or a bare number that continues a count in the same sentence
("erhöhte diese Zahl auf 10.000"). Distances, years, calibres, containers and percentages have
other units and never match. What the number measures (deployed troops, casualties,
deserters) comes from the verbs around it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from knowledge.extraction.lexicon import NUMBER_WORDS
from knowledge.model import Figure

TROOP_UNITS = re.compile(
    r"^(soldat(en|innen)?|truppen?|mann|kämpfer(n|innen)?|nordkoreaner(n|innen)?|streitkräfte(n)?|"
    r"militärangehörige(n)?|rekruten|söldner(n)?|infanteristen|spezialkräfte(n)?|elitesoldaten|"
    r"armeeangehörige(n)?|soldatinnen|kräfte(n)?|militärs|einsatzkräfte(n)?|reservisten|"
    r"bodentruppen|kampftruppen|militärpersonal|personal|angehörige(n)?|kampfeinheiten)$",
    re.I,
)
PEOPLE_UNITS = re.compile(r"^(menschen|personen|zivilisten|einwohner(n)?|flüchtlinge(n)?|gefangene(n)?|opfer(n)?|"
                          r"tote(n)?|verletzte(n)?|verwundete(n)?)$", re.I)
QUALIFIERS = [
    "bis zu", "rund", "etwa", "ca.", "circa", "zirka", "ungefähr", "mehr als", "über", "mindestens",
    "knapp", "fast", "nahezu", "weniger als", "höchstens", "gut", "annähernd", "schätzungsweise",
    "insgesamt", "weitere", "mehrere", "einige", "zusätzliche", "zusätzlich", "bereits",
]
CASUALTY_WORDS = re.compile(r"\b(getötet|gefallen|tot|tote|starben|gestorben|verwundet|verletzt|verloren|verluste|"
                            r"ums leben|umgekommen|killed|wounded)\b", re.I)
DESERTER_WORDS = re.compile(r"(desert|fahnenflüchtig|übergelaufen|geflohen|abgesetzt)", re.I)
CAPTURE_WORDS = re.compile(r"\b(gefangen genommen|gefangengenommen|in gefangenschaft)\b", re.I)

_NUM = r"\d{1,3}(?:[.\u202f\u00a0 ]\d{3})+|\d+(?:,\d+)?"
_WORDNUM = "|".join(sorted((re.escape(w) for w in NUMBER_WORDS if len(w) > 3), key=len, reverse=True))
_SCALE = r"(?:\s*(?:tausend|Tausend|Millionen|Million|Mio\.?))?"
NUMBER = re.compile(
    rf"(?<![\w.,-])(?P<num>(?:{_NUM}){_SCALE}|(?:{_WORDNUM}){_SCALE})(?![\w-])"
    rf"(?:\s*(?:bis|-|–|und)\s*(?P<num2>(?:{_NUM}){_SCALE}|(?:{_WORDNUM})))?",
    re.I,
)
VAGUE = re.compile(r"(?<![\w])(?P<vague>(?:mehrere|einige|viele|etliche)\s+(?:tausend|hundert)|"
                   r"Tausende[rn]?|Hunderte[rn]?|"
                   r"Zehntausende[rn]?|Dutzende[rn]?)(?![\w])", re.I)
ADJECTIVE = re.compile(r"^(?:[a-zäöüß]+(?:e|en|er|es|em)|[A-Z]{2,}-[a-zäöüß]+(?:e|en|er|es|em)|„|“|weitere[n]?|"
                       r"zusätzliche[n]?|dieser|von|ihnen|der|den)$")
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


@dataclass(slots=True)
class FigureMention:
    figure: Figure
    start: int  # offset of the number in the paragraph
    end: int


def parse_number(text: str) -> int | None:
    raw = text.strip()
    scale = 1
    low = raw.lower()
    for word, factor in (("millionen", 1_000_000), ("million", 1_000_000), ("mio.", 1_000_000), ("mio", 1_000_000),
                         ("tausend", 1000)):
        if (low.endswith(word) and low != word and not low.endswith("tausend")) or (word == "tausend" and low.endswith(
                "tausend") and low[:-7].strip() and low[:-7].strip()[0].isdigit()):
            scale = factor
            raw = raw[: -len(word)].strip()
            low = raw.lower()
            break
    if re.fullmatch(r"\d{1,3}(?:[.\u202f\u00a0 ]\d{3})+", raw):
        return int(re.sub(r"\D", "", raw)) * scale
    if re.fullmatch(r"\d+", raw):
        return int(raw) * scale
    if re.fullmatch(r"\d+,\d+", raw):
        return int(float(raw.replace(",", ".")) * scale)
    if low in NUMBER_WORDS:
        return NUMBER_WORDS[low] * scale
    return None


def _unit_after(text: str, pos: int) -> tuple[str | None, int]:
    """The unit noun after a number, skipping adjectives ("11.000 nordkoreanische Soldaten")."""
    rest = text[pos:]
    words = re.findall(r"\S+", rest[:120])
    offset = pos
    for k, word in enumerate(words[:5]):
        clean = word.strip(",.;:!?()„“\"»«")
        at = text.find(word, offset)
        offset = at + len(word) if at >= 0 else offset
        if not clean:
            continue
        if TROOP_UNITS.match(clean) or PEOPLE_UNITS.match(clean):
            return clean, offset
        if clean[:1].isupper() and not clean.isupper() and k == 0 and clean.lower() in ("von",):
            continue
        if word.endswith((",", ".", ";", ":")) or not ADJECTIVE.match(clean):
            return None, pos
    return None, pos


def _qualifier_before(text: str, pos: int) -> str | None:
    before = text[max(0, pos - 30):pos].lower().rstrip()
    for q in QUALIFIERS:
        if before.endswith(" " + q) or before == q or before.endswith("„" + q):
            return q
    return None


def _measure(clause: str, unit: str, sentence: str = "") -> str:
    """What a count measures; desertion is often said at the end of the sentence, past commas."""
    if PEOPLE_UNITS.match(unit) and not re.search(r"soldat|truppe", clause, re.I):
        return "people"
    if DESERTER_WORDS.search(sentence or clause):
        return "deserters"
    sentence = clause
    if CAPTURE_WORDS.search(sentence):
        return "captured"
    if CASUALTY_WORDS.search(sentence):
        return "casualties"
    return "troops"


def _scope(text: str, clause: tuple[int, int], number_at: int) -> str | None:
    a, b = clause
    scopes: list[tuple[int, str]] = []
    for m in SCOPE.finditer(text, a, b):
        phrase = m.group("scope")
        if NOT_SCOPE_HEADS.search(phrase.split()[-1]) or abs(m.start() - number_at) > 120:
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
                re.match(r"\s*[A-ZÄÖÜ][a-zäöü]+(?:\s|$)", text[m.end() + 1:]) and value <= 31:
            continue  # a date or ordinal ("27. Oktober")
        high = parse_number(m.group("num2")) if m.group("num2") else None
        unit, _ = _unit_after(text, m.end())
        if unit is None:
            # a bare number continuing a count of the same sentence ("erhöhte diese Zahl auf 10.000")
            after = text[m.end():m.end() + 3].lstrip()
            if last_unit and value >= 100 and (not after or after[:1] in ",.;„“\"" or after[:1].islower()):
                unit = last_unit
            elif value >= 100 and found and re.search(r"(diese|die)\s+zahl\s+(auf|um)\s*$",
                                                      text[max(a, m.start() - 25):m.start()], re.I):
                unit = found[-1].figure.unit
            else:
                continue
        last_unit = unit
        clause = _clause_around(text, m.start(), (a, b))
        qualifier = _qualifier_before(text, m.start())
        low, hi = (value, high) if high and high > value else (None, None)
        if qualifier == "bis zu":
            low, hi = None, value
        elif qualifier in ("mindestens", "mehr als", "über"):
            low, hi = value, None
        measure = _measure(text[clause[0]:clause[1]], unit, text[a:b])
        figure = Figure(value=value if not (low and hi) else None, low=low, high=hi, qualifier=qualifier,
                        unit=unit, scope=_scope(text, clause, m.start()), measure=measure)
        found.append(FigureMention(figure, m.start(), m.end()))
    for m in VAGUE.finditer(text, a, b):
        unit, _ = _unit_after(text, m.end())
        following = text[m.end():m.end() + 40]
        if unit is None and not re.match(r"\s+(von ihnen|dieser Truppen|nordkoreanischer)", following):
            continue
        unit = unit or "Soldaten"
        phrase = m.group("vague")
        clause = _clause_around(text, m.start(), (a, b))
        figure = Figure(value=None, low=None, high=None, qualifier=phrase, unit=unit,
                        scope=_scope(text, clause, m.start()), measure=_measure(text[clause[0]:clause[1]], unit))
        found.append(FigureMention(figure, m.start(), m.end()))
    return found
