"""The Word writer: a :class:`BriefingDocument` poured into a template's .docx.

The template gives everything that is not content: styles, letterhead, header and footer, page
size and margins. Every paragraph and run points to a named style of the template (see
:mod:`.docx_styles`); the writer never formats text directly, save for list numbering.

The writer fills the ``{{ name }}`` placeholders first (so a note that happens
to contain ``{{ title }}`` is never touched), then puts the note's blocks where the template's
``{{ content }}`` paragraph is (or at the end of the body when it has none).

Blocks are built as lxml elements and inserted in one go, never through python-docx's
``add_paragraph``, which rescans the body on each call and makes long exports quadratic.
"""

from __future__ import annotations

import datetime as dt
import logging
import re
from collections.abc import Iterable, Iterator
from dataclasses import replace
from pathlib import Path

from docx.document import Document
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.part import Part
from lxml import etree

from briefing.core.atomic import write_atomic_with
from briefing.core.errors import WarningSink, log_warning
from briefing.core.export import docx_jinja
from briefing.core.export import docx_styles as styles
from briefing.core.export.document import (
    NOTE_HEADING,
    BlockType,
    BriefingDocument,
    Citation,
    DocBlock,
    Run,
    clean_text,
)
from briefing.core.export.docx_comments import Comments
from briefing.core.export.docx_footnotes import Footnotes
from briefing.core.export.docx_numbering import ListNumbering, set_numbering
from briefing.core.export.docx_xml import (
    R_ID,
    W_SECTPR,
    W_TBL,
    line_break,
    paragraph,
    run,
    sub,
    w,
)
from briefing.core.export.placeholders import (
    CONTENT,
    PLACEHOLDER_NAMES,
    fill_placeholders,
    find_content_marker,
    mentions,
    story_roots,
)
from briefing.core.export.template_file import open_template_file
from briefing.core.pauses import Pause
from briefing.core.templates import TemplateSpec, check_command

logger = logging.getLogger(__name__)

_TWIPS_PER_EMU = 1 / 635
_BODY, _NOTE, _COMMENT = "body", "note", "comment"


def open_template(spec: TemplateSpec) -> Document:
    """The template's Word file, opened; :class:`TemplateError` when it is not usable."""
    return open_template_file(spec.docx_path)


_NAMES_CAVEATS = re.compile(r"\{[{%][^}]*\bcaveats\b")
"""A placeholder or Jinja tag naming the caveats (``{{ caveats }}``, ``{% if briefing.caveats
%}``): such a template places them itself."""


class _DocxWriter:
    """One export: the open template and the bookkeeping for lists, links, notes and comments."""

    def __init__(self, doc: BriefingDocument, spec: TemplateSpec, warn: WarningSink,
                 pause: Pause | None = None) -> None:
        self.doc = doc
        self.spec = spec
        self.warn = warn
        self.pause = pause
        self.word = open_template(spec)
        self.styles = styles.StyleMap(self.word, spec.name, warn)
        self.styles.prepare()
        self.numbering = ListNumbering(self.word)
        self._footnotes: Footnotes | None = None
        self._comments: Comments | None = None
        self._links: dict[tuple[int, str], str] = {}
        self._pending_comment: tuple[int, etree._Element, etree._Element, int, str] | None = None
        section = self.word.sections[-1]
        width = (section.page_width or 0) - (section.left_margin or 0) - \
            (section.right_margin or 0)
        self.text_width = int(width * _TWIPS_PER_EMU) or 9000
        s = self.styles
        self.heading_ids = [s.paragraph(name) for name in styles.HEADINGS]
        self.bullet_ids = [s.paragraph(name) for name in styles.BULLETS]
        self.number_ids = [s.paragraph(name) for name in styles.NUMBERS]
        self.body_id = s.paragraph(styles.BODY)
        self.code_id = s.character(styles.CODE)
        self.link_id = s.character(styles.HYPERLINK)

    # Whole document -------------------------------------------------------------------------

    def build(self) -> Document:
        self._mark_caveats()
        content = CONTENT
        if docx_jinja.uses_jinja(self.word):
            content = docx_jinja.render(self.word, self.doc, self.spec, self.warn, self.link_id)
        else:
            self._fill_template()
        marker = find_content_marker(self.word, content)
        elements = _separate_tables(
            list(_paced(self._blocks(self.doc.blocks, _BODY, self.word.part), self.pause)),
            self.body_id)
        self._flush_comment()
        if self._comments is not None and self._footnotes is not None:
            self._comments.renumber(self._footnotes.next_id)
        body = self.word.element.body
        if marker is not None:
            for element in elements:
                marker.addprevious(element)
            _remove_marker(marker)
        else:
            if mentions(body, content):
                if content != CONTENT:  # the Jinja path's marker, shown as it was typed
                    fill_placeholders(self.word, {content: "{{ content }}"}, lambda *_: None)
                self.warn(f"template {self.spec.name}: its {{{{ content }}}} shares a "
                          "paragraph with other text, so the note is put at the end and the "
                          "placeholder is left as typed. Give {{ content }} a paragraph of its "
                          f"own (check the template with: {check_command(self.spec)})")
            logger.info("template %s has no {{ content }} paragraph; note appended",
                        self.spec.name)
            sect_pr = body.find(W_SECTPR)
            for element in elements:
                if sect_pr is not None:
                    sect_pr.addprevious(element)
                else:
                    body.append(element)
        self._set_properties()
        return self.word

    def _mark_caveats(self) -> None:
        """Caveats follow the classification in ``{{ classification }}`` (the marking on every
        page), unless the template places them itself by naming ``caveats`` anywhere."""
        meta = self.doc.metadata
        if not meta.fields.get("caveats") or any(
                _NAMES_CAVEATS.search("".join(root.itertext()))
                for _, root in story_roots(self.word)):
            return
        marked = replace(meta, classification=meta.marking, fields={**meta.fields, "caveats": ""})
        self.doc = replace(self.doc, metadata=marked)

    def _fill_template(self) -> None:
        marked = [where for where, root in story_roots(self.word)
                  if where != "body" and mentions(root, "classification")]
        if not ({"header", "footer"} & set(marked)):
            self.warn(f"template {self.spec.name} has no {{{{ classification }}}} in its header "
                      "or footer, so the marking is not shown on every page")
        warned: set[tuple[str, str]] = set()

        def unknown(where: str, name: str) -> None:
            if (where, name) not in warned:
                warned.add((where, name))
                self.warn(f"template {self.spec.name}: {where}: unknown placeholder "
                          f"{{{{ {name} }}}} left as it is (known: {', '.join(PLACEHOLDER_NAMES)})")

        values = {key: " ".join(clean_text(value).split())
                  for key, value in self.doc.metadata.placeholders().items()}
        fill_placeholders(self.word, values, unknown)

    def _set_properties(self) -> None:
        meta = self.doc.metadata
        props = self.word.core_properties
        props.title = clean_text(meta.title)[:255]
        props.author = clean_text(meta.author)[:255]
        props.subject = clean_text(meta.subject)[:255]
        props.keywords = clean_text(meta.keywords)[:255]
        props.category = clean_text(meta.classification)[:255]
        props.comments = ""
        props.last_modified_by = clean_text(meta.author)[:255] or "Briefing"
        now = dt.datetime.now(dt.UTC).replace(microsecond=0, tzinfo=None)
        props.created = now
        props.modified = now
        props.revision = 1

    # Blocks -------------------------------------------------------------------------------

    def _blocks(self, blocks: list[DocBlock], context: str, part: Part,
                ) -> Iterable[etree._Element]:
        """Elements for ``blocks`` in ``context`` (body, boxed note or comment)."""
        index = 0
        while index < len(blocks):
            block = blocks[index]
            if block.kind is BlockType.FIELD:
                end = index
                while end < len(blocks) and blocks[end].kind is BlockType.FIELD:
                    end += 1
                yield self._details_table(blocks[index:end], part)
                index = end
                continue
            index += 1
            if block.kind is BlockType.NOTE:
                yield self._note_box(block, part)
                continue
            if block.kind is BlockType.TABLE:
                yield from self._note_table(block, context, part)
                continue
            p = self._paragraph(block, context, part)
            if block.footnote is not None:
                self._footnote(p, block.footnote)
            if context == _BODY:
                self._track_comment(block, p)
            yield p

    def _paragraph(self, block: DocBlock, context: str, part: Part) -> etree._Element:
        kind = block.kind
        plain = context != _BODY
        base = styles.NOTE_TEXT if context == _NOTE else styles.COMMENT_TEXT
        strong = False
        if kind is BlockType.HEADING:
            if plain:
                style_id, strong = self.styles.paragraph(base), True
            else:
                style_id = self.heading_ids[min(max(block.level, 1), 6) - 1]
        elif kind is BlockType.TITLE:
            style_id = self.styles.paragraph(styles.TITLE)
        elif kind is BlockType.SUBTITLE:
            style_id = self.styles.paragraph(styles.SUBTITLE)
        elif kind is BlockType.BULLET:
            style_id = self.styles.paragraph(base) if context == _COMMENT else \
                self.bullet_ids[min(block.level, 2)]
        elif kind is BlockType.NUMBERED:
            style_id = self.styles.paragraph(base) if context == _COMMENT else \
                self.number_ids[min(block.level, 2)]
        elif kind is BlockType.QUOTE:
            style_id = self.styles.paragraph(base if context == _COMMENT else
                                             styles.QUOTES[min(block.level, 2)])
        elif kind is BlockType.RULE:
            style_id = self.styles.paragraph(styles.RULE)
        elif kind is BlockType.CODE:
            style_id = self.styles.paragraph(styles.CODE_BLOCK)
        elif kind is BlockType.SOURCE_LINE:
            style_id = self.styles.paragraph(styles.SOURCE_LINE)
        elif kind is BlockType.SOURCE:
            style_id = self.styles.paragraph(styles.SOURCE_ENTRY)
        else:
            style_id = self.styles.paragraph(base) if plain else self.body_id
        p = paragraph(style_id)
        if kind is BlockType.BULLET:
            set_numbering(p, self.numbering.bullet_list(), block.level)
        elif kind in (BlockType.NUMBERED, BlockType.SOURCE):
            set_numbering(p, self.numbering.numbered_list(block.list_id), block.level)
        self._runs(p, block.runs, part, strong=strong, footnotes=context != _COMMENT)
        return p

    def _runs(self, parent: etree._Element, runs: list[Run], part: Part, *,
              strong: bool = False, footnotes: bool = True) -> None:
        """Runs into ``parent``; a note's footnote becomes a Word footnote, or (where Word
        allows none, as in a comment) its text in brackets."""
        index = 0
        while index < len(runs):
            item = runs[index]
            if item.is_break:
                line_break(parent)
                index += 1
                continue
            if item.footnote is not None:
                if footnotes:
                    self._note_footnote(parent, list(item.footnote))
                else:
                    self._runs(parent, [Run(" ("), *item.footnote, Run(")")], part,
                               strong=strong, footnotes=False)
                index += 1
                continue
            if item.url:
                link = sub(parent, "hyperlink", history="1")
                link.set(R_ID, self._link_rel(part, item.url))
                while index < len(runs) and runs[index].url == item.url \
                        and not runs[index].is_break and runs[index].footnote is None:
                    current = runs[index]
                    bold = current.bold or strong
                    run(link, current.text, style_id=self.styles.character(
                        styles.STRONG_HYPERLINK) if bold else self.link_id)
                    index += 1
                continue
            run(parent, item.text, style_id=self._character_style(item, strong))
            index += 1

    def _character_style(self, item: Run, strong: bool) -> str | None:
        """The one named style for a run's formatting (code wins over the rest: a code span
        keeps its code look whatever surrounds it)."""
        if item.code:
            return self.code_id
        name = styles.EMPHASIS_STYLES.get((item.bold or strong, item.italic, item.strike))
        return self.styles.character(name) if name else None

    def _link_rel(self, part: Part, url: str) -> str:
        key = (id(part), url)
        rel_id = self._links.get(key)
        if rel_id is None:
            rel_id = part.relate_to(clean_text(url), RT.HYPERLINK, is_external=True)
            self._links[key] = rel_id
        return rel_id

    # Footnotes and comments -----------------------------------------------------------------

    def _footnotes_api(self) -> Footnotes:
        if self._footnotes is None:
            self._footnotes = Footnotes(self.word, self.styles.paragraph(styles.FOOTNOTE_TEXT),
                                        self.styles.character(styles.FOOTNOTE_REFERENCE))
        return self._footnotes

    def _footnote(self, p: etree._Element, citation: Citation) -> None:
        self._note_footnote(p, citation.runs())

    def _note_footnote(self, p: etree._Element, runs: list[Run]) -> None:
        """A footnote with ``runs`` as its text (a citation, or one the analyst wrote in a note
        as ``[^1]``), its mark at the end of ``p`` so far."""
        footnotes = self._footnotes_api()
        footnote_id, note_p = footnotes.add()
        self._runs(note_p, runs, footnotes.part, footnotes=False)
        footnotes.reference(p, footnote_id)

    def _comments_api(self) -> Comments:
        if self._comments is None:
            self._comments = Comments(self.word, self.doc.metadata.author,
                                      self.styles.character(styles.COMMENT_REFERENCE))
        return self._comments

    def _track_comment(self, block: DocBlock, p: etree._Element) -> None:
        """Anchor a comment from the block carrying it to the end of that block's section.

        The section ends before the next heading of the same or a higher level, the next
        commented block, or the end of the part.
        """
        pending = self._pending_comment
        if pending is not None:
            comment_id, first, _, level, part = pending
            ends = block.comment is not None or block.part != part or (
                block.kind in (BlockType.HEADING, BlockType.TITLE) and block.level <= level)
            if not ends:
                self._pending_comment = (comment_id, first, p, level, part)
                return
            self._flush_comment()
        if block.comment:
            comments = self._comments_api()
            content = list(self._blocks(block.comment, _COMMENT, comments.part))
            comment_id = comments.add(content)
            level = block.level if block.kind is BlockType.HEADING else 0
            self._pending_comment = (comment_id, p, p, level, block.part)

    def _flush_comment(self) -> None:
        if self._pending_comment is not None:
            comment_id, first, last, _, _ = self._pending_comment
            self._comments_api().anchor(first, last, comment_id)
            self._pending_comment = None

    # Tables ---------------------------------------------------------------------------------

    def _table(self, style_name: str, widths: list[int], *, header: bool = False,
               ) -> etree._Element:
        table = etree.Element(w("tbl"))
        props = sub(table, "tblPr")
        style_id = self.styles.table(style_name)
        if style_id:
            sub(props, "tblStyle", val=style_id)
        sub(props, "tblW", w=str(sum(widths)), type="dxa")
        sub(props, "tblLayout", type="fixed")
        sub(props, "tblLook", val="0020" if header else "0000", firstRow="1" if header else "0",
            lastRow="0", firstColumn="0", lastColumn="0", noHBand="1", noVBand="1")
        grid = sub(table, "tblGrid")
        for width in widths:
            sub(grid, "gridCol", w=str(width))
        return table

    @staticmethod
    def _cell(row: etree._Element, width: int) -> etree._Element:
        cell = sub(row, "tc")
        sub(sub(cell, "tcPr"), "tcW", w=str(width), type="dxa")
        return cell

    def _details_table(self, fields: list[DocBlock], part: Part) -> etree._Element:
        label_width = min(2400, self.text_width // 4)
        widths = [label_width, self.text_width - label_width]
        table = self._table(styles.DETAILS_TABLE, widths)
        label_id = self.styles.paragraph(styles.FIELD_LABEL)
        value_id = self.styles.paragraph(styles.FIELD_VALUE)
        for field in fields:
            row = sub(table, "tr")
            sub(sub(row, "trPr"), "cantSplit")
            label = paragraph(label_id)
            run(label, clean_text(field.label))
            self._cell(row, widths[0]).append(label)
            value = paragraph(value_id)
            self._runs(value, field.runs, part)
            if field.footnote is not None:
                self._footnote(value, field.footnote)
            self._cell(row, widths[1]).append(value)
        return table

    def _note_box(self, block: DocBlock, part: Part) -> etree._Element:
        table = self._table(styles.NOTE_BOX, [self.text_width])
        row = sub(table, "tr")
        cell = self._cell(row, self.text_width)
        label = paragraph(self.styles.paragraph(styles.NOTE_LABEL))
        run(label, NOTE_HEADING)
        cell.append(label)
        for element in _separate_tables(list(self._blocks(block.children, _NOTE, part)),
                                        self.styles.paragraph(styles.NOTE_TEXT)):
            cell.append(element)
        return table

    def _note_table(self, block: DocBlock, context: str, part: Part,
                    ) -> Iterable[etree._Element]:
        """A table from a note: a Word table in the note's table style, its first row a header
        row repeated on each page. A comment cannot hold a table, so there each row is a
        paragraph with its cells separated by vertical bars."""
        if context == _COMMENT:
            style_id = self.styles.paragraph(styles.COMMENT_TEXT)
            for cells in block.rows:
                p = paragraph(style_id)
                joined: list[Run] = []
                for number, cell in enumerate(cells):
                    joined.extend(([Run(" | ")] if number else []) + cell)
                self._runs(p, joined, part, strong=cells is block.rows[0], footnotes=False)
                yield p
            return
        columns = max(len(block.rows[0]), 1) if block.rows else 1
        # The note box's cell margins (170 twips a side in the built-in templates) and a little
        # more, so a table in a box fits inside it.
        width = self.text_width - (400 if context == _NOTE else 0)
        widths = [width // columns] * columns
        table = self._table(styles.NOTE_TABLE, widths, header=True)
        heading_id = self.styles.paragraph(styles.TABLE_HEADING)
        text_id = self.styles.paragraph(styles.TABLE_TEXT)
        for number, cells in enumerate(block.rows):
            row = sub(table, "tr")
            row_props = sub(row, "trPr")
            sub(row_props, "cantSplit")
            if number == 0:
                sub(row_props, "tblHeader")
            for column, cell_runs in enumerate(cells):
                p = paragraph(heading_id if number == 0 else text_id)
                self._runs(p, cell_runs, part)
                self._cell(row, widths[column]).append(p)
        yield table


def _paced(elements: Iterable[etree._Element], pause: Pause | None
           ) -> Iterator[etree._Element]:
    """``elements``, with ``pause()`` called before each (see :mod:`briefing.core.pauses`)."""
    for element in elements:
        if pause is not None:
            pause()
        yield element


def _remove_marker(marker: etree._Element) -> None:
    """Remove the ``{{ content }}`` paragraph, or only its text where the paragraph is needed.

    A paragraph carrying a section break, or ending a table cell, must stay.
    """
    parent = marker.getparent()
    holds_section = marker.find(f"{w('pPr')}/{W_SECTPR}") is not None
    if holds_section or parent.tag == w("tc"):
        for child in list(marker):
            if child.tag != w("pPr"):
                marker.remove(child)
    else:
        parent.remove(marker)


def _separate_tables(elements: list[etree._Element], style_id: str) -> list[etree._Element]:
    """Put an empty paragraph between two tables and after a last one.

    Word merges tables that touch, and wants a paragraph before the section's end.
    """
    result: list[etree._Element] = []
    for element in elements:
        if element.tag == W_TBL and result and result[-1].tag == W_TBL:
            result.append(paragraph(style_id))
        result.append(element)
    if result and result[-1].tag == W_TBL:
        result.append(paragraph(style_id))
    return result


def build_docx(doc: BriefingDocument, spec: TemplateSpec,
               warn: WarningSink = log_warning, pause: Pause | None = None) -> Document:
    """The note as a python-docx ``Document`` made from ``spec``'s Word file (not yet saved);
    ``pause`` is called between its blocks."""
    return _DocxWriter(doc, spec, warn, pause).build()


def write_docx(doc: BriefingDocument, spec: TemplateSpec, output: Path,
               warn: WarningSink = log_warning, pause: Pause | None = None) -> None:
    """Write the note to ``output`` atomically; OSError propagates for the caller to word."""
    word = build_docx(doc, spec, warn, pause)
    write_atomic_with(output, word.save)
