"""Picking excerpts in the reader and removing them: the actions, where they are offered, and
what they do.

*Pick Excerpt* (Ctrl+Shift+E, the Edit menu, the reader's right-click menu and the button beside
the reader's tab) anchors the passage selected in the reader and adds it to the briefing;
*Remove Excerpt* (the Edit menu) takes the excerpt selected in the outline out.
Both are undoable steps of the document.
"""

from __future__ import annotations

import logging
from collections.abc import Callable

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QToolButton, QWidget

from briefing.core.anchoring import make_anchor, quote_preview
from briefing.core.model import Excerpt
from briefing.gui.document import Document
from briefing.gui.reader_view import ReaderView

logger = logging.getLogger(__name__)

PICK_SHORTCUT = "Ctrl+Shift+E"
LEAD_HINT = "The lead is in no section: right-click its first paragraph, Make Heading, then pick"
"""An excerpt belongs to a section, so a passage of the lead is made a section first."""


class ExcerptActions(QObject):
    """The excerpt actions of one window, kept enabled only when they can act."""

    picked = Signal(str)
    """The id of the excerpt just picked (for the window to bring its row into sight)."""

    def __init__(self, document: Document, reader: ReaderView,
                 current_item: Callable[[], object], status: Callable[[str], None],
                 parent: QWidget) -> None:
        super().__init__(parent)
        self._document = document
        self._reader = reader
        self._current_item = current_item
        self._status = status
        self.pick_action = QAction("Pick as &Excerpt", parent)
        self.pick_action.setShortcut(QKeySequence(PICK_SHORTCUT))
        tip = "Pick the passage selected in the reader as an excerpt for the briefing"
        self.pick_action.setStatusTip(tip)
        self.pick_action.setToolTip(f"{tip} ({PICK_SHORTCUT})")
        self.pick_action.triggered.connect(self.pick)
        self.remove_action = QAction("Re&move Excerpt", parent)
        self.remove_action.setStatusTip("Remove the excerpt selected in the outline, with its "
                                        "note")
        self.remove_action.triggered.connect(self.remove)
        self.pick_button = QToolButton(parent)
        self.pick_button.setDefaultAction(self.pick_action)
        self.pick_button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        self.pick_button.setAccessibleName("Pick as excerpt")
        reader.copyAvailable.connect(self._on_selection)
        self._on_selection(False)
        self.update_remove()

    def _on_selection(self, available: bool) -> None:
        self.pick_action.setEnabled(available)

    def update_remove(self) -> None:
        """Offer *Remove Excerpt* only while an excerpt is the current item."""
        self.remove_action.setEnabled(isinstance(self._current_item(), Excerpt))

    def show_in_reader(self, row: int, excerpt: Excerpt) -> None:
        """The excerpt's section in the reader, scrolled to it (an orphan: what it quoted)."""
        article = self._document.outline.articles[row]
        found = self._document.find(excerpt.anchor.section_id)
        if excerpt.orphaned:
            self._reader.show_orphaned_excerpt(row, article, excerpt)
        elif found is not None and found[0] is article:
            self._reader.show_section(row, article, found[1], excerpt.id)
        else:
            self._reader.show_article(row, article)

    def pick(self) -> bool:
        """Anchor the reader's selection and add it as an excerpt (one undo step)."""
        span = self._reader.selected_passage()
        row = self._reader.article_row()
        if span is None or row is None:
            self._status(LEAD_HINT if self._reader.textCursor().hasSelection()
                         and self._reader.shows_front_page()
                         else "Select a passage of the section's text in the reader, then pick it")
            return False
        anchor = make_anchor(span.section, span.start, span.end)
        excerpt = Excerpt(self._document.outline.next_excerpt_id(), anchor)
        self._document.add_excerpt(row, excerpt)
        self.picked.emit(excerpt.id)
        self._status(f"Picked excerpt \u201c{quote_preview(excerpt, 50)}\u201d")
        return True

    def remove(self) -> bool:
        """Remove the excerpt that is the current item (one undo step)."""
        item = self._current_item()
        if not isinstance(item, Excerpt):
            return False
        self._document.remove_excerpt(item.id)
        self._status("Removed the excerpt (Undo brings it back with its note)")
        return True


def picked_summary(document: Document) -> str:
    """``3 sections, 2 excerpts picked`` (excerpts named only when there are some)."""
    excerpts = sum(len(article.excerpts) for article in document.outline.articles)
    sections = len(document.picked_ids()) - excerpts
    text = f"{sections} section{'s' if sections != 1 else ''}"
    if excerpts:
        text += f", {excerpts} excerpt{'s' if excerpts != 1 else ''}"
    return f"{text} picked"
