"""The app's icons: simple SVG line drawings in ``resources/icons``, drawn in the text colour.

Usage::

    action.setIcon(icon("save"))      # drawn in the current palette's text colour
    window.setWindowIcon(icon("app")) # the app icon keeps its own colours

The drawings use ``currentColor`` for their strokes, so one file serves light and dark
appearances: :func:`icon` paints it in the palette's window-text colour (or the colour you
give). Icons are cached per name and colour; :func:`clear_cache` drops them when the theme
changes, and widgets then ask again for their icons.
"""

from __future__ import annotations

import logging
from functools import cache
from pathlib import Path

from PySide6.QtCore import QByteArray, QRectF, Qt
from PySide6.QtGui import QColor, QGuiApplication, QIcon, QPainter, QPalette, QPixmap
from PySide6.QtSvg import QSvgRenderer

from briefing.core import paths

logger = logging.getLogger(__name__)

ICONS_DIR = paths.RESOURCES / "icons"
ICON_SIZES = (16, 24, 32, 48, 64)
"""Pixel sizes rendered into each icon; Qt scales from the nearest one for other sizes."""

_cache: dict[tuple[str, str], QIcon] = {}


def icon_names() -> list[str]:
    """The names :func:`icon` accepts, sorted."""
    return sorted(_available())


@cache
def _available() -> frozenset[str]:
    return frozenset(file.stem for file in ICONS_DIR.glob("*.svg"))


def icon_path(name: str) -> Path:
    """The SVG file for ``name``; ValueError for a name that has no drawing."""
    if name not in _available():
        raise ValueError(f"no icon named {name!r}; known icons: {', '.join(icon_names())}")
    return ICONS_DIR / f"{name}.svg"


def icon(name: str, color: QColor | str | None = None) -> QIcon:
    """The icon ``name`` drawn in ``color`` (default: the palette's window-text colour)."""
    if color is None:
        color = QGuiApplication.palette().color(QPalette.ColorGroup.Active,
                                                QPalette.ColorRole.WindowText)
    colour_name = QColor(color).name()
    key = (name, colour_name)
    found = _cache.get(key)
    if found is None:
        found = _render(icon_path(name), colour_name)
        _cache[key] = found
    return found


def clear_cache() -> None:
    """Forget rendered icons, e.g. after the palette changed between light and dark."""
    _cache.clear()


def _render(file: Path, colour_name: str) -> QIcon:
    svg = file.read_text(encoding="utf-8").replace("currentColor", colour_name)
    renderer = QSvgRenderer(QByteArray(svg.encode("utf-8")))
    if not renderer.isValid():
        logger.warning("Icon %s is not a valid SVG drawing", file)
        return QIcon()
    result = QIcon()
    for size in ICON_SIZES:
        pixmap = QPixmap(size, size)
        pixmap.fill(Qt.GlobalColor.transparent)
        painter = QPainter(pixmap)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        renderer.render(painter, QRectF(0, 0, size, size))
        painter.end()
        result.addPixmap(pixmap)
    return result
