"""The note editor: the selected section's note in Markdown, a rendered preview, and its tags.

Every keystroke goes to the document as an undoable edit (typing merges into one undo step); the
preview is rendered by Qt's own Markdown support, so no Markdown library loads at start-up.
"""

from __future__ import annotations

import logging

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QSplitter,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from briefing.gui.document import Document
from briefing.gui.edit_fields import set_line_text, set_plain_text, use_document_undo

logger = logging.getLogger(__name__)


class NoteEditor(QWidget):
    """Edits the note and tags of one section at a time (disabled when none is selected)."""

    def __init__(self, document: Document, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._document = document
        self._section_id: str | None = None

        self.heading = QLabel("No section selected")
        self.heading.setWordWrap(True)
        self.heading.setTextFormat(Qt.TextFormat.PlainText)
        font = self.heading.font()
        font.setBold(True)
        self.heading.setFont(font)

        self.editor = QPlainTextEdit()
        self.editor.setAccessibleName("Note (Markdown)")
        self.editor.setPlaceholderText("Your note on this section, in Markdown: **bold**, "
                                       "*italic*, - bullets, > quotes …")
        self.editor.setToolTip("The note goes into the briefing with the section")
        self.editor.setTabChangesFocus(True)
        use_document_undo(self.editor)
        self.editor.textChanged.connect(self._on_text_changed)

        self.preview = QTextBrowser()
        self.preview.setAccessibleName("Rendered note")
        self.preview.setOpenExternalLinks(True)
        self.preview.setPlaceholderText("The rendered note appears here.")

        self.tags = QLineEdit()
        self.tags.setAccessibleName("Tags")
        self.tags.setPlaceholderText("Tags, separated by commas")
        self.tags.setToolTip("Tags mark sections in the outline; press Enter to apply")
        self.tags.setClearButtonEnabled(True)
        use_document_undo(self.tags)
        self.tags.editingFinished.connect(self._commit_tags)

        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(self.editor)
        splitter.addWidget(self.preview)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        splitter.setChildrenCollapsible(False)

        tags_label = QLabel("Ta&gs:")
        tags_label.setBuddy(self.tags)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addWidget(self.heading)
        layout.addWidget(splitter, 1)
        layout.addWidget(tags_label)
        layout.addWidget(self.tags)

        document.section_changed.connect(self._on_section_changed)
        document.outline_replaced.connect(self._on_outline_replaced)
        self.set_section(None)

    @property
    def section_id(self) -> str | None:
        return self._section_id

    def set_section(self, section_id: str | None) -> None:
        """Edit this section's note (None: nothing to edit)."""
        self._commit_tags()
        section = self._document.section(section_id) if section_id else None
        self._section_id = section.id if section else None
        enabled = section is not None
        for widget in (self.editor, self.tags):
            widget.setEnabled(enabled)
        self.heading.setText(section.label if section else "No section selected")
        set_plain_text(self.editor, section.note if section else "")
        set_line_text(self.tags, ", ".join(section.tags) if section else "")
        self._render()

    def _on_outline_replaced(self) -> None:
        # The old section's pending tags belong to the old outline: drop them, never apply
        # them to a section of the new one that happens to have the same id.
        self._section_id = None
        self.set_section(None)

    def _on_text_changed(self) -> None:
        if self._section_id is not None:
            self._document.set_note(self._section_id, self.editor.toPlainText())
        self._render()

    def _commit_tags(self) -> None:
        if self._section_id is not None and self._document.section(self._section_id):
            self._document.set_tags(self._section_id, self.tags.text().split(","))

    def _on_section_changed(self, section_id: str) -> None:
        if section_id != self._section_id:
            return
        section = self._document.section(section_id)
        if section is None:
            return
        set_plain_text(self.editor, section.note)
        if not self.tags.hasFocus():
            set_line_text(self.tags, ", ".join(section.tags))
        self._render()

    def _render(self) -> None:
        self.preview.setMarkdown(self.editor.toPlainText())
