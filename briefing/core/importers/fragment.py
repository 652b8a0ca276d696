"""Importing a clipboard HTML fragment: the article a user copied from a browser, as markup.

A browser copy's HTML flavour is the selected part of the page's markup. Chromium wraps it as
``<html><body><!--StartFragment-->…<!--EndFragment--></body></html>`` (on Linux with a
``<meta charset='utf-8'>`` before it; on Windows after a ``Version:0.9 … SourceURL:`` header),
Firefox writes the selected markup itself, possibly after a ``<meta>``. The structure comes from
the markup (:mod:`html_walk`): the headline, headings ranked by their tags, paragraphs, lists,
quotes; furniture inside the selection goes to ``discarded`` with its reason, and so do byline
and date lines in plain markup below the headline and the short lines of the headline's own
``<header>``, whose line of prose is the standfirst (:mod:`header_lines`). A fragment saved as an
``.html`` file imports the same way. Word's and Outlook's markup is first rewritten as plain
markup (:mod:`html_office`).
"""

from __future__ import annotations

import logging
import re
from typing import Any

from briefing.core.errors import ArticleImportError
from briefing.core.importers.header_lines import drop_header_lines, header_box_lines
from briefing.core.importers.html_article import article_from_markup, page_details
from briefing.core.importers.html_depth import parse_html_tree
from briefing.core.importers.html_office import is_office_markup, rewrite_office
from briefing.core.importers.html_text import strip_invisible
from briefing.core.model import Article

logger = logging.getLogger(__name__)

_MARKERS = re.compile(r"<!--\s*(?:StartFragment|EndFragment)\s*-->", re.IGNORECASE)
_START = re.compile(r"<!--\s*StartFragment\s*-->", re.IGNORECASE)
_END = re.compile(r"<!--\s*EndFragment\s*-->", re.IGNORECASE)
_SHELL = re.compile(r"<(?:html|head|body)[\s>/]", re.IGNORECASE)
_WINDOWS_HEADER = re.compile(r"\AVersion:\d+\.\d+\s*\n(?:[A-Za-z]+:[^\n]*\n)+")
_SOURCE_URL = re.compile(r"^SourceURL:(\S+)", re.MULTILINE)
_LEADING_NOISE = re.compile(
    r"\A(?:\s|<meta\b[^>]*>|<!doctype[^>]*>|<!--(?!\s*StartFragment).*?-->)*",
    re.IGNORECASE | re.DOTALL)


def is_fragment(html: str) -> bool:
    """Whether ``html`` is a clipboard fragment rather than a whole page.

    A fragment carries the clipboard's ``StartFragment`` markers (also inside ``<html><body>``),
    or has no document shell (``<html>``, ``<head>``, ``<body>``) at all.
    """
    if _MARKERS.search(html[:1_000_000]):
        return True
    head = _LEADING_NOISE.sub("", _WINDOWS_HEADER.sub("", html.lstrip("\ufeff"), count=1),
                              count=1)
    return not _SHELL.search(head[:1_000_000])


def fragment_markup(html: str) -> tuple[str, str]:
    """The selected markup of a clipboard fragment and the source address it names, if any.

    Everything outside ``StartFragment``/``EndFragment`` is the browser's wrapping; the
    Windows header's ``SourceURL`` is the page the copy came from.
    """
    url = ""
    header = _WINDOWS_HEADER.match(html)
    if header:
        found = _SOURCE_URL.search(header.group(0))
        url = found.group(1) if found else ""
        html = html[header.end():]
    start = _START.search(html)
    if start:
        html = html[start.end():]
        end = _END.search(html)
        if end:
            html = html[:end.start()]
    else:
        # A <meta> before the markup would open a <head> that swallows the article.
        html = _LEADING_NOISE.sub("", html, count=1)
    return html, url


def parse_fragment(html: str, source_name: str = "", url_hint: str = "") -> Article:
    """The article in a clipboard HTML fragment; ``url_hint`` is its address when known.

    Raises :class:`ArticleImportError` when the fragment holds no article text (only
    navigation, say) or markup nested deeper than the parser can read.
    """
    markup, source_url = fragment_markup(html)
    office = is_office_markup(html)
    if not markup.strip():
        raise ArticleImportError(source_name or None, "the copied HTML holds no text",
                                 hint=_EMPTY_HINT)
    whole = parse_html_tree(html, source_name)
    details = page_details(whole)
    details.url = details.url or source_url or url_hint
    root = parse_html_tree(f"<html><body>{markup}</body></html>", source_name)
    body = _body(root)
    subtitle = rewrite_office(body).subtitle if office else ""
    strip_invisible(body)
    # A selection is what the reader chose to copy: a short one (a sentence or two) is still
    # theirs to keep, as short plain text is; only a selection of nothing but furniture is none.
    article = article_from_markup(body, details, source_name, what="copied HTML",
                                  hint=_EMPTY_HINT, min_words=1)
    drop_header_lines(article, header_box_lines(body, article.title))
    article.standfirst = subtitle or article.standfirst
    return article


_EMPTY_HINT = ("Select the article itself in the browser, from its headline to its last "
               "paragraph, and copy it again")


def _body(root: Any) -> Any:
    body = root.find("body")
    return body if body is not None else root

