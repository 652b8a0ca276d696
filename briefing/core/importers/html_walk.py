"""Walking an article's markup into headings and blocks, moving site furniture aside.

The one structure path for HTML: a clipboard fragment is walked whole, a saved page's article
region is walked the same way. Block elements (``<p>``, ``<div>``, ``<li>``, ``<blockquote>``,
headings...) end a block, unless their inline style sets them inside the line and they hold
no blocks of their own; inline elements add to it; ``<br><br>`` ends a paragraph. List items
become bullets or numbered items (one each, whatever ``<div>`` or ``<p>`` an item lays its
text out in; a list inside an item gives items of its own), everything inside a
``<blockquote>`` a quote. Furniture (see :mod:`html_furniture`) goes to ``discarded`` with
its reason, and so do a line that is only an ad's label ("Advertisement"), the pointers to
other articles and the controls that :mod:`html_links` finds, and the tables that
:mod:`html_tables` finds hold data. A list of named short links right below a section
heading (not the headline, which a share bar often follows) is that section's content, a
wiki's "See also", not a menu (:mod:`html_article` sets such a section aside when no article
text follows it). What a heading's title is, and which elements are headings,
:mod:`html_headings` says. Link targets are never carried, so a ``javascript:`` address cannot
reach the outline.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass, field
from typing import Any

from briefing.core.importers import html_furniture as furniture
from briefing.core.importers.html_headings import (
    TITLE_LIKE,
    heading_text,
    is_sentence,
    is_title_like,
)
from briefing.core.importers.html_links import (
    POINTER_TAGS,
    goes_nowhere,
    is_box_of_links,
    is_pointer,
    labelled_link,
    links_elsewhere,
    links_home,
    sub_list_of_a_point,
    tags_or_byline,
)
from briefing.core.importers.html_tables import REASON_TABLE, lays_out, text_outside_rows
from briefing.core.importers.html_text import (
    BLOCK_TAGS,
    HEADING_TAGS,
    LONG_PARAGRAPH_WORDS,
    element_blocks,
    element_text,
    holds_article_text,
)
from briefing.core.importers.structure import Heading, Item, clean_text, iso_date
from briefing.core.model import Block, BlockKind, Discarded

logger = logging.getLogger(__name__)

REASON_CODE = "code block"
MAX_WALK_DEPTH = 200
"""Below this depth an element's text is read as one block (keeps the walk within Python's
recursion limit on pathological markup)."""
_MENUS = frozenset({furniture.REASON_NAVIGATION})
"""A heading right above a menu is the menu's label ("Site navigation"). Not so above a list of
links (a wiki's "See also" is a section made of links) or a share bar (often right below the
headline), nor when furniture was set aside between them (a story's title, its byline, then a
box of its details)."""
_AD_LABEL = re.compile(r"^\W*(?:advertisement|advertising|advert|ad|sponsored(?: content)?)\W*$",
                       re.IGNORECASE)
"""A line that only says an ad sits here (the ad itself is a script, gone): whatever its
markup, it is not article text."""
_INLINE_STYLE = re.compile(r"(?:^|;)\s*display\s*:\s*(?:-webkit-)?inline", re.IGNORECASE)
"""An inline style that sets a block element (a ``<div>``) inside the line of text."""
_ITEM_PARTS = frozenset({"div", "p"})
"""Blocks that a list item's text is laid out in; they do not split the item."""
FURNITURE_SHARE_LIMIT = 0.4
"""An element holding more than this share of the article's words is never furniture."""
DEEP_FURNITURE_WORDS = 50
"""Furniture past :data:`MAX_WALK_DEPTH` holds at most this many words (a footer, a caption)."""


_BYLINE_LABEL = re.compile(r"^(?:(?:written |words )?by|author|posted|published|updated)\b\s*"
                           r"(?:on\b)?", re.IGNORECASE)
_BYLINE_SEPARATORS = " |\u00b7\u2022,:;\u2013\u2014-"


def byline_rest(text: str) -> str | None:
    """What a byline line leaves once its name went to discarded: its label and separators
    ("By ·") and perhaps a date. The date as given ("" without one); None for any other line."""
    rest = text.strip(_BYLINE_SEPARATORS)
    while True:
        shorter = _BYLINE_LABEL.sub("", rest, count=1).strip(_BYLINE_SEPARATORS)
        if shorter == rest:
            break
        rest = shorter
    if not rest:
        return ""
    return rest if re.fullmatch(r"\d{4}-\d{2}-\d{2}", iso_date(rest)) else None

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
    logo_headings: list[Heading] = field(default_factory=list)
    """Headings whose whole text is a link to the site's home page: the site's name as a logo."""
    label_headings: list[Heading] = field(default_factory=list)
    """Headings followed straight away by a menu, share bar or list of links: that box's label."""
    link_sections: list[list[Block]] = field(default_factory=list)
    """The items of each list of short links kept as a section's content ("See also"): a box of
    categories or social links looks the same, and is told apart by what follows it."""
    link_paragraphs: list[Block] = field(default_factory=list)
    """Paragraphs whose whole text is a link to another page (a teaser set as a line)."""
    headings_among_text: list[Heading] = field(default_factory=list)
    """Headings set among the article's own paragraphs (their parent holds long paragraphs),
    not in a header block beside the headline: a section's title even when it reads as a
    sentence, never the dek of the page's header."""


def is_time(element: Any) -> bool:
    """A timestamp: ``<time>``, or another element carrying a ``datetime`` (``<amp-timeago>``);
    ``<del>`` and ``<ins>`` carry one too, but mark edits of the text."""
    return element.tag == "time" or (element.get("datetime") is not None
                                     and element.tag not in ("del", "ins"))


def walk_markup(root: Any) -> WalkedMarkup:
    """The headings, blocks and furniture under ``root`` (an lxml HTML element), in order.

    Call :func:`html_text.strip_invisible` on the tree first.
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
        self.line_lost_words = False
        """Whether furniture inside the line being read went to discarded (buttons in a bar)."""
        self.line_lost_byline = False
        """Whether the author's name inside the line being read went to discarded as a byline."""
        self.discards_below_heading = 0
        """How many discarded items the last heading had when it was read: a menu is a heading's
        box only when nothing was set aside between them (a byline under a title is not a
        menu's label)."""
        self.item_depth = 0
        """How many list items the walk is inside: the blocks of one item are one bullet."""
        self.parents_with_text: dict[Any, bool] = {}
        """Whether each parent of a heading read so far holds long paragraphs of its own (keyed
        by the element, which the dict keeps alive, so lxml hands back the same one)."""

    def flush(self) -> None:
        text = clean_text("".join(self.buffer))
        self.buffer = []
        self.breaks = 0
        line_lost_words, self.line_lost_words = self.line_lost_words, False
        line_lost_byline, self.line_lost_byline = self.line_lost_byline, False
        if text and self.kind == BlockKind.PARAGRAPH and _AD_LABEL.match(text):
            self.found.discarded.append(Discarded(text, furniture.REASON_AD))
        elif text and line_lost_byline and self.kind == BlockKind.PARAGRAPH and (
                (rest := byline_rest(text)) is not None):
            # "By · 11 February 2025" once the name's own element went: the rest of the byline.
            self.found.dates.append(rest)
            self.found.discarded.append(Discarded(text, furniture.REASON_BYLINE))
        elif text and line_lost_words and self.kind == BlockKind.PARAGRAPH and not any(
                character.isalnum() for character in text):
            # "|" or "·" left standing once the buttons around it went to discarded; a line
            # that was only "___" in the page stays, as the page shows it.
            self.found.discarded.append(Discarded(text, furniture.REASON_NO_WORDS))
        elif text:
            self.found.items.append(Block(self.kind, text))

    def add_text(self, text: str | None, kind: BlockKind) -> None:
        if not text:
            return
        if not text.strip():
            # The space between two inline elements (``<b>120</b> <i>ml</i>``) separates
            # their words.
            if self.buffer and kind == self.kind:
                self.buffer.append(" ")
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
            # Markup this deep (an unclosed <div> per paragraph or per section) has no
            # structure worth reading past its headings and paragraphs: keep its text, a block
            # to each, and its headings.
            self.flush()
            for rank, text in element_blocks(element, self.set_aside_deep):
                if rank and kind != BlockKind.QUOTE and not is_sentence(text):
                    self.found.items.append(Heading(rank, text))
                else:
                    self.add_text(text, kind)
                    self.flush()
            return
        reason = self.furniture_reason(element)
        if not reason and is_time(element) and self.stands_alone(element):
            reason = furniture.REASON_DATE
        section_of_links = False
        if (reason == furniture.REASON_LINK_LIST and self.opens_section()
                and all(element_text(item) for item in element.iterchildren("li"))):
            # "See also", "Other apps": a section made of named links; not a menu or a bar of
            # icons.
            section_of_links = True
            reason = ""
        if reason:
            if tag in BLOCK_TAGS:
                self.flush()
            last = self.found.items[-1] if self.found.items else None
            if (reason in _MENUS and isinstance(last, Heading) and last.level > 1
                    and not "".join(self.buffer).strip()
                    and len(self.found.discarded) == self.discards_below_heading):
                self.found.label_headings.append(last)
            self.discard(element, reason)
            return
        if tag == "br":
            self.breaks += 1
            if self.breaks >= 2:
                self.flush()
            else:
                self.buffer.append(" ")
            return
        # A title-like <span> among a sentence's words (a wiki's page-title markup carried into
        # a quotation) is part of the sentence.
        if tag in HEADING_TAGS or (is_title_like(element) and not (
                tag not in BLOCK_TAGS and self.inside_a_sentence(element))):
            self.flush()
            text, controls = heading_text(element)
            self.found.discarded.extend(controls)
            if not text:
                return
            if kind == BlockKind.QUOTE or is_sentence(text):
                self.found.items.append(Block(kind, text))
            elif labelled_link(element, text):
                self.found.discarded.append(Discarded(text, furniture.REASON_RELATED))
            else:
                heading = Heading(HEADING_TAGS.get(tag, TITLE_LIKE), text)
                self.found.items.append(heading)
                self.discards_below_heading = len(self.found.discarded)
                if self.among_text(element):
                    self.found.headings_among_text.append(heading)
                if links_home(element, text):
                    self.found.logo_headings.append(heading)
                elif links_elsewhere(element, text):
                    self.found.teaser_headings.append(heading)
            return
        if is_time(element) and element.get("datetime"):
            self.found.dates.append(element.get("datetime"))
        if tag in ("ul", "ol", "dir", "menu"):
            self.flush()
            start = len(self.found.items)
            list_kind = BlockKind.NUMBERED if tag == "ol" else BlockKind.BULLET
            self.walk_children(element, kind if kind == BlockKind.QUOTE else list_kind, depth)
            self.flush()
            if section_of_links:
                self.found.link_sections.append(
                    [item for item in self.found.items[start:] if isinstance(item, Block)])
            return
        if tag == "li":
            self.flush()
            item_kind = kind if kind in (BlockKind.QUOTE, BlockKind.NUMBERED) else (
                BlockKind.BULLET)
            self.item_depth += 1
            self.walk_children(element, item_kind, depth)
            self.item_depth -= 1
            self.flush()
            return
        if tag == "blockquote":
            self.flush()
            self.walk_children(element, BlockKind.QUOTE, depth)
            self.flush()
            return
        if tag == "table":
            self.flush()
            if lays_out(element, self.total_words):
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
        if (tag in BLOCK_TAGS and _INLINE_STYLE.search(element.get("style") or "")
                and self.inline_box(element, kind, depth)):
            return
        if tag in BLOCK_TAGS:
            # A step of a recipe set as two <div>s in its <li> is still one step.
            part_of_item = self.item_depth > 0 and tag in _ITEM_PARTS
            if not part_of_item:
                self.flush()
            if tag in POINTER_TAGS and is_pointer(element):
                # "Read more: <a>Pier repairs run late</a>" points to another article.
                self.discard(element, furniture.REASON_RELATED)
                return
            if part_of_item:
                self.buffer.append(" ")
                self.walk_children(element, kind, depth)
                self.buffer.append(" ")
                return
            start = len(self.found.items)
            self.walk_children(element, kind, depth)
            self.flush()
            if tag == "p" and len(self.found.items) == start + 1:
                block = self.found.items[start]
                if (isinstance(block, Block) and block.kind == BlockKind.PARAGRAPH
                        and links_elsewhere(element, block.text)):
                    self.found.link_paragraphs.append(block)
            return
        self.walk_children(element, kind, depth)

    def set_aside_deep(self, element: Any) -> bool:
        """Discard an element of markup too deep to walk when its tag or attributes alone say
        it is furniture (a footer, a form, something hidden) and it holds few words: its whole
        text is not read again for the walk's finer tests, and an unclosed box that swallowed
        the rest of the article holds too many words to go."""
        reason = furniture.tag_reason(element)
        if not reason or not furniture.few_words(element, DEEP_FURNITURE_WORDS):
            return False
        self.discard(element, reason)
        return True

    def among_text(self, element: Any) -> bool:
        """Whether an element's parent holds two or more long paragraphs of its own (read once
        per parent, so a page of many headings in one container stays linear)."""
        parent = element.getparent()
        if parent is None:
            return False
        if parent not in self.parents_with_text:
            long_paragraphs = 0
            for child in parent.iterchildren("p"):
                if len(element_text(child).split()) >= LONG_PARAGRAPH_WORDS:
                    long_paragraphs += 1
                    if long_paragraphs >= 2:
                        break
            self.parents_with_text[parent] = long_paragraphs >= 2
        return self.parents_with_text[parent]

    def opens_section(self) -> bool:
        """Whether the walk stands right below a section heading: a heading of the markup's
        own, not the first one (the headline, often followed by a share bar)."""
        items = self.found.items
        last = items[-1] if items else None
        return (isinstance(last, Heading) and last.level != TITLE_LIKE
                and not "".join(self.buffer).strip()
                and any(isinstance(item, Heading) for item in items[:-1]))

    def inline_box(self, element: Any, kind: BlockKind, depth: int) -> bool:
        """Read a block element styled to sit inside the line (a badge set into a sentence)
        as inline text, when it holds no text or only inline text; whether it was read."""
        if not element_text(element):
            return True
        if any(isinstance(node.tag, str) and node.tag in BLOCK_TAGS
               for node in element.iterdescendants()):
            return False
        self.walk_children(element, kind, depth)
        return True

    def inside_a_sentence(self, element: Any) -> bool:
        """Whether words stand on the same line before or after an inline element, so it is part
        of running text rather than a button ("Print", or "Print | Share" between bars)."""
        return any(character.isalnum() for character in "".join(self.buffer)) or any(
            character.isalnum() for character in element.tail or "")

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
            # Text a malformed row holds outside its cells is kept beside them.
            cells = [clean_text(row.text or "")]
            for cell in row:
                if isinstance(cell.tag, str):
                    cells.append(element_text(cell))
                cells.append(clean_text(cell.tail or ""))
            text = " | ".join(cell for cell in cells if cell)
            if text:
                self.found.discarded.append(Discarded(text, REASON_TABLE))
        loose = text_outside_rows(table)
        if loose:
            self.found.discarded.append(Discarded(loose, REASON_TABLE))
        if not rows and not loose:
            self.discard(table, REASON_TABLE)

    def furniture_reason(self, element: Any) -> str:
        reason = furniture.tag_reason(element) or furniture.class_reason(element)
        if not reason and element.tag in ("ul", "ol"):
            reason = furniture.list_reason(element)
            if reason == furniture.REASON_LINK_LIST and sub_list_of_a_point(element):
                return ""
            if not reason and furniture.is_link_set_in_text(element):
                reason = furniture.REASON_RELATED
        if not reason and element.tag in furniture.LINE_TAGS and (
                element.tag in BLOCK_TAGS or self.stands_alone(element)):
            reason = tags_or_byline(element)
        if not reason and element.tag == "a" and goes_nowhere(element) and (
                self.stands_alone(element)):
            # "Read more" that unfolds the text, "Enlarge image": a control, not a link.
            reason = furniture.REASON_FORM
        if not reason:
            return ""
        if reason == furniture.REASON_SCRIPT_LINK and self.inside_a_sentence(element):
            # Only the address is a script; the words are the sentence's ("Read the <a
            # href="javascript:...">full statement</a> online."). The outline keeps no link.
            return ""
        if reason in (furniture.REASON_HIDDEN, furniture.REASON_SCRIPT_LINK):
            return reason
        words = len(element_text(element).split())
        if words > FURNITURE_SHARE_LIMIT * self.total_words and words > 50:
            return ""
        h1 = next(element.iter("h1"), None)
        if (h1 is not None and not is_box_of_links(element, reason, words, h1)) or (
                reason != furniture.REASON_COMMENTS and holds_article_text(element)):
            # Markup that holds the headline or long paragraphs is the article, whatever its
            # class says (``sticky-nav-trigger`` on an <h1>, ``share-container`` around it all).
            # Readers' comments are long paragraphs too: only the share limit above keeps them.
            return ""
        return reason

    def discard(self, element: Any, reason: str) -> None:
        text = element_text(element)
        if reason == furniture.REASON_BYLINE and text:
            self.found.bylines.append(text)
        stamps = [node.get("datetime") for node in element.iter()
                  if isinstance(node.tag, str) and is_time(node) and node.get("datetime")]
        if reason == furniture.REASON_DATE:
            self.found.dates.append(stamps[0] if stamps else text)
        else:
            self.found.dates.extend(stamps)
        if element.tag not in BLOCK_TAGS:
            self.line_lost_words = True
            self.line_lost_byline |= reason == furniture.REASON_BYLINE
        if text:
            self.found.discarded.append(Discarded(text, reason))
