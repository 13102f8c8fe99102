from __future__ import annotations

import hashlib

import pytest
from helpers import MEIER_DOC, write_doc

from knowledge.documents import (
    DocumentError,
    claims_path_for,
    document_paths,
    paragraphs_of,
    read_document,
)


def test_document_id_is_the_file_name_without_txt(tmp_path):
    doc = read_document(write_doc(tmp_path, "2024-10-18_taz_nordkorea", MEIER_DOC))
    assert doc.id == "2024-10-18_taz_nordkorea"
    assert doc.path == tmp_path / "2024-10-18_taz_nordkorea.txt"


def test_paragraphs_are_the_non_empty_lines_verbatim(tmp_path):
    doc = read_document(write_doc(tmp_path, "meier", MEIER_DOC))
    assert doc.paragraphs == [
        "Berlin taz | Die Lage an der Grenze bleibt angespannt.",
        "„Wir werden nicht nachgeben“, sagte Minister Hans Meier.",
        "Die Opposition kritisierte den Kurs der Regierung scharf.",
    ]


def test_lines_of_only_spaces_and_tabs_are_not_paragraphs():
    assert paragraphs_of("Erster Absatz.\n   \n\t\nZweiter Absatz.\n\n") == ["Erster Absatz.", "Zweiter Absatz."]


def test_windows_line_endings_give_the_same_paragraphs_as_unix_ones():
    assert paragraphs_of("Eins.\r\n\r\nZwei.\r\n") == paragraphs_of("Eins.\n\nZwei.\n") == ["Eins.", "Zwei."]


@pytest.mark.parametrize("separator", ["\u2028", "\x0c", "\x1c", "\x85", "\v"])
def test_only_real_line_breaks_start_a_paragraph(separator):
    # An editor, `grep -n` and `sed -n 2p` count lines at line breaks only; a citation's paragraph
    # number must match what they show, so other Unicode separators stay inside the line.
    text = f"Erste Zeile{separator}mit Trennzeichen.\nZweite Zeile.\n"
    assert paragraphs_of(text) == [f"Erste Zeile{separator}mit Trennzeichen.", "Zweite Zeile."]


def test_sha256_is_the_hash_of_the_file_bytes(tmp_path):
    path = write_doc(tmp_path, "meier", MEIER_DOC)
    assert read_document(path).sha256 == hashlib.sha256(MEIER_DOC.encode("utf-8")).hexdigest()


def test_a_utf8_byte_order_mark_is_not_part_of_the_first_paragraph(tmp_path):
    path = tmp_path / "bom.txt"
    path.write_bytes(b"\xef\xbb\xbf" + "Überschrift\nText.\n".encode())
    assert read_document(path).paragraphs == ["Überschrift", "Text."]


def test_claims_path_sits_beside_the_document(tmp_path):
    assert claims_path_for(tmp_path / "meier.txt") == tmp_path / "meier.claims.yaml"
    assert read_document(write_doc(tmp_path, "meier", MEIER_DOC)).claims_path == tmp_path / "meier.claims.yaml"


def test_document_paths_lists_txt_files_sorted_and_nothing_else(tmp_path):
    write_doc(tmp_path, "b", "Zwei.")
    write_doc(tmp_path, "a", "Eins.")
    (tmp_path / "a.claims.yaml").write_text("claims: []\n", encoding="utf-8")
    (tmp_path / "notizen.md").write_text("# Notizen\n", encoding="utf-8")
    (tmp_path / "ordner.txt").mkdir()
    assert document_paths(tmp_path) == [tmp_path / "a.txt", tmp_path / "b.txt"]


def test_non_utf8_document_error_names_file_and_line(tmp_path):
    path = tmp_path / "latin1.txt"
    path.write_bytes("Erste Zeile.\nZweite Zeile.\nDie Bevölkerung ist besorgt.\n".encode("latin-1"))
    with pytest.raises(DocumentError) as excinfo:
        read_document(path)
    message = str(excinfo.value)
    assert str(path) in message
    assert "line 3" in message
    assert "UTF-8" in message
    assert excinfo.value.path == path


def test_non_utf8_error_counts_lines_correctly_after_a_byte_order_mark(tmp_path):
    path = tmp_path / "bom_latin1.txt"
    path.write_bytes(b"\xef\xbb\xbf" + b"ab\n" + "Größe\n".encode("latin-1"))
    with pytest.raises(DocumentError, match=r"line 2: not UTF-8 text \(byte 8\)"):
        read_document(path)


@pytest.mark.parametrize("content", [b"", b"\n\n", b"   \n\t\n", b"\xef\xbb\xbf\n"])
def test_empty_document_is_refused(tmp_path, content):
    path = tmp_path / "leer.txt"
    path.write_bytes(content)
    with pytest.raises(DocumentError, match="empty") as excinfo:
        read_document(path)
    assert str(path) in str(excinfo.value)


def test_unreadable_document_is_a_document_error(tmp_path):
    with pytest.raises(DocumentError, match="cannot be read"):
        read_document(tmp_path / "fehlt.txt")


def test_a_link_to_a_file_outside_the_folder_is_refused_without_naming_its_target(tmp_path):
    secret = tmp_path / "geheim.txt"
    secret.write_text("Das Passwort lautet Schwertfisch.\n", encoding="utf-8")
    folder = tmp_path / "docs"
    folder.mkdir()
    (folder / "leak.txt").symlink_to(secret)
    with pytest.raises(DocumentError, match="outside the documents folder") as excinfo:
        read_document(folder / "leak.txt")
    assert "geheim" not in str(excinfo.value)


def test_a_link_inside_the_folder_is_read(tmp_path):
    write_doc(tmp_path, "meier", MEIER_DOC)
    (tmp_path / "alias.txt").symlink_to(tmp_path / "meier.txt")
    assert read_document(tmp_path / "alias.txt").text == MEIER_DOC


def test_a_document_over_the_size_limit_is_refused(tmp_path):
    path = write_doc(tmp_path, "gross", "Ein Satz, der sich wiederholt.\n" * 2000)
    with pytest.raises(DocumentError, match="over the limit"):
        read_document(path, max_bytes=10_000)
    assert read_document(path, max_bytes=100_000).id == "gross"


def test_the_default_size_limit_is_a_few_megabytes(tmp_path):
    path = tmp_path / "riesig.txt"
    path.write_bytes(b"Ein Satz.\n" * 5_000_000)  # 50 MB
    with pytest.raises(DocumentError, match="over the limit"):
        read_document(path)


@pytest.mark.parametrize("content", [b"\0" * 1000, b"Text\n\0\0\0\n", b"%PDF-1.4\n\0\x01\x02binary"])
def test_a_file_with_nul_bytes_is_not_a_text_document(tmp_path, content):
    path = tmp_path / "binaer.txt"
    path.write_bytes(content)
    with pytest.raises(DocumentError, match="not a text file"):
        read_document(path)
