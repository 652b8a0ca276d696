"""Finding a saved page's article region: the element trafilatura's article text lives in.

trafilatura is good at telling the article's text from the site around it, but its output
loses the heading ranks and keeps some furniture. So it only points: the page's own blocks
(paragraphs, list items, headings) whose text trafilatura kept are marked, and the region is
the deepest element that holds nearly all of their text. That element is then walked like a
clipboard fragment, so pages and fragments share one structure path.
"""

from __future__ import annotations

import logging
from typing import Any

from briefing.core.importers.html_text import BLOCK_TAGS, element_text
from briefing.core.importers.structure import clean_text

logger = logging.getLogger(__name__)

REGION_SHARE = 0.9
"""The region holds at least this share of the text trafilatura found."""
MIN_BLOCK_WORDS = 3
PREFIX_CHARS = 80
_BLOCKS = ("p", "li", "h2", "h3", "h4", "h5", "h6", "blockquote", "pre", "dd", "td")
_LIBRARY_LOGGERS = ("trafilatura", "htmldate", "courlan", "justext")
FAST_ELEMENTS = 12_000
"""A page with more elements than this is read by trafilatura's main extractor alone."""
OWN_ELEMENTS = 30_000
OWN_DEPTH = 100
"""A page with more elements, or nesting deeper, is not handed to trafilatura at all."""


def article_text(root: Any, url: str) -> str | None:
    """The article's text as trafilatura finds it in the page's tree (empty when it finds none),
    or None for a page too large or too deep for it, where every block of the page counts.

    trafilatura is handed a copy of the tree already parsed without the nesting limit, so it
    sees the text past 255 levels too. Its time grows faster than the page: its fallback
    extractors (readability and jusText, which it runs to compare) with elements times depth,
    so a large page is read without them; its main extractor's XPath pruning and its baseline
    (run when the main extractor finds little, as on a page whose closing tags are missing)
    with the square of the elements or elements times depth, so a larger or deeper page is
    left to :func:`find_region` alone. The thresholds are above every page of the development
    corpus (at most about 10,000 elements, nested 50 deep), whose outlines they leave as
    they were.
    """
    import copy

    import trafilatura

    elements, depth = tree_size(root)
    if elements > OWN_ELEMENTS or depth > OWN_DEPTH:
        logger.info("page of %d elements nested %d deep: read without trafilatura",
                    elements, depth)
        return None
    _keep_library_logs_in_the_log()
    text = trafilatura.extract(copy.deepcopy(root), url=url or None, output_format="txt",
                               include_comments=False, include_tables=True,
                               include_images=False, include_links=False,
                               include_formatting=False, with_metadata=False,
                               fast=elements > FAST_ELEMENTS)
    return text or ""


def tree_size(root: Any) -> tuple[int, int]:
    """How many elements ``root`` holds (itself included) and how deep they nest below it."""
    count = deepest = 0
    stack = [(root, 0)]
    while stack:
        element, depth = stack.pop()
        count += 1
        deepest = max(deepest, depth)
        stack.extend((child, depth + 1) for child in element)
    return count, deepest


def _is_block(element: Any) -> bool:
    """A paragraph-like element: a known block, or any other block element (a ``<div>``, a
    stray ``<caption>``) with no blocks inside."""
    tag = element.tag
    if tag in _BLOCKS:
        return True
    return tag in BLOCK_TAGS and not any(isinstance(child.tag, str) and child.tag in BLOCK_TAGS
                                    for child in element)


def find_region(root: Any, text: str | None) -> Any | None:
    """The deepest element under ``root`` that holds nearly all of ``text``'s blocks, or None.

    With ``text`` None (no extractor has read the page) every block counts and the region
    must hold all of them: where each section nests in the one before, a region holding only
    nearly all would leave out the opening sections.

    Each element's weight (the text of the marked blocks below it) is summed from its children
    upwards once, so a deeply nested page costs time in its elements, not elements times depth.
    """
    known = _KnownText(text)
    own: dict[Any, int] = {}
    order = list(root.iter())
    for block in order:
        if not _is_block(block):
            if text is None and block.tag in BLOCK_TAGS:
                # A block holding blocks may lead with text of its own (an unclosed <div>).
                lead = clean_text(block.text or "")
                if len(lead.split()) >= MIN_BLOCK_WORDS:
                    own[block] = len(lead)
            continue
        block_text = element_text(block)
        # A block's opening words are enough: trafilatura may join or trim a block's end.
        if len(block_text.split()) < MIN_BLOCK_WORDS or not known.holds(block_text[:PREFIX_CHARS]):
            continue
        own[block] = len(block_text)
    total = sum(own.values())
    if not total:
        return None
    needed = total if text is None else REGION_SHARE * total
    below: dict[Any, int] = {}  # the weight of the marked blocks strictly inside an element
    for element in reversed(order):
        inside = below.get(element, 0) + own.get(element, 0)
        parent = element.getparent()
        if inside and parent is not None:
            below[parent] = below.get(parent, 0) + inside
    region = root
    while True:
        best = next((child for child in region
                     if below.get(child, 0) >= needed), None)
        if best is None:
            return region
        region = best


class _KnownText:
    """The article's text, searched for the blocks' opening words in page order.

    Blocks mostly come in the text's order, so each is looked for from where the last one was
    found before the whole text is searched: a long page costs time in its length, not its
    length times its blocks.
    """

    def __init__(self, text: str | None) -> None:
        self.text = None if text is None else clean_text(text)
        self.start = 0

    def holds(self, prefix: str) -> bool:
        if self.text is None:
            return True
        found = self.text.find(prefix, self.start)
        if found >= 0:
            self.start = found
            return True
        return prefix in self.text


def _keep_library_logs_in_the_log() -> None:
    """Stop trafilatura's own warnings ("discarding data: None") reaching a terminal.

    With no handler anywhere, Python prints warnings to stderr; a NullHandler on each library's
    logger stops that while records still reach any handler the app configures (the log file).
    """
    for name in _LIBRARY_LOGGERS:
        library_logger = logging.getLogger(name)
        if not any(isinstance(h, logging.NullHandler) for h in library_logger.handlers):
            library_logger.addHandler(logging.NullHandler())
