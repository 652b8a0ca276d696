"""Find and replace: Ctrl+F in the reader or the note, F3 through the matches, Ctrl+H replacing
in the note or in every note as one undo step."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

from briefing.gui.main_window import MainWindow

CTRL = Qt.KeyboardModifier.ControlModifier


def _show(qtbot: QtBot, window: MainWindow, section: str = "s4") -> None:
    window.show()
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    window.select_section(section)


def _focus(qtbot: QtBot, widget: QWidget) -> None:
    widget.setFocus()
    qtbot.waitUntil(widget.hasFocus)


def _note(window: MainWindow, section_id: str) -> str:
    section = window.document.section(section_id)
    assert section is not None
    return section.note


def test_ctrl_f_in_the_reader_counts_highlights_and_steps_with_f3(qtbot: QtBot,
                                                                  window: MainWindow) -> None:
    _show(qtbot, window)
    bar = window.find_bar
    _focus(qtbot, window.reader)
    qtbot.keyClick(window.reader, Qt.Key.Key_F, CTRL)
    assert bar.isVisible() and bar.target is window.reader
    assert bar.find_edit.hasFocus()
    qtbot.keyClicks(bar.find_edit, "detail")  # "Detail 2.1", "Detail 2.2" (any case)
    assert bar.count_label.text() == "1 of 2"
    assert len(window.reader.extraSelections()) == 2
    assert window.reader.textCursor().selectedText() == "Detail"
    qtbot.keyClick(bar.find_edit, Qt.Key.Key_F3)
    assert bar.count_label.text() == "2 of 2"
    qtbot.keyClick(bar.find_edit, Qt.Key.Key_F3)
    assert bar.count_label.text() == "1 of 2"  # round again
    qtbot.keyClick(bar.find_edit, Qt.Key.Key_F3, Qt.KeyboardModifier.ShiftModifier)
    assert bar.count_label.text() == "2 of 2"
    qtbot.keyClick(bar.find_edit, Qt.Key.Key_Escape)
    assert not bar.isVisible()
    assert window.reader.extraSelections() == []
    assert window.reader.hasFocus()


def test_the_bar_follows_the_text_last_in_focus(qtbot: QtBot, window: MainWindow) -> None:
    _show(qtbot, window, "s13")
    window.focus_actions["Note"].trigger()
    qtbot.waitUntil(window.note_editor.editor.hasFocus)
    window.find_text_action.trigger()
    assert window.find_bar.target is window.note_editor.editor
    qtbot.keyClicks(window.find_bar.find_edit, "ministry")
    assert window.find_bar.count_label.text() == "1 of 1"
    window.focus_actions["Reader"].trigger()
    assert window.find_bar.target is window.reader
    assert window.note_editor.editor.extraSelections() == []


def test_no_match_says_so(qtbot: QtBot, window: MainWindow) -> None:
    _show(qtbot, window)
    _focus(qtbot, window.reader)
    window.find_text_action.trigger()
    qtbot.keyClicks(window.find_bar.find_edit, "zeppelin")
    assert window.find_bar.count_label.text() == "No matches"
    assert not window.find_bar.find_next()


def test_case_and_whole_word_options_narrow_the_matches(qtbot: QtBot,
                                                        window: MainWindow) -> None:
    _show(qtbot, window)
    window.note_editor.editor.setPlainText("Port, port and portal.")
    window.focus_actions["Note"].trigger()
    window.find_text_action.trigger()
    bar = window.find_bar
    qtbot.keyClicks(bar.find_edit, "port")
    assert bar.match_count() == 3
    bar.case_box.setChecked(True)
    assert bar.match_count() == 2
    bar.words_box.setChecked(True)
    assert bar.match_count() == 1


def test_ctrl_f_in_the_outline_still_goes_to_the_filter(qtbot: QtBot,
                                                        window: MainWindow) -> None:
    _show(qtbot, window)
    _focus(qtbot, window.tree)
    qtbot.keyClick(window.tree, Qt.Key.Key_F, CTRL)
    assert window.filter_edit.hasFocus()
    assert not window.find_bar.isVisible()
    qtbot.keyClicks(window.filter_edit, "icebreakers")
    window.apply_filter()
    assert window.filter_model.is_filtering


def test_replace_all_in_the_note_is_one_undo_step(qtbot: QtBot, window: MainWindow) -> None:
    _show(qtbot, window)
    window.note_editor.editor.setPlainText("Brief the desk. The desk decides.")
    stack = window.document.undo_stack
    qtbot.keyClick(window.tree, Qt.Key.Key_H, CTRL)
    bar = window.find_bar
    assert bar.isVisible() and bar.is_replace_visible()
    assert bar.target is window.note_editor.editor
    qtbot.keyClicks(bar.find_edit, "desk")
    bar.replace_edit.setText("minister")
    before = stack.count()
    assert bar.replace_all_in_note() == 2
    assert _note(window, "s4") == "Brief the minister. The minister decides."
    assert bar.count_label.text() == "2 replaced"
    assert stack.count() == before + 1
    stack.undo()
    assert _note(window, "s4") == "Brief the desk. The desk decides."


def test_replace_one_match_then_the_next(qtbot: QtBot, window: MainWindow) -> None:
    _show(qtbot, window)
    window.note_editor.editor.setPlainText("cat and cat")
    window.replace_action.trigger()
    bar = window.find_bar
    qtbot.keyClicks(bar.find_edit, "cat")
    bar.replace_edit.setText("dog")
    assert bar.count_label.text() == "1 of 2"
    qtbot.keyClick(bar.replace_edit, Qt.Key.Key_Return)
    assert _note(window, "s4") == "dog and cat"
    assert bar.count_label.text() == "1 of 1"
    bar.replace_button.click()
    assert _note(window, "s4") == "dog and dog"
    assert bar.count_label.text() == "No matches"


def test_replace_in_all_notes_is_one_undo_step(qtbot: QtBot, window: MainWindow) -> None:
    _show(qtbot, window)
    window.document.set_note("s2", "The ministry and the Ministry.")
    window.document.set_note("s4", "Call the ministry.")
    window.document.undo_stack.clear()
    window.replace_action.trigger()
    bar = window.find_bar
    qtbot.keyClicks(bar.find_edit, "ministry")
    bar.replace_edit.setText("department")
    bar.case_box.setChecked(True)
    bar.replace_notes_button.click()
    assert _note(window, "s2") == "The department and the Ministry."
    assert _note(window, "s4") == "Call the department."
    assert _note(window, "s13") == "Ask the **department** about icebreakers."
    assert window.note_editor.editor.toPlainText() == "Call the department."
    assert bar.count_label.text() == "3 replaced in 3 notes"
    stack = window.document.undo_stack
    assert stack.count() == 1 and stack.undoText() == "Replace \u201cministry\u201d in all notes"
    stack.undo()
    assert _note(window, "s2") == "The ministry and the Ministry."
    assert _note(window, "s13") == "Ask the **ministry** about icebreakers."
    assert window.note_editor.editor.toPlainText() == "Call the ministry."
    stack.redo()
    assert _note(window, "s4") == "Call the department."


def test_the_reader_offers_no_replacing(qtbot: QtBot, window: MainWindow) -> None:
    _show(qtbot, window)
    window.find_bar.open_replace(window.reader)
    qtbot.keyClicks(window.find_bar.find_edit, "detail")
    window.find_bar.replace_edit.setText("x")
    assert window.find_bar.replace_all_in_note() == 0
    assert not window.find_bar.replace_current()
    assert "x" not in window.reader.toPlainText().split()


def test_find_shortcuts_are_in_the_edit_menu(window: MainWindow) -> None:
    keys = {action.text(): action.shortcut().toString()
            for action in (window.find_text_action, window.replace_action,
                           window.find_next_action, window.find_previous_action)}
    assert keys == {"&Find in Text…": "Ctrl+F", "Rep&lace…": "Ctrl+H", "Find &Next": "F3",
                    "Find Pre&vious": "Shift+F3"}
    assert QApplication.instance() is not None
