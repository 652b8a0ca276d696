"""Markdown editing keys for the note editor: bold, italic, link, lists that continue themselves.

Usage::

    keys = MarkdownKeys(editor, undo_stack)   # installs itself on the QPlainTextEdit
    menu.addActions(keys.actions())           # Bold, Italic, Link (with their shortcuts)

Ctrl+B / Ctrl+I wrap the selection (or the word under the cursor) in ``**`` / ``*`` and unwrap
it when it is already wrapped; Ctrl+K turns it into ``[text](url)`` with ``url`` selected for
typing over. Enter in a list item starts the next item (the number counted on, a task box left
unticked) and Enter on an empty item ends the list; Tab / Shift+Tab indent and outdent list
items. Each is one step on the undo stack, apart from the typing around it.

The editor claims these keys while it has focus, so Ctrl+I there is italic and not the window's
Import; the actions still carry their shortcuts, so menus and the shortcut list show them.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QAction, QKeyEvent, QKeySequence, QTextCursor, QUndoStack
from PySide6.QtWidgets import QPlainTextEdit

from briefing.gui.input_pause import note_input

INDENT = "  "
"""One list level: the note parser nests a list indented two spaces or more."""
LINK_PLACEHOLDER = "url"
EMPTY_LINK_TEXT = "link text"

_LIST_ITEM = re.compile(r"^(?P<indent>[ \t]*)(?P<marker>[-*+]|\d{1,9}[.)])(?P<space>[ \t]+)"
                        r"(?P<task>\[[ xX]\][ \t]+)?(?P<rest>.*)$")


@dataclass(frozen=True)
class ListItem:
    """A line that is a list item, split into its parts."""

    indent: str
    marker: str
    space: str
    task: str
    rest: str

    @property
    def prefix(self) -> str:
        return self.indent + self.marker + self.space + self.task

    def next_prefix(self) -> str:
        """The start of the item after this one: the number counted on, any task box empty."""
        marker = self.marker
        if marker[0].isdigit():
            marker = f"{int(marker[:-1]) + 1}{marker[-1]}"
        return self.indent + marker + self.space + ("[ ] " if self.task else "")


def list_item(line: str) -> ListItem | None:
    """The line as a list item, or None when it is not one."""
    match = _LIST_ITEM.match(line)
    if match is None:
        return None
    return ListItem(match["indent"], match["marker"], match["space"], match["task"] or "",
                    match["rest"])


def _is_wrapped(before: int, after: int, marker: str) -> bool:
    """Whether runs of the marker's character before and after mean "wrapped in marker".

    ``***text***`` is both bold and italic, so three counts as wrapped for both.
    """
    run = min(before, after)
    return run == len(marker) or run == 3


class MarkdownKeys(QObject):
    """The Markdown keys of one plain-text editor; each edit is one step on ``undo_stack``."""

    def __init__(self, editor: QPlainTextEdit, undo_stack: QUndoStack | None = None) -> None:
        super().__init__(editor)
        self._editor = editor
        self._stack = undo_stack
        self.bold_action = self._make("&Bold", "Ctrl+B", lambda: self.toggle_wrap("**"),
                                      "Make the selection or word bold (again: not bold)")
        self.italic_action = self._make("&Italic", "Ctrl+I", lambda: self.toggle_wrap("*"),
                                        "Make the selection or word italic (again: not italic)")
        self.link_action = self._make("Insert &Link", "Ctrl+K", self.make_link,
                                      "Turn the selection into a link and type its address")
        editor.installEventFilter(self)

    def _make(self, text: str, keys: str, slot: Callable[[], object], tip: str) -> QAction:
        action = QAction(text, self._editor)
        action.setShortcut(QKeySequence(keys))
        action.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
        action.setStatusTip(tip)
        action.setToolTip(tip)
        action.triggered.connect(slot)
        self._editor.addAction(action)
        return action

    def actions(self) -> list[QAction]:
        """The actions for a menu: bold, italic, link."""
        return [self.bold_action, self.italic_action, self.link_action]

    # ---------------------------------------------------------------------------- events

    def _action_for(self, event: QKeyEvent) -> QAction | None:
        pressed = QKeySequence(event.keyCombination())
        for action in self.actions():
            if pressed.matches(action.shortcut()) == QKeySequence.SequenceMatch.ExactMatch:
                return action
        return None

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if not isinstance(event, QKeyEvent):
            return False
        if event.type() == QEvent.Type.ShortcutOverride and self._action_for(event):
            event.accept()  # the key comes to the editor, not to a window action sharing it
            return True
        if event.type() != QEvent.Type.KeyPress:
            return False
        note_input()  # idle slices wait while the user types
        action = self._action_for(event)
        if action is not None:
            action.trigger()  # (does nothing in a read-only editor)
            return True
        if not self._editable():
            return False
        key, modifiers = event.key(), event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier
        if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and \
                modifiers == Qt.KeyboardModifier.NoModifier:
            return self.continue_list()
        if key == Qt.Key.Key_Tab and modifiers == Qt.KeyboardModifier.NoModifier:
            return self.indent(1)
        if key == Qt.Key.Key_Backtab:
            return self.indent(-1)
        return False

    def _editable(self) -> bool:
        return self._editor.isEnabled() and not self._editor.isReadOnly()

    def _edit(self, label: str, change: Callable[[QTextCursor], None]) -> None:
        """Run ``change`` as one edit of the editor and one step on the undo stack."""
        if self._stack is not None:
            self._stack.beginMacro(label)
        cursor = self._editor.textCursor()
        cursor.beginEditBlock()
        try:
            change(cursor)
        finally:
            cursor.endEditBlock()
            self._editor.setTextCursor(cursor)
            if self._stack is not None:
                self._stack.endMacro()

    # ---------------------------------------------------------------------- bold, italic

    def _target(self) -> QTextCursor:
        """The selection, or the word under the cursor (an empty cursor when there is none)."""
        cursor = self._editor.textCursor()
        if not cursor.hasSelection():
            cursor.select(QTextCursor.SelectionType.WordUnderCursor)
            if not cursor.selectedText().strip("*_ ") or cursor.selectedText().isspace():
                return self._editor.textCursor()
        return cursor

    def toggle_wrap(self, marker: str) -> None:
        """Wrap the selection or word in ``marker``, or unwrap it if it is wrapped already."""
        if not self._editable():
            return
        target = self._target()
        start, end = target.selectionStart(), target.selectionEnd()
        document = self._editor.document()
        size = document.characterCount()

        def run(position: int, step: int) -> int:
            """Marker characters one after another from ``position`` (document positions, as
            Qt counts them: an emoji is two)."""
            count = 0
            while 0 <= position < size and document.characterAt(position) == marker[0]:
                count += 1
                position += step
            return count

        if _is_wrapped(run(start - 1, -1), run(end, 1), marker):
            self._unwrap(start - len(marker), end, marker)
            return
        if end - start > 2 * len(marker) and _is_wrapped(run(start, 1), run(end - 1, -1),
                                                         marker):
            self._unwrap(start, end - len(marker), marker)
            return
        text = target.selectedText()

        def wrap(cursor: QTextCursor) -> None:
            cursor.setPosition(start)
            cursor.setPosition(end, QTextCursor.MoveMode.KeepAnchor)
            cursor.insertText(f"{marker}{text}{marker}")
            cursor.setPosition(start + len(marker))
            cursor.setPosition(start + len(marker) + len(text), QTextCursor.MoveMode.KeepAnchor)

        self._edit("Bold" if marker == "**" else "Italic", wrap)

    def _unwrap(self, first: int, second: int, marker: str) -> None:
        """Remove ``marker`` at ``first`` and at ``second`` (document positions), keeping the
        text between selected."""
        def unwrap(cursor: QTextCursor) -> None:
            for position in (second, first):
                cursor.setPosition(position)
                cursor.setPosition(position + len(marker), QTextCursor.MoveMode.KeepAnchor)
                cursor.removeSelectedText()
            cursor.setPosition(first)
            cursor.setPosition(second - len(marker), QTextCursor.MoveMode.KeepAnchor)

        self._edit("Not bold" if marker == "**" else "Not italic", unwrap)

    # ------------------------------------------------------------------------------ link

    def make_link(self) -> None:
        """``[text](url)`` from the selection or word, with ``url`` selected to type over."""
        if not self._editable():
            return
        target = self._target()
        start, end = target.selectionStart(), target.selectionEnd()
        text = target.selectedText()

        def link(cursor: QTextCursor) -> None:
            cursor.setPosition(start)
            cursor.setPosition(end, QTextCursor.MoveMode.KeepAnchor)
            shown = text or EMPTY_LINK_TEXT
            cursor.insertText(f"[{shown}]({LINK_PLACEHOLDER})")
            if text:
                first = start + len(shown) + 3
                cursor.setPosition(first)
                cursor.setPosition(first + len(LINK_PLACEHOLDER), QTextCursor.MoveMode.KeepAnchor)
            else:
                cursor.setPosition(start + 1)
                cursor.setPosition(start + 1 + len(shown), QTextCursor.MoveMode.KeepAnchor)

        self._edit("Link", link)

    # ----------------------------------------------------------------------------- lists

    def continue_list(self) -> bool:
        """Enter in a list item: the next item, or the end of the list on an empty item.

        False (the key does its usual work) outside a list, with a selection, or with the
        cursor inside the item's marker.
        """
        cursor = self._editor.textCursor()
        if cursor.hasSelection():
            return False
        block = cursor.block()
        item = list_item(block.text())
        column = cursor.position() - block.position()
        if item is None or column < len(item.prefix):
            return False
        if not item.rest.strip():
            def end_list(edit: QTextCursor) -> None:
                edit.setPosition(block.position())
                edit.movePosition(QTextCursor.MoveOperation.EndOfBlock,
                                  QTextCursor.MoveMode.KeepAnchor)
                edit.removeSelectedText()

            self._edit("End list", end_list)
            return True
        self._edit("New list item",
                   lambda edit: edit.insertText("\n" + item.next_prefix()))
        return True

    def indent(self, step: int) -> bool:
        """Tab (+1) / Shift+Tab (-1) on list items: move them a level in or out.

        False (Tab moves the focus on, as elsewhere) when the cursor's lines are not all list
        items.
        """
        cursor = self._editor.textCursor()
        document = self._editor.document()
        first = document.findBlock(cursor.selectionStart())
        last = document.findBlock(cursor.selectionEnd())
        blocks = [first]
        while blocks[-1] != last and blocks[-1].next().isValid():
            blocks.append(blocks[-1].next())
        if not all(list_item(block.text()) for block in blocks):
            return False
        if step < 0 and not any(block.text().startswith((" ", "\t")) for block in blocks):
            return True  # already at the outer level: nothing to do, and the focus stays
        spots = [(document.findBlock(at).blockNumber(), at - document.findBlock(at).position())
                 for at in (cursor.anchor(), cursor.position())]
        changes: dict[int, int] = {}

        def shift(edit: QTextCursor) -> None:
            for block in blocks:
                start, text = block.position(), block.text()
                edit.setPosition(start)
                if step > 0:
                    edit.insertText(INDENT)
                    changes[block.blockNumber()] = len(INDENT)
                    continue
                width = 1 if text.startswith("\t") else \
                    min(len(INDENT), len(text) - len(text.lstrip(" ")))
                edit.setPosition(start + width, QTextCursor.MoveMode.KeepAnchor)
                edit.removeSelectedText()
                changes[block.blockNumber()] = -width
            (anchor, position) = (
                document.findBlockByNumber(number).position()
                + max(0, column + changes.get(number, 0)) for number, column in spots)
            edit.setPosition(anchor)
            edit.setPosition(position, QTextCursor.MoveMode.KeepAnchor)

        self._edit("Indent" if step > 0 else "Outdent", shift)
        return True
