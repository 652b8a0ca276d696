"""A byline typed as plain paragraphs under the title of a Word document or a Markdown file.

A memo typed in Word, or a page clipped to Markdown, often carries its byline as ordinary
paragraphs ("By Jane Moreau", "3 March 2025", "*By Jane Moreau | 3 March 2025*") rather than
in styles or front matter; those are the article's author and date, not its text.
"""

from __future__ import annotations

from dataclasses import dataclass

from briefing.core.importers.structure import Heading, Item
from briefing.core.importers.text_details import REASON_BYLINE, REASON_DATE, byline_and_date
from briefing.core.model import BlockKind, Discarded

_OPENING_PARAGRAPHS = 3
"""A byline stands among the first paragraphs under the title."""


@dataclass
class Byline:
    """The author, date and publisher found in the opening paragraphs ("" when not found)."""

    author: str = ""
    date: str = ""
    publisher: str = ""


def take_byline(items: list[Item], discarded: list[Discarded]) -> tuple[list[Item], Byline]:
    """``items`` without the byline and date paragraphs that open them (before any heading,
    among the first few paragraphs), which go to ``discarded``; and what they say."""
    found = Byline()
    kept: list[Item] = []
    for position, item in enumerate(items):
        if isinstance(item, Heading) or position >= _OPENING_PARAGRAPHS:
            kept.extend(items[position:])
            break
        # Markdown sets a byline in emphasis (``*By Jane Moreau*``).
        details = (byline_and_date(item.text.strip("*_ ")) if item.kind == BlockKind.PARAGRAPH
                   else None)
        if details is None or (details.author and found.author) or (
                details.date and found.date):
            kept.append(item)
            continue
        found.author = found.author or details.author
        found.date = found.date or details.date
        found.publisher = found.publisher or details.publisher
        discarded.append(Discarded(item.text,
                                   REASON_BYLINE if details.author else REASON_DATE))
    return kept, found
