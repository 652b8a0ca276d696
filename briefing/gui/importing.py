"""Importing articles into the open outline: files, the clipboard or a web address, read by a
background job.

The files are read on a worker thread with a progress dialog and Cancel
(:func:`briefing.gui.workers.run_with_progress`); the import dialog then shows what the importer
found (title, author, publisher, date, url) to confirm or correct, and the articles the user keeps
join the outline as one undoable step. A file that cannot be imported is reported by name with
what to do, and the others still come in. A folder brings in its articles
(:mod:`briefing.core.import_folders`), after a question when there are many. An article the
outline already has (same url, or same title and source) brings a question: replace it, keep
both, or leave it out; so does one that repeats an earlier article of the same import (keep
both, or skip it).
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
    from briefing.core.import_folders import FolderFiles
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

    def choose_folder_and_import(self) -> JobHandle[ImportOutcome] | None:
        """Ask for a folder and import the articles in it (as a dropped folder)."""
        name = QFileDialog.getExistingDirectory(self._window, "Import the articles in a folder",
                                                self.last_folder)
        return self.import_files([Path(name)]) if name else None

    def import_files(self, paths: Sequence[Path]) -> JobHandle[ImportOutcome] | None:
        """Import ``paths`` in the background; returns the running job (None if nothing to do).

        The folder of a page saved complete, given beside the page, is part of it and is left
        out (a file manager selection often takes both). Any other folder brings in the
        articles at its top level; more than :data:`FILES_WITHOUT_ASKING` are imported only
        when the user says so.
        """
        from briefing.core.import_folders import files_in_folders
        from briefing.core.importers import without_page_folders

        paths = without_page_folders(paths)
        if not paths or self._busy():
            return None
        found = files_in_folders(paths)
        if not self._many_files_wanted(found):
            self._status("Import cancelled; nothing was added")
            return None
        if not found.files:
            self._status("Nothing imported")
            self._report_problems(found.errors, found.left_out_messages())
            self.finished.emit(0)
            return None
        from briefing.gui.workers import import_files_job, run_with_progress

        files = found.files
        self.last_folder = str(paths[0] if paths[0].is_dir() else paths[0].parent)
        requests = [(path, None) for path in files]
        title = "Importing articles" if len(files) > 1 else f"Importing {files[0].name}"
        self.current = run_with_progress(
            self._window, title, import_files_job(requests),
            on_done=lambda outcome: self._done(outcome, found), on_error=self._failed,
            on_cancelled=self._cancelled)
        return self.current

    def _many_files_wanted(self, found: FolderFiles) -> bool:
        """Whether to go on when folders bring many files (a home folder dropped by mistake)."""
        from briefing.core.import_folders import FILES_WITHOUT_ASKING
        from briefing.gui import file_questions

        if found.from_folders <= FILES_WITHOUT_ASKING:
            return True
        where = (f"The folder \u201c{found.folders[0].name}\u201d holds"
                 if len(found.folders) == 1 else f"The {len(found.folders)} folders hold")
        choice = file_questions.ask_choice(
            self._window, "Import many articles",
            f"{where} {found.from_folders} files to import (more than "
            f"{FILES_WITHOUT_ASKING}). Import them all?",
            [f"Import All {found.from_folders}", "Cancel"], default=1, cancel=1)
        return choice == 0

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

    def _done(self, outcome: ImportOutcome, found: FolderFiles) -> None:
        self._add(outcome.articles, outcome.warnings, [*found.errors, *outcome.errors],
                  found.left_out_messages())

    def _add(self, imported: Sequence[tuple[Source, Article]], warnings: Sequence[str] = (),
             errors: Sequence[BriefingError] = (), left_out: Sequence[str] = ()) -> None:
        from briefing.gui.import_dialog import confirm_articles

        outcome_errors = list(errors)
        confirmed = confirm_articles(self._window, imported) if imported else []
        if confirmed is None:
            self._status("Import cancelled; nothing was added")
            self._report_problems(outcome_errors, left_out)
            self.finished.emit(0)
            return
        replacements, articles = self._sort_out_duplicates(confirmed)
        # The window catches up first (the dialog goes, the tree repaints); then the articles
        # join the outline: two short waits instead of one long one.
        QTimer.singleShot(0, self, lambda: self._join(replacements, articles, warnings,
                                                      outcome_errors, left_out))

    def _join(self, replacements: list[tuple[int, Article]], articles: list[Article],
              warnings: Sequence[str], outcome_errors: list[BriefingError],
              left_out: Sequence[str] = ()) -> None:
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
        self._report_problems(outcome_errors, left_out)
        self.finished.emit(count)

    def _report_problems(self, errors: Sequence[BriefingError],
                         left_out: Sequence[str] = ()) -> None:
        """Name each file that could not be imported, with what to do about it, and in the
        same message the files of other types that folders held."""
        parts = []
        if errors:
            parts.append("This file could not be imported:" if len(errors) == 1
                         else f"These {len(errors)} files could not be imported:")
            parts.extend(str(error) for error in errors)
        parts.extend(left_out)
        if parts:
            QMessageBox.warning(self._window, "Import problems", "\n\n".join(parts))

    def _sort_out_duplicates(self, articles: Sequence[Article]
                             ) -> tuple[list[tuple[int, Article]], list[Article]]:
        """Ask about each article the outline already has, or that an earlier article of this
        import repeats: (row, replacement) pairs, and the articles to add."""
        from briefing.core.anchoring import quote_preview
        from briefing.core.duplicates import (
            ImportBatch,
            excerpts_orphaned_by_replacing,
            work_lost_by_replacing,
        )

        outline_articles = self._document.outline.articles
        batch = ImportBatch(outline_articles)
        replacements: list[tuple[int, Article]] = []
        added: list[Article] = []
        for article in articles:
            repeat = batch.find(article)
            if repeat is None:
                added.append(article)
                batch.take(article)
                continue
            from briefing.gui import duplicate_question  # (loaded only when needed)

            if repeat.in_batch:
                if duplicate_question.ask_about_repeat(self._window, article,
                                                       batch.taken(repeat.index)):
                    added.append(article)
                    batch.take(article)
                continue
            row = repeat.index
            existing = outline_articles[row]
            orphaned = [quote_preview(excerpt)
                        for excerpt in excerpts_orphaned_by_replacing(existing, article)]
            choice = duplicate_question.ask_about_duplicate(
                self._window, article, existing, row, work_lost_by_replacing(existing, article),
                orphaned)
            if choice == duplicate_question.DuplicateChoice.REPLACE:
                replacements.append((row, article))
                batch.take(article)
            elif choice == duplicate_question.DuplicateChoice.KEEP_BOTH:
                added.append(article)
                batch.take(article)
        return replacements, added

    def _failed(self, error: BriefingError) -> None:
        self._status(f"Import failed: {error}")
        QMessageBox.warning(self._window, "Cannot import", f"Cannot import.\n\n{error}")
        self.finished.emit(0)

    def _cancelled(self) -> None:
        self._status("Import cancelled; nothing was added")
        self.finished.emit(0)
