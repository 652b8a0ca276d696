"""One place for unexpected errors: autosave first, log the traceback, then tell the user.

Usage, once at start-up after the main window exists::

    log_file = setup_file_logging()
    handler = install(autosave=autosaver.save_now, parent_getter=lambda: window)

An exception nobody caught (in a slot, an event handler, a background job's bug handed over by
:mod:`briefing.gui.workers`) reaches ``sys.excepthook``, which this module replaces. The
handler then, in this order:

1. calls ``autosave()`` so the user's work is safe even if what follows fails;
2. writes the traceback to the log (``user_data_dir()/logs/briefing.log``);
3. shows a dialog with a short message, where the work went, and the details to copy.

It never raises itself: if any step fails it falls back to the interpreter's own hook. A new
exception while a dialog is up (for example in a paint event under it) is logged but does not
open a second dialog, and the same error repeating within :data:`QUIET_SECONDS` is logged
only, so a failing paint event cannot flood the screen. User errors (``BriefingError``) never
come here: the code that calls the core shows them as messages.
"""

from __future__ import annotations

import logging
import logging.handlers
import sys
import threading
import time
import traceback
from collections.abc import Callable
from pathlib import Path
from types import TracebackType

from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

from briefing.core import paths

logger = logging.getLogger(__name__)

LOG_FILE_NAME = "briefing.log"
QUIET_SECONDS = 5.0
"""The same error again within this time is logged without another dialog."""

_OURS = "briefing_log_file"
"""Marks the handler :func:`setup_file_logging` added, to find it again."""

ExceptHook = Callable[[type[BaseException], BaseException, TracebackType | None], object]


def log_folder() -> Path:
    folder = paths.user_data_dir() / "logs"
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def setup_file_logging(folder: Path | None = None, level: int = logging.INFO) -> Path:
    """Send the app's log (the ``briefing`` logger) to a rotating file; returns the file.

    There is one such file at a time: calling it again with the same folder changes nothing,
    with another folder moves the log there.
    """
    file = (folder if folder is not None else log_folder()) / LOG_FILE_NAME
    file.parent.mkdir(parents=True, exist_ok=True)
    app_logger = logging.getLogger("briefing")
    for existing in list(app_logger.handlers):
        if getattr(existing, _OURS, False):
            if isinstance(existing, logging.FileHandler) and Path(existing.baseFilename) == file:
                return file
            app_logger.removeHandler(existing)
            existing.close()
    handler = logging.handlers.RotatingFileHandler(file, maxBytes=1_000_000, backupCount=3,
                                                   encoding="utf-8")
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    setattr(handler, _OURS, True)
    app_logger.addHandler(handler)
    if app_logger.level == logging.NOTSET or app_logger.level > level:
        app_logger.setLevel(level)
    return file


class CrashHandler:
    """The ``sys.excepthook`` that autosaves, logs and shows a dialog."""

    def __init__(self, autosave: Callable[[], object], parent_getter: Callable[[], QWidget | None],
                 *, log_file: Path | None = None) -> None:
        self._autosave = autosave
        self._parent_getter = parent_getter
        self.log_file = log_file
        self._previous: ExceptHook | None = None
        self._previous_thread_hook: Callable[[threading.ExceptHookArgs], object] | None = None
        self._handling = False
        self._last_shown: tuple[str, float] = ("", 0.0)
        self.handled = 0
        """How many exceptions this handler has seen (for tests and the log)."""

    # Installing -----------------------------------------------------------------------------

    def install(self) -> None:
        """Become ``sys.excepthook`` (and log exceptions escaping other threads)."""
        if self._previous is None:
            self._previous = sys.excepthook
            sys.excepthook = self
            self._previous_thread_hook = threading.excepthook
            threading.excepthook = self._thread_hook

    def uninstall(self) -> None:
        """Put back the hooks that were there before :meth:`install`."""
        if self._previous is not None:
            if sys.excepthook is self:
                sys.excepthook = self._previous
            if self._previous_thread_hook is not None:
                threading.excepthook = self._previous_thread_hook
            self._previous = None
            self._previous_thread_hook = None

    # Handling -------------------------------------------------------------------------------

    def __call__(self, kind: type[BaseException], error: BaseException,
                 trace: TracebackType | None) -> None:
        try:
            self._handle(kind, error, trace)
        except BaseException:  # the handler must never raise: fall back to Python's own
            sys.__excepthook__(kind, error, trace)

    def _handle(self, kind: type[BaseException], error: BaseException,
                trace: TracebackType | None) -> None:
        if issubclass(kind, KeyboardInterrupt):
            (self._previous or sys.__excepthook__)(kind, error, trace)
            return
        self.handled += 1
        if self._handling:
            logger.critical("Another unexpected error while reporting one",
                            exc_info=(kind, error, trace))
            return
        self._handling = True
        try:
            saved = self._safe_autosave()
            logger.critical("Unexpected error", exc_info=(kind, error, trace))
            self._flush_log()
            details = "".join(traceback.format_exception(kind, error, trace))
            summary = f"{kind.__name__}: {error}"
            if self._should_show(summary):
                self._show_dialog(summary, details, saved)
        finally:
            self._handling = False

    def _safe_autosave(self) -> bool:
        try:
            return bool(self._autosave())
        except Exception:
            logger.exception("Autosave before reporting an error failed")
            return False

    def _should_show(self, summary: str) -> bool:
        app = QApplication.instance()
        if app is None or threading.current_thread() is not threading.main_thread():
            return False
        last, when = self._last_shown
        now = time.monotonic()
        if summary == last and now - when < QUIET_SECONDS:
            logger.info("Same error again within %.0f s; not shown again", QUIET_SECONDS)
            return False
        self._last_shown = (summary, now)
        return True

    def _show_dialog(self, summary: str, details: str, saved: bool) -> None:
        box = QMessageBox(self._safe_parent())
        box.setIcon(QMessageBox.Icon.Critical)
        box.setWindowTitle("Briefing: unexpected error")
        box.setText("Briefing ran into an unexpected problem. You can keep working, but save "
                    "your outline soon, under a new name to be safe.")
        where = [("Your unsaved work was autosaved and will be offered if Briefing has "
                  "to restart." if saved else "")]
        if self.log_file is not None:
            where.append(f"The details are in the log: {self.log_file}")
        box.setInformativeText("\n\n".join(part for part in [summary, *where] if part))
        box.setDetailedText(details)
        box.setStandardButtons(QMessageBox.StandardButton.Ok)
        box.setAccessibleName("Unexpected error")
        box.exec()

    def _safe_parent(self) -> QWidget | None:
        try:
            return self._parent_getter()
        except Exception:
            return None

    def _flush_log(self) -> None:
        for handler in logging.getLogger("briefing").handlers:
            try:
                handler.flush()
            except Exception:  # a broken log handler must not stop the report
                continue

    def _thread_hook(self, args: threading.ExceptHookArgs) -> None:
        try:
            if args.exc_value is None or issubclass(args.exc_type, SystemExit):
                return
            logger.critical("Unexpected error in thread %s",
                            args.thread.name if args.thread else "?",
                            exc_info=(args.exc_type, args.exc_value, args.exc_traceback))
        except BaseException:
            sys.__excepthook__(args.exc_type, args.exc_value or Exception(),
                               args.exc_traceback)


def install(autosave: Callable[[], object], parent_getter: Callable[[], QWidget | None], *,
            log_file: Path | None = None) -> CrashHandler:
    """Install the one ``sys.excepthook``; ``log_file`` defaults to :func:`setup_file_logging`."""
    handler = CrashHandler(autosave, parent_getter,
                           log_file=log_file if log_file is not None else setup_file_logging())
    handler.install()
    return handler
