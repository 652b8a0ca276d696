"""Keeping the reader and the note editor true to the outline while articles leave and return.

Undoing an import, or replacing an article by a newly imported version of it, takes articles out
of the tree (a replacement puts them back at once). When the tree's current row is a section of
one of them, it goes without a ``currentChanged`` from Qt, so the reader and the note editor would
go on showing a section that is no longer in the outline: its old text, and a note that typing
would write to nothing. :class:`CurrentFollower` empties them as soon as the section has gone,
and selects it again when it comes back — a replacement keeps the ids of the sections whose
headings still match, so the analyst stays on the section, now with its new text — or the
article shown, in its new version.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QTimer

from briefing.core.model import Article, Excerpt, Section

if TYPE_CHECKING:
    from briefing.gui.document import Document


class CurrentFollower(QObject):
    """Follows the tree's current section or article through articles removed and inserted.

    Made before the outline's item model, so that it hears of a removal first, while the
    tree's current row is still there, and started (:meth:`follow`) after it; the window's
    parts are reached through the callables, made later.
    """

    def __init__(self, document: Document, parent: QObject, *,
                 current_node: Callable[[], Article | Section | Excerpt | None],
                 has_current: Callable[[], bool], editing: Callable[[], str | None],
                 select_id: Callable[[str], bool], select_article: Callable[[int], None],
                 show_current: Callable[[], None]) -> None:
        super().__init__(parent)
        self._document = document
        self._current_node = current_node
        self._has_current = has_current
        self._editing = editing
        self._select_id = select_id
        self._select_article = select_article
        self._show_current = show_current
        self._kept: str | int | None = None
        """The id of the current section or excerpt, or the row of the current article."""
        document.articles_about_to_be_removed.connect(self._remember)

    def follow(self) -> None:
        """Start following, once the outline's item model is connected: what follows a
        removal or an insertion needs the model's rows done."""
        self._document.articles_removed.connect(self._after_removal)
        self._document.articles_inserted.connect(self._after_insertion)

    def _remember(self, first: int, last: int) -> None:
        if self._kept is not None:
            return  # a removal within the same step: the first one saw what was current
        node = self._current_node()
        if isinstance(node, Section | Excerpt):
            self._kept = node.id
        elif isinstance(node, Article):
            rows = (row for row, article in enumerate(self._document.outline.articles)
                    if article is node)
            self._kept = next((row for row in rows if row >= first), None)
        if self._kept is not None:
            QTimer.singleShot(0, self, self._forget)  # after the step that removes them

    def _after_removal(self, first: int, last: int) -> None:
        if self._has_current():
            return
        editing = self._editing()
        if editing is None or self._document.noted(editing) is None:
            self._show_current()  # nothing is current: the reader and the editor empty

    def _after_insertion(self, first: int, last: int) -> None:
        kept, self._kept = self._kept, None
        if isinstance(kept, str) and self._select_id(kept):
            return
        if isinstance(kept, int) and first <= kept <= last:
            self._select_article(kept)
            return
        if not self._has_current():
            self._show_current()

    def _forget(self) -> None:
        self._kept = None
