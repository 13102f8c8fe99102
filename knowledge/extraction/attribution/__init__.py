"""Who said what in one sentence unit: find the cue, the speaker and the reported content.

A unit is a sentence, or several when a quotation runs across sentence ends. German word
order decides where the speaker stands: after the verb when the quote or an adverbial comes
first ("„…“, sagte X", "Am Montag sagte X"), in front of it otherwise ("X sagte, …"), right
after a subordinator in "wie X mitteilte", or before the comma of a relative clause
("Berger, der … begrüßte").

The rules live in private modules by the frame they read: `_verbs` (an active reporting verb, its clause in
`_verb_clause`, a clause joined by a comma in `_asyndetic`), `_relatives` (relative clauses around the verb),
`_passive` (the passive and "zitieren"), `_sources` ("laut", "zufolge", "nach Angaben", "so X", "heißt es
in"), `_frames` (colon, that-clause, "als „…“", saying nouns), `_attitudes` ("ist zuversichtlich, …", "ist der
Meinung, dass …"), `_subjects` (who can speak and where the subject stands), `_clauses` (units, clause and
content boundaries), `_continuation` (what the next unit needs) and `_analysis` (one unit, all frames in
order).
"""

from knowledge.extraction.attribution._analysis import analyse_unit
from knowledge.extraction.attribution._clauses import Attribution, Unit, inside_quote
from knowledge.extraction.attribution._continuation import (
    anaphoric_source,
    frame_in_reported_speech,
    quote_share,
    unit_is_reported,
)
from knowledge.extraction.attribution._subjects import function_word_label, plausible_speaker, sentence_subject

__all__ = [
    "Attribution",
    "Unit",
    "analyse_unit",
    "anaphoric_source",
    "frame_in_reported_speech",
    "function_word_label",
    "inside_quote",
    "plausible_speaker",
    "quote_share",
    "sentence_subject",
    "unit_is_reported",
]
