"""Who speaks: the subject of a clause in front of or after its verb, and whether a phrase can speak at all."""

from __future__ import annotations

import re
from functools import lru_cache

import simplemma

from knowledge.extraction.attribution._clauses import (
    BOUNDARIES,
    COORDINATORS,
    QUOTE_CHARS,
    RELATIVES,
    REPORTED_FORMS,
    _skip_adverbials,
)
from knowledge.extraction.cues import AUXILIARIES, is_konjunktiv_i, lemma
from knowledge.extraction.lexicon import (
    ADVERBS,
    DETERMINERS,
    PREPOSITIONS,
    SUBJUNCTIVE_FORMS,
    SUBORDINATORS,
    organisation_head,
    role_head,
)
from knowledge.extraction.mentions import (
    LOWER_LED_COMPOUND,
    Mention,
    classify,
    first_name_gender,
    is_capitalised_word,
    is_time_phrase,
    looks_adjective,
    merge_appositions,
    np_extent,
    parse_forward,
    parse_prefield,
    strip_determiner,
)
from knowledge.extraction.text import Token

INITIALS = re.compile(r"(?:[A-ZÄÖÜ]\.)+(?:-?[A-ZÄÖÜ]\.)*")

IMPLAUSIBLE_HEAD = ("ung", "heit", "keit", "tion", "ismus", "tät", "nis", "ment", "schritt", "video", "bild", "bilder",
                    "zuversicht", "ansicht", "absicht", "kritik", "sorge", "freude")



#: Pronouns that stand for people who speak: "Beide betonten, …", "Einige forderten, …".
GROUP_PRONOUNS = frozenset({"alle", "beide", "einige", "viele", "manche", "mehrere", "andere", "wenige"})


@lru_cache(maxsize=4096)
def _capitalised_particle(word: str) -> bool:
    """An adverb or pronoun capitalised because it opens the sentence: its lemma is lower-case (unlike a noun's)
    and it has no inflected forms (unlike an adjective's, which many surnames are: "Klein", "Kurz")."""
    lem = simplemma.lemmatize(word, lang="de")
    if not lem[:1].islower() or not simplemma.is_known(word, lang="de") or word.lower() in GROUP_PRONOUNS:
        return False
    return not any(simplemma.is_known(lem + ending, lang="de") for ending in ("e", "en"))


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



def function_word_label(mention: Mention | None) -> bool:
    """ "Daran", "Zwar", "Von", "Hieß": a capitalised function word at the start of a sentence, not a speaker."""
    if mention is None or mention.pronoun:
        return False
    words = mention.label.split()
    if len(words) != 1:
        return False
    low = words[0].lower()
    return low in ADVERBS or low in PREPOSITIONS or low in SUBORDINATORS or low in _FUNCTION_WORDS or (
        mention.kind == "unknown" and lemma(low) != low and lemma(low).endswith(("en", "ern", "eln"))) \
        or _capitalised_particle(words[0])  # "Seinerzeit sei …", "Sehr viel deutet darauf hin, dass …"



_FUNCTION_WORDS = frozenset(
    "daran darum dafür dagegen damit danach daraus darin davor dazwischen zwar hieß heißt kämen wäre wären "
    "januar februar märz april mai juni juli august september oktober november dezember".split()
)



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
    if start < len(tokens) and (tokens[start].lower in ADVERBS or is_time_phrase(tokens, start)):
        return _subject_after_adverbial(tokens, start, text, inside)
    if start >= len(tokens) or tokens[start].lower in PREPOSITIONS | SUBORDINATORS:
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



def _subject_after_adverbial(tokens: list[Token], start: int, text: str, inside: list[bool]) -> Mention | None:
    """ "Heute hat die Staatsanwaltschaft … bekannt gegeben": after one adverbial, the verb, then its subject."""
    verb = start + (is_time_phrase(tokens, start) or 1)
    if verb + 1 >= len(tokens) or not tokens[verb].text[:1].islower() or inside[verb] \
            or tokens[verb].lower in ADVERBS | PREPOSITIONS | DETERMINERS | SUBJUNCTIVE_FORMS \
            or is_konjunktiv_i(tokens[verb].text):
        return None  # "Bisher habe die Regierung …" goes on with somebody's report
    if not (tokens[verb + 1].lower in DETERMINERS or is_capitalised_word(tokens[verb + 1])):
        return None
    mention, _ = _after_verb_subject(tokens, verb, text, inside)
    return mention if mention is not None and not mention.pronoun else None


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
            if seg and np_extent(seg, 0) == len(seg) and seg[0].lower not in RELATIVES:
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
