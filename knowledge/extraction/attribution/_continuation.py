"""What the next units need to know of a unit.

Whether it goes on in reported speech, how much of it is quoted, and whether it names the source
of the unit before ("Das berichtete die Zeitung.").
"""

from __future__ import annotations

from knowledge.extraction.attribution._clauses import QUOTE_CHARS, Attribution, Unit, _skip_adverbials, inside_quote
from knowledge.extraction.attribution._passive import _is_passive
from knowledge.extraction.attribution._sources import _source_phrase
from knowledge.extraction.attribution._subjects import (
    SPEAKER_KINDS,
    _after_verb_subject,
    _quoted_source,
    _speakerlike,
    plausible_speaker,
)
from knowledge.extraction.cues import AUXILIARIES, find_verb_cues, is_konjunktiv_i
from knowledge.extraction.lexicon import DETERMINERS, SUBJUNCTIVE_FORMS, media_head, organisation_head, role_head
from knowledge.extraction.mentions import Mention, parse_forward
from knowledge.extraction.text import Token

REPORTATIVE_MODALS = frozenset({"soll", "sollen", "sollte", "sollten"})



def unit_is_reported(unit: Unit, text: str, strict: bool = False) -> bool:
    """Konjunktiv I or a reportative modal outside quotes: the unit continues reported speech.

    `strict` accepts Konjunktiv I only, the mark of somebody's words rather than of hearsay ("soll").
    """
    inside = inside_quote(unit.tokens, unit.quotes)
    for tok, quoted in zip(unit.tokens, inside, strict=True):
        if quoted:
            continue
        if is_konjunktiv_i(tok.text):
            return True
        if strict:
            continue
        if tok.lower in SUBJUNCTIVE_FORMS and tok.lower not in ("würde", "würden", "hätte", "könnte", "könnten",
                                                                "müsste", "müssten", "sollte", "sollten", "wäre",
                                                                "wären", "hätten"):
            return True
        if tok.lower in REPORTATIVE_MODALS and tok.lower in ("soll", "sollen") and _hearsay_infinitive(unit.tokens):
            return True
    return False



def _hearsay_infinitive(tokens: list[Token]) -> bool:
    """ "soll … gewesen sein", "sollen … getötet haben": the modal reports hearsay, not a plan."""
    words = [t.lower for t in tokens if t.text not in (".", "!", "?", "“", "\"", "»")]
    return any(w in ("haben", "sein") and k > 0 and (words[k - 1].startswith("ge") or words[k - 1].endswith(
        ("t", "en", "worden"))) for k, w in enumerate(words))



def quote_share(unit: Unit) -> float:
    total = unit.end - unit.start
    return sum(q.end - q.start for q in unit.quotes) / total if total else 0.0



def anaphoric_source(unit: Unit, text: str) -> Attribution | None:
    """ "Das berichtete die Zeitung." / "Dies gab das Komitee bekannt.": the source of the sentence before."""
    tokens = unit.tokens
    if (delivered := _delivered_by(unit, text) or _emerges_from(unit, text)) is not None:
        return delivered
    if len(tokens) < 4 or tokens[0].lower not in ("das", "dies") or tokens[-1].text not in (".", "!"):
        return None
    inside = inside_quote(tokens, unit.quotes)
    cues = [c for c in find_verb_cues(tokens, inside) if not _is_passive(c, tokens, inside)]
    # "Dies teilte die Vorsitzende, Magdalena Chu, mit.": commas inside the frame set off an apposition
    framed = bool(cues) and (cues[0].particle_index == len(tokens) - 2 or _closing_apposition(tokens))
    if any(len(text[q.start:q.end].split()) > 4 for q in unit.quotes) or any(
            t.text in ((":", ";") if framed else (",", ":", ";")) for t, q in zip(tokens, inside, strict=True)
            if not q):
        return None
    if not cues or cues[0].lemma in WEAK_ANAPHORIC:
        return None
    if tokens[1].lower not in AUXILIARIES and cues[0].index != 1:
        return None
    k = _skip_adverbials(tokens, 2, len(tokens))
    verb = 1
    if k < len(tokens) and tokens[k].text in ("–", "—", "("):
        # "Dies gab heute – nach eingehenden Untersuchungen – Professor X bekannt": past the insertion
        close = next((j for j in range(k + 1, len(tokens)) if tokens[j].text in ("–", "—", ")")), None)
        if close is not None:
            verb = close
            k = _skip_adverbials(tokens, close + 1, len(tokens))
    if k + 1 < len(tokens) and tokens[k].lower in DETERMINERS and tokens[k + 1].text in QUOTE_CHARS:
        speaker = _quoted_source(tokens, k + 1, inside, text)  # "Das berichtete die „Zeitung“."
    else:
        speaker, _ = _after_verb_subject(tokens, verb, text, inside)
        if speaker is not None and not (_speakerlike(speaker) or _named_subject(speaker)):
            speaker = None
    if speaker is None or not plausible_speaker(speaker):
        return None
    return Attribution(speaker, cues[0].lemma, [], "indirect")



def _closing_apposition(tokens: list[Token]) -> bool:
    """ "Das bestätigte der Präsident Indonesiens, Susilo Bambang Yudhoyono.": one comma, then a name to the end."""
    commas = [k for k, t in enumerate(tokens) if t.text == ","]
    return len(commas) == 1 and 2 < commas[0] < len(tokens) - 2 and all(
        t.text[:1].isupper() for t in tokens[commas[0] + 1:-1])


def _named_subject(mention: Mention) -> bool:
    """ "Dies bestätigte Stoiber.", "Das berichtete die Musikzeitschrift.": after the cue verb of "Dies …" the
    subject is the one who said it, whether or not its words name an office."""
    return not mention.pronoun and mention.kind in (*SPEAKER_KINDS, "unknown") and bool(mention.name)


#: "Die Ankündigung erfolgte durch X.": what was announced is the sentence before, X announced it
DELIVERED_NOUNS = ("ankündigung", "mitteilung", "äußerung", "erklärung", "bekanntgabe", "einschätzung", "warnung",
                   "aussage", "angabe", "angaben", "information", "informationen")


def _delivered_by(unit: Unit, text: str) -> Attribution | None:
    tokens = unit.tokens
    if len(tokens) < 6 or tokens[0].lower not in ("die", "diese", "der", "dieser") \
            or not tokens[1].lower.endswith(DELIVERED_NOUNS) \
            or tokens[2].lower not in ("erfolgte", "erfolgt", "kam", "kamen", "stammt", "stammte", "stammen") \
            or tokens[3].lower not in ("durch", "von", "vom"):
        return None
    speaker = parse_forward(tokens, 4, text)
    if speaker is None or speaker.pronoun or not plausible_speaker(speaker) or not _speakerlike(speaker):
        return None
    return Attribution(speaker, tokens[1].lower, [], "indirect")


def _emerges_from(unit: Unit, text: str) -> Attribution | None:
    """ "Dies geht aus einer Mitteilung des Konzerns hervor.": the document says what the sentence before says."""
    tokens = unit.tokens
    if len(tokens) < 6 or tokens[0].lower not in ("das", "dies") or tokens[1].lower not in ("geht", "ging") \
            or tokens[2].lower != "aus" or tokens[-2].lower != "hervor" or tokens[-1].text not in (".", "!"):
        return None
    source = _source_phrase(tokens, 3, inside_quote(tokens, unit.quotes), text)
    if source is None or source.pronoun or source.end > tokens[-2].start:
        return None
    return Attribution(source, "hervorgehen", [], "indirect")


WEAK_ANAPHORIC = frozenset({"sehen", "zeigen", "wissen", "loben", "begrüßen", "ablehnen", "nennen", "bezeichnen",
                            "kritisieren", "verurteilen", "zurückweisen", "bestreiten", "dementieren", "beschreiben"})


def frame_in_reported_speech(att: Attribution, text: str) -> bool:
    """ "Die Studie zeige, „dass …“", "Die Pflichten seien im Vertrag festgelegt: „…“": the frame's own verb is
    in Konjunktiv I and its subject speaks for nobody, so the sentence goes on with somebody's report."""
    speaker = att.speaker
    if speaker is None or speaker.pronoun or att.inherited or not att.spans or speaker.end > att.spans[0][0] \
            or (speaker.kind == "person" and speaker.name):
        return False
    words = (speaker.role or speaker.label).split()
    head = next((words[k - 1] for k in range(1, len(words)) if words[k].lower() in ("der", "des", "von", "vom")),
                words[-1] if words else "")
    if role_head(head) or organisation_head(head) or media_head(head):
        return False
    frame = text[speaker.end:att.spans[0][0]].split()
    return any(w.strip(",:„“") in SUBJUNCTIVE_FORMS or is_konjunktiv_i(w.strip(",:„“")) for w in frame)
