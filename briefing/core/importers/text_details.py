"""An article's byline, date and web address, as the opening lines of a web page copy give them.

Pages print "By Jane Moreau" and "Published 3 March 2025" (or "March 3, 2025", "2025-03-03",
"By Jane Moreau | 3 Mar 2025", "By Jane Moreau | Harbour Weekly | 3 Mar 2025") near the title,
and a copy sometimes starts with the page's address. Those lines are not article text: the
importer keeps them as the article's author, publisher, date and url and lists the lines as
discarded, with that reason.
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Iterable
from typing import NamedTuple

REASON_BYLINE = "byline"
REASON_DATE = "date line"
"""The reasons a byline and a date line go to ``discarded`` with, whichever importer found them
(a reason may go on to say what was kept: "byline and date, kept as the author")."""

_I = re.IGNORECASE
_BYLINE = re.compile(r"^(?:by|written by|words by|words)\s*:?\s+(?P<name>\S.*)$", _I)
_NAME_WORD = re.compile(r"^(?:[A-Z\u00c0-\u00de][\w.'\u2019-]*|and|&|de|da|di|du|van|von|der"
                        r"|den|la|le|bin|al|el|y)$")
_NOT_IN_NAMES = frozenset({"the", "a", "an", "and", "of", "for", "to", "in", "on", "with", "how",
                           "why", "what", "when", "where", "who", "our", "your", "my", "new"})
"""Words that make a short capitalised line a heading or a label rather than a name."""
_URL_LINE = re.compile(r"^(?:(?:source|url|link|originally published at)\s*:?\s+)?"
                       r"<?(?P<url>https?://[^\s<>]+?)>?$", _I)
_PART_SEPARATOR = re.compile(r"\s+[|\u00b7\u2022\u2014\u2013]\s+")
_BYLINE_COMMA = re.compile(r"^(?P<byline>by\s.+?),\s+(?P<rest>.+)$", _I)
_PREFIX = (r"^(?:(?:published|updated|posted|last updated|first published)(?: on)?\s*:?\s+)?"
           r"(?:(?:mon|tues|wednes|thurs|fri|satur|sun)day,?\s+)?")
_TIME_OF_DAY = r"\d{1,2}[:.]\d{2}(?:\s*[ap]\.?m\.?)?(?:\s+[A-Z]{2,5})?"
_TIME = rf"(?:,?\s*(?:at|-|\u2013)?\s*{_TIME_OF_DAY})?$"
_TIME_ONLY = re.compile(rf"^(?:at\s+)?{_TIME_OF_DAY}$", _I)
_DAY_MONTH_YEAR = re.compile(
    _PREFIX + r"(?P<day>\d{1,2})(?:st|nd|rd|th)?\s+(?P<month>[a-z]{3,9})\.?,?\s+(?P<year>\d{4})"
    + _TIME, _I)
_MONTH_DAY_YEAR = re.compile(
    _PREFIX + r"(?P<month>[a-z]{3,9})\.?\s+(?P<day>\d{1,2})(?:st|nd|rd|th)?,?\s+(?P<year>\d{4})"
    + _TIME, _I)
_ISO_DATE = re.compile(_PREFIX + r"(?P<year>\d{4})-(?P<month>\d{2})-(?P<day>\d{2})" + _TIME, _I)
MONTHS = {name: number for number, names in enumerate(
    [("jan", "january"), ("feb", "february"), ("mar", "march"), ("apr", "april"), ("may",),
     ("jun", "june"), ("jul", "july"), ("aug", "august"), ("sep", "sept", "september"),
     ("oct", "october"), ("nov", "november"), ("dec", "december")], start=1) for name in names}
"""English month names and abbreviations, lower case, to their numbers. A table, not ``strptime``:
the GUI sets the process locale, after which ``%B`` reads only that language's names."""


def byline(text: str) -> str | None:
    """The author's name in a line like ``By Jane Moreau``, or None."""
    match = _BYLINE.match(text)
    if not match:
        return None
    name = match.group("name").strip().rstrip(",;")
    words = name.replace(",", " ").split()
    if len(words) > 2 and words[0].isupper() and words[1].isupper():
        # "By JANE MOREAU March 3, 2025 Harbour Weekly": the name in capitals, then the rest.
        capitals = [word for word in words[:4] if word.isupper() and word.isalpha()]
        words = capitals
        name = " ".join(word.capitalize() for word in capitals)
    if not 1 <= len(words) <= 10 or not all(_NAME_WORD.match(word) for word in words):
        return None
    if not any(word[0].isupper() for word in words):
        return None
    return name


def first_date(text: str, patterns: Iterable[re.Pattern[str]]) -> str:
    """The ISO date the first matching pattern reads from ``text`` (groups ``day``, ``month``
    as a number or an English name, ``year``), or "" when none matches or the date is impossible.

    Month names come from :data:`MONTHS`, never from ``strptime('%B')``, whose names follow the
    process locale (which Qt sets).
    """
    for pattern in patterns:
        match = pattern.match(text)
        if not match:
            continue
        month_text = match.group("month").lower()
        month = int(month_text) if month_text.isdigit() else MONTHS.get(month_text)
        if month is None:
            return ""
        try:
            return datetime.date(int(match.group("year")), month,
                                 int(match.group("day"))).isoformat()
        except ValueError:
            return ""
    return ""


def date_line(text: str) -> str | None:
    """The date in a line that is only a date (``Published 3 March 2025``), as ISO, or None."""
    return first_date(text, (_DAY_MONTH_YEAR, _MONTH_DAY_YEAR, _ISO_DATE)) or None


_YEAR = re.compile(r"\d{4}")
_DETAIL_OPENING = re.compile(r"(?:by|written|words)\b", _I)
"""A line without a year (every date has one) or these openings (a byline) is no detail: the
two cheap tests before the patterns; one case-blind search for both is several times slower."""


class LineDetails(NamedTuple):
    """What a byline or date line gives the article; each part "" when the line lacks it."""

    author: str
    date: str
    publisher: str = ""


_PUBLISHER_WORDS = 5


def _publisher(part: str) -> str | None:
    """A short capitalised name with no figure or sentence mark (``Harbour Weekly``), or None.

    Read only beside a byline in the same line, where a name that is not the author's is the
    publication's ("By Jane Moreau | Harbour Weekly | 3 Mar 2025").
    """
    words = part.split()
    if not 1 <= len(words) <= _PUBLISHER_WORDS or any(ch.isdigit() for ch in part):
        return None
    if not all(_NAME_WORD.match(word) for word in words) or not words[0][0].isupper():
        return None
    return part


def byline_and_date(text: str) -> LineDetails | None:
    """The author, date and publisher of a line that holds only a byline and/or a date, and
    beside a byline at most one publication name (each part may be ""); None for other lines."""
    if not (_YEAR.search(text) or _DETAIL_OPENING.match(text)):
        return None
    parts = _PART_SEPARATOR.split(text)
    if len(parts) == 1:
        match = _BYLINE_COMMA.match(text)
        if match and not byline(text):
            parts = [match.group("byline"), match.group("rest")]
    author = date = ""
    others: list[str] = []
    for part in parts:
        part = part.strip()
        name = None if author else byline(part)
        if name:
            author = name
            continue
        found = None if date else date_line(part)
        if found:
            date = found
            continue
        if date and _TIME_ONLY.match(part):
            continue
        others.append(part)
    if not (author or date):
        return None
    if not others:
        return LineDetails(author, date)
    publisher = _publisher(others[0]) if author and len(others) == 1 else None
    return LineDetails(author, date, publisher) if publisher else None


def url_line(text: str) -> str | None:
    """The address in a line that is only a web address (``https://...``), or None."""
    match = _URL_LINE.match(text)
    return match.group("url") if match else None


def is_common_phrase(text: str, article_text: str) -> bool:
    """Whether a word of a name-shaped line occurs in lower case in the article's text.

    A person's name is a proper noun, never written in lower case; "Downloading Python" over a
    text that says "before downloading" is a heading, not an author.
    """
    for word in text.split():
        lowered = word.lower()
        # The plain search first: a word the text lacks needs no pattern.
        if (lowered != word and len(lowered) >= 3 and lowered in article_text
                and re.search(rf"\b{re.escape(lowered)}\b", article_text)):
            return True
    return False


def is_name_line(text: str) -> bool:
    """Whether the line is only a person's name: two to four capitalised name words."""
    words = text.split()
    return (2 <= len(words) <= 4 and all(_NAME_WORD.match(word) for word in words)
            and not any(word.lower() in _NOT_IN_NAMES for word in words)
            and words[0][0].isupper() and words[-1][0].isupper()
            and not any(character.isdigit() for character in text))
