"""Folding text for comparison, and fuzzy lookup of many strings, as the index and the questions share them."""

from __future__ import annotations

import re
import unicodedata
from collections import defaultdict

from rapidfuzz import fuzz, process

from knowledge.vocabulary import fold_query


def body_key(name: str) -> str:
    """A body's name folded and without a genitive ending, as questions and labels may inflect it
    differently ("des Ministeriums", "das Ministerium")."""
    folded = fold_query(name)
    for ending in ("es", "s"):
        if folded.endswith(ending) and len(folded) - len(ending) >= 4 and folded[-len(ending) - 1] not in "aeiou":
            return folded[: -len(ending)]
    return folded


class _Marks(dict):
    """str.translate table dropping combining marks (filled in as characters are met)."""

    def __missing__(self, code: int) -> int | None:
        value = None if unicodedata.combining(chr(code)) else code
        self[code] = value
        return value


_COMBINING = _Marks()


def fold(text: str) -> str:
    """Exactly `vocabulary.fold_query`, with the accent stripping done by str.translate."""
    text = unicodedata.normalize("NFKD", text.lower().replace("ß", "ss"))
    if not text.isascii():
        text = text.translate(_COMBINING)
    return text.replace("ae", "a").replace("oe", "o").replace("ue", "u")


class Choices:
    """Strings for fuzzy lookup, deduplicated and bucketed by length.

    `ratio` returns what `process.extract(query, choices, scorer=fuzz.ratio, score_cutoff=cutoff,
    limit=limit)` returns, scoring each distinct string once and only strings whose length can
    reach the cutoff (fuzz.ratio <= 200 * min(n, m) / (n + m)); ties keep choice order, as there.
    """

    def __init__(self, choices: list[str]) -> None:
        self.choices = choices
        self.positions: dict[str, list[int]] = {}
        for pos, choice in enumerate(choices):
            self.positions.setdefault(choice, []).append(pos)
        self.by_length: dict[int, list[str]] = defaultdict(list)
        for choice in self.positions:
            self.by_length[len(choice)].append(choice)

    def ratio(self, query: str, cutoff: float, limit: int | None) -> list[tuple[str, float, int]]:
        n = len(query)
        hits: list[tuple[float, int]] = []
        for m, strings in self.by_length.items():
            if n + m and 200 * min(n, m) / (n + m) + 1e-6 < cutoff:
                continue
            for choice, score, _ in process.extract(query, strings, scorer=fuzz.ratio, score_cutoff=cutoff,
                                                    limit=None):
                positions = self.positions[choice]
                hits.extend((score, pos) for pos in (positions if limit is None else positions[:limit]))
        hits.sort(key=lambda h: (-h[0], h[1]))
        return [(self.choices[pos], score, pos) for score, pos in hits[:limit]]



def nationalities(folded: str) -> set[str]:
    return {m.group(1) for m in re.finditer(r"([a-z\-]+isch)(?:e|en|er|es|em)?\b", folded)}
