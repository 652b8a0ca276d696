"""Importing a saved web page: trafilatura finds the article region, the markup gives its structure.

trafilatura tells the article's text from the site around it (navigation, cookie banners, share
buttons, related links, footers); the page's element that holds that text (:mod:`html_region`)
is then walked like a clipboard fragment (:mod:`html_article`), so headings keep the article's
own ranks and furniture inside the region goes to ``discarded`` with a reason. A page far larger
or deeper than real ones (a page with its closing tags missing) is left to the region finder
alone, since trafilatura's time grows faster than the page. Details come
from the page's ``<meta>`` tags, bylines and ``<time>`` elements; the ``<meta>`` description is
the standfirst only when the page shows it apart from the article's text (a dek), never a
summary written for search engines alone. Text pasted into the page from Word keeps Word's
markup, which is rewritten as plain markup first (:mod:`html_office`).
"""

from __future__ import annotations

import logging
import re
from typing import Any

from briefing.core.errors import ArticleImportError
from briefing.core.importers.html_article import (
    HEADLINE_MAX_WORDS,
    MIN_ARTICLE_WORDS,
    PageDetails,
    article_from_markup,
    is_site_suffix,
    page_details,
    strip_site_suffix,
)
from briefing.core.importers.html_depth import parse_html_tree
from briefing.core.importers.html_office import is_office_markup, rewrite_office
from briefing.core.importers.html_region import article_text, find_region
from briefing.core.importers.html_text import element_text, strip_invisible
from briefing.core.importers.structure import clean_text, same_text, title_from_name
from briefing.core.model import Article, Block, BlockKind

logger = logging.getLogger(__name__)

STANDFIRST_MAX_CHARS = 400

_SAVED_FROM = re.compile(r"<!--\s*saved from url=\(\d+\)(\S+?)\s*-->", re.IGNORECASE)
_NO_ARTICLE_HINT = ("Open the page in a browser, copy the article text into a .txt file and "
                    "import that")


def parse_html(html: str, source_name: str = "", url_hint: str = "") -> Article:
    """The article in a web page; ``url_hint`` is its address when the page itself does not say.

    The page's own address comes first: ``<link rel="canonical">`` or ``og:url``, then the note a
    browser leaves when saving a page, then ``url_hint``. The title is the page's headline (its
    ``<h1>`` matching the metadata title, else ``og:title``, else ``<title>`` without the site's
    suffix).

    Raises :class:`ArticleImportError` when the page has no article text, or nests its markup
    deeper than the parser can read.
    """
    root = parse_html_tree(html, source_name)
    details = page_details(root)
    details.url = details.url or _saved_from_url(html) or url_hint
    text = article_text(root, details.url)
    body = root.find("body")
    page = body if body is not None else root
    # Word's list markers and field codes lie between conditional comments, which
    # strip_invisible removes: rewrite Word's markup while they are there.
    office = rewrite_office(page) if is_office_markup(html) else None
    strip_invisible(root)
    region = find_region(page, text) if text != "" else None
    if region is None and text is None:
        region = page  # not read by trafilatura, and no block long enough to point the way
    headline = page_headline(root, details, region)
    if region is None:
        article = _article_from_text(text or "", details, headline, source_name)
    else:
        article = article_from_markup(region, details, source_name, what="page",
                                      hint=_NO_ARTICLE_HINT, headline=headline,
                                      known_text=text or "")
    if office is not None and not article.standfirst:
        article.standfirst = office.subtitle
    if not article.standfirst:
        shown = element_text(body if body is not None else root)
        article.standfirst = _standfirst(details.description, article, shown)
    return article


def _article_from_text(text: str, details: PageDetails, headline: str,
                       source_name: str) -> Article:
    """The article as paragraphs of trafilatura's text, when the page's markup does not hold it
    in readable blocks (text assembled by scripts, say)."""
    paragraphs = [clean_text(line) for line in text.splitlines()]
    paragraphs = [line for line in paragraphs if line and not same_text(line, headline)]
    if sum(len(line.split()) for line in paragraphs) < MIN_ARTICLE_WORDS:
        raise ArticleImportError(source_name or None, "no article text found in the page",
                                 hint=_NO_ARTICLE_HINT)
    return Article(title=headline or title_from_name(source_name), author=details.author,
                   publisher=details.publisher, date=details.date, url=details.url,
                   blocks=[Block(BlockKind.PARAGRAPH, line) for line in paragraphs])


def page_headline(root: Any, details: PageDetails, region: Any | None = None) -> str:
    """The headline a reader sees: the ``<h1>`` that the metadata title names, else that title.

    A page's only ``<h1>`` is often the site's logo, so an ``<h1>`` must match the metadata,
    or open the article's region (before its first paragraph).
    """
    headings = [element_text(heading) for heading in root.iter("h1")]
    headings = [text for text in headings if 0 < len(text.split()) <= HEADLINE_MAX_WORDS]
    titles = [title for title in (details.title, strip_site_suffix(details.page_title)) if title]
    for text in headings:
        if any(same_text(text, title) for title in titles):
            return text
    for text in headings:
        # "Ferry fleet" in "Ferry fleet: the choices for 2026", not the logo's "Harbour Review"
        # in "... | Harbour Review"; a short headline ("Tides") that the title only follows
        # with the site's name ("Tides - Harbour Review Wiki").
        if any(title.casefold().startswith(text.casefold())
               and (2 * len(text) >= len(title) or is_site_suffix(title[len(text):]))
               for title in titles):
            return text
    if region is not None:
        for element in region.iter("h1", "p"):
            if element.tag == "p" and element_text(element):
                break
            text = element_text(element)
            if element.tag == "h1" and 0 < len(text.split()) <= HEADLINE_MAX_WORDS:
                return text
    return details.title


def _saved_from_url(html: str) -> str:
    """The address a browser notes when it saves a page (``<!-- saved from url=(0042)... -->``)."""
    match = _SAVED_FROM.search(html[:4096])
    return match.group(1) if match else ""


def _standfirst(description: str, article: Article, shown: str) -> str:
    """The page's description when the page shows it apart from the article's text (a dek).

    A description the page never shows is a summary written for search engines and link
    previews ("A project of the ..."), not the article's standfirst; one that repeats a block
    of the text is a teaser of it.
    """
    if not description or len(description) > STANDFIRST_MAX_CHARS:
        return ""
    key = clean_text(description).rstrip(".\u2026 ").casefold()[:80]
    if not key or key not in shown.casefold():
        return ""
    parts = [article.title, *(block.text for block in article.blocks)]
    for section in article.walk():
        parts.append(section.heading)
        parts.extend(block.text for block in section.blocks)
    if key in clean_text(" ".join(parts)).casefold():
        return ""
    return description
