"""Telling a second Briefing window or instance that an outline is already open elsewhere.

While a window has an outline open it holds a lock for that file: a ``QLockFile`` (which
records the process id and host name) in ``open-files`` under Briefing's data folder, named
after the file's full path. Another window that opens the same file finds the lock held and
warns before opening it. A lock whose process is gone (a crash, a kill) is stale: Qt removes it
when it is next tried, and :func:`remove_dead_locks` clears them all at start.

The locks live in the data folder rather than beside the outline, so an outline's folder (a
shared drive, a git checkout) never gets extra files; a colleague's change to a shared file is
caught by the check before saving (:mod:`briefing.core.file_state`) instead.
"""

from __future__ import annotations

import hashlib
import logging
import os
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QLockFile

from briefing.core import paths

logger = logging.getLogger(__name__)

LOCK_SUFFIX = ".lock"


@dataclass(frozen=True)
class OpenElsewhere:
    """Who else has the file open."""

    pid: int
    host: str

    def describe(self) -> str:
        """Where, as seen from the window that asks (never its own file)."""
        if self.pid == os.getpid():
            return "in another window"
        return f"in another Briefing (process {self.pid} on {self.host})"


def _locks_folder() -> Path:
    folder = paths.user_data_dir() / "open-files"
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def _lock_for(path: Path) -> QLockFile:
    key = hashlib.sha256(str(path.resolve()).encode("utf-8", "surrogatepass")).hexdigest()[:32]
    lock = QLockFile(str(_locks_folder() / f"{key}{LOCK_SUFFIX}"))
    lock.setStaleLockTime(0)  # stale only when its process is gone, never by age
    return lock


def open_elsewhere(path: Path) -> OpenElsewhere | None:
    """Who has ``path`` open, when a running Briefing does (this one included); else None."""
    lock = _lock_for(path)
    if lock.tryLock(0):
        lock.unlock()
        return None
    if lock.error() != QLockFile.LockError.LockFailedError:
        return None  # cannot tell (the data folder is not writable): do not cry wolf
    pid, host, _app = lock.getLockInfo()
    return OpenElsewhere(int(pid), str(host)) if pid else None


class OpenFileLock:
    """The lock a window holds on the outline it has open (at most one at a time)."""

    def __init__(self) -> None:
        self._lock: QLockFile | None = None
        self._path: Path | None = None

    @property
    def path(self) -> Path | None:
        """The file this window holds the lock for."""
        return self._path

    def hold(self, path: Path | None) -> bool:
        """Hold the lock for ``path`` (None: for nothing); False when another holds it."""
        if path is not None and self._path is not None and path.resolve() == self._path:
            return True
        self.release()
        if path is None:
            return True
        lock = _lock_for(path)
        if not lock.tryLock(0):
            logger.info("%s is open elsewhere; not locked by this window", path)
            return False
        self._lock, self._path = lock, path.resolve()
        return True

    def release(self) -> None:
        if self._lock is not None:
            self._lock.unlock()
        self._lock = self._path = None


def remove_dead_locks() -> int:
    """Remove the locks of processes that are gone; how many were removed."""
    removed = 0
    for file in _locks_folder().glob(f"*{LOCK_SUFFIX}"):
        lock = QLockFile(str(file))
        lock.setStaleLockTime(0)
        if lock.tryLock(0):  # stale: Qt took it over
            lock.unlock()
            removed += 1
    return removed
