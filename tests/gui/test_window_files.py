"""File handling in the main window: open, save, revert, recent files, closing, recovery."""

from __future__ import annotations

import json
import threading
import warnings
from collections.abc import Callable
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from briefing.core import early_parse, paths, yaml_io
from briefing.core.model import Outline, Section
from briefing.core.outline_file import dumps_outline, load_outline
from briefing.gui import window_files
from briefing.gui.app import open_initial
from briefing.gui.document import Document
from briefing.gui.main_window import MainWindow
from briefing.gui.settings import AppSettings
from tests.gui.window_support import (
    Button,
    answer,
    answer_choice,
    discard_and_close,
    saved_outline,
)

# ------------------------------------------------------------------------------ opening

def test_opening_a_bad_file_shows_an_error_and_keeps_the_outline(
        window: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    bad = tmp_path / "broken.yaml"
    bad.write_text("articles: [\n  - title: 'unterminated\n", encoding="utf-8")
    calls = answer(monkeypatch, "warning", Button.Ok)
    before = dumps_outline(window.document.outline)
    assert not window.open_file(bad)
    assert len(calls) == 1
    assert calls[0][1] == "Cannot open outline"
    assert calls[0][2].startswith("Cannot open outline.\n\n")  # even where titles are hidden
    assert "broken.yaml" in calls[0][2]
    assert dumps_outline(window.document.outline) == before
    assert "broken.yaml" in window.statusBar().currentMessage()


def test_warnings_while_opening_reach_the_status_bar(window: MainWindow, tmp_path: Path,
                                                     outline: Outline) -> None:
    path = tmp_path / "odd.yaml"
    path.write_text(dumps_outline(outline) + "colour: red\n", encoding="utf-8")
    assert window.open_file(path, ask=False)
    message = window.statusBar().currentMessage()
    assert message.startswith("Opened odd.yaml:") and "unknown key 'colour'" in message


def test_a_recent_file_that_is_gone_leaves_the_recent_list(
        window: MainWindow, tmp_path: Path, outline: Outline,
        monkeypatch: pytest.MonkeyPatch) -> None:
    path = saved_outline(tmp_path, outline)
    assert window.open_file(path, ask=False)
    path.unlink()
    answer(monkeypatch, "warning", Button.Ok)
    assert not window.open_file(path)
    stored = AppSettings().qsettings.value("files/recent") or []
    assert str(path) not in (stored if isinstance(stored, list) else [stored])


def test_a_missing_file_on_the_command_line_falls_back_to_the_sample(
        fresh_window: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    calls = answer(monkeypatch, "warning", Button.Ok)
    window = fresh_window
    open_initial(window, tmp_path / "nowhere.yaml")
    assert "nowhere.yaml" in calls[0][2]
    assert window.document.display_name == "Sample outline"


# ------------------------------------------------------------------------------- saving


def test_save_as_then_reopen_gives_the_same_outline(window: MainWindow, tmp_path: Path,
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    window.document.set_picked(["s4", "s1"], True)
    window.document.set_note("s4", "A *note*")
    window.document.set_detail("summary", "In short.")
    target = tmp_path / "briefing"
    answer(monkeypatch, "getSaveFileName", (str(target), ""))
    assert window.save()
    saved = target.with_suffix(".yaml")
    assert window.document.path == saved
    assert window.windowTitle() == "briefing.yaml[*] — Briefing"
    assert not window.isWindowModified()
    assert AppSettings().recent_files == [saved]
    expected = dumps_outline(window.document.outline)
    other = MainWindow(Document(), AppSettings())
    try:
        asked = answer_choice(monkeypatch, "Open Anyway")
        assert other.open_file(saved)
        assert [call[1] for call in asked] == ["Already open"]
        assert dumps_outline(other.document.outline) == expected
    finally:
        discard_and_close(other)


def test_save_writes_to_the_open_file_without_asking(window: MainWindow, tmp_path: Path,
                                                     outline: Outline) -> None:
    path = saved_outline(tmp_path, outline)
    assert window.open_file(path, ask=False)
    window.document.set_detail("to", "Cabinet")
    assert window.save()
    assert load_outline(path).briefing.to == "Cabinet"
    assert (tmp_path / "work.yaml.bak").is_file()


def test_a_failed_save_shows_an_error_and_stays_modified(
        window: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    window.document.set_detail("to", "Cabinet")
    calls = answer(monkeypatch, "warning", Button.Ok)
    answer(monkeypatch, "getSaveFileName", (str(tmp_path / "no-folder" / "x.yaml"), ""))
    assert not window.save()
    assert calls and calls[0][1] == "Cannot save outline"
    assert "x.yaml" in calls[0][2]
    assert window.isWindowModified()


def test_cancelled_save_as_keeps_everything(window: MainWindow,
                                            monkeypatch: pytest.MonkeyPatch) -> None:
    answer(monkeypatch, "getSaveFileName", ("", ""))
    window.document.set_detail("to", "Cabinet")
    assert not window.save_as()
    assert window.document.path is None


def test_revert_reloads_the_saved_file(window: MainWindow, tmp_path: Path, outline: Outline,
                                       monkeypatch: pytest.MonkeyPatch) -> None:
    path = saved_outline(tmp_path, outline)
    window.open_file(path, ask=False)
    window.document.set_detail("to", "Cabinet")
    answer(monkeypatch, "question", Button.Yes)
    window.revert()
    assert window.document.outline.briefing.to == "Minister"
    assert not window.isWindowModified()
    assert window.document.undo_stack.count() == 0


def test_open_dialog_and_recent_menu(window: MainWindow, tmp_path: Path, outline: Outline,
                                     monkeypatch: pytest.MonkeyPatch) -> None:
    path = saved_outline(tmp_path, outline)
    answer(monkeypatch, "getOpenFileName", (str(path), ""))
    window.open_dialog()
    assert window.document.path == path
    window.new_file()
    assert window.document.outline.articles == []
    window.recent_menu.aboutToShow.emit()
    actions = [a for a in window.recent_menu.actions() if a.text().endswith("work.yaml")]
    assert len(actions) == 1
    actions[0].trigger()
    assert window.document.path == path


# ------------------------------------------------------------------------------ closing


def test_quit_and_come_back_to_the_same_state(
        window: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    doc = window.document
    doc.set_picked(["s13", "s4"], True)
    doc.move_picked(1, 0)
    doc.set_note("s4", "Ask about **radar** money.")
    doc.set_tags("s4", ["radar"])
    doc.set_detail("date", "2025-03-04")
    window.picked_only.setChecked(True)
    assert window.select_section("s13")
    answer(monkeypatch, "question", Button.Save)
    answer(monkeypatch, "getSaveFileName", (str(tmp_path / "day.yaml"), ""))
    expected = dumps_outline(doc.outline)
    assert window.close()  # asks, saves, closes
    back = MainWindow(Document(), AppSettings())
    try:
        open_initial(back, None)
        assert back.document.path == tmp_path / "day.yaml"
        assert dumps_outline(back.document.outline) == expected
        assert back.document.picked_ids() == ["s13", "s4"]
        assert back.picked_only.isChecked()
        current = back.current_node()
        assert isinstance(current, Section) and current.id == "s13"
        assert not back.isWindowModified()
    finally:
        discard_and_close(back)


def test_closing_with_changes_asks_and_cancel_keeps_the_window(
        window: MainWindow, monkeypatch: pytest.MonkeyPatch) -> None:
    window.document.set_detail("to", "Cabinet")
    asked = answer(monkeypatch, "question", Button.Cancel)
    assert not window.close()
    assert len(asked) == 1 and "Unsaved changes" in asked[0][1]
    answer(monkeypatch, "question", Button.Discard)
    assert window.close()


def test_closing_unmodified_does_not_ask(window: MainWindow) -> None:
    assert window.close()


@pytest.mark.parametrize("started", [True, False])
def test_closing_and_discarding_leaves_no_recovery_copy(
        window: MainWindow, monkeypatch: pytest.MonkeyPatch, started: bool) -> None:
    if started:
        window.autosaver.start()
    window.document.set_note("s2", "A thought to drop")
    written = window.autosaver.save_now()
    assert written is not None and written.exists()
    answer(monkeypatch, "question", Button.Discard)
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # e.g. PySide's warning on a needless disconnect
        assert window.close()
    assert not written.exists()
    assert not window.autosaver.is_running()
    assert list(paths.recovery_dir().glob("session-*")) == []


def test_new_with_changes_can_save_first(window: MainWindow, tmp_path: Path,
                                         monkeypatch: pytest.MonkeyPatch) -> None:
    window.document.set_detail("to", "Cabinet")
    answer(monkeypatch, "question", Button.Save)
    answer(monkeypatch, "getSaveFileName", (str(tmp_path / "kept.yaml"), ""))
    window.new_file()
    assert load_outline(tmp_path / "kept.yaml").briefing.to == "Cabinet"
    assert window.document.outline.articles == []
    assert window.windowTitle() == "Untitled[*] — Briefing"


# ---------------------------------------------------------------------- autosave, recovery


def _leave_crashed_session(outline: Outline, original: Path | None) -> Path:
    """What a session that died leaves behind: the outline and its details, no live lock."""
    folder = paths.recovery_dir()
    file = folder / "session-20260101-090000-999999.yaml"
    file.write_text(dumps_outline(outline), encoding="utf-8")
    meta = {"original": str(original) if original else None, "display_name": "Test outline",
            "saved_at": "2026-01-01T09:00:00"}
    file.with_suffix(".json").write_text(json.dumps(meta), encoding="utf-8")
    return file


def test_autosave_writes_unsaved_work_and_a_save_clears_it(
        window: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    window.autosaver.start()
    window.document.set_note("s2", "Unsaved thought")
    written = window.autosaver.save_now()
    assert written is not None
    assert "Unsaved thought" in written.read_text(encoding="utf-8")
    answer(monkeypatch, "getSaveFileName", (str(tmp_path / "kept.yaml"), ""))
    assert window.save()
    assert not written.exists()


def test_restart_after_a_crash_offers_and_restores_the_work(
        fresh_window: MainWindow, tmp_path: Path, outline: Outline,
        monkeypatch: pytest.MonkeyPatch) -> None:
    original = saved_outline(tmp_path, outline)
    outline.articles[0].sections[1].note = "Written before the crash"
    file = _leave_crashed_session(outline, original)
    asked = answer(monkeypatch, "question", Button.Yes)
    assert fresh_window.offer_recovery()
    from datetime import datetime

    from briefing.gui.autosave import when_in_locale
    when = when_in_locale(datetime(2026, 1, 1, 9, 0))
    assert f"work.yaml, autosaved {when}" in asked[0][2]
    assert "2026" in when
    document = fresh_window.document
    assert document.path == original
    assert document.is_modified
    assert document.section("s4").note == "Written before the crash"  # type: ignore[union-attr]
    assert not file.exists()
    assert fresh_window.save()
    assert load_outline(original).articles[0].sections[1].note == "Written before the crash"


def test_declining_recovery_discards_it(fresh_window: MainWindow, outline: Outline,
                                        monkeypatch: pytest.MonkeyPatch) -> None:
    file = _leave_crashed_session(outline, None)
    answer(monkeypatch, "question", Button.Discard)
    assert not fresh_window.offer_recovery()
    assert not file.exists()
    assert fresh_window.document.outline.articles == []


def test_a_damaged_recovery_file_is_reported(fresh_window: MainWindow, outline: Outline,
                                             monkeypatch: pytest.MonkeyPatch) -> None:
    file = _leave_crashed_session(outline, None)
    file.write_text("articles: [unclosed", encoding="utf-8")
    answer(monkeypatch, "question", Button.Yes)
    calls = answer(monkeypatch, "warning", Button.Ok)
    assert not fresh_window.offer_recovery()
    assert file.name in calls[0][2]


def test_no_crash_no_question(fresh_window: MainWindow) -> None:
    assert not fresh_window.offer_recovery()


# ------------------------------------------------------------------- opening in background


@pytest.fixture
def open_in_background(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(window_files, "BACKGROUND_OPEN_BYTES", 0)


def _wait_for_open(qtbot: QtBot, window: MainWindow) -> str:
    job = window.open_job
    assert job is not None
    if job.is_running:
        with qtbot.waitSignal(job.finished, timeout=10_000):
            pass
    return job.outcome


@pytest.mark.usefixtures("open_in_background")
def test_a_large_file_opens_in_the_background(qtbot: QtBot, window: MainWindow,
                                              tmp_path: Path, outline: Outline) -> None:
    outline.articles[0].title = "Read on a worker"
    path = saved_outline(tmp_path, outline)
    window.document.new()
    assert window.open_file(path, ask=False)
    assert _wait_for_open(qtbot, window) == "done"
    assert window.document.path == path
    assert window.outline_model.index(0, 0).data() == "Read on a worker"
    assert not window.isWindowModified()


@pytest.mark.usefixtures("open_in_background")
def test_a_bad_file_opened_in_the_background_is_reported(
        qtbot: QtBot, window: MainWindow, tmp_path: Path,
        monkeypatch: pytest.MonkeyPatch) -> None:
    bad = tmp_path / "broken.yaml"
    bad.write_text("articles: [unclosed", encoding="utf-8")
    calls = answer(monkeypatch, "warning", Button.Ok)
    window.open_file(bad, ask=False)
    assert _wait_for_open(qtbot, window) == "error"
    assert "broken.yaml" in calls[0][2]
    assert window.outline_model.index(0, 0).data() == "Harbour Defence"


@pytest.mark.usefixtures("open_in_background")
def test_edits_made_while_a_file_opens_are_not_lost(
        qtbot: QtBot, window: MainWindow, tmp_path: Path, outline: Outline,
        monkeypatch: pytest.MonkeyPatch) -> None:
    path = saved_outline(tmp_path, outline, "other.yaml")
    window.open_file(path, ask=False)
    window.document.set_note("s2", "typed while it loaded")
    asked = answer(monkeypatch, "question", Button.Cancel)
    assert _wait_for_open(qtbot, window) == "done"
    assert len(asked) == 1
    assert window.document.path is None
    assert window.document.section("s2").note == "typed while it loaded"  # type: ignore[union-attr]


@pytest.fixture
def parse_early(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(window_files, "BACKGROUND_OPEN_BYTES", 0)
    monkeypatch.setattr(early_parse, "EARLY_PARSE_MIN_BYTES", 0)  # as if every file were large


@pytest.mark.usefixtures("parse_early")
def test_a_large_file_is_parsed_in_another_process(
        qtbot: QtBot, window: MainWindow, tmp_path: Path, outline: Outline,
        monkeypatch: pytest.MonkeyPatch) -> None:
    outline.articles[0].title = "Parsed elsewhere"
    path = saved_outline(tmp_path, outline)

    def parse_here(_text: str, _source: str) -> object:
        raise AssertionError("parsed in the window's process")
    monkeypatch.setattr(yaml_io, "parse", parse_here)
    window.document.new()
    window.open_file(path, ask=False)
    assert _wait_for_open(qtbot, window) == "done"
    assert window.outline_model.index(0, 0).data() == "Parsed elsewhere"


@pytest.mark.usefixtures("parse_early")
def test_cancel_stops_waiting_for_the_parsing_process(
        qtbot: QtBot, window: MainWindow, tmp_path: Path, outline: Outline,
        monkeypatch: pytest.MonkeyPatch) -> None:
    path = saved_outline(tmp_path, outline, "other.yaml")
    waiting: list[bool] = []
    cancelled = threading.Event()

    def wait(self: early_parse.EarlyParse, stop: Callable[[], bool]) -> bool:
        waiting.append(True)  # a parse that has not answered when Cancel is pressed
        cancelled.wait(timeout=30)
        waiting.append(stop())
        self.close()
        return False
    monkeypatch.setattr(early_parse.EarlyParse, "wait", wait)
    window.open_file(path, ask=False)
    qtbot.waitUntil(lambda: bool(waiting))
    assert window.open_job is not None
    window.open_job.cancel()
    cancelled.set()
    assert _wait_for_open(qtbot, window) == "cancelled"
    assert waiting == [True, True]  # it was told to stop
    assert window.document.path != path
