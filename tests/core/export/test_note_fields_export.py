"""The note's further fields (action, drafted by, approved by, second title, caveats) in the
built-in notes: in the details, under the title and with the marking, in every format."""

from __future__ import annotations

from pathlib import Path

import docx
import pytest

from briefing.core.export.api import export_briefing
from briefing.core.export.document import BlockType, build_document
from briefing.core.model import Outline
from tests.core.export.fixtures.outlines import sample_outline
from tests.core.export.fixtures.readback import Package, paragraphs, style_names, style_of, text_of
from tests.core.export.test_document import make_outline, make_spec

MARKING = "OFFICIAL-SENSITIVE \u2013 UK EYES ONLY"


def _quiet(message: str) -> None:
    return None


def _filled(outline: Outline) -> Outline:
    briefing = outline.briefing
    briefing.classification = "OFFICIAL-SENSITIVE"
    briefing.action_required = "decision"
    briefing.drafted_by_name = "R. Drafter"
    briefing.drafted_by_unit = "Policy Unit"
    briefing.drafted_by_contact = "ext. 4021"
    briefing.approved_by = "Head of Unit"
    briefing.second_title = "Une alliance au tournant"
    briefing.caveats = "UK EYES ONLY"
    return outline


def _details(outline: Outline) -> list[tuple[str, str]]:
    doc = build_document(outline, make_spec())
    return [(block.label, block.text()) for block in doc.blocks if block.kind is BlockType.FIELD]


def test_filled_fields_are_details_rows_after_the_usual_ones() -> None:
    rows = _details(_filled(make_outline()))
    assert [label for label, _ in rows][-3:] == ["Action required", "Drafted by", "Approved by"]
    assert ("Action required", "Decision") in rows
    assert ("Drafted by", "R. Drafter, Policy Unit, ext. 4021") in rows
    assert ("Approved by", "Head of Unit") in rows


def test_a_drafter_given_in_part_shows_only_the_parts_filled() -> None:
    outline = make_outline()
    outline.briefing.drafted_by_unit = "Policy Unit"
    assert ("Drafted by", "Policy Unit") in _details(outline)
    assert {label for label, _ in _details(outline)} & {"Action required", "Approved by"} == set()


def test_an_outline_without_the_fields_builds_as_before() -> None:
    doc = build_document(make_outline(), make_spec())
    assert [block.label for block in doc.blocks if block.kind is BlockType.FIELD] == [
        label for label in ("To", "From", "Date", "File number")
        if label in {block.label for block in doc.blocks}]
    assert not any(block.kind is BlockType.SUBTITLE for block in doc.blocks)
    assert doc.metadata.marking == doc.metadata.classification == "OFFICIAL"


def test_the_second_title_comes_right_under_the_title() -> None:
    doc = build_document(_filled(make_outline()), make_spec())
    kinds = [block.kind for block in doc.blocks]
    assert kinds[:2] == [BlockType.TITLE, BlockType.SUBTITLE]
    assert doc.blocks[1].text() == "Une alliance au tournant"


def test_caveats_go_with_the_marking_not_the_details() -> None:
    doc = build_document(_filled(make_outline()), make_spec())
    assert doc.metadata.marking == MARKING
    assert doc.metadata.placeholders()["classification"] == "OFFICIAL-SENSITIVE"
    assert "UK EYES ONLY" not in " ".join(block.text() for block in doc.blocks)


def _export(tmp_path: Path, suffix: str, outline: Outline, template: str | None = None) -> Path:
    note = tmp_path / f"note{suffix}"
    export_briefing(outline, note, template=template, warn=_quiet)
    return note


def test_the_word_note_shows_the_fields_where_an_office_expects_them(tmp_path: Path) -> None:
    note = _export(tmp_path, ".docx", _filled(sample_outline()))
    package = Package(note)
    names = style_names(package)
    body = paragraphs(package.xml("word/document.xml"))
    styled = [(names.get(style_of(p), ("", ""))[0], text_of(p)) for p in body]
    title_at = next(index for index, (style, _) in enumerate(styled) if style == "Title")
    assert styled[title_at + 1] == ("Subtitle", "Une alliance au tournant")
    document = docx.Document(str(note))
    rows = [tuple(cell.text for cell in row.cells) for table in document.tables
            for row in table.rows]
    assert ("Action required", "Decision") in rows
    assert ("Drafted by", "R. Drafter, Policy Unit, ext. 4021") in rows
    assert ("Approved by", "Head of Unit") in rows
    section = document.sections[0]
    marks = [p.text for p in section.header.paragraphs + section.footer.paragraphs
             if "OFFICIAL" in p.text]
    assert marks and all(MARKING in mark for mark in marks)
    assert document.core_properties.category == MARKING


def test_a_template_placing_the_caveats_itself_gets_them_once(tmp_path: Path) -> None:
    note = _export(tmp_path, ".docx", _filled(sample_outline()), template="decision-note")
    section = docx.Document(str(note)).sections[0]
    for story in (section.header, section.footer):
        text = "\n".join(p.text for p in story.paragraphs)
        assert text.count("UK EYES ONLY") == 1
        assert MARKING in text


@pytest.mark.parametrize("suffix", [".md", ".html"])
def test_markdown_and_html_show_the_fields(tmp_path: Path, suffix: str) -> None:
    text = _export(tmp_path, suffix, _filled(sample_outline())).read_text(encoding="utf-8")
    for expected in ("Action required", "Decision", "R. Drafter, Policy Unit, ext. 4021",
                     "Approved by", "Head of Unit", "Une alliance au tournant"):
        assert expected in text
    assert text.count(MARKING) >= 2  # top and bottom
    assert text.index("Une alliance au tournant") < text.index("Action required")


def test_markdown_writes_the_second_title_as_an_italic_line(tmp_path: Path) -> None:
    text = _export(tmp_path, ".md", _filled(sample_outline())).read_text(encoding="utf-8")
    lines = text.splitlines()
    title = next(index for index, line in enumerate(lines) if line.startswith("# "))
    assert lines[title + 2] == "*Une alliance au tournant*"


@pytest.mark.parametrize("suffix", [".docx", ".md", ".html"])
def test_unfilled_fields_leave_no_trace(tmp_path: Path, suffix: str) -> None:
    note = _export(tmp_path, suffix, sample_outline())
    text = Package(note).all_text() if suffix == ".docx" else note.read_text(encoding="utf-8")
    for label in ("Action required", "Drafted by", "Approved by", 'class="subtitle"'):
        assert label not in text
