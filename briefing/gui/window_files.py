"""File handling for the main window: new, open, save, revert, recent files, dropping files,
closing with unsaved changes, and restoring work autosaved before a crash.

:class:`FileWindow` is the main window's base class; it works on the attributes the window sets up
(``document``, ``settings``, ``autosaver``, ``importer``, ``recent_menu``, ``revert_action``).
Every error the core reports appears as a dialog naming the file and what to do, and leaves the
open outline as it was.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtGui import QAction, QCloseEvent, QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import QFileDialog, QMainWindow, QMenu, QMessageBox

from briefing.core import paths
from briefing.core.errors import BriefingError
from briefing.core.model import Outline
from briefing.gui.autosave import Autosaver, discard_recovery, find_recovery, restore_recovery
from briefing.gui.document import Document
from briefing.gui.importing import OUTLINE_SUFFIXES, ArticleImporter, dropped_files
from briefing.gui.settings import AppSettings

if TYPE_CHECKING:
    from briefing.gui.workers import JobHandle

logger = logging.getLogger(__name__)

APP_TITLE = "Briefing"
OUTLINE_FILTER = "Briefing outlines (*.yaml *.yml);;All files (*)"
STATUS_TIMEOUT_MS = 6000
BACKGROUND_OPEN_BYTES = 2 * 1024 * 1024
"""Outline files this large are read on a worker thread (about 1,000 sections and up)."""


class FileWindow(QMainWindow):
    """A main window's file commands and messages, over its :class:`Document`."""

    document: Document
    settings: AppSettings
    autosaver: Autosaver
    importer: ArticleImporter
    recent_menu: QMenu
    revert_action: QAction
    open_job: JobHandle[Outline] | None = None
    """The last background open (for tests, and to keep it alive while it runs)."""

    def _save_layout(self) -> None:
        """Store the window's layout before it closes (the window overrides this)."""

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
        # The title again in the text: some desktops (macOS, a bare X server) show no title.
        QMessageBox.warning(self, title, f"{title}.\n\n{text}")

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
            f"“{self.document.display_name}” has changes that are not saved. Save them first?",
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

    def open_file(self, path: Path, *, ask: bool = True, background: bool | None = None) -> bool:
        """Open ``path``; on an error show it and keep the open outline.

        A large file (``background`` None and at least :data:`BACKGROUND_OPEN_BYTES`) is read
        on a worker thread with progress and Cancel, so the window stays responsive; the
        outline replaces the open one when it is read, and True then means "started".
        """
        if ask and not self.maybe_save():
            return False
        if background is None:
            try:
                background = path.stat().st_size >= BACKGROUND_OPEN_BYTES
            except OSError:
                background = False  # the reader words the problem
        if background:
            self._open_in_background(path)
            return True
        warnings: list[str] = []
        try:
            self.document.open(path, warnings.append)
        except BriefingError as error:
            self._open_failed(path, error)
            return False
        self._opened(path, warnings)
        return True

    def _open_in_background(self, path: Path) -> None:
        from briefing.core.outline_file import load_outline
        from briefing.gui.workers import CancelToken, ProgressCallback, run_with_progress

        warnings: list[str] = []
        undo_index = self.document.undo_stack.index()

        def job(token: CancelToken, progress: ProgressCallback) -> Outline:
            progress(0, 0, f"Reading {path.name}")
            outline = load_outline(path, warnings.append)
            token.raise_if_cancelled()
            return outline

        def done(outline: Outline) -> None:
            edited_meanwhile = self.document.undo_stack.index() != undo_index
            if edited_meanwhile and not self.maybe_save():
                self.show_status(f"Did not open {path.name}")
                return
            self.document.replace(outline, path)
            self._opened(path, warnings)

        self.open_job = run_with_progress(
            self, f"Opening {path.name}", job, done,
            lambda error: self._open_failed(path, error),
            lambda: self.show_status(f"Opening {path.name} cancelled"))

    def _open_failed(self, path: Path, error: BriefingError) -> None:
        if not path.is_file():
            self.settings.remove_recent(path)
        self.show_error("Cannot open outline", error)

    def _opened(self, path: Path, warnings: list[str]) -> None:
        self.settings.add_recent(path)
        self.settings.last_file = path
        if warnings:
            more = f" (and {len(warnings) - 1} more in the log)" if len(warnings) > 1 else ""
            self.show_status(f"Opened {path.name}: {warnings[0]}{more}")
        else:
            self.show_status(f"Opened {path.name}")

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
            if outlines:
                names = ", ".join(path.name for path in outlines)
                self._warn(f"Not opened: {names} (drop an outline file on its own to open it)")
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
        self.autosaver.stop()  # a clean exit leaves no recovery copy or session marker
        event.accept()

    # ----------------------------------------------------------------------- recovery

    def _on_replaced_autosave(self) -> None:
        if not self.document.is_modified:
            self.autosaver.clear()

    def offer_recovery(self) -> bool:
        """After a crash, offer the work it left; True when it was restored."""
        info = find_recovery()
        if info is None:
            return False
        answer = QMessageBox.question(
            self, "Restore unsaved work",
            f"Briefing did not close properly last time. Restore the unsaved work?\n\n"
            f"{info.describe()}",
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Discard,
            QMessageBox.StandardButton.Yes)
        if answer != QMessageBox.StandardButton.Yes:
            discard_recovery(info)
            self.show_status("Autosaved work discarded")
            return False
        try:
            outline = restore_recovery(info, self._warn)
        except BriefingError as error:
            self.show_error("Cannot restore the autosaved work", error)
            return False
        self.document.replace(outline, info.original,
                              display_name=info.display_name or "Recovered outline",
                              modified=True)
        discard_recovery(info)
        self.show_status(f"Restored {info.describe()}; save it to keep it")
        return True

