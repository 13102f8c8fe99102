"""Looking words and phrases up in the claims: stems, compounds, typos and pairs of neighbouring words.

A part of `KnowledgeIndex` (its base class), kept apart because it is one concern: from a folded word or
phrase of a question to the sorted positions of the claims that hold it.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from itertools import pairwise

import numpy as np

from knowledge.folding import Choices
from knowledge.model import Claim
from knowledge.vocabulary import fold_query
from knowledge.word_index import words_inside
from knowledge.word_pairs import WordPairs

# the pattern of `vocabulary.words`, applied to text folded once per claim
WORD = re.compile(r"[\w][\w.\-]*[\w]|[\w]")
LETTERS = re.compile(r"\w+")
#: claims a quoted phrase's rare words may bring in for scoring, beyond those holding its word pairs
PHRASE_BUDGET = 1000


class WordLookups:
    """Lookups over the word tables that `knowledge.index_build` fills in."""

    claims: list[Claim]
    by_word: dict[str, np.ndarray]
    vocabulary: list[str]
    folded: list[str]
    folded_scope: dict[int, str]
    position: dict[int, int]
    _vocabulary_text: str
    _vocabulary_starts: list[int]
    _vocabulary_choices: Choices
    _word_ids: dict[str, int]
    _pairs: WordPairs
    _scope_words: dict[str, list[int]]

    def claims_with_stem(self, stem: str) -> np.ndarray:
        """Claims (sorted positions) with a word starting with (or, for long stems, containing) the folded stem."""
        return self._union(self.words_with(stem, contains=len(stem) >= 5))

    def has_stem(self, stem: str) -> bool:
        return bool(self.words_with(stem, contains=len(stem) >= 5))

    def _union(self, words: list[str] | set[str]) -> np.ndarray:
        return self.union([self.by_word[w] for w in words if w in self.by_word])

    def union(self, arrays: list[np.ndarray]) -> np.ndarray:
        """Sorted positions in any of the arrays; a mask over all claims beats sorting once they are many."""
        if len(arrays) <= 1:
            return arrays[0] if arrays else np.zeros(0, dtype=np.int32)
        if sum(len(a) for a in arrays) * 16 < len(self.claims):
            return np.unique(np.concatenate(arrays))
        mask = np.zeros(len(self.claims), dtype=bool)
        for a in arrays:
            mask[a] = True
        return np.flatnonzero(mask).astype(np.int32)

    def words_with(self, part: str, *, contains: bool) -> list[str]:
        """Vocabulary words starting with `part` (or containing it), in sorted order."""
        vocabulary = self.vocabulary
        if contains and "\n" not in part:
            return words_inside(part, vocabulary, self._vocabulary_text, self._vocabulary_starts)
        found = []
        for k in range(bisect_left(vocabulary, part), len(vocabulary)):
            if not vocabulary[k].startswith(part):
                break
            found.append(vocabulary[k])
        return found

    def phrase_candidates(self, needle: str) -> np.ndarray:
        """Positions, ascending, of the claims worth scoring against the folded phrase.

        A "similar" word is the word itself, a word holding it (a compound), or, for a word no
        claim has, one a typo away (fuzz.ratio >= 75). Kept are the claims holding a third of the
        phrase's pairs of neighbouring words (at least one pair), each word similar, and the claims
        holding a word similar to one of the phrase's rare words that make up a quarter of it or more,
        rarest first, while those number no more than PHRASE_BUDGET. A phrase of common words is thus
        found by its word pairs, a distinctive word by itself.
        """
        tokens = WORD.findall(needle)
        similar = [self._similar_words(t) for t in tokens]
        ids = self._word_ids
        as_ids = [np.array(sorted(ids[w] for w in words), dtype=np.int64) for words in similar]
        per_pair = [np.unique(self._pairs.holding(a, b)) for a, b in pairwise(as_ids)]
        parts = []
        if per_pair:
            held, count = np.unique(np.concatenate(per_pair), return_counts=True)
            parts.append(held[count >= max(1, len(per_pair) // 3)])
        budget = PHRASE_BUDGET
        rare = [words for token, words in zip(tokens, similar, strict=True) if 4 * len(token) >= len(needle)]
        for found in sorted((self._union(words) for words in rare), key=len):
            if len(found) > budget:
                break
            parts.append(found)
            budget -= len(found)
        return self.union(parts)

    def _similar_words(self, word: str) -> set[str]:
        """The word, words holding it (as a prefix, or anywhere for 5+ letters), and, for a word
        no claim has, the words a typo away (fuzz.ratio >= 75): the asker mistyped it."""
        found = {word} if word in self._word_ids else set()
        if len(word) >= 3:
            found.update(self.words_with(word, contains=len(word) >= 5))
            if word not in self._word_ids:
                found.update(choice for choice, _score, _pos in self._vocabulary_choices.ratio(word, 75, None))
        return found

    def positions_containing(self, part: str) -> np.ndarray | None:
        """Claims (sorted positions) whose folded text or figure scope contains `part`, for parts of
        3+ word characters, else None.

        Such a part lies inside one word of the text or scope, so the words containing it find the claims.
        """
        if len(part) < 3 or not LETTERS.fullmatch(part):
            return None
        arrays = [self.by_word[w] for w in self.words_with(part, contains=True)]
        arrays += [np.array(found, dtype=np.int32) for w, found in self._scope_words.items() if part in w]
        return self.union(arrays)

    def utterance(self, i: int) -> str:
        """The words of claim i, folded, without quotation marks, elisions or punctuation: two claims
        holding the same utterance compare equal or one inside the other."""
        return " ".join(LETTERS.findall(self.folded[i]))

    def matches_words(self, claim: Claim, stems: list[str]) -> bool:
        """Whether the folded text (and figure scope) of the claim contains one of the stems."""
        i = self.position.get(id(claim))
        if i is None or self.claims[i] is not claim:
            hay = fold_query(f"{claim.text} {claim.figure.scope if claim.figure and claim.figure.scope else ''}")
            return any(s in hay for s in stems)
        text, scope = self.folded[i], self.folded_scope.get(i, "")
        for s in stems:
            if " " in s:  # may span text and scope: the whole haystack, as fold_query makes it
                if s in f"{text} {scope}":
                    return True
            elif s in text or s in scope:
                return True
        return False
