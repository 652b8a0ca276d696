"""What an element's links say about it: a pointer to another article, a logo, a control.

A block that is only a label and a link to another page ("Read more: <a>…</a>") points to
another article; a heading whose whole text links elsewhere is a teaser, one that links to the
home page is the site's name; a link to ``#`` alone is a control that the page's script runs
("Read more" that unfolds the text, "Enlarge image"). A list of short links that hangs under a
point with words of its own is that point's detail, not a menu.
"""

from __future__ import annotations

import re
from typing import Any

from briefing.core.importers import html_furniture as furniture
from briefing.core.importers.html_text import HEADING_TAGS, element_text
from briefing.core.importers.structure import clean_text


def links_elsewhere(element: Any, text: str) -> bool:
    """Whether all of an element's text is a link to another page (not an anchor on this one)."""
    if any(_leads_elsewhere(link) for link in element.iterancestors("a")):
        return True  # the whole heading sits inside a link (a card linking to another story)
    links = [link for link in element.iter("a") if _leads_elsewhere(link)]
    return bool(links) and clean_text(" ".join(element_text(link) for link in links)) == text


_LINK_LABEL = re.compile(
    r"^(?:related|read|see|more|also|next|previous|recommended|watch|listen|don[’']?t miss)"
    r"\b[^:]{0,30}:\s*", re.IGNORECASE)


POINTER_TAGS = frozenset({"p", "div", "li"})
"""Blocks that can be a labelled pointer to another article, as a heading can."""
POINTER_MAX_NODES = 40
"""A pointer is a line: a bigger block is not read for one (so the walk stays linear)."""
POINTER_LABEL_CHARS = 80
"""Enough of a block's first characters to hold a pointer's label ("Read more:")."""


def is_pointer(element: Any) -> bool:
    """Whether a small block is a labelled link to another article (:func:`labelled_link`)."""
    if element.find(".//a") is None or not furniture.at_most_nodes(element, POINTER_MAX_NODES):
        return False
    head = ""
    for text in element.itertext():
        head += text
        if len(head) > POINTER_LABEL_CHARS:
            break
    return bool(_LINK_LABEL.match(clean_text(head))) and labelled_link(element,
                                                                       element_text(element))


def labelled_link(element: Any, text: str) -> bool:
    """Whether a heading or a paragraph is a label and a link to another page ("Related post:
    <a>…</a>", "Read more: <a>…</a>"): a pointer to another article, not a part of this one."""
    if element.find(".//a") is None:
        return False
    label = _LINK_LABEL.match(text)
    if not label or label.end() == len(text):
        return False
    links = [link for link in element.iter("a") if _leads_elsewhere(link)]
    linked = clean_text(" ".join(element_text(link) for link in links))
    return bool(linked) and linked == text[label.end():]


def links_home(element: Any, text: str) -> bool:
    """Whether all of an element's text is one link to a site's home page (``href="/"``)."""
    inside = list(element.iter("a"))
    links = inside or list(element.iterancestors("a"))
    href = (links[0].get("href") or "").strip() if len(links) == 1 else ""
    if not href or not _HOME.match(href):
        return False
    return not inside or element_text(inside[0]) == text


_HOME = re.compile(r"^(?:(?:https?:)?//[^/?#]+)?/?(?:index\.\w+)?$", re.IGNORECASE)


def goes_nowhere(link: Any) -> bool:
    """Whether a link's address is only ``#``: a page's script handles the click."""
    return (link.get("href") or "").strip() == "#"


def _leads_elsewhere(link: Any) -> bool:
    return (link.get("href") or "#").strip()[:1] not in ("#", "")


LINK_BOX_SHARE = 0.75
"""A box whose words are at least this share link text is a box of links."""


def is_box_of_links(element: Any, reason: str, words: int, h1: Any) -> bool:
    """Whether a menu, table of contents or "related" box is made of links under a short
    ``<h1>`` title of its own ("Read more" over links to other stories): furniture, though it
    holds an ``<h1>``. A box whose ``<h1>`` is most of its text holds the headline."""
    if reason not in furniture.LINK_REASONS or 2 * len(element_text(h1).split()) >= words:
        return False
    linked = sum(len(element_text(link).split()) for link in element.iter("a")
                 if _leads_elsewhere(link))
    return linked >= LINK_BOX_SHARE * words


def sub_list_of_a_point(element: Any) -> bool:
    """Whether a list of short links is the sub-list of a point that has words of its
    own, not only links ("Styles of leadership:" over links to each style): the point's
    detail, not a menu (a menu's sub-menu hangs under a link)."""
    parent = element.getparent()
    if parent is None or parent.tag != "li":
        return False
    own = [parent.text or ""]
    for child in parent:
        if child is element:
            break
        if isinstance(child.tag, str) and child.tag != "a":
            own.append(element_text(child))
        own.append(child.tail or "")
    return bool(clean_text(" ".join(own)))


def tags_or_byline(element: Any) -> str:
    """Tags or a byline made of links (:func:`html_furniture.link_line_reason`), but not a
    heading (an author box's title) nor a quote's attribution, which belong to the text."""
    reason = furniture.link_line_reason(element)
    if reason and (next(element.iter(*HEADING_TAGS), None) is not None
                   or next(element.iterancestors("blockquote"), None) is not None):
        return ""
    return reason
