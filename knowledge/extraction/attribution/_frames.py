"""Statements framed without a reporting verb in front of their content.

A colon handing over to a quotation, a that-clause, "als „…“", a saying noun ("die Ankündigung der X, …"),
"hieß es" and a person quoted without a verb.
"""

from __future__ import annotations

from knowledge.extraction.attribution._clauses import (
    COORDINATORS,
    RELATIVES,
    Attribution,
    Unit,
    _clause_left,
    _clause_words,
    _content,
    _hedged_start,
    _is_passive_unit,
    _zu_infinitive,
)
from knowledge.extraction.attribution._sources import _source_pp
from knowledge.extraction.attribution._subjects import (
    IMPLAUSIBLE_HEAD,
    _after_verb_subject,
    _clause_subject,
    _lower_lemma,
    _speakerlike,
    _subject_after_auxiliary,
    function_word_label,
    plausible_speaker,
)
from knowledge.extraction.cues import is_konjunktiv_i, lemma
from knowledge.extraction.lexicon import (
    ADVERBS,
    DETERMINERS,
    LEARNED_CUES,
    PREDICATIVE_VERBS,
    PREPOSITIONS,
    REPORTING_VERBS,
    SUBORDINATORS,
)
from knowledge.extraction.mentions import Mention, is_capitalised_word, looks_adjective, parse_forward
from knowledge.extraction.text import Token

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
        if i > 0:
            # "Zum Abschluss hieß es, dass …", "Vorerst hieß es dazu: …": an adverbial before the verb
            cut = next((k for k in range(i + 2, min(len(tokens) - 2, i + 8))
                        if tokens[k].text in (",", ":") and not inside[k]), None)
            if cut is None or any(t.text == "," and not q for t, q in zip(tokens[:i], inside[:i], strict=True)):
                return []
            spans, kind = _content(text, tokens[cut + 1].start, unit.end, unit.quotes)
            return [Attribution(None, tokens[i].text, spans, kind)] if spans else []
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
        if speaker is None or not plausible_speaker(speaker) or function_word_label(speaker):
            continue  # a that-clause nobody is named for is no statement of anybody's
        stop = tokens[end].end if end < n else unit.end
        after_speaker = next((k for k in range(left, m) if tokens[k].start >= speaker.end), m)
        if speaker.end <= tokens[m].start and _hedged_start(tokens, after_speaker, m, inside):
            a = tokens[after_speaker].start  # "X hält es für hochwahrscheinlich, dass …"
        spans, kind = _content(text, a, stop, unit.quotes)
        if spans:
            found.append(Attribution(speaker, "dass", spans, "indirect" if kind == "indirect" else kind))
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
        if speaker is not None and (speaker.kind != "person" or not speaker.name) and left >= 2 \
                and tokens[left - 1].text == ",":
            # "Erkki Tuomioja, Präsident des Rats der Europäischen Union: „…“": the office is the apposition
            named = parse_forward(tokens, _clause_left(tokens, left - 2, inside), text)
            if named is not None and named.kind == "person" and named.name and named.end >= speaker.end:
                speaker = named
        if speaker is None:
            speaker = _subject_after_auxiliary(tokens, left, k, text, inside, named=True)
        if speaker is None:  # "Derzeit steht in dem Gesetzentwurf: „…“": the document holds the words
            speaker = next((m for j in range(left, k) if (m := _source_pp(tokens, j, k, text)) is not None), None)
        if speaker is None:
            return None
        return Attribution(speaker, ":", [(quote.start, quote.end)], "quote")
    return None



#: Possessives opening a subject: "Seine Zuversicht", "Ihre Antwort" belong to a person named before.
OWNER_GENDER = {"sein": "m", "seine": "m", "ihr": "f", "ihre": "f"}


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
    return _adverb_or_owner(speaker) if speaker is not None and not speaker.pronoun else speaker


def _adverb_or_owner(speaker: Mention) -> Mention | None:
    """A subject that cannot speak: an adverb at the sentence start ("Derzeit steht im Entwurf: „…“") speaks for
    nobody; a view of somebody's ("Seine Zuversicht gründet sich auf …: „…“") is its owner's, a pronoun."""
    words = speaker.text.split()
    if len(words) == 1 and _lower_lemma(words[0]):
        return None
    owner = words[0].lower() if words else ""
    if owner in OWNER_GENDER and len(words) == 2 and words[1].lower().endswith(IMPLAUSIBLE_HEAD):
        return Mention(text=words[0], start=speaker.start, end=speaker.start + len(owner),
                       kind="person", gender=OWNER_GENDER[owner], pronoun=True)
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
