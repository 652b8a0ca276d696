"""The main window end to end: open, pick, filter, note, reorder, undo, save, errors, closing."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import docx
import pytest
from PySide6.QtCore import QMimeData, QModelIndex, QPointF, Qt, QUrl
from PySide6.QtGui import QDropEvent, QKeySequence
from PySide6.QtWidgets import QDialog, QFileDialog, QMessageBox
from pytestqt.qtbot import QtBot

import briefing
from briefing.core import paths
from briefing.core.model import Outline
from briefing.core.outline_file import dumps_outline, load_outline, save_outline
from briefing.gui import window_files
from briefing.gui.app import open_initial, start_window
from briefing.gui.document import Document
from briefing.gui.export_dialog import ExportDialog
from briefing.gui.import_dialog import ImportDialog
from briefing.gui.main_window import MainWindow
from briefing.gui.settings import AppSettings

Button = QMessageBox.StandardButton


def _discard_and_close(window: MainWindow) -> None:
    window.document.undo_stack.setClean()
    window.close()
    window.deleteLater()


@pytest.fixture
def window(qtbot: QtBot, document: Document) -> Iterator[MainWindow]:
    main = MainWindow(document, AppSettings())
    yield main
    _discard_and_close(main)


@pytest.fixture
def fresh_window(qtbot: QtBot) -> Iterator[MainWindow]:
    """A window as the app starts it: empty document, settings from the user folder."""
    main = MainWindow()
    yield main
    _discard_and_close(main)


def _answer(monkeypatch: pytest.MonkeyPatch, name: str, answer: Any) -> list[tuple[Any, ...]]:
    """Patch a QMessageBox/QFileDialog static call to return ``answer``; record the calls."""
    calls: list[tuple[Any, ...]] = []

    def fake(*args: Any, **kwargs: Any) -> Any:
        calls.append(args)
        return answer

    owner = QFileDialog if name.startswith("get") else QMessageBox
    monkeypatch.setattr(owner, name, staticmethod(fake))
    return calls


def _visible_labels(window: MainWindow, parent: QModelIndex | None = None) -> list[str]:
    model = window.filter_model
    parent = parent or QModelIndex()
    labels: list[str] = []
    for row in range(model.rowCount(parent)):
        index = model.index(row, 0, parent)
        labels.append(index.data())
        labels.extend(_visible_labels(window, index))
    return labels


def _check(window: MainWindow, section_id: str, checked: bool) -> None:
    source = window.outline_model.section_index(section_id)
    state = Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked
    index = window.filter_model.mapFromSource(source)
    assert window.filter_model.setData(index, state.value, Qt.ItemDataRole.CheckStateRole)


def _saved(tmp_path: Path, outline: Outline, name: str = "work.yaml") -> Path:
    path = tmp_path / name
    save_outline(outline, path)
    return path


# ------------------------------------------------------------------------------ opening


def test_first_start_opens_the_sample_as_an_unsaved_copy(fresh_window: MainWindow) -> None:
    window = fresh_window
    open_initial(window, None)
    assert window.document.path is None
    assert window.windowTitle() == "Sample outline[*] — Briefing"
    assert not window.isWindowModified()
    expected = load_outline(paths.SAMPLE_OUTLINE)
    assert window.outline_model.rowCount() == len(expected.articles)
    assert window.outline_model.index(0, 0).data() == expected.articles[0].title
    assert window.picked_label.text().endswith("picked")


def test_start_reopens_the_last_file(fresh_window: MainWindow, tmp_path: Path,
                                     outline: Outline) -> None:
    path = _saved(tmp_path, outline)
    AppSettings().last_file = path
    window = fresh_window
    open_initial(window, None)
    assert window.document.path == path
    assert window.windowTitle() == "work.yaml[*] — Briefing"


def test_opening_a_bad_file_shows_an_error_and_keeps_the_outline(
        window: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    bad = tmp_path / "broken.yaml"
    bad.write_text("articles: [\n  - title: 'unterminated\n", encoding="utf-8")
    calls = _answer(monkeypatch, "warning", Button.Ok)
    before = dumps_outline(window.document.outline)
    assert not window.open_file(bad)
    assert len(calls) == 1
    assert calls[0][1] == "Cannot open outline"
    assert "broken.yaml" in calls[0][2]
    assert dumps_outline(window.document.outline) == before
    assert "broken.yaml" in window.statusBar().currentMessage()


def test_warnings_while_opening_reach_the_status_bar(window: MainWindow, tmp_path: Path,
                                                     outline: Outline) -> None:
    path = tmp_path / "odd.yaml"
    path.write_text(dumps_outline(outline) + "colour: red\n", encoding="utf-8")
    assert window.open_file(path, ask=False)
    message = window.statusBar().currentMessage()
    assert message.startswith("Opened odd.yaml:") and "unknown key 'colour'" in message


def test_a_recent_file_that_is_gone_leaves_the_recent_list(
        window: MainWindow, tmp_path: Path, outline: Outline,
        monkeypatch: pytest.MonkeyPatch) -> None:
    path = _saved(tmp_path, outline)
    assert window.open_file(path, ask=False)
    path.unlink()
    _answer(monkeypatch, "warning", Button.Ok)
    assert not window.open_file(path)
    stored = AppSettings().qsettings.value("files/recent") or []
    assert str(path) not in (stored if isinstance(stored, list) else [stored])


def test_a_missing_file_on_the_command_line_falls_back_to_the_sample(
        fresh_window: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    calls = _answer(monkeypatch, "warning", Button.Ok)
    window = fresh_window
    open_initial(window, tmp_path / "nowhere.yaml")
    assert "nowhere.yaml" in calls[0][2]
    assert window.document.display_name == "Sample outline"


# ------------------------------------------------------------------------ picking, filter


def test_pick_and_unpick_in_the_tree_with_undo(window: MainWindow,
                                               monkeypatch: pytest.MonkeyPatch) -> None:
    asked = _answer(monkeypatch, "question", Button.Yes)
    _check(window, "s10", True)
    assert len(asked) == 1 and "2 subsections" in asked[0][2]
    assert window.document.picked_ids() == ["s10", "s11", "s12"]
    assert window.picked_label.text() == "3 sections picked"
    assert window.isWindowModified()
    _answer(monkeypatch, "question", Button.No)
    _check(window, "s10", False)
    assert window.document.picked_ids() == ["s11", "s12"]
    window.undo_action.trigger()
    assert window.document.picked_ids() == ["s10", "s11", "s12"]
    window.undo_action.trigger()
    assert window.document.picked_ids() == []
    assert not window.isWindowModified()
    window.redo_action.trigger()
    assert window.picked_label.text() == "3 sections picked"


def test_filter_narrows_the_tree_and_picked_only_toggles(qtbot: QtBot,
                                                         window: MainWindow) -> None:
    qtbot.keyClicks(window.filter_edit, "icebreakers")
    window.apply_filter()
    assert _visible_labels(window) == ["Arctic Patrols", "2. Challenge 2 of Arctic Patrols"]
    window.filter_edit.clear()
    window.document.set_picked(["s5"], True)
    window.picked_only.setChecked(True)
    assert _visible_labels(window) == ["Harbour Defence", "2. Challenge 2 of Harbour Defence",
                                       "Point 2.1 on harbour defence"]
    window.picked_only.setChecked(False)
    assert len(_visible_labels(window)) == 20


def test_typing_in_the_filter_applies_after_a_pause(qtbot: QtBot, window: MainWindow) -> None:
    qtbot.keyClicks(window.filter_edit, "point 1.1")
    qtbot.waitUntil(lambda: len(_visible_labels(window)) == 6, timeout=2000)


def test_selecting_a_section_shows_it_in_the_reader_and_note_editor(window: MainWindow) -> None:
    assert window.select_section("s13")
    assert "2. Challenge 2 of Arctic Patrols" in window.reader.toPlainText()
    assert window.note_editor.editor.toPlainText() == "Ask the **ministry** about icebreakers."
    node = window.current_node()
    assert node is not None and getattr(node, "id", None) == "s13"


def test_selecting_a_hidden_section_clears_the_filter(window: MainWindow) -> None:
    window.filter_edit.setText("icebreakers")
    window.apply_filter()
    assert window.select_section("s2")
    assert window.filter_edit.text() == ""
    assert window.note_editor.section_id == "s2"


def test_restore_from_the_reader_updates_the_reader(window: MainWindow) -> None:
    window.tree.setCurrentIndex(window.tree.model().index(0, 0))
    assert "Subscribe to our newsletter" in window.reader.toPlainText()
    window.reader.restore_requested.emit(0, 0)
    text = window.reader.toPlainText()
    assert text.index("Subscribe to our newsletter") < text.index("Left out by the importer")
    window.undo_action.trigger()
    text = window.reader.toPlainText()
    assert text.index("Subscribe to our newsletter") > text.index("Left out by the importer")


# --------------------------------------------------------------------- notes and order


def test_writing_a_note_marks_the_tree_and_undoes(qtbot: QtBot, window: MainWindow) -> None:
    window.select_section("s2")
    qtbot.keyClicks(window.note_editor.editor, "Follow up")
    assert window.outline_model.section_index("s2", 1).data() == "\u270e"
    assert window.isWindowModified()
    window.undo_action.trigger()
    assert window.outline_model.section_index("s2", 1).data() == ""
    assert window.note_editor.editor.toPlainText() == ""


def test_reorder_in_the_briefing_panel_with_undo(window: MainWindow) -> None:
    window.document.set_picked(["s1", "s4"], True)
    view = window.briefing_panel.order_view
    view.setCurrentIndex(window.briefing_panel.order_model.index(1))
    assert view.move_current(-1)
    assert window.document.outline.briefing.order == ["s4", "s1"]
    window.undo_action.trigger()
    assert window.document.outline.briefing.order == ["s1", "s4"]


def test_undo_shortcut_reaches_the_window_from_the_note_editor(qtbot: QtBot,
                                                              window: MainWindow) -> None:
    window.show()
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    window.select_section("s2")
    window.note_editor.editor.setFocus()
    qtbot.keyClicks(window.note_editor.editor, "typed")
    assert window.document.section("s2").note == "typed"  # type: ignore[union-attr]
    qtbot.keySequence(window.note_editor.editor, QKeySequence(QKeySequence.StandardKey.Undo))
    assert window.document.section("s2").note == ""  # type: ignore[union-attr]
    assert window.note_editor.editor.toPlainText() == ""


# ------------------------------------------------------------------------------- saving


def test_save_as_then_reopen_gives_the_same_outline(window: MainWindow, tmp_path: Path,
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    window.document.set_picked(["s4", "s1"], True)
    window.document.set_note("s4", "A *note*")
    window.document.set_detail("summary", "In short.")
    target = tmp_path / "briefing"
    _answer(monkeypatch, "getSaveFileName", (str(target), ""))
    assert window.save()
    saved = target.with_suffix(".yaml")
    assert window.document.path == saved
    assert window.windowTitle() == "briefing.yaml[*] — Briefing"
    assert not window.isWindowModified()
    assert AppSettings().recent_files == [saved]
    expected = dumps_outline(window.document.outline)
    other = MainWindow(Document(), AppSettings())
    try:
        assert other.open_file(saved)
        assert dumps_outline(other.document.outline) == expected
    finally:
        _discard_and_close(other)


def test_save_writes_to_the_open_file_without_asking(window: MainWindow, tmp_path: Path,
                                                     outline: Outline) -> None:
    path = _saved(tmp_path, outline)
    assert window.open_file(path, ask=False)
    window.document.set_detail("to", "Cabinet")
    assert window.save()
    assert load_outline(path).briefing.to == "Cabinet"
    assert (tmp_path / "work.yaml.bak").is_file()


def test_a_failed_save_shows_an_error_and_stays_modified(
        window: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    window.document.set_detail("to", "Cabinet")
    calls = _answer(monkeypatch, "warning", Button.Ok)
    _answer(monkeypatch, "getSaveFileName", (str(tmp_path / "no-folder" / "x.yaml"), ""))
    assert not window.save()
    assert calls and calls[0][1] == "Cannot save outline"
    assert "x.yaml" in calls[0][2]
    assert window.isWindowModified()


def test_cancelled_save_as_keeps_everything(window: MainWindow,
                                            monkeypatch: pytest.MonkeyPatch) -> None:
    _answer(monkeypatch, "getSaveFileName", ("", ""))
    window.document.set_detail("to", "Cabinet")
    assert not window.save_as()
    assert window.document.path is None


def test_revert_reloads_the_saved_file(window: MainWindow, tmp_path: Path, outline: Outline,
                                       monkeypatch: pytest.MonkeyPatch) -> None:
    path = _saved(tmp_path, outline)
    window.open_file(path, ask=False)
    window.document.set_detail("to", "Cabinet")
    _answer(monkeypatch, "question", Button.Yes)
    window.revert()
    assert window.document.outline.briefing.to == "Minister"
    assert not window.isWindowModified()
    assert window.document.undo_stack.count() == 0


def test_open_dialog_and_recent_menu(window: MainWindow, tmp_path: Path, outline: Outline,
                                     monkeypatch: pytest.MonkeyPatch) -> None:
    path = _saved(tmp_path, outline)
    _answer(monkeypatch, "getOpenFileName", (str(path), ""))
    window.open_dialog()
    assert window.document.path == path
    window.new_file()
    assert window.document.outline.articles == []
    window.recent_menu.aboutToShow.emit()
    actions = [a for a in window.recent_menu.actions() if a.text().endswith("work.yaml")]
    assert len(actions) == 1
    actions[0].trigger()
    assert window.document.path == path


# ------------------------------------------------------------------------------ closing

def test_closing_with_changes_asks_and_cancel_keeps_the_window(
        window: MainWindow, monkeypatch: pytest.MonkeyPatch) -> None:
    window.document.set_detail("to", "Cabinet")
    asked = _answer(monkeypatch, "question", Button.Cancel)
    assert not window.close()
    assert len(asked) == 1 and "Unsaved changes" in asked[0][1]
    _answer(monkeypatch, "question", Button.Discard)
    assert window.close()


def test_closing_unmodified_does_not_ask(window: MainWindow) -> None:
    assert window.close()


def test_new_with_changes_can_save_first(window: MainWindow, tmp_path: Path,
                                         monkeypatch: pytest.MonkeyPatch) -> None:
    window.document.set_detail("to", "Cabinet")
    _answer(monkeypatch, "question", Button.Save)
    _answer(monkeypatch, "getSaveFileName", (str(tmp_path / "kept.yaml"), ""))
    window.new_file()
    assert load_outline(tmp_path / "kept.yaml").briefing.to == "Cabinet"
    assert window.document.outline.articles == []
    assert window.windowTitle() == "Untitled[*] — Briefing"


# ------------------------------------------------------------------------------ preview


def test_a_note_shows_in_the_preview_and_the_fit_stays_visible(
        qtbot: QtBot, window: MainWindow, monkeypatch: pytest.MonkeyPatch) -> None:
    window.show()
    window.centre_tabs.setCurrentWidget(window.preview)
    window.document.set_picked(["s4"], True)
    window.select_section("s4")
    with qtbot.waitSignal(window.preview.refreshed, timeout=3000):
        qtbot.keyClicks(window.note_editor.editor, "Raise the harbour budget")
    assert "Raise the harbour budget" in window.preview.plain_text()
    assert "page" in window.fit_label.text()
    window.centre_tabs.setCurrentWidget(window.reader)
    with qtbot.waitSignal(window.preview.refreshed, timeout=3000):
        window.undo_action.trigger()
    assert "page" in window.fit_label.text()


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
    """The import dialog accepts what the importer found; the dialogs shown are recorded."""
    shown: list[ImportDialog] = []

    def accept(dialog: ImportDialog) -> int:
        shown.append(dialog)
        return QDialog.DialogCode.Accepted.value

    monkeypatch.setattr(ImportDialog, "exec", accept)
    return shown


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
    _answer(monkeypatch, "getOpenFileNames", ([str(first), str(second)], ""))
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
    calls = _answer(monkeypatch, "warning", Button.Ok)
    added = _import_and_wait(qtbot, window, lambda: window.importer.import_files([empty, good]))
    assert added == 1
    assert len(calls) == 1 and "empty.txt" in calls[0][2]
    assert window.outline_model.rowCount() == 3


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
    saved = _saved(tmp_path, outline, "dropped.yaml")
    window.document.undo_stack.setClean()
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(saved))])
    window.dropEvent(QDropEvent(QPointF(10, 10), Qt.DropAction.CopyAction, mime,
                                Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier))
    assert window.document.path == saved


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


# ---------------------------------------------------------------------- autosave, recovery


def _leave_crashed_session(outline: Outline, original: Path | None) -> Path:
    """What a session that died leaves behind: the outline and its details, no live lock."""
    folder = paths.recovery_dir()
    file = folder / "session-20260101-090000-999999.yaml"
    file.write_text(dumps_outline(outline), encoding="utf-8")
    meta = {"original": str(original) if original else None, "display_name": "Test outline",
            "saved_at": "2026-01-01T09:00:00"}
    file.with_suffix(".json").write_text(json.dumps(meta), encoding="utf-8")
    return file


def test_autosave_writes_unsaved_work_and_a_save_clears_it(
        window: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    window.autosaver.start()
    window.document.set_note("s2", "Unsaved thought")
    written = window.autosaver.save_now()
    assert written is not None
    assert "Unsaved thought" in written.read_text(encoding="utf-8")
    _answer(monkeypatch, "getSaveFileName", (str(tmp_path / "kept.yaml"), ""))
    assert window.save()
    assert not written.exists()


def test_restart_after_a_crash_offers_and_restores_the_work(
        fresh_window: MainWindow, tmp_path: Path, outline: Outline,
        monkeypatch: pytest.MonkeyPatch) -> None:
    original = _saved(tmp_path, outline)
    outline.articles[0].sections[1].note = "Written before the crash"
    file = _leave_crashed_session(outline, original)
    asked = _answer(monkeypatch, "question", Button.Yes)
    assert fresh_window.offer_recovery()
    assert "work.yaml, autosaved 01 January 2026" in asked[0][2]
    document = fresh_window.document
    assert document.path == original
    assert document.is_modified
    assert document.section("s4").note == "Written before the crash"  # type: ignore[union-attr]
    assert not file.exists()
    assert fresh_window.save()
    assert load_outline(original).articles[0].sections[1].note == "Written before the crash"


def test_declining_recovery_discards_it(fresh_window: MainWindow, outline: Outline,
                                        monkeypatch: pytest.MonkeyPatch) -> None:
    file = _leave_crashed_session(outline, None)
    _answer(monkeypatch, "question", Button.Discard)
    assert not fresh_window.offer_recovery()
    assert not file.exists()
    assert fresh_window.document.outline.articles == []


def test_a_damaged_recovery_file_is_reported(fresh_window: MainWindow, outline: Outline,
                                             monkeypatch: pytest.MonkeyPatch) -> None:
    file = _leave_crashed_session(outline, None)
    file.write_text("articles: [unclosed", encoding="utf-8")
    _answer(monkeypatch, "question", Button.Yes)
    calls = _answer(monkeypatch, "warning", Button.Ok)
    assert not fresh_window.offer_recovery()
    assert file.name in calls[0][2]


def test_no_crash_no_question(fresh_window: MainWindow) -> None:
    assert not fresh_window.offer_recovery()


# ------------------------------------------------------------------------------ start-up


def test_start_window_opens_the_sample_and_starts_autosave(qtbot: QtBot) -> None:
    window = start_window(None)
    try:
        assert window.isVisible()
        assert window.document.display_name == "Sample outline"
        assert window.autosaver.is_running()
        assert window.tree.currentIndex().isValid()
    finally:
        _discard_and_close(window)
    assert not window.autosaver.is_running()


STARTUP_PROBE = """
import sys
from briefing.gui.app import start_window
window = start_window(None)
heavy = sorted(name for name in ("docx", "trafilatura", "markdown") if name in sys.modules)
print(",".join(heavy) or "none")
window.autosaver.stop()
"""


def test_start_up_does_not_load_the_heavy_libraries(tmp_path: Path) -> None:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    result = subprocess.run([sys.executable, "-c", STARTUP_PROBE], env=env, cwd=tmp_path,
                            capture_output=True, text=True, timeout=60, check=False)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().splitlines()[-1] == "none"


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


# ------------------------------------------------------------------------- keyboard, layout


def test_space_in_the_tree_picks_the_current_section(qtbot: QtBot, window: MainWindow) -> None:
    window.show()
    window.select_section("s2")
    window.tree.setFocus()
    qtbot.keyClick(window.tree, Qt.Key.Key_Space)
    assert window.document.picked_ids() == ["s2"]
    qtbot.keyClick(window.tree, Qt.Key.Key_Space)
    assert window.document.picked_ids() == []


def test_view_menu_moves_focus_and_toggles_picked_only(qtbot: QtBot,
                                                       window: MainWindow) -> None:
    window.show()
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    window.select_section("s2")
    window.focus_actions["Note"].trigger()
    assert window.note_editor.editor.hasFocus()
    window.focus_actions["Briefing"].trigger()
    assert window.briefing_panel.lines["title"].hasFocus()
    window.focus_actions["Outline"].trigger()
    assert window.tree.hasFocus()
    window.picked_only_action.trigger()
    assert window.picked_only.isChecked()
    assert window.filter_model.is_filtering


def test_layout_and_picked_only_persist(qtbot: QtBot, document: Document) -> None:
    first = MainWindow(document, AppSettings())
    first.resize(760, 560)
    first.splitter.setSizes([200, 500, 300])
    first.picked_only.setChecked(True)
    sizes = first.splitter.sizes()
    _discard_and_close(first)
    second = MainWindow(Document(), AppSettings())
    try:
        assert second.picked_only.isChecked()
        assert second.size().width() == 760
        assert second.splitter.sizes() == sizes
    finally:
        _discard_and_close(second)


def test_about_shows_the_version(window: MainWindow, monkeypatch: pytest.MonkeyPatch) -> None:
    shown: list[str] = []
    monkeypatch.setattr(QMessageBox, "exec", lambda box: shown.append(box.text()) or 0)
    window.about_action.trigger()
    assert briefing.__version__ in shown[0]


def test_editing_a_note_out_of_the_filter_keeps_the_section_in_view(
        qtbot: QtBot, window: MainWindow) -> None:
    window.filter_edit.setText("icebreakers")
    window.apply_filter()
    assert window.select_section("s13")
    window.note_editor.editor.selectAll()
    qtbot.keyClicks(window.note_editor.editor, "Rewritten")
    assert window.note_editor.section_id == "s13"
    assert window.document.section("s13").note == "Rewritten"  # type: ignore[union-attr]
    assert "2. Challenge 2 of Arctic Patrols" in _visible_labels(window)
    window.filter_edit.setText("icebreakers ")
    window.apply_filter()
    assert _visible_labels(window) == []


def test_unpicking_in_picked_only_mode_keeps_the_current_row(window: MainWindow) -> None:
    window.document.set_picked(["s2", "s3"], True)
    window.picked_only.setChecked(True)
    window.select_section("s2")
    window.document.set_picked(["s2"], False)
    assert "Point 1.1 on harbour defence" in _visible_labels(window)
    assert window.note_editor.section_id == "s2"


# ------------------------------------------------------------------- opening in background


@pytest.fixture
def open_in_background(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(window_files, "BACKGROUND_OPEN_BYTES", 0)


def _wait_for_open(qtbot: QtBot, window: MainWindow) -> str:
    job = window.open_job
    assert job is not None
    if job.is_running:
        with qtbot.waitSignal(job.finished, timeout=10_000):
            pass
    return job.outcome


@pytest.mark.usefixtures("open_in_background")
def test_a_large_file_opens_in_the_background(qtbot: QtBot, window: MainWindow,
                                              tmp_path: Path, outline: Outline) -> None:
    outline.articles[0].title = "Read on a worker"
    path = _saved(tmp_path, outline)
    window.document.new()
    assert window.open_file(path, ask=False)
    assert _wait_for_open(qtbot, window) == "done"
    assert window.document.path == path
    assert window.outline_model.index(0, 0).data() == "Read on a worker"
    assert not window.isWindowModified()


@pytest.mark.usefixtures("open_in_background")
def test_a_bad_file_opened_in_the_background_is_reported(
        qtbot: QtBot, window: MainWindow, tmp_path: Path,
        monkeypatch: pytest.MonkeyPatch) -> None:
    bad = tmp_path / "broken.yaml"
    bad.write_text("articles: [unclosed", encoding="utf-8")
    calls = _answer(monkeypatch, "warning", Button.Ok)
    window.open_file(bad, ask=False)
    assert _wait_for_open(qtbot, window) == "error"
    assert "broken.yaml" in calls[0][2]
    assert window.outline_model.index(0, 0).data() == "Harbour Defence"


@pytest.mark.usefixtures("open_in_background")
def test_edits_made_while_a_file_opens_are_not_lost(
        qtbot: QtBot, window: MainWindow, tmp_path: Path, outline: Outline,
        monkeypatch: pytest.MonkeyPatch) -> None:
    path = _saved(tmp_path, outline, "other.yaml")
    window.open_file(path, ask=False)
    window.document.set_note("s2", "typed while it loaded")
    asked = _answer(monkeypatch, "question", Button.Cancel)
    assert _wait_for_open(qtbot, window) == "done"
    assert len(asked) == 1
    assert window.document.path is None
    assert window.document.section("s2").note == "typed while it loaded"  # type: ignore[union-attr]
