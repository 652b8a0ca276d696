"""The text of HTML elements as a reader sees it, and the tags that shape it into blocks.

Scripts and styles are not text and go nowhere (:func:`strip_invisible`); block elements and
``<br>`` separate words, inline elements do not (:func:`element_text`). Shared by the walk of
the markup, the search for a saved page's article region and the lines of an article's header.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from briefing.core.importers import html_furniture as furniture
from briefing.core.importers.structure import clean_text

HEADING_TAGS = {f"h{rank}": rank for rank in range(1, 7)}
"""The heading tags and the rank each gives its heading."""
BLOCK_TAGS = frozenset({
    "address", "article", "blockquote", "body", "center", "dd", "details", "dialog", "dir",
    "div", "dl", "dt", "fieldset", "figcaption", "figure", "footer", "header", "hgroup", "hr",
    "html", "li", "main", "menu", "nav", "ol", "p", "pre", "section", "summary", "table",
    "tbody", "td", "tfoot", "th", "thead", "tr", "ul", "caption", "aside", "form", "h1", "h2",
    "h3", "h4", "h5", "h6", "video", "audio", "picture", "canvas", "map"})
LONG_PARAGRAPH_WORDS = 30
_FORM_CONTROLS = ("select", "textarea")


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


def element_blocks(element: Any, set_aside: Callable[[Any], bool] | None = None
                   ) -> list[tuple[int, str]]:
    """The texts of an element's blocks in reading order, as :func:`element_text` reads them but
    split where a block element or a ``<br>`` starts or ends, each with the rank of the heading
    element it is the text of (0 for any other block); read without recursion, for markup
    nested too deep to walk. An element inside for which ``set_aside`` is true (it took the
    element elsewhere) is left out, its tail kept."""
    from lxml import etree

    blocks: list[tuple[int, str]] = []
    parts: list[str] = []
    ranks: list[int] = []
    """The ranks of the heading elements the walk is inside, innermost last."""

    def end_block() -> None:
        text = clean_text("".join(parts))
        parts.clear()
        if text:
            blocks.append((ranks[-1] if ranks else 0, text))

    walk = etree.iterwalk(element, events=("start", "end"))
    for event, node in walk:
        if not isinstance(node.tag, str):
            continue
        if event == "start":
            if node.tag in BLOCK_TAGS or node.tag == "br":
                end_block()
            if node.tag in HEADING_TAGS:
                ranks.append(HEADING_TAGS[node.tag])
            if set_aside is not None and node is not element and set_aside(node):
                end_block()
                walk.skip_subtree()  # its end comes all the same: the rank goes, the tail stays
                continue
            parts.append(node.text or "")
        else:
            if node.tag in BLOCK_TAGS:
                end_block()
            if node.tag in HEADING_TAGS:
                ranks.pop()
            if node is not element:
                parts.append(node.tail or "")
    end_block()
    return blocks


def strip_invisible(root: Any) -> None:
    """Remove scripts, styles and comments: they are not text a reader sees."""
    from lxml import etree

    etree.strip_elements(root, *furniture.DROPPED_TAGS, with_tail=False)
    etree.strip_tags(root, etree.Comment, etree.ProcessingInstruction)


def holds_article_text(element: Any, paragraphs: tuple[str, ...] = ("p",)) -> bool:
    """Whether an element holds two or more long paragraphs: article text, not furniture.

    The choices of a form's drop-down (a chapter picker's titles) are not a paragraph's words,
    though a ``<p>`` holds them."""
    long_paragraphs = 0
    for paragraph in element.iter(*paragraphs):
        words = len(element_text(paragraph).split()) - sum(
            len(element_text(control).split()) for control in paragraph.iter(*_FORM_CONTROLS))
        if words >= LONG_PARAGRAPH_WORDS:
            long_paragraphs += 1
            if long_paragraphs >= 2:
                return True
    return False
