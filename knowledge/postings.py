"""Word → positions tables in one array, so that a kept index loads without a numpy object per word.

An index of 850 documents has some 50,000 such arrays; unpickled one by one they take a fifth of a
second, as slices of one array a few milliseconds.
"""

from __future__ import annotations

import numpy as np

Packed = tuple[list[str], np.ndarray, np.ndarray]


def pack(postings: dict[str, np.ndarray]) -> Packed:
    """The words, where each one's positions end, and all positions one after another."""
    words = list(postings)
    arrays = [postings[w] for w in words]
    ends = np.cumsum([len(a) for a in arrays], dtype=np.int64)
    flat = np.concatenate(arrays) if arrays else np.zeros(0, dtype=np.int32)
    return words, ends, flat


def unpack(packed: Packed) -> dict[str, np.ndarray]:
    words, ends, flat = packed
    starts = [0, *ends[:-1].tolist()]
    return {w: flat[a:b] for w, a, b in zip(words, starts, ends.tolist(), strict=True)}
