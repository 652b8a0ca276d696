"""The reader: the selected section's text as the article shows it, with its source on top.

Headings, paragraphs, bullets, numbered items and quotes read as in the article. Pull-quotes (lines
the page repeats for emphasis) are set apart and labelled, and the lines the importer left out are
listed separately, each with a *Restore* link that puts it back (one undoable click).
"""

from __future__ import annotations

import html
import logging

from PySide6.QtCore import QEvent, QUrl, Signal
from PySide6.QtWidgets import QWidget

from briefing.core.model import Article, Block, BlockKind, Section
from briefing.gui.safe_browser import SafeBrowser

logger = logging.getLogger(__name__)

RESTORE_SCHEME = "restore"
MUTED = "#8a8a8a"


def _esc(text: str) -> str:
    return html.escape(text, quote=False)


def blocks_html(blocks: list[Block]) -> str:
    """HTML for a run of blocks; consecutive list items share one list."""
    parts: list[str] = []
    open_list = ""
    for block in blocks:
        tag = {"bullet": "ul", "numbered": "ol"}.get(block.kind.value, "")
        if tag != open_list:
            if open_list:
                parts.append(f"</{open_list}>")
            if tag:
                parts.append(f"<{tag}>")
            open_list = tag
        text = _esc(block.text)
        if tag:
            parts.append(f"<li>{text}</li>")
        elif block.kind is BlockKind.QUOTE:
            parts.append(f"<blockquote><p>\u201c{text}\u201d</p></blockquote>")
        elif block.kind is BlockKind.PULL_QUOTE:
            parts.append(
                "<table width='100%' cellpadding='8' style='margin: 8px 32px;' "
                f"border='0'><tr><td style='border-left: 3px solid {MUTED};'>"
                f"<p style='color:{MUTED}; font-size:small;'>PULL-QUOTE (repeats the text; "
                f"not exported)</p><p><i>{text}</i></p></td></tr></table>")
        else:
            parts.append(f"<p>{text}</p>")
    if open_list:
        parts.append(f"</{open_list}>")
    return "\n".join(parts)


def _source_html(article: Article) -> str:
    source = article.source_line() or article.title or "Untitled article"
    return f"<p style='color:{MUTED}; font-size:small;'>{_esc(source)}</p>"


def section_html(article: Article, section: Section) -> str:
    """The section with its subsections, under the article's source line."""
    parts = [_source_html(article)]

    def add(current: Section, level: int) -> None:
        tag = f"h{min(level, 4)}"
        parts.append(f"<{tag}>{_esc(current.label)}</{tag}>")
        parts.append(blocks_html(current.blocks))
        for sub in current.sections:
            add(sub, level + 1)

    add(section, 2)
    return "\n".join(parts)


def article_html(article: Article) -> str:
    """The article's title, standfirst, lead text, section list and the lines left out."""
    parts = [_source_html(article), f"<h1>{_esc(article.title or 'Untitled article')}</h1>"]
    if article.standfirst:
        parts.append(f"<p><b>{_esc(article.standfirst)}</b></p>")
    parts.append(blocks_html(article.blocks))
    if article.sections:
        items = "".join(f"<li>{_esc(s.label)}</li>" for s in article.sections)
        parts.append(f"<p style='color:{MUTED};'>Sections:</p><ul>{items}</ul>")
    if article.discarded:
        parts.append("<hr/><h4>Left out by the importer</h4>"
                     f"<p style='color:{MUTED}; font-size:small;'>Restore puts a line back at the "
                     "end of the article's lead text.</p>")
        rows = []
        for index, item in enumerate(article.discarded):
            where = f", line {item.line}" if item.line is not None else ""
            rows.append(
                f"<tr><td style='color:{MUTED};'><s>{_esc(item.text)}</s>"
                f"<br/><small>{_esc(item.reason)}{where}</small></td>"
                f"<td align='right'><a href='{RESTORE_SCHEME}:{index}'>Restore</a></td></tr>")
        parts.append("<table width='100%' cellpadding='4'>" + "".join(rows) + "</table>")
    return "\n".join(parts)


class ReaderView(SafeBrowser):
    """Read-only view of the selected article or section; loads nothing the text names."""

    restore_requested = Signal(int, int)
    """(article row, index in ``article.discarded``): the user clicked Restore."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName("Reader")
        self.setPlaceholderText("Select an article or a section to read it here.")
        self._article_row: int | None = None
        self._html = ""

    def show_article(self, row: int, article: Article) -> None:
        self._article_row = row
        self._set_html(article_html(article))

    def show_section(self, row: int, article: Article, section: Section) -> None:
        self._article_row = row
        self._set_html(section_html(article, section))

    def show_nothing(self) -> None:
        self._article_row = None
        self._html = ""
        self.clear()

    def _set_html(self, text: str) -> None:
        self._html = text
        scroll = self.verticalScrollBar().value()
        self.setHtml(text)
        self.verticalScrollBar().setValue(scroll)

    def changeEvent(self, event: QEvent) -> None:
        """Lay the text out again when the palette changes (light/dark switch): links and
        text colours are fixed when the HTML is set."""
        super().changeEvent(event)
        palette_events = (QEvent.Type.PaletteChange, QEvent.Type.ApplicationPaletteChange)
        if event.type() in palette_events and self._html:
            self._set_html(self._html)

    def handle_link(self, url: QUrl) -> bool:
        if url.scheme() != RESTORE_SCHEME:
            return False
        if self._article_row is not None:
            try:
                index = int(url.path())
            except ValueError:
                logger.warning("bad restore link %s", url.toString())
                return True
            self.restore_requested.emit(self._article_row, index)
        return True
