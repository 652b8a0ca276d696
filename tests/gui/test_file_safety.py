"""Files in the window that never lose work: changes on disk, read-only files, other windows."""

from __future__ import annotations

import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QDialog, QMessageBox
from pytestqt.qtbot import QtBot

from briefing.core.atomic import is_temporary_file
from briefing.core.model import Outline
from briefing.core.outline_file import load_outline, save_outline
from briefing.gui.document import Document
from briefing.gui.export_dialog import ExportDialog
from briefing.gui.file_questions import ask_choice as real_ask_choice
from briefing.gui.main_window import MainWindow
from briefing.gui.open_file_lock import open_elsewhere
from briefing.gui.settings import AppSettings
from tests.faults import full_disk, kill_write, start_killable_write
from tests.gui.window_support import (
    Button,
    answer,
    answer_choice,
    discard_and_close,
    saved_outline,
)

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def opened(window: MainWindow, tmp_path: Path, outline: Outline) -> Path:
    """The window has ``work.yaml`` open, with an unsaved edit."""
    path = saved_outline(tmp_path, outline)
    assert window.open_file(path, ask=False)
    window.document.set_detail("to", "Cabinet")
    return path


def _colleague_saves(path: Path, recipient: str) -> None:
    outline = load_outline(path)
    outline.briefing.to = recipient
    save_outline(outline, path)


# ---------------------------------------------------------------- changed on disk meanwhile


def test_a_file_changed_on_disk_is_not_overwritten_unseen(
        window: MainWindow, opened: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _colleague_saves(opened, "Colleague's minister")
    asked = answer_choice(monkeypatch, "Cancel")
    assert not window.save()
    assert asked[0][1] == "File changed on disk"
    assert "work.yaml" in asked[0][2]
    assert asked[0][3] == ["Reload", "Overwrite", "Save As…", "Cancel"]
    assert load_outline(opened).briefing.to == "Colleague's minister"
    assert window.isWindowModified()


def test_overwrite_replaces_the_changed_file_and_the_next_save_does_not_ask(
        window: MainWindow, opened: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _colleague_saves(opened, "Colleague's minister")
    answer_choice(monkeypatch, "Overwrite")
    assert window.save()
    assert load_outline(opened).briefing.to == "Cabinet"
    window.document.set_detail("to", "Cabinet office")
    answer_choice(monkeypatch)  # no further question
    assert window.save()
    assert load_outline(opened).briefing.to == "Cabinet office"


def test_reload_shows_the_changes_made_on_disk(
        window: MainWindow, opened: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _colleague_saves(opened, "Colleague's minister")
    answer_choice(monkeypatch, "Reload")
    assert not window.save()
    assert window.document.outline.briefing.to == "Colleague's minister"
    assert not window.isWindowModified()
    assert "Reloaded work.yaml" in window.statusBar().currentMessage()


def test_save_as_keeps_both_versions(window: MainWindow, opened: Path, tmp_path: Path,
                                     monkeypatch: pytest.MonkeyPatch) -> None:
    _colleague_saves(opened, "Colleague's minister")
    answer_choice(monkeypatch, "Save As…")
    answer(monkeypatch, "getSaveFileName", (str(tmp_path / "mine.yaml"), ""))
    assert window.save()
    assert load_outline(opened).briefing.to == "Colleague's minister"
    assert load_outline(tmp_path / "mine.yaml").briefing.to == "Cabinet"
    assert window.document.path == tmp_path / "mine.yaml"


def test_a_file_touched_but_not_changed_saves_without_asking(
        window: MainWindow, opened: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    os.utime(opened, ns=(0, 1_000_000_000))
    opened.write_bytes(opened.read_bytes())  # rewritten with the same bytes (a sync tool)
    answer_choice(monkeypatch)
    assert window.save()
    assert load_outline(opened).briefing.to == "Cabinet"


@pytest.mark.parametrize("how", ["deleted", "renamed"])
def test_a_file_deleted_or_renamed_while_open_is_saved_again_when_asked(
        window: MainWindow, opened: Path, monkeypatch: pytest.MonkeyPatch, how: str) -> None:
    if how == "deleted":
        opened.unlink()
    else:
        opened.rename(opened.with_name("moved.yaml"))
    asked = answer_choice(monkeypatch, "Save")
    assert window.save()
    assert asked[0][1] == "File deleted or renamed"
    assert load_outline(opened).briefing.to == "Cabinet"
    assert not window.isWindowModified()


def test_two_windows_saving_the_same_file_never_overwrite_each_other_unseen(
        window: MainWindow, opened: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    other = MainWindow(Document(), AppSettings())
    try:
        answer_choice(monkeypatch, "Open Anyway")
        assert other.open_file(opened, ask=False)
        other.document.set_detail("from_", "Other window")
        assert other.save()
        asked = answer_choice(monkeypatch, "Cancel")
        assert not window.save()
        assert asked[0][1] == "File changed on disk"
        assert load_outline(opened).briefing.from_ == "Other window"
    finally:
        discard_and_close(other)


def test_an_outline_restored_after_a_crash_still_notices_changes_made_since(
        fresh_window: MainWindow, tmp_path: Path, outline: Outline,
        monkeypatch: pytest.MonkeyPatch) -> None:
    path = saved_outline(tmp_path, outline)
    assert fresh_window.open_file(path, ask=False)
    fresh_window.document.set_detail("to", "Before the crash")
    leftover = fresh_window.autosaver.save_now()
    assert leftover is not None
    crashed = leftover.with_name("session-20260101-090000-999999.yaml")
    leftover.rename(crashed)  # as a session that died would leave it
    leftover.with_suffix(".json").rename(crashed.with_suffix(".json"))
    _colleague_saves(path, "Changed while Briefing was down")
    answer(monkeypatch, "question", Button.Yes)
    assert fresh_window.offer_recovery()
    asked = answer_choice(monkeypatch, "Cancel")
    assert not fresh_window.save()
    assert asked[0][1] == "File changed on disk"


# ----------------------------------------------------------------------------- read-only


def test_a_read_only_outline_is_replaced_only_when_the_user_agrees(
        window: MainWindow, opened: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    opened.chmod(0o444)
    before = opened.read_bytes()
    asked = answer_choice(monkeypatch, "Cancel")
    assert not window.save()
    assert asked[0][1] == "File is read-only"
    assert opened.read_bytes() == before
    answer_choice(monkeypatch, "Replace")
    assert window.save()
    assert load_outline(opened).briefing.to == "Cabinet"
    assert stat.S_IMODE(opened.stat().st_mode) == 0o444
    window.document.set_detail("to", "Cabinet office")
    answer_choice(monkeypatch)  # agreed once for this file: no second question
    assert window.save()


def test_a_read_only_note_is_replaced_by_an_export_only_when_the_user_agrees(
        qtbot: QtBot, window: MainWindow, tmp_path: Path,
        monkeypatch: pytest.MonkeyPatch) -> None:
    window.document.set_picked(["s4"], True)
    note = tmp_path / "note.md"
    note.write_text("signed version")
    note.chmod(0o444)

    def accept(dialog: ExportDialog) -> int:
        dialog.set_output(note)
        dialog.open_when_done.setChecked(False)
        dialog.accept()
        return QDialog.DialogCode.Accepted.value

    monkeypatch.setattr(ExportDialog, "exec", accept)
    asked = answer_choice(monkeypatch, "Replace")
    assert window.export_dialog() is not None
    qtbot.waitUntil(lambda: "Exported note.md" in window.statusBar().currentMessage(),
                    timeout=30_000)
    assert asked[0][1] == "File is read-only"
    assert "Challenge 2 of Harbour Defence" in note.read_text()
    assert stat.S_IMODE(note.stat().st_mode) == 0o444


# ------------------------------------------------------------------------ already open


def test_a_second_window_is_warned_that_the_file_is_already_open(
        window: MainWindow, opened: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    other = MainWindow(Document(), AppSettings())
    try:
        asked = answer_choice(monkeypatch, "Cancel")
        assert not other.open_file(opened, ask=False)
        assert asked[0][1] == "Already open"
        assert "work.yaml” is already open in another window" in asked[0][2]
        assert other.document.path is None
        window.document.new()  # the first window moves on: the file is free
        answer_choice(monkeypatch)
        assert other.open_file(opened, ask=False)
    finally:
        discard_and_close(other)


def test_reopening_its_own_file_does_not_warn(window: MainWindow, opened: Path,
                                             monkeypatch: pytest.MonkeyPatch) -> None:
    answer(monkeypatch, "question", Button.Discard)  # the unsaved edit
    answer_choice(monkeypatch)
    assert window.open_file(opened)


ANOTHER_INSTANCE = """
import os, sys
sys.path.insert(0, {root!r})
from pathlib import Path
from briefing.gui.app import create_application
from briefing.gui.document import Document
from briefing.gui.main_window import MainWindow
create_application()
window = MainWindow(Document())
assert window.open_file(Path(sys.argv[1]), ask=False)
print("open", flush=True)
sys.stdin.read()
{ending}
"""


def _other_instance(path: Path, ending: str) -> subprocess.Popen[str]:
    child = subprocess.Popen(
        [sys.executable, "-c", ANOTHER_INSTANCE.format(root=str(ROOT), ending=ending),
         str(path)], stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
        text=True, env={**os.environ, "QT_QPA_PLATFORM": "offscreen"})
    assert child.stdout is not None
    assert child.stdout.readline().strip() == "open", child.stderr
    return child


def test_another_instance_is_named_and_its_lock_goes_when_it_is_killed(
        fresh_window: MainWindow, tmp_path: Path, outline: Outline,
        monkeypatch: pytest.MonkeyPatch) -> None:
    path = saved_outline(tmp_path, outline)
    child = _other_instance(path, "")
    try:
        holder = open_elsewhere(path)
        assert holder is not None and holder.pid == child.pid
        asked = answer_choice(monkeypatch, "Cancel")
        assert not fresh_window.open_file(path, ask=False)
        assert f"process {child.pid}" in asked[0][2]
    finally:
        child.kill()
        child.communicate(timeout=60)
    assert not fresh_window.offer_recovery()  # start-up housekeeping (nothing to restore)
    assert open_elsewhere(path) is None
    answer_choice(monkeypatch)
    assert fresh_window.open_file(path, ask=False)


# ------------------------------------------------------------- leftovers of killed writes


def test_the_next_start_removes_what_killed_saves_and_exports_left(
        fresh_window: MainWindow, tmp_path: Path, outline: Outline) -> None:
    outlines, notes = tmp_path / "outlines", tmp_path / "notes"
    outlines.mkdir()
    notes.mkdir()
    path = saved_outline(outlines, outline)
    settings = AppSettings()
    settings.add_recent(path)
    settings.export_folder = str(notes)
    settings.sync()
    child = start_killable_write("""
        import sys
        from pathlib import Path
        from briefing.core.outline_file import load_outline, save_outline
        outline = load_outline(Path(sys.argv[1]))
        outline.articles[0].sections[0].note = "Typed before the power cut" * 50_000
        save_outline(outline, Path(sys.argv[1]))
    """, args=(str(path),))
    kill_write(child)
    (notes / ".note.docx.briefing-0123abcd.tmp").write_bytes(b"half a Word file")
    assert load_outline(path) == outline, "the killed save left the outline as it was"
    assert [p for p in outlines.iterdir() if is_temporary_file(p)]

    fresh_window.settings = AppSettings()
    assert not fresh_window.offer_recovery()
    assert fresh_window.stray_cleanup is not None
    fresh_window.stray_cleanup.join(timeout=30)
    assert sorted(p.name for p in outlines.iterdir()) == ["work.yaml"]
    assert list(notes.iterdir()) == []


# ------------------------------------------------------------ noticed while the window is open


def test_a_change_on_disk_shows_at_once_when_nothing_is_unsaved(
        qtbot: QtBot, window: MainWindow, tmp_path: Path, outline: Outline) -> None:
    path = saved_outline(tmp_path, outline)
    assert window.open_file(path, ask=False)
    _colleague_saves(path, "Colleague's minister")
    qtbot.waitUntil(lambda: window.document.outline.briefing.to == "Colleague's minister",
                    timeout=10_000)
    assert not window.isWindowModified()
    assert "Reloaded work.yaml" in window.statusBar().currentMessage()


def test_a_change_on_disk_under_unsaved_edits_is_announced_not_applied(
        qtbot: QtBot, window: MainWindow, opened: Path) -> None:
    _colleague_saves(opened, "Colleague's minister")
    qtbot.waitUntil(lambda: "changed on disk" in window.statusBar().currentMessage(),
                    timeout=10_000)
    assert window.document.outline.briefing.to == "Cabinet"
    assert window.isWindowModified()


def test_restored_work_that_cannot_be_written_back_stays_where_it_was(
        fresh_window: MainWindow, outline: Outline, monkeypatch: pytest.MonkeyPatch) -> None:
    from briefing.core import paths
    from briefing.core.outline_file import dumps_outline

    crashed = paths.recovery_dir() / "session-20260101-090000-999999.yaml"
    outline.articles[0].sections[1].note = "Written before the crash"
    crashed.write_text(dumps_outline(outline), encoding="utf-8")
    answer(monkeypatch, "question", Button.Yes)
    full_disk(monkeypatch, free=0)
    assert fresh_window.offer_recovery()
    assert fresh_window.document.section("s4").note == "Written before the crash"  # type: ignore[union-attr]
    assert crashed.exists(), "kept until this session's copy is safely written"
    assert "stays in the recovery folder" in fresh_window.statusBar().currentMessage()


def test_a_reload_that_finds_a_broken_file_keeps_the_work(
        window: MainWindow, opened: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    opened.write_text("articles: [half written by another program", encoding="utf-8")
    answer_choice(monkeypatch, "Reload")
    errors = answer(monkeypatch, "warning", Button.Ok)
    assert not window.save()
    assert errors[0][1] == "Cannot reload outline" and "work.yaml" in errors[0][2]
    assert window.document.outline.briefing.to == "Cabinet"
    assert window.isWindowModified()


def _press_when_shown(label: str) -> None:
    """Press the button ``label`` of the question box once it is up."""
    box = QApplication.activeModalWidget()
    if isinstance(box, QMessageBox):
        if label == "Escape":
            QTest.keyClick(box, Qt.Key.Key_Escape)
            return
        for button in box.buttons():
            if button.text() == label:
                button.click()
                return
    QTimer.singleShot(10, lambda: _press_when_shown(label))


_REAL_EXEC = QMessageBox.exec


@pytest.mark.parametrize(("press", "expected"), [("Overwrite", 1), ("Escape", 3)])
def test_the_question_box_gives_the_button_pressed(qtbot: QtBot, press: str, expected: int,
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(QMessageBox, "exec", _REAL_EXEC)  # the real box, answered below
    QTimer.singleShot(0, lambda: _press_when_shown(press))
    choice = real_ask_choice(None, "File changed on disk", "Changed meanwhile.",
                             ["Reload", "Overwrite", "Save As…", "Cancel"], default=2, cancel=3)
    assert choice == expected


def test_a_file_deleted_then_written_again_on_disk_shows_up(
        qtbot: QtBot, window: MainWindow, tmp_path: Path, outline: Outline) -> None:
    path = saved_outline(tmp_path, outline)
    assert window.open_file(path, ask=False)
    content = path.read_text(encoding="utf-8")
    path.unlink()  # a checkout of another branch: gone for a moment ...
    qtbot.waitUntil(lambda: "deleted or renamed" in window.statusBar().currentMessage(),
                    timeout=10_000)
    path.write_text(content.replace("Minister", "Secretary"), encoding="utf-8")  # ... and back
    qtbot.waitUntil(lambda: window.document.outline.briefing.to == "Secretary", timeout=10_000)
    assert not window.isWindowModified()
