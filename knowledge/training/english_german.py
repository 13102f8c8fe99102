"""Build the English→German word list that lets an English question's words be found in German documents.

The translations come from the sentence-vector model the bot already ships (knowledge/embeddings.py): the
most frequent English and German words (the `wordfreq` word lists) are embedded one by one, and an English
word keeps the German words nearest to it, where each is also among the English words nearest to that German
word (so a rare German word close to everything is no translation). Words of either language that are as
common in the other ("land", "die") are left out. General vocabulary only: no document is read.

    pip install -e .[train]
    python -m knowledge.training.english_german     # writes knowledge/data/english_german.tsv
"""

from __future__ import annotations

import argparse
from pathlib import Path

import numpy as np

from knowledge.dictionary import is_german_word
from knowledge.embeddings import encode

OUT = Path(__file__).resolve().parents[1] / "data" / "english_german.tsv"
#: the most frequent words of each list that are looked at
ENGLISH_WORDS = 25_000
GERMAN_WORDS = 80_000
#: a translation is at least this close (cosine) to the English word; closer ones first, at most TRANSLATIONS
FLOOR = 0.8
TRANSLATIONS = 3
#: the English word must be among this many English words nearest to the German one
MUTUAL = 5
#: German words this frequent (Zipf scale) are function words ("der", "seine"), no translation of a content word
FUNCTION_WORD = 6.0


def english_words() -> list[str]:
    from wordfreq import top_n_list, zipf_frequency

    return [w for w in top_n_list("en", ENGLISH_WORDS)
            if w.isalpha() and len(w) >= 3 and zipf_frequency(w, "en") >= zipf_frequency(w, "de") + 0.5]


def german_words() -> list[str]:
    """German words as written: nouns capitalised (the model reads case)."""
    from wordfreq import top_n_list, zipf_frequency

    found = []
    for w in top_n_list("de", GERMAN_WORDS):
        if not (w.isalpha() and len(w) >= 3) or zipf_frequency(w, "de") < zipf_frequency(w, "en") \
                or zipf_frequency(w, "de") >= FUNCTION_WORD:
            continue
        if is_german_word(w.capitalize()) and not is_german_word(w):
            found.append(w.capitalize())
        elif is_german_word(w):
            found.append(w)
    return found


def translations(english: list[str], german: list[str]) -> dict[str, list[str]]:
    e = encode(english)
    g = encode(german)
    similarity = e @ g.T
    nearest_english = np.argsort(-similarity, axis=0)[:MUTUAL]  # per German word
    found: dict[str, list[str]] = {}
    for i, word in enumerate(english):
        row = similarity[i]
        best = np.argsort(-row)[: TRANSLATIONS * 2]
        kept = [german[k] for k in best if row[k] >= FLOOR and i in nearest_english[:, k]
                and german[k].lower() != word and not _inside(word, german[k].lower())]
        if kept:
            found[word] = kept[:TRANSLATIONS]
    return found


def _inside(english: str, german: str) -> bool:
    """A German word holding the English one after other letters ("robert" in "erobert") is a lookalike."""
    at = german.find(english)
    return at > 0


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--out", type=Path, default=OUT)
    args = parser.parse_args()
    found = translations(english_words(), german_words())
    lines = ["# English word, tab, its German translations (nearest in the sentence-vector model; "
             "built by knowledge/training/english_german.py from the wordfreq word lists)"]
    lines += [f"{word}\t{' '.join(words)}" for word, words in sorted(found.items())]
    args.out.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"{len(found)} English words written to {args.out}")


if __name__ == "__main__":
    main()
