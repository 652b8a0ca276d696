"""The main window: start-up, picking, filtering, notes, reordering, preview, keyboard."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QComboBox,
    QDateEdit,
    QHeaderView,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QTextBrowser,
)
from pytestqt.qtbot import QtBot

import briefing
from briefing.core import early_parse, paths, yaml_io
from briefing.core.model import Outline
from briefing.core.outline_file import load_outline
from briefing.gui.app import UI_SWITCH_INTERVAL_S, create_application, open_initial, start_window
from briefing.gui.document import Document
from briefing.gui.main_window import MainWindow
from briefing.gui.settings import AppSettings
from tests.gui.window_support import (
    check,
    click_in_box,
    discard_and_close,
    saved_outline,
    visible_labels,
)

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
    path = saved_outline(tmp_path, outline)
    AppSettings().last_file = path
    window = fresh_window
    open_initial(window, None)
    assert window.document.path == path
    assert window.windowTitle() == "work.yaml[*] — Briefing"


# ------------------------------------------------------------------------ picking, filter


def test_pick_and_unpick_in_the_tree_with_undo(window: MainWindow,
                                               monkeypatch: pytest.MonkeyPatch) -> None:
    asked = click_in_box(monkeypatch, "Pick with Subsections")
    check(window, "s10", True)
    assert len(asked) == 1 and "2 subsections" in asked[0]
    assert window.document.picked_ids() == ["s10", "s11", "s12"]
    assert window.picked_label.text() == "3 sections picked"
    assert window.isWindowModified()
    click_in_box(monkeypatch, "Keep Subsections Picked")
    check(window, "s10", False)
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
    assert visible_labels(window) == ["Arctic Patrols", "2. Challenge 2 of Arctic Patrols"]
    window.filter_edit.clear()
    window.document.set_picked(["s5"], True)
    window.picked_only.setChecked(True)
    assert visible_labels(window) == ["Harbour Defence", "2. Challenge 2 of Harbour Defence",
                                       "Point 2.1 on harbour defence"]
    window.picked_only.setChecked(False)
    assert len(visible_labels(window)) == 20


def test_typing_in_the_filter_applies_after_a_pause(qtbot: QtBot, window: MainWindow) -> None:
    qtbot.keyClicks(window.filter_edit, "point 1.1")
    qtbot.waitUntil(lambda: len(visible_labels(window)) == 6, timeout=2000)


def test_enter_in_the_filter_goes_to_the_matches(qtbot: QtBot, window: MainWindow) -> None:
    window.show()
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    window.filter_edit.setFocus()
    qtbot.keyClicks(window.filter_edit, "icebreakers")
    qtbot.keyClick(window.filter_edit, Qt.Key.Key_Return)
    assert window.tree.hasFocus()
    assert visible_labels(window) == ["Arctic Patrols", "2. Challenge 2 of Arctic Patrols"]
    assert window.note_editor.section_id == "s13"  # the first match, ready to read


def test_the_article_being_read_stays_current_through_a_filter(window: MainWindow) -> None:
    window.tree.setCurrentIndex(window.tree.model().index(1, 0))
    window.filter_edit.setText("icebreakers")
    window.apply_filter()
    assert window.current_node() is window.document.outline.articles[1]
    assert "Arctic Patrols" in window.reader.toPlainText()
    window.filter_edit.clear()
    window.apply_filter()
    assert window.current_node() is window.document.outline.articles[1]


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


def test_undo_and_redo_shortcuts_work_from_the_briefing_panel_and_the_tree(
        qtbot: QtBot, window: MainWindow) -> None:
    window.show()
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    window.focus_actions["Briefing"].trigger()
    title = window.briefing_panel.lines["title"]
    title.selectAll()
    qtbot.keyClicks(title, "Ports")
    assert window.document.outline.briefing.title == "Ports"
    qtbot.keySequence(title, QKeySequence(QKeySequence.StandardKey.Undo))
    assert window.document.outline.briefing.title == "Alliance readiness"
    assert title.text() == "Alliance readiness"
    qtbot.keySequence(title, QKeySequence(QKeySequence.StandardKey.Redo))
    assert title.text() == "Ports"
    window.select_section("s2")
    window.focus_actions["Outline"].trigger()
    qtbot.keyClick(window.tree, Qt.Key.Key_Space)
    assert window.document.picked_ids() == ["s2"]
    qtbot.keySequence(window.tree, QKeySequence(QKeySequence.StandardKey.Undo))
    assert window.document.picked_ids() == []


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
    discard_and_close(first)
    second = MainWindow(Document(), AppSettings())
    try:
        assert second.picked_only.isChecked()
        assert second.size().width() == 760
        assert second.splitter.sizes() == sizes
    finally:
        discard_and_close(second)


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
    assert "2. Challenge 2 of Arctic Patrols" in visible_labels(window)
    window.filter_edit.setText("icebreakers ")
    window.apply_filter()
    assert visible_labels(window) == []


def test_unpicking_in_picked_only_mode_keeps_the_current_row(window: MainWindow) -> None:
    window.document.set_picked(["s2", "s3"], True)
    window.picked_only.setChecked(True)
    window.select_section("s2")
    window.document.set_picked(["s2"], False)
    assert "Point 1.1 on harbour defence" in visible_labels(window)
    assert window.note_editor.section_id == "s2"


# ------------------------------------------------------------------------------ start-up


def test_start_window_opens_the_sample_and_starts_autosave(qtbot: QtBot) -> None:
    window = start_window(None)
    try:
        assert window.isVisible()
        assert window.document.display_name == "Sample outline"
        assert window.autosaver.is_running()
        assert window.tree.currentIndex().isValid()
    finally:
        discard_and_close(window)
    assert not window.autosaver.is_running()


def test_start_reopens_a_large_last_file_parsed_in_a_second_process(
        qtbot: QtBot, tmp_path: Path, outline: Outline, monkeypatch: pytest.MonkeyPatch) -> None:
    path = saved_outline(tmp_path, outline)
    AppSettings().last_file = path
    monkeypatch.setattr(early_parse, "EARLY_PARSE_MIN_BYTES", 0)  # as if it were large

    def parse_here(_text: str, _source: str) -> object:
        raise AssertionError("parsed in the window's process")
    monkeypatch.setattr(yaml_io, "parse", parse_here)
    window = start_window(None)
    try:
        assert window.document.path == path
        assert window.outline_model.index(0, 0).data() == outline.articles[0].title
    finally:
        discard_and_close(window)


def test_worker_threads_hand_the_interpreter_back_to_the_window_quickly(qtbot: QtBot) -> None:
    """Qt's calls into Python (a row's data, a filter test) each wait for the interpreter lock
    while a job runs Python on a worker; at Python's default 5 ms a filter stalls for seconds."""
    create_application()
    assert sys.getswitchinterval() == pytest.approx(UI_SWITCH_INTERVAL_S)
    assert UI_SWITCH_INTERVAL_S <= 0.001


def test_a_fresh_machine_gets_its_folders_without_a_word(
        qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    home = tmp_path / "never" / "made"
    monkeypatch.setenv("BRIEFING_HOME", str(home))
    window = start_window(None)  # any dialog would fail the test (tests/gui/conftest.py)
    try:
        assert window.document.display_name == "Sample outline"
        assert (home / "data" / "recovery").is_dir()
        window.resize(760, 560)
    finally:
        discard_and_close(window)
    assert (home / "config" / "briefing.ini").is_file()
    again = MainWindow(Document(), AppSettings())
    assert again.size().width() == 760  # the layout was stored there
    discard_and_close(again)


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



def test_the_page_fit_in_the_status_bar_warns_when_over_budget(qtbot: QtBot,
                                                                window: MainWindow) -> None:
    window.document.set_picked(["s4"], True)
    with qtbot.waitSignal(window.preview.refreshed, timeout=3000):
        window.document.set_note("s4", "The harbour budget needs a review. " * 500)
    label = window.fit_label
    assert label.text().startswith("\u26a0") and "of 2 pages" in label.text()
    assert "color" in label.styleSheet()
    with qtbot.waitSignal(window.preview.refreshed, timeout=3000):
        window.undo_action.trigger()
    assert not label.text().startswith("\u26a0") and "of 2 pages" in label.text()
    assert label.styleSheet() == ""


def _unnamed_controls(window: MainWindow) -> set[str]:
    """Controls on screen that a screen reader could only call by their kind."""
    unnamed = set()
    for kind in (QLineEdit, QPlainTextEdit, QComboBox, QDateEdit, QAbstractItemView,
                 QTextBrowser, QAbstractButton):
        for control in window.findChildren(kind):  # type: ignore[type-var]
            inner = isinstance(control.parentWidget(), (QDateEdit, QComboBox, QLineEdit))
            if isinstance(control, QHeaderView) or inner or not control.isVisible():
                continue  # parts of another control, or a closed popup's
            labelled = isinstance(control, QAbstractButton) and control.text()
            if not (control.accessibleName() or labelled):
                unnamed.add(f"{type(control).__name__} in {type(control.parentWidget()).__name__}")
    return unnamed


def test_every_control_has_an_accessible_name_or_a_label(window: MainWindow) -> None:
    window.show()
    window.select_section("s4")
    for centre, right in ((window.reader, window.note_editor),
                          (window.preview, window.briefing_panel)):
        window.centre_tabs.setCurrentWidget(centre)
        window.right_tabs.setCurrentWidget(right)
        assert _unnamed_controls(window) == set()
    window.briefing_panel.lines["to"].setAccessibleName("")
    assert _unnamed_controls(window) == {"SpellLineEdit in QGroupBox"}  # the check can fail
