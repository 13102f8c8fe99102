"""A speaker's role, as the documents give it in German, said in English for an English reply.

The documents introduce people by German roles ("der venezolanische Präsident", "Regierungssprecher",
"Leiter des Influenza-Programms der WHO"). An English reply should not make its reader translate
them, but a wrong office is worse than a German one. So a role is translated only as far as the
glossary (`catalogue/roles_en.toml`, general vocabulary) covers every word of it: the head noun,
the parts of a compound before it and the adjectives before that. Where only the head is known,
the reply gives the English head beside the German role as written; where the head is unknown,
the German role stays as it is.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from functools import cache
from pathlib import Path

#: the glossary, shipped with the package beside the message catalogue
GLOSSARY_FILE = Path(__file__).with_name("catalogue") / "roles_en.toml"

#: words that begin what follows a role's head ("Präsident der Region", "Sprecher von …")
_TAIL_WORDS = frozenset(
    "der des die dem den das von vom im in bei beim für aus am an zu zur zum und mit über gegen".split())
#: acronyms of bodies and parties are the same in English ("NATO-Generalsekretär", "SPD-Vorsitzende")
_ACRONYM = re.compile(r"^[A-ZÄÖÜ][A-ZÄÖÜ0-9]+$")
#: words before a role that are no adjective of it ("der Chefredakteur", "seinem Amtskollegen")
_DETERMINERS = frozenset(
    "der die das des dem den ein eine einen einem einer eines sein seine seinem seinen seiner "
    "ihr ihre ihrem ihren ihrer".split())
#: endings of an adjective before a role, longest first
_ADJECTIVE_ENDINGS = ("en", "em", "er", "es", "e")
#: letters joining the parts of a compound (Regierung-s-sprecher, Bund-es-minister)
_LINKS = ("", "s", "es", "-")
#: a shorter head inside a longer word is too often a coincidence (Apparat is no council)
_MIN_HEAD = 4


@dataclass(frozen=True, slots=True)
class Glossary:
    """German role words and their English; see `catalogue/roles_en.toml`."""

    heads: dict[str, str]
    modifiers: dict[str, str]
    adjectives: dict[str, str]


def read_glossary(path: Path = GLOSSARY_FILE) -> Glossary:
    with path.open("rb") as f:
        data = tomllib.load(f)
    tables = {name: data.get(name, {}) for name in ("heads", "modifiers", "adjectives")}
    for name, table in tables.items():
        if not isinstance(table, dict) or not all(isinstance(v, str) for v in table.values()):
            raise ValueError(f"{path.name}: [{name}] must map words to English text")
    return Glossary(**tables)


@cache
def glossary() -> Glossary:
    return read_glossary()


@dataclass(frozen=True, slots=True)
class RoleInEnglish:
    """A role's English where every word is known (`complete`), else the English of its head only."""

    english: str
    complete: bool


def _head_noun(word: str, words: Glossary) -> str | None:
    """The English of a head noun, in any of its inflected forms (Präsidenten, Sprechers, Vorsitzender)."""
    forms = [word]
    if word.endswith("s"):
        forms.append(word[:-1])
    if word.endswith("en"):
        forms.append(word[:-2])
    if word.endswith(("n", "r")):
        forms.append(word[:-1])
    return next((words.heads[f] for f in forms if f in words.heads), None)


def _modifiers(part: str, words: Glossary) -> list[str] | None:
    """The English of the parts of a compound before its head, or None where one is unknown."""
    if not part:
        return []
    for end in range(len(part), 2, -1):
        english = words.modifiers.get(part[:end])
        if english is None:
            continue
        for link in _LINKS:
            if part[end:].startswith(link):
                rest = _modifiers(part[end + len(link):], words)
                if rest is not None:
                    return [english, *rest]
    return None


def _compound(word: str, words: Glossary) -> RoleInEnglish | None:
    """A one-word role: a known noun, or a compound of known parts ending in one.

    A compound with an unknown first part gives nothing, not its head alone: the first part can
    change the office (a Schiedsrichter is a referee, no judge).
    """
    lower = word.lower()
    english = _head_noun(lower, words)
    if english is not None:
        return RoleInEnglish(english, True)
    for start in range(1, len(lower) - _MIN_HEAD + 1):
        head = _head_noun(lower[start:], words)
        before = _modifiers(lower[:start], words) if head is not None else None
        if head is not None and before is not None:
            return RoleInEnglish(" ".join([*before, head]), True)
    return None


def _role_word(token: str, words: Glossary) -> RoleInEnglish | None:
    """The head word of a role, hyphenated parts included ("NATO-Generalsekretär", "Ex-Präsident");
    with an unknown part before the hyphen, the English of the last part alone."""
    *firsts, last = token.split("-")
    head = _compound(last, words) if last else None
    if head is None:
        return None
    english: list[str] = []
    for first in firsts:
        if _ACRONYM.match(first):
            english.append(first)
        elif first.lower() in words.modifiers:
            english.append(words.modifiers[first.lower()])
        elif known := _modifiers(first.lower(), words):
            english.extend(known)
        else:
            return RoleInEnglish(head.english, False)
    return RoleInEnglish(" ".join([*english, head.english]), head.complete)


def _adjective(token: str, words: Glossary) -> str | None:
    lower = token.lower()
    for ending in _ADJECTIVE_ENDINGS:
        if lower.endswith(ending) and lower[: -len(ending)] in words.adjectives:
            return words.adjectives[lower[: -len(ending)]]
    return None


def role_in_english(role: str, words: Glossary | None = None) -> RoleInEnglish | None:
    """One role ("der russische Außenminister"): its English, complete or of the head only, or None."""
    words = words or glossary()
    tokens = role.split()
    end = next((i for i, t in enumerate(tokens) if t in _TAIL_WORDS and i > 0), len(tokens))
    core, tail = tokens[:end], tokens[end:]
    if not core:
        return None
    head = _role_word(core[-1], words)
    if head is None or not head.complete:
        return head
    english = [head.english]
    complete = not tail
    for position, token in enumerate(reversed(core[:-1])):
        adjective = _adjective(token, words)
        if adjective is None:
            if position == 0 and token[:1].islower() and token.lower() not in _DETERMINERS:
                return None  # an unknown adjective can change the office (parlamentarischer Geschäftsführer)
            complete = False
            break
        english.insert(0, adjective)
    return RoleInEnglish(" ".join(english), complete)


def english_role_label(label: str, words: Glossary | None = None) -> str:
    """A role label for an English reply: English where every word is known ("foreign minister"),
    the English head beside the German where only the head is ("head – Leiter des Programms der WHO"),
    else the German as written. Several roles ("Sprecher; Abgeordneter") are each translated."""
    shown = []
    for role in label.split("; "):
        english = role_in_english(role, words)
        if english is None:
            shown.append(role)
        elif english.complete:
            shown.append(english.english)
        else:
            shown.append(f"{english.english} – {role}")
    return "; ".join(shown)


def role_label(label: str, lang: str) -> str:
    """A role as a reply in `lang` shows it: German replies keep the documents' words."""
    return english_role_label(label) if lang == "en" else label
