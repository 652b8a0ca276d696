"""The one excepthook: autosave first, log the traceback, show one dialog, never raise."""

from __future__ import annotations

import logging
import sys
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QMessageBox, QWidget
from pytestqt.qtbot import QtBot

from briefing.core import paths
from briefing.gui import crash_handler
from briefing.gui.crash_handler import CrashHandler, install, setup_file_logging
from briefing.gui.main_window import MainWindow


class Dialogs:
    """Replaces QMessageBox.exec: records what would have been shown, never blocks."""

    def __init__(self) -> None:
        self.shown: list[dict[str, str]] = []
        self.during_exec: list[object] = []

    def exec(self, box: QMessageBox) -> int:
        self.shown.append({"text": box.text(), "info": box.informativeText(),
                           "details": box.detailedText(), "title": box.windowTitle()})
        for action in self.during_exec:
            assert callable(action)
            action()
        return QMessageBox.StandardButton.Ok.value


@pytest.fixture
def dialogs(monkeypatch: pytest.MonkeyPatch) -> Dialogs:
    recorder = Dialogs()
    monkeypatch.setattr(QMessageBox, "exec", lambda box: recorder.exec(box))
    return recorder


@pytest.fixture
def events() -> list[str]:
    return []


@pytest.fixture
def handler(qapp: object, events: list[str], dialogs: Dialogs) -> Iterator[CrashHandler]:
    window = QWidget()

    def autosave() -> bool:
        events.append("autosave")
        return True

    installed = install(autosave, lambda: window)
    yield installed
    installed.uninstall()
    _remove_file_handlers()


def _remove_file_handlers() -> None:
    app_logger = logging.getLogger("briefing")
    for existing in list(app_logger.handlers):
        if isinstance(existing, logging.FileHandler):
            app_logger.removeHandler(existing)
            existing.close()


def _raise_and_report(message: str = "the model lost a row") -> None:
    try:
        raise LookupError(message)
    except LookupError as error:
        sys.excepthook(type(error), error, error.__traceback__)


def test_install_replaces_the_hook_and_uninstall_restores_it(qapp: object) -> None:
    before = sys.excepthook
    handler = install(lambda: None, lambda: None)
    try:
        assert sys.excepthook is handler
    finally:
        handler.uninstall()
        _remove_file_handlers()
    assert sys.excepthook is before


def test_an_error_autosaves_then_logs_then_shows_the_details(
        handler: CrashHandler, dialogs: Dialogs, events: list[str]) -> None:
    def at_dialog() -> None:
        assert handler.log_file is not None
        logged = "LookupError" in handler.log_file.read_text(encoding="utf-8")
        events.append("dialog, already logged" if logged else "dialog before the log")

    dialogs.during_exec.append(at_dialog)
    _raise_and_report()
    assert events == ["autosave", "dialog, already logged"]
    [shown] = dialogs.shown
    assert "LookupError: the model lost a row" in shown["info"]
    assert "autosaved" in shown["info"]
    assert "Traceback" in shown["details"] and "_raise_and_report" in shown["details"]
    assert handler.log_file is not None
    assert str(handler.log_file) in shown["info"]
    assert handler.log_file.parent == paths.user_data_dir() / "logs"
    log = handler.log_file.read_text(encoding="utf-8")
    assert "Unexpected error" in log and "LookupError: the model lost a row" in log
    assert "_raise_and_report" in log


def test_a_failing_autosave_still_logs_and_shows(dialogs: Dialogs, qapp: object) -> None:
    def broken_autosave() -> None:
        raise OSError("disk full")

    handler = install(broken_autosave, lambda: None)
    try:
        _raise_and_report()
    finally:
        handler.uninstall()
        _remove_file_handlers()
    [shown] = dialogs.shown
    assert "autosaved" not in shown["info"]
    assert handler.log_file is not None
    log = handler.log_file.read_text(encoding="utf-8")
    assert "Autosave before reporting an error failed" in log and "disk full" in log


def test_an_error_while_the_dialog_is_up_is_logged_without_a_second_dialog(
        handler: CrashHandler, dialogs: Dialogs) -> None:
    dialogs.during_exec.append(lambda: _raise_and_report("a paint event failed too"))
    _raise_and_report()
    assert len(dialogs.shown) == 1
    assert handler.handled == 2
    assert handler.log_file is not None
    assert "a paint event failed too" in handler.log_file.read_text(encoding="utf-8")


def test_the_same_error_repeating_shows_one_dialog(handler: CrashHandler,
                                                   dialogs: Dialogs) -> None:
    for _ in range(5):
        _raise_and_report("again and again")
    _raise_and_report("something else")
    assert [shown["info"].splitlines()[0] for shown in dialogs.shown] == [
        "LookupError: again and again", "LookupError: something else"]
    assert handler.handled == 6


def test_the_handler_never_raises_even_if_the_dialog_fails(
        handler: CrashHandler, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    def broken_exec(box: QMessageBox) -> int:
        raise RuntimeError("no display")

    monkeypatch.setattr(QMessageBox, "exec", broken_exec)
    _raise_and_report()
    assert "LookupError: the model lost a row" in capsys.readouterr().err


def test_keyboard_interrupt_goes_to_the_previous_hook(
        qapp: object, dialogs: Dialogs, events: list[str],
        monkeypatch: pytest.MonkeyPatch) -> None:
    previous: list[type[BaseException]] = []
    monkeypatch.setattr(sys, "excepthook", lambda kind, error, trace: previous.append(kind))
    handler = install(lambda: events.append("autosave"), lambda: None)
    try:
        handler(KeyboardInterrupt, KeyboardInterrupt(), None)
    finally:
        handler.uninstall()
        _remove_file_handlers()
    assert previous == [KeyboardInterrupt]
    assert dialogs.shown == [] and events == []


def test_exceptions_in_other_threads_are_logged(handler: CrashHandler) -> None:
    def work() -> None:
        raise ValueError("background bug")

    thread = threading.Thread(target=work, name="helper")
    thread.start()
    thread.join()
    assert handler.log_file is not None
    log = handler.log_file.read_text(encoding="utf-8")
    assert "Unexpected error in thread helper" in log and "background bug" in log


@pytest.mark.qt_no_exception_capture
def test_an_exception_in_a_qt_slot_reaches_the_handler(handler: CrashHandler, dialogs: Dialogs,
                                                       events: list[str], qtbot: QtBot) -> None:
    def slot() -> None:
        raise ArithmeticError("slot failed")

    QTimer.singleShot(0, slot)
    qtbot.waitUntil(lambda: bool(dialogs.shown), timeout=2000)
    assert events == ["autosave"]
    assert "ArithmeticError: slot failed" in dialogs.shown[0]["info"]


def test_file_logging_is_set_up_once(tmp_path: Path) -> None:
    try:
        first = setup_file_logging(tmp_path)
        second = setup_file_logging(tmp_path)
        assert first == second == tmp_path / crash_handler.LOG_FILE_NAME
        handlers = [item for item in logging.getLogger("briefing").handlers
                    if isinstance(item, logging.FileHandler)]
        assert len(handlers) == 1
        logging.getLogger("briefing.test").warning("written to the file")
        handlers[0].flush()
        assert "written to the file" in first.read_text(encoding="utf-8")
        moved = setup_file_logging(tmp_path / "elsewhere")
        handlers = [item for item in logging.getLogger("briefing").handlers
                    if isinstance(item, logging.FileHandler)]
        assert [Path(item.baseFilename) for item in handlers] == [moved]
    finally:
        _remove_file_handlers()


@pytest.mark.qt_no_exception_capture
def test_a_bug_in_the_main_window_keeps_the_unsaved_note_for_the_next_start(
        window: MainWindow, dialogs: Dialogs, qtbot: QtBot) -> None:
    window.autosaver.start()
    window.document.set_note("s2", "Drafted just before the bug")
    installed = install(window.autosaver.save_now, lambda: window)
    try:
        def broken_slot() -> None:
            raise KeyError("no such row")

        QTimer.singleShot(0, broken_slot)
        qtbot.waitUntil(lambda: bool(dialogs.shown), timeout=2000)
    finally:
        installed.uninstall()
        _remove_file_handlers()
    assert "autosaved" in dialogs.shown[0]["info"]
    saved = window.autosaver.recovery_file.read_text(encoding="utf-8")
    assert "Drafted just before the bug" in saved
