"""The writing desk's window commands: find and replace, side by side, distraction-free, print.

- Edit → Find in Text… (Ctrl+F) opens the find bar on the note or the reader, whichever had
  the focus last; in the outline or its filter box Ctrl+F goes to the filter, as it always did.
  Replace… (Ctrl+H) searches the note and replaces there or in all notes (one undo step).
  F3 / Shift+F3 go to the next and previous match.
- View → Reader and Preview Side by Side takes the preview out of its tab and puts it beside
  the reader; View → Distraction-Free Writing (F11, Escape to leave) hides all but the note
  editor. Both are remembered in the settings.
- File → Print… (Ctrl+P) and Print Preview… print the note as it will export.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QApplication,
    QMainWindow,
    QSplitter,
    QTabWidget,
    QToolBar,
    QVBoxLayout,
    QWidget,
)

from briefing.core.errors import BriefingError
from briefing.gui.briefing_panel import BriefingPanel
from briefing.gui.document import Document
from briefing.gui.find_bar import FindBar, TextView
from briefing.gui.icons import icon
from briefing.gui.note_editor import NoteEditor
from briefing.gui.preview_pane import PreviewPane
from briefing.gui.reader_view import ReaderView
from briefing.gui.settings import AppSettings

if TYPE_CHECKING:
    from briefing.gui.printing import NotePrinter


class DeskMixin(QMainWindow):
    """Find, replace, reading side by side, writing without distraction, printing."""

    document: Document
    settings: AppSettings
    reader: ReaderView
    preview: PreviewPane
    note_editor: NoteEditor
    centre_tabs: QTabWidget
    centre_split: QSplitter
    right_tabs: QTabWidget
    left_panel: QWidget
    briefing_panel: BriefingPanel
    find_bar: FindBar

    if TYPE_CHECKING:  # the file window's and the main window's own
        def show_error(self, title: str,
                       error: BriefingError | OSError | ValueError) -> None: ...

        def _focus_filter(self) -> None: ...

        def select_section(self, section_id: str) -> bool: ...

    def _desk_action(self, text: str, slot: object, keys: str | QKeySequence.StandardKey = "",
                     tip: str = "", *, checkable: bool = False) -> QAction:
        action = QAction(text, self)
        if isinstance(keys, QKeySequence.StandardKey):
            action.setShortcuts(keys)
        elif keys:
            action.setShortcut(QKeySequence(keys))
        action.setStatusTip(tip)
        action.setToolTip(tip)
        action.setCheckable(checkable)
        (action.toggled if checkable else action.triggered).connect(slot)
        return action

    def _build_desk(self) -> None:
        """Make the find bar and the desk's actions (before the menus are built)."""
        self.find_bar = FindBar(self.document.undo_stack)
        self.find_bar.replace_all_notes_requested.connect(self.replace_in_all_notes)
        self._last_text: TextView = self.reader
        app = QApplication.instance()
        if isinstance(app, QApplication):
            app.focusChanged.connect(self._note_text_focus)
        self._printer: NotePrinter | None = None
        key = QKeySequence.StandardKey
        self.find_text_action = self._desk_action(
            "&Find in Text…", self.find_in_text, key.Find,
            "Find in the note or the reader, whichever you were in")
        self.replace_action = self._desk_action(
            "Rep&lace…", self.replace_in_note, "Ctrl+H",
            "Replace text in this note or in every note")
        self.find_next_action = self._desk_action(
            "Find &Next", lambda: self._find_again(backward=False), "F3", "Go to the next match")
        self.find_previous_action = self._desk_action(
            "Find Pre&vious", lambda: self._find_again(backward=True), "Shift+F3",
            "Go to the previous match")
        self.note_editor.menu.more.extend([self.find_text_action, self.replace_action])
        self.briefing_panel.order_view.show_in_reader_requested.connect(self.show_in_reader)
        self.side_by_side_action = self._desk_action(
            "Reader and Preview Side by Si&de", self.set_side_by_side, "",
            "Show the reader and the preview next to each other", checkable=True)
        self.distraction_free_action = self._desk_action(
            "Distraction-Free &Writing", self.set_distraction_free, "F11",
            "Show only the note editor (F11 or Escape to come back)", checkable=True)
        self.leave_distraction_free_action = self._desk_action(
            "Leave Distraction-Free Writing",
            lambda: self.distraction_free_action.setChecked(False), "Escape",
            "Show the whole window again")
        self.leave_distraction_free_action.setEnabled(False)
        self.addAction(self.leave_distraction_free_action)
        self.print_action = self._desk_action("&Print…", lambda: self.printer.print_dialog(),
                                              key.Print,
                                              "Print the briefing note as it will export")
        self.print_preview_action = self._desk_action(
            "Prin&t Preview…", lambda: self.printer.preview(), "",
            "See the pages of the briefing note before printing")

    @property
    def printer(self) -> NotePrinter:
        """Print and Print Preview (Qt's print support is loaded at the first use)."""
        if self._printer is None:
            from briefing.gui.printing import NotePrinter

            self._printer = NotePrinter(self, lambda: self.document.outline, self.show_error)
        return self._printer

    def with_find_bar(self, panes: QWidget) -> QWidget:
        """The window's panes with the find bar under them."""
        central = QWidget()
        layout = QVBoxLayout(central)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(panes, 1)
        layout.addWidget(self.find_bar)
        return central

    def _restore_desk(self) -> None:
        """Bring back the side-by-side and distraction-free views as they were left."""
        self.side_by_side_action.setChecked(self.settings.side_by_side)
        self.distraction_free_action.setChecked(self.settings.distraction_free)
        self.set_distraction_free(self.settings.distraction_free)

    # ------------------------------------------------------------------- find, replace

    def _text_views(self) -> list[TextView]:
        return [self.note_editor.editor, self.reader, self.preview.browser()]

    def _note_text_focus(self, old: QWidget | None, new: QWidget | None) -> None:
        for view in self._text_views():
            if new is view:
                self._last_text = view
                if self.find_bar.isVisible() and not self.find_bar.is_replace_visible():
                    self.find_bar.set_target(view)

    def find_target(self) -> TextView:
        """Where Find searches: the text view last in focus, if it still shows."""
        if self._last_text.isVisible():
            return self._last_text
        return next((view for view in self._text_views() if view.isVisible()),
                    self.note_editor.editor)

    def find_in_text(self) -> None:
        """Ctrl+F: the find bar (or, from the outline, its filter box)."""
        focused = QApplication.focusWidget()
        if focused is not None and self.left_panel.isAncestorOf(focused):
            self._focus_filter()
            return
        self.find_bar.open_find(self.find_target())

    def replace_in_note(self) -> None:
        """Ctrl+H: find and replace in the note (the reader is read-only)."""
        if not self.distraction_free_action.isChecked():
            self.right_tabs.setCurrentWidget(self.note_editor)
        self.find_bar.open_replace(self.note_editor.editor)
        if self.find_bar.find_edit.text():
            self.find_bar.replace_edit.setFocus(Qt.FocusReason.ShortcutFocusReason)
            self.find_bar.replace_edit.selectAll()

    def _find_again(self, *, backward: bool) -> None:
        if not self.find_bar.isVisible() or not self.find_bar.find_edit.text():
            self.find_in_text()
            return
        self.find_bar.find_next(backward=backward)

    def replace_in_all_notes(self, term: str, replacement: str, case_sensitive: bool,
                             whole_words: bool) -> tuple[int, int]:
        """Replace in every note as one undo step; (matches, notes)."""
        count, notes = self.document.replace_in_notes(
            term, replacement, case_sensitive=case_sensitive, whole_words=whole_words)
        self.find_bar.show_replaced(count, notes)
        self.statusBar().showMessage(
            f"Replaced {count} match{'es' if count != 1 else ''} in {notes} "
            f"note{'s' if notes != 1 else ''}", 5000)
        return count, notes

    # ------------------------------------------------------------------------- views

    def show_in_reader(self, section_id: str) -> None:
        """Select the section and show its text in the reader."""
        if not self.select_section(section_id):
            return
        if self.distraction_free_action.isChecked():
            self.distraction_free_action.setChecked(False)
        self.centre_tabs.setCurrentWidget(self.reader)
        self.reader.setFocus(Qt.FocusReason.OtherFocusReason)

    def set_side_by_side(self, on: bool) -> None:
        """Show the preview beside the reader (on) or as the tab after it (off)."""
        in_tabs = self.centre_tabs.indexOf(self.preview) >= 0
        if on and in_tabs:
            self.centre_tabs.removeTab(self.centre_tabs.indexOf(self.preview))
            self.centre_split.addWidget(self.preview)
            self.preview.show()
            self.centre_split.setSizes([1, 1])
        elif not on and not in_tabs:
            self.centre_tabs.insertTab(1, self.preview, icon("preview"), "&Preview")
        self.settings.side_by_side = on

    def is_side_by_side(self) -> bool:
        return self.centre_tabs.indexOf(self.preview) < 0

    def set_distraction_free(self, on: bool) -> None:
        """Show only the note editor (on), or the whole window again (off)."""
        for widget in (self.left_panel, self.centre_split, *self.findChildren(QToolBar)):
            widget.setVisible(not on)
        self.right_tabs.tabBar().setVisible(not on)
        self.leave_distraction_free_action.setEnabled(on)
        if on:
            self.right_tabs.setCurrentWidget(self.note_editor)
            self.note_editor.editor.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.settings.distraction_free = on
