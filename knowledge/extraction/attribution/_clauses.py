"""The unit, the statements found in it, and the clause structure every frame reads.

Where a clause begins, where reported content begins after the verb, and which span of the
paragraph it covers.
"""

from __future__ import annotations

from dataclasses import dataclass

from knowledge.extraction.cues import AUXILIARIES, find_verb_cues, is_konjunktiv_i
from knowledge.extraction.lexicon import ADVERBS, DETERMINERS, PREPOSITIONS, SUBORDINATORS
from knowledge.extraction.mentions import Mention, is_capitalised_word, is_time_phrase, looks_adjective
from knowledge.extraction.quotes import QuoteSpan
from knowledge.extraction.stance import is_hedge
from knowledge.extraction.text import Token

BOUNDARIES = frozenset({",", ":", ";", "–", "—", "(", ")", "|"})

QUOTE_CHARS = frozenset("„“”\"»«‚‘’›‹")

COORDINATORS = frozenset({"und", "sondern", "aber", "oder", "doch", "sowie"})

RELATIVES = frozenset({"der", "die", "das", "welcher", "welche", "welches"})

#: Subordinators that open a clause with a subject of its own ("während der Verband fordert, …"), unlike those
#: opening reported content ("dass", "ob", "wie") or doubling as adverbs ("als Beispiel", "da", "so").
OWN_CLAUSE_SUBORDINATORS = SUBORDINATORS - {"dass", "daß", "ob", "wie", "als", "da", "so"}

#: Subordinators of time, cause and contrast: a clause they open frames the main clause, it is not what it reports.
ADVERBIAL_SUBORDINATORS = frozenset({"während", "als", "nachdem", "weil", "obwohl", "obgleich", "wenn", "bevor",
                                     "seit", "seitdem", "sobald", "solange", "indem", "wohingegen"})
#: Modals that mark what others say: "200 Stellen sollen wegfallen".
HEARSAY_MODALS = frozenset({"soll", "sollen", "solle", "sollte", "sollten"})
PREP_RELATIVES = frozenset({"dem", "der", "denen", "deren", "dessen", "welchem", "welcher"})



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



def inside_quote(tokens: list[Token], quotes: list[QuoteSpan]) -> list[bool]:
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



PASSIVE = frozenset(["wurde", "wurden", "worden", "wird", "werden", "würde", "würden"])



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



def _is_passive_unit(tokens: list[Token]) -> bool:
    return any(t.lower in ("worden", "wurde", "wurden", "wird", "werden") for t in tokens)



def _substantial(att: Attribution, text: str) -> bool:
    words = sum(len(text[a:b].split()) for a, b in att.spans)
    return words >= 2



def _has_complement(att: Attribution, text: str, unit: Unit) -> bool:
    for a, b in att.spans:
        chunk = text[a:b]
        if any(q.start >= a - 1 and q.end <= b + 1 for q in unit.quotes):
            return True
        words = {w.strip(".,;:") for w in chunk.split()}
        if "dass" in words or any(is_konjunktiv_i(w) for w in words) or _zu_infinitive(chunk.split()) \
                or chunk.split()[:1] == ["ob"]:
            return True  # ", ob Island Asyl gewähren sollte": an indirect question
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



#: Words after which a "zu" infinitive is no reported content: purpose ("um … zu") or a clause of its own
#: ("…, was viele dazu veranlasst, zu spekulieren").
_NO_INFINITIVE_OPENERS = frozenset({"um", "ohne", "statt", "anstatt", "was", "wo", "wer", "wie", "wobei", "womit",
                                    "wodurch", "weshalb", "warum", "wann"})


def _opens_infinitive(tokens: list[Token], m: int, inside: list[bool]) -> bool:
    """ ", … zu sein", ", davon geträumt zu haben": an infinitive clause after the comma at m, not one of purpose
    ("um … zu")."""
    if m + 1 >= len(tokens) or tokens[m].text != "," or inside[m]:
        return False
    words = _clause_words(tokens, m + 1, inside)
    if not words or words[0].lower() in _NO_INFINITIVE_OPENERS:
        return False
    for _ in range(2):  # "…, mit allen Parteien, auch der PCRM, verhandeln zu wollen": past an inserted phrase
        if _zu_infinitive(words):
            return True
        m += len(words) + 1
        if m + 1 >= len(tokens) or tokens[m].text != "," or tokens[m + 1].lower in _NO_INFINITIVE_OPENERS \
                or tokens[m + 1].lower in OWN_CLAUSE_SUBORDINATORS | RELATIVES | {"dass", "daß", "ob"}:
            return False
        words = _clause_words(tokens, m + 1, inside)
    return _zu_infinitive(words)


def _coordinated_verb(tokens: list[Token], anchor: int, end_tok: int, inside: list[bool]) -> bool:
    """A finite verb right after "und" whose complement follows at once: no subject of its own."""
    k = anchor - 1
    while k > 0 and tokens[k].lower in ADVERBS and not inside[k]:
        k -= 1
    if k < 1 or tokens[k].lower not in ("und", "sowie") or inside[k]:
        return False
    nxt = tokens[end_tok] if end_tok < len(tokens) else None
    return nxt is None or nxt.text in (",", ":") or nxt.text in QUOTE_CHARS or nxt.lower == "dass"



def _fronted_content(tokens: list[Token], left: int, inside: list[bool], unit: Unit) -> bool:
    """Whether what stands before "…, sagte X" is the statement rather than a fronted adverbial clause."""
    if left <= 0:
        return False
    first = tokens[0]
    if first.lower in ADVERBIAL_SUBORDINATORS and find_verb_cues(tokens[:left], inside[:left]):
        return False  # "Während X erklärte, …, räumte Y ein, …": X's clause is X's statement, not Y's
    if any(inside[:left]):
        return True
    words = [t.text for t in tokens[:left]]
    if any(is_konjunktiv_i(w) or w in REPORTED_FORMS for w in words):
        return True
    return not (first.lower in PREPOSITIONS or first.lower in SUBORDINATORS or is_time_phrase(tokens, 0))



def _complement_follows(tokens: list[Token], k: int, inside: list[bool]) -> bool:
    """After a clause-final verb: ", dass …", ", ob …", ": „…“", ", er habe …" or ", … zu tun"."""
    n = len(tokens)
    while k < n and tokens[k].lower in ("hat", "hatte", "habe", "haben", "hatten", "ist", "war", "sei", "wird"):
        k += 1
    if k >= n or tokens[k].text not in (",", ":"):
        return False
    nxt = tokens[k + 1] if k + 1 < n else None
    if nxt is None:
        return False
    if nxt.lower in ("dass", "daß", "ob") or inside[k + 1]:
        return True
    clause = []
    for t in tokens[k + 1:]:
        if t.text in BOUNDARIES:
            break
        clause.append(t.text)
    # a modal opening the clause makes a condition ("…, sollte X gewinnen"), not hearsay ("…, X solle gehen")
    return any(is_konjunktiv_i(w) or w in REPORTED_FORMS or (w in HEARSAY_MODALS and m > 0)
               for m, w in enumerate(clause)) or "zu" in clause or _zu_infinitive(clause)



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
            is_konjunktiv_i(w) for w in words[:3]) and not _article_noun_verb(words):
        return False  # relative clause on the noun before the comma
    return any(is_konjunktiv_i(w) or w in REPORTED_FORMS for w in words)



def _article_noun_verb(words: list[str]) -> bool:
    """ "die spanische Gesellschaft sei …": article, adjective, noun, Konjunktiv I — a reported main clause."""
    return len(words) >= 4 and words[1][:1].islower() and words[2][:1].isupper() and is_konjunktiv_i(words[3])


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


def _main_clause_after(tokens: list[Token], start: int, inside: list[bool]) -> int:
    """Where the main clause after a fronted subordinate one begins, so its words are no part of the content."""
    n = len(tokens)
    stop = start
    while stop < n and not (tokens[stop].text in (".", "!", "?", ";") and not inside[stop]):
        if tokens[stop].text == "," and not inside[stop] and stop + 2 < n \
                and tokens[stop + 1].text[:1].islower() and tokens[stop + 1].lower not in (
                    SUBORDINATORS | RELATIVES | COORDINATORS | PREPOSITIONS | ADVERBS) \
                and (tokens[stop + 1].lower in AUXILIARIES or tokens[stop + 2].lower in (
                    "er", "sie", "es", "man", "der", "die", "das", "ich", "wir", "dieser", "diese")):
            break  # ", meinte er …", ", hatte dieser …": the main clause
        stop += 1
    return stop
