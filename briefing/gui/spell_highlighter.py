"""Red wavy underlines under misspelt words, and the spelling entries of a context menu.

A ``QSyntaxHighlighter`` re-checks only the block (paragraph) that changed, which with the
checker's per-word cache keeps a keystroke in a long note to a fraction of a millisecond.
:func:`spelling_menu_actions` gives the entries for the word under the mouse (suggestions,
"Add to Dictionary", "Ignore") to whichever context menu the widget shows.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, QPoint
from PySide6.QtGui import QAction, QColor, QSyntaxHighlighter, QTextCharFormat, QTextCursor
from PySide6.QtWidgets import QMenu, QPlainTextEdit

from briefing.core.spelling import SpellCheck, words_in

UNDERLINE_COLOUR = QColor("#d00000")


def misspelt_format() -> QTextCharFormat:
    """The look of a misspelt word: a red wavy underline, the text itself unchanged."""
    fmt = QTextCharFormat()
    fmt.setUnderlineStyle(QTextCharFormat.UnderlineStyle.WaveUnderline)
    fmt.setUnderlineColor(UNDERLINE_COLOUR)
    return fmt


class SpellHighlighter(QSyntaxHighlighter):
    """Underlines the words ``checker`` calls misspelt, while ``enabled`` says so."""

    def __init__(self, editor: QPlainTextEdit, checker: SpellCheck,
                 enabled: Callable[[], bool]) -> None:
        super().__init__(editor.document())
        self._checker = checker
        self._enabled = enabled
        self._format = misspelt_format()

    def highlightBlock(self, text: str) -> None:  # noqa: N802 (Qt's name)
        if not text or not self._enabled():
            return
        for start, length in self._checker.misspelt(text):
            self.setFormat(start, length, self._format)


def word_at(editor: QPlainTextEdit, pos: QPoint) -> QTextCursor | None:
    """A cursor selecting the word at ``pos`` (viewport coordinates), or None."""
    cursor = editor.cursorForPosition(pos)
    block = cursor.block()
    column = cursor.position() - block.position()
    for start, word in words_in(block.text()):
        if start <= column <= start + len(word):
            found = QTextCursor(block)
            found.setPosition(block.position() + start)
            found.setPosition(block.position() + start + len(word),
                              QTextCursor.MoveMode.KeepAnchor)
            return found
    return None


def spelling_menu_actions(editor: QPlainTextEdit, pos: QPoint, checker: SpellCheck, *,
                          parent: QObject | None, add_word: Callable[[str], None],
                          ignore_word: Callable[[str], None]) -> list[QAction]:
    """The entries for a misspelt word at ``pos``: suggestions, then "Add to Dictionary" and
    "Ignore" (the menu puts a separator after them); none when the word there is spelt right
    (or there is none).

    A suggestion replaces the word through the editor, so it is an edit like typing (one undo
    step on the document's stack).
    """
    cursor = word_at(editor, pos)
    if cursor is None or editor.isReadOnly():
        return []
    return word_actions(cursor.selectedText(), checker, parent=parent,
                        replace=lambda text: _replace(editor, cursor, text),
                        add_word=add_word, ignore_word=ignore_word)


def word_actions(word: str, checker: SpellCheck, *, parent: QObject | None,
                 replace: Callable[[str], None], add_word: Callable[[str], None],
                 ignore_word: Callable[[str], None]) -> list[QAction]:
    """The spelling entries for ``word`` (none when it is spelt right), whatever the field:
    a suggestion calls ``replace`` with itself."""
    if not checker.is_misspelt(word):
        return []
    actions: list[QAction] = []
    suggestions = checker.suggestions(word)
    for suggestion in suggestions:
        action = QAction(suggestion, parent)
        font = action.font()
        font.setBold(True)
        action.setFont(font)
        action.triggered.connect(lambda _checked=False, text=suggestion: replace(text))
        actions.append(action)
    if not suggestions:
        none = QAction("(No suggestions)", parent)
        none.setEnabled(False)
        actions.append(none)
    add = QAction("Add to &Dictionary", parent)
    add.setStatusTip(f"Never mark “{word}” again (saved in your personal word list)")
    add.triggered.connect(lambda: add_word(word))
    ignore = QAction("I&gnore", parent)
    ignore.setStatusTip(f"Do not mark “{word}” until Briefing closes")
    ignore.triggered.connect(lambda: ignore_word(word))
    return [*actions, add, ignore]


def _replace(editor: QPlainTextEdit, cursor: QTextCursor, text: str) -> None:
    editor.setTextCursor(cursor)
    editor.textCursor().insertText(text)


def put_first(menu: QMenu, actions: list[QAction]) -> None:
    """Put the spelling ``actions`` at the top of ``menu``, with a separator after them."""
    if actions and menu.actions():
        first = menu.actions()[0]
        menu.insertActions(first, actions)
        menu.insertSeparator(first)
    elif actions:
        menu.addActions(actions)
