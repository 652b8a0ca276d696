"""Light and dark appearance that follows the system: the Fusion style with a matching palette.

Usage::

    watcher = apply_theme(app)          # call once, after creating the QApplication
    watcher.changed.connect(window.refresh_icons)   # dark: bool

The system's choice comes from ``QGuiApplication.styleHints().colorScheme()``; when the user
switches appearance while the app runs, the palette follows, the icon cache is cleared and
``changed`` is emitted so windows can fetch their icons again. An unknown scheme (no desktop
setting, or the offscreen platform) counts as light.
"""

from __future__ import annotations

import logging

from PySide6.QtCore import QObject, Qt, Signal, Slot
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QApplication

from briefing.gui import icons

logger = logging.getLogger(__name__)

FUSION = "Fusion"


def dark_palette() -> QPalette:
    """A calm dark palette with enough contrast for long reading (text on base ≥ 12:1)."""
    palette = QPalette()
    role = QPalette.ColorRole
    colours = {
        role.Window: "#2b2d30", role.WindowText: "#e6e6e6", role.Base: "#1e1f22",
        role.AlternateBase: "#26282b", role.ToolTipBase: "#3c3f41", role.ToolTipText: "#f0f0f0",
        role.PlaceholderText: "#8c8c8c", role.Text: "#e6e6e6", role.Button: "#3a3d41",
        role.ButtonText: "#e6e6e6", role.BrightText: "#ff6b6b", role.Light: "#4a4d52",
        role.Midlight: "#404347", role.Mid: "#323437", role.Dark: "#1a1b1d",
        role.Shadow: "#000000", role.Highlight: "#3d6fb4", role.HighlightedText: "#ffffff",
        role.Link: "#7fb2f0", role.LinkVisited: "#b69ce8",
    }
    for colour_role, value in colours.items():
        palette.setColor(colour_role, QColor(value))
    disabled = QPalette.ColorGroup.Disabled
    for colour_role in (role.WindowText, role.Text, role.ButtonText):
        palette.setColor(disabled, colour_role, QColor("#7a7a7a"))
    palette.setColor(disabled, role.Highlight, QColor("#4a4d52"))
    return palette


def light_palette(app: QApplication) -> QPalette:
    """Fusion's own light palette."""
    style = app.style()
    return style.standardPalette()


def is_dark(scheme: Qt.ColorScheme) -> bool:
    return scheme == Qt.ColorScheme.Dark


class ThemeWatcher(QObject):
    """Keeps the application's palette in step with the system's colour scheme."""

    changed = Signal(bool)
    """Emitted with ``dark`` after the palette changed."""

    def __init__(self, app: QApplication) -> None:
        super().__init__(app)
        self._app = app
        self.dark = False
        app.styleHints().colorSchemeChanged.connect(self.apply)

    @Slot(Qt.ColorScheme)
    def apply(self, scheme: Qt.ColorScheme) -> None:
        """Set the palette for ``scheme`` (Dark, or anything else for light)."""
        dark = is_dark(scheme)
        self._app.setPalette(dark_palette() if dark else light_palette(self._app))
        icons.clear_cache()
        changed = dark != self.dark
        self.dark = dark
        logger.debug("Appearance set to %s", "dark" if dark else "light")
        if changed:
            self.changed.emit(dark)


def apply_theme(app: QApplication) -> ThemeWatcher:
    """Use the Fusion style and a palette following the system's light or dark setting."""
    if app.style().name().lower() != FUSION.lower():
        app.setStyle(FUSION)
    watcher = ThemeWatcher(app)
    watcher.apply(app.styleHints().colorScheme())
    return watcher
