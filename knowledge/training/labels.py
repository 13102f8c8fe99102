"""Gold labels for extracted claims: where a claim stands in its document and which annotation it meets."""

from __future__ import annotations

import re

from knowledge.model import Claim

Span = tuple[int, int]
QUOTES = "„“”‟\"«»‚‘’‹›'`´"


def paragraph_offsets(text: str) -> list[int]:
    """Character offset of every non-empty line (the citation paragraphs) in the document."""
    offsets, start = [], 0
    for line in text.splitlines(keepends=True):
        if line.strip():
            offsets.append(start)
        start += len(line)
    return offsets


def claim_spans(claim: Claim, text: str, offsets: list[int]) -> list[Span]:
    """Document character spans of the claim's text pieces (pieces joined by […] are found one by one)."""
    if not 1 <= claim.paragraph <= len(offsets):
        return []
    base = offsets[claim.paragraph - 1]
    end = text.find("\n", base)
    line = text[base:end if end >= 0 else len(text)]
    spans = []
    for piece in re.split(r"\[…\]|\[\.\.\.\]", claim.text):
        piece = piece.strip(" " + QUOTES)
        if len(piece) >= 3 and (at := line.find(piece)) >= 0:
            spans.append((base + at, base + at + len(piece)))
    return spans


def overlap(a: list[Span] | tuple[Span, ...], b: list[Span] | tuple[Span, ...]) -> int:
    return sum(max(0, min(e1, e2) - max(b1, b2)) for b1, e1 in a for b2, e2 in b)
