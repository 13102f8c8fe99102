"""Understanding a question: its language, what it asks for, and whom or what it names.

Intents: `figures` (how many), `statements` (what did X say), `who_said` (who said a phrase or
spoke about a topic), `quoted_in` (who is quoted in a source), `sources`, `help`; anything
else is answered as `none`, honestly. Entities are matched fuzzily against names, aliases,
surnames and roles in the store, so typos and other spellings still find their person.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

import numpy as np
from rapidfuzz import fuzz

from knowledge import dictionary
from knowledge.described import described_speakers, match_role_by_meaning, role_phrase
from knowledge.embeddings import encode_one
from knowledge.entities import same_person
from knowledge.index import KnowledgeIndex, NameHit
from knowledge.intents import classify
from knowledge.model import Entity
from knowledge.semantic import IGNORED_WORDS as _IGNORED_WORDS
from knowledge.semantic import question_words
from knowledge.vocabulary import (
    BILINGUAL,
    ENGLISH_MARKERS,
    FIGURE_CUES,
    GERMAN_MARKERS,
    HELP_CUES,
    MEASURE_WORDS,
    OTHER_COUNT_NOUNS,
    QUOTED_IN_CUES,
    SAID_CUES,
    SOURCE_LIST_CUES,
    STOP,
    WHO_CUES,
    fold_query,
    translate_role,
    words,
)

MAX_QUESTION = 500
_QUOTED = re.compile(r"[„“”\"»«‚‘’']([^„“”\"»«]{3,200})[„“”\"»«‚‘’']")
#: a quotation from its first opening to its last closing mark, so one that quotes inside it stays whole
_QUOTED_WHOLE = re.compile(r"[„“”\"»«]([^„“”\"»«].{1,300}[^„“”\"»«\s])[„“”\"»«]")
_ROLE_AFTER = re.compile(r"\b(?:der|die|das|den|dem|the)\s+((?:[\w\-]+\s+){0,3}[\w\-]+)")
_TOPIC_MARK = re.compile(r"\b(?:uber|about|zum thema|regarding|concerning|bezuglich)\b")
_TOPIC = re.compile(r"\b(?:uber|about|zum thema|regarding|concerning|bezuglich|zu|on|von)\s+(.+)$")


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
    mode: str = "topic"  # who_said by meaning: "topic" (who spoke about X) or "that" (who said that X)
    counted: str | None = None  # the noun a count question counts ("Wie viele Zuschauer"), folded


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


def _has(folded: str, cues: tuple[str, ...]) -> bool:
    padded = f" {folded} "
    return any(c in padded for c in cues)


def _candidate_phrases(content: list[str]) -> list[str]:
    """Word n-grams, longest first, for matching names that span several words."""
    return [" ".join(content[start:end]) for start, end in _candidate_spans(len(content))]


def _candidate_spans(n: int) -> list[tuple[int, int]]:
    """(start, end) of the word n-grams `_candidate_phrases` makes, in the same order."""
    return [(i, i + size) for size in (3, 2, 1) for i in range(n - size + 1)]


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


def parse_question(raw: str, index: KnowledgeIndex, lang: str | None = None) -> Question:
    """The rules' reading of the question, then, where the store has vectors, the reading by meaning."""
    q = _parse_by_rules(raw, index, lang)
    if index.semantic.ready and q.intent not in ("help", "sources") and not q.phrase:
        _read_by_meaning(q, index)
    return q


def _parse_by_rules(raw: str, index: KnowledgeIndex, lang: str | None = None) -> Question:
    text = clean(raw)
    folded = fold_query(text)
    q = Question(text=text, lang=lang or detect_language(text), intent="none")
    if not folded.strip(" ?!."):
        return q
    quoted = _QUOTED_WHOLE.search(text)
    if quoted is None or re.search(r"[“”\"»«]\s", quoted.group(1)):  # two quotations, not one inside another
        quoted = _QUOTED.search(text)
    asked = folded  # what the asker says around a quotation: the quoted words are what somebody said
    if quoted and len(quoted.group(1).split()) >= 2:
        q.phrase = quoted.group(1).strip()
        asked = fold_query(f"{text[:quoted.start()]} {text[quoted.end():]}")
    tokens = words(text)
    if _has(asked, HELP_CUES) and len(tokens) <= 6:
        q.intent = "help"
        return q
    if _has(asked, SOURCE_LIST_CUES) and not _has(asked, FIGURE_CUES):
        q.intent = "sources"
        return q
    # figures: what is counted
    asks_count = _has(asked, FIGURE_CUES)
    for measure in ("deserters", "casualties"):
        if asks_count and any(s in asked for s in MEASURE_WORDS[measure]):
            q.measure = measure
            break
    other = OTHER_COUNT_NOUNS.search(asked)
    troop_word = any(s in asked for s in MEASURE_WORDS["troops"])
    if asks_count and other and not troop_word:
        q.other_count = other.group(1)
    # names, sources and roles
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
    _match_names(q, name_content, index, name_at)
    q.sources = _match_sources(content, index)
    if not q.entities and not q.ambiguous:
        _match_role(q, text, asked, index)
    if not q.entities and not q.ambiguous and q.lang == "en":
        # "the Russian embassy" -> "russische botschaft", an organisation's own name
        translated = [t for t in words(translate_role(" ".join(name_content))) if t not in STOP]
        if translated != name_content:
            unknown, suggestion = q.unknown_name, q.suggestion
            _match_names(q, translated, index)
            if not q.entities:
                q.unknown_name, q.suggestion = unknown, suggestion
    # intent
    if asks_count:
        q.intent = "figures"
        q.scope = [t for t in content if not _is_name_word(t, q) and t not in _source_words(q, index)
                   and not any(s in t for stems in MEASURE_WORDS.values() for s in stems)]
        if q.other_count:
            q.intent = "none"
        return q
    if _has(asked, QUOTED_IN_CUES) and not q.entities and not q.ambiguous and not q.phrase and (
            q.sources or not _topic_words(content, q, index)):
        q.intent = "quoted_in"
        q.sources = q.sources or sorted(index.sources)  # "who is quoted?" with no source: in all of them
        return q
    said = _has(asked, SAID_CUES)
    who = asked.startswith(WHO_CUES) or _has(asked, tuple(" " + c for c in WHO_CUES))
    if q.entities or q.ambiguous:
        q.intent = "statements"
        _topic(q, folded, content, index, after_entity=True)
        return q
    if q.mentioned_only and said and not who and not q.phrase:
        q.intent = "statements"  # answered honestly: mentioned, never quoted
        return q
    if who or q.phrase or said:
        q.intent = "who_said"
        _topic(q, folded, content, index, after_entity=False)
        if not q.topic and not q.phrase:
            q.intent = "none"
        return q
    if q.sources:
        q.intent = "quoted_in"
        return q
    # a bare topic ("Eskalation?") is a who-said question
    _topic(q, folded, content, index, after_entity=False)
    if q.topic and any(index.has_stem(s) for group in q.topic for s in group):
        q.intent = "who_said"
    return q


def _topic_words(content: list[str], q: Question, index: KnowledgeIndex) -> list[str]:
    source_words = _source_words(q, index) if q.sources else set()
    return [w for w in content if w not in source_words and len(w) >= 3
            and not any(c.strip() == w for c in SAID_CUES + QUOTED_IN_CUES)]


def _is_name_word(word: str, q: Question) -> bool:
    names = " ".join(fold_query(e.name) + " " + " ".join(fold_query(a) for a in e.aliases)
                     for e in q.entities + q.ambiguous)
    return word in names.split()


def _source_words(q: Question, index: KnowledgeIndex) -> set[str]:
    found = set()
    for doc in q.sources:
        found |= set(words(index.outlet(doc))) | {doc.split("_")[0], fold_query(doc)}
    found |= {"taz", "quelle"}
    return found


def _match_names(q: Question, content: list[str], index: KnowledgeIndex, at: list[int] | None = None) -> None:
    """Entities the content words name; `at` holds each word's position in the question, so a word
    standing right before a full name is read as what qualifies it ("Greenpeace Martin Berg",
    "Richter Klaus Berg", "Kosovos Hashim Berg"), not as a second speaker asked about."""
    at = at if at is not None else list(range(len(content)))
    used: set[str] = set()
    best: dict[str, NameHit] = {}
    unknown: list[str] = []
    matched: list[tuple[int, int, list[Entity]]] = []  # first and last position of the words, their entities
    namesakes: dict[str, list[str]] = {}  # entity id -> people only mentioned who share its surname
    for start, end in _candidate_spans(len(content)):
        phrase = " ".join(content[start:end])
        parts = phrase.split()
        if any(p in used for p in parts):
            continue
        if len(phrase) < 3:
            continue
        # a single dictionary word ("ersten", "Westen") must be nearly exact to count as a name
        need = 80 if len(parts) > 1 else (88 if _common_word(phrase) else 80)
        hits = index.find_entities(phrase, cutoff=need)
        for variant in _synonym_variants(phrase):
            hits = sorted([*hits, *index.find_entities(variant, cutoff=need)], key=lambda h: -h.score)
        persons = [h for h in hits if h.score >= need and (len(parts) > 1 or h.score >= 95 or (
            h.matched[:1] == phrase[:1] and len(phrase) >= 4))]
        if not persons and (spokespeople := index.speaking_for(phrase)):
            # a body that never speaks itself, through whoever speaks for it ("Sprecherin der Nordbank")
            used.update(parts)
            matched.append((at[start], at[end - 1], spokespeople))
            q.entities.extend(e for e in spokespeople if e not in q.entities)
            continue
        if not persons:
            # a full name the texts mention but never quote ("Kim Jong Un") is not its surname's speaker;
            # one that ends in a speaker's whole name ("Kosovos Hashim Berg") is that speaker
            mentioned = [n for n, folded in index.mentions(parts[0]).items() if folded == phrase and len(parts) > 1]
            if not mentioned:
                continue
            ending = next((found for k in range(1, len(parts)) if (found := index.named_exactly(" ".join(parts[k:])))),
                          [])
            if len(ending) != 1:
                q.mentioned_only.extend(n for n in sorted(mentioned) if n not in q.mentioned_only)
                used.update(parts)
                continue
            persons = [NameHit(ending[0], 100.0, phrase)]
        top = persons[0].score
        # by name among equals, so a choice reads the same every run (hits come from sets)
        tied = sorted((h for h in persons if h.score >= top - 3), key=lambda h: (-h.score, h.entity.name))
        for h in tied:
            if h.entity.id not in best or best[h.entity.id].score < h.score:
                best[h.entity.id] = h
        used.update(parts)
        matched.append((at[start], at[end - 1], [h.entity for h in tied]))
        if len(tied) > 1:
            q.ambiguous.extend(h.entity for h in tied if h.entity not in q.ambiguous)
        elif tied[0].entity not in q.entities:
            q.entities.append(tied[0].entity)
            # a surname the texts also use for somebody who never speaks ("Kim" -> Kim Jong Un)
            if len(parts) == 1:
                own = {fold_query(tied[0].entity.name), *(fold_query(a) for a in tied[0].entity.aliases)}
                others = {n for n, folded in index.mentions(parts[0]).items() if folded not in own}
                namesakes[tied[0].entity.id] = sorted(others)[:3]
    qualifiers = {e.id for first, last, found in matched for other_first, other_last, names in matched
                  if last + 1 == other_first and other_last > other_first and len(names) == 1
                  and names[0].kind == "person" for e in found}
    if qualifiers:
        q.entities = [e for e in q.entities if e.id not in qualifiers]
        q.ambiguous = [e for e in q.ambiguous if e.id not in qualifiers]
    for entity_id, names in namesakes.items():
        if entity_id not in qualifiers:
            q.mentioned_only.extend(n for n in names if n not in q.mentioned_only)
    if q.ambiguous:
        q.entities = [e for e in q.entities if e not in q.ambiguous]
        if len(q.entities) + len(q.ambiguous) > 1 and q.entities:
            q.ambiguous = []
    for word in content:
        if word not in used and len(word) >= 4 and word[:1].isalpha():
            unknown.append(word)
    if not q.entities and not q.ambiguous and unknown:
        q.unknown_name = " ".join(unknown[:3])
        for phrase in _candidate_phrases(unknown)[:6]:
            near = index.find_entities(phrase, cutoff=72)
            if near:
                q.suggestion = near[0].entity.name
                break


_SYNONYMS = (("geheimdienst", "nachrichtendienst"), ("nachrichtendienst", "geheimdienst"),
             ("verteidigungsministerium", "pentagon"), ("regierung", "regierungsvertreter"))


def _synonym_variants(phrase: str) -> list[str]:
    return [phrase.replace(a, b) for a, b in _SYNONYMS if a in phrase and len(phrase.split()) > 1]


def load_dictionary() -> None:
    """Open the German word list now, not during somebody's first question."""
    dictionary.load()


def _common_word(word: str) -> bool:
    return dictionary.is_german_word(word) or dictionary.is_german_word(word.capitalize())


def _match_sources(content: list[str], index: KnowledgeIndex) -> list[str]:
    found: list[str] = []
    for phrase in _candidate_phrases(content):
        for doc in index.find_sources(phrase, cutoff=88 if len(phrase) <= 4 else 85):
            if doc not in found:
                found.append(doc)
    return found


def _match_role(q: Question, text: str, folded: str, index: KnowledgeIndex) -> None:
    folded = translate_role(folded)
    for m in _ROLE_AFTER.finditer(folded):
        role = m.group(1)
        role_words = [w for w in role.split() if w not in STOP or w.endswith(("isch", "ische", "ischen"))]
        role = " ".join(w for w in role.split() if w not in ("sagen", "gesagt", "say", "said"))
        if not role_words:
            continue
        hits = index.find_roles(role)
        if hits:
            top = hits[0].score
            q.entities = [h.entity for h in hits if h.score >= top - 0.5][:3]
            return


def _topic(q: Question, folded: str, content: list[str], index: KnowledgeIndex, *, after_entity: bool) -> None:
    names = set()
    for e in q.entities + q.ambiguous:
        names |= set(words(e.name)) | {w for a in e.aliases for w in words(a)}
        for r in e.roles:
            names |= set(words(r))
    source_words = _source_words(q, index) if q.sources else set()
    topic_words = [w for w in content if w not in names and w not in source_words and len(w) >= 3
                   and not any(fold_query(c).strip() == w for c in SAID_CUES)]
    if after_entity:
        m = _TOPIC.search(folded)
        if not m:
            return
        topic_words = [w for w in words(m.group(1)) if w not in STOP and w not in names]
    for w in topic_words:
        stems = _stems(w)
        q.topic.append(stems)
        q.topic_words.append(w)


#: a who-question about a topic ("Who commented on X", "Wer äußerte sich zum X"), not about what was said
_ABOUT = re.compile(r"\b(about|on|of|regarding|concerning|uber|zu|zum|zur|von|vom|bezuglich|gegen|against)\b")
_WHEN = ("wann", "when", "seit wann", "what year", "welchem jahr", "what date", "welchem datum")


def _read_by_meaning(q: Question, index: KnowledgeIndex) -> None:
    """Refine the rules' intent with the learned one: facts a sentence answers, figures only for a count
    the store keeps, roles by what the documents call each speaker, topics and paraphrases by meaning."""
    folded = fold_query(q.text)
    if not question_words(q.text) and q.intent == "none":
        return  # nothing but question words, or nothing at all
    _drop_namesakes(q)
    q.vector = encode_one(q.text)
    q.unheard = _unheard_names(q, index)
    matched = [part for e in q.entities + q.ambiguous for part in e.name.split()]
    if any(not _common_word(w) and not index.near_word(fold_query(w))
           and not any(fuzz.ratio(fold_query(w), fold_query(part)) >= 75 or same_person(w, part) for part in matched)
           for w in q.unheard):
        # a name no document holds, in any spelling ("Marrakesch"): nothing, whatever else the question says
        q.intent, q.unknown_name, q.entities, q.ambiguous = "none", q.unknown_name or q.unheard[0], [], []
        return
    learned = classify(q.vector)
    # far from every example ("xqzv blorp fnord"): the rules' reading stands
    top = learned[0][0] if learned[0][1] >= INTENT_FLOOR else q.intent
    if top == "none":
        return
    names = {w for e in q.entities + q.ambiguous for w in words(e.name)}
    sources = _source_words(q, index) if q.sources else set()
    every_word = [w for w in question_words(q.text) if w not in sources]
    q.words = [w for w in every_word if w not in names]
    asks_count = _has(folded, FIGURE_CUES)
    said = _has(folded, SAID_CUES)
    if _has(folded, _WHEN) or folded.startswith(_WHEN):
        q.answer_type = "date"
    elif asks_count:
        q.answer_type = "number"
    if asks_count and not said:
        counted = re.search(r"(?i:\bwie ?viele?)\s+(?:[a-zäöü]\w*\s+){0,2}?([A-ZÄÖÜ][\w\-]+)", q.text)
        q.counted = fold_query(counted.group(1)) if counted else None
        if counted and not _counted_anywhere(counted.group(1), index):
            # "Wie viele Kampfjets": no sentence of the documents gives a number of them
            q.intent, q.other_count = "none", fold_query(counted.group(1))
            return
        measure = figure_measure(folded, q.words, index)
        if measure and not (q.other_count and measure == "troops" and q.intent != "figures"):
            q.intent, q.measure, q.other_count = "figures", measure, None
            said_names = set(folded.split())
            if not any(e.kind == "person" and said_names & set(words(e.name)) for e in q.entities):
                # "laut Polizei", "according to the WHO": who gives the figure ranks it, never filters it
                q.entities, q.ambiguous, q.words = [], [], every_word
        elif q.intent == "figures" and not q.words:
            pass  # "What numbers does the paper give?": the figures of a source or a speaker, as the rules read it
        else:
            q.intent, q.other_count = "facts", None
        return
    if top == "facts" and not said and q.intent not in ("quoted_in",):
        q.intent, q.words = "facts", every_word
        return
    who = folded.startswith(WHO_CUES)
    if q.intent == "statements" and who and not q.sources:
        # "Wer wünschte Podolski Glück?": the name is whom it was said about; who said it is asked
        q.entities, q.ambiguous, q.words = [], [], every_word
    elif q.intent == "statements" and q.entities and not q.ambiguous:
        # a description may name an office the matched name does not hold ("die Sprecherin der Stiftung X")
        match_role_by_meaning(q, index, instead_of=q.entities)
        return
    elif q.intent in ("statements", "quoted_in", "figures") or q.mentioned_only:
        return
    if not who and (top == "statements" or said):
        # what somebody the documents never quote said ("what did Macron say about …"): nothing, honestly
        q.intent = "statements" if match_role_by_meaning(q, index) else "none"
        return
    q.intent = "who_said"
    if not q.topic:
        _topic(q, folded, [w for w in every_word if len(w) >= 3], index, after_entity=False)
    frame = " ".join(folded.split()[:5])  # "who commented on", "wer hat sich zum", not the words of a clause
    # "who said that <a clause>": the one speaker who said it; a topic, or a word, any who spoke of it
    q.mode = "that" if said and not _ABOUT.search(frame) and len(q.words) >= 3 else "topic"


def _counted_anywhere(noun: str, index: KnowledgeIndex) -> bool:
    """Whether some sentence of the documents holds the noun and a number, or a figure counts it."""
    if index.measure_of_unit(noun) or any(s in fold_query(noun) for stems in MEASURE_WORDS.values() for s in stems):
        return True
    holding = index.semantic.passage_words.holding(fold_query(noun))
    return bool(holding.size and index.semantic.holds("number")[holding].any())


def _unheard_names(q: Question, index: KnowledgeIndex) -> list[str]:
    """Capitalised words of a German question, not its first, that no document holds in any form
    ("Marrakesch"): what the question is about is not in the documents. German nouns are capitalised too,
    so this only raises the bar a match must clear; English questions name places in English, which
    German documents spell otherwise ("Norway"), so they are left to the vectors."""
    if q.lang != "de":
        return []
    tokens = re.findall(r"\w+", q.text)[1:]
    return [t for t in tokens if t[:1].isupper() and len(t) >= 4 and fold_query(t) not in _IGNORED_WORDS
            and not index.semantic.passage_words.holding(fold_query(t)).size
            and not index.semantic.claim_words.holding(fold_query(t)).size]


def figure_measure(folded: str, content: list[str], index: KnowledgeIndex) -> str | None:
    """What a count question counts, as a figure measure the store holds: by the general words for the dead,
    wounded and deserters, else by a figure's unit ("Gefangene" → prisoners); None when no figure counts it."""
    for measure in ("deserters", "casualties", "troops"):
        if any(stem in folded for stem in MEASURE_WORDS[measure]) and index.numbered.get(measure):
            return measure
    for word in content:
        unit_measure = index.measure_of_unit(word)
        if unit_measure:
            return unit_measure
    return None


def _drop_namesakes(q: Question) -> None:
    """"Christian Lindner" is not any Christian the documents quote: a match on a given name followed by a
    surname the matched speaker does not bear is nobody the documents know."""
    keep = []
    for entity in q.entities + q.ambiguous:
        given = entity.name.split()[0]
        m = re.search(rf"\b{re.escape(given)}\s+([A-ZÄÖÜ][\w\-]+)", q.text)
        if m and fold_query(m.group(1)) not in _IGNORED_WORDS and not any(
                fuzz.ratio(fold_query(m.group(1)), fold_query(part)) >= 75 for part in entity.name.split()):
            q.unknown_name = f"{given} {m.group(1)}"
            continue
        keep.append(entity.id)
    if len(keep) < len(q.entities) + len(q.ambiguous):
        q.entities = [e for e in q.entities if e.id in keep]
        q.ambiguous = [e for e in q.ambiguous if e.id in keep]
        if not q.entities and not q.ambiguous:
            q.intent, q.suggestion = "none", None


__all__ = ["MAX_QUESTION", "Question", "clean", "described_speakers", "detect_language", "figure_measure",
           "load_dictionary", "parse_question", "role_phrase"]

#: votes (summed similarities of the nearest examples) a learned intent needs
INTENT_FLOOR = 0.6
