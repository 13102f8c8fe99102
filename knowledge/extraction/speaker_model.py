"""Who said it: candidate speakers of a statement ranked by a linear model learned from a corpus.

The attribution rules propose one speaker per statement. They are often right, but a noun phrase
next to the verb is not always the one who speaks ("Die Aktion erinnere an …, kritisierte der
Redakteur"; "nach Angaben der Polizei"). This module lists every phrase of the sentence that could
be the speaker, plus the rules' choice and the previous statement's speaker, describes each by what
it is (name, role noun, pronoun, how often its head noun speaks in news), where it stands (before or
after the content, next to the verb, after "laut"/"nach") and whether the rules chose it, and
picks the best. The weights are fitted by knowledge/training/train_speakers.py on annotated news
and live in data/speaker_model.json: no machine-learning library at run time.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import simplemma

from knowledge.extraction.attribution import Attribution, Unit, function_word_label, inside_quote
from knowledge.extraction.attribution._attitudes import ATTITUDE_CUES
from knowledge.extraction.cues import VerbCue, find_verb_cues, is_attribution_noun
from knowledge.extraction.lexicon import (
    ANONYMOUS_HEADS,
    DETERMINERS,
    PREPOSITIONS,
    media_head,
    organisation_head,
    role_head,
)
from knowledge.extraction.mentions import Mention, is_capitalised_word, looks_adjective, parse_forward
from knowledge.extraction.text import Token

MODEL_FILE = Path(__file__).with_name("data") / "speaker_model.json"
IMPLAUSIBLE_HEADS = ("ung", "heit", "keit", "tion", "ismus", "tät", "nis", "ment")
#: Articles of the accusative or dative: the phrase they open is an object, not who speaks.
_OBJECT_DETERMINERS = frozenset({"dem", "den", "einem", "einen", "keinem", "keinen", "keine"})
#: Prepositions of place, time and manner: the phrase after them is never the one who speaks.
_PLACE_TIME_PREPOSITIONS = frozenset({
    "in", "im", "am", "an", "auf", "unter", "über", "hinter", "neben", "zwischen", "seit", "während", "bis",
    "um", "gegen", "mit", "ohne", "für", "zu", "zur", "zum", "ins", "ans", "aufs", "beim", "wegen", "trotz",
})
#: Words worth naming as the neighbour of a candidate; any other word is just "a word".
_NEIGHBOURS = PREPOSITIONS | DETERMINERS | {"so", "und", "oder", "wie", "zufolge", "dass", "ob", "auch", "sowie"}


@dataclass(slots=True)
class Candidate:
    """A phrase that could be the speaker, and how it came to be proposed."""

    mention: Mention
    rule: bool = False  # the attribution rules chose it
    previous: bool = False  # the speaker of the statement before


def head_noun(mention: Mention) -> str:
    """The head noun: the last word before a genitive or prepositional attribute."""
    words = (mention.role or mention.text).split() if not mention.name or mention.role else mention.name.split()
    words = [w.strip(",.;:()„“\"") for w in words if w.strip(",.;:()„“\"")]
    if not words:
        return ""
    cut = next((k for k in range(1, len(words)) if words[k].lower() in ("des", "der", "von", "vom", "aus", "im")),
               None)
    return words[cut - 1] if cut else words[-1]


def head_lemma(word: str) -> str:
    return simplemma.lemmatize(word, lang="de").lower()


def _starts_phrase(tok: Token, nxt: Token | None) -> bool:
    low = tok.lower
    if low in ("er", "sie"):
        return True
    if low in DETERMINERS:
        return nxt is not None and (is_capitalised_word(nxt) or looks_adjective(nxt))
    return is_capitalised_word(tok) or (looks_adjective(tok) and nxt is not None and is_capitalised_word(nxt))


def speaker_candidates(unit: Unit, paragraph: str, att: Attribution, previous: Mention | None) -> list[Candidate]:
    """Every phrase of the unit outside the statement's content and quotations, the rules' choice, the last speaker."""
    tokens = unit.tokens
    inside = inside_quote(tokens, unit.quotes)
    spans = att.spans
    found: list[Candidate] = []
    i = 0
    while i < len(tokens):
        tok = tokens[i]
        if inside[i] or any(a <= tok.start < b for a, b in spans):
            i += 1
            continue
        nxt = tokens[i + 1] if i + 1 < len(tokens) else None
        mention = parse_forward(tokens, i, paragraph) if _starts_phrase(tok, nxt) else None
        if mention is None or mention.end <= tok.start or function_word_label(mention) or \
                any(a < mention.end and mention.start < b for a, b in spans):
            i += 1
            continue
        found.append(Candidate(mention))
        while i < len(tokens) and tokens[i].start < mention.end:
            i += 1
    rule = att.speaker
    if rule is not None:
        same = next((c for c in found if c.mention.start == rule.start and c.mention.end == rule.end), None)
        if same is not None:
            same.mention, same.rule = rule, True
        else:
            found.append(Candidate(rule, rule=True, previous=att.inherited))
    if previous is not None and not any(c.mention.label == previous.label for c in found):
        found.append(Candidate(previous, previous=True))
    elif previous is not None:
        for c in found:
            if c.mention.label == previous.label:
                c.previous = True
    return found


def _bucket(n: int) -> str:
    for limit in (0, 1, 2, 4, 8, 16):
        if n <= limit:
            return f"<={limit}"
    return ">16"


def _neighbour(tok: Token | None, verbs: set[int], index: int | None) -> str:
    if tok is None:
        return "none"
    if index is not None and index in verbs:
        return "verb"
    if not tok.text[:1].isalnum():
        return tok.text[:1]
    return tok.lower if tok.lower in _NEIGHBOURS else "word"


def unit_verb_cues(unit: Unit) -> list[VerbCue]:
    """The reporting verbs of a unit, found once for all its candidates."""
    return find_verb_cues(unit.tokens, inside_quote(unit.tokens, unit.quotes))


def speaker_features(cand: Candidate, unit: Unit, att: Attribution, heads: dict[str, float],
                     cues: list[VerbCue] | None = None) -> dict[str, float]:
    """What a candidate is and where it stands relative to the statement, as named features.

    The order the features are written in is kept, so that the model's sum adds them in the same order.
    """
    m = cand.mention
    feats: dict[str, float] = {"bias": 1.0, f"kind={m.kind}": 1.0}
    cue = att.cue.lower()
    if cand.rule:
        feats["rule"] = 1.0
        feats[f"rule&cue={cue}"] = 1.0
        if att.inherited:
            feats["rule&inherited"] = 1.0
        if att.via is not None:
            feats["rule&via"] = 1.0
    if cand.previous:
        feats["previous"] = 1.0
    _phrase_features(feats, m)
    _head_features(feats, m, heads)
    if cand.rule:
        # what the rules' choice is weighs differently from what another candidate is
        feats.update({f"R:{k}": v for k, v in list(feats.items()) if k != "bias" and not k.startswith("rule")})
    _position_features(feats, m, unit, att, cue, cues)
    return feats


def _phrase_features(feats: dict[str, float], m: Mention) -> None:
    """What the phrase is: a pronoun, a name, a role, an object's article."""
    if m.pronoun:
        feats["pronoun"] = 1.0
    if m.definite_role:
        feats["definite_role"] = 1.0
    if m.parts:
        feats["coordinated"] = 1.0
    if m.name:
        feats["has_name"] = 1.0
        feats[f"name_words={min(len(m.name.split()), 3)}"] = 1.0
    if m.role:
        feats["has_role"] = 1.0
    first_word = m.text.split()[0].lower() if m.text.split() else ""
    if first_word in DETERMINERS:
        feats[f"det={first_word}"] = 1.0  # "den", "keine": an object rather than a subject
    elif first_word[:1].islower() and not m.pronoun:
        feats["opens_lower"] = 1.0


def _head_features(feats: dict[str, float], m: Mention, heads: dict[str, float]) -> None:
    """What the head noun is, and how often it speaks in the corpus."""
    head = head_noun(m)
    if not head or m.pronoun:
        return
    low = head.lower()
    lem = head_lemma(head)
    rate = heads.get(lem)
    if rate is None:
        feats["head_unseen"] = 1.0
    else:
        feats["head_rate"] = rate
    if head[:1].islower():
        feats["head_lower"] = 1.0
    if role_head(head):
        feats["head_role"] = 1.0
    if organisation_head(head):
        feats["head_organisation"] = 1.0
    if media_head(head):
        feats["head_media"] = 1.0
    if low.endswith(IMPLAUSIBLE_HEADS):
        feats["head_abstract"] = 1.0
    if low in ANONYMOUS_HEADS:
        feats["head_anonymous"] = 1.0


def _position_features(feats: dict[str, float], m: Mention, unit: Unit, att: Attribution, cue: str,
                       cues: list[VerbCue] | None) -> None:
    """Where the phrase stands: before or after the content, how far, and what its neighbours are."""
    tokens = unit.tokens
    content_start, content_end = att.spans[0][0], att.spans[-1][1]
    in_unit = unit.start <= m.start < unit.end + 1
    if not in_unit:
        feats["outside_unit"] = 1.0
        return
    first = next((k for k, t in enumerate(tokens) if t.start >= m.start), len(tokens))
    last = next((k for k in range(len(tokens) - 1, -1, -1) if tokens[k].end <= m.end), first)
    if m.end <= content_start:
        side, gap = "before", sum(1 for t in tokens if m.end <= t.start < content_start)
    elif m.start >= content_end:
        side, gap = "after", sum(1 for t in tokens if content_end <= t.start < m.start)
    else:
        side, gap = "between", 0
    feats[f"side={side}"] = 1.0
    feats[f"gap={_bucket(gap)}"] = 1.0
    if first == 0:
        feats["unit_initial"] = 1.0
    inside = inside_quote(tokens, unit.quotes)
    cues = unit_verb_cues(unit) if cues is None else cues
    verbs = {c.index for c in cues}
    cue_verbs = [c.index for c in cues if c.lemma == cue]
    before = tokens[first - 1] if first > 0 else None
    after = tokens[last + 1] if last + 1 < len(tokens) else None
    feats[f"prev={_neighbour(before, verbs, first - 1 if first > 0 else None)}"] = 1.0
    feats[f"next={_neighbour(after, verbs, last + 1)}"] = 1.0
    _cue_features(feats, tokens, inside, cue_verbs, first, last)


def _cue_features(feats: dict[str, float], tokens: list[Token], inside: list[bool], cue_verbs: list[int],
                  first: int, last: int) -> None:
    """How the phrase (tokens first to last) stands to the nearest verb of the statement's cue."""
    if not cue_verbs:
        feats["no_cue_verb"] = 1.0
        return
    nearest = min(cue_verbs, key=lambda v: v - last if v > last else first - v)
    dist = nearest - last if nearest > last else first - nearest
    feats[f"cue_dist={_bucket(dist)}"] = 1.0
    feats["cue_after" if nearest > last else "cue_before"] = 1.0
    if nearest == last + 1:
        feats["subject_before_cue"] = 1.0  # "… Sandra Boser erklärte"
    elif nearest == first - 1:
        feats["subject_after_cue"] = 1.0  # "sagte die Ministerin"
    # clause boundaries between the phrase and its verb: the farther, the less it is the verb's subject
    lo, hi = (last + 1, nearest) if nearest > last else (nearest + 1, first)
    bounds = sum(1 for t, q in zip(tokens[lo:hi], inside[lo:hi], strict=True) if not q and t.text in ",;:")
    feats[f"cue_bounds={min(bounds, 3)}"] = 1.0


def _channel(mention: Mention, unit: Unit) -> bool:
    """A phrase that names where words were reported: "laut X", "X zufolge", "nach Angaben X"."""
    tokens = unit.tokens
    k = next((i for i, t in enumerate(tokens) if t.start >= mention.start), len(tokens))
    j = next((i for i, t in enumerate(tokens) if t.start >= mention.end), len(tokens))
    before = tokens[k - 1].lower if k > 0 else ""
    after = tokens[j].lower if j < len(tokens) else ""
    return before in ("laut", "lt.") or after == "zufolge" or (
        before in ("nach", "von") and head_lemma(head_noun(mention)) in ("angabe", "bericht", "information"))


@dataclass(frozen=True, slots=True)
class SpeakerModel:
    """Logistic regression weights by feature name, and how often each head noun speaks."""

    weights: dict[str, float]
    heads: dict[str, float]
    margin: float

    def score(self, cand: Candidate, unit: Unit, att: Attribution, cues: list[VerbCue] | None = None) -> float:
        feats = speaker_features(cand, unit, att, self.heads, cues)
        return sum(self.weights.get(name, 0.0) * value for name, value in feats.items())

    def choose(self, unit: Unit, paragraph: str, att: Attribution, previous: Mention | None) -> Mention | None:
        """The best candidate; the rules' choice stands unless another one is clearly better.

        Where the rules found nobody (a passive, "es wird angenommen"), a pronoun (resolved later
        through the discourse), a quotation relayed by somebody ("X zitiert Y") or the agent of a participle
        ("vorgetragen durch X"), their reading stands.
        """
        if att.speaker is None or att.speaker.pronoun or att.cue == "zitieren" or _agent(att.speaker, unit) \
                or att.cue in ATTITUDE_CUES:
            return att.speaker  # an attitude frame's subject holds the view ("X kam zu dem Schluss, dass …")
        cands = [c for c in speaker_candidates(unit, paragraph, att, previous) if c.rule or _eligible(c.mention, unit)]
        if att.speaker.kind == "person" or att.speaker.name:
            # "fügte die Ministerin laut einer Übersetzung hinzu": the channel does not replace who speaks
            cands = [c for c in cands if c.rule or not _channel(c.mention, unit)]
        cues = unit_verb_cues(unit)
        scored = [(self.score(c, unit, att, cues), c) for c in cands]
        if not scored:
            return att.speaker
        best_score, best = max(scored, key=lambda sc: sc[0])
        rule_score = next((s for s, c in scored if c.rule), -math.inf)
        if best.rule or best_score - rule_score < self.margin:
            return att.speaker
        return best.mention


def _agent(mention: Mention, unit: Unit) -> bool:
    """Whether the phrase follows "durch" or "von" right after a participle ("vorgetragen durch X")."""
    before = [t for t in unit.tokens if t.end <= mention.start][-2:]
    return len(before) == 2 and before[1].lower in ("durch", "von", "vom") and before[0].text[:1].islower() \
        and before[0].lower not in PREPOSITIONS | DETERMINERS


def _eligible(mention: Mention, unit: Unit) -> bool:
    """A phrase that can stand as a subject: not an expletive "es", a demonstrative, an object ("den …",
    "keine …"), a party in parentheses, a phrase opening with a verb or running across a sentence end."""
    first = mention.text.split()[0] if mention.text.split() else ""
    if first.lower() in ("es", "diese", "dieser", "dieses", "das") or first.lower() in _OBJECT_DETERMINERS:
        return False
    if ". " in mention.text:
        return False
    if first[:1].islower() and first.lower() not in DETERMINERS and not mention.pronoun:
        return False
    before = [t for t in unit.tokens if t.end <= mention.start]
    if before and before[-1].lower in _PLACE_TIME_PREPOSITIONS:
        return False  # "In der Stadt riefen die Demonstranten …": where or when, not who
    if before and before[-1].lower in ("nach", "vor") and not any(map(is_attribution_noun, mention.text.split())):
        return False  # "Nach einer Unterhaltung forderten die Täter …", unlike "nach Angaben der Polizei"
    return not (before and before[-1].text == "(")


@cache
def speaker_model() -> SpeakerModel | None:
    """The shipped model, or None before one was trained (then the rules decide alone)."""
    if not MODEL_FILE.exists():
        return None
    data = json.loads(MODEL_FILE.read_text(encoding="utf-8"))
    return SpeakerModel(weights={k: float(v) for k, v in data["weights"].items()},
                        heads={k: float(v) for k, v in data["heads"].items()}, margin=float(data["margin"]))
