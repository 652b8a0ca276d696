"""Input-file checks shared by the outline reader and the importers."""

from __future__ import annotations

from pathlib import Path

import pytest

from briefing.core import source_files
from briefing.core.errors import ArticleImportError
from briefing.core.source_files import read_input_bytes, read_input_text


def test_missing_file_names_the_file(tmp_path: Path) -> None:
    with pytest.raises(ArticleImportError, match=r"missing\.txt: no such file\. Check"):
        read_input_bytes(tmp_path / "missing.txt", ArticleImportError)


def test_folder_is_refused(tmp_path: Path) -> None:
    with pytest.raises(ArticleImportError, match="is a folder"):
        read_input_bytes(tmp_path, ArticleImportError)


def test_empty_and_blank_files_are_refused(tmp_path: Path) -> None:
    path = tmp_path / "blank.txt"
    path.write_text(" \n\n")
    with pytest.raises(ArticleImportError, match="is empty"):
        read_input_bytes(path, ArticleImportError)


def test_binary_file_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "image.txt"
    path.write_bytes(b"\x89PNG\r\n\x00\x00binary")
    with pytest.raises(ArticleImportError, match="binary file"):
        read_input_bytes(path, ArticleImportError)


def test_file_over_the_limit_is_refused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(source_files, "MAX_INPUT_BYTES", 10)
    path = tmp_path / "big.txt"
    path.write_text("x" * 11)
    with pytest.raises(ArticleImportError, match="is 11 bytes, more than the limit of 10 bytes"):
        read_input_bytes(path, ArticleImportError)


def test_cp1252_text_is_decoded_with_a_warning_naming_the_line(tmp_path: Path) -> None:
    path = tmp_path / "legacy.txt"
    path.write_bytes("Title\r\nCaf\u00e9 \u2013 menu\r\n".encode("cp1252"))
    warnings: list[str] = []
    text = read_input_text(path, ArticleImportError, warn=warnings.append)
    assert text == "Title\nCaf\u00e9 \u2013 menu\n"
    assert len(warnings) == 1
    assert "legacy.txt: line 2: not UTF-8" in warnings[0]


def test_utf8_bom_is_dropped(tmp_path: Path) -> None:
    path = tmp_path / "bom.txt"
    path.write_bytes("\ufeffHello".encode())
    assert read_input_text(path, ArticleImportError) == "Hello"


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-le", "utf-16-be"])
def test_utf16_with_a_byte_order_mark_is_read_as_text(tmp_path: Path, encoding: str) -> None:
    path = tmp_path / "notepad.txt"
    text = "Caf\u00e9 Licences\r\n\r\nThe r\u00e9gime stays \u2013 for now.\r\n"
    bom = {"utf-16-le": b"\xff\xfe", "utf-16-be": b"\xfe\xff"}.get(encoding, b"")
    path.write_bytes(bom + text.encode(encoding))
    warnings: list[str] = []
    assert read_input_text(path, ArticleImportError, warn=warnings.append) == (
        "Caf\u00e9 Licences\n\nThe r\u00e9gime stays \u2013 for now.\n")
    assert warnings == []


def test_utf16_without_text_is_empty_and_without_a_mark_is_binary(tmp_path: Path) -> None:
    path = tmp_path / "blank.txt"
    path.write_bytes(b"\xff\xfe" + " \n".encode("utf-16-le"))
    with pytest.raises(ArticleImportError, match="is empty"):
        read_input_bytes(path, ArticleImportError)
    path.write_bytes("No mark here".encode("utf-16-le"))
    with pytest.raises(ArticleImportError, match="is a binary file"):
        read_input_bytes(path, ArticleImportError)


def test_a_named_pipe_is_refused_by_name_before_reading(tmp_path: Path) -> None:
    import os

    pipe = tmp_path / "article.txt"
    os.mkfifo(pipe)
    with pytest.raises(ArticleImportError, match=r"article\.txt: is a named pipe \(FIFO\)"):
        read_input_bytes(pipe, ArticleImportError)


def test_a_link_to_a_device_is_refused_by_name(tmp_path: Path) -> None:
    link = tmp_path / "article.txt"
    link.symlink_to("/dev/zero")
    with pytest.raises(ArticleImportError, match=r"article\.txt: is a link to a device"):
        read_input_bytes(link, ArticleImportError)


def test_a_link_to_nothing_says_so(tmp_path: Path) -> None:
    link = tmp_path / "article.txt"
    link.symlink_to(tmp_path / "gone.txt")
    with pytest.raises(ArticleImportError, match="is a link to a file that does not exist"):
        read_input_bytes(link, ArticleImportError)


def test_the_limit_counts_the_bytes_read(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(source_files, "MAX_INPUT_BYTES", 10)
    path = tmp_path / "exact.txt"
    path.write_text("x" * 10)
    assert read_input_bytes(path, ArticleImportError) == b"x" * 10


def test_windows_1252_bytes_in_utf8_text_leave_the_utf8_characters_as_written(
        tmp_path: Path) -> None:
    path = tmp_path / "mixed.txt"
    path.write_bytes("Na\u00efve \u201cferry\u201d levy\n".encode()
                     + "Caf\u00e9 \u2013 menu\n".encode("cp1252")
                     + "R\u00e9gime \u2018two\u2019\n".encode())
    warnings: list[str] = []
    text = read_input_text(path, ArticleImportError, warn=warnings.append)
    assert text == ("Na\u00efve \u201cferry\u201d levy\nCaf\u00e9 \u2013 menu\n"
                    "R\u00e9gime \u2018two\u2019\n")
    assert len(warnings) == 1 and "mixed.txt: line 2: not UTF-8" in warnings[0]


def test_text_cut_off_inside_a_character_keeps_the_characters_before_it(
        tmp_path: Path) -> None:
    path = tmp_path / "cut.txt"
    path.write_bytes("Quay \u201ctolls\u201d rise\nThe levy \u2014".encode()[:-2])
    warnings: list[str] = []
    text = read_input_text(path, ArticleImportError, warn=warnings.append)
    assert text.startswith("Quay \u201ctolls\u201d rise\nThe levy ")
    assert "line 2: not UTF-8" in warnings[0]
