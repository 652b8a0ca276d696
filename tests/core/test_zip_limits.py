"""Zip archives (Word files) are checked before anything in them is inflated."""

from __future__ import annotations

import io
import zipfile
import zlib
from pathlib import Path

import pytest

from briefing.core import zip_limits
from briefing.core.errors import ArticleImportError
from briefing.core.zip_limits import check_zip
from tests.hostile import corpus


def _zip(**parts: bytes) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in parts.items():
            archive.writestr(name, data)
    return buffer.getvalue()


def test_an_ordinary_word_file_passes(tmp_path: Path) -> None:
    path = corpus.write_zip(tmp_path / "plain.docx", corpus._docx_parts())
    check_zip(path.read_bytes(), path, ArticleImportError)


def test_a_small_part_that_compresses_well_passes() -> None:
    check_zip(_zip(**{"word/styles.xml": b"<a/>" * 100_000}), "note.docx", ArticleImportError)


def test_a_part_compressed_past_the_ratio_is_refused_by_name(tmp_path: Path) -> None:
    path = corpus.docx_ratio_bomb(tmp_path)
    with pytest.raises(ArticleImportError, match=r"ratio-bomb\.docx: part 'word/media/padding"
                                                 r"\.bin' is compressed 1,011 to 1"):
        check_zip(path.read_bytes(), path, ArticleImportError)


def test_a_part_that_lies_about_its_size_is_refused(tmp_path: Path) -> None:
    path = corpus.write_zip(tmp_path / "lying.docx", {}, {
        "word/document.xml": (corpus.deflated_zeros(8), 1024, zlib.crc32(bytes(1024)))})
    with pytest.raises(ArticleImportError, match="holds more than its archive says"):
        check_zip(path.read_bytes(), path, ArticleImportError)


def test_too_many_parts_are_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(zip_limits, "MAX_PARTS", 3)
    data = _zip(**{f"part{n}.xml": b"<a/>" for n in range(4)})
    with pytest.raises(ArticleImportError, match="holds 4 parts, more than the 3"):
        check_zip(data, "many.docx", ArticleImportError)


def test_an_encrypted_part_is_refused() -> None:
    data = bytearray(_zip(**{"word/document.xml": b"<a/>"}))
    for signature, flag_offset in ((b"PK\x03\x04", 6), (b"PK\x01\x02", 8)):
        at = data.index(signature) + flag_offset
        data[at] |= 0x1
    with pytest.raises(ArticleImportError, match="is encrypted"):
        check_zip(bytes(data), "locked.docx", ArticleImportError)


def test_a_compression_word_never_uses_is_refused() -> None:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_BZIP2) as archive:
        archive.writestr("word/document.xml", b"<a/>")
    with pytest.raises(ArticleImportError, match="uses a compression Word does not use"):
        check_zip(buffer.getvalue(), "odd.docx", ArticleImportError)


def test_something_that_is_not_a_zip_is_left_to_the_reader() -> None:
    check_zip(b"not a zip at all", "x.docx", ArticleImportError)
