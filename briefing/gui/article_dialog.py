"""The article details dialog: correct what the importer read as title, author, date ...

The date is read as the briefing's date field reads it (:mod:`briefing.core.dates`), so
"3 March 2024" is stored as ``2024-03-03``; text that cannot be read as a date, or a blank title,
is explained under the fields and the dialog stays open.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from briefing.core.errors import BriefingError
from briefing.core.model import Article
from briefing.core.outline_edit import ARTICLE_FIELDS, Edit

LABELS = {"title": "&Title:", "author": "&Author:", "publisher": "&Publisher:",
          "date": "&Date:", "url": "Add&ress:"}
ERROR_COLOUR = "#c0392b"


class ArticleDetailsDialog(QDialog):
    """Edits one article's details; on OK, :attr:`edit` holds the planned change."""

    def __init__(self, article: Article, plan: Callable[[dict[str, str]], Edit],
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Article Details")
        self._plan = plan
        self.edit: Edit | None = None
        self.fields: dict[str, QLineEdit] = {}
        form = QFormLayout()
        for name in ARTICLE_FIELDS:
            field = QLineEdit(str(getattr(article, name)))
            field.setAccessibleName(LABELS[name].replace("&", "").rstrip(":"))
            field.setMinimumWidth(380)
            label = QLabel(LABELS[name])
            label.setBuddy(field)
            form.addRow(label, field)
            self.fields[name] = field
        self.fields["date"].setPlaceholderText("e.g. 2024-10-01 or 1 Oct 2024")
        self.fields["url"].setPlaceholderText("https://…")
        self.error = QLabel()
        self.error.setWordWrap(True)
        self.error.setStyleSheet(f"color: {ERROR_COLOUR};")
        self.error.hide()
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                   | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(buttons)

    def accept(self) -> None:
        """Plan the change; keep the dialog open with the reason when it cannot be made."""
        details = {name: field.text() for name, field in self.fields.items()}
        try:
            self.edit = self._plan(details)
        except BriefingError as error:
            self.error.setText(str(error))
            self.error.show()
            return
        super().accept()
