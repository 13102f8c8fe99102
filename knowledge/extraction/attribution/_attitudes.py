"""An attitude as a frame: "X ist zuversichtlich, … zu können", "X ist der Meinung, dass …", "X zeigte sich
überzeugt, dass …". No reporting verb stands there, yet what follows the comma is X's view."""

from __future__ import annotations

from dataclasses import replace

from knowledge.extraction.attribution._clauses import (
    OWN_CLAUSE_SUBORDINATORS,
    Attribution,
    Unit,
    _content,
    _opens_complement,
    _opens_infinitive,
    _skip_adverbials,
)
from knowledge.extraction.attribution._subjects import _prefield_head, plausible_speaker
from knowledge.extraction.mentions import Mention, parse_prefield
from knowledge.extraction.text import Token

#: Adjectives of conviction, hope and worry that take a dass- or zu-clause (general German).
#: Feelings about a fact ("stolz, dass", "froh, dass") report nothing and are left out.
ATTITUDE_ADJECTIVES = frozenset({"zuversichtlich", "überzeugt", "sicher", "optimistisch", "pessimistisch",
                                 "besorgt", "skeptisch", "bewusst", "gewiss"})
#: "der Meinung, dass …": nouns of opinion after "sein".
ATTITUDE_NOUNS = frozenset({"meinung", "ansicht", "auffassung", "überzeugung"})
COPULAS = frozenset({"ist", "sind", "war", "waren", "sei", "seien", "bleibt", "blieb", "kam", "kamen", "kommt",
                     "kommen", "gelangte", "gelangten"})
#: "kam zu dem Schluss, dass …": what one comes to
CONCLUSIONS = frozenset({"schluss", "ergebnis", "überzeugung", "auffassung", "einschätzung", "erkenntnis"})
#: verbs that take "sich" and an attitude: "zeigte sich zuversichtlich", "gab sich optimistisch"
REFLEXIVE_COPULAS = frozenset({"zeigte", "zeigten", "zeigt", "zeigen", "gab", "gaben", "gibt", "geben"})


def attitude_frames(tokens: list[Token], inside: list[bool], text: str, unit: Unit) -> list[Attribution]:
    """Each "X ist/zeigte sich ADJ, …" or "X ist der Meinung, …" whose comma opens reported content."""
    found = []
    for i, tok in enumerate(tokens):
        if inside[i] or i == 0 or tok.lower not in COPULAS | REFLEXIVE_COPULAS:
            continue
        k = i + 1
        if tok.lower in REFLEXIVE_COPULAS:
            if k >= len(tokens) or tokens[k].lower != "sich":
                continue
            k += 1
        elif k < len(tokens) and tokens[k].lower == "sich":
            k += 1  # "war sich sicher"
        k = _skip_adverbials(tokens, k, len(tokens))
        if k + 2 < len(tokens) and tokens[k + 2].lower == "zufolge":
            k = _skip_adverbials(tokens, k + 3, len(tokens))  # "kam der Meldung zufolge zu dem Schluss"
        cue, comma = _attitude_at(tokens, k)
        if cue is None or comma + 1 >= len(tokens) or tokens[comma + 1].lower in OWN_CLAUSE_SUBORDINATORS | {"da"} \
                or not (_opens_complement(tokens, comma, inside) or _opens_infinitive(tokens, comma, inside)):
            continue  # "Er sei zuversichtlich, da die Feuerwehr …": a reason, not what he is sure of
        speaker = parse_prefield(tokens[:i], text) or _prefield_head(tokens[:i], text)
        if speaker is None or not plausible_speaker(speaker):
            continue
        speaker = _led_by(speaker, tokens[:i], text)
        spans, kind = _content(text, tokens[comma + 1].start, unit.end, unit.quotes)
        if spans:
            found.append(Attribution(speaker, cue, spans, kind))
    return found


def _led_by(group: Mention, prefield: list[Token], text: str) -> Mention:
    """ "Das Team um Anita Zaidi": a group is named by whoever leads it."""
    after = [t for t in prefield if t.start >= group.end]
    if len(after) < 3 or after[0].lower != "um" or not all(t.text[:1].isupper() for t in after[1:]):
        return group
    label = group.name or group.label
    return replace(group, text=text[group.start:after[-1].end], end=after[-1].end,
                   name=f"{label} um {text[after[1].start:after[-1].end]}")


def _attitude_at(tokens: list[Token], k: int) -> tuple[str | None, int]:
    """The attitude word at k and the comma after it ("zuversichtlich,", "der festen Überzeugung,",
    "davon überzeugt,"); (None, k) where none stands."""
    if k < len(tokens) and tokens[k].lower in ("davon", "darüber", "dessen"):
        k += 1
    if k + 1 < len(tokens) and tokens[k].lower in ATTITUDE_ADJECTIVES and tokens[k + 1].text == ",":
        return tokens[k].lower, k + 1
    if k < len(tokens) and tokens[k].lower == "der":
        for j in range(k + 1, min(k + 4, len(tokens) - 1)):
            if tokens[j].lower in ATTITUDE_NOUNS and tokens[j + 1].text == ",":
                return tokens[j].lower, j + 1
    if k + 1 < len(tokens) and tokens[k].lower in ("zu", "zum", "zur"):
        j = k + 2 if tokens[k].lower == "zu" and tokens[k + 1].lower in ("dem", "der") else k + 1
        if j + 1 < len(tokens) and tokens[j].lower in CONCLUSIONS and tokens[j + 1].text == ",":
            return tokens[j].lower, j + 1
    return None, k


#: every cue an attitude frame gives its statement
ATTITUDE_CUES = ATTITUDE_ADJECTIVES | ATTITUDE_NOUNS | CONCLUSIONS
