"""Background work that only matters for the newest state: the preview, page fit and counts.

Usage::

    latest = LatestJob(make_job, on_done, on_error, parent=widget)
    latest.start()        # after each (debounced) change
    latest.is_busy()      # a result is still to come

``make_job`` runs on the GUI thread and returns a job over a snapshot of what it needs (never
the live outline, which the user keeps editing meanwhile); the job runs on the thread pool
(:func:`~briefing.gui.workers.run_in_background`). A start while a job runs asks for one more
run once it ends, and the result of the outdated run is dropped, so a burst of edits costs
at most two runs and the last result shown is always that of the newest state.
:meth:`forget` drops the running job's result (the caller has just computed a newer one).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Generic, TypeVar

from PySide6.QtCore import QObject
from shiboken6 import Shiboken

from briefing.core.errors import BriefingError
from briefing.gui.workers import Job, JobHandle, run_in_background

T = TypeVar("T")


class LatestJob(QObject, Generic[T]):
    """Runs ``make_job()`` in the background and reports only the newest run's outcome."""

    def __init__(self, make_job: Callable[[], Job[T]], on_done: Callable[[T], None],
                 on_error: Callable[[BriefingError], None], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._make_job = make_job
        self._on_done = on_done
        self._on_error = on_error
        self._handle: JobHandle[T] | None = None
        self._again = False
        self._wanted = 0
        """Which run's outcome is wanted; a run whose number differs is outdated."""

    def start(self) -> None:
        """Run on the current state now, or as soon as the running job ends."""
        if self._handle is not None and self._handle.is_running:
            self._again = True
            return
        self._again = False
        run = self._wanted = self._wanted + 1
        self._handle = run_in_background(self._make_job(),
                                         lambda result: self._done(run, result),
                                         lambda error: self._failed(run, error))

    def is_busy(self) -> bool:
        """Whether a job is running or due to run again."""
        return self._again or (self._handle is not None and self._handle.is_running)

    def forget(self) -> None:
        """Drop the running job's outcome and any run still due."""
        self._again = False
        self._wanted += 1

    def _done(self, run: int, result: T) -> None:
        if self._is_wanted(run):
            self._on_done(result)

    def _failed(self, run: int, error: BriefingError) -> None:
        if self._is_wanted(run):
            self._on_error(error)

    def _is_wanted(self, run: int) -> bool:
        """Whether to report run ``run``: not when outdated (a newer run starts instead)."""
        if not Shiboken.isValid(self):  # its widget went while the job ran: nobody to tell
            return False
        if self._again:
            self.start()
            return False
        return run == self._wanted
