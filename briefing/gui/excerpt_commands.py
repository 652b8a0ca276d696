"""The undo steps for picking an excerpt and removing one.

The commands know the document only as the :class:`ExcerptTarget` it offers, so this module
does not import :mod:`briefing.gui.document` (which imports it).
"""

from __future__ import annotations

from typing import Protocol

from PySide6.QtGui import QUndoCommand

from briefing.core.model import Article, Excerpt, Outline


class ExcerptTarget(Protocol):
    """What the commands read and call on the document they edit."""

    @property
    def outline(self) -> Outline: ...

    def find_excerpt(self, excerpt_id: str) -> tuple[int, Article, Excerpt] | None: ...

    def apply_insert_excerpt(self, article_row: int, index: int, excerpt: Excerpt,
                             order: list[str] | None) -> None: ...

    def apply_remove_excerpt(self, article_row: int, index: int) -> Excerpt: ...


class AddExcerptCommand(QUndoCommand):
    """Add a picked passage to its article and to the end of the briefing's order."""

    def __init__(self, document: ExcerptTarget, article_row: int, excerpt: Excerpt) -> None:
        super().__init__("Pick excerpt")
        self._document = document
        self._row = article_row
        self._excerpt = excerpt

    def redo(self) -> None:
        article = self._document.outline.articles[self._row]
        self._document.apply_insert_excerpt(self._row, len(article.excerpts), self._excerpt,
                                            None)

    def undo(self) -> None:
        article = self._document.outline.articles[self._row]
        self._document.apply_remove_excerpt(self._row, article.excerpts.index(self._excerpt))


class RemoveExcerptCommand(QUndoCommand):
    """Remove an excerpt with its note and tags; undo puts it back at its place in the
    article and in the order."""

    def __init__(self, document: ExcerptTarget, excerpt_id: str) -> None:
        super().__init__("Remove excerpt")
        self._document = document
        found = document.find_excerpt(excerpt_id)
        if found is None:
            raise KeyError(excerpt_id)
        self._row, article, self._excerpt = found
        self._index = article.excerpts.index(self._excerpt)
        self._old_order = list(document.outline.briefing.order)

    def redo(self) -> None:
        self._document.apply_remove_excerpt(self._row, self._index)

    def undo(self) -> None:
        self._document.apply_insert_excerpt(self._row, self._index, self._excerpt,
                                            self._old_order)
