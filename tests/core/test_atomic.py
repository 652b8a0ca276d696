"""Atomic writes leave either the old file or the new one, never a half-written file."""

from __future__ import annotations

from pathlib import Path
from typing import BinaryIO

import pytest

from briefing.core.atomic import backup_path, write_atomic, write_atomic_with


def test_write_replaces_content_and_keeps_backup(tmp_path: Path) -> None:
    target = tmp_path / "note.yaml"
    target.write_text("old")
    write_atomic(target, "new", backup=True)
    assert target.read_text() == "new"
    assert backup_path(target).read_text() == "old"


def test_failure_mid_write_leaves_old_file_and_no_temporary(tmp_path: Path) -> None:
    target = tmp_path / "note.yaml"
    target.write_text("old")

    def explode(stream: BinaryIO) -> None:
        stream.write(b"half")
        raise OSError(28, "No space left on device")

    with pytest.raises(OSError):
        write_atomic_with(target, explode)
    assert target.read_text() == "old"
    assert [p.name for p in tmp_path.iterdir()] == ["note.yaml"]


def test_missing_folder_raises_oserror(tmp_path: Path) -> None:
    with pytest.raises(OSError):
        write_atomic(tmp_path / "nope" / "x.txt", "data")
