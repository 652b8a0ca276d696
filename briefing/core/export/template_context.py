"""What a Word template's Jinja tags can name: the note's fields and the picked items.

The builder (:mod:`briefing.core.export.document`) makes one :class:`TemplateItem` per picked
section, in the briefing's order, so a template can repeat a paragraph block or a table row per
item. Values are plain text: a note's Markdown becomes its paragraphs' text, because a template
field holds text in the template's own formatting. Where a field joins paragraphs, each starts on
a line of its own (a newline, which the Word template gets as a line break), so a paragraph
without a final full stop never runs into the next.
"""

from __future__ import annotations

from dataclasses import dataclass

from briefing.core.model import ACTIONS, NOTE_FIELDS

ITEM_FIELDS = ("number", "id", "heading", "label", "text", "paragraphs", "note",
               "note_paragraphs", "tags", "citation", "source_link", "article", "url",
               "source_number", "excerpt")
"""The names an item of a loop offers (``item.heading``...), as docs/templates.md lists them."""
DRAFTED_BY_FIELDS = ("name", "unit", "contact")
"""``briefing.drafted_by.name`` and its siblings."""
ACTION_LABELS = {action: action.capitalize() for action in ACTIONS}
"""How an action required is written in a document: ``decision`` as ``Decision``."""


@dataclass(frozen=True)
class TemplateItem:
    """One picked section or excerpt as a template's loop sees it."""

    number: int
    """Its place in the briefing's order, from 1."""
    id: str
    heading: str
    label: str
    """The heading as the article numbers it (``3. Deterrence``)."""
    paragraphs: tuple[str, ...]
    """The section's own text, one entry per paragraph, list item or quote; an excerpt's
    quoted words, with "…" where it cuts a sentence."""
    note_paragraphs: tuple[str, ...]
    """The analyst's note as plain text, one entry per paragraph."""
    tags: tuple[str, ...]
    citation: str
    """The source in one line: author, title, publisher, date, url."""
    article: str
    url: str
    source_number: int | None
    """The section's number in its article, if it has one."""
    excerpt: bool = False
    """Whether the item is an excerpt: a template can quote its words (short), where it would
    give a whole section's text (long) only by its heading."""
    author: str = ""
    publisher: str = ""
    date: str = ""
    """The article's date as the note writes dates."""

    def source_parts(self) -> tuple[str, str, str]:
        """The source without its address, split around the words that link to the article:
        the title (between its quotes), else the publisher, else the address itself.

        A narrow table column breaks a long address mid-word; the link keeps it reachable.
        """
        lead = f"{self.author}, " if self.author else ""
        if self.article:
            tail = "".join(f", {part}" for part in (self.publisher, self.date) if part)
            return f"{lead}\u201c", self.article, f"\u201d{tail}"
        if self.publisher:
            return lead, self.publisher, f", {self.date}" if self.date else ""
        return lead + (f"{self.date}, " if self.date else ""), self.url, ""

    def as_context(self) -> dict[str, object]:
        """The item as a template names it (``item.text`` holds the paragraphs one a line;
        ``item.source_link`` is plain text here, made a link by the Word export)."""
        return {"number": self.number, "id": self.id, "heading": self.heading,
                "label": self.label, "text": "\n".join(self.paragraphs),
                "paragraphs": list(self.paragraphs), "note": "\n".join(self.note_paragraphs),
                "note_paragraphs": list(self.note_paragraphs), "tags": list(self.tags),
                "citation": self.citation, "source_link": "".join(self.source_parts()),
                "article": self.article, "url": self.url,
                "source_number": self.source_number, "excerpt": self.excerpt}


def field_values(details: object) -> dict[str, str]:
    """The note's further fields by placeholder name, as a document shows them."""
    values = {name: str(getattr(details, name, "")) for name in NOTE_FIELDS}
    action = values["action_required"]
    values["action_required"] = ACTION_LABELS.get(action, action)
    return values
