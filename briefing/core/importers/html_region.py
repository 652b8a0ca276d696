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


def article_text(root: Any, url: str) -> str:
    """The article's text as trafilatura finds it in the page's tree (empty when it finds none).

    trafilatura is handed a copy of the tree already parsed without the nesting limit, so it
    sees the text past 255 levels too.
    """
    import copy

    import trafilatura

    _keep_library_logs_in_the_log()
    text = trafilatura.extract(copy.deepcopy(root), url=url or None, output_format="txt",
                               include_comments=False, include_tables=True,
                               include_images=False, include_links=False,
                               include_formatting=False, with_metadata=False)
    return text or ""


def _is_block(element: Any) -> bool:
    """A paragraph-like element: a known block, or any other block element (a ``<div>``, a
    stray ``<caption>``) with no blocks inside."""
    tag = element.tag
    if tag in _BLOCKS:
        return True
    return tag in BLOCK_TAGS and not any(isinstance(child.tag, str) and child.tag in BLOCK_TAGS
                                    for child in element)


def find_region(root: Any, text: str) -> Any | None:
    """The deepest element under ``root`` that holds nearly all of ``text``'s blocks, or None."""
    text = clean_text(text)
    weights: dict[int, int] = {}
    elements: dict[int, Any] = {}
    total = 0
    for block in root.iter():
        if not _is_block(block):
            continue
        block_text = element_text(block)
        # A block's opening words are enough: trafilatura may join or trim a block's end.
        if len(block_text.split()) < MIN_BLOCK_WORDS or block_text[:PREFIX_CHARS] not in text:
            continue
        weight = len(block_text)
        total += weight
        for ancestor in block.iterancestors():
            key = id(ancestor)
            elements[key] = ancestor
            weights[key] = weights.get(key, 0) + weight
    if not total:
        return None
    region = root
    while True:
        best = next((child for child in region
                     if weights.get(id(child), 0) >= REGION_SHARE * total), None)
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
