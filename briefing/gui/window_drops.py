"""Files dropped on the window are copied from, never moved.

A file manager offers Move for a drop within the same disk, and a source that sees Move
accepted deletes its file. The window reads dropped files and leaves them where they are,
so it always answers Copy, and refuses a drag that offers no copy.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QDragEnterEvent, QDragMoveEvent, QDropEvent
from PySide6.QtWidgets import QMainWindow


def _as_copy(event: QDragEnterEvent | QDragMoveEvent | QDropEvent) -> None:
    if not event.isAccepted():
        return
    if event.possibleActions() & Qt.DropAction.CopyAction:
        event.setDropAction(Qt.DropAction.CopyAction)
        event.accept()
    else:
        event.ignore()


class CopyDropsMixin(QMainWindow):
    """Put before the window class that accepts drops: its answers become Copy."""

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        event.ignore()
        if event.possibleActions() & Qt.DropAction.CopyAction:
            super().dragEnterEvent(event)
        _as_copy(event)

    def dragMoveEvent(self, event: QDragMoveEvent) -> None:  # noqa: N802 (Qt override)
        super().dragMoveEvent(event)
        _as_copy(event)

    def dropEvent(self, event: QDropEvent) -> None:
        if not event.possibleActions() & Qt.DropAction.CopyAction:
            event.ignore()
            return
        event.setDropAction(Qt.DropAction.CopyAction)
        super().dropEvent(event)
        _as_copy(event)
