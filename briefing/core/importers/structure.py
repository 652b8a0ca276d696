"""Building an article's section tree from a flat stream of headings and blocks.

Every importer that sees explicit headings (Markdown, HTML, Word) reduces its input to a list of
:class:`Heading` and :class:`~briefing.core.model.Block` items in document order and lets
:func:`build_sections` nest them, so the rules for levels and heading numbers live in one place.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import NoReturn

from briefing.core.errors import ArticleImportError
from briefing.core.importers.text_details import first_date
from briefing.core.model import Block, Section

UNTITLED = "Untitled article"


@dataclass(frozen=True)
class Heading:
    """A heading as the source marks it; ``level`` 1 is the outermost (``#``, ``<h1>``)."""

    level: int
    text: str


Item = Heading | Block

# "2. Foo", "2) Foo", "2: Foo", "2 - Foo", "2.3. Foo". The number is the last component, because
# nesting already says which section a "2.3" belongs to.
_NUMBER_PUNCT = re.compile(r"^(\d{1,3}(?:\.\d{1,3})*)(?:[.):]|\s+[-\u2013\u2014])\s+(\S.*)$")
# "2.3 Foo" with no closing dot only when a capital follows, so "1.5 million homes" stays text.
_NUMBER_DOTTED = re.compile(r"^(\d{1,3}(?:\.\d{1,3})+)\s+([A-Z\u00c0-\u00de].*)$")
_SPACES = re.compile(r"\s+")
_ISO_PREFIX = re.compile(r"^(\d{4}-\d{2}-\d{2})(?:[T ]\S*)?$")
_ORDINAL = re.compile(r"(\d)(?:st|nd|rd|th)\b")
_WEEKDAY = re.compile(r"^(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*\.?,?\s+", re.IGNORECASE)
_NUMERIC_DATE = re.compile(r"^(?P<year>\d{4})([-/])(?P<month>\d{1,2})\2(?P<day>\d{1,2})$")
_DAY_FIRST = re.compile(r"^(?P<day>\d{1,2}) (?P<month>[a-z]+),? (?P<year>\d{4})$", re.IGNORECASE)
_MONTH_FIRST = re.compile(r"^(?P<month>[a-z]+) (?P<day>\d{1,2}),? (?P<year>\d{4})$",
                          re.IGNORECASE)


def clean_text(text: str) -> str:
    """Collapse runs of whitespace (line breaks, tabs, non-breaking spaces) to single spaces."""
    if text.isprintable() and "  " not in text and text[:1] != " " and text[-1:] != " ":
        # Already clean (printable text has no whitespace but the plain space): the usual case.
        return text
    return _SPACES.sub(" ", text.replace("\u00a0", " ")).strip()


def iso_date(text: str) -> str:
    """``5 November 2024``, ``Nov. 5th, 2024`` or ``2024-11-05T08:30Z`` as ``2024-11-05``.

    Only unambiguous spellings are converted (never ``05/11/2024``, which differs by country);
    anything else comes back as written, which the model allows.
    """
    cleaned = clean_text(text)
    iso = _ISO_PREFIX.match(cleaned)
    candidates = [iso.group(1)] if iso else []
    simple = _ORDINAL.sub(r"\1", _WEEKDAY.sub("", cleaned)).replace(".", "").strip()
    candidates.append(simple)
    for candidate in candidates:
        found = _english_date(candidate)
        if found:
            return found
    return cleaned


def _english_date(text: str) -> str:
    """``2024-11-05``, ``2024/11/05``, ``5 November 2024`` or ``Nov 5, 2024`` as ISO, else ""."""
    return first_date(text, (_NUMERIC_DATE, _DAY_FIRST, _MONTH_FIRST))


def split_heading_number(text: str) -> tuple[int | None, str]:
    """``"2. Foo"`` gives ``(2, "Foo")``; a heading without a leading number keeps its text.

    Section numbers count from 1 (the outline format refuses 0), so ``"0. Foo"`` keeps its text.
    """
    text = clean_text(text)
    if not text[:1].isdigit():  # a cheap test first: most headings have no number
        return None, text
    match = _NUMBER_PUNCT.match(text) or _NUMBER_DOTTED.match(text)
    if not match:
        return None, text
    number = int(match.group(1).rsplit(".", 1)[-1])
    if number < 1:
        return None, text
    return number, match.group(2).strip()


def same_text(first: str, second: str) -> bool:
    """Whether two headings or titles say the same thing, ignoring case, spacing and end marks."""
    def norm(value: str) -> str:
        return clean_text(value).casefold().rstrip(".:!?")
    return bool(first.strip()) and norm(first) == norm(second)


def title_from_name(source_name: str) -> str:
    """A title made from a file name (``flood-levy_2025.md`` gives ``Flood levy 2025``)."""
    stem = Path(source_name).stem if source_name else ""
    words = clean_text(re.sub(r"[-_.]+", " ", stem))
    return (words[:1].upper() + words[1:]) if words else UNTITLED


def build_sections(items: Iterable[Item]) -> tuple[list[Block], list[Section]]:
    """Nest headings by level: the lead blocks (before any heading) and the top-level sections.

    A heading belongs under the nearest earlier heading with a smaller level, so levels count
    relative to the shallowest one used (a document whose sections are ``###`` still gets
    top-level sections) and skipped levels (``##`` then ``####``) nest one step. Section ids are
    left empty for the outline to assign.
    """
    lead: list[Block] = []
    top: list[Section] = []
    stack: list[tuple[int, Section]] = []
    for item in items:
        if isinstance(item, Heading):
            number, heading = split_heading_number(item.text)
            if not heading:
                continue
            section = Section(id="", heading=heading, number=number)
            while stack and stack[-1][0] >= item.level:
                stack.pop()
            (stack[-1][1].sections if stack else top).append(section)
            stack.append((item.level, section))
        elif item.text:
            (stack[-1][1].blocks if stack else lead).append(item)
    _renumber_repeats(top)
    return lead, top


def _renumber_repeats(siblings: list[Section]) -> None:
    """Number siblings 1, 2, 3... when the source gave them all the same number.

    Copies of auto-numbered lists often come out as "1. A", "1. B", "1. C"; a mix of different
    numbers is the author's choice and is kept.
    """
    numbered = [section for section in siblings if section.number is not None]
    if len(numbered) > 1 and len({section.number for section in numbered}) == 1:
        first = numbered[0].number
        start = first if first is not None else 1
        for offset, section in enumerate(numbered):
            section.number = start + offset
    for section in siblings:
        if section.sections:
            _renumber_repeats(section.sections)


def refuse_without_text(source_name: str, title: str, *, kind: str, left_out: str = "") -> NoReturn:
    """Refuse a file whose import found no text under its title, as an empty file is refused:
    ``kind`` names the file ("Word document"), ``left_out`` what it may hold that is not read."""
    if title:
        raise ArticleImportError(source_name or None, f"has only a title (“{title}”) and no text "
                                 "under it", hint="Choose the file that holds the article's text")
    aside = f" ({left_out} are not imported)" if left_out else ""
    raise ArticleImportError(source_name or None, f"has no text in it{aside}",
                             hint=f"Choose a {kind} with the article's text in it")
