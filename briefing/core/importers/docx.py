"""Importing a Word (.docx) article: paragraph styles say what each paragraph is.

- Title gives the title; Subtitle, Author and Date paragraphs above the first heading (pandoc
  writes all three) give the standfirst, author and date.
- Heading 1-9, or any style or paragraph with an outline level, give sections. Headings that
  Word numbers itself (a numbered list on the heading or its style) get the number Word shows.
- List Bullet / List Number styles, and paragraphs with Word numbering (``w:numPr``, bullet or
  number by the numbering definition), give list items.
- Quote, Intense Quote, LibreOffice's Quotations and Block Text (pandoc's) give quotes.
- A table of contents (TOC styles) and captions go to ``discarded``.
- A custom style counts as the built-in one it is based on. Table rows become paragraphs (cells
  joined by `` | ``). Block text is plain text.
- A byline typed as plain paragraphs under the title gives the author and date, and footnotes
  and endnotes go to ``discarded`` (``byline_paragraphs``, ``docx_details``).
"""

from __future__ import annotations

import datetime as dt
import io
import logging
import re
import zipfile
import zlib
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from briefing.core.errors import ArticleImportError
from briefing.core.importers.byline_paragraphs import take_byline
from briefing.core.importers.docx_details import notes
from briefing.core.importers.html_furniture import REASON_CAPTION, REASON_TOC
from briefing.core.importers.structure import (
    Heading,
    Item,
    build_sections,
    clean_text,
    iso_date,
    refuse_without_text,
    same_text,
    split_heading_number,
    title_from_name,
)
from briefing.core.model import Article, Block, BlockKind, Discarded
from briefing.core.zip_limits import check_zip

logger = logging.getLogger(__name__)

_ZIP_MAGIC = b"PK\x03\x04"
_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_SAVE_AS_DOCX = "Open it in Word or LibreOffice and save it as a Word document (.docx)"
_REPAIR_HINT = "Open it in Word or LibreOffice, which can often repair it, and save it again"
_DAMAGED = (AttributeError, TypeError, KeyError, ValueError)

# python-docx's own blank template carries these; they describe the template, not the article.
_TEMPLATE_AUTHOR = "python-docx"
_TEMPLATE_CREATED = dt.datetime(2013, 12, 23, 23, 15, tzinfo=dt.UTC)

_HEADING_STYLE = re.compile(r"^heading ([1-9])$")
_QUOTE_STYLES = frozenset({"quote", "intense quote", "quotations", "block quote", "blockquote",
                           "block text"})
_TITLE, _SUBTITLE, _AUTHOR, _DATE = "title", "subtitle", "author", "date"
_CONTENTS, _CAPTION = "contents", "caption"
_SET_ASIDE = {_CONTENTS: REASON_TOC, _CAPTION: REASON_CAPTION}
"""Paragraphs that go to ``discarded``, by role, with the reason the web page importer gives:
Word's table of contents (its entries repeat the headings) and figure and table captions."""
_MAX_STYLE_DEPTH = 20
"""Styles based on styles: a cycle in a damaged file must not loop forever."""


@dataclass(frozen=True)
class _Role:
    """What a paragraph is: a heading level, a block kind, or ``special``: title, subtitle..."""

    level: int = 0
    kind: BlockKind = BlockKind.PARAGRAPH
    special: str = ""


def parse_docx(data: bytes, source_name: str = "") -> Article:
    """The article in a .docx file's bytes; raises :class:`ArticleImportError` if it is not one."""
    from docx.oxml.exceptions import XmlchemyError
    from lxml import etree

    document = _open(data, source_name)
    try:
        return _read(document, source_name)
    except (*_DAMAGED, XmlchemyError, etree.XMLSyntaxError) as exc:
        # python-docx trusts the package's internal XML; a damaged part surfaces as a type or
        # attribute error deep inside it.
        logger.debug("damaged Word document %s", source_name, exc_info=exc)
        raise ArticleImportError(source_name or None, "is damaged: parts of it cannot be read",
                                 hint=_REPAIR_HINT) from None


def _read(document: Any, source_name: str) -> Article:
    reader = _Reader(document)
    title = ""
    # Subtitle, Author and Date paragraphs above the first heading (pandoc writes all three).
    stated: dict[str, str] = {}
    items: list[Item] = []
    discarded: list[Discarded] = []
    seen_heading = False
    for element in reader.body_content(document.element.body):
        if element.tag == reader.table_tag:
            items.extend(reader.table_rows(element))
            continue
        text = reader.text(element)
        if not text:
            continue
        role = reader.role(element)
        if role.special in _SET_ASIDE:
            discarded.append(Discarded(text, _SET_ASIDE[role.special]))
        elif role.special == _TITLE and not title:
            title = text
        elif role.special == _TITLE:
            items.append(Block(BlockKind.PARAGRAPH, text))
        elif role.special and role.special not in stated and not seen_heading:
            stated[role.special] = text
        elif role.level:
            seen_heading = True
            number = reader.heading_number(element)
            if number is not None and split_heading_number(text)[0] is None:
                text = f"{number}. {text}"
            items.append(Heading(role.level, text))
        else:
            items.append(Block(role.kind, text))

    properties = document.core_properties
    if not title:
        title = clean_text(_core_text(document, "title"))
        if title and items and isinstance(items[0], Heading) and same_text(items[0].text, title):
            items.pop(0)
    if not title:
        first = next((i for i, item in enumerate(items)
                      if isinstance(item, Heading) and item.level == 1), None)
        if first is not None:
            title = items.pop(first).text
    items, byline = take_byline(items, discarded)
    lead, sections = build_sections(items)
    discarded.extend(notes(document, reader.text))
    if not (lead or sections or discarded):
        refuse_without_text(source_name, title, kind="Word document",
                            left_out="pictures and drawings")
    return Article(title=title or title_from_name(source_name),
                   standfirst=stated.get(_SUBTITLE, ""),
                   author=stated.get(_AUTHOR) or byline.author or _author(document),
                   date=(iso_date(stated[_DATE]) if _DATE in stated
                         else byline.date or _date(properties)),
                   publisher=byline.publisher, blocks=lead, sections=sections,
                   discarded=discarded)


def _open(data: bytes, source_name: str) -> Any:
    """The python-docx Document, or a clear error for the files people mistake for .docx."""
    import docx
    from docx.opc.exceptions import PackageNotFoundError
    from lxml import etree

    path = source_name or None
    if data.startswith(_OLE_MAGIC):
        raise ArticleImportError(
            path, "is a Word 97-2003 document or a password-protected one, not a .docx file",
            hint="Word 97-2003 .doc files cannot be read; save it as .docx in Word or "
                 "LibreOffice (without a password)")
    if not data.startswith(_ZIP_MAGIC):
        raise ArticleImportError(path, "is not a Word .docx file (it is not a zip archive)",
                                 hint=_SAVE_AS_DOCX)
    check_zip(data, path, ArticleImportError)
    try:
        return docx.Document(io.BytesIO(_as_document(data)))
    except (PackageNotFoundError, KeyError, ValueError) as exc:
        # No [Content_Types].xml, or a main part of another type (a spreadsheet, a slide show).
        logger.debug("python-docx could not open %s: %s", source_name, exc)
        raise ArticleImportError(path, "is a zip archive but not a Word document",
                                 hint=_SAVE_AS_DOCX) from None
    except (*_DAMAGED, zipfile.BadZipFile, zlib.error, EOFError, NotImplementedError,
            etree.XMLSyntaxError) as exc:
        # A cut-off or corrupted archive, a compression zipfile lacks, or broken XML inside.
        logger.debug("damaged Word document %s", source_name, exc_info=exc)
        raise ArticleImportError(path, "is damaged: parts of it cannot be read",
                                 hint=_REPAIR_HINT) from None


_DOCUMENT_TYPE = b"application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"
_KINDRED_TYPES = (
    b"application/vnd.ms-word.document.macroEnabled.main+xml",  # .docm
    b"application/vnd.openxmlformats-officedocument.wordprocessingml.template.main+xml",  # .dotx
    b"application/vnd.ms-word.template.macroEnabledTemplate.main+xml",  # .dotm
)
_CONTENT_TYPES = "[Content_Types].xml"


def _as_document(data: bytes) -> bytes:
    """A macro-enabled document or a template with its main part typed as a plain document,
    which is all python-docx opens; their text is laid out the same way, and macros are never
    read, let alone run. Other archives are returned as they are."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            types = archive.read(_CONTENT_TYPES)
            if not any(kind in types for kind in _KINDRED_TYPES):
                return data
            for kind in _KINDRED_TYPES:
                types = types.replace(kind, _DOCUMENT_TYPE)
            stream = io.BytesIO()
            with zipfile.ZipFile(stream, "w", zipfile.ZIP_DEFLATED) as copy:
                for item in archive.infolist():
                    copy.writestr(item.filename, types if item.filename == _CONTENT_TYPES
                                  else archive.read(item))
            return stream.getvalue()
    except (KeyError, zipfile.BadZipFile, zlib.error, EOFError, NotImplementedError):
        return data  # python-docx reports a missing part or a damaged archive in its words


class _Reader:
    """Reads paragraphs and tables from the document XML.

    Working on the XML rather than python-docx's paragraph objects keeps text that
    ``Paragraph.text`` skips: content controls (``w:sdt``), tracked insertions (``w:ins``),
    smart tags and simple fields. Deleted and moved-away text and text boxes are left out.
    """

    def __init__(self, document: Any) -> None:
        from docx.enum.style import WD_STYLE_TYPE
        from docx.oxml.ns import nsmap, qn
        from lxml import etree

        self._document = document
        self._paragraph_type = WD_STYLE_TYPE.PARAGRAPH
        self._qn = qn
        self.paragraph_tag, self.table_tag = qn("w:p"), qn("w:tbl")
        self._containers = {qn("w:sdt"), qn("w:sdtContent"), qn("w:customXml"),
                            qn("w:ins"), qn("w:smartTag")}
        self._text_nodes = etree.XPath(
            ".//*[(self::w:t or self::w:tab[parent::w:r] or self::w:br or self::w:cr"
            " or self::w:noBreakHyphen) and not(ancestor::w:txbxContent or ancestor::mc:Fallback"
            " or ancestor::w:moveFrom or ancestor::w:del)]",
            namespaces={"w": nsmap["w"],
                        "mc": "http://schemas.openxmlformats.org/markup-compatibility/2006"})
        self._numbering = _Numbering(document)
        self._styles: dict[str | None, _StyleInfo] = {}

    def body_content(self, container: Any) -> Iterator[Any]:
        """Paragraph and table elements in reading order, including those in content controls."""
        for child in container.iterchildren():
            if child.tag in (self.paragraph_tag, self.table_tag):
                yield child
            elif child.tag in self._containers:
                yield from self.body_content(child)

    def text(self, element: Any) -> str:
        t_tag, no_break = self._qn("w:t"), self._qn("w:noBreakHyphen")
        parts = []
        for node in self._text_nodes(element):
            if node.tag == t_tag:
                # itertext, not .text: the XML parser leaves an entity reference unexpanded
                # (no entity bombs), and the text after it is the reference's tail.
                parts.append("".join(node.itertext()))
            else:
                parts.append("-" if node.tag == no_break else " ")
        return clean_text("".join(parts))

    def role(self, paragraph: Any) -> _Role:
        """The paragraph's role from its style (or one it is based on) and its own properties.

        A named style decides first; then an outline level (the paragraph's, else its style's);
        then Word numbering (the paragraph's, else its style's).
        """
        ppr = paragraph.pPr
        style_id = ppr.pStyle.val if ppr is not None and ppr.pStyle is not None else None
        style = self._style_info(style_id)
        if style.role is not None:
            return style.role
        outline_level = _outline_level(ppr)
        if outline_level is None:
            outline_level = style.outline_level
        if outline_level is not None:
            return _Role(level=outline_level)
        kind = self._numbering.kind(self._numbering_of(paragraph))
        return _Role(kind=kind) if kind else _Role()

    def _style_info(self, style_id: str | None) -> _StyleInfo:
        """What a paragraph style and the styles it is based on say; cached per style."""
        cached = self._styles.get(style_id)
        if cached is not None:
            return cached
        style = self._document.part.get_style(style_id, self._paragraph_type)
        role: _Role | None = None
        outline_level: int | None = None
        numbering: NumberingRef | None = None
        for _ in range(_MAX_STYLE_DEPTH):
            if style is None:
                break
            ppr = style.element.pPr
            if numbering is None:
                numbering = self._numbering.reference(ppr)
            role = _named_role((style.name or "").strip().lower())
            if role is not None:
                break
            if outline_level is None:
                outline_level = _outline_level(ppr)
            style = style.base_style
        info = _StyleInfo(role, outline_level, numbering)
        self._styles[style_id] = info
        return info

    def heading_number(self, paragraph: Any) -> int | None:
        """The number Word's own list numbering puts before a heading, if it numbers it."""
        return self._numbering.count(self._numbering_of(paragraph))

    def _numbering_of(self, paragraph: Any) -> NumberingRef | None:
        ppr = paragraph.pPr
        if _has_numbering(ppr):
            return self._numbering.reference(ppr)
        style_id = ppr.pStyle.val if ppr is not None and ppr.pStyle is not None else None
        return self._style_info(style_id).numbering

    def table_rows(self, table: Any) -> list[Block]:
        """One paragraph per row, cells joined by `` | ``; merged cells are one ``w:tc``."""
        blocks = []
        for row in table.iterchildren(self._qn("w:tr")):
            cells = [" ".join(filter(None, (self.text(p) for p in cell.iter(self.paragraph_tag))))
                     for cell in row.iterchildren(self._qn("w:tc"))]
            cells = [cell for cell in cells if cell]
            if cells:
                blocks.append(Block(BlockKind.PARAGRAPH, " | ".join(cells)))
        return blocks


@dataclass(frozen=True)
class _StyleInfo:
    role: _Role | None = None
    outline_level: int | None = None
    numbering: NumberingRef | None = None


def _has_numbering(ppr: Any) -> bool:
    return ppr is not None and ppr.numPr is not None


def _named_role(name: str) -> _Role | None:
    """The role of a built-in style by its (English, lower-case) name, or None."""
    heading = _HEADING_STYLE.match(name)
    if heading:
        return _Role(level=int(heading.group(1)))
    if name in (_TITLE, _SUBTITLE, _AUTHOR, _DATE):
        return _Role(special=name)
    if name.startswith(("toc ", "contents ", "table of figures")) or name == "toc heading":
        # Word's names, then LibreOffice's ("Contents 1", "Contents Heading").
        return _Role(special=_CONTENTS)
    if name == _CAPTION:
        return _Role(special=name)
    if name in _QUOTE_STYLES:
        return _Role(kind=BlockKind.QUOTE)
    if name.startswith("list bullet"):
        return _Role(kind=BlockKind.BULLET)
    if name.startswith("list number"):
        return _Role(kind=BlockKind.NUMBERED)
    return None


def _outline_level(ppr: Any) -> int | None:
    """A heading level from ``w:outlineLvl`` (0-8; 9 means body text), or None."""
    if ppr is None:
        return None
    from docx.oxml.ns import qn

    element = ppr.find(qn("w:outlineLvl"))
    value = element.get(qn("w:val")) if element is not None else None
    if value is None or not value.isdigit() or int(value) > 8:
        return None
    return int(value) + 1


NumberingRef = tuple[str, int]
"""A paragraph's Word list: the ``w:numId`` and the level (``w:ilvl``)."""


class _Numbering:
    """What a paragraph's Word numbering draws (bullet or number), and the number it reaches."""

    def __init__(self, document: Any) -> None:
        from docx.oxml.ns import qn

        self._qn = qn
        self._formats: dict[tuple[str, int], tuple[str, int]] = {}
        self._abstract_of: dict[str, str] = {}
        self._counters: dict[str, dict[int, int]] = {}
        try:
            root = document.part.numbering_part.element
        except (KeyError, NotImplementedError, AttributeError):
            return
        for num in root.findall(qn("w:num")):
            abstract = num.find(qn("w:abstractNumId"))
            if abstract is not None:
                self._abstract_of[num.get(qn("w:numId"), "")] = abstract.get(qn("w:val"), "")
        for abstract in root.findall(qn("w:abstractNum")):
            abstract_id = abstract.get(qn("w:abstractNumId"), "")
            for level in abstract.findall(qn("w:lvl")):
                fmt, start = level.find(qn("w:numFmt")), level.find(qn("w:start"))
                start_value = start.get(qn("w:val"), "1") if start is not None else "1"
                key = (abstract_id, _int(level.get(qn("w:ilvl"), "0")))
                self._formats[key] = (fmt.get(qn("w:val"), "") if fmt is not None else "",
                                      _int(start_value, 1))

    def reference(self, ppr: Any) -> NumberingRef | None:
        """The list a paragraph (or style) properties put it in; None without one or numId 0."""
        qn = self._qn
        num_pr = ppr.find(qn("w:numPr")) if ppr is not None else None
        if num_pr is None:
            return None
        num_id_element = num_pr.find(qn("w:numId"))
        num_id = num_id_element.get(qn("w:val"), "") if num_id_element is not None else ""
        if num_id in ("", "0"):
            return None
        level_element = num_pr.find(qn("w:ilvl"))
        level = level_element.get(qn("w:val"), "0") if level_element is not None else "0"
        return num_id, _int(level)

    def kind(self, reference: NumberingRef | None) -> BlockKind | None:
        """BULLET or NUMBERED; None for no list or a level that draws nothing."""
        if reference is None:
            return None
        fmt = self._format(reference)[0] or "bullet"
        if fmt == "none":
            return None
        return BlockKind.BULLET if fmt == "bullet" else BlockKind.NUMBERED

    def count(self, reference: NumberingRef | None) -> int | None:
        """The number Word shows on this paragraph (the next at its level), for numbered levels.

        Counting follows the list definition, so headings numbered 1, 1.1, 1.2, 2 by Word get
        1, 1, 2, 2 (the number at their own level; nesting gives the rest).
        """
        if self.kind(reference) is not BlockKind.NUMBERED or reference is None:
            return None
        abstract_id = self._abstract_of.get(reference[0], "")
        level = reference[1]
        counters = self._counters.setdefault(abstract_id, {})
        counters[level] = counters.get(level, self._format(reference)[1] - 1) + 1
        for deeper in [other for other in counters if other > level]:
            del counters[deeper]
        return counters[level]

    def _format(self, reference: NumberingRef) -> tuple[str, int]:
        abstract_id = self._abstract_of.get(reference[0], "")
        return self._formats.get((abstract_id, reference[1]), ("", 1))


def _int(value: str, default: int = 0) -> int:
    return int(value) if value.isdigit() else default


_CORE_PROPERTIES_TYPE = "application/vnd.openxmlformats-package.core-properties+xml"
_CORE_NAMESPACES = {"title": "http://purl.org/dc/elements/1.1/",
                    "creator": "http://purl.org/dc/elements/1.1/"}


def _core_text(document: Any, name: str) -> str:
    """A text core property (``title``, ``creator``) in full.

    python-docx gives an element's ``.text``, which stops at an entity reference the XML parser
    left unexpanded (it expands none, against entity bombs); the text after it is the
    reference's tail, so the element's whole text is read here.
    """
    for part in document.part.package.iter_parts():
        if part.content_type == _CORE_PROPERTIES_TYPE:
            element = part.element.find(f"{{{_CORE_NAMESPACES[name]}}}{name}")
            return "" if element is None else "".join(element.itertext())
    return ""


def _author(document: Any) -> str:
    author = clean_text(_core_text(document, "creator"))
    return "" if author == _TEMPLATE_AUTHOR else author


def _date(properties: Any) -> str:
    created = properties.created
    if not isinstance(created, dt.datetime):
        return ""
    if created.tzinfo is None:
        created = created.replace(tzinfo=dt.UTC)
    return "" if created == _TEMPLATE_CREATED else created.date().isoformat()
