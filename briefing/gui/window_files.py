"""File handling for the main window: new, open, save, revert, recent files, dropping files,
closing with unsaved changes, and restoring work autosaved before a crash.

:class:`FileWindow` is the main window's base class; it works on the attributes the window sets up
(``document``, ``settings``, ``autosaver``, ``importer``, ``recent_menu``, ``revert_action``).
Every error the core reports appears as a dialog naming the file and what to do, and leaves the
open outline as it was.
"""

from __future__ import annotations

import logging
import threading
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtGui import QAction, QCloseEvent, QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import QFileDialog, QMainWindow, QMenu, QMessageBox

from briefing.core import paths
from briefing.core.errors import BriefingError
from briefing.core.file_state import (
    FileChangedError,
    FileReadOnlyError,
    FileStamp,
    check_unchanged,
    stamp_file,
)
from briefing.core.model import Outline
from briefing.gui import file_questions
from briefing.gui.autosave import (
    Autosaver,
    clean_up_dead_sessions,
    discard_recovery,
    find_recovery,
    restore_recovery,
)
from briefing.gui.disk_watch import DiskWatch
from briefing.gui.document import Document
from briefing.gui.importing import (
    OUTLINE_SUFFIXES,
    ArticleImporter,
    dropped_files,
    is_article_drop,
)
from briefing.gui.open_file_lock import OpenFileLock, open_elsewhere, remove_dead_locks
from briefing.gui.settings import AppSettings
from briefing.gui.stray_files import remove_stray_temporaries

if TYPE_CHECKING:
    from briefing.core.early_parse import EarlyParse
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
    _open_lock: OpenFileLock | None = None
    _agreed_read_only: set[Path] | None = None
    stray_cleanup: threading.Thread | None = None
    """The background removal of temporaries killed writes left (started at start-up)."""

    @property
    def open_lock(self) -> OpenFileLock:
        """The lock that tells other windows and instances which outline this one has open."""
        if self._open_lock is None:
            self._open_lock = OpenFileLock()
        return self._open_lock

    _disk_watch: DiskWatch | None = None

    def hold_open_file(self) -> None:
        """Lock and watch the document's file (on every change of path)."""
        self.open_lock.hold(self.document.path)
        if self._disk_watch is None:
            self._disk_watch = DiskWatch(self)
            self._disk_watch.changed.connect(self._changed_on_disk)
        self._disk_watch.watch(self.document.path)

    def _changed_on_disk(self, path: Path) -> None:
        """The open file changed on disk: show the new version, or say that saving will ask."""
        stamp = self.document.disk_stamp
        if path != self.document.path or stamp is None:
            return
        try:
            check_unchanged(path, stamp)
        except FileChangedError as change:
            if change.missing:
                self.show_status(f"{path.name} was deleted or renamed on disk; Save will ask "
                                 "where to keep your work")
            elif self.document.is_modified:
                self.show_status(f"{path.name} was changed on disk by another program; Save "
                                 "will ask whether to reload it or keep your version")
            else:
                self._reload(path)

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

    def open_file(self, path: Path, *, ask: bool = True, background: bool | None = None,
                  early: EarlyParse | None = None) -> bool:
        """Open ``path``; on an error show it and keep the open outline.

        A large file (``background`` None and at least :data:`BACKGROUND_OPEN_BYTES`) is read
        on a worker thread with progress and Cancel, so the window stays responsive; the
        outline replaces the open one when it is read, and True then means "started".
        ``early``: the file's parse already under way in another process (at start).
        """
        if ask and not self.maybe_save():
            return False
        if not self._open_here_too(path):
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
            self.document.open(path, warnings.append, early=early)
        except BriefingError as error:
            self._open_failed(path, error)
            return False
        self._opened(path, warnings)
        return True

    def _open_here_too(self, path: Path) -> bool:
        """True unless another window has ``path`` open and the user would rather not."""
        try:
            if self.open_lock.path is not None and self.open_lock.path == path.resolve():
                return True  # this window's own file
        except OSError:
            return True
        holder = open_elsewhere(path)
        if holder is None:
            return True
        choice = file_questions.ask_choice(
            self, "Already open",
            f"“{path.name}” is already open {holder.describe()}.\n\n"
            "If both save it, one can overwrite the other's changes (Briefing will warn "
            "before that happens). Open it here too?",
            ["Open Anyway", "Cancel"], default=1, cancel=1)
        if choice != 0:
            self.show_status(f"Did not open {path.name}: it is open elsewhere")
            return False
        return True

    def _open_in_background(self, path: Path) -> None:
        from briefing.core.early_parse import start_early_parse
        from briefing.core.outline_file import load_outline
        from briefing.gui.workers import CancelToken, ProgressCallback, run_with_progress

        warnings: list[str] = []
        undo_index = self.document.undo_stack.index()
        stamps: list[FileStamp | None] = []

        def job(token: CancelToken, progress: ProgressCallback) -> Outline:
            progress(0, 0, f"Reading {path.name}")
            stamps.append(stamp_file(path))  # before reading, as Document.open does
            # Parsed in another process: this thread waits without holding the interpreter.
            early = start_early_parse(path)
            try:
                if early is not None and not early.wait(lambda: token.cancelled):
                    token.raise_if_cancelled()
                outline = load_outline(path, warnings.append, early)
            finally:
                if early is not None:
                    early.close()
            token.raise_if_cancelled()
            return outline

        def done(outline: Outline) -> None:
            edited_meanwhile = self.document.undo_stack.index() != undo_index
            if edited_meanwhile and not self.maybe_save():
                self.show_status(f"Did not open {path.name}")
                return
            self.document.replace(outline, path, stamp=stamps[0] if stamps else None)
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

    def _save_to(self, path: Path, *, force: bool = False, overwrite: bool = False) -> bool:
        try:
            self.document.save(path, force=force or path in self._replace_read_only,
                               overwrite_changes=overwrite)
        except FileReadOnlyError:
            return self._save_read_only(path)
        except FileChangedError as error:
            return self._save_changed_on_disk(path, error)
        except (BriefingError, OSError) as error:
            self.show_error("Cannot save outline", error)
            return False
        self.settings.add_recent(path)
        self.settings.last_file = path
        self.show_status(f"Saved {path.name}")
        return True

    @property
    def _replace_read_only(self) -> set[Path]:
        """Read-only files the user agreed to replace, so a later save does not ask again."""
        if self._agreed_read_only is None:
            self._agreed_read_only = set()
        return self._agreed_read_only

    def _save_read_only(self, path: Path) -> bool:
        choice = file_questions.ask_choice(
            self, "File is read-only",
            f"“{path.name}” is read-only, which protects it from changes.\n\n"
            "Replace it with your version anyway (it stays read-only), or save your version "
            "under another name?",
            ["Replace", "Save As…", "Cancel"], default=1, cancel=2)
        if choice == 0:
            self._replace_read_only.add(path)
            return self._save_to(path, force=True)
        return self.save_as() if choice == 1 else False

    def _save_changed_on_disk(self, path: Path, error: FileChangedError) -> bool:
        if error.missing:
            choice = file_questions.ask_choice(
                self, "File deleted or renamed",
                f"“{path.name}” was deleted or renamed since you opened it.\n\n"
                "Save your version under this name again, or under another name?",
                ["Save", "Save As…", "Cancel"], default=0, cancel=2)
            if choice == 0:
                return self._save_to(path, overwrite=True)
            return self.save_as() if choice == 1 else False
        choice = file_questions.ask_choice(
            self, "File changed on disk",
            f"“{path.name}” was changed by another program or another Briefing window since "
            "you opened it.\n\nReload it (your unsaved changes are dropped), overwrite it "
            "with your version (its changes are lost), or save your version under another "
            "name?",
            ["Reload", "Overwrite", "Save As…", "Cancel"], default=2, cancel=3)
        if choice == 0:
            self._reload(path)
            return False
        if choice == 1:
            return self._save_to(path, overwrite=True)
        return self.save_as() if choice == 2 else False

    def _reload(self, path: Path) -> None:
        try:
            self.document.open(path, self._warn)
        except BriefingError as error:
            self.show_error("Cannot reload outline", error)
            return
        self.show_status(f"Reloaded {path.name} with the changes made on disk")

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
        if event.source() is None and is_article_drop(event.mimeData()):
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:
        """Dropped outline files open (the first one); any other files are imported, and so
        is a link or a selection dragged from the browser."""
        mime = event.mimeData()
        if event.source() is not None or not is_article_drop(mime):
            # Text dragged within Briefing (from the reader or a note) is no new article.
            return
        event.acceptProposedAction()
        files = dropped_files(mime)
        outlines = [path for path in files if path.suffix.lower() in OUTLINE_SUFFIXES]
        articles = [path for path in files if path.suffix.lower() not in OUTLINE_SUFFIXES]
        if outlines and not articles:
            self.open_file(outlines[0])
            return
        if articles:
            self.importer.import_files(articles)
        else:
            self.importer.import_drop(mime)
        if outlines:
            names = ", ".join(path.name for path in outlines)
            self._warn(f"Not opened: {names} (drop an outline file on its own to open it)")

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
        self.open_lock.release()
        event.accept()

    # ----------------------------------------------------------------------- recovery

    def _on_replaced_autosave(self) -> None:
        if not self.document.is_modified:
            self.autosaver.clear()

    def clean_up_at_start(self) -> None:
        """Remove what crashed or killed sessions left: their markers and temporary files.

        The recovery folder is cleaned at once; the folders of recent outlines and the export
        folder (possibly slow network drives) on a background thread.
        """
        clean_up_dead_sessions(self.autosaver.folder)
        remove_dead_locks()
        folders = {path.parent for path in self.settings.recent_files}
        if self.settings.export_folder:
            folders.add(Path(self.settings.export_folder))
        self.stray_cleanup = remove_stray_temporaries(sorted(folders))

    def offer_recovery(self) -> bool:
        """After a crash, offer the work it left; True when it was restored.

        Restored work is written to this session's recovery file before the old one is
        removed, so a second crash (before any save or autosave) still leaves it to restore.
        """
        self.clean_up_at_start()
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
                              modified=True, stamp=info.original_stamp)
        self.autosaver.start()  # holds this session's marker before its recovery file exists
        if self.autosaver.save_now() is None:
            self.show_status(f"Restored {info.describe()}; it stays in the recovery folder "
                             "until you save it")
            return True
        discard_recovery(info)
        self.show_status(f"Restored {info.describe()}; save it to keep it")
        return True
