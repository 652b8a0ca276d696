"""The built-in decision note's table of issues, read as a reader reads it: a note's paragraphs
and list items each on their own line of the cell, and no blank line where a note is empty."""

from __future__ import annotations

from pathlib import Path

import docx

from briefing.core.export.api import export_briefing
from briefing.core.model import Outline
from tests.core.export.fixtures.outlines import sample_outline


def _issue_cells(outline: Outline, tmp_path: Path) -> dict[str, list[str]]:
    """Each row's issue cell by its number, as the paragraphs of the cell."""
    output = tmp_path / "decision.docx"
    export_briefing(outline, output, template="decision-note", warn=lambda message: None)
    issues = docx.Document(str(output)).tables[1]
    return {row.cells[0].text: [p.text for p in row.cells[1].paragraphs]
            for row in issues.rows[1:]}


def test_a_note_of_paragraphs_and_a_list_keeps_each_on_its_own_line(tmp_path: Path) -> None:
    outline = sample_outline()
    outline.briefing.order = ["s1", "s4", "s6", "s7"]
    outline.find_section("s1")[1].note = ("Costs **rise** first.\n\n- one ally pays\n"
                                          "- another waits\n\nThen they level off.")
    cells = _issue_cells(outline, tmp_path)
    assert cells["1"] == ["Burden sharing", "Costs rise first.", "one ally pays",
                          "another waits", "Then they level off."]


def test_a_row_without_a_note_has_no_blank_line(tmp_path: Path) -> None:
    outline = sample_outline()
    outline.briefing.order = ["s1", "s4", "s6", "s7"]
    cells = _issue_cells(outline, tmp_path)
    assert cells["3"] == ["Outcomes"]
    assert all(all(text.strip() for text in cell) for cell in cells.values())
