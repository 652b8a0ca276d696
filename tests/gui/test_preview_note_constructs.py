"""The live preview shows a note's table, struck-out text and footnotes as the export does."""

from __future__ import annotations

from PySide6.QtGui import QTextCursor, QTextDocument, QTextTable
from pytestqt.qtbot import QtBot

from briefing.gui.preview_pane import PreviewPane
from tests.core.export.fixtures.note_constructs import (
    FOOTNOTE_TEXTS,
    TABLE_ROWS,
    constructs_outline,
)


def _tables(document: QTextDocument) -> list[QTextTable]:
    """Every table of the document, once each (keyed by where it starts)."""
    tables: dict[int, QTextTable] = {}
    block = document.begin()
    while block.isValid():
        table = QTextCursor(block).currentTable()
        if table is not None:
            tables.setdefault(table.firstPosition(), table)
        block = block.next()
    return list(tables.values())


def test_preview_shows_the_notes_table_strike_and_footnotes(qtbot: QtBot) -> None:
    outline = constructs_outline()
    pane = PreviewPane(lambda: outline)
    qtbot.addWidget(pane)
    pane.resize(700, 500)
    pane.show()
    qtbot.waitExposed(pane)
    pane.refresh_now()
    document = pane.browser().document()
    (table,) = [t for t in _tables(document) if t.columns() == len(TABLE_ROWS[0])]
    cells = [[table.cellAt(row, column).firstCursorPosition().block().text()
              for column in range(table.columns())] for row in range(table.rows())]
    assert cells == TABLE_ROWS
    found = document.find("frozen")
    assert found.charFormat().fontStrikeOut()
    text = pane.plain_text()
    assert all(note in text for note in FOOTNOTE_TEXTS)
    assert "[^" not in text and "~~" not in text
