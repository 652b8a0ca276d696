"""The outline's filter box: Escape clears it, and its undo never takes the document's.

A line edit keeps its own undo history and claims Ctrl+Z for it. In the filter box that history
is only the filter's typing: once the document changes (an import, a pick), the history is
dropped, so Ctrl+Z in the box undoes the import rather than bringing back old filter text.
While there is filter typing to undo since the last document change, Ctrl+Z undoes it; when
there is none, Ctrl+Z, Ctrl+Y and Ctrl+Shift+Z go to the window's Undo and Redo.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QLineEdit

from briefing.gui.edit_fields import is_stray_alt_letter, is_undo_or_redo
from briefing.gui.input_pause import note_input


class FilterBox(QLineEdit):
    """A search field for the outline tree (see the module doc)."""

    leave_requested = Signal()
    """Escape in an empty box: the window moves the focus back to the tree."""

    def forget_history(self) -> None:
        """Drop the box's own undo history (the document changed meanwhile)."""
        if self.isUndoAvailable() or self.isRedoAvailable():
            position = self.cursorPosition()
            blocked = self.blockSignals(True)
            try:
                self.setText(self.text())  # setText clears a line edit's history
            finally:
                self.blockSignals(blocked)
            self.setCursorPosition(position)

    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ShortcutOverride and isinstance(event, QKeyEvent):
            undo, redo = is_undo_or_redo(event)
            if (undo and not self.isUndoAvailable()) or (redo and not self.isRedoAvailable()):
                event.ignore()  # nothing of the box's own: the window's Undo/Redo act
                return True
            if event.key() == Qt.Key.Key_Escape:
                event.accept()  # Escape is the box's, even if a dialog or menu wants it
                return True
        return super().event(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        note_input()  # idle slices wait while the user types
        if event.key() == Qt.Key.Key_Escape and not event.modifiers():
            if self.text():
                self.clear()
            else:
                self.leave_requested.emit()
            event.accept()
            return
        if is_stray_alt_letter(event):
            event.ignore()
            return
        super().keyPressEvent(event)
