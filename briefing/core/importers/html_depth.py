"""Parsing HTML with lxml without losing what lies past its nesting limit.

libxml2's HTML parser stops building the tree at 255 levels of nesting (2,047 with
``huge_tree``) and silently drops everything deeper, which can be the rest of a page (an
unclosed ``<div>`` per paragraph does it). Pages are parsed with ``huge_tree`` and a page that
reaches even that limit is refused with a message instead of being imported with text missing.

Characters that never show on the page (a soft hyphen that only marks where a word may break,
zero-width spaces, word joiners: :mod:`.invisible` lists them) are taken out of the tree's text,
so a word reads as the reader sees it ("Netanyahu", not "Netan\u00adyahu") wherever it is
compared or searched.
"""

from __future__ import annotations

from typing import Any

from briefing.core.errors import ArticleImportError
from briefing.core.importers.invisible import INVISIBLE_PATTERN

HUGE_DEPTH_LIMIT = 2000
"""A tree this deep has reached libxml2's nesting limit (2,048 with ``huge_tree``)."""
_DEEP_HINT = ("Open it in a browser, copy the article and paste it, or save the page again "
              "with the browser's \"Web page, complete\" option")


def parse_html_tree(html: str, source_name: str = "") -> Any:
    """The lxml tree of an HTML document or fragment (the ``<html>`` element).

    Raises :class:`ArticleImportError` when the markup nests deeper than the parser can follow,
    rather than dropping the deeper text unseen.
    """
    import lxml.html
    from lxml import etree

    parser = lxml.html.HTMLParser(huge_tree=True, remove_comments=False, no_network=True,
                                  remove_pis=True)
    text = html.replace("\x00", "")
    if not text.strip():
        raise ArticleImportError(source_name or None, "no article text found: the HTML is empty",
                                 hint="Choose a web page or copy an article again")
    try:
        root = lxml.html.document_fromstring(text, parser=parser)
    except (etree.ParserError, ValueError) as exc:
        raise ArticleImportError(
            source_name or None, f"no article text found: the HTML cannot be read ({exc})",
            hint="Check that the file is a web page saved from a browser") from exc
    _drop_invisible_characters(root)
    too_deep = first_too_deep(root)
    if too_deep is not None:
        line = too_deep.sourceline
        raise ArticleImportError(
            source_name or None,
            f"the markup nests elements more than {HUGE_DEPTH_LIMIT} levels deep, beyond what "
            "the HTML parser can read; the text past that depth would be lost",
            place=f"line {line}" if line else "", hint=_DEEP_HINT)
    return root


def first_too_deep(root: Any) -> Any | None:
    """The first element in document order nested :data:`HUGE_DEPTH_LIMIT` levels below
    ``root``, where the page goes past what the parser reads; None when there is none."""
    stack = [(root, 0)]
    while stack:
        element, depth = stack.pop()
        if depth >= HUGE_DEPTH_LIMIT:
            return element
        stack.extend((child, depth + 1) for child in reversed(element))
    return None


def _drop_invisible_characters(root: Any) -> None:
    """Take the characters that never show out of every text and tail under ``root``."""
    for element in root.iter():
        text = element.text
        if text and INVISIBLE_PATTERN.search(text) and isinstance(element.tag, str):
            element.text = INVISIBLE_PATTERN.sub("", text)
        tail = element.tail
        if tail and INVISIBLE_PATTERN.search(tail):
            element.tail = INVISIBLE_PATTERN.sub("", tail)
