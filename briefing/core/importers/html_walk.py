"""Walking an article's markup into headings and blocks, moving site furniture aside.

The one structure path for HTML: a clipboard fragment is walked whole, a saved page's article
region is walked the same way. Block elements (``<p>``, ``<div>``, ``<li>``, ``<blockquote>``,
headings...) end a block; inline elements add to it; ``<br><br>`` ends a paragraph. List items
become bullets or numbered items, everything inside a ``<blockquote>`` a quote. Furniture (see
:mod:`html_furniture`) goes to ``discarded`` with its reason; scripts and styles are not text and
go nowhere; link targets are never carried, so a ``javascript:`` address cannot reach the
outline.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from typing import Any

from briefing.core.importers import html_furniture as furniture
from briefing.core.importers.structure import Heading, Item, clean_text
from briefing.core.model import Block, BlockKind, Discarded

logger = logging.getLogger(__name__)

HEADING_TAGS = {f"h{rank}": rank for rank in range(1, 7)}
TITLE_LIKE = 0
"""The level of a :class:`Heading` that is a title-like element (``class="headline"``), not
an ``<h1>``-``<h6>``: a candidate for the headline, a paragraph otherwise."""

BLOCK_TAGS = frozenset({
    "address", "article", "blockquote", "body", "center", "dd", "details", "dialog", "dir",
    "div", "dl", "dt", "fieldset", "figcaption", "figure", "footer", "header", "hgroup", "hr",
    "html", "li", "main", "menu", "nav", "ol", "p", "pre", "section", "summary", "table",
    "tbody", "td", "tfoot", "th", "thead", "tr", "ul", "caption", "aside", "form", "h1", "h2",
    "h3", "h4", "h5", "h6", "video", "audio", "picture", "canvas", "map"})
_TITLE_WORDS = frozenset({"headline", "title", "heading", "entry-title", "posttitle"})
REASON_TABLE = "table"
REASON_CODE = "code block"
MAX_WALK_DEPTH = 200
"""Below this depth an element's text is read as one block (keeps the walk within Python's
recursion limit on pathological markup)."""
SENTENCE_HEADING_WORDS = 20
"""A heading of more words than this is a paragraph set large (a standfirst in an ``<h2>``)."""
LONG_PARAGRAPH_WORDS = 30
FURNITURE_SHARE_LIMIT = 0.4
"""An element holding more than this share of the article's words is never furniture."""


@dataclass
class WalkedMarkup:
    """What the walk found: the body items in order, the furniture, and the article's details."""

    items: list[Item] = field(default_factory=list)
    discarded: list[Discarded] = field(default_factory=list)
    bylines: list[str] = field(default_factory=list)
    dates: list[str] = field(default_factory=list)
    """``datetime`` attributes of ``<time>`` elements, then the text of date lines."""
    teaser_headings: list[Heading] = field(default_factory=list)
    """Headings whose whole text is a link to another page (a teaser of another article)."""


def element_text(element: Any) -> str:
    """The text of an element (after :func:`strip_invisible`), whitespace collapsed.

    Block elements and ``<br>`` separate words; inline elements do not (``<b>U</b>N`` is "UN").
    """
    from lxml import etree

    parts: list[str] = []
    for event, node in etree.iterwalk(element, events=("start", "end")):
        if not isinstance(node.tag, str):
            continue
        if event == "start":
            if node.tag in BLOCK_TAGS or node.tag == "br":
                parts.append(" ")
            parts.append(node.text or "")
        else:
            if node.tag in BLOCK_TAGS:
                parts.append(" ")
            if node is not element:
                parts.append(node.tail or "")
    return clean_text("".join(parts))


def strip_invisible(root: Any) -> None:
    """Remove scripts, styles and comments: they are not text a reader sees."""
    from lxml import etree

    etree.strip_elements(root, *furniture.DROPPED_TAGS, with_tail=False)
    etree.strip_tags(root, etree.Comment, etree.ProcessingInstruction)


def is_sentence(text: str) -> bool:
    """Whether a heading's text reads as a sentence (a standfirst set as ``<h2>``), not a title."""
    return len(text.split()) > SENTENCE_HEADING_WORDS


def links_elsewhere(element: Any, text: str) -> bool:
    """Whether all of an element's text is a link to another page (not an anchor on this one)."""
    links = [link for link in element.iter("a")
             if (link.get("href") or "#").strip()[:1] not in ("#", "")]
    return bool(links) and clean_text(" ".join(element_text(link) for link in links)) == text


def holds_article_text(element: Any, paragraphs: tuple[str, ...] = ("p",)) -> bool:
    """Whether an element holds two or more long paragraphs: article text, not furniture."""
    long_paragraphs = 0
    for paragraph in element.iter(*paragraphs):
        if len(element_text(paragraph).split()) >= LONG_PARAGRAPH_WORDS:
            long_paragraphs += 1
            if long_paragraphs >= 2:
                return True
    return False


def walk_markup(root: Any) -> WalkedMarkup:
    """The headings, blocks and furniture under ``root`` (an lxml HTML element), in order.

    Call :func:`strip_invisible` on the tree first.
    """
    walker = _Walker(len(element_text(root).split()))
    walker.walk_children(root, BlockKind.PARAGRAPH, 0)
    walker.flush()
    return walker.found


class _Walker:
    """One pass over the markup, carrying the text of the block being read."""

    def __init__(self, total_words: int) -> None:
        self.found = WalkedMarkup()
        self.total_words = total_words
        self.buffer: list[str] = []
        self.kind = BlockKind.PARAGRAPH
        self.breaks = 0

    def flush(self) -> None:
        text = clean_text("".join(self.buffer))
        self.buffer = []
        self.breaks = 0
        if text:
            self.found.items.append(Block(self.kind, text))

    def add_text(self, text: str | None, kind: BlockKind) -> None:
        if not text or not text.strip():
            return
        if self.buffer and kind != self.kind:
            self.flush()
        self.kind = kind
        self.breaks = 0
        self.buffer.append(text)

    def walk_children(self, element: Any, kind: BlockKind, depth: int) -> None:
        self.add_text(element.text, kind)
        for child in element:
            self.walk_element(child, kind, depth + 1)
            self.add_text(child.tail, kind)

    def walk_element(self, element: Any, kind: BlockKind, depth: int) -> None:
        tag = element.tag
        if not isinstance(tag, str) or tag in furniture.DROPPED_TAGS:
            return
        if depth > MAX_WALK_DEPTH:
            # Markup this deep has no structure worth reading; keep its text as one block.
            self.flush()
            self.add_text(element_text(element), kind)
            self.flush()
            return
        reason = self.furniture_reason(element)
        if not reason and tag == "time" and self.stands_alone(element):
            reason = furniture.REASON_DATE
        if reason:
            if tag in BLOCK_TAGS:
                self.flush()
            self.discard(element, reason)
            return
        if tag == "br":
            self.breaks += 1
            if self.breaks >= 2:
                self.flush()
            else:
                self.buffer.append(" ")
            return
        if tag in HEADING_TAGS or self.title_like(element):
            self.flush()
            text = element_text(element)
            if not text:
                return
            if kind == BlockKind.QUOTE or is_sentence(text):
                self.found.items.append(Block(kind, text))
            else:
                heading = Heading(HEADING_TAGS.get(tag, TITLE_LIKE), text)
                self.found.items.append(heading)
                if links_elsewhere(element, text):
                    self.found.teaser_headings.append(heading)
            return
        if tag == "time" and element.get("datetime"):
            self.found.dates.append(element.get("datetime"))
        if tag in ("ul", "ol", "dir", "menu"):
            self.flush()
            list_kind = BlockKind.NUMBERED if tag == "ol" else BlockKind.BULLET
            self.walk_children(element, kind if kind == BlockKind.QUOTE else list_kind, depth)
            self.flush()
            return
        if tag == "li":
            self.flush()
            item_kind = kind if kind in (BlockKind.QUOTE, BlockKind.NUMBERED) else (
                BlockKind.BULLET)
            self.walk_children(element, item_kind, depth)
            self.flush()
            return
        if tag == "blockquote":
            self.flush()
            self.walk_children(element, BlockKind.QUOTE, depth)
            self.flush()
            return
        if tag == "table":
            self.flush()
            if holds_article_text(element, paragraphs=("p", "td")):
                # A layout table (old sites set whole articles in one): read it as markup.
                self.walk_children(element, kind, depth)
                self.flush()
            else:
                self.walk_table(element)
            return
        if tag == "pre":
            self.flush()
            self.discard(element, REASON_CODE)
            return
        if tag in BLOCK_TAGS:
            self.flush()
            self.walk_children(element, kind, depth)
            self.flush()
            return
        self.walk_children(element, kind, depth)

    def stands_alone(self, element: Any) -> bool:
        """Whether an inline element is the whole of its line (a ``<time>`` on its own)."""
        return not "".join(self.buffer).strip() and not (element.tail or "").strip() and (
            element.getnext() is None or element.getnext().tag in BLOCK_TAGS
            or element.getnext().tag == "br")

    def walk_table(self, table: Any) -> None:
        """One discarded line per row, cells joined with `` | ``.

        The outline has no tables, and a table's rows as paragraphs read as noise between the
        article's text; the rows stay in ``discarded`` for the analyst to restore.
        """
        rows = list(table.iter("tr"))
        for row in rows:
            cells = [element_text(cell) for cell in row if cell.tag in ("td", "th")]
            text = " | ".join(cell for cell in cells if cell)
            if text:
                self.found.discarded.append(Discarded(text, REASON_TABLE))
        if not rows:
            self.discard(table, REASON_TABLE)

    def title_like(self, element: Any) -> bool:
        """A short element whose class says it is a headline (``<div class="post-title">``)."""
        if element.tag in BLOCK_TAGS and element.tag != "div":
            return False
        words = furniture.attribute_words(element)
        if not words & _TITLE_WORDS:
            return False
        if any(isinstance(child.tag, str) and child.tag in BLOCK_TAGS
               for child in element.iter() if child is not element):
            return False
        text = element_text(element)
        return 0 < len(text.split()) <= 30

    def furniture_reason(self, element: Any) -> str:
        reason = furniture.tag_reason(element) or furniture.class_reason(element)
        if not reason and element.tag in ("ul", "ol"):
            reason = furniture.list_reason(element)
        if not reason:
            return ""
        if reason in (furniture.REASON_HIDDEN, furniture.REASON_SCRIPT_LINK):
            return reason
        words = len(element_text(element).split())
        if words > FURNITURE_SHARE_LIMIT * self.total_words and words > 50:
            return ""
        if next(element.iter("h1"), None) is not None or holds_article_text(element):
            # Markup that holds the headline or long paragraphs is the article, whatever its
            # class says (``sticky-nav-trigger`` on an <h1>, ``share-container`` around it all).
            return ""
        return reason

    def discard(self, element: Any, reason: str) -> None:
        text = element_text(element)
        if reason == furniture.REASON_BYLINE and text:
            self.found.bylines.append(text)
        if reason == furniture.REASON_DATE:
            stamp = next((time.get("datetime") for time in element.iter("time")
                          if time.get("datetime")), None)
            self.found.dates.append(stamp or text)
        for time in element.iter("time"):
            if time.get("datetime") and reason != furniture.REASON_DATE:
                self.found.dates.append(time.get("datetime"))
        if text:
            self.found.discarded.append(Discarded(text, reason))
