"""Pasting an article and importing from a web address in the window."""

from __future__ import annotations

import datetime
import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QMimeData, QUrl
from PySide6.QtGui import QImage, QKeySequence
from PySide6.QtWidgets import QInputDialog, QPushButton
from pytestqt.qtbot import QtBot

from briefing.gui.import_dialog import ImportDialog
from briefing.gui.main_window import MainWindow
from tests.gui.paste_support import (
    ORIGINAL_TITLES,
    PAGE_URL,
    SELECTION,
    browser_copy,
    set_clipboard,
    titles,
    wait_for_import,
    warnings_shown,
)
from tests.local_web import LocalSite, Route, holding_server, silent_server

pytestmark = pytest.mark.usefixtures("clipboard_cleared", "no_proxies")


# ------------------------------------------------------------------------------ paste


def test_paste_article_from_a_browser_copy_is_one_undo_step(
        qtbot: QtBot, window: MainWindow, confirm_imports: list[ImportDialog]) -> None:
    set_clipboard(browser_copy())
    assert window.paste_article_action.shortcut() == QKeySequence("Ctrl+Shift+V")
    assert wait_for_import(qtbot, window, window.paste_article_action.trigger) == 1
    dialog = confirm_imports[0]
    assert dialog.value(0, "title") == "Grain Corridors Reopen"
    assert dialog.value(0, "url") == PAGE_URL
    assert dialog.table.item(0, 0).text() == "Clipboard"
    pasted = window.document.outline.articles[-1]
    assert [section.heading for section in pasted.sections] == ["Insurance", "Capacity"]
    assert all(section.id for section in pasted.walk())
    assert window.outline_model.rowCount() == 3
    window.document.undo_stack.undo()
    assert titles(window) == ORIGINAL_TITLES


def test_ctrl_v_in_the_outline_pastes_an_article(
        qtbot: QtBot, window: MainWindow, confirm_imports: list[ImportDialog]) -> None:
    window.show()
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    window.focus_actions["Outline"].trigger()
    set_clipboard(browser_copy())
    added = wait_for_import(qtbot, window, lambda: qtbot.keySequence(
        window.tree, QKeySequence(QKeySequence.StandardKey.Paste)))
    assert added == 1
    assert titles(window)[-1] == "Grain Corridors Reopen"


def test_plain_text_on_the_clipboard_uses_the_text_importer(
        qtbot: QtBot, window: MainWindow, confirm_imports: list[ImportDialog]) -> None:
    mime = QMimeData()
    mime.setText("Ferry Subsidy Review\n\nThe subsidy ends in March.\n\n1. Fares\n\n"
                 "Fares would double.\n\n2. Timetable\n\nSailings would halve.\n")
    set_clipboard(mime)
    assert wait_for_import(qtbot, window, window.paste_article_action.trigger) == 1
    pasted = window.document.outline.articles[-1]
    assert pasted.title == "Ferry Subsidy Review"
    assert [section.heading for section in pasted.sections] == ["Fares", "Timetable"]


def _empty(mime: QMimeData) -> None:
    """Nothing on the clipboard."""


def _image(mime: QMimeData) -> None:
    mime.setImageData(QImage(4, 4, QImage.Format.Format_RGB32))


def _navigation_only(mime: QMimeData) -> None:
    mime.setHtml('<nav><ul><li><a href="/">Home</a></li><li><a href="/world">World</a></li>'
                 '<li><a href="/sport">Sport</a></li></ul></nav>')


def _fifty_megabytes(mime: QMimeData) -> None:
    mime.setText("x" * (50 * 1024 * 1024))


@pytest.mark.parametrize(("fill", "problem"), [
    (_empty, "Clipboard: has no text to paste"),
    (_image, "Clipboard: holds an image, not an article's text"),
    (_navigation_only, "Clipboard: no article text found in the copied HTML"),
    (_fifty_megabytes, "Clipboard: holds 50 MB of text, more than the 20 MB"),
])
def test_clipboard_without_an_article_is_refused_and_the_outline_untouched(
        qtbot: QtBot, window: MainWindow, monkeypatch: pytest.MonkeyPatch,
        fill: Callable[[QMimeData], None], problem: str) -> None:
    mime = QMimeData()
    fill(mime)
    set_clipboard(mime)
    shown = warnings_shown(monkeypatch)
    assert wait_for_import(qtbot, window, window.paste_article_action.trigger) == 0
    assert len(shown) == 1 and problem in shown[0][2]
    assert titles(window) == ORIGINAL_TITLES
    assert not window.isWindowModified()


def test_files_copied_in_a_file_manager_are_imported_as_files(
        qtbot: QtBot, window: MainWindow, tmp_path: Path,
        confirm_imports: list[ImportDialog]) -> None:
    """A file manager's copy holds the files' addresses and paths, not their text."""
    piece = tmp_path / "salt-marsh.txt"
    piece.write_text("Salt Marsh Grazing\n\nSheep return to the marsh in May once the spring "
                     "tides have passed.\n", encoding="utf-8")
    copied = QMimeData()
    copied.setUrls([QUrl.fromLocalFile(str(piece))])
    copied.setText(str(piece))
    set_clipboard(copied)
    assert wait_for_import(qtbot, window, window.paste_article_action.trigger) == 1
    assert titles(window) == [*ORIGINAL_TITLES, "Salt Marsh Grazing"]


def test_a_saved_browser_copy_imports_from_file_import_like_the_paste(
        qtbot: QtBot, window: MainWindow, confirm_imports: list[ImportDialog],
        tmp_path: Path) -> None:
    """A fragment saved as .html (no <head>, the fragment markers) keeps its own headings."""
    saved = tmp_path / "copied.html"
    saved.write_text(f"<html><body><!--StartFragment-->{SELECTION}<!--EndFragment-->"
                     "</body></html>", encoding="utf-8")
    assert wait_for_import(qtbot, window, lambda: window.importer.import_files([saved])) == 1
    article = window.document.outline.articles[-1]
    assert article.title == "Grain Corridors Reopen"
    assert [section.heading for section in article.sections] == ["Insurance", "Capacity"]
    assert article.sections[1].blocks[0].text == "Forty berths are working again."


def test_menus_offer_paste_and_web_address(window: MainWindow) -> None:
    menus = {action.text(): action.menu() for action in window.menuBar().actions()}
    edit = [action.text() for action in menus["&Edit"].actions()]
    file = [action.text() for action in menus["&File"].actions()]
    assert "&Paste Article" in edit
    assert "Import from &Web Address…" in file


# ------------------------------------------------------------------------- web address


def test_import_from_web_address_asks_for_it_and_keeps_url_and_date(
        qtbot: QtBot, window: MainWindow, site: LocalSite, monkeypatch: pytest.MonkeyPatch,
        confirm_imports: list[ImportDialog]) -> None:
    url = site.page("/news/tidal-barriers")
    asked: list[tuple[Any, ...]] = []

    def get_text(*args: Any) -> tuple[str, bool]:
        asked.append(args)
        return url, True

    monkeypatch.setattr(QInputDialog, "getText", staticmethod(get_text))
    assert wait_for_import(qtbot, window, window.import_web_action.trigger) == 1
    assert asked and asked[0][1] == "Import from Web Address"
    assert confirm_imports[0].table.item(0, 0).text() == url
    article = window.document.outline.articles[-1]
    assert (article.title, article.url) == ("Tidal Barriers Before the Next Surge", url)
    assert article.fetched == datetime.date.today().isoformat()
    window.tree.setCurrentIndex(window.outline_model.article_index(2))
    today = datetime.date.today()
    month = ("January", "February", "March", "April", "May", "June", "July", "August",
             "September", "October", "November", "December")[today.month - 1]
    assert f"{url} (fetched {today.day} {month} {today.year})" in window.reader.toPlainText()


def test_web_address_on_the_clipboard_is_offered(
        window: MainWindow, monkeypatch: pytest.MonkeyPatch) -> None:
    mime = QMimeData()
    mime.setText("https://example.org/ports")
    set_clipboard(mime)
    offered: list[str] = []

    def get_text(*args: Any) -> tuple[str, bool]:
        offered.append(args[4])
        return "", False

    monkeypatch.setattr(QInputDialog, "getText", staticmethod(get_text))
    window.import_web_action.trigger()
    assert offered == ["https://example.org/ports"]
    assert window.importer.current is None


@pytest.mark.parametrize(("typed", "fetched"), [
    ("www.example.org/ports", "https://www.example.org/ports"),
    ("example.org", "https://example.org"),
    ("localhost:8000/draft", "https://localhost:8000/draft"),
    ("http://example.org/ports", "http://example.org/ports"),
    ("javascript:alert(1)", "javascript:alert(1)"),
    ("file:///home/me/page.html", "file:///home/me/page.html"),
])
def test_an_address_typed_without_https_is_completed_as_a_browser_does(
        window: MainWindow, monkeypatch: pytest.MonkeyPatch, typed: str, fetched: str) -> None:
    """The address box is only for addresses, so "www.example.org/ports" means https; other
    schemes are left for the fetch to refuse with its message."""
    monkeypatch.setattr(QInputDialog, "getText",
                        staticmethod(lambda *args: (f" {typed} ", True)))
    asked: list[str] = []
    monkeypatch.setattr(window.importer, "import_web_address", asked.append)
    window.import_web_action.trigger()
    assert asked == [fetched]


@pytest.mark.parametrize(("route", "problem"), [
    (None, "the server answered 404 Not Found"),
    (Route(body=b"%PDF-1.4", content_type="application/pdf"), "is not a web page"),
    (Route(body=b"<p>" + b"v" * 1024 + b"</p>", repeat=21 * 1024),
     "is larger than the 20 MB a web page may be"),
])
def test_failed_fetch_shows_why_and_leaves_the_outline(
        qtbot: QtBot, window: MainWindow, site: LocalSite, monkeypatch: pytest.MonkeyPatch,
        route: Route | None, problem: str) -> None:
    if route is not None:
        site.routes["/page"] = route
    shown = warnings_shown(monkeypatch)
    url = site.url("/page")
    assert wait_for_import(qtbot, window, lambda: window.importer.import_web_address(url)) == 0
    assert len(shown) == 1
    assert shown[0][1] == "Cannot import"
    assert f"{url}: {problem}" in shown[0][2]
    assert titles(window) == ORIGINAL_TITLES


def test_server_that_never_answers_is_reported_after_the_timeout(
        qtbot: QtBot, window: MainWindow, monkeypatch: pytest.MonkeyPatch) -> None:
    shown = warnings_shown(monkeypatch)
    window.importer.fetch_timeout = 0.3
    with silent_server() as url:
        wait_for_import(qtbot, window, lambda: window.importer.import_web_address(url))
    assert "did not answer within 0.3 seconds" in shown[0][2]


def test_javascript_address_is_refused(qtbot: QtBot, window: MainWindow,
                                       monkeypatch: pytest.MonkeyPatch) -> None:
    shown = warnings_shown(monkeypatch)
    wait_for_import(qtbot, window,
                    lambda: window.importer.import_web_address("javascript:alert(1)"))
    assert "is a javascript: address, not a web address" in shown[0][2]


def test_cancel_stops_a_download_and_adds_nothing(
        qtbot: QtBot, window: MainWindow, site: LocalSite) -> None:
    gate = threading.Event()
    site.routes["/slow"] = Route(body=b"<p>" + b"w" * 65536 + b"</p>", repeat=8, gate=gate)
    with qtbot.waitSignal(window.importer.finished, timeout=15_000) as blocker:
        handle = window.importer.import_web_address(site.url("/slow"))
        assert handle is not None
        try:
            qtbot.waitUntil(lambda: handle.dialog.labelText().startswith("Downloading"),
                            timeout=10_000)
            handle.cancel()
        finally:
            gate.set()
    assert blocker.args == [0]
    assert handle.outcome == "cancelled"
    assert titles(window) == ORIGINAL_TITLES


def test_cancel_while_the_server_never_answers_shows_no_error_afterwards(
        qtbot: QtBot, window: MainWindow, monkeypatch: pytest.MonkeyPatch) -> None:
    """Cancel hides the progress at once; when the wait the job was stuck in ends, the
    user who cancelled hears no more of it (no "did not answer" warning)."""
    shown = warnings_shown(monkeypatch)
    window.importer.fetch_timeout = 0.3
    with silent_server() as url, qtbot.waitSignal(window.importer.finished,
                                                  timeout=15_000) as blocker:
        handle = window.importer.import_web_address(url)
        assert handle is not None and handle.dialog is not None
        handle.dialog.findChild(QPushButton).click()
    assert blocker.args == [0]
    assert handle.outcome == "cancelled"
    assert shown == []
    assert "cancelled" in window.statusBar().currentMessage()
    assert titles(window) == ORIGINAL_TITLES


def test_cancel_while_a_server_holds_the_connection_ends_the_import_at_once(
        qtbot: QtBot, window: MainWindow, site: LocalSite, confirm_imports: list[ImportDialog],
        monkeypatch: pytest.MonkeyPatch) -> None:
    """Cancel is heard while the server keeps the connection without answering: the import
    ends then, not when the (here ten-minute) timeout is up, and the next one can start."""
    shown = warnings_shown(monkeypatch)
    window.importer.fetch_timeout = 600
    with holding_server() as (url, asked), qtbot.waitSignal(window.importer.finished,
                                                            timeout=15_000) as blocker:
        handle = window.importer.import_web_address(url)
        assert handle is not None and handle.dialog is not None
        assert asked.wait(timeout=10)
        handle.dialog.findChild(QPushButton).click()
    assert blocker.args == [0]
    assert handle.outcome == "cancelled"
    assert shown == []
    assert wait_for_import(qtbot, window, lambda: window.importer.import_web_address(
        site.page("/news/tidal-barriers"))) == 1
    assert titles(window) == [*ORIGINAL_TITLES, "Tidal Barriers Before the Next Surge"]


def test_importing_again_while_a_cancelled_fetch_still_waits_says_so(
        qtbot: QtBot, window: MainWindow) -> None:
    """The progress has gone, so "already running" would puzzle: the message says the
    cancelled import is still stopping and to try again (closing the server ends the wait)."""
    window.importer.fetch_timeout = 60
    with qtbot.waitSignal(window.importer.finished, timeout=15_000), silent_server() as url:
        handle = window.importer.import_web_address(url)
        assert handle is not None and handle.dialog is not None
        handle.dialog.findChild(QPushButton).click()
        assert window.importer.import_web_address(url) is None
        message = window.statusBar().currentMessage()
    assert "cancelled import is still stopping" in message
    assert "try again" in message
