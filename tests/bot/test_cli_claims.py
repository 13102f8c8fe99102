from __future__ import annotations

import json

import pytest
from helpers import MEIER_DOC, WEATHER_DOC, quote, write_claims, write_doc

from bot.cli import main
from knowledge.model import Claim, Figure

FIGURE_DOC = (
    "Seoul (dpa) - Die Regierung in Seoul zeigte sich besorgt.\n"
    "Nach Angaben des Geheimdienstes sind bis zu 12.000 Soldaten im Einsatz.\n"
)
CLAIM_KEYS = {"id", "source", "paragraph", "speaker", "kind", "text", "figure"}


@pytest.fixture
def folder(tmp_path):
    docs = tmp_path / "docs"
    docs.mkdir()
    write_doc(docs, "meier", MEIER_DOC)
    write_claims(docs, "meier", [quote("meier", 1, 2, "„Wir werden nicht nachgeben“", "Hans Meier")])
    write_doc(docs, "zahlen", FIGURE_DOC)
    write_claims(docs, "zahlen", [
        Claim(id="zahlen#001", source="zahlen", paragraph=2, kind="figure", text="bis zu 12.000 Soldaten",
              speaker="Geheimdienst", speaker_kind="organisation",
              figure=Figure(value=12000, low=None, high=12000, qualifier="bis zu", unit="Soldaten", scope=None,
                            measure="troops")),
    ])
    return docs


@pytest.fixture
def url(tmp_path):
    return f"sqlite:///{tmp_path / 'x.db'}"


def claims_json(capsys, folder, url, *extra):
    code = main(["--seeds", str(folder), "--db", url, "claims", "--json", *extra])
    out, err = capsys.readouterr()
    assert code == 0, err
    return json.loads(out), err


def test_claims_json_prints_an_array_of_cited_claims(folder, url, capsys):
    claims, err = claims_json(capsys, folder, url)
    assert err == ""
    assert [c["id"] for c in claims] == ["meier#001", "zahlen#001"]
    for claim in claims:
        assert claim.keys() >= CLAIM_KEYS
    meier, figure = claims
    assert (meier["source"], meier["paragraph"], meier["speaker"], meier["kind"]) == ("meier", 2, "Hans Meier",
                                                                                      "quote")
    assert meier["text"] == "„Wir werden nicht nachgeben“"
    assert meier["figure"] is None
    assert figure["kind"] == "figure"
    assert figure["figure"]["value"] == 12000
    assert figure["figure"]["qualifier"] == "bis zu"


def test_claims_json_keeps_umlauts_and_quotes_readable(folder, url, capsys):
    code = main(["--seeds", str(folder), "--db", url, "claims", "--json"])
    out = capsys.readouterr().out
    assert code == 0
    assert "„Wir werden nicht nachgeben“" in out
    assert out.endswith("]\n")


def test_claims_source_filter(folder, url, capsys):
    claims, _ = claims_json(capsys, folder, url, "--source", "zahlen")
    assert [c["id"] for c in claims] == ["zahlen#001"]


def test_claims_plain_output_cites_document_and_paragraph(folder, url, capsys):
    assert main(["--seeds", str(folder), "--db", url, "claims"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert len(lines) == 2
    assert lines[0].startswith("meier:2 quote")
    assert "Hans Meier: „Wir werden nicht nachgeben“" in lines[0]
    assert lines[1].startswith("zahlen:2 figure")
    assert "[bis zu 12000 Soldaten, troops]" in lines[1]


def test_a_folder_without_claim_files_is_extracted_on_first_use(tmp_path, url, capsys):
    docs = tmp_path / "neu"
    docs.mkdir()
    write_doc(docs, "meier", MEIER_DOC)
    write_doc(docs, "wetter", WEATHER_DOC)
    claims, _ = claims_json(capsys, docs, url)
    assert (docs / "meier.claims.yaml").is_file() and (docs / "wetter.claims.yaml").is_file()
    assert any(c["kind"] == "quote" and c["speaker"] == "Hans Meier" and c["source"] == "meier" and
               c["paragraph"] == 2 for c in claims)
    assert all(c.keys() >= CLAIM_KEYS for c in claims)


def test_missing_folder_gives_exit_code_2_and_a_one_line_error(tmp_path, url, capsys):
    missing = tmp_path / "gibt-es-nicht"
    code = main(["--seeds", str(missing), "--db", url, "claims", "--json"])
    out, err = capsys.readouterr()
    assert code == 2
    assert out == ""
    assert len(err.splitlines()) == 1
    assert err.startswith("briefbot: ")
    assert str(missing) in err
    assert not missing.exists()


def test_seeds_folder_from_the_environment(folder, url, capsys, monkeypatch):
    monkeypatch.setenv("BRIEFBOT_SEEDS", str(folder))
    monkeypatch.setenv("BRIEFBOT_DB", url)
    assert main(["claims", "--json"]) == 0
    assert len(json.loads(capsys.readouterr().out)) == 2


def test_a_broken_claim_file_is_reported_and_the_other_claims_still_listed(folder, url, capsys):
    path = folder / "zahlen.claims.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("value: 12000", "value: viele"), encoding="utf-8")
    claims, err = claims_json(capsys, folder, url)
    assert [c["id"] for c in claims] == ["meier#001"]
    assert f"briefbot: {path}:" in err
    assert "figure.value" in err


def test_a_bad_database_url_gives_a_one_line_error(folder, capsys):
    code = main(["--seeds", str(folder), "--db", "keine-url", "claims", "--json"])
    out, err = capsys.readouterr()
    assert code == 2
    assert out == ""
    assert len(err.splitlines()) == 1 and err.startswith("briefbot: ")


def test_a_config_file_with_an_unknown_key_gives_exit_code_2(folder, url, tmp_path, capsys):
    config = tmp_path / "briefbot.yaml"
    config.write_text("seeds_folder: docs\n", encoding="utf-8")
    code = main(["--config", str(config), "--seeds", str(folder), "--db", url, "claims"])
    err = capsys.readouterr().err
    assert code == 2
    assert str(config) in err and "seeds_folder" in err


def test_extract_command_reports_what_it_did(tmp_path, capsys):
    docs = tmp_path / "docs"
    docs.mkdir()
    write_doc(docs, "meier", MEIER_DOC)
    write_doc(docs, "wetter", WEATHER_DOC)
    assert main(["--seeds", str(docs), "extract"]) == 0
    assert capsys.readouterr().out.strip() == "2 extracted, 0 unchanged"
    assert main(["--seeds", str(docs), "extract"]) == 0
    assert capsys.readouterr().out.strip() == "0 extracted, 2 unchanged"
    assert main(["--seeds", str(docs), "extract", "--force"]) == 0
    assert capsys.readouterr().out.strip() == "2 extracted, 0 unchanged"


def test_extract_fails_when_no_document_could_be_read(tmp_path, capsys):
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "latin1.txt").write_bytes("Die Bevölkerung ist besorgt.\n".encode("latin-1"))
    assert main(["--seeds", str(docs), "extract"]) == 1
    err = capsys.readouterr().err
    assert "latin1.txt" in err and "line 1" in err


def test_no_command_prints_help_and_exits_2(capsys):
    assert main([]) == 2
    assert "usage: briefbot" in capsys.readouterr().out


def test_a_document_over_the_configured_limit_is_reported_and_the_others_kept(folder, url, capsys, monkeypatch):
    (folder / "gross.txt").write_text("„Ein langer Satz“, sagte Anna Berg.\n" * 200, encoding="utf-8")
    monkeypatch.setenv("BRIEFBOT_MAX_DOCUMENT_KB", "4")
    assert main(["--seeds", str(folder), "--db", url, "claims", "--json"]) == 0
    out, err = capsys.readouterr()
    assert "gross.txt" in err and "over the limit of 4 KB" in err
    assert json.loads(out) and not any(c["source"] == "gross" for c in json.loads(out))
