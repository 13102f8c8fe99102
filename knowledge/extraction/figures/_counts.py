"""Numbers and the unit nouns they count: "12.000 Soldaten", "bis zu 500 Offiziere", "Tausende von ihnen"."""

from __future__ import annotations

import re

from knowledge.extraction.lexicon import NUMBER_WORDS
from knowledge.extraction.number_words import NUMBER_WORD, number_word_value

#: unit nouns by what they count; nouns are capitalised, so "verletzten" before "Soldaten" is no unit
UNIT_MEASURES: list[tuple[str, re.Pattern[str]]] = [
    ("officers", re.compile(r"^(unter)?(offizier(e|en|innen)?|kommandeur(e|en|innen)?)$", re.I)),
    ("generals", re.compile(r"^(general(e|en|innen)?|generäle(n)?|admiral(e|en)?|admirale)$", re.I)),
    ("deserters", re.compile(r"^(deserteur(e|en|innen)?|überläufer(n|innen)?|fahnenflüchtige(n)?)$", re.I)),
    ("casualties", re.compile(r"^(tote(n)?|todesopfer(n)?|opfer(n)?|verletzte(n)?|verwundete(n)?|gefallene(n)?|"
                              r"getötete(n)?|vermisste(n)?|verluste(n)?|menschenleben|leichen|leichname(n)?|"
                              r"todesfälle(n)?)$", re.I)),
    ("prisoners", re.compile(r"^((kriegs)?gefangene(n)?|häftlinge(n)?|inhaftierte(n)?|festgenommene(n)?)$", re.I)),
    ("hostages", re.compile(r"^(geiseln)$", re.I)),
    ("refugees", re.compile(r"^(flüchtlinge(n)?|geflüchtete(n)?|vertriebene(n)?|evakuierte(n)?|migranten|"
                            r"migrantinnen|asylbewerber(n|innen)?|(\w*)einwanderer(n|innen)?)$", re.I)),
    ("civilians", re.compile(r"^(zivilist(en|innen)|zivilpersonen)$", re.I)),
    ("protesters", re.compile(r"^(demonstrant(en|innen)|demonstrierende(n)?|protestierende(n)?)$", re.I)),
    ("troops", re.compile(
        r"^(\w*soldat(en|innen)?|\w*truppen?|mann|\w*kämpfer(n|innen)?|streitkräfte(n)?|militärangehörige(n)?|"
        r"rekruten|söldner(n)?|infanteristen|spezialkräfte(n)?|armeeangehörige(n)?|kräfte(n)?|militärs|"
        r"einsatzkräfte(n)?|sicherheitskräfte(n)?|reservisten|militärpersonal|personal|angehörige(n)?|"
        r"kampfeinheiten|marineinfanteristen|fallschirmjäger(n)?)$", re.I)),
    ("people", re.compile(r"^(menschen|personen|einwohner(n|innen)?|bewohner(n|innen)?|kinder(n)?|frauen|"
                          r"männer(n)?|jugendliche(n)?|erwachsene(n)?|minderjährige(n)?|babys|säuglinge(n)?)$", re.I)),
    # groups named by what they do or are ("46 Beamte", "200 Mitarbeiter", "drei Polizisten", "30 Touristen")
    ("people", re.compile(
        r"^\w*(beamte(n)?|beamtinnen|polizist(en|innen)|arbeiter(n|innen)?|angestellte(n)?|beschäftigte(n)?|"
        r"leute(n)?|helfer(n|innen)?|passagiere(n)?|fahrgäste(n)?|insassen|reisende(n)?|besucher(n|innen)?|"
        r"zuschauer(n|innen)?|teilnehmer(n|innen)?|schüler(n|innen)?|student(en|innen)|bürger(n|innen)?|"
        r"mitglieder(n)?|patient(en|innen)|touristen|urlauber(n)?|pilger(n)?|journalist(en|innen)|"
        r"aktivist(en|innen)|randalierer(n)?|täter(n)?|verdächtige(n)?|gläubige(n)?|anhänger(n|innen)?|"
        r"matrosen|bauern|arbeitslose(n)?|obdachlose(n)?|ärzte(n)?|ärztinnen|lehrer(n|innen)?|"
        r"feuerwehrleute|terrorist(en|innen)|extremist(en|innen)|islamist(en|innen)|separatist(en|innen)|"
        r"rebell(en|innen)|aufständische(n)?|milizionäre(n)?|geistliche(n)?|mönche(n)?|nonnen)$", re.I)),
]

#: people named by a demonym ("Amerikaner", "Kanadier", "Chinesen"): the suffix gives the party
DEMONYM = re.compile(r"^(?P<stem>[A-ZÄÖÜ][a-zäöüß]{2,}?)(?P<suffix>aner|ianer|iner|ener|ier|esen)(n|innen)?$")

QUALIFIERS = [
    "bis zu", "rund", "etwa", "ca.", "circa", "zirka", "ungefähr", "mehr als", "über", "mindestens",
    "knapp", "fast", "nahezu", "weniger als", "höchstens", "gut", "annähernd", "schätzungsweise",
    "insgesamt", "weitere", "mehrere", "einige", "zusätzliche", "zusätzlich", "bereits",
]

#: "-er/-ier" nouns that are no demonym: "3.000 Container", "zwei Trainer", "100 Parlamentarier"
NOT_DEMONYM = re.compile(
    r"^(container|trainer|entertainer|diener|parlamentarier|vegetarier|veganer|republikaner|bankier|kavalier|"
    r"offizier|grenadier|füsilier|passagier|hotelier|premier|pionier|kurier|kanonier|musketier|portier|juwelier|"
    r"financier|rentier|gardinen|maschinen)(n|innen|e|en)?$", re.I)

_NUM = r"\d{1,3}(?:[.\u202f\u00a0 ]\d{3})+|\d+(?:,\d+)?"

#: number words; of the short ones only "elf" ("elf Personen"), since "ein"/"eine" are articles
_WORDNUM = "|".join([NUMBER_WORD, *sorted((re.escape(w) for w in NUMBER_WORDS if len(w) > 3 or w == "elf"),
                                          key=len, reverse=True)])

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
    value = number_word_value(low)  # "sechsundfünfzig"
    if value is not None:
        return value * scale
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
