"""The clause of one reporting verb and the speaker found in it: what every step of _verbs and _relatives reads."""

from __future__ import annotations

from dataclasses import dataclass

from knowledge.extraction.attribution._clauses import Unit
from knowledge.extraction.cues import VerbCue
from knowledge.extraction.mentions import Mention
from knowledge.extraction.text import Token


@dataclass(slots=True)
class _VerbClause:
    """The clause of one reporting verb, read by every step that looks for its speaker and content."""

    cue: VerbCue
    tokens: list[Token]
    inside: list[bool]
    text: str
    unit: Unit
    left: int  # the clause's first token
    anchor: int  # its finite verb: an auxiliary before a participle ("hatte … bekannt gegeben"), else the cue
    end_tok: int  # the first token after the verb and its particle
    next_cue: int | None

    @property
    def first(self) -> Token:
        return self.tokens[self.left]


@dataclass(slots=True)
class _Speaker:
    """Who a main clause names as its speaker, where the content after the verb may begin, and whether
    the content follows the verb at all or stands in front of the clause."""

    mention: Mention | None
    after_start: int
    content_after: bool = True
    inherited: bool = False
