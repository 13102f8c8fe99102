"""All statements of one unit: verb cues first, then prepositional sources, then the frames without a verb."""

from __future__ import annotations

from knowledge.extraction.attribution._asyndetic import asyndetic_subject
from knowledge.extraction.attribution._attitudes import attitude_frames
from knowledge.extraction.attribution._clauses import (
    COORDINATORS,
    OWN_CLAUSE_SUBORDINATORS,
    Attribution,
    Unit,
    _clause_left,
    _content,
    _has_complement,
    _relative_clause,
    _substantial,
    inside_quote,
)
from knowledge.extraction.attribution._frames import (
    IMPERSONAL_CUES,
    _colon_quote,
    _impersonal_report,
    _noun_frames,
    _predicative_quotes,
    _quoted_subject,
    _that_clauses,
)
from knowledge.extraction.attribution._passive import _is_passive, _passive_report, _quoted_by
from knowledge.extraction.attribution._report_clauses import report_clauses
from knowledge.extraction.attribution._sources import _prepositional_cues
from knowledge.extraction.attribution._subjects import (
    _clause_subject,
    plausible_speaker,
    sentence_subject,
)
from knowledge.extraction.attribution._verbs import _attribute_verb, _coordinated_clause_start
from knowledge.extraction.cues import VerbCue, find_verb_cues
from knowledge.extraction.lexicon import ADVERBS
from knowledge.extraction.mentions import Mention
from knowledge.extraction.text import Token


def analyse_unit(unit: Unit, text: str) -> tuple[list[Attribution], Mention | None]:
    """All attributed statements of a unit, plus its subject (for pronouns later on)."""
    tokens = unit.tokens
    inside = inside_quote(tokens, unit.quotes)
    subject = sentence_subject(tokens, text, inside)
    verb_cues = find_verb_cues(tokens, inside)
    prep = _prepositional_cues(tokens, inside, text)
    via_for_verbs = next((m for kind, m, _, _ in prep if kind in ("berufung", "laut")), None)
    results, content_marks = _verb_statements(unit, text, inside, subject, verb_cues, via_for_verbs)
    _end_at_next_statement(results, content_marks, unit, text, inside)
    prep = _name_passive_sources(results, prep)
    verb_clauses = [(_clause_left(tokens, c.index, inside), c.index) for c in verb_cues]
    framed = _prepositional_statement(unit, text, inside, subject, prep, results, verb_clauses)
    if framed is not None:
        results.append(framed)
    _add_frames_without_verb(results, unit, text, inside, subject)
    for att in results:
        if att.speaker is not None and att.speaker.text.lower() == "es" and att.cue.lower() in IMPERSONAL_CUES:
            att.speaker = None  # "Es hieß, …": nobody is named
    return [r for r in results if r.spans], subject


def _verb_statements(unit: Unit, text: str, inside: list[bool], subject: Mention | None, verb_cues: list[VerbCue],
                     via_for_verbs: Mention | None) -> tuple[list[Attribution], list[tuple[int, int, int]]]:
    """The statement of each reporting verb, with (verb token, content start, content end) for each, so that
    one statement can end where the next one's clause begins; a later verb without a subject of its own
    shares the speaker of the one before."""
    tokens = unit.tokens
    results: list[Attribution] = []
    previous: Mention | None = None
    content_marks: list[tuple[int, int, int]] = []
    for pos, cue in enumerate(verb_cues):
        next_cue = verb_cues[pos + 1].index if pos + 1 < len(verb_cues) else None
        if cue.lemma == "zitieren":
            att = _quoted_by(cue, tokens, inside, text, unit, subject)
            if att is not None and plausible_speaker(att.speaker) and _substantial(att, text):
                previous = att.speaker
                results.append(att)
                content_marks.append((cue.index, *att.spans[0]))
            continue
        if _is_passive(cue, tokens, inside):
            att = _passive_report(cue, tokens, inside, text, unit)
            if att is not None and _substantial(att, text):
                results.append(att)
                content_marks.append((cue.index, *att.spans[0]))
            continue
        att = _attribute_verb(cue, tokens, inside, text, unit, subject, previous, next_cue)
        if att is None or not plausible_speaker(att.speaker) or not _substantial(att, text):
            continue
        if cue.weak and not _has_complement(att, text, unit):
            continue
        if att.speaker is not None:
            previous = att.speaker
        if via_for_verbs is not None and att.speaker is not None and via_for_verbs.start != att.speaker.start:
            att.via = via_for_verbs
        results.append(att)
        content_marks.append((cue.index, *att.spans[0]) if att.spans else (cue.index, 0, 0))
    return results, content_marks


def _end_at_next_statement(results: list[Attribution], content_marks: list[tuple[int, int, int]], unit: Unit,
                           text: str, inside: list[bool]) -> None:
    """A statement ends where the next one's clause begins ("X sagte, … und Y erklärte, …")."""
    tokens = unit.tokens
    for k in range(len(results) - 1):
        a, b = results[k].spans[-1] if results[k].spans else (0, 0)
        nxt_verb = tokens[content_marks[k + 1][0]]
        if a < nxt_verb.start < b and results[k + 1].spans and results[k + 1].spans[0][0] >= nxt_verb.start \
                and not _relative_clause(tokens, _clause_left(tokens, content_marks[k + 1][0], inside)):
            j = content_marks[k + 1][0]
            while j > 0 and tokens[j - 1].lower in ADVERBS:
                j -= 1
            cut = j
            if j > 0 and tokens[j - 1].lower in COORDINATORS:
                cut_at = tokens[j - 1].start
            else:
                cut = _clause_left(tokens, content_marks[k + 1][0], inside)
                own_clause = _coordinated_clause_start(tokens, cut, content_marks[k + 1][0], inside)
                cut = own_clause - 1 if own_clause > cut else cut  # "X sah den Streit und die Y befürchten, …"
                cut_at = tokens[cut].start if cut < len(tokens) else nxt_verb.start
            own = results[k + 1].speaker
            verb = content_marks[k + 1][0]
            if own is not None and own.start == a and tokens[verb - 1].text == "," \
                    and asyndetic_subject(tokens, verb, text, inside) is not None:
                # "X wies das zurück, die Sprecherin Y erklärte: …": Y's clause is no content of X's verb
                results[k].spans = results[k].spans[:-1]
            elif cut_at > a and own is not None and a <= own.start < cut_at and _opens_with_subordinator(tokens, a):
                results[k].spans = results[k].spans[:-1]  # "…, während Y den Plan lobt und fordert, …": Y's
            elif cut_at > a:
                spans, _ = _content(text, a, cut_at, unit.quotes)
                results[k].spans = results[k].spans[:-1] + spans if spans else results[k].spans
            elif cut_at == a and _opens_with_subordinator(tokens, a):
                # "X lehnt das ab, während Y fordert, dass …": the clause is Y's statement, none of X's
                results[k].spans = results[k].spans[:-1]


def _add_attitudes(results: list[Attribution], attitudes: list[Attribution]) -> None:
    """An attitude frame names what a bare "dass" or "zeigte sich" frame found only vaguely ("X ist der Meinung,
    dass …" is X's opinion); elsewhere it is a statement of its own."""
    for att in attitudes:
        start = att.spans[0][0]
        same = next((r for r in results if r.spans and abs(r.spans[0][0] - start) <= 6), None)
        covering = [r for r in results if any(a <= start < b for a, b in r.spans)]
        if same is not None and same.cue in ("dass", "zeigen", "geben"):
            same.cue, same.speaker = att.cue, att.speaker
        elif not covering or all(r.cue.lower() in ("laut", "zufolge", "nach") for r in covering):
            # "X kam der Meldung zufolge zu dem Schluss, dass …": X's conclusion, as the report has it
            att.via = next((r.speaker for r in covering), None)
            results.append(att)


def _opens_with_subordinator(tokens: list[Token], at: int) -> bool:
    """Whether the token starting at character `at` opens a clause of its own ("während", "weil", "nachdem"),
    not reported content ("dass", "ob", "wie")."""
    first = next((t for t in tokens if t.start >= at), None)
    return first is not None and first.lower in OWN_CLAUSE_SUBORDINATORS


def _name_passive_sources(results: list[Attribution],
                          prep: list[tuple[str, Mention, str, int]]) -> list[tuple[str, Mention, str, int]]:
    """ "Ägypten wird aufgefordert, …, so X": a passive report's source is named by "so", "laut", …; the
    sources used up that way are no statements of their own, so the rest is returned."""
    for att in results:
        if att.speaker is None and att.cue != "dass":
            source = next((m for kind, m, _, _ in prep if kind in ("so", "laut", "zufolge", "nach", "berufung")
                           and m.kind != "reflexive"), None)
            if source is not None:
                att.speaker = source
                prep = [p for p in prep if p[1] is not source]
    return prep


def _prepositional_statement(unit: Unit, text: str, inside: list[bool], subject: Mention | None,
                             prep: list[tuple[str, Mention, str, int]], results: list[Attribution],
                             verb_clauses: list[tuple[int, int]]) -> Attribution | None:
    """The first source named by a preposition or "so" that is no verb's channel ("laut X, …", "…, so X"):
    its clause, or the whole unit, is what the source says."""
    tokens = unit.tokens
    for kind, mention, cue_text, at in prep:
        if kind == "berufung" and (results or any(k == "laut" for k, _, _, _ in prep)):
            continue
        left = _clause_left(tokens, at, inside)
        if results and any(lo == left or lo <= at <= vi for lo, vi in verb_clauses):
            continue  # already the "via" of a verb in the same clause
        if any(a <= tokens[at].start < b for r in results for a, b in r.spans):
            continue
        if not (plausible_speaker(mention) or kind in ("laut", "zufolge", "nach", "berufung", "heißt")):
            continue
        if mention.kind == "reflexive":
            own = subject if subject is not None and subject.end <= tokens[at].start else \
                _clause_subject(tokens, left, len(tokens), inside, text)
            if own is None or not plausible_speaker(own):
                continue
            mention = own
        start = unit.start if not results else tokens[left].start
        if kind == "heißt" and mention.end <= tokens[at].start:
            colon = next((j for j in range(at + 1, min(len(tokens), at + 5)) if tokens[j].text in (",", ":")), None)
            if colon is not None and colon + 1 < len(tokens):
                start = tokens[colon + 1].start
        stop = tokens[at - 1].start if kind == "so" and tokens[at - 1].start > start else unit.end
        spans, qkind = _content(text, start, stop, unit.quotes)
        if stop < unit.end:
            # "„…“, so X, „…“": the quote goes on after the attribution
            rest = next((k for k in range(at, len(tokens)) if tokens[k].start >= mention.end), len(tokens))
            while rest < len(tokens) and tokens[rest].text not in (",", ":") and not inside[rest]:
                rest += 1
            if rest + 3 < len(tokens):
                more, kind_more = _content(text, tokens[rest + 1].start, unit.end, unit.quotes)
                spans += more
                qkind = "quote" if "quote" in (qkind, kind_more) else qkind
        return Attribution(mention, cue_text, spans, qkind)
    return None


def _add_frames_without_verb(results: list[Attribution], unit: Unit, text: str, inside: list[bool],
                             subject: Mention | None) -> None:
    """The frames that need no reporting verb before the content; the weaker ones only where nothing
    else was found."""
    tokens = unit.tokens
    if not results:
        handed_over = _colon_quote(tokens, inside, text, unit, subject)
        if handed_over:
            results.append(handed_over)
    for att in _that_clauses(tokens, inside, text, unit, results):
        results.append(att)
    results.extend(_predicative_quotes(tokens, inside, text, unit, subject, results))
    results.extend(_noun_frames(tokens, inside, text, unit, results))
    results.extend(report_clauses(tokens, inside, text, unit, results, subject))
    _add_attitudes(results, attitude_frames(tokens, inside, text, unit))
    if not results and any(len(text[q.start:q.end].split()) >= 2 for q in unit.quotes):
        quoted = _quoted_subject(tokens, inside, text, unit, subject)
        if quoted:
            results.append(quoted)
    if not results:
        results.extend(_impersonal_report(tokens, inside, text, unit))
