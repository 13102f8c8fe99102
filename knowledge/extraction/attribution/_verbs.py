"""A reporting verb in the active: its speaker, in front of or after the verb, and what it reports."""

from __future__ import annotations

from knowledge.extraction.attribution._asyndetic import asyndetic_subject
from knowledge.extraction.attribution._clauses import (
    BOUNDARIES,
    COORDINATORS,
    OWN_CLAUSE_SUBORDINATORS,
    RELATIVES,
    Attribution,
    Unit,
    _clause_left,
    _complement_follows,
    _complement_start,
    _content,
    _coordinated_verb,
    _fronted_content,
    _hedged_start,
    _main_clause_after,
    _opens_complement,
    _opens_infinitive,
)
from knowledge.extraction.attribution._participles import (
    PARTICIPLE,
    _attributive_participle_statement,
    _before_its_noun,
    _by_agent_statement,
)
from knowledge.extraction.attribution._relatives import (
    _after_prepositional_relative,
    _in_relative_clause,
    _prepositional_relative_statement,
    _relative_statement,
)
from knowledge.extraction.attribution._sources import _source_pp
from knowledge.extraction.attribution._subjects import (
    FOCUS_PARTICLES,
    SPEAKER_KINDS,
    _after_verb_subject,
    _appositive_subject,
    _lower_lemma,
    _not_subject_prefield,
    _prefield_head,
    _speakerlike,
    _subject_after_auxiliary,
    plausible_speaker,
)
from knowledge.extraction.attribution._verb_clause import _Speaker, _VerbClause
from knowledge.extraction.cues import AUXILIARIES, VerbCue
from knowledge.extraction.lexicon import ADVERBS, DETERMINERS, PREPOSITIONS, SUBORDINATORS
from knowledge.extraction.mentions import (
    Mention,
    is_capitalised_word,
    is_time_phrase,
    looks_adjective,
    np_extent,
    parse_forward,
    parse_prefield,
)
from knowledge.extraction.text import Token


def _attribute_verb(cue: VerbCue, tokens: list[Token], inside: list[bool], text: str, unit: Unit,
                    subject: Mention | None, previous: Mention | None,
                    next_cue: int | None = None) -> Attribution | None:
    """The statement of one active reporting verb; the kind of clause decides where speaker and content stand."""
    i = cue.index
    left = _coordinated_clause_start(tokens, _verb_clause_left(tokens, i, inside), i, inside)
    anchor = next((k for k in range(left, i) if tokens[k].lower in AUXILIARIES and not inside[k]), i)
    end_tok = cue.particle_index + 1 if cue.particle_index is not None else i + 1
    clause = _VerbClause(cue, tokens, inside, text, unit, left, anchor, end_tok, next_cue)
    if _coordinated_verb(tokens, i, end_tok, inside) and not (left == i and asyndetic_subject(tokens, left, text,
                                                                                               inside)):
        # "X behauptete, in der Region Y seien …, und erklärte: „…“": the verb shares the first verb's subject,
        # in a subordinate clause that clause's own ("…, während der Verband Y unterstützt und fordert, …")
        start = tokens[end_tok].start if end_tok < len(tokens) else unit.end
        spans, kind = _content(text, start, unit.end, unit.quotes)
        own = _after_verb_subject(tokens, left, text, inside)[0] if tokens[left].lower in OWN_CLAUSE_SUBORDINATORS \
            and left + 1 < i else None  # the phrase after the subordinator
        if own is not None and not own.pronoun and plausible_speaker(own):
            return Attribution(own, cue.lemma, spans, kind)
        if (previous or subject) is not None:
            return Attribution(previous or subject, cue.lemma, spans, kind, inherited=True)
    if _before_its_noun(tokens, i, inside):
        # a participle before its noun is an adjective: it reports only as "die von X geäußerte Hoffnung, …",
        # never the clause it stands in ("hat sich zu dem von ihm geforderten Strafmaß geäußert")
        return _attributive_participle_statement(clause)
    if left == i and i >= 2 and tokens[i - 1].text == "," and i + 2 < len(tokens) \
            and tokens[i + 1].lower in ("durch", "von", "vom") and PARTICIPLE.fullmatch(tokens[i].lower):
        return _by_agent_statement(clause)
    if _after_prepositional_relative(clause):
        return _prepositional_relative_statement(clause)
    if _in_subordinate_clause(clause):
        return _subordinate_statement(clause)
    if _in_relative_clause(clause):
        return _relative_statement(clause)
    found = _main_clause_speaker(clause, subject, previous)
    if found is None or isinstance(found, Attribution):
        return found
    spans, kind = _main_clause_content(clause, found)
    return Attribution(found.mention, cue.lemma, spans, kind, inherited=found.inherited)


def _verb_clause_left(tokens: list[Token], i: int, inside: list[bool]) -> int:
    """The first token of the verb's clause, reaching back over an apposition the boundary scan stopped at."""
    left = _clause_left(tokens, i, inside)
    if left > 1 and tokens[left - 1].text == "," and tokens[left].lower not in SUBORDINATORS | RELATIVES:
        # "wie Anna Berg, Direktorin des Instituts, betonte": the subordinate clause began before the apposition
        j = left
        for _ in range(2):
            if j < 2 or tokens[j - 1].text != ",":
                break
            j = _clause_left(tokens, j - 1, inside)
            if tokens[j].lower in ("wie", "als", "dass", "während", "nachdem", "weil") and 1 < left - 1 - j <= 12 \
                    and all(is_capitalised_word(t) or t.lower in DETERMINERS or looks_adjective(t)
                            or t.text in (".", ",") for t in tokens[j + 1:left - 1]):
                left = j
                break
    return left


def _in_subordinate_clause(c: _VerbClause) -> bool:
    """A verb-final clause after a subordinator: "wie X mitteilte", "dass X betonte", "während er bestätigte".

    "als" opening a main clause ("Als Grund für … gab die Schule an, …") is no subordinate clause: there
    the verb stands second, followed by its subject, or leaves its particle at the end.
    """
    tokens, end_tok = c.tokens, c.end_tok
    verb_final = end_tok >= len(tokens) or tokens[end_tok].text in BOUNDARIES | {".", "!", "?"} or \
        tokens[end_tok].lower in AUXILIARIES
    return c.first.lower in SUBORDINATORS and c.left < c.anchor and not (c.first.lower == "als" and (
        not verb_final or c.cue.particle_index is not None))


def _subordinate_statement(c: _VerbClause) -> Attribution | None:
    """The speaker right after the subordinator; the content around the clause ("wie") or inside it."""
    tokens, inside, text, unit = c.tokens, c.inside, c.text, c.unit
    n = len(tokens)
    left, end_tok = c.left, c.end_tok
    k0 = left + 1
    while k0 < c.anchor and tokens[k0].lower in ADVERBS and tokens[k0].lower not in ("so",):
        k0 += 1  # "wie schon die Behörde mitteilte"
    speaker = parse_forward(tokens, k0, text) if k0 < c.anchor else None
    if c.first.lower == "wie":
        ahead = (unit.start, tokens[left - 1].start if left > 0 else unit.start)
        behind = (tokens[end_tok].start if end_tok < n else unit.end, unit.end)
        span = ahead if ahead[1] - ahead[0] >= behind[1] - behind[0] else behind
        spans, kind = _content(text, *span, unit.quotes)
        return Attribution(speaker, c.cue.lemma, spans, kind)
    if speaker is None:
        return None
    while end_tok < n and tokens[end_tok].lower in AUXILIARIES and not inside[end_tok]:
        end_tok += 1  # "nachdem X mitgeteilt hatte, dass …"
    if c.first.lower != "dass" and end_tok < n and tokens[end_tok].text == "," and \
            (_opens_complement(tokens, end_tok, inside) or _opens_infinitive(tokens, end_tok, inside)):
        # "Als X sagte, dass …, meinte er …": the content follows, up to the main clause
        start = _complement_start(tokens, end_tok, inside, unit)
        stop = _main_clause_after(tokens, start, inside)
        if c.next_cue is not None and start < c.next_cue - 1 < stop and tokens[c.next_cue - 1].text == ",":
            stop = c.next_cue - 1  # "Während X erklärte, … zu sein, räumte Y ein, …"
        a = tokens[start].start if start < n else unit.end
        spans, kind = _content(text, a, tokens[stop].start if stop < n else unit.end, unit.quotes)
        return Attribution(speaker, c.cue.lemma, spans, kind)
    k = left + 1
    while k < n and tokens[k].end <= speaker.end:
        k += 1
    spans, kind = _content(text, tokens[k].start if k < n else unit.end, tokens[c.cue.index].start, unit.quotes)
    return Attribution(speaker, c.cue.lemma, spans, kind)


def _main_clause_speaker(c: _VerbClause, subject: Mention | None,
                         previous: Mention | None) -> _Speaker | Attribution | None:
    """The speaker of a main clause, by what stands in front of its verb; a whole statement where that
    already decides the content too, None where the clause names nobody who can speak."""
    tokens, left, anchor = c.tokens, c.left, c.anchor
    if c.first.lower in COORDINATORS and not any(is_capitalised_word(t) or t.lower in ("er", "sie", "wir", "ich")
                                                 for t in tokens[left + 1:anchor]):
        return _Speaker(previous or subject, c.end_tok, inherited=True)
    if anchor == left and left > 0 and tokens[left - 1].text == "," and \
            (own := asyndetic_subject(tokens, left, c.text, c.inside)) is not None:
        return _Speaker(own, c.end_tok)
    if anchor == left and left > 0 and tokens[left - 1].text == "," and \
            (appositive := _appositive_subject(tokens, left, c.text, c.inside)) is not None:
        # "X, ein Vertreter der Y (Z), kommentierte …": the subject stands before its apposition
        return _Speaker(appositive, c.end_tok)
    if anchor == left:
        return _verb_first_speaker(c, subject, previous)
    return _prefield_speaker(c, subject, previous)


def _verb_first_speaker(c: _VerbClause, subject: Mention | None,
                        previous: Mention | None) -> _Speaker | Attribution:
    """Verb first in its clause: the speaker follows ("„…“, sagte X" / "…, erklärte X")."""
    tokens, inside, text, unit = c.tokens, c.inside, c.text, c.unit
    n = len(tokens)
    i, left, anchor = c.cue.index, c.left, c.anchor
    speaker, after_start = _after_verb_subject(tokens, anchor, text, inside)
    if c.cue.particle_index is not None and after_start == c.cue.particle_index:
        after_start += 1  # "…, räumte X ein, …": the content begins after the particle
    colon = next((k for k in range(max(after_start, i), n) if tokens[k].text == ":" and not inside[k]), None)
    if speaker is not None and left > 0 and anchor != i and colon is not None and colon + 1 < n \
            and inside[colon + 1] and all(tokens[k].text not in BOUNDARIES for k in range(after_start, colon)):
        # "Wie die Zeitung berichtete, soll X gesagt haben: „…“": the quotation after the colon is X's
        quote = next((q for q in unit.quotes if q.start >= tokens[colon].end), None)
        if quote is not None:
            return Attribution(speaker, c.cue.lemma, [(quote.start, quote.end)], "quote")
    if speaker is not None and previous is not None and left > 0 and tokens[left - 1].text == "," \
            and not speaker.pronoun and not _speakerlike(speaker) and after_start + 1 < n \
            and tokens[after_start].text == "," and tokens[after_start + 1].lower in ("dass", "ob"):
        # "X sagte, …, bestritt jedoch nicht die Annahme, dass …": the noun is the object, X goes on speaking
        return _Speaker(previous, after_start, inherited=True)
    if speaker is not None and left > 0:
        return _content_around_verb(c, speaker, after_start)
    if speaker is None:
        prefield = parse_prefield(tokens[:anchor - 1] if anchor > 0 and tokens[anchor - 1].text == "," else [],
                                  text) if anchor > 0 else None
        if prefield is None:
            aux = next((k for k in range(0, anchor) if tokens[k].lower in AUXILIARIES and not inside[k]), None)
            if aux is not None and aux > 0:
                prefield, _ = _after_verb_subject(tokens, aux, text, inside)
        speaker = prefield or previous or subject
        return _Speaker(speaker, c.end_tok, inherited=speaker is not None and prefield is None)
    return _Speaker(speaker, after_start)


def _content_around_verb(c: _VerbClause, speaker: Mention, after_start: int) -> _Speaker | Attribution:
    """ "„…“, sagte X" (content before) or "Am Montag, …, sagte X, man werde …" (content after), or both."""
    tokens, inside, text, unit = c.tokens, c.inside, c.text, c.unit
    n = len(tokens)
    left, next_cue = c.left, c.next_cue
    follow = _complement_start(tokens, after_start, inside, unit, next_cue) if after_start < n else n
    after_content = follow > after_start or (after_start < n and tokens[after_start].text in (",", ":")
                                             and (_opens_complement(tokens, after_start, inside)
                                                  or _opens_infinitive(tokens, after_start, inside)))
    before_content = _fronted_content(tokens, left, inside, unit)
    if after_content and not before_content:
        return _Speaker(speaker, after_start)
    if not after_content:
        return _Speaker(speaker, after_start, content_after=False)
    spans_before, kind_b = _content(text, unit.start, tokens[left - 1].start, unit.quotes)
    a = tokens[follow].start if follow < n else unit.end
    end_at = tokens[next_cue].start if next_cue is not None and next_cue > follow else unit.end
    if next_cue is not None and next_cue > follow:
        cut = _clause_left(tokens, next_cue, inside)
        end_at = tokens[cut].start if cut > follow else end_at
    spans_after, kind_a = _content(text, a, end_at, unit.quotes)
    kind = "quote" if "quote" in (kind_b, kind_a) else "indirect"
    return Attribution(speaker, c.cue.lemma, spans_before + spans_after, kind)


def _prefield_speaker(c: _VerbClause, subject: Mention | None, previous: Mention | None) -> _Speaker | None:
    """Something stands in front of the verb: the subject itself, or an adverbial or object with the
    subject after the verb."""
    tokens, inside, text = c.tokens, c.inside, c.text
    prefield_tokens = tokens[c.left:c.anchor]
    if c.first.lower in COORDINATORS:
        prefield_tokens = prefield_tokens[1:]
    if (first := _first_clause_subject(c)) is not None:
        return _Speaker(first, c.end_tok, inherited=True)
    lead = prefield_tokens[0].lower if prefield_tokens else ""
    if lead in ("das", "dies", "dieses") and all(t.lower in ADVERBS for t in prefield_tokens[1:]):
        return _adverbial_prefield_speaker(c, lead, subject, previous)  # "…, das zumindest meint X"
    skip = 2 if lead == "vor" and len(prefield_tokens) > 1 and prefield_tokens[1].lower == "allem" else \
        1 if lead in FOCUS_PARTICLES - {"vor", "allem"} else 0
    if skip and len(prefield_tokens) > skip and (focused := parse_prefield(
            prefield_tokens[skip:], text) or _prefield_head(prefield_tokens[skip:], text)) is not None \
            and not focused.pronoun and plausible_speaker(focused):
        return _Speaker(focused, c.end_tok)  # "Insbesondere die Verbände hatten dazu aufgerufen, …"
    if prefield_tokens and _not_subject_prefield(prefield_tokens):
        # "Ähnlich äußerte sich X", "Der Zeitung sagte X", "Eine Verschiebung bezeichnete X als …"
        after, after_start = _after_verb_subject(tokens, c.anchor, text, inside)
        if after is not None and not after.pronoun and (after.kind in SPEAKER_KINDS or after.name) \
                and plausible_speaker(after):
            return _Speaker(after, after_start)
    if not prefield_tokens or lead in PREPOSITIONS or lead in ADVERBS or is_time_phrase(prefield_tokens, 0) \
            or (lead in ("das", "dies", "dieses", "so") and len(prefield_tokens) == 1):
        return _adverbial_prefield_speaker(c, lead, subject, previous)
    return _subject_prefield_speaker(c, prefield_tokens)


def _adverbial_prefield_speaker(c: _VerbClause, lead: str, subject: Mention | None,
                                previous: Mention | None) -> _Speaker:
    """An adverbial or "das" in front of the verb: the subject follows it, or a source stands in the prefield,
    or the speaker carries over from before."""
    tokens, inside, text = c.tokens, c.inside, c.text
    left, anchor, end_tok = c.left, c.anchor, c.end_tok
    speaker, after_start = _after_verb_subject(tokens, anchor, text, inside)
    content_after = True
    if lead in ("das", "dies", "dieses") and left > 1 and tokens[left - 1].text in (",", "–", "—") and \
            not _complement_follows(tokens, end_tok, inside):
        content_after = False  # "…, das teilte das Institut mit": "das" is what stands before the comma
    if speaker is None:
        speaker = _source_pp(tokens, left, anchor, text)
        inherited = speaker is None
        speaker = speaker or previous or subject or _subject_after_auxiliary(tokens, 0, anchor, text, inside)
        return _Speaker(speaker, end_tok, content_after, inherited)
    return _Speaker(speaker, after_start, content_after)


def _first_clause_subject(c: _VerbClause) -> Mention | None:
    """ "Am Abend zogen Demonstranten vor das Rathaus und skandierten Sprüche wie „…“": a verb right after "und"
    shares the subject after the first verb of a clause opened by an adverbial, unless a speaker follows it."""
    tokens, inside, text, anchor = c.tokens, c.inside, c.text, c.anchor
    if anchor < 2 or tokens[anchor - 1].lower != "und" or inside[anchor - 1]:
        return None
    lead = tokens[c.left]
    if not (lead.lower in PREPOSITIONS or lead.lower in ADVERBS or is_time_phrase(tokens, c.left)
            or (is_capitalised_word(lead) and lead.lower not in DETERMINERS and _lower_lemma(lead.text))):
        return None  # the clause opens with its subject: "Der Rat forderte die Regierung auf und beschloss, …"
    after, _ = _after_verb_subject(tokens, anchor, text, inside)
    if after is not None and _speakerlike(after):
        return None
    verb = next((k for k in range(c.left + 1, anchor - 1) if not inside[k] and tokens[k].text[:1].islower()
                 and tokens[k].text.isalpha() and not looks_adjective(tokens[k])
                 and tokens[k].lower not in DETERMINERS | PREPOSITIONS | ADVERBS | COORDINATORS), None)
    if verb is None:
        return None
    subject, _ = _after_verb_subject(tokens, verb, text, inside)
    return subject if subject is not None and not subject.pronoun and plausible_speaker(subject) else None


def _coordinated_clause_start(tokens: list[Token], left: int, i: int, inside: list[bool]) -> int:
    """ "Die Polizei räumte die Straße und die Anwohner befürchten, dass …": a clause joined by "und" inside
    the verb's clause begins after the "und" when a noun phrase alone stands between it and the verb."""
    k = i - 1
    while k > left and not (tokens[k].lower in COORDINATORS and not inside[k]):
        k -= 1
    first = tokens[left:k]
    if k <= left or k + 1 >= i or tokens[k - 1].text.endswith("-") or first[0].lower in PREPOSITIONS \
            or any(t.lower in AUXILIARIES for t in first) \
            or not any(t.text[:1].islower() and t.lower not in DETERMINERS | PREPOSITIONS | ADVERBS for t in first):
        return left  # no clause before the "und": "Nach einem Treffen von Vorstand und Rat hält …"
    phrase = tokens[k + 1:i]
    if np_extent(phrase, 0) != len(phrase) or not (is_capitalised_word(phrase[0]) or phrase[0].lower in DETERMINERS):
        return left
    return k + 1


def _subject_prefield_speaker(c: _VerbClause, prefield_tokens: list[Token]) -> _Speaker | None:
    """The prefield is the subject, with appositions the boundary scan cut off ("X, der …, erklärte"),
    else a body or person named after the verb."""
    tokens, inside, text = c.tokens, c.inside, c.text
    left, anchor, end_tok = c.left, c.anchor, c.end_tok
    full = tokens[:anchor] if left > 0 and tokens[left - 1].text == "," else prefield_tokens
    speaker = parse_prefield(full, text) or parse_prefield(prefield_tokens, text) or (
        _appositive_subject(tokens, anchor, text, inside) if full is not prefield_tokens else None) or \
        _prefield_head(prefield_tokens, text)
    if speaker is not None:
        return _Speaker(speaker, end_tok)
    after, after_start = _after_verb_subject(tokens, anchor, text, inside)
    if after is not None and after.kind in ("person", "organisation", "media", "anonymous"):
        return _Speaker(after, after_start)
    if anchor > 0 and tokens[anchor - 1].lower == "und" and \
            (main := _subject_after_auxiliary(tokens, 0, anchor, text, inside)) is not None:
        return _Speaker(main, end_tok)  # "hat sich X … ausgesprochen und behauptet, …"
    return None


def _main_clause_content(c: _VerbClause, found: _Speaker) -> tuple[list[tuple[int, int]], str]:
    """What a main clause reports: after the verb, past adverbials and up to a clause-final participle's
    clause, or what stands in front of the clause when the content came first."""
    tokens, inside, text, unit = c.tokens, c.inside, c.text, c.unit
    n = len(tokens)
    i, anchor, end_tok = c.cue.index, c.anchor, c.end_tok
    speaker = found.mention
    if not found.content_after:
        return _content(text, unit.start, tokens[c.left - 1].start, unit.quotes)
    start_tok = max(found.after_start,
                    end_tok if speaker is None or speaker.end <= tokens[i].start else found.after_start)
    if c.cue.particle_index is not None:
        start_tok = max(start_tok, end_tok)  # "forderte X auf, …": the particle closes the clause
    if start_tok < n:
        start_tok = _complement_start(tokens, start_tok, inside, unit, c.next_cue)
    a = tokens[start_tok].start if start_tok < n else unit.end
    if start_tok < n and tokens[start_tok - 1].text == "," and anchor < start_tok \
            and _hedged_start(tokens, anchor + 1, start_tok - 1, inside, speaker):
        a = tokens[anchor].start  # "hielt es für möglich, dass …", "sagte nicht, dass …": the hedge stays
    end_at = unit.end
    if anchor != i and not _complement_follows(tokens, end_tok, inside):
        # a clause-final participle: the content is the clause ("… weder bestätigt noch dementiert")
        stop = end_tok
        while stop < n and not (tokens[stop].text in BOUNDARIES and not inside[stop]):
            stop += 1
        end_at = tokens[stop].start if stop < n else unit.end
    return _content(text, a, end_at, unit.quotes)
