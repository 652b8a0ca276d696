"""The export dialog's choices and checks, and exporting each template in the background."""

from __future__ import annotations

import shutil
import zipfile
from pathlib import Path

import docx
import pytest
from PySide6.QtCore import QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QDialogButtonBox, QFileDialog, QMessageBox, QWidget
from pytestqt.qtbot import QtBot

from briefing.core import paths
from briefing.core.export.api import ExportResult
from briefing.core.model import Outline
from briefing.core.templates import list_templates
from briefing.gui.export_dialog import (
    EXPORT_FORMATS,
    ExportDialog,
    ExportRequest,
    export_in_background,
    safe_file_stem,
)
from briefing.gui.settings import AppSettings
from briefing.gui.workers import snapshot_outline
from tests.gui.support_outlines import long_outline, small_outline


@pytest.fixture
def settings(tmp_path: Path) -> AppSettings:
    settings = AppSettings()
    settings.export_folder = str(tmp_path)
    return settings


def _dialog(qtbot: QtBot, outline: Outline, settings: AppSettings | None) -> ExportDialog:
    dialog = ExportDialog(outline, list_templates(), settings=settings)
    qtbot.addWidget(dialog)
    return dialog


def _ok(dialog: ExportDialog) -> bool:
    return dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).isEnabled()


def test_defaults_come_from_the_briefing_and_the_settings(qtbot: QtBot, tmp_path: Path,
                                                         settings: AppSettings) -> None:
    settings.export_format = ".md"
    outline = small_outline()
    dialog = _dialog(qtbot, outline, settings)
    request = dialog.request()
    assert request.template == "briefing-note"
    assert request.classification == "OFFICIAL"
    assert request.format == ".md"
    assert request.output == tmp_path / "Spending after the summit.md"
    assert request.open_when_done is True
    assert _ok(dialog)
    assert "OFFICIAL-SENSITIVE" in [dialog.classification_box.itemText(index)
                                    for index in range(dialog.classification_box.count())]


def test_changing_the_format_changes_the_extension_and_back(qtbot: QtBot,
                                                            settings: AppSettings) -> None:
    dialog = _dialog(qtbot, small_outline(), settings)
    dialog.format_box.setCurrentIndex(dialog.format_box.findData(".pdf"))
    assert dialog.request().output.suffix == ".pdf"
    output = dialog.request().output
    dialog.set_output(output.with_suffix(".html"))
    assert dialog.format() == ".html"
    dialog.set_output(output.with_suffix(".htm"))
    assert dialog.format() == ".html" and dialog.request().output.suffix == ".htm"


def test_the_template_shows_its_description_and_scheme(qtbot: QtBot,
                                                       settings: AppSettings) -> None:
    outline = small_outline()
    outline.briefing.classification = "RESTRICTED"  # not in any built-in scheme
    dialog = _dialog(qtbot, outline, settings)
    for index, spec in enumerate(list_templates()):
        dialog.template_box.setCurrentIndex(index)
        assert dialog.description.text() == spec.description
        items = [dialog.classification_box.itemText(row)
                 for row in range(dialog.classification_box.count())]
        assert items[:len(spec.classification_scheme)] == list(spec.classification_scheme)
        assert dialog.request().classification == "RESTRICTED", "the briefing's own is kept"
        assert dialog.request().template == spec.name


def test_nothing_picked_blocks_export_with_the_fix(qtbot: QtBot, settings: AppSettings) -> None:
    outline = small_outline()
    for _, section in outline.walk():
        section.picked = False
    dialog = _dialog(qtbot, outline, settings)
    assert not _ok(dialog)
    assert "No section is picked: pick the sections" in dialog.problems.text()


def test_bad_outputs_block_export_and_say_what_to_do(qtbot: QtBot, tmp_path: Path,
                                                     settings: AppSettings) -> None:
    dialog = _dialog(qtbot, small_outline(), settings)
    dialog.set_output(tmp_path / "missing" / "note.docx")
    assert not _ok(dialog) and "does not exist: create it" in dialog.problems.text()
    dialog.set_output(tmp_path / "note.txt")
    assert not _ok(dialog) and "note.txt: end the file name with one of" in dialog.problems.text()
    dialog.set_output(tmp_path)
    assert not _ok(dialog)
    dialog.set_output(Path(""))
    dialog.path_edit.setText("")
    assert not _ok(dialog) and "Choose where to save" in dialog.problems.text()
    (tmp_path / "note.docx").write_bytes(b"old")
    dialog.set_output(tmp_path / "note.docx")
    assert _ok(dialog) and "note.docx exists and will be replaced" in dialog.problems.text()


def test_browse_uses_the_save_dialog_and_adds_the_extension(
        qtbot: QtBot, tmp_path: Path, settings: AppSettings,
        monkeypatch: pytest.MonkeyPatch) -> None:
    asked: list[str] = []

    def fake_save(parent: QWidget, caption: str, start: str, filters: str) -> tuple[str, str]:
        asked.append(filters)
        return str(tmp_path / "chosen"), filters

    monkeypatch.setattr(QFileDialog, "getSaveFileName", fake_save)
    dialog = _dialog(qtbot, small_outline(), settings)
    dialog.browse_button.click()
    assert dialog.request().output == tmp_path / f"chosen{dialog.format()}"
    assert asked and asked[0].startswith(dialog.format_box.currentText())


def test_accepting_remembers_format_folder_and_open_choice(qtbot: QtBot, tmp_path: Path,
                                                          settings: AppSettings) -> None:
    (tmp_path / "out").mkdir()
    dialog = _dialog(qtbot, small_outline(), settings)
    dialog.format_box.setCurrentIndex(dialog.format_box.findData(".html"))
    dialog.set_output(tmp_path / "out" / "n.html")
    dialog.open_when_done.setChecked(False)
    dialog.accept()
    again = AppSettings()
    assert again.export_format == ".html"
    assert again.export_folder == str(tmp_path / "out")
    assert again.open_when_done is False


def test_accept_refuses_while_a_problem_blocks(qtbot: QtBot, tmp_path: Path,
                                               settings: AppSettings) -> None:
    dialog = _dialog(qtbot, small_outline(), settings)
    dialog.set_output(tmp_path / "nowhere" / "n.docx")
    dialog.accept()
    assert dialog.result() == 0
    assert AppSettings().export_folder == str(tmp_path), "nothing remembered"


def test_safe_file_stem() -> None:
    assert safe_file_stem('Note: "A/B" test?') == "Note A B test"
    assert safe_file_stem("...") == "briefing"
    assert len(safe_file_stem("x" * 300)) == 80


def _export(qtbot: QtBot, outline: Outline, request: ExportRequest,
            statuses: list[str]) -> ExportResult | None:
    results: list[ExportResult | None] = []
    handle = export_in_background(None, outline, request, status=statuses.append,
                                  on_finished=results.append)
    with qtbot.waitSignal(handle.finished, timeout=30_000):
        pass
    [result] = results
    return result


@pytest.mark.parametrize("template", [spec.name for spec in list_templates()])
def test_each_template_exports_to_word_and_reads_back(
        qtbot: QtBot, tmp_path: Path, template: str, monkeypatch: pytest.MonkeyPatch) -> None:
    opened: list[str] = []

    def fake_open(url: QUrl) -> bool:
        opened.append(url.toLocalFile())
        return True

    monkeypatch.setattr(QDesktopServices, "openUrl", fake_open)
    output = tmp_path / f"{template}.docx"
    request = ExportRequest(output, ".docx", template, "OFFICIAL", open_when_done=True)
    statuses: list[str] = []
    result = _export(qtbot, small_outline(), request, statuses)
    assert result is not None and result.path == output and result.template == template
    assert zipfile.is_zipfile(output)
    text = "\n".join(paragraph.text for paragraph in docx.Document(str(output)).paragraphs)
    assert "Spending after the summit" in text
    assert opened == [str(output)]
    assert statuses[0].startswith(f"Exported {output.name}")


@pytest.mark.parametrize("suffix", [suffix for suffix, _ in EXPORT_FORMATS if suffix != ".docx"])
def test_other_formats_export_and_read_back(qtbot: QtBot, tmp_path: Path, suffix: str) -> None:
    output = tmp_path / f"note{suffix}"
    request = ExportRequest(output, suffix, "briefing-note", "OFFICIAL", open_when_done=False)
    result = _export(qtbot, small_outline(), request, [])
    assert result is not None
    data = output.read_bytes()
    if suffix == ".pdf":
        assert data.startswith(b"%PDF")
    else:
        assert "Spending after the summit" in data.decode("utf-8")


def test_a_failed_export_is_a_message_naming_the_file(qtbot: QtBot, tmp_path: Path,
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    warned: list[str] = []

    def fake_warning(parent: QWidget | None, title: str, text: str) -> int:
        warned.append(text)
        return 0

    monkeypatch.setattr(QMessageBox, "warning", fake_warning)
    outline = small_outline()
    for _, section in outline.walk():
        section.picked = False
    output = tmp_path / "empty.docx"
    statuses: list[str] = []
    result = _export(qtbot, outline, ExportRequest(output, ".docx", "briefing-note", "",
                                                   False), statuses)
    assert result is None
    assert warned and str(output) in warned[0] and "no section or excerpt is picked" in warned[0]
    prefix = "Cannot export.\n\n"
    assert warned[0].startswith(prefix)
    assert statuses == [f"Export failed: {warned[0].removeprefix(prefix)}"]
    assert not output.exists()


def test_a_template_writing_word_markup_is_refused_naming_its_paragraph(
        qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    warned: list[str] = []

    def fake_warning(parent: QWidget | None, title: str, text: str) -> int:
        warned.append(text)
        return 0

    monkeypatch.setattr(QMessageBox, "warning", fake_warning)
    word = tmp_path / "memo.docx"
    document = docx.Document(str(paths.BUILTIN_TEMPLATES / "briefing-note.docx"))
    for text in ("{%p for item in items %}", "Source: {{r item.citation }}", "{%p endfor %}"):
        document.add_paragraph(text)
    document.save(str(word))
    shutil.copy(paths.BUILTIN_TEMPLATES / "briefing-note.yaml", tmp_path / "memo.yaml")
    output = tmp_path / "note.docx"
    result = _export(qtbot, small_outline(), ExportRequest(output, ".docx", str(word), "",
                                                           False), [])
    assert result is None
    [message] = warned
    assert f"{word}: body paragraph " in message
    assert "(\u201cSource: {{r item.citation }}\u201d)" in message
    assert "Write {{ item.citation }}" in message
    assert not output.exists()


def test_over_budget_warnings_reach_the_status(qtbot: QtBot, tmp_path: Path) -> None:
    output = tmp_path / "long.md"
    statuses: list[str] = []
    _export(qtbot, long_outline(40), ExportRequest(output, ".md", "briefing-note", "", False),
            statuses)
    assert "budget 2" in statuses[0]


def test_the_export_works_on_a_snapshot() -> None:
    outline = small_outline()
    snapshot = snapshot_outline(outline)
    assert snapshot == outline
    outline.articles[0].sections[0].note = "changed after"
    outline.articles[0].sections[0].tags.append("later")
    outline.briefing.order.append("s2")
    assert snapshot.articles[0].sections[0].note != "changed after"
    assert snapshot.articles[0].sections[0].tags == ["money"]
    assert snapshot.briefing.order == ["s3", "s1"]


def test_every_field_has_a_keyboard_label_and_an_accessible_name(qtbot: QtBot,
                                                                 settings: AppSettings) -> None:
    from PySide6.QtWidgets import QLabel

    dialog = _dialog(qtbot, small_outline(), settings)
    buddies = {label.buddy() for label in dialog.findChildren(QLabel) if label.buddy()}
    for field in (dialog.format_box, dialog.template_box, dialog.classification_box,
                  dialog.path_edit):
        assert field in buddies
        assert field.accessibleName()
    assert all("&" not in label.text() or label.buddy()
               for label in dialog.findChildren(QLabel))


def test_the_dialog_says_the_pdf_is_made_by_libreoffice_when_it_is_installed(
        qtbot: QtBot, settings: AppSettings, tmp_path: Path,
        monkeypatch: pytest.MonkeyPatch) -> None:
    office = tmp_path / "soffice"
    monkeypatch.setenv("BRIEFING_OFFICE", str(office))
    dialog = _dialog(qtbot, small_outline(), settings)
    dialog.format_box.setCurrentIndex(dialog.format_box.findData(".docx"))
    assert dialog.pdf_note.isHidden()
    dialog.format_box.setCurrentIndex(dialog.format_box.findData(".pdf"))
    assert not dialog.pdf_note.isHidden()
    assert "converted by LibreOffice" in dialog.pdf_note.text()
    assert dialog.pdf_note.toolTip() == str(office)


def test_the_dialog_warns_of_a_simplified_pdf_without_libreoffice(
        qtbot: QtBot, settings: AppSettings, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("BRIEFING_OFFICE", "off")
    settings.export_format = ".pdf"
    dialog = _dialog(qtbot, small_outline(), settings)
    assert not dialog.pdf_note.isHidden()
    assert dialog.pdf_note.text().startswith("LibreOffice is not installed, so the PDF has a "
                                             "simplified layout")
