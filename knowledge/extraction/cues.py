"""Reporting cues: the words that say a sentence is somebody's statement.

Two families: reporting verbs ("sagte", "fügte … hinzu", "hatte bekannt gegeben") and
prepositional attributions ("laut X", "X zufolge", "nach Angaben X", "unter Berufung auf X",
"…, so X", "heißt es in X").
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

import simplemma

from knowledge.extraction.lexicon import KONJUNKTIV_I, REPORTING_VERBS, SEPARABLE_PARTICLES, WEAK_REPORTING_VERBS
from knowledge.extraction.text import Token

AUXILIARIES = frozenset(
    [
        "hat", "hatte", "haben", "hatten", "habe", "hätte", "hätten", "ist", "war", "sind", "waren", "sei", "seien",
        "wird", "wurde", "werden", "wurden", "würde", "würden", "kann", "konnte", "können", "konnten", "könne",
        "könnte", "soll", "sollte", "sollen", "sollten", "will", "wollte", "wollen", "wollten", "muss", "musste",
        "müssen", "mussten", "müsse", "darf", "durfte", "dürfen", "ließ", "ließen", "lässt",
    ]
)

#: Nouns that, after "nach", attribute a statement: "nach Angaben des Ministeriums".
ATTRIBUTION_NOUNS = (
    "angaben", "informationen", "ansicht", "einschätzung", "einschätzungen", "auffassung", "darstellung",
    "aussage", "aussagen", "worten", "schätzung", "schätzungen", "bericht", "berichten", "erkenntnissen",
    "meinung", "überzeugung", "untersuchungen", "recherchen", "umfrage", "studie", "auskunft",
    "mitteilung", "berechnungen", "daten", "zählung", "zählungen", "erkenntnis", "beobachtungen",
    "vermutungen", "befürchtungen", "prognose", "prognosen", "analyse", "analysen", "meldungen",
    "meldung", "medienberichten", "polizeiangaben", "behördenangaben", "darstellungen", "meinung", "überzeugung",
    "veröffentlichung", "rechnung", "ergebnis", "ergebnissen", "zahlen", "statistik", "ermittlungen",
    "ermittlungsstand", "kenntnisstand", "erklärung", "recherche", "unterlagen", "dokumenten", "quellen",
    "stellungnahme", "vorstellungen", "planungen", "nachricht", "nachrichten", "medien", "lesart",
    "willen", "wunsch", "vernehmen",
    # texts that lay something down: "nach dem Gesetzentwurf sollen …", "nach der Verfassung muss …"
    "gesetz", "entwurf", "verfassung", "dokument", "plan", "vorhersage", "ankündigung", "idee", "bekunden",
)


def is_attribution_noun(word: str) -> bool:
    """ "Angaben", "Polizeiangaben", "Zeugenaussagen", "Expertenmeinung": nouns that name a source's view."""
    return word.lower().endswith(ATTRIBUTION_NOUNS)

_lemma_cache: dict[str, str] = {}
#: participles the lemmatiser reads as adjectives
IRREGULAR_FORMS = {"entschieden": "entscheiden"}


def lemma(word: str) -> str:
    low = word.lower()
    if not low:
        return low
    cached = _lemma_cache.get(low)
    if cached is None:
        cached = simplemma.lemmatize(low, lang="de").lower()
        _lemma_cache[low] = cached
    return cached


@lru_cache(maxsize=8192)
def is_zu_infinitive(word: str) -> bool:
    """ "anzunehmen", "hinzuzufügen": a separable verb's infinitive with "zu" written inside it."""
    low = word.lower()
    for particle in SEPARABLE_PARTICLES:
        if low.startswith(particle + "zu") and len(low) > len(particle) + 4 and low.endswith("en"):
            return lemma(low) == particle + low[len(particle) + 2:]
    return False


@lru_cache(maxsize=8192)
def is_konjunktiv_i(word: str) -> bool:
    """Third person Konjunktiv I ("sei", "habe", "freue", "plane"): the stem plus -e of an infinitive."""
    low = word.lower()
    if low in KONJUNKTIV_I:
        return True
    if len(low) < 4 or not low.endswith("e") or not low.isalpha() or not word[:1].islower():
        return False
    return lemma(low) == low + "n"


@lru_cache(maxsize=4096)
def _reporting_lemma(word: str) -> str | None:
    if not word.isalpha() or not word[:1].islower():
        return None
    lem = IRREGULAR_FORMS.get(word.lower()) or lemma(word)
    if lem in REPORTING_VERBS:
        # a present participle is an adjective ("dem drohenden Defizit"), which the lemmatiser may read as the verb
        return None if word.lower().startswith(lem + "d") else lem
    # participles and subordinate-clause forms of separable verbs: "mitgeteilt", "hinzufügte"
    for particle, verbs in SEPARABLE_PARTICLES.items():
        if word.startswith(particle):
            rest = word[len(particle):]
            if rest.startswith("ge") and lemma(rest[2:]) in verbs:
                return verbs[lemma(rest[2:])]
            if lemma(rest) in verbs:
                return verbs[lemma(rest)]
    return None


@dataclass(slots=True)
class VerbCue:
    index: int  # token index of the reporting verb
    lemma: str
    particle_index: int | None  # the separable particle, if the verb has one
    weak: bool


def find_verb_cues(tokens: list[Token], inside_quote: list[bool]) -> list[VerbCue]:
    """Reporting verbs outside quotations, with separable particles joined ("teilte … mit")."""
    cues: list[VerbCue] = []
    n = len(tokens)
    for i, tok in enumerate(tokens):
        if inside_quote[i]:
            continue
        word = tok.text
        if (i > 0 and tokens[i - 1].lower == "zu" and not word.startswith("zu")) or is_zu_infinitive(word):
            continue  # infinitive "… zu bestätigen", "… anzunehmen"
        if i + 2 < n and tokens[i + 1].lower == "zu" and tokens[i + 2].lower in (
                "haben", "sein", "werden", "können", "müssen", "dürfen", "wollen", "sollen", "lassen"):
            # perfect or modal infinitive inside the content: "berichtet zu haben", "nicht bestätigen zu können"
            continue
        lem = _reporting_lemma(word)
        if lem is None and word in REPORTING_VERBS and _verb_position(tokens, i):
            lem = word  # the plural present is the infinitive: "meinen" (which the lemmatiser reads as "mein")
        particle_at = None
        if lem is None or lem in {v for verbs in SEPARABLE_PARTICLES.values() for v in verbs}:
            # base verb whose particle stands at the end of the clause: "fügte … hinzu"
            base = lemma(word) if word[:1].islower() and word.isalpha() else None
            if base:
                lem, particle_at = _with_particle(tokens, i, inside_quote, base, lem)
        if lem is None or lem not in REPORTING_VERBS:
            continue
        cues.append(VerbCue(i, lem, particle_at, lem in WEAK_REPORTING_VERBS))
    return cues


def _verb_position(tokens: list[Token], i: int) -> bool:
    """Where a frame's verb stands: after a comma or quotation ("„…“, meinen die X") or before one ("Die X
    meinen, …"), not inside a phrase ("in einigen Regionen")."""
    before = tokens[i - 1].text if i > 0 else ""
    after = tokens[i + 1].text if i + 1 < len(tokens) else ""
    return before in (",", "“", "\"", "»") or after in (",", ":")


def _with_particle(tokens: list[Token], i: int, inside_quote: list[bool], base: str,
                   lem: str | None) -> tuple[str | None, int | None]:
    """The reporting verb the base verb at i forms with a separable particle, and where the particle stands:
    at the end of the clause, right before a participle, or before the verb in a verb-final clause."""
    n = len(tokens)
    word = tokens[i].text
    particle_at = None
    found = _particle_at_clause_end(tokens, i, inside_quote, base)
    if found is not None:
        lem, particle_at = found
    # participle after its particle: "bekannt gegeben"
    if lem is None and i > 0 and tokens[i - 1].lower in SEPARABLE_PARTICLES and word.startswith("ge"):
        verbs = SEPARABLE_PARTICLES[tokens[i - 1].lower]
        if lemma(word[2:]) in verbs or base in verbs:
            lem = verbs.get(lemma(word[2:])) or verbs.get(base)
    # verb-final clause, particle written apart: "wie das Ministerium bekannt gab"
    if lem is None and i > 0 and tokens[i - 1].lower in SEPARABLE_PARTICLES and not inside_quote[i - 1]:
        verbs = SEPARABLE_PARTICLES[tokens[i - 1].lower]
        if base in verbs and verbs[base] in REPORTING_VERBS and (
                i + 1 >= n or tokens[i + 1].text in (",", ".", ":", ";")
                or tokens[i + 1].lower in ("hat", "hatte", "haben", "hatten", "habe", "hätte")):
            lem = verbs[base]
    return lem, particle_at


def _particle_at_clause_end(tokens: list[Token], i: int, inside_quote: list[bool],
                            base: str) -> tuple[str, int] | None:
    """ "teilte das „Institut“ mit", "gab der Leiter der Behörde, Anna Berg, bekannt": the particle that
    closes the clause of the base verb at i, read past quoted names and appositions."""
    n = len(tokens)
    apposition = False
    quoted_run = 0
    for k in range(i + 1, min(n, i + 25)):
        t = tokens[k]
        if inside_quote[k]:
            quoted_run += 1
            if quoted_run > 7:
                return None
            continue  # a quoted name inside the clause: "teilte das „Institut“ mit"
        if quoted_run and t.text in "„“\"»«":
            continue
        quoted_run = 0
        if t.text in (",", ":", ";", ".", "!", "?") or t.text in "„“\"»«":
            if t.text in (",", ":", ".", ";") and k > i + 1 and tokens[k - 1].lower in SEPARABLE_PARTICLES:
                verbs = SEPARABLE_PARTICLES[tokens[k - 1].lower]
                if base in verbs and verbs[base] in REPORTING_VERBS:
                    return verbs[base], k - 1
            if t.text == "," and k + 1 < n and k > i + 1 and tokens[k - 1].text[:1].isupper() and (
                    apposition or (tokens[k + 1].text[:1].isupper() and not inside_quote[k + 1])):
                apposition = not apposition
                continue  # an apposition: "gab der Leiter der Behörde, Anna Berg, bekannt"
            return None
    k = min(n, i + 25) - 1
    if tokens[k].lower in SEPARABLE_PARTICLES:
        verbs = SEPARABLE_PARTICLES[tokens[k].lower]
        if base in verbs and verbs[base] in REPORTING_VERBS:
            return verbs[base], k
    return None
