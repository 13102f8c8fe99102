from __future__ import annotations

import pytest
from helpers import MEIER_DOC, WEATHER_DOC, quote, write_claims, write_doc
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from knowledge.model import Claim, Figure
from knowledge.store import (
    ClaimRow,
    DocumentRow,
    StoreError,
    build,
    current_state,
    default_db_url,
    load_snapshot,
    make_engine,
    open_store,
)

SCHULZ_DOC = (
    "Seoul (dpa) - Die Regierung in Seoul zeigte sich besorgt.\n"
    "„Das ist eine gefährliche Entwicklung“, sagte Außenministerin Anna Schulz.\n"
    "Nach Angaben des Geheimdienstes sind bis zu 12.000 Soldaten im Einsatz.\n"
)


def meier_claims() -> list[Claim]:
    return [quote("meier", 1, 2, "„Wir werden nicht nachgeben“", "Hans Meier", role="Minister")]


def schulz_claims() -> list[Claim]:
    return [
        quote("schulz", 1, 2, "„Das ist eine gefährliche Entwicklung“", "Anna Schulz", role="Außenministerin"),
        Claim(id="schulz#002", source="schulz", paragraph=3, kind="figure", text="bis zu 12.000 Soldaten",
              speaker="Geheimdienst", speaker_kind="organisation",
              figure=Figure(value=12000, low=None, high=12000, qualifier="bis zu", unit="Soldaten", scope=None,
                            measure="troops")),
    ]


@pytest.fixture
def folder(tmp_path):
    docs = tmp_path / "docs"
    docs.mkdir()
    write_doc(docs, "meier", MEIER_DOC)
    write_claims(docs, "meier", meier_claims())
    write_doc(docs, "schulz", SCHULZ_DOC)
    write_claims(docs, "schulz", schulz_claims())
    (docs / "sources.yaml").write_text(
        "documents:\n"
        "  meier: {outlet: taz, language: de, date: '2024-10-18', url: https://taz.de/meier}\n"
        "  schulz: {outlet: dpa}\n", encoding="utf-8")
    return docs


@pytest.fixture
def url(tmp_path):
    return f"sqlite:///{tmp_path / 'x.db'}"


@pytest.fixture
def engine(url):
    engine = make_engine(url)
    yield engine
    engine.dispose()


def break_claim_file(folder, doc_id="schulz"):
    path = folder / f"{doc_id}.claims.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("kind: quote", "kind: rumour", 1), encoding="utf-8")
    line = next(i for i, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
                if line.startswith("- id: "))
    return path, line


def claim_ids(snapshot):
    return sorted(c.id for c in snapshot.claims)


def test_build_loads_claims_entities_and_sources_into_sqlite(folder, engine, url, tmp_path):
    version, problems = build(folder, engine)
    assert (version, problems) == (1, [])
    assert (tmp_path / "x.db").is_file()
    snapshot = load_snapshot(engine)
    assert snapshot.version == 1
    assert claim_ids(snapshot) == ["meier#001", "schulz#001", "schulz#002"]
    figure_claim = next(c for c in snapshot.claims if c.id == "schulz#002")
    assert figure_claim.figure == schulz_claims()[1].figure
    assert figure_claim.source == "schulz"
    assert {e.name for e in snapshot.entities} == {"Hans Meier", "Anna Schulz", "Geheimdienst"}
    meier = next(c for c in snapshot.claims if c.id == "meier#001")
    assert meier.entity == next(e.id for e in snapshot.entities if e.name == "Hans Meier")
    assert snapshot.sources["meier"].outlet == "taz"
    assert snapshot.sources["meier"].url == "https://taz.de/meier"
    assert snapshot.sources["meier"].date == "2024-10-18"
    assert snapshot.sources["schulz"].outlet == "dpa"
    assert snapshot.sources["schulz"].url == "unknown"


def test_build_records_paragraph_counts_and_document_hashes(folder, engine):
    build(folder, engine)
    with Session(engine) as session:
        rows = {r.id: r for r in session.execute(select(DocumentRow)).scalars()}
    assert rows["meier"].paragraphs == 3
    assert rows["schulz"].paragraphs == 3
    assert len(rows["meier"].sha256) == 64
    assert rows["meier"].reviewed is False


def test_claims_keep_the_order_of_their_files(folder, engine):
    build(folder, engine)
    assert [c.id for c in load_snapshot(engine).claims] == ["meier#001", "schulz#001", "schulz#002"]


def test_broken_claim_file_stops_the_build_naming_file_and_line(folder, engine):
    build(folder, engine)
    path, line = break_claim_file(folder)
    with pytest.raises(StoreError) as excinfo:
        build(folder, engine)
    assert len(excinfo.value.problems) == 1
    assert str(excinfo.value.problems[0]).startswith(f"{path}:{line}: ")
    assert "rumour" in str(excinfo.value.problems[0])


def test_broken_claim_file_leaves_the_previous_version_in_the_database(folder, engine):
    build(folder, engine)
    before = load_snapshot(engine)
    write_claims(folder, "meier", [*meier_claims(), quote("meier", 2, 3, "Die Opposition kritisierte")])
    break_claim_file(folder)
    with pytest.raises(StoreError):
        build(folder, engine)
    after = load_snapshot(engine)
    assert after.version == before.version == 1
    assert after.claims == before.claims
    assert current_state(engine)[0] == 1


def test_every_broken_file_is_listed_not_just_the_first(folder, engine):
    break_claim_file(folder, "meier")
    break_claim_file(folder, "schulz")
    (folder / "ohne.txt").write_text("Ein Dokument ohne Claim-Datei.\n", encoding="utf-8")
    with pytest.raises(StoreError) as excinfo:
        build(folder, engine)
    problems = list(map(str, excinfo.value.problems))
    assert len(problems) == 3
    assert any("meier.claims.yaml:" in p for p in problems)
    assert any("schulz.claims.yaml:" in p for p in problems)
    assert any("ohne.claims.yaml" in p and "missing" in p for p in problems)


def test_a_claim_whose_text_is_no_longer_in_the_changed_document_is_a_problem(folder, engine):
    write_doc(folder, "meier", MEIER_DOC.replace("nicht nachgeben", "niemals aufgeben"))
    with pytest.raises(StoreError, match=r"meier\.claims\.yaml:\d+: `text` is not verbatim"):
        build(folder, engine)


def test_first_build_with_allow_partial_keeps_the_good_documents(folder, engine):
    break_claim_file(folder)
    version, problems = build(folder, engine, allow_partial=True)
    assert version == 1
    assert len(problems) == 1 and "schulz.claims.yaml" in str(problems[0])
    snapshot = load_snapshot(engine)
    assert claim_ids(snapshot) == ["meier#001"]
    assert set(snapshot.sources) == {"meier"}


def test_the_same_claim_id_in_two_files_is_a_problem_not_a_crash(folder, engine):
    write_claims(folder, "schulz", [quote("meier", 1, 2, "„Das ist eine gefährliche Entwicklung“")])
    with pytest.raises(StoreError) as excinfo:
        build(folder, engine)
    assert "schulz.claims.yaml" in str(excinfo.value)
    assert "meier#001" in str(excinfo.value)


def test_open_store_builds_on_first_use(folder, url):
    snapshot = open_store(folder, url, extract=False, progress=False)
    assert snapshot.version == 1
    assert snapshot.problems == []
    assert claim_ids(snapshot) == ["meier#001", "schulz#001", "schulz#002"]


def test_open_store_rebuilds_only_when_a_file_changed(folder, url):
    assert open_store(folder, url, extract=False, progress=False).version == 1
    assert open_store(folder, url, extract=False, progress=False).version == 1
    write_claims(folder, "meier", [*meier_claims(), quote("meier", 2, 3, "Die Opposition kritisierte")])
    changed = open_store(folder, url, extract=False, progress=False)
    assert changed.version == 2
    assert "meier#002" in claim_ids(changed)
    assert open_store(folder, url, extract=False, progress=False).version == 2
    (folder / "sources.yaml").write_text("documents:\n  meier: {outlet: taz}\n", encoding="utf-8")
    assert open_store(folder, url, extract=False, progress=False).version == 3
    assert open_store(folder, url, extract=False, progress=False).version == 3


def test_open_store_keeps_answering_from_the_old_version_when_a_file_breaks(folder, url):
    first = open_store(folder, url, extract=False, progress=False)
    path, line = break_claim_file(folder)
    snapshot = open_store(folder, url, extract=False, progress=False)
    assert snapshot.version == first.version == 1
    assert claim_ids(snapshot) == claim_ids(first)
    assert any(p.startswith(f"{path}:{line}: ") for p in map(str, snapshot.problems))
    write_claims(folder, "schulz", schulz_claims()[:1])
    fixed = open_store(folder, url, extract=False, progress=False)
    assert fixed.version == 2
    assert fixed.problems == []
    assert claim_ids(fixed) == ["meier#001", "schulz#001"]


def test_problems_of_one_file_do_not_lose_the_other_documents_on_a_first_build(folder, url):
    path, line = break_claim_file(folder)
    snapshot = open_store(folder, url, extract=False, progress=False)
    assert snapshot.version == 1
    assert claim_ids(snapshot) == ["meier#001"]
    assert any(p.startswith(f"{path}:{line}: ") for p in map(str, snapshot.problems))


def test_open_store_extracts_a_folder_without_claim_files(tmp_path, url):
    docs = tmp_path / "docs"
    docs.mkdir()
    write_doc(docs, "meier", MEIER_DOC)
    snapshot = open_store(docs, url, progress=False)
    assert (docs / "meier.claims.yaml").is_file()
    assert (docs / "sources.yaml").is_file()
    assert any(c.kind == "quote" and c.speaker == "Hans Meier" and c.source == "meier" for c in snapshot.claims)
    assert snapshot.sources["meier"].outlet == "taz"


def test_documents_remember_the_version_they_were_added_in(folder, engine):
    build(folder, engine)
    write_doc(folder, "wetter", WEATHER_DOC)
    write_claims(folder, "wetter", [])
    build(folder, engine)
    with Session(engine) as session:
        added = dict(session.execute(select(DocumentRow.id, DocumentRow.added_version)).all())
    assert added == {"meier": 1, "schulz": 1, "wetter": 2}


def test_a_removed_document_disappears_from_the_store(folder, engine):
    build(folder, engine)
    (folder / "schulz.txt").unlink()
    build(folder, engine)
    with Session(engine) as session:
        assert session.execute(select(func.count()).select_from(ClaimRow)).scalar_one() == 1
    assert set(load_snapshot(engine).sources) == {"meier"}


def test_default_database_lives_in_the_documents_folder(folder):
    assert default_db_url(folder) == f"sqlite:///{(folder / 'briefbot.db').resolve()}"
    snapshot = open_store(folder, extract=False, progress=False)
    assert (folder / "briefbot.db").is_file()
    assert snapshot.version == 1


def give_a_claim_a_field(folder, line: str, doc_id: str = "schulz"):
    """Add `line` to the first claim of a claim file, as an editor's slip would."""
    path = folder / f"{doc_id}.claims.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("  kind: quote\n", f"  kind: quote\n  {line}\n", 1), encoding="utf-8")
    return path


@pytest.mark.parametrize("line", ["via: [laut FT, laut AP]", "section: {a: b}", "cue: [sagen, meinen]"])
def test_a_wrong_typed_claim_field_stops_the_build_and_keeps_the_previous_version(folder, engine, line):
    build(folder, engine)
    before = load_snapshot(engine)
    path = give_a_claim_a_field(folder, line)
    with pytest.raises(StoreError) as excinfo:
        build(folder, engine)
    assert str(excinfo.value.problems[0]).startswith(f"{path}:")
    assert line.split(":")[0] in str(excinfo.value.problems[0])
    assert load_snapshot(engine).claims == before.claims


def test_a_speaker_list_does_not_crash_the_restart_either(folder, url):
    first = open_store(folder, url, extract=False, progress=False)
    path = folder / "schulz.claims.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("speaker: Anna Schulz", "speaker: [Austin, Blinken]"),
                    encoding="utf-8")
    again = open_store(folder, url, extract=False, progress=False)
    assert again.version == first.version
    assert again.claims == first.claims
    assert any(p.startswith(f"{path}:") and "`speaker` must be text" in p for p in map(str, again.problems))


def test_an_unexpected_failure_while_building_keeps_the_last_good_version(folder, url, monkeypatch):
    first = open_store(folder, url, extract=False, progress=False)
    write_claims(folder, "meier", [*meier_claims(), quote("meier", 2, 3, "Die Opposition kritisierte")])

    def broken(claims):
        raise TypeError("unhashable type: 'list'")

    monkeypatch.setattr("knowledge.entities.resolve_entities", broken)
    again = open_store(folder, url, extract=False, progress=False)
    assert (again.version, again.claims) == (first.version, first.claims)
    assert any("TypeError" in p for p in map(str, again.problems))


@pytest.mark.parametrize("content, line", [
    ("documents:\n  meier: {outlet: taz\n  schulz: {outlet: dpa}\n", 3),
    ("documents:\n  meier:\n    outlet: [taz, dpa]\n", 3),
    ("documents:\n  meier: taz\n", 2),
    ("documents:\n  meier:\n    outlet: taz\n    outlte: dpa\n", 4),
    ("- meier\n- schulz\n", 1),
])
def test_a_broken_sources_file_stops_the_build_and_keeps_every_outlet(folder, url, content, line):
    first = open_store(folder, url, extract=False, progress=False)
    path = folder / "sources.yaml"
    path.write_text(content, encoding="utf-8")
    again = open_store(folder, url, extract=False, progress=False)
    assert again.version == first.version
    assert again.sources == first.sources
    assert any(p.startswith(f"{path}:{line}: ") for p in map(str, again.problems)), again.problems


def test_a_new_sqlite_store_is_created_private(folder, tmp_path):
    import os
    import stat

    old = os.umask(0o022)
    try:
        path = tmp_path / "neu.db"
        open_store(folder, f"sqlite:///{path}", extract=False, progress=False)
        assert stat.S_IMODE(path.stat().st_mode) == 0o600
        default = open_store(folder, None, extract=False, progress=False)
        assert default.version == 1
        assert stat.S_IMODE((folder / "briefbot.db").stat().st_mode) == 0o600
    finally:
        os.umask(old)


def test_a_world_readable_sqlite_store_is_made_private(folder, tmp_path):
    import stat

    path = tmp_path / "alt.db"
    open_store(folder, f"sqlite:///{path}", extract=False, progress=False)
    path.chmod(0o644)
    open_store(folder, f"sqlite:///{path}", extract=False, progress=False)
    assert stat.S_IMODE(path.stat().st_mode) & 0o077 == 0
