"""The import dialog: confirm or fix each article's title, author, publisher, date and url.

Usage, after the background import (so the fields show what the importer found)::

    articles = confirm_articles(window, outcome.articles)   # [(Path, Article)] -> [Article]
    if articles is not None:                                # None: the user cancelled
        document.import_articles(articles)

or, to ask before importing (fields blank or prefilled from what you pass)::

    dialog = ImportDialog([path1, (path2, ImportOverrides(title="Known title"))], window)
    if dialog.exec():
        requests = dialog.requests()                        # [(Path, ImportOverrides)]

One row per file (or per pasted or fetched article: a source given as text, such as
``"Clipboard"`` or a web address, is shown as it is), with a checkbox to leave one out.
:meth:`ImportDialog.requests` gives an override only for a field the user changed (None for
the others), so the importer's own findings are kept unless corrected. A title cannot be
emptied; a url must be a web address; a date that is not an ISO date (2025-06-30, 2025-06 or
2025) is accepted but flagged.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from briefing.core.importers import ImportOverrides, apply_overrides
from briefing.core.model import Article

FIELDS: tuple[tuple[str, str], ...] = (("title", "Title"), ("author", "Author"),
                                       ("publisher", "Publisher"), ("date", "Date"),
                                       ("url", "URL"))
"""The editable details, in column order: (ImportOverrides field, column heading)."""
FILE_COLUMN = 0
FIRST_FIELD_COLUMN = 1

Source = Path | str
"""Where an article comes from: a file, or a name to show as it is (a web address, "Clipboard")."""

_ISO_DATE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")
_WEB_ADDRESS = re.compile(r"^https?://\S+$", re.IGNORECASE)
_SOURCE_MAX_WIDTH = 200
_TITLE_MAX_WIDTH = 360
_PROBLEM_COLOUR = QColor("#c0392b")
_NOTICE_COLOUR = QColor("#b9770e")
"""For a value that is kept but worth a second look (a date that is not ISO)."""


def details_of(article: Article) -> ImportOverrides:
    """The article's details as the importer found them, to prefill a row."""
    return ImportOverrides(title=article.title, author=article.author,
                           publisher=article.publisher, date=article.date, url=article.url)


def check_field(name: str, value: str) -> tuple[str, bool]:
    """A problem with ``value`` for field ``name`` ("" when fine), and whether it blocks OK."""
    value = value.strip()
    if name == "url" and value and not _WEB_ADDRESS.match(value):
        return "The url must be a web address starting with http:// or https://", True
    if name == "date" and value and not _ISO_DATE.match(value):
        return ("Not an ISO date (2025-06-30, 2025-06 or 2025); it will be kept as written",
                False)
    return "", False


class ImportDialog(QDialog):
    """One editable row of article details per file; :meth:`requests` gives the choices."""

    def __init__(self, files: Sequence[Source | tuple[Source, ImportOverrides | None]],
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Import articles")
        self.setAccessibleName("Import articles")
        self._rows: list[tuple[Source, ImportOverrides]] = []
        for entry in files:
            path, given = entry if isinstance(entry, tuple) else (entry, None)
            self._rows.append((path, given or ImportOverrides()))

        intro = QLabel("Check the details of each article; they appear in the note's sources. "
                       "Untick an article to leave it out.")
        intro.setWordWrap(True)
        self.table = QTableWidget(len(self._rows), len(FIELDS) + 1, self)
        self.table.setAccessibleName("Articles to import")
        # "Source", not "File": a pasted article comes from the clipboard, a fetched one
        # from its address.
        self.table.setHorizontalHeaderLabels(["Source", *(heading for _, heading in FIELDS)])
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectItems)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.AllEditTriggers)
        self.table.setTabKeyNavigation(True)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        for row, (path, given) in enumerate(self._rows):
            file_item = QTableWidgetItem(source_label(path))
            file_item.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsUserCheckable
                               | Qt.ItemFlag.ItemIsSelectable)
            file_item.setCheckState(Qt.CheckState.Checked)
            file_item.setToolTip(str(path))
            self.table.setItem(row, FILE_COLUMN, file_item)
            for offset, (name, _) in enumerate(FIELDS):
                item = QTableWidgetItem(getattr(given, name) or "")
                self.table.setItem(row, FIRST_FIELD_COLUMN + offset, item)
        self.table.resizeColumnsToContents()
        # A long source (a web address) or title is elided, its whole text a tooltip or a
        # click away, so that every detail, the url last, is in view without scrolling.
        self.table.setColumnWidth(FILE_COLUMN, min(self.table.columnWidth(FILE_COLUMN),
                                                   _SOURCE_MAX_WIDTH))
        for column in range(FIRST_FIELD_COLUMN, FIRST_FIELD_COLUMN + len(FIELDS)):
            self.table.setColumnWidth(column, max(self.table.columnWidth(column), 120))
        self.table.setColumnWidth(FIRST_FIELD_COLUMN, min(
            max(self.table.columnWidth(FIRST_FIELD_COLUMN), 260), _TITLE_MAX_WIDTH))

        self.problems = QLabel("")
        self.problems.setWordWrap(True)
        self.problems.setAccessibleName("Problems")
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                        | QDialogButtonBox.StandardButton.Cancel)
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setText("Import")
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.problems)
        layout.addWidget(self.buttons)
        self.resize(1100, min(560, 180 + 34 * len(self._rows)))

        self.table.itemChanged.connect(self._validate)
        self._validate()
        if self._rows:
            self.table.setCurrentCell(0, FIRST_FIELD_COLUMN)

    # Reading the choices --------------------------------------------------------------------

    def value(self, row: int, name: str) -> str:
        """The text in ``row`` for field ``name`` (``title``, ``author`` ...), stripped."""
        item = self.table.item(row, FIRST_FIELD_COLUMN + _field_index(name))
        return item.text().strip() if item is not None else ""

    def set_value(self, row: int, name: str, text: str) -> None:
        """Type into a cell (for keyboard-free use and tests)."""
        item = self.table.item(row, FIRST_FIELD_COLUMN + _field_index(name))
        if item is not None:
            item.setText(text)

    def is_included(self, row: int) -> bool:
        item = self.table.item(row, FILE_COLUMN)
        return item is not None and item.checkState() == Qt.CheckState.Checked

    def set_included(self, row: int, included: bool) -> None:
        item = self.table.item(row, FILE_COLUMN)
        if item is not None:
            item.setCheckState(Qt.CheckState.Checked if included else Qt.CheckState.Unchecked)

    def overrides(self, row: int) -> ImportOverrides:
        """An override for each field of ``row`` the user changed; None for the others."""
        given = self._rows[row][1]
        changes: dict[str, str | None] = {}
        for name, _ in FIELDS:
            text = self.value(row, name)
            changes[name] = None if text == (getattr(given, name) or "").strip() else text
        return ImportOverrides(**changes)

    def requests(self) -> list[tuple[Source, ImportOverrides]]:
        """The ticked files, in order, each with :meth:`overrides`."""
        return [(path, self.overrides(row)) for row, (path, _) in enumerate(self._rows)
                if self.is_included(row)]

    # Checking -------------------------------------------------------------------------------

    def problem_list(self) -> list[tuple[str, bool]]:
        """Every problem in the ticked rows as (message naming the file, blocks OK)."""
        found: list[tuple[str, bool]] = []
        for row, (path, given) in enumerate(self._rows):
            if not self.is_included(row):
                continue
            for name, heading in FIELDS:
                text = self.value(row, name)
                message, blocking = check_field(name, text)
                if name == "title" and not text and (given.title or "").strip():
                    message, blocking = "A title is needed", True
                if message:
                    found.append((f"{source_label(path)}, {heading}: {message}", blocking))
        return found

    def _validate(self) -> None:
        problems = self.problem_list()
        blocked = any(blocking for _, blocking in problems)
        nothing = not any(self.is_included(row) for row in range(len(self._rows)))
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setEnabled(not blocked and not nothing)
        lines = [message for message, _ in problems]
        if nothing:
            lines.append("No file is ticked: tick the files to import.")
        self.problems.setText("\n".join(lines))
        self.table.blockSignals(True)
        try:
            self._mark_cells()
        finally:
            self.table.blockSignals(False)

    def _mark_cells(self) -> None:
        for row in range(len(self._rows)):
            for offset, (name, _) in enumerate(FIELDS):
                item = self.table.item(row, FIRST_FIELD_COLUMN + offset)
                if item is None:
                    continue
                message, blocking = check_field(name, item.text())
                if name == "title" and not item.text().strip() and self._rows[row][1].title:
                    message, blocking = "A title is needed", True
                item.setToolTip(message)
                if message and self.is_included(row):
                    item.setForeground(QBrush(_PROBLEM_COLOUR if blocking else _NOTICE_COLOUR))
                else:
                    item.setForeground(self.palette().text())


def source_label(source: Source) -> str:
    """What the first column shows: a file's name, or the source's text as it is."""
    return source.name if isinstance(source, Path) else source


def _field_index(name: str) -> int:
    for index, (field_name, _) in enumerate(FIELDS):
        if field_name == name:
            return index
    raise ValueError(f"no import field named {name!r}")


def confirm_articles(parent: QWidget | None,
                     imported: Sequence[tuple[Source, Article]]) -> list[Article] | None:
    """Show the dialog for imported articles; the ticked ones with the user's corrections.

    Returns None when the user cancels. The articles are changed in place (they are not yet
    part of any outline).
    """
    if not imported:
        return []
    dialog = ImportDialog([(path, details_of(article)) for path, article in imported], parent)
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return None
    result = []
    for row, (_path, article) in enumerate(imported):
        if dialog.is_included(row):
            apply_overrides(article, dialog.overrides(row))
            result.append(article)
    return result

