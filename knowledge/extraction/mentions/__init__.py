"""Speaker mentions: the noun phrase that names who said something, and what kind of speaker it is.

German news names speakers in a handful of shapes — "Verteidigungsminister Paul Berger",
"der Sprecher des Ministeriums, Jan Vogt,", "Frankreichs Nachrichtendienst",
"ein anonymer ukrainischer Beamter", "das Nachrichtenportal nv.ua". The parser walks tokens
with closed-class word lists and capitalisation, which needs no model and holds for any topic.

The parts live in private modules: `_words` (what one word tells), `_mention` (the Mention and
how parts join), `_phrases` (where a phrase begins and ends) and `_classify` (role, name, kind).
"""

from knowledge.extraction.mentions._classify import classify
from knowledge.extraction.mentions._mention import (
    Mention,
    coordinate,
    merge_appositions,
    pronoun_mention,
    strip_determiner,
)
from knowledge.extraction.mentions._phrases import np_extent, parse_backward, parse_forward, parse_prefield
from knowledge.extraction.mentions._words import (
    LOWER_LED_COMPOUND,
    NAME_PARTICLES,
    first_name_gender,
    is_capitalised_word,
    is_domain_name,
    is_time_phrase,
    looks_adjective,
)

__all__ = [
    "LOWER_LED_COMPOUND",
    "NAME_PARTICLES",
    "Mention",
    "classify",
    "coordinate",
    "first_name_gender",
    "is_capitalised_word",
    "is_domain_name",
    "is_time_phrase",
    "looks_adjective",
    "merge_appositions",
    "np_extent",
    "parse_backward",
    "parse_forward",
    "parse_prefield",
    "pronoun_mention",
    "strip_determiner",
]
