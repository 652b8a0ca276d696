"""Reading side by side and writing without distraction, both remembered across restarts."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QToolBar
from pytestqt.qtbot import QtBot

from briefing.gui.document import Document
from briefing.gui.main_window import MainWindow
from briefing.gui.settings import AppSettings
from tests.gui.window_support import discard_and_close


def _show(qtbot: QtBot, window: MainWindow) -> None:
    window.show()
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)


def test_side_by_side_puts_the_preview_beside_the_reader(qtbot: QtBot,
                                                         window: MainWindow) -> None:
    _show(qtbot, window)
    window.document.set_picked(["s4"], True)
    window.side_by_side_action.trigger()
    assert window.is_side_by_side()
    assert window.centre_tabs.indexOf(window.preview) == -1
    assert window.reader.isVisible() and window.preview.isVisible()
    qtbot.waitUntil(lambda: "Challenge 2 of Harbour Defence" in window.preview.plain_text())
    window.focus_actions["Preview"].trigger()  # no tab to switch to: the focus still goes
    assert window.preview.browser().hasFocus()
    window.side_by_side_action.trigger()
    assert not window.is_side_by_side()
    assert window.centre_tabs.tabText(1) == "&Preview"


def test_f11_shows_only_the_note_editor_and_escape_comes_back(qtbot: QtBot,
                                                              window: MainWindow) -> None:
    _show(qtbot, window)
    window.select_section("s4")
    toolbar = window.findChild(QToolBar)
    assert toolbar is not None
    qtbot.keyClick(window.tree, Qt.Key.Key_F11)
    assert window.distraction_free_action.isChecked()
    assert window.note_editor.isVisible() and window.note_editor.editor.hasFocus()
    for hidden in (window.left_panel, window.reader, window.preview, toolbar,
                   window.right_tabs.tabBar()):
        assert not hidden.isVisible()
    qtbot.keyClicks(window.note_editor.editor, "Focus")
    qtbot.keyClick(window.note_editor.editor, Qt.Key.Key_Escape)
    assert not window.distraction_free_action.isChecked()
    assert window.left_panel.isVisible() and toolbar.isVisible()
    qtbot.keyClick(window.tree, Qt.Key.Key_F11)
    qtbot.keyClick(window.note_editor.editor, Qt.Key.Key_F11)
    assert not window.distraction_free_action.isChecked()
    section = window.document.section("s4")
    assert section is not None and section.note == "Focus"


def test_escape_in_the_find_bar_closes_it_not_the_writing_mode(qtbot: QtBot,
                                                               window: MainWindow) -> None:
    _show(qtbot, window)
    window.select_section("s4")
    window.distraction_free_action.trigger()
    window.find_text_action.trigger()
    assert window.find_bar.target is window.note_editor.editor
    qtbot.keyClick(window.find_bar.find_edit, Qt.Key.Key_Escape)
    assert not window.find_bar.isVisible()
    assert window.distraction_free_action.isChecked()


def test_both_views_are_remembered_across_restarts(qtbot: QtBot, window: MainWindow) -> None:
    window.side_by_side_action.trigger()
    window.distraction_free_action.trigger()
    discard_and_close(window)
    again = MainWindow(Document(), AppSettings())
    try:
        assert again.is_side_by_side() and again.side_by_side_action.isChecked()
        assert again.distraction_free_action.isChecked()
        assert again.left_panel.isHidden()
        again.distraction_free_action.trigger()
        again.side_by_side_action.trigger()
    finally:
        discard_and_close(again)
    third = MainWindow(Document(), AppSettings())
    try:
        assert not third.is_side_by_side() and not third.distraction_free_action.isChecked()
        assert not third.left_panel.isHidden()
    finally:
        discard_and_close(third)
