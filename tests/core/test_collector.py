"""Pausing the cyclic collector: counted across threads, always switched back on."""

from __future__ import annotations

import gc
import threading
import weakref
from collections.abc import Iterator

import pytest

from briefing.core import collector
from briefing.core.collector import (
    collect_automatically,
    collect_due,
    collect_only_when_asked,
    collection_paused,
    due_generation,
    paused_collection,
)


@pytest.fixture(autouse=True)
def _collector_on() -> Iterator[None]:
    was = gc.isenabled()
    gc.enable()
    yield
    if was:
        gc.enable()
    else:
        gc.disable()


def test_the_collector_is_off_during_a_pause_and_on_again_after() -> None:
    with paused_collection():
        assert not gc.isenabled()
        assert collection_paused()
    assert gc.isenabled()
    assert not collection_paused()


def test_an_error_in_the_paused_work_still_switches_it_back_on() -> None:
    with pytest.raises(ValueError), paused_collection():
        raise ValueError("bad input")
    assert gc.isenabled()


def test_overlapping_pauses_on_two_threads_keep_it_off_until_the_last_ends() -> None:
    inside, leave = threading.Event(), threading.Event()
    seen_after_other_left: list[bool] = []

    def other_thread() -> None:
        with paused_collection():
            inside.set()
            leave.wait(5)

    worker = threading.Thread(target=other_thread)
    worker.start()
    assert inside.wait(5)
    with paused_collection():
        leave.set()
        worker.join(5)
        seen_after_other_left.append(gc.isenabled())
    assert seen_after_other_left == [False], "the other thread's end must not switch it on"
    assert gc.isenabled()


def test_a_collector_switched_off_before_stays_off() -> None:
    gc.disable()
    with paused_collection():
        pass
    assert not gc.isenabled()


class _Cycle:
    """Garbage only the cyclic collector frees."""

    def __init__(self) -> None:
        self.me = self


@pytest.fixture
def _collect_when_asked() -> Iterator[None]:
    collect_only_when_asked()
    try:
        yield
    finally:
        collect_automatically()


@pytest.mark.usefixtures("_collect_when_asked")
def test_collected_only_when_asked_pauses_leave_it_off_and_due_collections_run() -> None:
    assert not gc.isenabled()
    with paused_collection():
        assert collect_due() == -1, "no collection while work holds a pause"
    assert not gc.isenabled(), "the end of a pause does not switch automatic collection on"
    gc.collect()
    cycle = _Cycle()
    gone = weakref.ref(cycle)
    del cycle
    assert gone() is not None
    assert collect_due() == -1, "nothing is due yet"
    for _ in range(gc.get_threshold()[0] + 10):
        _Cycle()
    assert collect_due() >= 0
    assert gone() is None


def test_collecting_automatically_again_waits_for_the_last_pause() -> None:
    collect_only_when_asked()
    with paused_collection():
        collect_automatically()
        assert not gc.isenabled()
    assert gc.isenabled()


@pytest.mark.parametrize(("counts", "due"), [
    ((700, 10, 10), -1), ((701, 10, 10), 0), ((701, 11, 10), 1), ((701, 11, 11), 2),
    ((701, 5, 11), 0), ((0, 50, 50), -1)])
def test_the_generation_due_is_the_oldest_past_its_threshold(
        counts: tuple[int, int, int], due: int) -> None:
    assert due_generation(counts, (700, 10, 10)) == due


class _FakeClock:
    def __init__(self) -> None:
        self.now = 100.0

    def monotonic(self) -> float:
        return self.now


def test_a_full_collection_waits_ninety_nine_times_as_long_as_the_last_took(
        monkeypatch: pytest.MonkeyPatch) -> None:
    clock = _FakeClock()
    collected: list[int] = []

    class _AllDue:
        """Every generation past its threshold; a collection takes 50 ms."""

        @staticmethod
        def get_count() -> tuple[int, int, int]:
            return (701, 11, 11)

        @staticmethod
        def get_threshold() -> tuple[int, int, int]:
            return (700, 10, 10)

        @staticmethod
        def collect(generation: int) -> int:
            collected.append(generation)
            clock.now += 0.05
            return 0

    monkeypatch.setattr(collector, "gc", _AllDue)
    monkeypatch.setattr(collector, "time", clock)
    monkeypatch.setattr(collector, "_next_full", 0.0)
    assert collect_due() == 2
    assert collect_due() == 1, "too soon after a full one: the middle generation instead"
    clock.now += 4.8
    assert collect_due() == 1
    clock.now += 0.2
    assert collect_due() == 2
    assert collected == [2, 1, 1, 2]
