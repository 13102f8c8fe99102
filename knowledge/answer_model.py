"""What an answer is: claims under headings, the first page of them and the rest behind /more.

Every kind of answer (figures, statements, who said, facts) fills the same `Answer`, which
`handlers.replies` words; the floors below are shared by the kinds that rank by meaning.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from knowledge.model import Claim, Entity
from knowledge.question_model import Question

PAGE = 8
#: how far below the best-matching claim a claim may score and still answer "who said …?"
PHRASE_MARGIN = 6
#: claims kept behind /more; an answer with thousands of hits is narrowed by asking again, not by paging
MORE = 120
#: Floors of the combined score (cosine plus word share, `semantic`) below which nothing answers the question,
#: and how far below the best answer an answer may score and still be shown. Calibrated on the development
#: questions, those that must get nothing included (BENCHMARKS.md, "Calibration").
FACT_FLOOR = 0.42
FACT_MARGIN = 0.2
SAID_FLOOR = 0.42
SAID_MARGIN = 0.12
THAT_MARGIN = 0.06
FIGURE_FLOOR = 0.42
FIGURE_MARGIN = 0.15
#: how much higher the floors stand for a question naming something no document holds ("Atlantis")
UNHEARD_PENALTY = 0.15
#: sentences shown for a fact question
FACT_SENTENCES = 3


@dataclass(slots=True)
class Group:
    """Claims under one heading: a source (figures, statements) or a speaker (who said)."""

    key: str  # document id or entity id
    title: str
    claims: list[Claim]
    note: str | None = None


@dataclass(slots=True)
class Answer:
    question: Question
    intent: str
    groups: list[Group] = field(default_factory=list)
    sources: list[str] = field(default_factory=list)
    more: list[Group] = field(default_factory=list)  # what did not fit on the first page, up to MORE claims
    hidden: int = 0  # claims that did not fit on the first page, all of them
    figure_range: tuple[int, int] | None = None
    most_cited: list[tuple[int, int]] = field(default_factory=list)  # (value, number of sources)
    note: str | None = None
    choices: list[Entity] = field(default_factory=list)
    best: Claim | None = None  # the figure that fits a question on one event best, shown in its document's words

    @property
    def claims(self) -> list[Claim]:
        seen: set[str] = set()
        result = []
        for group in self.groups:
            for claim in group.claims:
                if claim.id not in seen:
                    seen.add(claim.id)
                    result.append(claim)
        return result


def paginate(result: Answer, groups: list[Group], limit: int = PAGE, total: int | None = None) -> None:
    """The first `limit` claims on the page, the next MORE behind /more; `total` counts groups not built."""
    shown = kept = 0
    for group in groups:
        room = max(limit - shown, 0)
        if room:
            page = group.claims[:room]
            result.groups.append(group if len(page) == len(group.claims) else
                                 Group(group.key, group.title, page, group.note))
            shown += len(page)
        rest = group.claims[room:][:MORE - kept]
        if rest:
            result.more.append(Group(group.key, group.title, rest, group.note))
            kept += len(rest)
    result.hidden = (sum(len(g.claims) for g in groups) if total is None else total) - shown


def penalty(q: Question) -> float:
    """How much higher the bar is for a question naming what no document holds; not for a German paraphrase
    ("Wer sprach davon, dass der Raumfahrtantrieb …"), whose nouns need not be the documents'."""
    if q.mode == "that" and q.lang == "de":
        return 0.0
    return UNHEARD_PENALTY if q.unheard else 0.0
