"""Helpers shared by the text fields whose edits go to the document's undo stack.

Qt's text widgets keep an undo history of their own and claim Ctrl+Z for it. In Briefing every
edit is a command on the one document stack, so these fields hand the undo and redo shortcuts to
the window's Edit menu instead, and text set from the document (after an undo) keeps the cursor.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject
from PySide6.QtGui import QKeyEvent, QKeySequence, QTextCursor
from PySide6.QtWidgets import QLineEdit, QPlainTextEdit, QWidget

_WINDOW_KEYS = (QKeySequence.StandardKey.Undo, QKeySequence.StandardKey.Redo)


class _PassUndoToWindow(QObject):
    """Lets the window's Undo/Redo actions see their shortcuts while a text field has focus."""

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (event.type() == QEvent.Type.ShortcutOverride and isinstance(event, QKeyEvent)
                and any(event.matches(key) for key in _WINDOW_KEYS)):
            event.ignore()
            return True
        return False


_FILTER: _PassUndoToWindow | None = None


def use_document_undo(widget: QWidget) -> None:
    """Make Ctrl+Z / Ctrl+Shift+Z in ``widget`` undo and redo document edits."""
    global _FILTER
    if _FILTER is None:
        _FILTER = _PassUndoToWindow()
    if isinstance(widget, QPlainTextEdit):
        widget.setUndoRedoEnabled(False)
    widget.installEventFilter(_FILTER)


def set_plain_text(widget: QPlainTextEdit, text: str) -> None:
    """Replace the text only if it differs, keeping the cursor where it was as far as possible."""
    if widget.toPlainText() == text:
        return
    position = widget.textCursor().position()
    blocked = widget.blockSignals(True)
    try:
        widget.setPlainText(text)
    finally:
        widget.blockSignals(blocked)
    cursor = widget.textCursor()
    cursor.setPosition(min(position, len(text)), QTextCursor.MoveMode.MoveAnchor)
    widget.setTextCursor(cursor)


def set_line_text(widget: QLineEdit, text: str) -> None:
    """Like :func:`set_plain_text` for a one-line field."""
    if widget.text() == text:
        return
    position = widget.cursorPosition()
    blocked = widget.blockSignals(True)
    try:
        widget.setText(text)
    finally:
        widget.blockSignals(blocked)
    widget.setCursorPosition(min(position, len(text)))
