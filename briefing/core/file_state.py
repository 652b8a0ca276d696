"""Noticing that a file changed on disk behind our back, before a save overwrites it.

When an outline is opened or saved, :func:`stamp_file` records what the file looked like (its
identity, size, modification time and a hash of its bytes). Before the next save,
:func:`check_unchanged` compares the file with that stamp: a colleague's save, a ``git pull``
or another Briefing window that saved the same file raises :class:`FileChangedError`, and a
file deleted or renamed meanwhile raises it with ``missing`` set. The hash keeps a file that was
merely touched, or rewritten with the same bytes, from counting as changed.
"""

from __future__ import annotations

import hashlib
import os
from dataclasses import dataclass
from pathlib import Path

from briefing.core.errors import BriefingError

_CHUNK = 1 << 20


class FileChangedError(BriefingError):
    """The file was changed, deleted or renamed by someone else since it was opened or saved."""

    def __init__(self, path: str | Path, *, missing: bool) -> None:
        self.missing = missing
        if missing:
            super().__init__(path, "was deleted or renamed since it was opened",
                             hint="Save it again under this name, or choose another one")
        else:
            super().__init__(path, "was changed by another program since it was opened",
                             hint="Nothing was written: read it again and repeat your change, "
                                  "or save under another name")


class FileReadOnlyError(BriefingError):
    """The file to be replaced is read-only; it is replaced only when the user says so."""

    def __init__(self, path: str | Path, hint: str = "") -> None:
        super().__init__(path, "is read-only",
                         hint=hint or "Choose another name, or make the file writable")


@dataclass(frozen=True)
class FileStamp:
    """What a file looked like when we last read or wrote it."""

    device: int
    inode: int
    size: int
    mtime_ns: int
    digest: str
    """SHA-256 of the content."""

    def same_stat(self, info: os.stat_result) -> bool:
        return (info.st_dev, info.st_ino, info.st_size, info.st_mtime_ns) == (
            self.device, self.inode, self.size, self.mtime_ns)


def digest_bytes(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _digest_file(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as stream:
        while chunk := stream.read(_CHUNK):
            digest.update(chunk)
    return digest.hexdigest()


def stamp_file(path: Path, data: bytes | None = None) -> FileStamp | None:
    """The stamp of ``path`` now (``data``: its content when the caller just wrote it).

    None when the file does not exist or cannot be read.
    """
    try:
        info = os.stat(path)
        digest = digest_bytes(data) if data is not None else _digest_file(path)
    except OSError:
        return None
    return FileStamp(info.st_dev, info.st_ino, info.st_size, info.st_mtime_ns, digest)


def check_unchanged(path: Path, stamp: FileStamp) -> None:
    """Raise :class:`FileChangedError` unless ``path`` still holds what ``stamp`` recorded."""
    try:
        info = os.stat(path)
    except FileNotFoundError:
        raise FileChangedError(path, missing=True) from None
    except OSError:
        return  # cannot tell; the write itself will report what is wrong
    if stamp.same_stat(info):
        return
    try:
        digest = _digest_file(path)
    except OSError:
        return
    if digest != stamp.digest:
        raise FileChangedError(path, missing=False)
