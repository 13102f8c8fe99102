"""Derive role nouns (offices, functions, titles: "Gewerkschaftsvorstand", "Moderator") from the corpus.

Usage: python -m knowledge.training.derive_roles [CORPUS_DIR] [--out FILE]

A capitalised noun that stands right before a first name in an annotated speaker
("der zuständige Gewerkschaftsvorstand Uwe Foullong") or, at least three times, anywhere in the train
texts ("Moderator Anna Berg") names the person's role. The extractor then splits such a phrase
into role and name, so the speaker is the person, found again by the name alone.
"""

from __future__ import annotations

import itertools
import re
from collections import Counter
from pathlib import Path

from knowledge.extraction.lexicon import DETERMINERS, organisation_head
from knowledge.extraction.mentions import first_name_gender
from knowledge.training.corpus import derive_data_file, load_corpus

OUT = Path(__file__).resolve().parents[1] / "extraction" / "data" / "role_nouns.json"
#: Endings of German agent nouns (people by what they do): "-er", "-in", "-ist", "-ent", "-loge", …
AGENT_ENDINGS = ("er", "erin", "or", "orin", "ist", "istin", "ent", "entin", "ant", "antin", "eur", "eurin",
                 "loge", "login", "ot", "otin", "at", "atin", "ar", "arin", "ier", "ierin", "te", "tin")
WORD = re.compile(r"[A-Za-zÄÖÜäöüß][\w\-]*")


def _role_before_name(words: list[str]) -> list[str]:
    found = []
    for k in range(len(words) - 2):
        noun, given, family = words[k], words[k + 1], words[k + 2]
        if not (noun[:1].isupper() and noun[1:2].islower() and len(noun) > 3 and given[:1].isupper()
                and family[:1].isupper()):
            continue
        if first_name_gender(noun) or not first_name_gender(given) or noun.lower() in DETERMINERS:
            continue
        if organisation_head(noun) or "-" in noun:
            continue
        found.append(noun.lower())
    return found


def derive(corpus: Path) -> dict[str, object]:
    texts, annotations = load_corpus(corpus, "train")
    in_speakers: Counter[str] = Counter()
    for ann in annotations:
        in_speakers.update(_role_before_name(WORD.findall(ann.speaker)))
    in_texts: Counter[str] = Counter()
    for text in texts.values():
        in_texts.update(_role_before_name(WORD.findall(text)))
    # a common noun takes an article somewhere in the corpus and is never written in lower case
    with_article: Counter[str] = Counter()
    lower: Counter[str] = Counter()
    for text in texts.values():
        words = WORD.findall(text)
        for prev, word in itertools.pairwise(words):
            if word[:1].islower():
                lower[word] += 1
            elif prev in DETERMINERS:
                with_article[word.lower()] += 1
    roles = {noun: in_speakers[noun] + in_texts[noun] for noun in set(in_speakers) | set(in_texts)
             if (in_speakers[noun] or in_texts[noun] >= 3) and with_article[noun] and not lower[noun]
             and noun.rstrip("sn").endswith(AGENT_ENDINGS)}
    return {"roles": dict(sorted(roles.items()))}


def main() -> None:
    out, data = derive_data_file(__doc__, OUT, "Role nouns (knowledge/training/derive_roles.py)", derive)
    print(f"{out}: {len(data['roles'])} role nouns")  # type: ignore[arg-type]


if __name__ == "__main__":
    main()
