"""/sources stays readable on a phone however many documents the store holds."""

from __future__ import annotations

from handlers import Context, Request, dispatch
from knowledge.model import Claim, Source
from knowledge.store import Snapshot


def snapshot_with(documents: int) -> Snapshot:
    sources = {f"{n:03d}_doc": Source(document=f"{n:03d}_doc", outlet=f"Blatt {n}") for n in range(documents)}
    claims = [Claim(id=f"{doc}#001", source=doc, paragraph=1, kind="quote", text="„Wir sind bereit.“",
                    speaker="Hans Meier", speaker_kind="person", entity="hans-meier") for doc in sources]
    return Snapshot(version=1, claims=claims, entities=[], sources=sources)


def test_long_source_list_is_cut_with_a_count_but_every_id_is_returned() -> None:
    reply = dispatch(Request("/sources"), Context(snapshot_with(55)))
    lines = reply.text.splitlines()
    assert lines[0] == "55 Quellen:"
    assert sum(line.startswith("• ") for line in lines) == 40
    assert lines[-1] == "… und 15 weitere."
    assert len(reply.sources) == 55


def test_short_source_list_is_complete() -> None:
    reply = dispatch(Request("/sources"), Context(snapshot_with(3)))
    assert reply.text.count("• ") == 3 and "weitere" not in reply.text
    assert "– 1 Aussage [" in reply.text and "1 Aussagen" not in reply.text


def test_documents_sharing_an_id_prefix_are_listed_by_their_whole_id_once() -> None:
    snapshot = snapshot_with(2)
    renamed = {f"dev_{n}": Source(document=f"dev_{n}") for n in (11, 12)}
    claims = [Claim(id=f"{doc}#001", source=doc, paragraph=1, kind="quote", text="„Ja.“", speaker="Hans Meier",
                    speaker_kind="person", entity="hans-meier") for doc in renamed]
    reply = dispatch(Request("/sources"), Context(Snapshot(version=1, claims=snapshot.claims + claims, entities=[],
                                                           sources={**snapshot.sources, **renamed})))
    assert "• dev_11: Medium unbekannt – 1 Aussage\n" in reply.text + "\n"
    assert "• 000: Blatt 0 – 1 Aussage [000_doc]" in reply.text
