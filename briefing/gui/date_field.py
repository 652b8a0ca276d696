"""The briefing's date field: type a date in a usual form, see what was understood.

A line edit rather than Qt's ``QDateEdit``: a spin-box date field steps the wrong section when
a date is typed over it, so "2025-01-20" could become another date without a word. Here the
typed text is read by :func:`briefing.core.dates.read_date` (ISO, the locale's short form, or a
month name); while typing, the line under the field says how it reads or why it cannot, and
Enter or leaving the field stores the date, shown in words ("20 January 2025"). Text that cannot
be read stays in the field with its message and changes nothing. F4 or Alt+Down (or the arrow)
opens a calendar; Escape puts back the stored date.
"""

from __future__ import annotations

import datetime
import logging

from PySide6.QtCore import QDate, QEvent, QLocale, QObject, QSize, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QCalendarWidget,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMenu,
    QStyle,
    QStyleOptionFrame,
    QToolButton,
    QVBoxLayout,
    QWidget,
    QWidgetAction,
)

from briefing.core.dates import EXAMPLE, DateReadError, read_date, weekday_name, written_date
from briefing.gui.edit_fields import set_line_text, use_document_undo

logger = logging.getLogger(__name__)

ERROR_COLOUR = "#c0392b"
TIP = f"The note's date: type it (2025-01-20, {EXAMPLE}, or the short form you use) or " \
      "pick it from the calendar (F4)"


def _opens_popup(event: QKeyEvent) -> bool:
    """F4 or Alt+Down, the keys that open a drop-down list, open the calendar too."""
    alt = bool(event.modifiers() & Qt.KeyboardModifier.AltModifier)
    return event.key() == Qt.Key.Key_F4 or (alt and event.key() == Qt.Key.Key_Down)


class DateField(QWidget):
    """A date typed or picked; emits :attr:`date_entered` with an ISO date ("" when cleared)."""

    date_entered = Signal(str)

    def __init__(self, parent: QWidget | None = None, *, locale: str | None = None) -> None:
        super().__init__(parent)
        self.date_locale = locale if locale is not None else QLocale().name()
        """The locale whose short date form and month names are read (``en_GB``...)."""
        self._stored = ""
        self.edit = QLineEdit()
        self.edit.setAccessibleName("Date")
        self.edit.setPlaceholderText(f"e.g. {EXAMPLE}")
        self.edit.setToolTip(TIP)
        use_document_undo(self.edit)
        self.edit.textEdited.connect(self._show_reading)
        self.edit.editingFinished.connect(self.commit)
        self.edit.installEventFilter(self)

        self.calendar = QCalendarWidget()
        self.calendar.setGridVisible(False)
        self.calendar.activated.connect(self._picked)
        self.calendar.clicked.connect(self._picked)
        self.calendar_menu = QMenu(self)
        holder = QWidgetAction(self.calendar_menu)
        holder.setDefaultWidget(self.calendar)
        self.calendar_menu.addAction(holder)
        self.calendar_button = QToolButton()
        self.calendar_button.setArrowType(Qt.ArrowType.DownArrow)
        self.calendar_button.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # F4 opens it from the field
        self.calendar_button.setToolTip("Pick the date from a calendar (F4)")
        self.calendar_button.setAccessibleName("Open calendar")
        self.calendar_button.clicked.connect(self.open_calendar)

        self.feedback = QLabel()
        self.feedback.setTextFormat(Qt.TextFormat.PlainText)
        self.feedback.setWordWrap(True)
        self.feedback.setAccessibleName("How the date reads")
        self.feedback.hide()

        self._row = row = QHBoxLayout()
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(2)
        row.addWidget(self.edit, 1)
        row.addWidget(self.calendar_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addLayout(row)
        layout.addWidget(self.feedback)
        self.fit_width()

    # ------------------------------------------------------------------------ public

    @property
    def stored(self) -> str:
        """The value the field shows from the document (ISO, or text kept from a file)."""
        return self._stored

    def add_beside(self, widget: QWidget) -> None:
        """Put ``widget`` (a Today button) on the field's line, above the message."""
        self._row.addWidget(widget)

    def set_stored(self, value: str) -> None:
        """Show the document's date in words; a value that is no date is shown as it is."""
        self._stored = value
        try:
            date = read_date(value, "C")
        except DateReadError:
            set_line_text(self.edit, value)
            self._say(f"\u201c{value}\u201d is kept as it is in the file; type a date to "
                      "replace it", error=True)
            self.edit.setToolTip(f"Stored as \u201c{value}\u201d")
            return
        set_line_text(self.edit, written_date(date, self.date_locale) if date else "")
        self.edit.setToolTip(TIP)
        self._say("")

    def value(self) -> datetime.date | None:
        """The stored date, or None when there is none (or it is not a date)."""
        try:
            return read_date(self._stored, "C")
        except DateReadError:
            return None

    def commit(self) -> bool:
        """Store what is typed, if it reads as a date (or is blank); else say why not."""
        text = self.edit.text()
        if text == self._shown_text():  # nothing new typed: show the stored value's state
            self.set_stored(self._stored)
            return True
        try:
            date = read_date(text, self.date_locale)
        except DateReadError as error:
            logger.info("Date not stored: %s", error)
            self._say(error.short_message(), error=True)
            return False
        self.set_date(date)
        return True

    def set_date(self, date: datetime.date | None) -> None:
        """Store ``date`` (None clears it) as if typed."""
        value = date.isoformat() if date else ""
        if value != self._stored:
            self.date_entered.emit(value)
        self.set_stored(value)

    def open_calendar(self) -> None:
        """Show the calendar under the field, on the stored date or on today."""
        date = self.value() or datetime.date.today()
        self.calendar.setSelectedDate(QDate(date.year, date.month, date.day))
        self.calendar.setCurrentPage(date.year, date.month)
        self.calendar_menu.popup(self.edit.mapToGlobal(self.edit.rect().bottomLeft()))
        self.calendar.setFocus(Qt.FocusReason.PopupFocusReason)

    def longest_date(self) -> str:
        """The widest date the field may show: each month's 28th, in the field's language."""
        metrics = self.edit.fontMetrics()
        dates = (written_date(datetime.date(2000, month, 28), self.date_locale)
                 for month in range(1, 13))
        return max(dates, key=metrics.horizontalAdvance)

    def fit_width(self) -> None:
        """Keep the line wide enough to show :meth:`longest_date` whole, frame and margins
        included, so "13 January 2025" never shows cut."""
        option = QStyleOptionFrame()
        self.edit.initStyleOption(option)
        metrics = self.edit.fontMetrics()
        margins = self.edit.textMargins()
        # QLineEdit's own padding: 2 px each side of the text, and a character's room for
        # the cursor after it.
        text = QSize(metrics.horizontalAdvance(self.longest_date()) + margins.left()
                     + margins.right() + 4 + metrics.averageCharWidth(), metrics.height())
        size = self.edit.style().sizeFromContents(
            QStyle.ContentsType.CT_LineEdit, option, text, self.edit)
        self.edit.setMinimumWidth(size.width())

    def changeEvent(self, event: QEvent) -> None:
        if event.type() in (QEvent.Type.FontChange, QEvent.Type.StyleChange):
            self.fit_width()
        super().changeEvent(event)

    def revert(self) -> None:
        """Drop what was typed and show the stored date again."""
        set_line_text(self.edit, self._shown_text())
        self.set_stored(self._stored)

    # --------------------------------------------------------------------- internals

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (watched is self.edit and isinstance(event, QKeyEvent)
                and event.type() == QEvent.Type.KeyPress):
            if _opens_popup(event):
                self.open_calendar()
                return True
            if event.key() == Qt.Key.Key_Escape and self.edit.text() != self._shown_text():
                self.revert()
                return True
        return super().eventFilter(watched, event)

    def _shown_text(self) -> str:
        date = self.value()
        return written_date(date, self.date_locale) if date else self._stored

    def _show_reading(self, text: str) -> None:
        try:
            date = read_date(text, self.date_locale)
        except DateReadError as error:
            self._say(error.short_message(), error=True)
            return
        if date is None:
            self._say("No date: leaving the field clears it" if self._stored else "")
        else:
            self._say(f"Reads as {weekday_name(date, self.date_locale)} "
                      f"{written_date(date, self.date_locale)}")

    def _picked(self, date: QDate) -> None:
        self.calendar_menu.close()
        self.set_date(datetime.date(date.year(), date.month(), date.day()))
        self.edit.setFocus(Qt.FocusReason.PopupFocusReason)

    def _say(self, message: str, *, error: bool = False) -> None:
        self.feedback.setText(message)
        self.feedback.setStyleSheet(f"color: {ERROR_COLOUR};" if error and message else "")
        self.feedback.setVisible(bool(message))

