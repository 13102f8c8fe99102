"""What a question asks about: its topic words, with German stems for English words where the bilingual
word list has them, without the names and sources the question also names."""

from __future__ import annotations

import re

from knowledge.index import KnowledgeIndex
from knowledge.question_model import Question
from knowledge.vocabulary import BILINGUAL, QUOTED_IN_CUES, SAID_CUES, STOP, fold_query, words

#: what follows names the topic ("about", "zum") or the occasion ("after the match", "nach dem Spiel")
_TOPIC = re.compile(r"\b(?:uber|about|zum thema|regarding|concerning|bezuglich|zu|zum|zur|on|von"
                    r"|after|following|during|nach|wahrend|bei|beim)\s+(.+)$")


def _stems(word: str) -> list[str]:
    for english in (word, word[:-1] if word.endswith("s") else "", word[:-2] if word.endswith("es") else ""):
        if english in BILINGUAL:  # "schools" is looked up as "school"
            return BILINGUAL[english]
    w = word
    for suffix in ("ungen", "ung", "en", "er", "es", "e", "s", "n"):
        if len(w) - len(suffix) >= 5 and w.endswith(suffix):
            w = w[: -len(suffix)]
            break
    if "c" in w and not any(g in w for g in ("ch", "ck", "sc")):
        return [w, w.replace("c", "k")]  # an English or Latin spelling of a German word: conclave, conflict
    return [w]


def topic_words(content: list[str], q: Question, index: KnowledgeIndex) -> list[str]:
    held = source_words(q, index) if q.sources else set()
    return [w for w in content if w not in held and len(w) >= 3
            and not any(c.strip() == w for c in SAID_CUES + QUOTED_IN_CUES)]


def is_name_word(word: str, q: Question) -> bool:
    names = " ".join(fold_query(e.name) + " " + " ".join(fold_query(a) for a in e.aliases)
                     for e in q.entities + q.ambiguous)
    return word in names.split()


def source_words(q: Question, index: KnowledgeIndex) -> set[str]:
    found = set()
    for doc in q.sources:
        found |= set(words(index.outlet(doc))) | {doc.split("_")[0], fold_query(doc)}
    found |= {"taz", "quelle"}
    return found


def read_topic(q: Question, folded: str, content: list[str], index: KnowledgeIndex, *, after_entity: bool) -> None:
    """The question's topic words and their stems; after a speaker's name only what follows "about" or "zu"."""
    names = set()
    for e in q.entities + q.ambiguous:
        names |= set(words(e.name)) | {w for a in e.aliases for w in words(a)}
        for r in e.roles:
            names |= set(words(r))
    outlets = source_words(q, index) if q.sources else set()
    found = [w for w in content if w not in names and w not in outlets and len(w) >= 3
             and not any(fold_query(c).strip() == w for c in SAID_CUES)]
    if after_entity:
        m = _TOPIC.search(folded)
        if not m:
            return
        found = [w for w in words(m.group(1)) if w not in STOP and w not in names]
    for w in found:
        stems = _stems(w)
        q.topic.append(stems)
        q.topic_words.append(w)
