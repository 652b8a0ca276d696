"""Dropping on the window what a browser drags: a link is imported from its address, a
selection as a paste; a drag with nothing to import is turned down."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QMimeData, QPoint, QPointF, Qt, QUrl
from PySide6.QtGui import QDragEnterEvent, QDropEvent, QImage
from pytestqt.qtbot import QtBot

from briefing.gui.import_dialog import ImportDialog
from briefing.gui.main_window import MainWindow
from tests.gui.paste_support import ORIGINAL_TITLES, browser_copy, titles, wait_for_import
from tests.local_web import LocalSite

pytestmark = pytest.mark.usefixtures("no_proxies")


def drop(mime: QMimeData) -> QDropEvent:
    """A drop of ``mime``; the caller keeps ``mime`` alive while the event is used (the event
    holds no reference to it)."""
    return QDropEvent(QPointF(10, 10), Qt.DropAction.CopyAction, mime,
                      Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier)


def link(*addresses: str) -> QMimeData:
    """What a browser gives for a dragged link: its address as a URL and as text."""
    mime = QMimeData()
    mime.setUrls([QUrl(address) for address in addresses])
    mime.setText(addresses[0])
    return mime


def test_a_link_dragged_from_the_browser_is_imported_from_its_address(
        qtbot: QtBot, window: MainWindow, site: LocalSite,
        confirm_imports: list[ImportDialog]) -> None:
    url = site.page("/news/tidal-barriers")
    mime = link(url)
    assert wait_for_import(qtbot, window, lambda: window.dropEvent(drop(mime))) == 1
    article = window.document.outline.articles[-1]
    assert (article.title, article.url) == ("Tidal Barriers Before the Next Surge", url)
    assert confirm_imports[0].table.item(0, 0).text() == url


def test_several_dragged_links_import_the_first_and_say_so(
        qtbot: QtBot, window: MainWindow, site: LocalSite,
        confirm_imports: list[ImportDialog]) -> None:
    first, second = site.page("/news/tidal-barriers"), site.page("/news/other")
    messages: list[str] = []
    window.statusBar().messageChanged.connect(messages.append)
    mime = link(first, second)
    assert wait_for_import(qtbot, window, lambda: window.dropEvent(drop(mime))) == 1
    assert window.document.outline.articles[-1].url == first
    assert any("first of 2 dropped links" in message for message in messages)


def test_a_selection_dragged_from_the_browser_is_imported_as_a_paste(
        qtbot: QtBot, window: MainWindow, confirm_imports: list[ImportDialog]) -> None:
    mime = browser_copy()
    assert wait_for_import(qtbot, window, lambda: window.dropEvent(drop(mime))) == 1
    dropped = window.document.outline.articles[-1]
    assert dropped.title == "Grain Corridors Reopen"
    assert [section.heading for section in dropped.sections] == ["Insurance", "Capacity"]
    window.document.undo_stack.undo()
    assert titles(window) == ORIGINAL_TITLES


def test_a_drag_with_nothing_to_import_is_turned_down(window: MainWindow) -> None:
    mime = QMimeData()
    mime.setImageData(QImage(4, 4, QImage.Format.Format_RGB32))
    enter = QDragEnterEvent(QPoint(10, 10), Qt.DropAction.CopyAction, mime,
                            Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier)
    enter.ignore()
    window.dragEnterEvent(enter)
    assert not enter.isAccepted()
    window.dropEvent(drop(mime))
    assert window.importer.current is None
    assert titles(window) == ORIGINAL_TITLES
    for accepted in (link("https://example.org/story"), browser_copy()):
        enter = QDragEnterEvent(QPoint(10, 10), Qt.DropAction.CopyAction, accepted,
                                Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier)
        enter.ignore()
        window.dragEnterEvent(enter)
        assert enter.isAccepted()


def test_text_dragged_within_the_window_is_not_imported(
        window: MainWindow, monkeypatch: pytest.MonkeyPatch) -> None:
    mime = QMimeData()
    mime.setText("A sentence selected in the reader.")
    enter = QDragEnterEvent(QPoint(10, 10), Qt.DropAction.CopyAction, mime,
                            Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier)
    enter.ignore()
    # Qt names the widget a drag started from when it is one of this application's.
    monkeypatch.setattr(QDragEnterEvent, "source", lambda event: window.reader)
    monkeypatch.setattr(QDropEvent, "source", lambda event: window.reader)
    window.dragEnterEvent(enter)
    assert not enter.isAccepted()
    window.dropEvent(drop(mime))
    assert window.importer.current is None
    assert titles(window) == ORIGINAL_TITLES
