"""Readying, once the window is idle, what the first import and the first export would
otherwise ready while the user waits.

The libraries behind an export (python-docx and its XML parser) and behind the import of a
text or Markdown file are loaded only when first used, so the app starts fast; loaded in the
middle of the first export or import, they hold the interpreter for a tenth of a second or
more, and the window stalls. The first word counts of an outline mean the window has done
its own start-up work: then a background job loads those modules (importing is thread-safe:
the window's thread, if it needs one of them meanwhile, waits for it), resting whenever the
window is busy, and the outline's highest section id is worked out in one idle slot, so the
first import into a large outline does not walk all its sections either.
"""

from __future__ import annotations

import logging
import weakref
from collections.abc import Callable, Sequence

from PySide6.QtCore import QObject, QTimer, Signal

from briefing.core.errors import BriefingError
from briefing.core.model import Outline
from briefing.gui import window_first
from briefing.gui.workers import CancelToken, ProgressCallback, run_in_background

logger = logging.getLogger(__name__)


def _load_export_writer() -> None:
    from briefing.core.export import docx_writer  # noqa: F401  (python-docx and lxml)


def _load_text_importers() -> None:
    from briefing.core.importers import markdown, text  # noqa: F401


def _load_import_dialog() -> None:
    from briefing.gui import import_dialog  # noqa: F401


LOADERS: tuple[Callable[[], None], ...] = (
    _load_import_dialog, _load_text_importers, _load_export_writer)
"""What the background job loads, one after the other, resting between them."""


class WarmUp(QObject):
    """Loads :data:`LOADERS` in the background once, and readies each new outline's ids."""

    finished = Signal()
    """The modules are loaded (or failed to: then the first use loads them as before)."""

    def __init__(self, outline_getter: Callable[[], Outline], parent: QObject | None = None,
                 loaders: Sequence[Callable[[], None]] = LOADERS) -> None:
        super().__init__(parent)
        self._outline_getter = outline_getter
        self._loaders = tuple(loaders)
        self._started = False
        self._readied: weakref.ref[Outline] | None = None

    def window_idle(self, *_args: object) -> None:
        """The window has done its work for the outline (its counts are shown): start."""
        if not self._started:
            self._started = True
            run_in_background(self._job, self._loaded, self._failed, self.finished.emit)
        QTimer.singleShot(0, self, self._ready_ids)

    def _job(self, token: CancelToken, progress: ProgressCallback) -> None:
        del progress  # (nobody waits on it: no progress to tell)
        for load in self._loaders:
            window_first.rest_while_window_busy()
            token.raise_if_cancelled()
            load()

    def _loaded(self, _nothing: None) -> None:
        self.finished.emit()

    def _failed(self, error: BriefingError) -> None:
        logger.warning("could not load ahead: %s", error)
        self.finished.emit()

    def _ready_ids(self) -> None:
        outline = self._outline_getter()
        if self._readied is not None and self._readied() is outline:
            return
        self._readied = weakref.ref(outline)
        outline.next_section_id()  # (works the highest id out once and keeps it)
