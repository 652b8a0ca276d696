"""Background jobs: results, progress, errors and Cancel arrive on the GUI thread."""

from __future__ import annotations

import sys
import threading
from types import TracebackType

import pytest
from PySide6.QtWidgets import QPushButton, QWidget
from pytestqt.qtbot import QtBot

from briefing.core.errors import ExportError
from briefing.gui.workers import CancelToken, JobHandle, ProgressCallback, run_with_progress

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
