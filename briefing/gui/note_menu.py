"""The note editor's context menu: spelling first (when offered), editing, Markdown, find.

Usage::

    menu = NoteMenu(editor, markdown_keys.actions(), [find_action, replace_action])
    menu.providers.append(spelling_suggestions)    # (editor, position) -> actions shown first

The editor's own menu would offer its own Undo, which Briefing hands to the document's undo
stack, so this menu is built here: Cut, Copy, Paste and Select All as the editor does them,
then Bold, Italic and Link, then Find and Replace. A provider (the spell checker) puts its
actions at the top, above a separator, for the word under the pointer.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QApplication, QMenu, QPlainTextEdit

MenuProvider = Callable[[QPlainTextEdit, QPoint], list[QAction]]
"""Actions for the top of the menu, given the editor and where it was asked for."""


class NoteMenu:
    """Builds and shows the context menu of one note editor."""

    def __init__(self, editor: QPlainTextEdit, markdown: list[QAction],
                 more: list[QAction] | None = None) -> None:
        self._editor = editor
        self._markdown = markdown
        self.more: list[QAction] = list(more or [])
        """Actions at the foot of the menu (the window's Find and Replace)."""
        self.providers: list[MenuProvider] = []
        """Suppliers of actions shown first (spelling suggestions), asked each time."""
        editor.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        editor.customContextMenuRequested.connect(self.show_at)

    def build(self, position: QPoint) -> QMenu:
        """The menu for a click at ``position`` (in the editor's viewport)."""
        editor = self._editor
        menu = QMenu(editor)
        top = [action for provider in self.providers for action in provider(editor, position)]
        if top:
            for action in top:
                if action.parent() is None:
                    action.setParent(menu)
            menu.addActions(top)
            menu.addSeparator()
        editable = editor.isEnabled() and not editor.isReadOnly()
        selected = editor.textCursor().hasSelection()
        clipboard = QApplication.clipboard().text()
        for text, key, slot, enabled in (
                ("Cu&t", QKeySequence.StandardKey.Cut, editor.cut, editable and selected),
                ("&Copy", QKeySequence.StandardKey.Copy, editor.copy, selected),
                ("&Paste", QKeySequence.StandardKey.Paste, editor.paste,
                 editable and bool(clipboard)),
                ("Select &All", QKeySequence.StandardKey.SelectAll, editor.selectAll,
                 bool(editor.toPlainText()))):
            action = menu.addAction(f"{text}\t{QKeySequence(key).toString(_NATIVE)}")
            action.triggered.connect(slot)
            action.setEnabled(enabled)
        menu.addSeparator()
        menu.addActions(self._markdown)
        if self.more:
            menu.addSeparator()
            menu.addActions(self.more)
        return menu

    def show_at(self, position: QPoint) -> None:
        menu = self.build(position)
        menu.exec(self._editor.viewport().mapToGlobal(position))
        menu.deleteLater()


_NATIVE = QKeySequence.SequenceFormat.NativeText
