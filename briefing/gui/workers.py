"""Long work off the UI thread, with a progress dialog and Cancel.

Usage::

    handle = run_with_progress(window, "Importing articles", import_files_job(requests),
                               on_done=lambda outcome: ..., on_error=lambda error: ...)

A *job* is a plain function ``job(token, progress) -> result`` that runs on a worker thread.
It calls ``progress(done, total, message)`` between steps and ``token.raise_if_cancelled()``
(or checks ``token.cancelled``) so Cancel stops it at the next step. Results, progress and
errors come back on the GUI thread through queued signals, so the callbacks may touch widgets.

- A :class:`~briefing.core.errors.BriefingError` (bad file, failed export) goes to
  ``on_error``: the caller shows it as a message.
- Anything else is a bug: it is logged with its traceback and handed to ``sys.excepthook`` on
  the GUI thread, where the crash handler autosaves and shows it.
- A cancelled job calls ``on_cancelled`` (if given) and never ``on_done``.
- Quitting the app cancels every running job and waits for it to end
  (:func:`stop_running_jobs`), so none outlives the app or leaves a half-made file.

The progress dialog appears only if the job takes longer than :data:`SHOW_AFTER_MS`, so quick
jobs do not flash a window. Jobs must not change the open outline: they work on their own data
and hand results back (the import job returns articles for the window to add through undo).
"""

from __future__ import annotations

import atexit
import dataclasses
import itertools
import logging
import sys
import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, Generic, Protocol, TypeVar

from PySide6.QtCore import (
    QCoreApplication,
    QObject,
    QRunnable,
    Qt,
    QThreadPool,
    Signal,
    Slot,
)
from PySide6.QtWidgets import QProgressDialog, QWidget
from shiboken6 import Shiboken

from briefing.core import collector
from briefing.core.collector import paused_collection
from briefing.core.errors import ArticleImportError, BriefingError
from briefing.core.model import Article, Outline, Section
from briefing.core.pauses import WorkStoppedError
from briefing.gui import window_first

if TYPE_CHECKING:
    from briefing.core.export.api import ExportResult
    from briefing.core.importers import ImportOverrides

logger = logging.getLogger(__name__)

SHOW_AFTER_MS = 400
"""A job shorter than this never shows its progress dialog."""
QUIT_WAIT_MS = 15_000
"""How long quitting waits for cancelled jobs to reach their next step and end."""
_QUIT_HOOK = "briefing_jobs_stop_at_quit"
"""Marks the application once :func:`stop_running_jobs` is connected to its aboutToQuit."""

T = TypeVar("T")
_Item = TypeVar("_Item")
T_co = TypeVar("T_co", covariant=True)


class JobCancelledError(WorkStoppedError):
    """Raised inside a job by :meth:`CancelToken.raise_if_cancelled` to stop it."""


class CancelToken:
    """Set from the GUI thread (Cancel), read by the job between steps; thread-safe."""

    def __init__(self) -> None:
        self._event = threading.Event()
        self._lock = threading.Lock()
        self._on_cancel: list[Callable[[], None]] = []

    def cancel(self) -> None:
        with self._lock:
            self._event.set()
            callbacks, self._on_cancel = self._on_cancel, []
        for callback in callbacks:
            callback()

    def when_cancelled(self, callback: Callable[[], None]) -> None:
        """Call ``callback`` on Cancel (at once if already cancelled), on the cancelling
        thread: for a job that waits where it cannot look at the token (a network read)."""
        with self._lock:
            if not self._event.is_set():
                self._on_cancel.append(callback)
                return
        callback()

    @property
    def cancelled(self) -> bool:
        return self._event.is_set()

    def raise_if_cancelled(self) -> None:
        if self._event.is_set():
            raise JobCancelledError


ProgressCallback = Callable[[int, int, str], None]
"""``progress(done, total, message)``; ``total`` 0 means "not known" (a busy indicator)."""


class Job(Protocol[T_co]):
    def __call__(self, token: CancelToken, progress: ProgressCallback) -> T_co: ...


class _Relay(QObject):
    """Carries every job's news from the worker threads to the GUI thread.

    One relay serves the whole process and is never deleted, so a worker never emits on an
    object that is gone or being deleted, whatever happened to the job's handle, its window
    or the caller's references. The worker itself holds no Qt object: only the job, its token
    and its number.
    """

    news = Signal(int, str, object)
    """(job number, kind, payload), emitted from a worker thread, delivered queued."""

    def __init__(self) -> None:
        super().__init__()
        self.news.connect(self._deliver, Qt.ConnectionType.QueuedConnection)

    @Slot(int, str, object)
    def _deliver(self, number: int, kind: str, payload: object) -> None:
        handle = _running.get(number)
        if handle is not None:  # kept here until its outcome is delivered
            handle._receive(kind, payload)


_relay_instance: _Relay | None = None


def _relay() -> _Relay:
    """The process's relay, made on first use (on the GUI thread, by :func:`run_with_progress`)."""
    global _relay_instance
    if _relay_instance is None:
        _relay_instance = _Relay()
    return _relay_instance


class _Runnable(QRunnable):
    """Runs a job on a pool thread and reports through the relay; holds no Qt object."""

    def __init__(self, job: Job[Any], token: CancelToken, number: int, relay: _Relay) -> None:
        super().__init__()
        self._job = job
        self._token = token
        self._number = number
        self._news = relay.news

    def run(self) -> None:
        try:
            try:
                result = self._job(self._token, self._progress)
            finally:
                # The collector has waited since the job was queued (see _start); the job's
                # data goes first, so the collector finds little left to walk.
                self._job = _ended_job
                collector.resume()
        except JobCancelledError:
            self._send(_CANCELLED, None)
        except BriefingError as error:
            self._send(_FAILED, error)
        except Exception as error:  # a bug: report it on the GUI thread, with its traceback
            logger.exception("Background job failed unexpectedly")
            self._send(_CRASHED, error)
        else:
            if self._token.cancelled:
                self._send(_CANCELLED, None)
            else:
                self._send(_SUCCEEDED, result)

    def _progress(self, done: int, total: int, message: str) -> None:
        self._send(_PROGRESSED, (done, total, message))

    def _send(self, kind: str, payload: object) -> None:
        """Emit from the worker; once the app has gone there is nobody left to tell."""
        try:
            self._news.emit(self._number, kind, payload)
        except RuntimeError:  # the relay went with the interpreter's shutdown
            logger.info("A background job ended after the app closed; its outcome was dropped")


def _ended_job(token: CancelToken, progress: ProgressCallback) -> None:
    """Stands in for a job that has run, so its closure is freed as soon as it ends."""


_job_numbers = itertools.count(1)
_PROGRESSED, _SUCCEEDED, _FAILED, _CRASHED, _CANCELLED = (
    "progressed", "succeeded", "failed", "crashed", "cancelled")


class JobHandle(QObject, Generic[T]):
    """A running job: cancel it, watch it, or wait for it in tests (``qtbot.waitSignal``).

    The handle has no parent: :func:`run_with_progress` keeps it until the job's outcome has
    been delivered, then the caller's references (if any) decide how long it lives. Its dialog
    belongs to the window, and may go with it; the handle then carries on without it.
    """

    finished = Signal()
    """Emitted once, after the job's outcome callback ran (done, error, crash or cancelled)."""
    progressed = Signal(int, int, str)

    def __init__(self, parent: QWidget | None, title: str | None, on_done: Callable[[T], None],
                 on_error: Callable[[BriefingError], None],
                 on_cancelled: Callable[[], None] | None, *, show_after_ms: int = 0) -> None:
        super().__init__()
        self.number = next(_job_numbers)
        """Tells this job's news from others'; never reused in the process."""
        self.token = CancelToken()
        self.outcome = ""
        """``done``, ``error``, ``crashed`` or ``cancelled`` once finished; empty while running."""
        self._on_done = on_done
        self._on_error = on_error
        self._on_cancelled = on_cancelled

        self.dialog: QProgressDialog | None = None
        """The progress dialog; None for a quiet job (:func:`run_in_background`)."""
        if title is not None:
            self.dialog = QProgressDialog(title, "Cancel", 0, 0, parent)
            self.dialog.setWindowTitle(title)
            self.dialog.setAccessibleName(title)
            self.dialog.setWindowModality(Qt.WindowModality.WindowModal)
            self.dialog.setMinimumDuration(show_after_ms)
            self.dialog.setAutoReset(False)
            self.dialog.setAutoClose(False)
            self.dialog.canceled.connect(self.cancel)
            self.dialog.setValue(0)  # starts the minimum-duration clock

    @property
    def is_running(self) -> bool:
        return not self.outcome

    @Slot()
    def cancel(self) -> None:
        """Ask the job to stop at its next step; the dialog says so until it does."""
        if self.is_running and not self.token.cancelled:
            self.token.cancel()
            dialog = self._live_dialog()
            if dialog is not None:
                dialog.setLabelText("Cancelling…")

    def _live_dialog(self) -> QProgressDialog | None:
        """The dialog while it exists (it goes when its window is closed and deleted)."""
        if self.dialog is not None and Shiboken.isValid(self.dialog):
            return self.dialog
        return None

    def _receive(self, kind: str, payload: Any) -> None:
        """News of the job, on the GUI thread."""
        if kind == _PROGRESSED:
            self._progress(*payload)
        elif kind == _SUCCEEDED:
            self._end("done", lambda: self._on_done(payload))
        elif kind == _FAILED:
            self._end("error", lambda: self._on_error(payload))
        elif kind == _CRASHED:
            self._end("crashed", lambda: sys.excepthook(type(payload), payload,
                                                         payload.__traceback__))
        else:
            self._end("cancelled", self._on_cancelled or (lambda: None))

    def _progress(self, done: int, total: int, message: str) -> None:
        if not self.is_running:
            return
        dialog = self._live_dialog()
        if dialog is not None:
            if message and not self.token.cancelled:
                dialog.setLabelText(message)
            dialog.setMaximum(max(total, 0))
            # A modal dialog's setValue processes events, so the job may have finished meanwhile.
            dialog.setValue(min(done, total) if total > 0 else 0)
        if self.is_running:
            self.progressed.emit(done, total, message)

    def _end(self, outcome: str, callback: Callable[[], object]) -> None:
        self.outcome = outcome
        dialog = self._live_dialog()
        if dialog is not None:
            dialog.canceled.disconnect(self.cancel)
            dialog.close()
            dialog.deleteLater()
        _running.pop(self.number, None)
        window_first.job_ended()
        try:
            callback()
        finally:
            self.finished.emit()


def run_with_progress(parent: QWidget | None, title: str, job: Job[T],
                      on_done: Callable[[T], None], on_error: Callable[[BriefingError], None],
                      on_cancelled: Callable[[], None] | None = None, *,
                      show_after_ms: int = SHOW_AFTER_MS) -> JobHandle[T]:
    """Run ``job`` on the thread pool with a progress dialog; callbacks run on the GUI thread."""
    handle: JobHandle[T] = JobHandle(parent, title, on_done, on_error, on_cancelled,
                                     show_after_ms=show_after_ms)
    return _start(handle, job)


def run_in_background(job: Job[T], on_done: Callable[[T], None],
                      on_error: Callable[[BriefingError], None],
                      on_cancelled: Callable[[], None] | None = None) -> JobHandle[T]:
    """Run ``job`` with no dialog: work the user did not ask for and need not wait on (the
    note's page fit and word counts), reported the same way.

    These jobs take turns on one thread of their own. Python runs one thread at a time, so two
    at once would not finish sooner, and the window's thread would get a third of the time
    instead of half: typing while they run stays quick."""
    return _start(JobHandle(None, None, on_done, on_error, on_cancelled), job, quiet_pool())


def _start(handle: JobHandle[T], job: Job[T], pool: QThreadPool | None = None) -> JobHandle[T]:
    relay = _relay()
    _running[handle.number] = handle  # kept alive while running, even when the caller drops it
    window_first.job_started()
    _stop_jobs_when_quitting()
    # A job's data (a copy of the outline) is large and young: no collection walks it while
    # the job waits for its turn and runs (see briefing.core.collector).
    collector.pause()
    (pool or QThreadPool.globalInstance()).start(
        _Runnable(job, handle.token, handle.number, relay))
    return handle


_quiet_pool_instance: QThreadPool | None = None


def quiet_pool() -> QThreadPool:
    """The one thread of the work nobody waits on: :func:`run_in_background`'s jobs and the
    autosave. Made on first use, never deleted."""
    global _quiet_pool_instance
    if _quiet_pool_instance is None:
        _quiet_pool_instance = QThreadPool()
        _quiet_pool_instance.setMaxThreadCount(1)
        # Even without a quit (a script, a test run), no job may still run Python while the
        # interpreter shuts down and this pool goes with the module.
        atexit.register(stop_running_jobs)
    return _quiet_pool_instance


_running: dict[int, JobHandle[Any]] = {}
"""The handles of jobs whose outcome has not been delivered yet, by job number."""


def stop_running_jobs(wait_ms: int = QUIT_WAIT_MS) -> bool:
    """Cancel every running job and wait until they have ended; False if one outlasted ``wait_ms``.

    Called as the app quits, so no job outlives it: a cancelled export writes nothing and
    leaves no draft behind (an older file at its path stays as it was).
    """
    for handle in list(_running.values()):
        handle.token.cancel()  # the token, not the handle: its window may be gone already
    done = QThreadPool.globalInstance().waitForDone(wait_ms)
    return (_quiet_pool_instance is None or _quiet_pool_instance.waitForDone(wait_ms)) and done


def _stop_jobs_when_quitting() -> None:
    app = QCoreApplication.instance()
    if app is not None and not app.property(_QUIT_HOOK):
        app.aboutToQuit.connect(stop_running_jobs)
        app.setProperty(_QUIT_HOOK, True)


# Ready-made jobs ---------------------------------------------------------------------------


@dataclass
class ImportOutcome:
    """What an import of several files produced: articles, per-file errors and warnings."""

    articles: list[tuple[Path, Article]] = field(default_factory=list)
    errors: list[ArticleImportError] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


def import_files_job(requests: Sequence[tuple[Path, ImportOverrides | None]]
                     ) -> Job[ImportOutcome]:
    """A job importing each file in turn; one bad file is reported and the others go on."""
    items = list(requests)

    def job(token: CancelToken, progress: ProgressCallback) -> ImportOutcome:
        from briefing.core.importers import import_article
        outcome = ImportOutcome()
        for done, (path, overrides) in enumerate(items):
            window_first.rest_while_window_busy()
            token.raise_if_cancelled()
            progress(done, len(items), f"Importing {path.name} ({done + 1} of {len(items)})")
            try:
                article = import_article(path, overrides, warn=outcome.warnings.append)
            except ArticleImportError as error:
                outcome.errors.append(error)
            else:
                outcome.articles.append((path, article))
        progress(len(items), len(items), "Imported")
        return outcome

    return job


def snapshot_outline(outline: Outline, *, for_export: bool = False) -> Outline:
    """A copy of ``outline`` that later edits cannot change, made fast enough for the GUI thread.

    Articles, sections, their lists and the briefing details are copied; blocks and discarded
    lines are shared, because no edit changes one in place (edits replace them in their lists).
    About ten times faster than ``copy.deepcopy`` on a large outline.

    ``for_export`` copies only what an export reads: each picked section with everything under
    it, each section an excerpt quotes (its own text), and the sections leading to them;
    branches with nothing picked or quoted are left out. The note made from it is the same,
    and on a 10,000-section outline with a hundred picks the copy
    takes a tenth of the time, which keeps the window responsive as an export starts.
    """
    with paused_collection():  # tens of thousands of copies: no collection halfway
        return _snapshot(outline, for_export)


def _snapshot(outline: Outline, for_export: bool) -> Outline:
    quoted = ({excerpt.anchor.section_id for _, excerpt in outline.excerpts()} if for_export
              else None)
    return outline_copy(outline, [article_copy(article, quoted) for article in outline.articles])


def article_copy(article: Article, quoted: set[str] | None = None) -> Article:
    """One article copied as :func:`snapshot_outline` copies it: whole, or with ``quoted``
    (the ids of the sections excerpts quote) only what an export reads."""
    return _copy(article, blocks=list(article.blocks), discarded=list(article.discarded),
                 sections=(_section_copies(article.sections) if quoted is None
                           else _pruned(article.sections, quoted)),
                 excerpts=[_copy(excerpt, tags=list(excerpt.tags))
                           for excerpt in article.excerpts])


def outline_copy(outline: Outline, articles: list[Article]) -> Outline:
    """The outline around copies of its articles (made by :func:`article_copy`)."""
    briefing = dataclasses.replace(outline.briefing, order=list(outline.briefing.order))
    return Outline(title=outline.title, articles=articles, briefing=briefing,
                   excerpt_ids_given=outline.excerpt_ids_given)


def _section_copies(sections: list[Section]) -> list[Section]:
    return [_copy(section, blocks=list(section.blocks), tags=list(section.tags),
                  sections=_section_copies(section.sections)) for section in sections]


def _pruned(sections: list[Section], quoted: set[str]) -> list[Section]:
    """Picked sections whole; quoted ones and those leading to picks with their own text only."""
    kept = []
    for section in sections:
        if section.picked:
            kept.extend(_section_copies([section]))
        else:
            inner = _pruned(section.sections, quoted)
            if inner or section.id in quoted:
                kept.append(_copy(section, blocks=list(section.blocks),
                                  tags=list(section.tags), sections=inner))
    return kept


def _copy(item: _Item, **changes: object) -> _Item:
    """A shallow copy of a model dataclass with some fields replaced.

    Like ``dataclasses.replace`` without running ``__init__`` again: the fields were checked
    when the original was made, and skipping it makes a large snapshot several times faster.
    """
    copied = object.__new__(type(item))
    copied.__dict__.update(item.__dict__)
    copied.__dict__.update(changes)
    return copied


def export_job(outline: Outline, output: Path, template: str | None = None,
               classification: str | None = None,
               warnings: list[str] | None = None, *, source: Path | None = None,
               force: bool = False, copy: Callable[[CancelToken], Outline] | None = None
               ) -> Job[ExportResult]:
    """A job exporting a snapshot of ``outline`` (taken now, so later edits cannot race it),
    or the copy ``copy(token)`` hands the job as it starts (one made in slices on the window's
    thread: :class:`~briefing.gui.outline_copier.CopyForJob`).

    Cancel is checked between the note's blocks as it is built and written, and just before
    the finished note replaces ``output``, so Cancel stops it soon and works until the very
    last step: a cancelled export leaves nothing behind and an older file at ``output``
    untouched. Between blocks the job also rests while the window is busy. ``source`` (the
    outline's file) and ``force`` are as in :func:`~briefing.core.export.api.export_briefing`.
    Warnings go into ``warnings`` when a list is given.
    """
    snapshot = snapshot_outline(outline, for_export=True) if copy is None else None
    sink = warnings if warnings is not None else []

    def job(token: CancelToken, progress: ProgressCallback) -> ExportResult:
        from briefing.core.export.api import export_briefing
        from briefing.gui.pdf_export import write_pdf
        token.raise_if_cancelled()
        exported = snapshot if copy is None else copy(token)
        assert exported is not None
        progress(0, 0, f"Exporting {output.name}")

        def pause() -> None:
            window_first.rest_while_window_busy()
            token.raise_if_cancelled()

        return export_briefing(exported, output, template=template,
                               classification=classification, warn=sink.append,
                               source=source, force=force,
                               before_replace=token.raise_if_cancelled,
                               pdf_writer=write_pdf, pause=pause)

    return job
