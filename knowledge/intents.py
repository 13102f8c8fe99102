"""What a question asks for, learned from labelled example questions rather than keyword lists.

`data/intents.yaml` holds example questions per intent in German and English. A question takes
the intent whose nearest examples (by sentence vector) are closest to it, so "Wann wurde der
Verein gegründet?" and "When was the company founded?" are both `facts` without a rule naming
"wann" or "when". The keyword rules in `questions` still decide what they decide reliably
(help, the source list, a quoted phrase, a name) and gate the rest (a `figures` answer needs a
count, `quoted_in` its cue).
"""

from __future__ import annotations

import threading
from importlib.resources import files

import numpy as np
import yaml

from knowledge.embeddings import Vectors, encode

#: neighbours that vote, each with its similarity raised to this power: the nearest examples decide, so a
#: question's topic ("the VW law" near "cars were sold") does not outvote its frame ("who commented on")
NEIGHBOURS = 5
SHARPNESS = 4

_lock = threading.Lock()
_examples: tuple[list[str], np.ndarray] | None = None


def example_questions() -> dict[str, list[str]]:
    """The labelled example questions, by intent."""
    data = yaml.safe_load(files("knowledge").joinpath("data/intents.yaml").read_text(encoding="utf-8"))
    return {str(label): [str(q) for q in questions] for label, questions in data.items()}


def examples(stored: Vectors | None = None) -> tuple[list[str], np.ndarray]:
    """The labels and unit vectors of the example questions, once per process: from the store where it
    holds them (a build embeds them with everything else), else embedded now."""
    global _examples
    with _lock:
        if _examples is None:
            data = example_questions()
            labels = [label for label, questions in data.items() for _ in questions]
            texts = [q for questions in data.values() for q in questions]
            matrix, found = stored.of(texts) if stored is not None else (np.zeros((0, 0)), np.zeros(0, dtype=bool))
            if not found.size or not found.all():
                matrix = encode(texts)
            _examples = (labels, matrix)
        return _examples


def classify(vector: np.ndarray) -> list[tuple[str, float]]:
    """Intents with their summed similarities, in the order of their sharpened votes, best first."""
    labels, matrix = examples()
    scores = matrix @ vector
    votes: dict[str, float] = {}
    sums: dict[str, float] = {}
    for k in np.argsort(-scores)[:NEIGHBOURS].tolist():
        similarity = float(scores[k])
        votes[labels[k]] = votes.get(labels[k], 0.0) + max(similarity, 0.0) ** SHARPNESS
        sums[labels[k]] = sums.get(labels[k], 0.0) + similarity
    return [(label, sums[label]) for label in sorted(votes, key=lambda label: -votes[label])]
