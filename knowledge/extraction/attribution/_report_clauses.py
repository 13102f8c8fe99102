"""A report and what it says: "ein Bericht der Agentur X, wonach …", "Umfragen, nach denen …".

The clause after "wonach" (or "nach denen", "nach dem") is the content of the noun before the comma,
and whoever that report belongs to is its source: the owner in the genitive ("der Agentur X"),
else the report itself ("Spekulationen, wonach …").
"""

from __future__ import annotations

from knowledge.extraction.attribution._clauses import Attribution, Unit, _content, _main_clause_after
from knowledge.extraction.attribution._sources import _source_phrase
from knowledge.extraction.attribution._subjects import _speakerlike
from knowledge.extraction.cues import is_attribution_noun
from knowledge.extraction.mentions import Mention, classify, is_capitalised_word
from knowledge.extraction.text import Token

#: Nouns of a report or a rumour beyond the sources' nouns of ATTRIBUTION_NOUNS.
REPORT_NOUNS = ("gerücht", "gerüchte", "spekulation", "spekulationen", "hinweis", "hinweise", "vorwurf", "vorwürfe",
                "befund", "befunde", "verdacht", "aussage", "aussagen", "berichte", "vorhersage", "umfragen",
                "studien", "angabe")
#: The cue of a report clause: kept whatever the statement model thinks, the frame leaves no doubt.
REPORT_CUE = "wonach"
#: What introduces the reported clause after the comma.
_RELATIVE_AFTER_NACH = frozenset({"denen", "dem", "der", "welchem", "welcher", "welchen"})
_OWNER_OPENERS = frozenset({"der", "des", "von", "vom"})


def report_clauses(tokens: list[Token], inside: list[bool], text: str, unit: Unit,
                   results: list[Attribution], subject: Mention | None) -> list[Attribution]:
    """Every "REPORT, wonach CLAUSE" of the unit whose clause no other statement holds yet; a report nobody is
    named as the author of belongs to the clause's subject ("Unicef veröffentlichte eine Schätzung, wonach …")."""
    found: list[Attribution] = []
    n = len(tokens)
    for k in range(2, n - 2):
        if inside[k] or tokens[k - 1].text != ",":
            continue
        if tokens[k].lower == "wonach":
            start = k + 1
        elif tokens[k].lower == "nach" and tokens[k + 1].lower in _RELATIVE_AFTER_NACH:
            start = k + 2
        else:
            continue
        noun = _report_noun(tokens, k - 1, inside)
        if noun is None or start >= n:
            continue
        stop = _main_clause_after(tokens, start, inside)  # "…, wonach X festgenommen sei, wurde dementiert"
        a, b = tokens[start].start, tokens[stop - 1].end
        if stop - start < 3 or any(x < b and a < y for r in results for x, y in r.spans):
            continue
        spans, kind = _content(text, a, b, unit.quotes)
        found.append(Attribution(_whose(tokens, noun, k - 1, inside, text, subject), REPORT_CUE, spans, kind))
    return found


def _report_noun(tokens: list[Token], comma: int, inside: list[bool]) -> int | None:
    """The report noun of the phrase ending at the comma: at most eight words back, in no other clause."""
    for j in range(comma - 1, max(-1, comma - 9), -1):
        tok = tokens[j]
        if tok.text in (",", ":", ";") and not inside[j]:
            return None
        if is_capitalised_word(tok) and not inside[j] and (
                is_attribution_noun(tok.text) or tok.lower.endswith(REPORT_NOUNS)):
            return j
    return None


def _whose(tokens: list[Token], noun: int, comma: int, inside: list[bool], text: str,
           subject: Mention | None) -> Mention:
    """The owner named after the report noun ("ein Bericht der Agentur „X“"), else the subject that speaks
    ("Die Polizei bestätigte Berichte, wonach …"), else the report itself ("Spekulationen, wonach …")."""
    if noun + 1 < comma and tokens[noun + 1].lower in _OWNER_OPENERS:
        start = noun + 2 if tokens[noun + 1].lower in ("von", "vom") else noun + 1
        owner = _source_phrase(tokens, start, inside, text)
        if owner is not None and owner.end <= tokens[comma].start:
            return owner
    if subject is not None and not subject.pronoun and subject.end <= tokens[noun].start and _speakerlike(subject):
        return subject
    first = noun
    while first > 0 and not inside[first - 1] and tokens[first - 1].text not in (",", ":", ";") and (
            tokens[first - 1].text[:1].islower() or is_capitalised_word(tokens[first - 1])) \
            and tokens[first - 1].lower in ("der", "die", "das", "den", "dem", "ein", "eine", "einen", "einer",
                                            "jüngste", "jüngsten", "neue", "neuen", "erste", "ersten"):
        first -= 1
    return classify(tokens[first:noun + 1], text)
