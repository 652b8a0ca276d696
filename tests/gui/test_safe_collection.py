"""The cyclic collector runs from the event loop, between events, while the window is up."""

from __future__ import annotations

import gc
import weakref

import pytest
from pytestqt.qtbot import QtBot

from briefing.core.collector import collection_paused, paused_collection
from briefing.gui.safe_collection import CollectionBetweenEvents


class _Cycle:
    """Garbage only the cyclic collector frees."""

    def __init__(self) -> None:
        self.me = self


def _garbage_cycle() -> weakref.ref[_Cycle]:
    cycle = _Cycle()
    return weakref.ref(cycle)


@pytest.mark.automatic_collection
def test_garbage_cycles_are_freed_between_events_and_not_by_allocations(qtbot: QtBot) -> None:
    collection = CollectionBetweenEvents()
    collection.start()
    try:
        assert collection.is_active() and not gc.isenabled()
        gone = _garbage_cycle()
        for _ in range(3 * gc.get_threshold()[0]):
            _Cycle()
        assert gone() is not None, "no collection in the middle of running code"
        qtbot.waitUntil(lambda: gone() is None)
        with paused_collection():
            assert not gc.isenabled()
        assert not gc.isenabled()
    finally:
        collection.stop()
    assert not collection.is_active()
    # On by itself again, once jobs that earlier tests started have let their pauses go.
    assert gc.isenabled() or collection_paused()
