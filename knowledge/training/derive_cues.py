"""Derive the reporting cues (verbs, separable particles, nouns, prepositions) from the corpus's `cue` annotations.

Usage: python -m knowledge.training.derive_cues [CORPUS_DIR] [--out FILE]

Every annotated cue of the train split ("teilte mit", "wird mit den Worten zitiert", "laut") is
lemmatised; a verb is kept with how often it is a cue and how often it occurs at all, so the
extractor can tell verbs that nearly always report ("sagen") from verbs that report only now
and then and need a clause or quote after them ("sehen"). The word classes named here
(auxiliaries, separable particles, prepositions) are closed classes of German, not the corpus's words.
"""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

import simplemma

from knowledge.training.corpus import derive_data_file, load_corpus

OUT = Path(__file__).resolve().parents[1] / "extraction" / "data" / "reporting_cues.json"

AUXILIARY_LEMMAS = frozenset({"haben", "sein", "werden", "können", "sollen", "wollen", "müssen", "dürfen", "lassen",
                              "mögen"})
FUNCTION_WORDS = frozenset({"es", "sich", "wie", "als", "der", "die", "das", "den", "dem", "des", "ein", "eine",
                            "einen", "einem", "einer", "mit", "von", "vom", "zu", "zum", "zur", "in", "im", "auf",
                            "für", "und", "dass", "daß", "nicht", "auch", "so", "da", "dabei", "darauf", "davon",
                            "dazu", "darüber", "daran", "ihr", "ihre", "ihrer", "seine", "seiner", "sein"})
SEPARABLE = frozenset({"ab", "an", "auf", "aus", "bei", "dar", "ein", "fest", "fort", "her", "heraus", "hervor",
                       "hin", "hinzu", "los", "mit", "nach", "vor", "voran", "weg", "weiter", "zu", "zurück",
                       "zusammen", "bekannt", "klar", "gegenüber", "kund", "offen", "frei"})
PREPOSITIONS = frozenset({"nach", "laut", "zufolge", "gemäß", "so", "demnach", "wonach", "danach", "demzufolge",
                          "zitiert", "lt."})
#: Words ending in -en that are no verbs.
NOT_VERBS = frozenset({"gegen", "entgegen", "eigen", "eigenen", "zufrieden", "entschieden", "entschlossen", "oben",
                       "unten", "wegen", "seinen", "ihren", "einen", "den", "denen", "morgen", "deren"})
WORD = re.compile(r"[A-Za-zÄÖÜäöüß]+")


def lemma(word: str) -> str:
    return simplemma.lemmatize(word.lower(), lang="de").lower()


def is_verb_lemma(lem: str) -> bool:
    return lem.endswith(("en", "ern", "eln")) and len(lem) > 3


def analyse_cue(cue: str, known: Counter[str]) -> tuple[list[str], list[str], str | None]:
    """Verb lemmas (a final separable particle joined), nouns, and the preposition of one annotated cue.

    A particle is joined only when some word of the corpus has the joined lemma ("mitgeteilt"
    → "mitteilen"), so "begründete mit" stays "begründen".
    """
    words = WORD.findall(cue)
    if len(words) == 1 and words[0].lower() in PREPOSITIONS:
        return [], [], words[0].lower()
    last = words[-1].lower() if len(words) > 1 and words[-1].islower() else ""
    particle = last if last in SEPARABLE else ""
    verbs, nouns = [], []
    for k, w in enumerate(words):
        low = w.lower()
        if low in FUNCTION_WORDS or low in PREPOSITIONS or (low in SEPARABLE and w.islower()):
            continue
        if w[:1].isupper() and k > 0:
            nouns.append(w)
            continue
        lem = lemma(w)
        if lem in AUXILIARY_LEMMAS or not is_verb_lemma(lem) or lem in NOT_VERBS:
            if w[:1].isupper():
                nouns.append(w)
            continue
        joined = particle + lem
        verbs.append(joined if particle and not lem.startswith(particle) and known[joined] else lem)
    return verbs, nouns, None


def derive(corpus: Path) -> dict[str, object]:
    texts, annotations = load_corpus(corpus, "train")
    seen: Counter[str] = Counter()
    for text in texts.values():
        for w in WORD.findall(text):
            if w.islower():
                seen[lemma(w)] += 1
    verb_cues: Counter[str] = Counter()
    noun_cues: Counter[str] = Counter()
    prep_cues: Counter[str] = Counter()
    predicative: Counter[str] = Counter()
    separable: dict[str, dict[str, str]] = {}
    for ann in annotations:
        if not ann.cue.strip():
            continue
        verbs, nouns, prep = analyse_cue(ann.cue, seen)
        verb_cues.update(verbs)
        if "als" in ann.cue.lower().split():
            predicative.update(verbs)  # "bezeichnete als", "würdigte als": the quoted words are the verdict
        noun_cues.update(nouns)
        if prep:
            prep_cues[prep] += 1
        for verb in verbs:
            particle = next((p for p in sorted(SEPARABLE, key=len, reverse=True)
                             if verb.startswith(p) and is_verb_lemma(verb[len(p):])), None)
            if particle and WORD.findall(ann.cue)[-1].lower() == particle:
                separable.setdefault(particle, {})[verb[len(particle):]] = verb
    return {
        "verbs": {verb: {"cue": n, "seen": max(seen[verb], n)} for verb, n in sorted(verb_cues.items())},
        "separable": {p: dict(sorted(b.items())) for p, b in sorted(separable.items())},
        "nouns": dict(sorted(noun_cues.items())),
        "prepositions": dict(sorted(prep_cues.items())),
        "predicative": dict(sorted(predicative.items())),
    }


def main() -> None:
    out, data = derive_data_file(__doc__, OUT, "Reporting cues (knowledge/training/derive_cues.py)", derive)
    print(f"{out}: {len(data['verbs'])} verbs, {len(data['nouns'])} nouns, "  # type: ignore[arg-type]
          f"{len(data['prepositions'])} prepositions")  # type: ignore[arg-type]


if __name__ == "__main__":
    main()
