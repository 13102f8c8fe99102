"""People a unit names in passing ("Außenamtssprecher Jan Vogt", "Thomas de Maizière"), remembered so that a
later "er" or "der Minister" finds them even where they say nothing themselves."""

from __future__ import annotations

import simplemma

from knowledge.extraction.attribution import Unit
from knowledge.extraction.discourse import Discourse
from knowledge.extraction.lexicon import role_head
from knowledge.extraction.mentions import (
    NAME_PARTICLES,
    classify,
    first_name_gender,
    is_capitalised_word,
    looks_adjective,
)
from knowledge.extraction.text import Token

#: pronouns before an office that no adjective of it is: "dessen Amtskollege", "ihr Sprecher"
POSSESSIVES = frozenset({"dessen", "deren", "sein", "seine", "seinen", "seinem", "seiner", "ihr", "ihre", "ihren",
                         "ihrem", "ihrer", "unser", "unsere", "unseren"})


def register_people(unit: Unit, paragraph: str, discourse: Discourse) -> None:
    """Remember people the unit names ("Außenamtssprecher Jan Vogt"), so that a later "er" finds them."""
    toks = unit.tokens
    k = 0
    while k < len(toks) - 1:
        tok, nxt = toks[k], toks[k + 1]
        inside = any(q.start <= tok.start < q.end for q in unit.quotes)
        if inside or not is_capitalised_word(tok) or not is_capitalised_word(nxt):
            k += 1
            continue
        if role_head(tok.text) or first_name_gender(tok.text) in ("m", "f"):
            j = k + 1
            while j < len(toks) and j - k < 6 and ((is_capitalised_word(toks[j]) and not role_head(toks[j].text))
                                                   or _name_particle_at(toks, j)):
                j += 1  # "Thomas de Maizière", "Ursula von der Leyen", "Luiz Inácio Lula da Silva"
            # the office keeps its adjectives: "des venezolanischen Präsidenten Hugo Chávez" is Venezuela's
            start = k
            while role_head(tok.text) and start > 0 and k - start < 2 and toks[start - 1].text[:1].islower() and \
                    looks_adjective(toks[start - 1]) and toks[start - 1].lower not in POSSESSIVES:
                start -= 1
            mention = classify(toks[start:j], paragraph)
            if mention.kind == "person" and mention.name:
                discourse.register(mention)
            k = j
            continue
        k += 1


def _name_particle_at(toks: list[Token], j: int) -> bool:
    """A particle inside a name: lower case, between name words ("de", "von der")."""
    if toks[j].lower not in NAME_PARTICLES and not (toks[j].lower in ("der", "den") and toks[j - 1].lower in (
            "von", "van")):
        return False
    if j + 1 >= len(toks):
        return False
    if toks[j].lower == "zu" and simplemma.is_known(toks[j + 1].text, lang="de"):
        return False  # "Peer Steinbrück zu Beginn": a preposition, not "Karl-Theodor zu Guttenberg"
    return is_capitalised_word(toks[j + 1]) or _name_particle_at(toks, j + 1)
