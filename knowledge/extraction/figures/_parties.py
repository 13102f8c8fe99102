"""Whose people a count counts: a nationality adjective, "aus/der + country", or the subject's army.

Countries are read by German word formation, never from a list of one story's countries.
"""

from __future__ import annotations

import re

from knowledge.extraction.figures._counts import DEMONYM, NOT_DEMONYM

#: a count the text gives as a loss to the subject ("hat 20.000 Soldaten verloren"), not one it inflicted
OWN_LOSS = re.compile(r"\b(verlor\w*|verlust\w*|eingebüßt)\b", re.I)

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

#: whose people right after the unit: "Soldaten aus Finnland", "der Slowakei", "der belgischen Armee", "Toten und
#: Verletzten unter den belgischen Truppen"
AFTER_UNIT = re.compile(r"^\s*(?:und\s+[A-ZÄÖÜ]\w+\s+)?(?P<prep>aus|von|der|des|unter)\s+"
                        r"(?:(?P<art>dem|der|den|des)\s+)?(?:(?P<adj>[a-zäöüß]+isch(?:e|en|er|es|em))\s+\S+|(?P<name>[A-ZÄÖÜ][\w\-]+))")

AFTER_UNIT_GENITIVE = re.compile(r"^\s*(?P<name>[A-ZÄÖÜ][\w\-]+?)s\b")

#: a country that sends or loses the soldiers as the subject: "… dass Deutschland 5.000 Soldaten entsendet"
SUBJECT_COUNTRY = re.compile(r"(?:^|\bdass\s+)\s*(?P<name>[A-ZÄÖÜ][\w\-]+)\s+(?!Soldat|Truppe)|"
                             r"\b(?P<name2>[A-ZÄÖÜ][\w\-]+)(?=\s+(?:hat|habe|hatte|hätte|soll|sollen|will|wird|werde|"
                             r"würde|schickt|schickte|entsendet|entsandte|verlegt|verlegte|stationiert|stationierte)\b)|"
                             r"\b(?:hat|habe|hatte|soll|will|wird|schickt|schickte|entsendet|entsandte)\s+"
                             r"(?P<name3>[A-ZÄÖÜ][\w\-]+)\b")



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
