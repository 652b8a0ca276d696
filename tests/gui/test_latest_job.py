"""Background work for the newest state only: outdated runs are dropped, never shown."""

from __future__ import annotations

import threading

from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

from briefing.core.errors import BriefingError, ExportError
from briefing.gui.latest_job import LatestJob
from briefing.gui.workers import CancelToken, Job, ProgressCallback

WAIT_MS = 5000


class Gated:
    """Makes jobs returning the state they were made from, each held until released."""

    def __init__(self) -> None:
        self.state = 0
        self.fail = False
        self.gates: list[threading.Event] = []
        self.threads: list[bool] = []
        self.results: list[int] = []
        self.errors: list[str] = []

    def make(self) -> Job[int]:
        state, fail, gate = self.state, self.fail, threading.Event()
        self.gates.append(gate)

        def job(token: CancelToken, progress: ProgressCallback) -> int:
            self.threads.append(threading.current_thread() is threading.main_thread())
            gate.wait(WAIT_MS / 1000)
            if fail:
                raise ExportError(None, "the template went missing")
            return state

        return job

    def release_all(self) -> None:
        for gate in self.gates:
            gate.set()

    def done(self, value: int) -> None:
        self.results.append(value)

    def failed(self, error: BriefingError) -> None:
        self.errors.append(str(error))


def _latest(qtbot: QtBot, gated: Gated) -> tuple[QWidget, LatestJob[int]]:
    owner = QWidget()
    qtbot.addWidget(owner)
    return owner, LatestJob(gated.make, gated.done, gated.failed, owner)


def test_a_start_while_running_drops_the_outdated_result_and_shows_the_newest(
        qtbot: QtBot) -> None:
    gated = Gated()
    _owner, latest = _latest(qtbot, gated)
    latest.start()
    for state in (1, 2, 3):  # edits while the first run works: one more run, on the newest
        gated.state = state
        latest.start()
    assert latest.is_busy()
    gated.release_all()
    qtbot.waitUntil(lambda: len(gated.gates) == 2, timeout=WAIT_MS)
    gated.release_all()
    qtbot.waitUntil(lambda: not latest.is_busy(), timeout=WAIT_MS)
    assert gated.results == [3]
    assert gated.threads == [False, False]  # both runs off the GUI thread


def test_forget_drops_the_running_result(qtbot: QtBot) -> None:
    gated = Gated()
    _owner, latest = _latest(qtbot, gated)
    latest.start()
    latest.forget()
    gated.release_all()
    qtbot.waitUntil(lambda: not latest.is_busy(), timeout=WAIT_MS)
    gated.state = 7
    latest.start()
    gated.release_all()
    qtbot.waitUntil(lambda: bool(gated.results), timeout=WAIT_MS)
    assert gated.results == [7]


def test_an_error_reaches_on_error(qtbot: QtBot) -> None:
    gated = Gated()
    gated.fail = True
    _owner, latest = _latest(qtbot, gated)
    latest.start()
    gated.release_all()
    qtbot.waitUntil(lambda: bool(gated.errors), timeout=WAIT_MS)
    assert "the template went missing" in gated.errors[0] and gated.results == []


def test_a_result_for_a_closed_widget_is_dropped(qtbot: QtBot) -> None:
    gated = Gated()
    owner = QWidget()
    latest = LatestJob(gated.make, gated.done, gated.failed, owner)
    latest.start()
    handle = latest._handle
    assert handle is not None
    owner.deleteLater()
    qtbot.waitUntil(lambda: not _alive(latest), timeout=WAIT_MS)
    gated.release_all()
    qtbot.waitUntil(lambda: not handle.is_running, timeout=WAIT_MS)
    assert gated.results == []


def _alive(latest: LatestJob[int]) -> bool:
    from shiboken6 import Shiboken
    return Shiboken.isValid(latest)
