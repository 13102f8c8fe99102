"""From an understood question to the claims that answer it, and nothing else.

The engine picks claims; `handlers.replies` words them. An answer never pads: when no claim
fits, it is empty and says why (an unknown name, a count the sources never give), with the
closest known name as a suggestion.

Each kind of answer lives in a module of its own (`answer_figures`, `answer_statements`,
`answer_who`, `answer_facts`); this one reads the question and hands it to the right one.
"""

from __future__ import annotations

from functools import partial

from knowledge.answer_context import place_sources, year_untold
from knowledge.answer_facts import facts_answer
from knowledge.answer_figures import figures_answer, figures_by_source
from knowledge.answer_model import (
    FACT_FLOOR,
    FACT_MARGIN,
    FACT_SENTENCES,
    FIGURE_FLOOR,
    FIGURE_MARGIN,
    MORE,
    PAGE,
    PHRASE_MARGIN,
    SAID_FLOOR,
    SAID_MARGIN,
    THAT_MARGIN,
    UNHEARD_PENALTY,
    Answer,
    Group,
)
from knowledge.answer_statements import statements_answer
from knowledge.answer_who import quoted_in_answer, sources_answer, who_said_answer
from knowledge.described import english_word
from knowledge.index import KnowledgeIndex
from knowledge.questions import load_dictionary, parse_question


def answer(text: str, index: KnowledgeIndex, lang: str | None = None) -> Answer:
    q = parse_question(text, index, lang)
    handler = {
        "figures": figures_answer, "statements": statements_answer, "who_said": who_said_answer,
        "quoted_in": quoted_in_answer, "sources": sources_answer, "facts": facts_answer,
    }.get(q.intent)
    untold = q.intent in ("figures", "facts") and year_untold(q, index)
    if untold:
        handler = None  # "How many died in Beirut in 2020?": no document tells of that year there
    result = handler(q, index) if handler else Answer(q, q.intent)
    if q.intent == "figures" and not result.groups and q.vector is not None and not (q.entities or q.sources) \
            and not untold:
        q.intent = "facts"  # a count no figure holds may still stand in a sentence ("12.400 Zuschauer")
        result = facts_answer(q, index)
    if q.intent in ("figures", "facts", "who_said") and not q.entities:
        result = _at_the_place(result, index)
    if q.intent not in ("help", "sources") and not result.groups and result.intent != "help":
        result.intent = "none"
    if not result.sources:
        result.sources = list(dict.fromkeys(c.source for c in result.claims))
    return result


def _at_the_place(result: Answer, index: KnowledgeIndex) -> Answer:
    """Only the answers from documents naming the place the question puts its event at ("… in Quetta"); nothing
    where none does ("… beim Erdbeben in Lissabon")."""
    allowed = place_sources(result.question, result.claims, index)
    if allowed is None or all(c.source in allowed for c in result.claims):
        return result
    kept = Answer(result.question, result.intent, note=result.note, best=result.best)
    kept.groups, kept.more = _from_sources(result.groups, allowed), _from_sources(result.more, allowed)
    kept.hidden = sum(len(group.claims) for group in kept.more)
    if kept.best is not None and kept.best.source not in allowed:
        kept.best = next((c for c in kept.claims if c.figure), None)
    values = [c.figure.value for c in kept.claims if c.figure and c.figure.value is not None and not c.stance]
    if result.figure_range and values:
        kept.figure_range = (min(values), max(values))
    return kept


def _from_sources(groups: list[Group], allowed: set[str]) -> list[Group]:
    """The groups with only the claims of the allowed documents, those left empty dropped."""
    kept = [Group(g.key, g.title, [c for c in g.claims if c.source in allowed], g.note) for g in groups]
    return [group for group in kept if group.claims]


def prepare(index: KnowledgeIndex) -> None:
    """Compute what does not depend on the asker (the overview of each measure's figures) once, and
    load the word lists question understanding needs, so no asker waits for either."""
    load_dictionary()
    english_word("news")  # the English dictionary, which tells English words from names
    if index.semantic.ready:  # the model and the example questions, loaded before the first asker waits
        from knowledge.intents import examples

        examples(index.snapshot.vectors)
        index.near_word("")  # the fuzzy vocabularies of the documents and of the roles
        index.role_word_share(["vorsitzende"])
    for measure, pool in index.numbered.items():
        index.memo(("figures", measure), partial(figures_by_source, pool, index))


__all__ = [
    "FACT_FLOOR", "FACT_MARGIN", "FACT_SENTENCES", "FIGURE_FLOOR", "FIGURE_MARGIN", "MORE", "PAGE", "PHRASE_MARGIN",
    "SAID_FLOOR", "SAID_MARGIN", "THAT_MARGIN", "UNHEARD_PENALTY", "Answer", "Group", "answer", "prepare",
]
