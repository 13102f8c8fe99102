"""Reporting verbs whose subject is not the speaker.

The passive ("Ihm wird vorgeworfen, …") names nobody or an agent after "von"; "zitieren" ("Die Zeitung
zitiert X mit den Worten …") makes its object the speaker and its subject the channel.
"""

from __future__ import annotations

from knowledge.extraction.attribution._clauses import (
    PASSIVE,
    PREP_RELATIVES,
    QUOTE_CHARS,
    RELATIVES,
    Attribution,
    Unit,
    _clause_left,
    _complement_follows,
    _complement_start,
    _content,
    _opens_complement,
    _relative_clause,
    _skip_adverbials,
)
from knowledge.extraction.attribution._sources import _source_phrase, _source_pp
from knowledge.extraction.attribution._subjects import (
    _after_verb_subject,
    _quoted_source,
    _speakerlike,
    plausible_speaker,
)
from knowledge.extraction.cues import AUXILIARIES, VerbCue, is_konjunktiv_i
from knowledge.extraction.lexicon import DETERMINERS, PREPOSITIONS, SUBORDINATORS
from knowledge.extraction.mentions import Mention, parse_forward
from knowledge.extraction.text import Token


def _quoted_by(cue: VerbCue, tokens: list[Token], inside: list[bool], text: str, unit: Unit,
               subject: Mention | None) -> Attribution | None:
    """ "Die Zeitung zitiert X mit den Worten: …" and "X wird von der Zeitung mit den Worten zitiert: …":
    the person quoted is the speaker, whoever quotes them is the channel."""
    i = cue.index
    n = len(tokens)
    quote = next((q for q in unit.quotes if q.end - q.start > 12), None)
    passive = _is_passive(cue, tokens, inside) or _passive_after_apposition(tokens, i, inside)
    speaker = via = None
    content_before: tuple[int, int] | None = None
    wie = next((k for k in range(i - 1, 0, -1) if tokens[k].lower == "wie" and tokens[k - 1].text == ","
                and not inside[k] and all(t.text != "," for t in tokens[k:i])), None) if passive else None
    agent = next((k for k in range(wie, i) if tokens[k].lower in ("von", "vom") and not inside[k]), i) if wie else i
    if wie is not None and (named := parse_forward(tokens[:agent], _skip_adverbials(tokens, wie + 1, agent), text,
                                                   allow_apposition=False)) is not None:
        # "…, wie X von der Zeitung zitiert wird": X said what stands before, the agent is the channel
        speaker, content_before = named, (unit.start, tokens[wie - 1].start)
        via = _source_phrase(tokens, agent + 1, inside, text) if agent < i else None
    elif passive:
        speaker = subject
        aux = next((k for k in range(i) if tokens[k].lower in PASSIVE and not inside[k]), None)
        if aux is not None and aux > 1 and tokens[aux - 1].text == "," and not inside[aux - 1]:
            # "…, im Web ein „…“, wird X, Manager bei Y, zitiert": the words before, the person after "wird"
            speaker, _ = _after_verb_subject(tokens, aux, text, inside)
            content_before = (unit.start, tokens[aux - 1].start)
        elif speaker is None and aux is not None:
            speaker, _ = _after_verb_subject(tokens, aux, text, inside)
        by = next((k for k in range(i) if tokens[k].lower in ("von", "vom") and not inside[k]), None)
        if by is not None:
            via = _source_phrase(tokens, by + 1, inside, text)
    else:
        k = _skip_adverbials(tokens, i + 1, n)
        channel = None
        if k + 1 < n and tokens[k].lower in DETERMINERS and tokens[k + 1].text in QUOTE_CHARS:
            # "„…“, zitiert die „Zeitung“ X": the channel stands between verb and the person quoted
            channel = _quoted_source(tokens, k + 1, inside, text)
            if channel is not None:
                k = next((j for j in range(k, n) if tokens[j].start >= channel.end), n)
        obj = parse_forward(tokens, k, text, allow_apposition=False) if k < n and not inside[k] else None
        if obj is None or obj.kind not in ("person", "unknown", "anonymous", "group", "organisation") or not (
                obj.name or obj.role):
            return None
        speaker, via = obj, channel or subject
    if speaker is None:
        return None
    if content_before is not None:
        spans, kind = _content(text, *content_before, unit.quotes)
    elif quote is not None:
        spans, kind = [(quote.start, quote.end)], "quote"
    else:
        m = next((k for k in range(i + 1, n) if tokens[k].text in (",", ":") and not inside[k]
                  and _opens_complement(tokens, k, inside)), None)
        if m is None:
            return None
        spans, kind = _content(text, tokens[m + 1].start, unit.end, unit.quotes)
    return Attribution(speaker, cue.lemma, spans, kind, via=via)



def _passive_report(cue: VerbCue, tokens: list[Token], inside: list[bool], text: str,
                    unit: Unit) -> Attribution | None:
    """ "Ihm wird vorgeworfen, …", "Von den Behörden wird angenommen, dass …", "…, wird vermutet": reported
    content without a named speaker, or with the agent after "von"."""
    i = cue.index
    n = len(tokens)
    left = _clause_left(tokens, i, inside)
    # "Die Bürger werden aufgefordert, …": at the start of the unit "Die" is an article, no relative pronoun
    if (left > 0 and tokens[left].lower in RELATIVES) or tokens[left].lower in SUBORDINATORS or (
            left + 1 < n and tokens[left].lower in PREPOSITIONS and tokens[left + 1].lower in PREP_RELATIVES) \
            or _relative_clause(tokens, left):
        return None  # "…, die auf der Seite veröffentlicht wurde, …": a relative or adverbial clause
    agent = None
    by = next((k for k in range(left, i) if tokens[k].lower in ("von", "vom") and not inside[k]), None)
    if by is not None:
        agent = parse_forward(tokens, by + 1, text, allow_apposition=False)
        if agent is not None and not (_speakerlike(agent) or (agent.name and plausible_speaker(agent))):
            agent = None
    if agent is None:
        lo = left
        if left > 1 and tokens[left - 1].text == ",":
            # "In einer Erklärung, die … wurde, wurde verkündet": past the relative clause
            j = _clause_left(tokens, left - 1, inside)
            if (tokens[j].lower in RELATIVES or tokens[j + 1].lower in PREP_RELATIVES | RELATIVES) and j > 1 \
                    and tokens[j - 1].text == ",":
                lo = _clause_left(tokens, j - 1, inside)
        agent = next((m for k in range(lo, i) if tokens[k].lower in ("in", "im", "aus", "bei", "beim", "seitens")
                      and not inside[k] and (m := _source_pp(tokens, k, i if k >= left else left - 1, text))),
                     None)
    end = (cue.particle_index if cue.particle_index is not None else i) + 1
    while end < n and (tokens[end].lower in PASSIVE or tokens[end].lower in AUXILIARIES) and not inside[end]:
        end += 1
    if end < n and tokens[end].text in (",", ":") and _complement_follows(tokens, end, inside):
        start = _complement_start(tokens, end, inside, unit)
        a = tokens[start].start if start < n else unit.end
        spans, kind = _content(text, a, unit.end, unit.quotes)
        return Attribution(agent, cue.lemma, spans, kind)
    if left > 1 and tokens[left - 1].text == "," and tokens[left].lower in PASSIVE and end >= n - 1 and \
            any(is_konjunktiv_i(t.text) for t, q in zip(tokens[:left], inside, strict=False) if not q):
        spans, kind = _content(text, unit.start, tokens[left - 1].start, unit.quotes)  # "…, wird vermutet."
        return Attribution(agent, cue.lemma, spans, kind)
    return None



def _passive_after_apposition(tokens: list[Token], i: int, inside: list[bool]) -> bool:
    """ "…, wird X, Manager bei Y, zitiert.": the participle closes the sentence, its auxiliary opened the
    clause right after a comma, and only the person and their apposition stand between."""
    if i + 1 < len(tokens) and tokens[i + 1].text not in (".", "!", "?"):
        return False
    aux = next((k for k in range(i - 1, 0, -1) if tokens[k].lower in PASSIVE and not inside[k]), None)
    return aux is not None and tokens[aux - 1].text == "," and not any(inside[aux:i])


def _is_passive(cue: VerbCue, tokens: list[Token], inside: list[bool]) -> bool:
    """ "wurde bestätigt", "veröffentlicht wurde": nobody is named as the speaker."""
    i = cue.index
    word = tokens[i].lower
    if not (word.startswith("ge") or word.endswith(("t", "en"))):
        return False
    nxt = tokens[i + 1].lower if i + 1 < len(tokens) else ""
    if nxt in PASSIVE:
        return True
    left = _clause_left(tokens, i, inside)
    return any(tokens[k].lower in PASSIVE and not inside[k] for k in range(left, i)) and not any(
        tokens[k].lower in ("hat", "hatte", "haben", "hatten") for k in range(left, i))
