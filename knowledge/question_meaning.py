"""The reading of a question by meaning, after the rules': the learned intent (nearest labelled examples),
facts a sentence answers, figures only for a count the store keeps, roles by what the documents call
each speaker, topics and paraphrases by meaning, and an honest nothing for a name no document holds."""

from __future__ import annotations

import re

from rapidfuzz import fuzz

from knowledge.described import described_speakers, match_role_by_meaning, role_phrase
from knowledge.described import english_word as _english_word
from knowledge.embeddings import encode_one
from knowledge.entities import name_tokens, same_person
from knowledge.index import KnowledgeIndex
from knowledge.intents import classify
from knowledge.measure_units import asked_unit
from knowledge.model import Entity
from knowledge.question_model import Question, has_cue
from knowledge.question_names import common_word
from knowledge.question_topic import read_topic, source_words
from knowledge.vocabulary import (
    FIGURE_CUES,
    MEASURE_WORDS,
    SAID_CUES,
    STOP,
    WHO_CUES,
    fold_query,
    measure_word,
    with_translations,
    words,
)
from knowledge.word_index import IGNORED_WORDS as _IGNORED_WORDS
from knowledge.word_index import question_words, stem

#: votes (summed similarities of the nearest examples) a learned intent needs
INTENT_FLOOR = 0.6
#: a who-question about a topic ("Who commented on X", "Wer äußerte sich zum X"), not about what was said
_ABOUT = re.compile(r"\b(about|on|of|regarding|concerning|uber|zu|zum|zur|von|vom|bezuglich|gegen|against)\b")
#: a verb's clause after the first words of a question: ", dass …", ", der Fernseher sei …", " that …"
_CLAUSE = re.compile(r"^\S+ \S+(?: \S+)?(?:,| dass\b| that\b)")
_WHEN = ("wann", "when", "seit wann", "what year", "welchem jahr", "what date", "welchem datum")
#: questions for a measure, answered by a sentence with a number ("How long was …?", "Welche Stärke hatte …?")
_MEASURE = ("how long", "how high", "how far", "how tall", "how heavy", "how deep", "how old", "how expensive",
            "what magnitude", "what size", "what length", "what height", "what price", "what did it cost",
            "wie lang", "wie hoch", "wie weit", "wie schwer", "wie tief", "wie alt", "wie teuer", "welche starke",
            "welche hohe", "welche lange", "welche grosse", "welchen preis", "welches ausmass")
#: question words that ask for a fact, whoever the question names ("Woran ist Fürst X gestorben?")
_FACT_START = ("wann ", "wo ", "woher ", "wohin ", "woran ", "wodurch ", "womit ", "warum ", "wieso ", "weshalb ",
               "when ", "where ", "why ", *(f"{cue} " for cue in _MEASURE))


def read_by_meaning(q: Question, index: KnowledgeIndex) -> None:
    """Refine the rules' intent with the learned one: facts a sentence answers, figures only for a count
    the store keeps, roles by what the documents call each speaker, topics and paraphrases by meaning."""
    folded = fold_query(q.text)
    if not question_words(q.text) and q.intent == "none":
        return  # nothing but question words, or nothing at all
    _drop_namesakes(q)
    q.vector = encode_one(q.text)
    q.unheard = _unheard_names(q, index)
    matched = [part for e in q.entities + q.ambiguous for part in e.name.split()]
    # (a paraphrase's words need not be the documents': "Wer kritisierte, dass … die Pelztiere …?")
    if q.lang == "de" and not _who_with_clause(folded) and any(
            not common_word(w) and not index.near_word(fold_query(w))
            and not any(fuzz.ratio(fold_query(w), fold_query(part)) >= 75 or same_person(w, part) for part in matched)
            for w in q.unheard) and not _describes_a_speaker(q, index):
        # a name no document holds, in any spelling ("Atlantis"): nothing, whatever else the question says
        q.intent, q.unknown_name, q.entities, q.ambiguous = "none", q.unknown_name or q.unheard[0], [], []
        return
    learned = classify(q.vector)
    # far from every example ("xqzv blorp fnord"): the rules' reading stands
    top = learned[0][0] if learned[0][1] >= INTENT_FLOOR else q.intent
    if top == "none" and not folded.startswith(_FACT_START):  # "How long is the ship …?" asks a fact all the same
        return
    names = {w for e in q.entities + q.ambiguous for w in words(e.name)}
    sources = source_words(q, index) if q.sources else set()
    every_word = [w for w in question_words(q.text) if w not in sources]
    q.words = [w for w in every_word if w not in names]
    asks_count = has_cue(folded, FIGURE_CUES) or (q.intent == "figures" and bool(q.values)) or (
        has_cue(folded, _MEASURE) and measure_word(folded))
    # (or what a described speaker expects, suspects, demands: "Was erwartet der Vorsitzende des Verbands …?")
    said = (has_cue(folded, SAID_CUES) or _who_with_clause(folded) or _article_first(role_phrase(q.text))) \
        and not (asks_count and q.values)
    # ("Who reported 12,000 troops?" asks for figures)
    unit = asked_unit(folded)
    if has_cue(folded, _WHEN) or folded.startswith(_WHEN):
        q.answer_type = "date"
    elif asks_count or has_cue(folded, _MEASURE) or unit is not None:
        q.answer_type, q.answer_unit = "number", unit
    if asks_count and not said:
        _read_count(q, index, folded, every_word)
    elif (folded.startswith(_FACT_START) or (top == "facts" and not said)) and q.intent not in ("quoted_in",):
        # (a question word asking for a fact asks for it whatever verb follows: "How long is the ship that called …")
        q.intent, q.words = "facts", every_word
    else:
        _read_speech(q, index, folded, top, every_word)


def _article_first(phrase: str | None) -> bool:
    """Whether a description opens with an article ("die Leiterin der …"), as a name ("Kim Jong Un") never does."""
    return phrase is not None and phrase.split()[0].lower() in ("der", "die", "das", "den", "dem", "the")


def _describes_a_speaker(q: Question, index: KnowledgeIndex) -> bool:
    """Whether the question describes a speaker the documents quote ("die Leiterin der Fachstelle für
    Suchtvorbeugung"): a word of its topic no document holds ("Cannabiskonsumenten") is then no unknown name."""
    phrase = role_phrase(q.text)
    return _article_first(phrase) and bool(described_speakers(str(phrase), index, lang=q.lang)[0])


def _who_with_clause(folded: str) -> bool:
    """"Wer scherzte, der Fernseher sei …?", "Wer kritisierte, dass …?", "Who joked that …?": a who-question whose
    verb takes a clause asks who said it, whatever the verb."""
    return folded.startswith(WHO_CUES) and bool(_CLAUSE.search(folded))


def _read_count(q: Question, index: KnowledgeIndex, folded: str, every_word: list[str]) -> None:
    """A count: of figures the store keeps by their measure, else of something a sentence may give
    ("12.400 Zuschauer"), else of something no document counts (nothing)."""
    counted = re.search(r"(?i:\bwie ?viele?)\s+(?:[a-zäöü]\w*\s+){0,2}?([A-ZÄÖÜ][\w\-]+)", q.text) or (
        q.text.islower() and re.search(r"\bwie ?viele?\s+([\w\-]{3,})", q.text))  # "wie viele haushalte"
    q.counted = fold_query(counted.group(1)) if counted else None
    if counted and not _counted_anywhere(counted.group(1), index):
        # "Wie viele Kampfjets": no sentence of the documents gives a number of them
        q.intent, q.other_count = "none", fold_query(counted.group(1))
        return
    measure = figure_measure(folded, q.words, index)
    if measure and not (q.other_count and measure == "troops" and q.intent != "figures"):
        q.intent, q.measure, q.other_count = "figures", measure, None
        if not any(measure_word(folded, m) for m in ("deserters", "casualties", "troops")):
            # counted by its unit only ("Wie viele Menschen sind erkrankt?"): the unit's other measures too
            q.also_measures = [m for m in unit_measures(q.words, index) if m != measure]
        if not _names_a_person(q, folded):
            # "laut Polizei", "according to the WHO": who gives the figure ranks it, never filters it
            q.entities, q.ambiguous, q.words = [], [], every_word
    elif q.intent == "figures" and not q.words:
        pass  # "What numbers does the paper give?": the figures of a source or a speaker, as the rules read it
    else:
        q.intent, q.other_count = "facts", None


def _names_a_person(q: Question, folded: str) -> bool:
    """Whether a count question names a person whose figures it asks for ("Wie viele Soldaten nennt Austin?"),
    not a body or a word that happens to be a speaker's label ("laut Reporter ohne Grenzen", "Journalisten")."""
    said_names = set(folded.split())
    return any(e.kind == "person" and said_names & set(words(e.name)) for e in q.entities)


def _read_speech(q: Question, index: KnowledgeIndex, folded: str, top: str, every_word: list[str]) -> None:
    """What somebody said, or who said something: the speaker described by role, a topic or a paraphrase."""
    said = has_cue(folded, SAID_CUES)
    # "which rock star said …", "welcher Trainer sagte …": who said it, described
    who = folded.startswith(WHO_CUES) or (said and folded.startswith(("which ", "welche ", "welcher ", "welches ")))
    if q.intent == "statements" and who and not q.sources:
        # "Wer wünschte Anna Beispiel Glück?": the name is whom it was said about; who said it is asked (the topic
        # is read again, as the whole question's, not as what follows a speaker's name)
        q.entities, q.ambiguous, q.words, q.topic, q.topic_words = [], [], every_word, [], []
    elif q.intent == "statements" and q.entities and not q.ambiguous:
        # a description may name an office the matched name does not hold ("die Sprecherin der Stiftung X")
        match_role_by_meaning(q, index, instead_of=q.entities)
        return
    elif q.intent in ("statements", "quoted_in", "figures") or (q.mentioned_only and not who):
        if q.mentioned_only and not q.entities and q.intent != "figures" and _article_first(role_phrase(q.text)) \
                and match_role_by_meaning(q, index):
            q.intent = "statements"  # "die Leiterin der Bielefelder Fachstelle": the name is what the office is of
        return
    if not who and q.sources and not q.entities and all(w in q.topic_words for w in every_word):
        # the question names the source and perhaps a topic, nobody's office ("die Sprecherin der Stiftung X")
        if not q.topic:
            q.intent = "quoted_in"  # "Was berichtet die taz?": whoever the source quotes
            return
        who = True  # "Was sagt die taz über Kursk?": whoever the source quotes on it, not an office by meaning
    if not who and (top == "statements" or said or _article_first(role_phrase(q.text))):
        # ("Was fordert der Berliner Innensenator …?": the frame of what a described speaker said)
        # what somebody the documents never quote said ("what did Anna Beispiel say about …"): nothing, honestly
        q.intent = "statements" if match_role_by_meaning(q, index) else "none"
        return
    q.intent = "who_said"
    if not q.topic:
        read_topic(q, folded, [w for w in every_word if len(w) >= 3], index, after_entity=False)
    frame = " ".join(folded.split()[:4])  # "who commented on", "wer hat sich zum", not the words of a clause
    # "who said that <a clause>", "Wer räumte ein, dass …", "Who explained that …", "Wer wünschte X Glück?": the one
    # speaker who said it; a topic ("who commented on …", "wer sprach von …"), or a word, any who spoke of it
    q.mode = "that" if (said or who) and not _ABOUT.search(frame) and len(q.words) >= 3 else "topic"


def _counted_anywhere(noun: str, index: KnowledgeIndex) -> bool:
    """Whether some sentence of the documents holds the noun and a number, or a figure counts it."""
    if index.measure_of_unit(noun) or any(s in fold_query(noun) for stems in MEASURE_WORDS.values() for s in stems):
        return True
    holding = index.semantic.passage_words.holding(fold_query(noun))
    return bool(holding.size and index.semantic.holds("number")[holding].any())


def _unheard_names(q: Question, index: KnowledgeIndex) -> list[str]:
    """Capitalised words of a question, not its first, that no document holds in any form ("Atlantis"):
    what the question is about is not in the documents. German nouns are capitalised too, so this only
    raises the bar a match must clear. English questions name places in English, which German documents
    spell otherwise ("Norway"): there only a name no English dictionary knows counts ("Ahr"), and it only
    raises the bar (an English name of a German place, "Thuringia", may be unknown to the dictionary)."""
    if q.lang not in ("de", "en"):
        return []
    tokens = re.findall(r"\w+", q.text)[1:]
    return [t for t in tokens if t[:1].isupper() and len(t) >= (4 if q.lang == "de" else 3)
            and fold_query(t) not in _IGNORED_WORDS
            and not index.semantic.passage_words.holding(fold_query(t)).size
            and not index.semantic.claim_words.holding(fold_query(t)).size
            and not (len(t) >= 8 and index.semantic.passage_words.holds_inside(stem(fold_query(t))))
            and (q.lang == "de" or not (t.isupper() or _english_word(t))) and not _compound(t)]


def _compound(word: str) -> bool:
    """Whether a German word is two dictionary words joined ("Gerüsteinsturz", "Raumfahrtantrieb"): a compound no
    document writes, not a name."""
    for cut in range(4, len(word) - 3):
        head, tail = word[:cut], word[cut:].capitalize()
        if (common_word(head) or (head.endswith("s") and common_word(head[:-1]))) and common_word(tail):
            return True
    return False


def figure_measure(folded: str, content: list[str], index: KnowledgeIndex) -> str | None:
    """What a count question counts, as a figure measure the store holds: by the general words for the dead,
    wounded and deserters, else by a figure's unit ("Gefangene" → prisoners); None when no figure counts it."""
    for measure in ("deserters", "casualties", "troops"):
        if measure_word(folded, measure) and index.numbered.get(measure):
            return measure
    measures = unit_measures(content, index)
    return measures[0] if measures else None


def unit_measures(content: list[str], index: KnowledgeIndex) -> list[str]:
    """The measures figures count in the unit a count question names, the most frequent first; an English word by
    its German translations ("people" → "Menschen")."""
    for word in content:
        measures = next(filter(None, map(index.measures_of_unit, with_translations(word).split("|"))), [])
        if measures:
            return measures
    return []


def _other_surname(q: Question, given: str, entity: Entity, other_given: set[str]) -> str | None:
    """The name asked about when the question puts a surname the entity does not bear after one of its given
    names (of a double name too: "Jürgen" of "Frank-Jürgen Weise"; "anna beispiel" typed in lower case), or
    puts the given name of another speaker matched before it ("Anna Smith" is not Smith Dharmmasaroj)."""
    after = re.search(rf"(?i)\b{re.escape(given)}\s+([\w\-]+)", q.text)
    if after:
        word = fold_query(after.group(1))
        if word not in _IGNORED_WORDS and word not in STOP and not word.isdigit() and not any(
                fuzz.ratio(word, fold_query(part)) >= 75 for part in entity.name.split()):
            return " ".join(after.group(0).split())
    before = re.search(rf"(?i)([\w\-]+)\s+{re.escape(given)}\b", q.text)
    if before and fold_query(before.group(1)) in other_given:
        return " ".join(before.group(0).split())
    return None


def _drop_namesakes(q: Question) -> None:
    """"Anna Beispiel" is not any Anna the documents quote: a match on a given name followed by a
    surname the matched speaker does not bear is nobody the documents know."""
    keep = []
    matched = q.entities + q.ambiguous
    for entity in matched:
        others = {fold_query(t) for e in matched if e is not entity for t in name_tokens(e.name)[:-1]}
        other = next((found for given in name_tokens(entity.name)[:-1]
                      if (found := _other_surname(q, given, entity, others))), None)
        if other is not None:
            q.unknown_name = other
            continue
        keep.append(entity.id)
    if len(keep) < len(q.entities) + len(q.ambiguous):
        q.entities = [e for e in q.entities if e.id in keep]
        q.ambiguous = [e for e in q.ambiguous if e.id in keep]
        if not q.entities and not q.ambiguous:
            q.intent, q.suggestion = "none", None
