"""Never lose work: autosave unsaved changes to a recovery file, and offer it after a crash.

Usage in the main window::

    autosaver = Autosaver(lambda: document.outline, document.is_modified,
                          lambda: document.path, parent=window, changed=document.changed)
    autosaver.start()                   # at start-up, after any recovery was offered
    document.saved -> autosaver.clear() # after a clean save: the recovery copy is not needed
    on close -> autosaver.stop()        # a clean exit leaves nothing behind

    info = find_recovery()              # at start-up: work left by a session that crashed?
    if info and user_agrees: outline = restore_recovery(info); ...; discard_recovery(info)

How it works: each running app is a *session* with three files in ``paths.recovery_dir()``:
``SESSION.lock`` (a ``QLockFile`` held while the session runs), ``SESSION.yaml`` (the outline)
and ``SESSION.json`` (the file it belongs to and when it was saved). A clean exit removes all
three. Files whose lock is not held by a running process were left by a session that crashed
or was killed: :func:`find_recovery` offers the newest of them.

When it saves: every :data:`AUTOSAVE_INTERVAL_MS` while the outline has unsaved changes that
are not yet in the recovery file, when the app loses focus, and (synchronously, from the crash
handler) through :meth:`Autosaver.save_now`. Timer and focus saves copy the outline in short
slices on the window thread (:mod:`~briefing.gui.outline_copier`; an edit meanwhile starts the
copy over) and dump and write the copy on a worker, so a large outline never freezes the window
and the worker never reads what the user is editing. Autosave failures are logged and
reported through the ``failed`` signal; they never raise into the GUI.
"""

from __future__ import annotations

import contextlib
import dataclasses
import json
import logging
import os
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from PySide6.QtCore import (
    QDate,
    QLocale,
    QLockFile,
    QObject,
    QRunnable,
    Qt,
    QTime,
    QTimer,
    Signal,
    SignalInstance,
    Slot,
)
from PySide6.QtGui import QGuiApplication

from briefing.core import collector, paths
from briefing.core.atomic import remove_stale_temporaries, write_atomic
from briefing.core.errors import OutlineFormatError, WarningSink, log_warning
from briefing.core.file_state import FileStamp
from briefing.core.model import Outline
from briefing.gui.outline_copier import OutlineCopier
from briefing.gui.workers import quiet_pool, snapshot_outline

logger = logging.getLogger(__name__)

AUTOSAVE_INTERVAL_MS = 30_000
LOCK_SUFFIX = ".lock"
OUTLINE_SUFFIX = ".yaml"
META_SUFFIX = ".json"
SAVED, FAILED, SKIPPED = "saved", "failed", "skipped"


@dataclass(frozen=True)
class RecoveryInfo:
    """Work autosaved by a session that did not exit cleanly."""

    file: Path
    """The autosaved outline."""
    original: Path | None
    """The file the outline was opened from or saved to; None for a new, never-saved outline."""
    saved_at: datetime
    """When it was autosaved (local time)."""
    display_name: str = ""
    """The name the window showed for it ("Untitled", "sample-outline.yaml")."""
    original_stamp: FileStamp | None = None
    """What ``original`` held when the crashed session read it, to notice a change since."""

    @property
    def session(self) -> str:
        return self.file.stem

    def describe(self) -> str:
        """One line for the restore question: what and when."""
        name = self.original.name if self.original else (self.display_name or "Untitled")
        return f"{name}, autosaved {when_in_locale(self.saved_at)}"


def when_in_locale(moment: datetime) -> str:
    """A date and time as the user's locale writes them (on purpose: not ``strftime``, whose
    month names follow whatever locale the process happens to have)."""
    locale = QLocale()
    day = locale.toString(QDate(moment.year, moment.month, moment.day),
                          QLocale.FormatType.LongFormat)
    time = locale.toString(QTime(moment.hour, moment.minute), QLocale.FormatType.ShortFormat)
    return f"{day}, {time}"


class _SaveTask(QRunnable):
    def __init__(self, saver: Autosaver, outline: Outline, meta: dict[str, object],
                 generation: int, epoch: int) -> None:
        super().__init__()
        self._saver = saver
        self._outline: Outline | None = outline
        self._meta = meta
        self._generation = generation
        self._epoch = epoch

    def run(self) -> None:
        outline, self._outline = self._outline, None
        try:
            if outline is not None:  # (a task runs once)
                self._saver._write(outline, self._meta, self._generation, self._epoch)
        finally:
            # The collector has waited since the copy was made (see _write_in_background);
            # the copy goes first, so the collector finds little left to walk.
            del outline
            collector.resume()


class Autosaver(QObject):
    """Writes the open outline to this session's recovery file while it has unsaved changes.

    ``outline_getter``, ``is_dirty`` and ``document_path_getter`` read the current document;
    ``changed`` (optional) is a signal emitted on every edit, which lets the autosaver skip
    saves when nothing changed since the last one. Without it every timer tick that finds
    unsaved changes writes them.
    """

    saved = Signal(object)
    """The recovery file was written (its Path)."""
    failed = Signal(str)
    """Autosave could not write (the reason, for the status bar)."""

    def __init__(self, outline_getter: Callable[[], Outline], is_dirty: Callable[[], bool],
                 document_path_getter: Callable[[], Path | None], parent: QObject | None = None,
                 *, changed: SignalInstance | None = None, interval_ms: int = AUTOSAVE_INTERVAL_MS,
                 folder: Path | None = None, display_name: Callable[[], str] | None = None,
                 disk_stamp: Callable[[], FileStamp | None] | None = None) -> None:
        super().__init__(parent)
        self._disk_stamp = disk_stamp or (lambda: None)
        self._outline_getter = outline_getter
        self._is_dirty = is_dirty
        self._path_getter = document_path_getter
        self._display_name = display_name or (lambda: "")
        self.folder = folder if folder is not None else paths.recovery_dir()
        self.session = f"session-{time.strftime('%Y%m%d-%H%M%S')}-{os.getpid()}"
        self._lock = QLockFile(str(self.folder / f"{self.session}{LOCK_SUFFIX}"))
        self._lock.setStaleLockTime(0)  # stale only when its process is gone, never by age
        self._write_lock = threading.Lock()
        self._tracks_changes = changed is not None
        self._generation = 0
        """Bumped on every edit; compared with the generation last written."""
        self._written_generation = -1
        self._epoch = 0
        """Bumped by :meth:`clear`, so a background save started before it writes nothing."""
        self._last_error = ""
        self._in_flight = False
        self._watching_focus = False
        """Whether :meth:`start` connected the focus-loss save (so :meth:`stop` disconnects it)."""
        self._pool = quiet_pool()
        """Shared with the page fit and counts: they take turns (see ``run_in_background``)."""
        self._copier = (OutlineCopier(outline_getter, changed, self) if changed is not None
                        else None)
        """Copies the outline for the worker; without ``changed`` it is copied at once."""
        if self._copier is not None:
            self._copier.ready.connect(self._write_in_background)

        self._timer = QTimer(self)
        self._timer.setInterval(interval_ms)
        self._timer.timeout.connect(self.save_in_background)
        if changed is not None:
            changed.connect(self.note_change)
        self._finished_signal = _Relay(self)
        self._finished_signal.done.connect(self._background_done,
                                           Qt.ConnectionType.QueuedConnection)

    # Files of this session ------------------------------------------------------------------

    @property
    def recovery_file(self) -> Path:
        return self.folder / f"{self.session}{OUTLINE_SUFFIX}"

    @property
    def meta_file(self) -> Path:
        return self.folder / f"{self.session}{META_SUFFIX}"

    # Life cycle ---------------------------------------------------------------------------

    def start(self) -> None:
        """Mark this session as running and start the timer and the focus-loss save."""
        self.folder.mkdir(parents=True, exist_ok=True)
        if not self._lock.isLocked() and not self._lock.tryLock(0):
            logger.warning("Could not create the session marker %s (%s)",
                           self._lock.fileName(), self._lock.error().name)
        self._timer.start()
        app = QGuiApplication.instance()
        if isinstance(app, QGuiApplication) and not self._watching_focus:
            app.applicationStateChanged.connect(self._application_state_changed)
            self._watching_focus = True

    def stop(self) -> None:
        """A clean exit: stop saving, remove the recovery copy and the session marker."""
        self._timer.stop()
        app = QGuiApplication.instance()
        if isinstance(app, QGuiApplication) and self._watching_focus:
            # Only when start() connected it: PySide warns on disconnecting what is not connected.
            with contextlib.suppress(RuntimeError, TypeError):
                app.applicationStateChanged.disconnect(self._application_state_changed)
        self._watching_focus = False
        self._pool.waitForDone()
        self.clear()  # (also drops a copy under way)
        if self._lock.isLocked():
            self._lock.unlock()

    def is_running(self) -> bool:
        return self._timer.isActive()

    @property
    def interval_ms(self) -> int:
        """How long unsaved changes wait before the timer writes them."""
        return self._timer.interval()

    @Slot()
    def note_change(self) -> None:
        """The outline changed: the next tick should write it."""
        self._generation += 1

    # Saving -------------------------------------------------------------------------------

    def _needs_save(self) -> bool:
        if not self._is_dirty():
            return False
        if not self._tracks_changes:
            return True
        return self._generation != self._written_generation or not self.recovery_file.exists()

    def save_now(self) -> Path | None:
        """Write the recovery file now, on this thread, if there are unsaved changes.

        Returns the file written, or None when there was nothing to save or the write failed
        (the failure is logged and emitted as ``failed``). Never raises; the crash handler
        calls this.
        """
        try:
            if not self._needs_save():
                return None
            outline, meta = self._outline_getter(), self._meta()
        except Exception:
            logger.exception("Autosave could not read the document")
            return None
        outcome = self._write(outline, meta, self._generation, self._epoch)
        self._report(outcome)
        return self.recovery_file if outcome == SAVED else None

    @Slot()
    def save_in_background(self) -> None:
        """Write the recovery file on a worker thread if there are unsaved changes."""
        if self._in_flight or not self._needs_save():
            return
        self._in_flight = True
        if self._copier is None:
            self._write_in_background(snapshot_outline(self._outline_getter()))
        else:
            self._copier.start()  # then _write_in_background

    @Slot(object)
    def _write_in_background(self, outline: Outline) -> None:
        """Dump and write ``outline``, a copy of the document as it is now, on the worker."""
        collector.pause()  # the copy is large and young: no collection walks it meanwhile
        self._pool.start(_SaveTask(self, outline, self._meta(), self._generation, self._epoch))

    def wait_for_background_save(self, timeout_ms: int = 30_000) -> bool:
        """Wait until a background save finished (for a clean exit and for tests)."""
        if self._copier is not None:
            self._copier.finish_now()
        return self._pool.waitForDone(timeout_ms)

    def clear(self) -> None:
        """Remove this session's recovery copy (after a clean save, or when work is discarded)."""
        with self._write_lock:
            for file in (self.recovery_file, self.meta_file):
                with contextlib.suppress(FileNotFoundError):
                    file.unlink()
            self._written_generation = -1
            self._epoch += 1
        if self._copier is not None and self._copier.is_copying():
            self._copier.cancel()
            self._in_flight = False

    def _meta(self) -> dict[str, object]:
        original = self._path_getter()
        stamp = self._disk_stamp()
        return {"original": str(original) if original else None,
                "display_name": self._display_name(), "pid": os.getpid(),
                "original_stamp": dataclasses.asdict(stamp) if stamp else None}

    def _write(self, outline: Outline, meta: dict[str, object], generation: int,
               epoch: int) -> str:
        """Dump and write; runs on the GUI thread (save_now) or a worker (background)."""
        from briefing.core.outline_file import dumps_outline
        outcome = FAILED
        try:
            text = dumps_outline(outline)
            meta = {**meta, "saved_at": datetime.now().isoformat(timespec="seconds")}
            with self._write_lock:
                if epoch != self._epoch:
                    outcome = SKIPPED  # cleared (saved cleanly) while this was dumping
                else:
                    write_atomic(self.recovery_file, text)
                    write_atomic(self.meta_file, json.dumps(meta, indent=1))
                    self._written_generation = generation
                    outcome = SAVED
        except Exception as error:  # an autosave must never take the app down
            logger.exception("Autosave to %s failed", self.recovery_file)
            self._last_error = f"Autosave failed: {error}"
        if threading.current_thread() is not threading.main_thread():
            self._finished_signal.done.emit(outcome)
        return outcome

    @Slot(str)
    def _background_done(self, outcome: str) -> None:
        self._in_flight = False
        self._report(outcome)

    def _report(self, outcome: str) -> None:
        if outcome == SAVED:
            logger.debug("Autosaved to %s", self.recovery_file)
            self.saved.emit(self.recovery_file)
        elif outcome == FAILED:
            self.failed.emit(self._last_error or "Autosave failed")

    @Slot(Qt.ApplicationState)
    def _application_state_changed(self, state: Qt.ApplicationState) -> None:
        if state != Qt.ApplicationState.ApplicationActive:
            self.save_in_background()


class _Relay(QObject):
    """Carries a worker thread's result back to the GUI thread."""

    done = Signal(str)


# Finding and restoring work left by a crashed session ------------------------------------------


def _session_alive(folder: Path, session: str) -> bool:
    """Whether the session's lock is held by a running process (possibly this one)."""
    lock = QLockFile(str(folder / f"{session}{LOCK_SUFFIX}"))
    lock.setStaleLockTime(0)
    if lock.tryLock(0):
        lock.unlock()  # it was stale (or missing): the session is gone
        return False
    return lock.error() == QLockFile.LockError.LockFailedError


def _read_info(file: Path) -> RecoveryInfo:
    meta_file = file.with_suffix(META_SUFFIX)
    original: Path | None = None
    display_name = ""
    stamp: FileStamp | None = None
    saved_at = datetime.fromtimestamp(file.stat().st_mtime)
    try:
        meta = json.loads(meta_file.read_text(encoding="utf-8"))
        if isinstance(meta, dict):
            if isinstance(meta.get("original"), str) and meta["original"]:
                original = Path(meta["original"])
            if isinstance(meta.get("display_name"), str):
                display_name = meta["display_name"]
            if isinstance(meta.get("saved_at"), str):
                saved_at = datetime.fromisoformat(meta["saved_at"])
            if isinstance(meta.get("original_stamp"), dict):
                stamp = FileStamp(**meta["original_stamp"])
    except (OSError, ValueError, TypeError):
        logger.info("Recovery file %s has no readable details; offering it anyway", file)
    return RecoveryInfo(file=file, original=original, saved_at=saved_at,
                        display_name=display_name, original_stamp=stamp)


def find_recoveries(folder: Path | None = None) -> list[RecoveryInfo]:
    """Work left by sessions that did not exit cleanly, newest first."""
    folder = folder if folder is not None else paths.recovery_dir()
    found = []
    for file in folder.glob(f"session-*{OUTLINE_SUFFIX}"):
        if _session_alive(folder, file.stem):
            continue
        try:
            found.append(_read_info(file))
        except OSError:
            continue  # removed meanwhile
    return sorted(found, key=lambda info: info.saved_at, reverse=True)


def find_recovery(folder: Path | None = None) -> RecoveryInfo | None:
    """The newest work left by a session that did not exit cleanly, or None."""
    found = find_recoveries(folder)
    return found[0] if found else None


def restore_recovery(info: RecoveryInfo, warn: WarningSink = log_warning) -> Outline:
    """The autosaved outline; OutlineFormatError (naming the recovery file) if it is damaged."""
    from briefing.core.outline_file import MAX_OUTLINE_BYTES, loads_outline
    from briefing.core.source_files import read_input_text
    text = read_input_text(info.file, OutlineFormatError, what="recovery file", warn=warn,
                           limit=MAX_OUTLINE_BYTES)
    return loads_outline(text, str(info.file), warn)


def clean_up_dead_sessions(folder: Path | None = None) -> None:
    """Remove what dead sessions left that holds no work: markers, details, temporary files.

    A session that crashed with nothing unsaved leaves only its lock; one killed while writing
    leaves a temporary file. Recovery files themselves stay until restored or discarded.
    """
    folder = folder if folder is not None else paths.recovery_dir()
    remove_stale_temporaries(folder)
    markers = [*folder.glob(f"session-*{LOCK_SUFFIX}"), *folder.glob(f"session-*{META_SUFFIX}")]
    for marker in markers:
        session = marker.name[:-len(marker.suffix)]
        if (folder / f"{session}{OUTLINE_SUFFIX}").exists() or _session_alive(folder, session):
            continue
        with contextlib.suppress(FileNotFoundError):
            marker.unlink()
            logger.info("removed %s, left by a session that ended without closing", marker.name)


def discard_recovery(info: RecoveryInfo) -> None:
    """Delete a crashed session's files (after restoring them, or when the user declines)."""
    for suffix in (OUTLINE_SUFFIX, META_SUFFIX, LOCK_SUFFIX):
        with contextlib.suppress(FileNotFoundError):
            info.file.with_suffix(suffix).unlink()
