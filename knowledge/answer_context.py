"""Statements read in their paragraph and under their article's lead: "What did the minister say after the
hostage-taking ended?", "… about the new Airbus boss Gallois?" ask about what the paragraph around a statement
or the lead of its article reports (the occasion, the person it is about), which the quoted words need not name."""

from __future__ import annotations

import math
import re

import numpy as np

from knowledge.described import english_word
from knowledge.embeddings import encode_one
from knowledge.index import KnowledgeIndex
from knowledge.model import Claim
from knowledge.question_model import Question
from knowledge.question_names import common_word
from knowledge.vocabulary import fold_query
from knowledge.word_index import stem

#: how close in meaning (cosine) the topic must come to a sentence of the statement's paragraph: the paragraph
#: reporting the occasion asked about scores 0.35 to 0.45, paragraphs on other matters below 0.15
#: (development questions)
CONTEXT_FLOOR = 0.3
#: the share of the topic's names (weighted by how few documents hold them) the context must hold: the rare
#: name ("Lebensmittelklarheit.de") counts, a common word beside it ("Portal") may be missing
NAMES_HELD = 0.5
#: the largest share of the documents a name may be in to tell which documents a question is about
RARE_SHARE = 0.05


def said_in_context(q: Question, index: KnowledgeIndex, spoken: np.ndarray, names: list[str]) -> np.ndarray:
    """The statements whose paragraph, with the lead of their article, holds the names of the topic (`names`,
    folded; the rarer ones above all), or a sentence close in meaning to the topic."""
    semantic = index.semantic
    if not spoken.size or not semantic.passages:
        return spoken[:0]
    places = index.memo(("paragraph places",), lambda: _paragraph_places(index))
    passage_code, claim_code, claim_lead, count = places
    codes, leads = claim_code[spoken], claim_lead[spoken]
    keep = np.zeros(spoken.size, dtype=bool)
    named = [(held, _weight(held, index)) for name in names if (held := _holding(name, index)).size]
    if named:
        score = np.zeros(spoken.size)
        for held, weight in named:
            holding = np.zeros(count + 1, dtype=bool)
            holding[passage_code[held]] = True  # the paragraphs holding the word
            score += weight * (holding[codes] | holding[leads])
        keep |= (codes >= 0) & (score >= NAMES_HELD * sum(weight for _held, weight in named))
    if semantic.ready and q.topic_words and not keep.all():
        topic = encode_one(" ".join(q.topic_words))
        wanted = np.zeros(count + 1, dtype=bool)
        wanted[codes] = wanted[leads] = True
        wanted[-1] = False
        rows = np.flatnonzero(wanted[passage_code])
        best = np.full(count + 1, -1.0)
        np.maximum.at(best, passage_code[rows], semantic.passage_vectors[rows] @ topic)
        keep |= (codes >= 0) & (np.maximum(best[codes], best[leads]) >= CONTEXT_FLOOR)
    return spoken[keep]


def claims_in_context(q: Question, index: KnowledgeIndex, names: list[str]) -> np.ndarray:
    """Every statement (of anybody) whose paragraph, with the lead of its article, is on the topic: who spoke in
    the article about it spoke about it ("Wer hat sich zu den Arbeitszeitkonten geäußert?")."""
    semantic = index.semantic
    sources = [semantic.passage_source[held] for name in names if (held := _holding(name, index)).size]
    if not sources:
        return np.zeros(0, dtype=np.int32)
    spoken = np.flatnonzero((index.speaker_code >= 0) & np.isin(index.source_of, np.concatenate(sources)))
    return said_in_context(q, index, spoken.astype(np.int32), names)


def _holding(name: str, index: KnowledgeIndex) -> np.ndarray:
    """The sentences holding the word, as a word's start or, for a long one, inside a compound."""
    words = index.semantic.passage_words
    return words.holding_inside(stem(name)) if len(name) >= 8 else words.holding(name)


def _weight(held: np.ndarray, index: KnowledgeIndex) -> float:
    """A word's weight by how few documents hold it (`held`: the sentences holding it)."""
    documents = np.unique(index.semantic.passage_source[held]).size
    return math.log(1 + index.semantic.documents / (1 + documents))


def _paragraph_places(index: KnowledgeIndex) -> tuple[np.ndarray, np.ndarray, np.ndarray, int]:
    """A code per paragraph (source, number): each sentence's, each claim's and the lead's of each claim's
    document (-1, the last slot of arrays indexed by code, where the paragraph has no sentence), and how many."""
    code_of: dict[tuple[str, int], int] = {}
    passage_code = np.array([code_of.setdefault((p.source, p.paragraph), len(code_of))
                             for p in index.semantic.passages], dtype=np.int64)
    claim_code = np.array([code_of.get((c.source, c.paragraph), -1) for c in index.claims], dtype=np.int64)
    claim_lead = np.array([code_of.get((c.source, 1), -1) for c in index.claims], dtype=np.int64)
    return passage_code, claim_code, claim_lead, len(code_of)


#: a year a question names ("im Jahr 2020", "in 2020")
_YEAR = re.compile(r"\b(1[89]\d\d|20\d\d)\b")
#: a name written in the question: a capitalised word that is not its first
_NAME = re.compile(r"(?<=\s)([A-ZÄÖÜ][\w\-]{2,})")


def year_untold(q: Question, index: KnowledgeIndex) -> bool:
    """Whether the question names a year and a name (its rarest, that some document holds) that no document holds
    together: "the explosion in the port of Beirut in 2020" when the documents tell of Beirut in other years."""
    years = _YEAR.findall(q.text)
    if not years:
        return False
    semantic = index.semantic
    limit = RARE_SHARE * max(semantic.documents, 1)
    named = [held for word in _NAME.findall(q.text)
             if 0 < (held := semantic.documents_holding(fold_query(word))).size <= limit]
    if not named:
        return False
    rarest = min(named, key=len)
    dated = np.unique(np.concatenate([semantic.documents_holding(year) for year in years]))
    return not np.intersect1d(rarest, dated).size


#: a place the question puts its event at: a word after "in", "near", "at" (and an article); not after "bei" or
#: "aus", which open an event or a body as often ("beim Bombenanschlag", "aus dem Bieterverfahren")
_PLACE = re.compile(r"(?i)\b(?:in|im|nahe|near|at)\s+(?:(?:der|dem|den|des|die|the)\s+)?([^\W\d_][\w\-]{2,})")


def place_sources(q: Question, claims: list[Claim], index: KnowledgeIndex) -> set[str] | None:
    """The documents an answer may come from when the question puts its event at a place: those of the answer's
    that name it ("… in Quetta"). None where the question names no such place; none at all where no answering
    document names it ("Wie viele Menschen starben beim Erdbeben in Lissabon?" answered by earthquakes elsewhere)
    or no document does ("the dams in derna"). A place is a name few documents hold, or one no document of many
    holds in any spelling or a typo away. A word many documents hold ("in der Nacht") tells no place, nor does a
    small word ("in front of") or an English name the English dictionary knows ("Lisbon", "France"): German
    documents may spell it otherwise."""
    if not claims or q.lang not in ("de", "en") or q.mode == "that":
        return None  # who said that …: a paraphrase's words need not be the documents'
    semantic = index.semantic
    limit = RARE_SHARE * max(semantic.documents, 1)
    lower_case = q.text == q.text.lower()
    allowed: set[str] | None = None
    for match in _PLACE.finditer(q.text):
        word, folded = match.group(1), fold_query(match.group(1))
        if not (word[:1].isupper() or (lower_case and q.lang == "en")) or (q.lang == "en" and english_word(folded)):
            continue
        held = semantic.documents_holding(folded)
        if not held.size:
            if not (index.near_word(folded) or (common_word(word) and limit < 1)):
                return set()  # a name no document writes (of many on many stories): none tells of that place
        elif held.size <= limit:
            naming = {c.source for c in claims if index.source_code.get(c.source, -1) in held}
            allowed = naming if allowed is None else allowed & naming
    return allowed
