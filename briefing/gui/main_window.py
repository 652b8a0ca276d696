"""The main window: outline tree, reader, note editor and briefing panel around one document.

Layout: the outline tree with its filter on the left, the reader in the centre, the note editor and
the briefing panel as tabs on the right. File and Edit menus act on the :class:`Document`; every
edit goes through its undo stack, and the title's ``[*]`` marker follows the stack's clean state.
Errors the core reports (a bad outline file ...) appear as a dialog naming the file and what to do,
and leave the open outline as it was.
"""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtCore import QModelIndex, Qt, QTimer
from PySide6.QtGui import QAction, QCloseEvent, QDragEnterEvent, QDropEvent, QKeySequence
from PySide6.QtWidgets import (
    QCheckBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMainWindow,
    QMenu,
    QMessageBox,
    QSplitter,
    QTabWidget,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from briefing.core import paths
from briefing.core.errors import BriefingError
from briefing.core.model import Article, Section
from briefing.gui.briefing_panel import BriefingPanel
from briefing.gui.document import Document
from briefing.gui.icons import icon
from briefing.gui.importing import OUTLINE_SUFFIXES, ArticleImporter, dropped_files
from briefing.gui.note_editor import NoteEditor
from briefing.gui.outline_model import (
    HighlightDelegate,
    OutlineFilterModel,
    OutlineModel,
)
from briefing.gui.preview_pane import PreviewPane
from briefing.gui.reader_view import ReaderView
from briefing.gui.settings import AppSettings

logger = logging.getLogger(__name__)

APP_TITLE = "Briefing"
OUTLINE_FILTER = "Briefing outlines (*.yaml *.yml);;All files (*)"
STATUS_TIMEOUT_MS = 6000
FILTER_DELAY_MS = 60
"""Pause after a keystroke in the filter box before the tree is narrowed (one pass per burst)."""


class MainWindow(QMainWindow):
    """The editor window; ``document`` is the open outline, shared with every pane."""

    def __init__(self, document: Document | None = None,
                 settings: AppSettings | None = None) -> None:
        super().__init__()
        self.document = document or Document(self)
        self.settings = settings or AppSettings()
        self.setWindowIcon(icon("app"))
        self.resize(1280, 800)

        self.outline_model = OutlineModel(self.document, self)
        self.outline_model.confirm_subsections = self._confirm_subsections
        self.filter_model = OutlineFilterModel(self.outline_model, self)
        self._build_left()
        self.reader = ReaderView()
        self.reader.restore_requested.connect(self.document.restore_discarded)
        self.centre_tabs = QTabWidget()
        self.centre_tabs.setDocumentMode(True)
        self.centre_tabs.addTab(self.reader, icon("note"), "&Reader")
        self.preview = PreviewPane(lambda: self.document.outline)
        self.centre_tabs.addTab(self.preview, icon("preview"), "Pre&view")
        self.note_editor = NoteEditor(self.document)
        self.briefing_panel = BriefingPanel(self.document, warn=self._warn)
        self.briefing_panel.order_view.section_activated.connect(self.select_section)
        self.right_tabs = QTabWidget()
        self.right_tabs.setDocumentMode(True)
        self.right_tabs.addTab(self.note_editor, icon("note"), "&Note")
        self.right_tabs.addTab(self.briefing_panel, icon("preview"), "&Briefing")

        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.addWidget(self.left_panel)
        self.splitter.addWidget(self.centre_tabs)
        self.splitter.addWidget(self.right_tabs)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 5)
        self.splitter.setStretchFactor(2, 4)
        self.splitter.setSizes([420, 480, 380])
        self.splitter.setChildrenCollapsible(False)
        self.setCentralWidget(self.splitter)

        self.importer = ArticleImporter(self, self.document, self.show_status)
        self.setAcceptDrops(True)
        self._build_actions()
        self._build_menus()
        self.refresh_icons()
        self.picked_label = QLabel()
        self.statusBar().addPermanentWidget(self.picked_label)
        self.fit_label = QLabel()
        self.fit_label.setAccessibleName("Page fit")
        self.fit_label.setToolTip("Estimated length of the exported note against the "
                                  "template's page budget")
        self.statusBar().addPermanentWidget(self.fit_label)
        self.preview.fit_changed.connect(self._show_fit)

        doc = self.document
        doc.modified_changed.connect(self.setWindowModified)
        doc.path_changed.connect(self._update_title)
        doc.outline_replaced.connect(self._on_outline_replaced)
        doc.picks_changed.connect(self._update_picked_label)
        doc.article_changed.connect(self._on_article_changed)
        doc.section_changed.connect(self._on_section_changed)
        doc.articles_inserted.connect(lambda first, last: self._expand_articles())
        doc.changed.connect(self.preview.schedule_refresh)
        self._update_title()
        self._update_picked_label()
        self._restore_layout()

    # -------------------------------------------------------------------------- layout

    def _build_left(self) -> None:
        self.filter_edit = QLineEdit()
        self.filter_edit.setPlaceholderText("Filter headings, text and notes")
        self.filter_edit.setAccessibleName("Filter outline")
        self.filter_edit.setClearButtonEnabled(True)
        self.filter_edit.addAction(icon("filter"), QLineEdit.ActionPosition.LeadingPosition)
        self._filter_timer = QTimer(self)
        self._filter_timer.setSingleShot(True)
        self._filter_timer.setInterval(FILTER_DELAY_MS)
        self._filter_timer.timeout.connect(self.apply_filter)
        self.filter_edit.textChanged.connect(lambda _text: self._filter_timer.start())
        self.picked_only = QCheckBox("&Picked only")
        self.picked_only.setToolTip("Show only the sections you picked")
        self.picked_only.setChecked(self.settings.picked_only)
        self.picked_only.toggled.connect(self._on_picked_only)

        self.tree = QTreeView()
        self.tree.setModel(self.filter_model)
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

        top = QHBoxLayout()
        top.addWidget(self.filter_edit, 1)
        top.addWidget(self.picked_only)
        self.left_panel = QWidget()
        layout = QVBoxLayout(self.left_panel)
        layout.setContentsMargins(6, 6, 0, 6)
        layout.addLayout(top)
        layout.addWidget(self.tree, 1)
        if self.settings.picked_only:
            self.filter_model.set_picked_only(True)

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
        self.quit_action = self._action("&Quit", self.close, shortcut=key.Quit,
                                        tip="Close Briefing")
        stack = self.document.undo_stack
        self.undo_action = stack.createUndoAction(self, "&Undo")
        self.undo_action.setShortcuts(key.Undo)
        self._icon_names[self.undo_action] = "undo"
        self.redo_action = stack.createRedoAction(self, "&Redo")
        self.redo_action.setShortcuts(key.Redo)
        self._icon_names[self.redo_action] = "redo"
        self.find_action = self._action("&Filter Outline", self._focus_filter,
                                        icon_name="filter", shortcut=key.Find,
                                        tip="Narrow the outline to matching sections")
        self.about_action = self._action("&About Briefing", self._about, icon_name="about",
                                         tip="Version and licence")

    def refresh_icons(self) -> None:
        """Fetch the icons again (after a light/dark switch, they are drawn in the new colour)."""
        for action, name in self._icon_names.items():
            action.setIcon(icon(name))
        self.recent_menu.setIcon(icon("recent"))
        self.setWindowIcon(icon("app"))
        for tabs, names in ((self.centre_tabs, ("note", "preview")),
                            (self.right_tabs, ("note", "preview"))):
            for row in range(tabs.count()):
                tabs.setTabIcon(row, icon(names[min(row, len(names) - 1)]))

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
        file_menu.addAction(self.import_action)
        file_menu.addSeparator()
        file_menu.addAction(self.quit_action)
        edit_menu = menu.addMenu("&Edit")
        edit_menu.addActions([self.undo_action, self.redo_action])
        edit_menu.addSeparator()
        edit_menu.addAction(self.find_action)
        help_menu = menu.addMenu("&Help")
        help_menu.addAction(self.about_action)
        toolbar = self.addToolBar("Main")
        toolbar.setObjectName("main-toolbar")
        toolbar.setMovable(False)
        toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        toolbar.addActions([self.open_action, self.save_action, self.import_action])
        toolbar.addSeparator()
        toolbar.addActions([self.undo_action, self.redo_action])

    def _restore_layout(self) -> None:
        geometry = self.settings.window_geometry
        if geometry:
            self.restoreGeometry(geometry)
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
        self.settings.sync()

    # ---------------------------------------------------------------------- messages

    def show_status(self, message: str) -> None:
        self.statusBar().showMessage(message, STATUS_TIMEOUT_MS)

    def _warn(self, message: str) -> None:
        logger.warning("%s", message)
        self.show_status(message)

    def show_error(self, title: str, error: BriefingError | OSError | ValueError) -> None:
        """A dialog for an error the user can act on; never a traceback."""
        if isinstance(error, OSError) and error.filename:
            text = f"{error.filename}: {error.strerror or error}"
        else:
            text = str(error)
        logger.warning("%s: %s", title, text)
        self.show_status(f"{title}: {text}")
        QMessageBox.warning(self, title, text)

    def _confirm_subsections(self, section: Section, picked: bool) -> bool:
        others = sum(1 for sub in section.walk() if sub is not section and sub.picked != picked)
        verb = "pick" if picked else "unpick"
        noun = "subsection" if others == 1 else f"{others} subsections"
        answer = QMessageBox.question(
            self, f"{verb.capitalize()} subsections",
            f"Also {verb} the {noun} of “{section.label}”?",
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.Yes)
        return answer == QMessageBox.StandardButton.Yes

    # ------------------------------------------------------------------------- files

    def _update_title(self) -> None:
        self.setWindowTitle(f"{self.document.display_name}[*] — {APP_TITLE}")
        self.setWindowModified(self.document.is_modified)
        self.revert_action.setEnabled(self.document.path is not None)

    def maybe_save(self) -> bool:
        """True when it is fine to drop the open outline (saved, discarded, or unmodified)."""
        if not self.document.is_modified:
            return True
        buttons = (QMessageBox.StandardButton.Save | QMessageBox.StandardButton.Discard
                   | QMessageBox.StandardButton.Cancel)
        answer = QMessageBox.question(
            self, "Unsaved changes",
            f"Save the changes to “{self.document.display_name}” before closing it?",
            buttons, QMessageBox.StandardButton.Save)
        if answer == QMessageBox.StandardButton.Save:
            return self.save()
        return answer == QMessageBox.StandardButton.Discard

    def new_file(self) -> None:
        if self.maybe_save():
            self.document.new()
            self.show_status("New outline")

    def open_dialog(self) -> None:
        if not self.maybe_save():
            return
        start = str(self.document.path.parent) if self.document.path else ""
        name, _ = QFileDialog.getOpenFileName(self, "Open outline", start, OUTLINE_FILTER)
        if name:
            self.open_file(Path(name), ask=False)

    def open_file(self, path: Path, *, ask: bool = True) -> bool:
        """Open ``path``; on an error show it and keep the open outline."""
        if ask and not self.maybe_save():
            return False
        warnings: list[str] = []
        try:
            self.document.open(path, warnings.append)
        except BriefingError as error:
            self.show_error("Cannot open outline", error)
            return False
        self.settings.add_recent(path)
        self.settings.last_file = path
        self.show_status(warnings[0] if warnings else f"Opened {path.name}")
        return True

    def open_sample(self) -> bool:
        """Open the bundled sample as an unsaved outline (Save asks where to put it)."""
        try:
            self.document.open(paths.SAMPLE_OUTLINE, self._warn, as_untitled="Sample outline")
        except BriefingError as error:
            self.show_error("Cannot open the sample outline", error)
            return False
        return True

    def save(self) -> bool:
        if self.document.path is None:
            return self.save_as()
        return self._save_to(self.document.path)

    def save_as(self) -> bool:
        start = str(self.document.path or Path.home() / f"{self.document.display_name}.yaml")
        name, _ = QFileDialog.getSaveFileName(self, "Save outline as", start, OUTLINE_FILTER)
        if not name:
            return False
        path = Path(name)
        if not path.suffix:
            path = path.with_suffix(".yaml")
        return self._save_to(path)

    def _save_to(self, path: Path) -> bool:
        try:
            self.document.save(path)
        except (BriefingError, OSError) as error:
            self.show_error("Cannot save outline", error)
            return False
        self.settings.add_recent(path)
        self.settings.last_file = path
        self.show_status(f"Saved {path.name}")
        return True

    def revert(self) -> None:
        if self.document.path is None:
            return
        if self.document.is_modified:
            answer = QMessageBox.question(
                self, "Revert", f"Drop all unsaved changes to “{self.document.display_name}”?",
                QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
                QMessageBox.StandardButton.No)
            if answer != QMessageBox.StandardButton.Yes:
                return
        try:
            self.document.revert(self._warn)
        except BriefingError as error:
            self.show_error("Cannot revert", error)
            return
        self.show_status(f"Reverted to the saved {self.document.display_name}")

    def import_dialog(self) -> None:
        self.importer.choose_and_import()

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if dropped_files(event.mimeData()):
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:
        """Dropped outline files open (the first one); any other files are imported."""
        files = dropped_files(event.mimeData())
        if not files:
            return
        event.acceptProposedAction()
        outlines = [path for path in files if path.suffix.lower() in OUTLINE_SUFFIXES]
        articles = [path for path in files if path.suffix.lower() not in OUTLINE_SUFFIXES]
        if articles:
            self.importer.import_files(articles)
        elif outlines:
            self.open_file(outlines[0])

    def _fill_recent_menu(self) -> None:
        self.recent_menu.clear()
        recent = self.settings.recent_files
        for number, path in enumerate(recent, start=1):
            action = self.recent_menu.addAction(f"&{number % 10} {path.name}")
            action.setToolTip(str(path))
            action.setStatusTip(str(path))
            action.triggered.connect(lambda _checked=False, path=path: self.open_file(path))
        if not recent:
            self.recent_menu.addAction("No recent files").setEnabled(False)
        else:
            self.recent_menu.addSeparator()
            self.recent_menu.addAction("Clear List", self.settings.clear_recent)

    def closeEvent(self, event: QCloseEvent) -> None:
        if not self.maybe_save():
            event.ignore()
            return
        self._save_layout()
        event.accept()

    # ------------------------------------------------------------------ tree and panes

    def _on_outline_replaced(self) -> None:
        self._update_title()
        self._update_picked_label()
        self.reader.show_nothing()
        self._expand_articles()
        self.apply_filter()
        first = self.filter_model.index(0, 0)
        if first.isValid():
            self.tree.setCurrentIndex(first)

    def _expand_articles(self) -> None:
        for row in range(self.filter_model.rowCount()):
            self.tree.expand(self.filter_model.index(row, 0))

    def apply_filter(self) -> None:
        """Narrow the tree to the filter box's text now (typing does it after a short pause)."""
        self._filter_timer.stop()
        self.filter_model.set_filter(self.filter_edit.text(), self.picked_only.isChecked())
        if self.filter_model.is_filtering:
            self.tree.expandAll()

    def _on_picked_only(self, checked: bool) -> None:
        self.apply_filter()
        self.show_status("Showing picked sections only" if checked else "Showing all sections")

    def _focus_filter(self) -> None:
        self.filter_edit.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.filter_edit.selectAll()

    def _show_fit(self, text: str, over_budget: bool) -> None:
        self.fit_label.setText(f"\u26a0 {text}" if over_budget else text)
        self.fit_label.setStyleSheet("color: #c0392b; font-weight: bold;" if over_budget else "")

    def _update_picked_label(self) -> None:
        count = len(self.document.picked_ids())
        self.picked_label.setText(f"{count} section{'s' if count != 1 else ''} picked")

    def select_section(self, section_id: str) -> bool:
        """Select a section in the tree (clearing a filter that hides it)."""
        source = self.outline_model.section_index(section_id)
        if not source.isValid():
            return False
        index = self.filter_model.mapFromSource(source)
        if not index.isValid():
            self.filter_edit.clear()
            self.picked_only.setChecked(False)
            self.apply_filter()
            index = self.filter_model.mapFromSource(source)
        self.tree.setCurrentIndex(index)
        self.tree.scrollTo(index)
        return True

    def current_node(self) -> Article | Section | None:
        index = self.filter_model.mapToSource(self.tree.currentIndex())
        return self.outline_model.node(index)

    def _on_tree_current(self, current: QModelIndex, previous: QModelIndex) -> None:
        self._show_current()

    def _show_current(self) -> None:
        proxy_index = self.tree.currentIndex()
        source = self.filter_model.mapToSource(proxy_index)
        node = self.outline_model.node(source)
        row = self._article_row(source)
        if isinstance(node, Section) and row is not None:
            article = self.document.outline.articles[row]
            self.reader.show_section(row, article, node)
            self.note_editor.set_section(node.id)
        elif isinstance(node, Article) and row is not None:
            self.reader.show_article(row, node)
            self.note_editor.set_section(None)
        else:
            self.reader.show_nothing()
            self.note_editor.set_section(None)

    def _article_row(self, source: QModelIndex) -> int | None:
        while source.isValid() and source.parent().isValid():
            source = source.parent()
        return source.row() if source.isValid() else None

    def _on_article_changed(self, row: int) -> None:
        index = self.filter_model.mapToSource(self.tree.currentIndex())
        if self._article_row(index) == row:
            self._show_current()

    def _on_section_changed(self, section_id: str) -> None:
        self._update_picked_label()

    def _about(self) -> None:
        from briefing.gui.about import show_about

        show_about(self)
