"""The domain model: an outline of articles, their sections and blocks, and the briefing details.

These are plain dataclasses with no Qt in them, so they can be loaded, changed, exported and tested
without a GUI. The outline file format (``outline_file.py``) maps them one to one onto YAML.

Section ids are stable: once given, an id is never renumbered, so picks, notes and the briefing's
order of picked sections survive re-saving, re-importing other articles and re-ordering.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from enum import StrEnum

from briefing.core.dates import document_date


class BlockKind(StrEnum):
    """What a block of article text is, as the article shows it."""

    PARAGRAPH = "paragraph"
    BULLET = "bullet"
    NUMBERED = "numbered"
    QUOTE = "quote"
    PULL_QUOTE = "pull_quote"
    """A quote the page repeats from its own text for emphasis; set apart, never exported twice."""


@dataclass
class Block:
    """One paragraph, list item or quote of an article."""

    kind: BlockKind
    text: str


@dataclass
class Section:
    """A heading of an article with its text and subsections; the unit an analyst picks."""

    id: str
    heading: str
    number: int | None = None
    blocks: list[Block] = field(default_factory=list)
    sections: list[Section] = field(default_factory=list)
    picked: bool = False
    note: str = ""
    """The analyst's own note on this section, in Markdown."""
    tags: list[str] = field(default_factory=list)

    def walk(self) -> Iterator[Section]:
        """This section and all its subsections, depth first, in document order."""
        return _walk_sections([self])

    @property
    def label(self) -> str:
        """The heading as the article numbers it, e.g. ``3. Deterrence``."""
        return f"{self.number}. {self.heading}" if self.number is not None else self.heading


def format_citation(author: str, title: str, publisher: str, date: str, url: str = "") -> str:
    """Author, \u201ctitle\u201d, publisher, date, url: the parts that are known, comma-separated.

    The one wording of a source, shared by the reader, the exporters and the footnotes.
    """
    parts = [author, f"\u201c{title}\u201d" if title else "", publisher, date, url]
    return ", ".join(part for part in parts if part)


LEAD = ""
"""The ``section_id`` of an excerpt in the article's lead: the lead is in no section."""


@dataclass
class Anchor:
    """Where an excerpt sits in its article, told the way annotation tools tell a quote.

    The exact text (``quote``, blocks joined by a blank line) with a few words of context on each
    side, and the position it started at (a section id, a block of it and a character offset).
    The position is tried first; the text and its context find it again when the position no
    longer holds (see :mod:`briefing.core.anchoring`).
    """

    section_id: str
    """The section it starts in; :data:`LEAD` for the article's lead (its text before the
    first heading, all of an article without headings)."""
    block: int
    offset: int
    quote: str
    before: str = ""
    """Up to a few words just before the quote, in the same section ('' at the section's start)."""
    after: str = ""
    """Up to a few words just after the quote ('' at the section's end)."""


@dataclass
class Excerpt:
    """A passage of an article the analyst picked on its own, with its own note and tags.

    ``orphaned`` is not stored: it is worked out each time the excerpt is anchored, and an
    orphaned excerpt keeps its quote, note and place in the order (it is never dropped).
    """

    id: str
    anchor: Anchor
    note: str = ""
    tags: list[str] = field(default_factory=list)
    orphaned: bool = field(default=False, compare=False)

    @property
    def in_lead(self) -> bool:
        """Whether it is anchored in the article's lead rather than in a section."""
        return self.anchor.section_id == LEAD


@dataclass
class Discarded:
    """A line the importer left out of the outline, kept with the reason so nothing is lost."""

    text: str
    reason: str
    line: int | None = None
    """The 1-based line of the source file it came from, when known."""


@dataclass
class Article:
    """One source article: its details, its lead (text before the first heading) and sections."""

    title: str
    standfirst: str = ""
    author: str = ""
    publisher: str = ""
    date: str = ""
    """An ISO date (``2024-10-01``) when known, else the date as the source gives it."""
    url: str = ""
    fetched: str = ""
    """The ISO date the article was fetched from :attr:`url` (imported from a web address)."""
    source_file: str = ""
    blocks: list[Block] = field(default_factory=list)
    sections: list[Section] = field(default_factory=list)
    discarded: list[Discarded] = field(default_factory=list)
    excerpts: list[Excerpt] = field(default_factory=list)
    """Passages picked on their own, in the order they were picked."""

    def walk(self) -> Iterator[Section]:
        """Every section of the article, depth first, in document order."""
        return _walk_sections(self.sections)

    def source_line(self) -> str:
        """A one-line citation: author, title, publisher, date, url (the parts that are known).

        The date is written out (``1 October 2024``), as the exports write it, never ISO.
        """
        return format_citation(self.author, self.title, self.publisher,
                               document_date(self.date), self.url)


ACTIONS = ("decision", "information", "signature")
"""What a note can ask of its reader (``action_required``)."""
NOTE_FIELDS = ("action_required", "drafted_by_name", "drafted_by_unit", "drafted_by_contact",
               "approved_by", "second_title", "caveats")
"""The note's fields beyond title, to, from, date, classification and file number."""


@dataclass
class BriefingDetails:
    """What the analyst fills in for the note itself, and the order of the picked sections."""

    title: str = ""
    to: str = ""
    from_: str = ""
    """Stored under the key ``from`` in the outline file (``from`` is a Python keyword)."""
    date: str = ""
    classification: str = ""
    file_number: str = ""
    purpose: str = ""
    summary: str = ""
    recommendation: str = ""
    action_required: str = ""
    """What the note asks of its reader: one of :data:`ACTIONS` or blank."""
    drafted_by_name: str = ""
    drafted_by_unit: str = ""
    drafted_by_contact: str = ""
    approved_by: str = ""
    second_title: str = ""
    """The title in the note's second language, for bilingual notes."""
    caveats: str = ""
    """Security caveats or handling instructions shown beside the classification."""
    template: str = ""
    order: list[str] = field(default_factory=list)
    """Ids of picked sections and of excerpts, in the order the note presents them."""


_EXCERPT_ID_PATTERN = re.compile(r"^e(\d+)$")

Entry = tuple[Article, Section | Excerpt]
"""One item of the briefing: a picked section or an excerpt, with its article."""


def _walk_sections(sections: list[Section]) -> Iterator[Section]:
    """Depth first, in document order, without recursion (outlines can be large and deep)."""
    stack = list(reversed(sections))
    while stack:
        section = stack.pop()
        yield section
        if section.sections:
            stack.extend(reversed(section.sections))


def _highest_number(section_ids: Iterable[str]) -> int:
    """The largest N of the ``sN`` ids among ``section_ids`` (0 when there are none)."""
    numbers = [section_id[1:] for section_id in section_ids if section_id[:1] == "s"]
    return max(map(int, filter(str.isdecimal, numbers)), default=0)


@dataclass
class Outline:
    """Everything an analyst works on: the articles and the briefing made from them."""

    title: str = ""
    articles: list[Article] = field(default_factory=list)
    briefing: BriefingDetails = field(default_factory=BriefingDetails)
    excerpt_ids_given: int = field(default=0, compare=False, repr=False)
    """The highest excerpt number given out, kept in the file (``last_excerpt``) when it is
    above every excerpt in use, so a removed excerpt's id is never given again: not while its
    undo step may bring it back, nor after saving and reopening."""
    _section_ids_given: int | None = field(default=None, init=False, compare=False, repr=False)
    """At least the largest N of the ``sN`` ids in the outline and of those given out since it
    was worked out (None: not yet), so giving new ids costs what is added, not a walk of the
    whole outline. Sections put back (an undo) are counted by :meth:`count_section_ids`."""

    def walk(self) -> Iterator[tuple[Article, Section]]:
        """Every section of every article with its article, in document order."""
        for article in self.articles:
            for section in _walk_sections(article.sections):
                yield article, section

    def find_section(self, section_id: str) -> tuple[Article, Section] | None:
        """The section with this id and its article, or None."""
        for article, section in self.walk():
            if section.id == section_id:
                return article, section
        return None

    def next_section_id(self) -> str:
        """A fresh id, larger than any ``sN`` id in use or given out, so old ids are never
        reused (the id is not taken until its section is counted or added)."""
        return f"s{self._highest_given() + 1}"

    def assign_missing_ids(self) -> None:
        """Give every section without an id a fresh one; existing ids are left as they are."""
        self.give_section_ids(section for _, section in self.walk())

    def add_article(self, article: Article) -> None:
        """Append an imported article and give its sections ids that do not clash."""
        self.add_articles([article])

    def add_articles(self, articles: Iterable[Article]) -> None:
        """Append imported articles and give their sections without an id fresh ones, above
        every id in use or given out (the work is in proportion to what is added)."""
        added = list(articles)
        self.give_section_ids(section for article in added
                              for section in _walk_sections(article.sections))
        self.articles.extend(added)

    def give_section_ids(self, sections: Iterable[Section]) -> None:
        """Give each of ``sections`` (about to join the outline) without an id a fresh one,
        above every id in use or given out, and count the ids the others bring."""
        chosen = list(sections)
        missing = [section for section in chosen if not section.id]
        if not missing:
            self.count_section_ids(chosen)
            return
        highest = max(self._highest_given(), _highest_number(section.id for section in chosen))
        for number, section in enumerate(missing, start=highest + 1):
            section.id = f"s{number}"
        self._section_ids_given = highest + len(missing)

    def count_section_ids(self, sections: Iterable[Section]) -> None:
        """Count the ids of sections put (back) into the outline, as an undo does, so no
        new section is given one of them."""
        if self._section_ids_given is not None:
            self._section_ids_given = max(self._section_ids_given, _highest_number(
                section.id for section in sections))

    def _highest_given(self) -> int:
        if self._section_ids_given is None:
            self._section_ids_given = self._highest_section_number()
        return self._section_ids_given

    def _highest_section_number(self) -> int:
        """The largest N of the ``sN`` section ids in use (0 when there are none)."""
        ids: list[str] = []
        for article in self.articles:  # (in any order: a plain loop, no generators)
            stack = list(article.sections)
            while stack:
                section = stack.pop()
                ids.append(section.id)
                if section.sections:
                    stack.extend(section.sections)
        return _highest_number(ids)

    def entry_ids(self, articles: Iterable[Article]) -> list[str]:
        """The ids of these articles' briefing entries in the order :meth:`sync_order` gives
        entries no order names: picked sections in document order, then the excerpts.

        Appended to an order in step with the outline, they keep it in step when the
        articles are appended (without a pass over the whole outline)."""
        chosen = list(articles)
        ids = [section.id for article in chosen for section in _walk_sections(article.sections)
               if section.picked]
        ids.extend(excerpt.id for article in chosen for excerpt in article.excerpts)
        return list(dict.fromkeys(ids))

    def picked_in_order(self) -> list[tuple[Article, Section]]:
        """The picked sections in the briefing's order.

        Ids in ``briefing.order`` come first, in that order; picked sections the order does not
        name follow in document order. Ids of unpicked or missing sections are skipped.
        """
        picked = [(article, section) for article, section in self.walk() if section.picked]
        by_id: dict[str, tuple[Article, Section]] = {}
        for entry in picked:
            by_id.setdefault(entry[1].id, entry)
        result: list[tuple[Article, Section]] = []
        seen: set[str] = set()
        for section_id in self.briefing.order:
            found = by_id.get(section_id)
            if found and section_id not in seen:
                result.append(found)
                seen.add(section_id)
        for article, section in picked:
            if section.id not in seen:
                result.append((article, section))
                seen.add(section.id)
        return result

    def excerpts(self) -> Iterator[tuple[Article, Excerpt]]:
        """Every excerpt with its article, article by article."""
        for article in self.articles:
            for excerpt in article.excerpts:
                yield article, excerpt

    def find_excerpt(self, excerpt_id: str) -> tuple[Article, Excerpt] | None:
        """The excerpt with this id and its article, or None."""
        for article, excerpt in self.excerpts():
            if excerpt.id == excerpt_id:
                return article, excerpt
        return None

    def highest_excerpt_number(self) -> int:
        """The largest N of the ``eN`` excerpt ids in use (0 when there are none)."""
        highest = 0
        for _, excerpt in self.excerpts():
            match = _EXCERPT_ID_PATTERN.match(excerpt.id)
            if match:
                highest = max(highest, int(match.group(1)))
        return highest

    def next_excerpt_id(self) -> str:
        """A fresh ``eN`` id, larger than any in use and than any given out before."""
        highest = max(self.excerpt_ids_given, self.highest_excerpt_number())
        self.excerpt_ids_given = highest + 1
        return f"e{highest + 1}"

    def entries_in_order(self) -> list[Entry]:
        """The picked sections and all excerpts, in the briefing's order.

        As :meth:`picked_in_order`, with excerpts: ids the order names come first, in that order;
        the rest follow, picked sections in document order, then excerpts article by article.
        """
        entries: list[Entry] = list(self.picked_in_order())
        entries.extend(self.excerpts())
        if not any(isinstance(item, Excerpt) for _, item in entries):
            return entries
        rank = {entry_id: index for index, entry_id in enumerate(self.briefing.order)}
        last = len(rank)
        return sorted(entries, key=lambda entry: rank.get(entry[1].id, last))

    def sync_order(self) -> None:
        """Make ``briefing.order`` list exactly the picked sections and the excerpts, keeping
        the existing order."""
        self.briefing.order = [item.id for _, item in self.entries_in_order()]
