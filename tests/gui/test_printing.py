"""Print and Print Preview: the note as it will export, paginated, marked and numbered; never a
real printer or a modal dialog in the tests (output goes to a PDF file)."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
from PySide6.QtPrintSupport import (
    QPrintDialog,
    QPrinter,
    QPrintPreviewDialog,
    QPrintPreviewWidget,
)
from PySide6.QtWidgets import QDialog
from pytestqt.qtbot import QtBot

from briefing.gui import printing
from briefing.gui.main_window import MainWindow
from tests.gui.window_support import answer


def _pdf_text(path: Path) -> str | None:
    """The PDF's text, read with pdftotext when the machine has it."""
    tool = shutil.which("pdftotext")
    if tool is None:
        return None
    return subprocess.run([tool, "-layout", str(path), "-"], capture_output=True, text=True,
                          check=True).stdout


def _pdf_printer(path: Path) -> QPrinter:
    printer = printing.new_printer()
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(path))
    return printer


def _marked_window(window: MainWindow) -> None:
    window.document.set_picked(["s4", "s13"], True)
    window.document.set_detail("classification", "PROTECTED")


def test_print_writes_every_page_with_marking_and_page_numbers(window: MainWindow,
                                                                tmp_path: Path) -> None:
    _marked_window(window)
    window.document.set_note("s4", "A long note line. " * 900)  # several pages
    out = tmp_path / "printed.pdf"
    pages = printing.print_note(window.document.outline, _pdf_printer(out))
    assert pages >= 2
    assert out.stat().st_size > 0 and out.read_bytes().startswith(b"%PDF")
    text = _pdf_text(out)
    if text is not None:
        assert text.count("PROTECTED") == 2 * pages  # top and bottom of each page
        assert f"Page 1 of {pages}" in text and f"Page {pages} of {pages}" in text
        assert "Challenge 2 of Harbour Defence" in text
        assert "Ask the ministry about icebreakers." in " ".join(text.split())


def test_file_print_prints_after_the_dialog(qtbot: QtBot, window: MainWindow, tmp_path: Path,
                                            monkeypatch: pytest.MonkeyPatch) -> None:
    _marked_window(window)
    out = tmp_path / "from-menu.pdf"

    def accept(dialog: QPrintDialog) -> int:
        printer = dialog.printer()
        printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
        printer.setOutputFileName(str(out))
        return int(QDialog.DialogCode.Accepted)

    monkeypatch.setattr(QPrintDialog, "exec", accept)
    assert window.print_action.shortcut().toString() == "Ctrl+P"
    window.print_action.trigger()
    assert out.read_bytes().startswith(b"%PDF")


def test_a_cancelled_print_dialog_prints_nothing(qtbot: QtBot, window: MainWindow,
                                                monkeypatch: pytest.MonkeyPatch) -> None:
    _marked_window(window)
    monkeypatch.setattr(QPrintDialog, "exec", lambda dialog: int(QDialog.DialogCode.Rejected))
    assert window.printer.print_dialog() == 0


def _render_previews(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """Make a preview dialog render its pages instead of showing; their counts land here."""
    counts: list[int] = []

    def render(dialog: QPrintPreviewDialog) -> int:
        preview = dialog.findChild(QPrintPreviewWidget)
        assert preview is not None
        preview.updatePreview()
        counts.append(preview.pageCount())
        return int(QDialog.DialogCode.Accepted)

    monkeypatch.setattr(QPrintPreviewDialog, "exec", render)
    return counts


def test_print_preview_renders_the_pages(qtbot: QtBot, window: MainWindow,
                                         monkeypatch: pytest.MonkeyPatch) -> None:
    _marked_window(window)
    seen = _render_previews(monkeypatch)
    window.print_preview_action.trigger()
    assert seen and seen[0] >= 1


def test_nothing_picked_says_so_and_opens_no_dialog(qtbot: QtBot, window: MainWindow,
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    told = answer(monkeypatch, "information", None)
    monkeypatch.setattr(QPrintDialog, "exec", lambda dialog: pytest.fail("dialog opened"))
    assert window.printer.print_dialog() == 0
    assert window.printer.preview() is None
    assert len(told) == 2 and "no section is picked" in told[0][2]


def test_an_unknown_template_is_a_message_not_a_traceback(qtbot: QtBot, window: MainWindow,
                                                         tmp_path: Path,
                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    _marked_window(window)
    window.document.set_detail("template", "no-such-template")
    warned = answer(monkeypatch, "warning", None)

    def accept(dialog: QPrintDialog) -> int:
        dialog.printer().setOutputFormat(QPrinter.OutputFormat.PdfFormat)
        dialog.printer().setOutputFileName(str(tmp_path / "never.pdf"))
        return int(QDialog.DialogCode.Accepted)

    monkeypatch.setattr(QPrintDialog, "exec", accept)
    assert window.printer.print_dialog() == 0
    assert warned and "no-such-template" in warned[0][2]
    assert not (tmp_path / "never.pdf").exists()


def test_a_second_preview_replaces_the_first(qtbot: QtBot, window: MainWindow,
                                             monkeypatch: pytest.MonkeyPatch) -> None:
    _marked_window(window)
    counts = _render_previews(monkeypatch)
    window.printer.preview()
    window.printer.preview()
    assert len(counts) == 2 and counts[0] == counts[1] >= 1
