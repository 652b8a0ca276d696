"""Idle slices of work wait while the user types, and go on once typing pauses."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QCoreApplication, QTimer
from pytestqt.qtbot import QtBot

from briefing.core.model import Outline
from briefing.gui import input_pause, outline_copier
from briefing.gui.document import Document
from briefing.gui.filter_box import FilterBox
from briefing.gui.input_pause import note_input, wait_ms, waits_for_typing
from briefing.gui.outline_copier import OutlineCopier


def test_the_wait_lasts_from_the_last_key_until_typing_has_paused() -> None:
    note_input(clock=lambda: 100.0)
    assert wait_ms(clock=lambda: 100.0) == round(input_pause.PAUSE_S * 1000)
    assert wait_ms(clock=lambda: 100.0 + input_pause.PAUSE_S / 2) == \
        round(input_pause.PAUSE_S * 500)
    assert wait_ms(clock=lambda: 100.0 + input_pause.PAUSE_S) == 0


def test_a_slice_timer_waits_then_works_at_full_speed_again(qtbot: QtBot) -> None:
    timer = QTimer()
    timer.setInterval(0)
    note_input()
    assert waits_for_typing(timer)
    assert timer.isActive() and timer.interval() > 0
    qtbot.waitUntil(lambda: wait_ms() == 0)
    assert not waits_for_typing(timer)
    assert timer.interval() == 0
    timer.stop()


def test_typing_in_the_filter_holds_a_copy_back_until_typing_pauses(
        qtbot: QtBot, document: Document, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(outline_copier, "SLICE_S", 0.0)  # one article a slice
    copies: list[Outline] = []
    copier = OutlineCopier(lambda: document.outline, document.changed)
    copier.ready.connect(copies.append)
    box = FilterBox()
    qtbot.addWidget(box)
    qtbot.waitUntil(lambda: wait_ms() == 0)
    copier.start()
    assert copier.copied_articles == 1  # the first slice comes at once, typing or not
    qtbot.keyClicks(box, "fees")
    assert wait_ms() > 0
    for _ in range(3):  # idle turns of the event loop, but the user has just typed
        QCoreApplication.processEvents()
    assert copier.copied_articles == 1 and not copies
    with qtbot.waitSignal(copier.ready):
        pass
    assert wait_ms() == 0 and len(copies) == 1
