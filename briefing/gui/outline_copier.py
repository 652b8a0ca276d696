"""A copy of the open outline for work on another thread, made in short slices while idle.

Usage::

    copier = OutlineCopier(lambda: document.outline, document.changed, parent)
    copier.ready.connect(lambda copy: ...)   # an Outline no edit will change
    copier.start()

(An export's job takes its copy from a :class:`CopyForJob`, which waits for one made so.)

A worker must never read the objects the user is editing, and copying a 10,000-section outline
at once holds the window for about a quarter of a second. So the copy is made article by
article in slices of :data:`SLICE_S` on the window thread, between the user's keystrokes, and
an edit made before it is finished starts it over: every article in a copy is from one state
of the outline. (Edits come in bursts with pauses; a copy takes a few dozen slices.) The copy
shares blocks, anchors and strings, which edits replace rather than change
(see :func:`~briefing.gui.workers.snapshot_outline`). Whatever else the caller reads of each
article at the same moment (``also``) is gathered in the same slices, article by article,
rather than in one pass over the whole outline once the copy is done.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QTimer, Signal, SignalInstance

from briefing.core import collector
from briefing.core.model import Article, Outline
from briefing.gui import input_pause
from briefing.gui.workers import CancelToken, article_copy, outline_copy

SLICE_S = 0.008
"""How long one slice of copying may hold the window thread."""


class OutlineCopier(QObject):
    """Copies the outline in idle slices, starting over after an edit (see the module doc)."""

    ready = Signal(object)
    """The finished copy (an :class:`~briefing.core.model.Outline`)."""

    def __init__(self, outline_getter: Callable[[], Outline], changed: SignalInstance | None,
                 parent: QObject | None = None, *, for_export: bool = False,
                 also: Callable[[Article], Any] | None = None) -> None:
        super().__init__(parent)
        self._outline_getter = outline_getter
        self._for_export = for_export
        """Copy only what an export reads (see ``snapshot_outline``): each article's sections
        that are picked, or quoted by one of its own excerpts, or lead to those."""
        self._also = also
        self._outline: Outline | None = None
        self._copies: list[Article] = []
        self._gathered: list[Any] = []
        self.also_gathered: list[Any] = []
        """``also(article)`` for each article of the last finished copy, in order (set just
        before ``ready``)."""
        self.restarts = 0
        """How often an edit started a copy over (for tests and the benchmark)."""
        self._timer = QTimer(self)
        self._timer.setInterval(0)
        self._timer.timeout.connect(self._copy_slice)
        if changed is not None:  # without it, the caller keeps edits away while it copies
            changed.connect(self._start_over)

    def start(self) -> None:
        """Copy the outline as it is now: the first slice at once (all of a small outline),
        the rest while idle. A copy under way starts over."""
        if not self._timer.isActive():
            collector.pause()  # no collection walks the copy while it grows (resumed at its end)
        self._outline = self._outline_getter()
        self._copies = []
        self._gathered = []
        self._timer.setInterval(0)
        self._timer.start()
        self._copy_slice(at_once=True)

    def finish_now(self) -> None:
        """Copy what is left at once (for a clean exit, or a test waiting for the copy)."""
        if self._timer.isActive():
            self._copy_slice(all_left=True)

    def cancel(self) -> None:
        """Drop the copy under way; ``ready`` is not emitted for it."""
        if self._timer.isActive():
            self._timer.stop()
            collector.resume()
        self._outline = None
        self._copies = []
        self._gathered = []

    def is_copying(self) -> bool:
        return self._timer.isActive()

    @property
    def copied_articles(self) -> int:
        """How many articles the copy under way holds so far."""
        return len(self._copies)

    def _start_over(self) -> None:
        if self._timer.isActive():
            self.restarts += 1
            self.start()

    def _copy_slice(self, *, all_left: bool = False, at_once: bool = False) -> None:
        """Copy articles for :data:`SLICE_S`, or ``all_left``; a slice not asked for
        ``at_once`` waits while the user types (:mod:`~briefing.gui.input_pause`)."""
        outline, copies = self._outline, self._copies
        if outline is None:
            self._timer.stop()
            return
        if not (all_left or at_once) and input_pause.waits_for_typing(self._timer):
            return
        articles = outline.articles
        deadline = None if all_left else time.perf_counter() + SLICE_S
        while len(copies) < len(articles):
            article = articles[len(copies)]
            quoted = ({excerpt.anchor.section_id for excerpt in article.excerpts}
                      if self._for_export else None)
            copies.append(article_copy(article, quoted))
            if self._also is not None:
                self._gathered.append(self._also(article))
            if deadline is not None and time.perf_counter() > deadline:
                return
        copy = outline_copy(outline, copies)
        self.also_gathered = self._gathered
        collector.pause()  # held on for whoever takes the copy (the autosave resumes it)
        self.cancel()
        self.ready.emit(copy)
        collector.resume()



WAIT_STEP_S = 0.01
"""How often a job waiting for its copy looks whether it was cancelled."""


class CopyForJob(QObject):
    """An export's copy of the outline, made by an :class:`OutlineCopier` in idle slices while
    the job already runs and waits for it (see :func:`~briefing.gui.workers.export_job`).

    So the window never holds still for a whole copy as an export starts, and the job's
    progress dialog and Cancel work from the first moment: a job cancelled while it waits
    stops at once, and :meth:`stop` drops the copy under way. An edit made meanwhile starts
    the copy over, so the job gets the outline of one moment.
    """

    def __init__(self, outline_getter: Callable[[], Outline],
                 changed: SignalInstance | None = None) -> None:
        super().__init__()
        self._done = threading.Event()
        self._copy: Outline | None = None
        self._copier = OutlineCopier(outline_getter, changed, self, for_export=True)
        self._copier.ready.connect(self._take)
        self._copier.start()

    def _take(self, copy: Outline) -> None:
        self._copy = copy
        self._done.set()

    def stop(self) -> None:
        """Drop the copy under way, or made and never taken (the job has ended)."""
        self._copier.cancel()
        self._copy = None

    def wait(self, token: CancelToken) -> Outline:
        """The finished copy, on the job's thread, handed over once (so it goes with the job,
        not with the handle a window keeps); raises if the job is cancelled first."""
        while not self._done.wait(WAIT_STEP_S):
            token.raise_if_cancelled()
        token.raise_if_cancelled()
        copy, self._copy = self._copy, None
        assert copy is not None
        return copy
