"""The undo step for replacing an article by a newly imported version of it.

The command knows the document only as the :class:`ReplaceTarget` it offers, so this module does
not import :mod:`briefing.gui.document` (which imports it).
"""

from __future__ import annotations

from typing import Protocol

from PySide6.QtGui import QUndoCommand

from briefing.core.model import Article, Outline


class ReplaceTarget(Protocol):
    """What the command reads and calls on the document it edits."""

    @property
    def outline(self) -> Outline: ...

    def apply_replace_article(self, row: int, article: Article, *,
                              carry_work: bool) -> Article: ...

    def apply_order(self, order: list[str]) -> None: ...


class ReplaceArticleCommand(QUndoCommand):
    """Put a new version of the article at ``row`` in its place, keeping the work on sections
    whose headings still match; undo brings back the old version and the exact old order."""

    def __init__(self, document: ReplaceTarget, row: int, article: Article) -> None:
        super().__init__("Replace article")
        self._document = document
        self._row = row
        self._new = article
        self._old: Article | None = None
        self._old_order = list(document.outline.briefing.order)

    def redo(self) -> None:
        self._old = self._document.apply_replace_article(self._row, self._new, carry_work=True)

    def undo(self) -> None:
        if self._old is not None:
            self._document.apply_replace_article(self._row, self._old, carry_work=False)
            self._document.apply_order(self._old_order)
