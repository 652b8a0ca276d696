"""Atomic file writes that respect the file they replace.

A save or export either leaves the old file or the whole new one, never a truncated file:
the content goes to a temporary file beside the target, is flushed to disk, and only then
replaces the target with ``os.replace``. On top of that, a write

- keeps the replaced file's mode, group and (where the system allows) owner; a new file gets
  the mode the user's umask gives;
- writes through a symbolic link to the file it points to, so the link stays a link;
- refuses to replace a read-only file unless the caller says the user agreed (``force``);
- keeps the last good version as ``NAME.bak``, itself replaced atomically (a hard link to the
  old file where the file system has them, so it costs no space or copying);
- leaves no stray temporary file on an error, and the ones a killed process left are removed by
  the next write into the same folder (:func:`remove_stale_temporaries`).

Temporary files are named ``.NAME.briefing-TOKEN.tmp`` (and ``.NAME.briefing-TOKEN.bak.tmp``
for a backup on its way): hidden, never ending in an outline's or a note's extension, and
recognised by :func:`is_temporary_file`. The writer holds an OS lock on its temporary file
while it works, which is how a later cleaner tells a live write from a killed one.
"""

from __future__ import annotations

import contextlib
import contextvars
import errno
import io
import logging
import os
import re
import secrets
import shutil
import stat
import sys
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, BinaryIO

if TYPE_CHECKING:
    from _typeshed import ReadableBuffer

logger = logging.getLogger(__name__)

BACKUP_SUFFIX = ".bak"
TEMP_MARK = ".briefing-"
TEMP_SUFFIX = ".tmp"
_TEMP_NAME = re.compile(r"^\.(?P<name>.+)\.briefing-(?P<token>[0-9a-f]{8})(?P<backup>\.bak)?"
                        r"\.tmp$")
_LEGACY_TEMP_NAME = re.compile(r"^\.(?P<name>.+\.(?:yaml|yml|json|docx|md|html|htm|pdf))"
                               r"\.[a-z0-9_]{8}\.tmp$")
"""What older versions named their temporary files (``.note.docx.k2x9q0ab.tmp``)."""
_LEGACY_EXPORT_DRAFTS = ".briefing-export-"
"""Draft folders older versions wrote exports into; a killed export could leave one behind."""
_BUFFER_SIZE = 1 << 20
_CREATE_ATTEMPTS = 100


@dataclass(frozen=True)
class _WritePolicy:
    force: bool = False
    before_replace: Callable[[], None] | None = None


_policy: contextvars.ContextVar[_WritePolicy | None] = contextvars.ContextVar(
    "briefing_write_policy", default=None)


class ReadOnlyFileError(PermissionError):
    """The file to be replaced is read-only: replace it only when the user agrees (``force``)."""


def backup_path(path: Path) -> Path:
    """Where the last good version of ``path`` is kept when a save replaces it."""
    return path.with_name(path.name + BACKUP_SUFFIX)


def is_temporary_file(path: Path) -> bool:
    """Whether ``path`` is a temporary file of a Briefing write (never a real outline or note)."""
    return bool(_TEMP_NAME.match(path.name) or _LEGACY_TEMP_NAME.match(path.name))


def is_read_only(path: Path) -> bool:
    """Whether ``path`` is an existing file its owner marked read-only (or we may not write)."""
    try:
        mode = os.stat(path).st_mode
    except OSError:
        return False
    # ``access`` alone says yes to an administrator; the mode bits say what the owner meant.
    return stat.S_ISREG(mode) and (not mode & 0o222 or not os.access(path, os.W_OK))


def write_target(path: Path) -> Path:
    """The file a write to ``path`` changes: the end of a chain of symbolic links, else ``path``."""
    return Path(os.path.realpath(path)) if os.path.islink(path) else path


@contextlib.contextmanager
def write_policy(*, force: bool = False,
                 before_replace: Callable[[], None] | None = None) -> Iterator[None]:
    """Settings for every atomic write made in this context (by this thread), however deep.

    ``force``: replace read-only files (the user agreed). ``before_replace`` is called just
    before a target is replaced: raising there (the user pressed Cancel while a long export was
    written) leaves the target as it was and removes the temporary file. This reaches writes
    made inside the export writers without threading the options through each of them.
    """
    token = _policy.set(_WritePolicy(force, before_replace))
    try:
        yield
    finally:
        _policy.reset(token)


def write_atomic(path: str | Path, data: bytes | str, *, backup: bool = False,
                 force: bool = False) -> None:
    """Write ``data`` to ``path`` through a temporary file beside it, then replace.

    With ``backup``, the file being replaced becomes ``NAME.bak``. A read-only file raises
    :class:`ReadOnlyFileError` unless ``force``. Any other OSError propagates (the caller words
    it for the user); the target is then untouched.
    """
    payload = data.encode("utf-8") if isinstance(data, str) else data
    write_atomic_with(path, lambda stream: stream.write(payload), backup=backup, force=force)


def write_atomic_with(path: str | Path, writer: Callable[[BinaryIO], object], *,
                      backup: bool = False, force: bool = False) -> None:
    """Like :func:`write_atomic`, but ``writer`` streams the content into the temporary file."""
    policy = _policy.get() or _WritePolicy()
    target = write_target(Path(path))
    force = force or policy.force
    if is_read_only(target) and not force:
        raise ReadOnlyFileError(errno.EACCES, "the file is read-only", str(path))
    remove_stale_temporaries(target.parent)
    try:
        old = os.stat(target)
    except FileNotFoundError:
        old = None
    temp = _TempFile.create(target, old)
    try:
        stream = io.BufferedWriter(temp, _BUFFER_SIZE)
        writer(stream)
        stream.flush()
        temp.finish()
        if policy.before_replace is not None:
            policy.before_replace()
        if backup and old is not None and stat.S_ISREG(old.st_mode):
            _replace_backup(target, temp.token)
        if force and sys.platform == "win32" and old is not None:
            os.chmod(target, stat.S_IMODE(old.st_mode) | stat.S_IWRITE)  # Windows refuses
        os.replace(temp.path, target)
        temp.replaced = True
        _sync_folder(target.parent)
    finally:
        temp.discard()


def _replace_backup(target: Path, token: str) -> None:
    """Make the file at ``target`` the backup, atomically: a full disk never truncates it."""
    backup = backup_path(target)
    staged = target.with_name(f".{target.name}{TEMP_MARK}{token}{BACKUP_SUFFIX}{TEMP_SUFFIX}")
    try:
        try:
            os.link(target, staged)
        except OSError:  # no hard links here (FAT, some network shares): copy instead
            _copy_file(target, staged)
        os.replace(staged, backup)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(staged)
        raise


def _copy_file(source: Path, copy: Path) -> None:
    """Copy ``source`` to a new file ``copy`` with its mode, flushed to the disk."""
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0)
    fd = os.open(copy, flags, 0o600)
    try:
        with open(source, "rb") as stream:
            while chunk := stream.read(_BUFFER_SIZE):
                view = memoryview(chunk)
                while view:
                    view = view[os.write(fd, view):]
        os.fsync(fd)
    finally:
        os.close(fd)
    shutil.copystat(source, copy)


def _sync_folder(folder: Path) -> None:
    """Flush the folder's entry for the renamed file (POSIX), so a power cut keeps the rename."""
    if sys.platform == "win32":
        return
    with contextlib.suppress(OSError):
        fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


class _TempFile(io.RawIOBase):
    """The temporary file a write goes to, locked while the write is in progress.

    Once finished or failed it quietly drops whatever is written to it later: a library that
    writes again from a finaliser (``zipfile``'s ``__del__`` after a full disk) then makes no
    ``Exception ignored`` noise and cannot touch a file that is gone.
    """

    def __init__(self, path: Path, fd: int, token: str) -> None:
        super().__init__()
        self.path = path
        self.token = token
        self.replaced = False
        self._fd: int | None = fd
        self._position = 0
        self._end = 0
        """Where a write after the end lands: only counted, so offsets stay consistent."""

    @classmethod
    def create(cls, target: Path, old: os.stat_result | None) -> _TempFile:
        flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0) \
            | getattr(os, "O_CLOEXEC", 0)
        for _attempt in range(_CREATE_ATTEMPTS):
            token = secrets.token_hex(4)
            path = target.with_name(f".{target.name}{TEMP_MARK}{token}{TEMP_SUFFIX}")
            # A new file gets the mode the user's umask gives; a replacement starts private
            # and takes the old file's mode once its owner and group are set.
            try:
                fd = os.open(path, flags, 0o600 if old is not None else 0o666)
            except FileExistsError:
                continue
            if _lock(fd) and os.path.lexists(path):
                break
            os.close(fd)  # a cleaner took it between creating and locking: try another name
        else:
            raise FileExistsError(errno.EEXIST, "no free temporary file name", str(target))
        temp = cls(path, fd, token)
        if old is not None:
            try:
                _keep_owner_and_mode(fd, old)
            except BaseException:
                temp.discard()
                raise
        return temp

    # The raw stream the writer's buffer writes to.
    def writable(self) -> bool:
        return True

    def seekable(self) -> bool:
        return True

    def write(self, data: ReadableBuffer, /) -> int:
        if self._fd is not None:
            return os.write(self._fd, data)
        self._position += memoryview(data).nbytes
        self._end = max(self._end, self._position)
        return memoryview(data).nbytes

    def seek(self, offset: int, whence: int = os.SEEK_SET, /) -> int:
        if self._fd is not None:
            return os.lseek(self._fd, offset, whence)
        base = {os.SEEK_SET: 0, os.SEEK_CUR: self._position, os.SEEK_END: self._end}[whence]
        self._position = base + offset
        return self._position

    def tell(self) -> int:
        return self.seek(0, os.SEEK_CUR)

    def truncate(self, size: int | None = None, /) -> int:
        size = self.tell() if size is None else size
        if self._fd is not None:
            os.ftruncate(self._fd, size)
        return size

    def fileno(self) -> int:
        if self._fd is None:
            raise OSError(errno.EBADF, "the temporary file is closed")
        return self._fd

    def close(self) -> None:  # the write decides when the file closes, not the buffer
        pass

    # The write's own steps.
    def finish(self) -> None:
        """Everything is written: flush it to the disk (keeping the lock until replaced)."""
        if self._fd is not None:
            os.fsync(self._fd)

    def discard(self) -> None:
        """Close the file; remove it unless it replaced the target."""
        if self._fd is not None:
            with contextlib.suppress(OSError):
                self._position = os.lseek(self._fd, 0, os.SEEK_CUR)
                self._end = os.fstat(self._fd).st_size
        fd, self._fd = self._fd, None
        if not self.replaced:
            with contextlib.suppress(OSError):
                os.unlink(self.path)
        if fd is not None:
            with contextlib.suppress(OSError):
                os.close(fd)


def _keep_owner_and_mode(fd: int, old: os.stat_result) -> None:
    """Give the temporary file the replaced file's owner, group and mode, as far as allowed."""
    if sys.platform == "win32":
        return  # the read-only attribute is all there is, and a new file starts writable
    if old.st_uid != os.getuid() or old.st_gid != os.getgid():
        try:
            os.fchown(fd, old.st_uid, old.st_gid)
        except PermissionError:
            with contextlib.suppress(PermissionError):  # a group of ours can still be kept
                os.fchown(fd, -1, old.st_gid)
    os.fchmod(fd, stat.S_IMODE(old.st_mode))  # after chown, which clears set-id bits


def _lock(fd: int) -> bool:
    """Take the lock that tells cleaners this temporary file is being written.

    False only when a cleaner holds it (and is about to delete the file); a file system
    without locks is written unlocked.
    """
    if sys.platform == "win32":
        return True  # Windows will not delete a file another process has open
    import fcntl

    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        return False
    except OSError as error:
        logger.debug("no lock on temporary files here (%s)", error)
    return True


def _abandoned(path: Path) -> bool:
    """Whether the process writing this temporary file is gone (it holds no lock on it)."""
    if sys.platform == "win32":
        return True  # deleting it fails while a live process has it open
    import fcntl

    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_CLOEXEC", 0))
    except OSError:
        return False
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError:
        return False
    finally:
        os.close(fd)
    return True


def remove_stale_temporaries(folder: Path) -> list[Path]:
    """Remove the temporary files that killed or crashed writes left in ``folder``.

    A temporary file still locked by a running write is kept, and a staged backup is kept as
    long as the write it belongs to is alive. Returns what was removed; never raises.
    """
    try:
        names = [entry.name for entry in os.scandir(folder)]
    except OSError:
        return []
    removed: list[Path] = []
    data_tokens: set[str] = set()
    backups: list[tuple[str, Path]] = []
    for name in names:
        match = _TEMP_NAME.match(name)
        if match is None:
            legacy = folder / name
            if name.startswith(_LEGACY_EXPORT_DRAFTS):
                if _remove_legacy_drafts(legacy):
                    removed.append(legacy)
            elif _LEGACY_TEMP_NAME.match(name) and _made_by_mkstemp(legacy) \
                    and _abandoned(legacy) and _unlink(legacy):
                removed.append(legacy)
            continue
        path = folder / name
        if match["backup"]:
            backups.append((match["token"], path))
        elif _abandoned(path) and _unlink(path):
            removed.append(path)
        else:
            data_tokens.add(match["token"])
    for token, path in backups:
        if token not in data_tokens and _unlink(path):
            removed.append(path)
    if removed:
        logger.info("removed %d temporary file(s) left in %s by an interrupted write",
                    len(removed), folder)
    return removed


def _made_by_mkstemp(path: Path) -> bool:
    """Whether a file with an older version's temporary name also has its private mode."""
    if sys.platform == "win32":
        return True
    try:
        info = os.lstat(path)
    except OSError:
        return False
    return stat.S_ISREG(info.st_mode) and stat.S_IMODE(info.st_mode) == 0o600


def _unlink(path: Path) -> bool:
    try:
        os.unlink(path)
    except FileNotFoundError:
        return False
    except OSError as error:  # in use (Windows) or not ours to remove
        logger.debug("kept temporary file %s (%s)", path, error)
        return False
    return True


def _remove_legacy_drafts(folder: Path) -> bool:
    """An older version's export draft folder, removed when nothing in it is being written."""
    try:
        inside = list(folder.iterdir())
    except OSError:
        return False
    if any(is_temporary_file(item) and not _abandoned(item) for item in inside):
        return False
    shutil.rmtree(folder, ignore_errors=True)
    return not folder.exists()
