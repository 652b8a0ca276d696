"""Faults for tests: a disk that fills up, and a writer process killed mid-write.

``full_disk(monkeypatch, free=N)`` makes writes to Briefing's temporary files fail with
``ENOSPC`` once ``N`` bytes have gone to them, as a full disk does; other files are untouched.
``start_killable_write(script)`` runs ``script`` in a child process that stops in the middle
of writing a temporary file (after half a write reached the disk) and says so; the test then
kills it with SIGKILL, the way a crash or a power cut ends a save.
``unreadable_folder(monkeypatch, folder)`` makes listing ``folder`` fail as a folder without
read permission does (the tests may run as root, for whom ``chmod`` changes nothing).
"""

from __future__ import annotations

import errno
import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from briefing.core.atomic import is_temporary_file

ROOT = Path(__file__).resolve().parents[1]


def unreadable_folder(monkeypatch: pytest.MonkeyPatch, folder: Path) -> None:
    """Make listing ``folder`` raise the error a folder without read permission gives."""
    real_scandir = os.scandir

    def refuse(path: object) -> object:
        if Path(str(path)) == folder:
            raise PermissionError(errno.EACCES, "Permission denied")
        return real_scandir(path)  # type: ignore[call-overload]

    monkeypatch.setattr(os, "scandir", refuse)


def full_disk(monkeypatch: pytest.MonkeyPatch, free: int = 0) -> None:
    """Let only ``free`` more bytes reach Briefing's temporary files, then raise ENOSPC."""
    real_open, real_write = os.open, os.write
    watched: set[int] = set()
    left = [free]

    def fake_open(path: str | os.PathLike[str], flags: int, *args: object,
                  **kwargs: object) -> int:
        fd = real_open(path, flags, *args, **kwargs)  # type: ignore[arg-type]
        if flags & (os.O_WRONLY | os.O_RDWR) and is_temporary_file(Path(path)):
            watched.add(fd)
        return fd

    def fake_write(fd: int, data: bytes) -> int:
        if fd in watched:
            room = left[0]
            if room <= 0:
                raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
            data = bytes(memoryview(data)[:room])
            left[0] -= len(data)
        return real_write(fd, data)

    monkeypatch.setattr(os, "open", fake_open)
    monkeypatch.setattr(os, "write", fake_write)


_STOP_MID_WRITE = """
import os, sys
sys.path.insert(0, {root!r})
from pathlib import Path
from briefing.core.atomic import is_temporary_file
_real_open, _real_write = os.open, os.write
_temp_fds = set()
_let_through = [{skip}]
def _open(path, flags, *args, **kwargs):
    fd = _real_open(path, flags, *args, **kwargs)
    if flags & os.O_WRONLY and is_temporary_file(Path(path)){only}:
        if _let_through[0]:
            _let_through[0] -= 1
        else:
            _temp_fds.add(fd)
    return fd
def _write(fd, data):
    if fd in _temp_fds:
        _real_write(fd, bytes(memoryview(data)[: max(1, len(data) // 2)]))
        print("writing", flush=True)
        sys.stdin.read()  # held here until killed
    return _real_write(fd, data)
os.open, os.write = _open, _write
"""


def start_killable_write(script: str, *, only: str = "", skip: int = 0,
                         args: tuple[str, ...] = (),
                         env: dict[str, str] | None = None) -> subprocess.Popen[str]:
    """Run ``script`` in a child that stops mid-write into a Briefing temporary file.

    ``only``: stop only in temporary files whose name contains this text; ``skip``: let this
    many such files be written whole first. Returns once the child has written half of the
    first write it stops in; the test kills it (``kill_write``).
    """
    condition = f" and {only!r} in str(path)" if only else ""
    prelude = _STOP_MID_WRITE.format(root=str(ROOT), only=condition, skip=skip)
    child = subprocess.Popen(
        [sys.executable, "-c", prelude + textwrap.dedent(script), *args],
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen", **(env or {})})
    assert child.stdout is not None
    line = child.stdout.readline()
    if line.strip() != "writing":
        child.kill()
        _, errors = child.communicate(timeout=60)
        raise AssertionError(f"the child never reached the write: {line!r} {errors}")
    return child


def kill_write(child: subprocess.Popen[str]) -> None:
    """SIGKILL the stopped child: no cleanup of any kind runs."""
    child.kill()
    child.communicate(timeout=60)
    assert child.returncode != 0
