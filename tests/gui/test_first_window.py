"""The first window: sized to the screen, every pane visible, drops copied, empty states."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QMimeData, QPoint, QPointF, QRect, QSize, Qt, QUrl
from PySide6.QtGui import QDragEnterEvent, QDragMoveEvent, QDropEvent
from PySide6.QtWidgets import QDialog, QWidget
from pytestqt.qtbot import QtBot

from briefing.core.model import Outline
from briefing.gui.import_dialog import ImportDialog
from briefing.gui.main_window import MainWindow
from briefing.gui.settings import AppSettings
from briefing.gui.window_size import SCREEN_SHARE, first_window_rect
from tests.gui.window_support import discard_and_close

SMALL_SCREEN = QRect(0, 0, 1024, 768)
ARTICLE = "Coastal Radar\n\nWhy the coast needs sensors.\n\n1. Gaps\n\nDrones fly low.\n"


def test_the_first_window_takes_at_most_ninety_percent_of_a_small_screen() -> None:
    rect = first_window_rect(SMALL_SCREEN)
    assert rect.width() <= 1024 * SCREEN_SHARE and rect.height() <= 768 * SCREEN_SHARE
    assert SMALL_SCREEN.contains(rect) and rect.center() == SMALL_SCREEN.center()
    large = QRect(0, 0, 2560, 1400)
    assert first_window_rect(large).size() == QSize(1280, 800)
    offset = QRect(1920, 40, 1366, 728)  # a second monitor below a taskbar
    assert offset.contains(first_window_rect(offset))


def _inside(window: MainWindow, widget: QWidget) -> bool:
    top_left = widget.mapTo(window, QPoint(0, 0))
    area = QRect(top_left, widget.size())
    return widget.isVisible() and widget.width() > 40 and window.rect().contains(area)


def test_at_1024_by_768_every_pane_and_the_status_bar_show(qtbot: QtBot,
                                                           window: MainWindow) -> None:
    rect = first_window_rect(SMALL_SCREEN)
    window.setGeometry(rect)
    window.show()
    qtbot.waitExposed(window)
    assert window.size() == rect.size()  # no pane's minimum pushes it past the screen
    with qtbot.waitSignal(window.preview.refreshed, timeout=5000):
        window.document.set_picked(["s4"], True)  # the status bar has its page fit
    qtbot.waitUntil(lambda: window.fit_label.width() >= window.fit_label.sizeHint().width())
    for tab in (window.briefing_panel, window.note_editor):
        window.right_tabs.setCurrentWidget(tab)
        for widget in (window.filter_edit, window.tree, window.reader, window.right_tabs,
                       tab, window.statusBar(), window.picked_label, window.fit_label):
            assert _inside(window, widget), widget
    assert all(size > 150 for size in window.splitter.sizes())


def test_a_fresh_start_fits_the_screen_and_a_too_large_layout_is_refitted(
        qtbot: QtBot, fresh_window: MainWindow) -> None:
    screen = fresh_window.screen().availableGeometry()
    assert screen.contains(fresh_window.geometry())
    assert fresh_window.width() <= screen.width() * SCREEN_SHARE
    fresh_window.setGeometry(QRect(0, 0, screen.width() * 3, screen.height() * 3))
    AppSettings().window_geometry = bytes(fresh_window.saveGeometry().data())
    again = MainWindow()
    try:
        assert screen.contains(again.geometry())
    finally:
        discard_and_close(again)


def _mime(*paths: Path) -> QMimeData:
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(path)) for path in paths])
    return mime


def test_dragged_files_are_accepted_as_a_copy_never_a_move(window: MainWindow,
                                                           tmp_path: Path) -> None:
    article = tmp_path / "radar.txt"
    article.write_text(ARTICLE, encoding="utf-8")
    both = Qt.DropAction.CopyAction | Qt.DropAction.MoveAction
    mime = _mime(article)  # kept alive: the event only points to it
    enter = QDragEnterEvent(QPoint(10, 10), both, mime, Qt.MouseButton.LeftButton,
                            Qt.KeyboardModifier.NoModifier)
    enter.setDropAction(Qt.DropAction.MoveAction)  # as a file manager proposes on one disk
    window.dragEnterEvent(enter)
    assert enter.isAccepted() and enter.dropAction() == Qt.DropAction.CopyAction
    move = QDragMoveEvent(QPoint(12, 12), both, mime, Qt.MouseButton.LeftButton,
                          Qt.KeyboardModifier.NoModifier)
    move.setDropAction(Qt.DropAction.MoveAction)
    move.accept()  # as Qt delivers it after an accepted enter
    window.dragMoveEvent(move)
    assert move.isAccepted() and move.dropAction() == Qt.DropAction.CopyAction
    move_only = QDragEnterEvent(QPoint(10, 10), Qt.DropAction.MoveAction, mime,
                                Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier)
    window.dragEnterEvent(move_only)
    assert not move_only.isAccepted()


def test_a_dropped_file_is_imported_and_left_in_place(
        qtbot: QtBot, window: MainWindow, tmp_path: Path,
        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(ImportDialog, "exec", lambda dialog: QDialog.DialogCode.Accepted.value)
    article = tmp_path / "radar.txt"
    article.write_text(ARTICLE, encoding="utf-8")
    mime = _mime(article)
    drop = QDropEvent(QPointF(10, 10), Qt.DropAction.CopyAction | Qt.DropAction.MoveAction,
                      mime, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier)
    drop.setDropAction(Qt.DropAction.MoveAction)
    with qtbot.waitSignal(window.importer.finished, timeout=10_000):
        window.dropEvent(drop)
    assert drop.isAccepted() and drop.dropAction() == Qt.DropAction.CopyAction
    assert article.read_text(encoding="utf-8") == ARTICLE
    assert [a.title for a in window.document.outline.articles][-1] == "Coastal Radar"


def test_an_empty_outline_shows_how_to_bring_articles_in(
        qtbot: QtBot, window: MainWindow, monkeypatch: pytest.MonkeyPatch) -> None:
    window.show()
    assert window.tree_pages.currentWidget() is window.tree
    window.document.replace(Outline(), None)
    assert window.tree_pages.currentWidget() is window.empty_hint
    assert window.empty_hint.isVisible() and not window.tree.isVisible()
    assert "Import Articles" in window.empty_hint.text.text()
    assert "drop the files" in window.empty_hint.text.text()
    shown_keys = {action.shortcut().toString() for action in (
        window.paste_article_action, window.import_web_action)}
    for action in (window.paste_article_action, window.import_web_action):
        assert action.text().replace("&", "") in window.empty_hint.text.text()
    assert all(f"({keys}" in window.empty_hint.text.text() for keys in shown_keys)
    asked: list[bool] = []
    monkeypatch.setattr(window.importer, "choose_and_import", lambda: asked.append(True))
    qtbot.mouseClick(window.empty_hint.import_button, Qt.MouseButton.LeftButton)
    assert asked == [True]


def test_the_tree_comes_back_when_articles_arrive_and_goes_on_undo(
        window: MainWindow, outline: Outline) -> None:
    window.document.replace(Outline(), None)
    window.document.import_articles(outline.articles[:1])
    assert window.tree_pages.currentWidget() is window.tree
    window.document.undo_stack.undo()
    assert window.tree_pages.currentWidget() is window.empty_hint


def test_an_empty_preview_says_what_is_missing(qtbot: QtBot, window: MainWindow) -> None:
    window.show()
    window.centre_tabs.setCurrentWidget(window.preview)
    with qtbot.waitSignal(window.preview.refreshed, timeout=5000):
        window.document.replace(Outline(), None)
    text = window.preview.plain_text()
    assert "Nothing to preview yet" in text
    assert "Import articles" in text and "Pick sections" in text
    window.document.replace(Outline(articles=[]), None)
    with qtbot.waitSignal(window.preview.refreshed, timeout=5000):
        window.document.set_detail("purpose", "To decide on radar funding.")
    assert "Nothing to preview yet" not in window.preview.plain_text()
    assert "To decide on radar funding." in window.preview.plain_text()


def test_a_preview_with_articles_but_no_picks_asks_for_picks(qtbot: QtBot,
                                                             window: MainWindow) -> None:
    window.show()
    window.centre_tabs.setCurrentWidget(window.preview)
    with qtbot.waitSignal(window.preview.refreshed, timeout=5000):
        window.preview.schedule_refresh()
    text = window.preview.plain_text()
    assert "Pick sections" in text and "Import articles" not in text
    with qtbot.waitSignal(window.preview.refreshed, timeout=5000):
        window.document.set_picked(["s4"], True)
    assert "Nothing to preview yet" not in window.preview.plain_text()

