"""A Word document's footnotes and endnotes.

They live in parts of their own, outside the body: they are kept in ``discarded`` (numbered as
Word shows them) so that the sources they name are never lost, and the analyst can restore one
into the text.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from briefing.core.model import Discarded

REASON_FOOTNOTE = "footnote"
REASON_ENDNOTE = "endnote"
_NOTES = {"footnotes": ("w:footnote", "w:footnoteReference", REASON_FOOTNOTE),
          "endnotes": ("w:endnote", "w:endnoteReference", REASON_ENDNOTE)}


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

