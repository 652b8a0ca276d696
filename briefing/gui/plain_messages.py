"""Message boxes show their text as plain text, whatever characters it holds.

Qt guesses whether a message box's text is rich text, and rich text loads any local image it
names: an error message that quotes a key or heading from someone else's file
(``unknown key '<img src=/dev/zero>'``) would exhaust memory, or hang on a named pipe. Briefing's
messages are plain by design, so every message box left to guess (``AutoText``) is switched to
plain text before it is first shown; one that asks for rich text on purpose (About) keeps it.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtWidgets import QApplication, QLabel, QMessageBox

_MESSAGE_LABELS = ("qt_msgbox_label", "qt_msgbox_informativelabel")


class _PlainMessages(QObject):
    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Polish and isinstance(watched, QMessageBox):
            guess = Qt.TextFormat.AutoText
            if watched.textFormat() == guess:
                watched.setTextFormat(Qt.TextFormat.PlainText)
            for label in watched.findChildren(QLabel):
                if label.objectName() in _MESSAGE_LABELS and label.textFormat() == guess:
                    label.setTextFormat(Qt.TextFormat.PlainText)
        return False


_FILTER: _PlainMessages | None = None


def install_plain_messages(app: QApplication) -> None:
    """Make every message box of ``app`` show plain text (once per application)."""
    global _FILTER
    if _FILTER is None:
        _FILTER = _PlainMessages()
        app.installEventFilter(_FILTER)
