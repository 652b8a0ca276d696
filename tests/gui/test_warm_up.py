"""Readying the first import and export once the window is idle."""

from __future__ import annotations

import logging
import threading

import pytest
from PySide6.QtCore import QTimer
from pytestqt.qtbot import QtBot

from briefing.core.errors import BriefingError
from briefing.core.model import Article, Outline, Section
from briefing.gui.main_window import MainWindow
from briefing.gui.warm_up import WarmUp


def _outline(first_id: int) -> Outline:
    return Outline(articles=[Article(title="A", sections=[Section(f"s{first_id}", "One")])])


def test_the_modules_load_once_off_the_window_thread(qtbot: QtBot) -> None:
    ran: list[tuple[str, bool]] = []

    def loader(name: str) -> object:
        return lambda: ran.append((name, threading.current_thread() is threading.main_thread()))

    warm = WarmUp(lambda: _outline(1), loaders=[loader("first"), loader("second")])
    with qtbot.waitSignal(warm.finished, timeout=10_000):
        warm.window_idle()
    warm.window_idle()  # counts shown again: nothing is loaded twice
    assert ran == [("first", False), ("second", False)]


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


def test_a_load_that_fails_is_logged_and_the_first_use_loads_as_before(
        qtbot: QtBot, caplog: pytest.LogCaptureFixture) -> None:
    def failing() -> None:
        raise BriefingError(None, "nothing to load")

    warm = WarmUp(lambda: _outline(1), loaders=[failing])
    with caplog.at_level(logging.WARNING), qtbot.waitSignal(warm.finished, timeout=10_000):
        warm.window_idle()
    assert "could not load ahead: nothing to load" in caplog.text


def test_the_window_readies_itself_after_its_first_counts(qtbot: QtBot,
                                                          window: MainWindow) -> None:
    with qtbot.waitSignal(window.warm_up.finished, timeout=20_000):
        window.word_counts.refresh_now()
