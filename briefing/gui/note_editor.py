"""The note editor: the selected section's or excerpt's note in Markdown, a rendered preview,
and its tags.

Every keystroke goes to the document as an undoable edit (typing merges into one undo step).
The Markdown keys (Ctrl+B, Ctrl+I, Ctrl+K, lists on Enter and Tab) are
:class:`~briefing.gui.markdown_keys.MarkdownKeys`, and the right-click menu
:class:`~briefing.gui.note_menu.NoteMenu`.

The preview shows what the export would: the note is parsed into the intermediate form
(``notes_markdown.parse_note``) and written by the HTML exporter, which escapes everything,
shows images as their alt text and links only http, https and mailto. It is never handed to
Qt's own Markdown or HTML reading, which would load any local file a note names as an image.
A very long note previews its first :data:`PREVIEW_LIMIT` characters until the user asks for
all of it, so selecting its section does not freeze the window. The preview is rebuilt
:data:`PREVIEW_DELAY_MS` after the last change, so a burst of typing costs one rebuild and the
Markdown parser is not loaded while the app starts.
"""

from __future__ import annotations

import logging

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from briefing.core.anchoring import quote_preview
from briefing.core.model import Excerpt, Section
from briefing.gui.document import Document
from briefing.gui.edit_fields import set_line_text, set_plain_text, use_document_undo
from briefing.gui.markdown_keys import MarkdownKeys
from briefing.gui.note_menu import NoteMenu
from briefing.gui.safe_browser import SafeBrowser

logger = logging.getLogger(__name__)

PREVIEW_LIMIT = 20_000
"""Characters of a note the preview renders before the user asks for all of it (a note this
long renders in well under 100 ms)."""
EDIT_LIMIT = 200_000
"""Characters of a note the editor holds before the user asks for all of it: Qt's text editor
takes about a second per two million characters to lay out (minutes for a single long line),
so a longer note shows its first part, read-only, until "Show all" is pressed."""
PREVIEW_DELAY_MS = 30
"""Quiet time after the last change before the preview is rebuilt."""


class NoteEditor(QWidget):
    """Edits the note and tags of one section at a time (disabled when none is selected)."""

    preview_rendered = Signal()
    """The preview was rebuilt from the editor's text."""

    def __init__(self, document: Document, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._document = document
        self._section_id: str | None = None
        self._editor_cut = False
        self._note_length = 0
        self._render_timer = QTimer(self)
        self._render_timer.setSingleShot(True)
        self._render_timer.setInterval(PREVIEW_DELAY_MS)
        self._render_timer.timeout.connect(self.render_preview_now)

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
        self.markdown_keys = MarkdownKeys(self.editor, document.undo_stack)
        self.menu = NoteMenu(self.editor, self.markdown_keys.actions())
        """The editor's context menu; the window adds Find and Replace to it."""
        self.editor.textChanged.connect(self._on_text_changed)

        self.preview = SafeBrowser()
        self.preview.setAccessibleName("Rendered note")
        self.preview.setPlaceholderText("The rendered note appears here.")
        self._show_whole_note = False
        self.preview_cut_label = QLabel("")
        self.preview_cut_label.setWordWrap(True)
        self.show_all_button = QPushButton("Show all")
        self.show_all_button.setToolTip("Render the whole note (a long note takes a while)")
        self.show_all_button.clicked.connect(self.show_whole_note)
        cut_row = QHBoxLayout()
        cut_row.setContentsMargins(0, 0, 0, 0)
        cut_row.addWidget(self.preview_cut_label, 1)
        cut_row.addWidget(self.show_all_button)
        self._cut_row = QWidget()
        self._cut_row.setLayout(cut_row)
        self._cut_row.setVisible(False)
        preview_box = QWidget()
        preview_layout = QVBoxLayout(preview_box)
        preview_layout.setContentsMargins(0, 0, 0, 0)
        preview_layout.addWidget(self._cut_row)
        preview_layout.addWidget(self.preview, 1)

        self.tags = QLineEdit()
        self.tags.setAccessibleName("Tags")
        self.tags.setPlaceholderText("Tags, separated by commas")
        self.tags.setToolTip("Tags mark sections in the outline; press Enter to apply")
        self.tags.setClearButtonEnabled(True)
        use_document_undo(self.tags)
        self.tags.editingFinished.connect(self._commit_tags)

        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(self.editor)
        splitter.addWidget(preview_box)
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
        """Edit this section's or excerpt's note (None: nothing to edit)."""
        self._commit_tags()
        section = self._document.noted(section_id) if section_id else None
        self._section_id = section.id if section else None
        enabled = section is not None
        for widget in (self.editor, self.tags):
            widget.setEnabled(enabled)
        self.heading.setText(_heading(section))
        self._show_whole_note = False
        self._load_editor(section.note if section else "")
        set_line_text(self.tags, ", ".join(section.tags) if section else "")
        self._render()

    def _on_outline_replaced(self) -> None:
        # The old section's pending tags belong to the old outline: drop them, never apply
        # them to a section of the new one that happens to have the same id.
        self._section_id = None
        self.set_section(None)

    def _load_editor(self, note: str) -> None:
        """Put the note in the editor: whole, or its first part read-only when very long."""
        from briefing.core.export.intermediate import cut_note  # plain Python, no Markdown

        self._note_length = len(note)
        shown, self._editor_cut = (note, False) if self._show_whole_note or len(note) <= \
            EDIT_LIMIT else cut_note(note, PREVIEW_LIMIT)
        self.editor.setReadOnly(self._editor_cut)
        set_plain_text(self.editor, shown)

    def is_editor_cut(self) -> bool:
        """Whether the editor holds only the first part of a very long note (read-only)."""
        return self._editor_cut

    def _on_text_changed(self) -> None:
        if self._editor_cut:
            return  # the editor holds part of the note; it must never replace the whole
        if self._section_id is not None:
            self._document.set_note(self._section_id, self.editor.toPlainText())
        self._render()

    def _commit_tags(self) -> None:
        if self._section_id is not None and self._document.noted(self._section_id):
            self._document.set_tags(self._section_id, self.tags.text().split(","))

    def _on_section_changed(self, section_id: str) -> None:
        if section_id != self._section_id:
            return
        section = self._document.noted(section_id)
        if section is None:
            return
        self._load_editor(section.note)
        if not self.tags.hasFocus():
            set_line_text(self.tags, ", ".join(section.tags))
        self._render()

    def show_whole_note(self) -> None:
        """Render the whole note, however long (until another section is selected)."""
        self._show_whole_note = True
        if self._editor_cut and self._section_id is not None:
            section = self._document.noted(self._section_id)
            self._load_editor(section.note if section else "")
        self.render_preview_now()

    def is_preview_cut(self) -> bool:
        """Whether the preview shows only the first part of a long note."""
        return not self._cut_row.isHidden()

    def is_preview_pending(self) -> bool:
        """Whether a change waits to show in the preview."""
        return self._render_timer.isActive()

    def _render(self) -> None:
        self._render_timer.start()

    def render_preview_now(self) -> None:
        """Rebuild the preview from the editor's text."""
        self._render_timer.stop()
        text = self.editor.toPlainText()
        if not text.strip():
            self._cut_row.setVisible(False)
            self.preview.clear()
            self.preview_rendered.emit()
            return
        from briefing.core.export.html_out import render_blocks
        from briefing.core.export.intermediate import cut_note
        from briefing.core.export.notes_markdown import parse_note

        cut = self._editor_cut
        if not self._show_whole_note:
            text, cut_here = cut_note(text, PREVIEW_LIMIT)
            cut = cut or cut_here
        if cut:
            where = "The editor (read-only) and the preview show" if self._editor_cut \
                else "The preview shows"
            self.preview_cut_label.setText(
                f"{where} the first {len(text):,} of {self._note_length:,} characters; "
                "the export holds the whole note.")
        self._cut_row.setVisible(cut)
        self.preview.setHtml(render_blocks(parse_note(text)))
        self.preview_rendered.emit()


def _heading(item: Section | Excerpt | None) -> str:
    """What the editor's heading says it is editing."""
    if item is None:
        return "No section selected"
    if isinstance(item, Excerpt):
        orphaned = " (orphaned)" if item.orphaned else ""
        return f"Excerpt{orphaned}: {quote_preview(item, 80)}"
    return item.label
