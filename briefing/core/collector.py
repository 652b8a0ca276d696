"""Pausing Python's cyclic garbage collector while much is built at once, from any thread.

A full collection walks every object not frozen with ``gc.freeze()`` and holds the interpreter
lock all the while. Work that builds a large structure (parsing or writing an outline file,
a background export, count or autosave of a large outline) makes the collector run again and
again over what it has built so far: on the window thread that is a stall, and on a worker it
is one too, since the window thread cannot run Python meanwhile. So such work pauses the
collector. The pause is counted across threads: the collector runs again only when the last
pause ends (``gc.disable()``/``gc.enable()`` pairs on two threads would switch it back on
while the other still builds). Reference counting frees everything as usual during a pause;
only cycles wait for the collector.
"""

from __future__ import annotations

import gc
import threading
from collections.abc import Iterator
from contextlib import contextmanager

_lock = threading.Lock()
_pauses = 0
_was_enabled = False


def pause() -> None:
    """Hold the collector off until the matching :func:`resume` (from any thread).

    For a pause that outlives a block: a copy of the outline waiting for its worker is large
    and young, and each collection would walk it while it waits.
    """
    global _pauses, _was_enabled
    with _lock:
        if _pauses == 0:
            _was_enabled = gc.isenabled()
            gc.disable()
        _pauses += 1


def resume() -> None:
    """End one :func:`pause`; the collector runs again when the last one ends."""
    global _pauses
    with _lock:
        _pauses -= 1
        if _pauses == 0 and _was_enabled:
            gc.enable()


@contextmanager
def paused_collection() -> Iterator[None]:
    """Run the block with automatic collection off (unless it was off already)."""
    pause()
    try:
        yield
    finally:
        resume()


def collection_paused() -> bool:
    """Whether some work holds a pause now (for tests and diagnostics)."""
    return pauses_held() > 0


def pauses_held() -> int:
    """How many pauses are held now (for tests and diagnostics: one piece of work's pause can
    be seen to end while others still run)."""
    with _lock:
        return _pauses
