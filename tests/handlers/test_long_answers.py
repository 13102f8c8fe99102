"""Answers with hundreds of hits: a page, a bounded /more, an honest count of the rest, and a summary of all."""

from __future__ import annotations

import re

from handlers import Context, Request, dispatch
from knowledge.answers import MORE, PAGE
from knowledge.model import Claim, Entity, Figure, Source
from knowledge.store import Snapshot

SPEAKERS = 300


def snapshot_with_drone_talk() -> Snapshot:
    """Speaker n says n+1 things about drones; only speaker 7 ever quotes directly."""
    sources, claims, entities = {}, [], []
    for n in range(SPEAKERS):
        doc = f"{n:03d}_doc"
        sources[doc] = Source(document=doc, outlet=f"Blatt {n}")
        entities.append(Entity(id=f"p{n}", name=f"Person {n:03d}", kind="person"))
        for k in range(1 + n % 3):
            claims.append(Claim(id=f"{doc}#{k}", source=doc, paragraph=k + 1, kind="quote" if n == 7 else "indirect",
                                text=f"Die Drohnen seien Thema {k} gewesen.", speaker=f"Person {n:03d}",
                                speaker_kind="person", entity=f"p{n}"))
    return Snapshot(version=1, claims=claims, entities=entities, sources=sources)


def test_thousands_of_hits_show_a_page_a_bounded_more_and_count_the_rest() -> None:
    context = Context(snapshot_with_drone_talk())
    total = sum(1 + n % 3 for n in range(SPEAKERS))
    reply = dispatch(Request("Wer sprach über Drohnen?", chat="c"), context)
    assert len(reply.claims) == PAGE
    # the one who quotes comes first, then by name
    assert [c.entity for c in reply.claims[:5]] == ["p7", "p7", "p0", "p1", "p1"]
    assert reply.text.splitlines()[-1] == (f"… {total - PAGE} weitere – /more zeigt die nächsten {MORE}; "
                                          "eine engere Frage (Person, Quelle) findet den Rest.")
    shown = 0
    while True:
        page = dispatch(Request("/more", chat="c"), context)
        if page.text == "Nichts weiter.":
            break
        shown += len(re.findall(r"\[Blatt \d+ ¶\d\]", page.text))
    assert shown == MORE


def test_the_range_of_figures_covers_the_sources_behind_more_too() -> None:
    sources = {f"{n:03d}_doc": Source(document=f"{n:03d}_doc", outlet=f"Blatt {n}") for n in range(30)}
    claims = [Claim(id=f"{doc}#1", source=doc, paragraph=1, kind="figure", text=f"{1000 + n} Soldaten",
                    figure=Figure(value=1000 + n, low=None, high=None, qualifier=None, unit="Soldaten", scope=None,
                                  measure="troops"))
              for n, doc in enumerate(sources)]
    reply = dispatch(Request("Wie viele Soldaten meldet jede Quelle?", chat="c"),
                     Context(Snapshot(version=1, claims=claims, entities=[], sources=sources)))
    assert len(reply.claims) == 24
    assert "Spanne: 1.000 – 1.029" in reply.text
