"""Words of texts and questions for lookups: stems, the words worth looking up, and folded words → the texts
holding them (`WordIndex`), shared by the meaning search and the answer index."""

from __future__ import annotations

import math
import re
from bisect import bisect_left, bisect_right
from typing import Any

import numpy as np

from knowledge.extraction.lexicon import ADVERBS, DETERMINERS, PREPOSITIONS, SUBORDINATORS
from knowledge.vocabulary import FUNCTION_WORDS, STOP, fold_query

_WORD = re.compile(r"\w+")

_SUFFIXES = ("ungen", "ung", "ern", "en", "er", "es", "em", "e", "s", "n", "ed", "ing")


def stem(word: str) -> str:
    """A folded word without its inflection ("Gründung" → "grund"), for prefix lookups."""
    w = word
    for suffix in _SUFFIXES:
        if len(w) - len(suffix) >= 4 and w.endswith(suffix):
            w = w[: -len(suffix)]
            break
    if w.endswith(("et", "te")) and len(w) >= 7:
        w = w[:-2]
    return w


IGNORED_WORDS = STOP | FUNCTION_WORDS | {fold_query(w) for w in ADVERBS | DETERMINERS | PREPOSITIONS | SUBORDINATORS}


def question_words(text: str) -> list[str]:
    """The words of a question worth looking up: no function or question words, at least three letters."""
    found = []
    for word in _WORD.findall(fold_query(text)):
        if len(word) >= 3 and word not in IGNORED_WORDS and not word.isdigit() and word not in found:
            found.append(word)
    return found


#: words whose positions a `WordIndex` keeps
WORDS_KEPT = 64


class WordIndex:
    """Folded words → positions of the texts holding them; a stem finds every word it begins."""

    def __init__(self, texts: list[str]) -> None:
        postings: dict[str, list[int]] = {}
        for i, text in enumerate(texts):
            for word in set(_WORD.findall(fold_query(text))):
                if len(word) >= 3:
                    postings.setdefault(word, []).append(i)
        self.size = max(len(texts), 1)
        self.vocabulary = sorted(postings)
        self.postings = {w: np.array(p, dtype=np.int32) for w, p in postings.items()}

    def holding(self, word: str) -> np.ndarray:
        """Positions of the texts with a word starting with the word's stem (exactly the word if short);
        a participle is looked up without its "ge-" too ("gegründet" finds "Gründung"). The last few words'
        positions are kept: a question looks its words up in several scores, and a common stem joins many
        lists of positions (not to be changed by the caller)."""
        kept: dict[str, np.ndarray] = self.__dict__.setdefault("_found", {})
        found = kept.get(word)
        if found is None and "|" in word:  # a word and its translations ("envy|neid"), joined by a mask
            mask = np.zeros(self.size + 1, dtype=bool)
            for part in word.split("|"):
                if part:
                    mask[self.holding(part)] = True
            found = np.flatnonzero(mask).astype(np.int32)
            make_room(kept, WORDS_KEPT)
            kept[word] = found
        elif found is None:
            found = self._holding(word)
            if word.startswith("ge") and word.endswith(("t", "en")) and len(word) >= 8:
                found = np.union1d(found, self._holding(word[2:])).astype(np.int32)
            make_room(kept, WORDS_KEPT)
            kept[word] = found
        return found

    def holding_inside(self, part: str) -> np.ndarray:
        """Positions of the texts with a word holding `part` anywhere ("lehrerarbeitszeitkonten" for
        "arbeitszeitkonten"); kept like `holding`'s."""
        kept: dict[str, np.ndarray] = self.__dict__.setdefault("_found", {})
        key = "~" + part
        found = kept.get(key)
        if found is None:
            arrays = [self.postings[w] for w in self.words_containing(part)]
            found = np.unique(np.concatenate(arrays)).astype(np.int32) if arrays else np.zeros(0, dtype=np.int32)
            make_room(kept, WORDS_KEPT)
            kept[key] = found
        return found

    def holds_inside(self, part: str) -> bool:
        """Whether some word of the texts holds `part` anywhere, the tail of a compound too ("arbeitszeitkonten" in
        "lehrerarbeitszeitkonten")."""
        return part in self._joined()[0]

    def _joined(self) -> tuple[str, list[int]]:
        """The vocabulary as one text, words apart by newlines, and where each word starts: a search of the text
        finds the words holding a part at C speed."""
        joined = self.__dict__.get("_joined_text")
        if joined is None:
            starts, at = [], 0
            for word in self.vocabulary:
                starts.append(at)
                at += len(word) + 1
            joined = self.__dict__["_joined_text"] = ("\n".join(self.vocabulary), starts)
        return joined

    def words_containing(self, part: str) -> list[str]:
        """The vocabulary's words holding `part` anywhere, in sorted order."""
        text, starts = self._joined()
        return words_inside(part, self.vocabulary, text, starts)

    def _holding(self, word: str) -> np.ndarray:
        part = stem(word)
        if len(part) < 4:
            found = self.postings.get(word)
            return found if found is not None else np.zeros(0, dtype=np.int32)
        arrays = []
        for k in range(bisect_left(self.vocabulary, part), len(self.vocabulary)):
            if not self.vocabulary[k].startswith(part):
                break
            arrays.append(self.postings[self.vocabulary[k]])
            if len(arrays) > 200:  # a stem this common tells nothing
                return np.zeros(0, dtype=np.int32)
        return np.unique(np.concatenate(arrays)) if arrays else np.zeros(0, dtype=np.int32)

    def share(self, words: list[str]) -> tuple[np.ndarray, float]:
        """Per text, the summed weight (idf) of the words it holds, over the words' total weight.

        A word no text holds still counts in the total: a question about "Bitcoin" that only matches
        on "talked" is mostly unanswered. Also returns the share of the question's weight found anywhere.
        """
        scores = np.zeros(self.size, dtype=np.float32)
        total = found_anywhere = 0.0
        for word in words:
            positions = self.holding(word)
            weight = math.log(1 + self.size / (1 + positions.size))
            total += weight
            if positions.size:
                scores[positions] += weight
                found_anywhere += weight
        if not total:
            return scores, 1.0
        return scores / total, found_anywhere / total


def words_inside(part: str, vocabulary: list[str], text: str, starts: list[int]) -> list[str]:
    """The words of a sorted vocabulary holding `part`, found by searching `text` (the words joined by newlines,
    `starts` where each begins) at C speed."""
    found: list[str] = []
    at = text.find(part)
    while at != -1:
        k = bisect_right(starts, at) - 1
        found.append(vocabulary[k])
        if k + 1 >= len(starts):
            break
        at = text.find(part, starts[k + 1])
    return found


def make_room(kept: dict[Any, Any], size: int) -> None:
    """Drop the oldest entries of a cache so that one more fits; safe while other threads add to it."""
    for key in list(kept)[: max(len(kept) - size + 1, 0)]:
        kept.pop(key, None)
