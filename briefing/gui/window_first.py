"""Background work that steps aside while the window's thread is busy.

Python runs one thread at a time. A job computing on a worker thread (the word counts, the page
fit, an export) takes the interpreter in turns with the window's thread, so a keystroke, a
filter or a repaint that comes meanwhile takes twice as long or more: each call Qt makes back
into Python (a row's data, a filter test) waits for the worker's turn to end. So while any job
runs, the window's thread beats a heartbeat from its event loop, and a job calls
:func:`rest_while_window_busy` between its small steps: while the heartbeat is late (the
window is handling input, filtering, painting), the job sleeps and leaves the interpreter to
the window; it goes on when the heartbeat comes back, or once the window has been busy for
:data:`MAX_REST_S` (then it rests no more until the window beats again), so the job always
moves on, even while the window waits for it. No job, no heartbeat: an idle app wakes nobody.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable

from PySide6.QtCore import QObject, QTimer

HEARTBEAT_MS = 10
"""How often the window's thread says it is free, while a job runs."""
LATE_S = 0.025
"""A heartbeat older than this means the window's thread is busy."""
REST_STEP_S = 0.002
"""How long a resting job sleeps before looking at the heartbeat again."""
MAX_REST_S = 0.25
"""The longest a job rests for one busy spell of the window, however long it lasts: a window
busy longer than that is doing long work of its own (or waiting for the job, as when it
closes), and resting would only hold both up."""

_last_beat: float | None = None
"""When the window's thread last beat (``time.monotonic``); None when no job runs.
Written on the window's thread, read by workers: one float, read and written whole."""
_rested_out: float | None = None
"""The last beat after which jobs have rested :data:`MAX_REST_S` already: no more rests
until the window beats again."""


class _Heartbeat(QObject):
    """The timer on the window's thread that beats while jobs run."""

    def __init__(self) -> None:
        super().__init__()
        self.jobs = 0
        self._timer = QTimer(self)
        self._timer.setInterval(HEARTBEAT_MS)
        self._timer.timeout.connect(_beat)

    def start(self) -> None:
        _beat()
        self._timer.start()

    def stop(self) -> None:
        global _last_beat
        self._timer.stop()
        _last_beat = None


def _beat() -> None:
    global _last_beat
    _last_beat = time.monotonic()


_heartbeat: _Heartbeat | None = None


def job_started() -> None:
    """A job began (called on the window's thread): beat while any runs."""
    global _heartbeat
    if _heartbeat is None:
        _heartbeat = _Heartbeat()
    _heartbeat.jobs += 1
    if _heartbeat.jobs == 1:
        _heartbeat.start()


def job_ended() -> None:
    """A job's outcome was delivered (on the window's thread); the last one stops the beat."""
    if _heartbeat is None or _heartbeat.jobs == 0:
        return
    _heartbeat.jobs -= 1
    if _heartbeat.jobs == 0:
        _heartbeat.stop()


def heartbeat_age() -> float | None:
    """Seconds since the window's thread last beat; None when no job runs (no heartbeat)."""
    last = _last_beat
    return None if last is None else time.monotonic() - last


def rest_while_window_busy(clock: Callable[[], float] = time.monotonic,
                           sleep: Callable[[float], None] = time.sleep) -> None:
    """Sleep while the window's thread is busy (at most :data:`MAX_REST_S`); for jobs to call
    between small steps. Returns at once on the window's own thread or when no job runs."""
    global _rested_out
    if threading.current_thread() is threading.main_thread():
        return
    while True:
        last = _last_beat
        now = clock()
        if last is None or now - last <= LATE_S or last == _rested_out:
            return
        if now - last >= LATE_S + MAX_REST_S:  # rested enough for this busy spell
            _rested_out = last
            return
        sleep(REST_STEP_S)
