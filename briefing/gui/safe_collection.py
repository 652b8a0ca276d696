"""Python's cyclic collector run between the window's events, never inside a Qt call.

Automatic collection starts wherever an allocation tips a counter over: also inside a Qt call
that holds one of Qt's internal locks while it calls back into Python (a signal disconnected
asks the Python object whether it overrides ``disconnectNotify``). When that collection frees
a Qt object that needs the same lock, the thread waits for itself and the window hangs for
good. So the window's process turns automatic collection off and a timer runs the collection
that is due between events, where no Qt lock is held. Work that pauses the collector
(:mod:`briefing.core.collector`) still holds it off: the timer skips its turn.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, QTimer

from briefing.core import collector

INTERVAL_MS = 200
"""How often a due collection runs: often enough that garbage does not pile up."""


class CollectionBetweenEvents(QObject):
    """Collects at the window's safe points while started (:meth:`start`, :meth:`stop`)."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._timer = QTimer(self)
        self._timer.setInterval(INTERVAL_MS)
        self._timer.timeout.connect(collector.collect_due)

    def start(self) -> None:
        """Turn automatic collection off and collect from the event loop instead."""
        collector.collect_only_when_asked()
        self._timer.start()

    def stop(self) -> None:
        """Back to automatic collection (at exit, or for code that runs without events)."""
        self._timer.stop()
        collector.collect_automatically()

    def is_active(self) -> bool:
        return self._timer.isActive()
