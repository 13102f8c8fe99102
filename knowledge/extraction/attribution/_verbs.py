"""A reporting verb in the active: its speaker, in front of or after the verb, and what it reports."""

from __future__ import annotations

from knowledge.extraction.attribution._clauses import (
    BOUNDARIES,
    COORDINATORS,
    PREP_RELATIVES,
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
    _opens_complement,
)
from knowledge.extraction.attribution._sources import _source_pp
from knowledge.extraction.attribution._subjects import (
    SPEAKER_KINDS,
    _after_verb_subject,
    _appositive_subject,
    _not_subject_prefield,
    _prefield_head,
    _subject_after_auxiliary,
    plausible_speaker,
)
from knowledge.extraction.cues import AUXILIARIES, VerbCue
from knowledge.extraction.lexicon import ADVERBS, DETERMINERS, PREPOSITIONS, SUBORDINATORS
from knowledge.extraction.mentions import (
    Mention,
    is_capitalised_word,
    is_time_phrase,
    looks_adjective,
    parse_backward,
    parse_forward,
    parse_prefield,
)
from knowledge.extraction.text import Token


def _attribute_verb(cue: VerbCue, tokens: list[Token], inside: list[bool], text: str, unit: Unit,
                    subject: Mention | None, previous: Mention | None,
                    next_cue: int | None = None) -> Attribution | None:
    i = cue.index
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
    # the finite verb of the clause: an auxiliary before a participle ("hatte … bekannt gegeben")
    anchor = i
    for k in range(left, i):
        if tokens[k].lower in AUXILIARIES and not inside[k]:
            anchor = k
            break
    n = len(tokens)
    end_tok = cue.particle_index + 1 if cue.particle_index is not None else i + 1
    clause_end = unit.end
    first = tokens[left]
    speaker: Mention | None = None
    content_after = True
    inherited = False
    after_start = end_tok
    if _coordinated_verb(tokens, i, end_tok, inside) and (previous or subject) is not None:
        # "X behauptete, in der Region Y seien …, und erklärte: „…“": the verb shares the first verb's subject
        spans, kind = _content(text, tokens[end_tok].start if end_tok < n else unit.end, clause_end, unit.quotes)
        return Attribution(previous or subject, cue.lemma, spans, kind, inherited=True)
    if (first.lower in PREPOSITIONS or first.lower == "von") and left + 2 < anchor \
            and tokens[left + 1].lower in PREP_RELATIVES and left > 0 and tokens[left - 1].text == ",":
        # "…, von dem die Polizei glaubt, er sei …": the relative clause names the speaker after its pronoun
        speaker = parse_forward(tokens, left + 2, text)
        if speaker is None or speaker.end > tokens[anchor].start:
            return None
        spans, kind = _content(text, tokens[end_tok].start if end_tok < n else unit.end, clause_end, unit.quotes)
        if end_tok < n and tokens[end_tok].text in (",", ":"):
            return Attribution(speaker, cue.lemma, spans, kind)
        return None
    verb_final = end_tok >= n or tokens[end_tok].text in BOUNDARIES | {".", "!", "?"} or \
        tokens[end_tok].lower in AUXILIARIES
    if first.lower in SUBORDINATORS and left < anchor and not (first.lower == "als" and (
            not verb_final or cue.particle_index is not None)):
        # "als" opening a main clause ("Als Grund für … gab die Schule an, …") is no subordinate clause: there
        # the verb stands second, followed by its subject, or leaves its particle at the end
        # verb-final clause: "wie X mitteilte", "dass X betonte", "während er bestätigte"
        k0 = left + 1
        while k0 < anchor and tokens[k0].lower in ADVERBS and tokens[k0].lower not in ("so",):
            k0 += 1  # "wie schon die Behörde mitteilte"
        speaker = parse_forward(tokens, k0, text) if k0 < anchor else None
        if first.lower == "wie":
            ahead = (unit.start, tokens[left - 1].start if left > 0 else unit.start)
            behind = (tokens[end_tok].start if end_tok < n else unit.end, unit.end)
            span = ahead if ahead[1] - ahead[0] >= behind[1] - behind[0] else behind
            spans, kind = _content(text, *span, unit.quotes)
            return Attribution(speaker, cue.lemma, spans, kind)
        if speaker is not None:
            while end_tok < n and tokens[end_tok].lower in AUXILIARIES and not inside[end_tok]:
                end_tok += 1  # "nachdem X mitgeteilt hatte, dass …"
            if first.lower != "dass" and end_tok < n and tokens[end_tok].text == "," and \
                    _opens_complement(tokens, end_tok, inside):
                # "Als X sagte, dass …, meinte er …": the content follows, up to the main clause
                start = _complement_start(tokens, end_tok, inside, unit)
                stop = start
                while stop < n and not (tokens[stop].text in (".", "!", "?", ";") and not inside[stop]):
                    if tokens[stop].text == "," and not inside[stop] and stop + 2 < n \
                            and tokens[stop + 1].text[:1].islower() and tokens[stop + 1].lower not in (
                                SUBORDINATORS | RELATIVES | COORDINATORS | PREPOSITIONS | ADVERBS) \
                            and (tokens[stop + 1].lower in AUXILIARIES or tokens[stop + 2].lower in (
                                "er", "sie", "es", "man", "der", "die", "das", "ich", "wir", "dieser", "diese")):
                        break  # ", meinte er …", ", hatte dieser …": the main clause
                    stop += 1
                a = tokens[start].start if start < n else unit.end
                spans, kind = _content(text, a, tokens[stop].start if stop < n else unit.end, unit.quotes)
                return Attribution(speaker, cue.lemma, spans, kind)
            k = left + 1
            while k < n and tokens[k].end <= speaker.end:
                k += 1
            spans, kind = _content(text, tokens[k].start if k < n else unit.end, tokens[i].start, unit.quotes)
            return Attribution(speaker, cue.lemma, spans, kind)
        return None
    if first.lower in RELATIVES and left > 1 and tokens[left - 1].text == "," and is_capitalised_word(tokens[left - 2]):
        own = parse_forward(tokens, left + 1, text, allow_apposition=False) if left + 1 < anchor else None
        if own is not None and own.kind in ("person", "unknown", "organisation") and own.name:
            speaker = own
            k = left + 1
            while k < n and tokens[k].end <= own.end:
                k += 1
            start = tokens[k].start if k < n else unit.end
        else:
            speaker = parse_backward(tokens, left - 1, text)
            start = tokens[left + 1].start if left + 1 < n else unit.end
        # "die Berger als „…“ bezeichnete": the content sits between subject and verb
        stop = tokens[i].start
        spans, kind = _content(text, start, stop, unit.quotes)
        follows = text[tokens[end_tok - 1].end:].lstrip()[:1]
        if cue.particle_index is None and end_tok < n and follows in ("[", "„", "…"):
            more, _ = _content(text, tokens[end_tok].start, clause_end, unit.quotes)
            spans = spans + more
        return Attribution(speaker, cue.lemma, spans, kind)
    if first.lower in COORDINATORS and not any(is_capitalised_word(t) or t.lower in ("er", "sie", "wir", "ich")
                                               for t in tokens[left + 1:anchor]):
        speaker = previous or subject
        inherited = True
    elif anchor == left and left > 0 and tokens[left - 1].text == "," and \
            (appositive := _appositive_subject(tokens, left, text, inside)) is not None:
        # "X, ein Vertreter der Y (Z), kommentierte …": the subject stands before its apposition
        speaker = appositive
        after_start = end_tok
    elif anchor == left:
        # verb first in its clause: the speaker follows ("„…“, sagte X" / "…, erklärte X")
        speaker, after_start = _after_verb_subject(tokens, anchor, text, inside)
        colon = next((c for c in range(max(after_start, i), n) if tokens[c].text == ":" and not inside[c]), None)
        if speaker is not None and left > 0 and anchor != i and colon is not None and colon + 1 < n \
                and inside[colon + 1] and all(tokens[c].text not in BOUNDARIES for c in range(after_start, colon)):
            # "Wie die Zeitung berichtete, soll X gesagt haben: „…“": the quotation after the colon is X's
            quote = next((q for q in unit.quotes if q.start >= tokens[colon].end), None)
            if quote is not None:
                return Attribution(speaker, cue.lemma, [(quote.start, quote.end)], "quote")
        if speaker is not None and left > 0:
            # "„…“, sagte X" (content before) or "Am Montag, …, sagte X, man werde …" (content after)
            follow = _complement_start(tokens, after_start, inside, unit, next_cue) if after_start < n else n
            after_content = follow > after_start or (after_start < n and tokens[after_start].text in (",", ":")
                                                     and _opens_complement(tokens, after_start, inside))
            before_content = _fronted_content(tokens, left, inside, unit)
            if after_content and not before_content:
                pass
            elif after_content:
                spans_before, kind_b = _content(text, unit.start, tokens[left - 1].start, unit.quotes)
                a = tokens[follow].start if follow < n else unit.end
                end_at = tokens[next_cue].start if next_cue is not None and next_cue > follow else unit.end
                if next_cue is not None and next_cue > follow:
                    cut = _clause_left(tokens, next_cue, inside)
                    end_at = tokens[cut].start if cut > follow else end_at
                spans_after, kind_a = _content(text, a, end_at, unit.quotes)
                kind = "quote" if "quote" in (kind_b, kind_a) else "indirect"
                return Attribution(speaker, cue.lemma, spans_before + spans_after, kind)
            else:
                content_after = False
        elif speaker is None:
            prefield = parse_prefield(tokens[:anchor - 1] if anchor > 0 and tokens[anchor - 1].text == "," else [],
                                      text) if anchor > 0 else None
            if prefield is None:
                aux = next((k for k in range(0, anchor) if tokens[k].lower in AUXILIARIES and not inside[k]), None)
                if aux is not None and aux > 0:
                    prefield, _ = _after_verb_subject(tokens, aux, text, inside)
            speaker = prefield or previous or subject
            inherited = speaker is not None and prefield is None
            after_start = end_tok
    else:
        prefield_tokens = tokens[left:anchor]
        if first.lower in COORDINATORS:
            prefield_tokens = prefield_tokens[1:]
        lead = prefield_tokens[0].lower if prefield_tokens else ""
        after: Mention | None = None
        if prefield_tokens and _not_subject_prefield(prefield_tokens):
            # "Ähnlich äußerte sich X", "Der Zeitung sagte X", "Eine Verschiebung bezeichnete X als …"
            after, after_start2 = _after_verb_subject(tokens, anchor, text, inside)
            if after is not None and not after.pronoun and (after.kind in SPEAKER_KINDS or after.name) \
                    and plausible_speaker(after):
                speaker, after_start = after, after_start2
            else:
                after = None
        if after is not None:
            pass
        elif not prefield_tokens or lead in PREPOSITIONS or lead in ADVERBS or is_time_phrase(prefield_tokens, 0) \
                or (lead in ("das", "dies", "dieses", "so") and len(prefield_tokens) == 1):
            speaker, after_start = _after_verb_subject(tokens, anchor, text, inside)
            if lead in ("das", "dies", "dieses") and left > 1 and tokens[left - 1].text == "," and \
                    not _complement_follows(tokens, end_tok, inside):
                content_after = False  # "…, das teilte das Institut mit": "das" is what stands before the comma
            if speaker is None:
                speaker = _source_pp(tokens, left, anchor, text)
                inherited = speaker is None
                speaker = speaker or previous or subject or _subject_after_auxiliary(tokens, 0, anchor, text, inside)
                after_start = end_tok
        else:
            # the subject may carry appositions that the boundary scan cut off: "X, der …, erklärte"
            full = tokens[:anchor] if left > 0 and tokens[left - 1].text == "," else prefield_tokens
            speaker = parse_prefield(full, text) or parse_prefield(prefield_tokens, text) or (
                _appositive_subject(tokens, anchor, text, inside) if full is not prefield_tokens else None) or \
                _prefield_head(prefield_tokens, text)
            if speaker is None:
                after, after_start2 = _after_verb_subject(tokens, anchor, text, inside)
                if after is not None and after.kind in ("person", "organisation", "media", "anonymous"):
                    speaker, after_start = after, after_start2
                elif anchor > 0 and tokens[anchor - 1].lower == "und" and \
                        (main := _subject_after_auxiliary(tokens, 0, anchor, text, inside)) is not None:
                    speaker, after_start = main, end_tok  # "hat sich X … ausgesprochen und behauptet, …"
                else:
                    return None
    if content_after:
        start_tok = max(after_start, end_tok if speaker is None or speaker.end <= tokens[i].start else after_start)
        if cue.particle_index is not None:
            start_tok = max(start_tok, end_tok)  # "forderte X auf, …": the particle closes the clause
        if start_tok < n:
            start_tok = _complement_start(tokens, start_tok, inside, unit, next_cue)
        a = tokens[start_tok].start if start_tok < n else unit.end
        if start_tok < n and tokens[start_tok - 1].text == "," and anchor < start_tok \
                and _hedged_start(tokens, anchor + 1, start_tok - 1, inside, speaker):
            a = tokens[anchor].start  # "hielt es für möglich, dass …", "sagte nicht, dass …": the hedge stays
        end_at = clause_end
        if anchor != i and not _complement_follows(tokens, end_tok, inside):
            # a clause-final participle: the content is the clause ("… weder bestätigt noch dementiert")
            stop = end_tok
            while stop < n and not (tokens[stop].text in BOUNDARIES and not inside[stop]):
                stop += 1
            end_at = tokens[stop].start if stop < n else unit.end
        spans, kind = _content(text, a, end_at, unit.quotes)
    else:
        a = unit.start
        b = tokens[left - 1].start
        spans, kind = _content(text, a, b, unit.quotes)
    return Attribution(speaker, cue.lemma, spans, kind, inherited=inherited)
