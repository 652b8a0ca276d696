"""Importing articles into the open outline: choosing or dropping files, then a background job.

The files are read on a worker thread with a progress dialog and Cancel
(:func:`briefing.gui.workers.run_with_progress`); the import dialog then shows what the importer
found (title, author, publisher, date, url) to confirm or correct, and the articles the user keeps
join the outline as one undoable step. A file that cannot be imported is reported by name with
what to do, and the others still come in.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QMimeData, QObject, Signal
from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget

from briefing.core.errors import BriefingError
from briefing.gui.document import Document

if TYPE_CHECKING:
    from briefing.gui.workers import ImportOutcome, JobHandle

logger = logging.getLogger(__name__)

OUTLINE_SUFFIXES = (".yaml", ".yml")


def import_suffixes() -> dict[str, str]:
    """File suffixes the importers read, with the kind of file (loads the importers' table)."""
    from briefing.core.importers import SUPPORTED_SUFFIXES

    return dict(SUPPORTED_SUFFIXES)


def file_dialog_filter() -> str:
    suffixes = import_suffixes()
    everything = " ".join(f"*{suffix}" for suffix in suffixes)
    kinds: dict[str, list[str]] = {}
    for suffix, kind in suffixes.items():
        kinds.setdefault(kind, []).append(f"*{suffix}")
    parts = [f"Articles ({everything})"]
    parts.extend(f"{kind} ({' '.join(patterns)})" for kind, patterns in kinds.items())
    parts.append("All files (*)")
    return ";;".join(parts)


def dropped_files(mime: QMimeData) -> list[Path]:
    """Local files in a drop, in the order given."""
    if not mime.hasUrls():
        return []
    return [Path(url.toLocalFile()) for url in mime.urls() if url.isLocalFile()]


class ArticleImporter(QObject):
    """Runs imports for a window and adds the results to its document."""

    finished = Signal(int)
    """An import ended; the number of articles added (0 when cancelled or all failed)."""

    def __init__(self, window: QWidget, document: Document,
                 status: Callable[[str], None]) -> None:
        super().__init__(window)
        self._window = window
        self._document = document
        self._status = status
        self.current: JobHandle[ImportOutcome] | None = None
        self.last_folder = ""

    def choose_and_import(self) -> JobHandle[ImportOutcome] | None:
        names, _ = QFileDialog.getOpenFileNames(self._window, "Import articles",
                                                self.last_folder, file_dialog_filter())
        if not names:
            return None
        return self.import_files([Path(name) for name in names])

    def import_files(self, paths: Sequence[Path]) -> JobHandle[ImportOutcome] | None:
        """Import ``paths`` in the background; returns the running job (None if nothing to do)."""
        if not paths:
            return None
        if self.current is not None and self.current.is_running:
            self._status("An import is already running")
            return None
        from briefing.gui.workers import import_files_job, run_with_progress

        self.last_folder = str(paths[0].parent)
        requests = [(path, None) for path in paths]
        title = "Importing articles" if len(paths) > 1 else f"Importing {paths[0].name}"
        self.current = run_with_progress(self._window, title, import_files_job(requests),
                                         on_done=self._done, on_error=self._failed,
                                         on_cancelled=self._cancelled)
        return self.current

    def _done(self, outcome: ImportOutcome) -> None:
        from briefing.gui.import_dialog import confirm_articles

        confirmed = confirm_articles(self._window, outcome.articles)
        if confirmed is None:
            self._status("Import cancelled; nothing was added")
            self.finished.emit(0)
            return
        articles = confirmed
        self._document.import_articles(articles)
        for warning in outcome.warnings:
            logger.warning("%s", warning)
        count = len(articles)
        message = f"Imported {count} article{'s' if count != 1 else ''}"
        if outcome.warnings:
            message += f" ({outcome.warnings[0]})"
        self._status(message)
        if outcome.errors:
            text = "\n\n".join(str(error) for error in outcome.errors)
            heading = ("This file could not be imported:" if len(outcome.errors) == 1
                       else f"These {len(outcome.errors)} files could not be imported:")
            QMessageBox.warning(self._window, "Import problems", f"{heading}\n\n{text}")
        self.finished.emit(count)

    def _failed(self, error: BriefingError) -> None:
        self._status(f"Import failed: {error}")
        QMessageBox.warning(self._window, "Cannot import", f"Cannot import.\n\n{error}")
        self.finished.emit(0)

    def _cancelled(self) -> None:
        self._status("Import cancelled; nothing was added")
        self.finished.emit(0)
