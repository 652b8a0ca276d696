"""File → Print… and Print Preview…: the briefing note on paper, as it will export.

The note is built like the export (``build_document`` with the briefing's template, every note
whole) and painted by :func:`~briefing.gui.pdf_export.paint_pages`, the PDF export's own layout:
the same pages, the classification marking at the top and bottom of each, "Page X of Y" at its
foot. Nothing picked, or a template that cannot be loaded, is said in a message, and no print
dialog opens.
"""

from __future__ import annotations

import logging
from collections.abc import Callable

from PySide6.QtGui import QPageSize
from PySide6.QtPrintSupport import QPrintDialog, QPrinter, QPrintPreviewDialog
from PySide6.QtWidgets import QDialog, QMessageBox, QWidget
from shiboken6 import Shiboken

from briefing.core.errors import BriefingError
from briefing.core.model import Outline
from briefing.gui.preview_pane import template_for

logger = logging.getLogger(__name__)

NOTHING_PICKED = ("Nothing to print: no section is picked.\n\n"
                  "Tick the sections the note should use, then print again.")


def new_printer() -> QPrinter:
    """A printer set up as the PDF export is (A4) until the user picks otherwise."""
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setPageSize(QPageSize(QPageSize.PageSizeId.A4))
    return printer


def print_note(outline: Outline, printer: QPrinter) -> int:
    """Paint the note as it will export onto ``printer``; the number of pages.

    Raises :class:`BriefingError` when the template cannot be loaded.
    """
    from briefing.core.export.document import build_document  # (loads Markdown: not at start)
    from briefing.gui.pdf_export import paint_pages

    doc = build_document(outline, template_for(outline))
    printer.setDocName(doc.metadata.title or "Briefing note")
    pages = paint_pages(doc, printer)
    logger.info("printed %d page(s)", pages)
    return pages


class NotePrinter:
    """The window's Print and Print Preview commands over the open outline."""

    def __init__(self, parent: QWidget, outline: Callable[[], Outline],
                 show_error: Callable[[str, BriefingError], None]) -> None:
        self._parent = parent
        self._outline = outline
        self._show_error = show_error
        self._preview_printer: QPrinter | None = None
        self.last_preview: QPrintPreviewDialog | None = None
        """The last preview opened (for tests, which render it without showing it)."""

    def _ready(self, title: str) -> bool:
        if self._outline().picked_in_order():
            return True
        QMessageBox.information(self._parent, title, NOTHING_PICKED)
        return False

    def _paint(self, printer: QPrinter) -> int:
        try:
            return print_note(self._outline(), printer)
        except BriefingError as error:
            self._show_error("Cannot print the note", error)
            return 0

    def print_dialog(self) -> int:
        """File → Print…: ask for the printer, then print; the number of pages printed."""
        if not self._ready("Print"):
            return 0
        printer = new_printer()
        dialog = QPrintDialog(printer, self._parent)
        dialog.setWindowTitle("Print the Briefing Note")
        accepted = dialog.exec() == QDialog.DialogCode.Accepted
        dialog.deleteLater()
        return self._paint(printer) if accepted else 0

    def preview(self) -> QPrintPreviewDialog | None:
        """File → Print Preview…: the pages as they will print, with Qt's print button."""
        if not self._ready("Print Preview"):
            return None
        if self.last_preview is not None:
            Shiboken.delete(self.last_preview)  # now, before its printer goes
        self._preview_printer = new_printer()  # kept: the dialog does not own its printer
        dialog = QPrintPreviewDialog(self._preview_printer, self._parent)
        dialog.setWindowTitle("Print Preview")
        dialog.paintRequested.connect(self._paint)
        self.last_preview = dialog
        dialog.resize(820, 900)
        dialog.exec()
        return dialog
