"""Idle work on the window's thread steps aside while the user types.

Some work is done on the window's thread in short idle slices: copying the outline for a
background job, taking its texts for the spell checker, working out the tree's search text.
Each slice is short, but one that runs just as a key comes in makes that key wait for it, and
while the user types into the filter or a note, a slice before each keystroke's own work adds
up to a keystroke that feels slow. So the typing fields say when a key was pressed
(:func:`note_input`), and the slices wait until typing has paused for :data:`PAUSE_S`
(:func:`wait_ms`) before they go on. Work something waits for (a filter that needs every
row's search text now) is done at once as before.
"""

from __future__ import annotations

import time
from collections.abc import Callable

from PySide6.QtCore import QTimer

PAUSE_S = 0.25
"""How long after the last key press idle slices wait before going on."""

_last_input: float | None = None
"""When a key was last pressed in a typing field (``time.monotonic``); None: not yet."""


def note_input(clock: Callable[[], float] = time.monotonic) -> None:
    """A key was pressed in a typing field: idle slices wait for a pause."""
    global _last_input
    _last_input = clock()


def forget_input() -> None:
    """As if no key had been pressed yet (a fresh start: each test's own window)."""
    global _last_input
    _last_input = None


def wait_ms(clock: Callable[[], float] = time.monotonic) -> int:
    """0 when idle work may go on now; else how many milliseconds until typing will have
    paused (if no other key comes)."""
    last = _last_input
    if last is None:
        return 0
    left = PAUSE_S - (clock() - last)
    return max(1, round(left * 1000)) if left > 0 else 0


def waits_for_typing(timer: QTimer) -> bool:
    """Whether the idle slice ``timer`` runs (at 0 ms while there is work) should wait for the
    user's typing to pause; if so the timer is set to fire once it has, and True. Otherwise
    the timer is set back to 0 ms for the slices to come."""
    wait = wait_ms()
    if wait:
        timer.start(wait)
        return True
    if timer.interval():
        timer.setInterval(0)
    return False
