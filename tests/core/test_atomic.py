"""Atomic writes leave either the old file or the new one, never a half-written file."""

from __future__ import annotations

import errno
import gc
import os
import stat
import sys
import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import BinaryIO

import pytest

from briefing.core.atomic import (
    ReadOnlyFileError,
    backup_path,
    is_read_only,
    is_temporary_file,
    remove_stale_temporaries,
    write_atomic,
    write_atomic_with,
)
from tests.faults import full_disk, kill_write, start_killable_write


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


# --- what the replaced file was: mode, owner, links, read-only ------------------------------

@pytest.fixture
def umask_027() -> Iterator[None]:
    old = os.umask(0o027)
    try:
        yield
    finally:
        os.umask(old)


@pytest.mark.usefixtures("umask_027")
def test_a_new_file_gets_the_mode_the_users_umask_gives(tmp_path: Path) -> None:
    target = tmp_path / "new.yaml"
    write_atomic(target, "text")
    assert stat.S_IMODE(target.stat().st_mode) == 0o640


@pytest.mark.usefixtures("umask_027")
@pytest.mark.parametrize("mode", [0o600, 0o664, 0o755])
def test_a_replaced_file_keeps_its_mode(tmp_path: Path, mode: int) -> None:
    target = tmp_path / "shared.yaml"
    target.write_text("old")
    target.chmod(mode)
    write_atomic(target, "new", backup=True)
    assert target.read_text() == "new"
    assert stat.S_IMODE(target.stat().st_mode) == mode


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX owners")
def test_a_replaced_file_keeps_its_owner_and_group(tmp_path: Path) -> None:
    target = tmp_path / "team.yaml"
    target.write_text("old")
    if os.getuid() == 0:
        owner, group = 65534, 65534  # an administrator can keep anyone's file theirs
    else:
        others = [gid for gid in os.getgroups() if gid != os.getgid()]
        if not others:
            pytest.skip("needs a second group of the user's")
        owner, group = os.getuid(), others[0]
    os.chown(target, owner, group)
    target.chmod(0o640)
    write_atomic(target, "new")
    info = target.stat()
    assert (info.st_uid, info.st_gid, stat.S_IMODE(info.st_mode)) == (owner, group, 0o640)


def test_a_symlinked_file_is_written_through_the_link(tmp_path: Path) -> None:
    real = tmp_path / "repo" / "outline.yaml"
    real.parent.mkdir()
    real.write_text("old")
    link = tmp_path / "outline.yaml"
    link.symlink_to(real)
    write_atomic(link, "new", backup=True)
    assert link.is_symlink() and link.resolve() == real
    assert real.read_text() == "new"
    assert backup_path(real).read_text() == "old"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["outline.yaml", "repo"]


def test_a_read_only_file_is_refused_unless_forced(tmp_path: Path) -> None:
    target = tmp_path / "final.yaml"
    target.write_text("approved")
    target.chmod(0o444)
    with pytest.raises(ReadOnlyFileError):
        write_atomic(target, "changed")
    assert target.read_text() == "approved"
    write_atomic(target, "changed", force=True)
    assert target.read_text() == "changed"
    assert stat.S_IMODE(target.stat().st_mode) == 0o444, "still read-only"
    assert not is_read_only(tmp_path / "missing.yaml")


# --- the backup ------------------------------------------------------------------------------

def test_each_save_moves_the_last_good_version_to_the_backup(tmp_path: Path) -> None:
    target = tmp_path / "note.yaml"
    for version in ("one", "two", "three"):
        write_atomic(target, version, backup=True)
    assert target.read_text() == "three"
    assert backup_path(target).read_text() == "two"


def test_a_full_disk_while_copying_the_backup_keeps_the_old_backup_and_the_file(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    target = tmp_path / "note.yaml"
    target.write_text("good " * 1000)
    backup_path(target).write_text("older")
    monkeypatch.setattr(os, "link", _no_links)  # so the old file is copied, which needs space
    full_disk(monkeypatch, free=5100)  # room for the new file, not for the copy as well
    with pytest.raises(OSError) as caught:
        write_atomic(target, "new " * 1000, backup=True)
    assert caught.value.errno == errno.ENOSPC
    assert target.read_text() == "good " * 1000
    assert backup_path(target).read_text() == "older"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["note.yaml", "note.yaml.bak"]


def _no_links(source: object, link: object) -> None:
    raise OSError(errno.EPERM, "hard links are not supported here")


def test_without_hard_links_the_backup_is_a_full_copy(tmp_path: Path,
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(os, "link", _no_links)
    target = tmp_path / "note.yaml"
    target.write_text("old")
    target.chmod(0o640)
    write_atomic(target, "new", backup=True)
    assert backup_path(target).read_text() == "old"
    assert stat.S_IMODE(backup_path(target).stat().st_mode) == 0o640


# --- temporary files --------------------------------------------------------------------------

def test_disk_full_mid_write_leaves_no_temporary_and_no_noise(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A library writing again from a finaliser (zipfile's) finds a quiet, closed stream."""
    unraisable: list[object] = []
    monkeypatch.setattr(sys, "unraisablehook", unraisable.append)
    target = tmp_path / "note.zip"
    target.write_bytes(b"old")
    full_disk(monkeypatch, free=100)

    def zip_into(stream: BinaryIO) -> None:
        archive = zipfile.ZipFile(stream, "w")
        archive.writestr("a.txt", os.urandom(5000))  # fails; the archive is never closed

    with pytest.raises(OSError):
        write_atomic_with(target, zip_into)
    gc.collect()
    assert unraisable == []
    assert target.read_bytes() == b"old"
    assert [p.name for p in tmp_path.iterdir()] == ["note.zip"]


def test_temporary_names_are_recognised_and_never_look_like_outlines(tmp_path: Path) -> None:
    seen: list[str] = []

    def peek(stream: BinaryIO) -> None:
        seen.extend(p.name for p in tmp_path.iterdir() if p.name != "x.yaml")
        stream.write(b"data")

    write_atomic_with(tmp_path / "x.yaml", peek)
    assert len(seen) == 1
    name = seen[0]
    assert name.startswith(".x.yaml.briefing-") and name.endswith(".tmp")
    assert is_temporary_file(tmp_path / name)
    assert not is_temporary_file(tmp_path / "x.yaml")
    assert not is_temporary_file(tmp_path / "notes.tmp")


def _leave_temporary(folder: Path, name: str, *, held: bool) -> int | None:
    """A temporary file as a killed write (not held) or a running one (held) leaves it."""
    path = folder / name
    path.write_bytes(b"half a file")
    if not held:
        return None
    import fcntl

    fd = os.open(path, os.O_RDONLY)
    fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    return fd


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX file locks")
def test_only_temporaries_of_writes_that_died_are_removed(tmp_path: Path) -> None:
    dead = ".note.docx.briefing-0123abcd.tmp"
    dead_backup = ".note.docx.briefing-0123abcd.bak.tmp"
    live = ".other.yaml.briefing-89abcdef.tmp"
    live_backup = ".other.yaml.briefing-89abcdef.bak.tmp"
    older_version = ".old.yaml.k2x9q0ab.tmp"
    _leave_temporary(tmp_path, dead, held=False)
    _leave_temporary(tmp_path, dead_backup, held=False)
    _leave_temporary(tmp_path, older_version, held=False)
    (tmp_path / older_version).chmod(0o600)  # as mkstemp made them
    look_alike = ".notes.md.backup01.tmp"  # the same shape, but a file the user made
    (tmp_path / look_alike).write_text("the user's own")
    (tmp_path / look_alike).chmod(0o644)
    fd = _leave_temporary(tmp_path, live, held=True)
    _leave_temporary(tmp_path, live_backup, held=False)
    drafts = tmp_path / ".briefing-export-abc123"
    drafts.mkdir()
    (drafts / "note.docx").write_bytes(b"40 MB of draft")
    (tmp_path / "keep.tmp").write_text("the user's own")
    (tmp_path / ".hidden.yaml").write_text("the user's own")
    try:
        removed = remove_stale_temporaries(tmp_path)
        assert sorted(p.name for p in removed) == sorted(
            [dead, dead_backup, older_version, drafts.name])
        assert sorted(p.name for p in tmp_path.iterdir()) == sorted(
            [".hidden.yaml", "keep.tmp", live, live_backup, look_alike])
    finally:
        assert fd is not None
        os.close(fd)
    assert sorted(p.name for p in remove_stale_temporaries(tmp_path)) == sorted([live, live_backup])


def test_the_next_write_into_the_folder_removes_what_a_killed_write_left(
        tmp_path: Path) -> None:
    _leave_temporary(tmp_path, ".note.yaml.briefing-0123abcd.tmp", held=False)
    write_atomic(tmp_path / "other.md", "text")
    assert [p.name for p in tmp_path.iterdir()] == ["other.md"]


def test_a_write_killed_midway_leaves_the_old_file_and_the_next_write_cleans_up(
        tmp_path: Path) -> None:
    target = tmp_path / "note.yaml"
    target.write_text("the good version\n")
    child = start_killable_write("""
        import sys
        from briefing.core.atomic import write_atomic
        write_atomic(sys.argv[1], "the new version\\n" * 50_000, backup=True)
    """, args=(str(target),))
    kill_write(child)
    assert target.read_text() == "the good version\n"
    left = [p for p in tmp_path.iterdir() if p != target]
    assert len(left) == 1 and is_temporary_file(left[0]) and left[0].stat().st_size > 0
    write_atomic(target, "saved again\n", backup=True)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["note.yaml", "note.yaml.bak"]
