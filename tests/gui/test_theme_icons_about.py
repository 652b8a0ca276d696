"""Icons drawn in the palette's colour, the light/dark theme, and the About box."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections.abc import Iterator

import pytest
from PySide6.QtCore import QRect, Qt
from PySide6.QtGui import QColor, QIcon, QImage, QPainter, QPalette
from PySide6.QtWidgets import (
    QApplication,
    QMessageBox,
    QStyle,
    QStyleOptionButton,
    QStyleOptionViewItem,
)
from pytestqt.qtbot import QtBot

import briefing
from briefing.gui import about, icons, theme

REQUIRED_ICONS = ["app", "open", "save", "import", "export", "undo", "redo", "pick", "note",
                  "tag", "filter", "preview", "warning", "restore", "new", "about"]


@pytest.fixture
def app(qapp: QApplication) -> Iterator[QApplication]:
    palette = qapp.palette()
    style = qapp.style().name()
    yield qapp
    qapp.setStyle(style)
    qapp.setPalette(palette)
    icons.clear_cache()


def _opaque_colours(image_icon: QIcon, size: int = 32) -> set[str]:
    image = image_icon.pixmap(size, size).toImage()
    found = set()
    for y in range(image.height()):
        for x in range(image.width()):
            colour = image.pixelColor(x, y)
            if colour.alpha() == 255:
                found.add(colour.name())
    return found


def test_every_required_icon_has_a_valid_svg_drawing() -> None:
    for name in REQUIRED_ICONS:
        root = ET.parse(icons.icon_path(name)).getroot()
        assert root.tag.endswith("svg"), name
        assert root.get("viewBox"), name


@pytest.mark.usefixtures("app")
def test_icons_are_drawn_in_the_requested_colour() -> None:
    red = _opaque_colours(icons.icon("save", "#ff0000"))
    assert red == {"#ff0000"}
    blue = _opaque_colours(icons.icon("save", QColor("#0000ff")))
    assert blue == {"#0000ff"}


@pytest.mark.usefixtures("app")
def test_icons_default_to_the_palette_text_colour_and_are_cached() -> None:
    text = QApplication.palette().color(QPalette.ColorRole.WindowText).name()
    first = icons.icon("undo")
    assert _opaque_colours(first) == {text}
    assert icons.icon("undo").cacheKey() == first.cacheKey()
    icons.clear_cache()
    assert icons.icon("undo").cacheKey() != first.cacheKey()


@pytest.mark.usefixtures("app")
def test_icons_have_every_size_for_sharp_toolbars() -> None:
    sizes = {(size.width(), size.height()) for size in icons.icon("filter").availableSizes()}
    assert {(16, 16), (24, 24), (32, 32), (48, 48)} <= sizes


@pytest.mark.usefixtures("app")
def test_app_icon_keeps_its_own_colours() -> None:
    assert len(_opaque_colours(icons.icon("app", "#ff0000"), 64)) > 2


def test_an_unknown_icon_name_is_an_error_listing_the_known_ones() -> None:
    with pytest.raises(ValueError, match=r"no icon named 'sav'.*save"):
        icons.icon("sav")


def test_theme_uses_fusion_and_follows_the_system_colour_scheme(app: QApplication,
                                                                 qtbot: QtBot) -> None:
    watcher = theme.apply_theme(app)
    assert theme.is_fusion(app.style())
    assert watcher.dark is False  # offscreen reports no scheme: light
    light_window = app.palette().color(QPalette.ColorRole.Window)

    with qtbot.waitSignal(watcher.changed) as blocker:
        app.styleHints().colorSchemeChanged.emit(Qt.ColorScheme.Dark)
    assert blocker.args == [True]
    dark_window = app.palette().color(QPalette.ColorRole.Window)
    assert dark_window.lightness() < 80 < light_window.lightness()
    text = app.palette().color(QPalette.ColorRole.WindowText)
    assert _opaque_colours(icons.icon("save")) == {text.name()}, "icons follow the dark palette"

    with qtbot.waitSignal(watcher.changed) as blocker:
        app.styleHints().colorSchemeChanged.emit(Qt.ColorScheme.Light)
    assert blocker.args == [False]
    assert app.palette().color(QPalette.ColorRole.Window) == light_window
    app.styleHints().colorSchemeChanged.disconnect(watcher.apply)


def test_dark_palette_keeps_text_readable() -> None:
    palette = theme.dark_palette()
    text = palette.color(QPalette.ColorRole.Text).lightness()
    base = palette.color(QPalette.ColorRole.Base).lightness()
    assert text - base > 150
    disabled = palette.color(QPalette.ColorGroup.Disabled, QPalette.ColorRole.Text)
    assert disabled.lightness() < text


def _indicator_contrast(style: QStyle, palette: QPalette,
                        element: QStyle.PrimitiveElement) -> float:
    """The strongest contrast against the base of anything drawn for an unticked indicator."""
    in_tree = element == QStyle.PrimitiveElement.PE_IndicatorItemViewItemCheck
    option = QStyleOptionViewItem() if in_tree else QStyleOptionButton()
    option.palette = palette
    option.rect = QRect(0, 0, 20, 20)
    option.state = QStyle.StateFlag.State_Enabled | QStyle.StateFlag.State_Off
    base = palette.color(QPalette.ColorRole.Base)
    image = QImage(20, 20, QImage.Format.Format_RGB32)
    image.fill(base)
    painter = QPainter(image)
    style.drawPrimitive(element, option, painter, None)
    painter.end()
    return max(theme.contrast_ratio(image.pixelColor(x, y), base)
               for y in range(20) for x in range(20))


@pytest.mark.parametrize("element", [QStyle.PrimitiveElement.PE_IndicatorItemViewItemCheck,
                                     QStyle.PrimitiveElement.PE_IndicatorCheckBox,
                                     QStyle.PrimitiveElement.PE_IndicatorRadioButton],
                         ids=["tree check", "check box", "radio button"])
@pytest.mark.parametrize("dark", [True, False], ids=["dark", "light"])
@pytest.mark.usefixtures("app")
def test_unticked_boxes_stand_out_from_their_background(element: QStyle.PrimitiveElement,
                                                        dark: bool) -> None:
    style = theme.ContrastStyle()
    palette = theme.dark_palette() if dark else style.standardPalette()
    contrast = _indicator_contrast(style, palette, element)
    assert contrast >= theme.MIN_INDICATOR_CONTRAST - 0.05, f"outline contrast {contrast:.2f}"


@pytest.mark.usefixtures("app")
def test_indicator_outline_is_visible_yet_quieter_than_text() -> None:
    for palette in (theme.dark_palette(), theme.ContrastStyle().standardPalette()):
        base = palette.color(QPalette.ColorRole.Base)
        text = palette.color(QPalette.ColorRole.Text)
        outline = theme.indicator_outline(palette)
        assert theme.contrast_ratio(outline, base) >= theme.MIN_INDICATOR_CONTRAST
        assert theme.contrast_ratio(outline, base) < theme.contrast_ratio(text, base)


def test_contrast_ratio_matches_the_wcag_extremes() -> None:
    assert theme.contrast_ratio(QColor("#000000"), QColor("#ffffff")) == pytest.approx(21.0)
    assert theme.contrast_ratio(QColor("#777777"), QColor("#777777")) == pytest.approx(1.0)


def test_about_names_the_version_and_licence() -> None:
    text = about.about_html()
    assert f"Briefing {briefing.__version__}" in text
    assert "MIT" in text
    assert "Qt " in text


@pytest.mark.usefixtures("app")
def test_show_about_opens_a_box_with_the_text(monkeypatch: pytest.MonkeyPatch) -> None:
    shown: list[str] = []

    def fake_exec(box: QMessageBox) -> int:
        shown.append(box.text())
        assert not box.iconPixmap().isNull()
        return QMessageBox.StandardButton.Ok.value

    monkeypatch.setattr(QMessageBox, "exec", fake_exec)
    about.show_about(None)
    assert shown == [about.about_html()]


def test_every_icon_the_app_asks_for_has_a_drawing() -> None:
    import re
    from pathlib import Path

    gui = Path(icons.__file__).parent
    asked = set()
    for module in gui.glob("*.py"):
        text = module.read_text(encoding="utf-8")
        asked |= set(re.findall(r"""\bicon\(\s*["']([a-z0-9-]+)["']""", text))
        asked |= set(re.findall(r"""\bicon_name\s*=\s*["']([a-z0-9-]+)["']""", text))
    assert asked, "the scan found the app's icon names"
    assert asked <= set(icons.icon_names()), asked - set(icons.icon_names())
