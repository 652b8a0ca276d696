"""Atomic file writes: a crash or a full disk mid-save never leaves a truncated file behind."""

from __future__ import annotations

import contextlib
import os
import shutil
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import BinaryIO

BACKUP_SUFFIX = ".bak"


def backup_path(path: Path) -> Path:
    """Where the last good version of ``path`` is kept when a save replaces it."""
    return path.with_name(path.name + BACKUP_SUFFIX)


def write_atomic(path: str | Path, data: bytes | str, *, backup: bool = False) -> None:
    """Write ``data`` to ``path`` through a temporary file beside it, then replace.

    With ``backup``, the file being replaced is first copied to ``NAME.bak``. OSError propagates
    (the caller words it for the user); the target is then untouched.
    """
    payload = data.encode("utf-8") if isinstance(data, str) else data
    write_atomic_with(path, lambda stream: stream.write(payload), backup=backup)


def write_atomic_with(path: str | Path, writer: Callable[[BinaryIO], object], *,
                      backup: bool = False) -> None:
    """Like :func:`write_atomic`, but ``writer`` streams the content into the temporary file."""
    target = Path(path)
    fd, temp_name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp",
                                     dir=target.parent)
    try:
        with os.fdopen(fd, "wb") as stream:
            writer(stream)
            stream.flush()
            os.fsync(stream.fileno())
        if backup and target.is_file():
            shutil.copy2(target, backup_path(target))
        os.replace(temp_name, target)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temp_name)
        raise
