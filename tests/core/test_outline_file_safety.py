"""Saving an outline never overwrites someone else's change unseen, nor a read-only file."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from briefing.core.errors import OutlineFormatError
from briefing.core.file_state import (
    FileChangedError,
    FileReadOnlyError,
    check_unchanged,
    stamp_file,
)
from briefing.core.outline_file import load_outline, save_outline, validate_outline_file
from tests.core.export.fixtures.outlines import sample_outline
from tests.faults import full_disk


@pytest.fixture
def saved(tmp_path: Path) -> Path:
    path = tmp_path / "outline.yaml"
    save_outline(sample_outline(), path)
    return path


def test_the_stamp_a_save_returns_lets_the_next_save_through(saved: Path) -> None:
    stamp = save_outline(sample_outline(), saved)
    assert stamp is not None and stamp == stamp_file(saved)
    outline = sample_outline()
    outline.title = "Second save"
    assert save_outline(outline, saved, expected=stamp) is not None
    assert load_outline(saved).title == "Second save"


def test_a_change_by_someone_else_stops_the_save(saved: Path) -> None:
    stamp = stamp_file(saved)
    assert stamp is not None
    saved.write_text(saved.read_text(encoding="utf-8") + "# a colleague's comment\n",
                     encoding="utf-8")
    with pytest.raises(FileChangedError) as caught:
        save_outline(sample_outline(), saved, expected=stamp)
    assert not caught.value.missing
    assert str(caught.value).startswith(f"{saved}: was changed by another program")
    assert saved.read_text(encoding="utf-8").endswith("# a colleague's comment\n")


def test_a_deleted_file_is_reported_as_missing(saved: Path) -> None:
    stamp = stamp_file(saved)
    assert stamp is not None
    saved.unlink()
    with pytest.raises(FileChangedError) as caught:
        check_unchanged(saved, stamp)
    assert caught.value.missing and "deleted or renamed" in str(caught.value)


def test_the_same_bytes_written_again_are_no_change(saved: Path) -> None:
    stamp = stamp_file(saved)
    assert stamp is not None
    content = saved.read_bytes()
    saved.unlink()
    saved.write_bytes(content)  # a new file (new inode, new time) with the same bytes
    os.utime(saved, ns=(1, 1))
    check_unchanged(saved, stamp)


def test_a_read_only_outline_is_refused_with_its_name(saved: Path) -> None:
    saved.chmod(0o444)
    with pytest.raises(FileReadOnlyError) as caught:
        save_outline(sample_outline(), saved)
    assert str(caught.value).startswith(f"{saved}: is read-only")
    save_outline(sample_outline(), saved, force=True)


def test_a_full_disk_is_worded_for_the_user(saved: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    before = saved.read_bytes()
    full_disk(monkeypatch, free=100)
    with pytest.raises(OutlineFormatError) as caught:
        save_outline(sample_outline(), saved)
    assert "cannot be saved: the disk is full" in str(caught.value)
    assert saved.read_bytes() == before
    assert sorted(p.name for p in saved.parent.iterdir()) == ["outline.yaml"]


def test_a_temporary_file_is_never_read_as_an_outline(saved: Path) -> None:
    temporary = saved.with_name(".outline.yaml.briefing-0123abcd.tmp")
    temporary.write_bytes(saved.read_bytes())
    with pytest.raises(OutlineFormatError) as caught:
        load_outline(temporary)
    assert "temporary file left by an interrupted save" in str(caught.value)
    assert "Open outline.yaml instead" in str(caught.value)
    assert any("temporary file" in line for line in validate_outline_file(temporary))
