"""Roles of people as the documents introduce them ("der südkoreanische Verteidigungsminister Kim Yong-hyun").

A claim records the role used where the statement stands, often shorter ("Minister Kim");
questions ask by the full role. Scanning each document for the words right before a
person's name recovers every role the texts give them.
"""

from __future__ import annotations

import re

from knowledge.extraction.lexicon import role_head
from knowledge.model import Entity

ARTICLES = ("der", "die", "das", "den", "dem", "des")
_ADJECTIVE = re.compile(r"^([a-zäöüß][\wäöüß\-]*(e|en|er|es|em)|[A-ZÄÖÜ][\wäöüß]*s|[A-Z]{2,}-[\wäöüß\-]+)$")


def roles_in_text(name: str, text: str) -> list[str]:
    found: list[str] = []
    for m in re.finditer(r"((?:[\wäöüßÄÖÜ\-]+\s+){1,4})" + re.escape(name) + r"(?![\w-])", text):
        words = m.group(1).split()
        if not words or not role_head(words[-1]):
            continue
        k = len(words) - 1
        while k > 0 and _ADJECTIVE.match(words[k - 1]) and words[k - 1].lower() not in (
                "der", "die", "das", "des", "dem", "den", "einer", "eines", "einem", "seinem", "seiner", "ihrem"):
            k -= 1
        role = " ".join(words[k:])
        if role not in found:
            found.append(role)
    return found


def enrich_roles(entities: list[Entity], texts: list[str]) -> None:
    """Add the roles each person is introduced with anywhere in the documents, and the offices a statement
    calls them by ("der brasilianische Präsident", resolved to the person the text names)."""
    for entity in entities:
        if entity.kind != "person":
            continue
        for alias in entity.aliases:
            words = alias.split()
            if 2 <= len(words) <= 4 and words[0].lower() in ARTICLES and role_head(words[-1]) \
                    and " ".join(words[1:]) not in entity.roles:
                entity.roles.append(" ".join(words[1:]))
        names = [n for n in {entity.name, *entity.aliases} if len(n.split()) >= 2 and len(n) < 60]
        for text in texts:
            for name in names:
                if name not in text:
                    continue
                for role in roles_in_text(name, text):
                    if role not in entity.roles:
                        entity.roles.append(role)
