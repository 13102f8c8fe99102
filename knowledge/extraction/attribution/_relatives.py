"""Relative clauses around a reporting verb: "…, von dem die Polizei glaubt, …", "X, der … begrüßte",
"…, denen Y vorwirft, …": who speaks in them and what they report."""

from __future__ import annotations

from knowledge.extraction.attribution._clauses import (
    COORDINATORS,
    PREP_RELATIVES,
    RELATIVES,
    Attribution,
    _clause_words,
    _content,
    _main_clause_after,
    _opens_complement,
    _opens_infinitive,
    _skip_adverbials,
    _zu_infinitive,
)
from knowledge.extraction.attribution._subjects import plausible_speaker
from knowledge.extraction.attribution._verb_clause import _VerbClause
from knowledge.extraction.lexicon import ADVERBS, DETERMINERS, PERSONAL_PRONOUNS, PREPOSITIONS, SUBORDINATORS
from knowledge.extraction.mentions import (
    Mention,
    is_capitalised_word,
    looks_adjective,
    parse_backward,
    parse_forward,
)


def _after_prepositional_relative(c: _VerbClause) -> bool:
    """ "…, von dem die Polizei glaubt, …": a relative clause opened by a preposition and its pronoun."""
    tokens, left = c.tokens, c.left
    return (c.first.lower in PREPOSITIONS or c.first.lower == "von") and left + 2 < c.anchor \
        and tokens[left + 1].lower in PREP_RELATIVES and left > 0 and tokens[left - 1].text == ","


def _prepositional_relative_statement(c: _VerbClause) -> Attribution | None:
    """ "…, von dem die Polizei glaubt, er sei …": the relative clause names the speaker after its pronoun."""
    tokens, text, unit, end_tok = c.tokens, c.text, c.unit, c.end_tok
    n = len(tokens)
    speaker = parse_forward(tokens, c.left + 2, text)
    if speaker is None or speaker.end > tokens[c.anchor].start:
        return None
    spans, kind = _content(text, tokens[end_tok].start if end_tok < n else unit.end, unit.end, unit.quotes)
    if end_tok < n and tokens[end_tok].text in (",", ":"):
        return Attribution(speaker, c.cue.lemma, spans, kind)
    return None


#: relative pronouns that are no subject: the clause names its speaker itself ("…, denen X vorwirft, …")
OBJECT_RELATIVES = frozenset({"dem", "den", "denen"})


def _in_relative_clause(c: _VerbClause) -> bool:
    """ "Berger, der … begrüßte": a relative clause on the capitalised noun before the comma."""
    tokens, left = c.tokens, c.left
    if c.first.lower in OBJECT_RELATIVES and left + 1 < len(tokens) and c.first.lower != "denen" \
            and (is_capitalised_word(tokens[left + 1]) or looks_adjective(tokens[left + 1])):
        return False  # "…, dem Direktor der Behörde": an article, no pronoun
    return c.first.lower in RELATIVES | OBJECT_RELATIVES and left > 1 and tokens[left - 1].text == "," \
        and is_capitalised_word(tokens[left - 2])


def _relative_statement(c: _VerbClause) -> Attribution | None:
    """The relative clause's own subject speaks, else the noun it hangs on; the content stands before the verb.
    After a pronoun in the dative or accusative that noun is the one spoken to or about, never the speaker."""
    tokens, text, unit = c.tokens, c.text, c.unit
    n = len(tokens)
    left, end_tok = c.left, c.end_tok
    speaker: Mention | None
    if c.first.lower in OBJECT_RELATIVES:
        return _object_relative_statement(c)
    own = parse_forward(tokens, left + 1, text, allow_apposition=False) if left + 1 < c.anchor else None
    if own is not None and own.kind in ("person", "unknown", "organisation") and own.name:
        speaker = own
        k = left + 1
        while k < n and tokens[k].end <= own.end:
            k += 1
        start = tokens[k].start if k < n else unit.end
    else:
        speaker = parse_backward(tokens, left - 1, text)
        start = tokens[left + 1].start if left + 1 < n else unit.end
    after = _complement_after(c)
    if after is not None:
        # "Berg, die gestern sagte, dass …, trat zurück": the content follows the verb
        stop = min(_main_clause_after(tokens, after, c.inside), _matrix_verb_after(c, after))
        spans, kind = _content(text, tokens[after].start, tokens[stop].start if stop < n else unit.end, unit.quotes)
        return Attribution(speaker, c.cue.lemma, spans, kind)
    # "die Berger als „…“ bezeichnete": the content sits between subject and verb
    stop = tokens[c.cue.index].start
    spans, kind = _content(text, start, stop, unit.quotes)
    follows = text[tokens[end_tok - 1].end:].lstrip()[:1]
    if c.cue.particle_index is None and end_tok < n and follows in ("[", "„", "…"):
        more, _ = _content(text, tokens[end_tok].start, unit.end, unit.quotes)
        spans = spans + more
    return Attribution(speaker, c.cue.lemma, spans, kind)


def _complement_after(c: _VerbClause) -> int | None:
    """Where a dass-, Konjunktiv- or infinitive clause begins after the verb and a few words of its own
    ("…, der sagte gegenüber der Zeitung, es sei …"), if one does."""
    tokens, inside = c.tokens, c.inside
    for m in range(c.end_tok, min(len(tokens), c.end_tok + 8)):
        if tokens[m].text in (",", ":") and not inside[m]:
            if _opens_complement(tokens, m, inside) or _opens_infinitive(tokens, m, inside):
                return m + 1
            return None
        if tokens[m].text in (".", "!", "?", ";") or inside[m]:
            return None
    return None


def _matrix_verb_after(c: _VerbClause, start: int) -> int:
    """The comma that closes the relative clause: the sentence's own verb follows it ("Berg, die sagte, dass
    …, trat zurück"); the end of the unit where none does."""
    tokens, inside = c.tokens, c.inside
    for m in range(start, len(tokens) - 1):
        nxt = tokens[m + 1]
        if tokens[m].text == "," and not inside[m] and nxt.text[:1].islower() and not inside[m + 1] \
                and nxt.lower not in SUBORDINATORS | RELATIVES | COORDINATORS | PREPOSITIONS | ADVERBS | DETERMINERS \
                and nxt.lower not in PERSONAL_PRONOUNS and nxt.lower not in ("es", "man", "sich"):
            return m
    return len(tokens)


def _object_relative_statement(c: _VerbClause) -> Attribution | None:
    """ "…, denen unter anderem X vorwirft, … zu sein": the clause's own subject speaks what follows the verb."""
    tokens, text, unit, end_tok = c.tokens, c.text, c.unit, c.end_tok
    n = len(tokens)
    start = _skip_adverbials(tokens, c.left + 1, c.anchor)
    if start + 1 < c.anchor and tokens[start].lower == "unter" and tokens[start + 1].lower == "anderem":
        start += 2
    own = parse_forward(tokens, start, text, allow_apposition=False) if start < c.anchor else None
    if own is None or not plausible_speaker(own) or end_tok + 1 >= n or tokens[end_tok].text not in (",", ":") \
            or not (_opens_complement(tokens, end_tok, c.inside)
                    or _zu_infinitive(_clause_words(tokens, end_tok + 1, c.inside))):
        return None
    spans, kind = _content(text, tokens[end_tok].start, unit.end, unit.quotes)
    return Attribution(own, c.cue.lemma, spans, kind)
