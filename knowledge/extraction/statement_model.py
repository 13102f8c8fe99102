"""Whether a candidate statement is really somebody's reported speech: a linear model learned from a corpus.

The rules of attribution/ propose candidates generously ("X erklärte die Sitzung für beendet"
looks like "X erklärte, …"); this model, fitted by knowledge/training/train_statements.py on
annotated news, weighs what the candidate looks like (cue, content shape, speaker) and drops
the ones that are not statements. The weights live in data/statement_model.json, so the
extractor needs no machine-learning library at run time.
"""

from __future__ import annotations

import json
import math
import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from knowledge.extraction.attribution._attitudes import ATTITUDE_CUES
from knowledge.extraction.attribution._report_clauses import REPORT_CUE
from knowledge.extraction.cues import AUXILIARIES, is_konjunktiv_i, lemma
from knowledge.extraction.lexicon import (
    CORE_WEAK_REPORTING_VERBS,
    DETERMINERS,
    LEARNED_CUES,
    PERSONAL_PRONOUNS,
    PREPOSITIONS,
    SUBJUNCTIVE_FORMS,
    WEAK_REPORTING_VERBS,
)
from knowledge.model import Claim

MODEL_FILE = Path(__file__).with_name("data") / "statement_model.json"
QUOTE_CHARS = "„“”\"»«‚‘’›‹"
WORD = re.compile(r"[\wÄÖÜäöüß]+")
#: "aufzugeben", "mitzuteilen": a separable verb's zu-infinitive written as one word.
ZU_INFINITIVE = re.compile(r"(?:ab|an|auf|aus|bei|ein|fest|fort|her|hin|los|mit|nach|vor|weg|weiter|zurück|zusammen)"
                           r"zu\w{3,}en")
#: Verbs of talking with somebody: "mit X" names the partner of the talk.
CONVERSATION_VERBS = frozenset({"sprechen", "reden", "telefonieren", "diskutieren", "verhandeln", "plaudern"})
#: Verbs that report speaking up when reflexive ("sich melden", "sich äußern"); the content, if any, follows a clause.
SPEAKING_UP_VERBS = frozenset({"melden", "äußern", "zurückmelden"})
#: Verbs that name something ("Das Projekt heißt …") unless "es" frames them ("heißt es im Bericht").
NAMING_VERBS = frozenset({"heißen", "lauten"})
EXPLETIVE_FRAME = re.compile(r"\b(?:heißt|hieß|hießen|heiße|geheißen)\s+es\b|\bes\s+(?:heißt|hieß|heiße|geheißen)\b",
                             re.IGNORECASE)
IMPLAUSIBLE_HEADS = ("ung", "heit", "keit", "tion", "ismus", "tät", "nis", "ment")


@cache
def _cue_shares() -> dict[str, float]:
    data = LEARNED_CUES
    shares = {verb: seen["cue"] / max(seen["seen"], 1) for verb, seen in data["verbs"].items()}
    total = sum(data["prepositions"].values()) or 1
    shares.update({prep: min(1.0, 10 * n / total) for prep, n in data["prepositions"].items()})
    return shares


def _bucket(n: int) -> str:
    for limit in (2, 4, 7, 12, 20, 35):
        if n <= limit:
            return f"<={limit}"
    return ">35"


def statement_features(claim: Claim) -> dict[str, float]:
    """What a candidate statement looks like, as named features (one-hot and numeric)."""
    text = claim.text
    words = WORD.findall(text)
    lows = [w.lower() for w in words]
    cue = (claim.cue or "-").lower()
    feats: dict[str, float] = {
        "bias": 1.0,
        f"cue={cue}": 1.0,
        f"kind={claim.kind}": 1.0,
        f"len={_bucket(len(words))}": 1.0,
        "log_len": math.log1p(len(words)),
        "cue_share": _cue_shares().get(cue, 0.0),
        f"speaker_kind={claim.speaker_kind or 'none'}": 1.0,
    }
    if cue in WEAK_REPORTING_VERBS:
        feats["cue_weak"] = 1.0
    if cue in CORE_WEAK_REPORTING_VERBS:
        feats["cue_core_weak"] = 1.0
    _wording_features(feats, text, words, lows)
    _claim_features(feats, claim)
    return feats


def _wording_features(feats: dict[str, float], text: str, words: list[str], lows: list[str]) -> None:
    """How the statement is worded: quotation marks, Konjunktiv, a clause or only an object."""
    stripped = text.lstrip()
    if stripped[:1] in QUOTE_CHARS:
        feats["starts_quote"] = 1.0
    quoted = sum(1 for ch in text if ch in QUOTE_CHARS)
    if quoted:
        feats["has_quote_marks"] = 1.0
    konj = sum(1 for w in words if w.islower() and (w in SUBJUNCTIVE_FORMS or is_konjunktiv_i(w)))
    if konj:
        feats["konjunktiv"] = 1.0
        feats["konjunktiv_n"] = min(konj, 4) / 4
    if lows and lows[0] in ("dass", "daß", "ob", "wie", "warum", "weshalb", "wer", "was"):
        feats[f"opens={lows[0]}"] = 1.0
    if (len(lows) >= 2 and lows[-2] == "zu") or any(ZU_INFINITIVE.fullmatch(w) for w in lows[-2:]):
        feats["zu_infinitive"] = 1.0
    if lows and (lows[0] in PREPOSITIONS or lows[0] in DETERMINERS):
        feats[f"opens={lows[0]}"] = 1.0  # "mit seiner Frau", "die Sitzung für beendet": an object, no clause
    if not any(w in AUXILIARIES or (w.islower() and lemma(w) != w and lemma(w).endswith(("en", "ern", "eln")))
               for w in words):
        feats["no_verb_form"] = 1.0
    if len(words) <= 5 and not quoted:
        feats["short_no_quote"] = 1.0
    if stripped[:1].isupper():
        feats["opens_capital"] = 1.0
    if text.rstrip()[-1:] in ".!?“\"":
        feats["ends_sentence"] = 1.0


def _claim_features(feats: dict[str, float], claim: Claim) -> None:
    """How the statement stands in its sentence, and what its speaker looks like."""
    if claim.sentence and claim.text.strip() == claim.sentence.strip():
        feats["whole_sentence"] = 1.0
    if claim.sentence and ":" in claim.sentence:
        feats["sentence_colon"] = 1.0
    if claim.speaker is None:
        feats["no_speaker"] = 1.0
    else:
        head = claim.speaker.split()[-1].lower()
        if head.endswith(IMPLAUSIBLE_HEADS):
            feats["speaker_abstract_head"] = 1.0
        if claim.speaker[:1].islower():
            feats["speaker_lower"] = 1.0
        feats[f"speaker_words={min(len(claim.speaker.split()), 4)}"] = 1.0
    if claim.mention and claim.mention.lower() in PERSONAL_PRONOUNS:
        feats["mention_pronoun"] = 1.0
    if claim.role:
        feats["has_role"] = 1.0
    if claim.via:
        feats["has_via"] = 1.0
    if any(ch.isdigit() for ch in claim.text):
        feats["has_digit"] = 1.0


@dataclass(frozen=True, slots=True)
class StatementModel:
    """Logistic regression weights by feature name; a candidate is kept above `threshold`."""

    weights: dict[str, float]
    threshold: float

    def probability(self, claim: Claim) -> float:
        score = sum(self.weights.get(name, 0.0) * value for name, value in statement_features(claim).items())
        return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, score))))

    def keeps(self, claim: Claim) -> bool:
        # an attitude frame ("ist zuversichtlich, …") is built around its complement clause and kept
        if claim.kind == "figure" or (claim.cue or "") in ATTITUDE_CUES or claim.cue == REPORT_CUE:
            return True  # a report clause ("ein Bericht, wonach …") is a statement by its very frame
        return not names_no_content(claim) and self.probability(claim) >= self.threshold


def names_no_content(claim: Claim) -> bool:
    """A talk with somebody ("sprach mit seiner Frau"), speaking up at all ("meldete sich bei …", "äußerte
    sich nicht") or a name ("Der Name lautet „Boa“"): the verb reports that words were exchanged or what
    something is called, not what was said."""
    text = claim.text
    words = [w.lower() for w in WORD.findall(text)]
    if any(w in ("dass", "daß") or w in SUBJUNCTIVE_FORMS or is_konjunktiv_i(w) for w in words):
        return False
    cue = (claim.cue or "").lower()
    if cue in NAMING_VERBS:
        return _a_name(claim)
    if any(ch in QUOTE_CHARS for ch in text):
        return False
    if cue in CONVERSATION_VERBS and "mit" in words[:4]:
        return True
    return cue in SPEAKING_UP_VERBS and words[:1] == ["sich"]


def _a_name(claim: Claim) -> bool:
    """ "heißt"/"lautet" without "es" and without a colon before the content: "Der Name lautet „Boa“"."""
    sentence = claim.sentence or ""
    if EXPLETIVE_FRAME.search(sentence):
        return False  # "Im Bericht heißt es, …"
    at = sentence.find(claim.text.strip()[:20])
    return at < 0 or ":" not in sentence[:at]


@cache
def statement_model() -> StatementModel | None:
    """The shipped model, or None before one was trained (then every candidate is kept)."""
    if not MODEL_FILE.exists():
        return None
    data = json.loads(MODEL_FILE.read_text(encoding="utf-8"))
    return StatementModel(weights={k: float(v) for k, v in data["weights"].items()},
                          threshold=float(data["threshold"]))
