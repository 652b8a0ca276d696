"""Readying the first import and export once the window is idle."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QTimer
from pytestqt.qtbot import QtBot

from briefing.core.model import Article, Outline, Section
from briefing.gui.main_window import MainWindow
from briefing.gui.warm_up import WarmUp


def _outline(first_id: int) -> Outline:
    return Outline(articles=[Article(title="A", sections=[Section(f"s{first_id}", "One")])])


def test_the_modules_load_once_each_in_its_own_idle_slot(qtbot: QtBot) -> None:
    ran: list[str] = []
    warm = WarmUp(lambda: _outline(1), loaders=[lambda: ran.append("first"),
                                                lambda: ran.append("second")])
    warm.window_idle()
    assert ran == []  # (not in the slot that shows the counts)
    with qtbot.waitSignal(warm.finished, timeout=10_000):
        warm.window_idle()  # counts shown again before the loading began: it begins once
    assert ran == ["first", "second"]
    warm.window_idle()  # and later: nothing is loaded twice
    after: list[bool] = []
    QTimer.singleShot(0, lambda: after.append(True))
    qtbot.waitUntil(lambda: bool(after))
    assert ran == ["first", "second"]


def test_each_new_outline_has_its_highest_id_worked_out_once(
        qtbot: QtBot, monkeypatch: pytest.MonkeyPatch) -> None:
    asked: list[Outline] = []
    original = Outline.next_section_id

    def counting(self: Outline) -> str:
        asked.append(self)
        return original(self)

    monkeypatch.setattr(Outline, "next_section_id", counting)
    shown = [_outline(4)]
    warm = WarmUp(lambda: shown[0], loaders=[])
    with qtbot.waitSignal(warm.finished, timeout=10_000):
        warm.window_idle()
    qtbot.waitUntil(lambda: len(asked) == 1)
    warm.window_idle()
    shown.append(_outline(9))
    shown.pop(0)
    warm.window_idle()
    qtbot.waitUntil(lambda: len(asked) == 2)
    warm.window_idle()
    after: list[bool] = []
    QTimer.singleShot(0, lambda: after.append(True))  # (runs after the warm-up's own slot)
    qtbot.waitUntil(lambda: bool(after))
    assert [outline.articles[0].sections[0].id for outline in asked] == ["s4", "s9"]


def test_the_window_readies_itself_after_its_first_counts(qtbot: QtBot,
                                                          window: MainWindow) -> None:
    with qtbot.waitSignal(window.warm_up.finished, timeout=20_000):
        window.word_counts.refresh_now()
