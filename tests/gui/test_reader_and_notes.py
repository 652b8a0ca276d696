"""The reader shows a section as the article does; the note editor edits through the undo stack."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QUrl
from PySide6.QtGui import QKeySequence, QTextCursor
from pytestqt.qtbot import QtBot

from briefing.core.model import Block, BlockKind, Outline
from briefing.gui import undo_commands
from briefing.gui.document import Document
from briefing.gui.note_editor import NoteEditor
from briefing.gui.reader_view import ReaderView, article_html, blocks_html, section_html
from tests.gui.conftest import build_outline


def test_blocks_render_as_paragraphs_lists_and_quotes() -> None:
    html = blocks_html([Block(BlockKind.PARAGRAPH, "Plain <text> & more"),
                        Block(BlockKind.BULLET, "one"), Block(BlockKind.BULLET, "two"),
                        Block(BlockKind.NUMBERED, "first"),
                        Block(BlockKind.QUOTE, "quoted"),
                        Block(BlockKind.PULL_QUOTE, "repeated")])
    assert "<p>Plain &lt;text&gt; &amp; more</p>" in html
    assert "<ul>\n<li>one</li>\n<li>two</li>\n</ul>" in html
    assert "<ol>\n<li>first</li>\n</ol>" in html
    assert "<blockquote>" in html and "quoted" in html
    assert "PULL-QUOTE" in html and "<i>repeated</i>" in html


def test_section_html_has_source_line_heading_and_subsections(outline: Outline) -> None:
    article = outline.articles[0]
    html = section_html(article, article.sections[0])
    assert html.index("A. Writer") < html.index("1. Challenge 1 of Harbour Defence</h2>")
    assert "<a name='heading:s3'></a>Point 1.2 on harbour defence</h3>" in html
    assert "Detail 1.2: budgets rose by 12%." in html


def test_reader_sets_pull_quotes_and_discarded_lines_apart(qtbot: QtBot,
                                                           outline: Outline) -> None:
    reader = ReaderView()
    qtbot.addWidget(reader)
    article = outline.articles[0]
    reader.show_section(0, article, article.sections[0])
    text = reader.toPlainText()
    assert "PULL-QUOTE (repeats the text; not exported)" in text
    assert "Opening remarks for challenge 1." in text
    reader.show_article(0, article)
    text = reader.toPlainText()
    assert "Left out by the importer" in text
    assert "Subscribe to our newsletter" in text
    assert "Restore" in article_html(article)


def test_showing_the_same_again_keeps_what_the_reader_has_selected(
        qtbot: QtBot, outline: Outline) -> None:
    reader = ReaderView()
    qtbot.addWidget(reader)
    article = outline.articles[0]
    reader.show_section(0, article, article.sections[0])
    cursor = reader.textCursor()
    cursor.movePosition(QTextCursor.MoveOperation.Start)
    cursor.movePosition(QTextCursor.MoveOperation.End, QTextCursor.MoveMode.KeepAnchor)
    reader.setTextCursor(cursor)
    selected = reader.textCursor().selectedText()
    reader.show_section(0, article, article.sections[0])  # as a filter selects it again
    assert selected and reader.textCursor().selectedText() == selected
    article.sections[0].blocks[0].text += " One more sentence."
    reader.show_section(0, article, article.sections[0])  # changed: shown anew
    assert "One more sentence." in reader.toPlainText()
    assert not reader.textCursor().hasSelection()


def test_clicking_restore_asks_the_document(qtbot: QtBot, document: Document) -> None:
    reader = ReaderView()
    qtbot.addWidget(reader)
    reader.restore_requested.connect(document.restore_discarded)
    reader.show_article(1, document.outline.articles[1])
    with qtbot.waitSignal(reader.restore_requested) as blocker:
        reader.anchorClicked.emit(QUrl("restore:1"))
    assert blocker.args == [1, 1]
    assert document.outline.articles[1].blocks[-1].text == "\u00a9"
    assert document.undo_stack.undoText() == "Restore discarded text"


def _restore_link_colour(reader: ReaderView) -> str:
    document = reader.document()
    cursor = document.find("Restore")
    while not cursor.isNull() and not cursor.charFormat().isAnchor():
        cursor = document.find("Restore", cursor)
    assert not cursor.isNull(), "no Restore link"
    return cursor.charFormat().foreground().color().name()


def test_restore_links_follow_a_palette_switch(qtbot: QtBot, outline: Outline) -> None:
    from PySide6.QtGui import QColor, QPalette
    from PySide6.QtWidgets import QApplication

    reader = ReaderView()
    qtbot.addWidget(reader)
    reader.show_article(0, outline.articles[0])
    # Qt's HTML import takes link colours from the application palette, which the theme
    # changes when the system switches between light and dark.
    original = QApplication.palette()
    switched = QPalette(original)
    switched.setColor(QPalette.ColorRole.Link, QColor("#7fb2ff"))
    try:
        QApplication.setPalette(switched)
        qtbot.waitUntil(lambda: _restore_link_colour(reader) == "#7fb2ff", timeout=2000)
    finally:
        QApplication.setPalette(original)


@pytest.fixture
def editor(qtbot: QtBot, document: Document) -> NoteEditor:
    widget = NoteEditor(document)
    qtbot.addWidget(widget)
    return widget


def test_editor_shows_the_sections_note_and_tags(editor: NoteEditor) -> None:
    editor.set_section("s13")
    assert editor.editor.toPlainText() == "Ask the **ministry** about icebreakers."
    assert editor.tags.text() == "arctic, ships"
    editor.render_preview_now()
    assert "Ask the ministry about icebreakers." in editor.preview.toPlainText()
    assert editor.heading.text() == "2. Challenge 2 of Arctic Patrols"
    editor.set_section(None)
    assert not editor.editor.isEnabled()
    assert editor.editor.toPlainText() == ""


def test_typing_a_note_is_one_undo_step(qtbot: QtBot, editor: NoteEditor, document: Document,
                                        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(undo_commands, "clock", lambda: 50.0)
    editor.set_section("s2")
    qtbot.keyClicks(editor.editor, "Check *this*")
    assert document.section("s2").note == "Check *this*"  # type: ignore[union-attr]
    qtbot.waitUntil(lambda: not editor.is_preview_pending())
    assert "this" in editor.preview.toPlainText()
    assert "*" not in editor.preview.toPlainText()
    assert document.undo_stack.count() == 1
    document.undo_stack.undo()
    assert editor.editor.toPlainText() == ""
    document.undo_stack.redo()
    assert editor.editor.toPlainText() == "Check *this*"


def test_undo_keeps_the_cursor_near_where_it_was(editor: NoteEditor, document: Document,
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    ticks = iter(range(0, 10_000, 60))
    monkeypatch.setattr(undo_commands, "clock", lambda: float(next(ticks)))
    editor.set_section("s2")
    document.set_note("s2", "abcdef")
    cursor = editor.editor.textCursor()
    cursor.setPosition(3)
    editor.editor.setTextCursor(cursor)
    document.set_note("s2", "abcdefgh")
    assert editor.editor.textCursor().position() == 3
    editor.editor.moveCursor(QTextCursor.MoveOperation.End)
    document.undo_stack.undo()
    assert editor.editor.toPlainText() == "abcdef"
    assert editor.editor.textCursor().position() == 6


def test_the_editor_leaves_undo_shortcuts_to_the_window(editor: NoteEditor) -> None:
    assert not editor.editor.isUndoRedoEnabled()
    assert QKeySequence(QKeySequence.StandardKey.Undo).toString()


def test_tags_apply_on_enter_and_undo(qtbot: QtBot, editor: NoteEditor,
                                      document: Document) -> None:
    editor.set_section("s2")
    editor.tags.setFocus()
    qtbot.keyClicks(editor.tags, "navy, budget")
    qtbot.keyClick(editor.tags, "\r")
    assert document.section("s2").tags == ["navy", "budget"]  # type: ignore[union-attr]
    document.undo_stack.undo()
    assert editor.tags.text() == ""


def test_switching_sections_commits_pending_tags(qtbot: QtBot, editor: NoteEditor,
                                                 document: Document) -> None:
    editor.set_section("s2")
    qtbot.keyClicks(editor.tags, "draft")
    editor.set_section("s3")
    assert document.section("s2").tags == ["draft"]  # type: ignore[union-attr]
    assert editor.tags.text() == ""


def test_notes_changed_elsewhere_show_in_the_editor(editor: NoteEditor,
                                                    document: Document) -> None:
    editor.set_section("s2")
    document.set_note("s3", "other section")
    assert editor.editor.toPlainText() == ""
    document.set_note("s2", "# Heading\n\n- item")
    assert editor.editor.toPlainText() == "# Heading\n\n- item"
    editor.render_preview_now()
    assert "Heading" in editor.preview.toPlainText()


def test_pending_tags_never_leak_into_a_new_outline(qtbot: QtBot, editor: NoteEditor,
                                                   document: Document) -> None:
    editor.set_section("s2")
    qtbot.keyClicks(editor.tags, "stale")
    document.replace(build_outline(), None)
    assert document.section("s2").tags == []  # type: ignore[union-attr]
    assert editor.section_id is None
