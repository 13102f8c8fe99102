"""Fit the statement model (knowledge/extraction/statement_model.py) on the corpus's train split.

Usage: python -m knowledge.training.train_statements [CORPUS_DIR]   (needs `pip install ".[train]"`)

Every candidate the rules propose on a train document is labelled by the gold annotations: a
statement when at least 30 % of its characters lie inside an annotated quotation. A logistic
regression over statement_features() is fitted; the threshold that maximises F1 of the kept
candidates is chosen by cross-validation on the train split, and the dev split is only reported.
"""

from __future__ import annotations

import argparse
from pathlib import Path

import numpy as np
from sklearn.feature_extraction import DictVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import GroupKFold, cross_val_predict

from knowledge.extraction.pipeline import extract_claims
from knowledge.extraction.statement_model import MODEL_FILE, statement_features
from knowledge.training.corpus import DEFAULT_CORPUS, load_corpus, write_data
from knowledge.training.labels import claim_spans, overlap, paragraph_offsets


def candidates(corpus: Path, split: str) -> tuple[list[dict[str, float]], list[int], list[str], int]:
    """Features, labels and documents of every candidate statement, and the number of gold quotes."""
    texts, annotations = load_corpus(corpus, split)
    gold: dict[str, list[tuple[tuple[int, int], ...]]] = {}
    for ann in annotations:
        gold.setdefault(ann.doc, []).append(ann.quote_spans)
    feats, labels, groups = [], [], []
    for doc, text in texts.items():
        offsets = paragraph_offsets(text)
        for claim in extract_claims(doc, text, judge=False):
            if claim.kind == "figure":
                continue
            spans = claim_spans(claim, text, offsets)
            size = sum(e - b for b, e in spans) or 1
            hit = any(overlap(spans, g) > 0.3 * size for g in gold.get(doc, []))
            feats.append(statement_features(claim))
            labels.append(int(hit))
            groups.append(doc)
    core = sum(1 for a in annotations if a.type in ("Direct", "Indirect"))
    return feats, labels, groups, core


def best_threshold(prob: np.ndarray, y: np.ndarray, beta: float) -> float:
    """The cut with the best F-beta of the kept set; beta > 1 because a lost statement costs more than a stray one."""
    best, cut = -1.0, 0.5
    for t in np.arange(0.05, 0.8, 0.01):
        kept = prob >= t
        tp = float((kept & (y == 1)).sum())
        precision = tp / max(kept.sum(), 1)
        recall = tp / max((y == 1).sum(), 1)
        score = (1 + beta**2) * precision * recall / max(beta**2 * precision + recall, 1e-9)
        if score > best:
            best, cut = score, float(t)
    return cut


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("corpus", nargs="?", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--out", type=Path, default=MODEL_FILE)
    parser.add_argument("--beta", type=float, default=1.3, help="weight of recall against precision")
    parser.add_argument("--C", type=float, default=0.5, help="inverse regularisation strength")
    args = parser.parse_args()
    feats, labels, groups, _ = candidates(args.corpus, "train")
    vec = DictVectorizer()
    x, y = vec.fit_transform(feats), np.array(labels)
    model = LogisticRegression(C=args.C, max_iter=2000)
    prob = cross_val_predict(model, x, y, groups=groups, cv=GroupKFold(5), method="predict_proba")[:, 1]
    threshold = best_threshold(prob, y, args.beta)
    model.fit(x, y)
    weights = {name: round(float(w), 5) for name, w in zip(vec.get_feature_names_out(), model.coef_[0], strict=True)
               if abs(w) > 1e-6}
    weights["bias"] = round(weights.get("bias", 0.0) + float(model.intercept_[0]), 5)
    write_data(args.out, "Logistic regression over statement_features() (knowledge/training/train_statements.py)",
               {"threshold": round(threshold, 3), "weights": dict(sorted(weights.items()))})
    dev_feats, dev_labels, _, _ = candidates(args.corpus, "dev")
    dev_prob = model.predict_proba(vec.transform(dev_feats))[:, 1]
    dy = np.array(dev_labels)
    kept = dev_prob >= threshold
    print(f"train: {len(y)} candidates, {y.mean():.0%} statements; threshold {threshold:.2f}")
    print(f"dev: {len(dy)} candidates, precision before {dy.mean():.3f}, after {dy[kept].mean():.3f}, "
          f"statements kept {int((kept & (dy == 1)).sum())}/{int(dy.sum())}, dropped {int((~kept).sum())}")


if __name__ == "__main__":
    main()
