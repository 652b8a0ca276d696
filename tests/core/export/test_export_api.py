"""The export entry point: formats, templates, page budget, and every way an export can fail."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import docx
import pytest

from briefing.core.errors import ExportError, TemplateError
from briefing.core.export.api import export_briefing
from briefing.core.model import Block, BlockKind
from tests.core.export.fixtures.outlines import PICKED_TEXTS_IN_ORDER, sample_outline
from tests.core.export.fixtures.readback import Package, text_of


def _no_warnings(message: str) -> None:
    raise AssertionError(f"unexpected warning: {message}")


def test_docx_export_returns_result_with_estimate(tmp_path: Path) -> None:
    output = tmp_path / "note.docx"
    result = export_briefing(sample_outline(), output, warn=_no_warnings)
    assert result.path == output
    assert result.template == "briefing-note"
    assert result.page_budget == 2
    assert 0.5 < result.pages_estimate < 2
    assert result.warnings == []
    paragraphs = [p.text for p in docx.Document(str(output)).paragraphs]
    assert PICKED_TEXTS_IN_ORDER[0] in paragraphs


@pytest.mark.parametrize(("suffix", "check"), [
    (".md", "# Alliance posture update"),
    (".html", "<h1"),
    (".HTML", "<h1"),
])
def test_text_formats_are_written_from_the_same_note(tmp_path: Path, suffix: str,
                                                     check: str) -> None:
    output = tmp_path / f"note{suffix}"
    export_briefing(sample_outline(), output, warn=_no_warnings)
    text = output.read_text(encoding="utf-8")
    assert check in text
    for picked in PICKED_TEXTS_IN_ORDER:
        assert text.count(picked) == 1
    assert "UNPICKED" not in text


def test_template_and_classification_arguments_win(tmp_path: Path) -> None:
    outline = sample_outline()
    outline.briefing.template = "briefing-note"
    output = tmp_path / "pack.docx"
    result = export_briefing(outline, output, template="reading-pack", classification="SECRET",
                             warn=_no_warnings)
    assert result.template == "reading-pack" and result.page_budget is None
    package = Package(output)
    header = package.xml(package.part_by_kind("header")[0])
    assert text_of(header) == "SECRET"
    assert package.part_by_kind("comments")


def test_marking_outside_the_scheme_is_warned_and_used(tmp_path: Path) -> None:
    warnings: list[str] = []
    output = tmp_path / "note.docx"
    export_briefing(sample_outline(), output, classification="EYES ONLY",
                    warn=warnings.append)
    assert len(warnings) == 1 and "'EYES ONLY'" in warnings[0] and "OFFICIAL" in warnings[0]
    package = Package(output)
    assert text_of(package.xml(package.part_by_kind("header")[0])) == "EYES ONLY"


def test_over_budget_note_is_warned_with_pages_and_budget(tmp_path: Path) -> None:
    outline = sample_outline()
    section = outline.articles[0].sections[0]
    section.blocks += [Block(BlockKind.PARAGRAPH, "A long paragraph of findings. " * 40)
                       for _ in range(12)]
    warnings: list[str] = []
    result = export_briefing(outline, tmp_path / "note.docx", warn=warnings.append)
    assert result.pages_estimate > 2
    assert len(warnings) == 1 and result.warnings == warnings
    assert warnings[0].startswith("note.docx: ") and warnings[0].endswith("pages, budget 2")


def test_unknown_format_lists_the_formats(tmp_path: Path) -> None:
    output = tmp_path / "note.odt"
    with pytest.raises(ExportError) as caught:
        export_briefing(sample_outline(), output)
    message = str(caught.value)
    for suffix in (".docx", ".md", ".html", ".pdf"):
        assert suffix in message
    assert not output.exists()


def test_unknown_template_lists_available_and_writes_nothing(tmp_path: Path) -> None:
    output = tmp_path / "note.docx"
    with pytest.raises(TemplateError) as caught:
        export_briefing(sample_outline(), output, template="memo")
    assert "briefing-note" in str(caught.value) and "reading-pack" in str(caught.value)
    assert list(tmp_path.iterdir()) == []


def test_nothing_picked_writes_nothing(tmp_path: Path) -> None:
    outline = sample_outline()
    for _, section in outline.walk():
        section.picked = False
    output = tmp_path / "note.docx"
    with pytest.raises(ExportError, match="no section or excerpt is picked"):
        export_briefing(outline, output)
    assert list(tmp_path.iterdir()) == []


def test_output_that_is_a_folder_is_refused(tmp_path: Path) -> None:
    folder = tmp_path / "note.docx"
    folder.mkdir()
    with pytest.raises(ExportError, match="is a folder"):
        export_briefing(sample_outline(), folder)


def test_output_that_is_a_folder_without_an_extension_is_called_a_folder(
        tmp_path: Path) -> None:
    with pytest.raises(ExportError, match="is a folder"):
        export_briefing(sample_outline(), tmp_path)


@pytest.mark.parametrize(("name", "lock_name"), [
    ("note.docx", ".~lock.note.docx#"),  # LibreOffice
    ("note.docx", "~$note.docx"),  # Word, short names
    ("minutes.docx", "~$inutes.docx"),  # Word, names of seven letters
    ("briefing-note-2025.docx", "~$iefing-note-2025.docx"),  # Word, longer names
])
def test_output_open_in_an_office_suite_is_refused_and_kept(tmp_path: Path, name: str,
                                                            lock_name: str) -> None:
    output = tmp_path / name
    output.write_bytes(b"the note being read")
    (tmp_path / lock_name).write_text("someone,host,2025", encoding="utf-8")
    with pytest.raises(ExportError) as caught:
        export_briefing(sample_outline(), output)
    message = str(caught.value)
    assert str(output) in message and "is open in another program" in message
    assert lock_name in message  # so a stale lock can be removed
    assert output.read_bytes() == b"the note being read"


def test_leftover_lock_without_the_file_does_not_block_a_new_export(tmp_path: Path) -> None:
    (tmp_path / ".~lock.note.docx#").write_text("old", encoding="utf-8")
    result = export_briefing(sample_outline(), tmp_path / "note.docx")
    assert result.path.stat().st_size > 0


def test_output_in_a_missing_folder_is_refused(tmp_path: Path) -> None:
    output = tmp_path / "nowhere" / "note.docx"
    with pytest.raises(ExportError, match="does not exist") as caught:
        export_briefing(sample_outline(), output)
    assert str(output) in str(caught.value)


@pytest.mark.skipif(sys.platform != "linux", reason="uses a read-only Linux folder")
def test_unwritable_folder_gives_export_error(tmp_path: Path) -> None:
    if os.geteuid() == 0:
        folder = Path("/proc")  # read-only even for root
    else:
        folder = tmp_path / "locked"
        folder.mkdir()
        folder.chmod(0o500)
    output = folder / "note.docx"
    with pytest.raises(ExportError, match="cannot be written") as caught:
        export_briefing(sample_outline(), output)
    assert str(output) in str(caught.value)
    assert not output.exists()


@pytest.mark.parametrize("suffix", [".docx", ".md", ".html"])
def test_failed_replace_leaves_the_old_file_intact(tmp_path: Path,
                                                   monkeypatch: pytest.MonkeyPatch,
                                                   suffix: str) -> None:
    output = tmp_path / f"note{suffix}"
    output.write_bytes(b"the last good note")

    def locked(source: object, target: object) -> None:
        raise PermissionError(13, "The process cannot access the file", str(target))

    monkeypatch.setattr(os, "replace", locked)
    with pytest.raises(ExportError) as caught:
        export_briefing(sample_outline(), output)
    assert "permission denied" in str(caught.value) and "open in another program" in str(
        caught.value)
    assert output.read_bytes() == b"the last good note"
    assert [path.name for path in tmp_path.iterdir()] == [output.name]


def test_disk_full_is_worded_for_the_user(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                          ) -> None:
    def full(source: object, target: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", full)
    with pytest.raises(ExportError, match="disk is full"):
        export_briefing(sample_outline(), tmp_path / "note.docx")


def test_a_template_the_writer_trips_on_is_named_not_a_traceback(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from briefing.core.export import docx_numbering

    def unexpected(self: object, document: object) -> None:
        raise NotImplementedError

    monkeypatch.setattr(docx_numbering.ListNumbering, "__init__", unexpected)
    output = tmp_path / "note.docx"
    with pytest.raises(TemplateError) as caught:
        export_briefing(sample_outline(), output, template="reading-pack")
    message = str(caught.value)
    assert "reading-pack.docx" in message and "could not be used" in message
    assert "NotImplementedError" in message
    assert list(tmp_path.iterdir()) == []


def test_pdf_without_a_pdf_writer_is_refused_with_the_formats_core_writes(
        tmp_path: Path) -> None:
    output = tmp_path / "note.pdf"
    with pytest.raises(ExportError) as caught:
        export_briefing(sample_outline(), output)
    message = str(caught.value)
    assert message.startswith(f"{output}: PDF cannot be written here")
    assert ".docx, .md or .html" in message
    assert list(tmp_path.iterdir()) == []


def test_pdf_goes_through_the_given_writer_with_the_intermediate_form(tmp_path: Path) -> None:
    from briefing.core.export.document import BriefingDocument

    written: list[tuple[BriefingDocument, Path]] = []

    def fake_pdf(doc: BriefingDocument, path: Path) -> None:
        written.append((doc, path))
        path.write_bytes(b"%PDF-fake")

    output = tmp_path / "note.pdf"
    export_briefing(sample_outline(), output, warn=lambda _message: None, pdf_writer=fake_pdf)
    [(doc, path)] = written
    assert path == output and output.read_bytes() == b"%PDF-fake"
    assert doc.metadata.title
