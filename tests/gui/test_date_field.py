"""The briefing's date field shows the longest written date whole, in its language."""

from __future__ import annotations

import datetime

import pytest
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QLineEdit, QStyle, QStyleOptionFrame
from pytestqt.qtbot import QtBot

from briefing.core.dates import written_date
from briefing.gui.date_field import DateField


def _text_room(edit: QLineEdit) -> int:
    """The width the line has for its text: inside the frame, margins and padding."""
    option = QStyleOptionFrame()
    edit.initStyleOption(option)
    rect = edit.style().subElementRect(QStyle.SubElement.SE_LineEditContents, option, edit)
    margins = edit.textMargins()
    return rect.width() - margins.left() - margins.right() - 4  # QLineEdit's 2 px a side


@pytest.mark.parametrize("locale", ["en_GB", "de_DE", "fr_FR"])
def test_every_month_fits_the_field_at_its_narrowest(qtbot: QtBot, locale: str) -> None:
    field = DateField(locale=locale)
    qtbot.addWidget(field)
    field.resize(field.minimumSizeHint())
    field.show()
    qtbot.waitExposed(field)
    metrics = field.edit.fontMetrics()
    for month in range(1, 13):
        shown = written_date(datetime.date(2025, month, 28), locale)
        assert metrics.horizontalAdvance(shown) <= _text_room(field.edit), shown


def test_the_longest_date_is_the_longest_month(qtbot: QtBot) -> None:
    field = DateField(locale="en_GB")
    qtbot.addWidget(field)
    assert field.longest_date() == "28 September 2000"


def test_a_larger_font_widens_the_field(qtbot: QtBot) -> None:
    field = DateField(locale="en_GB")
    qtbot.addWidget(field)
    before = field.edit.minimumWidth()
    font = QFont(field.font())
    font.setPointSizeF(font.pointSizeF() * 2)
    field.setFont(font)
    assert field.edit.minimumWidth() > before
    field.set_stored("2025-01-13")
    field.resize(field.minimumSizeHint())
    field.show()
    qtbot.waitExposed(field)
    assert field.edit.text() == "13 January 2025"
    assert field.edit.fontMetrics().horizontalAdvance("13 January 2025") <= _text_room(field.edit)
