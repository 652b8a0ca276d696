"""Importing articles into the open outline: files, the clipboard or a web address, read by a
background job.

The files are read on a worker thread with a progress dialog and Cancel
(:func:`briefing.gui.workers.run_with_progress`); the import dialog then shows what the importer
found (title, author, publisher, date, url) to confirm or correct, and the articles the user keeps
join the outline as one undoable step. A file that cannot be imported is reported by name with
what to do, and the others still come in. An article the outline already has (same url, or same
title and source) brings a question: replace it, keep both, or leave it out.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QMimeData, QObject, QTimer, Signal
from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget

from briefing.core.errors import BriefingError
from briefing.gui.document import Document

if TYPE_CHECKING:
    from briefing.core.model import Article
    from briefing.gui.import_dialog import Source
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


def dropped_web_addresses(mime: QMimeData) -> list[str]:
    """The http and https addresses in a drop (a link dragged from the browser)."""
    if not mime.hasUrls():
        return []
    return [url.toString() for url in mime.urls() if url.scheme().lower() in ("http", "https")]


def is_article_drop(mime: QMimeData) -> bool:
    """Whether a drop holds something to import: files, a link, or text or markup dragged from
    a browser or a word processor."""
    return bool(dropped_files(mime) or dropped_web_addresses(mime) or mime.hasHtml()
                or mime.hasText())


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
        self.current: JobHandle[ImportOutcome] | JobHandle[Article] | None = None
        self.last_folder = ""
        self.fetch_timeout: float | None = None
        """Seconds to wait for a web server; None for the core's default."""

    def choose_and_import(self) -> JobHandle[ImportOutcome] | None:
        names, _ = QFileDialog.getOpenFileNames(self._window, "Import articles",
                                                self.last_folder, file_dialog_filter())
        if not names:
            return None
        return self.import_files([Path(name) for name in names])

    def import_files(self, paths: Sequence[Path]) -> JobHandle[ImportOutcome] | None:
        """Import ``paths`` in the background; returns the running job (None if nothing to do).

        The folder of a page saved complete, given beside the page, is part of it and is left
        out (a file manager selection often takes both).
        """
        from briefing.core.importers import without_page_folders

        paths = without_page_folders(paths)
        if not paths or self._busy():
            return None
        from briefing.gui.workers import import_files_job, run_with_progress

        self.last_folder = str(paths[0].parent)
        requests = [(path, None) for path in paths]
        title = "Importing articles" if len(paths) > 1 else f"Importing {paths[0].name}"
        self.current = run_with_progress(self._window, title, import_files_job(requests),
                                         on_done=self._done, on_error=self._failed,
                                         on_cancelled=self._cancelled)
        return self.current

    def paste(self, mime: QMimeData | None = None
              ) -> JobHandle[Article] | JobHandle[ImportOutcome] | None:
        """Import the article on the clipboard (or in ``mime``); None if nothing was started.

        Files copied in a file manager are imported as files, as when dropped on the window.
        """
        from briefing.gui.article_sources import clipboard_flavours, clipboard_mime, paste_job
        from briefing.gui.workers import run_with_progress

        if self._busy():
            return None
        source = mime if mime is not None else clipboard_mime()
        files = dropped_files(source) if source is not None else []
        if files:
            return self.import_files(files)
        flavours, others = clipboard_flavours(source)
        job = run_with_progress(self._window, "Pasting an article", paste_job(flavours, others),
                                on_done=self._pasted, on_error=self._failed,
                                on_cancelled=self._cancelled)
        self.current = job
        return job

    def import_drop(self, mime: QMimeData
                    ) -> JobHandle[ImportOutcome] | JobHandle[Article] | None:
        """Import what was dropped on the window: files as files, a link dragged from the
        browser from its address, a dragged selection as a paste."""
        files = dropped_files(mime)
        if files:
            return self.import_files(files)
        addresses = dropped_web_addresses(mime)
        if addresses:
            if len(addresses) > 1:
                self._status(f"Importing the first of {len(addresses)} dropped links; drop the "
                             "others one at a time")
            return self.import_web_address(addresses[0])
        return self.paste(mime)

    def ask_and_import_web_address(self) -> JobHandle[Article] | None:
        """Ask for a web address (offering one found on the clipboard) and import it."""
        from briefing.gui.article_sources import (
            address_on_clipboard,
            ask_web_address,
            clipboard_mime,
        )

        url = ask_web_address(self._window, address_on_clipboard(clipboard_mime()))
        return self.import_web_address(url) if url else None

    def import_web_address(self, url: str) -> JobHandle[Article] | None:
        """Fetch ``url`` in the background with progress and Cancel, then import the page."""
        from briefing.gui.article_sources import web_address_job
        from briefing.gui.workers import run_with_progress

        if self._busy():
            return None
        job = web_address_job(url) if self.fetch_timeout is None \
            else web_address_job(url, self.fetch_timeout)
        handle = run_with_progress(self._window, "Importing from the web", job,
                                   on_done=lambda article: self._fetched(url, article),
                                   on_error=self._failed, on_cancelled=self._cancelled)
        self.current = handle
        return handle

    def _busy(self) -> bool:
        if self.current is not None and self.current.is_running:
            if self.current.token.cancelled:  # its progress has gone; a network wait holds it
                self._status("The cancelled import is still stopping (a web server may keep "
                             "it waiting); try again in a moment")
            else:
                self._status("An import is already running")
            return True
        return False

    def _pasted(self, article: Article) -> None:
        from briefing.core.importers.clipboard import CLIPBOARD

        self._add([(CLIPBOARD, article)])

    def _fetched(self, url: str, article: Article) -> None:
        self._add([(url, article)])

    def _done(self, outcome: ImportOutcome) -> None:
        self._add(outcome.articles, outcome.warnings, outcome.errors)

    def _add(self, imported: Sequence[tuple[Source, Article]], warnings: Sequence[str] = (),
             errors: Sequence[BriefingError] = ()) -> None:
        from briefing.gui.import_dialog import confirm_articles

        outcome_errors = list(errors)
        confirmed = confirm_articles(self._window, imported)
        if confirmed is None:
            self._status("Import cancelled; nothing was added")
            self._report_problems(outcome_errors)
            self.finished.emit(0)
            return
        replacements, articles = self._sort_out_duplicates(confirmed)
        # The window catches up first (the dialog goes, the tree repaints); then the articles
        # join the outline: two short waits instead of one long one.
        QTimer.singleShot(0, self, lambda: self._join(replacements, articles, warnings,
                                                      outcome_errors))

    def _join(self, replacements: list[tuple[int, Article]], articles: list[Article],
              warnings: Sequence[str], outcome_errors: list[BriefingError]) -> None:
        """Add the confirmed articles as one undo step and say what came of the import."""
        self._document.import_replacing(replacements, articles)
        for warning in warnings:
            logger.warning("%s", warning)
        count = len(articles) + len(replacements)
        message = (f"Imported {count} article{'s' if count != 1 else ''}" if count
                   else "Nothing imported")
        if replacements:
            message += f" ({len(replacements)} replacing the earlier version)"
        if warnings:
            message += f" ({warnings[0]})"
        self._status(message)
        self._report_problems(outcome_errors)
        self.finished.emit(count)

    def _report_problems(self, errors: Sequence[BriefingError]) -> None:
        """Name each file that could not be imported, with what to do about it."""
        if not errors:
            return
        text = "\n\n".join(str(error) for error in errors)
        heading = ("This file could not be imported:" if len(errors) == 1
                   else f"These {len(errors)} files could not be imported:")
        QMessageBox.warning(self._window, "Import problems", f"{heading}\n\n{text}")

    def _sort_out_duplicates(self, articles: Sequence[Article]
                             ) -> tuple[list[tuple[int, Article]], list[Article]]:
        """Ask about each article the outline already has: (row, replacement) pairs, and the
        articles to add."""
        from briefing.core.anchoring import quote_preview
        from briefing.core.duplicates import (
            DuplicateFinder,
            excerpts_orphaned_by_replacing,
            work_lost_by_replacing,
        )

        outline_articles = self._document.outline.articles
        finder = DuplicateFinder(outline_articles)
        replacements: list[tuple[int, Article]] = []
        added: list[Article] = []
        for article in articles:
            row = finder.find(article)
            if row is None or any(row == taken for taken, _ in replacements):
                added.append(article)
                continue
            from briefing.gui import duplicate_question  # (loaded only when needed)

            existing = outline_articles[row]
            orphaned = [quote_preview(excerpt)
                        for excerpt in excerpts_orphaned_by_replacing(existing, article)]
            choice = duplicate_question.ask_about_duplicate(
                self._window, article, existing, row, work_lost_by_replacing(existing, article),
                orphaned)
            if choice == duplicate_question.DuplicateChoice.REPLACE:
                replacements.append((row, article))
            elif choice == duplicate_question.DuplicateChoice.KEEP_BOTH:
                added.append(article)
        return replacements, added

    def _failed(self, error: BriefingError) -> None:
        self._status(f"Import failed: {error}")
        QMessageBox.warning(self._window, "Cannot import", f"Cannot import.\n\n{error}")
        self.finished.emit(0)

    def _cancelled(self) -> None:
        self._status("Import cancelled; nothing was added")
        self.finished.emit(0)
