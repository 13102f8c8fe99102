"""A main clause joined by a comma names its own subject: "X wies das zurück, die Sprecherin der Fraktion, Y,
erklärte: …"."""

from __future__ import annotations

from knowledge.extraction.attribution._clauses import BOUNDARIES, RELATIVES
from knowledge.extraction.attribution._subjects import _speakerlike, plausible_speaker
from knowledge.extraction.lexicon import ADVERBS, DETERMINERS, PREPOSITIONS
from knowledge.extraction.mentions import (
    Mention,
    classify,
    is_capitalised_word,
    looks_adjective,
    merge_appositions,
    np_extent,
)
from knowledge.extraction.text import Token


def _noun_phrase_segments(tokens: list[Token], left: int, inside: list[bool]) -> list[list[Token]]:
    """The comma-separated noun phrases right before token `left` ("…, die Sprecherin der Fraktion, Anna
    Berg (SPD), erklärte"), nearest last; empty unless a clause (not a phrase) stands before the first."""
    segments: list[list[Token]] = []
    end = left - 1
    while end > 0 and tokens[end].text == "," and not inside[end] and len(segments) < 3:
        start = end
        while start > 0 and not (tokens[start - 1].text in BOUNDARIES - {"(", ")"} and not inside[start - 1]):
            start -= 1
        segment = tokens[start:end]
        bare = segment[:-3] if len(segment) > 3 and segment[-3].text == "(" and segment[-1].text == ")" else segment
        if not bare or inside[start] or bare[0].lower in RELATIVES - DETERMINERS \
                or np_extent(bare, 0) != len(bare):
            clause = any(t.text[:1].islower() and t.lower not in ADVERBS | DETERMINERS | PREPOSITIONS for t in bare)
            return segments[::-1] if clause else []
        segments.append(bare)
        end = start - 1
    return []


def asyndetic_subject(tokens: list[Token], left: int, text: str, inside: list[bool]) -> Mention | None:
    """ "X wies das zurück, die Sprecherin der Fraktion, Anna Berg (SPD), erklärte: „…“": a main clause
    joined by a comma names its own subject before its verb."""
    segments = _noun_phrase_segments(tokens, left, inside)
    if not segments or (segments[0][0].lower in RELATIVES and not looks_adjective(segments[0][1]) \
            and not is_capitalised_word(segments[0][1])):
        return None
    parts = [classify(seg, text) for seg in segments]
    mention = merge_appositions(parts, text, segments[0][0].start, segments[-1][-1].end)
    if len(parts) == 1:
        mention = parts[0]
    return mention if _speakerlike(mention) and plausible_speaker(mention) else None
