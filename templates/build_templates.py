"""Rebuild the built-in Word templates (``*.docx`` in this folder) from code.

Run from the project root: ``python templates/build_templates.py``. The script writes each
package part as XML by hand so the files hold exactly the styles, numbering, header and footer the
writer needs and nothing else, and so a rebuild gives byte-identical files (fixed zip dates).
It needs only the standard library, so it runs without the project installed.

Each template defines the same named styles (see ``briefing/core/export/docx_styles.py``); they
differ in fonts, colours, spacing and letterhead. Headers and footers carry the placeholders
``{{ classification }}`` and ``{{ title }}`` and the PAGE / NUMPAGES fields; the body holds the
letterhead and a ``{{ content }}`` paragraph where the note goes.
"""

from __future__ import annotations

import zipfile
from dataclasses import dataclass
from pathlib import Path
from xml.sax.saxutils import escape

HERE = Path(__file__).resolve().parent
ZIP_DATE = (2026, 1, 1, 0, 0, 0)
A4_WIDTH, A4_HEIGHT = 11906, 16838

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
R_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PKG_REL_NS = "http://schemas.openxmlformats.org/package/2006/relationships"
DOC_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
XML_HEAD = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
WORD_ROOT_ATTRS = f'xmlns:w="{W_NS}" xmlns:r="{R_NS}"'


@dataclass(frozen=True)
class Look:
    """What sets one template apart from the others."""

    name: str
    title: str
    letterhead: str
    body_font: str
    heading_font: str
    body_size: int
    """Half-points (22 = 11 pt)."""
    accent: str
    """Hex colour of headings and rules."""
    margins_twips: tuple[int, int, int, int]
    """Top, right, bottom, left."""
    line: int
    """Line spacing in 240ths of a line (264 = 1.1)."""
    after: int
    """Space after a body paragraph, in twips."""
    logic: bool = False
    """Whether the body shows Jinja: fields, a row per picked item, an approval block."""


LOOKS = (
    Look("briefing-note", "Briefing note", "BRIEFING NOTE", "Arial", "Arial", 22, "1F3864",
         (1304, 1304, 1304, 1304), 259, 140),
    Look("one-page-brief", "One-page brief", "ONE-PAGE BRIEF", "Calibri", "Calibri", 21,
         "0E5A63", (1077, 1134, 1077, 1134), 247, 100),
    Look("reading-pack", "Reading pack", "READING PACK", "Cambria", "Calibri", 22, "6B1F2A",
         (1247, 1417, 1247, 1417), 276, 140),
    Look("decision-note", "Decision note", "DECISION NOTE", "Arial", "Arial", 22, "2F4F2F",
         (1247, 1247, 1247, 1247), 259, 120, logic=True),
)


def text_width(look: Look) -> int:
    """The width between the margins of an A4 page, in twips (for right-aligned tab stops)."""
    _, right, _, left = look.margins_twips
    return A4_WIDTH - right - left


# --- small XML builders -------------------------------------------------------------------------

def _run(text: str, rpr: str = "") -> str:
    rpr_xml = f"<w:rPr>{rpr}</w:rPr>" if rpr else ""
    return f'<w:r>{rpr_xml}<w:t xml:space="preserve">{escape(text)}</w:t></w:r>'


def _field(instruction: str, shown: str) -> str:
    """A complex field (begin / instruction / separate / cached result / end)."""
    return (f'<w:r><w:fldChar w:fldCharType="begin"/></w:r>'
            f'<w:r><w:instrText xml:space="preserve"> {instruction} </w:instrText></w:r>'
            f'<w:r><w:fldChar w:fldCharType="separate"/></w:r>'
            f'<w:r><w:t>{shown}</w:t></w:r>'
            f'<w:r><w:fldChar w:fldCharType="end"/></w:r>')


def _para(style: str, content: str, ppr: str = "") -> str:
    return f'<w:p><w:pPr><w:pStyle w:val="{style}"/>{ppr}</w:pPr>{content}</w:p>'


def _fonts(font: str) -> str:
    return (f'<w:rFonts w:ascii="{font}" w:hAnsi="{font}" w:cs="{font}" '
            f'w:eastAsia="{font}"/>')


def _spacing(before: int = 0, after: int = 0, line: int | None = None) -> str:
    line_attr = f' w:line="{line}" w:lineRule="auto"' if line else ""
    return f'<w:spacing w:before="{before}" w:after="{after}"{line_attr}/>'


def _style(kind: str, style_id: str, name: str, *, based_on: str = "", next_id: str = "",
           ppr: str = "", rpr: str = "", tblpr: str = "", tcpr: str = "", extra: str = "",
           default: bool = False, priority: int = 20, hidden: bool = False) -> str:
    parts = [f'<w:name w:val="{name}"/>']
    if based_on:
        parts.append(f'<w:basedOn w:val="{based_on}"/>')
    if next_id:
        parts.append(f'<w:next w:val="{next_id}"/>')
    parts.append(f'<w:uiPriority w:val="{priority}"/>')
    if hidden:
        parts.append("<w:semiHidden/><w:unhideWhenUsed/>")
    else:
        parts.append("<w:qFormat/>")
    if ppr:
        parts.append(f"<w:pPr>{ppr}</w:pPr>")
    if rpr:
        parts.append(f"<w:rPr>{rpr}</w:rPr>")
    if tblpr:
        parts.append(f"<w:tblPr>{tblpr}</w:tblPr>")
    if tcpr:
        parts.append(f"<w:tcPr>{tcpr}</w:tcPr>")
    parts.append(extra)
    default_attr = ' w:default="1"' if default else ""
    return (f'<w:style w:type="{kind}"{default_attr} w:styleId="{style_id}">'
            f'{"".join(parts)}</w:style>')


_EMPHASIS_PARTS = (("Strong", "<w:b/><w:bCs/>", 22), ("Emphasis", "<w:i/><w:iCs/>", 20),
                   ("Strikethrough", "<w:strike/>", 23))


def _emphasis_styles() -> list[str]:
    """Strong, Emphasis, Strikethrough and a style for each mix of them ("Strong Emphasis"...):
    a run has one character style, and the writer never formats a run directly."""
    result = []
    for mask in range(1, 8):
        chosen = [part for bit, part in enumerate(_EMPHASIS_PARTS) if mask & (1 << bit)]
        name = " ".join(part[0] for part in chosen)
        result.append(_style("character", name.replace(" ", ""), name,
                             based_on="DefaultParagraphFont", priority=chosen[0][2],
                             hidden=len(chosen) > 1,
                             rpr="".join(part[1] for part in chosen)))
    return result


def _border(side: str, colour: str, size: int = 6, space: int = 1) -> str:
    return f'<w:{side} w:val="single" w:sz="{size}" w:space="{space}" w:color="{colour}"/>'


# --- parts ------------------------------------------------------------------------------------

def styles_xml(look: Look) -> str:
    """Every style the writer uses, in this template's look."""
    accent = look.accent
    size = look.body_size
    width = text_width(look)
    heading_fonts = _fonts(look.heading_font)
    body_line = _spacing(0, look.after, look.line)
    list_spacing = _spacing(0, look.after // 2, look.line)
    styles = [
        _style("paragraph", "Normal", "Normal", default=True, priority=0,
               ppr=_spacing(0, look.after, look.line)),
        _style("character", "DefaultParagraphFont", "Default Paragraph Font", default=True,
               priority=1, hidden=True),
        _style("table", "TableNormal", "Normal Table", default=True, priority=99, hidden=True,
               tblpr='<w:tblInd w:w="0" w:type="dxa"/><w:tblCellMar>'
                     '<w:top w:w="0" w:type="dxa"/><w:left w:w="108" w:type="dxa"/>'
                     '<w:bottom w:w="0" w:type="dxa"/><w:right w:w="108" w:type="dxa"/>'
                     '</w:tblCellMar>'),
        _style("numbering", "NoList", "No List", default=True, priority=99, hidden=True),
        _style("paragraph", "BodyText", "Body Text", based_on="Normal", priority=1,
               ppr=body_line),
        _style("paragraph", "Letterhead", "Letterhead", based_on="Normal", next_id="Title",
               ppr=(f'<w:pBdr>{_border("bottom", accent, 12, 4)}</w:pBdr>'
                    + f'<w:tabs><w:tab w:val="right" w:pos="{width}"/></w:tabs>'
                    + _spacing(0, 360)),
               rpr=(heading_fonts + f'<w:b/><w:caps/><w:color w:val="{accent}"/>'
                    '<w:spacing w:val="40"/><w:sz w:val="20"/>')),
        _style("paragraph", "Title", "Title", based_on="Normal", next_id="BodyText", priority=10,
               ppr='<w:keepNext/>' + _spacing(0, 200) + '<w:contextualSpacing/>',
               rpr=(heading_fonts + f'<w:b/><w:color w:val="{accent}"/>'
                    f'<w:kern w:val="28"/><w:sz w:val="{size + 14}"/>')),
        _style("paragraph", "Subtitle", "Subtitle", based_on="Normal", next_id="BodyText",
               priority=11, ppr=_spacing(0, 240),
               rpr=heading_fonts + f'<w:color w:val="595959"/><w:sz w:val="{size + 2}"/>'),
    ]
    heading_sizes = (size + 6, size + 3, size + 1, size, size, size)
    for level in range(1, 7):
        rule = (f'<w:pBdr>{_border("bottom", accent, 4, 2)}</w:pBdr>' if level == 1 else "")
        emphasis = "<w:b/>" if level <= 3 else "<w:b/><w:i/>"
        colour = accent if level <= 2 else "262626"
        styles.append(_style(
            "paragraph", f"Heading{level}", f"heading {level}", based_on="Normal",
            next_id="BodyText", priority=9,
            ppr=(f"<w:keepNext/><w:keepLines/>{rule}"
                 + _spacing(280 if level == 1 else 200, 80 if level > 1 else 100)
                 + f'<w:outlineLvl w:val="{level - 1}"/>'),
            rpr=heading_fonts + f'{emphasis}<w:color w:val="{colour}"/>'
                                f'<w:sz w:val="{heading_sizes[level - 1]}"/>'))
    for base, kind, num_id in (("ListBullet", "List Bullet", 1), ("ListNumber", "List Number", 2)):
        for level in range(3):
            style_id = base if level == 0 else f"{base}{level + 1}"
            name = kind if level == 0 else f"{kind} {level + 1}"
            styles.append(_style(
                "paragraph", style_id, name, based_on="Normal", priority=36,
                ppr=(f'<w:numPr><w:ilvl w:val="{level}"/><w:numId w:val="{num_id}"/></w:numPr>'
                     + list_spacing + "<w:contextualSpacing/>")))
    styles += [
        _style("paragraph", "Quote", "Quote", based_on="Normal", next_id="BodyText", priority=29,
               ppr=(f'<w:pBdr>{_border("left", "A6A6A6", 18, 8)}</w:pBdr>'
                    + _spacing(60, 120, look.line) + '<w:ind w:left="567" w:right="567"/>'),
               rpr='<w:i/><w:color w:val="404040"/>'),
        *(_style("paragraph", f"Quote{depth}", f"Quote {depth}", based_on="Quote",
                 next_id="BodyText", priority=29,
                 ppr=f'<w:ind w:left="{567 * depth}" w:right="567"/>')
          for depth in (2, 3)),
        _style("paragraph", "HorizontalRule", "Horizontal Rule", based_on="Normal",
               next_id="BodyText",
               ppr=(f'<w:pBdr>{_border("bottom", accent, 6, 1)}</w:pBdr>'
                    + _spacing(60, 200, 240)),
               rpr='<w:sz w:val="8"/><w:szCs w:val="8"/>'),
        _style("paragraph", "TableHeading", "Table Heading", based_on="Normal",
               ppr="<w:keepNext/>" + _spacing(40, 40, 240),
               rpr=heading_fonts + f'<w:b/><w:bCs/><w:sz w:val="{size - 2}"/>'),
        _style("paragraph", "TableText", "Table Text", based_on="Normal",
               ppr=_spacing(40, 40, 240), rpr=f'<w:sz w:val="{size - 2}"/>'),
        _style("paragraph", "PullQuote", "Pull Quote", based_on="Normal", next_id="BodyText",
               ppr=(f'<w:pBdr>{_border("top", accent, 6, 6)}{_border("bottom", accent, 6, 6)}'
                    '</w:pBdr>' + _spacing(200, 200) + '<w:ind w:left="851" w:right="851"/>'
                    '<w:jc w:val="center"/>'),
               rpr=heading_fonts + f'<w:i/><w:color w:val="{accent}"/>'
                                   f'<w:sz w:val="{size + 4}"/>'),
        _style("paragraph", "HTMLPreformatted", "HTML Preformatted", based_on="Normal",
               priority=99, ppr='<w:shd w:val="clear" w:color="auto" w:fill="F2F2F2"/>'
                                + _spacing(60, 120, 240) + '<w:ind w:left="284"/>',
               rpr=_fonts("Courier New") + '<w:sz w:val="18"/>'),
        _style("paragraph", "SourceLine", "Source Line", based_on="Normal", next_id="BodyText",
               ppr="<w:keepNext/><w:keepLines/>" + _spacing(0, 160),
               rpr=heading_fonts + f'<w:i/><w:color w:val="595959"/><w:sz w:val="{size - 3}"/>'),
        _style("paragraph", "SourceEntry", "Source Entry", based_on="Normal",
               ppr=_spacing(0, 80) + '<w:ind w:left="425" w:hanging="425"/>',
               rpr=f'<w:sz w:val="{size - 2}"/>'),
        # No keep-with-next here: in the box's only row it would keep the whole box with the
        # text after it, so a long note would jump to the next page instead of splitting.
        _style("paragraph", "NoteLabel", "Note Label", based_on="Normal", next_id="NoteText",
               ppr=_spacing(0, 60),
               rpr=(heading_fonts + f'<w:b/><w:caps/><w:color w:val="{accent}"/>'
                    '<w:spacing w:val="20"/><w:sz w:val="16"/>')),
        _style("paragraph", "NoteText", "Note Text", based_on="Normal",
               ppr=_spacing(0, 80, look.line), rpr=f'<w:sz w:val="{size - 2}"/>'),
        _style("paragraph", "FieldLabel", "Field Label", based_on="Normal",
               ppr=_spacing(40, 40), rpr=heading_fonts + '<w:b/><w:color w:val="404040"/>'),
        _style("paragraph", "FieldValue", "Field Value", based_on="Normal",
               ppr=_spacing(40, 40)),
        _style("paragraph", "Classification", "Classification", based_on="Normal",
               ppr=_spacing(0, 0) + '<w:jc w:val="center"/>',
               rpr=(_fonts("Arial") + '<w:b/><w:caps/><w:color w:val="C00000"/>'
                    '<w:spacing w:val="20"/><w:sz w:val="20"/>')),
        _style("paragraph", "Header", "header", based_on="Normal", priority=99, hidden=True,
               ppr=f'<w:tabs><w:tab w:val="center" w:pos="{width // 2}"/>'
                   f'<w:tab w:val="right" w:pos="{width}"/></w:tabs>' + _spacing(0, 0),
               rpr='<w:sz w:val="16"/>'),
        _style("paragraph", "Footer", "footer", based_on="Normal", priority=99, hidden=True,
               ppr=(f'<w:pBdr>{_border("top", "BFBFBF", 4, 4)}</w:pBdr>'
                    f'<w:tabs><w:tab w:val="right" w:pos="{width}"/></w:tabs>'
                    + _spacing(60, 0)),
               rpr=heading_fonts + '<w:color w:val="595959"/><w:sz w:val="16"/>'),
        _style("paragraph", "FooterClassification", "Footer Classification",
               based_on="Classification", ppr=_spacing(60, 0)),
        _style("paragraph", "FootnoteText", "footnote text", based_on="Normal", priority=99,
               hidden=True, ppr=_spacing(0, 40, 240) + '<w:ind w:left="227" w:hanging="227"/>',
               rpr='<w:sz w:val="17"/>'),
        _style("paragraph", "CommentText", "annotation text", based_on="Normal", priority=99,
               hidden=True, ppr=_spacing(0, 60, 240), rpr='<w:sz w:val="20"/>'),
        _style("character", "Hyperlink", "Hyperlink", based_on="DefaultParagraphFont",
               priority=99, hidden=True, rpr='<w:color w:val="0B5CAD"/><w:u w:val="single"/>'),
        _style("character", "StrongHyperlink", "Strong Hyperlink", based_on="Hyperlink",
               priority=99, hidden=True, rpr="<w:b/><w:bCs/>"),
        *_emphasis_styles(),
        _style("character", "HTMLCode", "HTML Code", based_on="DefaultParagraphFont",
               priority=99, hidden=True,
               rpr=_fonts("Courier New") + '<w:sz w:val="19"/><w:shd w:val="clear" '
                                           'w:color="auto" w:fill="F2F2F2"/>'),
        _style("character", "FootnoteReference", "footnote reference",
               based_on="DefaultParagraphFont", priority=99, hidden=True,
               rpr='<w:vertAlign w:val="superscript"/>'),
        _style("character", "CommentReference", "annotation reference",
               based_on="DefaultParagraphFont", priority=99, hidden=True,
               rpr='<w:sz w:val="16"/>'),
        _style("table", "DetailsTable", "Details Table", based_on="TableNormal", priority=59,
               tblpr=('<w:tblBorders>' + _border("top", accent, 8, 0)
                      + _border("bottom", accent, 8, 0)
                      + _border("insideH", "D9D9D9", 4, 0) + '</w:tblBorders>'
                      '<w:tblCellMar><w:top w:w="28" w:type="dxa"/>'
                      '<w:left w:w="85" w:type="dxa"/><w:bottom w:w="28" w:type="dxa"/>'
                      '<w:right w:w="85" w:type="dxa"/></w:tblCellMar>')),
        _style("table", "NoteBox", "Note Box", based_on="TableNormal", priority=59,
               tblpr=('<w:tblBorders>' + _border("top", accent, 6, 0)
                      + _border("left", accent, 24, 0) + _border("bottom", accent, 6, 0)
                      + _border("right", accent, 6, 0) + '</w:tblBorders>'
                      '<w:tblCellMar><w:top w:w="85" w:type="dxa"/>'
                      '<w:left w:w="170" w:type="dxa"/><w:bottom w:w="57" w:type="dxa"/>'
                      '<w:right w:w="170" w:type="dxa"/></w:tblCellMar>'),
               tcpr='<w:shd w:val="clear" w:color="auto" w:fill="F5F5F2"/>'),
        _style("table", "NoteTable", "Note Table", based_on="TableNormal", priority=59,
               tblpr=('<w:tblBorders>' + _border("top", accent, 8, 0)
                      + _border("bottom", accent, 8, 0) + _border("insideH", "BFBFBF", 4, 0)
                      + _border("insideV", "BFBFBF", 4, 0) + '</w:tblBorders>'
                      '<w:tblCellMar><w:top w:w="28" w:type="dxa"/>'
                      '<w:left w:w="85" w:type="dxa"/><w:bottom w:w="28" w:type="dxa"/>'
                      '<w:right w:w="85" w:type="dxa"/></w:tblCellMar>'),
               extra=('<w:tblStylePr w:type="firstRow"><w:tcPr><w:tcBorders>'
                      + _border("bottom", accent, 8, 0) + '</w:tcBorders>'
                      '<w:shd w:val="clear" w:color="auto" w:fill="F2F2F2"/></w:tcPr>'
                      '</w:tblStylePr>')),
    ]
    defaults = (
        "<w:docDefaults><w:rPrDefault><w:rPr>" + _fonts(look.body_font)
        + f'<w:sz w:val="{size}"/><w:szCs w:val="{size}"/>'
        '<w:lang w:val="en-GB" w:eastAsia="en-GB" w:bidi="ar-SA"/></w:rPr></w:rPrDefault>'
        f"<w:pPrDefault><w:pPr>{_spacing(0, look.after, look.line)}</w:pPr></w:pPrDefault>"
        "</w:docDefaults>")
    return (XML_HEAD + f"<w:styles {WORD_ROOT_ATTRS}>{defaults}{''.join(styles)}</w:styles>")


def _list_levels(bullet: bool) -> str:
    glyphs = ("\u2022", "\u2013", "\u25aa")
    formats = (("decimal", "%1."), ("lowerLetter", "%2)"), ("lowerRoman", "%3."))
    levels = []
    for level in range(9):
        left = 360 + 360 * level
        if bullet:
            num_fmt, text = "bullet", glyphs[level % 3]
        else:
            num_fmt, pattern = formats[level % 3]
            text = pattern.replace(pattern[1], str(level + 1), 1)
        levels.append(
            f'<w:lvl w:ilvl="{level}"><w:start w:val="1"/><w:numFmt w:val="{num_fmt}"/>'
            f'<w:lvlText w:val="{escape(text)}"/><w:lvlJc w:val="left"/>'
            f'<w:pPr><w:ind w:left="{left}" w:hanging="360"/></w:pPr></w:lvl>')
    return "".join(levels)


def numbering_xml() -> str:
    """One bullet and one numbered multi-level list; the list styles point at them."""
    return (XML_HEAD + f"<w:numbering {WORD_ROOT_ATTRS}>"
            '<w:abstractNum w:abstractNumId="0"><w:multiLevelType w:val="hybridMultilevel"/>'
            f'<w:name w:val="Briefing Bullets"/>{_list_levels(True)}</w:abstractNum>'
            '<w:abstractNum w:abstractNumId="1"><w:multiLevelType w:val="hybridMultilevel"/>'
            f'<w:name w:val="Briefing Numbers"/>{_list_levels(False)}</w:abstractNum>'
            '<w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num>'
            '<w:num w:numId="2"><w:abstractNumId w:val="1"/></w:num>'
            "</w:numbering>")


def _cell(width: int, paragraphs: str) -> str:
    return f'<w:tc><w:tcPr><w:tcW w:w="{width}" w:type="dxa"/></w:tcPr>{paragraphs}</w:tc>'


def _row(widths: tuple[int, ...], cells: tuple[str, ...], header: bool = False) -> str:
    props = "<w:trPr><w:cantSplit/><w:tblHeader/></w:trPr>" if header else \
        "<w:trPr><w:cantSplit/></w:trPr>"
    return f"<w:tr>{props}" + "".join(_cell(width, cell) for width, cell in
                                       zip(widths, cells, strict=True)) + "</w:tr>"


def _table(widths: tuple[int, ...], rows: str) -> str:
    grid = "".join(f'<w:gridCol w:w="{width}"/>' for width in widths)
    return ('<w:tbl><w:tblPr><w:tblStyle w:val="DetailsTable"/>'
            f'<w:tblW w:w="{sum(widths)}" w:type="dxa"/><w:tblLayout w:type="fixed"/>'
            '<w:tblLook w:val="0000" w:firstRow="0" w:lastRow="0" w:firstColumn="0" '
            'w:lastColumn="0" w:noHBand="1" w:noVBand="1"/></w:tblPr>'
            f"<w:tblGrid>{grid}</w:tblGrid>{rows}</w:tbl>")


def _logic_body(look: Look) -> str:
    """A letterhead made of Jinja: the details, a row per picked item, an approval block."""
    width = text_width(look)
    label = 2400
    details = (("Action required", '{{ briefing.action_required or "Information" }}'),
               ("To", "{{ briefing.to }}"), ("From", "{{ briefing.from }}"),
               ("Date", '{{ briefing.date | date("EEEE d MMMM y") }}'),
               ("Drafted by", '{{ [briefing.drafted_by.name, briefing.drafted_by.unit] | select '
                              '| join(", ") }}{% if briefing.drafted_by.contact %} '
                              "({{ briefing.drafted_by.contact }}){% endif %}"),
               ("File number", "{{ briefing.file_number }}"))
    detail_rows = "".join(_row((label, width - label), (_para("FieldLabel", _run(name)),
                                                        _para("FieldValue", _run(value))))
                          for name, value in details)
    columns = (700, width - 700 - 3400, 3400)
    loop = (_row(columns, (_para("FieldLabel", _run("No.")), _para("FieldLabel", _run("Issue")),
                           _para("FieldLabel", _run("Source"))), header=True)
            + _row(columns, (_para("FieldValue", _run("{%tr for item in items %}")), "<w:p/>",
                             "<w:p/>"))
            + _row(columns, (_para("FieldValue", _run("{{ item.number }}")),
                             _para("FieldValue", _run("{{ item.heading }}"))
                             # An excerpt is quoted by its words; a whole section by its heading.
                             + _para("FieldValue", _run("{%p if item.excerpt %}"))
                             + _para("FieldValue", _run("\u201c{{ item.text }}\u201d"))
                             + _para("FieldValue", _run("{%p endif %}"))
                             # The note's paragraphs and list items, each on its own line.
                             + _para("FieldValue", _run("{%p for line in item.note_paragraphs %}"))
                             + _para("FieldValue", _run("{{ line }}"))
                             + _para("FieldValue", _run("{%p endfor %}")),
                             # The title links to the article: a long address broke mid-word.
                             _para("FieldValue", _run("{{ item.source_link }}"))))
            + _row(columns, (_para("FieldValue", _run("{%tr endfor %}")), "<w:p/>", "<w:p/>")))
    return (_para("Letterhead", _run(look.letterhead))
            + _para("Title", _run("{{ briefing.title }}"))
            + _para("Subtitle", _run("{%p if briefing.second_title %}"))
            + _para("Subtitle", _run("{{ briefing.second_title }}"))
            + _para("Subtitle", _run("{%p endif %}"))
            + _table((label, width - label), detail_rows)
            + _para("Heading1", _run("Issues at a glance"))
            + _table(columns, loop)
            + _para("BodyText", _run("{{ content }}"))
            + _para("Heading1", _run("{%p if briefing.approved_by %}"))
            + _para("Heading1", _run("Approval"))
            # One row that cannot split keeps the block on one page.
            + _table((width,), _row((width,), (
                _para("FieldValue", _run("Approved by {{ briefing.approved_by }}"))
                + _para("FieldValue", _run("Signature: ____________________    "
                                           "Date: ____________")),)))
            + _para("Heading1", _run("{%p endif %}")))


def document_xml(look: Look) -> str:
    """The letterhead, the ``{{ content }}`` marker and the page set-up."""
    top, right, bottom, left = look.margins_twips
    body = ((_logic_body(look) if look.logic else
             _para("Letterhead", _run(look.letterhead)) + _para("BodyText", _run("{{ content }}")))
            + '<w:sectPr><w:headerReference w:type="default" r:id="rIdHeader1"/>'
              '<w:footerReference w:type="default" r:id="rIdFooter1"/>'
              '<w:footnotePr><w:numFmt w:val="decimal"/></w:footnotePr>'
               f'<w:pgSz w:w="{A4_WIDTH}" w:h="{A4_HEIGHT}"/>'
              f'<w:pgMar w:top="{top}" w:right="{right}" w:bottom="{bottom}" w:left="{left}" '
              'w:header="567" w:footer="510" w:gutter="0"/>'
              '<w:cols w:space="708"/></w:sectPr>')
    return XML_HEAD + f"<w:document {WORD_ROOT_ATTRS}><w:body>{body}</w:body></w:document>"


def _marking(look: Look) -> str:
    """The marking, with any caveats placed by logic (a plain template gets them with the
    classification from the writer)."""
    caveats = ("{% if briefing.caveats %} \u2013 {{ briefing.caveats }}{% endif %}"
               if look.logic else "")
    return _run("{{ classification }}" + caveats)


def header_xml(look: Look) -> str:
    """The classification marking at the top of every page."""
    return (XML_HEAD + f"<w:hdr {WORD_ROOT_ATTRS}>"
            + _para("Classification", _marking(look))
            + "</w:hdr>")


def footer_xml(look: Look) -> str:
    """The note's title and "Page X of Y", then the marking at the bottom of every page.

    No-break spaces keep "Page X of Y" whole when a long title pushes it to the next line.
    """
    page = (_run("{{ title }}") + '<w:r><w:tab/></w:r>' + _run("Page\u00a0")
            + _field("PAGE", "1") + _run("\u00a0of\u00a0") + _field("NUMPAGES", "1"))
    return (XML_HEAD + f"<w:ftr {WORD_ROOT_ATTRS}>"
            + _para("Footer", page)
            + _para("FooterClassification", _marking(look))
            + "</w:ftr>")


def footnotes_xml() -> str:
    """Only the separator footnotes Word expects; the writer adds the citations."""
    return (XML_HEAD + f"<w:footnotes {WORD_ROOT_ATTRS}>"
            '<w:footnote w:type="separator" w:id="-1"><w:p><w:pPr><w:spacing w:after="0" '
            'w:line="240" w:lineRule="auto"/></w:pPr><w:r><w:separator/></w:r></w:p></w:footnote>'
            '<w:footnote w:type="continuationSeparator" w:id="0"><w:p><w:pPr><w:spacing '
            'w:after="0" w:line="240" w:lineRule="auto"/></w:pPr><w:r><w:continuationSeparator/>'
            "</w:r></w:p></w:footnote></w:footnotes>")


def settings_xml() -> str:
    return (XML_HEAD + f"<w:settings {WORD_ROOT_ATTRS}>"
            '<w:zoom w:percent="100"/><w:defaultTabStop w:val="709"/>'
            '<w:characterSpacingControl w:val="doNotCompress"/>'
            '<w:footnotePr><w:footnote w:id="-1"/><w:footnote w:id="0"/></w:footnotePr>'
            '<w:compat><w:compatSetting w:name="compatibilityMode" '
            'w:uri="http://schemas.microsoft.com/office/word" w:val="15"/></w:compat>'
            "</w:settings>")


def content_types_xml() -> str:
    main = "application/vnd.openxmlformats-officedocument.wordprocessingml"
    overrides = {
        "/word/document.xml": f"{main}.document.main+xml",
        "/word/styles.xml": f"{main}.styles+xml",
        "/word/numbering.xml": f"{main}.numbering+xml",
        "/word/settings.xml": f"{main}.settings+xml",
        "/word/header1.xml": f"{main}.header+xml",
        "/word/footer1.xml": f"{main}.footer+xml",
        "/word/footnotes.xml": f"{main}.footnotes+xml",
        "/docProps/core.xml": "application/vnd.openxmlformats-package.core-properties+xml",
        "/docProps/app.xml": ("application/vnd.openxmlformats-officedocument."
                              "extended-properties+xml"),
    }
    items = "".join(f'<Override PartName="{name}" ContentType="{kind}"/>'
                    for name, kind in overrides.items())
    return (XML_HEAD + '<Types xmlns="http://schemas.openxmlformats.org/package/2006/'
            'content-types"><Default Extension="rels" ContentType="application/'
            'vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" '
            f'ContentType="application/xml"/>{items}</Types>')


def _rels(entries: list[tuple[str, str, str]]) -> str:
    items = "".join(f'<Relationship Id="{rid}" Type="{kind}" Target="{target}"/>'
                    for rid, kind, target in entries)
    return XML_HEAD + f'<Relationships xmlns="{PKG_REL_NS}">{items}</Relationships>'


def package_rels() -> str:
    return _rels([
        ("rId1", f"{DOC_REL}/officeDocument", "word/document.xml"),
        ("rId2", "http://schemas.openxmlformats.org/package/2006/relationships/metadata/"
                 "core-properties", "docProps/core.xml"),
        ("rId3", f"{DOC_REL}/extended-properties", "docProps/app.xml"),
    ])


def document_rels() -> str:
    return _rels([
        ("rIdStyles", f"{DOC_REL}/styles", "styles.xml"),
        ("rIdNumbering", f"{DOC_REL}/numbering", "numbering.xml"),
        ("rIdSettings", f"{DOC_REL}/settings", "settings.xml"),
        ("rIdHeader1", f"{DOC_REL}/header", "header1.xml"),
        ("rIdFooter1", f"{DOC_REL}/footer", "footer1.xml"),
        ("rIdFootnotes", f"{DOC_REL}/footnotes", "footnotes.xml"),
    ])


def core_xml(look: Look) -> str:
    return (XML_HEAD + '<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/'
            '2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" '
            'xmlns:dcterms="http://purl.org/dc/terms/" '
            'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">'
            f"<dc:title>{escape(look.title)} template</dc:title><dc:creator>Briefing</dc:creator>"
            '<dcterms:created xsi:type="dcterms:W3CDTF">2026-01-01T00:00:00Z</dcterms:created>'
            '<dcterms:modified xsi:type="dcterms:W3CDTF">2026-01-01T00:00:00Z</dcterms:modified>'
            "</cp:coreProperties>")


def app_xml() -> str:
    return (XML_HEAD + '<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/'
            'extended-properties"><Application>Briefing</Application></Properties>')


def build(look: Look, folder: Path = HERE) -> Path:
    """Write ``folder/NAME.docx`` for one look and return its path."""
    parts = {
        "[Content_Types].xml": content_types_xml(),
        "_rels/.rels": package_rels(),
        "docProps/core.xml": core_xml(look),
        "docProps/app.xml": app_xml(),
        "word/_rels/document.xml.rels": document_rels(),
        "word/document.xml": document_xml(look),
        "word/styles.xml": styles_xml(look),
        "word/numbering.xml": numbering_xml(),
        "word/settings.xml": settings_xml(),
        "word/header1.xml": header_xml(look),
        "word/footer1.xml": footer_xml(look),
        "word/footnotes.xml": footnotes_xml(),
    }
    target = folder / f"{look.name}.docx"
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, xml in parts.items():
            info = zipfile.ZipInfo(name, date_time=ZIP_DATE)
            info.compress_type = zipfile.ZIP_DEFLATED
            archive.writestr(info, xml.encode("utf-8"))
    return target


def main() -> None:
    for look in LOOKS:
        print(build(look))


if __name__ == "__main__":
    main()
