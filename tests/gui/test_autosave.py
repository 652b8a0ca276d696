"""Autosave to a recovery file, and restoring it after a crash."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
import warnings
from pathlib import Path

import pytest
from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from briefing.core import paths
from briefing.core.atomic import is_temporary_file
from briefing.core.errors import OutlineFormatError
from briefing.core.model import Outline
from briefing.core.outline_file import dumps_outline
from briefing.gui.autosave import (
    Autosaver,
    RecoveryInfo,
    clean_up_dead_sessions,
    discard_recovery,
    find_recoveries,
    find_recovery,
    restore_recovery,
)
from tests.faults import kill_write, start_killable_write
from tests.gui.support_outlines import small_outline

ROOT = Path(__file__).resolve().parents[2]


class FakeDocument(QObject):
    """The little the autosaver needs from the main window's document."""

    changed = Signal()

    def __init__(self, outline: Outline, path: Path | None = None) -> None:
        super().__init__()
        self.outline = outline
        self.path = path
        self.dirty = False

    def edit(self, note: str) -> None:
        self.outline.articles[0].sections[0].note = note
        self.dirty = True
        self.changed.emit()


def _saver(document: FakeDocument, *, interval_ms: int = 30_000,
           track: bool = True) -> Autosaver:
    saver = Autosaver(lambda: document.outline, lambda: document.dirty, lambda: document.path,
                      changed=document.changed if track else None, interval_ms=interval_ms,
                      display_name=lambda: "Untitled")
    return saver


def _started_saver(document: FakeDocument) -> tuple[Autosaver, list[Path]]:
    """A started autosaver and the list of files it reports saved."""
    saver = _saver(document)
    saver.start()
    saves: list[Path] = []
    saver.saved.connect(saves.append)
    return saver, saves


@pytest.fixture
def document(tmp_path: Path) -> FakeDocument:
    return FakeDocument(small_outline(), tmp_path / "work.yaml")


def test_nothing_is_written_while_there_are_no_unsaved_changes(document: FakeDocument) -> None:
    saver = _saver(document)
    saver.start()
    assert saver.save_now() is None
    assert not saver.recovery_file.exists()
    saver.stop()


def test_save_now_writes_the_outline_and_where_it_belongs(document: FakeDocument) -> None:
    saver = _saver(document)
    saver.start()
    document.edit("Changed by hand")
    written = saver.save_now()
    assert written == saver.recovery_file
    assert written.parent == paths.recovery_dir()
    assert written.read_text(encoding="utf-8") == dumps_outline(document.outline)
    meta = json.loads(saver.meta_file.read_text(encoding="utf-8"))
    assert meta["original"] == str(document.path)
    saver.stop()


def test_a_running_session_is_not_offered_for_recovery(document: FakeDocument) -> None:
    saver = _saver(document)
    saver.start()
    document.edit("unsaved")
    assert saver.save_now() is not None
    assert find_recovery() is None, "our own, live session is not a crash"
    saver.stop()


def test_a_clean_exit_leaves_nothing_behind(document: FakeDocument) -> None:
    saver = _saver(document)
    saver.start()
    document.edit("unsaved")
    saver.save_now()
    saver.stop()
    assert list(paths.recovery_dir().iterdir()) == []
    assert find_recovery() is None


def test_clear_after_a_clean_save_removes_the_copy(document: FakeDocument) -> None:
    saver = _saver(document)
    saver.start()
    document.edit("unsaved")
    saver.save_now()
    document.dirty = False
    saver.clear()
    assert not saver.recovery_file.exists() and not saver.meta_file.exists()
    assert saver.save_now() is None
    saver.stop()


def test_the_timer_saves_only_when_something_changed(qtbot: QtBot,
                                                     document: FakeDocument) -> None:
    asked: list[bool] = []

    def is_dirty() -> bool:  # every tick asks; counting the questions counts the ticks
        asked.append(document.dirty)
        return document.dirty

    saver = Autosaver(lambda: document.outline, is_dirty, lambda: document.path,
                      changed=document.changed, interval_ms=20, display_name=lambda: "Untitled")
    saves: list[Path] = []
    saver.saved.connect(saves.append)
    saver.start()
    document.edit("first")
    qtbot.waitUntil(lambda: len(saves) == 1, timeout=3000)
    assert "first" in saver.recovery_file.read_text(encoding="utf-8")
    ticks = len(asked)
    qtbot.waitUntil(lambda: len(asked) >= ticks + 3, timeout=3000)  # ticks with no change
    assert saver.wait_for_background_save()
    QApplication.sendPostedEvents()  # any outcome queued by a save would arrive now
    assert len(saves) == 1
    document.edit("second")
    qtbot.waitUntil(lambda: len(saves) == 2, timeout=3000)
    assert saver.wait_for_background_save()
    assert "second" in saver.recovery_file.read_text(encoding="utf-8")
    saver.stop()


def test_without_change_tracking_every_dirty_tick_saves(qtbot: QtBot,
                                                        document: FakeDocument) -> None:
    saver = _saver(document, interval_ms=10, track=False)
    saves: list[Path] = []
    saver.saved.connect(saves.append)
    saver.start()
    document.dirty = True
    qtbot.waitUntil(lambda: len(saves) >= 2, timeout=3000)
    saver.stop()


def test_losing_focus_saves(qtbot: QtBot, document: FakeDocument) -> None:
    saver = _saver(document)
    saver.start()
    document.edit("before switching away")
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    with qtbot.waitSignal(saver.saved, timeout=3000):
        app.applicationStateChanged.emit(Qt.ApplicationState.ApplicationInactive)
    assert "before switching away" in saver.recovery_file.read_text(encoding="utf-8")
    saver.stop()


def test_a_failed_autosave_is_reported_not_raised(document: FakeDocument,
                                                  tmp_path: Path) -> None:
    folder = tmp_path / "recovery"
    folder.mkdir()
    saver = Autosaver(lambda: document.outline, lambda: True, lambda: None, folder=folder)
    saver.start()
    failures: list[str] = []
    saver.failed.connect(failures.append)
    saver.recovery_file.mkdir()  # a folder in the way: the write must fail
    assert saver.save_now() is None
    assert failures and failures[0].startswith("Autosave failed")
    saver.recovery_file.rmdir()
    assert saver.save_now() == saver.recovery_file
    saver.stop()


CRASHING_SESSION = textwrap.dedent("""
    import os, sys
    from pathlib import Path
    sys.path.insert(0, {root!r})
    from briefing.gui.autosave import Autosaver
    from tests.gui.support_outlines import small_outline
    outline = small_outline()
    outline.articles[0].sections[1].note = "Written just before the crash"
    saver = Autosaver(lambda: outline, lambda: True, lambda: {original!r} and Path({original!r}),
                      display_name=lambda: "Untitled")
    saver.start()
    assert saver.save_now() is not None
    os._exit(3)  # dies without cleaning up, as a crash would
""")


def _crash_a_session(original: str | None) -> None:
    script = CRASHING_SESSION.format(root=str(ROOT), original=original)
    result = subprocess.run([sys.executable, "-c", script], env={**os.environ},
                            capture_output=True, text=True, timeout=60, check=False)
    assert result.returncode == 3, result.stderr


def test_work_of_a_crashed_session_is_found_and_restored(tmp_path: Path) -> None:
    original = tmp_path / "briefing.yaml"
    _crash_a_session(str(original))
    info = find_recovery()
    assert info is not None
    assert info.original == original
    assert info.describe().startswith("briefing.yaml, autosaved ")
    outline = restore_recovery(info)
    expected = small_outline()
    expected.articles[0].sections[1].note = "Written just before the crash"
    assert outline == expected
    discard_recovery(info)
    assert find_recovery() is None
    assert list(paths.recovery_dir().iterdir()) == []


def test_a_crashed_new_outline_is_offered_under_its_display_name() -> None:
    _crash_a_session(None)
    info = find_recovery()
    assert info is not None and info.original is None
    assert info.describe().startswith("Untitled, autosaved ")


def test_recoveries_are_listed_newest_first_and_tolerate_missing_details(
        document: FakeDocument) -> None:
    folder = paths.recovery_dir()
    text = dumps_outline(document.outline)
    (folder / "session-old.yaml").write_text(text, encoding="utf-8")
    (folder / "session-old.json").write_text('{"saved_at": "2024-01-01T10:00:00"}',
                                             encoding="utf-8")
    (folder / "session-new.yaml").write_text(text, encoding="utf-8")
    (folder / "session-new.json").write_text("not json", encoding="utf-8")
    found = find_recoveries()
    assert [info.session for info in found] == ["session-new", "session-old"]
    assert found[1].saved_at.year == 2024


def test_a_damaged_recovery_file_is_a_clear_error() -> None:
    file = paths.recovery_dir() / "session-broken.yaml"
    file.write_text("articles: [unclosed\n", encoding="utf-8")
    info = find_recovery()
    assert isinstance(info, RecoveryInfo)
    with pytest.raises(OutlineFormatError) as caught:
        restore_recovery(info)
    assert str(file) in str(caught.value)
    discard_recovery(info)
    assert not file.exists()


def test_a_background_save_overtaken_by_a_clean_save_writes_nothing(
        qtbot: QtBot, document: FakeDocument, monkeypatch: pytest.MonkeyPatch) -> None:
    import threading

    from briefing.core import outline_file

    dumping, release = threading.Event(), threading.Event()
    real_dumps = outline_file.dumps_outline

    def slow_dumps(outline: Outline) -> str:
        dumping.set()
        release.wait(10)
        return real_dumps(outline)

    monkeypatch.setattr(outline_file, "dumps_outline", slow_dumps)
    saver, saves = _started_saver(document)
    document.edit("being dumped")
    saver.save_in_background()
    assert dumping.wait(10)
    document.dirty = False
    saver.clear()  # the user saved meanwhile
    release.set()
    assert saver.wait_for_background_save()
    QApplication.sendPostedEvents()  # the outcome the worker queued arrives now
    assert saves == []
    assert not saver.recovery_file.exists()
    saver.stop()


def test_stopping_a_saver_that_never_started_is_quiet(document: FakeDocument) -> None:
    saver = _saver(document)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        saver.stop()
    assert [str(warning.message) for warning in caught] == []


def test_after_stop_losing_focus_no_longer_saves(qtbot: QtBot, document: FakeDocument) -> None:
    saver = _saver(document)
    saver.start()
    saver.start()  # a second start must not connect the focus save twice
    saver.stop()
    saves: list[Path] = []
    saver.saved.connect(saves.append)
    document.edit("after a clean exit")
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        app.applicationStateChanged.emit(Qt.ApplicationState.ApplicationInactive)
        saver.stop()  # stopping twice is quiet too
    assert saver.wait_for_background_save()
    QApplication.sendPostedEvents()  # an outcome a worker queued would arrive now
    assert saves == [] and not saver.recovery_file.exists()
    assert [str(warning.message) for warning in caught] == []


def test_a_recovery_folder_that_does_not_exist_yet_is_created(document: FakeDocument,
                                                              tmp_path: Path) -> None:
    folder = tmp_path / "new machine" / "recovery"
    saver = Autosaver(lambda: document.outline, lambda: True, lambda: None, folder=folder)
    saver.start()
    assert saver.save_now() == folder / saver.recovery_file.name
    assert saver.recovery_file.is_file()
    saver.stop()
    assert list(folder.iterdir()) == []


QUIET_SESSION = textwrap.dedent("""
    import os, sys
    sys.path.insert(0, {root!r})
    from briefing.gui.autosave import Autosaver
    from tests.gui.support_outlines import small_outline
    outline = small_outline()
    saver = Autosaver(lambda: outline, lambda: False, lambda: None)
    saver.start()
    os._exit(3)  # killed with nothing unsaved: only its marker stays behind
""")


def test_markers_of_dead_sessions_are_removed_and_live_ones_kept(
        document: FakeDocument) -> None:
    result = subprocess.run([sys.executable, "-c", QUIET_SESSION.format(root=str(ROOT))],
                            env={**os.environ}, capture_output=True, text=True, timeout=60,
                            check=False)
    assert result.returncode == 3, result.stderr
    folder = paths.recovery_dir()
    assert [p.suffix for p in folder.iterdir()] == [".lock"]
    (folder / "session-gone.json").write_text("{}", encoding="utf-8")  # details, no outline
    live = _saver(document)
    live.start()
    clean_up_dead_sessions()
    assert [p.name for p in folder.iterdir()] == [f"{live.session}.lock"]
    live.stop()


def test_an_autosave_killed_midway_leaves_the_last_one_whole_and_is_cleaned_up() -> None:
    child = start_killable_write("""
        import sys
        from briefing.gui.autosave import Autosaver
        from tests.gui.support_outlines import small_outline
        outline = small_outline()
        outline.articles[0].sections[0].note = "First autosave"
        saver = Autosaver(lambda: outline, lambda: True, lambda: None)
        saver.start()
        assert saver.save_now() is not None
        outline.articles[0].sections[0].note = "Second autosave, cut short" * 10_000
        saver.note_change()
        saver.save_now()
    """, only="session-", skip=2)  # the first autosave's outline and details go through
    kill_write(child)
    folder = paths.recovery_dir()
    assert [p for p in folder.iterdir() if is_temporary_file(p)], "killed mid-write"
    info = find_recovery()
    assert info is not None
    assert restore_recovery(info).articles[0].sections[0].note == "First autosave"
    clean_up_dead_sessions()
    assert not [p for p in folder.iterdir() if is_temporary_file(p)]


def test_a_background_save_writes_the_outline_as_it_is_with_edits_made_while_copying(
        qtbot: QtBot, document: FakeDocument, monkeypatch: pytest.MonkeyPatch) -> None:
    from briefing.core.model import Article, Section
    from briefing.gui import outline_copier

    document.outline.articles.append(Article(title="A second article", sections=[
        Section(id="s9", heading="Ports", number=1)]))
    monkeypatch.setattr(outline_copier, "SLICE_S", 0.0)  # one article a slice
    saver, saves = _started_saver(document)
    document.edit("first words")
    saver.save_in_background()
    document.edit("typed while the outline was copied")
    qtbot.waitUntil(lambda: bool(saves), timeout=5000)
    assert saver.recovery_file.read_text(encoding="utf-8") == dumps_outline(document.outline)
    assert "typed while the outline was copied" in saver.recovery_file.read_text(encoding="utf-8")
    saver.stop()
