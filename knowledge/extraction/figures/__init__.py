"""Figures: how many people, of whom, and what happened to them.

A figure is a count of people with a unit noun ("12.000 Soldaten", "500 Offiziere und drei
Generäle", "bis zu 12.000 Mann"), or a bare number that continues a count in the same sentence
("erhöhte diese Zahl auf 10.000") or gives the one it names ("die Zahl der Toten stieg auf 384").
Distances, years, calibres, containers and percentages have other units and never match. What
the number measures comes from the unit noun and the words around it: soldiers who were killed,
wounded or captured are casualties, not troops. Whose people
are counted (`party`) comes from a nationality adjective or an "aus/der + country" phrase, by
German word formation, never from a list of one story's countries.

The parts live in private modules: `_counts` (numbers and unit nouns), `_measures` (what and
where), `_parties` (whose people) and `_find` (one sentence's figures and their sources).
"""

from knowledge.extraction.figures._counts import parse_number, unit_kind
from knowledge.extraction.figures._find import (
    NOT_REPORTING,
    SOURCE_CUES,
    FigureMention,
    figure_reporter,
    figure_source,
    find_figures,
)
from knowledge.extraction.figures._parties import country_adjective

__all__ = [
    "NOT_REPORTING",
    "SOURCE_CUES",
    "FigureMention",
    "country_adjective",
    "figure_reporter",
    "figure_source",
    "find_figures",
    "parse_number",
    "unit_kind",
]
