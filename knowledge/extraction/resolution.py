"""Who a speaker mention stands for: pronouns and role nouns resolved to the people the document names, through
the discourse read so far ("Der Minister sagte …" → the minister named before)."""

from __future__ import annotations

from knowledge.extraction.discourse import Discourse, Person
from knowledge.extraction.mentions import Mention, strip_determiner


def resolve(mention: Mention | None, discourse: Discourse) -> list[Mention]:
    """The speaker(s) a mention stands for, with references resolved to full names."""
    resolved = resolve_mention(mention, discourse)
    for speaker in resolved:
        if speaker.kind == "person" and speaker.name:
            discourse.spoke(speaker.name)
    return resolved


def resolve_mention(mention: Mention | None, discourse: Discourse) -> list[Mention]:
    """One mention's speakers: each part of a joint mention, a reference through the discourse, a short name
    to the full one."""
    if mention is None:
        return []
    if mention.parts and mention.kind == "person":
        return [m for part in mention.parts for m in resolve_mention(part, discourse)]
    if mention.pronoun or mention.definite_role:
        # a role noun ending in the name of somebody named before ("Der Premierminister des Landes Anna
        # Berg") is that person, whoever held a similar office
        person = _named_at_end(mention, discourse) or discourse.resolve_reference(mention)
        if person is not None:
            resolved = Mention(text=mention.text, start=mention.start, end=mention.end, name=person.name,
                               role=(person.roles[0] if person.roles else mention.role), kind="person",
                               gender=person.gender)
            person.last_seen = discourse.position
            return [resolved]
        if mention.pronoun:
            return [Mention(text=mention.text, start=mention.start, end=mention.end, kind="unknown")]
    if mention.kind == "person" and mention.name and mention.role and _genitive_of_known(mention.name, discourse):
        # "Der behandelnde Arzt Lahms": the office of somebody named before, not a person called "Lahms"
        return [Mention(text=mention.text, start=mention.start, end=mention.end, role=strip_determiner(mention.text),
                        kind="person", gender=mention.gender)]
    if mention.kind == "person" and mention.name:
        full = discourse.register(mention)
        if full and full != mention.name:
            mention = Mention(text=mention.text, start=mention.start, end=mention.end, name=full,
                              role=mention.role, kind="person", gender=mention.gender)
    elif mention.name and mention.kind == "unknown":
        full = discourse.resolve_name(mention.name)
        if full != mention.name:
            mention = Mention(text=mention.text, start=mention.start, end=mention.end, name=full,
                              role=mention.role, kind="person", gender=mention.gender)
            discourse.register(mention)
    return [mention]


def _genitive_of_known(name: str, discourse: Discourse) -> bool:
    """ "Lahms" after "Philipp Lahm": one word that is a known person's name with a genitive "s"."""
    if " " in name or not name.endswith("s") or len(name) <= 3:
        return False
    owner = discourse.known(name[:-1])
    return owner is not None and owner.name != name


def _named_at_end(mention: Mention, discourse: Discourse) -> Person | None:
    """The person named before whose name ends the role phrase ("… des Kosovos Hashim Thaçi"), if any."""
    words = mention.text.split()
    if mention.pronoun or len(words) < 3 or not all(w[:1].isupper() for w in words[-2:]) or \
            words[-3].lower() in ("von", "vom"):
        return None  # "Die Anwältin von Klaus Weber" is not Klaus Weber
    return discourse.known(" ".join(words[-2:]))
