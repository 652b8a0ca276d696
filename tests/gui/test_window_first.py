"""Background jobs rest while the window's thread is busy, and only then."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterator

import pytest
from pytestqt.qtbot import QtBot

from briefing.core.errors import BriefingError
from briefing.gui import window_first
from briefing.gui.window_first import (
    LATE_S,
    MAX_REST_S,
    REST_STEP_S,
    heartbeat_age,
    job_ended,
    job_started,
    rest_while_window_busy,
)
from briefing.gui.workers import CancelToken, ProgressCallback, run_in_background


def _on_a_worker(work: Callable[[], None]) -> None:
    thread = threading.Thread(target=work)
    thread.start()
    thread.join(timeout=30)
    assert not thread.is_alive()


def _last_beat_time() -> float | None:
    age = heartbeat_age()
    return None if age is None else time.monotonic() - age


class _Clock:
    """A clock that moves only when the job sleeps."""

    def __init__(self, now: float) -> None:
        self.now = now
        self.sleeps: list[float] = []

    def __call__(self) -> float:
        return self.now

    def sleep(self, seconds: float) -> None:
        self.sleeps.append(seconds)
        self.now += seconds


@pytest.fixture
def a_job_runs(qtbot: QtBot, monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    monkeypatch.setattr(window_first, "_rested_out", None)
    job_started()
    yield
    job_ended()


def test_no_rest_when_no_job_runs(qtbot: QtBot) -> None:
    assert heartbeat_age() is None
    clock = _Clock(1e9)
    _on_a_worker(lambda: rest_while_window_busy(clock, clock.sleep))
    assert clock.sleeps == []


@pytest.mark.usefixtures("a_job_runs")
def test_no_rest_while_the_window_is_free(qtbot: QtBot) -> None:
    age = heartbeat_age()
    assert age is not None and age <= LATE_S
    slept: list[float] = []
    _on_a_worker(lambda: rest_while_window_busy(sleep=slept.append))
    assert slept == []


@pytest.mark.usefixtures("a_job_runs")
def test_a_busy_window_makes_the_job_rest_a_while_at_most(
        qtbot: QtBot, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(window_first, "_last_beat", 100.0)
    clock = _Clock(100.0 + LATE_S + REST_STEP_S)  # the window has just turned busy
    _on_a_worker(lambda: rest_while_window_busy(clock, clock.sleep))
    assert set(clock.sleeps) == {REST_STEP_S}
    assert MAX_REST_S - 2 * REST_STEP_S <= sum(clock.sleeps) <= MAX_REST_S + REST_STEP_S
    clock.sleeps.clear()  # still busy, at the next step: the job goes on without a rest
    _on_a_worker(lambda: rest_while_window_busy(clock, clock.sleep))
    assert clock.sleeps == []
    monkeypatch.setattr(window_first, "_last_beat", clock.now)  # it beat, and is busy again
    clock.now += LATE_S + REST_STEP_S
    _on_a_worker(lambda: rest_while_window_busy(clock, clock.sleep))
    assert clock.sleeps


@pytest.mark.usefixtures("a_job_runs")
def test_a_window_long_busy_or_waiting_for_the_job_gets_no_rest(
        qtbot: QtBot, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(window_first, "_last_beat", 100.0)
    clock = _Clock(100.0 + 10)  # as when the window waits for the job to end as it closes
    _on_a_worker(lambda: rest_while_window_busy(clock, clock.sleep))
    assert clock.sleeps == []


@pytest.mark.usefixtures("a_job_runs")
def test_the_rest_ends_when_the_window_is_free_again(qtbot: QtBot,
                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    # The window has just turned busy.
    monkeypatch.setattr(window_first, "_last_beat", time.monotonic() - LATE_S - REST_STEP_S)
    slept: list[float] = []

    def sleep(seconds: float) -> None:
        slept.append(seconds)
        window_first._beat()  # the window's thread is back in its event loop

    _on_a_worker(lambda: rest_while_window_busy(sleep=sleep))
    assert slept == [REST_STEP_S]


@pytest.mark.usefixtures("a_job_runs")
def test_the_window_thread_itself_never_rests(qtbot: QtBot) -> None:
    clock = _Clock(1e9)
    rest_while_window_busy(clock, clock.sleep)
    assert clock.sleeps == []


def test_the_heartbeat_runs_while_a_job_does(qtbot: QtBot) -> None:
    seen: list[float | None] = []
    go_on = threading.Event()

    def job(token: CancelToken, progress: ProgressCallback) -> None:
        go_on.wait(timeout=30)
        seen.append(heartbeat_age())

    def failed(error: BriefingError) -> None:
        raise AssertionError(error)

    handle = run_in_background(job, lambda _result: None, failed)
    first = _last_beat_time()
    assert first is not None
    qtbot.waitUntil(lambda: (_last_beat_time() or 0) > first)  # it beats again
    go_on.set()
    with qtbot.waitSignal(handle.finished, timeout=30_000):
        pass
    assert seen[0] is not None and seen[0] <= LATE_S
    assert heartbeat_age() is None  # no job, no heartbeat
