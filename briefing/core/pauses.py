"""Long work in small steps, with a pause between them.

Work that takes a second or more on a large outline (building the briefing, writing the Word
file, counting its words, loading a word list) calls ``pause()`` between small steps when it is
given one. On a background thread of the app that call rests while the window's thread is busy
(Python runs one thread at a time, so a thread that never rests makes every step of the
window's thread wait its turn) and raises to cancel; the command line passes none.
"""

from __future__ import annotations

from collections.abc import Callable

Pause = Callable[[], None]
"""Called between small steps of long work; may sleep, or raise to stop the work."""


class WorkStoppedError(Exception):
    """Raised by a pause to stop the work (Cancel); work lets it through untouched, with
    nothing written."""
