"""What single words tell: a capitalised word, a first name and its gender, an adjective, a time adverbial."""

from __future__ import annotations

import re
from functools import lru_cache

import gender_guesser.detector as gender_detector
import simplemma

from knowledge.extraction.cues import AUXILIARIES, lemma
from knowledge.extraction.lexicon import DETERMINERS, PREPOSITIONS, SUBORDINATORS, WEEKDAYS
from knowledge.extraction.text import Token

NAME_PARTICLES = frozenset([
    "von", "van", "de", "da", "di", "del", "du", "la", "le", "al", "el", "bin", "ibn", "zu", "ten", "ter", "of",
    "on", "for", "the", "and", "y",
])

#: nouns that end a name: "das Weiße Haus Anfang dieses Monats"
NOT_NAME_NOUNS = frozenset([
    "anfang", "ende", "mitte", "beginn", "zeit", "jahr", "jahres", "woche", "monat", "monats", "tag", "tages",
])

MONTHS = frozenset({"januar", "februar", "märz", "april", "mai", "juni", "juli", "august", "september", "oktober",
                    "november", "dezember"})

AGE_NOUN = re.compile(r"\d+-[jJ]ährige[nr]?")

_ADJ_ENDINGS = ("e", "en", "er", "es", "em")

_NOT_ADJ = frozenset([
    "sich", "nicht", "nur", "noch", "auch", "schon", "wieder", "sehr", "diese", "dieser", "dieses", "jene", "jener",
])



@lru_cache(maxsize=1)
def _first_names() -> gender_detector.Detector:
    return gender_detector.Detector(case_sensitive=True)



def first_name_gender(word: str) -> str | None:
    """'m', 'f' or None when the word is not a known first name."""
    g = _first_names().get_gender(word)
    if g in ("male", "mostly_male"):
        return "m"
    if g in ("female", "mostly_female"):
        return "f"
    if g == "andy":
        return "?"
    return None



ARABIC_ARTICLE = re.compile(r"(?:al|el|ad|ar|as|at|an|ash)-[A-ZÄÖÜ]")

#: A noun compound led by a lowercase brand or acronym: "dpa-Korrespondent", "verdi-Verhandlungsführer".
LOWER_LED_COMPOUND = re.compile(r"[a-zäöü]{2,}-[A-ZÄÖÜ][a-zäöüß]{2,}")



def is_capitalised_word(tok: Token) -> bool:
    t = tok.text
    return (t[:1].isupper() and any(c.isalpha() for c in t)) or bool(ARABIC_ARTICLE.match(t)) \
        or bool(LOWER_LED_COMPOUND.fullmatch(t))  # "al-Dschasira"



def is_domain_name(tok: Token) -> bool:
    return bool(re.fullmatch(r"[a-z0-9\-]+(\.[a-z]{2,6})+", tok.text.lower())) and "." in tok.text



@lru_cache(maxsize=16384)
def _known_word(word: str) -> bool:
    return simplemma.is_known(word, lang="de")


def looks_adjective(tok: Token) -> bool:
    low = tok.lower
    if low in _NOT_ADJ or low in DETERMINERS or low in PREPOSITIONS or low in SUBORDINATORS:
        return False
    if re.fullmatch(r"\d+-jährige[nmrs]?", tok.text):
        return True  # "der 84-jährige Küng"
    if not low.isalpha() and not re.fullmatch(r"[a-zäöüß]+(-[a-zäöüß]+)*|[A-ZÄÖÜ0-9]+-[a-zäöüß]+", tok.text):
        return False
    # lowercase inflected word, or a hyphenated "US-amerikanische"
    core = tok.text.split("-")[-1]
    if not (core[:1].islower() and low.endswith(_ADJ_ENDINGS) and len(low) > 3):
        return False
    # inflected verbs look like adjectives ("erklärte"); their lemma is an infinitive
    lem = lemma(core)
    if low in AUXILIARIES or (lem == core.lower() and lem.endswith("en") and _known_word(lem)):
        return False  # "waren", "gewinnen": a verb, not an attributive adjective, which is never uninflected
    return not (lem != core.lower() and lem.endswith(("en", "ern", "eln")) and not core.lower().startswith(lem))



def is_time_phrase(tokens: list[Token], i: int) -> int:
    """Length of a time adverbial starting at i ("am Montag", "letzte Woche"), 0 when none."""
    n = len(tokens)
    if i + 1 < n and tokens[i].lower in ("am", "im", "vom", "seit") and (
            tokens[i + 1].lower in WEEKDAYS or tokens[i + 1].text[:1].isdigit()):
        k = i + 2
        while k < n and (tokens[k].text[:1].isdigit() or tokens[k].text in (".",) or tokens[k].lower in (
                "januar", "februar", "märz", "april", "mai", "juni", "juli", "august", "september",
                "oktober", "november", "dezember")):
            k += 1
        return k - i
    if i + 1 < n and tokens[i].lower in ("letzte", "letzten", "vergangene", "vergangenen", "diese", "dieser",
                                         "kommende", "nächste") and (
            tokens[i + 1].lower in ("woche", "monat", "jahr", "jahres", "wochenende", "tage")
            or tokens[i + 1].lower in MONTHS):
        return 2
    if i + 1 < n and tokens[i].lower in ("ende", "anfang", "mitte") and (
            tokens[i + 1].lower in MONTHS or tokens[i + 1].lower in ("des", "der", "dieses", "vergangenen", "letzten")):
        k = i + 2 if tokens[i + 1].lower in MONTHS else i + 3
        while k < n and tokens[k].text[:1].isdigit():
            k += 1
        return min(k, n) - i
    if i < n and tokens[i].lower in WEEKDAYS:
        return 1
    return 0
