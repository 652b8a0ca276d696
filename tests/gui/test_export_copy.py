"""An export's copy of the outline made in idle slices: the same note, Cancel, edits kept."""

from __future__ import annotations

from pathlib import Path

import docx
import pytest
from pytestqt.qtbot import QtBot

from briefing.core.anchoring import make_anchor
from briefing.core.export.api import ExportResult
from briefing.core.model import Excerpt
from briefing.gui import outline_copier
from briefing.gui.document import Document
from briefing.gui.export_dialog import ExportRequest, export_in_background
from briefing.gui.workers import CancelToken, JobHandle, export_job
from tests.gui.conftest import build_outline


@pytest.fixture
def picked_document(qapp: object) -> Document:
    """Two articles with picked sections, a note and an excerpt in the second article."""
    outline = build_outline()
    outline.articles[0].sections[0].picked = True
    outline.articles[1].sections[1].picked = True
    outline.articles[1].sections[2].sections[0].note = "Check the **figures** again."
    outline.articles[1].sections[2].sections[0].picked = True
    quoted = outline.articles[1].sections[0].sections[1]
    outline.articles[1].excerpts.append(Excerpt("e1", make_anchor(quoted, 0, 20),
                                                note="A passage on its own."))
    outline.sync_order()
    document = Document()
    document.replace(outline, None, display_name="Picked outline")
    return document


def _request(output: Path) -> ExportRequest:
    return ExportRequest(output=output, format=output.suffix, template="briefing-note",
                         classification="OFFICIAL", open_when_done=False)


def _start(document: Document, output: Path, statuses: list[str],
           results: list[ExportResult | None]) -> JobHandle[ExportResult]:
    return export_in_background(None, document.outline, _request(output),
                                status=statuses.append, on_finished=results.append,
                                changed=document.changed)


def _export_at_once(document: Document, output: Path) -> None:
    """The export as made from a copy taken all at once (``export_job`` without ``copy``)."""
    job = export_job(document.outline, output, "briefing-note", "OFFICIAL")
    job(CancelToken(), lambda _done, _total, _message: None)


def _paragraphs(path: Path) -> list[tuple[str, str]]:
    return [(paragraph.style.name if paragraph.style is not None else "", paragraph.text)
            for paragraph in docx.Document(str(path)).paragraphs]


@pytest.mark.parametrize("suffix", [".docx", ".md"])
def test_an_export_copied_in_slices_writes_the_same_note(
        qtbot: QtBot, tmp_path: Path, picked_document: Document, suffix: str,
        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(outline_copier, "SLICE_S", 0.0)  # one article a slice
    sliced, at_once = tmp_path / f"sliced{suffix}", tmp_path / f"at-once{suffix}"
    results: list[ExportResult | None] = []
    handle = _start(picked_document, sliced, [], results)
    with qtbot.waitSignal(handle.finished, timeout=30_000):
        pass
    assert handle.outcome == "done" and results[0] is not None
    _export_at_once(picked_document, at_once)
    if suffix == ".md":
        text = sliced.read_text(encoding="utf-8")
        assert "Check the **figures** again." in text and "A passage on its own." in text
        assert text == at_once.read_text(encoding="utf-8")
    else:
        paragraphs = _paragraphs(sliced)
        assert any("Challenge 1 of Harbour Defence" in text for _, text in paragraphs)
        assert paragraphs == _paragraphs(at_once)


def test_cancel_while_the_outline_is_copied_stops_the_export(
        qtbot: QtBot, tmp_path: Path, picked_document: Document,
        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(outline_copier, "SLICE_S", 0.0)  # the second article waits a turn
    output = tmp_path / "note.md"
    output.write_text("last week's note", encoding="utf-8")
    statuses: list[str] = []
    results: list[ExportResult | None] = []
    handle = _start(picked_document, output, statuses, results)
    progressed: list[str] = []
    handle.progressed.connect(lambda _done, _total, message: progressed.append(message))
    handle.cancel()  # before the copy's next slice: the copy is still under way
    with qtbot.waitSignal(handle.finished, timeout=30_000):
        pass
    assert handle.outcome == "cancelled" and results == [None]
    assert progressed == [], "the export itself never began"
    assert statuses == ["Export cancelled; nothing was written"]
    assert output.read_text(encoding="utf-8") == "last week's note"
    assert sorted(item.name for item in tmp_path.iterdir()) == ["note.md"]


def test_an_edit_made_while_the_export_copies_is_in_the_note(
        qtbot: QtBot, tmp_path: Path, picked_document: Document,
        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(outline_copier, "SLICE_S", 0.0)  # one article a slice
    output = tmp_path / "note.md"
    handle = _start(picked_document, output, [], [])
    first_pick = picked_document.outline.articles[0].sections[0].id
    picked_document.set_note(first_pick, "Typed as the export began")  # an article copied
    with qtbot.waitSignal(handle.finished, timeout=30_000):
        pass
    assert handle.outcome == "done"
    assert "Typed as the export began" in output.read_text(encoding="utf-8")
