"""What a Jinja template's own Word body puts on the page, as text, for the page-fit estimate.

The intermediate form holds only the note that goes where ``{{ content }}`` is. A template with
Jinja can add much more around it: a title, a table of details, a row per picked item holding
its heading, quote and note (the built-in decision note), an approval block. Left uncounted,
such a note was estimated at half its length. Here the template's body is read once (per file
version), its paragraphs and table rows rendered as text with the note's own values, and
handed to :mod:`.page_fit` to cost.

A template with only ``{{ name }}`` placeholders adds a letterhead line at most; the estimate's
calibration already holds it, so nothing is added for such a template.
"""

from __future__ import annotations

import html
import logging
import threading
from dataclasses import dataclass
from pathlib import Path

from docx.document import Document
from docx.table import Table
from docx.text.paragraph import Paragraph

from briefing.core.export.docx_jinja import context, environment, jinja_line, uses_jinja
from briefing.core.export.intermediate import BriefingDocument
from briefing.core.export.placeholders import CONTENT
from briefing.core.export.template_file import open_template_file
from briefing.core.templates import TemplateSpec

log = logging.getLogger(__name__)

_MARK = "\x02"
"""Starts each line of the text form: what follows is a paragraph, a row or a cell."""
_PARAGRAPH, _ROW, _CELL, _TABLE_END = f"{_MARK}p", f"{_MARK}r", f"{_MARK}c", f"{_MARK}e"
_CONTENT_LINE = "{{ " + CONTENT + " }}"


@dataclass(frozen=True)
class BodyParagraph:
    """A paragraph of the template's body outside tables: its style's name and its text."""

    style: str
    text: str


@dataclass(frozen=True)
class BodyRow:
    """A table row: each cell's share of the table's width and its paragraphs' text."""

    cells: tuple[tuple[float, tuple[str, ...]], ...]


BodyPart = BodyParagraph | BodyRow


@dataclass(frozen=True)
class _Source:
    """The body as one Jinja text, a line per paragraph, row and cell."""

    text: str


_cache: dict[tuple[Path, int, int], _Source | None] = {}
_cache_lock = threading.Lock()


def template_body(doc: BriefingDocument, spec: TemplateSpec) -> list[BodyPart]:
    """The template's body as the note will show it, ``{{ content }}`` left out; empty for a
    template without Jinja, or one that cannot be read or rendered (the export says why)."""
    source = _source(spec.docx_path)
    if source is None:
        return []
    try:
        rendered = environment(spec).from_string(source.text).render(context(doc, ""))
    except Exception as exc:  # someone else's template code: the export reports it
        log.debug("template %s not estimated: %s", spec.name, exc)
        return []
    return _parts(rendered)


def _source(path: Path) -> _Source | None:
    try:
        stat = path.stat()
    except OSError:
        return None
    key = (path, stat.st_mtime_ns, stat.st_size)
    with _cache_lock:
        if key in _cache:
            return _cache[key]
    try:
        document = open_template_file(path)
        source = _Source(_body_text(document)) if uses_jinja(document) else None
    except Exception as exc:  # unreadable or damaged: the export reports it
        log.debug("template %s not read for the estimate: %s", path, exc)
        source = None
    with _cache_lock:
        _cache[key] = source
    return source


def _body_text(document: Document) -> str:
    """The body as Jinja text. A paragraph holding only a ``{%p %}`` or ``{%tr %}`` tag stands
    for the tag alone, as docxtpl makes it; any other is a marked line of its own."""
    lines: list[str] = []
    for block in document.iter_inner_content():
        if isinstance(block, Paragraph):
            lines.append(_paragraph_line(block, in_cell=False, style=True))
        elif isinstance(block, Table):
            lines.extend(_table_lines(block))
    return "\n".join(line for line in lines if line)


def _paragraph_line(paragraph: Paragraph, *, in_cell: bool, style: bool) -> str:
    text = paragraph.text.replace("\n", " ")
    if text.strip() == _CONTENT_LINE:
        return ""
    jinja = jinja_line(text, in_cell)
    if _only_block_tag(text):
        return jinja.strip()
    name = paragraph.style.name if style and paragraph.style is not None else ""
    return f"{_PARAGRAPH}{name}{_MARK}{jinja}"


def _only_block_tag(text: str) -> bool:
    stripped = text.strip()
    return (stripped.startswith(("{%p ", "{%tr ", "{%tc ", "{%-p ", "{%-tr "))
            and stripped.endswith("%}") and stripped.count("{%") == 1)


def _table_lines(table: Table) -> list[str]:
    widths = [column.width or 0 for column in table.columns]
    total = sum(widths) or 1
    lines: list[str] = []
    for row in table.rows:
        cells = row.cells
        tags = [cell.text.strip() for cell in cells if _only_block_tag(cell.text)]
        if tags:  # a {%tr %} row: the row stands for its tag
            lines.append(jinja_line(tags[0], True).strip())
            continue
        lines.append(_ROW)
        for index, cell in enumerate(cells):
            share = (widths[index] if index < len(widths) else 0) / total
            lines.append(f"{_CELL}{share:.4f}")
            lines.extend(_paragraph_line(p, in_cell=True, style=False)
                         for p in cell.paragraphs)
    lines.append(_TABLE_END)
    return lines


def _parts(rendered: str) -> list[BodyPart]:
    parts: list[BodyPart] = []
    row: list[tuple[float, list[str]]] | None = None

    def close_row() -> None:
        nonlocal row
        if row is not None:
            parts.append(BodyRow(tuple((share, tuple(texts)) for share, texts in row)))
            row = None

    for line in rendered.split("\n"):
        if line.startswith(_TABLE_END):
            close_row()
        elif line.startswith(_ROW):
            close_row()
            row = []
        elif line.startswith(_CELL) and row is not None:
            row.append((float(line[len(_CELL):] or 0), []))
        elif line.startswith(_PARAGRAPH):
            style, _, text = line[len(_PARAGRAPH):].partition(_MARK)
            text = html.unescape(text)  # the environment escapes values as for XML
            if row:
                row[-1][1].append(text)
            elif row is None:
                parts.append(BodyParagraph(style, text))
    close_row()
    return parts
