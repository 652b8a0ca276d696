"""Issue 10's "done when", tried as an analyst would in the real window.

Import two articles and, by mistake, a copy of one; pick two sentences of one article and a bullet
of the other as excerpts; note them; order them with whole sections; fix a wrong heading and a
wrong date; delete the duplicate; undo and redo along the way; export every template and the text
formats; save, close, reopen and find everything as it was.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtGui import QGuiApplication, QTextCursor
from PySide6.QtWidgets import QAbstractItemView, QDialog, QInputDialog, QLineEdit
from pytestqt.qtbot import QtBot

from briefing.core import paths
from briefing.core.model import Excerpt
from briefing.gui import duplicate_question
from briefing.gui.article_dialog import ArticleDetailsDialog
from briefing.gui.export_dialog import ExportDialog
from briefing.gui.import_dialog import ImportDialog
from briefing.gui.main_window import MainWindow
from briefing.gui.outline_model import EXCERPT_MARK
from briefing.gui.reader_view import HIGHLIGHT
from briefing.gui.settings import AppSettings
from tests.core.export.fixtures.readback import NS, Package, text_of, w
from tests.gui.window_support import Button, answer, click_in_box, discard_and_close

TIDES = """---
title: Tidal Power on the Northern Coast
author: Mira Castell
publisher: Coastal Energy Review
date: 2021-06-01
url: https://example.org/tides
---

# Tidal Power on the Northern Coast

## Csots

Turbine prices fell by a third since the first pilot. Grid links remain the costliest part of
each site. Operators want contracts that run for twenty years.

## Risks

Storms damaged two floating rigs last winter.
"""

GRIDS = """---
title: Cables Under the Channel
author: Tomas Oyelaran
publisher: Grid Quarterly
date: 2024-02-12
url: https://example.org/cables
---

# Cables Under the Channel

## Permits

Each new cable needs consent from three agencies.

- Consents take four years on average
- Fishing groups ask for buried routes

## Repairs

Only two ships in the region can lift a broken cable.
"""

TWO_SENTENCES = ("links remain the costliest part of each site. Operators want contracts that "
                 "run for twenty years.")
"""Dragged from the second word: the export marks the cut with "…"."""
EXPORTED_SENTENCES = "\u2026links remain the costliest part of each site."
BULLET = "Consents take four years on average"
ASK_ABOUT_DUPLICATE = duplicate_question.ask_about_duplicate
"""The real question (the GUI tests' fixtures replace it with a failure)."""


def _import(qtbot: QtBot, window: MainWindow, files: list[Path],
            monkeypatch: pytest.MonkeyPatch) -> int:
    """File → Import Articles…, choosing ``files`` and accepting the import dialog."""
    answer(monkeypatch, "getOpenFileNames", ([str(path) for path in files], ""))
    monkeypatch.setattr(ImportDialog, "exec", lambda dialog: QDialog.DialogCode.Accepted.value)
    with qtbot.waitSignal(window.importer.finished, timeout=20_000) as blocker:
        window.import_action.trigger()
    return int(blocker.args[0])


def _row_of(window: MainWindow, label: str, parent: QModelIndex | None = None) -> QModelIndex:
    """The tree row showing ``label`` (searched depth first), made current as a click does."""
    model = window.tree.model()
    parent = parent or QModelIndex()
    for row in range(model.rowCount(parent)):
        index = model.index(row, 0, parent)
        if index.data() == label:
            return index
        found = _row_of(window, label, index)
        if found.isValid():
            return found
    return QModelIndex()


def _click(window: MainWindow, label: str) -> None:
    index = _row_of(window, label)
    assert index.isValid(), f"no row {label!r} in the tree"
    window.tree.setCurrentIndex(index)


def _children(window: MainWindow, label: str) -> list[str]:
    index = _row_of(window, label)
    model = window.tree.model()
    return [model.index(row, 0, index).data() for row in range(model.rowCount(index))]


def _headings(window: MainWindow, article_row: int) -> list[str]:
    """The section rows the tree shows under an article."""
    model = window.tree.model()
    article = model.index(article_row, 0)
    return [model.index(row, 0, article).data() for row in range(model.rowCount(article))]


def _drag_over(window: MainWindow, text: str) -> None:
    """Select ``text`` in the reader as a drag of the mouse does (the plain text has the
    reader's line breaks, so the passage is found with them normalised)."""
    reader = window.reader
    shown = reader.toPlainText()
    wanted = " ".join(text.split())
    flat = shown.replace("\n", " ").replace("\u2029", " ")
    start = flat.index(wanted)
    cursor = reader.textCursor()
    cursor.setPosition(start)
    cursor.setPosition(start + len(wanted), QTextCursor.MoveMode.KeepAnchor)
    reader.setTextCursor(cursor)


def _type_note(qtbot: QtBot, window: MainWindow, text: str) -> None:
    window.note_editor.editor.setFocus()
    qtbot.keyClicks(window.note_editor.editor, text)


def _order(window: MainWindow) -> list[str]:
    model = window.briefing_panel.order_view.model()
    return [model.index(row, 0).data() for row in range(model.rowCount())]


def _export(qtbot: QtBot, window: MainWindow, output: Path, template: str,
            monkeypatch: pytest.MonkeyPatch) -> None:
    """File → Export…: choose the template and the file (its extension picks the format)."""
    def accept(dialog: ExportDialog) -> int:
        dialog.template_box.setCurrentIndex(dialog.template_box.findData(template))
        dialog.set_output(output)
        dialog.open_when_done.setChecked(False)
        dialog.accept()
        return dialog.result()

    monkeypatch.setattr(ExportDialog, "exec", accept)
    job = window.export_dialog()
    assert job is not None, window.statusBar().currentMessage()
    with qtbot.waitSignal(job.finished, timeout=60_000):
        pass
    assert job.outcome == "done"


def _footnotes_of(package: Package, paragraph_text: str) -> list[str]:
    """The footnotes cited from the paragraphs whose text holds ``paragraph_text``."""
    notes = {note.get(w("id")): text_of(note)
             for note in package.xml("word/footnotes.xml").iter(w("footnote"))}
    cited: list[str] = []
    for paragraph in package.xml("word/document.xml").iter(w("p")):
        if paragraph_text in text_of(paragraph):
            refs = paragraph.xpath(".//w:footnoteReference", namespaces=NS)
            cited.extend(notes[ref.get(w("id"))] for ref in refs)
    return cited


def _excerpts(window: MainWindow) -> list[Excerpt]:
    return [excerpt for article in window.document.outline.articles
            for excerpt in article.excerpts]


def test_an_analyst_picks_excerpts_edits_the_outline_exports_and_reopens(
        qtbot: QtBot, fresh_window: MainWindow, tmp_path: Path,
        monkeypatch: pytest.MonkeyPatch) -> None:
    window = fresh_window
    window.show()
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    stack = window.document.undo_stack
    tides, grids = tmp_path / "tides.md", tmp_path / "grids.md"
    tides.write_text(TIDES, encoding="utf-8")
    grids.write_text(GRIDS, encoding="utf-8")
    tides_again = tmp_path / "tides-saved-twice.md"
    tides_again.write_text(TIDES, encoding="utf-8")

    # Import both articles, then the copy of one: Briefing asks, the analyst keeps both.
    assert _import(qtbot, window, [tides, grids], monkeypatch) == 2
    monkeypatch.setattr(duplicate_question, "ask_about_duplicate", ASK_ABOUT_DUPLICATE)
    asked = click_in_box(monkeypatch, "Keep Both")
    assert _import(qtbot, window, [tides_again], monkeypatch) == 1
    assert "already in the outline" in asked[0]
    titles = [article.title for article in window.document.outline.articles]
    assert titles == ["Tidal Power on the Northern Coast", "Cables Under the Channel",
                      "Tidal Power on the Northern Coast"]

    # Two sentences of the first article as one excerpt, a bullet of the second as another.
    _click(window, "Csots")
    window.outline_actions.show_in_reader.trigger()
    _drag_over(window, TWO_SENTENCES)
    window.excerpts.pick_action.trigger()
    _click(window, "Permits")
    window.outline_actions.show_in_reader.trigger()
    _drag_over(window, BULLET)
    window.reader.setFocus()
    qtbot.waitUntil(window.reader.hasFocus)
    qtbot.keyClick(window.reader, Qt.Key.Key_E,
                   Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    sentences, bullet = _excerpts(window)
    assert sentences.anchor.quote.split() == TWO_SENTENCES.split()
    assert bullet.anchor.quote == BULLET
    assert window.picked_label.text() == "0 sections, 2 excerpts picked"
    assert f"{EXCERPT_MARK} {BULLET}" in _children(window, "Permits")

    # Undo the bullet and redo it: it comes back with its place in the tree.
    window.undo_action.trigger()
    assert _excerpts(window) == [sentences]
    window.redo_action.trigger()
    assert [e.anchor.quote for e in _excerpts(window)] == [sentences.anchor.quote, BULLET]

    # A note on each excerpt, typed in the note editor.
    _click(window, f"{EXCERPT_MARK} {BULLET}")
    _type_note(qtbot, window, "Slow consents delay every link.")
    sentence_row = next(label for label in _children(window, "Csots")
                        if label.startswith(EXCERPT_MARK))
    _click(window, sentence_row)
    _type_note(qtbot, window, "Long contracts are the ask.")
    sentences, bullet = _excerpts(window)
    assert (sentences.note, bullet.note) == ("Long contracts are the ask.",
                                             "Slow consents delay every link.")
    window.undo_action.trigger()  # the typing is one step
    assert sentences.note == "" and window.note_editor.editor.toPlainText() == ""
    window.redo_action.trigger()
    assert window.note_editor.editor.toPlainText() == "Long contracts are the ask."
    qtbot.waitUntil(lambda: not window.word_counts.is_refresh_pending())
    assert window.word_counts.text().startswith("Note: 5 words \u00b7 All notes: 10 words")

    # Whole sections picked with them, and the order set in the order list.
    for label in ("Risks", "Repairs"):
        _click(window, label)
        window.outline_actions.pick.trigger()
    order_view = window.briefing_panel.order_view
    assert len(_order(window)) == 4
    order_view.setCurrentIndex(order_view.model().index(3, 0))  # Repairs ...
    qtbot.mouseClick(window.briefing_panel.move_up, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(window.briefing_panel.move_up, Qt.MouseButton.LeftButton)  # ... second
    order = _order(window)
    assert order[1].endswith("Repairs") and order[3].endswith("Risks")
    window.undo_action.trigger()
    assert _order(window)[2].endswith("Repairs")
    window.redo_action.trigger()
    assert _order(window) == order

    # Fix the misspelt heading in place: F2 in the tree, type, move on.
    _click(window, "Csots")
    window.tree.setFocus()
    qtbot.waitUntil(window.tree.hasFocus)
    qtbot.keyClick(window.tree, Qt.Key.Key_F2)
    qtbot.waitUntil(lambda: window.tree.state() == QAbstractItemView.State.EditingState)
    editor = QGuiApplication.focusObject()
    assert isinstance(editor, QLineEdit) and editor.text() == "Csots"
    editor.selectAll()
    qtbot.keyClicks(editor, "Costs")
    _click(window, "Risks")  # moving on commits it (a synthetic Return does not, offscreen)
    assert _headings(window, 0) == ["Costs", "Risks"]
    assert _headings(window, 2) == ["Csots", "Risks"]  # the duplicate is left as it was
    assert stack.undoText() == "Rename heading"
    window.undo_action.trigger()
    assert _headings(window, 0) == ["Csots", "Risks"]
    window.redo_action.trigger()
    assert _headings(window, 0) == ["Costs", "Risks"]

    # A slip in the paragraph outside the excerpt, fixed from the reader's right-click menu:
    # the excerpt stays anchored and highlighted.
    _click(window, "Costs")
    monkeypatch.setattr(QInputDialog, "getMultiLineText", staticmethod(
        lambda parent, title, label, text, *args: (text.replace("first pilot", "first trial"),
                                                   True)))
    reader = window.reader
    cursor = reader.textCursor()
    cursor.setPosition(reader.toPlainText().index("Turbine prices") + 3)
    menu = window.reader_context_menu(reader.cursorRect(cursor).center())
    edit = next(action for action in menu.actions()
                if action.text().replace("&", "") == "Edit Paragraph\u2026")
    edit.trigger()
    menu.deleteLater()
    assert "since the first trial." in reader.toPlainText()
    assert not _excerpts(window)[0].orphaned
    assert f"<span style='{HIGHLIGHT}'>links remain" in reader._html

    # ... and the wrong date in the article's details.
    def correct_date(dialog: ArticleDetailsDialog) -> int:
        dialog.fields["date"].setText("1 June 2024")
        dialog.accept()
        return dialog.result()

    monkeypatch.setattr(ArticleDetailsDialog, "exec", correct_date)
    _click(window, "Costs")
    window.outline_actions.details.trigger()
    assert window.document.outline.articles[0].date == "2024-06-01"
    assert window.document.outline.articles[2].date == "2021-06-01"  # the copy is untouched

    # Delete the duplicate (the third article): a confirmation first, then it is gone; undo
    # brings it back, redo deletes it again.
    confirm = answer(monkeypatch, "question", Button.Yes)
    window.tree.setCurrentIndex(window.tree.model().index(2, 0))
    window.tree.setFocus()
    qtbot.waitUntil(window.tree.hasFocus)
    qtbot.keyClick(window.tree, Qt.Key.Key_Delete)
    assert len(confirm) == 1 and "\u201cTidal Power on the Northern Coast\u201d" in confirm[0][2]
    assert len(window.document.outline.articles) == 2
    window.undo_action.trigger()
    assert len(window.document.outline.articles) == 3
    window.redo_action.trigger()
    assert [a.title for a in window.document.outline.articles] == [
        "Tidal Power on the Northern Coast", "Cables Under the Channel"]
    assert [e.note for e in _excerpts(window)] == ["Long contracts are the ask.",
                                                   "Slow consents delay every link."]
    assert _order(window) == order

    # Every template exports the picks in the order set, the excerpts with their notes and
    # their article cited (with the corrected date); the templates that give the sections'
    # text give the excerpts' own text, "…" where it cuts a sentence, cited in footnotes.
    templates = sorted(path.stem for path in paths.BUILTIN_TEMPLATES.glob("*.yaml"))
    assert templates == ["briefing-note", "decision-note", "one-page-brief", "reading-pack"]
    for template in templates:
        output = tmp_path / f"{template}.docx"
        _export(qtbot, window, output, template, monkeypatch)
        package = Package(output)
        everything = package.all_text()
        for note in ("Long contracts are the ask.", "Slow consents delay every link."):
            assert note in everything, template
        assert "Coastal Energy Review, 1 June 2024" in everything, template
        assert "2021" not in everything, template
        places = [everything.index(text) for text in (
            "Costs (excerpt)", "Repairs", "Permits (excerpt)", "Risks")]
        assert places == sorted(places), template
        if template in ("decision-note", "one-page-brief"):
            continue  # headings, notes and sources only, for sections and excerpts alike
        places = [everything.index(text) for text in (
            EXPORTED_SENTENCES, "Only two ships", BULLET, "Storms damaged")]
        assert places == sorted(places), template
        costs = _footnotes_of(package, "Costs (excerpt)")
        assert any("Coastal Energy Review" in note and "1 June 2024" in note
                   for note in costs), (template, costs)
        permits = _footnotes_of(package, "Permits (excerpt)")
        assert permits and all("Grid Quarterly" in note or note.strip() == "Ibid."
                               for note in permits), (template, permits)
        assert "Turbine prices" not in everything  # the rest of the paragraph stays out
    for suffix in (".md", ".html"):
        output = tmp_path / f"note{suffix}"
        _export(qtbot, window, output, "reading-pack", monkeypatch)
        text = output.read_text(encoding="utf-8")
        places = [text.index(part) for part in (
            EXPORTED_SENTENCES, "Only two ships", BULLET, "Storms damaged")]
        assert places == sorted(places), suffix
        assert "Coastal Energy Review" in text and "Grid Quarterly" in text

    # Save, close, reopen: everything is as it was.
    saved = tmp_path / "tides-and-cables.yaml"
    answer(monkeypatch, "getSaveFileName", (str(saved), ""))
    window.save_action.trigger()
    assert not window.isWindowModified()
    before = window.document.outline
    discard_and_close(window)
    again = MainWindow(settings=AppSettings())
    try:
        answer(monkeypatch, "getOpenFileName", (str(saved), ""))
        again.open_action.trigger()
        outline = again.document.outline
        assert outline == before
        assert [a.title for a in outline.articles] == [
            "Tidal Power on the Northern Coast", "Cables Under the Channel"]
        assert outline.articles[0].date == "2024-06-01"
        assert _headings(again, 0) == ["Costs", "Risks"]
        assert [e.note for e in _excerpts(again)] == ["Long contracts are the ask.",
                                                      "Slow consents delay every link."]
        assert not any(e.orphaned for e in _excerpts(again))
        assert _order(again) == order
        assert again.picked_label.text() == "2 sections, 2 excerpts picked"
    finally:
        discard_and_close(again)

