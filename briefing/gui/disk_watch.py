"""Watching the open outline's file, so a change made on disk shows up while the window is open.

The check before saving (:mod:`briefing.core.file_state`) is what keeps a colleague's change
from being overwritten; this watcher only tells the user earlier. Saves by other programs
usually replace the file (a new inode), which ends a ``QFileSystemWatcher``'s watch, so the
path is watched again after every change it reports. Its folder is watched too, so a file
that was deleted and then written again (``git checkout``, some sync tools) is noticed.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QFileSystemWatcher, QObject, Signal


class DiskWatch(QObject):
    """Reports changes to one file (the document's) by path."""

    changed = Signal(object)
    """The watched file changed, was replaced, renamed or deleted (its Path)."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._watcher = QFileSystemWatcher(self)
        self._watcher.fileChanged.connect(self._file_changed)
        self._watcher.directoryChanged.connect(self._folder_changed)
        self._path: Path | None = None

    @property
    def path(self) -> Path | None:
        return self._path

    def watch(self, path: Path | None) -> None:
        """Watch ``path`` instead of the file watched so far (None: nothing)."""
        watched = self._watcher.files() + self._watcher.directories()
        if watched:
            self._watcher.removePaths(watched)
        self._path = path
        if path is not None and path.exists():
            self._watcher.addPaths([str(path), str(path.parent)])

    def _file_changed(self, name: str) -> None:
        if self._path is None or Path(name) != self._path:
            return
        if self._path.exists() and str(self._path) not in self._watcher.files():
            self._watcher.addPath(str(self._path))  # replaced by a new file: follow it
        self.changed.emit(self._path)

    def _folder_changed(self, _folder: str) -> None:
        if self._path is not None and self._path.exists() \
                and str(self._path) not in self._watcher.files():
            self._watcher.addPath(str(self._path))  # back after being deleted or moved away
            self.changed.emit(self._path)
