"""Pausing the cyclic collector: counted across threads, always switched back on."""

from __future__ import annotations

import gc
import threading
from collections.abc import Iterator

import pytest

from briefing.core.collector import collection_paused, paused_collection


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
