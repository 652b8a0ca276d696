"""Helpers for the tests of importing in the window: a browser's copy on the clipboard, the
import dialog accepted, an import waited for."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from PySide6.QtCore import QMimeData
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QDialog
from pytestqt.qtbot import QtBot

from briefing.gui.import_dialog import ImportDialog
from briefing.gui.main_window import MainWindow
from tests.gui.window_support import Button, answer

SELECTION = ("<h1>Grain Corridors Reopen</h1>"
             "<p>Ships left the three southern ports on Monday for the first time since May.</p>"
             "<h2>Insurance</h2>"
             "<p>Premiums for the crossing fell by a third once escorts were agreed.</p>"
             "<h2>Capacity</h2><ul><li>Forty berths are working again.</li></ul>")
PAGE_URL = "https://news.example.org/2025/grain-corridors"
ORIGINAL_TITLES = ["Harbour Defence", "Arctic Patrols"]


def accept_import_dialogs(monkeypatch: pytest.MonkeyPatch) -> list[ImportDialog]:
    """The import dialog accepts what the importer found; the dialogs shown are recorded."""
    shown: list[ImportDialog] = []

    def accept(dialog: ImportDialog) -> int:
        shown.append(dialog)
        return QDialog.DialogCode.Accepted.value

    monkeypatch.setattr(ImportDialog, "exec", accept)
    return shown


def browser_copy(selection: str = SELECTION, source_url: str = PAGE_URL) -> QMimeData:
    """What Firefox puts on the clipboard: HTML, the page's address, and plain text."""
    mime = QMimeData()
    mime.setData("text/html", ('<meta http-equiv="content-type" content="text/html; '
                               'charset=utf-8">' + selection).encode("utf-8"))
    mime.setData("text/x-moz-url-priv", source_url.encode("utf-16-le"))
    mime.setText("Grain Corridors Reopen\nShips left...")
    return mime


def set_clipboard(mime: QMimeData) -> None:
    QGuiApplication.clipboard().setMimeData(mime)


def clear_clipboard() -> None:
    """Leave the clipboard empty: mime data still set on it when Python exits crashes
    PySide6's teardown (offscreen)."""
    QGuiApplication.clipboard().clear()


def wait_for_import(qtbot: QtBot, window: MainWindow, start: Callable[[], object]) -> int:
    with qtbot.waitSignal(window.importer.finished, timeout=15_000) as blocker:
        start()
    return int(blocker.args[0])


def warnings_shown(monkeypatch: pytest.MonkeyPatch) -> list[tuple[Any, ...]]:
    return answer(monkeypatch, "warning", Button.Ok)


def titles(window: MainWindow) -> list[str]:
    return [article.title for article in window.document.outline.articles]
