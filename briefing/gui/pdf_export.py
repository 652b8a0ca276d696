"""The briefing note as PDF: the HTML export laid out by Qt's rich text onto a PDF writer.

It lives beside the GUI because it needs Qt, which ``briefing.core`` never imports; the core's
export entry point takes it as its PDF writer (:func:`write_pdf`), and feeds it the same
intermediate form as every other format. Only QtGui is used (QTextDocument, QPdfWriter,
QPainter), never widgets, so the command line uses it too; without a display Qt's offscreen
platform is used. Each page gets the classification marking at its top and bottom and
"Page X of Y" at its foot, painted around the text so they never collide with it. The file
carries the note's title, author and language in its metadata.

This is the fallback when LibreOffice is not installed (the export then converts the Word note
instead, :mod:`briefing.core.export.pdf_office`): a simpler layout than the Word template's.
"""

from __future__ import annotations

import logging
import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING
from xml.sax.saxutils import escape

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QMarginsF, QRectF, QSizeF, Qt
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontMetricsF,
    QGuiApplication,
    QPageLayout,
    QPageSize,
    QPainter,
    QPdfWriter,
    QTextDocument,
)

from briefing.core.atomic import write_atomic
from briefing.core.export.document import BriefingDocument, DocMetadata
from briefing.core.export.html_out import STYLESHEET, language_tag, render_html

if TYPE_CHECKING:
    from PySide6.QtPrintSupport import QPrinter

log = logging.getLogger(__name__)

RESOLUTION = 96
"""Dots per inch of the layout: the screen's, so the style sheet's pixel margins match the preview
(text stays vector; this is only the coordinate grid)."""
MARGINS_MM = QMarginsF(20, 18, 20, 18)
_MARKING_COLOUR = QColor("#a00000")


def _temporary_application() -> QGuiApplication:
    """A QGuiApplication for one export; offscreen when there is no display."""
    headless = sys.platform.startswith("linux") and not (
        os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"))
    if headless:
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    return QGuiApplication([sys.argv[0] if sys.argv else "briefing"])


def render_pdf(doc: BriefingDocument) -> tuple[bytes, int]:
    """The PDF file's bytes and its number of pages.

    Qt's text layout needs an application object. In the app there is one; elsewhere (the
    command line, a script) one is made for this export and shut down after it, so a
    QApplication can still be made later in the same process (a leftover QGuiApplication would
    stop widgets from ever working there).
    """
    owned = _temporary_application() if QGuiApplication.instance() is None else None
    try:
        return _render(doc)
    finally:
        if owned is not None:
            owned.shutdown()


def _render(doc: BriefingDocument) -> tuple[bytes, int]:
    buffer = QBuffer()
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    writer = QPdfWriter(buffer)
    writer.setPageSize(QPageSize(QPageSize.PageSizeId.A4))
    writer.setCreator("Briefing")
    writer.setTitle(doc.metadata.title)
    writer.setAuthor(doc.metadata.author)
    writer.setDocumentXmpMetadata(QByteArray(xmp_metadata(doc.metadata).encode("utf-8")))
    pages = paint_pages(doc, writer)
    buffer.close()
    data: QByteArray = buffer.data()
    return bytes(data.data()), pages


def paint_pages(doc: BriefingDocument, device: QPdfWriter | QPrinter) -> int:
    """Lay the note out on ``device``'s pages and paint them; the number of pages.

    ``device`` is the PDF writer of an export or the printer of File → Print (its page size is
    kept, the margins and resolution are set here), so print and PDF share one layout.
    """
    device.setPageMargins(MARGINS_MM, QPageLayout.Unit.Millimeter)
    device.setResolution(RESOLUTION)

    marking_font = QFont("Liberation Sans")
    marking_font.setPointSizeF(8.5)
    marking_font.setBold(True)
    band = QFontMetricsF(marking_font, device).height() * 2.2

    paint_rect = device.pageLayout().paintRectPixels(RESOLUTION)
    width, body_height = float(paint_rect.width()), float(paint_rect.height()) - 2 * band

    text = QTextDocument()
    text.documentLayout().setPaintDevice(device)
    text.setDefaultStyleSheet(STYLESHEET)
    text.setHtml(render_html(doc, standalone=False, markings=False))
    text.setPageSize(QSizeF(width, body_height))
    pages = max(1, text.pageCount())

    painter = QPainter(device)
    try:
        for page in range(pages):
            if page:
                device.newPage()
            painter.save()
            painter.translate(0, band - page * body_height)
            text.drawContents(painter, QRectF(0, page * body_height, width, body_height))
            painter.restore()
            _paint_marks(painter, marking_font, doc.metadata.marking, page + 1, pages,
                         width, body_height + 2 * band, band)
    finally:
        painter.end()
    return pages


def xmp_metadata(metadata: DocMetadata) -> str:
    """The PDF's XMP packet: title, author, subject, keywords and the note's language.

    Qt has no call for the document's language, but its XMP packet can be replaced whole; PDF
    readers and screen readers read ``dc:language`` from it.
    """
    def alt(value: str) -> str:
        return (f'<rdf:Alt><rdf:li xml:lang="x-default">{escape(value)}</rdf:li></rdf:Alt>')

    fields = [f"<dc:title>{alt(metadata.title)}</dc:title>"]
    if metadata.author:
        fields.append(f"<dc:creator><rdf:Seq><rdf:li>{escape(metadata.author)}</rdf:li>"
                      "</rdf:Seq></dc:creator>")
    if metadata.subject:
        fields.append(f"<dc:description>{alt(metadata.subject)}</dc:description>")
    if metadata.language:
        fields.append(f"<dc:language><rdf:Bag><rdf:li>{escape(language_tag(metadata.language))}"
                      "</rdf:li></rdf:Bag></dc:language>")
    if metadata.keywords:
        fields.append(f"<pdf:Keywords>{escape(metadata.keywords)}</pdf:Keywords>")
    fields.append("<xmp:CreatorTool>Briefing</xmp:CreatorTool>")
    return ('<?xpacket begin="\ufeff" id="W5M0MpCehiHzreSzNTczkc9d"?>\n'
            '<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF '
            'xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">'
            '<rdf:Description rdf:about="" xmlns:dc="http://purl.org/dc/elements/1.1/" '
            'xmlns:pdf="http://ns.adobe.com/pdf/1.3/" xmlns:xmp="http://ns.adobe.com/xap/1.0/">'
            + "".join(fields) + "</rdf:Description></rdf:RDF></x:xmpmeta>\n"
            '<?xpacket end="w"?>')


def _paint_marks(painter: QPainter, font: QFont, marking: str, page: int, pages: int,
                 width: float, height: float, band: float) -> None:
    painter.setFont(font)
    top = QRectF(0, 0, width, band)
    bottom = QRectF(0, height - band, width, band)
    if marking:
        painter.setPen(_MARKING_COLOUR)
        painter.drawText(top, int(Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop),
                         marking)
        painter.drawText(bottom, int(Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignBottom),
                         marking)
    painter.setPen(QColor("#444444"))
    painter.drawText(bottom, int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignBottom),
                     f"Page {page} of {pages}")


def write_pdf(doc: BriefingDocument, path: Path) -> int:
    """Write the note as a PDF file (atomically) and return its number of pages.

    An OSError from writing propagates unchanged, for the caller to word for the user.
    """
    data, pages = render_pdf(doc)
    write_atomic(path, data)
    log.info("wrote %s (%d pages)", path, pages)
    return pages
