"""Markdown keys in the note editor: Ctrl+B/I/K wrap and unwrap, lists continue and indent."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QTextCursor
from pytestqt.qtbot import QtBot

from briefing.gui.document import Document
from briefing.gui.markdown_keys import list_item
from briefing.gui.note_editor import NoteEditor

CTRL = Qt.KeyboardModifier.ControlModifier


@pytest.fixture
def editor(qtbot: QtBot, document: Document) -> NoteEditor:
    widget = NoteEditor(document)
    qtbot.addWidget(widget)
    widget.set_section("s4")
    widget.show()
    widget.editor.setFocus()
    qtbot.waitUntil(widget.editor.hasFocus)
    return widget


def _type_note(qtbot: QtBot, editor: NoteEditor, text: str) -> None:
    """Put ``text`` in the editor, the cursor where ``|`` is."""
    before, _, after = text.partition("|")
    editor.editor.setPlainText(before + after)
    cursor = editor.editor.textCursor()
    cursor.setPosition(len(before))
    editor.editor.setTextCursor(cursor)


def _select(editor: NoteEditor, start: int, end: int) -> None:
    cursor = editor.editor.textCursor()
    cursor.setPosition(start)
    cursor.setPosition(end, QTextCursor.MoveMode.KeepAnchor)
    editor.editor.setTextCursor(cursor)


def _note(document: Document) -> str:
    section = document.section("s4")
    assert section is not None
    return section.note


def test_ctrl_b_wraps_the_selection_and_again_unwraps_it(qtbot: QtBot, editor: NoteEditor,
                                                         document: Document) -> None:
    _type_note(qtbot, editor, "Ask the ministry today|")
    _select(editor, 8, 16)
    qtbot.keyClick(editor.editor, Qt.Key.Key_B, CTRL)
    assert _note(document) == "Ask the **ministry** today"
    assert editor.editor.textCursor().selectedText() == "ministry"
    qtbot.keyClick(editor.editor, Qt.Key.Key_B, CTRL)
    assert _note(document) == "Ask the ministry today"


def test_ctrl_i_wraps_the_word_under_the_cursor_not_the_windows_import(
        qtbot: QtBot, window: object, document: Document) -> None:
    from briefing.gui.main_window import MainWindow
    assert isinstance(window, MainWindow)
    window.show()
    window.select_section("s4")
    window.focus_actions["Note"].trigger()
    box = window.note_editor.editor
    qtbot.waitUntil(box.hasFocus)
    box.setPlainText("Ask the ministry today")
    cursor = box.textCursor()
    cursor.setPosition(11)  # inside "ministry"
    box.setTextCursor(cursor)
    qtbot.keyClick(box, Qt.Key.Key_I, CTRL)
    assert _note(document) == "Ask the *ministry* today"
    assert window.importer is not None and len(document.outline.articles) == 2
    qtbot.keyClick(box, Qt.Key.Key_I, CTRL)
    assert _note(document) == "Ask the ministry today"


def test_italic_inside_bold_is_added_not_mistaken_for_wrapped(qtbot: QtBot, editor: NoteEditor,
                                                              document: Document) -> None:
    _type_note(qtbot, editor, "a **bold** b|")
    _select(editor, 4, 8)
    qtbot.keyClick(editor.editor, Qt.Key.Key_I, CTRL)
    assert _note(document) == "a ***bold*** b"
    qtbot.keyClick(editor.editor, Qt.Key.Key_I, CTRL)
    assert _note(document) == "a **bold** b"


def test_selecting_the_markers_too_unwraps(qtbot: QtBot, editor: NoteEditor,
                                           document: Document) -> None:
    _type_note(qtbot, editor, "x **firm** y|")
    _select(editor, 2, 10)
    qtbot.keyClick(editor.editor, Qt.Key.Key_B, CTRL)
    assert _note(document) == "x firm y"
    assert editor.editor.textCursor().selectedText() == "firm"


def test_each_markdown_key_is_one_undo_step_apart_from_typing(qtbot: QtBot, editor: NoteEditor,
                                                              document: Document) -> None:
    editor.editor.clear()
    qtbot.keyClicks(editor.editor, "word")
    qtbot.keyClick(editor.editor, Qt.Key.Key_B, CTRL)
    assert _note(document) == "**word**"
    document.undo_stack.undo()
    assert _note(document) == "word"
    document.undo_stack.undo()
    assert _note(document) == ""


def test_ctrl_k_makes_a_link_with_the_address_selected(qtbot: QtBot, editor: NoteEditor,
                                                       document: Document) -> None:
    _type_note(qtbot, editor, "See the report|")
    _select(editor, 8, 14)
    qtbot.keyClick(editor.editor, Qt.Key.Key_K, CTRL)
    assert _note(document) == "See the [report](url)"
    assert editor.editor.textCursor().selectedText() == "url"
    qtbot.keyClicks(editor.editor, "https://example.org/r")
    assert _note(document) == "See the [report](https://example.org/r)"


def test_ctrl_k_on_nothing_selects_the_link_text(qtbot: QtBot, editor: NoteEditor,
                                                 document: Document) -> None:
    _type_note(qtbot, editor, "See |")
    qtbot.keyClick(editor.editor, Qt.Key.Key_K, CTRL)
    assert _note(document) == "See [link text](url)"
    assert editor.editor.textCursor().selectedText() == "link text"


@pytest.mark.parametrize(("before", "after"), [
    ("- first|", "- first\n- |"),
    ("* first|", "* first\n* |"),
    ("9. ninth|", "9. ninth\n10. |"),
    ("  3) third|", "  3) third\n  4) |"),
    ("- [x] done|", "- [x] done\n- [ ] |"),
    ("- split| here", "- split\n- | here"),
])
def test_enter_continues_the_list(qtbot: QtBot, editor: NoteEditor, document: Document,
                                  before: str, after: str) -> None:
    _type_note(qtbot, editor, before)
    qtbot.keyClick(editor.editor, Qt.Key.Key_Return)
    text, position = after.replace("|", ""), after.index("|")
    assert _note(document) == text
    assert editor.editor.textCursor().position() == position


def test_enter_on_an_empty_item_ends_the_list(qtbot: QtBot, editor: NoteEditor,
                                              document: Document) -> None:
    _type_note(qtbot, editor, "- one|")
    qtbot.keyClick(editor.editor, Qt.Key.Key_Return)
    qtbot.keyClick(editor.editor, Qt.Key.Key_Return)
    assert _note(document) == "- one\n"
    qtbot.keyClicks(editor.editor, "After the list.")
    assert _note(document) == "- one\nAfter the list."


def test_enter_outside_a_list_is_a_plain_new_line(qtbot: QtBot, editor: NoteEditor,
                                                  document: Document) -> None:
    _type_note(qtbot, editor, "Plain line|")
    qtbot.keyClick(editor.editor, Qt.Key.Key_Return)
    assert _note(document) == "Plain line\n"


def test_tab_and_shift_tab_indent_a_list_item(qtbot: QtBot, editor: NoteEditor,
                                              document: Document) -> None:
    _type_note(qtbot, editor, "- one\n- tw|o")
    qtbot.keyClick(editor.editor, Qt.Key.Key_Tab)
    assert _note(document) == "- one\n  - two"
    assert editor.editor.hasFocus()
    assert editor.editor.textCursor().position() == len("- one\n  - tw")
    qtbot.keyClick(editor.editor, Qt.Key.Key_Backtab, Qt.KeyboardModifier.ShiftModifier)
    assert _note(document) == "- one\n- two"
    document.undo_stack.undo()
    assert _note(document) == "- one\n  - two"


def test_tab_outside_a_list_moves_the_focus_on(qtbot: QtBot, editor: NoteEditor,
                                               document: Document) -> None:
    _type_note(qtbot, editor, "Plain|")
    qtbot.keyClick(editor.editor, Qt.Key.Key_Tab)
    assert _note(document) == "Plain"
    assert not editor.editor.hasFocus()


def test_list_item_reads_markers_and_task_boxes() -> None:
    item = list_item("  12. [ ] call back")
    assert item is not None and item.next_prefix() == "  13. [ ] "
    assert list_item("plain text") is None and list_item("-no space") is None


def test_ctrl_b_on_no_word_leaves_the_cursor_between_markers_and_again_removes_them(
        qtbot: QtBot, editor: NoteEditor, document: Document) -> None:
    _type_note(qtbot, editor, "Note: |")
    qtbot.keyClick(editor.editor, Qt.Key.Key_B, CTRL)
    assert _note(document) == "Note: ****"
    assert editor.editor.textCursor().position() == len("Note: **")
    qtbot.keyClick(editor.editor, Qt.Key.Key_B, CTRL)
    assert _note(document) == "Note: "


def test_a_read_only_note_takes_the_keys_without_changing(qtbot: QtBot, editor: NoteEditor,
                                                          document: Document) -> None:
    _type_note(qtbot, editor, "- item|")
    editor.editor.setReadOnly(True)
    for key in (Qt.Key.Key_B, Qt.Key.Key_I, Qt.Key.Key_K):
        qtbot.keyClick(editor.editor, key, CTRL)
    qtbot.keyClick(editor.editor, Qt.Key.Key_Return)
    assert _note(document) == "- item"


def test_bold_counts_positions_as_qt_does_after_an_emoji(qtbot: QtBot, editor: NoteEditor,
                                                         document: Document) -> None:
    _type_note(qtbot, editor, "\U0001f1fa\U0001f1e6 **firm** line|")
    cursor = editor.editor.document().find("firm")
    editor.editor.setTextCursor(cursor)
    qtbot.keyClick(editor.editor, Qt.Key.Key_B, CTRL)
    assert _note(document) == "\U0001f1fa\U0001f1e6 firm line"
