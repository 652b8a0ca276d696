"""Tables, footnotes, struck-out text, rules and line breaks from a note, in every output."""

from __future__ import annotations

import dataclasses
import itertools
import shutil
from pathlib import Path

import markdown
import pytest
from lxml import etree
from lxml import html as lxml_html

from briefing.core import paths
from briefing.core.export.document import (
    BlockType,
    BriefingDocument,
    DocBlock,
    DocMetadata,
    Run,
    build_document,
)
from briefing.core.export.docx_writer import write_docx
from briefing.core.export.html_out import render_html
from briefing.core.export.markdown_out import write_markdown
from briefing.core.export.notes_markdown import parse_inline, parse_note
from briefing.core.export.page_fit import block_lines, estimate_pages
from briefing.core.templates import TemplateSpec, find_template, load_template_spec
from tests.core.export.fixtures.note_constructs import (
    FOOTNOTE_TEXTS,
    NOTE_CONSTRUCTS,
    TABLE_ROWS,
    constructs_outline,
)
from tests.core.export.fixtures.readback import (
    NS,
    Package,
    paragraphs,
    style_names,
    style_of,
    text_of,
    w,
)
from tests.core.export.test_html_out import QT_TAGS

DOCUMENT = "word/document.xml"


def _export(folder: Path, spec: TemplateSpec) -> tuple[Package, list[str]]:
    warnings: list[str] = []
    output = folder / f"{spec.name}-{spec.note_placement}.docx"
    write_docx(build_document(constructs_outline(), spec), spec, output, warnings.append)
    return Package(output), warnings


@pytest.fixture(scope="module")
def note_docx(tmp_path_factory: pytest.TempPathFactory) -> Package:
    package, warnings = _export(tmp_path_factory.mktemp("constructs"),
                                find_template("briefing-note"))
    assert warnings == []
    return package


def _style_name(package: Package, style_id: str) -> str:
    return style_names(package).get(style_id, ("", ""))[0]


def _run_style_names(package: Package, root: etree._Element, text: str) -> list[str]:
    names = []
    for r in root.iter(w("r")):
        if text_of(r) == text:
            style = r.find(f"{w('rPr')}/{w('rStyle')}")
            names.append(_style_name(package, style.get(w("val"))) if style is not None else "")
    return names


# Parsing ---------------------------------------------------------------------------------------

def test_note_table_becomes_a_table_block_with_its_header_row_first() -> None:
    (table,) = [b for b in parse_note(NOTE_CONSTRUCTS) if b.kind is BlockType.TABLE]
    assert [["".join(run.text for run in cell) for cell in row] for row in table.rows] == \
        TABLE_ROWS
    assert table.rows[1][0][1] == Run("audit", bold=True)


def test_a_short_row_is_padded_to_the_table_width() -> None:
    (table,) = parse_note("| a | b |\n|---|---|\n| only |\n")
    assert [len(row) for row in table.rows] == [2, 2] and table.rows[1][1] == []


def test_footnote_marks_carry_their_text_and_a_definition_without_mark_is_kept() -> None:
    blocks = parse_note("Claim[^1] and another[^two].\n\n[^1]: One.\n[^two]: Two.\n"
                        "[^spare]: Never referred to.\n")
    marks = [run for run in blocks[0].runs if run.footnote is not None]
    assert [run.footnote for run in marks] == [(Run("One."),), (Run("Two."),)]
    assert blocks[0].text() == "Claim1 and another2."
    assert blocks[1].text() == "Never referred to."


def test_a_footnote_holding_a_list_stays_one_footnote() -> None:
    (block,) = parse_note("Text[^1].\n\n[^1]: Lead.\n\n    - one\n    - two\n")
    (mark,) = [run for run in block.runs if run.footnote is not None]
    assert "".join(run.text for run in mark.footnote) == "Lead.\none two"


def test_strike_rule_and_every_kind_of_line_break() -> None:
    blocks = parse_note(NOTE_CONSTRUCTS)
    first = blocks[0].runs
    assert Run("frozen", strike=True) in first
    assert Run("trimmed", bold=True, strike=True) in first
    assert Run("both", bold=True, italic=True) in first
    texts = [run.text for run in first if run.footnote is None]
    start = texts.index("A first line ending in two spaces")
    assert texts[start:] == ["A first line ending in two spaces", "\n",
                             "a second ending in a backslash", "\n", "a third", "\n",
                             "and a fourth after a pasted line break"]
    assert [b.kind for b in blocks[1:3]] == [BlockType.TABLE, BlockType.RULE]
    quotes = [(b.text(), b.level) for b in blocks if b.kind is BlockType.QUOTE]
    assert quotes == [("Planners were cautious.", 0), ("Their advisers more so.", 1)]


def test_escaped_tildes_and_single_tildes_stay_text() -> None:
    assert parse_inline(r"\~~kept\~~ and ~one~") == [Run("~~kept~~ and ~one~")]


# Word ----------------------------------------------------------------------------------------

def _note_tables(package: Package) -> list[etree._Element]:
    body = package.xml(DOCUMENT)
    return [t for t in body.iter(w("tbl"))
            if _style_name(package, t.find(f"{w('tblPr')}/{w('tblStyle')}").get(w("val")))
            == "Note Table"]


def test_note_table_is_a_word_table_with_a_repeated_header_row(note_docx: Package) -> None:
    (table,) = _note_tables(note_docx)
    rows = table.findall(w("tr"))
    assert [[text_of(cell) for cell in row.findall(w("tc"))] for row in rows] == TABLE_ROWS
    assert [row.find(f"{w('trPr')}/{w('tblHeader')}") is not None for row in rows] == \
        [True, False, False]
    cell_styles = [{_style_name(note_docx, style_of(p)) for p in paragraphs(row)}
                   for row in rows]
    assert cell_styles == [{"Table Heading"}, {"Table Text"}, {"Table Text"}]
    look = table.find(f"{w('tblPr')}/{w('tblLook')}")
    assert look.get(w("firstRow")) == "1"
    assert _run_style_names(note_docx, table, "audit") == ["Strong"]


def test_note_footnotes_are_word_footnotes_beside_the_citations(note_docx: Package) -> None:
    footnotes = {note.get(w("id")): text_of(note).strip()
                 for note in note_docx.xml("word/footnotes.xml").iter(w("footnote"))}
    body = note_docx.xml(DOCUMENT)
    (para,) = [p for p in paragraphs(body) if text_of(p).startswith("Budget lines were")]
    referenced = [footnotes[ref.get(w("id"))]
                  for ref in para.iter(w("footnoteReference"))]
    assert referenced == FOOTNOTE_TEXTS
    assert "[^" not in note_docx.all_text()
    (estimates,) = [r for r in note_docx.xml("word/footnotes.xml").iter(w("r"))
                    if text_of(r) == "estimates"]
    assert _style_name(note_docx, estimates.find(f"{w('rPr')}/{w('rStyle')}").get(w("val"))) \
        == "Emphasis"


def test_strike_rule_line_breaks_and_bold_link_use_named_styles(note_docx: Package) -> None:
    body = note_docx.xml(DOCUMENT)
    assert _run_style_names(note_docx, body, "frozen") == ["Strikethrough"]
    assert _run_style_names(note_docx, body, "trimmed") == ["Strong Strikethrough"]
    assert _run_style_names(note_docx, body, "both") == ["Strong Emphasis"]
    assert _run_style_names(note_docx, body, "the annex") == ["Strong Hyperlink"]
    (link,) = [h for h in body.iter(w("hyperlink")) if text_of(h) == "the annex"]
    assert link.get(f"{{{NS['r']}}}id")
    styled = [(_style_name(note_docx, style_of(p)), text_of(p)) for p in paragraphs(body)]
    rule = next(i for i, (name, _) in enumerate(styled) if name == "Horizontal Rule")
    assert styled[rule][1] == ""
    assert ("Quote", "Planners were cautious.") in styled
    assert ("Quote 2", "Their advisers more so.") in styled
    (para,) = [p for p in paragraphs(body) if text_of(p).startswith("Budget lines were")]
    assert len(para.findall(f"{w('r')}/{w('br')}")) == 4


def test_a_note_in_a_box_holds_its_table_and_ends_with_a_paragraph(tmp_path: Path) -> None:
    spec = dataclasses.replace(find_template("reading-pack"), note_placement="box")
    package, warnings = _export(tmp_path, spec)
    assert warnings == []
    (table,) = _note_tables(package)
    cell = table.getparent()
    assert cell.tag == w("tc")
    assert cell[-1].tag == w("p")


def test_a_note_as_a_comment_gives_table_rows_and_footnotes_as_text(tmp_path: Path) -> None:
    package, warnings = _export(tmp_path, find_template("reading-pack"))
    assert warnings == []
    comments = package.xml("word/comments.xml")
    texts = [text_of(p) for p in paragraphs(comments)]
    assert "Measure | Owner | Due" in texts and "Stock audit | Logistics | Q3" in texts
    assert any(f"({FOOTNOTE_TEXTS[0]})" in text for text in texts)
    assert not list(comments.iter(w("footnoteReference")))
    assert not _note_tables(package)


def test_an_older_template_gets_the_new_styles_copied_with_a_warning(tmp_path: Path) -> None:
    folder = paths.user_templates_dir()
    shutil.copy(Path(__file__).parent / "fixtures" / "lo-resaved-briefing-note.docx",
                folder / "older.docx")
    (folder / "older.yaml").write_text(
        (paths.BUILTIN_TEMPLATES / "briefing-note.yaml").read_text(encoding="utf-8"),
        encoding="utf-8")
    package, warnings = _export(tmp_path, load_template_spec(folder / "older.yaml"))
    assert any("'Note Table'" in message and "built-in" in message for message in warnings)
    assert any("'Strikethrough'" in message for message in warnings)
    names = {name for name, _ in style_names(package).values()}
    assert {"Note Table", "Table Heading", "Strikethrough", "Horizontal Rule"} <= names
    assert len(_note_tables(package)) == 1


# Citations and numbering ---------------------------------------------------------------------

def test_repeated_citations_are_ibid_or_short_after_the_first_full_footnote(
        note_docx: Package) -> None:
    footnotes = [text_of(note).strip()
                 for note in note_docx.xml("word/footnotes.xml").iter(w("footnote"))
                 if note.get(w("type")) is None]
    # The briefing's order: Outcomes (Park), Burden sharing and Enlargement (Ribeiro), Follow-up
    # (Park); the note's own footnotes come after, in the considerations.
    assert footnotes[0].startswith("Lee Park, \u201cThe summit season\u201d, Eastern Affairs")
    assert footnotes[1].startswith("Ana Ribeiro, \u201cDeterrence in a colder decade\u201d, "
                                   "Policy Review")
    assert "https://example.org/deterrence" in footnotes[1]
    assert footnotes[2:4] == ["Ibid.", "Lee Park, \u201cThe summit season\u201d"]
    assert all(a != b for a, b in itertools.pairwise(footnotes))


def test_sections_are_numbered_in_the_briefings_order(note_docx: Package) -> None:
    body = note_docx.xml(DOCUMENT)
    headings = [text_of(p) for p in paragraphs(body)
                if _style_name(note_docx, style_of(p)) == "heading 2"]
    assert headings[:4] == ["1. Outcomes", "2. Burden sharing", "3. Enlargement",
                            "4. Follow-up"]


# HTML and Markdown ---------------------------------------------------------------------------

def test_html_has_the_table_footnotes_strike_and_rule() -> None:
    page = render_html(build_document(constructs_outline(), find_template("briefing-note")))
    tree = lxml_html.document_fromstring(page)
    (table,) = tree.xpath("//table[@class='note-table']")
    assert [[cell.text_content() for cell in row] for row in table.xpath(".//tr")] == TABLE_ROWS
    assert [cell.tag for cell in table.xpath(".//tr[1]/*")] == ["th", "th", "th"]
    assert tree.xpath("//s/text()")[:2] == ["frozen", "trimmed"]
    notes = [p.text_content() for p in tree.xpath("//p[@class='footnote']")]
    assert any(note.endswith(FOOTNOTE_TEXTS[0]) for note in notes)
    assert any(note.endswith(FOOTNOTE_TEXTS[1]) for note in notes)
    assert len(tree.xpath("//hr")) == 2  # the note's rule and the one above the footnotes


def test_markdown_reads_back_with_the_table_footnotes_and_strike() -> None:
    text = write_markdown(build_document(constructs_outline(), find_template("briefing-note")))
    assert "~~frozen~~" in text
    rendered = markdown.markdown(text, extensions=["footnotes", "tables"])
    tree = lxml_html.fragment_fromstring(rendered, create_parent="div")
    (table,) = tree.xpath("//table")
    assert [[cell.text_content() for cell in row] for row in table.xpath(".//tr")] == TABLE_ROWS
    notes = [item.text_content() for item in tree.xpath("//div[@class='footnote']//li")]
    assert any(FOOTNOTE_TEXTS[0] in note for note in notes)
    assert any(FOOTNOTE_TEXTS[1] in note for note in notes)
    assert "[^" not in "".join(tree.xpath("//p//text()"))


def test_html_keeps_to_what_qt_rich_text_shows() -> None:
    page = render_html(build_document(constructs_outline(), find_template("briefing-note")))
    tree = etree.fromstring(page.replace("<!DOCTYPE html>", ""))  # strict XML parse
    assert {element.tag for element in tree.iter()} <= QT_TAGS | {"s"}


# Page estimate -------------------------------------------------------------------------------

def test_page_estimate_counts_table_rows_rules_and_note_footnotes() -> None:
    rows = "".join(f"| item {n} | owner {n} |\n" for n in range(12))
    (table,) = parse_note("| Item | Owner |\n|---|---|\n" + rows)
    assert block_lines(table, 80.0) > 13
    assert block_lines(DocBlock(BlockType.RULE), 80.0) > 0
    spec = find_template("briefing-note")
    note = "A claim worth a source. " * 3
    bare = BriefingDocument(DocMetadata(), blocks=parse_note(note))
    noted = BriefingDocument(DocMetadata(), blocks=parse_note(
        note + "[^1]\n\n[^1]: " + "A long footnote that takes a line or two. " * 4))
    assert estimate_pages(noted, spec) > estimate_pages(bare, spec)
