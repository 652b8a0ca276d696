"""Help → About: the version, what Briefing is for, and its licence.

Usage: ``show_about(parent)`` from the Help menu. :func:`about_html` is the text shown.
"""

from __future__ import annotations

import html
import platform

import PySide6
from PySide6.QtCore import Qt, qVersion
from PySide6.QtWidgets import QMessageBox, QWidget

import briefing
from briefing.gui.icons import icon

LICENCE = "MIT"
DESCRIPTION = ("Briefing turns source articles into a structured outline, lets you pick and "
               "annotate sections, and exports a briefing note from a Word template.")


def about_html() -> str:
    """The About box's text: name, version, description, licence and the versions underneath."""
    versions = (f"Python {platform.python_version()}, Qt {qVersion()}, "
                f"PySide6 {PySide6.__version__}")
    return (f"<h3>Briefing {html.escape(briefing.__version__)}</h3>"
            f"<p>{html.escape(DESCRIPTION)}</p>"
            f"<p>Released under the {LICENCE} licence.</p>"
            f"<p><small>{html.escape(versions)}</small></p>")


def show_about(parent: QWidget | None) -> None:
    """Show the About box (modal to ``parent``) and return when it is closed."""
    box = QMessageBox(parent)
    box.setWindowTitle("About Briefing")
    box.setTextFormat(Qt.TextFormat.RichText)
    box.setText(about_html())
    box.setIconPixmap(icon("app").pixmap(64, 64))
    box.setStandardButtons(QMessageBox.StandardButton.Ok)
    box.setAccessibleName("About Briefing")
    box.exec()
