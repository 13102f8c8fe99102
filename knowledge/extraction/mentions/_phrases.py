"""Where a speaker's noun phrase begins and ends: after a verb, in front of it, or before a relative clause."""

from __future__ import annotations

from knowledge.extraction.cues import lemma
from knowledge.extraction.lexicon import (
    ADVERBS,
    DETERMINERS,
    PREPOSITIONS,
    SUBORDINATORS,
    media_head,
    organisation_head,
)
from knowledge.extraction.mentions._classify import classify
from knowledge.extraction.mentions._mention import (
    Mention,
    coordinate,
    merge_appositions,
    pronoun_mention,
    strip_determiner,
)
from knowledge.extraction.mentions._words import (
    AGE_NOUN,
    NAME_PARTICLES,
    NOT_NAME_NOUNS,
    is_capitalised_word,
    is_domain_name,
    looks_adjective,
)
from knowledge.extraction.text import Token
from knowledge.model import SpeakerKind


def np_extent(tokens: list[Token], i: int, allow_comma_adjectives: bool = False) -> int:
    """Index after the noun phrase that starts at i (i when there is none)."""
    n = len(tokens)
    j = i
    saw_head = False
    while j < n:
        tok = tokens[j]
        low = tok.lower
        if low in DETERMINERS and not saw_head:
            j, saw_head = _past_determiner(tokens, i, j)
            continue
        if not saw_head and AGE_NOUN.fullmatch(tok.text):
            saw_head = True  # "der 39-Jährige"
            j += 1
            continue
        if low in DETERMINERS and saw_head and low in ("des", "der") and j + 1 < n:
            # genitive attribute: "der Sprecher des Weißen Hauses"
            k = j + 1
            while k < n and looks_adjective(tokens[k]):
                k += 1
            if k < n and is_capitalised_word(tokens[k]):
                j = k
                continue
            break
        if looks_adjective(tok) or _capitalised_adjective(tok):
            # an adjective must lead to a noun
            k = _past_adjectives(tokens, j, allow_comma_adjectives)
            if k > j and k < n and is_capitalised_word(tokens[k]) and (not saw_head or _saxon_genitive(tokens, i, j)):
                j = k
                continue
            if not is_capitalised_word(tok):
                break
        if is_capitalised_word(tok) or is_domain_name(tok):
            if low in PREPOSITIONS or low in SUBORDINATORS or low in ADVERBS or (saw_head and low in NOT_NAME_NOUNS):
                break
            saw_head = True
            j += 1
            continue
        if saw_head and low in NAME_PARTICLES and j + 1 < n:
            after = _past_name_particle(tokens, j)
            if after is None:
                break
            j = after
            continue
        if tok.text == "-" and saw_head and j + 1 < n and is_capitalised_word(tokens[j + 1]):
            j += 1
            continue
        break
    return j



def _saxon_genitive(tokens: list[Token], i: int, j: int) -> bool:
    """Whether the phrase so far is one genitive name that an adjective and noun follow: "Berlins früherer
    Bürgermeister …", "Deutschlands ehemaliger Außenminister …"; an inflected adjective, not a number ("Reuters
    vier Menschen")."""
    return j == i + 1 and tokens[i].text.endswith("s") and tokens[i].text[:1].isupper() and len(tokens[i].text) > 3 \
        and lemma(tokens[j].text) != tokens[j].lower


def _past_determiner(tokens: list[Token], i: int, j: int) -> tuple[int, bool]:
    """Past the determiner at j, and past an extended attribute after it, which ends in the phrase's head:
    the index reached and whether the head was passed."""
    n = len(tokens)
    j += 1
    if j < n and tokens[j].lower in DETERMINERS and j == i + 1:
        # extended attribute with an object: "die das Unglück überlebende Alice Kakamara"
        k = _attribute_adjective(tokens, j, 6)
        if k is not None and k > j + 1:
            return k + 1, True
        return j, False
    if j < n and tokens[j].lower in PREPOSITIONS:
        # extended attribute: "der für die Region zuständige Koordinator"
        k = _attribute_adjective(tokens, j, 8)
        if k is not None:
            return k + 1, True
    return j, False



def _attribute_adjective(tokens: list[Token], j: int, reach: int) -> int | None:
    """The adjective before a capitalised noun that closes an extended attribute opened at j, within reach."""
    n = len(tokens)
    k = j + 1
    while k < min(n, j + reach) and tokens[k].text not in (",", ".", ":", ";", "(", ")") and not (
            looks_adjective(tokens[k]) and k + 1 < n and is_capitalised_word(tokens[k + 1])):
        k += 1
    if k < min(n, j + reach) and looks_adjective(tokens[k]) and k + 1 < n and is_capitalised_word(tokens[k + 1]):
        return k
    return None



def _capitalised_adjective(tok: Token) -> bool:
    """ "Französische", "Amerikanischen": an adjective of origin, capitalised at the start of a sentence."""
    return tok.text[:1].isupper() and tok.lower.endswith(("ische", "ischen", "ischer"))



def _past_adjectives(tokens: list[Token], j: int, allow_comma_adjectives: bool) -> int:
    """The index after a run of adjectives starting at j ("der frühere, langjährige" with commas allowed)."""
    n = len(tokens)
    k = j
    while k < n and (looks_adjective(tokens[k]) or (allow_comma_adjectives and tokens[k].text in (",", "und"))
                     or _capitalised_adjective(tokens[k])):
        k += 1
    return k



def _past_name_particle(tokens: list[Token], j: int) -> int | None:
    """Where the phrase goes on after the particle at j: a name ("Ursula von der Leyen"), an affiliation
    ("von der rechten Denkfabrik X"); None when the phrase ends before it."""
    n = len(tokens)
    low = tokens[j].lower
    k = j + 1
    while k < n and tokens[k].lower in NAME_PARTICLES | ({"der", "den", "des", "dem"} if low in (
            "von", "van", "de") else set()):
        k += 1
    if k < n and is_capitalised_word(tokens[k]) and tokens[k].lower not in PREPOSITIONS:
        return k
    # "von der rechten Denkfabrik X": affiliation
    # (an article or a name must follow: "spricht von weniger Krawallen" is no affiliation)
    if low == "von" and j + 1 < n and (tokens[j + 1].lower in ("der", "dem", "den", "des")
                                       or is_capitalised_word(tokens[j + 1])):
        k = j + 1
        while k < n and (tokens[k].lower in DETERMINERS or looks_adjective(tokens[k])):
            k += 1
        if k < n and is_capitalised_word(tokens[k]):
            return k
    return None



def parse_forward(tokens: list[Token], i: int, text: str, *, allow_apposition: bool = True,
                  allow_comma_adjectives: bool = False) -> Mention | None:
    """The speaker phrase starting at token i, with appositions and coordination."""
    n = len(tokens)
    if i >= n:
        return None
    first = tokens[i]
    if first.lower in ("er", "sie", "ich", "wir", "letzterer", "letztere") or (
            first.lower in ("dieser", "diese") and not (i + 1 < n and (is_capitalised_word(tokens[i + 1])
                                                                       or looks_adjective(tokens[i + 1])))):
        return pronoun_mention(first)
    end = np_extent(tokens, i, allow_comma_adjectives)
    if end == i:
        return None
    parts = [classify(tokens[i:end], text)]
    titled = _quoted_title(tokens, end, text, parts[0])
    if titled is not None:
        parts[0], end = titled
    # apposition: ", Jan Vogt," or ", ein großer Waffenexporteur,"
    while allow_apposition and end + 1 < n and tokens[end].text == ",":
        app_end = np_extent(tokens, end + 1)
        if app_end == end + 1 or app_end >= n or tokens[app_end].text not in (",", ".", ":", ";"):
            break
        if tokens[end + 1].lower in ("der", "die", "das") and app_end < n and tokens[app_end].text != ",":
            break
        parts.append(classify(tokens[end + 1 : app_end], text))
        end = app_end + (1 if tokens[app_end].text == "," else 0)
        if tokens[app_end].text != ",":
            break
    # coordination: "Berger und Vogt"
    while end + 1 < n and tokens[end].lower == "und":
        nxt = np_extent(tokens, end + 1)
        if nxt == end + 1:
            break
        coordinated = classify(tokens[end + 1 : nxt], text)
        main = merge_appositions(parts, text, tokens[i].start, tokens[end - 1].end)
        return coordinate([main, coordinated], text)
    return merge_appositions(parts, text, tokens[i].start, tokens[end - 1].end)



OPENING_QUOTES = "„“\"»‚"

CLOSING_QUOTES = "“”\"«‘’"



def _quoted_title(tokens: list[Token], end: int, text: str, mention: Mention) -> tuple[Mention, int] | None:
    """ "die Zeitung „Yemen Observer“", "die Organisation „Iceland Nature Association“": the title names the body."""
    words = (mention.role or mention.text).split()
    if mention.name or not words or end >= len(tokens) or tokens[end].text[:1] not in OPENING_QUOTES:
        return None
    last = words[-1]
    if not (media_head(last) or organisation_head(last)):
        return None
    close = next((k for k in range(end + 1, min(len(tokens), end + 8)) if tokens[k].text[-1:] in CLOSING_QUOTES),
                 None)
    if close is None or close == end + 1 or not is_capitalised_word(tokens[end + 1]):
        return None
    whole = text[mention.start:tokens[close].end]
    cut = next((k for k in range(1, len(words)) if words[k].lower() in ("des", "der", "von", "vom")), None)
    if cut is not None and not (media_head(words[cut - 1]) or organisation_head(words[cut - 1])):
        # "der Mitarbeiter der Firma „Nordlicht“": the title names the body the speaker belongs to
        return Mention(text=whole, start=mention.start, end=tokens[close].end, role=strip_determiner(whole),
                       kind=mention.kind, gender=mention.gender, definite_role=mention.definite_role), close + 1
    title = text[tokens[end + 1].start:tokens[close - 1].end]
    kind: SpeakerKind = "media" if media_head(last) else "organisation"
    return Mention(text=whole, start=mention.start, end=tokens[close].end,
                   name=title, role=strip_determiner(mention.role or mention.text), kind=kind), close + 1



def parse_prefield(tokens: list[Token], text: str) -> Mention | None:
    """The subject in front of a finite verb: a phrase, perhaps with appositions or relative clauses."""
    if not tokens:
        return None
    if len(tokens) == 1 and tokens[0].lower in ("er", "sie", "ich", "wir", "dieser", "diese"):
        return pronoun_mention(tokens[0])
    segments: list[list[Token]] = [[]]
    for tok in tokens:
        if tok.text == ",":
            segments.append([])
        else:
            segments[-1].append(tok)
    parts: list[Mention] = []
    first_segment, start = 0, tokens[0].start
    for k, seg in enumerate(segments):
        if not seg:
            continue
        if k > 0 and seg[0].lower in ("doch", "aber", "sondern") and len(seg) > 1:
            # "X sagte …, doch Sprecher Y erklärte": a new clause with its own subject begins
            parts, seg, first_segment = [], seg[1:], k
            start = seg[0].start
        if k > 0 and seg[0].lower in ("der", "die", "das", "welcher", "welche", "die", "dessen", "deren") and \
                any(t.text[:1].islower() and t.lower not in DETERMINERS and not looks_adjective(t) for t in seg[1:]):
            continue  # relative clause: "Ukrainische Beamte, die anonym bleiben wollten,"
        if seg[0].lower in SUBORDINATORS:
            continue
        end = np_extent(seg, 0, allow_comma_adjectives=True)
        if end == 0:
            if k == 0:
                return None
            continue
        if end < len(seg) and seg[end].lower == "und":
            sub = parse_forward(seg, 0, text, allow_apposition=False)
            if sub:
                parts.append(sub)
            continue
        if end < len(seg) and not _title_or_bracket(seg[end:]):
            if k == first_segment:
                return None  # something else stands in front of the verb
            continue  # no apposition: "X, Annabi sei tot, …"
        phrase = classify(seg[:end], text)
        titled = _quoted_title(seg, end, text, phrase) if end < len(seg) else None
        parts.append(titled[0] if titled else phrase)
    if not parts:
        return None
    if len(parts) == 1 and parts[0].parts:
        return parts[0]
    return merge_appositions(parts, text, start, tokens[-1].end)



def _title_or_bracket(rest: list[Token]) -> bool:
    """What may follow a noun phrase inside an apposition: a quoted name, a bracketed acronym ("„…“ (Inca)")."""
    return all(t.text in OPENING_QUOTES or t.text in CLOSING_QUOTES or t.text in ("(", ")") or is_capitalised_word(t)
               or t.text[:1].isupper() for t in rest)



def parse_backward(tokens: list[Token], end: int, text: str) -> Mention | None:
    """The phrase that ends just before token `end` (the antecedent of a relative clause)."""
    if end <= 0 or not is_capitalised_word(tokens[end - 1]):
        return None
    start = end
    while start > 0 and (
        is_capitalised_word(tokens[start - 1])
        or looks_adjective(tokens[start - 1])
        or tokens[start - 1].lower in DETERMINERS
        or tokens[start - 1].text == "-"
        or (tokens[start - 1].lower in NAME_PARTICLES and start - 2 >= 0 and is_capitalised_word(tokens[start - 2]))
    ):
        start -= 1
        if tokens[start].lower in DETERMINERS:
            break
    if start == end:
        return None
    return classify(tokens[start:end], text)
