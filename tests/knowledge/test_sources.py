from __future__ import annotations

import pytest
import yaml
from helpers import write_doc

from handlers.texts import texts
from knowledge.documents import read_document
from knowledge.model import Source
from knowledge.sources import SourcesFileError, detect_source, load_sources, sources_path, update_sources


def detect(tmp_path, text, doc_id="artikel"):
    return detect_source(read_document(write_doc(tmp_path, doc_id, text)))


@pytest.mark.parametrize("text, outlet", [
    ("Quelle: example.org\nDie Regierung tagte am Montag.\n", "example.org"),
    ("Die Regierung tagte am Montag.\nQuelle: example.org\n", "example.org"),
    ("Die Regierung tagte am Montag.\n  quelle :  902.gr  \n", "902.gr"),
    ("Berlin taz | Die Regierung tagte am Montag.\n", "taz"),
    ("Seoul (dpa) - Die Regierung in Seoul tagte am Montag.\n", "dpa"),
    ("Die Regierung tagte am Montag.\n© 2024 Deutsche Welle\n", "Deutsche Welle"),
])
def test_outlet_is_read_from_the_document(tmp_path, text, outlet):
    assert detect(tmp_path, text).outlet == outlet


@pytest.mark.parametrize("text", [
    "Die Regierung tagte am Montag.\nDer Minister sprach von einer ernsten Lage.\n",
    "Die Quelle der Angaben blieb unklar.\n",
    "„Wir werden nicht nachgeben“, sagte Minister Hans Meier.\n",
])
def test_outlet_is_unknown_when_the_document_does_not_say(tmp_path, text):
    source = detect(tmp_path, text)
    assert source == Source(document="artikel", outlet="unknown", language="de", date="unknown", url="unknown")


def test_the_first_stated_outlet_wins(tmp_path):
    assert detect(tmp_path, "Berlin taz | Die Regierung tagte.\nQuelle: example.org\n").outlet == "taz"


def test_publication_date_is_read_when_stated(tmp_path):
    source = detect(tmp_path, "Veröffentlicht am 18.10.2024\nBerlin taz | Die Regierung tagte.\n")
    assert (source.outlet, source.date) == ("taz", "18.10.2024")


def test_update_sources_writes_an_entry_per_document(tmp_path):
    docs = [read_document(write_doc(tmp_path, "a", "Berlin taz | Die Regierung tagte.\n")),
            read_document(write_doc(tmp_path, "b", "Die Regierung tagte.\n"))]
    update_sources(tmp_path, docs)
    assert load_sources(tmp_path) == {
        "a": Source(document="a", outlet="taz"),
        "b": Source(document="b", outlet="unknown"),
    }
    assert sources_path(tmp_path).read_text(encoding="utf-8").startswith("# What is known")


def test_an_edited_entry_is_kept_when_new_documents_are_added(tmp_path):
    first = read_document(write_doc(tmp_path, "a", "Die Regierung tagte.\n"))
    update_sources(tmp_path, [first])
    path = sources_path(tmp_path)
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    data["documents"]["a"].update(outlet="Süddeutsche Zeitung", date="2024-10-18", url="https://sz.de/a")
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    second = read_document(write_doc(tmp_path, "b", "Quelle: example.org\nNeuer Text.\n"))
    update_sources(tmp_path, [first, second])
    sources = load_sources(tmp_path)
    assert sources["a"] == Source(document="a", outlet="Süddeutsche Zeitung", date="2024-10-18",
                                  url="https://sz.de/a")
    assert sources["b"].outlet == "example.org"


def test_nothing_is_rewritten_when_every_document_is_known(tmp_path):
    doc = read_document(write_doc(tmp_path, "a", "Die Regierung tagte.\n"))
    path = sources_path(tmp_path)
    path.write_text("# von Hand gepflegt\ndocuments:\n  a: {outlet: taz}\n", encoding="utf-8")
    update_sources(tmp_path, [doc])
    assert path.read_text(encoding="utf-8") == "# von Hand gepflegt\ndocuments:\n  a: {outlet: taz}\n"


def test_a_broken_sources_file_is_not_replaced_by_detected_entries(tmp_path):
    # the editor's entries are in it; one typo must not make extraction throw them away
    path = sources_path(tmp_path)
    broken = "documents:\n  a: {outlet: Süddeutsche Zeitung\n  b: {outlet: taz}\n"
    path.write_text(broken, encoding="utf-8")
    doc = read_document(write_doc(tmp_path, "c", "Quelle: example.org\nText.\n"))
    update_sources(tmp_path, [doc])
    assert path.read_text(encoding="utf-8") == broken


def test_load_sources_tolerates_missing_fields_and_files(tmp_path):
    assert load_sources(tmp_path) == {}
    sources_path(tmp_path).write_text("documents:\n  a:\n  b: {outlet: taz}\n", encoding="utf-8")
    assert load_sources(tmp_path) == {"a": Source(document="a"), "b": Source(document="b", outlet="taz")}


@pytest.mark.parametrize("content, line, problem", [
    ("- a\n- b\n", 1, "expected a mapping with `documents`"),
    ("documents:\n  a: taz\n", 2, "`documents.a` must be a mapping, not 'taz'"),
    ("documents: [a, b]\n", 1, "`documents` must be a mapping"),
    ("documents:\n  a:\n    outlet: [taz, dpa]\n", 3, "`documents.a.outlet` must be text"),
    ("documents:\n  a:\n    outlet: taz\n    outlte: dpa\n", 4, "unknown field `documents.a.outlte`"),
    ("documents:\n  a: {outlet: taz\n", 3, "broken YAML"),
])
def test_a_sources_file_of_the_wrong_shape_is_refused_with_line_and_field(tmp_path, content, line, problem):
    path = sources_path(tmp_path)
    path.write_text(content, encoding="utf-8")
    with pytest.raises(SourcesFileError) as excinfo:
        load_sources(tmp_path)
    assert str(excinfo.value).startswith(f"{path}:{line}: ")
    assert problem in str(excinfo.value)


OUTLET_LIST = "documents:\n  a:\n    outlet: [taz, dpa]\n"
MISSPELT = "documents:\n  a:\n    outlet: taz\n    outlte: dpa\n"


@pytest.mark.parametrize("content, lang, seen", [
    (OUTLET_LIST, "de", "sources.yaml:3: `documents.a.outlet` muss Text sein, nicht ['taz', 'dpa']"),
    (OUTLET_LIST, "en", "sources.yaml:3: `documents.a.outlet` must be text, not ['taz', 'dpa']"),
    (MISSPELT, "de", "sources.yaml:4: unbekanntes Feld `documents.a.outlte`"),
    (MISSPELT, "en", "sources.yaml:4: unknown field `documents.a.outlte`"),
    ("- a\n- b\n", "de", "sources.yaml:1: erwartet eine Zuordnung mit `documents`"),
    ("- a\n- b\n", "en", "sources.yaml:1: expected a mapping with `documents`"),
])
def test_a_broken_sources_file_reads_to_a_chat_user_with_line_and_field_in_their_language(
        tmp_path, content, lang, seen):
    sources_path(tmp_path).write_text(content, encoding="utf-8")
    with pytest.raises(SourcesFileError) as excinfo:
        load_sources(tmp_path)
    assert texts(lang).problem(excinfo.value.problem.relative_to(tmp_path)) == seen


def test_an_unquoted_date_is_read_as_the_date_the_editor_wrote(tmp_path):
    sources_path(tmp_path).write_text("documents:\n  a: {outlet: taz, date: 2024-10-18}\n", encoding="utf-8")
    assert load_sources(tmp_path)["a"].date == "2024-10-18"
