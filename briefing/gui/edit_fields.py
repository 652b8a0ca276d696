"""Helpers shared by the text fields whose edits go to the document's undo stack.

Qt's text widgets keep an undo history of their own and claim Ctrl+Z for it. In Briefing every
edit is a command on the one document stack, so these fields hand the undo and redo shortcuts to
the window's Edit menu instead, and text set from the document (after an undo) keeps the cursor.
An Alt+letter that is no mnemonic in view (a hidden tab's field, a free letter) does nothing,
rather than typing the letter into the field.
"""

from __future__ import annotations

import sys

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QKeyEvent, QKeySequence, QTextCursor
from PySide6.QtWidgets import QLineEdit, QPlainTextEdit, QWidget


def _unique(keys: list[QKeySequence]) -> list[QKeySequence]:
    return list({key.toString(): key for key in keys if not key.isEmpty()}.values())


def undo_keys() -> list[QKeySequence]:
    """The platform's Undo keys; Ctrl+Z everywhere."""
    return _unique([*QKeySequence.keyBindings(QKeySequence.StandardKey.Undo),
                    QKeySequence("Ctrl+Z")])


def redo_keys() -> list[QKeySequence]:
    """The platform's Redo keys, and both Ctrl+Y and Ctrl+Shift+Z on every platform."""
    return _unique([*QKeySequence.keyBindings(QKeySequence.StandardKey.Redo),
                    QKeySequence("Ctrl+Y"), QKeySequence("Ctrl+Shift+Z")])


def is_undo_or_redo(event: QKeyEvent) -> tuple[bool, bool]:
    """Whether a key event is one of the window's Undo keys, and one of its Redo keys."""
    pressed = QKeySequence(event.keyCombination())
    def matches(keys: list[QKeySequence]) -> bool:
        return any(pressed.matches(key) == QKeySequence.SequenceMatch.ExactMatch
                   for key in keys)
    return matches(undo_keys()), matches(redo_keys())


def is_stray_alt_letter(event: QKeyEvent) -> bool:
    """An Alt+letter that no mnemonic took: Qt would type the letter into the field.

    (Not on macOS, where Option+letter types accents; AltGr arrives as Ctrl+Alt or without
    Alt, so it still types.)
    """
    modifiers = event.modifiers()
    return (sys.platform != "darwin" and bool(modifiers & Qt.KeyboardModifier.AltModifier)
            and not modifiers & Qt.KeyboardModifier.ControlModifier
            and event.text().isprintable() and bool(event.text().strip()))


class _PassUndoToWindow(QObject):
    """Lets the window's Undo/Redo actions see their shortcuts while a text field has focus,
    and keeps an Alt+letter that is no mnemonic here from typing into the field."""

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if not isinstance(event, QKeyEvent):
            return False
        if event.type() == QEvent.Type.ShortcutOverride and any(is_undo_or_redo(event)):
            event.ignore()
            return True
        if event.type() == QEvent.Type.KeyPress and is_stray_alt_letter(event):
            event.ignore()
            return True
        return False


_FILTER: _PassUndoToWindow | None = None


def use_document_undo(widget: QWidget) -> None:
    """Make Ctrl+Z / Ctrl+Y / Ctrl+Shift+Z in ``widget`` undo and redo document edits."""
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
