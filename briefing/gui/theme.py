"""Light and dark appearance that follows the system: the Fusion style with a matching palette.

Usage::

    watcher = apply_theme(app)          # call once, after creating the QApplication
    watcher.changed.connect(window.refresh_icons)   # dark: bool

The system's choice comes from ``QGuiApplication.styleHints().colorScheme()``; when the user
switches appearance while the app runs, the palette follows, the icon cache is cleared and
``changed`` is emitted so windows can fetch their icons again. An unknown scheme (no desktop
setting, or the offscreen platform) counts as light.

Fusion outlines check boxes and radio buttons in the window colour darkened, which on a dark
palette is nearly the colour of the box itself: an unticked section in the tree was invisible.
:class:`ContrastStyle` (Fusion underneath) gives those outlines at least
:data:`MIN_INDICATOR_CONTRAST` against the box in either appearance.
"""

from __future__ import annotations

import logging
from functools import cache

from PySide6.QtCore import QObject, Qt, Signal, Slot
from PySide6.QtGui import QColor, QPainter, QPalette
from PySide6.QtWidgets import (
    QApplication,
    QProxyStyle,
    QStyle,
    QStyleFactory,
    QStyleOption,
    QWidget,
)

from briefing.gui import icons

logger = logging.getLogger(__name__)

FUSION = "Fusion"
MIN_INDICATOR_CONTRAST = 3.0
"""WCAG's minimum contrast for the parts of a control one must see to use it."""
_FUSION_OUTLINE_SHARE = {
    QStyle.PrimitiveElement.PE_IndicatorCheckBox: 1.1 / 1.4,
    QStyle.PrimitiveElement.PE_IndicatorRadioButton: 1 / 1.5,
}
"""How bright Fusion draws each indicator's outline relative to the window colour.

(Check boxes: ``window.darker(140).lighter(110)``; radio buttons: ``window.darker(150)``.)
"""


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


def relative_luminance(colour: QColor) -> float:
    """WCAG relative luminance of an opaque colour, 0 (black) to 1 (white)."""
    def channel(value: float) -> float:
        return value / 12.92 if value <= 0.03928 else ((value + 0.055) / 1.055) ** 2.4
    return (0.2126 * channel(colour.redF()) + 0.7152 * channel(colour.greenF())
            + 0.0722 * channel(colour.blueF()))


def contrast_ratio(first: QColor, second: QColor) -> float:
    """WCAG contrast ratio between two colours, 1 to 21."""
    lighter, darker = sorted((relative_luminance(first), relative_luminance(second)),
                             reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


def indicator_outline(palette: QPalette) -> QColor:
    """The outline a check box or radio button needs on ``palette``'s base to be seen.

    The grey between the base and the text colour nearest the base that still reaches
    :data:`MIN_INDICATOR_CONTRAST`: visible, but quieter than the text.
    """
    base = palette.color(QPalette.ColorRole.Base)
    text = palette.color(QPalette.ColorRole.Text)
    for step in range(1, 21):
        share = step / 20
        mixed = QColor.fromRgbF(base.redF() + (text.redF() - base.redF()) * share,
                                base.greenF() + (text.greenF() - base.greenF()) * share,
                                base.blueF() + (text.blueF() - base.blueF()) * share)
        if contrast_ratio(mixed, base) >= MIN_INDICATOR_CONTRAST:
            return mixed
    return QColor(text)


class ContrastStyle(QProxyStyle):
    """Fusion, with check box and radio button outlines that stand out from their box."""

    def __init__(self) -> None:
        super().__init__(QStyleFactory.create(FUSION))

    def drawPrimitive(self, element: QStyle.PrimitiveElement,  # noqa: N802 (Qt override)
                      option: QStyleOption,
                      painter: QPainter, widget: QWidget | None = None) -> None:
        # A disabled box keeps Fusion's faint outline: it should look unusable.
        share = _FUSION_OUTLINE_SHARE.get(element)
        if (share is None or not option.state & QStyle.StateFlag.State_Enabled):
            super().drawPrimitive(element, option, painter, widget)
            return
        # Fusion derives the outline from the window colour, so hand it a window colour whose
        # derived outline is the one wanted. Tree check marks come here too: Fusion draws an
        # item view's check through PE_IndicatorCheckBox via this proxy.
        original = QPalette(option.palette)
        palette = QPalette(original)
        palette.setColor(QPalette.ColorRole.Window, _outline_source(
            original.color(QPalette.ColorRole.Base).rgba(),
            original.color(QPalette.ColorRole.Text).rgba(), share))
        option.palette = palette
        try:
            super().drawPrimitive(element, option, painter, widget)
        finally:
            option.palette = original


@cache
def _outline_source(base: int, text: int, share: float) -> QColor:
    """The window colour from which Fusion derives the outline :func:`indicator_outline` wants."""
    palette = QPalette()
    palette.setColor(QPalette.ColorRole.Base, QColor.fromRgba(base))
    palette.setColor(QPalette.ColorRole.Text, QColor.fromRgba(text))
    return indicator_outline(palette).lighter(round(100 / share))


def is_fusion(style: QStyle) -> bool:
    """Whether ``style`` is Fusion, itself or under a proxy such as :class:`ContrastStyle`."""
    if isinstance(style, QProxyStyle):
        style = style.baseStyle()
    return style.name().lower() == FUSION.lower()


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
    if not isinstance(app.style(), ContrastStyle):
        app.setStyle(ContrastStyle())
    watcher = ThemeWatcher(app)
    watcher.apply(app.styleHints().colorScheme())
    return watcher
