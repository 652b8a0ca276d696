"""Word import: styles and numbering give structure and block kinds; core properties give details.

The documents are built here with python-docx, so each test shows the Word features it relies on.
"""

from __future__ import annotations

import datetime as dt
import io
import re
import zipfile
from pathlib import Path
from typing import Any

import docx
import pytest
from docx.enum.style import WD_STYLE_TYPE
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls
from hypothesis import given, settings
from hypothesis import strategies as st

from briefing.core.errors import ArticleImportError
from briefing.core.importers.docx import parse_docx
from briefing.core.model import BlockKind
from tests.core.importers.outline_views import outline


def to_bytes(document: Any) -> bytes:
    stream = io.BytesIO()
    document.save(stream)
    return stream.getvalue()



def add_numbering(document: Any, level_formats: list[str]) -> int:
    """Define a Word list whose levels use ``level_formats`` (``bullet``, ``decimal``...)."""
    numbering = document.part.numbering_part.element
    w = nsdecls("w")
    abstract_id = 900 + len(numbering)
    num_id = 800 + len(numbering)
    levels = "".join(f'<w:lvl w:ilvl="{level}"><w:numFmt w:val="{fmt}"/></w:lvl>'
                     for level, fmt in enumerate(level_formats))
    abstract = parse_xml(f'<w:abstractNum {w} w:abstractNumId="{abstract_id}">{levels}'
                         "</w:abstractNum>")
    first_num = numbering.find(f"{{{numbering.nsmap['w']}}}num")
    if first_num is not None:
        first_num.addprevious(abstract)
    else:
        numbering.append(abstract)
    numbering.append(parse_xml(f'<w:num {w} w:numId="{num_id}">'
                               f'<w:abstractNumId w:val="{abstract_id}"/></w:num>'))
    return num_id


def numbered(document: Any, text: str, num_id: int, level: int = 0) -> None:
    """A Normal paragraph that Word numbers through ``w:numPr`` (no list style)."""
    paragraph = document.add_paragraph(text)
    paragraph._p.get_or_add_pPr().append(parse_xml(
        f'<w:numPr {nsdecls("w")}><w:ilvl w:val="{level}"/><w:numId w:val="{num_id}"/>'
        "</w:numPr>"))


def briefing_paper() -> bytes:
    document = docx.Document()
    document.add_paragraph("Cold-weather payments after the reform", style="Title")
    document.add_paragraph("Why the trigger temperature matters more than the amount",
                           style="Subtitle")
    document.add_paragraph("The scheme pays a fixed sum when the local average temperature stays "
                           "below zero for seven days.")
    document.add_heading("1. The trigger", level=1)
    document.add_paragraph("Weather stations decide eligibility by postcode.")
    document.add_paragraph("coastal stations read warmer than inland homes", style="List Bullet")
    document.add_paragraph("upland stations are few", style="List Bullet 2")
    document.add_heading("Station coverage", level=2)
    document.add_paragraph("raise the station count", style="List Number")
    document.add_paragraph("publish the station map", style="List Number")
    document.add_paragraph("A payment that arrives after the cold spell helps with the next one, "
                           "not this one.", style="Quote")
    document.add_heading("2. The amount", level=1)
    document.add_paragraph("Unchanged since the last review.", style="Intense Quote")
    table = document.add_table(rows=2, cols=2)
    table.cell(0, 0).text, table.cell(0, 1).text = "Year", "Payments"
    table.cell(1, 0).text, table.cell(1, 1).text = "2023", "4"
    return to_bytes(document)


PAPER = briefing_paper()


def test_title_subtitle_and_lead_come_from_their_styles() -> None:
    article = parse_docx(briefing_paper(), "paper.docx")
    assert article.title == "Cold-weather payments after the reform"
    assert article.standfirst == "Why the trigger temperature matters more than the amount"
    assert [block.text[:30] for block in article.blocks] == ["The scheme pays a fixed sum wh"]


def test_heading_styles_give_levels_and_numbers() -> None:
    article = parse_docx(briefing_paper(), "paper.docx")
    assert outline(article.sections) == ["1. The trigger", "  Station coverage", "2. The amount"]
    assert all(section.id == "" for section in article.walk())


def test_list_and_quote_styles_give_block_kinds_and_tables_give_rows() -> None:
    article = parse_docx(briefing_paper(), "paper.docx")
    trigger, amount = article.sections
    assert [block.kind for block in trigger.blocks] == [
        BlockKind.PARAGRAPH, BlockKind.BULLET, BlockKind.BULLET]
    coverage = trigger.sections[0]
    assert [(block.kind, block.text) for block in coverage.blocks] == [
        (BlockKind.NUMBERED, "raise the station count"),
        (BlockKind.NUMBERED, "publish the station map"),
        (BlockKind.QUOTE, "A payment that arrives after the cold spell helps with the next one, "
                          "not this one."),
    ]
    assert [(block.kind, block.text) for block in amount.blocks] == [
        (BlockKind.QUOTE, "Unchanged since the last review."),
        (BlockKind.PARAGRAPH, "Year | Payments"),
        (BlockKind.PARAGRAPH, "2023 | 4"),
    ]


def test_word_numbering_says_bullet_or_number_without_a_list_style() -> None:
    document = docx.Document()
    document.add_heading("Options", level=1)
    decimal = add_numbering(document, ["decimal", "bullet"])
    bullets = add_numbering(document, ["bullet"])
    numbered(document, "first option", decimal)
    numbered(document, "a detail of it", decimal, level=1)
    numbered(document, "a point", bullets)
    numbered(document, "numbering switched off", 0)
    article = parse_docx(to_bytes(document), "n.docx")
    assert [(block.kind, block.text) for block in article.blocks] == [
        (BlockKind.NUMBERED, "first option"),
        (BlockKind.BULLET, "a detail of it"),
        (BlockKind.BULLET, "a point"),
        (BlockKind.PARAGRAPH, "numbering switched off"),
    ]


def test_a_list_style_with_numbering_makes_its_paragraphs_list_items() -> None:
    document = docx.Document()
    bullets = add_numbering(document, ["bullet"])
    style = document.styles.add_style("Dash List", WD_STYLE_TYPE.PARAGRAPH)
    style.element.get_or_add_pPr().append(parse_xml(
        f'<w:numPr {nsdecls("w")}><w:numId w:val="{bullets}"/></w:numPr>'))
    document.add_paragraph("lower fees", style="Dash List")
    document.add_paragraph("Plain text.")
    article = parse_docx(to_bytes(document), "s.docx")
    assert [block.kind for block in article.blocks] == [BlockKind.BULLET, BlockKind.PARAGRAPH]


def test_text_in_content_controls_and_tracked_changes_reads_as_accepted() -> None:
    document = docx.Document()
    document.add_heading("Tolls", level=1)
    w = nsdecls("w")
    body = document.element.body
    body.insert(len(body) - 1, parse_xml(
        f"<w:sdt {w}><w:sdtContent><w:p><w:r><w:t>Inside a content control.</w:t></w:r></w:p>"
        "</w:sdtContent></w:sdt>"))
    body.insert(len(body) - 1, parse_xml(
        f'<w:p {w}><w:r><w:t xml:space="preserve">Tolls rise </w:t></w:r>'
        '<w:del w:id="1" w:author="A"><w:r><w:delText>sharply </w:delText></w:r></w:del>'
        '<w:ins w:id="2" w:author="A"><w:r><w:t xml:space="preserve">slightly </w:t></w:r></w:ins>'
        "<w:r><w:t>in April.</w:t><w:tab/><w:t>(draft)</w:t></w:r></w:p>"))
    article = parse_docx(to_bytes(document), "c.docx")
    assert [block.text for block in article.blocks] == [
        "Inside a content control.", "Tolls rise slightly in April. (draft)"]


def test_headings_numbered_by_word_get_the_numbers_word_shows() -> None:
    document = docx.Document()
    document.add_paragraph("Water quality review", style="Title")
    outline_list = add_numbering(document, ["decimal", "decimal"])
    heading_1 = document.styles["Heading 1"]
    heading_1.element.get_or_add_pPr().append(parse_xml(
        f'<w:numPr {nsdecls("w")}><w:numId w:val="{outline_list}"/></w:numPr>'))
    for level, text in [(1, "Background"), (2, "Scope"), (2, "Method"), (1, "Findings"),
                        (2, "Rivers"), (1, "7. Typed number")]:
        paragraph = document.add_heading(text, level=level)
        if level == 2:
            paragraph._p.get_or_add_pPr().append(parse_xml(
                f'<w:numPr {nsdecls("w")}><w:ilvl w:val="1"/><w:numId w:val="{outline_list}"/>'
                "</w:numPr>"))
    article = parse_docx(to_bytes(document), "w.docx")
    assert outline(article.sections) == [
        "1. Background", "  1. Scope", "  2. Method", "2. Findings", "  1. Rivers",
        "7. Typed number"]


def test_custom_heading_styles_and_outline_levels_count_as_headings() -> None:
    document = docx.Document()
    document.add_paragraph("Housing supply", style="Title")
    custom = document.styles.add_style("Report Part", WD_STYLE_TYPE.PARAGRAPH)
    custom.base_style = document.styles["Heading 1"]
    document.add_paragraph("Planning", style="Report Part")
    outlined = document.add_paragraph("Appeals")
    outlined._p.get_or_add_pPr().append(
        parse_xml(f'<w:outlineLvl {nsdecls("w")} w:val="1"/>'))
    document.add_paragraph("Most appeals are decided in writing.")
    article = parse_docx(to_bytes(document), "h.docx")
    assert outline(article.sections) == ["Planning", "  Appeals"]
    assert article.sections[0].sections[0].blocks[0].text == "Most appeals are decided in writing."


def test_core_title_is_used_without_a_title_style_and_its_heading_is_not_repeated() -> None:
    document = docx.Document()
    document.core_properties.title = "Ferry subsidies"
    document.add_heading("Ferry subsidies", level=1)
    document.add_paragraph("Six routes receive a subsidy.")
    document.add_heading("Routes", level=2)
    article = parse_docx(to_bytes(document), "f.docx")
    assert article.title == "Ferry subsidies"
    assert [block.text for block in article.blocks] == ["Six routes receive a subsidy."]
    assert outline(article.sections) == ["Routes"]


def test_first_heading_1_is_the_title_when_nothing_else_names_it() -> None:
    document = docx.Document()
    document.add_paragraph("DRAFT")
    document.add_heading("Library opening hours", level=1)
    document.add_heading("Weekends", level=2)
    article = parse_docx(to_bytes(document), "l.docx")
    assert article.title == "Library opening hours"
    assert [block.text for block in article.blocks] == ["DRAFT"]
    assert outline(article.sections) == ["Weekends"]


def test_file_name_is_the_title_of_a_document_without_headings() -> None:
    document = docx.Document()
    document.add_paragraph("Only body text here.")
    assert parse_docx(to_bytes(document), "folder/road-salt_stocks.docx").title == \
        "Road salt stocks"


def test_core_properties_give_author_and_date() -> None:
    document = docx.Document()
    document.add_paragraph("T", style="Title")
    document.add_paragraph("Text.")
    document.core_properties.author = "Inés Kowalczyk"
    document.core_properties.created = dt.datetime(2024, 9, 30, 14, 5)
    article = parse_docx(to_bytes(document), "a.docx")
    assert (article.author, article.date) == ("Inés Kowalczyk", "2024-09-30")


def test_python_docx_template_defaults_are_not_taken_as_details() -> None:
    document = docx.Document()
    document.add_paragraph("T", style="Title")
    document.add_paragraph("Text.")
    article = parse_docx(to_bytes(document), "a.docx")
    assert (article.author, article.date) == ("", "")


def test_merged_table_cells_count_once() -> None:
    document = docx.Document()
    table = document.add_table(rows=1, cols=3)
    merged = table.cell(0, 0).merge(table.cell(0, 1))
    merged.text = "Region"
    table.cell(0, 2).text = "North"
    article = parse_docx(to_bytes(document), "t.docx")
    assert [block.text for block in article.blocks] == ["Region | North"]


def test_bytes_that_are_not_a_zip_are_a_clear_error() -> None:
    with pytest.raises(ArticleImportError) as caught:
        parse_docx(b"Plain words, saved with the wrong name.", "notes.docx")
    message = str(caught.value)
    assert message.startswith("notes.docx: is not a Word .docx file (it is not a zip archive)")
    assert "save it as a Word document (.docx)" in message


def test_a_zip_that_is_not_a_word_document_is_a_clear_error() -> None:
    stream = io.BytesIO()
    with zipfile.ZipFile(stream, "w") as archive:
        archive.writestr("data.csv", "a,b\n1,2\n")
    with pytest.raises(ArticleImportError) as caught:
        parse_docx(stream.getvalue(), "data.docx")
    assert str(caught.value).startswith("data.docx: is a zip archive but not a Word document")


def test_a_spreadsheet_is_not_taken_for_a_word_document() -> None:
    stream = io.BytesIO()
    with zipfile.ZipFile(stream, "w") as archive:
        archive.writestr("[Content_Types].xml",
                         '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/'
                         'package/2006/content-types"/>')
    with pytest.raises(ArticleImportError, match="not a Word document"):
        parse_docx(stream.getvalue(), "sheet.docx")


def test_a_truncated_docx_is_a_clear_error() -> None:
    with pytest.raises(ArticleImportError) as caught:
        parse_docx(briefing_paper()[:400], "cut.docx")
    assert str(caught.value) == ("cut.docx: is damaged: parts of it cannot be read. Open it in "
                                 "Word or LibreOffice, which can often repair it, and save it "
                                 "again")


def replace_part(data: bytes, name: str, content: bytes) -> bytes:
    """The .docx ``data`` with the part ``name`` swapped for ``content``."""
    source = zipfile.ZipFile(io.BytesIO(data))
    stream = io.BytesIO()
    with zipfile.ZipFile(stream, "w") as archive:
        for item in source.namelist():
            archive.writestr(item, content if item == name else source.read(item))
    return stream.getvalue()


@pytest.mark.parametrize(("part", "content"), [
    ("word/document.xml", b"<w:document><w:body><w:p>"),
    ("_rels/.rels", b'<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/'
                    b'relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats'
                    b'.org/officeDocument/2006/relationships/officeDocument"/></Relationships>'),
])
def test_damaged_parts_inside_a_docx_are_a_clear_error(part: str, content: bytes) -> None:
    damaged = replace_part(briefing_paper(), part, content)
    with pytest.raises(ArticleImportError, match="is damaged: parts of it cannot be read"):
        parse_docx(damaged, "broken.docx")


def test_a_paragraph_style_without_its_name_is_a_clear_damaged_file_error() -> None:
    original = zipfile.ZipFile(io.BytesIO(PAPER)).read("word/document.xml")
    assert b"<w:pStyle " in original
    damaged = replace_part(PAPER, "word/document.xml",
                           re.sub(rb'<w:pStyle w:val="[^"]*"/>', b"<w:pStyle/>", original, count=1))
    with pytest.raises(ArticleImportError) as caught:
        parse_docx(damaged, "nameless.docx")
    assert str(caught.value).startswith("nameless.docx: is damaged")


@settings(max_examples=150, deadline=None)
@given(st.data())
def test_damaged_document_xml_gives_an_article_or_a_clear_error(data: st.DataObject) -> None:
    original = zipfile.ZipFile(io.BytesIO(PAPER)).read("word/document.xml")
    start = data.draw(st.integers(0, len(original) - 1))
    cut = data.draw(st.integers(0, 60))
    insert = data.draw(st.sampled_from([b"", b"<", b">", b'"', b"<w:p/>", b"</w:p>",
                                        b'<w:numPr><w:numId w:val="x"/></w:numPr>']))
    damaged = replace_part(PAPER, "word/document.xml",
                           original[:start] + insert + original[start + cut:])
    try:
        article = parse_docx(damaged, "fuzzed.docx")
    except ArticleImportError as error:
        assert str(error).startswith("fuzzed.docx: ")
    else:
        assert article.title


def test_a_word_97_file_named_docx_says_to_save_as_docx() -> None:
    ole = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 504
    with pytest.raises(ArticleImportError) as caught:
        parse_docx(ole, "old.docx")
    assert "Word 97-2003 .doc files cannot be read; save it as .docx in Word or LibreOffice" in \
        str(caught.value)


FIXTURES = Path(__file__).parent / "fixtures" / "docx"


def test_a_pandoc_document_gives_title_subtitle_author_and_stated_date() -> None:
    article = parse_docx((FIXTURES / "rail_freight_pandoc.docx").read_bytes(), "rail.docx")
    assert article.title == "Rail freight after the timetable change"
    assert article.standfirst == "Shippers are moving to road"
    assert article.author == "Mireille Okafor"
    assert article.date == "2024-11-05"
    assert [block.text for block in article.blocks] == [
        "Paths for freight trains shrank by a tenth.",
        "Freight operators lost night paths on three trunk routes."]
    assert [(block.kind, block.text) for block in article.sections[0].blocks] == [
        (BlockKind.PARAGRAPH, "Most of the lost paths were between midnight and four."),
        (BlockKind.QUOTE, "Shippers want certainty more than speed.")]


def test_a_pandoc_document_keeps_its_structure_and_word_lists() -> None:
    article = parse_docx((FIXTURES / "heat_pumps_pandoc.docx").read_bytes(), "heat.docx")
    assert article.title == "Heat pumps in rented homes"
    assert outline(article.sections) == [
        "1. The split incentive", "  Who gains", "  Recovering the cost",
        "2. Minimum standards", "3. Installer capacity"]
    split = article.sections[0]
    assert [block.kind for block in split.sections[0].blocks] == [BlockKind.BULLET] * 3
    assert [(block.kind, block.text) for block in split.sections[1].blocks] == [
        (BlockKind.NUMBERED, "a green lease clause shares the savings;"),
        (BlockKind.NUMBERED, "a rent review after installation.")]
    assert article.sections[1].blocks[0].kind is BlockKind.QUOTE
