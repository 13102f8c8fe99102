"""Understanding a question: its language, what it asks for, and whom or what it names.

Intents: `figures` (how many), `statements` (what did X say), `who_said` (who said a phrase or
spoke about a topic), `quoted_in` (who is quoted in a source), `sources`, `help`, `facts`; anything
else is answered as `none`, honestly. Entities are matched fuzzily against names, aliases,
surnames and roles in the store, so typos and other spellings still find their person.

The rules read a question first (this module, with `question_names` and `question_topic`); where
the store has sentence vectors, `question_meaning` refines their reading by meaning.
"""

from __future__ import annotations

import re

from knowledge.described import described_speakers, role_phrase
from knowledge.index import KnowledgeIndex
from knowledge.question_meaning import INTENT_FLOOR, figure_measure, read_by_meaning
from knowledge.question_model import MAX_QUESTION, Question, clean, detect_language, has_cue
from knowledge.question_names import load_dictionary, match_names, match_role, match_sources
from knowledge.question_topic import is_name_word, read_topic, source_words, topic_words
from knowledge.vocabulary import (
    FIGURE_CUES,
    HELP_CUES,
    MEASURE_WORDS,
    OTHER_COUNT_NOUNS,
    QUOTED_IN_CUES,
    SAID_CUES,
    SOURCE_LIST_CUES,
    STANCE_WORDS,
    STOP,
    WHO_CUES,
    fold_query,
    measure_word,
    translate_role,
    with_translations,
    words,
)

#: a quoted phrase; a single quote mark inside a word is an apostrophe ("Mugabe's", "Zimbabwe's"), no quote
_QUOTED = re.compile(r"(?:[„“”\"»«]|(?<!\w)[‚‘’'])([^„“”\"»«]{3,200})(?:[„“”\"»«]|[‚‘’'](?!\w))")
#: a quotation from its first opening to its last closing mark, so one that quotes inside it stays whole
_QUOTED_WHOLE = re.compile(r"[„“”\"»«]([^„“”\"»«].{1,300}[^„“”\"»«\s])[„“”\"»«]")
_TOPIC_MARK = re.compile(r"\b(?:uber|about|zum thema|regarding|concerning|bezuglich)\b")


def parse_question(raw: str, index: KnowledgeIndex, lang: str | None = None) -> Question:
    """The rules' reading of the question, then, where the store has vectors, the reading by meaning."""
    q = _parse_by_rules(raw, index, lang)
    if index.semantic.ready and q.intent not in ("help", "sources") and not q.phrase:
        read_by_meaning(q, index)
        if q.lang == "en":  # German documents hold the German words
            q.words = [with_translations(w) for w in q.words]
    return q


def _parse_by_rules(raw: str, index: KnowledgeIndex, lang: str | None = None) -> Question:
    text = clean(raw)
    folded = fold_query(text)
    q = Question(text=text, lang=lang or detect_language(text), intent="none")
    if not folded.strip(" ?!."):
        return q
    asked = _quotation(q, text, folded)
    tokens = words(text)
    if has_cue(asked, HELP_CUES) and len(tokens) <= 6:
        q.intent = "help"
        return q
    q.values = _asked_values(text.replace(q.phrase, " ") if q.phrase else text, has_cue(asked, FIGURE_CUES))
    counts_people = bool(q.values) and measure_word(asked)
    if has_cue(asked, SOURCE_LIST_CUES) and not has_cue(asked, FIGURE_CUES) and not counts_people:
        q.intent = "sources"
        return q
    asks_count = _read_count(q, asked) or counts_people  # "Who reported 12,000 troops?": that number's sources
    if asks_count and q.phrase and not q.values:
        q.phrase, asked = None, folded  # "unter dem Motto „Freiheit statt Angst“": a name, not somebody's words
    q.stance = next((STANCE_WORDS[t] for t in words(asked) if t in STANCE_WORDS), None)
    content = _read_names(q, text, folded, asked, asks_count, index)
    _rules_intent(q, folded, asked, content, asks_count, index)
    return q


#: A number as questions write it: "12.000", "12,000", "12000" (a year alone is no count).
_MONTH_AFTER = re.compile(r"\.?\s*(?:Jan|Feb|Mär|Mar|Apr|Mai|May|Jun|Jul|Aug|Sep|Okt|Oct|Nov|Dez|Dec)[a-zä]*\b")
_VALUE = re.compile(r"(?<![\w.,-])(\d{1,3}(?:[.,]\d{3})+|\d{2,})(?![.,]?\w)")  # not "902.gr", "Su-27"


def _asked_values(text: str, counting: bool) -> list[int]:
    """The numbers a question names, for the figures that give them ("Wer nennt 12.000 Soldaten?"). A question
    that asks how many names a number only as part of a name ("the Boeing 747", "auf der A 52", "im Club 911"),
    unless what it counts follows ("Wie viele Quellen nennen 12.000 Soldaten?")."""
    values = []
    for m in _VALUE.finditer(text):
        raw = m.group(1)
        value = int(re.sub(r"[.,]", "", raw))
        if raw.isdigit() and len(raw) == 4 and 1900 <= value <= 2100:
            continue  # "im Jahr 2024"
        if _MONTH_AFTER.match(text, m.end()):
            continue  # "am 11. März", "on 11 March": a day
        after = fold_query(text[m.end():m.end() + 40]).split()
        if counting and not (after and measure_word(after[0])):
            continue  # a number in a name
        values.append(value)
    return values


def _quotation(q: Question, text: str, folded: str) -> str:
    """Notes the quoted phrase the question asks about, if any; returns what the asker says around it, since
    the quoted words are what somebody said."""
    quoted = _QUOTED_WHOLE.search(text)
    if quoted is None or re.search(r"[“”\"»«]\s", quoted.group(1)):  # two quotations, not one inside another
        quoted = _QUOTED.search(text)
    if quoted and len(quoted.group(1).split()) >= 2:
        q.phrase = quoted.group(1).strip()
        return fold_query(f"{text[:quoted.start()]} {text[quoted.end():]}")
    return folded


def _read_count(q: Question, asked: str) -> bool:
    """Whether the question asks how many, and of what measure or other thing."""
    asks_count = has_cue(asked, FIGURE_CUES)
    for measure in ("deserters", "casualties"):
        if asks_count and measure_word(asked, measure):
            q.measure = measure
            break
    other = OTHER_COUNT_NOUNS.search(asked)
    troop_word = measure_word(asked, "troops")
    if asks_count and other and not troop_word:
        q.other_count = other.group(1)
    return asks_count


def _read_names(q: Question, text: str, folded: str, asked: str, asks_count: bool, index: KnowledgeIndex
                ) -> list[str]:
    """Names, sources and roles the question names; returns its content words."""
    tokens = words(text)
    quoted_words = set(words(q.phrase)) if q.phrase else set()  # what somebody said, not what is asked about
    content_at = [i for i, t in enumerate(tokens) if t not in STOP and t not in quoted_words]
    content = [tokens[i] for i in content_at]
    about = _TOPIC_MARK.search(folded)
    if about and not asks_count:
        head_words = set(words(folded[: about.start()]))
        name_at = [i for i in content_at if tokens[i] in head_words]
    else:
        name_at = content_at
    name_content = [tokens[i] for i in name_at]
    match_names(q, name_content, index, name_at)
    # the digits of a number asked about ("12,000") name no document ("000_…")
    q.sources = match_sources([t for t in content if not (q.values and t.isdigit())], index)
    if not q.entities and not q.ambiguous:
        match_role(q, asked, index)
    if not q.entities and not q.ambiguous and q.lang == "en":
        # "the Russian embassy" -> "russische botschaft", an organisation's own name
        translated = [t for t in words(translate_role(" ".join(name_content))) if t not in STOP]
        if translated != name_content:
            unknown, suggestion = q.unknown_name, q.suggestion
            match_names(q, translated, index)
            if not q.entities:
                q.unknown_name, q.suggestion = unknown, suggestion
    return content


def _rules_intent(q: Question, folded: str, asked: str, content: list[str], asks_count: bool,
                  index: KnowledgeIndex) -> None:
    """The intent by the question's cues and what it names; the topic where it has one."""
    if asks_count:
        q.intent = "figures"
        # a body or a label a count names ("laut Reporter ohne Grenzen", "Journalisten") ranks its figures, never
        # filters them; a person's figures are asked for ("Wie viele Soldaten nennt Brandt?")
        q.entities = [e for e in q.entities if e.kind == "person"]
        q.ambiguous = [e for e in q.ambiguous if e.kind == "person"]
        q.scope = [t for t in content if not is_name_word(t, q) and t not in source_words(q, index)
                   and not any(s in t for stems in MEASURE_WORDS.values() for s in stems)
                   and not (q.values and t.replace(".", "").replace(",", "").isdigit())]
        if q.other_count:
            q.intent = "none"
        return
    if has_cue(asked, QUOTED_IN_CUES) and not q.entities and not q.ambiguous and not q.phrase and (
            q.sources or not topic_words(content, q, index)):
        q.intent = "quoted_in"
        q.sources = q.sources or sorted(index.sources)  # "who is quoted?" with no source: in all of them
        return
    said = has_cue(asked, SAID_CUES) or q.stance is not None  # "Wer hat bestritten, dass …?"
    who = asked.startswith(WHO_CUES) or has_cue(asked, tuple(" " + c for c in WHO_CUES))
    if q.entities or q.ambiguous:
        q.intent = "statements"
        read_topic(q, folded, content, index, after_entity=True)
    elif q.mentioned_only and said and not who and not q.phrase:
        q.intent = "statements"  # answered honestly: mentioned, never quoted
    elif who or q.phrase or said:
        q.intent = "who_said"
        read_topic(q, folded, content, index, after_entity=False)
        if not q.topic and not q.phrase:
            q.intent = "none"
    elif q.sources:
        q.intent = "quoted_in"
    else:  # a bare topic ("Eskalation?") is a who-said question
        read_topic(q, folded, content, index, after_entity=False)
        if q.topic and any(index.has_stem(s) for group in q.topic for s in group):
            q.intent = "who_said"


__all__ = ["INTENT_FLOOR", "MAX_QUESTION", "Question", "clean", "described_speakers", "detect_language",
           "figure_measure", "load_dictionary", "parse_question", "role_phrase"]
