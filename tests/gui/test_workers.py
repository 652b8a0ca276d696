"""Background jobs: results, progress, errors and Cancel arrive on the GUI thread."""

from __future__ import annotations

import gc
import sys
import threading
import weakref
from pathlib import Path
from types import TracebackType

import pytest
from PySide6.QtWidgets import QPushButton, QWidget
from pytestqt.qtbot import QtBot

from briefing.core.collector import pauses_held
from briefing.core.errors import ArticleImportError, ExportError
from briefing.core.importers import ImportOverrides
from briefing.gui import window_first
from briefing.gui.workers import (
    CancelToken,
    ImportOutcome,
    JobCancelledError,
    JobHandle,
    ProgressCallback,
    export_job,
    import_files_job,
    run_in_background,
    run_with_progress,
)

WAIT_MS = 5000


class Recorder:
    """Collects every callback with the thread it ran on."""

    def __init__(self) -> None:
        self.calls: list[tuple[str, object, bool]] = []

    def _note(self, kind: str, value: object) -> None:
        self.calls.append((kind, value, threading.current_thread() is threading.main_thread()))

    def done(self, value: object) -> None:
        self._note("done", value)

    def error(self, error: Exception) -> None:
        self._note("error", error)

    def cancelled(self) -> None:
        self._note("cancelled", None)


def _run(qtbot: QtBot, job: object, recorder: Recorder, parent: QWidget | None = None,
         **options: int) -> JobHandle[object]:
    handle = run_with_progress(parent, "Working", job, recorder.done,  # type: ignore[arg-type]
                               recorder.error, recorder.cancelled, **options)
    return handle


def test_result_and_progress_arrive_on_the_gui_thread(qtbot: QtBot) -> None:
    worker_threads: list[bool] = []

    def job(token: CancelToken, progress: ProgressCallback) -> int:
        worker_threads.append(threading.current_thread() is threading.main_thread())
        total = 0
        for step in range(5):
            token.raise_if_cancelled()
            progress(step, 5, f"step {step}")
            total += step
        return total

    recorder = Recorder()
    handle = _run(qtbot, job, recorder)
    seen: list[tuple[int, int, str]] = []
    handle.progressed.connect(lambda done, total, text: seen.append((done, total, text)))
    with qtbot.waitSignal(handle.finished, timeout=WAIT_MS):
        pass
    assert worker_threads == [False], "the job runs off the GUI thread"
    assert recorder.calls == [("done", 10, True)]
    assert handle.outcome == "done"
    assert not handle.is_running
    assert seen[0] == (0, 5, "step 0")


def test_cancel_stops_the_job_at_its_next_step(qtbot: QtBot) -> None:
    started = threading.Event()
    release = threading.Event()
    steps: list[int] = []

    def job(token: CancelToken, progress: ProgressCallback) -> str:
        for step in range(1000):
            token.raise_if_cancelled()
            steps.append(step)
            if step == 0:
                started.set()
                release.wait(WAIT_MS / 1000)
        return "finished"

    recorder = Recorder()
    handle = _run(qtbot, job, recorder)
    assert started.wait(WAIT_MS / 1000)
    handle.cancel()
    release.set()
    with qtbot.waitSignal(handle.finished, timeout=WAIT_MS):
        pass
    assert recorder.calls == [("cancelled", None, True)]
    assert steps == [0]
    assert handle.outcome == "cancelled"


def test_the_dialog_cancel_button_cancels(qtbot: QtBot) -> None:
    started = threading.Event()

    gave_up = threading.Event()

    def job(token: CancelToken, progress: ProgressCallback) -> None:
        started.set()
        gave_up.wait(WAIT_MS / 1000)  # released by the test, or gives up
        token.raise_if_cancelled()

    recorder = Recorder()
    parent = QWidget()
    qtbot.addWidget(parent)
    handle = _run(qtbot, job, recorder, parent, show_after_ms=0)
    assert started.wait(WAIT_MS / 1000)
    qtbot.waitUntil(handle.dialog.isVisible, timeout=WAIT_MS)
    button = handle.dialog.findChild(QPushButton)
    assert button is not None and button.text() == "Cancel"
    button.click()
    gave_up.set()
    with qtbot.waitSignal(handle.finished, timeout=WAIT_MS):
        pass
    assert recorder.calls == [("cancelled", None, True)]


def test_a_briefing_error_goes_to_on_error(qtbot: QtBot) -> None:
    def job(token: CancelToken, progress: ProgressCallback) -> None:
        raise ExportError("note.docx", "folder is read-only", hint="Choose another folder")

    recorder = Recorder()
    handle = _run(qtbot, job, recorder)
    with qtbot.waitSignal(handle.finished, timeout=WAIT_MS):
        pass
    [(kind, error, on_gui_thread)] = recorder.calls
    assert (kind, on_gui_thread) == ("error", True)
    assert isinstance(error, ExportError)
    assert "note.docx: folder is read-only" in str(error)
    assert handle.outcome == "error"


def test_an_unexpected_exception_reaches_the_excepthook_with_its_traceback(
        qtbot: QtBot, monkeypatch: pytest.MonkeyPatch) -> None:
    hooked: list[tuple[type[BaseException], BaseException, TracebackType | None, bool]] = []

    def hook(kind: type[BaseException], error: BaseException,
             trace: TracebackType | None) -> None:
        hooked.append((kind, error, trace,
                       threading.current_thread() is threading.main_thread()))

    monkeypatch.setattr(sys, "excepthook", hook)

    def job(token: CancelToken, progress: ProgressCallback) -> None:
        raise ZeroDivisionError("a bug")

    recorder = Recorder()
    handle = _run(qtbot, job, recorder)
    with qtbot.waitSignal(handle.finished, timeout=WAIT_MS):
        pass
    assert recorder.calls == []
    [(kind, error, trace, on_gui_thread)] = hooked
    assert kind is ZeroDivisionError and str(error) == "a bug"
    assert trace is not None and on_gui_thread
    assert handle.outcome == "crashed"


def test_a_quick_job_never_shows_its_dialog(qtbot: QtBot) -> None:
    recorder = Recorder()
    handle = _run(qtbot, lambda token, progress: "quick", recorder)
    with qtbot.waitSignal(handle.finished, timeout=WAIT_MS):
        pass
    assert recorder.calls == [("done", "quick", True)]
    assert not _alive(handle) or not handle.dialog.isVisible()


def test_the_caller_may_drop_the_handle(qtbot: QtBot) -> None:
    recorder = Recorder()
    finished = threading.Event()

    def job(token: CancelToken, progress: ProgressCallback) -> str:
        finished.set()
        return "kept"

    _run(qtbot, job, recorder)
    qtbot.waitUntil(lambda: bool(recorder.calls), timeout=WAIT_MS)
    assert recorder.calls == [("done", "kept", True)]


def _alive(handle: JobHandle[object]) -> bool:
    try:
        handle.dialog.isVisible()
    except RuntimeError:
        return False
    return True


ARTICLE = """\
Rail freight after the merger

A short explainer written for these tests.

What changed

Two operators now share one timetable.

What comes next

Regulators review the merger in the autumn.
"""


def _articles(folder: Path, count: int) -> list[Path]:
    files = []
    for number in range(count):
        file = folder / f"article-{number}.txt"
        file.write_text(ARTICLE.replace("Rail freight", f"Rail freight {number}"),
                        encoding="utf-8")
        files.append(file)
    return files


def test_import_job_reports_each_bad_file_and_keeps_the_others(qtbot: QtBot,
                                                               tmp_path: Path) -> None:
    good_one, good_two = _articles(tmp_path, 2)
    bad = tmp_path / "scan.pdf"
    bad.write_bytes(b"%PDF-1.4 not an article")
    latin = tmp_path / "latin.txt"
    latin.write_bytes(ARTICLE.replace("Two operators", "Caf\u00e9 operators").encode("cp1252"))
    requests: list[tuple[Path, ImportOverrides | None]] = [
        (good_one, None), (bad, None), (good_two, ImportOverrides(author="D. Analyst")),
        (latin, None)]
    recorder = Recorder()
    handle = _run(qtbot, import_files_job(requests), recorder)
    with qtbot.waitSignal(handle.finished, timeout=WAIT_MS):
        pass
    [(kind, outcome, _)] = recorder.calls
    assert kind == "done" and isinstance(outcome, ImportOutcome)
    assert [path for path, _ in outcome.articles] == [good_one, good_two, latin]
    assert outcome.articles[1][1].author == "D. Analyst"
    assert outcome.articles[0][1].title == "Rail freight 0 after the merger"
    [error] = outcome.errors
    assert isinstance(error, ArticleImportError) and str(bad) in str(error)
    assert any("latin.txt" in warning and "not UTF-8" in warning
               for warning in outcome.warnings)


def test_import_job_stops_between_files_when_cancelled(qtbot: QtBot, tmp_path: Path) -> None:
    files = _articles(tmp_path, 5)
    job = import_files_job([(file, None) for file in files])
    token = CancelToken()
    seen: list[str] = []

    def progress(done: int, total: int, message: str) -> None:
        seen.append(message)
        if done == 2:
            token.cancel()

    with pytest.raises(JobCancelledError):
        job(token, progress)
    assert seen == [f"Importing article-{number}.txt ({number + 1} of 5)" for number in range(3)]


def test_import_job_lets_a_busy_window_go_first_between_files(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    files = _articles(tmp_path, 3)
    steps: list[str] = []
    monkeypatch.setattr(window_first, "rest_while_window_busy", lambda: steps.append("rest"))
    job = import_files_job([(file, None) for file in files])
    job(CancelToken(), lambda done, _total, _message: steps.append(f"import {done}"))
    assert steps[:6] == ["rest", "import 0", "rest", "import 1", "rest", "import 2"]


def test_export_job_stops_before_writing_when_cancelled(tmp_path: Path) -> None:
    from tests.gui.support_outlines import small_outline

    token = CancelToken()
    token.cancel()
    job = export_job(small_outline(), tmp_path / "note.md")
    with pytest.raises(JobCancelledError):
        job(token, lambda done, total, message: None)
    assert not (tmp_path / "note.md").exists()


def _no_progress(done: int, total: int, message: str) -> None:
    return None


def test_export_job_writes_the_file_and_leaves_no_draft(tmp_path: Path) -> None:
    from tests.gui.support_outlines import small_outline

    output = tmp_path / "note.md"
    result = export_job(small_outline(), output)(CancelToken(), _no_progress)
    assert result.path == output
    assert "# Spending after the summit" in output.read_text(encoding="utf-8")
    assert [item.name for item in tmp_path.iterdir()] == ["note.md"]


def test_cancel_while_writing_leaves_the_older_file_as_it_was(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from briefing.core.export import markdown_out
    from tests.gui.support_outlines import small_outline

    output = tmp_path / "note.md"
    output.write_text("last week's note", encoding="utf-8")
    token = CancelToken()
    real_write = markdown_out.write_markdown

    def write_then_cancel(*args: object, **kwargs: object) -> str:
        text = real_write(*args, **kwargs)  # type: ignore[arg-type]
        token.cancel()  # the user presses Cancel just as the writing ends
        return text

    monkeypatch.setattr(markdown_out, "write_markdown", write_then_cancel)
    with pytest.raises(JobCancelledError):
        export_job(small_outline(), output)(token, _no_progress)
    assert output.read_text(encoding="utf-8") == "last week's note"
    assert [item.name for item in tmp_path.iterdir()] == ["note.md"]


def test_cancel_while_the_word_note_is_built_stops_at_the_next_block(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from tests.gui.support_outlines import small_outline

    output = tmp_path / "note.docx"
    output.write_bytes(b"last week's note")
    token = CancelToken()
    steps: list[int] = []

    def rest() -> None:
        steps.append(len(steps))
        if len(steps) == 2:
            token.cancel()  # the user presses Cancel as the second block is written
    monkeypatch.setattr(window_first, "rest_while_window_busy", rest)
    with pytest.raises(JobCancelledError):
        export_job(small_outline(), output)(token, _no_progress)
    assert steps == [0, 1]  # no block after that one
    assert output.read_bytes() == b"last week's note"
    assert [item.name for item in tmp_path.iterdir()] == ["note.docx"]


def test_an_export_error_names_the_chosen_file_not_the_draft(tmp_path: Path) -> None:
    from tests.gui.support_outlines import small_outline

    outline = small_outline()
    for _article, section in outline.walk():
        section.picked = False
    output = tmp_path / "note.docx"
    with pytest.raises(ExportError) as caught:
        export_job(outline, output)(CancelToken(), _no_progress)
    assert caught.value.path == str(output)
    assert "no section or excerpt is picked" in str(caught.value)
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("picks", [set(), {"s1"}, {"s4"}, {"s1", "s4"}, {"s2", "s4"},
                                   {"s1", "s2", "s3", "s4"}, {"s3"}])
def test_the_export_snapshot_makes_the_same_note_from_less(picks: set[str]) -> None:
    from briefing.core.export.document import build_document
    from briefing.core.templates import find_template
    from briefing.gui.workers import snapshot_outline
    from tests.gui.support_outlines import small_outline

    outline = small_outline()
    for _article, section in outline.walk():
        section.picked = section.id in picks
    snapshot = snapshot_outline(outline, for_export=True)
    for name in ("briefing-note", "reading-pack"):
        spec = find_template(name)
        assert build_document(snapshot, spec) == build_document(outline, spec), name
    kept = {section.id for _article, section in snapshot.walk()}
    under_a_pick = {"s4"} if "s1" in picks else set()
    assert kept == picks | under_a_pick | ({"s1"} if "s4" in picks else set())
    assert snapshot.briefing == outline.briefing


def test_stop_running_jobs_cancels_them_and_waits_until_they_end(qtbot: QtBot) -> None:
    from briefing.gui.workers import stop_running_jobs

    recorder = Recorder()
    started, ended = threading.Event(), threading.Event()

    def endless(token: CancelToken, progress: ProgressCallback) -> str:
        started.set()
        while not token.cancelled:  # a long job that stops at its next step
            threading.Event().wait(0.01)
        ended.set()
        token.raise_if_cancelled()
        return "never"

    handle = _run(qtbot, endless, recorder)
    assert started.wait(5)
    assert stop_running_jobs(60_000)  # returns as soon as the job has ended
    assert ended.is_set(), "waited for the job to end"
    qtbot.waitUntil(lambda: bool(recorder.calls), timeout=WAIT_MS)
    assert recorder.calls == [("cancelled", None, True)]
    assert handle.outcome == "cancelled"


QUIT_DURING_EXPORT = """
import sys, threading
from pathlib import Path
from PySide6.QtCore import QObject, Signal
from briefing.core.export import api
from briefing.gui.app import create_application, start_window
from briefing.gui.export_dialog import ExportRequest, export_in_background
from briefing.gui.workers import CancelToken

class Relay(QObject):
    writing = Signal()

relay = Relay()
cancelled = threading.Event()
real_cancel = CancelToken.cancel
def cancel(token):
    real_cancel(token)
    cancelled.set()
CancelToken.cancel = cancel

real_write = api._write
def slow_write(*args, **kwargs):
    relay.writing.emit()  # the user quits while a long reading pack is being written
    cancelled.wait(30)
    real_write(*args, **kwargs)
api._write = slow_write

app = create_application()
window = start_window(None)
output = Path(sys.argv[1])
request = ExportRequest(output=output, format=".md", template="briefing-note",
                        classification="", open_when_done=False)
window.document.undo_stack.setClean()
relay.writing.connect(window.close)
relay.writing.connect(app.quit)
export_in_background(window, window.document.outline, request, status=print)
app.exec()
print("left:", sorted(item.name for item in output.parent.iterdir()))
"""


def test_quitting_during_an_export_cancels_it_cleanly(tmp_path: Path) -> None:
    import os
    import subprocess

    folder = tmp_path / "out"
    folder.mkdir()
    output = folder / "note.md"
    output.write_text("last week's note", encoding="utf-8")
    root = Path(__file__).resolve().parents[2]
    result = subprocess.run([sys.executable, "-c", QUIT_DURING_EXPORT, str(output)],
                            env={**os.environ, "QT_QPA_PLATFORM": "offscreen"}, cwd=root,
                            capture_output=True, text=True, timeout=60, check=False)
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr, result.stderr
    assert result.stdout.strip().splitlines()[-1] == "left: ['note.md']"
    assert output.read_text(encoding="utf-8") == "last week's note"


def test_the_window_may_go_while_its_job_runs(qtbot: QtBot) -> None:
    started, release = threading.Event(), threading.Event()

    def job(token: CancelToken, progress: ProgressCallback) -> str:
        started.set()
        release.wait(WAIT_MS / 1000)
        progress(1, 2, "half way")
        return "outlived the window"

    recorder = Recorder()
    parent = QWidget()
    handle = _run(qtbot, job, recorder, parent, show_after_ms=0)
    assert started.wait(WAIT_MS / 1000)
    parent.deleteLater()  # the window closes and is deleted, its progress dialog with it
    qtbot.waitUntil(lambda: not _alive(handle), timeout=WAIT_MS)
    release.set()
    with qtbot.waitSignal(handle.finished, timeout=WAIT_MS):
        pass
    assert recorder.calls == [("done", "outlived the window", True)]


def test_many_dropped_handles_all_end_cleanly(qtbot: QtBot) -> None:
    recorder = Recorder()
    for number in range(20):
        _run(qtbot, lambda token, progress, number=number: number, recorder)
    qtbot.waitUntil(lambda: len(recorder.calls) == 20, timeout=WAIT_MS)
    assert sorted(value for _, value, _ in recorder.calls) == list(range(20))  # type: ignore[type-var]
    assert all(on_gui_thread for _, _, on_gui_thread in recorder.calls)


class _Bulky:
    """Stands for the large snapshot a job works on."""


@pytest.mark.automatic_collection
def test_a_job_runs_with_the_collector_paused_and_its_data_goes_before_it_runs_again(
        qtbot: QtBot) -> None:
    data = _Bulky()
    data_gone = weakref.ref(data)
    seen: list[bool] = []

    def job(token: CancelToken, progress: ProgressCallback, data: _Bulky = data) -> str:
        seen.append(gc.isenabled())
        return "counted"

    del data
    recorder = Recorder()
    held_before = pauses_held()
    handle = _run(qtbot, job, recorder)
    del job
    with qtbot.waitSignal(handle.finished, timeout=WAIT_MS):
        pass
    assert seen == [False], "no collection while the job builds"
    assert recorder.calls == [("done", "counted", True)]
    assert data_gone() is None, "the job's data is let go as soon as it ends"
    # The job's own pause ends with it (jobs of earlier tests may still hold theirs), and the
    # collector is on again once no job holds it off.
    qtbot.waitUntil(lambda: pauses_held() <= held_before, timeout=WAIT_MS)
    if held_before == 0:
        assert gc.isenabled()


def test_quiet_background_jobs_take_turns(qtbot: QtBot) -> None:
    release_first = threading.Event()
    events: list[tuple[str, int]] = []

    def first(token: CancelToken, progress: ProgressCallback) -> int:
        events.append(("first starts", threading.get_ident()))
        assert release_first.wait(WAIT_MS / 1000)  # held until the second job is queued
        events.append(("first ends", threading.get_ident()))
        return 1

    def second(token: CancelToken, progress: ProgressCallback) -> int:
        events.append(("second starts", threading.get_ident()))
        return 2

    results: list[int] = []
    handles = [run_in_background(first, results.append, lambda _error: None)]
    qtbot.waitUntil(lambda: bool(events), timeout=WAIT_MS)
    handles.append(run_in_background(second, results.append, lambda _error: None))
    release_first.set()
    qtbot.waitUntil(lambda: not any(handle.is_running for handle in handles), timeout=WAIT_MS)
    assert [name for name, _thread in events] == ["first starts", "first ends", "second starts"]
    assert len({thread for _name, thread in events}) == 1, "one background thread runs both"
    assert sorted(results) == [1, 2]


def test_cancel_calls_what_the_job_asked_once_also_when_asked_after_cancel() -> None:
    """A job waiting where it cannot look at the token (a network read) is woken by Cancel."""
    token = CancelToken()
    calls: list[str] = []
    token.when_cancelled(lambda: calls.append("before"))
    assert calls == []
    token.cancel()
    token.cancel()
    token.when_cancelled(lambda: calls.append("after"))
    assert calls == ["before", "after"]
