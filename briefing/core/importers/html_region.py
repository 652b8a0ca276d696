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
FAST_DEPTH = 100
"""Nor is a page nesting deeper than this handed to the fallback extractors."""


def article_text(root: Any, url: str) -> str:
    """The article's text as trafilatura finds it in the page's tree (empty when it finds none).

    trafilatura is handed a copy of the tree already parsed without the nesting limit, so it
    sees the text past 255 levels too. On a very large or very deep page its fallback
    extractors (readability and jusText, which it runs to compare) are left out: their time
    grows with elements times nesting depth, and the main extractor finds the article there.
    """
    import copy

    import trafilatura

    _keep_library_logs_in_the_log()
    elements, depth = tree_size(root)
    fast = elements > FAST_ELEMENTS or depth > FAST_DEPTH
    text = trafilatura.extract(copy.deepcopy(root), url=url or None, output_format="txt",
                               include_comments=False, include_tables=True,
                               include_images=False, include_links=False,
                               include_formatting=False, with_metadata=False, fast=fast)
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


def find_region(root: Any, text: str) -> Any | None:
    """The deepest element under ``root`` that holds nearly all of ``text``'s blocks, or None.

    Each element's weight (the text of the marked blocks below it) is summed from its children
    upwards once, so a deeply nested page costs time in its elements, not elements times depth.
    """
    text = clean_text(text)
    own: dict[Any, int] = {}
    order = list(root.iter())
    for block in order:
        if not _is_block(block):
            continue
        block_text = element_text(block)
        # A block's opening words are enough: trafilatura may join or trim a block's end.
        if len(block_text.split()) < MIN_BLOCK_WORDS or block_text[:PREFIX_CHARS] not in text:
            continue
        own[block] = len(block_text)
    total = sum(own.values())
    if not total:
        return None
    below: dict[Any, int] = {}  # the weight of the marked blocks strictly inside an element
    for element in reversed(order):
        inside = below.get(element, 0) + own.get(element, 0)
        parent = element.getparent()
        if inside and parent is not None:
            below[parent] = below.get(parent, 0) + inside
    region = root
    while True:
        best = next((child for child in region
                     if below.get(child, 0) >= REGION_SHARE * total), None)
        if best is None:
            return region
        region = best


def _keep_library_logs_in_the_log() -> None:
    """Stop trafilatura's own warnings ("discarding data: None") reaching a terminal.

    With no handler anywhere, Python prints warnings to stderr; a NullHandler on each library's
    logger stops that while records still reach any handler the app configures (the log file).
    """
    for name in _LIBRARY_LOGGERS:
        library_logger = logging.getLogger(name)
        if not any(isinstance(h, logging.NullHandler) for h in library_logger.handlers):
            library_logger.addHandler(logging.NullHandler())
