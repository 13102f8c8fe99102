"""Words of questions: folding, stop words, intent cues, and a bilingual glossary of common news words.

Users type in German or English, in lower case, without umlauts and with typos; the claims
are German. Everything that is compared is folded the same way (`fold_query`), and English
topic words are mapped to German stems so "escalation" finds "Eskalation". The word lists are
data (data/question_words.yaml), general language only, folded here once at import.
"""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path
from typing import Any

import yaml

WORDS_FILE = Path(__file__).with_name("data") / "question_words.yaml"
_UMLAUT_DIGRAPHS = (("ae", "a"), ("oe", "o"), ("ue", "u"))


def fold_query(text: str) -> str:
    """Lowercase, no accents, umlaut digraphs collapsed: 'Südkorea', 'Suedkorea', 'sudkorea' all agree."""
    text = text.lower().replace("ß", "ss")
    text = unicodedata.normalize("NFKD", text)
    text = "".join(c for c in text if not unicodedata.combining(c))
    for a, b in _UMLAUT_DIGRAPHS:
        text = text.replace(a, b)
    return text


def words(text: str) -> list[str]:
    return re.findall(r"[\w][\w.\-]*[\w]|[\w]", fold_query(text))


def _load() -> dict[str, Any]:
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    with WORDS_FILE.open(encoding="utf-8") as handle:
        data: dict[str, Any] = yaml.load(handle, Loader=loader)
    return data


def _folded(cues: list[str]) -> tuple[str, ...]:
    """Cue lists are compared with folded questions, so they are folded the same way (once each)."""
    return tuple(dict.fromkeys(fold_query(c) for c in cues))


_DATA = _load()
#: Words that mark a question's language.
GERMAN_MARKERS = frozenset(fold_query(w) for w in _DATA["german_markers"])
ENGLISH_MARKERS = frozenset(w.lower() for w in _DATA["english_markers"])  # folding would make "does" "dos"
#: Verbs that ask for statements of one stance ("Who denied …?"), folded, with the stance they ask for.
STANCE_WORDS = {fold_query(w): stance for stance, ws in _DATA["stance_words"].items() for w in ws}
#: Words of questions that name no topic (a stance verb says how, not what about).
STOP = frozenset(fold_query(w) for w in _DATA["stop"]) | frozenset(STANCE_WORDS)
#: General function and question words of both languages that say nothing about a question's subject.
FUNCTION_WORDS = frozenset(fold_query(w) for w in _DATA["function_words"])
#: English topic words -> German stems found in the claims (folded).
BILINGUAL = {k: [fold_query(s) for s in v] for k, v in _DATA["bilingual"].items()}
#: English names of offices and bodies -> the German words the documents use (folded), tried in order.
ROLE_TERMS = [(english, german) for english, german in _DATA["role_terms"]]
#: the one-word English offices of ROLE_TERMS ("coach", "spokesman"): "frankfurts coach" describes somebody
ENGLISH_OFFICES = frozenset(english for english, _german in ROLE_TERMS if english.isalpha())
#: Words that ask "how many", and count nouns by the figure measure they mean.
FIGURE_CUES = _folded(_DATA["figure_cues"])
MEASURE_WORDS = {k: _folded(v) for k, v in _DATA["measure_words"].items()}
_MEASURE_AT_WORD_START = {k: re.compile(r"\b(?:" + "|".join(re.escape(w.strip()) for w in v) + ")")
                          for k, v in MEASURE_WORDS.items()}


def measure_word(folded: str, measure: str | None = None) -> bool:
    """Whether the folded text names what a measure counts, at a word's start ("Soldaten", "Bodentruppen" is
    "truppe" inside, but "Bachmann" is no "Mann"), of one measure or any."""
    patterns = [_MEASURE_AT_WORD_START[measure]] if measure else list(_MEASURE_AT_WORD_START.values())
    return any(p.search(folded) for p in patterns)
HELP_CUES = _folded(_DATA["help_cues"])
SOURCE_LIST_CUES = _folded(_DATA["source_list_cues"])
QUOTED_IN_CUES = _folded(_DATA["quoted_in_cues"])
WHO_CUES = _folded(_DATA["who_cues"])
SAID_CUES = _folded(_DATA["said_cues"])
TOPIC_CUES = _folded(_DATA["topic_cues"])

#: Nouns that name things the store never counts (so "how many tanks" gets an honest "nothing").
OTHER_COUNT_NOUNS = re.compile(
    r"\b(panzer|tanks?|kampfjets?|jets?|flugzeuge?|planes?|aircraft|raketen?|missiles?|drohnen?|drones?|granaten|"
    r"shells|schiffe?|ships?|container\w*|geschutze?|guns?|waffen|weapons|dollar|euro|milliarden|billion|"
    r"menschen|people|zivilisten|civilians|fluchtlinge|refugees|kilometer|km|prozent|percent)\b"
)


def translate_role(folded: str) -> str:
    """An English office in a question ("foreign minister") in the German words documents use."""
    text = f" {folded} "
    for english, german in ROLE_TERMS:
        text = text.replace(f" {english}", f" {german}")
    return " ".join(text.split()).replace("- ", "-")


def _load_translations() -> dict[str, list[str]]:
    path = Path(__file__).resolve().parent / "data" / "english_german.tsv"
    found: dict[str, list[str]] = {}
    if path.exists():
        for line in path.read_text(encoding="utf-8").splitlines():
            if line and not line.startswith("#"):
                word, _tab, german = line.partition("\t")
                found[word] = [fold_query(g) for g in german.split()]
    return found


#: English words with their German translations (knowledge/training/english_german.py)
ENGLISH_GERMAN = _load_translations()


def with_translations(word: str) -> str:
    """An English question word with its German translations as alternatives ("envy|neid"), for word scores: the
    learned list's, then the glossary's ("prisoners" → "gefangen", "häftling")."""
    learned = ENGLISH_GERMAN.get(word, [])
    german = [*learned, *(g for g in BILINGUAL.get(word, ()) if g not in learned)]
    return "|".join([word, *german]) if german else word
