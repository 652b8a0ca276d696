"""Importing articles into the main window and exporting the note from it."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import docx
import pytest
from PySide6.QtCore import QMimeData, QPointF, Qt, QUrl
from PySide6.QtGui import QDropEvent
from PySide6.QtWidgets import QDialog
from pytestqt.qtbot import QtBot

from briefing.core.errors import BriefingError
from briefing.core.model import Outline
from briefing.gui import workers
from briefing.gui.export_dialog import ExportDialog
from briefing.gui.import_dialog import ImportDialog
from briefing.gui.main_window import MainWindow
from tests.gui.paste_support import accept_import_dialogs
from tests.gui.window_support import (
    Button,
    answer,
    saved_outline,
)

# ------------------------------------------------------------------------------ import

ARTICLE_TEXT = """Coastal Radar Upgrades

Why the northern coast needs new sensors before the decade ends.

Planners have argued for years that the old radar chain leaves gaps.

1. Coverage gaps

The current stations miss low-flying drones over the fjords.

2. Costs

A full replacement would cost around 400 million over eight years.
"""


@pytest.fixture
def confirm_imports(monkeypatch: pytest.MonkeyPatch) -> list[ImportDialog]:
    return accept_import_dialogs(monkeypatch)


def _import_and_wait(qtbot: QtBot, window: MainWindow, start: Callable[[], object]) -> int:
    with qtbot.waitSignal(window.importer.finished, timeout=10_000) as blocker:
        start()
    return int(blocker.args[0])


def test_import_adds_articles_as_one_undo_step(qtbot: QtBot, window: MainWindow,
                                               tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                               confirm_imports: list[ImportDialog]) -> None:
    first = tmp_path / "radar.txt"
    first.write_text(ARTICLE_TEXT, encoding="utf-8")
    second = tmp_path / "radar-copy.md"
    second.write_text("# Radar notes\n\n## Budget\n\nMoney is short.\n", encoding="utf-8")
    answer(monkeypatch, "getOpenFileNames", ([str(first), str(second)], ""))
    added = _import_and_wait(qtbot, window, window.import_action.trigger)
    assert added == 2
    assert len(confirm_imports) == 1
    assert confirm_imports[0].value(0, "title") == "Coastal Radar Upgrades"
    titles = [article.title for article in window.document.outline.articles]
    assert titles[:2] == ["Harbour Defence", "Arctic Patrols"]
    assert "Coastal Radar Upgrades" in titles[2:]
    assert window.outline_model.rowCount() == 4
    assert window.isWindowModified()
    window.undo_action.trigger()
    assert window.outline_model.rowCount() == 2
    assert not window.isWindowModified()


def test_a_file_that_cannot_be_imported_is_reported(
        qtbot: QtBot, window: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
        confirm_imports: list[ImportDialog]) -> None:
    empty = tmp_path / "empty.txt"
    empty.write_text("", encoding="utf-8")
    good = tmp_path / "radar.txt"
    good.write_text(ARTICLE_TEXT, encoding="utf-8")
    calls = answer(monkeypatch, "warning", Button.Ok)
    added = _import_and_wait(qtbot, window, lambda: window.importer.import_files([empty, good]))
    assert added == 1
    assert len(calls) == 1 and "empty.txt" in calls[0][2]
    assert window.outline_model.rowCount() == 3


def test_when_no_file_can_be_imported_the_status_says_nothing_was(
        qtbot: QtBot, window: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
        confirm_imports: list[ImportDialog]) -> None:
    folder = tmp_path / "articles"
    folder.mkdir()
    calls = answer(monkeypatch, "warning", Button.Ok)
    messages: list[str] = []
    window.statusBar().messageChanged.connect(messages.append)
    added = _import_and_wait(qtbot, window, lambda: window.importer.import_files([folder]))
    assert added == 0 and confirm_imports == []
    assert len(calls) == 1 and "articles: is a folder with no files in it" in calls[0][2]
    assert "Nothing imported" in messages
    assert window.outline_model.rowCount() == 2
    assert window.document.undo_stack.count() == 0


def test_a_chosen_file_that_vanished_before_it_was_read_is_named(
        qtbot: QtBot, window: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
        confirm_imports: list[ImportDialog]) -> None:
    gone = tmp_path / "radar.txt"
    kept = tmp_path / "radar-notes.md"
    kept.write_text("# Radar notes\n\n## Budget\n\nMoney is short.\n", encoding="utf-8")
    answer(monkeypatch, "getOpenFileNames", ([str(gone), str(kept)], ""))
    calls = answer(monkeypatch, "warning", Button.Ok)
    assert _import_and_wait(qtbot, window, window.import_action.trigger) == 1
    assert len(calls) == 1
    assert f"{gone}: no such file. Check the name and the folder" in calls[0][2]
    assert window.document.outline.articles[-1].title == "Radar notes"


def test_an_import_that_fails_as_a_whole_is_reported_and_adds_nothing(
        qtbot: QtBot, window: MainWindow, tmp_path: Path,
        monkeypatch: pytest.MonkeyPatch) -> None:
    def failing_job(requests: object) -> Callable[..., object]:
        def job(token: object, progress: object) -> object:
            raise BriefingError(tmp_path / "radar.txt", "cannot be read (disk unplugged)",
                                hint="Plug the disk back in and import again")
        return job

    monkeypatch.setattr(workers, "import_files_job", failing_job)
    calls = answer(monkeypatch, "warning", Button.Ok)
    added = _import_and_wait(qtbot, window,
                             lambda: window.importer.import_files([tmp_path / "radar.txt"]))
    assert added == 0
    assert len(calls) == 1 and calls[0][1] == "Cannot import"
    assert calls[0][2].startswith("Cannot import.\n\n")
    assert "radar.txt" in calls[0][2] and "Plug the disk back in" in calls[0][2]
    assert "radar.txt" in window.statusBar().currentMessage()
    assert window.outline_model.rowCount() == 2
    assert not window.isWindowModified()


def test_dropping_files_imports_articles_and_opens_outlines(
        qtbot: QtBot, window: MainWindow, tmp_path: Path, outline: Outline,
        confirm_imports: list[ImportDialog]) -> None:
    article = tmp_path / "radar.txt"
    article.write_text(ARTICLE_TEXT, encoding="utf-8")
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(article))])
    drop = QDropEvent(QPointF(10, 10), Qt.DropAction.CopyAction, mime,
                      Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier)
    assert _import_and_wait(qtbot, window, lambda: window.dropEvent(drop)) == 1
    saved = saved_outline(tmp_path, outline, "dropped.yaml")
    window.document.undo_stack.setClean()
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(saved))])
    window.dropEvent(QDropEvent(QPointF(10, 10), Qt.DropAction.CopyAction, mime,
                                Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier))
    assert window.document.path == saved
    another = tmp_path / "radar-notes.txt"  # radar.txt itself is now in the outline
    another.write_text(ARTICLE_TEXT, encoding="utf-8")
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(another)), QUrl.fromLocalFile(str(saved))])
    mixed = QDropEvent(QPointF(10, 10), Qt.DropAction.CopyAction, mime,
                       Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier)
    messages: list[str] = []
    window.statusBar().messageChanged.connect(messages.append)
    assert _import_and_wait(qtbot, window, lambda: window.dropEvent(mixed)) == 1
    assert any("Not opened: dropped.yaml" in message for message in messages)


def test_dropping_a_page_with_its_files_folder_imports_the_page_alone(
        qtbot: QtBot, window: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
        confirm_imports: list[ImportDialog]) -> None:
    page = tmp_path / "radar.htm"
    page.write_text("<html><head><title>Radar</title></head><body><article><h1>Coastal Radar "
                    "Upgrades</h1><p>Planners have argued for years that the old radar chain "
                    "leaves gaps over the fjords, and the ministry now agrees.</p><h2>Costs</h2>"
                    "<p>A full replacement would cost around 400 million over eight years.</p>"
                    "</article></body></html>", encoding="utf-8")
    folder = tmp_path / "radar_files"
    folder.mkdir()
    (folder / "logo.png").write_bytes(b"\x89PNG\r\n\x1a\n")
    warnings = answer(monkeypatch, "warning", Button.Ok)
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(folder)), QUrl.fromLocalFile(str(page))])
    drop = QDropEvent(QPointF(10, 10), Qt.DropAction.CopyAction, mime,
                      Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier)
    assert _import_and_wait(qtbot, window, lambda: window.dropEvent(drop)) == 1
    assert window.document.outline.articles[-1].title == "Coastal Radar Upgrades"
    assert warnings == []


def test_corrections_in_the_import_dialog_are_kept(qtbot: QtBot, window: MainWindow,
                                                   tmp_path: Path,
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    article = tmp_path / "radar.txt"
    article.write_text(ARTICLE_TEXT, encoding="utf-8")

    def correct(dialog: ImportDialog) -> int:
        dialog.set_value(0, "author", "K. Reporter")
        dialog.set_value(0, "title", "Radar chain renewal")
        return QDialog.DialogCode.Accepted.value

    monkeypatch.setattr(ImportDialog, "exec", correct)
    assert _import_and_wait(qtbot, window, lambda: window.importer.import_files([article])) == 1
    imported = window.document.outline.articles[-1]
    assert (imported.title, imported.author) == ("Radar chain renewal", "K. Reporter")


def test_files_that_failed_are_named_also_when_the_import_dialog_is_cancelled(
        qtbot: QtBot, window: MainWindow, tmp_path: Path,
        monkeypatch: pytest.MonkeyPatch) -> None:
    article = tmp_path / "radar.txt"
    article.write_text(ARTICLE_TEXT, encoding="utf-8")
    empty = tmp_path / "empty.md"
    empty.write_text("", encoding="utf-8")
    monkeypatch.setattr(ImportDialog, "exec",
                        lambda dialog: QDialog.DialogCode.Rejected.value)
    calls = answer(monkeypatch, "warning", Button.Ok)
    assert _import_and_wait(qtbot, window,
                            lambda: window.importer.import_files([article, empty])) == 0
    assert len(calls) == 1 and calls[0][1] == "Import problems"
    assert "empty.md: is empty" in calls[0][2]
    assert window.document.undo_stack.count() == 0


def test_cancelling_the_import_dialog_adds_nothing(qtbot: QtBot, window: MainWindow,
                                                   tmp_path: Path,
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    article = tmp_path / "radar.txt"
    article.write_text(ARTICLE_TEXT, encoding="utf-8")
    monkeypatch.setattr(ImportDialog, "exec",
                        lambda dialog: QDialog.DialogCode.Rejected.value)
    assert _import_and_wait(qtbot, window, lambda: window.importer.import_files([article])) == 0
    assert window.outline_model.rowCount() == 2
    assert window.document.undo_stack.count() == 0


# ------------------------------------------------------------------------------ export


def _export_through_the_window(qtbot: QtBot, window: MainWindow, output: Path,
                               monkeypatch: pytest.MonkeyPatch) -> None:
    def accept(dialog: ExportDialog) -> int:
        dialog.set_output(output)
        dialog.open_when_done.setChecked(False)
        dialog.accept()
        return QDialog.DialogCode.Accepted.value

    monkeypatch.setattr(ExportDialog, "exec", accept)
    job = window.export_dialog()
    assert job is not None
    with qtbot.waitSignal(job.finished, timeout=30_000):
        pass
    assert job.outcome == "done"


@pytest.mark.parametrize("template", ["briefing-note", "one-page-brief", "reading-pack"])
def test_each_template_exports_from_the_window_and_reads_back(
        qtbot: QtBot, window: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
        template: str) -> None:
    window.document.set_picked(["s4", "s13"], True)
    window.document.set_detail("template", template)
    output = tmp_path / f"{template}.docx"
    _export_through_the_window(qtbot, window, output, monkeypatch)
    assert output.is_file()
    word = docx.Document(str(output))
    text = "\n".join(paragraph.text for paragraph in word.paragraphs)
    assert "Alliance readiness" in text
    assert "Challenge 2 of Harbour Defence" in text
    assert f"Exported {output.name}" in window.statusBar().currentMessage()


def test_cancelling_the_export_dialog_writes_nothing(window: MainWindow, tmp_path: Path,
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(ExportDialog, "exec", lambda dialog: QDialog.DialogCode.Rejected.value)
    assert window.export_dialog() is None
    assert list(tmp_path.iterdir()) == []

