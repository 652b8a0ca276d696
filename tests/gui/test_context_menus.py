"""Context menus: the note editor's (editing, Markdown, find, a place for spelling) and the
order list's (move, remove, show in reader, copy citation)."""

from __future__ import annotations

from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QAction, QTextCursor
from PySide6.QtWidgets import QApplication, QMenu, QPlainTextEdit
from pytestqt.qtbot import QtBot

from briefing.gui.main_window import MainWindow


def _texts(menu: QMenu) -> list[str]:
    return [action.text().split("\t")[0] if not action.isSeparator() else "-"
            for action in menu.actions()]


def test_the_note_menu_holds_editing_markdown_and_find(qtbot: QtBot,
                                                       window: MainWindow) -> None:
    window.select_section("s13")
    editor = window.note_editor.editor
    cursor = editor.textCursor()
    cursor.setPosition(8)
    cursor.setPosition(20, QTextCursor.MoveMode.KeepAnchor)
    editor.setTextCursor(cursor)
    menu = window.note_editor.menu.build(QPoint(5, 5))
    assert _texts(menu) == ["Cu&t", "&Copy", "&Paste", "Select &All", "-", "&Bold", "&Italic",
                            "Insert &Link", "-", "&Find in Text…", "Rep&lace…"]
    assert all(action.isEnabled() for action in menu.actions()[:2])
    menu.deleteLater()


def test_the_note_menu_puts_spelling_suggestions_first(qtbot: QtBot,
                                                       window: MainWindow) -> None:
    window.select_section("s13")
    asked: list[tuple[QPlainTextEdit, QPoint]] = []

    def suggest(editor: QPlainTextEdit, position: QPoint) -> list[QAction]:
        asked.append((editor, position))
        return [QAction("icebreakers"), QAction("Add to Dictionary")]

    window.note_editor.menu.providers.append(suggest)
    menu = window.note_editor.menu.build(QPoint(3, 4))
    assert _texts(menu)[:3] == ["icebreakers", "Add to Dictionary", "-"]
    assert asked == [(window.note_editor.editor, QPoint(3, 4))]
    menu.deleteLater()


def test_the_note_menu_bold_acts_on_the_note(qtbot: QtBot, window: MainWindow) -> None:
    window.select_section("s4")
    editor = window.note_editor.editor
    editor.setPlainText("urgent")
    editor.selectAll()
    menu = window.note_editor.menu.build(QPoint(1, 1))
    next(action for action in menu.actions() if action.text() == "&Bold").trigger()
    section = window.document.section("s4")
    assert section is not None and section.note == "**urgent**"
    menu.deleteLater()


def _order_view_on(window: MainWindow, row: int) -> None:
    view = window.briefing_panel.order_view
    view.setCurrentIndex(view.model().index(row, 0))


def test_the_order_list_menu_moves_removes_and_undoes(qtbot: QtBot, window: MainWindow) -> None:
    window.document.set_picked(["s4", "s13", "s2"], True)
    view = window.briefing_panel.order_view
    assert [action.text() for action in view.actions() if not action.isSeparator()] == \
        ["Move &Up", "Move &Down", "&Remove from Briefing", "&Show in Reader", "Copy &Citation"]
    assert view.contextMenuPolicy() == Qt.ContextMenuPolicy.ActionsContextMenu
    order = window.document.picked_ids()
    _order_view_on(window, 0)
    assert not view.move_up_action.isEnabled() and view.move_down_action.isEnabled()
    view.move_down_action.trigger()
    assert window.document.picked_ids() == [order[1], order[0], order[2]]
    view.remove_action.trigger()
    assert window.document.picked_ids() == [order[1], order[2]]
    window.document.undo_stack.undo()
    assert window.document.picked_ids() == [order[1], order[0], order[2]]


def test_the_order_list_shows_a_section_in_the_reader(qtbot: QtBot, window: MainWindow) -> None:
    window.show()
    window.document.set_picked(["s13"], True)
    window.select_section("s4")
    window.centre_tabs.setCurrentWidget(window.preview)
    _order_view_on(window, 0)
    window.briefing_panel.order_view.show_action.trigger()
    assert window.note_editor.section_id == "s13"
    assert window.centre_tabs.currentWidget() is window.reader
    assert "Challenge 2 of Arctic Patrols" in window.reader.toPlainText()


def test_the_order_list_copies_the_citation(qtbot: QtBot, window: MainWindow) -> None:
    window.document.set_picked(["s13"], True)
    _order_view_on(window, 0)
    window.briefing_panel.order_view.copy_citation_action.trigger()
    assert QApplication.clipboard().text() == \
        "A. Writer, \u201cArctic Patrols\u201d, Example Review, 1 October 2024, https://example.org/a"
