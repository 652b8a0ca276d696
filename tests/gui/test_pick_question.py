"""Picking a section with subsections: the question's answers match what the export gives."""

from __future__ import annotations

from pathlib import Path

import docx
import pytest
from PySide6.QtCore import Qt

from briefing.core.export.api import export_briefing
from briefing.gui.main_window import MainWindow
from tests.gui.window_support import check, click_in_box

OWN_TEXT = "Opening remarks for challenge 1."
SUBSECTION_TEXTS = ("Detail 1.1: budgets rose by 11%.", "Detail 1.2: budgets rose by 12%.")


def _exported_text(window: MainWindow, tmp_path: Path) -> list[str]:
    """The paragraphs of the Word note exported from the window's outline, read back."""
    path = tmp_path / "note.docx"
    export_briefing(window.document.outline, path, "reading-pack", warn=lambda message: None)
    return [paragraph.text for paragraph in docx.Document(str(path)).paragraphs]


def test_this_section_only_exports_the_sections_own_text(
        window: MainWindow, monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    asked = click_in_box(monkeypatch, "This Section Only")
    check(window, "s10", True)
    assert "2 subsections" in asked[0] and "without its 2 subsections" in asked[0]
    assert window.document.picked_ids() == ["s10"]
    text = _exported_text(window, tmp_path)
    assert any(OWN_TEXT in line for line in text)
    assert not any(sub in line for line in text for sub in SUBSECTION_TEXTS)
    assert not any("Point 1.1 on arctic patrols" in line for line in text)


def test_pick_with_subsections_exports_them_too(
        window: MainWindow, monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    click_in_box(monkeypatch, "Pick with Subsections")
    check(window, "s10", True)
    assert window.document.picked_ids() == ["s10", "s11", "s12"]
    text = _exported_text(window, tmp_path)
    order = [next(i for i, line in enumerate(text) if wanted in line)
             for wanted in (OWN_TEXT, *SUBSECTION_TEXTS)]
    assert order == sorted(order)


def test_cancel_changes_no_pick(window: MainWindow, monkeypatch: pytest.MonkeyPatch) -> None:
    click_in_box(monkeypatch, "Cancel")
    check_index = window.filter_model.mapFromSource(window.outline_model.section_index("s10"))
    assert not window.filter_model.setData(check_index, Qt.CheckState.Checked.value,
                                           Qt.ItemDataRole.CheckStateRole)
    assert window.document.picked_ids() == []
    assert window.document.undo_stack.count() == 0


def test_unpicking_can_keep_the_subsections_and_says_what_stays(
        window: MainWindow, monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    click_in_box(monkeypatch, "Pick with Subsections")
    check(window, "s10", True)
    asked = click_in_box(monkeypatch, "Keep Subsections Picked")
    check(window, "s10", False)
    assert "2 picked subsections" in asked[0] and "stay in the briefing" in asked[0]
    assert window.document.picked_ids() == ["s11", "s12"]
    text = _exported_text(window, tmp_path)
    assert not any(OWN_TEXT in line for line in text)
    assert all(any(sub in line for line in text) for sub in SUBSECTION_TEXTS)
