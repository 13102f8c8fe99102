"""Participles that report: before their noun ("die von X geäußerte Hoffnung, …"), after it with their agent
("die Aufforderung, vorgetragen durch den Richter X, …"), and the many that are mere adjectives."""

from __future__ import annotations

import re

from knowledge.extraction.attribution._clauses import Attribution, _content, _opens_complement, _opens_infinitive
from knowledge.extraction.attribution._relatives import _matrix_verb_after
from knowledge.extraction.attribution._subjects import plausible_speaker
from knowledge.extraction.attribution._verb_clause import _VerbClause
from knowledge.extraction.lexicon import DETERMINERS
from knowledge.extraction.mentions import is_capitalised_word, parse_forward
from knowledge.extraction.text import Token

#: A past participle: "vorgetragen", "geäußert", "formuliert" (not "sprach", "erklärte").
PARTICIPLE = re.compile(r"(?:\w{0,6}?ge\w{2,}(?:t|en)|\w+iert)")


#: A participle used as an adjective: "die von X geäußerte Hoffnung", "die formulierten Zweifel".
ATTRIBUTIVE_PARTICIPLE = re.compile(r"(?:\w{0,6}?ge\w{2,}t|\w+iert)(?:e|en|er|es)")
#: "geforderten", "angekündigte": "ge" after a separable particle at most ("entgegnete" is the past tense)
_GE_PARTICIPLE = re.compile(r"(?:ab|an|auf|aus|bei|dar|ein|fest|her|hin|mit|nach|vor|weg|zu|zurück|hervor|heraus|"
                            r"hinzu|bekannt)?ge\w{2,}t(?:e|en|er|es|em)")


def _before_its_noun(tokens: list[Token], i: int, inside: list[bool]) -> bool:
    """An inflected participle followed by a noun: "geforderten Strafmaß"; one in "-ierten" only after an
    article ("die kritisierten Punkte"), since it is also the past tense ("Die Grünen kritisierten Merkel")."""
    word = tokens[i].lower
    if i + 1 >= len(tokens) or not is_capitalised_word(tokens[i + 1]) or inside[i + 1]:
        return False
    return bool(_GE_PARTICIPLE.fullmatch(word)) or (
        bool(ATTRIBUTIVE_PARTICIPLE.fullmatch(word)) and i > 0 and tokens[i - 1].lower in DETERMINERS)


def _attributive_participle_statement(c: _VerbClause) -> Attribution | None:
    """ "Die von Arnold nach dem Urteil geäußerte Hoffnung, sein Leben werde …": the saying noun's content
    follows its comma, and who said it stands after "von" in front of the participle."""
    tokens, inside, text = c.tokens, c.inside, c.text
    i, n = c.cue.index, len(tokens)
    if i + 3 >= n or not is_capitalised_word(tokens[i + 1]) or tokens[i + 2].text != "," \
            or not (_opens_complement(tokens, i + 2, inside) or _opens_infinitive(tokens, i + 2, inside)):
        return None
    by = next((k for k in range(i - 1, max(0, i - 10), -1) if tokens[k].lower in ("von", "vom") and not inside[k]),
              None)
    speaker = parse_forward(tokens[:i], by + 1, text, allow_apposition=False) if by is not None else None
    if speaker is None or speaker.pronoun or not plausible_speaker(speaker):
        return None
    stop = _matrix_verb_after(c, i + 3)
    spans, kind = _content(text, tokens[i + 3].start, tokens[stop].start if stop < n else c.unit.end, c.unit.quotes)
    return Attribution(speaker, c.cue.lemma, spans, kind)


def _by_agent_statement(c: _VerbClause) -> Attribution | None:
    """ "Die Aufforderung, vorgetragen durch den Richter X, das Beste anzunehmen, …": a participle after a noun
    names who said it after "durch"/"von"; what was said follows that phrase."""
    tokens, inside, text, unit = c.tokens, c.inside, c.text, c.unit
    n = len(tokens)
    agent = parse_forward(tokens, c.cue.index + 2, text, allow_comma_adjectives=True)
    if agent is None or agent.pronoun or not plausible_speaker(agent):
        return None
    j = next((m for m in range(c.cue.index + 2, n) if tokens[m].start >= agent.end), n)
    if j >= n or tokens[j].text != "," or not (_opens_complement(tokens, j, inside)
                                                or _opens_infinitive(tokens, j, inside)):
        return None
    stop = next((m for m in range(j + 1, n) if tokens[m].text in (",", ".", ";") and not inside[m]
                 and (tokens[j + 1].lower != "dass" or tokens[m].text != ",")), n)
    spans, kind = _content(text, tokens[j + 1].start, tokens[stop].start if stop < n else unit.end, unit.quotes)
    return Attribution(agent, c.cue.lemma, spans, kind)
