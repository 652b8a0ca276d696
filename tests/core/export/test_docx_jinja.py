"""Jinja in a Word template: fields, conditions, loops and dates in the body, tables, headers and
footers, also when Word split a tag across runs; mistakes named with their paragraph."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import docx
import pytest
from docx.document import Document

from briefing.core import paths
from briefing.core.errors import TemplateError
from briefing.core.export.api import export_briefing
from briefing.core.export.template_check import check_template
from briefing.core.model import Outline
from briefing.core.outline_file import load_outline

FIXTURE = Path(__file__).parents[1] / "fixtures" / "outlines" / "format-v2.yaml"


def _outline() -> Outline:
    """Two picked sections (s2 before s1), every note field filled, dated 3 October 2024."""
    return load_outline(FIXTURE)


def _template(folder: Path, build: Callable[[Document], None], *, yaml_extra: str = "",
              name: str = "memo") -> Path:
    """The built-in note's files, its Word file changed by ``build``; returns the .docx."""
    word = folder / f"{name}.docx"
    document = docx.Document(str(paths.BUILTIN_TEMPLATES / "briefing-note.docx"))
    build(document)
    document.save(str(word))
    builtin_yaml = (paths.BUILTIN_TEMPLATES / "briefing-note.yaml").read_text(encoding="utf-8")
    (folder / f"{name}.yaml").write_text(builtin_yaml + yaml_extra, encoding="utf-8")
    return word


def _split(document: Document, *pieces: str) -> None:
    """A body paragraph typed in pieces, as Word stores a tag edited or formatted midway."""
    p = document.add_paragraph()
    for index, piece in enumerate(pieces):
        p.add_run(piece).bold = index % 2 == 1


def _export(tmp_path: Path, word: Path, outline: Outline | None = None,
            warnings: list[str] | None = None) -> Document:
    output = tmp_path / "note.docx"
    export_briefing(outline or _outline(), output, str(word),
                    warn=(warnings.append if warnings is not None else lambda _: None))
    return docx.Document(str(output))


def _texts(document: Document) -> list[str]:
    return [p.text for p in document.paragraphs]


def test_fields_and_a_split_tag_are_filled_in_the_body(tmp_path: Path) -> None:
    def build(document: Document) -> None:
        document.add_paragraph("For {{ briefing.to }} from {{ briefing.from }}")
        _split(document, "Drafted by {{ briefing.draf", "ted_by.name }}, {{ brief",
               "ing.drafted_by.unit }} ({{ briefing.action_required }})")
    document = _export(tmp_path, _template(tmp_path, build))
    texts = _texts(document)
    assert "For Minister from Policy Unit" in texts
    assert "Drafted by R. Analyst, Policy Unit (Decision)" in texts


def test_a_condition_keeps_or_drops_a_whole_block(tmp_path: Path) -> None:
    def build(document: Document) -> None:
        _split(document, "{%p if briefing.appro", "ved_by %}")
        document.add_paragraph("Approved by {{ briefing.approved_by }}")
        document.add_paragraph("Signature")
        document.add_paragraph("{%p endif %}")
    word = _template(tmp_path, build)
    shown = _texts(_export(tmp_path, word))
    assert shown[-2:] == ["Approved by D. Director", "Signature"]
    assert not any("{%" in text for text in shown)
    outline = _outline()
    outline.briefing.approved_by = ""
    hidden = _texts(_export(tmp_path, word, outline))
    assert not any("Approved" in text or "Signature" in text for text in hidden)


def test_a_paragraph_block_repeats_per_picked_item_in_the_briefing_order(tmp_path: Path) -> None:
    def build(document: Document) -> None:
        document.add_paragraph("{%p for item in items %}")
        document.add_paragraph("{{ item.number }}. {{ item.heading }} "
                               "[{{ item.tags | join(', ') }}]")
        document.add_paragraph("{{ item.citation }}")
        document.add_paragraph("{%p endfor %}")
    texts = _texts(_export(tmp_path, _template(tmp_path, build)))
    first = texts.index("1. Paying for defence [spending]")
    assert texts[first + 2] == "2. Keeping allies together [cohesion]"
    assert texts[first + 1].startswith("A. Writer, \u201cFive tests")
    assert "1 October 2024" in texts[first + 1]


def test_a_table_row_repeats_per_item_with_its_note_a_line_per_paragraph(
        tmp_path: Path) -> None:
    def build(document: Document) -> None:
        table = document.add_table(rows=4, cols=2)
        table.cell(0, 0).text, table.cell(0, 1).text = "Issue", "Note"
        table.cell(1, 0).text = "{%tr for item in items %}"
        table.cell(2, 0).text = "{{ item.label }}"
        table.cell(2, 1).paragraphs[0].add_run("{{ item.")
        table.cell(2, 1).paragraphs[0].add_run("note }}").italic = True
        table.cell(3, 0).text = "{%tr endfor %}"
    document = _export(tmp_path, _template(tmp_path, build))
    rows = [[cell.text for cell in row.cells] for row in document.tables[-1].rows]
    assert rows == [["Issue", "Note"], ["2. Paying for defence", ""],
                    ["1. Keeping allies together",
                     "Why it matters: unity is what makes deterrence credible.\n"
                     "Watch the summit communiqu\u00e9."]]


def test_header_and_footer_take_conditions_and_fields(tmp_path: Path) -> None:
    def build(document: Document) -> None:
        section = document.sections[0]
        header = section.header.add_paragraph()
        header.add_run("{% if briefing.cav")
        header.add_run("eats %}Caveat: {{ briefing.caveats }}{% endif %}")
        section.footer.add_paragraph("{{ briefing.file_number }} | {{ briefing.second_title }}")
    document = _export(tmp_path, _template(tmp_path, build))
    section = document.sections[0]
    assert "Caveat: UK EYES ONLY" in [p.text for p in section.header.paragraphs]
    assert "2024/117 | La nouvelle direction de l'Alliance" in [
        p.text for p in section.footer.paragraphs]
    assert "OFFICIAL" in [p.text for p in section.header.paragraphs]


@pytest.mark.parametrize(("language", "expected"), [
    ("en", "Thursday 3 October 2024 | 03/10/2024 | 3 October 2024"),
    ("fr", "jeudi 3 octobre 2024 | 03/10/2024 | 3 octobre 2024")])
def test_the_date_filter_writes_the_template_language(tmp_path: Path, language: str,
                                                      expected: str) -> None:
    def build(document: Document) -> None:
        # Word turns typed quotes into curly ones; the filter's pattern still reads.
        document.add_paragraph("{{ briefing.date | date(\u201cEEEE d MMMM y\u201d) }} | "
                               "{{ briefing.date | date('dd/MM/yyyy') }} | {{ date }}")
    word = _template(tmp_path, build, yaml_extra=f"language: {language}\n")
    assert expected in _texts(_export(tmp_path, word))


def test_a_date_typed_as_text_is_kept_as_typed_by_the_filter(tmp_path: Path) -> None:
    def build(document: Document) -> None:
        document.add_paragraph("Dated {{ briefing.date | date('d.M.y') }}")
    outline = _outline()
    outline.briefing.date = "early next week"
    assert "Dated early next week" in _texts(_export(tmp_path, _template(tmp_path, build),
                                                     outline))


def test_values_are_escaped_and_the_content_goes_where_marked(tmp_path: Path) -> None:
    def build(document: Document) -> None:
        document.add_paragraph("To {{ briefing.to }}")
    outline = _outline()
    outline.briefing.to = "Minister <Defence> & {{ content }}"
    texts = _texts(_export(tmp_path, _template(tmp_path, build), outline))
    assert "To Minister <Defence> & {{ content }}" in texts
    # The note sits at the template's {{ content }} paragraph, before the paragraph added last.
    assert texts.index("Purpose") < texts.index("To Minister <Defence> & {{ content }}")
    assert texts[1] == "The alliance's new leadership"


def test_a_syntax_error_stops_the_export_naming_the_paragraph(tmp_path: Path) -> None:
    def build(document: Document) -> None:
        document.add_paragraph("{%p if briefing.approved_by %}")
        document.add_paragraph("Approved by {{ briefing.approved_by }}")
    word = _template(tmp_path, build)
    with pytest.raises(TemplateError) as caught:
        _export(tmp_path, word)
    message = str(caught.value)
    assert str(word) in message and "Jinja syntax error" in message
    assert "body paragraph" in message and "endif" in message
    assert not (tmp_path / "note.docx").exists()


def test_an_unknown_name_warns_at_export_and_prints_nothing(tmp_path: Path) -> None:
    def build(document: Document) -> None:
        document.add_paragraph("Cleared by [{{ briefing.aproved_by }}]")
    warnings: list[str] = []
    texts = _texts(_export(tmp_path, _template(tmp_path, build), warnings=warnings))
    assert "Cleared by []" in texts
    assert any("unknown field briefing.aproved_by" in warning
               and "Did you mean briefing.approved_by?" in warning for warning in warnings)


def test_the_sandbox_refuses_python_internals(tmp_path: Path) -> None:
    def build(document: Document) -> None:
        document.add_paragraph("{{ briefing.title.__class__.__mro__ }}")
    word = _template(tmp_path, build)
    with pytest.raises(TemplateError) as caught:
        _export(tmp_path, word)
    assert "could not be rendered" in str(caught.value)
    assert f"templates --check {word.with_suffix('.yaml')}" in str(caught.value)


def test_check_reports_syntax_errors_with_their_paragraph(tmp_path: Path) -> None:
    def build(document: Document) -> None:
        document.add_paragraph("{% for item in items %}")
        document.add_paragraph("{{ item.heading }")
        document.add_paragraph("{% endfor %}")
        document.sections[0].footer.add_paragraph("{{ title | shout }}")
    check = check_template(str(_template(tmp_path, build)))
    lines = [str(error) for error in check.errors]
    assert len(lines) == 2
    body, footer = lines
    assert "body paragraph" in body and "(\u201c{{ item.heading }\u201d)" in body
    assert "Jinja syntax error" in body
    assert "footer paragraph" in footer and "No filter named 'shout'" in footer


def test_check_reports_unknown_names_with_suggestions(tmp_path: Path) -> None:
    def build(document: Document) -> None:
        document.add_paragraph("{{ briefing.aprooved_by }} {{ tittle }}")
        table = document.add_table(rows=3, cols=1)
        table.cell(0, 0).text = "{%tr for row in items %}"
        table.cell(1, 0).text = "{{ row.heading }} {{ row.hedding }} {{ loop.index }}"
        table.cell(2, 0).text = "{%tr endfor %}"
        document.add_paragraph("{{ briefing.drafted_by.phone }}")
    lines = [str(error) for error in check_template(str(_template(tmp_path, build))).errors]
    assert len(lines) == 4
    field, name = sorted(lines[:2])  # both in the same paragraph
    assert "unknown field briefing.aprooved_by" in field
    assert "Did you mean briefing.approved_by?" in field
    assert "unknown name {{ tittle }}" in name and "Did you mean title?" in name
    assert "unknown field row.hedding" in lines[2] and "Did you mean row.heading?" in lines[2]
    assert "(\u201c{{ row.heading }} {{ row.hedding }}" in lines[2]
    assert "briefing.drafted_by.phone" in lines[3]
    assert "briefing.drafted_by.name, briefing.drafted_by.unit" in lines[3]


def test_simple_placeholders_and_new_field_names_work_without_jinja(tmp_path: Path) -> None:
    def build(document: Document) -> None:
        document.add_paragraph("Approved by {{ approved_by }}; action: {{ action_required }}")
    word = _template(tmp_path, build)
    assert check_template(str(word)).errors == []
    assert "Approved by D. Director; action: Decision" in _texts(_export(tmp_path, word))


def test_the_decision_note_template_shows_its_table_approval_and_caveats(
        tmp_path: Path) -> None:
    output = tmp_path / "note.docx"
    export_briefing(_outline(), output, "decision-note", warn=pytest.fail)
    document = docx.Document(str(output))
    details = {row.cells[0].text: row.cells[1].text for row in document.tables[0].rows}
    assert details["Action required"] == "Decision"
    assert details["Date"] == "Thursday 3 October 2024"
    assert details["Drafted by"] == "R. Analyst, Policy Unit (r.analyst@example.org)"
    issues = [[cell.text for cell in row.cells][:2] for row in document.tables[1].rows]
    assert issues[0] == ["No.", "Issue"]
    assert [row[0] for row in issues[1:]] == ["1", "2"]
    assert issues[1][1].startswith("Paying for defence")
    texts = _texts(document)
    assert "Approval" in texts and texts.index("Recommendation") < texts.index("Approval")
    approval = document.tables[-1].cell(0, 0).text
    assert approval.startswith("Approved by D. Director\nSignature")
    assert document.sections[0].header.paragraphs[0].text == "OFFICIAL \u2013 UK EYES ONLY"
    assert not any("{{" in text or "{%" in text for text in texts)


def test_check_reports_a_row_tag_outside_a_table_and_a_bad_date_form(tmp_path: Path) -> None:
    def build(document: Document) -> None:
        document.add_paragraph("{%tr for item in items %}")
        document.add_paragraph("{{ item.heading }}")
        document.add_paragraph("{%tr endfor %}")
        document.sections[0].footer.add_paragraph("{{ briefing.date | date('d MMM HH:mm') }}")
    lines = [str(error) for error in check_template(str(_template(tmp_path, build))).errors]
    assert len(lines) == 2
    assert "(\u201c{%tr for item in items %}\u201d)" in lines[0]
    assert "work only in a table row or cell" in lines[0]
    assert "footer paragraph" in lines[1]
    assert "'H' is not a day, month, year or weekday field" in lines[1]


@pytest.mark.parametrize(("tag", "expected"), [
    ("{{ briefing.date | date(5) }}", "the date filter's form 5 is not a date pattern"),
    ("{{ 1 / 0 }}", "could not be rendered: ZeroDivisionError"),
    ("{% for i in range(10 ** 9) %}x{% endfor %}", "could not be rendered: OverflowError")])
def test_a_failure_while_rendering_is_a_template_error(tmp_path: Path, tag: str,
                                                       expected: str) -> None:
    def build(document: Document) -> None:
        document.add_paragraph(tag)
    word = _template(tmp_path, build)
    with pytest.raises(TemplateError) as caught:
        _export(tmp_path, word)
    assert str(word) in str(caught.value) and expected in str(caught.value)
    assert not (tmp_path / "note.docx").exists()


def test_a_problem_names_its_paragraph_as_typed(tmp_path: Path) -> None:
    def build(document: Document) -> None:
        document.add_paragraph("{%p if briefing.to == \u201cMinister\u201d %}")
    (line,) = [str(error) for error in check_template(str(_template(tmp_path, build))).errors]
    assert "(\u201c{%p if briefing.to == \u201cMinister\u201d %}\u201d)" in line
    assert "Jinja syntax error" in line and "endif" in line


def test_the_decision_note_leaves_out_the_approval_block_until_approved(tmp_path: Path) -> None:
    outline = _outline()
    outline.briefing.approved_by = ""
    output = tmp_path / "note.docx"
    export_briefing(outline, output, "decision-note", warn=pytest.fail)
    document = docx.Document(str(output))
    assert "Approval" not in _texts(document)
    assert not any("Signature" in cell.text for table in document.tables
                   for row in table.rows for cell in row.cells)
