"""What a Word document says besides its body paragraphs: a typed byline and its notes.

A memo or report typed in Word often carries its byline as plain paragraphs under the title
("By Jane Moreau", "3 March 2025") rather than in Author and Date styles; those are the
article's author and date, not its text. Footnotes and endnotes live in parts of their own,
outside the body: they are kept in ``discarded`` (numbered as Word shows them) so that the
sources they name are never lost, and the analyst can restore one into the text.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from briefing.core.importers.structure import Heading, Item
from briefing.core.importers.text_details import byline_and_date
from briefing.core.model import BlockKind, Discarded

REASON_BYLINE = "byline"
REASON_DATE = "date line"
REASON_FOOTNOTE = "footnote"
REASON_ENDNOTE = "endnote"
_OPENING_PARAGRAPHS = 3
"""A byline stands among the first paragraphs under the title."""
_NOTES = {"footnotes": ("w:footnote", "w:footnoteReference", REASON_FOOTNOTE),
          "endnotes": ("w:endnote", "w:endnoteReference", REASON_ENDNOTE)}


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
        details = (byline_and_date(item.text) if item.kind == BlockKind.PARAGRAPH
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


def notes(document: Any, text_of: Callable[[Any], str]) -> list[Discarded]:
    """The document's footnotes, then its endnotes, numbered in the order the body refers to
    them, each with its reason; ``text_of`` reads a paragraph element's text."""
    from docx.oxml import parse_xml
    from docx.oxml.ns import qn

    body = document.element.body
    found: list[Discarded] = []
    for relation in document.part.rels.values():
        kind = relation.reltype.rsplit("/", 1)[-1]
        if kind not in _NOTES or relation.is_external:
            continue
        note_tag, reference_tag, reason = _NOTES[kind]
        root = parse_xml(relation.target_part.blob)
        texts = {note.get(qn("w:id")): " ".join(filter(None, (
                     text_of(paragraph) for paragraph in note.iter(qn("w:p")))))
                 for note in root.iter(qn(note_tag))
                 if note.get(qn("w:type")) in (None, "normal")}
        order = [reference.get(qn("w:id")) for reference in body.iter(qn(reference_tag))]
        number = 0
        for note_id in dict.fromkeys(order):
            text = texts.get(note_id, "")
            if text:
                number += 1
                found.append(Discarded(f"{number}. {text}", reason))
    return found

