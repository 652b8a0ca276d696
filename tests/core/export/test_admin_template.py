"""An office's own Word note (not a copy of a built-in one) made into a template as the template
guide says, checked, and exported through: what an administrator would open in Word."""

from __future__ import annotations

from pathlib import Path

import docx
import pytest
from docx.document import Document
from docx.enum.style import WD_STYLE_TYPE
from docx.shared import Pt

from briefing.core.errors import TemplateError
from briefing.core.export.api import export_briefing
from briefing.core.export.template_check import check_template
from briefing.core.model import Outline
from briefing.core.outline_file import load_outline
from briefing.core.templates import find_template

FIXTURE = Path(__file__).parents[1] / "fixtures" / "outlines" / "format-v2.yaml"
LETTERHEAD = "DEPARTMENT OF LIGHTHOUSES \u2014 Strategy Office"
OFFICE_YAML = """\
title: Lighthouses note
description: The office's own note, letterhead and approval block included.
parts: [purpose, summary, considerations, recommendation, sources]
date_format: d MMMM yyyy
language: en
"""


def _office_note(word: Path, extra: str = "", content: str = "{{ content }}") -> Path:
    """The office's note as Word saves it, tags typed in; returns the path of its .yaml."""
    document = docx.Document()
    document.styles["Normal"].font.name = "Georgia"
    memo_heading = document.styles.add_style("Memo Heading", WD_STYLE_TYPE.PARAGRAPH)
    memo_heading.font.size = Pt(16)
    section = document.sections[0]
    marking = section.header.paragraphs[0]
    marking.add_run("{{ classi").bold = True
    marking.add_run("fication }}").bold = True  # a tag Word split across runs, in the header
    section.header.add_paragraph(LETTERHEAD)
    section.footer.paragraphs[0].text = "Ref. {{ briefing.file_number }}"
    document.add_paragraph("BRIEFING NOTE", style="Memo Heading")
    title = document.add_paragraph()
    title.add_run("{{ briefing.").bold = True
    title.add_run("title }}").italic = True
    details = document.add_table(rows=3, cols=2)
    for row, (label, value) in zip(details.rows, [
            ("To", "{{ briefing.to }}"),
            ("Date", "{{ briefing.date | date(\u201cdd.MM.yyyy\u201d) }}"),  # Word's quotes
            ("Action", "{{ briefing.action_required }}")], strict=True):
        row.cells[0].text, row.cells[1].text = label, value
    issues = document.add_table(rows=4, cols=3)
    for cell, heading in zip(issues.rows[0].cells, ["No.", "Issue", "Tags"], strict=True):
        cell.text = heading
    issues.cell(1, 0).text = "{%tr for item in items %}"
    for cell, value in zip(issues.rows[2].cells, ["{{ item.number }}", "{{ item.heading }}",
                                                  "{{ item.tags | join(\", \") }}"], strict=True):
        cell.text = value
    issues.cell(3, 0).text = "{%tr endfor %}"
    document.add_paragraph(content)
    for line in ("{%p if briefing.approved_by %}", "Approved by {{ briefing.approved_by }}",
                 "Signature: ____________", "{%p endif %}"):
        document.add_paragraph(line)
    if extra:
        document.add_paragraph(extra)
    document.save(str(word))
    yaml_path = word.with_suffix(".yaml")
    yaml_path.write_text(OFFICE_YAML, encoding="utf-8")
    return yaml_path


def _export(tmp_path: Path, template: str, outline: Outline | None = None,
            warnings: list[str] | None = None) -> Document:
    output = tmp_path / "note.docx"
    export_briefing(outline or load_outline(FIXTURE), output, template,
                    warn=warnings.append if warnings is not None else lambda _: None)
    return docx.Document(str(output))


def test_the_offices_note_checks_clean_and_exports_in_its_own_layout(tmp_path: Path) -> None:
    template = _office_note(tmp_path / "lighthouses.docx")
    check = check_template(str(template))
    assert check.errors == []
    document = _export(tmp_path, str(template))
    header = [p.text for p in document.sections[0].header.paragraphs]
    assert header == ["OFFICIAL \u2013 UK EYES ONLY", LETTERHEAD]
    assert document.sections[0].footer.paragraphs[0].text == "Ref. 2024/117"
    heading = document.paragraphs[0]
    assert (heading.text, heading.style.name) == ("BRIEFING NOTE", "Memo Heading")
    assert document.paragraphs[1].text == "The alliance's new leadership"
    assert document.styles["Normal"].font.name == "Georgia"
    details, issues = ([[cell.text for cell in row.cells] for row in table.rows]
                       for table in document.tables[:2])
    assert details == [["To", "Minister"], ["Date", "03.10.2024"], ["Action", "Decision"]]
    assert issues == [["No.", "Issue", "Tags"], ["1", "Paying for defence", "spending"],
                      ["2", "Keeping allies together", "cohesion"]]
    texts = [p.text for p in document.paragraphs]
    assert texts.index("Purpose") < texts.index("Recommendation") < texts.index(
        "Approved by D. Director")
    assert not any("{{" in text or "{%" in text for text in texts + header)


def test_the_approval_block_goes_until_someone_approves(tmp_path: Path) -> None:
    outline = load_outline(FIXTURE)
    outline.briefing.approved_by = ""
    document = _export(tmp_path, str(_office_note(tmp_path / "lighthouses.docx")), outline)
    texts = [p.text for p in document.paragraphs]
    assert texts[-1] == "Note the contents."
    assert not any("Approved" in text or "Signature" in text for text in texts)


def test_missing_styles_are_named_as_word_shows_them(tmp_path: Path) -> None:
    warnings: list[str] = []
    _export(tmp_path, str(_office_note(tmp_path / "lighthouses.docx")), warnings=warnings)
    (missing,) = [w for w in warnings if "lacks" in w]
    assert "'Footnote Text'" in missing and "'Comment Text'" in missing
    assert "annotation" not in missing and "footnote text" not in missing


def test_an_export_error_gives_the_check_command_that_finds_the_template(
        tmp_path: Path) -> None:
    template = _office_note(tmp_path / "lighthouses.docx", extra="{%tr for item in items %}")
    with pytest.raises(TemplateError) as raised:
        _export(tmp_path, str(template))
    assert "body paragraph" in raised.value.place
    assert raised.value.hint.endswith(f"briefing templates --check {template}")
    assert not (tmp_path / "note.docx").exists()


def test_a_misspelt_template_name_suggests_the_closest() -> None:
    with pytest.raises(TemplateError) as raised:
        find_template("decison-note")
    assert raised.value.hint.startswith("Did you mean 'decision-note'? Available templates:")


def test_check_warns_when_the_note_has_no_place_of_its_own(tmp_path: Path) -> None:
    template = _office_note(tmp_path / "lighthouses.docx", content="The note follows.")
    check = check_template(str(template))
    assert check.errors == []
    (warning,) = [w for w in check.warnings if "{{ content }}" in w.problem]
    assert warning.place == "body" and warning.path.endswith("lighthouses.docx")
    assert "at the end of the body" in warning.problem
    texts = [p.text for p in _export(tmp_path, str(template)).paragraphs]
    assert texts.index("Signature: ____________") < texts.index("Purpose")


def test_check_warns_of_a_note_placed_in_a_table_cell(tmp_path: Path) -> None:
    template = _office_note(tmp_path / "lighthouses.docx", content="")
    document = docx.Document(str(template.with_suffix(".docx")))
    document.tables[1].cell(0, 1).add_paragraph("{{ content }}")
    document.save(str(template.with_suffix(".docx")))
    check = check_template(str(template))
    assert check.errors == []
    (warning,) = [w for w in check.warnings if "{{ content }}" in w.problem]
    assert warning.problem.startswith("{{ content }} is in a table cell")
    assert warning.place == "body paragraph 11 (\u201c{{ content }}\u201d)"
