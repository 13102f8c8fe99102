"""Sources named by a preposition or a frame.

"laut X", "X zufolge", "nach Angaben der X", "unter Berufung auf X", "…, so X", "in dem Bericht heißt es".
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

from knowledge.extraction.attribution._clauses import (
    BOUNDARIES,
    COORDINATORS,
    PREP_RELATIVES,
    QUOTE_CHARS,
    RELATIVES,
    _clause_left,
)
from knowledge.extraction.attribution._subjects import _quoted_source, plausible_speaker
from knowledge.extraction.cues import is_attribution_noun
from knowledge.extraction.lexicon import (
    ADVERBS,
    DETERMINERS,
    PREPOSITIONS,
    SUBORDINATORS,
    media_head,
    organisation_head,
    role_head,
)
from knowledge.extraction.mentions import (
    Mention,
    classify,
    first_name_gender,
    is_capitalised_word,
    looks_adjective,
    parse_backward,
    parse_forward,
)
from knowledge.extraction.text import Token


def _source_pp(tokens: list[Token], left: int, stop: int, text: str) -> Mention | None:
    """ "In einem Bericht der Zeitung wurde vermutet, …", "Aus Militärkreisen verlautete, …", "Auf der Homepage
    des Festivals heißt es, …": a document, site or body named in a prepositional phrase in front of the verb."""
    while left < stop and tokens[left].lower in ("so", "auch", "und", "aber"):
        left += 1
    if left + 1 >= stop or tokens[left].lower not in ("in", "im", "aus", "bei", "beim", "seitens", "auf"):
        return None
    mention = parse_forward(tokens, left + 1, text, allow_apposition=False)
    if mention is None or mention.end > tokens[stop - 1].end or mention.pronoun:
        return None
    words = (mention.role or mention.label).split()
    head = next((w for w in words if w[:1].isupper()), "")
    site = any(w.lower().endswith(SITE_HEADS) for w in words)
    if tokens[left].lower == "auf":  # "auf der Pressekonferenz" is where, "auf der Homepage" is a text
        return mention if site else None
    if is_attribution_noun(head) or organisation_head(head) or media_head(head) or head.lower().endswith(
            ("kreisen", "papier", "schreiben", "brief", "bericht", "resolution", "gutachten", "entwurf")) \
            or site or (
            mention.kind in ("organisation", "media") and mention.name):
        return mention
    return None



def _past_extended_attribute(tokens: list[Token], k: int, text: str) -> Mention | None:
    """ "einer am Dienstag veröffentlichten Pressemitteilung des WFP": the phrase from the participle on, where
    an article is followed by a phrase of its own before the noun."""
    for j in range(k + 2, min(len(tokens) - 1, k + 8)):
        if tokens[j].text in (",", ".", ";", ":"):
            return None
        if tokens[j].text[:1].islower() and tokens[j].lower.endswith(("en", "em", "er", "es", "e")) \
                and tokens[j].lower not in DETERMINERS and is_capitalised_word(tokens[j + 1]):
            return parse_forward(tokens, j + 1, text, allow_apposition=False)
    return None


def _source_phrase(tokens: list[Token], k: int, inside: list[bool], text: str) -> Mention | None:
    """The source after "laut", "gemäß", "unter Berufung auf": a phrase, a quoted title or a lower-case outlet."""
    n = len(tokens)
    if k >= n:
        return None
    quoted = _quoted_source(tokens, k, inside, text)
    if quoted is None and k + 1 < n and tokens[k].lower in DETERMINERS and tokens[k + 1].text in QUOTE_CHARS:
        quoted = _quoted_source(tokens, k + 1, inside, text)  # "der „Frankfurter Allgemeine Zeitung“"
    if quoted is not None:
        return quoted
    mention = parse_forward(tokens, k, text, allow_apposition=False, allow_comma_adjectives=True)
    if mention is not None and mention.text.lower() in DETERMINERS:
        # "einer am Dienstag veröffentlichten Mitteilung"; a relative "der" alone stands for what it follows
        mention = _past_extended_attribute(tokens, k, text) or mention
    if mention is None and tokens[k].text.isalpha() and tokens[k].text.islower() and len(tokens[k].text) <= 5 \
            and tokens[k].lower not in DETERMINERS | PREPOSITIONS | SUBORDINATORS | ADVERBS | COORDINATORS \
            and tokens[k].lower not in QUANTIFIERS \
            and (k + 1 >= n or not tokens[k + 1].text.isalpha() or tokens[k + 1].text[:1].islower()):
        mention = classify([tokens[k]], text)  # "laut taz", "laut dpa"
        mention.kind, mention.name = "media", tokens[k].text
    if mention is not None and k + 1 < n and tokens[k].lower in ("einem", "einer", "eines", "dem", "der", "des") \
            and mention.text.split() and (is_attribution_noun(mention.text.split()[-1])
                                          or mention.text.split()[-1].lower() in PUBLICATION_NOUNS):
        # "laut einem Bericht der „New York Times“": the outlet named in the genitive
        end = next((j for j, t in enumerate(tokens) if t.start >= mention.end), n)
        if end < n and tokens[end].lower in ("der", "des", "von", "vom"):
            outlet = _quoted_source(tokens, end + 1, inside, text)
            if outlet is not None:
                mention = Mention(text=text[mention.start:outlet.end], start=mention.start, end=outlet.end,
                                  name=outlet.name, kind="media", role=mention.role or mention.text)
    return mention



OWN = frozenset({"eigenen", "eigener", "eigene", "eigenem"})
#: Words that open an amount ("von mehr als …"), never a lower-case outlet's name.
QUANTIFIERS = frozenset({"mehr", "rund", "etwa", "über", "knapp", "fast", "gut", "weit", "ca", "bis", "circa",
                         "weniger", "mindestens", "höchstens", "insgesamt"})
#: Pages that hold text: "Auf der Homepage des Verbands heißt es, …".
SITE_HEADS = ("homepage", "website", "webseite", "internetseite", "internetpräsenz", "blog")

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



def _genitive_owner(tok: Token) -> Mention:
    """The name without its genitive -s, resolved later against the people the document named ("Celebi")."""
    return Mention(text=tok.text, start=tok.start, end=tok.end, name=tok.text[:-1], kind="unknown")



#: "nach X" is "after X" unless somebody's X is named: "nach der Veröffentlichung" vs "nach Ermittlungen der Polizei"
NEEDS_OWNER = ("ermittlungen", "erklärung", "veröffentlichung", "mitteilung", "untersuchungen", "nachricht",
               "nachrichten", "zählung", "willen", "wunsch", "planungen", "rechnung", "ergebnis", "ergebnissen",
               "analyse", "analysen", "recherche", "recherchen", "meldung", "meldungen", "prognose", "prognosen",
               "plan", "ankündigung", "idee")

#: nouns before a postponed "nach": "seiner Ansicht nach", "dem Vernehmen nach"
POSTPOSITION_NOUNS = ("meinung", "ansicht", "auffassung", "einschätzung", "angaben", "aussage", "aussagen", "worten",
                      "überzeugung", "darstellung", "vernehmen", "schätzung", "schätzungen", "informationen")

POSSESSIVE_GENDER = {"seiner": "m", "seinen": "m", "seinem": "m", "ihrer": "f", "ihren": "f", "ihrem": "f"}



def _possessive_owner(tokens: list[Token], k: int) -> Mention | None:
    """ "in seiner Rede heißt es": the owner of the speech is a pronoun, resolved like one."""
    if k + 1 >= len(tokens) or tokens[k].lower not in POSSESSIVE_GENDER or not is_capitalised_word(tokens[k + 1]):
        return None
    return _possessive_pronoun(tokens[k])


def _possessive_pronoun(owner: Token) -> Mention:
    """ "seiner", "ihrer": the owner as a pronoun of its gender, resolved through the discourse like "er"/"sie"."""
    return Mention(text=owner.text, start=owner.start, end=owner.end, kind="person",
                   gender=POSSESSIVE_GENDER[owner.lower], pronoun=True)




def _prepositional_cues(tokens: list[Token], inside: list[bool], text: str) -> list[tuple[str, Mention, str, int]]:
    """Every source a preposition or frame names in the unit, as (kind, source, cue word, token index)."""
    found: list[tuple[str, Mention, str, int]] = []
    for i, tok in enumerate(tokens):
        if inside[i]:
            continue
        for frame in SOURCE_FRAMES:
            hit = frame(tokens, i, inside, text)
            if hit is not None:
                kind, mention = hit
                if mention is not None:
                    found.append((kind, mention, tok.lower, i))
                break
    return found


#: A frame read at token i: None when its words do not stand there, else its kind and the source it names
#: (None when the words stand there but name nobody, which stops the frames after it).
SourceFrame = Callable[[list[Token], int, list[bool], str], tuple[str, Mention | None] | None]


def _laut(tokens: list[Token], i: int, inside: list[bool], text: str) -> tuple[str, Mention | None] | None:
    """ "laut X", "gemäß X"; "wurde laut", "sehr laut" are the adjective, unless a source plainly follows."""
    low = tokens[i].lower
    n = len(tokens)
    if low in ("laut", "gemäß") and i + 1 < n and (low == "gemäß" or i == 0 or tokens[i - 1].lower not in (
            "wurde", "wurden", "werden", "wird", "ist", "war", "sehr", "zu", "so", "besonders", "wieder") or (
            tokens[i - 1].lower not in ("sehr", "zu", "so", "besonders") and i + 2 < n
            and (tokens[i + 1].lower in DETERMINERS or tokens[i + 1].text in QUOTE_CHARS
                 or (is_capitalised_word(tokens[i + 1]) and tokens[i + 2].text not in (",", ".", "und"))))):
        return "laut", _source_phrase(tokens, i + 1, inside, text)
    return None


def _zufolge(tokens: list[Token], i: int, inside: list[bool], text: str) -> tuple[str, Mention | None] | None:
    """ "X zufolge", "dem „Spiegel“ zufolge"; "eigenen Angaben zufolge" credits the clause's subject."""
    if tokens[i].lower != "zufolge" or i <= 0:
        return None
    mention = _quoted_source(tokens, i - 1, inside, text) if tokens[i - 1].text in QUOTE_CHARS else None
    if tokens[i - 1].text in QUOTE_CHARS:
        k = i - 2
        while k > 0 and tokens[k].text not in QUOTE_CHARS:
            k -= 1
        mention = _quoted_source(tokens, k, inside, text) if k >= 0 else None
    mention = mention or parse_backward(tokens, i, text)
    if mention is not None and i > 1 and tokens[i - 2].lower in OWN:
        mention.kind = "reflexive"  # type: ignore[assignment]  # "eigenen Angaben zufolge": the subject
    return "zufolge", mention


def _nach_postposed(tokens: list[Token], i: int, inside: list[bool], text: str) -> tuple[str, Mention | None] | None:
    """ "seiner Ansicht nach", "Expertenmeinung nach": "nach" after the noun of a view."""
    n = len(tokens)
    if not (tokens[i].lower == "nach" and i > 0 and tokens[i - 1].lower.endswith(POSTPOSITION_NOUNS)
            and is_capitalised_word(tokens[i - 1])
            and (i + 1 >= n or not is_capitalised_word(tokens[i + 1]) or tokens[i + 1].lower in ("der", "die"))):
        return None
    k = i - 1
    owner = tokens[k - 1] if k > 0 else None
    if owner is not None and owner.lower in POSSESSIVE_GENDER:
        return "nach", _possessive_pronoun(owner)
    start = k
    while start > 0 and (is_capitalised_word(tokens[start - 1]) or tokens[start - 1].lower in DETERMINERS
                         or looks_adjective(tokens[start - 1])) and not inside[start - 1]:
        start -= 1
    return "nach", classify(tokens[start:k + 1], text)


def _nach_angaben(tokens: list[Token], i: int, inside: list[bool], text: str) -> tuple[str, Mention | None] | None:
    """ "nach Angaben der Polizei", "nach Polizeiangaben", "nach eigenen Angaben"; "nach der Veröffentlichung"
    is a time ("after"), so a noun that needs an owner must have one."""
    n = len(tokens)
    if tokens[i].lower != "nach" or i + 1 >= n:
        return None
    k = i + 1
    while k < n and not is_attribution_noun(tokens[k].text) and k < i + 5 and not inside[k] \
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
    if k < n and is_attribution_noun(tokens[k].text) and is_capitalised_word(tokens[k]) and not any(
            is_capitalised_word(t) and not (t is tokens[k - 1] and t.text.endswith("s")) for t in between) \
            and (not tokens[k].lower.endswith(NEEDS_OWNER) or owner_follows or not bare):
        return "nach", _owner_of_saying_noun(tokens, i, k, inside, text, owner_follows)
    return "nach", None


def _owner_of_saying_noun(tokens: list[Token], i: int, k: int, inside: list[bool], text: str,
                          owner_follows: bool) -> Mention:
    """Whose view the saying noun at k after "nach" at i is: named after it, before it, in it, or the subject."""
    n = len(tokens)
    head = tokens[k]
    if k + 1 < n and (owner_follows or (is_capitalised_word(tokens[k + 1]) and tokens[k + 1].text.endswith("s"))):
        start = k + 2 if tokens[k + 1].lower in ("von", "vom", "aus") else k + 1
        return _source_phrase(tokens, start, inside, text) or classify(tokens[i + 1:k + 1], text)
    if k == i + 2 and _genitive_name(tokens[k - 1]):
        # "nach Celebis Angaben": the owner named in the Saxon genitive before the noun
        return _genitive_owner(tokens[k - 1])
    if head.lower.endswith("angaben") and len(head.lower) > 7:
        mention = classify([head], text)
        mention.role = head.text[: -len("angaben")] or head.text
        return mention
    if k > i + 1 and tokens[k - 1].lower in OWN:
        # "nach eigenen Angaben": the subject of the clause speaks
        mention = classify(tokens[k - 1:k + 1], text)
        mention.kind = "reflexive"  # type: ignore[assignment]  # a marker resolved right below
        return mention
    if k > i + 1 and tokens[k - 1].lower in POSSESSIVE_GENDER:
        return _possessive_pronoun(tokens[k - 1])
    return classify(tokens[i + 1:k + 1], text)


def _berufung(tokens: list[Token], i: int, inside: list[bool], text: str) -> tuple[str, Mention | None] | None:
    """ "unter Berufung auf X": X is the source, named as the channel of a verb's speaker."""
    if tokens[i].lower == "berufung" and i > 0 and tokens[i - 1].lower == "unter" and i + 2 < len(tokens) \
            and tokens[i + 1].lower == "auf":
        return "berufung", _source_phrase(tokens, i + 2, inside, text)
    return None


def _so_x(tokens: list[Token], i: int, inside: list[bool], text: str) -> tuple[str, Mention | None] | None:
    """ "…, so X.", "„…“, so charakterisierte ihn X": "so" after a comma hands the words before it to X."""
    n = len(tokens)
    if tokens[i].lower != "so" or i <= 0 or tokens[i - 1].text != "," or i + 1 >= n:
        return None
    candidate = parse_forward(tokens, i + 1, text, allow_apposition=False)
    if candidate is not None:
        nxt = next((t for t in tokens if t.start >= candidate.end), None)
        if nxt is not None and nxt.text == "(":
            # "so der Dienst (NHS).": an abbreviation in parentheses belongs to the name
            close = next((k for k, t in enumerate(tokens) if t.start > nxt.start and t.text == ")"), None)
            if close is not None and candidate.name and text[nxt.end:tokens[close].start].strip().isupper():
                candidate = replace(candidate, text=text[candidate.start:tokens[close].end], end=tokens[close].end,
                                    name=f"{candidate.name} {text[nxt.start:tokens[close].end]}")
            nxt = tokens[close + 1] if close is not None and close + 1 < n else None
        if nxt is None or nxt.text in (".", ",", ";", "!", "?") or nxt.lower in ADVERBS or nxt.lower in (
                "zu", "zum", "zur", "gegenüber", "im", "in", "am", "auf", "bei", "beim", "vor", "weiter",
                "wörtlich", "abschließend", "nach", "laut", "aus", "von", "vom", "mit", "unter", "während"):
            return "so", candidate
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
            return "so", candidate
    return "so", None


def _heisst_es_in(tokens: list[Token], i: int, inside: list[bool], text: str) -> tuple[str, Mention | None] | None:
    """ "…, heißt es in dem Bericht", "hieß es in ihrer Rede": the source after "heißt es"."""
    if tokens[i].lower in ("heißt", "hieß") and i + 2 < len(tokens) and tokens[i + 1].lower == "es" \
            and tokens[i + 2].lower in ("in", "im", "bei", "beim", "aus", "von", "vom"):
        return "heißt", _possessive_owner(tokens, i + 3) or _source_phrase(tokens, i + 3, inside, text)
    return None


def _in_x_heisst_es(tokens: list[Token], i: int, inside: list[bool], text: str) -> tuple[str, Mention | None] | None:
    """ "In dem Bericht heißt es, …", "Aus Paris hieß es, …": the source stands in the prefield."""
    n = len(tokens)
    if not (tokens[i].lower in ("heißt", "hieß", "geheißen") and i > 0
            and "es" in (tokens[i - 1].lower, tokens[i + 1].lower if i + 1 < n else "")):
        return None
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
        return "heißt", mention
    return "heißt", None


#: The frames tried at each token, in this order.
SOURCE_FRAMES: tuple[SourceFrame, ...] = (
    _laut, _zufolge, _nach_postposed, _nach_angaben, _berufung, _so_x, _heisst_es_in, _in_x_heisst_es,
)
