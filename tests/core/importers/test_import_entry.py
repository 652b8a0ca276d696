"""The import entry point: choosing the importer, overrides, and a clear error for each bad file."""

from __future__ import annotations

import io
import shutil
import subprocess
import sys
from pathlib import Path

import docx
import pytest

from briefing.core.errors import ArticleImportError
from briefing.core.importers import (
    SUPPORTED_SUFFIXES,
    ImportOverrides,
    import_article,
    supported_types,
)
from briefing.core.importers.markdown import parse_markdown
from briefing.core.importers.text import parse_text
from briefing.core.model import Article

FIXTURES = Path(__file__).parent / "fixtures"
OLE_HEADER = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 504
MARKDOWN = "# Tram fares\n\nA flat fare since May.\n\n## 1. Usage\n\nRides rose by a quarter.\n"
PLAIN = ("Tram fares after the flat fare\n\nThe city moved to one fare for every tram ride in "
         "May.\n\nRidership rose by a quarter in the first three months.\n")


class Warnings(list[str]):
    """A warning sink that keeps what it is sent."""

    def __call__(self, message: str) -> None:
        self.append(message)


def word_file(path: Path) -> Path:
    document = docx.Document()
    document.add_paragraph("Cycle parking at stations", style="Title")
    document.add_heading("Demand", level=1)
    document.add_paragraph("Racks at the three busiest stations are full by eight.")
    stream = io.BytesIO()
    document.save(stream)
    path.write_bytes(stream.getvalue())
    return path


def error_for(path: Path) -> str:
    with pytest.raises(ArticleImportError) as caught:
        import_article(path)
    assert caught.value.path == str(path)
    return str(caught.value)


def test_supported_suffixes_name_every_type() -> None:
    assert set(SUPPORTED_SUFFIXES) == {".txt", ".md", ".markdown", ".html", ".htm", ".mhtml",
                                       ".mht", ".docx", ".docm"}
    assert supported_types().startswith(".txt (Plain text), .md (Markdown)")


@pytest.mark.parametrize("suffix", [".md", ".markdown", ".MD"])
def test_markdown_files_go_to_the_markdown_importer(tmp_path: Path, suffix: str) -> None:
    path = tmp_path / f"fares{suffix}"
    path.write_text(MARKDOWN, encoding="utf-8")
    article = import_article(path)
    expected = parse_markdown(MARKDOWN, str(path))
    expected.source_file = path.name
    assert article == expected
    assert article.title == "Tram fares"
    assert [section.label for section in article.sections] == ["1. Usage"]


def test_text_files_go_to_the_text_importer(tmp_path: Path) -> None:
    path = tmp_path / "fares.txt"
    path.write_text(PLAIN, encoding="utf-8")
    article = import_article(path)
    expected = parse_text(PLAIN, str(path))
    expected.source_file = "fares.txt"
    for section in expected.walk():
        section.id = ""
    assert article == expected


@pytest.mark.parametrize("suffix", [".html", ".htm"])
def test_web_pages_go_to_the_html_importer(tmp_path: Path, suffix: str) -> None:
    path = tmp_path / f"levy{suffix}"
    shutil.copy(FIXTURES / "html" / "saved_page.html", path)
    article = import_article(path)
    assert article.title == "Three tests for the new flood levy"
    assert article.source_file == path.name
    assert len(article.sections) == 3


def test_word_files_go_to_the_word_importer(tmp_path: Path) -> None:
    article = import_article(word_file(tmp_path / "parking.docx"))
    assert article.title == "Cycle parking at stations"
    assert article.source_file == "parking.docx"
    assert [section.heading for section in article.sections] == ["Demand"]


def test_section_ids_are_left_for_the_outline_to_assign(tmp_path: Path) -> None:
    path = tmp_path / "fares.md"
    path.write_text(MARKDOWN, encoding="utf-8")
    assert [section.id for section in import_article(path).walk()] == [""]


def test_overrides_replace_only_the_fields_given(tmp_path: Path) -> None:
    path = tmp_path / "fares.md"
    path.write_text("---\nauthor: Lena Voss\npublisher: Metro Weekly\n---\n" + MARKDOWN,
                    encoding="utf-8")
    overrides = ImportOverrides(title="Flat tram fares", date="2025-05-02",
                                url="https://metro.example.org/fares", publisher="")
    article = import_article(path, overrides)
    assert (article.title, article.author, article.publisher, article.date, article.url) == (
        "Flat tram fares", "Lena Voss", "", "2025-05-02", "https://metro.example.org/fares")


@pytest.mark.parametrize(("typed", "stored"), [
    ("2 May 2025", "2025-05-02"), ("May 2, 2025", "2025-05-02"), ("02/05/2025", "02/05/2025"),
    ("spring 2025", "spring 2025")])
def test_date_override_written_out_is_stored_as_an_iso_date(tmp_path: Path, typed: str,
                                                            stored: str) -> None:
    path = tmp_path / "fares.md"
    path.write_text(MARKDOWN, encoding="utf-8")
    assert import_article(path, ImportOverrides(date=typed)).date == stored


def test_no_overrides_keep_the_imported_details(tmp_path: Path) -> None:
    path = tmp_path / "fares.md"
    path.write_text("---\nauthor: Lena Voss\n---\n" + MARKDOWN, encoding="utf-8")
    article = import_article(path, ImportOverrides())
    assert (article.title, article.author) == ("Tram fares", "Lena Voss")


def test_text_that_is_not_utf8_is_read_as_cp1252_with_a_warning(tmp_path: Path) -> None:
    path = tmp_path / "cafe.md"
    path.write_bytes("# Caf\u00e9 licences\n\nThe r\u00e9gime changed \u2013 twice.\n"
                     .encode("cp1252"))
    warnings = Warnings()
    article = import_article(path, warn=warnings)
    assert article.title == "Caf\u00e9 licences"
    assert [block.text for block in article.blocks] == ["The r\u00e9gime changed \u2013 twice."]
    assert len(warnings) == 1
    assert warnings[0].startswith(f"{path}: line 1: not UTF-8; read as Windows-1252 (cp1252)")
    assert "Save the file as UTF-8" in warnings[0]


def test_unknown_suffix_with_text_is_read_as_plain_text(tmp_path: Path) -> None:
    path = tmp_path / "fares.article"
    path.write_text(PLAIN, encoding="utf-8")
    article = import_article(path)
    expected = parse_text(PLAIN, str(path))
    assert article.title == expected.title
    assert article.source_file == "fares.article"


def test_unknown_suffix_with_a_web_page_is_read_as_html(tmp_path: Path) -> None:
    path = tmp_path / "levy.php"
    shutil.copy(FIXTURES / "html" / "saved_page.html", path)
    assert import_article(path).publisher == "The Harbour Review"


def test_a_docx_renamed_doc_is_still_read(tmp_path: Path) -> None:
    article = import_article(word_file(tmp_path / "parking.doc"))
    assert article.title == "Cycle parking at stations"


def test_missing_file(tmp_path: Path) -> None:
    message = error_for(tmp_path / "gone.md")
    assert "no such file" in message and "Check the name and the folder" in message


def test_folder(tmp_path: Path) -> None:
    folder = tmp_path / "articles.html"
    folder.mkdir()
    message = error_for(folder)
    assert "is a folder, not a file" in message and "Choose a file inside it" in message


def test_empty_file(tmp_path: Path) -> None:
    path = tmp_path / "blank.txt"
    path.write_text("  \n\n", encoding="utf-8")
    message = error_for(path)
    assert "is empty" in message and "with some text in it" in message


def test_binary_file_with_a_text_suffix(tmp_path: Path) -> None:
    path = tmp_path / "image.md"
    path.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    message = error_for(path)
    assert "is a binary file, not text" in message and "Choose a file that holds text" in message


@pytest.mark.parametrize("suffix", [".txt", ".md", ".html", ".dat", ""])
def test_a_text_with_a_few_stray_nul_bytes_is_imported_without_them(tmp_path: Path,
                                                                     suffix: str) -> None:
    # A damaged download or a badly written file: still text, not a binary file, whatever
    # its name.
    sentences = ["The harbour council met on Monday to weigh the berth levy for next year.",
                 "Crossings on the northern route will cost more from May, the operator said."]
    if suffix == ".html":
        text = "<h1>Ferry Levy</h1>" + "".join(f"<p>{line}\0</p>" for line in sentences)
    else:
        text = "Ferry Levy\n\n" + "".join(f"{line}\0\n\n" for line in sentences)
    path = tmp_path / f"levy{suffix}"
    path.write_bytes(text.encode())
    article = import_article(path)
    assert article.title == "Ferry Levy"
    lead = [article.standfirst] if article.standfirst else []  # plain text: a standfirst
    assert lead + [block.text for block in article.blocks] == sentences


@pytest.mark.parametrize("name", ["levy.dat", "levy"])
def test_utf16_text_or_page_of_an_unknown_type_is_read(tmp_path: Path, name: str) -> None:
    path = tmp_path / name
    path.write_bytes(b"\xff\xfe" + "Ferry Levy\r\n\r\nThe council met on Monday.\r\n".encode(
        "utf-16-le"))
    assert import_article(path).title == "Ferry Levy"
    page = (FIXTURES / "html" / "saved_page.html").read_text(encoding="utf-8")
    path.write_bytes(b"\xff\xfe" + page.encode("utf-16-le"))
    article = import_article(path)
    assert article.title == "Three tests for the new flood levy"
    assert "<p>" not in " ".join(block.text for block in article.blocks)


def test_a_file_with_control_bytes_among_its_nuls_is_binary(tmp_path: Path) -> None:
    path = tmp_path / "photo.txt"
    path.write_bytes(b"Ferry Levy\n" + bytes(range(32)) * 4 + b"The council met." * 40)
    assert "is a binary file, not text" in error_for(path)


def test_binary_file_with_an_unknown_suffix_lists_the_supported_types(tmp_path: Path) -> None:
    path = tmp_path / "archive.bin"
    path.write_bytes(b"\x00\x01\x02binary")
    message = error_for(path)
    assert "is not a supported article file (.bin)" in message
    assert f"Briefing imports {supported_types()}" in message


def test_file_over_the_size_limit(tmp_path: Path) -> None:
    path = tmp_path / "huge.txt"
    with path.open("wb") as stream:
        stream.truncate(51 * 1024 * 1024)  # sparse: no disk space, no reading
    message = error_for(path)
    assert "is 51 MB, more than the 50 MB limit" in message
    assert "Choose a smaller file or split it" in message


def test_web_page_without_an_article(tmp_path: Path) -> None:
    path = tmp_path / "login.html"
    shutil.copy(FIXTURES / "html" / "login_page.html", path)
    message = error_for(path)
    assert "no article text found in the page" in message
    assert "copy the article text into a .txt file" in message


def test_docx_that_is_not_a_zip(tmp_path: Path) -> None:
    path = tmp_path / "notes.docx"
    path.write_text("Just text with the wrong suffix.", encoding="utf-8")
    message = error_for(path)
    assert "is not a Word .docx file (it is not a zip archive)" in message
    assert "save it as a Word document (.docx)" in message


def test_zip_that_is_not_a_word_document(tmp_path: Path) -> None:
    source = tmp_path / "bundle"
    source.mkdir()
    (source / "readme.txt").write_text("not Word", encoding="utf-8")
    archive = shutil.make_archive(str(tmp_path / "bundle"), "zip", source)
    path = Path(archive).rename(tmp_path / "bundle.docx")
    message = error_for(path)
    assert "is a zip archive but not a Word document" in message


@pytest.mark.parametrize("name", ["minutes.doc", "minutes.docx"])
def test_legacy_word_file(tmp_path: Path, name: str) -> None:
    path = tmp_path / name
    path.write_bytes(OLE_HEADER)
    message = error_for(path)
    assert ("Word 97-2003 .doc files cannot be read; save it as .docx in Word or LibreOffice"
            in message)


def test_pdf_says_how_to_get_the_text(tmp_path: Path) -> None:
    path = tmp_path / "report.pdf"
    path.write_bytes(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n")
    message = error_for(path)
    assert "PDF files cannot be imported" in message and ".txt file" in message


def test_importing_the_entry_point_loads_no_heavy_library() -> None:
    code = ("import sys, briefing.core.importers\n"
            "heavy = ('docx', 'trafilatura', 'markdown', 'lxml', 'yaml', 'PySide6')\n"
            "print(','.join(name for name in heavy if name in sys.modules))")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                            check=True, cwd=Path(__file__).resolve().parents[3])
    assert result.stdout.strip() == ""


def test_imported_article_is_an_article(tmp_path: Path) -> None:
    path = tmp_path / "fares.md"
    path.write_text(MARKDOWN, encoding="utf-8")
    assert isinstance(import_article(path), Article)
