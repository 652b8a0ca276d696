"""Which elements are headings, and which of a heading's words are its title.

A heading is an ``<h1>``-``<h6>``, or a short element whose class says it is a headline
(:func:`is_title_like`). The controls set inside a heading (serving buttons, an icon's label)
are not its title, and a heading that reads as a sentence is a paragraph set large.
"""

from __future__ import annotations

from typing import Any

from briefing.core.importers import html_furniture as furniture
from briefing.core.importers.html_text import BLOCK_TAGS, element_text
from briefing.core.model import Discarded

TITLE_LIKE = 0
"""The level of a :class:`Heading` that is a title-like element (``class="headline"``), not
an ``<h1>``-``<h6>``: a candidate for the headline, a paragraph otherwise."""
_TITLE_WORDS = frozenset({"headline", "title", "heading", "entry-title", "posttitle"})
SENTENCE_HEADING_WORDS = 20
"""A heading of more words than this is a paragraph set large (a standfirst in an ``<h2>``)."""


def heading_text(element: Any) -> tuple[str, list[Discarded]]:
    """A heading's text without the controls set inside it (a recipe card's "1x 2x 3x" serving
    buttons, an icon's label, hidden text): the words a reader takes for its title. The
    controls' text comes back as furniture."""
    import copy

    if not any(furniture.tag_reason(node) in _NOT_TITLE_TEXT
               for node in element.iterdescendants() if isinstance(node.tag, str)):
        return element_text(element), []
    trimmed = copy.deepcopy(element)
    removed: list[Discarded] = []
    for node in list(trimmed.iterdescendants()):
        if node.getparent() is None or not isinstance(node.tag, str):
            continue
        reason = furniture.tag_reason(node)
        if reason in _NOT_TITLE_TEXT and any(ancestor is trimmed
                                             for ancestor in node.iterancestors()):
            text = element_text(node)
            if text:
                removed.append(Discarded(text, reason))
            node.drop_tree()
    return element_text(trimmed), removed


_NOT_TITLE_TEXT = frozenset({furniture.REASON_FORM, furniture.REASON_ICON,
                             furniture.REASON_HIDDEN, furniture.REASON_SCRIPT_LINK})


def is_sentence(text: str) -> bool:
    """Whether a heading's text reads as a sentence (a standfirst set as ``<h2>``), not a title."""
    return len(text.split()) > SENTENCE_HEADING_WORDS


def is_title_like(element: Any) -> bool:
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
