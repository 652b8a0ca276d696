"""Where the first window goes and how big it is: within the screen, whatever the screen.

A fixed first size (1280×800) is taller than a 1024×768 screen once the taskbar is counted,
and hides the status bar. The first window takes the preferred size or, on a smaller screen,
at most :data:`SCREEN_SHARE` of the available area, centred. A layout restored from the
settings that no longer fits (saved on a larger monitor) is fitted the same way.
"""

from __future__ import annotations

from PySide6.QtCore import QRect, QSize
from PySide6.QtWidgets import QWidget

PREFERRED_SIZE = QSize(1280, 800)
SCREEN_SHARE = 0.9
"""The largest share of the screen's available width and height the first window takes."""


def first_window_rect(available: QRect, preferred: QSize = PREFERRED_SIZE,
                      share: float = SCREEN_SHARE) -> QRect:
    """The preferred size, shrunk to ``share`` of ``available`` if needed, centred in it."""
    width = min(preferred.width(), int(available.width() * share))
    height = min(preferred.height(), int(available.height() * share))
    rect = QRect(0, 0, width, height)
    rect.moveCenter(available.center())
    return rect


def fits(frame: QRect, available: QRect) -> bool:
    """Whether a window's frame lies wholly within the available screen area."""
    return available.contains(frame)


def place_on_screen(window: QWidget, *, restored: bool) -> None:
    """Size and centre a new window on its screen; keep a restored layout only if it fits."""
    screen = window.screen()
    if screen is None:
        window.resize(PREFERRED_SIZE)
        return
    available = screen.availableGeometry()
    if restored and fits(window.frameGeometry(), available):
        return
    window.setGeometry(first_window_rect(available))
