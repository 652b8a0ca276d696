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

if TYPE_CHECKING:
    from briefing.gui.main_window import MainWindow

logger = logging.getLogger(__name__)

ORGANIZATION = "Briefing"


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
    return app


def run_app(path: Path | None) -> int:
    """Show the main window with ``path`` (or the last file, or the sample) and run until quit.

    Unexpected exceptions go to one ``sys.excepthook`` that autosaves, logs the traceback and
    shows a dialog (:mod:`briefing.gui.crash_handler`).
    """
    app = create_application()
    from briefing.gui.crash_handler import install

    window = start_window(path)
    handler = install(autosave=window.autosaver.save_now, parent_getter=lambda: window)
    try:
        return app.exec()
    finally:
        handler.uninstall()


def start_window(path: Path | None) -> MainWindow:
    """The themed main window, shown, with recovered work or what :func:`open_initial` opens."""
    app = create_application()
    from briefing.gui.main_window import MainWindow
    from briefing.gui.theme import apply_theme

    watcher = apply_theme(app)
    window = MainWindow()
    watcher.setParent(window)
    watcher.changed.connect(lambda _dark: window.refresh_icons())
    window.show()
    if not window.offer_recovery():
        open_initial(window, path)
    window.autosaver.start()
    return window


def open_initial(window: MainWindow, path: Path | None) -> None:
    """Open what the app should show at start (see the module docstring)."""
    # Read here, before the event loop runs, even when large: the window comes up with it.
    candidate = path if path is not None else window.settings.last_file
    if path is None and (candidate is None or not candidate.is_file()):
        candidate = None
    if candidate is not None and window.open_file(candidate, ask=False, background=False):
        if path is None and window.settings.current_section:
            window.select_section(window.settings.current_section)
        return
    window.open_sample()
