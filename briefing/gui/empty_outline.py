"""What the outline pane shows before there are articles: how to bring them in.

A blank tree gives no clue what to do first; this page says it, with a button for the most
common way, and gives way to the tree as soon as the outline has an article.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QPushButton, QVBoxLayout, QWidget

HINT_TITLE = "No articles yet"
HINT_TEXT = ("Bring in the articles your briefing draws on:\n\n"
             "\u2022 copy an article in the browser, then Edit \u2192 Paste Article "
             "(Ctrl+Shift+V)\n"
             "\u2022 File \u2192 Import from Web Address\u2026 (Ctrl+Shift+I) fetches a page\n"
             "\u2022 File \u2192 Import Articles\u2026 (Ctrl+I) reads text, Markdown, saved web "
             "pages and Word files\n"
             "\u2022 or drop the files on this window\n\n"
             "File \u2192 Open\u2026 (Ctrl+O) opens an outline you saved before.")


class EmptyOutlineHint(QWidget):
    """The outline pane's page for an outline without articles."""

    def __init__(self, import_articles: Callable[[], None],
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        title = QLabel(HINT_TITLE)
        font = title.font()
        font.setBold(True)
        font.setPointSizeF(font.pointSizeF() * 1.2)
        title.setFont(font)
        title.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.text = QLabel(HINT_TEXT)
        self.text.setTextFormat(Qt.TextFormat.PlainText)
        self.text.setWordWrap(True)
        self.import_button = QPushButton("Import Articles\u2026")
        self.import_button.setToolTip("Add articles from files (Ctrl+I)")
        self.import_button.clicked.connect(import_articles)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 12, 12, 12)
        layout.addStretch(1)
        layout.addWidget(title)
        layout.addSpacing(8)
        layout.addWidget(self.text)
        layout.addSpacing(8)
        layout.addWidget(self.import_button, 0, Qt.AlignmentFlag.AlignHCenter)
        layout.addStretch(2)
        self.setAccessibleName(HINT_TITLE)
