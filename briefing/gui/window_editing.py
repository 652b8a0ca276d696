"""The main window's side of outline editing: the Edit → Outline menu, the right-click menus of
the tree and the reader, and following the edited section with the selection.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QModelIndex, QPoint, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMainWindow, QMenu, QTabWidget, QTreeView, QWidget

from briefing.core.model import Article, Excerpt, Section
from briefing.core.outline_edit import Place
from briefing.gui.context_menus import build_menu, excerpt_groups, reader_menu, tree_groups
from briefing.gui.document import Document
from briefing.gui.excerpt_actions import ExcerptActions
from briefing.gui.outline_actions import OutlineActions
from briefing.gui.outline_model import COLUMN_HEADING, OutlineFilterModel, OutlineModel
from briefing.gui.reader_view import ReaderView


class EditingMixin(QMainWindow):
    """Outline editing for :class:`~briefing.gui.main_window.MainWindow`."""

    document: Document
    tree: QTreeView
    reader: ReaderView
    centre_tabs: QTabWidget
    outline_model: OutlineModel
    filter_model: OutlineFilterModel
    outline_actions: OutlineActions
    focus_actions: dict[str, QAction]
    find_text_action: QAction
    excerpts: ExcerptActions

    def _build_editing(self, edit_menu: QMenu) -> None:
        """Make the actions, put them under Edit → Outline and in the right-click menus."""
        self.outline_actions = OutlineActions(self, self)
        outline_menu = edit_menu.addMenu("Ou&tline")  # O is Filter Outline's
        for action in self.outline_actions.edit_actions:
            if action is None:
                outline_menu.addSeparator()
            else:
                outline_menu.addAction(action)
        self.tree.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.tree.customContextMenuRequested.connect(self._on_tree_menu)
        self.reader.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.reader.customContextMenuRequested.connect(self._on_reader_menu)
        # The keys that open a menu where the keyboard is (many laptops lack the Menu key);
        # the reader's paragraph edits are in its menu only.
        for widget, at_focus in ((self.tree, self._tree_menu_at_current),
                                 (self.reader, self._reader_menu_at_caret)):
            menu_key = QAction("Context Menu", widget)
            menu_key.setShortcuts([QKeySequence("Shift+F10"), QKeySequence(Qt.Key.Key_Menu)])
            menu_key.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
            menu_key.triggered.connect(at_focus)
            widget.addAction(menu_key)
        self.excerpts.picked.connect(self._reveal)
        doc = self.document
        doc.focus_requested.connect(self._on_focus_requested)
        # Once per command (picks_changed), not per section: picking a thousand sections
        # must not look each one up.
        for signal in (doc.picks_changed, doc.outline_replaced):
            signal.connect(lambda *args: self.outline_actions.update())

    # ------------------------------------------------------------- what the actions call

    if TYPE_CHECKING:  # the main window's own, declared for the type checker only
        def current_node(self) -> Article | Section | Excerpt | None:
            raise NotImplementedError

        def show_status(self, message: str) -> None: raise NotImplementedError

        def _focus_tab(self, tabs: QTabWidget, page: QWidget) -> None:
            raise NotImplementedError

        def _show_current(self) -> None: raise NotImplementedError

        def select_section(self, section_id: str) -> bool: raise NotImplementedError

        def show_in_reader(self, section_id: str) -> None: raise NotImplementedError

        def _from_source(self, index: QModelIndex) -> QModelIndex: raise NotImplementedError

    def current_article_row(self) -> int | None:
        """The row of the article the current tree row belongs to."""
        node = self.current_node()
        return self.outline_model.article_row_of(node) if node is not None else None

    def place_of(self, section: Section) -> Place | None:
        """Where a section is (its article, the list that holds it, its index there)."""
        found = self.outline_model.place_of(section)
        return Place(*found) if found is not None else None

    def edit_current_heading(self) -> None:
        """F2: edit the current section's heading in place in the tree."""
        index = self.tree.currentIndex()
        if isinstance(self.current_node(), Section) and index.isValid():
            self.tree.edit(index.siblingAtColumn(COLUMN_HEADING))

    def show_current_in_reader(self) -> None:
        """Show the current section or excerpt (or article) in the reader, with the focus
        there."""
        node = self.current_node()
        if isinstance(node, Section | Excerpt):
            self.show_in_reader(node.id)
        else:
            self._focus_tab(self.centre_tabs, self.reader)

    def show_note(self) -> None:
        self.focus_actions["Note"].trigger()

    def toggle_pick(self, section_id: str) -> None:
        """Pick or unpick a section as its checkbox does (asking about its subsections)."""
        section = self.document.section(section_id)
        index = self.outline_model.section_index(section_id)
        if section is not None and index.isValid():
            state = Qt.CheckState.Unchecked if section.picked else Qt.CheckState.Checked
            self.outline_model.setData(index, state, Qt.ItemDataRole.CheckStateRole)

    # ----------------------------------------------------------------------------- menus

    def tree_context_menu(self, position: QPoint) -> QMenu:
        """The menu for a right-click at ``position`` (viewport coordinates) in the tree;
        the row under it becomes the current row first."""
        index = self.tree.indexAt(position)
        if index.isValid() and index != self.tree.currentIndex():
            self.tree.setCurrentIndex(index)
        self.outline_actions.update()
        self.excerpts.update_remove()
        if isinstance(self.current_node(), Excerpt):
            groups = excerpt_groups(self.outline_actions, self.excerpts.remove_action)
        else:
            groups = tree_groups(self.outline_actions)
        return build_menu(self.tree, groups)

    def reader_context_menu(self, position: QPoint) -> QMenu:
        """The menu for a right-click at ``position`` (viewport coordinates) in the reader."""
        spot = self.reader.spot_at(position)
        section = self.document.section(spot.section_id) \
            if spot is not None and spot.section_id is not None else None
        if section is None and (spot is None or spot.section_id is None):
            node = self.current_node()
            section = node if isinstance(node, Section) and spot is None else None
        self.outline_actions.update()
        return reader_menu(self.reader, self.outline_actions, spot, section,
                           has_selection=self.reader.textCursor().hasSelection(),
                           copy=self.reader.copy,
                           more=[self.excerpts.pick_action, self.find_text_action])

    def _on_tree_menu(self, position: QPoint) -> None:
        menu = self.tree_context_menu(position)
        menu.exec(self.tree.viewport().mapToGlobal(position))
        menu.deleteLater()

    def _tree_menu_at_current(self) -> None:
        self._on_tree_menu(self.tree.visualRect(self.tree.currentIndex()).center())

    def _reader_menu_at_caret(self) -> None:
        self._on_reader_menu(self.reader.cursorRect().center())

    def _on_reader_menu(self, position: QPoint) -> None:
        menu = self.reader_context_menu(position)
        menu.exec(self.reader.viewport().mapToGlobal(position))
        menu.deleteLater()

    # --------------------------------------------------------------------------- follow

    def _reveal(self, node_id: str) -> None:
        """Open the rows above a section or excerpt and scroll to it, leaving the selection
        where it is (a new excerpt is in sight, and the next passage can be picked)."""
        index = self._from_source(self.outline_model.section_index(node_id))
        if index.isValid():
            self.tree.scrollTo(index)

    def _on_focus_requested(self, section_id: str | None, article_row: int | None) -> None:
        """After an edit or its undo: select what it is about and show it afresh."""
        current = self.current_node()
        if section_id is not None and isinstance(current, Section) and current.id == section_id:
            # Still the current row (Qt moved the selection with it); open its new parent.
            self.tree.scrollTo(self.tree.currentIndex())
        elif section_id is not None and self.select_section(section_id):
            pass
        elif article_row is not None and 0 <= article_row < len(self.document.outline.articles):
            source = self.outline_model.article_index(article_row)
            self.tree.setCurrentIndex(self.filter_model.mapFromSource(source)
                                      if self.tree.model() is self.filter_model else source)
        self._show_current()
        self.outline_actions.update()
