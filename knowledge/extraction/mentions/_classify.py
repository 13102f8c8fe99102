"""Role, name and kind of a noun phrase: a person, a body, an outlet, a group or somebody unnamed."""

from __future__ import annotations

import re

import simplemma

from knowledge.extraction.lexicon import (
    ANONYMOUS_HEADS,
    DETERMINERS,
    PREPOSITIONS,
    media_head,
    organisation_head,
    role_head,
    seated_body_head,
)
from knowledge.extraction.mentions._mention import Mention, strip_determiner
from knowledge.extraction.mentions._words import (
    AGE_NOUN,
    NAME_PARTICLES,
    first_name_gender,
    is_capitalised_word,
    is_domain_name,
    looks_adjective,
)
from knowledge.extraction.text import Token


def classify(tokens: list[Token], text: str) -> Mention:
    """Split a phrase into role and name, and tell a person from an organisation or a group."""
    # "der Analyst X von der Denkfabrik Y": the person is X, the rest is their affiliation
    for k in range(1, len(tokens) - 1):
        if tokens[k].lower in ("von", "vom") and k + 1 < len(tokens) and (
                tokens[k + 1].lower in DETERMINERS or looks_adjective(tokens[k + 1]) or tokens[k].lower == "vom"):
            person = _classify(tokens[:k], text)
            if person.kind == "person" and person.name:
                affiliation = text[tokens[k].start:tokens[-1].end]
                person.role = f"{person.role} {affiliation}" if person.role else affiliation
                person.text = text[tokens[0].start:tokens[-1].end]
                person.end = tokens[-1].end
                return person
            break
    return _classify(tokens, text)



def _classify(tokens: list[Token], text: str) -> Mention:
    """Role, name and kind of a phrase with no affiliation split off."""
    start, end = tokens[0].start, tokens[-1].end
    phrase = text[start:end]
    words = _without_attribute_object([t for t in tokens if t.text != "-"])
    mention = Mention(text=phrase, start=start, end=end)
    first = words[0].lower if words else ""
    # the last role or organisation head; a name runs after it
    head_at = None
    for k, tok in enumerate(words):
        if is_capitalised_word(tok) and (role_head(tok.text) or organisation_head(tok.text)):
            head_at = k
    # a dictionary noun right before a first name and a surname is a title: "Gewerkschaftsvorstand Uwe Berg"
    titled = head_at is None and _title_before_name(words)
    if titled:
        head_at = next(k for k in range(len(words) - 2) if _is_title_at(words, k))
    anonymous = "anonym" in phrase.lower() or any(w.lower in ANONYMOUS_HEADS for w in words)
    if head_at is not None:
        _classify_by_head(mention, words, head_at, titled, anonymous, text)
        return mention
    if anonymous:
        mention.kind = "anonymous"
        mention.role = strip_determiner(phrase)
        return mention
    if words and AGE_NOUN.fullmatch(words[-1].text):
        mention.kind, mention.role = "person", strip_determiner(phrase)  # "der 39-Jährige"
        mention.gender = {"der": "m", "die": "f"}.get(first)
        return mention
    if _classify_as_name(mention, words, text):
        return mention
    mention.role = strip_determiner(phrase)
    plural = words[-1].lower.endswith(("en", "er", "ern")) if words else False
    mention.kind = "group" if plural else "unknown"
    return mention



def _without_attribute_object(words: list[Token]) -> list[Token]:
    """ "die das Unglück überlebende Anna Holm": the attribute's object is not part of the name."""
    if len(words) > 3 and words[0].lower in DETERMINERS and words[1].lower in DETERMINERS:
        adj = next((k for k in range(2, len(words) - 1) if looks_adjective(words[k])
                    and is_capitalised_word(words[k + 1])), None)
        if adj is not None:
            return [words[0], *words[adj:]]
    return words



def _classify_by_head(mention: Mention, words: list[Token], head_at: int, titled: bool, anonymous: bool,
                      text: str) -> None:
    """A phrase with a role or organisation head: the name after the head, and the kind the head tells."""
    head = words[head_at]
    name_tokens = _name_run(words, head_at + 1)
    role_tokens = words[:head_at + 1]
    role_text = text[role_tokens[0].start:role_tokens[-1].end] if role_tokens else None
    if name_tokens:
        mention.name = text[name_tokens[0].start:name_tokens[-1].end]
        mention.role = strip_determiner(role_text) if role_text else None
        if role_head(head.text) or titled:
            mention.kind = "person"
        elif media_head(head.text) or any(is_domain_name(t) or media_head(t.text) for t in name_tokens):
            mention.kind = "media"
        else:
            mention.kind = "organisation"
            if _names_a_seat(role_tokens, name_tokens, text):  # "das Landgericht Berlin" is the court, not the city
                mention.name = text[head.start:name_tokens[-1].end]
    else:
        mention.role = strip_determiner(mention.text)
        if role_head(head.text):
            _classify_unnamed_role(mention, words, head_at, anonymous)
        else:
            mention.kind = "anonymous" if anonymous else ("media" if media_head(head.text) else "organisation")
    mention.gender = _gender_of_role(head.text) or _gender_of_name(mention.name)



def _names_a_seat(role_tokens: list[Token], name_tokens: list[Token], text: str) -> bool:
    """Whether the name after a body's head is its seat: a place right after the head ("Universität
    Heidelberg"), not a person ("Direktor der …behörde Roberto Rodriguez") or the body's own acronym
    ("Behörde NASA")."""
    head, first = role_tokens[-1], name_tokens[0]
    return seated_body_head(head.text) and text[head.end:first.start].strip() == "" \
        and not any(role_head(t.text) for t in role_tokens[:-1]) \
        and not first_name_gender(first.text) and not first.text.isupper()


def _classify_unnamed_role(mention: Mention, words: list[Token], head_at: int, anonymous: bool) -> None:
    """A role without a name: somebody unnamed ("ein Diplomat"), several ("die Ermittler"), or one person
    named before ("der Präsident")."""
    head = words[head_at]
    first = words[0].lower if words else ""
    indefinite = first in ("ein", "eine", "einer", "eines", "einem", "einen", "mehrere", "einige")
    plural = (head.lower.endswith(("en", "ern", "innen")) and not head.lower.endswith("beamten")) or (
        first == "die" and head.lower.endswith("er")) or any(
        w.lower in ("beiden", "beide", "zwei", "drei", "vier") for w in words[:head_at])
    if indefinite or anonymous:
        mention.kind = "anonymous"
    elif plural or first in ("mehrere", "viele", "zahlreiche") or (head.lower.endswith("beamte") and \
            first not in ("der", "die", "ein", "eine")):
        mention.kind = "group"
    else:
        mention.kind = "person"
        mention.definite_role = first in ("der", "die", "dem", "den", "des") or not first



def _classify_as_name(mention: Mention, words: list[Token], text: str) -> bool:
    """No role word: a bare name ("Vogt", "Paul Berger", "Frankreich", "nv.ua"), when the phrase is one."""
    first = words[0].lower if words else ""
    lead = 0
    while lead < len(words) - 1 and (words[lead].lower in DETERMINERS or looks_adjective(words[lead])):
        lead += 1
    name_tokens = _name_run(words, lead)
    if not (name_tokens and len(name_tokens) == len(words) - lead):
        return False
    mention.name = text[name_tokens[0].start:name_tokens[-1].end]
    if any(is_domain_name(t) or media_head(t.text) for t in name_tokens):
        mention.kind = "media"
    elif first in DETERMINERS and lead >= 2 and len(name_tokens) >= 2 and first_name_gender(name_tokens[0].text):
        mention.kind = "person"  # "der 33-jährige Gianluigi Berg", "die junge Anna Holm"
    elif first in DETERMINERS:
        mention.kind = "organisation"  # "das Pentagon", "die Washington Post"
    elif len(name_tokens) >= 2 and (first_name_gender(name_tokens[0].text) or re.fullmatch(
            r"(?:[A-ZÄÖÜ]\.-?)+", name_tokens[0].text) or not any(
            _is_common_word(t.text) for t in name_tokens)):
        mention.kind = "person"
    else:
        mention.kind = "unknown"
    mention.gender = _gender_of_name(mention.name)
    return True



def _is_title_at(words: list[Token], k: int) -> bool:
    noun, given, family = words[k], words[k + 1], words[k + 2]
    return (is_capitalised_word(noun) and is_capitalised_word(given) and is_capitalised_word(family)
            and len(noun.text) > 3 and not first_name_gender(noun.text) and first_name_gender(given.text) in ("m", "f")
            and _is_common_noun(noun.text) and not organisation_head(noun.text))



def _is_common_noun(word: str) -> bool:
    """A dictionary noun, or a compound ending in one ("Gewerkschaftsvorstand" ends in "Vorstand")."""
    if _is_common_word(word):
        return True
    return any(simplemma.is_known(word[i:].capitalize(), lang="de") for i in range(3, len(word) - 4))



def _title_before_name(words: list[Token]) -> bool:
    return any(_is_title_at(words, k) for k in range(len(words) - 2))



def _is_common_word(word: str) -> bool:
    """A dictionary word ("Vorwürfe") rather than a name ("Vogt", "Jan-Erik")."""
    return (simplemma.is_known(word, lang="de") and not first_name_gender(word)) or (word.endswith("s") and \
        simplemma.is_known(word[:-1], lang="de"))



def _name_run(words: list[Token], k: int) -> list[Token]:
    run: list[Token] = []
    while k < len(words):
        tok = words[k]
        if is_capitalised_word(tok) or is_domain_name(tok):
            if role_head(tok.text) and not run:
                k += 1
                continue
            if tok.lower in PREPOSITIONS:
                break
            run.append(tok)
        elif run and tok.lower in ("von", "van") and k + 2 < len(words) and words[k + 1].lower in ("der", "den") \
                and is_capitalised_word(words[k + 2]) and first_name_gender(run[0].text) in ("m", "f") \
                and not organisation_head(words[k + 2].text) and not role_head(words[k + 2].text) \
                and (k + 3 == len(words) or not is_capitalised_word(words[k + 3])):
            run.extend(words[k:k + 3])  # "Ursula von der Leyen", "Anna van der Berg"
            k += 3
            continue
        elif run and tok.lower in NAME_PARTICLES and k + 1 < len(words) and is_capitalised_word(words[k + 1]):
            if tok.lower == "von" and k + 1 < len(words) and words[k + 1].lower in DETERMINERS:
                break
            if tok.lower == "von" and k + 2 < len(words) and words[k + 1].lower in ("der", "den") and \
                    organisation_head(words[-1].text):
                break
            run.append(tok)
        else:
            break
        k += 1
    while run and run[-1].lower in NAME_PARTICLES:
        run.pop()
    return run



def _gender_of_role(word: str) -> str | None:
    low = word.lower()
    if low.endswith(("in", "innen")) and role_head(word):
        return "f"
    if role_head(word):
        return "m"
    return None



def _gender_of_name(name: str | None) -> str | None:
    if not name:
        return None
    g = first_name_gender(name.split()[0])
    return g if g in ("m", "f") else None
