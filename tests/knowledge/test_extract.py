from __future__ import annotations

import os

import pytest
import yaml
from helpers import MEIER_DOC, WEATHER_DOC, write_doc

import knowledge.extract as extract_module
from knowledge.claimfile import load_claims
from knowledge.documents import content_hash, read_document
from knowledge.extract import EXTRACTOR, ExtractionReport, extract_folder, needs_extraction

OLD = 1_000_000_000  # an mtime long ago, so any rewrite shows


@pytest.fixture
def folder(tmp_path):
    write_doc(tmp_path, "meier", MEIER_DOC)
    write_doc(tmp_path, "wetter", WEATHER_DOC)
    return tmp_path


def age(path):
    os.utime(path, ns=(OLD * 10**9, OLD * 10**9))


def snapshot_of(path):
    return path.read_bytes(), path.stat().st_mtime_ns


def mark_reviewed(path, edit=lambda text: text):
    text = path.read_text(encoding="utf-8").replace("reviewed: false", "reviewed: true")
    path.write_text(edit(text), encoding="utf-8")


def test_new_documents_are_extracted_into_claim_files(folder):
    report = extract_folder(folder, progress=False)
    assert sorted(report.extracted) == ["meier", "wetter"]
    assert report.unchanged == [] and report.errors == []
    for doc_id in ("meier", "wetter"):
        path = folder / f"{doc_id}.claims.yaml"
        claim_file = load_claims(path, read_document(folder / f"{doc_id}.txt").paragraphs)
        assert claim_file.sha256 == content_hash((folder / f"{doc_id}.txt").read_bytes())
        assert claim_file.extractor == EXTRACTOR
        assert claim_file.reviewed is False


def test_a_minister_quote_becomes_a_quote_claim_by_that_minister(folder):
    extract_folder(folder, progress=False)
    claims = load_claims(folder / "meier.claims.yaml").claims
    quotes = [c for c in claims if c.kind == "quote" and c.speaker == "Hans Meier"]
    assert quotes, claims
    assert quotes[0].paragraph == 2
    assert "Wir werden nicht nachgeben" in quotes[0].text


def test_unchanged_documents_are_left_alone(folder):
    extract_folder(folder, progress=False)
    for path in folder.glob("*.claims.yaml"):
        age(path)
    before = {p.name: snapshot_of(p) for p in folder.glob("*.claims.yaml")}
    report = extract_folder(folder, progress=False)
    assert report.extracted == []
    assert sorted(report.unchanged) == ["meier", "wetter"]
    assert {p.name: snapshot_of(p) for p in folder.glob("*.claims.yaml")} == before


def test_a_changed_document_is_re_extracted_and_only_that_one(folder):
    extract_folder(folder, progress=False)
    age(folder / "wetter.claims.yaml")
    weather_before = snapshot_of(folder / "wetter.claims.yaml")
    changed = MEIER_DOC + "„Wir bleiben standhaft“, sagte Ministerin Anna Schulz.\n"
    write_doc(folder, "meier", changed)
    report = extract_folder(folder, progress=False)
    assert report.extracted == ["meier"]
    assert report.unchanged == ["wetter"]
    claim_file = load_claims(folder / "meier.claims.yaml", read_document(folder / "meier.txt").paragraphs)
    assert claim_file.sha256 == content_hash(changed.encode("utf-8"))
    assert snapshot_of(folder / "wetter.claims.yaml") == weather_before


def test_hand_edits_of_an_unreviewed_file_survive_until_the_document_changes(folder):
    extract_folder(folder, progress=False)
    path = folder / "meier.claims.yaml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    data["claims"] = []
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    extract_folder(folder, progress=False)
    assert load_claims(path).claims == []
    report = extract_folder(folder, force=True, progress=False)
    assert "meier" in report.extracted
    assert load_claims(path).claims != []


def test_reviewed_claim_file_is_never_overwritten(folder):
    extract_folder(folder, progress=False)
    path = folder / "meier.claims.yaml"
    mark_reviewed(path, lambda text: text.replace("Hans Meier", "Hans-Peter Meier"))
    age(path)
    before = snapshot_of(path)
    write_doc(folder, "meier", MEIER_DOC + "Ein neuer Absatz kam hinzu.\n")
    report = extract_folder(folder, progress=False)
    assert report.reviewed == ["meier"]
    assert "meier" not in report.extracted
    assert snapshot_of(path) == before


def test_reviewed_claim_file_is_never_overwritten_even_with_force(folder):
    extract_folder(folder, progress=False)
    path = folder / "meier.claims.yaml"
    mark_reviewed(path)
    age(path)
    before = snapshot_of(path)
    report = extract_folder(folder, force=True, progress=False)
    assert report.reviewed == ["meier"]
    assert report.extracted == ["wetter"]
    assert snapshot_of(path) == before


def test_reviewed_claim_file_with_a_yaml_mistake_is_not_overwritten(folder):
    # the editor's work is in the file; a typo elsewhere must not make extraction throw it away
    extract_folder(folder, progress=False)
    path = folder / "meier.claims.yaml"
    mark_reviewed(path, lambda text: text.replace("claims:\n", "claims:\n- id: [kaputt\n", 1))
    age(path)
    before = snapshot_of(path)
    for force in (False, True):
        report = extract_folder(folder, force=force, progress=False)
        assert report.reviewed == ["meier"]
        assert snapshot_of(path) == before


def test_needs_extraction_follows_hash_reviewed_flag_and_force(folder):
    doc = read_document(folder / "meier.txt")
    assert needs_extraction(doc)
    extract_folder(folder, progress=False)
    assert not needs_extraction(doc)
    assert needs_extraction(doc, force=True)
    mark_reviewed(doc.claims_path)
    assert not needs_extraction(doc, force=True)


def test_unreadable_document_is_reported_and_the_others_are_extracted(folder):
    (folder / "latin1.txt").write_bytes("Die Bevölkerung ist besorgt.\n".encode("latin-1"))
    (folder / "leer.txt").write_text("\n\n", encoding="utf-8")
    report = extract_folder(folder, progress=False)
    assert sorted(report.extracted) == ["meier", "wetter"]
    assert len(report.errors) == 2
    assert {(e.path.name if e.path else None, e.code, e.line) for e in report.errors} == {
        ("latin1.txt", "document_not_utf8", 1), ("leer.txt", "empty", None)}
    assert any("latin1.txt" in str(e) and "line 1" in str(e) for e in report.errors)
    assert any("leer.txt" in str(e) and "empty" in str(e) for e in report.errors)
    assert not (folder / "latin1.claims.yaml").exists()


def test_extractor_crash_on_one_document_does_not_stop_the_others(folder, monkeypatch):
    real = extract_module.extract_claims

    def flaky(doc_id, text):
        if doc_id == "meier":
            raise RuntimeError("kaputt")
        return real(doc_id, text)

    monkeypatch.setattr(extract_module, "extract_claims", flaky)
    report = extract_folder(folder, progress=False)
    assert report.extracted == ["wetter"]
    assert list(map(str, report.errors)) == [f"{folder / 'meier.txt'}: extraction failed (RuntimeError: kaputt)"]
    assert not (folder / "meier.claims.yaml").exists()


def test_extraction_writes_sources_for_the_documents(folder):
    extract_folder(folder, progress=False)
    data = yaml.safe_load((folder / "sources.yaml").read_text(encoding="utf-8"))
    assert data["documents"]["meier"]["outlet"] == "taz"
    assert data["documents"]["wetter"]["outlet"] == "example.org"


def test_report_summary_counts_each_outcome():
    report = ExtractionReport(extracted=["a", "b"], unchanged=["c"], reviewed=["d"], errors=["e: kaputt"])
    assert report.summary() == "2 extracted, 1 unchanged, 1 reviewed (kept), 1 with errors"
    assert ExtractionReport(unchanged=["c"]).summary() == "0 extracted, 1 unchanged"
