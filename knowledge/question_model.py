"""What a question is understood as, its language, and the cleaning every question gets first."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

import numpy as np

from knowledge.model import Entity
from knowledge.vocabulary import ENGLISH_MARKERS, GERMAN_MARKERS, words

MAX_QUESTION = 500


@dataclass(slots=True)
class Question:
    text: str
    lang: str
    intent: str
    entities: list[Entity] = field(default_factory=list)
    ambiguous: list[Entity] = field(default_factory=list)
    mentioned_only: list[str] = field(default_factory=list)  # names in the texts that never speak
    sources: list[str] = field(default_factory=list)
    measure: str = "troops"
    also_measures: list[str] = field(default_factory=list)  # other measures its unit counts ("Menschen" erkrankt)
    scope: list[str] = field(default_factory=list)
    topic: list[list[str]] = field(default_factory=list)  # groups of alternative stems
    topic_words: list[str] = field(default_factory=list)
    phrase: str | None = None
    unknown_name: str | None = None
    suggestion: str | None = None
    other_count: str | None = None
    vector: np.ndarray | None = None  # the question's sentence vector, where the store has vectors
    words: list[str] = field(default_factory=list)  # content words, not the names or sources matched
    unheard: list[str] = field(default_factory=list)  # names asked about that no document holds
    answer_type: str | None = None  # "date" or "number": what a sentence answering a fact question must hold
    answer_unit: re.Pattern[str] | None = None  # a number in the units a measure asked for is given in ("541 Meter")
    mode: str = "topic"  # who_said by meaning: "topic" (who spoke about X) or "that" (who said that X)
    counted: str | None = None  # the noun a count question counts ("Wie viele Zuschauer"), folded
    stance: str | None = None  # "denies" or "refuses": the question asks who denied or would not vouch for it
    values: list[int] = field(default_factory=list)  # numbers the question names ("Wer nennt 12.000 Soldaten?")


def detect_language(text: str) -> str:
    toks = words(text)
    en = sum(t in ENGLISH_MARKERS for t in toks)
    de = sum(t in GERMAN_MARKERS for t in toks)
    if re.search(r"[äöüß]", text.lower()):
        de += 1
    return "en" if en > de else "de"


def clean(text: str) -> str:
    """Strip markup and control characters; long messages are cut, not rejected."""
    text = re.sub(r"<[^>]{0,200}>", " ", text)
    text = re.sub(r"[*_`~|\\]", " ", text)
    text = "".join(c if c.isprintable() else " " for c in text)
    return " ".join(text.split())[:MAX_QUESTION]


def has_cue(folded: str, cues: tuple[str, ...]) -> bool:
    padded = f" {folded} "
    return any(c in padded for c in cues)
