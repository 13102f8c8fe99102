"""Neighbouring words of every claim, so a quoted phrase finds its claims without scoring them all.

A phrase a speaker actually said keeps most of its words next to each other even when the
asker mistypes one or gets an ending wrong, so the claims that hold some neighbouring pair of
the phrase's words (each as written, with a typo, or inside a compound) are the ones worth
scoring. Pairs are kept as one sorted int64 array (first word id in the high 32 bits), which
costs 12 bytes per pair and answers any number of pairs with two binary searches.
"""

from __future__ import annotations

from array import array
from itertools import pairwise

import numpy as np


class WordPairs:
    """Claim positions by pair of neighbouring word ids."""

    def __init__(self) -> None:
        self._keys = array("q")
        self._positions = array("i")
        self.keys = np.zeros(0, dtype=np.int64)
        self.positions = np.zeros(0, dtype=np.int32)

    def add(self, position: int, word_ids: list[int]) -> None:
        keys, positions = self._keys, self._positions
        for first, second in pairwise(word_ids):
            keys.append(first << 32 | second)
            positions.append(position)

    def freeze(self) -> None:
        """Sort what was added; call once, after the last `add`."""
        keys = np.frombuffer(self._keys, dtype=np.int64)
        order = np.argsort(keys, kind="stable")
        self.keys = keys[order]
        self.positions = np.frombuffer(self._positions, dtype=np.int32)[order]
        self._keys, self._positions = array("q"), array("i")

    def holding(self, firsts: np.ndarray, seconds: np.ndarray) -> np.ndarray:
        """Positions (unsorted, repeats possible) of claims where a word of `firsts` is followed by one of `seconds`."""
        if not firsts.size or not seconds.size:
            return np.zeros(0, dtype=np.int32)
        wanted = ((firsts.astype(np.int64)[:, None] << 32) | seconds.astype(np.int64)[None, :]).ravel()
        lo = np.searchsorted(self.keys, wanted, side="left")
        hi = np.searchsorted(self.keys, wanted, side="right")
        found = lo < hi
        if not found.any():
            return np.zeros(0, dtype=np.int32)
        return np.concatenate([self.positions[a:b] for a, b in zip(lo[found], hi[found], strict=True)])
