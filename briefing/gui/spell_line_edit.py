"""A one-line field that underlines its misspelt words, like the multi-line fields do.

``QLineEdit`` has no text formats, so the red wavy underline is painted over the field after
Qt has drawn it, at the x positions of the word's ends as the field shows them (scrolled or
not). The right-click menu is the standard one with the spelling entries first.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, QPoint, QPointF, Qt
from PySide6.QtGui import QAction, QContextMenuEvent, QPainter, QPainterPath, QPaintEvent, QPen
from PySide6.QtWidgets import QLineEdit, QMenu, QWidget

from briefing.core.spelling import SpellCheck, words_in
from briefing.gui.spell_highlighter import UNDERLINE_COLOUR, put_first

MenuActions = Callable[[str, Callable[[str], None], QObject], list[QAction]]
"""Given a word, how to replace it and the menu: the spelling entries for it."""


class SpellLineEdit(QLineEdit):
    """A ``QLineEdit`` that, once :meth:`check_with` a checker, underlines misspelt words."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._checker: SpellCheck | None = None
        self._enabled: Callable[[], bool] = lambda: False
        self._menu_actions: MenuActions | None = None
        self.textChanged.connect(self.update)

    def check_with(self, checker: SpellCheck, enabled: Callable[[], bool],
                   menu_actions: MenuActions) -> None:
        """Underline the words ``checker`` calls misspelt while ``enabled`` says so, and offer
        ``menu_actions`` for them on right-click."""
        self._checker = checker
        self._enabled = enabled
        self._menu_actions = menu_actions
        self.update()

    def misspelt(self) -> list[tuple[int, int]]:
        """(start, length) of each word shown underlined now."""
        if self._checker is None or not self._enabled() or not self.text():
            return []
        return self._checker.misspelt(self.text())

    def paintEvent(self, event: QPaintEvent) -> None:
        super().paintEvent(event)
        ranges = self.misspelt()
        if not ranges:
            return
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        pen = QPen(UNDERLINE_COLOUR)
        pen.setWidthF(1.0)
        painter.setPen(pen)
        metrics = self.fontMetrics()
        cursor = self.cursorRect()  # where Qt draws the cursor: margins and scrolling included
        text = self.displayText()
        origin = cursor.center().x() + 0.5 - metrics.horizontalAdvance(
            text[:self.cursorPosition()])
        baseline = cursor.center().y() - metrics.height() / 2 + metrics.ascent() + 2.0
        for start, length in ranges:
            left = origin + metrics.horizontalAdvance(text[:start])
            painter.drawPath(_wave(left, left + metrics.horizontalAdvance(
                text[start:start + length]), baseline))
        painter.end()

    def word_at(self, pos: QPoint) -> tuple[int, str] | None:
        """The start and text of the word at ``pos`` (widget coordinates), or None."""
        column = self.cursorPositionAt(pos)
        return next(((start, word) for start, word in words_in(self.text())
                     if start <= column <= start + len(word)), None)

    def spelling_actions(self, pos: QPoint, parent: QObject) -> list[QAction]:
        """The spelling entries for the word at ``pos``; none while unchecked or read-only."""
        found = self.word_at(pos)
        if found is None or self._menu_actions is None or self.isReadOnly() \
                or not self._enabled():
            return []
        start, word = found
        return self._menu_actions(word, lambda text: self.replace_word(start, word, text),
                                  parent)

    def replace_word(self, start: int, word: str, text: str) -> None:
        """Put ``text`` in the place of ``word`` at ``start``, as an edit the user made (so it
        goes to the document as one undoable step)."""
        if self.text()[start:start + len(word)] != word:
            return  # the text changed under the menu
        self.setSelection(start, len(word))
        self.insert(text)

    def context_menu(self, pos: QPoint) -> QMenu:
        """The standard menu with the spelling entries for the word at ``pos`` first."""
        menu = self.createStandardContextMenu()
        menu.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        put_first(menu, self.spelling_actions(pos, menu))
        return menu

    def contextMenuEvent(self, event: QContextMenuEvent) -> None:  # noqa: N802 (Qt's name)
        self.context_menu(event.pos()).exec(event.globalPos())


def _wave(left: float, right: float, y: float) -> QPainterPath:
    """A wavy line from ``left`` to ``right`` at height ``y``, two pixels high."""
    path = QPainterPath(QPointF(left, y))
    x, up = left, True
    while x < right:
        x = min(x + 2.0, right)
        path.lineTo(QPointF(x, y - 1.0 if up else y + 1.0))
        up = not up
    return path
