"""Importing a saved web page: trafilatura finds the article; its structure becomes sections.

trafilatura strips the site around the article (navigation, cookie banners, share buttons,
related links, footers) and reads the page's metadata. Its XML output keeps headings (``<head
rend="h2">``, kept because ``include_formatting`` is on), lists, quotes and tables, which map onto
headings and blocks; block text is plain text (bold and italic are not kept).
"""

from __future__ import annotations

import logging
import re
from typing import Any

from briefing.core.errors import ArticleImportError
from briefing.core.importers.structure import (
    Heading,
    Item,
    build_sections,
    clean_text,
    same_text,
    title_from_name,
)
from briefing.core.model import Article, Block, BlockKind

logger = logging.getLogger(__name__)

MIN_ARTICLE_WORDS = 20
"""Less text than this after extraction is a menu or a form, not an article."""
STANDFIRST_MAX_CHARS = 400

_SAVED_FROM = re.compile(r"<!--\s*saved from url=\(\d+\)(\S+?)\s*-->", re.IGNORECASE)
_HEADING_REND = re.compile(r"^h([1-6])$")
_LIBRARY_LOGGERS = ("trafilatura", "htmldate", "courlan", "justext")
_BLOCK_TAGS = frozenset({"p", "head", "list", "quote", "table", "code"})
_NO_ARTICLE_HINT = ("Open the page in a browser, copy the article text into a .txt file and "
                    "import that")


def parse_html(html: str, source_name: str = "", url_hint: str = "") -> Article:
    """The article in a web page; ``url_hint`` is its address when the page itself does not say.

    The page's own address comes first: ``<link rel="canonical">`` or ``og:url``, then the note a
    browser leaves when saving a page, then ``url_hint``.

    Raises :class:`ArticleImportError` when the page has no article text.
    """
    import trafilatura
    from lxml import etree

    _keep_library_logs_in_the_log()
    page_url = _saved_from_url(html) or url_hint
    # Without extensive search htmldate reads dates the page states (meta tags, <time>, JSON-LD)
    # and does not guess from links such as "/2024/04/" archive entries in a sidebar.
    xml = trafilatura.extract(html, url=page_url or None, output_format="xml",
                              with_metadata=True, include_formatting=True,
                              include_comments=False, include_tables=True,
                              include_images=False, include_links=False,
                              date_extraction_params={"extensive_search": False,
                                                      "original_date": True})
    root = None
    if xml:
        parser = etree.XMLParser(recover=True, resolve_entities=False, no_network=True)
        root = etree.fromstring(xml.encode("utf-8"), parser)
    main = root.find("main") if root is not None else None
    if main is None:
        raise ArticleImportError(source_name or None, "no article text found in the page",
                                 hint=_NO_ARTICLE_HINT)

    for line_break in main.iter("lb"):
        line_break.tail = " " + (line_break.tail or "")
    items: list[Item] = []
    _walk(main, items, None)
    words = sum(len(item.text.split()) for item in items)
    if words < MIN_ARTICLE_WORDS:
        raise ArticleImportError(
            source_name or None,
            f"no article text found in the page (only {words} words outside menus and links)",
            hint=_NO_ARTICLE_HINT)

    meta = _metadata(root)
    title = meta.get("title", "")
    if items and isinstance(items[0], Heading) and (
            same_text(items[0].text, title) or _only_top_heading(items)):
        # The headline the reader sees wins over a differently worded <title> or og:title.
        title = items[0].text
        items = items[1:]
    standfirst = _standfirst(meta.get("description", ""), items)
    lead, sections = build_sections(items)
    return Article(
        title=clean_text(title) or title_from_name(source_name),
        standfirst=standfirst,
        author=meta.get("author", "").replace("; ", ", "),
        publisher=meta.get("sitename", ""),
        date=meta.get("date", ""),
        url=meta.get("url", "") or page_url,
        blocks=lead,
        sections=sections,
    )


def _keep_library_logs_in_the_log() -> None:
    """Stop trafilatura's own warnings ("discarding data: None") reaching a terminal.

    With no handler anywhere, Python prints warnings to stderr; a NullHandler on each library's
    logger stops that while records still reach any handler the app configures (the log file).
    Our own error already says what went wrong.
    """
    for name in _LIBRARY_LOGGERS:
        library_logger = logging.getLogger(name)
        if not any(isinstance(h, logging.NullHandler) for h in library_logger.handlers):
            library_logger.addHandler(logging.NullHandler())


def _only_top_heading(items: list[Item]) -> bool:
    """Whether ``items`` opens with an ``<h1>`` and has no other: the page's headline."""
    levels = [item.level for item in items if isinstance(item, Heading)]
    return levels[0] == 1 and levels.count(1) == 1


def _metadata(root: Any) -> dict[str, str]:
    names = ("title", "author", "date", "sitename", "url", "description")
    return {name: clean_text(root.get(name) or "") for name in names}


def _saved_from_url(html: str) -> str:
    """The address a browser notes when it saves a page (``<!-- saved from url=(0042)... -->``)."""
    match = _SAVED_FROM.search(html[:4096])
    return match.group(1) if match else ""


def _standfirst(description: str, items: list[Item]) -> str:
    """The page's description, unless it only repeats the start of the text (a teaser)."""
    if not description or len(description) > STANDFIRST_MAX_CHARS:
        return ""
    first = next((item.text for item in items if isinstance(item, Block)), "")
    teaser = description.rstrip(".\u2026 ").casefold()
    if teaser and clean_text(first).casefold().startswith(teaser[:80]):
        return ""
    return description


def _walk(element: Any, items: list[Item], quote: BlockKind | None) -> None:
    """Append the headings and blocks under a trafilatura XML element, in order."""
    _add_text(items, element.text, quote or BlockKind.PARAGRAPH)
    for child in element:
        tag = child.tag
        if tag == "head":
            text = _text(child)
            if quote:
                _add_text(items, text, quote)
            else:
                match = _HEADING_REND.match(child.get("rend") or "")
                items.append(Heading(int(match.group(1)) if match else 2, clean_text(text)))
        elif tag in ("p", "code"):
            _add_text(items, _text(child), quote or BlockKind.PARAGRAPH)
        elif tag == "list":
            _add_list(child, items, quote)
        elif tag == "quote":
            if any(grandchild.tag in _BLOCK_TAGS for grandchild in child):
                _walk(child, items, BlockKind.QUOTE)
            else:
                _add_text(items, _text(child), BlockKind.QUOTE)
        elif tag == "table":
            for row in child.iter("row"):
                cells = [clean_text(_text(cell)) for cell in row if cell.tag == "cell"]
                _add_text(items, " | ".join(cell for cell in cells if cell),
                          quote or BlockKind.PARAGRAPH)
        elif tag in ("graphic", "lb"):
            pass
        elif any(grandchild.tag in _BLOCK_TAGS for grandchild in child):
            _walk(child, items, quote)
        else:
            _add_text(items, _text(child), quote or BlockKind.PARAGRAPH)
        _add_text(items, child.tail, quote or BlockKind.PARAGRAPH)


def _add_list(element: Any, items: list[Item], quote: BlockKind | None) -> None:
    """One block per list item; nested lists follow their parent item, flattened."""
    kind = quote or (BlockKind.NUMBERED if element.get("rend") == "ol" else BlockKind.BULLET)
    for item in element:
        if item.tag != "item":
            continue
        parts = [item.text or ""]
        nested = []
        for child in item:
            if child.tag == "list":
                nested.append(child)
            else:
                parts.append("".join(child.itertext()))
            parts.append(child.tail or "")
        _add_text(items, "".join(parts), kind)
        for sub in nested:
            _add_list(sub, items, quote)


def _text(element: Any) -> str:
    return "".join(element.itertext())


def _add_text(items: list[Item], text: str | None, kind: BlockKind) -> None:
    cleaned = clean_text(text or "")
    if cleaned:
        items.append(Block(kind, cleaned))
