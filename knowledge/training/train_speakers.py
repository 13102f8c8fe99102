"""Fit the speaker model (knowledge/extraction/speaker_model.py) on the corpus's train split.

Usage: python -m knowledge.training.train_speakers [CORPUS_DIR]   (needs `pip install ".[train]"`)

The rules run over every train document; for each statement that meets a gold annotation with a
named speaker, every candidate speaker is labelled: right when it overlaps the annotated speaker
or shares a content word with it. A logistic regression over speaker_features() is fitted, and the
margin by which a candidate must beat the rules' choice is chosen by grouped cross-validation on
train. How often each head noun is a speaker is counted on train as well. The dev split is only
reported.
"""

from __future__ import annotations

import argparse
import math
import re
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import simplemma
from sklearn.feature_extraction import DictVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import GroupKFold, cross_val_predict

from knowledge.extraction.attribution import Attribution, Unit
from knowledge.extraction.lexicon import DETERMINERS, PERSONAL_PRONOUNS
from knowledge.extraction.mentions import Mention
from knowledge.extraction.pipeline import extract_claims
from knowledge.extraction.speaker_model import MODEL_FILE, head_lemma, speaker_candidates, speaker_features
from knowledge.training.corpus import DEFAULT_CORPUS, Annotation, load_corpus, write_data
from knowledge.training.labels import overlap, paragraph_offsets

WORD = re.compile(r"[\wÄÖÜäöüß\-]+")
CAPITALISED = re.compile(r"\b[A-ZÄÖÜ][a-zäöüß\-]{2,}\b")


def content_tokens(text: str) -> set[str]:
    """Words of three letters or more that are not articles or pronouns: what two speaker labels share."""
    return {w for w in (t.lower() for t in WORD.findall(text)) if len(w) >= 3 and w not in DETERMINERS
            and w not in PERSONAL_PRONOUNS}


def speaker_head(speaker: str) -> str | None:
    """The head noun of an annotated speaker phrase ("Der Sprecher des Ministeriums" → "sprecher")."""
    words = [w for w in WORD.findall(speaker)]
    cut = next((k for k in range(1, len(words)) if words[k].lower() in ("des", "der", "von", "vom", "aus", "im")),
               None)
    words = words[:cut] if cut else words
    nouns = [w for w in words if w[:1].isupper()]
    return head_lemma(nouns[-1]) if nouns else None


def head_rates(texts: dict[str, str], annotations: list[Annotation]) -> dict[str, float]:
    """Log share of a dictionary noun's occurrences in which it heads an annotated speaker."""
    seen: Counter[str] = Counter()
    for text in texts.values():
        seen.update(head_lemma(w) for w in CAPITALISED.findall(text))
    spoke: Counter[str] = Counter()
    for ann in annotations:
        if ann.type in ("Direct", "Indirect") and (head := speaker_head(ann.speaker)):
            spoke[head] += 1
    rates = {}
    for lem, n in seen.items():
        if n >= 3 and simplemma.is_known(lem.capitalize(), lang="de"):
            rates[lem] = round(math.log((spoke[lem] + 0.2) / (n + 1)), 3)
    return rates


@dataclass
class Groups:
    """Candidates by statement: features, labels, which is the rules' choice, which document."""

    feats: list[dict[str, float]] = field(default_factory=list)
    labels: list[int] = field(default_factory=list)
    group: list[int] = field(default_factory=list)
    rule: list[bool] = field(default_factory=list)
    docs: list[str] = field(default_factory=list)
    statements: int = 0


def _is_right(mention: Mention, ann: Annotation, base: int | None) -> bool:
    """Whether a candidate is the annotated speaker; `base` is its paragraph's offset when it stands in this one."""
    if base is not None and overlap([(base + mention.start, base + mention.end)], ann.speaker_spans) > 0:
        return True
    return bool(content_tokens(ann.speaker) & content_tokens(f"{mention.text} {mention.label}"))


def collect(corpus: Path, split: str, heads: dict[str, float]) -> Groups:
    texts, annotations = load_corpus(corpus, split)
    gold: dict[str, list[Annotation]] = {}
    for ann in annotations:
        if ann.type in ("Direct", "Indirect"):
            gold.setdefault(ann.doc, []).append(ann)
    out = Groups()
    for doc, text in texts.items():
        offsets = paragraph_offsets(text)

        def record(unit: Unit, paragraph: str, att: Attribution, before: Mention | None,
                   doc: str = doc, offsets: list[int] = offsets) -> None:
            base = offsets[unit.paragraph - 1]
            spans = [(base + a, base + b) for a, b in att.spans]
            size = sum(b - a for a, b in spans) or 1
            ann = max(gold.get(doc, []), key=lambda g: overlap(spans, g.quote_spans), default=None)
            if ann is None or overlap(spans, ann.quote_spans) <= 0.3 * size:
                return
            cands = speaker_candidates(unit, paragraph, att, before)
            labels = [int(_is_right(c.mention, ann, None if c.previous else base)) for c in cands]
            if not any(labels):
                return
            out.statements += 1
            for cand, label in zip(cands, labels, strict=True):
                out.feats.append(speaker_features(cand, unit, att, heads))
                out.labels.append(label)
                out.group.append(out.statements)
                out.rule.append(cand.rule)
                out.docs.append(doc)

        extract_claims(doc, text, judge=False, rank_speakers=False, observe=record)
    return out


def picks(scores: np.ndarray, groups: Groups, margin: float) -> dict[int, int]:
    """Index of the chosen candidate per statement: the best one if it beats the rules' choice by `margin`."""
    best: dict[int, int] = {}
    rule: dict[int, int] = {}
    for k, g in enumerate(groups.group):
        if g not in best or scores[k] > scores[best[g]]:
            best[g] = k
        if groups.rule[k]:
            rule[g] = k
    chosen = {}
    for g, k in best.items():
        r = rule.get(g)
        chosen[g] = r if r is not None and (k == r or scores[k] - scores[r] < margin) else k
    return chosen


def accuracy(scores: np.ndarray, groups: Groups, margin: float) -> float:
    chosen = picks(scores, groups, margin)
    return sum(groups.labels[k] for k in chosen.values()) / max(len(chosen), 1)


def rule_accuracy(groups: Groups) -> float:
    right = {g for g, r, y in zip(groups.group, groups.rule, groups.labels, strict=True) if r and y}
    return len(right) / max(groups.statements, 1)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("corpus", nargs="?", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--out", type=Path, default=MODEL_FILE)
    args = parser.parse_args()
    texts, annotations = load_corpus(args.corpus, "train")
    heads = head_rates(texts, annotations)
    train = collect(args.corpus, "train", heads)
    vec = DictVectorizer()
    x, y = vec.fit_transform(train.feats), np.array(train.labels)
    docs = np.array(train.docs)
    margins = np.arange(0.0, 4.01, 0.25)
    best: tuple[float, float, float] = (-1.0, 1.0, 0.0)  # cross-validated accuracy, C, margin
    for c in (0.3, 1.0, 3.0, 10.0):
        scores = cross_val_predict(LogisticRegression(C=c, max_iter=3000), x, y, groups=docs, cv=GroupKFold(5),
                                   method="decision_function")
        for m in margins:
            best = max(best, (accuracy(scores, train, float(m)), c, float(m)))
    cv_accuracy, c, margin = best
    model = LogisticRegression(C=c, max_iter=3000)
    model.fit(x, y)
    weights = {name: round(float(w), 5) for name, w in zip(vec.get_feature_names_out(), model.coef_[0], strict=True)
               if abs(w) > 1e-6}
    weights["bias"] = round(weights.get("bias", 0.0) + float(model.intercept_[0]), 5)
    write_data(args.out, "Logistic regression over speaker_features() (knowledge/training/train_speakers.py), "
               "with the log share of each dictionary noun's uses in which it heads a speaker",
               {"margin": margin, "weights": dict(sorted(weights.items())), "heads": dict(sorted(heads.items()))})
    dev = collect(args.corpus, "dev", heads)
    dev_scores = model.decision_function(vec.transform(dev.feats))
    print(f"train: {train.statements} statements, {len(y)} candidates; rules right {rule_accuracy(train):.3f}, "
          f"cross-validated model {cv_accuracy:.3f} (C {c}, margin {margin})")
    print(f"dev: {dev.statements} statements; rules right {rule_accuracy(dev):.3f}, "
          f"model {accuracy(dev_scores, dev, margin):.3f}")


if __name__ == "__main__":
    main()
