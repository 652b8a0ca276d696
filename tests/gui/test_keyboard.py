"""The keyboard never edits by surprise: mnemonics, menus, undo and redo, Escape, Tab."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QApplication, QMenu, QWidget
from pytestqt.qtbot import QtBot

from briefing.core.model import Article, Section
from briefing.core.outline_file import save_outline
from briefing.gui.main_window import MainWindow
from tests.gui.mnemonics import menu_mnemonics, mnemonic, window_mnemonics

MENU_LETTERS = {"f": "&File", "e": "&Edit", "v": "&View", "h": "&Help"}


def _show(qtbot: QtBot, window: MainWindow) -> None:
    window.show()
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)


def test_mnemonic_reads_the_letter_after_a_single_ampersand() -> None:
    assert mnemonic("Fr&om:") == "o" and mnemonic("&File") == "f"
    assert mnemonic("Salt && Pepper") is None and mnemonic("A && &B") == "b"
    assert mnemonic("Today") is None


def test_no_two_controls_in_the_window_share_a_letter(window: MainWindow) -> None:
    owners = window_mnemonics(window)
    clashes = {letter: names for letter, names in owners.items() if len(names) > 1}
    assert clashes == {}
    for letter, title in MENU_LETTERS.items():
        assert owners[letter] == [f"menu {title!r}"]
    assert len(owners) >= 20  # the walk saw the fields of both right-hand tabs


def test_no_two_entries_of_one_menu_share_a_letter(window: MainWindow) -> None:
    menus = menu_mnemonics(window)
    assert {"&File", "&Edit", "&View", "&Help", "Open &Recent"} <= set(menus)
    clashes = {(menu, letter): names for menu, owners in menus.items()
               for letter, names in owners.items() if len(names) > 1}
    assert clashes == {}


def _focus_in(qtbot: QtBot, window: MainWindow, tab: str) -> QWidget:
    window.focus_actions[tab].trigger()
    widget = QApplication.focusWidget()
    assert widget is not None
    if tab == "Briefing":
        widget = window.briefing_panel.lines["from_"]  # the field that took Alt+F before
        widget.setFocus()
        qtbot.waitUntil(widget.hasFocus)
    return widget


@pytest.mark.parametrize("tab", ["Outline", "Reader", "Preview", "Note", "Briefing"])
def test_alt_letters_open_their_menus_from_every_tab(qtbot: QtBot, window: MainWindow,
                                                    tab: str) -> None:
    _show(qtbot, window)
    window.select_section("s4")
    menus = {action.text(): action.menu() for action in window.menuBar().actions()}
    for letter, title in MENU_LETTERS.items():
        widget = _focus_in(qtbot, window, tab)
        before = getattr(widget, "text", lambda: None)()
        menu = menus[title]
        assert isinstance(menu, QMenu)
        qtbot.keyClick(widget, getattr(Qt.Key, f"Key_{letter.upper()}"),
                       Qt.KeyboardModifier.AltModifier)
        qtbot.waitUntil(menu.isVisible)
        menu.close()
        qtbot.waitUntil(lambda menu=menu: not menu.isVisible())
        assert getattr(widget, "text", lambda: None)() == before  # the field was not edited
    assert window.document.undo_stack.count() == 0


def test_ctrl_y_and_ctrl_shift_z_redo_from_the_tree_and_from_a_field(
        qtbot: QtBot, window: MainWindow) -> None:
    _show(qtbot, window)
    stack = window.document.undo_stack
    targets = (window.tree, window.briefing_panel.lines["title"], window.filter_edit)
    window.right_tabs.setCurrentWidget(window.briefing_panel)
    for target in targets:
        for redo in ((Qt.Key.Key_Y, Qt.KeyboardModifier.ControlModifier),
                     (Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier
                      | Qt.KeyboardModifier.ShiftModifier)):
            window.document.set_picked(["s4"], True)
            target.setFocus()
            qtbot.waitUntil(target.hasFocus)
            qtbot.keyClick(target, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
            assert window.document.picked_ids() == []
            qtbot.keyClick(target, *redo)
            assert window.document.picked_ids() == ["s4"], (target.accessibleName(), redo)
            stack.undo()


def test_escape_clears_the_filter_then_returns_to_the_tree(qtbot: QtBot,
                                                           window: MainWindow) -> None:
    _show(qtbot, window)
    box = window.filter_edit
    box.setFocus()
    qtbot.keyClicks(box, "icebreakers")
    window.apply_filter()
    assert window.filter_model.is_filtering
    qtbot.keyClick(box, Qt.Key.Key_Escape)
    assert box.text() == "" and box.hasFocus()
    qtbot.waitUntil(lambda: not window.filter_model.is_filtering)
    qtbot.keyClick(box, Qt.Key.Key_Escape)
    assert window.tree.hasFocus()


def test_ctrl_z_in_the_filter_undoes_an_import_made_after_typing(
        qtbot: QtBot, window: MainWindow) -> None:
    _show(qtbot, window)
    box = window.filter_edit
    box.setFocus()
    qtbot.keyClicks(box, "patrol")
    qtbot.keyClick(box, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert box.text() == ""  # typing with nothing done since: the box's own undo
    qtbot.keyClicks(box, "patro")
    window.document.import_articles([Article(title="Ice Study", sections=[
        Section(id="", heading="Melt rates")])])
    assert len(window.document.outline.articles) == 3
    box.setFocus()
    qtbot.keyClick(box, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert len(window.document.outline.articles) == 2  # the import, not the filter text
    assert box.text() == "patro"
    qtbot.keyClick(box, Qt.Key.Key_Y, Qt.KeyboardModifier.ControlModifier)
    assert len(window.document.outline.articles) == 3


def _pane_of(window: MainWindow, widget: QWidget) -> int:
    for number, pane in enumerate((window.left_panel, window.centre_tabs, window.right_tabs)):
        if pane is widget or pane.isAncestorOf(widget):
            return number
    raise AssertionError(f"{widget!r} is in no pane")


@pytest.mark.parametrize("right", ["Note", "Briefing"])
def test_tab_order_follows_the_layout_from_the_filter(qtbot: QtBot, window: MainWindow,
                                                      right: str) -> None:
    _show(qtbot, window)
    window.select_section("s4")
    window.right_tabs.setCurrentIndex(0 if right == "Note" else 1)
    assert QApplication.focusWidget() is window.filter_edit or window.filter_edit.setFocus()
    window.filter_edit.setFocus()
    seen: list[QWidget] = []
    for _ in range(40):
        widget = QApplication.focusWidget()
        assert widget is not None
        if seen and widget is window.filter_edit:
            break
        if not seen or seen[-1] is not widget:
            seen.append(widget)
        qtbot.keyClick(widget, Qt.Key.Key_Tab)
    assert seen[:3] == [window.filter_edit, window.picked_only, window.tree]
    panes = [_pane_of(window, widget) for widget in seen]
    assert panes == sorted(panes) and set(panes) == {0, 1, 2}
    fields = [w for w in seen if window.briefing_panel.isAncestorOf(w)]
    if right == "Briefing":
        tops = [w.mapTo(window, QPoint(0, 0)).y() for w in fields]
        assert tops == sorted(tops)  # down the panel as it shows


def _shows_in_scroll_area(window: MainWindow, widget: QWidget) -> bool:
    viewport = window.briefing_panel.scroll_area.viewport()
    top_left = widget.mapTo(viewport, QPoint(0, 0))
    return viewport.rect().contains(top_left) and viewport.rect().contains(
        top_left + QPoint(widget.width() // 2, widget.height() - 1))


def test_go_to_briefing_and_field_mnemonics_scroll_to_the_field(qtbot: QtBot,
                                                               window: MainWindow) -> None:
    window.resize(900, 480)
    _show(qtbot, window)
    window.right_tabs.setCurrentWidget(window.briefing_panel)
    bar = window.briefing_panel.scroll_area.verticalScrollBar()
    qtbot.waitUntil(lambda: bar.maximum() > 0)
    bar.setValue(bar.maximum())
    title = window.briefing_panel.lines["title"]
    assert not _shows_in_scroll_area(window, title)
    window.focus_actions["Briefing"].trigger()
    assert title.hasFocus()
    qtbot.waitUntil(lambda: _shows_in_scroll_area(window, title))
    recommendation = window.briefing_panel.texts["recommendation"]
    qtbot.keyClick(title, Qt.Key.Key_A, Qt.KeyboardModifier.AltModifier)
    qtbot.waitUntil(recommendation.hasFocus)
    qtbot.waitUntil(lambda: _shows_in_scroll_area(window, recommendation))
    assert title.text() == "Alliance readiness"


def test_the_outline_file_is_untouched_by_keys(tmp_path: Path, qtbot: QtBot,
                                               window: MainWindow) -> None:
    """Alt+letters from the fields leave a saved outline unmodified."""
    path = tmp_path / "kept.yaml"
    save_outline(window.document.outline, path)
    window.open_file(path, ask=False)
    _show(qtbot, window)
    window.right_tabs.setCurrentWidget(window.briefing_panel)
    window.briefing_panel.lines["from_"].setFocus()
    for letter in "itodcluasgrpnb":  # fields and tabs; buttons (Today...) act, as they should
        focused = QApplication.focusWidget()
        assert focused is not None
        qtbot.keyClick(focused, getattr(Qt.Key, f"Key_{letter.upper()}"),
                       Qt.KeyboardModifier.AltModifier)
        popup = QApplication.activePopupWidget()
        if popup is not None:
            popup.close()
    assert not window.document.is_modified
