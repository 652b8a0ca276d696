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

A process may also take automatic collection off for good and collect where it is safe
(:func:`collect_only_when_asked`, :func:`collect_due`): the window does, between its events.
"""

from __future__ import annotations

import gc
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager

_lock = threading.Lock()
_pauses = 0
_was_enabled = False
_when_asked = False


def pause() -> None:
    """Hold the collector off until the matching :func:`resume` (from any thread).

    For a pause that outlives a block: a copy of the outline waiting for its worker is large
    and young, and each collection would walk it while it waits.
    """
    global _pauses, _was_enabled
    with _lock:
        if _pauses == 0:
            _was_enabled = gc.isenabled() and not _when_asked
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
    """Whether some work holds a pause now."""
    return pauses_held() > 0


def pauses_held() -> int:
    """How many pauses are held now (for tests and diagnostics: one piece of work's pause can
    be seen to end while others still run)."""
    with _lock:
        return _pauses


def collect_only_when_asked() -> None:
    """Turn automatic collection off until :func:`collect_automatically`: the caller runs
    :func:`collect_due` at points where a collection is safe (a GUI between two events, see
    ``briefing.gui.safe_collection``). A pause ending meanwhile leaves it off."""
    global _when_asked, _was_enabled
    with _lock:
        _when_asked = True
        _was_enabled = False
        gc.disable()


def collect_automatically() -> None:
    """Undo :func:`collect_only_when_asked`: the collector runs by itself again (once no work
    holds a pause)."""
    global _when_asked, _was_enabled
    with _lock:
        _when_asked = False
        if _pauses:
            _was_enabled = True
        else:
            gc.enable()


def due_generation(counts: tuple[int, int, int], thresholds: tuple[int, ...]) -> int:
    """The generation to collect now, as automatic collection would (the oldest whose count
    passed its threshold, each younger one's having passed too), or -1 when none is due."""
    due = -1
    for generation, (count, threshold) in enumerate(zip(counts, thresholds, strict=False)):
        if threshold <= 0 or count <= threshold:
            break
        due = generation
    return due


FULL_COLLECTION_SHARE = 0.01
"""The most of the time full collections may take when asked for (:func:`collect_due`).

Automatic collection runs a full one only once the objects that survived since the last grew
by a quarter, which Python does not expose; a full collection walks every object not frozen,
so on a large outline each one stalls the window. Leaving 99 times its length before the next
keeps their cost bounded whatever the heap, and garbage cycles among old objects still go."""

_next_full = 0.0


def collect_due() -> int:
    """Run the collection automatic collection would have run by now, unless some work holds
    a pause; the generation collected, or -1 for none. A full collection waits until the time
    since the last is 99 times what that one took (:data:`FULL_COLLECTION_SHARE`)."""
    global _next_full
    if collection_paused():
        return -1
    generation = due_generation(gc.get_count(), gc.get_threshold())
    if generation == 2 and time.monotonic() < _next_full:
        generation = 1
    if generation >= 0:
        start = time.monotonic()
        gc.collect(generation)
        if generation == 2:
            end = time.monotonic()
            _next_full = end + (end - start) * (1 / FULL_COLLECTION_SHARE - 1)
    return generation
