"""Who said what in one sentence unit: find the cue, the speaker and the reported content.

A unit is a sentence, or several when a quotation runs across sentence ends. German word
order decides where the speaker stands: after the verb when the quote or an adverbial comes
first ("„…“, sagte X", "Am Montag sagte X"), in front of it otherwise ("X sagte, …"), right
after a subordinator in "wie X mitteilte", or before the comma of a relative clause
("Berger, der … begrüßte").
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from knowledge.extraction.cues import (
    ATTRIBUTION_NOUNS,
    AUXILIARIES,
    VerbCue,
    find_verb_cues,
    is_konjunktiv_i,
    lemma,
)
from knowledge.extraction.lexicon import (
    ADVERBS,
    DETERMINERS,
    LEARNED_CUES,
    PREDICATIVE_VERBS,
    PREPOSITIONS,
    REPORTING_VERBS,
    SUBJUNCTIVE_FORMS,
    SUBORDINATORS,
    media_head,
    organisation_head,
    role_head,
)
from knowledge.extraction.mentions import (
    LOWER_LED_COMPOUND,
    Mention,
    _np_extent,
    classify,
    first_name_gender,
    is_capitalised_word,
    is_time_phrase,
    looks_adjective,
    merge_appositions,
    parse_backward,
    parse_forward,
    parse_prefield,
    strip_determiner,
)
from knowledge.extraction.quotes import QuoteSpan
from knowledge.extraction.stance import is_hedge
from knowledge.extraction.text import Token

BOUNDARIES = frozenset({",", ":", ";", "–", "—", "(", ")", "|"})
QUOTE_CHARS = frozenset("„“”\"»«‚‘’›‹")
COORDINATORS = frozenset({"und", "sondern", "aber", "oder", "doch", "sowie"})
RELATIVES = frozenset({"der", "die", "das", "welcher", "welche", "welches"})
PREP_RELATIVES = frozenset({"dem", "der", "denen", "deren", "dessen", "welchem", "welcher"})
REPORTATIVE_MODALS = frozenset({"soll", "sollen", "sollte", "sollten"})


@dataclass(slots=True)
class Attribution:
    """One statement inside a unit: who, by which cue, and which characters of the paragraph."""

    speaker: Mention | None
    cue: str
    spans: list[tuple[int, int]]  # content, paragraph offsets
    kind: str  # "quote" | "indirect"
    via: Mention | None = None
    inherited: bool = False  # speaker carried over from the previous statement


@dataclass(slots=True)
class Unit:
    paragraph: int
    tokens: list[Token]
    quotes: list[QuoteSpan]  # outermost quotations inside the unit

    @property
    def start(self) -> int:
        return self.tokens[0].start

    @property
    def end(self) -> int:
        return self.tokens[-1].end


def _inside_quote(tokens: list[Token], quotes: list[QuoteSpan]) -> list[bool]:
    flags = []
    for tok in tokens:
        flags.append(any(q.start <= tok.start and tok.end <= q.end for q in quotes))
    return flags


def _clause_left(tokens: list[Token], i: int, inside: list[bool]) -> int:
    """First token of the clause holding token i; quotations inside the clause belong to it."""
    k = i
    while k > 0:
        prev = tokens[k - 1]
        if prev.text == ")" and not inside[k - 1]:
            # a parenthesis belongs to the phrase in front of it: "Ministerin X (SPD) sagte"
            j = k - 2
            while j >= 0 and tokens[j].text not in ("(", ")"):
                j -= 1
            if j > 0 and tokens[j].text == "(" and tokens[j - 1].text not in BOUNDARIES:
                k = j
                continue
        if prev.text in BOUNDARIES and not inside[k - 1]:
            if prev.text == "," and k + 1 < len(tokens) and tokens[k].lower == "den" \
                    and tokens[k + 1].text[:1].isdigit():
                k -= 1  # "am Donnerstag, den 7.10. …": a date in apposition, not a new clause
                continue
            break
        k -= 1
    return k


INITIALS = re.compile(r"(?:[A-ZÄÖÜ]\.)+(?:-?[A-ZÄÖÜ]\.)*")
PASSIVE = frozenset(["wurde", "wurden", "worden", "wird", "werden", "würde", "würden"])
IMPLAUSIBLE_HEAD = ("ung", "heit", "keit", "tion", "ismus", "tät", "nis", "ment", "schritt", "video", "bild", "bilder")


def plausible_speaker(mention: Mention | None) -> bool:
    """A speaker is somebody or some body: not "die Entwicklung", "das Video", "fallen gelassen"."""
    if mention is None:
        return False
    if mention.pronoun or mention.parts:
        return True
    label = mention.label
    if not label or not label[:1].isalnum() or label.lower() in DETERMINERS:
        return False
    words = label.split()
    if mention.name and len(words) >= 2 and (INITIALS.fullmatch(words[0]) or first_name_gender(words[0])):
        return True  # "C.Y. Leung", "Anna Jung"
    # the head stands before a genitive or prepositional attribute: "die Veranstalter der Demonstration"
    cut = next((k for k in range(1, len(words)) if words[k].lower() in ("des", "der", "von", "vom", "aus")), None)
    head = words[cut - 1] if cut else words[-1]
    if mention.kind in ("person", "organisation", "media", "anonymous") and mention.name:
        return True
    if head[:1].islower() and "." not in head and not LOWER_LED_COMPOUND.fullmatch(head):
        return False
    low = head.lower()
    if low.endswith(IMPLAUSIBLE_HEAD) and not organisation_head(head) and not role_head(head):
        return False
    # not "das Eintreffen"
    return not (mention.kind == "unknown" and not mention.name and low.endswith("en") and not role_head(head))


def _function_word_label(mention: Mention | None) -> bool:
    """ "Daran", "Zwar", "Von", "Hieß": a capitalised function word at the start of a sentence, not a speaker."""
    if mention is None or mention.pronoun:
        return False
    words = mention.label.split()
    if len(words) != 1:
        return False
    low = words[0].lower()
    return low in ADVERBS or low in PREPOSITIONS or low in SUBORDINATORS or low in _FUNCTION_WORDS or (
        mention.kind == "unknown" and lemma(low) != low and lemma(low).endswith(("en", "ern", "eln")))


_FUNCTION_WORDS = frozenset(
    "daran darum dafür dagegen damit danach daraus darin davor dazwischen zwar hieß heißt kämen wäre wären "
    "januar februar märz april mai juni juli august september oktober november dezember".split()
)


def _skip_adverbials(tokens: list[Token], k: int, stop: int) -> int:
    while k < stop:
        low = tokens[k].lower
        if low in ADVERBS or low in ("sich", "es", "dabei", "darauf", "dazu", "davon", "darüber"):
            k += 1
            continue
        span = is_time_phrase(tokens, k)
        if span:
            k += span
            continue
        break
    return k


def _after_verb_subject(tokens: list[Token], verb: int, text: str, inside: list[bool]) -> tuple[Mention | None, int]:
    k = _skip_adverbials(tokens, verb + 1, len(tokens))
    if k < len(tokens) and tokens[k].lower == "sich":
        k = _skip_adverbials(tokens, k + 1, len(tokens))  # "So hat sich die Vorsitzende … ausgesprochen"
    q = k + 1
    while q < len(tokens) and looks_adjective(tokens[q]):
        q += 1
    if q < len(tokens) and tokens[k].lower in DETERMINERS and tokens[q].text in QUOTE_CHARS:
        # "erklärte der neue „Oberste Rat“": a name in quotation marks
        named = _quoted_source(tokens, q, inside, text)
        if named is not None:
            named = Mention(text=text[tokens[k].start:named.end], start=tokens[k].start, end=named.end,
                            name=named.name, kind="organisation")
            end = next((j for j in range(k, len(tokens)) if tokens[j].start >= named.end), len(tokens))
            return named, end
    if k < len(tokens) and not inside[k] and tokens[k].text not in BOUNDARIES and tokens[k].lower not in PREPOSITIONS:
        mention = parse_forward(tokens, k, text)
        if mention:
            end = k
            while end < len(tokens) and tokens[end].end <= mention.end:
                end += 1
            return mention, end
    return None, verb + 1


def sentence_subject(tokens: list[Token], text: str, inside: list[bool]) -> Mention | None:
    """The noun phrase opening the unit, when a verb follows it directly."""
    start = 0
    while start < len(tokens) and (inside[start] or tokens[start].text in BOUNDARIES | QUOTE_CHARS):
        start += 1
    if start >= len(tokens) or tokens[start].lower in PREPOSITIONS | SUBORDINATORS | ADVERBS:
        return None
    mention = parse_forward(tokens, start, text)
    if mention is None:
        return None
    nxt = next((k for k, t in enumerate(tokens) if t.start >= mention.end), None)
    if nxt is None:
        return None
    if tokens[nxt].text == ",":
        nxt += 1
        while nxt < len(tokens) and tokens[nxt].text != ",":
            nxt += 1
        nxt += 1
    if nxt < len(tokens) and tokens[nxt].text[:1].islower() and tokens[nxt].lower not in PREPOSITIONS:
        return mention
    return None


def _trim(text: str, a: int, b: int) -> tuple[int, int]:
    while a < b and (text[a].isspace() or text[a] in ",;:–—"):
        a += 1
    while b > a and (text[b - 1].isspace() or text[b - 1] in ",;:–—("):
        b -= 1
    if text[a:a + 5].lower() == "dass ":
        a += 5
    elif text[a:a + 7].lower() == "wonach ":
        a += 7  # "Berichte zurück, wonach …": the complementizer is no part of what was reported
    return a, b


def _relative_clause(tokens: list[Token], left: int) -> bool:
    """ "…, die seit Wochen andauerten, …", "…, über die berichtet wurde, …": a clause on the noun before the comma.

    A relative pronoun is followed by no noun of its own; "…, die Regierung habe …" is reported content.
    """
    n = len(tokens)
    if left < 2 or left + 1 >= n or tokens[left - 1].text != ",":
        return False
    before = tokens[left - 2]
    if not (is_capitalised_word(before) or before.text in QUOTE_CHARS or before.text == ")"):
        return False
    k = left + 1 if tokens[left].lower in PREPOSITIONS else left
    if k == left + 1 and tokens[k].lower not in PREP_RELATIVES | RELATIVES | {"den", "welche", "welchen"}:
        return False
    if k == left and tokens[k].lower not in RELATIVES | {"dem", "den", "denen", "deren", "dessen"}:
        return False
    nxt = tokens[k + 1] if k + 1 < n else None
    return nxt is not None and nxt.text[:1].islower() and nxt.text not in BOUNDARIES


def _hedged_start(tokens: list[Token], lo: int, hi: int, inside: list[bool], skip: Mention | None = None) -> bool:
    """Whether a hedge or negation stands between the verb and the content ("hält es für möglich, dass …"),
    so the content must start at the verb to keep its meaning. A hedge of another clause does not count."""
    if any(not inside[k] and tokens[k].text in BOUNDARIES | {"-", ".", "!", "?"} for k in range(lo, hi)):
        return False
    return any(not inside[k] and is_hedge(tokens[k].text) and not (skip and skip.start <= tokens[k].start < skip.end)
               for k in range(lo, hi))


def _content(text: str, a: int, b: int, quotes: list[QuoteSpan]) -> tuple[list[tuple[int, int]], str]:
    """The reported span; the quotation alone when quotes make up most of it."""
    a, b = _trim(text, a, b)
    if b <= a:
        return [], "indirect"
    inner = [q for q in quotes if q.start >= a and q.end <= b]
    quoted = sum(q.end - q.start for q in inner)
    if len(inner) == 1 and quoted >= 0.6 * (b - a) and all(q.end - q.start > 12 for q in inner):
        # one quotation with a stray word around it; pieces joined by words stay whole ("Die „…“ hätten „…“")
        rest = text[a:b]
        for q in reversed(inner):
            rest = rest[:q.start - a] + rest[q.end - a:]
        if len(rest.split()) <= 2:
            return [(q.start, q.end) for q in inner], "quote"
    return [(a, b)], ("quote" if inner else "indirect")


def analyse_unit(unit: Unit, text: str) -> tuple[list[Attribution], Mention | None]:
    """All attributed statements of a unit, plus its subject (for pronouns later on)."""
    tokens = unit.tokens
    inside = _inside_quote(tokens, unit.quotes)
    results: list[Attribution] = []
    subject = sentence_subject(tokens, text, inside)
    verb_cues = find_verb_cues(tokens, inside)
    prep = _prepositional_cues(tokens, inside, text)
    via_for_verbs = next((m for kind, m, _, _ in prep if kind in ("berufung", "laut")), None)
    previous: Mention | None = None
    content_marks: list[tuple[int, int, int]] = []  # (verb token, content start, content end)
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
    # a statement ends where the next one's clause begins
    for k in range(len(results) - 1):
        a, b = results[k].spans[-1] if results[k].spans else (0, 0)
        nxt_verb = tokens[content_marks[k + 1][0]]
        if a < nxt_verb.start < b and results[k + 1].spans and results[k + 1].spans[0][0] > nxt_verb.start \
                and not _relative_clause(tokens, _clause_left(tokens, content_marks[k + 1][0], inside)):
            j = content_marks[k + 1][0]
            while j > 0 and tokens[j - 1].lower in ADVERBS:
                j -= 1
            if j > 0 and tokens[j - 1].lower in COORDINATORS:
                cut_at = tokens[j - 1].start
            else:
                cut = _clause_left(tokens, content_marks[k + 1][0], inside)
                cut_at = tokens[cut].start if cut < len(tokens) else nxt_verb.start
            if cut_at > a:
                spans, kind = _content(text, a, cut_at, unit.quotes)
                results[k].spans = results[k].spans[:-1] + spans if spans else results[k].spans
    verb_clauses = [(_clause_left(tokens, c.index, inside), c.index) for c in verb_cues]
    for att in results:
        if att.speaker is None and att.cue != "dass":
            # "Ägypten wird aufgefordert, …, so X": the passive report's source is named by "so", "laut", …
            source = next((m for kind, m, _, _ in prep if kind in ("so", "laut", "zufolge", "nach", "berufung")
                           and m.kind != "reflexive"), None)
            if source is not None:
                att.speaker = source
                prep = [p for p in prep if p[1] is not source]
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
        results.append(Attribution(mention, cue_text, spans, qkind))
        break
    if not results:
        handed_over = _colon_quote(tokens, inside, text, unit, subject)
        if handed_over:
            results.append(handed_over)
    for att in _that_clauses(tokens, inside, text, unit, results):
        results.append(att)
    results.extend(_predicative_quotes(tokens, inside, text, unit, subject, results))
    results.extend(_noun_frames(tokens, inside, text, unit, results))
    if not results and any(len(text[q.start:q.end].split()) >= 2 for q in unit.quotes):
        quoted = _quoted_subject(tokens, inside, text, unit, subject)
        if quoted:
            results.append(quoted)
    if not results:
        results.extend(_impersonal_report(tokens, inside, text, unit))
    for att in results:
        if att.speaker is not None and att.speaker.text.lower() == "es" and att.cue.lower() in IMPERSONAL_CUES:
            att.speaker = None  # "Es hieß, …": nobody is named
    return [r for r in results if r.spans], subject


#: "Es heißt, …", "…, hieß es": the verb forms that report without a source.
IMPERSONAL_CUES = ("heißen", "heißt", "hieß")


def _impersonal_report(tokens: list[Token], inside: list[bool], text: str, unit: Unit) -> list[Attribution]:
    """ "…, hieß es, …", "Es heißt, …": reported words whose source the sentence does not name."""
    for i in range(len(tokens) - 1):
        if inside[i] or tokens[i].lower not in ("hieß", "heißt") or tokens[i + 1].lower != "es":
            continue
        if i > 0 and tokens[i - 1].text == ",":
            after = i + 2 if i + 2 < len(tokens) and tokens[i + 2].text in (",", ".") else None
            if after is None:
                return []
            spans, kind = _content(text, unit.start, tokens[i - 1].start, unit.quotes)
            if after + 2 < len(tokens) and tokens[after].text == ",":
                more, _ = _content(text, tokens[after + 1].start, unit.end, unit.quotes)
                spans += more
            return [Attribution(None, tokens[i].text, spans, kind)] if spans else []
        if i == 0 and len(tokens) > 4 and tokens[2].text == ",":
            spans, kind = _content(text, tokens[3].start, unit.end, unit.quotes)
            return [Attribution(None, tokens[0].text, spans, kind)] if spans else []
    return []


def _said_verb(tokens: list[Token]) -> tuple[int, str] | None:
    """Where a reporting verb stands in the unit and its lemma, with a separable particle joined."""
    particle = tokens[-2].lower if len(tokens) >= 2 and tokens[-1].text in ".!?" else tokens[-1].lower
    for k, tok in enumerate(tokens):
        if not tok.text[:1].islower():
            continue
        lem = lemma(tok.text)
        for candidate in (particle + lem, lem):
            if candidate in REPORTING_VERBS or candidate in PREDICATIVE_VERBS:
                return k, candidate
    return None


def _predicative_quotes(tokens: list[Token], inside: list[bool], text: str, unit: Unit, subject: Mention | None,
                        results: list[Attribution]) -> list[Attribution]:
    """"X bezeichnete die Pläne als „Unsinn“", "wies die Vorwürfe als „haltlos“ zurück": the quoted words are X's."""
    after_als = [q for q in unit.quotes if any(t.lower == "als" and t.end <= q.start and not inside[k]
                                               and not text[t.end:q.start].strip() for k, t in enumerate(tokens))]
    if not after_als or _is_passive_unit(tokens):
        return []
    outside = [t for t, quoted in zip(tokens, inside, strict=True) if not quoted]
    said = _said_verb(outside) if outside else None
    if said is None:
        return []
    if subject is None:
        # "In einem Gespräch wies der Geschäftsführer …": the subject follows the verb
        verb = tokens.index(outside[said[0]])
        subject = _after_verb_subject(tokens, verb, text, inside)[0]
    if subject is None or not plausible_speaker(subject):
        return []
    found = []
    for q in after_als:
        if any(a < q.end and q.start < b for r in results for a, b in r.spans) or subject.end > q.start:
            continue
        found.append(Attribution(subject, said[1], [(q.start, q.end)], "quote"))
    return found


#: Nouns the corpus's annotators most often mark as the cue of a statement ("die Forderung der X, …").
NOUN_CUES = frozenset(noun.lower() for noun, n in LEARNED_CUES["nouns"].items() if n >= 2)
GENITIVE_OPENERS = frozenset({"des", "der", "seines", "seiner", "ihres", "ihrer", "eines", "einer"})


def _noun_frames(tokens: list[Token], inside: list[bool], text: str, unit: Unit,
                 results: list[Attribution]) -> list[Attribution]:
    """"Trotz der Ankündigung ihres Trainers, X, die Zusammenarbeit zu beenden": a saying noun, whose, and what."""
    found: list[Attribution] = []
    n = len(tokens)
    for k in range(1, n - 3):
        tok = tokens[k]
        if inside[k] or tok.lower not in NOUN_CUES or tokens[k - 1].lower not in DETERMINERS \
                or tokens[k + 1].lower not in GENITIVE_OPENERS:
            continue
        owner = parse_forward(tokens, k + 1, text)
        if owner is None or owner.pronoun or not plausible_speaker(owner) or not _speakerlike(owner):
            continue
        j = next((m for m in range(k + 1, n) if tokens[m].start >= owner.end), n)
        while j < n and tokens[j].text == ",":
            j += 1
        if j >= n or j == k + 1 or tokens[j - 1].text != ",":
            continue
        stop = next((m for m in range(j, n) if tokens[m].text in (",", ".", ";", ":") and not inside[m]), n)
        clause = [t.text for t in tokens[j:stop]]
        if not (tokens[j].lower == "dass" or _zu_infinitive(clause)) or len(clause) < 3:
            continue
        if tokens[j].lower == "dass":
            stop = next((m for m in range(j, n) if tokens[m].text in (".", ";") and not inside[m]), n)
        a, b = tokens[j].start, tokens[stop - 1].end
        if any(x < b and a < y for r in results for x, y in r.spans):
            continue
        spans, kind = _content(text, a, b, unit.quotes)
        found.append(Attribution(owner, tok.lower, spans, kind))
    return found


def _is_passive_unit(tokens: list[Token]) -> bool:
    return any(t.lower in ("worden", "wurde", "wurden", "wird", "werden") for t in tokens)


#: words before ", dass" that make the clause a result or purpose, not somebody's statement
NOT_REPORTING_DASS = frozenset({"so", "dafür", "dadurch", "darum", "ohne", "als", "anstatt", "statt", "soweit",
                                "sodass", "derart", "dermaßen", "verhindern", "voraussetzung", "bedingung", "vorteil",
                                "möglichkeit", "sorgen", "sorgte", "sorgt", "dazu", "führen", "führte", "geführt",
                                "zuzuschreiben", "verdanken", "liegen", "liegt", "lag", "gelingen", "gelang",
                                "bemerkte", "bemerkt", "bemerkten", "erfuhr", "erfuhren", "erfahren", "erreichen",
                                "erreicht", "vermieden", "verhindert", "ermöglicht", "zurück", "hinzu", "kommt",
                                "tatsache", "umstand", "mal", "prinzip", "gesichtspunkt", "zugerechnet", "stolz",
                                "froh", "dankbar", "wütend", "enttäuscht", "überrascht", "verlassen", "aufgedeckt"})


RESULT_MARKERS = frozenset({"so", "derart", "dermaßen", "solch", "solche", "solchen", "dafür", "dadurch", "darum",
                            "zu", "genug", "ohne"})


def _clause_subject(tokens: list[Token], left: int, stop: int, inside: list[bool], text: str) -> Mention | None:
    """The subject of a main clause without a reporting verb: its prefield, else the phrase after the verb."""
    while left < stop and (inside[left] or tokens[left].text in BOUNDARIES | QUOTE_CHARS):
        left += 1
    if left >= stop:
        return None
    first = tokens[left]
    low = first.lower
    if low.endswith("weise") or low in ("jetzt", "nun", "zunächst", "dennoch"):
        return _clause_subject(tokens, left + 1, stop, inside, text) if left + 1 < stop and \
            tokens[left + 1].text[:1].islower() else None
    nxt = tokens[left + 1] if left + 1 < stop else None
    determiner = nxt is not None and (is_capitalised_word(nxt) or looks_adjective(nxt))
    if low in ("es", "man", "was", "wer") or (low in ("das", "dies", "dieses") and not determiner):
        return None
    if low in ("er", "sie", "wir", "ich"):
        return parse_forward(tokens, left, text)
    if low in COORDINATORS or low in FOCUS_PARTICLES:
        return _clause_subject(tokens, left + 1, stop, inside, text)
    if low in SUBORDINATORS:
        # "Nachdem …, befürchtete X, dass …": the main clause starts after the subordinate one
        comma = next((k for k in range(left + 1, stop) if tokens[k].text == "," and not inside[k]), None)
        if comma is None:
            return None
        mention, _ = _after_verb_subject(tokens, comma + 1, text, inside)
        return mention if mention is not None and plausible_speaker(mention) and mention.start < tokens[stop - 1].end \
            else None
    if not (low in PREPOSITIONS or low in ADVERBS or is_time_phrase(tokens, left)):
        head = _prefield_head(tokens[left:stop], text)
        return head if plausible_speaker(head) else None
    # adverbial first: the finite verb follows it, then the subject
    k = left + 1
    while k < stop and (tokens[k].text[:1].isupper() or tokens[k].lower in DETERMINERS or looks_adjective(tokens[k])
                        or tokens[k].text[:1].isdigit() or inside[k] or tokens[k].text in QUOTE_CHARS):
        k += 1
    if k >= stop:
        return None
    mention, _ = _after_verb_subject(tokens, k, text, inside)
    if mention is not None and mention.start < tokens[stop - 1].end and plausible_speaker(mention):
        return mention
    return None


def _that_clauses(tokens: list[Token], inside: list[bool], text: str, unit: Unit,
                  results: list[Attribution]) -> list[Attribution]:
    """ "X befürchtet, dass …", "Es wird erwartet, dass …": a that-clause reports what somebody said or thinks."""
    found: list[Attribution] = []
    n = len(tokens)
    for m in range(1, n - 2):
        if inside[m] or tokens[m].text != ",":
            continue
        if tokens[m + 1].lower not in ("dass", "daß"):
            # ", der Iran werde …": a clause in Konjunktiv I that is not a relative or adverbial clause
            nxt = tokens[m + 1]
            if nxt.lower in RELATIVES | SUBORDINATORS | COORDINATORS or nxt.lower in ("wo", "wobei", "um", "zu") \
                    or inside[m + 1] or inside[m - 1]:
                continue
            words = _clause_words(tokens, m + 1, inside)[:6]
            if not any(is_konjunktiv_i(w) for w in words[1:]):
                continue
        if tokens[m - 1].lower in NOT_REPORTING_DASS or inside[m - 1]:
            continue
        if any(t.lower in RESULT_MARKERS for t in tokens[max(0, m - 4):m]):
            continue  # "so heftig, dass …", "setzt sich dafür ein, dass …": result or purpose
        if tokens[-1].text == "?":
            continue
        a = tokens[m + 1].start
        if any(x <= tokens[m + 2].start < y or x <= a < y or a <= x < tokens[-1].end
               for r in results + found for x, y in r.spans):
            continue
        end = m + 2
        while end < n and not (tokens[end].text in (".", "!", "?", ";") and not inside[end]):
            end += 1
        if end - (m + 2) < 3:
            continue
        left = max((k + 1 for k in range(m) if tokens[k].text in (";", ":") and not inside[k]), default=0)
        speaker = _clause_subject(tokens, left, m, inside, text) or _source_pp(tokens, left, m, text)
        if speaker is None or not plausible_speaker(speaker) or _function_word_label(speaker):
            continue  # a that-clause nobody is named for is no statement of anybody's
        stop = tokens[end].end if end < n else unit.end
        after_speaker = next((k for k in range(left, m) if tokens[k].start >= speaker.end), m)
        if speaker.end <= tokens[m].start and _hedged_start(tokens, after_speaker, m, inside):
            a = tokens[after_speaker].start  # "X hält es für hochwahrscheinlich, dass …"
        spans, kind = _content(text, a, stop, unit.quotes)
        if spans:
            found.append(Attribution(speaker, "dass", spans, "indirect" if kind == "indirect" else kind))
    return found


def _quoted_by(cue: VerbCue, tokens: list[Token], inside: list[bool], text: str, unit: Unit,
               subject: Mention | None) -> Attribution | None:
    """ "Die Zeitung zitiert X mit den Worten: …" and "X wird von der Zeitung mit den Worten zitiert: …":
    the person quoted is the speaker, whoever quotes them is the channel."""
    i = cue.index
    n = len(tokens)
    quote = next((q for q in unit.quotes if q.end - q.start > 12), None)
    passive = _is_passive(cue, tokens, inside)
    speaker = via = None
    if passive:
        speaker = subject
        if speaker is None:
            aux = next((k for k in range(i) if tokens[k].lower in PASSIVE and not inside[k]), None)
            if aux is not None:
                speaker, _ = _after_verb_subject(tokens, aux, text, inside)
        by = next((k for k in range(i) if tokens[k].lower in ("von", "vom") and not inside[k]), None)
        if by is not None:
            via = _source_phrase(tokens, by + 1, inside, text)
    else:
        k = _skip_adverbials(tokens, i + 1, n)
        channel = None
        if k + 1 < n and tokens[k].lower in DETERMINERS and tokens[k + 1].text in QUOTE_CHARS:
            # "„…“, zitiert die „Zeitung“ X": the channel stands between verb and the person quoted
            channel = _quoted_source(tokens, k + 1, inside, text)
            if channel is not None:
                k = next((j for j in range(k, n) if tokens[j].start >= channel.end), n)
        obj = parse_forward(tokens, k, text, allow_apposition=False) if k < n and not inside[k] else None
        if obj is None or obj.kind not in ("person", "unknown", "anonymous", "group", "organisation") or not (
                obj.name or obj.role):
            return None
        speaker, via = obj, channel or subject
    if speaker is None:
        return None
    if quote is not None:
        spans, kind = [(quote.start, quote.end)], "quote"
    else:
        m = next((k for k in range(i + 1, n) if tokens[k].text in (",", ":") and not inside[k]
                  and _opens_complement(tokens, k, inside)), None)
        if m is None:
            return None
        spans, kind = _content(text, tokens[m + 1].start, unit.end, unit.quotes)
    return Attribution(speaker, cue.lemma, spans, kind, via=via)


def _passive_report(cue: VerbCue, tokens: list[Token], inside: list[bool], text: str,
                    unit: Unit) -> Attribution | None:
    """ "Ihm wird vorgeworfen, …", "Von den Behörden wird angenommen, dass …", "…, wird vermutet": reported
    content without a named speaker, or with the agent after "von"."""
    i = cue.index
    n = len(tokens)
    left = _clause_left(tokens, i, inside)
    if tokens[left].lower in RELATIVES | SUBORDINATORS or (left + 1 < n and tokens[left].lower in PREPOSITIONS
                                                           and tokens[left + 1].lower in PREP_RELATIVES) \
            or _relative_clause(tokens, left):
        return None  # "…, die auf der Seite veröffentlicht wurde, …": a relative or adverbial clause
    agent = None
    by = next((k for k in range(left, i) if tokens[k].lower in ("von", "vom") and not inside[k]), None)
    if by is not None:
        agent = parse_forward(tokens, by + 1, text, allow_apposition=False)
        if agent is not None and not (_speakerlike(agent) or (agent.name and plausible_speaker(agent))):
            agent = None
    if agent is None:
        lo = left
        if left > 1 and tokens[left - 1].text == ",":
            # "In einer Erklärung, die … wurde, wurde verkündet": past the relative clause
            j = _clause_left(tokens, left - 1, inside)
            if (tokens[j].lower in RELATIVES or tokens[j + 1].lower in PREP_RELATIVES | RELATIVES) and j > 1 \
                    and tokens[j - 1].text == ",":
                lo = _clause_left(tokens, j - 1, inside)
        agent = next((m for k in range(lo, i) if tokens[k].lower in ("in", "im", "aus", "bei", "beim", "seitens")
                      and not inside[k] and (m := _source_pp(tokens, k, i if k >= left else left - 1, text))),
                     None)
    end = (cue.particle_index if cue.particle_index is not None else i) + 1
    while end < n and (tokens[end].lower in PASSIVE or tokens[end].lower in AUXILIARIES) and not inside[end]:
        end += 1
    if end < n and tokens[end].text in (",", ":") and _complement_follows(tokens, end, inside):
        start = _complement_start(tokens, end, inside, unit)
        a = tokens[start].start if start < n else unit.end
        spans, kind = _content(text, a, unit.end, unit.quotes)
        return Attribution(agent, cue.lemma, spans, kind)
    if left > 1 and tokens[left - 1].text == "," and tokens[left].lower in PASSIVE and end >= n - 1 and \
            any(is_konjunktiv_i(t.text) for t, q in zip(tokens[:left], inside, strict=False) if not q):
        spans, kind = _content(text, unit.start, tokens[left - 1].start, unit.quotes)  # "…, wird vermutet."
        return Attribution(agent, cue.lemma, spans, kind)
    return None


def _is_passive(cue: VerbCue, tokens: list[Token], inside: list[bool]) -> bool:
    """ "wurde bestätigt", "veröffentlicht wurde": nobody is named as the speaker."""
    i = cue.index
    word = tokens[i].lower
    if not (word.startswith("ge") or word.endswith(("t", "en"))):
        return False
    nxt = tokens[i + 1].lower if i + 1 < len(tokens) else ""
    if nxt in PASSIVE:
        return True
    left = _clause_left(tokens, i, inside)
    return any(tokens[k].lower in PASSIVE and not inside[k] for k in range(left, i)) and not any(
        tokens[k].lower in ("hat", "hatte", "haben", "hatten") for k in range(left, i))


def _substantial(att: Attribution, text: str) -> bool:
    words = sum(len(text[a:b].split()) for a, b in att.spans)
    return words >= 2


def _has_complement(att: Attribution, text: str, unit: Unit) -> bool:
    for a, b in att.spans:
        chunk = text[a:b]
        if any(q.start >= a - 1 and q.end <= b + 1 for q in unit.quotes):
            return True
        words = {w.strip(".,;:") for w in chunk.split()}
        if "dass" in words or any(is_konjunktiv_i(w) for w in words) or _zu_infinitive(chunk.split()):
            return True
    before = text[max(unit.start, att.spans[0][0] - 8): att.spans[0][0]] if att.spans else ""
    return "dass" in before or ":" in before


ZU_PARTICLES = ("ab", "an", "auf", "aus", "ein", "fest", "frei", "her", "hin", "mit", "nach", "nieder", "vor", "weg",
                "zurück", "zusammen", "fort", "dar", "bei", "um", "durch", "über", "voran", "weiter", "bereit")


def _zu_infinitive(words: list[str]) -> bool:
    """ "…, den Giftmüll zu entsorgen", "…, sein Mandat niederzulegen": an infinitive clause with "zu"."""
    for k, w in enumerate(words):
        w = w.strip(".,;:„“\"").lower()
        if w == "zu" and k + 1 < len(words) and words[k + 1].strip(".,;:").endswith(("en", "rn", "ln", "sein", "tun")):
            return True
        if w.endswith("en") and any(w.startswith(p + "zu") and len(w) > len(p) + 4 for p in ZU_PARTICLES):
            return True
    return False


def _coordinated_verb(tokens: list[Token], anchor: int, end_tok: int, inside: list[bool]) -> bool:
    """A finite verb right after "und" whose complement follows at once: no subject of its own."""
    k = anchor - 1
    while k > 0 and tokens[k].lower in ADVERBS and not inside[k]:
        k -= 1
    if k < 1 or tokens[k].lower not in ("und", "sowie") or inside[k]:
        return False
    nxt = tokens[end_tok] if end_tok < len(tokens) else None
    return nxt is None or nxt.text in (",", ":") or nxt.text in QUOTE_CHARS or nxt.lower == "dass"


def _attribute_verb(cue: VerbCue, tokens: list[Token], inside: list[bool], text: str, unit: Unit,
                    subject: Mention | None, previous: Mention | None,
                    next_cue: int | None = None) -> Attribution | None:
    i = cue.index
    left = _clause_left(tokens, i, inside)
    if left > 1 and tokens[left - 1].text == "," and tokens[left].lower not in SUBORDINATORS | RELATIVES:
        # "wie Anna Berg, Direktorin des Instituts, betonte": the subordinate clause began before the apposition
        j = left
        for _ in range(2):
            if j < 2 or tokens[j - 1].text != ",":
                break
            j = _clause_left(tokens, j - 1, inside)
            if tokens[j].lower in ("wie", "als", "dass", "während", "nachdem", "weil") and 1 < left - 1 - j <= 12 \
                    and all(is_capitalised_word(t) or t.lower in DETERMINERS or looks_adjective(t)
                            or t.text in (".", ",") for t in tokens[j + 1:left - 1]):
                left = j
                break
    # the finite verb of the clause: an auxiliary before a participle ("hatte … bekannt gegeben")
    anchor = i
    for k in range(left, i):
        if tokens[k].lower in AUXILIARIES and not inside[k]:
            anchor = k
            break
    n = len(tokens)
    end_tok = cue.particle_index + 1 if cue.particle_index is not None else i + 1
    clause_end = unit.end
    first = tokens[left]
    speaker: Mention | None = None
    content_after = True
    inherited = False
    after_start = end_tok
    if _coordinated_verb(tokens, i, end_tok, inside) and (previous or subject) is not None:
        # "X behauptete, in der Region Y seien …, und erklärte: „…“": the verb shares the first verb's subject
        spans, kind = _content(text, tokens[end_tok].start if end_tok < n else unit.end, clause_end, unit.quotes)
        return Attribution(previous or subject, cue.lemma, spans, kind, inherited=True)
    if (first.lower in PREPOSITIONS or first.lower == "von") and left + 2 < anchor \
            and tokens[left + 1].lower in PREP_RELATIVES and left > 0 and tokens[left - 1].text == ",":
        # "…, von dem die Polizei glaubt, er sei …": the relative clause names the speaker after its pronoun
        speaker = parse_forward(tokens, left + 2, text)
        if speaker is None or speaker.end > tokens[anchor].start:
            return None
        spans, kind = _content(text, tokens[end_tok].start if end_tok < n else unit.end, clause_end, unit.quotes)
        if end_tok < n and tokens[end_tok].text in (",", ":"):
            return Attribution(speaker, cue.lemma, spans, kind)
        return None
    verb_final = end_tok >= n or tokens[end_tok].text in BOUNDARIES | {".", "!", "?"} or \
        tokens[end_tok].lower in AUXILIARIES
    if first.lower in SUBORDINATORS and left < anchor and not (first.lower == "als" and (
            not verb_final or cue.particle_index is not None)):
        # "als" opening a main clause ("Als Grund für … gab die Schule an, …") is no subordinate clause: there
        # the verb stands second, followed by its subject, or leaves its particle at the end
        # verb-final clause: "wie X mitteilte", "dass X betonte", "während er bestätigte"
        k0 = left + 1
        while k0 < anchor and tokens[k0].lower in ADVERBS and tokens[k0].lower not in ("so",):
            k0 += 1  # "wie schon die Behörde mitteilte"
        speaker = parse_forward(tokens, k0, text) if k0 < anchor else None
        if first.lower == "wie":
            ahead = (unit.start, tokens[left - 1].start if left > 0 else unit.start)
            behind = (tokens[end_tok].start if end_tok < n else unit.end, unit.end)
            span = ahead if ahead[1] - ahead[0] >= behind[1] - behind[0] else behind
            spans, kind = _content(text, *span, unit.quotes)
            return Attribution(speaker, cue.lemma, spans, kind)
        if speaker is not None:
            while end_tok < n and tokens[end_tok].lower in AUXILIARIES and not inside[end_tok]:
                end_tok += 1  # "nachdem X mitgeteilt hatte, dass …"
            if first.lower != "dass" and end_tok < n and tokens[end_tok].text == "," and \
                    _opens_complement(tokens, end_tok, inside):
                # "Als X sagte, dass …, meinte er …": the content follows, up to the main clause
                start = _complement_start(tokens, end_tok, inside, unit)
                stop = start
                while stop < n and not (tokens[stop].text in (".", "!", "?", ";") and not inside[stop]):
                    if tokens[stop].text == "," and not inside[stop] and stop + 2 < n \
                            and tokens[stop + 1].text[:1].islower() and tokens[stop + 1].lower not in (
                                SUBORDINATORS | RELATIVES | COORDINATORS | PREPOSITIONS | ADVERBS) \
                            and (tokens[stop + 1].lower in AUXILIARIES or tokens[stop + 2].lower in (
                                "er", "sie", "es", "man", "der", "die", "das", "ich", "wir", "dieser", "diese")):
                        break  # ", meinte er …", ", hatte dieser …": the main clause
                    stop += 1
                a = tokens[start].start if start < n else unit.end
                spans, kind = _content(text, a, tokens[stop].start if stop < n else unit.end, unit.quotes)
                return Attribution(speaker, cue.lemma, spans, kind)
            k = left + 1
            while k < n and tokens[k].end <= speaker.end:
                k += 1
            spans, kind = _content(text, tokens[k].start if k < n else unit.end, tokens[i].start, unit.quotes)
            return Attribution(speaker, cue.lemma, spans, kind)
        return None
    if first.lower in RELATIVES and left > 1 and tokens[left - 1].text == "," and is_capitalised_word(tokens[left - 2]):
        own = parse_forward(tokens, left + 1, text, allow_apposition=False) if left + 1 < anchor else None
        if own is not None and own.kind in ("person", "unknown", "organisation") and own.name:
            speaker = own
            k = left + 1
            while k < n and tokens[k].end <= own.end:
                k += 1
            start = tokens[k].start if k < n else unit.end
        else:
            speaker = parse_backward(tokens, left - 1, text)
            start = tokens[left + 1].start if left + 1 < n else unit.end
        # "die Berger als „…“ bezeichnete": the content sits between subject and verb
        stop = tokens[i].start
        spans, kind = _content(text, start, stop, unit.quotes)
        follows = text[tokens[end_tok - 1].end:].lstrip()[:1]
        if cue.particle_index is None and end_tok < n and follows in ("[", "„", "…"):
            more, _ = _content(text, tokens[end_tok].start, clause_end, unit.quotes)
            spans = spans + more
        return Attribution(speaker, cue.lemma, spans, kind)
    if first.lower in COORDINATORS and not any(is_capitalised_word(t) or t.lower in ("er", "sie", "wir", "ich")
                                               for t in tokens[left + 1:anchor]):
        speaker = previous or subject
        inherited = True
    elif anchor == left and left > 0 and tokens[left - 1].text == "," and \
            (appositive := _appositive_subject(tokens, left, text, inside)) is not None:
        # "X, ein Vertreter der Y (Z), kommentierte …": the subject stands before its apposition
        speaker = appositive
        after_start = end_tok
    elif anchor == left:
        # verb first in its clause: the speaker follows ("„…“, sagte X" / "…, erklärte X")
        speaker, after_start = _after_verb_subject(tokens, anchor, text, inside)
        colon = next((c for c in range(max(after_start, i), n) if tokens[c].text == ":" and not inside[c]), None)
        if speaker is not None and left > 0 and anchor != i and colon is not None and colon + 1 < n \
                and inside[colon + 1] and all(tokens[c].text not in BOUNDARIES for c in range(after_start, colon)):
            # "Wie die Zeitung berichtete, soll X gesagt haben: „…“": the quotation after the colon is X's
            quote = next((q for q in unit.quotes if q.start >= tokens[colon].end), None)
            if quote is not None:
                return Attribution(speaker, cue.lemma, [(quote.start, quote.end)], "quote")
        if speaker is not None and left > 0:
            # "„…“, sagte X" (content before) or "Am Montag, …, sagte X, man werde …" (content after)
            follow = _complement_start(tokens, after_start, inside, unit, next_cue) if after_start < n else n
            after_content = follow > after_start or (after_start < n and tokens[after_start].text in (",", ":")
                                                     and _opens_complement(tokens, after_start, inside))
            before_content = _fronted_content(tokens, left, inside, unit)
            if after_content and not before_content:
                pass
            elif after_content:
                spans_before, kind_b = _content(text, unit.start, tokens[left - 1].start, unit.quotes)
                a = tokens[follow].start if follow < n else unit.end
                end_at = tokens[next_cue].start if next_cue is not None and next_cue > follow else unit.end
                if next_cue is not None and next_cue > follow:
                    cut = _clause_left(tokens, next_cue, inside)
                    end_at = tokens[cut].start if cut > follow else end_at
                spans_after, kind_a = _content(text, a, end_at, unit.quotes)
                kind = "quote" if "quote" in (kind_b, kind_a) else "indirect"
                return Attribution(speaker, cue.lemma, spans_before + spans_after, kind)
            else:
                content_after = False
        elif speaker is None:
            prefield = parse_prefield(tokens[:anchor - 1] if anchor > 0 and tokens[anchor - 1].text == "," else [],
                                      text) if anchor > 0 else None
            if prefield is None:
                aux = next((k for k in range(0, anchor) if tokens[k].lower in AUXILIARIES and not inside[k]), None)
                if aux is not None and aux > 0:
                    prefield, _ = _after_verb_subject(tokens, aux, text, inside)
            speaker = prefield or previous or subject
            inherited = speaker is not None and prefield is None
            after_start = end_tok
    else:
        prefield_tokens = tokens[left:anchor]
        if first.lower in COORDINATORS:
            prefield_tokens = prefield_tokens[1:]
        lead = prefield_tokens[0].lower if prefield_tokens else ""
        after: Mention | None = None
        if prefield_tokens and _not_subject_prefield(prefield_tokens):
            # "Ähnlich äußerte sich X", "Der Zeitung sagte X", "Eine Verschiebung bezeichnete X als …"
            after, after_start2 = _after_verb_subject(tokens, anchor, text, inside)
            if after is not None and not after.pronoun and (after.kind in SPEAKER_KINDS or after.name) \
                    and plausible_speaker(after):
                speaker, after_start = after, after_start2
            else:
                after = None
        if after is not None:
            pass
        elif not prefield_tokens or lead in PREPOSITIONS or lead in ADVERBS or is_time_phrase(prefield_tokens, 0) \
                or (lead in ("das", "dies", "dieses", "so") and len(prefield_tokens) == 1):
            speaker, after_start = _after_verb_subject(tokens, anchor, text, inside)
            if lead in ("das", "dies", "dieses") and left > 1 and tokens[left - 1].text == "," and \
                    not _complement_follows(tokens, end_tok, inside):
                content_after = False  # "…, das teilte das Institut mit": "das" is what stands before the comma
            if speaker is None:
                speaker = _source_pp(tokens, left, anchor, text)
                inherited = speaker is None
                speaker = speaker or previous or subject or _subject_after_auxiliary(tokens, 0, anchor, text, inside)
                after_start = end_tok
        else:
            # the subject may carry appositions that the boundary scan cut off: "X, der …, erklärte"
            full = tokens[:anchor] if left > 0 and tokens[left - 1].text == "," else prefield_tokens
            speaker = parse_prefield(full, text) or parse_prefield(prefield_tokens, text) or (
                _appositive_subject(tokens, anchor, text, inside) if full is not prefield_tokens else None) or \
                _prefield_head(prefield_tokens, text)
            if speaker is None:
                after, after_start2 = _after_verb_subject(tokens, anchor, text, inside)
                if after is not None and after.kind in ("person", "organisation", "media", "anonymous"):
                    speaker, after_start = after, after_start2
                elif anchor > 0 and tokens[anchor - 1].lower == "und" and \
                        (main := _subject_after_auxiliary(tokens, 0, anchor, text, inside)) is not None:
                    speaker, after_start = main, end_tok  # "hat sich X … ausgesprochen und behauptet, …"
                else:
                    return None
    if content_after:
        start_tok = max(after_start, end_tok if speaker is None or speaker.end <= tokens[i].start else after_start)
        if cue.particle_index is not None:
            start_tok = max(start_tok, end_tok)  # "forderte X auf, …": the particle closes the clause
        if start_tok < n:
            start_tok = _complement_start(tokens, start_tok, inside, unit, next_cue)
        a = tokens[start_tok].start if start_tok < n else unit.end
        if start_tok < n and tokens[start_tok - 1].text == "," and anchor < start_tok \
                and _hedged_start(tokens, anchor + 1, start_tok - 1, inside, speaker):
            a = tokens[anchor].start  # "hielt es für möglich, dass …", "sagte nicht, dass …": the hedge stays
        end_at = clause_end
        if anchor != i and not _complement_follows(tokens, end_tok, inside):
            # a clause-final participle: the content is the clause ("… weder bestätigt noch dementiert")
            stop = end_tok
            while stop < n and not (tokens[stop].text in BOUNDARIES and not inside[stop]):
                stop += 1
            end_at = tokens[stop].start if stop < n else unit.end
        spans, kind = _content(text, a, end_at, unit.quotes)
    else:
        a = unit.start
        b = tokens[left - 1].start
        spans, kind = _content(text, a, b, unit.quotes)
    return Attribution(speaker, cue.lemma, spans, kind, inherited=inherited)


SPEAKER_KINDS = ("person", "organisation", "media", "anonymous", "group")
TIME_NOUNS = frozenset({"stunden", "stunde", "tage", "tagen", "tag", "woche", "wochen", "monat", "monate", "monaten",
                        "jahr", "jahre", "jahren", "minuten", "ende", "anfang", "mitte", "januar", "februar", "märz",
                        "april", "mai", "juni", "juli", "august", "september", "oktober", "november", "dezember"})
OBLIQUE_DETERMINERS = frozenset({"dem", "den", "einem", "einen", "diesem", "diesen", "ihrem", "ihren", "seinem",
                                 "seinen", "unserem", "unseren", "jenem", "jenen"})


def _subject_after_auxiliary(tokens: list[Token], start: int, stop: int, text: str, inside: list[bool], *,
                             named: bool = False) -> Mention | None:
    """The subject right after the first auxiliary between start and stop: "So hat sich die Vorsitzende X …
    ausgesprochen und behauptet, …", "Bei der Debatte hatte sich Jana Holm … hinreißen lassen: „…“".

    With `named`, a bare name will do; otherwise the phrase must name a person, an office or a body.
    """
    aux = next((k for k in range(start, stop) if tokens[k].lower in AUXILIARIES and not inside[k]), None)
    if aux is None or aux == 0:
        return None
    mention, _ = _after_verb_subject(tokens, aux, text, inside)
    if mention is None or mention.pronoun or mention.start >= tokens[stop - 1].end or not plausible_speaker(mention):
        return None
    return mention if _speakerlike(mention) or (named and mention.name) else None


@lru_cache(maxsize=8192)
def _lower_lemma(word: str) -> bool:
    """Whether a capitalised word is an adjective or adverb written with a capital at the sentence start."""
    import simplemma

    if first_name_gender(word) or role_head(word) or organisation_head(word):
        return False
    if word.lower().endswith("end") and len(word) > 6:
        return True  # present participle: "Relativierend", "Stellvertretend"
    return simplemma.lemmatize(word, lang="de")[:1].islower()


def _not_subject_prefield(prefield: list[Token]) -> bool:
    """A prefield that is an adverbial or an object, so the subject follows the verb."""
    first = prefield[0]
    low = first.lower
    if any(t.lower in TIME_NOUNS for t in prefield[:3]) and low not in DETERMINERS - {"des"}:
        return True  # "Wenige Stunden nach dem Putsch", "Ende Januar 2006"
    if low in OBLIQUE_DETERMINERS:
        return True  # "Dem Sender sagte X"
    if low == "der" and len(prefield) > 2 and looks_adjective(prefield[1]) and prefield[1].lower.endswith("en") \
            and is_capitalised_word(prefield[2]):
        return True  # "Der englischsprachigen Zeitung sagte X": no nominative has "der …en"
    if low in ("von", "vom") and len(prefield) > 3:
        return True  # "Von einem „…“ spricht der Entwurf"
    if low == "des" and len(prefield) == 2 and prefield[1].text[:1].isupper() and _lower_lemma(prefield[1].text):
        return True  # "Des Weiteren"
    if first.text[:1].isupper() and low not in DETERMINERS | PARTITIVE_PRONOUNS and _lower_lemma(first.text):
        if len(prefield) == 1:
            return True  # "Ähnlich", "Dagegen", "Offiziell"
        nxt = prefield[1]
        if nxt.lower in PREPOSITIONS or nxt.lower in DETERMINERS or (
                nxt.text[:1].islower() and not looks_adjective(nxt)):
            return True  # "Besorgt über …", "Bezüglich des Startortes", "Passend zu …"
    # "Eine Verschiebung des Termins bezeichnete X als fatal": an abstract noun does not speak
    k = 0
    while k < len(prefield) and (prefield[k].lower in DETERMINERS or looks_adjective(prefield[k])):
        k += 1
    if k < len(prefield) and is_capitalised_word(prefield[k]):
        head = prefield[k].lower
        if head.endswith((*IMPLAUSIBLE_HEAD, "ungen", "heiten", "keiten", "tionen")) \
                and not organisation_head(prefield[k].text) and not role_head(prefield[k].text):
            return True
    return False


def _source_pp(tokens: list[Token], left: int, stop: int, text: str) -> Mention | None:
    """ "In einem Bericht der Zeitung wurde vermutet, …", "Aus Militärkreisen verlautete, …": a document or body
    named in a prepositional phrase in front of the verb."""
    while left < stop and tokens[left].lower in ("so", "auch", "und", "aber"):
        left += 1
    if left + 1 >= stop or tokens[left].lower not in ("in", "im", "aus", "bei", "beim", "seitens"):
        return None
    mention = parse_forward(tokens, left + 1, text, allow_apposition=False)
    if mention is None or mention.end > tokens[stop - 1].end or mention.pronoun:
        return None
    words = (mention.role or mention.label).split()
    head = next((w for w in words if w[:1].isupper()), "")
    if _attribution_noun(head) or organisation_head(head) or media_head(head) or head.lower().endswith(
            ("kreisen", "papier", "schreiben", "brief", "bericht", "resolution", "gutachten", "entwurf")) or (
            mention.kind in ("organisation", "media") and mention.name):
        return mention
    return None


def _speakerlike(mention: Mention) -> bool:
    """A named person, or a phrase headed by an office, a body or an outlet."""
    if mention.pronoun or mention.kind not in SPEAKER_KINDS:
        return False
    if mention.kind == "person" and mention.name:
        return True
    words = (mention.role or mention.label).split()
    return any(role_head(w) or organisation_head(w) for w in words[:3] if w[:1].isupper())


def _appositive_subject(tokens: list[Token], left: int, text: str, inside: list[bool]) -> Mention | None:
    """ "X, ein Vertreter der Y, kommentierte …": the subject and its apposition before the verb's comma."""
    if left < 3 or inside[left - 1] or inside[0] or tokens[0].text in QUOTE_CHARS:
        return None
    before = tokens[:left - 1] if tokens[left - 1].text == "," else tokens[:left]
    if not any(t.text == "," for t, q in zip(before, inside, strict=False) if not q):
        return None
    words = [t.text for t, q in zip(before, inside, strict=False) if not q]
    if any(is_konjunktiv_i(w) or w in REPORTED_FORMS for w in words):
        return None
    mention = parse_prefield(before, text)
    if mention is None:
        # "Der Vorsitzende des Verbands in Berlin, Anna Berg,": a head with attachments, then a name
        segments: list[list[Token]] = [[]]
        for t, q in zip(before, inside, strict=False):
            if t.text == "," and not q:
                segments.append([])
            else:
                segments[-1].append(t)
        head = _prefield_head(segments[0], text) if segments[0] else None
        if head is None:
            return None
        parts = [head]
        for seg in segments[1:]:
            if seg and _np_extent(seg, 0) == len(seg) and seg[0].lower not in RELATIVES:
                parts.append(classify(seg, text))
        mention = merge_appositions(parts, text, before[0].start, before[-1].end) if len(parts) > 1 else head
    if mention is None or mention.pronoun or mention.kind not in SPEAKER_KINDS or not plausible_speaker(mention):
        return None
    if not (mention.name or role_head(mention.label.split()[-1]) or organisation_head(mention.label.split()[-1])):
        return None
    return mention


FOCUS_PARTICLES = frozenset({"auch", "selbst", "sogar", "nur", "vor", "allem", "gerade", "besonders", "insbesondere"})
PARTITIVE_PRONOUNS = frozenset({"einer", "eine", "eines", "keiner", "keine", "einige", "viele", "mehrere", "manche",
                                "zwei", "drei", "vier", "fünf", "teile", "tausende", "hunderte"})


def _fronted_content(tokens: list[Token], left: int, inside: list[bool], unit: Unit) -> bool:
    """Whether what stands before "…, sagte X" is the statement rather than a fronted adverbial clause."""
    if left <= 0:
        return False
    if any(inside[:left]):
        return True
    first = tokens[0]
    words = [t.text for t in tokens[:left]]
    if any(is_konjunktiv_i(w) or w in REPORTED_FORMS for w in words):
        return True
    return not (first.lower in PREPOSITIONS or first.lower in SUBORDINATORS or is_time_phrase(tokens, 0))


def _prefield_head(tokens: list[Token], text: str) -> Mention | None:
    """The subject when the prefield is one noun phrase with attachments the parser does not model.

    In a verb-second clause everything in front of the finite verb is one constituent, so
    "Theo Kitz vom Bankhaus X", "Ärzte ohne Grenzen" or "Ministerin X (SPD)" name the speaker
    even where the phrase goes on with a preposition or a parenthesis.
    """
    k = 0
    while k < len(tokens) - 1 and tokens[k].lower in FOCUS_PARTICLES:
        k += 1
    if k >= len(tokens):
        return None
    first = tokens[k]
    low = first.lower
    determiner = k + 1 < len(tokens) and (is_capitalised_word(tokens[k + 1]) or looks_adjective(tokens[k + 1]))
    if low in ("den", "dem", "es", "man") or (low in ("das", "dies", "dieses") and not determiner) \
            or low in PREPOSITIONS or low in SUBORDINATORS \
            or low in ADVERBS or first.text in QUOTE_CHARS or is_time_phrase(tokens, k):
        return None
    if low in PARTITIVE_PRONOUNS and k + 1 < len(tokens) and tokens[k + 1].lower in ("der", "des", "von"):
        inner = parse_forward(tokens, k + 2 if tokens[k + 1].lower == "von" else k + 1, text,
                              allow_apposition=False)
        if inner is not None:
            whole = classify(tokens[k:], text)
            whole.role = strip_determiner(inner.role or inner.text)
            whole.name = None
            whole.kind = "anonymous" if low in ("einer", "eine", "eines") else "group"
            return whole
    if not (is_capitalised_word(first) or low in DETERMINERS or looks_adjective(first)
            or first.text[:1].isdigit()):
        return None
    mention = parse_forward(tokens, k, text)
    if mention is None or mention.pronoun:
        return mention
    return mention


def _complement_follows(tokens: list[Token], k: int, inside: list[bool]) -> bool:
    """After a clause-final verb: ", dass …", ": „…“", ", er habe …" or ", … zu tun"."""
    n = len(tokens)
    while k < n and tokens[k].lower in ("hat", "hatte", "habe", "haben", "hatten", "ist", "war", "sei", "wird"):
        k += 1
    if k >= n or tokens[k].text not in (",", ":"):
        return False
    nxt = tokens[k + 1] if k + 1 < n else None
    if nxt is None:
        return False
    if nxt.lower == "dass" or inside[k + 1]:
        return True
    clause = []
    for t in tokens[k + 1:]:
        if t.text in BOUNDARIES:
            break
        clause.append(t.text)
    return any(is_konjunktiv_i(w) for w in clause) or "zu" in clause or _zu_infinitive(clause)


def _clause_words(tokens: list[Token], k: int, inside: list[bool]) -> list[str]:
    """Words from k to the next boundary outside quotes."""
    words = []
    for m in range(k, len(tokens)):
        if tokens[m].text in BOUNDARIES and not inside[m]:
            break
        if tokens[m].text in (".", "!", "?") and not inside[m]:
            break
        words.append(tokens[m].text)
    return words


def _opens_complement(tokens: list[Token], m: int, inside: list[bool]) -> bool:
    """Whether the boundary at m hands over to reported content: ", dass …", ": „…“", ", er sei …"."""
    n = len(tokens)
    if m + 1 >= n:
        return False
    nxt = tokens[m + 1]
    if tokens[m].text == ":":
        return True
    if nxt.lower in ("dass", "daß", "ob") or inside[m + 1] or nxt.text in QUOTE_CHARS:
        return True
    words = _clause_words(tokens, m + 1, inside)
    if nxt.lower in RELATIVES and m > 0 and is_capitalised_word(tokens[m - 1]) and not any(
            is_konjunktiv_i(w) for w in words[:3]):
        return False  # relative clause on the noun before the comma
    return any(is_konjunktiv_i(w) or w in REPORTED_FORMS for w in words)


REPORTED_FORMS = frozenset({"seien", "hätten", "wären", "würden", "würde", "hätte", "wäre", "könnten", "müssten"})


def _complement_start(tokens: list[Token], k: int, inside: list[bool], unit: Unit, limit: int | None = None) -> int:
    """Where the reported content begins after the verb: past adverbials, at "dass", a quote or a clause."""
    n = limit if limit is not None else len(tokens)
    j = _skip_adverbials(tokens, k, n)
    if j < n and tokens[j].text in (",", ":") and not inside[j]:
        return j + 1
    # "sagte am Sonntag vor Journalisten, …", "erklärte auf die Frage nach einem Video, das …, er habe „…“":
    # the first boundary that opens a complement clause
    depth = 0
    for m in range(k, n):
        if inside[m]:
            continue
        t = tokens[m].text
        if t in (".", "!", "?"):
            break
        if t == "(":
            depth += 1
        elif t == ")":
            depth = max(0, depth - 1)
        elif not depth and t in (",", ":") and _opens_complement(tokens, m, inside):
            # "forderte Auskunft darüber, ob …": the noun the clause hangs on is part of the content
            if t == "," and m - 2 >= k and tokens[m - 1].lower in DA_CORRELATIVES \
                    and is_capitalised_word(tokens[m - 2]) and not inside[m - 2]:
                j = m - 2
                while j - 1 >= k and (tokens[j - 1].lower in DETERMINERS or looks_adjective(tokens[j - 1])):
                    j -= 1
                return j
            return m + 1
    return k


DA_CORRELATIVES = frozenset({"darüber", "darauf", "davon", "dazu", "daran", "dafür", "damit", "darum", "dahingehend"})


def _quoted_source(tokens: list[Token], k: int, inside: list[bool], text: str) -> Mention | None:
    """A source named in quotation marks: laut „Welt“, dem „Spiegel“ zufolge."""
    n = len(tokens)
    if k >= n or tokens[k].text not in QUOTE_CHARS:
        return None
    for m in range(k + 1, min(n, k + 8)):
        if tokens[m].text in QUOTE_CHARS:
            if m == k + 1:
                return None
            a, b = tokens[k + 1].start, tokens[m - 1].end
            return Mention(text=text[tokens[k].start:tokens[m].end], start=tokens[k].start, end=tokens[m].end,
                           name=text[a:b], kind="media")
    return None


def _source_phrase(tokens: list[Token], k: int, inside: list[bool], text: str) -> Mention | None:
    """The source after "laut", "gemäß", "unter Berufung auf": a phrase, a quoted title or a lower-case outlet."""
    n = len(tokens)
    if k >= n:
        return None
    quoted = _quoted_source(tokens, k, inside, text)
    if quoted is not None:
        return quoted
    mention = parse_forward(tokens, k, text, allow_apposition=False, allow_comma_adjectives=True)
    if mention is None and tokens[k].text.isalpha() and tokens[k].text.islower() and len(tokens[k].text) <= 5 \
            and tokens[k].lower not in DETERMINERS | PREPOSITIONS | SUBORDINATORS | ADVERBS | COORDINATORS \
            and (k + 1 >= n or not tokens[k + 1].text.isalpha() or tokens[k + 1].text[:1].islower()):
        mention = classify([tokens[k]], text)  # "laut taz", "laut dpa"
        mention.kind, mention.name = "media", tokens[k].text
    if mention is not None and k + 1 < n and tokens[k].lower in ("einem", "einer", "eines", "dem", "der", "des") \
            and mention.text.split() and (_attribution_noun(mention.text.split()[-1])
                                          or mention.text.split()[-1].lower() in PUBLICATION_NOUNS):
        # "laut einem Bericht der „New York Times“": the outlet named in the genitive
        end = next((j for j, t in enumerate(tokens) if t.start >= mention.end), n)
        if end < n and tokens[end].lower in ("der", "des", "von", "vom"):
            outlet = _quoted_source(tokens, end + 1, inside, text)
            if outlet is not None:
                mention = Mention(text=text[mention.start:outlet.end], start=mention.start, end=outlet.end,
                                  name=outlet.name, kind="media", role=mention.role or mention.text)
    return mention


OWN = frozenset({"eigenen", "eigener", "eigene"})
#: What an outlet publishes: "laut einem Artikel der „…“" names the outlet in the genitive.
PUBLICATION_NOUNS = frozenset({"artikel", "interview", "beitrag", "ausgabe", "sendung", "kommentar", "leitartikel"})
#: Words that open the owner of a saying noun after it: "nach Angaben der Polizei", "… eines Sprechers".
GENITIVE_OWNER = frozenset({"des", "der", "eines", "einer", "von", "vom", "aus"})


def _article_free_genitive(tokens: list[Token], k: int) -> bool:
    """ "Angaben libanesischer Sicherheitskreise": an owner in the genitive plural without an article."""
    return k + 1 < len(tokens) and tokens[k].text[:1].islower() and tokens[k].lower.endswith("er") \
        and looks_adjective(tokens[k]) and is_capitalised_word(tokens[k + 1])


def _genitive_name(tok: Token) -> bool:
    """ "Celebis", "Müllers": a name in the Saxon genitive (a capitalised word ending in -s, no common noun)."""
    return is_capitalised_word(tok) and tok.text.endswith("s") and len(tok.text) > 3 and \
        first_name_gender(tok.text) is None and not role_head(tok.text) and not organisation_head(tok.text) \
        and tok.lower not in DETERMINERS


def _genitive_owner(tok: Token, text: str) -> Mention:
    name = tok.text[:-1]
    return Mention(text=tok.text, start=tok.start, end=tok.end, name=name, kind="unknown")
#: "nach X" is "after X" unless somebody's X is named: "nach der Veröffentlichung" vs "nach Ermittlungen der Polizei"
NEEDS_OWNER = ("ermittlungen", "erklärung", "veröffentlichung", "mitteilung", "untersuchungen", "nachricht",
               "nachrichten", "zählung", "willen", "wunsch", "planungen", "rechnung", "ergebnis", "ergebnissen",
               "analyse", "analysen", "recherche", "recherchen", "meldung", "meldungen", "prognose", "prognosen")
#: nouns before a postponed "nach": "seiner Ansicht nach", "dem Vernehmen nach"
POSTPOSITION_NOUNS = ("meinung", "ansicht", "auffassung", "einschätzung", "angaben", "aussage", "aussagen", "worten",
                      "überzeugung", "darstellung", "vernehmen", "schätzung", "schätzungen", "informationen")
POSSESSIVE_GENDER = {"seiner": "m", "seinen": "m", "seinem": "m", "ihrer": "f", "ihren": "f", "ihrem": "f"}


def _possessive_owner(tokens: list[Token], k: int) -> Mention | None:
    """ "in seiner Rede heißt es": the owner of the speech is a pronoun, resolved like one."""
    if k + 1 >= len(tokens) or tokens[k].lower not in POSSESSIVE_GENDER or not is_capitalised_word(tokens[k + 1]):
        return None
    owner = tokens[k]
    return Mention(text=owner.text, start=owner.start, end=owner.end, kind="person",
                   gender=POSSESSIVE_GENDER[owner.lower], pronoun=True)


def _attribution_noun(word: str) -> bool:
    """ "Angaben", "Polizeiangaben", "Zeugenaussagen", "Expertenmeinung": nouns that name a source's view."""
    low = word.lower()
    return any(low.endswith(noun) for noun in ATTRIBUTION_NOUNS)


def _prepositional_cues(tokens: list[Token], inside: list[bool], text: str) -> list[tuple[str, Mention, str, int]]:
    found: list[tuple[str, Mention, str, int]] = []
    n = len(tokens)
    for i, tok in enumerate(tokens):
        if inside[i]:
            continue
        low = tok.lower
        mention = None
        kind = ""
        if low in ("laut", "gemäß") and i + 1 < n and (low == "gemäß" or i == 0 or tokens[i - 1].lower not in (
                "wurde", "wurden", "werden", "wird", "ist", "war", "sehr", "zu", "so", "besonders", "wieder") or (
                tokens[i - 1].lower not in ("sehr", "zu", "so", "besonders") and i + 2 < n
                and (tokens[i + 1].lower in DETERMINERS or tokens[i + 1].text in QUOTE_CHARS
                     or (is_capitalised_word(tokens[i + 1]) and tokens[i + 2].text not in (",", ".", "und"))))):
            mention = _source_phrase(tokens, i + 1, inside, text)
            kind = "laut"
        elif low == "zufolge" and i > 0:
            mention = _quoted_source(tokens, i - 1, inside, text) if tokens[i - 1].text in QUOTE_CHARS else None
            if tokens[i - 1].text in QUOTE_CHARS:
                k = i - 2
                while k > 0 and tokens[k].text not in QUOTE_CHARS:
                    k -= 1
                mention = _quoted_source(tokens, k, inside, text) if k >= 0 else None
            mention = mention or parse_backward(tokens, i, text)
            if mention is not None and i > 1 and tokens[i - 2].lower in OWN:
                mention.kind = "reflexive"  # type: ignore[assignment]  # "eigenen Angaben zufolge": the subject
            kind = "zufolge"
        elif low == "nach" and i > 0 and tokens[i - 1].lower.endswith(POSTPOSITION_NOUNS) \
                and is_capitalised_word(tokens[i - 1]) \
                and (i + 1 >= n or not is_capitalised_word(tokens[i + 1]) or tokens[i + 1].lower in ("der", "die")):
            # postposition: "seiner Ansicht nach", "Expertenmeinung nach"
            k = i - 1
            owner = tokens[k - 1] if k > 0 else None
            if owner is not None and owner.lower in POSSESSIVE_GENDER:
                mention = Mention(text=owner.text, start=owner.start, end=owner.end, kind="person",
                                  gender=POSSESSIVE_GENDER[owner.lower], pronoun=True)
            else:
                start = k
                while start > 0 and (is_capitalised_word(tokens[start - 1]) or tokens[start - 1].lower in DETERMINERS
                                     or looks_adjective(tokens[start - 1])) and not inside[start - 1]:
                    start -= 1
                mention = classify(tokens[start:k + 1], text)
            kind = "nach"
        elif low == "nach" and i + 1 < n:
            k = i + 1
            while k < n and not _attribution_noun(tokens[k].text) and k < i + 5 and not inside[k] \
                    and tokens[k].text not in BOUNDARIES and (tokens[k].lower in DETERMINERS or
                                                              looks_adjective(tokens[k]) or
                                                              tokens[k].lower in OWN or
                                                              tokens[k].lower in POSSESSIVE_GENDER or
                                                              tokens[k].text[:1].isupper()):
                k += 1
            owner_follows = k + 1 < n and (tokens[k + 1].lower in GENITIVE_OWNER
                                           or _article_free_genitive(tokens, k + 1))
            between = tokens[i + 1:k]
            bare = all(t.lower in ("der", "die", "das", "dem", "den") for t in between)
            if k < n and _attribution_noun(tokens[k].text) and is_capitalised_word(tokens[k]) and not any(
                    is_capitalised_word(t) and not (t is tokens[k - 1] and t.text.endswith("s")) for t in between) \
                    and (not tokens[k].lower.endswith(NEEDS_OWNER) or owner_follows or not bare):
                head = tokens[k]
                if k + 1 < n and (owner_follows or
                                  (is_capitalised_word(tokens[k + 1]) and tokens[k + 1].text.endswith("s"))):
                    start = k + 2 if tokens[k + 1].lower in ("von", "vom", "aus") else k + 1
                    mention = _source_phrase(tokens, start, inside, text) or classify(tokens[i + 1:k + 1], text)
                elif k == i + 2 and _genitive_name(tokens[k - 1]):
                    # "nach Celebis Angaben": the owner named in the Saxon genitive before the noun
                    mention = _genitive_owner(tokens[k - 1], text)
                elif head.lower.endswith("angaben") and len(head.lower) > 7:
                    mention = classify([head], text)
                    mention.role = head.text[: -len("angaben")] or head.text
                elif k > i + 1 and tokens[k - 1].lower in OWN:
                    # "nach eigenen Angaben": the subject of the clause speaks
                    mention = classify(tokens[k - 1:k + 1], text)
                    mention.kind = "reflexive"  # type: ignore[assignment]  # a marker resolved right below
                elif k > i + 1 and tokens[k - 1].lower in POSSESSIVE_GENDER:
                    owner = tokens[k - 1]
                    mention = Mention(text=owner.text, start=owner.start, end=owner.end, kind="person",
                                      gender=POSSESSIVE_GENDER[owner.lower], pronoun=True)
                else:
                    mention = classify(tokens[i + 1:k + 1], text)
                kind = "nach"
        elif low == "berufung" and i > 0 and tokens[i - 1].lower == "unter" and i + 2 < n \
                and tokens[i + 1].lower == "auf":
            mention = _source_phrase(tokens, i + 2, inside, text)
            kind = "berufung"
        elif low == "so" and i > 0 and tokens[i - 1].text == "," and i + 1 < n:
            candidate = parse_forward(tokens, i + 1, text, allow_apposition=False)
            if candidate is not None:
                nxt = next((t for t in tokens if t.start >= candidate.end), None)
                if nxt is None or nxt.text in (".", ",", ";", "!", "?") or nxt.lower in ADVERBS or nxt.lower in (
                        "zu", "zum", "zur", "gegenüber", "im", "in", "am", "auf", "bei", "beim", "vor", "weiter",
                        "wörtlich", "abschließend", "nach", "laut"):
                    mention, kind = candidate, "so"
            elif tokens[i + 1].text[:1].islower() and tokens[i + 1].lower not in ADVERBS and i > 1 \
                    and inside[i - 2] and not inside[i + 1]:
                # "„…“, so charakterisierte ihn der Gewerkschafter X": the frame says it whatever the verb
                k = i + 2
                while k < n and tokens[k].lower in ("ihn", "sie", "es", "ihm", "ihr", "das", "dies", "ihnen"):
                    k += 1
                candidate = parse_forward(tokens, k, text, allow_apposition=False) if k < n else None
                nxt = next((t for t in tokens if candidate is not None and t.start >= candidate.end), None)
                if candidate is not None and not candidate.pronoun and plausible_speaker(candidate) and (
                        nxt is None or nxt.text in (".", ",", ";", "!", "?")):
                    mention, kind = candidate, "so"
        elif low in ("heißt", "hieß") and i + 2 < n and tokens[i + 1].lower == "es" and tokens[i + 2].lower in (
                "in", "im", "bei", "beim", "aus", "von", "vom"):
            mention = _possessive_owner(tokens, i + 3) or _source_phrase(tokens, i + 3, inside, text)
            kind = "heißt"
        elif low in ("heißt", "hieß", "geheißen") and i > 0 and "es" in (tokens[i - 1].lower, tokens[i + 1].lower
                                                                          if i + 1 < n else ""):
            # "In dem Bericht heißt es, …", "Aus Paris hieß es, …": the source stands in the prefield
            left = _clause_left(tokens, i, inside)
            if left >= i - 2 and left > 1 and tokens[left - 1].text == ",":
                # "In der Resolution, die … wurde, heißt es": past the relative clause
                j = _clause_left(tokens, left - 1, inside)
                if (tokens[j].lower in RELATIVES or tokens[j + 1].lower in PREP_RELATIVES) and j > 1 \
                        and tokens[j - 1].text == ",":
                    left = _clause_left(tokens, j - 1, inside)
            if tokens[left].lower in ("in", "im", "bei", "beim", "aus", "von", "vom", "seitens") and left + 1 < i:
                mention = _possessive_owner(tokens, left + 1) or _source_phrase(tokens, left + 1, inside, text)
                if mention is not None and mention.end > tokens[i].start:
                    mention = None
                kind = "heißt"
        if mention is not None:
            found.append((kind, mention, low, i))
    return found


def _colon_quote(tokens: list[Token], inside: list[bool], text: str, unit: Unit,
                 subject: Mention | None) -> Attribution | None:
    """ "…, speist dieser den Reporter ab: „…“" — a colon that hands over to a quotation."""
    for k, tok in enumerate(tokens):
        if tok.text != ":" or inside[k] or k + 1 >= len(tokens) or not inside[k + 1]:
            continue
        quote = next((q for q in unit.quotes if q.start >= tok.end), None)
        if quote is None or quote.end - quote.start < 20:
            return None
        left = _clause_left(tokens, k, inside)
        speaker = _colon_speaker(tokens, left, k, inside, text, subject)
        for _ in range(2):
            if speaker is not None or left < 2 or tokens[left - 1].text != ",":
                break
            # "Den Unmut brachte die Sprecherin, Anna Berg, zum Ausdruck: „…“": the clause began before the apposition
            left = _clause_left(tokens, left - 2, inside)
            speaker = _colon_speaker(tokens, left, k, inside, text, None)
        if speaker is None:
            speaker = _subject_after_auxiliary(tokens, left, k, text, inside, named=True)
        if speaker is None:
            return None
        return Attribution(speaker, ":", [(quote.start, quote.end)], "quote")
    return None


def _colon_speaker(tokens: list[Token], left: int, k: int, inside: list[bool], text: str,
                   subject: Mention | None) -> Mention | None:
    """Who hands over to the quotation after the colon at k, in the clause starting at `left`."""
    pronoun = next((tokens[j] for j in range(left, k) if tokens[j].lower in ("er", "sie", "dieser", "diese")), None)
    speaker = parse_forward(tokens, tokens.index(pronoun), text) if pronoun else subject
    if speaker is not None and not pronoun and not _speakerlike(speaker) and speaker.start >= tokens[left].start:
        # "Die Anwendung der Regel stellte der Vorsitzende X in Frage: „…“": the subject follows the verb
        verb = next((j for j in range(left, k) if tokens[j].start >= speaker.end), None)
        if verb is not None and tokens[verb].text[:1].islower() and not inside[verb]:
            after, _ = _after_verb_subject(tokens, verb, text, inside)
            if after is not None and _speakerlike(after) and plausible_speaker(after):
                speaker = after
    if speaker is None and left < k:
        # "Hier sparte die Ministerin nicht mit Kritik: „…“", "Anna Berg zur neuen Lage: „…“"
        speaker = _clause_subject(tokens, left, k, inside, text)
        if speaker is not None and not _speakerlike(speaker):
            # "Die Anwendung der Regel stellte der Vorsitzende X in Frage: „…“": the subject follows the verb
            head = parse_forward(tokens, left, text, allow_apposition=False)
            verb = next((j for j in range(left, k) if head and tokens[j].start >= head.end), None)
            speaker = None
            if verb is not None and tokens[verb].text[:1].islower() and not inside[verb]:
                speaker, _ = _after_verb_subject(tokens, verb, text, inside)
        if speaker is None and (is_capitalised_word(tokens[left]) or tokens[left].lower in DETERMINERS):
            head = parse_forward(tokens, left, text, allow_apposition=False)
            rest = next((j for j in range(left, k) if tokens[j].start >= head.end), k) if head else k
            if head is not None and (rest == k or tokens[rest].lower in PREPOSITIONS) and not any(
                    tokens[j].text[:1].islower() and tokens[j].lower not in PREPOSITIONS | DETERMINERS
                    and not looks_adjective(tokens[j]) for j in range(rest, k)):
                speaker = head
        if speaker is not None and (not _speakerlike(speaker) or not plausible_speaker(speaker)):
            speaker = None
    return speaker


def _quoted_subject(tokens: list[Token], inside: list[bool], text: str, unit: Unit,
                    subject: Mention | None) -> Attribution | None:
    """A named person whose words are quoted without a reporting verb: "X griff Y an, weil es „…“"."""
    who = subject
    if who is None and tokens and (tokens[0].lower in PREPOSITIONS or tokens[0].lower in ADVERBS):
        k = 1
        while k < len(tokens) and (is_capitalised_word(tokens[k]) or tokens[k].lower in PREPOSITIONS
                                   or tokens[k].lower in ("der", "die", "das", "dem", "den", "des", "einer", "einem")):
            k += 1
        if k < len(tokens) and tokens[k].text[:1].islower() and not inside[k]:
            who, _ = _after_verb_subject(tokens, k, text, inside)
    if who is None or who.kind != "person" or not who.name:
        return None
    spans = [(q.start, q.end) for q in unit.quotes if len(text[q.start:q.end].split()) >= 2]
    return Attribution(who, "quoted", spans, "quote")


def unit_is_reported(unit: Unit, text: str, strict: bool = False) -> bool:
    """Konjunktiv I or a reportative modal outside quotes: the unit continues reported speech.

    `strict` accepts Konjunktiv I only, the mark of somebody's words rather than of hearsay ("soll").
    """
    inside = _inside_quote(unit.tokens, unit.quotes)
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
    if len(tokens) < 4 or tokens[0].lower not in ("das", "dies") or tokens[-1].text not in (".", "!"):
        return None
    inside = _inside_quote(tokens, unit.quotes)
    if any(len(text[q.start:q.end].split()) > 4 for q in unit.quotes) or any(
            t.text in (",", ":", ";") for t, q in zip(tokens, inside, strict=True) if not q):
        return None
    cues = [c for c in find_verb_cues(tokens, inside) if not _is_passive(c, tokens, inside)]
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
        if speaker is not None and not _speakerlike(speaker):
            speaker = None
    if speaker is None or not plausible_speaker(speaker):
        return None
    return Attribution(speaker, cues[0].lemma, [], "indirect")


WEAK_ANAPHORIC = frozenset({"sehen", "zeigen", "wissen", "loben", "begrüßen", "ablehnen", "nennen", "bezeichnen",
                            "kritisieren", "verurteilen", "zurückweisen", "bestreiten", "dementieren", "beschreiben"})
