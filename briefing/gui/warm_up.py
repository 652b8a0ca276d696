"""Readying, once the window is idle, what the first import and the first export would
otherwise ready while the user waits.

The libraries behind an export (python-docx and its XML parser) and behind the import of a
text or Markdown file are loaded only when first used, so the app starts fast; loaded in the
middle of the first export or import, they hold the interpreter for a tenth of a second or
more while the user waits on it. The first word counts of an outline mean the window has done
its own start-up work: then each of :data:`LOADERS` runs in an idle slot of its own, on the
window's thread (no import races a test or another thread), and each new outline's highest
section id is worked out in one, so the first import into a large outline does not walk all
its sections either.
"""

from __future__ import annotations

import weakref
from collections.abc import Callable, Sequence

from PySide6.QtCore import QObject, QTimer, Signal

from briefing.core.model import Outline


def _load_python_docx() -> None:
    import docx  # noqa: F401


def _load_export_writer() -> None:
    from briefing.core.export import docx_writer  # noqa: F401


def _load_text_importers() -> None:
    from briefing.core.importers import markdown, text  # noqa: F401


def _load_import_dialog() -> None:
    from briefing.gui import import_dialog  # noqa: F401


LOADERS: tuple[Callable[[], None], ...] = (
    _load_import_dialog, _load_text_importers, _load_python_docx, _load_export_writer)
"""What is loaded ahead, each in an idle slot of its own (none stalls the window long)."""


class WarmUp(QObject):
    """Runs :data:`LOADERS` once, and readies each new outline's ids, when the window idles."""

    finished = Signal()
    """Everything in :data:`LOADERS` has been loaded."""

    def __init__(self, outline_getter: Callable[[], Outline], parent: QObject | None = None,
                 loaders: Sequence[Callable[[], None]] = LOADERS) -> None:
        super().__init__(parent)
        self._outline_getter = outline_getter
        self._waiting = list(loaders)
        self._started = False
        self._readied: weakref.ref[Outline] | None = None

    def window_idle(self, *_args: object) -> None:
        """The window has done its work for the outline (its counts are shown): start."""
        QTimer.singleShot(0, self, self._ready_ids)
        if not self._started:
            self._started = True
            QTimer.singleShot(0, self, self._load_next)

    def _load_next(self) -> None:
        if self._waiting:
            self._waiting.pop(0)()
            QTimer.singleShot(0, self, self._load_next)
        else:
            self.finished.emit()

    def _ready_ids(self) -> None:
        outline = self._outline_getter()
        if self._readied is not None and self._readied() is outline:
            return
        self._readied = weakref.ref(outline)
        outline.next_section_id()  # (works the highest id out once and keeps it)
