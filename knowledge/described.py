"""Finding the speaker a question describes instead of naming ("the director of the aid agency", "der Präsident des
Landesamts", "Tuvalu's government spokesman").

A description has an office ("director", "government spokesman") and often what the office belongs to
("sonnenkind", "Tuvalu", "in Kiel"). The office is compared by meaning with the roles the documents give each
speaker, across languages; what it belongs to is looked up by its words in the speaker's role and in the
documents the speaker speaks in, since a German article names the country or body once and then only says
"Regierungssprecher" or "der Direktor des Hilfswerks".
"""

from __future__ import annotations

import math
import re
from itertools import pairwise
from typing import TYPE_CHECKING

import numpy as np

from knowledge.embeddings import encode_one
from knowledge.extraction.lexicon import role_head
from knowledge.index import KnowledgeIndex
from knowledge.model import Entity
from knowledge.vocabulary import ENGLISH_OFFICES, fold_query, translate_role, with_translations
from knowledge.word_index import question_words, stem

if TYPE_CHECKING:
    from knowledge.question_model import Question

#: a speaker found through a sentence naming them beside the description ranks a little below one whose
#: own role is the description
PASSAGE_ROLE_DISCOUNT = 0.05
#: calibrated on the development questions (BENCHMARKS.md): below, no role in the documents is the one asked for
ROLE_FLOOR = 0.55
#: how much better a description must fit another speaker to overrule the speaker the rules matched
ROLE_MARGIN = 0.05
ROLE_WORD_WEIGHT = 0.4
#: weight of the share of what the office belongs to ("sonnenkind", "Tuvalu") that the speaker's role or documents hold
BELONGS_WEIGHT = 0.4
#: speakers whose roles are compared with what the description belongs to
CANDIDATES = 30
#: the largest share of the documents that may hold what an office belongs to for the documents around a speaker
#: to tell who holds it: in a store of one story every document names its countries
RARE = 0.05

#: German verbs of saying, expecting and judging, past and present, that open "was sagte <description> …"
_GERMAN_SAYING = (
    r"sagte|sagten|sagt|meinte|meint|erkl(?:ä|ae|a)rte|erkl(?:ä|ae|a)rt|berichtete|schrieb|hat|haben|hatte|antwortete|"
    r"(?:ä|ae|a)u(?:ß|ss|s)erte|sprach|teilte|teilt|gab|kündigte|kuendigte|betonte|warnte|forderte|kritisierte|"
    r"meldete|verkündete|erwiderte|entgegnete|verlangte|empfahl|befürchtete|glaubte|hielt|fordert|kritisiert|warnt|"
    r"betont|meldet|verkündet|verlangt|empfiehlt|befürchtet|glaubt|hält|schreibt|berichtet|antwortet|"
    r"(?:ä|ae|a)u(?:ß|ss|s)ert|spricht|kündigt|kuendigt|erwartet|erwartete|vermutet|vermutete|hofft|hoffte|rät|riet|"
    r"verspricht|versprach|lobt|lobte|sieht|sah|plant|plante|schätzt|schätzte|prognostiziert|prognostizierte")
#: the words after which a German question's topic begins, and its end
_GERMAN_TOPIC_WORDS = (r"zu|zum|zur|(?:ü|ue|u)ber|nach|gesagt|erkl(?:ä|ae|a)rt|gemeint|gegen(?:ü|ue|u)ber|im|in|bei|"
                       r"beim|vom|von der|am|dazu|dar(?:ü|ue|u)ber|heute|gestern|bez(?:ü|ue|u)glich|mit|bekannt|an")
_GERMAN_TOPIC = rf"(?: (?:{_GERMAN_TOPIC_WORDS})\b|[?.!]|$)"
#: "what did the director of the aid agency say", "was sagte der Präsident des Landesamts zum …": the description
#: of the speaker asked about, between the question's frame and its topic
_ROLE_PHRASE = (
    re.compile(r"^what (?:did|does|do|has|have|had|was|were|is) (.+?) (?:say|said|tell|told|think|thinks|mean|claim"
               r"|state|report|announce|write|declare|comment|answer|reply|warn|expect|predict|believe|fear|hope|want"
               r"|demand|suggest|propose|recommend|admit|deny|confirm|promise|argue|insist|add|note|stress|critici[sz]e"
               r"|praise|blame|call|describe|estimate)\b", re.IGNORECASE),
    re.compile(rf"^was (?:{_GERMAN_SAYING}) (.+?){_GERMAN_TOPIC}", re.IGNORECASE),
    # "Welche Ursache vermutet der Flugbetriebsleiter des ÖAMTC für …"
    re.compile(rf"^welche[nrs]? \w+ (?:{_GERMAN_SAYING}) ((?:der|die|das) .+?)"
               rf"(?: (?:f(?:ü|ue|u)r|{_GERMAN_TOPIC_WORDS})\b|[?.!]|$)", re.IGNORECASE),
    # "how did the president of the university react to …", "wie reagierte der Sprecher des Forums auf …"
    re.compile(r"^how (?:did|does|do|has|have) (.+?) (?:react|respond|reply|comment|answer|view|see|assess|judge"
               r"|describe|explain|justify)\b", re.IGNORECASE),
    re.compile(r"^wie (?:(?:ä|ae|a)u(?:ß|ss|s)erte|(?:ä|ae|a)u(?:ß|ss|s)ert|reagierte|reagiert|kommentierte|"
               r"bewertete|beurteilte|begr(?:ü|ue|u)ndete|erkl(?:ä|ae|a)rte|sah|sieht|hat|haben)(?: sich)? (.+?)"
               r"(?: (?:zu|zum|zur|auf|(?:ü|ue|u)ber|nach|bei|beim|im|in|den|die|das|sich|ge(?:ä|ae|a)u(?:ß|ss|s)ert|"
               r"reagiert)\b|[?.!]|$)", re.IGNORECASE),
    # "Wie zufrieden zeigte sich der Vizepräsident des Komitees mit …"
    re.compile(r"^wie \w+ (?:zeigte|zeigt|gab|gibt) sich ((?:der|die|das) .+?)(?: (?:mit|(?:ü|ue|u)ber|zu|zum|zur|"
               r"nach|bei|beim|im|in|angesichts)\b|[?.!]|$)", re.IGNORECASE),
)
#: words that join an office to what it belongs to ("director of", "police in", "Direktor von", "Chef des")
_JOINING = frozenset({"of", "in", "at", "from", "for", "the", "von", "vom", "des", "der", "im", "aus", "fur", "bei",
                      "beim"})
#: joining words that may also open the description ("the director", "der Direktor")
_ARTICLES = frozenset({"the", "der", "die", "das", "den", "dem"})


def role_phrase(text: str) -> str | None:
    """The words describing the speaker asked about, as written (the model reads case: "EU" is not "eu"),
    if the question has the frame of "what did … say"."""
    for pattern in _ROLE_PHRASE:
        m = pattern.search(text.strip())
        if m and len(m.group(1)) >= 3:
            return m.group(1).strip(" ,?")
    return None


def match_role_by_meaning(q: Question, index: KnowledgeIndex, instead_of: list[Entity] | None = None) -> bool:
    """The speakers whose role or descriptive name is closest in meaning to the description the question
    gives ("the director of sonnenkind" → "Direktor des Kinderhilfswerks Sonnenkind"), its words counting too
    (typos forgiven). `instead_of`: the speakers the names matched, replaced only where the question
    describes somebody ("der Präsident des Landesamts" is not any president)."""
    phrase = role_phrase(q.text)
    if phrase is None or q.vector is None:
        return False
    parts = phrase.split()
    described = parts[0].lower() in ("der", "die", "das", "den", "dem", "the", "a", "an") \
        or "'s " in phrase or len(parts) > 2 or (q.lang == "en" and fold_query(parts[-1]) in ENGLISH_OFFICES)
    if not described:  # a name ("Anna Beispiel"): the rules' fuzzy name matching decides
        return False
    owners, fit = described_speakers(phrase, index, [e.id for e in instead_of or []], lang=q.lang)
    if not owners:
        return False
    if instead_of and not {e.id for e in instead_of} & set(owners) and \
            max(fit.get(e.id, -1.0) for e in instead_of) >= fit[owners[0]] - ROLE_MARGIN:
        return False
    asked = question_words(phrase)
    q.entities = [index.entities[owner] for owner in owners]
    q.ambiguous, q.unknown_name, q.suggestion, q.mentioned_only = [], None, None, []
    q.words = [w for w in q.words if w not in asked]
    described_words = fold_query(phrase)  # the description's words are whom it is about, not the topic
    kept = [(stems, w) for stems, w in zip(q.topic, q.topic_words, strict=False) if w not in described_words]
    q.topic, q.topic_words = [stems for stems, _ in kept], [w for _, w in kept]
    return True


def described_speakers(phrase: str, index: KnowledgeIndex, also: list[str] | None = None, *,
                       lang: str = "de") -> tuple[list[str], dict[str, float]]:
    """The speakers (entity ids) a description fits: by the roles the store gives them, and by the sentences
    of the documents that name them with it ("Matthias Berg, Präsident des Landesamts, sagte …"), whichever
    fits better; speakers given the same role share the answer. Empty when nothing fits well enough.
    Also returns how well each candidate fits, the speakers `also` included."""
    # acronyms name the body ("EU", "UN", "EY") however short
    asked = [w for w in question_words(phrase) if len(w) >= 3]
    asked += [t.lower() for t in re.findall(r"\b[A-Z]{2}\b", phrase)]
    # in German every noun is capitalised, and a role names its body in German too ("Präsident des Landesamts")
    # an English name no document holds is looked for in its German spellings ("Brazil's" → "brasilianische")
    belongs = [with_translations(w) if lang == "en" and not _documents_holding(w, index) else w
               for w in belonging_words(phrase, index, lang)]
    vector = encode_one(phrase)  # once: embedding is most of what a description costs
    # an English office in the documents' German too ("Ryanair's boss" → "ryanairs chef", near "Konzernchef")
    german = translate_role(fold_query(phrase)) if lang == "en" else ""
    also_vector = encode_one(german) if german and german != fold_query(phrase) else None
    found, texts = _fit_by_role(phrase, vector, asked, belongs, index, set(also or ()), lang, also_vector)
    _fit_by_passage(vector, asked, belongs, index, found, texts)
    offices = [w for w in (german or fold_query(phrase)).split() if role_head(w)]
    if offices and not any("sprecher" in w for w in offices):
        # an office a person holds ("Berlin's interior senator"): no body is its holder, unless it speaks for one
        found = {k: v for k, v in found.items() if getattr(index.entities.get(k), "kind", "") != "organisation"}
    top = max(found, key=found.__getitem__, default=None)
    if top is None or found[top] < ROLE_FLOOR:
        return [], found
    # speakers given the very same role share the answer ("Verbandsvorsitzende", named in one document only)
    return [top, *(e for e in found if e != top and texts.get(e) == texts[top] and found[e] >= found[top] - 1e-3)
            ][:3], found


def belonging_words(phrase: str, index: KnowledgeIndex, lang: str = "en", *, as_written: bool = False) -> list[str]:
    """The words of an English description that name what the office belongs to: written as a name ("Tuvalu's",
    "Kiel", "UN"; in English only names are capitalised), or, unless only names `as_written` count, a word typed
    in lower case that a few documents hold just so and that is no English word ("sonnenkind")."""
    if lang != "en":
        return _german_belonging(phrase, index) if not as_written else []
    found = []
    for token in re.findall(r"[\w\-]+(?:'s)?", phrase):
        word = token.removesuffix("'s")
        folded = fold_query(word)
        if len(folded) < 2 or folded in _JOINING or folded in _ARTICLES:
            continue
        named = word.isupper() or word[:1].isupper() or token.endswith("'s")
        if named or (not as_written and word.islower() and len(word) >= 4
                     and folded in index.semantic.passage_words.postings and rare_word(folded, index)
                     and not english_word(folded)):
            found.append(folded)
    return found


def _german_belonging(phrase: str, index: KnowledgeIndex) -> list[str]:
    """The words of a German description after "von", "des", "der" … that few documents hold: what the office
    belongs to ("der Direktor von Sonnenkind"), not the office ("Direktor")."""
    tokens = re.findall(r"[\w\-]+", phrase)
    return [fold_query(word) for before, word in pairwise(tokens)
            if fold_query(before) in _JOINING and word[:1].isupper() and rare_word(fold_query(word), index)]


def english_word(word: str) -> bool:
    """Whether a word is in the English dictionary ("police", "operation"), which loads on first use: only
    lower-case words of a description that a few documents hold are asked about."""
    import simplemma

    return bool(simplemma.is_known(word, lang="en"))


def _office(phrase: str, belongs: list[str]) -> str:
    """The description without what the office belongs to: "Tuvalu's government spokesman" → "government
    spokesman", "the director of sonnenkind" → "the director"."""
    kept: list[str] = []
    for token in re.findall(r"[\w\-]+(?:'s)?", phrase):
        if fold_query(token.removesuffix("'s")) in {b.split("|")[0] for b in belongs}:
            while kept and fold_query(kept[-1]) in _JOINING - _ARTICLES:
                kept.pop()
            continue
        kept.append(token)
    return " ".join(kept)


def _fit_by_role(phrase: str, vector: np.ndarray, asked: list[str], belongs: list[str], index: KnowledgeIndex,
                 wanted: set[str], lang: str, also_vector: np.ndarray | None = None
                 ) -> tuple[dict[str, float], dict[str, str]]:
    """Per speaker, how well their best role fits the description, and that role's text: the whole description
    by meaning, or, with what the office belongs to set apart, the office by meaning and what it belongs to by
    its words, whichever fits better."""
    semantic = index.semantic
    by_phrase = semantic.score_roles(vector)  # the description's vector, or its German's where that fits better
    if also_vector is not None and by_phrase.size:
        by_phrase = np.maximum(by_phrase, semantic.score_roles(also_vector))
    scores = by_phrase
    if asked and scores.size:
        scores = scores + ROLE_WORD_WEIGHT * index.role_word_share(asked)
    office = _office(phrase, belongs) if belongs else ""
    # (German offices are capitalised like every noun)
    if not any((w.islower() or lang != "en") and len(w) >= 3 and fold_query(w) not in _JOINING for w in office.split()):
        office = ""  # nothing of an office is left: the description was a name ("Greenpeace Martin Berg")
    if office and not any(rare_word(w, index) for w in belongs):
        office = ""  # what it belongs to is in most documents (their common story): it tells no speaker apart
    ranked = np.argsort(-scores)[:6].tolist()
    if office.strip() and scores.size:
        by_office = semantic.score_roles(encode_one(office)) + (scores - by_phrase)
        candidates = [*np.argsort(-by_office)[:CANDIDATES].tolist(), *_roles_naming(belongs, index)]
        held = _held_by(belongs, candidates, index)
        for k in candidates:
            # the office alone counts only where the role or the speaker's articles hold the rest ("der Präsident"
            # is not "des Landesumweltamts")
            if held[k] > 0:
                scores[k] = max(float(scores[k]), float(by_office[k]) + BELONGS_WEIGHT * held[k])
        ranked = sorted({*ranked, *candidates}, key=lambda k: -scores[k])
    found: dict[str, float] = {}
    texts: dict[str, str] = {}  # the role text each speaker fits best by
    for k in [*ranked, *(k for k, o in enumerate(semantic.role_owner) if o in wanted)]:
        owner = semantic.role_owner[k]
        if float(scores[k]) > found.get(owner, -1.0):
            found[owner], texts[owner] = float(scores[k]), fold_query(semantic.role_text[k])
    return found, texts


def _roles_naming(belongs: list[str], index: KnowledgeIndex) -> list[int]:
    """The roles whose text names a rare word of what the office belongs to ("Präsident der Universität
    Göttingen"), however far their office lies from the one asked about in meaning."""
    rare = [w for w in belongs if rare_word(w, index)]
    if not rare:
        return []
    texts = index.memo(("folded roles",), lambda: [fold_query(t) for t in index.semantic.role_text])
    return [k for k, text in enumerate(texts) if any(_in_text(w, text) for w in rare)][:CANDIDATES]


def _held_by(belongs: list[str], ranked: list[int], index: KnowledgeIndex) -> dict[int, float]:
    """Per ranked role, how much of what the office belongs to it holds: all of a word its text holds, even
    inside a compound ("korea" in "südkoreanische Ministerin"); a word only the documents its speaker speaks
    in hold counts by its rarity, since a word most documents hold tells no speaker from another."""
    semantic = index.semantic
    documents = {w: _documents_holding(w, index) for w in belongs}
    texts = {k: fold_query(semantic.role_text[k]) for k in ranked}
    counted = [w for w in belongs if documents[w] or any(_in_text(w, text) for text in texts.values())]
    rarity = {w: _rarity(w, index) for w in counted}
    shares: dict[int, float] = {}
    for k in ranked:
        owner = semantic.role_owner[k]
        # a speaker whose roles name their country owns no other country their articles name ("Uruguays
        # Präsident" is not Brazil's, whatever the article says of Brazil)
        spoken = {index.source_code[index.claims[i].source] for i in index.by_entity.get(owner, ())} \
            if not _of_a_country(index.entities.get(owner)) else set()
        held = [1.0 if _in_text(w, texts[k]) else rarity[w] if rare_word(w, index) and spoken & documents[w] else 0.0
                for w in counted]
        shares[k] = sum(held) / len(counted) if counted else 0.0
    return shares


def _of_a_country(entity: Entity | None) -> bool:
    """Whether one of the entity's roles names a country ("ecuadorianische Präsident", "Uruguays Präsident")."""
    return entity is not None and any(_COUNTRY.search(role) for role in entity.roles)


#: a nationality adjective or a country's genitive before an office
_COUNTRY = re.compile(r"\b(?:[a-zäöü]+ische[nrs]?|[A-ZÄÖÜ][a-zäöü]+s) [A-ZÄÖÜ]")


def rare_word(word: str, index: KnowledgeIndex) -> bool:
    """Whether a few documents hold the word, few enough to tell the speakers of their story from the others."""
    return 0 < len(_documents_holding(word, index)) <= RARE * max(index.semantic.documents, 1)


def _rarity(word: str, index: KnowledgeIndex) -> float:
    """How few documents hold the word, from 0 (all) to 1 (none), by inverse document frequency."""
    size = max(index.semantic.documents, 1)
    return math.log(1 + size / (1 + len(_documents_holding(word, index)))) / math.log(1 + size)


def _in_text(word: str, text: str) -> bool:
    """Whether a role's text holds the word (or one of its translations, "brazil|brasilien"), its stem inside a
    compound too; a short acronym as a word."""
    if "|" in word:
        return any(_in_text(part, text) for part in word.split("|"))
    if len(word) < 4:
        return re.search(rf"\b{re.escape(word)}\b", text) is not None
    return stem(word) in text


def _documents_holding(word: str, index: KnowledgeIndex) -> set[int]:
    """The documents (codes) holding the word's stem in any of their words ("kenia" in "Westkenia")."""
    def compute() -> set[int]:
        if "|" in word:  # a word and its translations
            return set().union(*(_documents_holding(part, index) for part in word.split("|")))
        words = index.semantic.passage_words
        part = stem(word)
        if len(part) < 4:
            positions = words.holding(word)
        else:
            found = [words.postings[w] for w in words.words_containing(part)]
            positions = np.unique(np.concatenate(found)) if found else np.zeros(0, dtype=np.int32)
        return set(index.semantic.passage_source[positions].tolist())

    return index.memo(("documents holding", word), compute)


def _fit_by_passage(vector: np.ndarray, asked: list[str], belongs: list[str], index: KnowledgeIndex,
                    found: dict[str, float], texts: dict[str, str]) -> None:
    """Speakers a sentence close to the description names ("Der Leiter des Programms, Klaus Berg, sagte …"), the
    more so where it names one person only and what the office belongs to ("…, der Trainer Ghanas")."""
    semantic = index.semantic
    passages, _share = semantic.score_passages(vector, asked)
    for k in np.argsort(-passages)[:8].tolist():
        passage = semantic.passages[k]
        text = fold_query(passage.text)
        named = []
        for i in index.by_source.get(passage.source, ()):
            entity = index.entities.get(index.claims[i].entity or "")
            if entity is None or entity.kind not in ("person", "organisation") or entity in named:
                continue
            surname = fold_query(entity.name.split()[-1])
            if len(surname) >= 3 and re.search(rf"\b{re.escape(surname)}\b", text):
                named.append(entity)
        score = float(passages[k]) - PASSAGE_ROLE_DISCOUNT
        if belongs and len(named) == 1 and named[0].kind == "person":
            score += BELONGS_WEIGHT * sum(_in_text(w, text) for w in belongs) / len(belongs)
        for entity in named:
            if score > found.get(entity.id, -1.0):
                found[entity.id], texts[entity.id] = score, passage.id
