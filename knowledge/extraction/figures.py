"""Figures: how many people, of whom, and what happened to them.

A figure is a count of people with a unit noun ("12.000 Soldaten", "500 Offiziere und drei
Generäle", "bis zu 12.000 Mann"), or a bare number that continues a count in the same sentence
("erhöhte diese Zahl auf 10.000"). Distances, years, calibres, containers and percentages have
other units and never match. What the number measures comes from the unit noun and the words
around it: soldiers who were killed, wounded or captured are casualties, not troops. Whose people
are counted (`party`) comes from a nationality adjective or an "aus/der + country" phrase, by
German word formation, never from a list of one story's countries.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from knowledge.extraction.attribution import Attribution, Unit, analyse_unit
from knowledge.extraction.lexicon import NUMBER_WORDS
from knowledge.extraction.quotes import QuoteSpan
from knowledge.model import Figure

#: unit nouns by what they count; nouns are capitalised, so "verletzten" before "Soldaten" is no unit
UNIT_MEASURES: list[tuple[str, re.Pattern[str]]] = [
    ("officers", re.compile(r"^(unter)?(offizier(e|en|innen)?|kommandeur(e|en|innen)?)$", re.I)),
    ("generals", re.compile(r"^(general(e|en|innen)?|generäle(n)?|admiral(e|en)?|admirale)$", re.I)),
    ("deserters", re.compile(r"^(deserteur(e|en|innen)?|überläufer(n|innen)?|fahnenflüchtige(n)?)$", re.I)),
    ("casualties", re.compile(r"^(tote(n)?|todesopfer(n)?|opfer(n)?|verletzte(n)?|verwundete(n)?|gefallene(n)?|"
                              r"getötete(n)?|vermisste(n)?|verluste(n)?)$", re.I)),
    ("prisoners", re.compile(r"^((kriegs)?gefangene(n)?|häftlinge(n)?|inhaftierte(n)?|festgenommene(n)?)$", re.I)),
    ("hostages", re.compile(r"^(geiseln)$", re.I)),
    ("refugees", re.compile(r"^(flüchtlinge(n)?|geflüchtete(n)?|vertriebene(n)?|evakuierte(n)?|migranten|"
                            r"migrantinnen|asylbewerber(n|innen)?)$", re.I)),
    ("civilians", re.compile(r"^(zivilist(en|innen)|zivilpersonen)$", re.I)),
    ("protesters", re.compile(r"^(demonstrant(en|innen)|demonstrierende(n)?|protestierende(n)?)$", re.I)),
    ("troops", re.compile(
        r"^(\w*soldat(en|innen)?|\w*truppen?|mann|\w*kämpfer(n|innen)?|streitkräfte(n)?|militärangehörige(n)?|"
        r"rekruten|söldner(n)?|infanteristen|spezialkräfte(n)?|armeeangehörige(n)?|kräfte(n)?|militärs|"
        r"einsatzkräfte(n)?|sicherheitskräfte(n)?|reservisten|militärpersonal|personal|angehörige(n)?|"
        r"kampfeinheiten|marineinfanteristen|fallschirmjäger(n)?)$", re.I)),
    ("people", re.compile(r"^(menschen|personen|einwohner(n|innen)?|bewohner(n|innen)?|kinder(n)?|frauen|"
                          r"männer(n)?|jugendliche(n)?|erwachsene(n)?)$", re.I)),
]
#: people named by a demonym ("Amerikaner", "Kanadier", "Chinesen"): the suffix gives the party
DEMONYM = re.compile(r"^(?P<stem>[A-ZÄÖÜ][a-zäöüß]{2,}?)(?P<suffix>aner|ianer|iner|ener|ier|esen)(n|innen)?$")
QUALIFIERS = [
    "bis zu", "rund", "etwa", "ca.", "circa", "zirka", "ungefähr", "mehr als", "über", "mindestens",
    "knapp", "fast", "nahezu", "weniger als", "höchstens", "gut", "annähernd", "schätzungsweise",
    "insgesamt", "weitere", "mehrere", "einige", "zusätzliche", "zusätzlich", "bereits",
]
CASUALTY_WORDS = re.compile(r"\b(getötet\w*|gefallen\w*|tot|tote[nr]?|starben|sterben|gestorben|verwundet\w*|"
                            r"verletzt\w*|verlor\w*|verlust\w*|ums leben|umgekommen|vermisst\w*|"
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
#: a count the text gives as a loss to the subject ("hat 20.000 Soldaten verloren"), not one it inflicted
OWN_LOSS = re.compile(r"\b(verlor\w*|verlust\w*|eingebüßt)\b", re.I)
#: "-er/-ier" nouns that are no demonym: "3.000 Container", "zwei Trainer", "100 Parlamentarier"
NOT_DEMONYM = re.compile(
    r"^(container|trainer|entertainer|diener|parlamentarier|vegetarier|veganer|republikaner|bankier|kavalier|"
    r"offizier|grenadier|füsilier|passagier|hotelier|premier|pionier|kurier|kanonier|musketier|portier|juwelier|"
    r"financier|rentier|gardinen|maschinen)(n|innen|e|en)?$", re.I)

#: adjectives in -isch that say what kind, not whose: "militärische Berater", "islamistische Kämpfer"
NOT_NATIONAL = re.compile(
    r"^(\w*istisch|\w*militärisch|politisch|technisch|strategisch|taktisch|logistisch|medizinisch|psychisch|"
    r"physisch|elektronisch|ausländisch|einheimisch|heimisch|kritisch|praktisch|typisch|statistisch|symbolisch|"
    r"automatisch|systematisch|dramatisch|historisch|diplomatisch|demokratisch|periodisch|chronisch|klinisch|"
    r"tragisch|katholisch|evangelisch|jüdisch|muslimisch|irdisch|kriegerisch|dynamisch|ethnisch|hämisch|"
    r"zwischenmenschlich)$", re.I)
NATIONAL_ADJECTIVE = re.compile(r"^(?P<stem>(?:[A-ZÄÖÜ]{2,}-)?[a-zäöüß]+(?:-[a-zäöüß]+)?isch)(?:e|en|er|es|em)?$")
#: countries whose adjective German does not form by the rules of `country_adjective` (general language)
IRREGULAR_COUNTRIES = {
    "frankreich": "französisch", "china": "chinesisch", "italien": "italienisch", "polen": "polnisch",
    "kanada": "kanadisch", "afghanistan": "afghanisch", "libanon": "libanesisch", "jemen": "jemenitisch",
    "niederlande": "niederländisch", "schweiz": "schweizerisch", "dänemark": "dänisch", "schweden": "schwedisch",
    "norwegen": "norwegisch", "ungarn": "ungarisch", "usa": "US-amerikanisch", "großbritannien": "britisch",
    "belarus": "belarussisch", "sudan": "sudanesisch", "venezuela": "venezolanisch", "japan": "japanisch",
    "israel": "israelisch", "iran": "iranisch", "irak": "irakisch", "taiwan": "taiwanisch", "thailand": "thailändisch",
    "island": "isländisch", "neuseeland": "neuseeländisch", "estland": "estnisch",
}
#: common nouns with a country's ending: "aus dem Ausland", "der Marine", "der Polizei", "der Medien"
NOT_COUNTRY = re.compile(
    r"^(\w*(aus|in|um|hinter|fest|heimat|gast|nachbar|bundes|mutter|herkunfts|partner|dritt|vater|ziel|mitglieds|"
    r"end|flach|hoch|grün|acker|weide|neu)land|\w*(bereich|königreich|kaiserreich|zarenreich)|\w*erei|polizei|"
    r"partei|kanzlei|abtei|datei|kartei|\w*marine|maschine|mine|kabine|routine|gardine|vitrine|turbine|lawine|"
    r"doktrine|medien|familien|linien|kolonien|studien|serien|ferien|kategorien|strategien|technologien|"
    r"materialien|akademien|industrien|demokratien|theorien|parteien|\w*region|\w*regionen)$", re.I)
#: armies and sides a nationality adjective can own as the subject: "die französische Armee hat … verloren"
FORCE_NOUNS = r"(?:Armee|Streitkräfte|Truppen|Militär|Seite|Marine|Luftwaffe|Führung|Regierung)"
SUBJECT_FORCE = re.compile(rf"\b(?:die|das|Die|Das)\s+(?P<adj>\S+?(?:ische|ischen))\s+{FORCE_NOUNS}\b")
#: "die Verluste der Türkei", "die Truppen des Landes": whose losses or troops, before the number
GENITIVE_HEAD = re.compile(rf"\b(?:Verluste|Verlusten|{FORCE_NOUNS[3:-1]})\s+(?P<art>der|des)\s+"
                           r"(?:(?P<adj>[a-zäöüß]+ischen)\s+\w+|(?P<name>[A-ZÄÖÜ][\w\-]+))")
#: whose people right after the unit: "Soldaten aus Finnland", "der Slowakei", "der belgischen Armee"
AFTER_UNIT = re.compile(r"^\s*(?P<prep>aus|von|der|des)\s+(?:(?P<art>dem|der|den|des)\s+)?"
                        r"(?:(?P<adj>[a-zäöüß]+isch(?:e|en|er|es|em))\s+\S+|(?P<name>[A-ZÄÖÜ][\w\-]+))")
AFTER_UNIT_GENITIVE = re.compile(r"^\s*(?P<name>[A-ZÄÖÜ][\w\-]+?)s\b")
#: a country that sends or loses the soldiers as the subject: "… dass Deutschland 5.000 Soldaten entsendet"
SUBJECT_COUNTRY = re.compile(r"(?:^|\bdass\s+)\s*(?P<name>[A-ZÄÖÜ][\w\-]+)\s+(?!Soldat|Truppe)|"
                             r"\b(?P<name2>[A-ZÄÖÜ][\w\-]+)(?=\s+(?:hat|habe|hatte|hätte|soll|sollen|will|wird|werde|"
                             r"würde|schickt|schickte|entsendet|entsandte|verlegt|verlegte|stationiert|stationierte)\b)|"
                             r"\b(?:hat|habe|hatte|soll|will|wird|schickt|schickte|entsendet|entsandte)\s+"
                             r"(?P<name3>[A-ZÄÖÜ][\w\-]+)\b")
SOURCE_CUES = ("laut", "zufolge", "nach", "so", "berufung")
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


def unit_kind(word: str) -> str | None:
    """What a unit noun counts ("Offiziere" → officers), "demonym" for "Kanadier", None for no people noun.

    German nouns are capitalised: "verletzten" in "1.000 verletzten Soldaten" is an adjective, not the unit.
    """
    if not word[:1].isupper():
        return None
    for measure, pattern in UNIT_MEASURES:
        if pattern.match(word):
            return measure
    if DEMONYM.match(word) and not NOT_DEMONYM.match(word):
        return "demonym"
    return None


def _unit_after(text: str, pos: int) -> tuple[str | None, int]:
    """The unit noun after a number and where it ends, skipping adjectives ("11.000 verletzte oder getötete …")."""
    rest = text[pos:]
    words = re.findall(r"\S+", rest[:160])
    offset = pos
    for k, word in enumerate(words[:7]):
        clean = word.strip(",.;:!?()„“\"»«")
        at = text.find(word, offset)
        offset = at + len(word) if at >= 0 else offset
        if not clean:
            continue
        if unit_kind(clean):
            return clean, at + word.find(clean) + len(clean)
        if clean in ("und", "oder", "bzw.") and 0 < k < 6 and ADJECTIVE.match(words[k - 1]) and \
                words[k - 1].lower() not in ("der", "den", "von", "ihnen", "dieser"):
            continue  # "verletzte oder getötete Soldaten"
        if word.endswith((",", ".", ";", ":")) or not ADJECTIVE.match(clean):
            return None, pos
    return None, pos


def _antecedent_unit(text: str, pos: int) -> str | None:
    """The unit of the last count before a pronoun count: "Tausende von ihnen" after "12.000 Soldaten"."""
    units = [unit for m in NUMBER.finditer(text, 0, pos) if (unit := _unit_after(text, m.end())[0])]
    return units[-1] if units else None


def _qualifier_before(text: str, pos: int) -> str | None:
    before = text[max(0, pos - 30):pos].lower().rstrip()
    for q in QUALIFIERS:
        if before.endswith(" " + q) or before == q or before.endswith("„" + q):
            return q
    return None


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


def _demonym_party(unit: str) -> str | None:
    m = DEMONYM.match(unit)
    if not m or NOT_DEMONYM.match(unit):
        return None
    suffix = m.group("suffix")
    ending = {"ier": "isch", "esen": "esisch"}.get(suffix, suffix[:-2] + "isch")
    return (m.group("stem") + ending).lower()


def _national(word: str) -> str | None:
    """The party a nationality adjective names: "belgischen" → "belgisch"."""
    m = NATIONAL_ADJECTIVE.match(word.strip(",.;:!?()„“\"»«"))
    if not m or NOT_NATIONAL.match(m.group("stem")):
        return None
    head, _, tail = m.group("stem").rpartition("-")
    return f"{head}-{tail.lower()}" if head else tail.lower()


def country_adjective(name: str, with_article: bool) -> str | None:
    """The adjective German forms from a country's name, or None when the name is not clearly a country.

    Word formation covers most countries ("-land", "-ien", "-ei", "-ine", "-stan", "-reich" → "-isch",
    "-a" → "-anisch"); the few that break it stand in IRREGULAR_COUNTRIES. Countries in "-a" never
    take an article and those in "-ei"/"-ine" always do, which tells them from common nouns.
    """
    low = name.lower()
    if low in IRREGULAR_COUNTRIES:
        return IRREGULAR_COUNTRIES[low]
    if not name[:1].isupper() or len(name) < 4 or NOT_COUNTRY.match(low):
        return None
    if low.endswith("land"):
        stem = low[:-4]
        stem = stem[:-2] if stem.endswith("en") else stem  # Griechenland → griechisch
        return stem if stem.endswith("sch") else stem + "isch"  # Deutschland → deutsch
    if low.endswith(("stan", "reich")):
        return low + "isch"
    if low.endswith("ien"):
        return low[:-3] + "isch"  # Spanien → spanisch
    if with_article and low.endswith("ei"):
        return low[:-2] + "isch"  # Slowakei → slowakisch
    if with_article and low.endswith("ine"):
        return low[:-1] + "isch"
    if not with_article and low.endswith("a"):
        return low + "nisch"  # Kuba → kubanisch
    return None


def _party(text: str, clause: tuple[int, int], number: tuple[int, int], unit_end: int,
           unit: str, measure: str) -> tuple[str | None, int | None]:
    """Whose people a figure counts, and where an "aus + country" phrase that said so starts (no scope).

    The noun phrase speaks first ("600 belgische Soldaten"), then the words right after the unit
    ("Soldaten aus …", "Soldaten der …"), then the subject's army before the number ("die … Armee hat
    20.000 Soldaten verloren"), but a subject owns a casualty count only when it lost it.
    """
    for word in text[number[1]:unit_end].split():
        if party := _national(word):
            return party, None
    if party := _demonym_party(unit):
        return party, None
    after = text[unit_end:clause[1]]
    m = AFTER_UNIT.match(after)
    if m:
        party = _national(m.group("adj")) if m.group("adj") else country_adjective(
            m.group("name"), bool(m.group("art")) or m.group("prep") in ("der", "des"))
        if party:
            return party, unit_end + m.start("prep")
    m = AFTER_UNIT_GENITIVE.match(after)
    if m and (party := country_adjective(m.group("name"), False)):
        return party, None
    before = text[clause[0]:number[0]]
    if measure == "casualties" and not OWN_LOSS.search(text[clause[0]:clause[1]]):
        return None, None
    for m in GENITIVE_HEAD.finditer(before):
        party = _national(m.group("adj")) if m.group("adj") else country_adjective(m.group("name"), True)
        if party:
            return party, None
    for m in SUBJECT_COUNTRY.finditer(before.strip()):
        if party := country_adjective(m.group("name") or m.group("name2") or m.group("name3"), False):
            return party, None
    for m in SUBJECT_FORCE.finditer(before):
        if (party := _national(m.group("adj"))) and not re.search(r"\b(laut|angaben|zufolge)\b",
                                                                   before[max(0, m.start() - 25):m.start()], re.I):
            return party, None
    return None, None


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


def _figure(text: str, sentence: tuple[int, int], at: tuple[int, int], unit: str, unit_end: int, *,
            value: int | None, low: int | None, high: int | None, qualifier: str | None,
            whole_sentence: bool) -> Figure:
    clause = _clause_around(text, at[0], sentence)
    measure = _measure(text[clause[0]:clause[1]], unit, text[sentence[0]:sentence[1]] if whole_sentence else "")
    party, party_at = _party(text, clause, at, unit_end, unit, measure)
    return Figure(value=value, low=low, high=high, qualifier=qualifier, unit=unit,
                  scope=_scope(text, clause, at[0], party_at), measure=measure, party=party)


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
        unit, unit_end = _unit_after(text, m.end())
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
