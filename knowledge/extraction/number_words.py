"""German numbers written as words, compounds included: news writes small counts out ("sechsundfünfzig
Verletzte", "zweihundert Demonstranten"), and a list of words would miss most of them."""

from __future__ import annotations

import re

_UNITS = {"ein": 1, "zwei": 2, "drei": 3, "vier": 4, "fünf": 5, "sechs": 6, "sieben": 7, "acht": 8, "neun": 9}
_TEENS = {"zehn": 10, "elf": 11, "zwölf": 12, "dreizehn": 13, "vierzehn": 14, "fünfzehn": 15, "sechzehn": 16,
          "siebzehn": 17, "achtzehn": 18, "neunzehn": 19}
_TENS = {"zwanzig": 20, "dreißig": 30, "vierzig": 40, "fünfzig": 50, "sechzig": 60, "siebzig": 70, "achtzig": 80,
         "neunzig": 90}


def _any(words: dict[str, int]) -> str:
    return "|".join(sorted(words, key=len, reverse=True))


_BELOW_100 = rf"(?:(?:{_any(_UNITS)})und)?(?:{_any(_TENS)})|{_any(_TEENS)}|{_any(_UNITS)}"
_BELOW_1000 = rf"(?:{_any(_UNITS)})?hundert(?:und)?(?:{_BELOW_100})?|{_BELOW_100}"
#: a number word, as a regular expression (not "ein", which is the article)
NUMBER_WORD = rf"(?!ein\b)(?:(?:{_BELOW_1000})?tausend(?:und)?(?:{_BELOW_1000})?|{_BELOW_1000})"
_WHOLE = re.compile(NUMBER_WORD, re.I)


def number_word_value(word: str) -> int | None:
    """The value of a German number word ("sechsundfünfzig" → 56, "zweitausendfünfhundert" → 2500), else None."""
    low = word.lower()
    if not _WHOLE.fullmatch(low):
        return None
    thousands, mark, rest = low.partition("tausend")
    if not mark:
        return _below_1000(low)
    return (_below_1000(thousands) if thousands else 1) * 1000 + (_below_1000(rest.removeprefix("und")) if rest
                                                                    else 0)


def _below_1000(word: str) -> int:
    hundreds, mark, rest = word.partition("hundert")
    if not mark:
        return _below_100(word)
    return (_UNITS[hundreds] if hundreds else 1) * 100 + (_below_100(rest.removeprefix("und")) if rest else 0)


def _below_100(word: str) -> int:
    for table in (_UNITS, _TEENS, _TENS):
        if word in table:
            return table[word]
    unit, _and, tens = word.partition("und")
    return _UNITS[unit] + _TENS[tens]
