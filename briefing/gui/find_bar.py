"""The find bar under the panes: find in the note or the reader, replace in the note or all notes.

Usage::

    bar = FindBar()
    bar.open_find(reader)                 # Ctrl+F: find in a text view, matches highlighted
    bar.open_replace(note_editor.editor)  # Ctrl+H: the replace row too (editable text only)
    bar.find_next(); bar.find_next(backward=True)    # F3 / Shift+F3
    bar.replace_all_notes_requested.connect(...)     # "All notes": the window does it, one step

Matches are shown as extra selections of the text widget and counted ("2 of 5"); the search
uses Qt's own (``QTextDocument.find``), so the count, the highlights and what is replaced are
the same matches. Escape closes the bar and gives the focus back to the text. Replacing in the
note is one edit of the editor, which the editor turns into one step on the undo stack.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import (
    QColor,
    QKeyEvent,
    QTextCharFormat,
    QTextCursor,
    QTextDocument,
    QUndoStack,
)
from PySide6.QtWidgets import (
    QCheckBox,
    QGridLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QTextEdit,
    QToolButton,
    QWidget,
)

TextView = QPlainTextEdit | QTextEdit
"""What the bar searches: the note editor (plain text) or a rich-text view (the reader)."""
HIGHLIGHT_LIMIT = 2000
"""Matches highlighted at most: beyond, they are counted but not painted (painting tens of
thousands of selections would slow every scroll)."""
_MATCH_COLOUR = QColor("#ffe08a")
_CURRENT_COLOUR = QColor("#ff9f43")


class FindBar(QWidget):
    """Find, and in an editable note replace, with a count of the matches."""

    replace_all_notes_requested = Signal(str, str, bool, bool)
    """(find, replace, case sensitive, whole words): replace in every note, as one undo step."""
    closed = Signal()

    def __init__(self, undo_stack: QUndoStack | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._stack = undo_stack
        self._target: TextView | None = None
        self._matches: list[QTextCursor] = []
        self._current = -1
        self.setAccessibleName("Find bar")

        self.find_edit = QLineEdit()
        self.find_edit.setAccessibleName("Find")
        self.find_edit.setPlaceholderText("Find")
        self.find_edit.setClearButtonEnabled(True)
        self.find_edit.textChanged.connect(lambda _text: self._search(keep=False))
        self.find_edit.returnPressed.connect(self.find_next)
        self.count_label = QLabel("")
        self.count_label.setAccessibleName("Matches")
        self.count_label.setMinimumWidth(90)
        self.previous_button = self._button("\u25b2", "Previous match (Shift+F3)",
                                            lambda: self.find_next(backward=True))
        self.next_button = self._button("\u25bc", "Next match (F3, Enter)", self.find_next)
        self.case_box = QCheckBox("Match case")
        self.case_box.setToolTip("Find only text with the same capitals")
        self.words_box = QCheckBox("Whole words")
        self.words_box.setToolTip("Find only whole words, not parts of longer words")
        for box in (self.case_box, self.words_box):
            box.toggled.connect(lambda _on: self._search(keep=False))
        self.close_button = self._button("\u2715", "Close the find bar (Escape)", self.close_bar)

        self.replace_edit = QLineEdit()
        self.replace_edit.setAccessibleName("Replace with")
        self.replace_edit.setPlaceholderText("Replace with")
        self.replace_edit.returnPressed.connect(self.replace_current)
        self.replace_button = self._text_button("Replace", "Replace this match and find the next",
                                                self.replace_current)
        self.replace_note_button = self._text_button(
            "All in Note", "Replace every match in this note (one undo step)",
            self.replace_all_in_note)
        self.replace_notes_button = self._text_button(
            "All Notes", "Replace every match in every note of the outline (one undo step)",
            self._ask_replace_all_notes)

        layout = QGridLayout(self)
        layout.setContentsMargins(6, 2, 6, 2)
        layout.setHorizontalSpacing(4)
        layout.setVerticalSpacing(2)
        layout.addWidget(self.find_edit, 0, 0)
        for column, widget in enumerate((self.previous_button, self.next_button,
                                         self.count_label, self.case_box, self.words_box),
                                        start=1):
            layout.addWidget(widget, 0, column)
        layout.addWidget(self.close_button, 0, 7)
        layout.addWidget(self.replace_edit, 1, 0)
        layout.addWidget(self.replace_button, 1, 1, 1, 3)
        layout.addWidget(self.replace_note_button, 1, 4)
        layout.addWidget(self.replace_notes_button, 1, 5)
        layout.setColumnStretch(0, 2)
        layout.setColumnStretch(6, 3)  # the fields grow a little, the buttons stay together
        for edit in (self.find_edit, self.replace_edit):
            edit.setMinimumWidth(260)
        self._replace_widgets: list[QWidget] = [self.replace_edit, self.replace_button,
                                                self.replace_note_button,
                                                self.replace_notes_button]
        for edit in (self.find_edit, self.replace_edit):
            edit.installEventFilter(self)
        self.set_replace_visible(False)
        self.hide()

    def _button(self, text: str, tip: str, slot: Callable[[], object]) -> QToolButton:
        button = QToolButton()
        button.setText(text)
        button.setToolTip(tip)
        button.setAccessibleName(tip.split(" (")[0])
        button.setAutoRaise(True)
        button.clicked.connect(slot)
        return button

    def _text_button(self, text: str, tip: str, slot: Callable[[], object]) -> QToolButton:
        button = self._button(text, tip, slot)
        button.setAutoRaise(False)
        button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        return button

    # ---------------------------------------------------------------------------- public

    @property
    def target(self) -> TextView | None:
        return self._target

    def open_find(self, target: TextView) -> None:
        """Show the bar searching ``target``, with the selected text (if any) as the term."""
        self._open(target, replace=False)

    def open_replace(self, target: TextView) -> None:
        """Show the bar with the replace row, searching ``target`` (an editable note)."""
        self._open(target, replace=True)

    def _open(self, target: TextView, *, replace: bool) -> None:
        self.set_target(target)
        self.set_replace_visible(replace)
        selected = target.textCursor().selectedText()
        if selected and "\u2029" not in selected:
            blocked = self.find_edit.blockSignals(True)
            self.find_edit.setText(selected)
            self.find_edit.blockSignals(blocked)
        self.show()
        self._search(keep=True)
        self.find_edit.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.find_edit.selectAll()

    def set_target(self, target: TextView) -> None:
        """Search ``target`` from now on (its old target loses the highlights)."""
        if target is self._target:
            return
        self._clear_highlights()
        if self._target is not None:
            self._target.document().contentsChanged.disconnect(self.refresh)
        self._target = target
        target.document().contentsChanged.connect(self.refresh)
        if self.isVisible():
            self._search(keep=False)

    def set_replace_visible(self, visible: bool) -> None:
        for widget in self._replace_widgets:
            widget.setVisible(visible)

    def is_replace_visible(self) -> bool:
        return not self.replace_edit.isHidden()

    def close_bar(self) -> None:
        """Hide the bar, drop the highlights and give the focus back to the text."""
        self._clear_highlights()
        self.hide()
        if self._target is not None:
            self._target.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.closed.emit()

    def match_count(self) -> int:
        return len(self._matches)

    def current_match(self) -> int:
        """The number (from 0) of the match the cursor is on, or -1."""
        return self._current

    def refresh(self) -> None:
        """Search again: the text changed (typing, or another section shown)."""
        if self.isVisible():
            self._search(keep=True)

    def find_next(self, backward: bool = False) -> bool:
        """Go to the next (or previous) match, wrapping round; False when there is none."""
        if self._target is None:
            return False
        if not self._matches:
            self._search(keep=False)
        if not self._matches:
            return False
        cursor = self._target.textCursor()
        if backward:
            earlier = [n for n, match in enumerate(self._matches)
                       if match.selectionEnd() <= cursor.selectionStart()]
            number = earlier[-1] if earlier else len(self._matches) - 1
        else:
            later = [n for n, match in enumerate(self._matches)
                     if match.selectionStart() >= cursor.selectionEnd()]
            number = later[0] if later else 0
        self._go_to(number)
        return True

    # --------------------------------------------------------------------------- replace

    def _editable_target(self) -> QPlainTextEdit | None:
        target = self._target
        if isinstance(target, QPlainTextEdit) and target.isEnabled() and not target.isReadOnly():
            return target
        return None

    def replace_current(self) -> bool:
        """Replace the match the cursor is on (or go to the next one first)."""
        target = self._editable_target()
        if target is None or not self._matches:
            return False
        if self._current < 0:
            self.find_next()
            return False
        match = self._matches[self._current]
        cursor = target.textCursor()
        with self._step("Replace"):
            cursor.setPosition(match.selectionStart())
            cursor.setPosition(match.selectionEnd(), QTextCursor.MoveMode.KeepAnchor)
            cursor.insertText(self.replace_edit.text())
        target.setTextCursor(cursor)
        self._search(keep=True)
        self.find_next()
        return True

    def replace_all_in_note(self) -> int:
        """Replace every match in the note as one edit; the number replaced."""
        target = self._editable_target()
        if target is None or not self._matches:
            return 0
        count = len(self._matches)
        cursor = QTextCursor(target.document())
        with self._step("Replace in note"):
            cursor.beginEditBlock()
            for match in reversed(self._matches):
                cursor.setPosition(match.selectionStart())
                cursor.setPosition(match.selectionEnd(), QTextCursor.MoveMode.KeepAnchor)
                cursor.insertText(self.replace_edit.text())
            cursor.endEditBlock()
        self._search(keep=False)
        self.count_label.setText(f"{count} replaced")
        return count

    @contextmanager
    def _step(self, label: str) -> Iterator[None]:
        """One undo step for the edits made inside, apart from the typing before them."""
        if self._stack is not None:
            self._stack.beginMacro(label)
        try:
            yield
        finally:
            if self._stack is not None:
                self._stack.endMacro()

    def _ask_replace_all_notes(self) -> None:
        term = self.find_edit.text()
        if term:
            self.replace_all_notes_requested.emit(term, self.replace_edit.text(),
                                                  self.case_box.isChecked(),
                                                  self.words_box.isChecked())

    def show_replaced(self, count: int, notes: int) -> None:
        """Say how many matches the window replaced in how many notes."""
        self._search(keep=False)
        self.count_label.setText(f"{count} replaced in {notes} note{'s' if notes != 1 else ''}")

    # -------------------------------------------------------------------------- internals

    def _flags(self) -> QTextDocument.FindFlag:
        flags = QTextDocument.FindFlag(0)
        if self.case_box.isChecked():
            flags |= QTextDocument.FindFlag.FindCaseSensitively
        if self.words_box.isChecked():
            flags |= QTextDocument.FindFlag.FindWholeWords
        return flags

    def _search(self, *, keep: bool) -> None:
        """Find every match; with ``keep``, stay on the match at the cursor if there is one."""
        self._matches = []
        self._current = -1
        term = self.find_edit.text()
        if self._target is None or not term:
            self._clear_highlights()
            self.count_label.setText("")
            return
        document = self._target.document()
        flags = self._flags()
        cursor = QTextCursor(document)
        while True:
            cursor = document.find(term, cursor, flags)
            if cursor.isNull():
                break
            self._matches.append(QTextCursor(cursor))
            if cursor.selectionStart() == cursor.selectionEnd():
                break  # (never happens for a non-empty term; guards an endless loop)
        at = self._target.textCursor()
        if keep:
            self._current = next((n for n, match in enumerate(self._matches)
                                  if match.selectionStart() == at.selectionStart()
                                  and match.selectionEnd() == at.selectionEnd()), -1)
        if not keep or self._current < 0:
            later = [n for n, match in enumerate(self._matches)
                     if match.selectionStart() >= at.selectionStart()]
            if self._matches and self.isVisible() and self.find_edit.hasFocus():
                self._go_to(later[0] if later else 0)  # find as you type
                return
        self._paint()

    def _go_to(self, number: int) -> None:
        assert self._target is not None
        self._current = number
        self._target.setTextCursor(QTextCursor(self._matches[number]))
        self._target.ensureCursorVisible()
        self._paint()

    def _paint(self) -> None:
        target = self._target
        if target is None:
            return
        selections = []
        for number, match in enumerate(self._matches[:HIGHLIGHT_LIMIT]):
            selection = QTextEdit.ExtraSelection()
            selection.cursor = match
            look = QTextCharFormat()
            look.setBackground(_CURRENT_COLOUR if number == self._current else _MATCH_COLOUR)
            look.setForeground(QColor("#1a1a1a"))
            selection.format = look
            selections.append(selection)
        target.setExtraSelections(selections)
        count = len(self._matches)
        if not self.find_edit.text():
            text = ""
        elif not count:
            text = "No matches"
        elif self._current >= 0:
            text = f"{self._current + 1} of {count}"
        else:
            text = f"{count} match{'es' if count != 1 else ''}"
        self.count_label.setText(text)
        self.find_edit.setStyleSheet("" if count or not self.find_edit.text()
                                     else "background: #f8d7da; color: #1a1a1a;")

    def _clear_highlights(self) -> None:
        if self._target is not None:
            self._target.setExtraSelections([])

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if isinstance(event, QKeyEvent) and event.key() == Qt.Key.Key_Escape:
            if event.type() == QEvent.Type.ShortcutOverride:
                event.accept()  # Escape is the bar's, before any window action
                return True
            if event.type() == QEvent.Type.KeyPress:
                self.close_bar()
                return True
        return False
