"""Combo and spin boxes that a passing mouse wheel leaves alone.

In a scrolled panel the wheel scrolls the panel; a Qt combo or spin box under the pointer would
instead take the turn, change its value and so edit the note (an undo step the user never
meant). A guarded box takes the wheel only once it has the focus (a click or Tab); otherwise
the wheel goes on to the scroll area.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtWidgets import (
    QAbstractScrollArea,
    QAbstractSpinBox,
    QApplication,
    QComboBox,
    QWidget,
)


def _scroll_area_of(widget: QWidget) -> QAbstractScrollArea | None:
    parent = widget.parentWidget()
    while parent is not None and not isinstance(parent, QAbstractScrollArea):
        parent = parent.parentWidget()
    return parent


class _WheelGuard(QObject):
    """Gives a wheel turn over an unfocused box to the scroll area around it."""

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() != QEvent.Type.Wheel or not isinstance(watched, QWidget) \
                or watched.hasFocus():
            return False
        area = _scroll_area_of(watched)
        if area is None:
            event.ignore()  # not accepted: Qt hands a real turn on to the parent widgets
        else:
            # Handed over here rather than left to Qt's propagation, which passes on only
            # turns that come from the window system.
            QApplication.sendEvent(area.viewport(), event)
            event.accept()
        return True


def guard_wheel(*boxes: QComboBox | QAbstractSpinBox) -> None:
    """Let the wheel change each of ``boxes`` only while it has the focus.

    The box no longer takes the focus from the wheel either (it would then take the next turn).
    """
    for box in boxes:
        guard = box.findChild(_WheelGuard)
        if guard is None:
            guard = _WheelGuard(box)
            box.installEventFilter(guard)
        box.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
