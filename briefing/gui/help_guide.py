"""Help → User Guide (F1): the guide, ``briefing/user-guide.md``, rendered inside the app.

The guide lives in the package (package data, so it is in the wheel too): a source checkout, an
editable install and an installed wheel all read it through :mod:`importlib.resources`, on every
platform (a link from ``docs/`` would check out as a one-line text file where links are not
supported). A missing guide shows a message saying so instead of failing.

The Markdown becomes HTML with the ``markdown`` library and is shown in a
:class:`~briefing.gui.safe_browser.SafeBrowser`: no image or file it names is ever loaded, web
links open in the desktop's browser, and links to the guide's own headings scroll.
"""

from __future__ import annotations

import html
import logging
import re
from importlib import resources

from PySide6.QtCore import QByteArray, Qt
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QVBoxLayout, QWidget

from briefing.gui.safe_browser import SafeBrowser
from briefing.gui.settings import AppSettings

logger = logging.getLogger(__name__)

GUIDE_PACKAGE = "briefing"
GUIDE_FILE_NAME = "user-guide.md"
GUIDE_REPOSITORY_PATH = "briefing/user-guide.md"
DEFAULT_SIZE = (720, 640)


class GuideMissingError(Exception):
    """The user guide is not where the package keeps it."""


def read_guide(package: str = GUIDE_PACKAGE, name: str = GUIDE_FILE_NAME) -> str:
    """The guide's Markdown, read from the installed package."""
    try:
        return resources.files(package).joinpath(name).read_text(encoding="utf-8")
    except (OSError, ModuleNotFoundError) as error:
        raise GuideMissingError(
            f"The user guide ({package}/{name}) is missing from this installation: "
            f"reinstall Briefing, or read {GUIDE_REPOSITORY_PATH} in its source.") from error


_HEADING_WITH_ID = re.compile(r'<h([1-6]) id="([^"]+)">')


def guide_html(markdown_text: str) -> str:
    """The guide as HTML; each heading carries a named anchor that ``#links`` scroll to.

    Qt's rich text finds anchors by ``<a name>``, not by a heading's ``id``, so one is added.
    """
    import markdown

    body = markdown.markdown(markdown_text, extensions=["toc", "tables"], output_format="html")
    return _HEADING_WITH_ID.sub(r'<h\1 id="\2"><a name="\2"></a>', body)


def missing_guide_html(message: str) -> str:
    return f"<h2>User guide not found</h2><p>{html.escape(message)}</p>"


class HelpDialog(QDialog):
    """A window with the user guide; it keeps its size between sessions."""

    def __init__(self, settings: AppSettings, parent: QWidget | None = None, *,
                 package: str = GUIDE_PACKAGE) -> None:
        super().__init__(parent)
        self._settings = settings
        self.setWindowTitle("Briefing User Guide")
        self.setWindowFlag(Qt.WindowType.WindowContextHelpButtonHint, False)
        self.browser = SafeBrowser()
        self.browser.setAccessibleName("User guide")
        try:
            text = guide_html(read_guide(package))
            self.found = True
        except GuideMissingError as error:
            logger.warning("%s", error)
            text = missing_guide_html(str(error))
            self.found = False
        self.browser.setHtml(text)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.browser, 1)
        layout.addWidget(buttons)
        self.resize(*DEFAULT_SIZE)
        geometry = settings.help_geometry
        if geometry:
            self.restoreGeometry(QByteArray(geometry))

    def done(self, result: int) -> None:
        self._settings.help_geometry = bytes(self.saveGeometry().data())
        super().done(result)


def show_guide(parent: QWidget, settings: AppSettings,
               shown: HelpDialog | None = None) -> HelpDialog:
    """Show the guide beside the work (not modal); an open guide window is raised, not doubled."""
    dialog = shown if shown is not None and shown.isVisible() else HelpDialog(settings, parent)
    dialog.show()
    dialog.raise_()
    dialog.activateWindow()
    return dialog
