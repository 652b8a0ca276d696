"""Filling ``{{ name }}`` placeholders in a template's body, headers and footers.

A word processor splits text into runs wherever formatting, spell-checking or editing history
changes, so ``{{ title }}`` typed in Word or LibreOffice often arrives as ``{{``, ``ti``,
``tle }}`` in three runs. The search runs over a paragraph's joined text; the value goes into the
run where the placeholder starts (keeping that run's formatting) and the rest of the placeholder
is cut out of the runs that follow.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Mapping

from docx.document import Document
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from lxml import etree

from briefing.core.export.docx_xml import W_P, W_T, paragraph_text
from briefing.core.model import NOTE_FIELDS

PLACEHOLDER = re.compile(r"\{\{\s*([A-Za-z_][A-Za-z0-9_]*)\s*\}\}")
CONTENT = "content"
"""The placeholder that marks where the note's content goes (a paragraph of its own)."""

PLACEHOLDER_NAMES = ("title", "date", "classification", "to", "from", "file_number",
                     *NOTE_FIELDS, "purpose", "summary", "recommendation")


_QUOTED_START = 40
"""How much of a paragraph's text names it in a message."""


def paragraph_place(where: str, number: int, text: str) -> str:
    """A paragraph as a message names it: ``body paragraph 4 (“Dear {{ tittle }}”)``."""
    start = " ".join(text.split())
    if len(start) > _QUOTED_START:
        start = start[:_QUOTED_START].rstrip() + "\u2026"
    return f"{where} paragraph {number} (\u201c{start}\u201d)"


def story_roots(document: Document) -> Iterator[tuple[str, etree._Element]]:
    """(where, root element) for the body and every header and footer of the document."""
    yield "body", document.element.body
    for rel in document.part.rels.values():
        if rel.is_external:
            continue
        if rel.reltype == RT.HEADER:
            yield "header", rel.target_part.element
        elif rel.reltype == RT.FOOTER:
            yield "footer", rel.target_part.element


def _own_texts(p: etree._Element) -> list[etree._Element]:
    """The ``w:t`` elements of this paragraph, not of a text box's paragraph nested inside it."""
    texts = []
    for t in p.iter(W_T):
        ancestor = t.getparent()
        while ancestor is not None and ancestor.tag != W_P:
            ancestor = ancestor.getparent()
        if ancestor is p:
            texts.append(t)
    return texts


def own_text(p: etree._Element) -> str:
    """The text of this paragraph itself, where its placeholders are looked for."""
    return "".join(t.text or "" for t in _own_texts(p))


def fill_paragraph(p: etree._Element, values: Mapping[str, str],
                   on_unknown: Callable[[str], None]) -> int:
    """Replace the known placeholders of one paragraph; returns how many were filled."""
    texts = _own_texts(p)
    joined = "".join(t.text or "" for t in texts)
    if "{{" not in joined:
        return 0
    matches = list(PLACEHOLDER.finditer(joined))
    filled = 0
    # Right to left, so the offsets of earlier matches stay valid.
    for match in reversed(matches):
        name = match.group(1)
        if name not in values:
            on_unknown(name)
            continue
        _splice(texts, match.start(), match.end(), values[name])
        filled += 1
    return filled


def _splice(texts: list[etree._Element], start: int, end: int, value: str) -> None:
    """Put ``value`` in place of characters ``start``..``end`` of the joined texts."""
    offset = 0
    for t in texts:
        text = t.text or ""
        t_start, t_end = offset, offset + len(text)
        offset = t_end
        if t_end <= start or t_start >= end:
            continue
        cut_from = max(start - t_start, 0)
        cut_to = min(end - t_start, len(text))
        insert = value if t_start <= start < t_end else ""
        t.text = text[:cut_from] + insert + text[cut_to:]
        if t.text != t.text.strip():
            t.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")


def fill_placeholders(document: Document, values: Mapping[str, str],
                      on_unknown: Callable[[str, str], None]) -> dict[str, int]:
    """Fill placeholders everywhere; returns how many were filled in body, header and footer.

    ``{{ content }}`` is left for the writer. ``on_unknown(where, name)`` is told of any other
    name not in ``values``.
    """
    counts = {"body": 0, "header": 0, "footer": 0}
    for where, root in story_roots(document):

        def unknown(name: str, where: str = where) -> None:
            if name != CONTENT:
                on_unknown(where, name)

        for p in root.iter(W_P):
            counts[where] += fill_paragraph(p, values, unknown)
    return counts


def find_content_marker(document: Document, name: str = CONTENT) -> etree._Element | None:
    """The body paragraph that holds only ``{{ content }}`` (or ``{{ name }}``), if any."""
    for p in document.element.body.iter(W_P):
        match = PLACEHOLDER.fullmatch(paragraph_text(p).strip())
        if match and match.group(1) == name:
            return p
    return None


def mentions(root: etree._Element, name: str) -> bool:
    """Whether any paragraph under ``root`` holds the placeholder ``{{ name }}``."""
    return any(m.group(1) == name for p in root.iter(W_P)
               for m in PLACEHOLDER.finditer(own_text(p)))
