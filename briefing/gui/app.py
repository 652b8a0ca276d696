"""Starting the desktop app: ``run_app(path)`` is what ``briefing`` with no command runs.

Start-up stays light: only Qt and the window's own modules load here. python-docx, trafilatura and
the Markdown library load when an import, an export or the preview first needs them.

What opens: the file named on the command line; else the file open when the app last closed;
else (first run, or that file is gone) the bundled sample outline, as an unsaved copy.
"""

from __future__ import annotations

import logging
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QApplication

import briefing
from briefing.core import paths
from briefing.gui.plain_messages import install_plain_messages
from briefing.gui.safe_collection import CollectionBetweenEvents

if TYPE_CHECKING:
    from briefing.core.early_parse import EarlyParse
    from briefing.gui.main_window import MainWindow
    from briefing.gui.settings import AppSettings

logger = logging.getLogger(__name__)

ORGANIZATION = "Briefing"

UI_SWITCH_INTERVAL_S = 0.0001
"""How long a background thread may hold the interpreter before the window's thread gets it.

Qt releases the interpreter lock inside some of its calls (a filter's update), and each call
it then makes back into Python (a row's filter test, its data) waits for the lock. While a job
runs Python on a worker (counts, page fit, import, export), each such wait lasts up to this
long: at Python's default of 5 ms a filter that makes a few thousand of them stalls the window
for seconds; at 0.1 ms a call costs about 20 µs instead of 2 µs. The worker only slows while
both threads want the interpreter.
"""


def create_application(argv: list[str] | None = None) -> QApplication:
    """The QApplication (the existing one if there is one), named and themed."""
    existing = QApplication.instance()
    if isinstance(existing, QApplication):
        app = existing
    else:
        app = QApplication(argv if argv is not None else sys.argv[:1])
    app.setApplicationName(paths.APP_NAME)
    app.setApplicationDisplayName(paths.APP_NAME)
    app.setOrganizationName(ORGANIZATION)
    app.setApplicationVersion(briefing.__version__)
    app.setDesktopFileName("briefing")
    install_plain_messages(app)
    sys.setswitchinterval(UI_SWITCH_INTERVAL_S)
    return app


def run_app(path: Path | None, early: EarlyParse | None = None) -> int:
    """Show the main window with ``path`` (or the last file, or the sample) and run until quit;
    ``early`` is the parse of ``path`` already under way.

    Unexpected exceptions go to one ``sys.excepthook`` that autosaves, logs the traceback and
    shows a dialog (:mod:`briefing.gui.crash_handler`).
    """
    app = create_application()
    from briefing.gui.crash_handler import install

    collection = CollectionBetweenEvents(app)
    collection.start()
    window = start_window(path, early)
    handler = install(autosave=window.autosaver.save_now, parent_getter=lambda: window)
    try:
        return app.exec()
    finally:
        handler.uninstall()
        collection.stop()


def start_window(path: Path | None, early: EarlyParse | None = None) -> MainWindow:
    """The themed main window, shown, with recovered work or what :func:`open_initial` opens.

    A large file to open parses in a second process while the window is built
    (:mod:`briefing.core.early_parse`): ``early`` when the caller started it, else started here.
    """
    app = create_application()
    from briefing.core.early_parse import start_early_parse
    from briefing.gui.settings import AppSettings

    settings = AppSettings()
    if early is None:
        early = start_early_parse(initial_file(path, settings), stream=True)
    try:
        from briefing.gui.main_window import MainWindow
        from briefing.gui.theme import apply_theme

        watcher = apply_theme(app)
        window = MainWindow(settings=settings)
        watcher.setParent(window)
        watcher.changed.connect(lambda _dark: window.refresh_icons())
        window.show()
        if not window.offer_recovery():
            open_initial(window, path, early)
    finally:
        if early is not None:
            early.close()
    window.autosaver.start()
    return window


def initial_file(path: Path | None, settings: AppSettings) -> Path | None:
    """The file to open at start: ``path``, else the one open when the app last closed."""
    return path if path is not None else settings.last_file


def open_initial(window: MainWindow, path: Path | None, early: EarlyParse | None = None) -> None:
    """Open what the app should show at start (see the module docstring); ``early`` is that
    file's parse already under way."""
    # Read here, before the event loop runs, even when large: the window comes up with it.
    candidate = initial_file(path, window.settings)
    if candidate is not None and window.open_file(candidate, ask=False, background=False,
                                                  early=early):
        if path is None and window.settings.current_section:
            window.select_section(window.settings.current_section)
        return
    window.open_sample()
