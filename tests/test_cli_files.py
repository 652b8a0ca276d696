"""The command line and the files it replaces: read-only files, links, full disks, kills."""

from __future__ import annotations

import os
import shutil
import stat
import subprocess
import sys
from pathlib import Path

import docx
import pytest

from briefing.cli import main
from briefing.core import paths
from briefing.core.atomic import is_temporary_file
from briefing.core.outline_file import load_outline, save_outline
from tests.core.export.fixtures.outlines import sample_outline
from tests.faults import full_disk, kill_write, start_killable_write

ROOT = Path(__file__).resolve().parent.parent
ARTICLE = ROOT / "tests" / "core" / "importers" / "fixtures" / "md" / "heat_pumps.md"


def run(capsys: pytest.CaptureFixture[str], *argv: str | Path) -> tuple[int, str, str]:
    status = main([str(arg) for arg in argv])
    captured = capsys.readouterr()
    return status, captured.out, captured.err


@pytest.fixture
def outline_file(tmp_path: Path) -> Path:
    path = tmp_path / "topic.yaml"
    save_outline(sample_outline(), path)
    return path


def test_import_refuses_a_read_only_outline_unless_forced(
        tmp_path: Path, outline_file: Path, capsys: pytest.CaptureFixture[str]) -> None:
    before = outline_file.read_bytes()
    outline_file.chmod(0o444)
    status, _, err = run(capsys, "import", ARTICLE, "-o", outline_file, "--append")
    assert status == 1
    assert err.count("\n") == 1 and "Traceback" not in err
    assert f"{outline_file}: is read-only" in err and "--force" in err
    assert outline_file.read_bytes() == before
    status, _, err = run(capsys, "import", ARTICLE, "-o", outline_file, "--append", "--force")
    assert status == 0, err
    assert len(load_outline(outline_file).articles) == len(sample_outline().articles) + 1
    assert stat.S_IMODE(outline_file.stat().st_mode) == 0o444


def test_export_refuses_a_read_only_note_unless_forced(
        tmp_path: Path, outline_file: Path, capsys: pytest.CaptureFixture[str]) -> None:
    note = tmp_path / "note.md"
    note.write_text("the note the minister signed")
    note.chmod(0o440)
    status, _, err = run(capsys, "export", outline_file, "-o", note)
    assert status == 1 and "is read-only" in err and "--force" in err
    assert note.read_text() == "the note the minister signed"
    status, _, err = run(capsys, "export", outline_file, "-o", note, "--force")
    assert status == 0, err
    assert "# Alliance posture update" in note.read_text()
    assert stat.S_IMODE(note.stat().st_mode) == 0o440


def test_import_into_a_symlinked_outline_writes_through_the_link(
        tmp_path: Path, outline_file: Path, capsys: pytest.CaptureFixture[str]) -> None:
    link = tmp_path / "current.yaml"
    link.symlink_to(outline_file)
    status, _, err = run(capsys, "import", ARTICLE, "-o", link, "--append")
    assert status == 0, err
    assert link.is_symlink()
    assert len(load_outline(outline_file).articles) == len(sample_outline().articles) + 1
    assert outline_file.with_name("topic.yaml.bak").is_file()


def test_export_never_overwrites_the_outline_it_reads(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    outline = tmp_path / "notes.md"  # an outline file may have any name
    save_outline(sample_outline(), outline)
    before = outline.read_bytes()
    status, _, err = run(capsys, "export", outline, "-o", outline)
    assert status == 1
    assert "is the outline being exported" in err
    assert outline.read_bytes() == before


def test_export_never_overwrites_a_template(
        tmp_path: Path, outline_file: Path, capsys: pytest.CaptureFixture[str]) -> None:
    template = tmp_path / "house.docx"
    shutil.copy(paths.BUILTIN_TEMPLATES / "briefing-note.docx", template)
    shutil.copy(paths.BUILTIN_TEMPLATES / "briefing-note.yaml", template.with_suffix(".yaml"))
    before = template.read_bytes()
    status, _, err = run(capsys, "export", outline_file, "-t", template, "-o", template)
    assert status == 1
    assert "is a template" in err
    assert template.read_bytes() == before
    user_templates = paths.user_templates_dir()
    status, _, err = run(capsys, "export", outline_file, "-o", user_templates / "note.docx")
    assert status == 1 and "templates folder" in err
    assert list(user_templates.iterdir()) == []


def test_export_on_a_full_disk_is_one_line_and_leaves_the_older_note(
        tmp_path: Path, outline_file: Path, capsys: pytest.CaptureFixture[str],
        monkeypatch: pytest.MonkeyPatch) -> None:
    note = tmp_path / "note.docx"
    assert run(capsys, "export", outline_file, "-o", note)[0] == 0
    before = note.read_bytes()
    full_disk(monkeypatch, free=4000)
    status, _, err = run(capsys, "export", outline_file, "-o", note)
    assert status == 1
    assert f"{note}: cannot be written: the disk is full" in err
    assert "Exception ignored" not in err and "Traceback" not in err
    assert note.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["note.docx", "topic.yaml"]


def test_save_on_a_full_disk_is_one_line_and_leaves_outline_and_backup(
        tmp_path: Path, outline_file: Path, capsys: pytest.CaptureFixture[str],
        monkeypatch: pytest.MonkeyPatch) -> None:
    assert run(capsys, "import", ARTICLE, "-o", outline_file, "--append")[0] == 0
    before = outline_file.read_bytes()
    backup = outline_file.with_name("topic.yaml.bak").read_bytes()
    full_disk(monkeypatch, free=1000)
    status, _, err = run(capsys, "import", ARTICLE, "-o", outline_file, "--append",
                         "--duplicate", "keep-both")  # the article is already there
    assert status == 1
    assert f"{outline_file}: cannot be saved: the disk is full" in err
    assert outline_file.read_bytes() == before
    assert outline_file.with_name("topic.yaml.bak").read_bytes() == backup
    assert sorted(p.name for p in tmp_path.iterdir()) == ["topic.yaml", "topic.yaml.bak"]


def test_writing_into_a_read_only_folder_is_one_line(
        tmp_path: Path, outline_file: Path, capsys: pytest.CaptureFixture[str],
        monkeypatch: pytest.MonkeyPatch) -> None:
    folder = tmp_path / "shared"
    folder.mkdir()
    real_open = os.open

    def read_only_folder(path: str | os.PathLike[str], flags: int, *args: object,
                         **kwargs: object) -> int:
        if flags & os.O_CREAT and Path(path).parent == folder:  # (root ignores the mode bits)
            raise PermissionError(13, "Permission denied", str(path))
        return real_open(path, flags, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(os, "open", read_only_folder)
    status, _, err = run(capsys, "export", outline_file, "-o", folder / "note.md")
    assert status == 1 and "cannot be written (permission denied)" in err
    status, _, err = run(capsys, "import", ARTICLE, "-o", folder / "new.yaml")
    assert status == 1 and "cannot be saved (Permission denied)" in err
    assert list(folder.iterdir()) == []


def _small_disk_available() -> bool:
    if not sys.platform.startswith("linux") or shutil.which("unshare") is None:
        return False
    probe = subprocess.run(["unshare", "--user", "--map-root-user", "--mount", "true"],
                           capture_output=True, check=False)
    return probe.returncode == 0


@pytest.mark.skipif(not _small_disk_available(), reason="needs user namespaces for a tmpfs")
def test_a_real_full_disk(tmp_path: Path, outline_file: Path) -> None:
    """A small tmpfs, filled up after a first note was exported to it."""
    disk = tmp_path / "disk"
    disk.mkdir()
    briefing = f"{sys.executable} {ROOT / 'main.py'}"
    script = (f"mount -t tmpfs -o size=64k none {disk} && cp {outline_file} {disk}/o.yaml && "
              f"{briefing} export {disk}/o.yaml -o {disk}/note.md && "
              f"cp {disk}/note.md {tmp_path}/first.md || exit 9; "
              f"cat /dev/zero > {disk}/filler 2>/dev/null; "
              f"{briefing} export {disk}/o.yaml -o {disk}/note.docx; echo status=$?; "
              f"{briefing} export {disk}/o.yaml -o {disk}/note.md -t reading-pack; "
              f"echo status=$?; ls -a {disk}; cmp {disk}/note.md {tmp_path}/first.md && "
              f"echo same")
    result = subprocess.run(["unshare", "--user", "--map-root-user", "--mount", "sh", "-c",
                             script], capture_output=True, text=True, cwd=ROOT, timeout=120,
                            check=False)
    lines = result.stdout.split()
    assert lines.count("status=1") == 2, result.stderr
    assert "cannot be written: the disk is full" in result.stderr
    assert "Exception ignored" not in result.stderr and "Traceback" not in result.stderr
    assert "same" in lines, "the older note is intact"
    assert not [name for name in lines if is_temporary_file(Path(name))]
    assert "note.docx" not in lines


def test_an_export_killed_midway_leaves_the_older_note_and_the_next_export_cleans_up(
        tmp_path: Path, outline_file: Path, capsys: pytest.CaptureFixture[str]) -> None:
    note = tmp_path / "note.docx"
    assert run(capsys, "export", outline_file, "-o", note, "-t", "one-page-brief")[0] == 0
    before = note.read_bytes()
    child = start_killable_write("""
        import sys
        from briefing.cli import main
        main(["export", sys.argv[1], "-o", sys.argv[2]])
    """, args=(str(outline_file), str(note)))
    kill_write(child)
    assert note.read_bytes() == before
    assert len([p for p in tmp_path.iterdir() if is_temporary_file(p)]) == 1
    assert run(capsys, "export", outline_file, "-o", note)[0] == 0
    assert sorted(p.name for p in tmp_path.iterdir()) == ["note.docx", "topic.yaml"]
    assert docx.Document(str(note)).paragraphs, "a whole Word file"
