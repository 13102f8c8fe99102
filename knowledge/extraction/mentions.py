"""Speaker mentions: the noun phrase that names who said something, and what kind of speaker it is.

German news names speakers in a handful of shapes — "Verteidigungsminister Paul Berger",
"der Sprecher des Ministeriums, Jan Vogt,", "Frankreichs Nachrichtendienst",
"ein anonymer ukrainischer Beamter", "das Nachrichtenportal nv.ua". The parser walks tokens
with closed-class word lists and capitalisation, which needs no model and holds for any topic.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

import gender_guesser.detector as gender_detector
import simplemma

from knowledge.extraction.cues import lemma
from knowledge.extraction.lexicon import (
    ADVERBS,
    ANONYMOUS_HEADS,
    DETERMINERS,
    PREPOSITIONS,
    SUBORDINATORS,
    WEEKDAYS,
    media_head,
    organisation_head,
    role_head,
)
from knowledge.extraction.text import Token
from knowledge.model import SpeakerKind

NAME_PARTICLES = frozenset([
    "von", "van", "de", "da", "di", "del", "du", "la", "le", "al", "el", "bin", "ibn", "zu", "ten", "ter", "of",
    "on", "for", "the", "and", "y",
])
#: nouns that end a name: "das Weiße Haus Anfang dieses Monats"
NOT_NAME_NOUNS = frozenset([
    "anfang", "ende", "mitte", "beginn", "zeit", "jahr", "jahres", "woche", "monat", "monats", "tag", "tages",
])
MONTHS = frozenset({"januar", "februar", "märz", "april", "mai", "juni", "juli", "august", "september", "oktober",
                    "november", "dezember"})
AGE_NOUN = re.compile(r"\d+-[jJ]ährige[nr]?")
_ADJ_ENDINGS = ("e", "en", "er", "es", "em")
_NOT_ADJ = frozenset([
    "sich", "nicht", "nur", "noch", "auch", "schon", "wieder", "sehr", "diese", "dieser", "dieses", "jene", "jener",
])


@lru_cache(maxsize=1)
def _first_names() -> gender_detector.Detector:
    return gender_detector.Detector(case_sensitive=True)


def first_name_gender(word: str) -> str | None:
    """'m', 'f' or None when the word is not a known first name."""
    g = _first_names().get_gender(word)
    if g in ("male", "mostly_male"):
        return "m"
    if g in ("female", "mostly_female"):
        return "f"
    if g == "andy":
        return "?"
    return None


ARABIC_ARTICLE = re.compile(r"(?:al|el|ad|ar|as|at|an|ash)-[A-ZÄÖÜ]")
#: A noun compound led by a lowercase brand or acronym: "dpa-Korrespondent", "verdi-Verhandlungsführer".
LOWER_LED_COMPOUND = re.compile(r"[a-zäöü]{2,}-[A-ZÄÖÜ][a-zäöüß]{2,}")


def is_capitalised_word(tok: Token) -> bool:
    t = tok.text
    return (t[:1].isupper() and any(c.isalpha() for c in t)) or bool(ARABIC_ARTICLE.match(t)) \
        or bool(LOWER_LED_COMPOUND.fullmatch(t))  # "al-Dschasira"


def is_domain_name(tok: Token) -> bool:
    return bool(re.fullmatch(r"[a-z0-9\-]+(\.[a-z]{2,6})+", tok.text.lower())) and "." in tok.text


def looks_adjective(tok: Token) -> bool:
    low = tok.lower
    if low in _NOT_ADJ or low in DETERMINERS or low in PREPOSITIONS or low in SUBORDINATORS:
        return False
    if re.fullmatch(r"\d+-jährige[nmrs]?", tok.text):
        return True  # "der 84-jährige Küng"
    if not low.isalpha() and not re.fullmatch(r"[a-zäöüß]+(-[a-zäöüß]+)*|[A-ZÄÖÜ0-9]+-[a-zäöüß]+", tok.text):
        return False
    # lowercase inflected word, or a hyphenated "US-amerikanische"
    core = tok.text.split("-")[-1]
    if not (core[:1].islower() and low.endswith(_ADJ_ENDINGS) and len(low) > 3):
        return False
    # inflected verbs look like adjectives ("erklärte"); their lemma is an infinitive
    lem = lemma(core)
    return not (lem != core.lower() and lem.endswith(("en", "ern", "eln")) and not core.lower().startswith(lem))


@dataclass(slots=True)
class Mention:
    """A speaker as the text names it: verbatim span plus what the parser made of it."""

    text: str
    start: int
    end: int
    name: str | None = None  # personal or proper name inside the phrase
    role: str | None = None  # office or description
    kind: SpeakerKind = "unknown"
    gender: str | None = None
    pronoun: bool = False
    definite_role: bool = False  # "der Präsident": refers back to somebody named before
    parts: list[Mention] = field(default_factory=list)  # coordinated speakers

    @property
    def label(self) -> str:
        """How the speaker is called in claims: the name, else the description.

        A bare acronym of a body says little ("AP"); with its description it is recognisable
        ("Nachrichtenagentur AP").
        """
        if self.name and self.kind in ("media", "organisation") and len(self.name) <= 3 and self.role \
                and len(self.role.split()) <= 2:
            return f"{strip_determiner(self.role)} {self.name}"
        if self.name:
            return self.name
        return strip_determiner(self.role or self.text)


def strip_determiner(text: str) -> str:
    words = text.strip(" ,").split()
    while words and words[0].lower() in DETERMINERS:
        words = words[1:]
    return " ".join(words)


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
            if k > j and k < n and is_capitalised_word(tokens[k]) and not saw_head:
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


def pronoun_mention(tok: Token) -> Mention:
    gender = {"er": "m", "sie": "f", "dieser": "m", "diese": "f", "letzterer": "m", "letztere": "f"}.get(tok.lower)
    return Mention(text=tok.text, start=tok.start, end=tok.end, kind="person", gender=gender, pronoun=True)


def coordinate(parts: list[Mention], text: str) -> Mention:
    start, end = parts[0].start, parts[-1].end
    joined = Mention(text=text[start:end], start=start, end=end, parts=parts)
    if all(p.kind == "person" and p.name for p in parts):
        joined.kind = "person"
    else:
        joined.kind = "group"
        joined.role = " und ".join(p.label for p in parts)
    return joined


def merge_appositions(parts: list[Mention], text: str, start: int, end: int) -> Mention:
    """ "Der Sprecher …, Jan Vogt," is one speaker: the name from one part, the role from another."""
    if len(parts) == 1:
        return parts[0]
    named = next((p for p in parts if p.kind == "person" and p.name), None) or next(
        (p for p in parts if p.name), parts[0])
    roles = [p.role or p.text for p in parts if p is not named and (p.role or p.text)]
    merged = Mention(
        text=text[start:end], start=start, end=end, name=named.name, kind=named.kind,
        role="; ".join(r for r in [named.role, *roles] if r) or None, gender=named.gender,
    )
    if named.kind in ("unknown", "organisation") and any(
            p.kind == "person" or (not p.name and p.role and role_head(p.role.split()[0]))
            for p in parts if p is not named):
        merged.kind = "person"
    return merged


def classify(tokens: list[Token], text: str) -> Mention:
    """Split a phrase into role and name, and tell a person from an organisation or a group."""
    # "der Analyst X von der Denkfabrik Y": the person is X, the rest is their affiliation
    for k in range(1, len(tokens) - 1):
        if tokens[k].lower in ("von", "vom") and k + 1 < len(tokens) and (
                tokens[k + 1].lower in DETERMINERS or looks_adjective(tokens[k + 1]) or tokens[k].lower == "vom"):
            person = _classify(tokens[:k], text)
            if person.kind == "person" and person.name:
                affiliation = text[tokens[k].start:tokens[-1].end]
                person.role = f"{person.role} {affiliation}" if person.role else affiliation
                person.text = text[tokens[0].start:tokens[-1].end]
                person.end = tokens[-1].end
                return person
            break
    return _classify(tokens, text)


def _classify(tokens: list[Token], text: str) -> Mention:
    """Role, name and kind of a phrase with no affiliation split off."""
    start, end = tokens[0].start, tokens[-1].end
    phrase = text[start:end]
    words = _without_attribute_object([t for t in tokens if t.text != "-"])
    mention = Mention(text=phrase, start=start, end=end)
    first = words[0].lower if words else ""
    # the last role or organisation head; a name runs after it
    head_at = None
    for k, tok in enumerate(words):
        if is_capitalised_word(tok) and (role_head(tok.text) or organisation_head(tok.text)):
            head_at = k
    # a dictionary noun right before a first name and a surname is a title: "Gewerkschaftsvorstand Uwe Berg"
    titled = head_at is None and _title_before_name(words)
    if titled:
        head_at = next(k for k in range(len(words) - 2) if _is_title_at(words, k))
    anonymous = "anonym" in phrase.lower() or any(w.lower in ANONYMOUS_HEADS for w in words)
    if head_at is not None:
        _classify_by_head(mention, words, head_at, titled, anonymous, text)
        return mention
    if anonymous:
        mention.kind = "anonymous"
        mention.role = strip_determiner(phrase)
        return mention
    if words and AGE_NOUN.fullmatch(words[-1].text):
        mention.kind, mention.role = "person", strip_determiner(phrase)  # "der 39-Jährige"
        mention.gender = {"der": "m", "die": "f"}.get(first)
        return mention
    if _classify_as_name(mention, words, text):
        return mention
    mention.role = strip_determiner(phrase)
    plural = words[-1].lower.endswith(("en", "er", "ern")) if words else False
    mention.kind = "group" if plural else "unknown"
    return mention


def _without_attribute_object(words: list[Token]) -> list[Token]:
    """ "die das Unglück überlebende Anna Holm": the attribute's object is not part of the name."""
    if len(words) > 3 and words[0].lower in DETERMINERS and words[1].lower in DETERMINERS:
        adj = next((k for k in range(2, len(words) - 1) if looks_adjective(words[k])
                    and is_capitalised_word(words[k + 1])), None)
        if adj is not None:
            return [words[0], *words[adj:]]
    return words


def _classify_by_head(mention: Mention, words: list[Token], head_at: int, titled: bool, anonymous: bool,
                      text: str) -> None:
    """A phrase with a role or organisation head: the name after the head, and the kind the head tells."""
    head = words[head_at]
    name_tokens = _name_run(words, head_at + 1)
    role_tokens = words[:head_at + 1]
    role_text = text[role_tokens[0].start:role_tokens[-1].end] if role_tokens else None
    if name_tokens:
        mention.name = text[name_tokens[0].start:name_tokens[-1].end]
        mention.role = strip_determiner(role_text) if role_text else None
        if role_head(head.text) or titled:
            mention.kind = "person"
        elif media_head(head.text) or any(is_domain_name(t) or media_head(t.text) for t in name_tokens):
            mention.kind = "media"
        else:
            mention.kind = "organisation"
    else:
        mention.role = strip_determiner(mention.text)
        if role_head(head.text):
            _classify_unnamed_role(mention, words, head_at, anonymous)
        else:
            mention.kind = "anonymous" if anonymous else ("media" if media_head(head.text) else "organisation")
    mention.gender = _gender_of_role(head.text) or _gender_of_name(mention.name)


def _classify_unnamed_role(mention: Mention, words: list[Token], head_at: int, anonymous: bool) -> None:
    """A role without a name: somebody unnamed ("ein Diplomat"), several ("die Ermittler"), or one person
    named before ("der Präsident")."""
    head = words[head_at]
    first = words[0].lower if words else ""
    indefinite = first in ("ein", "eine", "einer", "eines", "einem", "einen", "mehrere", "einige")
    plural = (head.lower.endswith(("en", "ern", "innen")) and not head.lower.endswith("beamten")) or (
        first == "die" and head.lower.endswith("er")) or any(
        w.lower in ("beiden", "beide", "zwei", "drei", "vier") for w in words[:head_at])
    if indefinite or anonymous:
        mention.kind = "anonymous"
    elif plural or first in ("mehrere", "viele", "zahlreiche") or (head.lower.endswith("beamte") and \
            first not in ("der", "die", "ein", "eine")):
        mention.kind = "group"
    else:
        mention.kind = "person"
        mention.definite_role = first in ("der", "die", "dem", "den", "des") or not first


def _classify_as_name(mention: Mention, words: list[Token], text: str) -> bool:
    """No role word: a bare name ("Vogt", "Paul Berger", "Frankreich", "nv.ua"), when the phrase is one."""
    first = words[0].lower if words else ""
    lead = 0
    while lead < len(words) - 1 and (words[lead].lower in DETERMINERS or looks_adjective(words[lead])):
        lead += 1
    name_tokens = _name_run(words, lead)
    if not (name_tokens and len(name_tokens) == len(words) - lead):
        return False
    mention.name = text[name_tokens[0].start:name_tokens[-1].end]
    if any(is_domain_name(t) or media_head(t.text) for t in name_tokens):
        mention.kind = "media"
    elif first in DETERMINERS and lead >= 2 and len(name_tokens) >= 2 and first_name_gender(name_tokens[0].text):
        mention.kind = "person"  # "der 33-jährige Gianluigi Berg", "die junge Anna Holm"
    elif first in DETERMINERS:
        mention.kind = "organisation"  # "das Pentagon", "die Washington Post"
    elif len(name_tokens) >= 2 and (first_name_gender(name_tokens[0].text) or re.fullmatch(
            r"(?:[A-ZÄÖÜ]\.-?)+", name_tokens[0].text) or not any(
            _is_common_word(t.text) for t in name_tokens)):
        mention.kind = "person"
    else:
        mention.kind = "unknown"
    mention.gender = _gender_of_name(mention.name)
    return True


def _is_title_at(words: list[Token], k: int) -> bool:
    noun, given, family = words[k], words[k + 1], words[k + 2]
    return (is_capitalised_word(noun) and is_capitalised_word(given) and is_capitalised_word(family)
            and len(noun.text) > 3 and not first_name_gender(noun.text) and first_name_gender(given.text) in ("m", "f")
            and _is_common_noun(noun.text) and not organisation_head(noun.text))


def _is_common_noun(word: str) -> bool:
    """A dictionary noun, or a compound ending in one ("Gewerkschaftsvorstand" ends in "Vorstand")."""
    if _is_common_word(word):
        return True
    return any(simplemma.is_known(word[i:].capitalize(), lang="de") for i in range(3, len(word) - 4))


def _title_before_name(words: list[Token]) -> bool:
    return any(_is_title_at(words, k) for k in range(len(words) - 2))


def _is_common_word(word: str) -> bool:
    """A dictionary word ("Vorwürfe") rather than a name ("Vogt", "Jan-Erik")."""
    return (simplemma.is_known(word, lang="de") and not first_name_gender(word)) or (word.endswith("s") and \
        simplemma.is_known(word[:-1], lang="de"))


def _name_run(words: list[Token], k: int) -> list[Token]:
    run: list[Token] = []
    while k < len(words):
        tok = words[k]
        if is_capitalised_word(tok) or is_domain_name(tok):
            if role_head(tok.text) and not run:
                k += 1
                continue
            if tok.lower in PREPOSITIONS:
                break
            run.append(tok)
        elif run and tok.lower in ("von", "van") and k + 2 < len(words) and words[k + 1].lower in ("der", "den") \
                and is_capitalised_word(words[k + 2]) and first_name_gender(run[0].text) in ("m", "f") \
                and not organisation_head(words[k + 2].text) and not role_head(words[k + 2].text) \
                and (k + 3 == len(words) or not is_capitalised_word(words[k + 3])):
            run.extend(words[k:k + 3])  # "Ursula von der Leyen", "Anna van der Berg"
            k += 3
            continue
        elif run and tok.lower in NAME_PARTICLES and k + 1 < len(words) and is_capitalised_word(words[k + 1]):
            if tok.lower == "von" and k + 1 < len(words) and words[k + 1].lower in DETERMINERS:
                break
            if tok.lower == "von" and k + 2 < len(words) and words[k + 1].lower in ("der", "den") and \
                    organisation_head(words[-1].text):
                break
            run.append(tok)
        else:
            break
        k += 1
    while run and run[-1].lower in NAME_PARTICLES:
        run.pop()
    return run


def _gender_of_role(word: str) -> str | None:
    low = word.lower()
    if low.endswith(("in", "innen")) and role_head(word):
        return "f"
    if role_head(word):
        return "m"
    return None


def _gender_of_name(name: str | None) -> str | None:
    if not name:
        return None
    g = first_name_gender(name.split()[0])
    return g if g in ("m", "f") else None


def is_time_phrase(tokens: list[Token], i: int) -> int:
    """Length of a time adverbial starting at i ("am Montag", "letzte Woche"), 0 when none."""
    n = len(tokens)
    if i + 1 < n and tokens[i].lower in ("am", "im", "vom", "seit") and (
            tokens[i + 1].lower in WEEKDAYS or tokens[i + 1].text[:1].isdigit()):
        k = i + 2
        while k < n and (tokens[k].text[:1].isdigit() or tokens[k].text in (".",) or tokens[k].lower in (
                "januar", "februar", "märz", "april", "mai", "juni", "juli", "august", "september",
                "oktober", "november", "dezember")):
            k += 1
        return k - i
    if i + 1 < n and tokens[i].lower in ("letzte", "letzten", "vergangene", "vergangenen", "diese", "dieser",
                                         "kommende", "nächste") and (
            tokens[i + 1].lower in ("woche", "monat", "jahr", "jahres", "wochenende", "tage")
            or tokens[i + 1].lower in MONTHS):
        return 2
    if i + 1 < n and tokens[i].lower in ("ende", "anfang", "mitte") and (
            tokens[i + 1].lower in MONTHS or tokens[i + 1].lower in ("des", "der", "dieses", "vergangenen", "letzten")):
        k = i + 2 if tokens[i + 1].lower in MONTHS else i + 3
        while k < n and tokens[k].text[:1].isdigit():
            k += 1
        return min(k, n) - i
    if i < n and tokens[i].lower in WEEKDAYS:
        return 1
    return 0
