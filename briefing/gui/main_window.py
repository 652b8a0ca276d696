"""The main window: outline tree, reader, note editor and briefing panel around one document.

Layout: the outline tree with its filter on the left, the reader in the centre, the note editor and
the briefing panel as tabs on the right. File and Edit menus act on the :class:`Document`; every
edit goes through its undo stack, and the title's ``[*]`` marker follows the stack's clean state.
File commands, closing and crash recovery live in the base class,
:class:`~briefing.gui.window_files.FileWindow`.
"""

from __future__ import annotations

import gc
import logging
from typing import TYPE_CHECKING

from PySide6.QtCore import QModelIndex, Qt, QTimer
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QApplication,
    QCheckBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMenu,
    QSplitter,
    QStackedWidget,
    QTabWidget,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from briefing.core.model import Article, Excerpt, Section
from briefing.gui.autosave import Autosaver
from briefing.gui.briefing_panel import BriefingPanel
from briefing.gui.counts import WordCountLabel
from briefing.gui.current_follower import CurrentFollower
from briefing.gui.document import Document
from briefing.gui.edit_fields import redo_keys, undo_keys
from briefing.gui.empty_outline import EmptyOutlineHint
from briefing.gui.excerpt_actions import ExcerptActions, picked_summary
from briefing.gui.filter_box import FilterBox
from briefing.gui.help_menu import HelpMixin
from briefing.gui.icons import icon
from briefing.gui.importing import ArticleImporter
from briefing.gui.note_editor import NoteEditor
from briefing.gui.outline_model import (
    HighlightDelegate,
    OutlineFilterModel,
    OutlineModel,
)
from briefing.gui.pick_question import ask_about_subsections
from briefing.gui.preview_pane import PreviewPane
from briefing.gui.reader_view import ReaderView
from briefing.gui.settings import AppSettings
from briefing.gui.spelling import Spelling
from briefing.gui.window_desk import DeskMixin
from briefing.gui.window_drops import CopyDropsMixin
from briefing.gui.window_editing import EditingMixin
from briefing.gui.window_files import FileWindow
from briefing.gui.window_size import place_on_screen

if TYPE_CHECKING:
    from briefing.core.export.api import ExportResult
    from briefing.gui.workers import JobHandle

logger = logging.getLogger(__name__)

FILTER_DELAY_MS = 10
"""Pause after a keystroke before the tree is narrowed: keys that arrive together (a paste,
auto-repeat) cost one pass, and a single keystroke still answers well within 100 ms."""
EXPAND_ALL_LIMIT = 120
"""Up to this many matches, the filtered tree opens to show each; beyond, it opens only the
first articles (about this many rows), so a one-letter filter on a huge outline stays quick."""
OPEN_ARTICLES_ROWS = 2000
"""Without a filter the tree opens its articles until about this many rows show: every
article of an ordinary outline, the first ones of a huge one (opening all 10,000 sections of
one at once would cost a tenth of a second at every opening and every cleared filter)."""


class MainWindow(HelpMixin, CopyDropsMixin, DeskMixin, EditingMixin, FileWindow):
    """The editor window; ``document`` is the open outline, shared with every pane."""

    def __init__(self, document: Document | None = None,
                 settings: AppSettings | None = None) -> None:
        super().__init__()
        self.document = document or Document(self)
        self.settings = settings or AppSettings()
        self.setWindowIcon(icon("app"))

        self.current_follower = CurrentFollower(
            self.document, self, current_node=lambda: self.current_node(),
            has_current=lambda: self.tree.currentIndex().isValid(),
            editing=lambda: self.note_editor.section_id,
            select_id=lambda item_id: self.select_section(item_id),
            select_article=lambda row: self.tree.setCurrentIndex(
                self._from_source(self.outline_model.article_index(row))),
            show_current=lambda: self._show_current())
        self.outline_model = OutlineModel(self.document, self)
        self.outline_model.confirm_subsections = \
            lambda section, picked: ask_about_subsections(self, section, picked)
        self.filter_model = OutlineFilterModel(self.outline_model, self)
        self._build_left()
        self.reader = ReaderView()
        self.reader.restore_requested.connect(self.document.restore_discarded)
        self.centre_tabs = QTabWidget()
        self.centre_tabs.setDocumentMode(True)
        self.centre_tabs.addTab(self.reader, "&Reader")
        self.preview = PreviewPane(lambda: self.document.outline)
        self.centre_tabs.addTab(self.preview, icon("preview"), "&Preview")
        self.note_editor = NoteEditor(self.document)
        self.briefing_panel = BriefingPanel(self.document, warn=self._warn)
        self.briefing_panel.order_view.section_activated.connect(self.select_section)
        self.spelling = Spelling(self.document, self.settings, self)
        self.spelling.attach(self.note_editor.editor, self.note_editor.menu)
        for field in self.briefing_panel.texts.values():
            self.spelling.attach(field)
        for line in self.briefing_panel.lines_to_check():
            self.spelling.attach_line(line)
        self.right_tabs = QTabWidget()
        self.right_tabs.setDocumentMode(True)
        self.right_tabs.addTab(self.note_editor, icon("note"), "&Note")
        self.right_tabs.addTab(self.briefing_panel, icon("pick"), "&Briefing")

        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.addWidget(self.left_panel)
        self.centre_split = QSplitter(Qt.Orientation.Horizontal)  # the preview joins it
        self.centre_split.setChildrenCollapsible(False)
        self.centre_split.addWidget(self.centre_tabs)
        self.splitter.addWidget(self.centre_split)
        self.splitter.addWidget(self.right_tabs)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 5)
        self.splitter.setStretchFactor(2, 4)
        self.splitter.setSizes([420, 480, 380])
        self.splitter.setChildrenCollapsible(False)

        self.importer = ArticleImporter(self, self.document, self.show_status)
        self.export_job: JobHandle[ExportResult] | None = None
        """The last export started (for tests and to keep it alive while it runs)."""
        self.autosaver = Autosaver(lambda: self.document.outline,
                                   lambda: self.document.is_modified,
                                   lambda: self.document.path, self,
                                   changed=self.document.changed,
                                   display_name=lambda: self.document.display_name,
                                   disk_stamp=lambda: self.document.disk_stamp)
        self.autosaver.failed.connect(self.show_status)
        self.document.saved.connect(lambda _path: self.autosaver.clear())
        self.document.outline_replaced.connect(self._on_replaced_autosave)
        self.setAcceptDrops(True)
        self._build_actions()
        self.excerpts = ExcerptActions(self.document, self.reader, self.current_node,
                                       self.show_status, self)
        self.centre_tabs.setCornerWidget(self.excerpts.pick_button, Qt.Corner.TopRightCorner)
        self._build_desk()
        self.setCentralWidget(self.with_find_bar(self.splitter))
        self._build_menus()
        self.refresh_icons()
        self.word_counts = WordCountLabel(lambda: self.document.outline,
                                          lambda: self.note_editor.section_id)
        self.statusBar().addPermanentWidget(self.word_counts)
        self.picked_label = QLabel()
        self.picked_label.setAccessibleName("Sections picked")
        self.picked_label.setContentsMargins(8, 0, 8, 0)  # apart from the page fit
        self.statusBar().addPermanentWidget(self.picked_label)
        self.fit_label = QLabel()
        self.fit_label.setContentsMargins(0, 0, 4, 0)
        self.fit_label.setAccessibleName("Page fit")
        self.fit_label.setToolTip("Estimated length of the exported note against the "
                                  "template's page budget")
        self.statusBar().addPermanentWidget(self.fit_label)
        self.preview.fit_changed.connect(self._show_fit)
        self.spelling.message.connect(self.show_status)

        doc = self.document
        doc.modified_changed.connect(self.setWindowModified)
        doc.path_changed.connect(self._update_title)
        doc.path_changed.connect(self.hold_open_file)
        doc.outline_replaced.connect(self._on_outline_replaced)
        doc.picks_changed.connect(self._update_picked_label)
        doc.article_changed.connect(self._on_article_changed)
        doc.section_changed.connect(self._on_section_changed)
        doc.excerpts_changed.connect(self._on_article_changed)
        doc.articles_inserted.connect(self._expand_inserted)
        for signal in (doc.outline_replaced, doc.articles_inserted, doc.articles_removed):
            signal.connect(self._show_tree_or_hint)
        self.current_follower.follow()
        self._show_tree_or_hint()
        doc.changed.connect(self.preview.schedule_refresh)
        for signal in (doc.changed, doc.outline_replaced):
            signal.connect(self.word_counts.schedule_refresh)
        self._update_title()
        self._update_picked_label()
        self._restore_layout()
        self._restore_desk()
        self.apply_filter()

    # -------------------------------------------------------------------------- layout

    def _build_left(self) -> None:
        self.filter_edit = FilterBox()
        self.filter_edit.setPlaceholderText("Filter headings, text and notes")
        self.filter_edit.setToolTip("Narrow the outline as you type; Enter goes to the matches")
        self.filter_edit.setAccessibleName("Filter outline")
        self.filter_edit.setClearButtonEnabled(True)
        self.filter_edit.addAction(icon("filter"), QLineEdit.ActionPosition.LeadingPosition)
        self._filter_timer = QTimer(self)
        self._filter_timer.setSingleShot(True)
        self._filter_timer.setInterval(FILTER_DELAY_MS)
        self._filter_timer.timeout.connect(self.apply_filter)
        self.filter_edit.textChanged.connect(lambda _text: self._filter_timer.start())
        self.filter_edit.returnPressed.connect(self._filter_to_tree)
        self.filter_edit.leave_requested.connect(self._focus_tree)
        self.document.undo_stack.indexChanged.connect(self._on_undo_index)
        self.picked_only = QCheckBox("Pic&ked only")
        self.picked_only.setToolTip("Show only the sections you picked")
        self.picked_only.setChecked(self.settings.picked_only)
        self.picked_only.toggled.connect(self._on_picked_only)

        self.tree = QTreeView()
        self.tree.setModel(self.outline_model)
        self.tree.setItemDelegateForColumn(0, HighlightDelegate(self.filter_model, self.tree))
        self.tree.setAccessibleName("Outline")
        self.tree.setUniformRowHeights(True)
        self.tree.setAlternatingRowColors(False)
        self.tree.setHeaderHidden(False)
        self.tree.header().setStretchLastSection(False)
        self.tree.header().setSectionResizeMode(0, self.tree.header().ResizeMode.Stretch)
        self.tree.header().setSectionResizeMode(1, self.tree.header().ResizeMode.Interactive)
        self.tree.header().resizeSection(1, 80)
        self.tree.selectionModel().currentChanged.connect(self._on_tree_current)
        self.tree.setAccessibleDescription("Articles, sections and subsections; tick a section "
                                           "to pick it for the briefing (Space toggles)")

        top = QHBoxLayout()
        top.addWidget(self.filter_edit, 1)
        top.addWidget(self.picked_only)
        self.left_panel = QWidget()
        layout = QVBoxLayout(self.left_panel)
        layout.setContentsMargins(6, 6, 0, 6)
        layout.addLayout(top)
        self.empty_hint = EmptyOutlineHint(self.import_dialog)
        self.tree_pages = QStackedWidget()
        self.tree_pages.addWidget(self.tree)
        self.tree_pages.addWidget(self.empty_hint)
        layout.addWidget(self.tree_pages, 1)

    def _action(self, text: str, slot: object, *, icon_name: str = "",
                shortcut: QKeySequence.StandardKey | str | None = None, tip: str = "") -> QAction:
        action = QAction(text, self)
        if icon_name:
            action.setIcon(icon(icon_name))
            self._icon_names[action] = icon_name
        if isinstance(shortcut, QKeySequence.StandardKey):
            action.setShortcuts(shortcut)
        elif shortcut:
            action.setShortcut(QKeySequence(shortcut))
        if tip:
            action.setStatusTip(tip)
            action.setToolTip(tip)
        action.triggered.connect(slot)
        return action

    def _build_actions(self) -> None:
        self._icon_names: dict[QAction, str] = {}
        key = QKeySequence.StandardKey
        self.new_action = self._action("&New", self.new_file, icon_name="new", shortcut=key.New,
                                       tip="Start an empty outline")
        self.open_action = self._action("&Open…", self.open_dialog, icon_name="open",
                                        shortcut=key.Open, tip="Open an outline file")
        self.save_action = self._action("&Save", self.save, icon_name="save", shortcut=key.Save,
                                        tip="Save the outline")
        self.save_as_action = self._action("Save &As…", self.save_as, icon_name="save-as",
                                           shortcut=key.SaveAs,
                                           tip="Save the outline to a new file")
        self.revert_action = self._action("Re&vert", self.revert, icon_name="revert",
                                          tip="Drop unsaved changes and reload the file")
        self.import_action = self._action("&Import Articles…", self.import_dialog,
                                          icon_name="import", shortcut="Ctrl+I",
                                          tip="Add articles from text, Markdown, web pages or "
                                              "Word files")
        self.import_folder_action = self._action(
            "Import Fol&der…", lambda: self.importer.choose_folder_and_import(),
            tip="Add the articles saved in a folder")
        self.import_web_action = self._action(
            "Import from &Web Address…", lambda: self.importer.ask_and_import_web_address(),
            shortcut="Ctrl+Shift+I", tip="Fetch a web page and add its article")
        self.paste_article_action = self._action(
            "&Paste Article", lambda: self.importer.paste(), shortcut="Ctrl+Shift+V",
            tip="Add the article copied from a browser or document")
        self.tree_paste_action = self._action("Paste Article", lambda: self.importer.paste(),
                                              shortcut=QKeySequence.StandardKey.Paste)
        self.tree_paste_action.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
        self.tree.addAction(self.tree_paste_action)
        self.export_action = self._action("&Export…", self.export_dialog, icon_name="export",
                                          shortcut="Ctrl+E",
                                          tip="Write the briefing note as Word, PDF, HTML or "
                                              "Markdown")
        self.quit_action = self._action("&Quit", self.close, shortcut=key.Quit,
                                        tip="Close Briefing")
        stack = self.document.undo_stack
        self.undo_action = stack.createUndoAction(self, "&Undo")
        self.undo_action.setShortcuts(undo_keys())
        self._icon_names[self.undo_action] = "undo"
        self.redo_action = stack.createRedoAction(self, "&Redo")
        self.redo_action.setShortcuts(redo_keys())
        self._icon_names[self.redo_action] = "redo"
        self.find_action = self._action("Filter &Outline", self._focus_filter,
                                        icon_name="filter", shortcut="Ctrl+Shift+F",
                                        tip="Narrow the outline to matching sections")
        self.about_action = self._action("&About Briefing", self._about, icon_name="about",
                                         tip="Version and licence")
        self.guide_action = self._action("&User Guide", self.show_user_guide,
                                         shortcut=key.HelpContents,
                                         tip="Read how to use Briefing")
        self.shortcuts_action = self._action("&Keyboard Shortcuts…", self.show_shortcuts,
                                             tip="List every keyboard shortcut")

    def refresh_icons(self) -> None:
        """Fetch the icons again (after a light/dark switch, they are drawn in the new colour)."""
        for action, name in self._icon_names.items():
            action.setIcon(icon(name))
        self.recent_menu.setIcon(icon("recent"))
        self.setWindowIcon(icon("app"))
        for tabs, names in ((self.centre_tabs, ("", "preview")),
                            (self.right_tabs, ("note", "pick"))):
            for row, name in enumerate(names):
                if name:
                    tabs.setTabIcon(row, icon(name))

    def _build_menus(self) -> None:
        menu = self.menuBar()
        file_menu = menu.addMenu("&File")
        file_menu.addActions([self.new_action, self.open_action])
        self.recent_menu = QMenu("Open &Recent", self)
        self.recent_menu.setIcon(icon("recent"))
        self.recent_menu.aboutToShow.connect(self._fill_recent_menu)
        file_menu.addMenu(self.recent_menu)
        file_menu.addSeparator()
        file_menu.addActions([self.save_action, self.save_as_action, self.revert_action])
        file_menu.addSeparator()
        file_menu.addActions([self.import_action, self.import_folder_action,
                               self.import_web_action, self.export_action])
        file_menu.addSeparator()
        file_menu.addActions([self.print_preview_action, self.print_action])
        file_menu.addSeparator()
        file_menu.addAction(self.quit_action)
        edit_menu = menu.addMenu("&Edit")
        edit_menu.addActions([self.undo_action, self.redo_action])
        edit_menu.addSeparator()
        edit_menu.addAction(self.paste_article_action)
        edit_menu.addSeparator()
        edit_menu.addActions([self.excerpts.pick_action, self.excerpts.remove_action])
        edit_menu.addSeparator()
        edit_menu.addActions([self.find_text_action, self.replace_action, self.find_next_action,
                              self.find_previous_action, self.find_action])
        edit_menu.addSeparator()
        self._build_editing(edit_menu)
        view_menu = menu.addMenu("&View")
        self.picked_only_action = view_menu.addAction("Picked &Sections Only")
        self.picked_only_action.setCheckable(True)
        self.picked_only_action.setChecked(self.picked_only.isChecked())
        self.picked_only_action.setShortcut(QKeySequence("Ctrl+Shift+P"))
        self.picked_only_action.toggled.connect(self.picked_only.setChecked)
        self.picked_only.toggled.connect(self.picked_only_action.setChecked)
        view_menu.addActions([self.side_by_side_action, self.distraction_free_action])
        view_menu.addSeparator()
        self.focus_actions: dict[str, QAction] = {}
        for number, (name, target) in enumerate((
                ("Outline", lambda: self.tree.setFocus()),
                ("Reader", lambda: self._focus_tab(self.centre_tabs, self.reader)),
                ("Preview", lambda: self._focus_tab(self.centre_tabs, self.preview)),
                ("Note", lambda: self._focus_tab(self.right_tabs, self.note_editor)),
                ("Briefing", lambda: self._focus_tab(self.right_tabs, self.briefing_panel)),
        ), start=1):
            action = view_menu.addAction(f"Go to &{name}")
            action.setShortcut(QKeySequence(f"Alt+{number}"))
            action.setStatusTip(f"Move the keyboard focus to the {name.lower()}")
            action.triggered.connect(target)
            self.focus_actions[name] = action
        view_menu.addSeparator()
        view_menu.addAction(self.spelling.check_action)
        view_menu.addMenu(self.spelling.language_menu)
        help_menu = menu.addMenu("&Help")
        help_menu.addActions([self.guide_action, self.shortcuts_action])
        help_menu.addSeparator()
        help_menu.addAction(self.about_action)
        toolbar = self.addToolBar("Main")
        toolbar.setObjectName("main-toolbar")
        toolbar.setMovable(False)
        toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        toolbar.addActions([self.open_action, self.save_action])
        toolbar.addSeparator()
        toolbar.addActions([self.import_action, self.export_action])
        toolbar.addSeparator()
        toolbar.addActions([self.undo_action, self.redo_action])

    def _restore_layout(self) -> None:
        geometry = self.settings.window_geometry
        restored = bool(geometry) and self.restoreGeometry(geometry)
        place_on_screen(self, restored=restored)
        state = self.settings.window_state
        if state:
            self.restoreState(state)
        splitter = self.settings.splitter_state("main")
        if splitter:
            self.splitter.restoreState(splitter)

    def _save_layout(self) -> None:
        self.settings.window_geometry = bytes(self.saveGeometry().data())
        self.settings.window_state = bytes(self.saveState().data())
        self.settings.set_splitter_state("main", bytes(self.splitter.saveState().data()))
        self.settings.picked_only = self.picked_only.isChecked()
        node = self.current_node()
        in_last_file = self.document.path is not None and self.document.path == \
            self.settings.last_file
        self.settings.current_section = node.id if isinstance(node, Section) and in_last_file \
            else ""
        self.settings.sync()

    # ------------------------------------------------------------------ tree and panes

    def _on_outline_replaced(self) -> None:
        # A large outline is millions of long-lived objects; moving them out of the garbage
        # collector's sight keeps its full passes from pausing the window while filtering
        # or typing. (They are still freed by reference counting when the outline goes.)
        gc.freeze()
        self._update_title()
        self._update_picked_label()
        self.reader.show_nothing()
        self.apply_filter()  # also opens the articles
        first = self._view_model().index(0, 0)
        if first.isValid():
            self.tree.setCurrentIndex(first)

    def _expand_inserted(self, first: int, last: int) -> None:
        """Open the articles just added (an import): they are what the user wants to see."""
        for row in range(first, min(last + 1, self.outline_model.rowCount())):
            index = self._from_source(self.outline_model.article_index(row))
            if index.isValid():  # (filtered out: nothing to open)
                self.tree.expand(index)

    def _expand_articles(self, row_budget: int) -> None:
        """Open the articles, only as many as show about ``row_budget`` rows."""
        model = self._view_model()
        shown = 0
        for row in range(model.rowCount()):
            index = model.index(row, 0)
            if shown >= row_budget:
                break
            shown += model.rowCount(index)
            self.tree.expand(index)

    # The tree shows the outline model itself while nothing is filtered, and the filter model
    # only while filtering: a proxy costs a Python call per row it maps, which a 10,000-section
    # outline feels on every expand.

    def _view_model(self) -> OutlineModel | OutlineFilterModel:
        model = self.tree.model()
        return self.filter_model if model is self.filter_model else self.outline_model

    def _to_source(self, index: QModelIndex) -> QModelIndex:
        if self.tree.model() is self.filter_model:
            return self.filter_model.mapToSource(index)
        return index

    def _from_source(self, index: QModelIndex) -> QModelIndex:
        if self.tree.model() is self.filter_model:
            return self.filter_model.mapFromSource(index)
        return index

    def _show_in_tree(self, model: OutlineModel | OutlineFilterModel) -> None:
        if self.tree.model() is model:
            return
        old = self.tree.selectionModel()
        self.tree.setModel(model)
        old.deleteLater()
        self.tree.selectionModel().currentChanged.connect(self._on_tree_current)

    def apply_filter(self) -> None:
        """Narrow the tree to the filter box's text now (typing does it after a short pause).

        The tree is collapsed first (removing thousands of expanded rows one by one is what
        makes a filter slow) and then opened to show the matches, or only the articles when
        there are too many matches to read anyway.
        """
        self._filter_timer.stop()
        current = self.current_node()
        self.tree.setUpdatesEnabled(False)
        try:
            self.tree.collapseAll()
            self.filter_model.set_filter(self.filter_edit.text(), self.picked_only.isChecked())
            self._show_in_tree(self.filter_model if self.filter_model.is_filtering
                               else self.outline_model)
            if not self.filter_model.is_filtering:
                self._expand_articles(OPEN_ARTICLES_ROWS)
            elif self.filter_model.match_count <= EXPAND_ALL_LIMIT:
                self.tree.expandAll()
            else:
                self._expand_articles(EXPAND_ALL_LIMIT)
            index = self._from_source(self._source_index(current))
            if index.isValid():
                self.tree.setCurrentIndex(index)
                self.tree.scrollTo(index)
        finally:
            self.tree.setUpdatesEnabled(True)

    def _source_index(self, node: Article | Section | Excerpt | None) -> QModelIndex:
        if isinstance(node, Section | Excerpt):
            return self.outline_model.section_index(node.id)
        rows = (row for row, article in enumerate(self.document.outline.articles)
                if article is node)
        row = next(rows, None)
        return self.outline_model.article_index(row) if row is not None else QModelIndex()

    def _on_picked_only(self, checked: bool) -> None:
        self.apply_filter()
        self.show_status("Showing picked sections only" if checked else "Showing all sections")

    def _focus_tab(self, tabs: QTabWidget, page: QWidget) -> None:
        if tabs.indexOf(page) >= 0:  # (the preview is no tab while side by side)
            tabs.setCurrentWidget(page)
        targets: dict[QWidget, QWidget] = {
            self.note_editor: self.note_editor.editor,
            self.preview: self.preview.browser(),
            self.briefing_panel: self.briefing_panel.lines["title"]}
        targets.get(page, page).setFocus(Qt.FocusReason.ShortcutFocusReason)
        if page is self.briefing_panel:
            self.briefing_panel.focus_first_field()  # scrolled into view

    def _show_tree_or_hint(self, *args: object) -> None:
        """The tree, or how to bring articles in while there are none."""
        page = self.empty_hint if not self.document.outline.articles else self.tree
        focused = QApplication.focusWidget()
        had_focus = focused is not None and self.tree_pages.isAncestorOf(focused)
        self.tree_pages.setCurrentWidget(page)
        if had_focus:
            (page.import_button if page is self.empty_hint else page).setFocus()

    def _focus_tree(self) -> None:
        self.tree.setFocus(Qt.FocusReason.ShortcutFocusReason)

    def _on_undo_index(self, index: int) -> None:
        self.filter_edit.forget_history()  # Ctrl+Z in the filter now undoes the document

    def _focus_filter(self) -> None:
        self.filter_edit.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.filter_edit.selectAll()

    def _filter_to_tree(self) -> None:
        """Enter in the filter box: filter now and go to the matches in the tree."""
        self.apply_filter()
        current = self.tree.currentIndex()
        if self.filter_model.is_filtering and not self.filter_model.matches_itself(current):
            first = self._first_match(QModelIndex())
            if first.isValid():
                self.tree.setCurrentIndex(first)
                self.tree.scrollTo(first)
        elif not current.isValid():
            self.tree.setCurrentIndex(self._view_model().index(0, 0))
        self.tree.setFocus(Qt.FocusReason.ShortcutFocusReason)

    def _first_match(self, parent: QModelIndex) -> QModelIndex:
        model = self.filter_model
        for row in range(model.rowCount(parent)):
            index = model.index(row, 0, parent)
            found = index if model.matches_itself(index) else self._first_match(index)
            if found.isValid():
                return found
        return QModelIndex()

    def _show_fit(self, text: str, over_budget: bool) -> None:
        self.fit_label.setText(f"\u26a0 {text}" if over_budget else text)
        self.fit_label.setStyleSheet("color: #c0392b; font-weight: bold;" if over_budget else "")

    def _update_picked_label(self) -> None:
        self.picked_label.setText(picked_summary(self.document))

    def select_section(self, section_id: str) -> bool:
        """Select a section in the tree (clearing a filter that hides it)."""
        source = self.outline_model.section_index(section_id)
        if not source.isValid():
            return False
        index = self._from_source(source)
        if not index.isValid():
            self.filter_edit.clear()
            self.picked_only.setChecked(False)
            self.apply_filter()
            index = self._from_source(source)
        self.tree.setCurrentIndex(index)
        self.tree.scrollTo(index)
        return True

    def current_node(self) -> Article | Section | Excerpt | None:
        index = self._to_source(self.tree.currentIndex())
        return self.outline_model.node(index)

    def _on_tree_current(self, current: QModelIndex, previous: QModelIndex) -> None:
        self._show_current()
        self.excerpts.update_remove()
        self.outline_actions.update()
        self.word_counts.follow_selection()

    def _show_current(self) -> None:
        source = self._to_source(self.tree.currentIndex())
        self.filter_model.keep_visible(source)
        node = self.outline_model.node(source)
        row = self._article_row(source)
        if isinstance(node, Section) and row is not None:
            article = self.document.outline.articles[row]
            self.reader.show_section(row, article, node)
            self.note_editor.set_section(node.id)
        elif isinstance(node, Article) and row is not None:
            self.reader.show_article(row, node)
            self.note_editor.set_section(None)
        elif isinstance(node, Excerpt) and row is not None:
            self.excerpts.show_in_reader(row, node)
            self.note_editor.set_section(node.id)
        else:
            self.reader.show_nothing()
            self.note_editor.set_section(None)

    def _article_row(self, source: QModelIndex) -> int | None:
        while source.isValid() and source.parent().isValid():
            source = source.parent()
        return source.row() if source.isValid() else None

    def _on_article_changed(self, row: int) -> None:
        index = self._to_source(self.tree.currentIndex())
        if self._article_row(index) == row:
            self._show_current()

    def _on_section_changed(self, section_id: str) -> None:
        self._update_picked_label()

    def export_dialog(self) -> JobHandle[ExportResult] | None:
        """Ask how and where to export, then export in the background."""
        from briefing.gui.export_dialog import ExportDialog, export_in_background

        dialog = ExportDialog(self.document.outline, self.briefing_panel.templates, self,
                              settings=self.settings,
                              suggested_name=self.document.display_name)
        if not dialog.exec():
            return None
        self.export_job = export_in_background(self, self.document.outline, dialog.request(),
                                               status=self.show_status,
                                               source=self.document.path,
                                               changed=self.document.changed)
        return self.export_job

    def _about(self) -> None:
        from briefing.gui.about import show_about

        show_about(self)
