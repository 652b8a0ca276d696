"""Byline and date lines between an article's headline and its text, and the lines of its header.

Pages mark most bylines and dates (a ``byline`` class, a ``<time>``), and the walk of the markup
sets those aside (:mod:`html_furniture`). Many do not: a plain ``<p>`` or ``<div>`` that reads
"By Ines Okafor, March 3, 2025 2:30 pm", "Reviewed by Dr Ana Ruiz", "09 Oct 2018",
"Oct 18, 2019 · 8 min read" or "Ines Okafor 2 days ago" (a publication named beside the byline,
"By Ines Okafor | Ferry Gazette | 3 March 2025", fills the publisher). Only short lines that are
not sentences, in the article's header (before its first long paragraph), are taken, so a dated
sentence of the lead ("On 3 March 2025 the council voted ...") stays.

A page that wraps its headline in a ``<header>`` element says itself where the article's header
ends: the lines that element holds besides the headline are the header's, not the text. The
first of them that reads as prose is the standfirst (a dek in a ``<p>``); the short ones (a name
without "By", an author's job or handle, a site or edition label) go to ``discarded``. A
``<header>`` that holds more than one line of prose wraps the article itself and says nothing.
"""

from __future__ import annotations

import re
from typing import Any

from briefing.core.importers import html_furniture as furniture
from briefing.core.importers.html_text import HEADING_TAGS, element_text, holds_article_text
from briefing.core.importers.html_walk import walk_markup
from briefing.core.importers.text_details import byline_and_date
from briefing.core.model import Article, Block, BlockKind, Discarded

HEADER_END_WORDS = 25
"""The first paragraph longer than this is article text: the header ends there."""
BYLINE_MAX_WORDS = 15
DATE_LINE_MAX_WORDS = 14
DEK_MIN_WORDS = 6
"""A line of the headline's ``<header>`` this long reads as prose: the standfirst, kept."""
REASON_HEADER = "article header line"

_MONTH = r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?"
_DATE = re.compile(
    rf"\b(?:{_MONTH}\s+\d{{1,2}}(?:st|nd|rd|th)?,?\s+\d{{4}}"
    rf"|\d{{1,2}}(?:st|nd|rd|th)?\s+{_MONTH},?\s+\d{{4}}"
    r"|\d{4}-\d{2}-\d{2}"
    r"|\d{1,3}\s+(?:second|minute|min|hour|hr|day|week|month|year)s?\s+ago)\b",
    re.IGNORECASE)
"""A calendar date with its year ("Oct 18, 2019", "9 October 2018", "2019-10-18"), or a
relative one ("2 days ago")."""
_BYLINE = re.compile(
    r"^\W{0,3}(?:(?i:written|reviewed|edited|reported|words|story|text)\s+)?"
    r"(?:by|By|BY):?\s+[A-Z\u00c0-\u00de]")
"""A line that opens with "By" and a capitalised word: "By Ines Okafor", "Reviewed by Ana
Ruiz". A sentence opening "By March, prices ..." ends with a full stop and is left alone."""
_SENTENCE_END = (".", "!", "?", "\u2026")


def header_box_lines(body: Any, headline: str) -> frozenset[str]:
    """The text of the lines that the ``<header>`` element around ``headline`` holds besides
    its headings, as the walk of the markup reads them; none when the headline is in no
    ``<header>`` or when that element holds the article's paragraphs (a dek is one line of
    prose, the article more)."""
    if not headline:
        return frozenset()
    element = next((node for node in body.iter(*HEADING_TAGS)
                    if element_text(node) == headline), None)
    header = next(element.iterancestors("header"), None) if element is not None else None
    if header is None or holds_article_text(header):
        return frozenset()
    lines = [item.text for item in walk_markup(header).items if isinstance(item, Block)]
    if sum(1 for line in lines if _prose(line)) > 1:
        return frozenset()  # lines of text: the article itself sits in the <header>
    return frozenset(lines)


def _prose(line: str) -> bool:
    words = len(line.split())
    return words >= DEK_MIN_WORDS and not _header_reason(line, words)


def drop_header_lines(article: Article, box_lines: frozenset[str] = frozenset()) -> None:
    """Move byline and date lines of ``article``'s header to its ``discarded`` list.

    ``box_lines`` are the lines of the headline's own ``<header>`` (:func:`header_box_lines`):
    the paragraphs that open the article's text are its header's, whatever their shape (a
    list there, key points say, stays). The author
    and date that the lines give fill the article's fields when those are still empty.
    """
    kept = []
    header = True
    in_box = bool(box_lines)
    for block in article.blocks:
        words = len(block.text.split())
        in_box = in_box and block.kind == BlockKind.PARAGRAPH and block.text in box_lines
        if header and block.kind == BlockKind.PARAGRAPH and words > HEADER_END_WORDS and (
                not in_box):
            header = False
        reason = _header_reason(block.text, words) if header and block.kind in (
            BlockKind.PARAGRAPH, BlockKind.BULLET) else ""
        if not reason and in_box:
            if words >= DEK_MIN_WORDS and not article.standfirst:
                article.standfirst = block.text
                continue
            reason = "" if words >= DEK_MIN_WORDS else REASON_HEADER
        if not reason:
            kept.append(block)
            continue
        article.discarded.append(Discarded(block.text, reason))
        details = byline_and_date(block.text)
        if details:
            article.author = article.author or details.author
            article.publisher = article.publisher or details.publisher
            article.date = article.date or details.date
    article.blocks = kept


def _header_reason(text: str, words: int) -> str:
    if text.rstrip().endswith(_SENTENCE_END):
        return ""
    if words <= BYLINE_MAX_WORDS and _BYLINE.match(text):
        return furniture.REASON_BYLINE
    if words <= DATE_LINE_MAX_WORDS and _DATE.search(text):
        return furniture.REASON_DATE
    return ""
