"""Direct quotations: paired quotation marks in every style German text uses.

„…“ and „…” (German), »…« (German books and magazines), «…» (Swiss), "…" (typewriter),
“…” (English), with ‚…‘ and ›…‹ nested inside. A quote may span sentences; an opening
mark without a closing one is dropped rather than guessed, except where it opens a quote that
runs to the end of the paragraph (the news convention for quotes continued below).
"""

from __future__ import annotations

from dataclasses import dataclass

#: opening mark -> the marks that may close it
PAIRS: dict[str, str] = {
    "„": "“”\"",
    "»": "«",
    "«": "»",
    "“": "”\"",
    '"': '"',
    "‚": "‘’'",
    "›": "‹",
}
OPENERS = frozenset(PAIRS)
CLOSERS = frozenset("“”\"«»‘’'‹")
ALL_MARKS = "„“”‟\"«»‚‘’‹›"


@dataclass(frozen=True, slots=True)
class QuoteSpan:
    """[start, end) covers the marks; inner_* excludes them."""

    start: int
    end: int
    depth: int

    @property
    def inner_start(self) -> int:
        return self.start + 1

    @property
    def inner_end(self) -> int:
        return self.end - 1


def _is_apostrophe(text: str, i: int) -> bool:
    before = text[i - 1] if i > 0 else " "
    after = text[i + 1] if i + 1 < len(text) else " "
    return before.isalnum() and after.isalnum()


def find_quotes(text: str) -> list[QuoteSpan]:
    """All quotation spans of a paragraph, outermost and nested, sorted by start."""
    spans: list[QuoteSpan] = []
    stack: list[tuple[str, int]] = []
    for i, ch in enumerate(text):
        if ch not in OPENERS and ch not in CLOSERS:
            continue
        if ch in "'’‘" and _is_apostrophe(text, i):
            continue
        if stack and ch in PAIRS[stack[-1][0]]:
            opener, at = stack.pop()
            spans.append(QuoteSpan(at, i + 1, len(stack)))
            continue
        # a closer of an outer quote closes it even if an inner quote was left open
        outer = next((k for k in range(len(stack) - 1, -1, -1) if ch in PAIRS[stack[k][0]]), None)
        if outer is not None and ch not in OPENERS:
            opener, at = stack[outer]
            del stack[outer:]
            spans.append(QuoteSpan(at, i + 1, outer))
            continue
        if ch in OPENERS:
            if ch in "‚'" and not stack:
                continue  # a lone low single mark is a comma-like glyph or apostrophe, not a quote
            if ch == "“" and stack and stack[-1][0] == "„":
                continue
            stack.append((ch, i))
    # An unclosed opener with no quote nested after it runs to the end of the paragraph.
    for opener, at in stack:
        if opener in "‚'‘":
            continue
        if any(s.start > at for s in spans):
            continue
        end = len(text.rstrip())
        if end - at > 20:
            spans.append(QuoteSpan(at, end, 0))
        break
    spans.sort(key=lambda s: (s.start, -s.end))
    return spans


def outermost(spans: list[QuoteSpan]) -> list[QuoteSpan]:
    """Quotes not contained in another quote."""
    result: list[QuoteSpan] = []
    for span in spans:
        if result and span.start < result[-1].end:
            continue
        result.append(span)
    return result


def strip_marks(text: str) -> str:
    return text.strip().strip(ALL_MARKS).strip()
