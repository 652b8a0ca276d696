"""The reader: the selected section's text as the article shows it, with its source on top.

Headings, paragraphs, bullets, numbered items and quotes read as in the article. Pull-quotes (lines
the page repeats for emphasis) are set apart and labelled, and the lines the importer left out are
listed separately, each with a *Restore* link that puts it back (one undoable click).

A very long section (a 100,000-paragraph article, a 20 MB line) shows its first
:data:`BLOCK_LIMIT` blocks, each cut at :data:`TEXT_LIMIT` characters, and a *Show all* link:
Qt lays out rich text in one go, and a page that long would freeze the window for seconds.

Excerpts are highlighted where they stand in the text. A passage the user selects is found in
the shown section's text (on an article's front page, in its lead) by
:func:`~briefing.core.anchoring.find_passage` (the text on screen and its context), so the
excerpt is anchored to the article's own text, never to the screen's.
"""

from __future__ import annotations

import html
import logging
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from PySide6.QtCore import QEvent, QPoint, Qt, QUrl, Signal
from PySide6.QtWidgets import QWidget

from briefing.core.anchoring import (
    BLOCK_BREAK,
    Span,
    find_passage,
    lead_section,
    resolve,
    sections_by_id,
)
from briefing.core.dates import document_date
from briefing.core.model import LEAD as LEAD_ID
from briefing.core.model import Article, Block, BlockKind, Excerpt, Section
from briefing.gui.safe_browser import SafeBrowser

logger = logging.getLogger(__name__)

RESTORE_SCHEME = "restore"
SHOW_ALL_SCHEME = "show-all"
MUTED = "#8a8a8a"
BLOCK_LIMIT = 2_000
"""Blocks (paragraphs, items, headings) shown before *Show all*."""
TEXT_LIMIT = 20_000
"""Characters of one block shown before *Show all*."""
HIGHLIGHT = "background-color:#ffe58a; color:#000000;"
"""How an excerpt's text is marked (a fixed pair, readable in light and dark themes)."""
_DISPLAY_QUOTES = "\u201c\u201d"
"""The marks the reader puts around a quote block, which are not the article's text."""

Marks = dict[int, list[tuple[int, int, str]]]
"""Highlights by block index: (start, end, excerpt id) in the block's text."""

BLOCK_ANCHOR = "block:"
HEADING_ANCHOR = "heading:"
LEAD = "lead"
"""The owner named in the anchors of an article's lead text."""


@dataclass(frozen=True)
class ReaderSpot:
    """What is at a place in the reader: a heading or a paragraph, and whose."""

    article_row: int
    section_id: str | None
    """The section the heading or paragraph belongs to (None: the article's lead text)."""
    block: int | None
    """The paragraph's index in its blocks (None: the place is on the heading)."""


@dataclass
class Budget:
    """How much of a long text is still shown; ``blocks`` None shows everything."""

    blocks: int | None = BLOCK_LIMIT
    cut: bool = False
    """Whether something was left out."""

    def take(self) -> bool:
        """Whether one more block is shown."""
        if self.blocks is None:
            return True
        if self.blocks <= 0:
            self.cut = True
            return False
        self.blocks -= 1
        return True

    def text(self, text: str) -> str:
        if self.blocks is None or len(text) <= TEXT_LIMIT:
            return text
        self.cut = True
        return f"{text[:TEXT_LIMIT]} … [{len(text) - TEXT_LIMIT:,} more characters]"


_ALL = Budget(None)


def _esc(text: str) -> str:
    return html.escape(text, quote=False)


def _marked(text: str, marks: Sequence[tuple[int, int, str]], budget: Budget) -> str:
    """The block's text as HTML with its excerpts highlighted (each with an anchor to scroll
    to), cut as the budget says."""
    shown = budget.text(text)
    if not marks:
        return _esc(shown)
    limit = len(text) if shown == text else TEXT_LIMIT
    parts: list[str] = []
    position = 0
    for start, end, name in sorted(marks):
        start, end = max(start, position), min(end, limit)
        if start >= end:
            continue
        parts.append(_esc(text[position:start]))
        parts.append(f"<a name='{name}'></a><span style='{HIGHLIGHT}'>"
                     f"{_esc(text[start:end])}</span>")
        position = end
    parts.append(_esc(shown[position:]))
    return "".join(parts)


def blocks_html(blocks: list[Block], budget: Budget = _ALL, owner: str | None = None,
                marks: Marks | None = None) -> str:
    """HTML for a run of blocks; consecutive list items share one list.

    With ``owner`` (a section id, or :data:`LEAD` for an article's lead text), each block
    carries an anchor naming it, so a right-click can tell which paragraph it is on. ``marks``
    highlights excerpts.
    """
    parts: list[str] = []
    open_list = ""
    for number, block in enumerate(blocks):
        if not budget.take():
            break
        tag = {"bullet": "ul", "numbered": "ol"}.get(block.kind.value, "")
        if tag != open_list:
            if open_list:
                parts.append(f"</{open_list}>")
            if tag:
                parts.append(f"<{tag}>")
            open_list = tag
        text = _marked(block.text, marks.get(number, ()) if marks else (), budget)
        if owner is not None:
            text = f"<a name='{BLOCK_ANCHOR}{html.escape(owner)}:{number}'></a>{text}"
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
    if article.fetched:  # a page imported from its address: when it was read there
        source += f" (fetched {document_date(article.fetched)})"
    return f"<p style='color:{MUTED}; font-size:small;'>{_esc(source)}</p>"


def excerpt_marks(article: Article) -> dict[str, Marks]:
    """Where each excerpt of the article that is not orphaned stands, by section id (the
    lead's under :data:`~briefing.core.model.LEAD`)."""
    result: dict[str, Marks] = {}
    if not article.excerpts:
        return result
    sections = sections_by_id(article)
    for excerpt in article.excerpts:
        span = None if excerpt.orphaned else resolve(article, excerpt.anchor, sections)
        if span is None:
            continue
        marks = result.setdefault(span.section.id, {})
        for index, start, end in span.block_ranges():
            marks.setdefault(index, []).append((start, end, excerpt.id))
    return result


def section_html(article: Article, section: Section, budget: Budget = _ALL) -> str:
    """The section with its subsections, under the article's source line, excerpts marked."""
    parts = [_source_html(article)]
    marks = excerpt_marks(article)

    def add(current: Section, level: int) -> None:
        if not budget.take():
            return
        tag = f"h{min(level, 4)}"
        anchor = f"<a name='{HEADING_ANCHOR}{html.escape(current.id)}'></a>"
        parts.append(f"<{tag}>{anchor}{_esc(budget.text(current.label))}</{tag}>")
        parts.append(blocks_html(current.blocks, budget, current.id, marks.get(current.id)))
        for sub in current.sections:
            add(sub, level + 1)

    add(section, 2)
    return "\n".join(parts)


def orphan_html(article: Article, excerpt: Excerpt, budget: Budget = _ALL) -> str:
    """An orphaned excerpt: its quote as it was picked, and why it is not in the text."""
    paragraphs = [Block(BlockKind.PARAGRAPH, part)
                  for part in excerpt.anchor.quote.split(BLOCK_BREAK)]
    return "\n".join([
        _source_html(article), "<h3>Orphaned excerpt</h3>",
        f"<p style='color:{MUTED};'>Its text is no longer in the article (it was changed or "
        "imported again). The excerpt is kept with its note, and the export gives its text as "
        "it was picked:</p>",
        blocks_html(paragraphs, budget)])


def article_html(article: Article, budget: Budget = _ALL) -> str:
    """The article's title, standfirst, lead text (its excerpts marked), section list and the
    lines left out."""
    parts = [_source_html(article), f"<h1>{_esc(article.title or 'Untitled article')}</h1>"]
    if article.standfirst:
        parts.append(f"<p><b>{_esc(article.standfirst)}</b></p>")
    marks = excerpt_marks(article).get(LEAD_ID) if article.excerpts else None
    parts.append(blocks_html(article.blocks, budget, LEAD, marks))
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


def _read_anchor(article_row: int, name: str) -> ReaderSpot | None:
    if name.startswith(HEADING_ANCHOR):
        return ReaderSpot(article_row, name[len(HEADING_ANCHOR):], None)
    if name.startswith(BLOCK_ANCHOR):
        owner, _, number = name[len(BLOCK_ANCHOR):].rpartition(":")
        if number.isdigit():
            return ReaderSpot(article_row, None if owner == LEAD else owner, int(number))
    return None


class ReaderView(SafeBrowser):
    """Read-only view of the selected article or section; loads nothing the text names."""

    restore_requested = Signal(int, int)
    """(article row, index in ``article.discarded``): the user clicked Restore."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName("Reader")
        self.setPlaceholderText("Select an article or a section to read it here.")
        # A caret and Shift+arrows, so a passage can be picked as an excerpt without a mouse
        # (and the Menu key opens the menu for the paragraph at the caret).
        self.setTextInteractionFlags(self.textInteractionFlags()
                                     | Qt.TextInteractionFlag.TextSelectableByKeyboard)
        self._article_row: int | None = None
        self._section: tuple[Article, Section] | None = None
        """The section shown, or an article's lead (as a section) on its front page."""
        self._front_page = False
        self._html = ""
        self._shown: Callable[[Budget], str] | None = None

    def _show(self, row: int, make_html: Callable[[Budget], str],
              front_page: bool = False) -> bool:
        """Show what ``make_html`` makes; False when it is what is shown already."""
        self._article_row = row
        self._front_page = front_page
        self._shown = make_html
        budget = Budget()
        text = make_html(budget)
        if budget.cut:
            text += (f"<hr/><p style='color:{MUTED};'>This is long: only its first part is "
                     f"shown. <a href='{SHOW_ALL_SCHEME}:'>Show all</a> (may take a while)</p>")
        if text == self._html:  # (the same shown again, as a filter re-selects it: kept)
            return False
        self._set_html(text)
        return True

    def spot_at(self, position: QPoint) -> ReaderSpot | None:
        """The heading or paragraph under ``position`` (viewport coordinates), if any."""
        if self._article_row is None:
            return None
        block = self.cursorForPosition(position).block()
        fragments = block.begin()
        while not fragments.atEnd():
            for name in fragments.fragment().charFormat().anchorNames():
                spot = _read_anchor(self._article_row, name)
                if spot is not None:
                    return spot
            fragments += 1
        return None

    def is_cut(self) -> bool:
        """Whether only the first part of a long text is shown."""
        return f"{SHOW_ALL_SCHEME}:" in self._html

    def show_all(self) -> None:
        """Show the whole of what is shown in part."""
        if self._shown is not None:
            self._set_html(self._shown(Budget(None)))

    def show_article(self, row: int, article: Article, excerpt_id: str = "") -> None:
        """Show the article's front page; with ``excerpt_id``, scroll to that excerpt of its
        lead (shown again, the caret stays, as for :meth:`show_section`)."""
        again = self._front_page and self._section is not None \
            and self._section[0] is article
        self._section = (article, lead_section(article))
        self._show_keeping_caret(again, row, lambda budget: article_html(article, budget),
                                 excerpt_id, front_page=True)

    def show_section(self, row: int, article: Article, section: Section,
                     excerpt_id: str = "") -> None:
        """Show the section; with ``excerpt_id``, scroll to that excerpt's highlight.

        Shown again (a new highlight), the caret stays where it was, so a keyboard user goes
        on from the passage just picked."""
        again = self._section is not None and self._section[1] is section
        self._section = (article, section)
        self._show_keeping_caret(again, row,
                                 lambda budget: section_html(article, section, budget),
                                 excerpt_id)

    def _show_keeping_caret(self, again: bool, row: int, make_html: Callable[[Budget], str],
                            excerpt_id: str, front_page: bool = False) -> None:
        caret = self.textCursor().selectionEnd() if again else None
        shown = self._show(row, make_html, front_page)
        if shown and caret is not None:
            cursor = self.textCursor()
            cursor.setPosition(min(caret, len(self.toPlainText())))
            scroll = self.verticalScrollBar().value()
            self.setTextCursor(cursor)
            self.verticalScrollBar().setValue(scroll)
        if excerpt_id:
            self.scrollToAnchor(excerpt_id)

    def show_orphaned_excerpt(self, row: int, article: Article, excerpt: Excerpt) -> None:
        """Show what an orphaned excerpt quoted (nothing in it can be picked again)."""
        self._section = None
        self._show(row, lambda budget: orphan_html(article, excerpt, budget))

    def article_row(self) -> int | None:
        """The row of the article shown (None when nothing is)."""
        return self._article_row

    def selected_passage(self) -> Span | None:
        """Where the selected text is in the shown section or its subsections (on an
        article's front page: in its lead), or None (no selection, or text that is not the
        article's, such as its title or the list of its sections)."""
        cursor = self.textCursor()
        if self._section is None or not cursor.hasSelection():
            return None
        quote = cursor.selectedText().replace("\u2029", "\n\n").replace("\u2028", "\n")
        screen = self.toPlainText()
        start, end = cursor.selectionStart(), cursor.selectionEnd()
        before, after = screen[max(0, start - 40):start], screen[end:end + 40]
        sections = [self._section[1]] if self._front_page else list(self._section[1].walk())
        found = find_passage(sections, quote, before, after)
        if found is None:  # without the marks the reader sets around quote blocks
            bare = quote.strip().strip(_DISPLAY_QUOTES)
            for mark in _DISPLAY_QUOTES:
                bare = bare.replace(f"\n\n{mark}", "\n\n").replace(f"{mark}\n\n", "\n\n")
            found = find_passage(sections, bare, before, after)
        return found

    def show_nothing(self) -> None:
        self._section = None
        self._front_page = False
        self._article_row = None
        self._shown = None
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
        if url.scheme() == SHOW_ALL_SCHEME:
            self.show_all()
            return True
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
