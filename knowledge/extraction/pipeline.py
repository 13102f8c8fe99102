"""From one document's text to its claims: statements with speakers, and figures.

Steps: paragraphs and their roles (article, caption, comments, …), sentences, units
(sentences joined where a quotation spans them), people named in the document, attribution
per unit with references resolved, then figures with the speaker of the statement they stand in.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field, replace

from knowledge.documents import paragraphs_of
from knowledge.extraction.attribution import (
    Attribution,
    Unit,
    analyse_unit,
    anaphoric_source,
    frame_in_reported_speech,
    plausible_speaker,
    quote_share,
    unit_is_reported,
)
from knowledge.extraction.discourse import Discourse
from knowledge.extraction.figures import NOT_REPORTING, SOURCE_CUES, figure_reporter, figure_source, find_figures
from knowledge.extraction.lexicon import PERSONAL_PRONOUNS, SPEECH_EVENT_NOUNS, organisation_head, role_head
from knowledge.extraction.mentions import (
    Mention,
    is_capitalised_word,
    parse_forward,
)
from knowledge.extraction.named_people import register_people
from knowledge.extraction.quotes import find_quotes, outermost
from knowledge.extraction.resolution import resolve
from knowledge.extraction.sections import classify_paragraphs
from knowledge.extraction.speaker_model import SpeakerModel, head_noun, speaker_model
from knowledge.extraction.stance import object_stance, stance_frame
from knowledge.extraction.statement_model import statement_model
from knowledge.extraction.text import Sentence, split_sentences
from knowledge.model import Claim

#: "Berlin | …", "Seoul (dpa) - …": a place and an agency's short code open the article.
DATELINE = re.compile(r"^\s*(?:[A-ZÄÖÜ][\w\-/. ]{1,40}?\s*(?:\||\([A-Za-z]{2,8}\)\s*[-–—]))\s*")
ELLIPSIS = " […] "
#: Cues of "according to" phrases: they name a source of the sentence, not somebody saying it.
ACCORDING_TO = frozenset({"nach", "laut", "zufolge", "gemäß", "demnach"})


def _units(paragraph: str, sentences: list[Sentence], index: int) -> list[Unit]:
    quotes = outermost(find_quotes(paragraph))
    units: list[Unit] = []
    current: list = []
    for sent in sentences:
        current.extend(sent.tokens)
        end = current[-1].end
        open_quote = any(q.start < end < q.end - 1 for q in quotes)
        if open_quote:
            continue
        units.append(Unit(index, current, [q for q in quotes if q.start >= current[0].start and q.end <= end + 1]))
        current = []
    if current:
        units.append(Unit(index, current, [q for q in quotes if q.start >= current[0].start]))
    return units


def _strip_dateline(paragraph: str, unit: Unit) -> Unit:
    m = DATELINE.match(paragraph)
    if not m or unit.start > m.end():
        return unit
    tokens = [t for t in unit.tokens if t.start >= m.end()]
    return Unit(unit.paragraph, tokens, unit.quotes) if tokens else unit


#: Called with every statement before its speaker is resolved (training records the candidates).
Observer = Callable[[Unit, str, Attribution, Mention | None], None]


def extract_claims(doc_id: str, text: str, *, judge: bool = True, rank_speakers: bool = True,
                   observe: Observer | None = None) -> list[Claim]:
    """All claims of one document, in reading order.

    With `judge`, candidate statements the learned statement model rejects are dropped, and with
    `rank_speakers` the learned speaker model may overrule the rules' speaker (training sees the
    rules alone).
    """
    chooser = speaker_model() if rank_speakers else None
    paragraphs = paragraphs_of(text)
    roles = classify_paragraphs(paragraphs)
    article = [p if roles[i] == "article" else "" for i, p in enumerate(paragraphs)]
    sentences = split_sentences(article)
    reading = _Reading(doc_id, paragraphs, chooser, observe)
    for p, paragraph in enumerate(paragraphs):
        if roles[p] != "article":
            continue
        for unit in _units(paragraph, sentences[p], p + 1):
            _read_unit(reading, p, paragraph, _strip_dateline(paragraph, unit))
    model = statement_model() if judge else None
    claims = [c for c in reading.claims if model.keeps(c)] if model else reading.claims
    claims = _said_once(claims)
    for claim in claims:
        if claim.speaker and claim.speaker.lower() in PERSONAL_PRONOUNS and claim.speaker == claim.mention:
            claim.speaker = claim.speaker_kind = None  # "Sie sagen …" with nobody named before: unnamed, as written
    return claims


def _said_once(claims: list[Claim]) -> list[Claim]:
    """Each statement once: two cues of one verb ("führte … an und führte aus, …") find the same words twice."""
    seen: set[tuple[int, str | None, str]] = set()
    kept = []
    for claim in claims:
        key = (claim.paragraph, claim.speaker, claim.text)
        if claim.kind == "figure" or key not in seen:
            seen.add(key)
            kept.append(claim)
    return kept


@dataclass
class _Reading:
    """What reading a document carries from one unit to the next: who was named and who spoke last,
    so that a pronoun, a continuation or "Das berichtete die Zeitung." finds its speaker."""

    doc_id: str
    paragraphs: list[str]
    chooser: SpeakerModel | None
    observe: Observer | None
    discourse: Discourse = field(default_factory=Discourse)
    claims: list[Claim] = field(default_factory=list)
    counter: int = 0
    last: tuple[int, Attribution] | None = None  # (paragraph, statement) for continuations
    # the unit before, whether it had a statement of its own, and where its claims begin
    prev_unit: tuple[int, Unit, bool, int] | None = None
    prev_subject: tuple[int, Mention] | None = None  # a named person opening the previous, unattributed unit
    prev_source: Mention | None = None  # the subject of the unit before, when it can be a source ("Die Studie …")

    def new_id(self) -> str:
        self.counter += 1
        return f"{self.doc_id}#{self.counter:03d}"


def _read_unit(r: _Reading, p: int, paragraph: str, unit: Unit) -> None:
    """One unit's statements and figures, read with what the units before it left behind."""
    r.discourse.advance()
    register_people(unit, paragraph, r.discourse)
    attributions, subject = analyse_unit(unit, paragraph)
    if subject is not None and subject.kind == "person" and subject.name and not subject.pronoun:
        r.discourse.register(subject)
    if not attributions:
        attributions = _inferred_statements(r, p, unit, paragraph, subject)
    source = anaphoric_source(unit, paragraph) if r.prev_unit is not None and _mostly_unreported(
        r, r.prev_unit) else None
    if source is not None and r.prev_unit is not None:
        attributions = []
        _credit_unit_before(r, r.prev_unit, source)
        r.last = (p, source)  # what follows in Konjunktiv I goes on with this source
    r.prev_unit = (p, unit, source is not None or any(not a.inherited for a in attributions), len(r.claims))
    r.prev_source = subject if subject is not None and not subject.pronoun and plausible_speaker(subject) \
        and _speaking_subject(subject) else None
    last_speaker = r.last[1].speaker if r.last is not None and r.last[0] >= p - 1 else None
    for att in attributions:
        if last_speaker is not None and (frame_in_reported_speech(att, paragraph) or _the_speech(att.speaker)):
            att.speaker, att.inherited = last_speaker, True  # "Die Studie zeige, …": the last speaker goes on
        elif att.speaker is not None and _the_speech(att.speaker):
            att.speaker = replace(att.speaker, pronoun=True, gender=None)  # whoever was named last gave it
        _add_statement(r, unit, paragraph, att, last_speaker)
    if attributions:
        r.last = (p, attributions[-1])
    opener = subject or _named_opener(unit, paragraph)
    r.prev_subject = (p, opener) if opener is not None and opener.name and not opener.pronoun and (
        opener.kind == "person" or (opener.kind == "unknown" and len(opener.name.split()) >= 2)) \
        and not attributions else None
    _add_figures(r, p, unit, paragraph, attributions, subject)
    if attributions:
        r.last = (p, attributions[-1])


def _inferred_statements(r: _Reading, p: int, unit: Unit, paragraph: str,
                         subject: Mention | None) -> list[Attribution]:
    """A unit the rules found no statement in may still be one: reported by its subject, by the source
    just named ("Demnach …"), or continuing the quote or report of the unit before."""
    last = r.last
    own = subject if _speaking_subject(subject) else None
    if own is not None and unit_is_reported(unit, paragraph, strict=True) and (
            last is None or last[1].speaker is None or last[1].speaker.label != own.label):
        # "Die Behörde begegnet der Kritik mit dem Argument, die Züge seien …": the subject reports
        return [Attribution(own, "subject", [(unit.start, unit.end)], "indirect")]
    standalone_quote = quote_share(unit) > 0.6 and paragraph[unit.start] in "„“\"»«"
    if _according_to_that(unit):
        # "Demnach habe der Sohn …": what the source just named says, whatever the mood
        reporter = last[1].speaker if last is not None and last[0] >= p - 1 else r.prev_source
        if reporter is not None:
            start = unit.tokens[1].start if unit.tokens[0].lower in ("demnach", "demzufolge") else unit.start
            return [Attribution(reporter, "demnach", [(start, unit.end)], "indirect", inherited=True)]
    if standalone_quote and r.prev_subject is not None and r.prev_subject[0] == p and (last is None or last[0] < p):
        # "X kritisierte die Regierung. „…“": the quote is the words of the person just named
        return [Attribution(r.prev_subject[1], "continued", [(q.start, q.end) for q in unit.quotes],
                            "quote", inherited=True)]
    if last is not None and last[1].speaker is not None and _continues(r, last[0], p, unit, paragraph,
                                                                       standalone_quote):
        kind = "quote" if standalone_quote else "indirect"
        return [Attribution(last[1].speaker, "continued", [(unit.start, unit.end)], kind,
                            via=last[1].via, inherited=True)]
    return []


def _the_speech(mention: Mention | None) -> bool:
    """ "…, hieß es in der Rede": a speech named before, with no owner of its own, is the last speaker's."""
    if mention is None:
        return False
    words = mention.text.lower().split()
    return len(words) == 2 and words[0] in ("der", "die", "dem", "dieser", "diesem") \
        and words[1].endswith(SPEECH_EVENT_NOUNS)


def _continues(r: _Reading, last_p: int, p: int, unit: Unit, paragraph: str, standalone_quote: bool) -> bool:
    """Whether the unit goes on with the last statement: in its paragraph, or opening the next one with a
    quotation or, after a unit that was a statement, in Konjunktiv I."""
    return (last_p >= p or (last_p == p - 1 and unit.start == 0 and (
        (standalone_quote and quote_share(unit) > 0.9)
        or (_ended_with_statement(r.prev_unit, p - 1) and unit_is_reported(unit, paragraph, strict=True))
    ))) and (standalone_quote or unit_is_reported(unit, paragraph))


def _mostly_unreported(r: _Reading, prev_unit: tuple[int, Unit, bool, int]) -> bool:
    """Whether most of the unit before is nobody's statement yet, so that "Das erklärte X." can be its source
    (a phrase it quotes along the way, "… den sie „Rat für Reform“ nennt", does not count)."""
    _, before, had_statement, first_claim = prev_unit
    if not had_statement:
        return True
    said = sum(len(c.text) for c in r.claims[first_claim:] if c.kind != "figure" and not _only_according_to(c))
    return said < 0.3 * (before.end - before.start)


def _only_according_to(claim: Claim) -> bool:
    """A continuation, or a sentence "nach der Auszählung" / "laut Bericht" with nobody speaking: "Dies teilte
    X mit." that follows names who said it."""
    return claim.cue == "continued" or (claim.cue in ACCORDING_TO and claim.speaker_kind != "person")


def _credit_unit_before(r: _Reading, prev_unit: tuple[int, Unit, bool, int], source: Attribution) -> None:
    """ "Das berichtete die Zeitung.": the sentence before is the report, not a continuation."""
    before_p, before, _, first_claim = prev_unit
    r.claims[first_claim:] = [c for c in r.claims[first_claim:] if c.kind == "figure" or not _only_according_to(c)]
    source.spans = [(before.start, before.end)]
    for speaker in resolve(source.speaker, r.discourse):
        r.claims.append(_claim(r.new_id(), r.doc_id, before, r.paragraphs[before_p], source, speaker))


def _add_statement(r: _Reading, unit: Unit, paragraph: str, att: Attribution, last_speaker: Mention | None) -> None:
    """The claims of one statement, one per speaker it resolves to."""
    if r.observe is not None:
        r.observe(unit, paragraph, att, last_speaker)
    if r.chooser is not None:
        _choose_speaker(r.chooser, unit, paragraph, att, last_speaker)
    speakers: list[Mention | None] = list(resolve(att.speaker, r.discourse)) if att.speaker else [None]
    if att.speaker is not None and att.speaker.pronoun and speakers and _unresolved(speakers[0]) \
            and last_speaker is not None and _somebody(last_speaker) \
            and att.speaker.gender in (None, last_speaker.gender or att.speaker.gender):
        # "Der Minister sagte … Er fügte hinzu": a pronoun with no named antecedent is the last speaker
        speakers = [replace(m, text=att.speaker.text, start=att.speaker.start, end=att.speaker.end)
                    for m in resolve(last_speaker, r.discourse)]
    for who in speakers:
        r.claims.append(_claim(r.new_id(), r.doc_id, unit, paragraph, att, who))


def _add_figures(r: _Reading, p: int, unit: Unit, paragraph: str, attributions: list[Attribution],
                 subject: Mention | None) -> None:
    """The unit's figures, each with the speaker of the statement it stands in, or of the reporting verb that
    takes it as its object; a figure the speaker would not confirm keeps that stance."""
    last = r.last
    sentence_span = (unit.start, unit.end)
    for fig in find_figures(paragraph, sentence_span):
        owner = next((a for a in attributions if any(s <= fig.start < e for s, e in a.spans)), None)
        owner = owner or (attributions[0] if attributions else None)
        if owner is not None and owner.cue in NOT_REPORTING and fig.figure.measure == "casualties":
            owner = None  # "Die Flut forderte 92 Menschenleben": claimed lives, demanded nothing
        if owner is None or owner.cue not in SOURCE_CUES:
            # "X sagte, laut dem Weißen Haus seien 10.000 …": the number is the source's, not X's
            owner = figure_source(unit, paragraph, fig) or owner
        if owner is None and last is not None and last[0] == p and unit_is_reported(unit, paragraph):
            owner = last[1]
        reporter = figure_reporter(unit, subject) if owner is None else None
        owner = owner or reporter
        fig_speaker = resolve(owner.speaker, r.discourse)[0] if owner and owner.speaker else None
        claim = Claim(
            id=r.new_id(), source=r.doc_id, paragraph=p + 1, kind="figure",
            text=paragraph[unit.start:unit.end].strip(), figure=fig.figure, cue=owner.cue if owner else None,
        )
        if reporter is not None:
            claim.stance = object_stance(unit.tokens, unit.quotes)
        elif owner is not None and any(a <= fig.start < b for a, b in owner.spans):
            frame = stance_frame(owner.cue, unit.tokens, unit.quotes, owner.spans)
            claim.stance = frame.stance if frame is not None else None
        _set_speaker(claim, fig_speaker, owner.via if owner else None)
        r.claims.append(claim)


def _choose_speaker(chooser: SpeakerModel, unit: Unit, paragraph: str, att: Attribution,
                    before: Mention | None) -> None:
    chosen = chooser.choose(unit, paragraph, att, before)
    if chosen is att.speaker:
        return
    att.speaker = chosen
    if att.via is not None and chosen is not None and chosen.label == att.via.label:
        att.via = None


def _ended_with_statement(prev_unit: tuple[int, Unit, bool, int] | None, paragraph: int) -> bool:
    """Whether the paragraph before ended in a statement, so that Konjunktiv I opening the next one continues it."""
    return prev_unit is not None and prev_unit[0] == paragraph and prev_unit[2]


def _somebody(mention: Mention) -> bool:
    """Whether "er" or "sie" can stand for the phrase: a person, a role or a group, not "das Schreiben" or a medium."""
    return not mention.pronoun and mention.kind != "media" and (
        mention.kind in ("person", "anonymous") or mention.role is not None)


def _unresolved(mention: Mention | None) -> bool:
    return mention is not None and mention.kind == "unknown" and not mention.name and \
        mention.text.lower() in ("er", "sie")


def _according_to_that(unit: Unit) -> bool:
    """A sentence with "demnach"/"demzufolge" near its start ("Der Abzug soll demnach …"): it reports what the
    source before it said."""
    toks = unit.tokens
    return len(toks) > 4 and any(t.lower in ("demnach", "demzufolge") for t in toks[:8]) and not unit.quotes


def _named_opener(unit: Unit, paragraph: str) -> Mention | None:
    """A person named at the start of the unit before an apposition: "Anna Berg, Sprecherin der …, …"."""
    toks = unit.tokens
    if not toks or not is_capitalised_word(toks[0]):
        return None
    mention = parse_forward(toks, 0, paragraph, allow_apposition=False)
    if mention is None:
        return None
    nxt = next((t for t in toks if t.start >= mention.end), None)
    return mention if nxt is not None and nxt.text == "," else None


def _speaking_subject(mention: Mention | None) -> bool:
    """A subject that can be the source of the reported speech in its own sentence: a named body or person."""
    if mention is None or mention.pronoun or mention.parts:
        return False
    if mention.kind == "person" and mention.name:
        return True
    # the head noun, not a genitive after it: "Der Versuch des amtierenden Präsidenten" is an attempt, no president
    head = head_noun(mention)
    return mention.kind in ("person", "organisation", "media", "group") and (role_head(head) or organisation_head(head))


def _set_speaker(claim: Claim, speaker: Mention | None, via: Mention | None) -> None:
    if speaker is not None and (speaker.name or speaker.role or not speaker.pronoun):
        label = speaker.label
        if speaker.pronoun and not speaker.name:
            label = ""
        claim.speaker = label or None
        claim.speaker_kind = speaker.kind if claim.speaker else None
        claim.role = speaker.role if speaker.name else None
        claim.mention = speaker.text
    if via is not None and via.label != claim.speaker:
        claim.via = via.label


def _claim(claim_id: str, doc_id: str, unit: Unit, paragraph: str, att: Attribution, speaker: Mention | None) -> Claim:
    frame = stance_frame(att.cue, unit.tokens, unit.quotes, att.spans)
    spans = att.spans
    if frame is not None and frame.negated and frame.start < spans[0][0]:
        # "wollte nicht bestätigen, dass …", "lehnte es ab, … zu nennen": the words that carry the stance stay
        spans = [(frame.start, spans[0][1]), *spans[1:]]
    pieces = [paragraph[a:b].strip() for a, b in spans if paragraph[a:b].strip()]
    claim = Claim(
        id=claim_id, source=doc_id, paragraph=unit.paragraph, kind="quote" if att.kind == "quote" else "indirect",
        text=ELLIPSIS.strip().join(pieces) if len(pieces) > 1 else pieces[0], cue=att.cue,
        sentence=paragraph[unit.start:unit.end].strip(),
    )
    if len(pieces) > 1:
        claim.text = ELLIPSIS.join(pieces).strip()
    claim.stance = frame.stance if frame is not None else None
    _set_speaker(claim, speaker, att.via)
    return claim
