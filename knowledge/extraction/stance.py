"""How a speaker stands to what a claim reports: asserts it, denies it, or refuses to vouch for it.

"X bestritt, dass …", "X wies Berichte zurück, wonach …" or "X bestätigte nicht, dass …" report
content the speaker rejects; "X lehnte es ab, … zu bestätigen", "X weigerte sich, … zu nennen" or
"X wollte nicht bestätigen, dass …" report content the speaker would not vouch for. Cut out of its
frame, such content reads as the speaker's own assertion, so the frame is read here: the verb
lemmas of the clause that governs the content and the negation words in it.
"""

from __future__ import annotations

from dataclasses import dataclass

from knowledge.extraction.cues import AUXILIARIES, lemma
from knowledge.extraction.quotes import QuoteSpan
from knowledge.extraction.text import Token
from knowledge.model import Stance

#: Verbs whose complement or object is what the speaker says is not so.
DENIAL_VERBS = frozenset({"bestreiten", "abstreiten", "dementieren", "zurückweisen", "leugnen", "verneinen",
                          "widersprechen", "abweisen"})
#: Verbs whose zu-infinitive is what the speaker would not do ("lehnte es ab, … zu bestätigen").
REFUSAL_VERBS = frozenset({"ablehnen", "weigern", "verweigern"})
#: Verbs that, negated, withhold confirmation: "bestätigte nicht, dass …" is the denial the reader needs.
CONFIRMING_VERBS = frozenset({"bestätigen", "einräumen", "zugeben", "eingestehen", "zugestehen", "bekräftigen"})
#: Verbs that, with "wollte nicht", decline to say: "wollte sich nicht dazu äußern, ob …".
COMMENTING_VERBS = frozenset({"kommentieren", "sagen", "äußern", "nennen", "mitteilen", "bekanntgeben", "angeben",
                              "erklären", "sprechen", "verraten", "preisgeben", "beantworten"})
WILLING_MODALS = frozenset({"wollen", "mögen"})
NEGATIONS = frozenset({"nicht", "kein", "keine", "keinen", "keinem", "keiner", "keines", "keineswegs", "keinesfalls",
                       "nie", "niemals", "weder"})
#: Negations of the verb itself; "kein" negates a noun ("räumte keine Chance ein" is no refusal to concede).
VERB_NEGATIONS = frozenset({"nicht", "keineswegs", "keinesfalls", "nie", "niemals", "weder", "mitnichten"})
#: Coordinators that start a clause of their own: "bestätigte X nicht und nannte sie …".
COORDINATORS = frozenset({"und", "sondern", "aber", "oder", "doch", "sowie", "jedoch"})
#: Content opened by one of these is the speaker's reason or condition, not what is denied: "…, da er …".
ADVERBIAL_OPENERS = frozenset({"da", "weil", "denn", "obwohl", "obgleich", "wenn", "falls", "als", "nachdem",
                               "während", "um", "damit", "sodass", "indem", "bevor", "seit", "seitdem"})
#: "nicht nur", "nicht zuletzt": a negation that scopes over a focus, not over the verb
FOCUS_AFTER_NEGATION = frozenset({"nur", "allein", "zuletzt", "erst", "bloß", "lediglich"})
#: Words that open a complement clause; they belong neither to the frame nor change the stance.
COMPLEMENTIZERS = frozenset({"dass", "daß", "ob", "wonach", "wie"})
#: Particles of separable verbs written apart: "wies … zurück", "lehnte es … ab", "stritt … ab".
PARTICLES = frozenset({"zurück", "ab", "ein", "zu", "aus"})
CLAUSE_ENDS = frozenset({",", ";", ":", ".", "!", "?", "–", "—"})
QUOTE_MARKS = frozenset("„“”\"»«‚‘’›‹")
#: Cues that are not verbs of the speaker: the speaker is named by a preposition or carried over.
NON_VERBAL_CUES = frozenset({"continued", "subject", "laut", "nach", "zufolge", "so", "heißt", "hieß", "geheißen",
                             "berufung", ":", "quoted", "zitieren", "gemäß"})


@dataclass(frozen=True, slots=True)
class StanceFrame:
    """A stance and where its frame begins, so that a claim can carry the words that carry the stance."""

    stance: Stance
    start: int  # paragraph offset of the frame's first verb ("lehnte es ab, …", "wollte nicht bestätigen, …")
    negated: bool  # the stance rests on a negation or refusal, not on a denial verb alone


def _inside(tok: Token, quotes: list[QuoteSpan]) -> bool:
    return any(q.start <= tok.start and tok.end <= q.end for q in quotes)


def _clause_before(tokens: list[Token], first: int, quotes: list[QuoteSpan]) -> tuple[list[Token], bool]:
    """The clause in front of token `first` (the content's start) and whether a colon hands over to the content.

    One boundary and the complementizer right before the content are skipped: "X bestritt, dass …".
    """
    j = first - 1
    while j >= 0 and tokens[j].lower in COMPLEMENTIZERS and not _inside(tokens[j], quotes):
        j -= 1
    colon = False
    if j >= 0 and tokens[j].text in CLAUSE_ENDS and not _inside(tokens[j], quotes):
        colon = tokens[j].text == ":"
        j -= 1
    frame: list[Token] = []
    while j >= 0:
        tok = tokens[j]
        quoted = _inside(tok, quotes)
        if not quoted and (tok.text in CLAUSE_ENDS or (tok.lower in COORDINATORS and frame)):
            break
        if not quoted and tok.text not in QUOTE_MARKS:
            frame.append(tok)
        j -= 1
    frame.reverse()
    return frame, colon


def _clause_after(tokens: list[Token], last: int, quotes: list[QuoteSpan]) -> list[Token]:
    """The clause after token `last` (the content's end), up to the next boundary."""
    frame: list[Token] = []
    k = last + 1
    if k < len(tokens) and tokens[k].text == "," and not _inside(tokens[k], quotes):
        k += 1  # "„…“, dementierte X"
    for tok in tokens[k:]:
        quoted = _inside(tok, quotes)
        if not quoted and tok.text in CLAUSE_ENDS:
            break
        if not quoted and tok.text not in QUOTE_MARKS:
            frame.append(tok)
    return frame


def _verb_lemmas(frame: list[Token]) -> set[str]:
    """Lemmas of the frame, with separable particles joined to their verb ("wies … zurück" → zurückweisen)."""
    lemmas = {lemma(t.text) for t in frame if t.text.isalpha()}
    particles = {t.lower for t in frame if t.lower in PARTICLES}
    lemmas |= {p + lem for p in particles for lem in list(lemmas)}
    return lemmas


def _is_cue_verb(tok: Token, cue: str | None) -> bool:
    """Whether a token is the reporting verb itself or the finite verb in front of it ("hat … bestritten")."""
    lem = lemma(tok.text)
    return tok.lower in AUXILIARIES or lem in WILLING_MODALS or (cue is not None and len(lem) >= 4
                                                                  and (lem == cue or cue.endswith(lem)))


def _negated(frame: list[Token]) -> bool:
    for k, tok in enumerate(frame):
        if tok.lower in VERB_NEGATIONS:
            nxt = frame[k + 1].lower if k + 1 < len(frame) else ""
            if nxt not in FOCUS_AFTER_NEGATION:
                return True
    return False


def _zu_infinitive(words: list[Token]) -> bool:
    """ "… zu bestätigen", "… abzuziehen": the content is what the speaker would (not) do."""
    for k, tok in enumerate(words):
        low = tok.lower
        if low == "zu" and k + 1 < len(words) and words[k + 1].lower.endswith(("en", "ern", "eln", "tun", "sein")):
            return True
        if any(low.startswith(p + "zu") for p in PARTICLES | {"an", "auf", "bei", "fest", "mit", "vor", "weg",
                                                              "nach", "dar", "her", "hin", "bekannt"}) \
                and low.endswith(("en", "ern", "eln")) and len(low) > 6 and lemma(low) != low:
            return True
    return False


def _frame_start(frame: list[Token], verbs: frozenset[str]) -> int | None:
    """The frame's first verb (finite verb, modal or the stance verb): where a shown frame begins."""
    particles = {t.lower for t in frame if t.lower in PARTICLES}
    for tok in frame:
        lem = lemma(tok.text)
        if tok.lower in AUXILIARIES or lem in WILLING_MODALS or lem in verbs or any(p + lem in verbs
                                                                                    for p in particles):
            return tok.start
    return None


def stance_frame(cue: str | None, tokens: list[Token], quotes: list[QuoteSpan],
                 spans: list[tuple[int, int]]) -> StanceFrame | None:
    """The stance of the speaker towards the content at `spans`, read from the clause that governs it.

    Content in front of its reporting clause ("„…“, dementierte X", "Es gebe keine Pläne, wies X zurück")
    is the speaker's own wording and so asserted, unless it is the question the speaker answered
    ("Auf die Frage, ob …, verneinte er"); so is a rebuttal after a colon ("wies die Vorwürfe zurück: …").
    """
    if not spans or not tokens or cue in NON_VERBAL_CUES:
        return None
    a, b = spans[0][0], spans[-1][1]
    first = next((k for k, t in enumerate(tokens) if t.start >= a), None)
    last = max((k for k, t in enumerate(tokens) if t.end <= b), default=None)
    if first is None or last is None:
        return None
    content = [t for t in tokens[first:last + 1] if not _inside(t, quotes)]
    if content and content[0].lower in ADVERBIAL_OPENERS:
        return None
    before, colon = _clause_before(tokens, first, quotes)
    if content and _is_cue_verb(content[0], cue):
        # the content was widened to its verb for a hedge ("bestätigte nicht, dass …"): the verb's clause is the frame
        lead = next((k for k, t in enumerate(content) if t.text in CLAUSE_ENDS), len(content))
        before, content = before + content[:lead], content[lead:]
    fronted = False
    if not before or not (_verb_lemmas(before) & (DENIAL_VERBS | REFUSAL_VERBS | CONFIRMING_VERBS | COMMENTING_VERBS
                                                   | {cue or ""}) or any(t.lower == "abrede" for t in before)):
        # no governing verb in front: "„…“, dementierte X" or verb-final "…, dass X die Vorwürfe nicht bestritt"
        after = _clause_after(tokens, last, quotes)
        follows_directly = last + 1 < len(tokens) and tokens[last + 1].text not in CLAUSE_ENDS
        if follows_directly:
            before = content + after  # the content is the verb's object, its negation scopes over the verb
        else:
            fronted = not any(t.lower == "ob" for t in content)
            before = after
    if colon or fronted or not before:
        return None
    stance, by_negation = _stance_of(before, content)
    if stance is None:
        return None
    start = _frame_start(before, DENIAL_VERBS | REFUSAL_VERBS | CONFIRMING_VERBS | COMMENTING_VERBS)
    return StanceFrame(stance, start if start is not None and start < a else a, by_negation)


def object_stance(tokens: list[Token], quotes: list[QuoteSpan]) -> Stance | None:
    """The stance of a sentence whose reporting verb takes what it reports as its object: "Das Ministerium
    bestätigte die Zahl von 11.000 nicht" withholds the number, "bestritt die Zahl" denies it."""
    clause = [t for t in tokens if not _inside(t, quotes)]
    return _stance_of(clause, clause)[0]


def _stance_of(before: list[Token], content: list[Token]) -> tuple[Stance | None, bool]:
    """The stance the governing clause `before` takes, and whether a negation made it so."""
    lemmas = _verb_lemmas(before)
    negated = _negated(before)
    neither = any(t.lower == "weder" for t in before) and any(t.lower == "noch" for t in before)
    willing = bool(lemmas & WILLING_MODALS)
    denial = bool(lemmas & DENIAL_VERBS) or any(t.lower == "abrede" for t in before) or (
        "weisen" in lemmas and any(t.lower == "sich" for t in before) and any(t.lower == "von" for t in before))
    stance: Stance | None = None
    by_negation = True
    if denial:
        if neither:
            stance = "refuses"  # "weder bestätigt noch dementiert"
        elif not negated:
            stance, by_negation = "denies", False
    elif lemmas & REFUSAL_VERBS:
        if not negated and _zu_infinitive(content):
            stance = "refuses"
    elif lemmas & CONFIRMING_VERBS:
        if negated:
            stance = "refuses" if willing or neither else "denies"
    elif lemmas & COMMENTING_VERBS and negated and willing:
        stance = "refuses"  # "wollte nicht sagen, ob …"
    return stance, by_negation


#: Qualifiers that turn what a clause reports: a hedge or negation in front of the content belongs to it
#: ("hält es für hochwahrscheinlich, dass …", "sagte nicht, dass …").
HEDGES = frozenset({"angeblich", "vermutlich", "möglicherweise", "mutmaßlich", "eventuell", "vielleicht", "möglich",
                    "unmöglich", "denkbar", "undenkbar", "vorstellbar", "unvorstellbar", "ausgeschlossen",
                    "auszuschließen", "fraglich", "zweifelhaft", "unklar", "unsicher", "kaum", "womöglich",
                    "offenbar", "anscheinend", "scheinbar", "plausibel", "unplausibel"}) | NEGATIONS


def is_hedge(word: str) -> bool:
    """A word whose loss would turn the meaning of reported content: "wahrscheinlich", "angeblich", "nicht"."""
    low = word.lower()
    return low in HEDGES or low.endswith("wahrscheinlich")
