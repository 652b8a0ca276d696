"""Picking excerpts in the reader: the tree, the reader's highlight, the note editor, the order
list, removing, and undo/redo of every step."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QModelIndex, QPoint, Qt
from PySide6.QtGui import QKeySequence, QTextCursor

from briefing.core.anchoring import make_anchor, section_text
from briefing.core.export.document import build_document
from briefing.core.model import Excerpt, Outline
from briefing.core.outline_file import load_outline
from briefing.core.templates import builtin_template
from briefing.gui.document import Document
from briefing.gui.main_window import MainWindow
from briefing.gui.order_list import OrderListModel
from briefing.gui.outline_model import EXCERPT_MARK, ORPHANED_MARK, OutlineModel
from briefing.gui.pdf_export import write_pdf
from briefing.gui.reader_view import HIGHLIGHT
from tests.gui.window_support import saved_outline, visible_labels


def _select(window: MainWindow, section_id: str, text: str) -> None:
    """Show the section in the reader and select ``text`` there, as a user drags over it."""
    assert window.select_section(section_id)
    reader = window.reader
    start = reader.toPlainText().index(text)
    cursor = reader.textCursor()
    cursor.setPosition(start)
    cursor.setPosition(start + len(text), QTextCursor.MoveMode.KeepAnchor)
    reader.setTextCursor(cursor)


def _children(model: Any, parent: QModelIndex) -> list[str]:
    return [model.index(row, 0, parent).data() for row in range(model.rowCount(parent))]


def _excerpt(outline: Outline, section_id: str, quote: str, excerpt_id: str) -> Excerpt:
    article, section = outline.find_section(section_id)  # type: ignore[misc]
    start = section_text(section).index(quote)
    excerpt = Excerpt(excerpt_id, make_anchor(section, start, start + len(quote)))
    article.excerpts.append(excerpt)
    return excerpt


def test_pick_a_passage_adds_an_excerpt_listed_highlighted_and_ordered(
        window: MainWindow) -> None:
    document = window.document
    _select(window, "s1", "remarks for challenge 1.")
    assert window.excerpts.pick_action.isEnabled()
    window.excerpts.pick_action.trigger()
    (excerpt,) = document.outline.articles[0].excerpts
    assert excerpt.id == "e1"
    assert (excerpt.anchor.section_id, excerpt.anchor.block, excerpt.anchor.offset) == (
        "s1", 0, 8)
    assert excerpt.anchor.quote == "remarks for challenge 1."
    section_row = window.outline_model.section_index("s1")
    assert _children(window.outline_model, section_row)[-1] == (
        f"{EXCERPT_MARK} remarks for challenge 1.")
    assert document.picked_ids() == ["e1"]
    assert window.picked_label.text() == "0 sections, 1 excerpt picked"
    assert f"<span style='{HIGHLIGHT}'>remarks for challenge 1.</span>" in window.reader._html
    order = window.briefing_panel.order_view.model()
    assert order.index(0, 0).data() == f"1. {EXCERPT_MARK} remarks for challenge 1."

    document.undo_stack.undo()
    assert document.outline.articles[0].excerpts == [] and document.picked_ids() == []
    assert HIGHLIGHT not in window.reader._html
    assert EXCERPT_MARK not in " ".join(visible_labels(window))
    document.undo_stack.redo()
    assert document.outline.articles[0].excerpts == [excerpt]
    assert document.picked_ids() == ["e1"]


def test_a_picked_excerpt_is_shown_in_the_tree_under_its_collapsed_section(
        window: MainWindow) -> None:
    _select(window, "s1", "remarks for challenge 1.")
    tree = window.tree
    tree.collapse(tree.currentIndex())
    assert window.excerpts.pick()
    assert tree.isExpanded(tree.currentIndex())  # the new row is in sight
    node = window.current_node()
    assert node is not None and node.id == "s1"  # still on the section, to pick more


def test_a_passage_across_a_bullet_and_a_quote_keeps_both(window: MainWindow) -> None:
    _select(window, "s10", "first listed item")
    window.excerpts.pick()
    reader_text = window.reader.toPlainText()
    start = reader_text.index("listed item")
    cursor = window.reader.textCursor()
    cursor.setPosition(start)
    cursor.setPosition(reader_text.index("from an official") + len("from an official"),
                       QTextCursor.MoveMode.KeepAnchor)
    window.reader.setTextCursor(cursor)
    assert window.excerpts.pick()
    first, second = window.document.outline.articles[1].excerpts
    assert first.anchor.quote == "first listed item"
    assert second.anchor.quote == "listed item\n\nA quoted line from an official"
    assert second.id == "e2"


def test_a_selection_outside_the_sections_text_picks_nothing(window: MainWindow) -> None:
    shown: list[str] = []
    window.statusBar().messageChanged.connect(shown.append)
    _select(window, "s1", "Harbour Defence")  # the source line above the text
    assert not window.excerpts.pick()
    assert window.document.outline.articles[0].excerpts == []
    assert window.document.undo_stack.count() == 0
    assert shown and "Select a passage" in shown[-1]


def test_a_selection_in_an_articles_lead_says_how_to_make_it_pickable(
        window: MainWindow) -> None:
    shown: list[str] = []
    window.statusBar().messageChanged.connect(shown.append)
    window.tree.setCurrentIndex(window.outline_model.article_index(0))
    reader = window.reader
    found = reader.document().find("The lead paragraph of Harbour Defence.")
    assert not found.isNull()
    reader.setTextCursor(found)
    assert window.excerpts.pick_action.isEnabled()
    assert not window.excerpts.pick()
    assert window.document.outline.articles[0].excerpts == []
    assert shown and "Make Heading" in shown[-1] and "in no section" in shown[-1]


def test_selecting_an_excerpt_edits_its_own_note_and_tags(window: MainWindow) -> None:
    document = window.document
    _select(window, "s1", "first listed item")
    window.excerpts.pick()
    assert window.select_section("e1")
    assert window.note_editor.heading.text() == "Excerpt: first listed item"
    assert window.excerpts.remove_action.isEnabled()
    window.note_editor.editor.setPlainText("Quote this in the **summary**.")
    window.note_editor.tags.setText("harbour, quotes")
    window.note_editor.tags.editingFinished.emit()
    excerpt = document.outline.articles[0].excerpts[0]
    assert excerpt.note == "Quote this in the **summary**."
    assert excerpt.tags == ["harbour", "quotes"]
    assert document.section("s1").note == ""  # type: ignore[union-attr]
    document.undo_stack.undo()
    assert excerpt.tags == []
    document.undo_stack.undo()
    assert excerpt.note == ""


def test_remove_excerpt_and_undo_bring_it_back_with_note_and_place(window: MainWindow) -> None:
    document = window.document
    outline = document.outline
    for section_id in ("s10", "s13"):
        outline.find_section(section_id)[1].picked = True  # type: ignore[index]
    _excerpt(outline, "s1", "Opening remarks", "e1").note = "Keep."
    outline.briefing.order = ["s10", "e1", "s13"]
    document.replace(outline, None)
    assert window.select_section("e1")
    window.excerpts.remove_action.trigger()
    assert outline.articles[0].excerpts == [] and document.picked_ids() == ["s10", "s13"]
    assert not isinstance(window.current_node(), Excerpt)
    assert not window.excerpts.remove_action.isEnabled()
    document.undo_stack.undo()
    assert outline.articles[0].excerpts[0].note == "Keep."
    assert document.picked_ids() == ["s10", "e1", "s13"]


def test_excerpts_order_with_sections_in_the_order_list(window: MainWindow) -> None:
    document = window.document
    document.set_picked(["s10"], True)
    _select(window, "s1", "first listed item")
    window.excerpts.pick()
    assert document.picked_ids() == ["s10", "e1"]
    document.move_picked(1, 0)
    assert document.outline.briefing.order == ["e1", "s10"]
    document.undo_stack.undo()
    assert document.picked_ids() == ["s10", "e1"]


def test_orphaned_excerpts_are_listed_and_marked(qapp: object, outline: Outline,
                                                 qtmodeltester: Any) -> None:
    gone = _excerpt(outline, "s1", "Opening remarks", "e1")
    moved = _excerpt(outline, "s2", "budgets rose", "e2")
    gone.anchor.section_id = "s99"
    gone.anchor.quote = "words that are nowhere"
    gone.orphaned = moved.orphaned = False
    document = Document()
    from briefing.core.anchoring import reanchor_all

    reanchor_all(outline.articles)
    document.replace(outline, None)
    model = OutlineModel(document)
    qtmodeltester.check(model)
    article = model.index(0, 0)
    labels = _children(model, article)
    assert labels[-1] == f"{EXCERPT_MARK} words that are nowhere {ORPHANED_MARK}"
    assert _children(model, model.section_index("s2"))[-1].startswith(f"{EXCERPT_MARK} budgets")


def test_tree_model_stays_consistent_through_pick_remove_undo_redo(
        qtmodeltester: Any, document: Document) -> None:
    model = OutlineModel(document)
    order = OrderListModel(document)
    qtmodeltester.check(model)
    qtmodeltester.check(order)
    outline = document.outline
    section = outline.find_section("s4")[1]  # type: ignore[index]
    for number, quote in enumerate(("Opening remarks", "first listed item"), start=1):
        start = section_text(section).index(quote)
        document.add_excerpt(0, Excerpt(f"e{number}", make_anchor(section, start,
                                                                   start + len(quote))))
    assert model.rowCount(model.section_index("s4")) == 4  # two subsections, two excerpts
    document.remove_excerpt("e1")
    assert model.rowCount(model.section_index("s4")) == 3
    document.undo_stack.undo()
    document.undo_stack.undo()
    assert [e.id for e in outline.articles[0].excerpts] == ["e1"]
    assert model.rowCount(model.section_index("s4")) == 3
    assert order.rowCount() == 1
    document.undo_stack.redo()
    assert model.rowCount(model.section_index("s4")) == 4 and order.rowCount() == 2
    qtmodeltester.check(model)


def test_filter_finds_an_excerpt_by_its_quote_and_note(window: MainWindow) -> None:
    _select(window, "s10", "A quoted line")
    window.excerpts.pick()
    window.document.set_note("e1", "icebreaker contract")
    window.filter_edit.setText("icebreaker contract")
    window.apply_filter()
    assert any(label.startswith(EXCERPT_MARK) for label in visible_labels(window))


def test_pick_is_in_the_edit_menu_the_reader_menu_and_the_tab_corner(
        window: MainWindow) -> None:
    action = window.excerpts.pick_action
    assert action.shortcut() == QKeySequence("Ctrl+Shift+E")
    edit_actions = [a for menu in window.menuBar().actions() if menu.menu()
                    for a in menu.menu().actions()]
    assert action in edit_actions and window.excerpts.remove_action in edit_actions
    menu = window.reader_context_menu(QPoint(5, 5))
    assert action in menu.actions()
    menu.deleteLater()
    assert window.centre_tabs.cornerWidget(Qt.Corner.TopRightCorner) is \
        window.excerpts.pick_button
    assert not action.isEnabled()  # nothing selected yet


def test_save_and_reopen_keeps_excerpts_notes_and_order(window: MainWindow,
                                                        tmp_path: Path) -> None:
    document = window.document
    _select(window, "s1", "remarks for challenge 1.")
    window.excerpts.pick()
    document.set_note("e1", "A note on the excerpt.")
    document.set_picked(["s10"], True)
    path = tmp_path / "plan.yaml"
    document.save(path)
    again = load_outline(path)
    (excerpt,) = again.articles[0].excerpts
    assert excerpt.note == "A note on the excerpt." and not excerpt.orphaned
    assert again.briefing.order == ["e1", "s10"]
    document.open(path)
    assert window.outline_model.section_index("e1").isValid()


def test_pdf_gives_the_excerpt_text_and_note(qapp: object, outline: Outline,
                                             tmp_path: Path) -> None:
    _excerpt(outline, "s1", "remarks for challenge", "e1").note = "PDF excerpt note."
    target = tmp_path / "note.pdf"
    write_pdf(build_document(outline, builtin_template("reading-pack")), target)
    pdftotext = shutil.which("pdftotext")
    if pdftotext is None:
        pytest.skip("pdftotext is not installed; text not checked")
    text = subprocess.run([pdftotext, str(target), "-"], capture_output=True, text=True,
                          check=True, timeout=60).stdout
    assert "\u2026remarks for challenge\u2026" in text
    assert "PDF excerpt note." in text
    assert "Challenge 1 of Harbour Defence (excerpt)" in " ".join(text.split())


def test_an_outline_with_excerpts_opens_in_the_window(window: MainWindow, outline: Outline,
                                                      tmp_path: Path) -> None:
    _excerpt(outline, "s1", "first listed item", "e1")
    path = saved_outline(tmp_path, outline)
    window.document.open(path)
    assert window.select_section("e1")
    assert "first listed item" in window.note_editor.heading.text()
    assert HIGHLIGHT in window.reader._html


def test_the_export_snapshot_keeps_the_sections_excerpts_quote(outline: Outline) -> None:
    from briefing.gui.workers import snapshot_outline

    _excerpt(outline, "s2", "budgets rose", "e1")
    snapshot = snapshot_outline(outline, for_export=True)
    spec = builtin_template("reading-pack")
    assert build_document(snapshot, spec) == build_document(outline, spec)
    copied = snapshot.articles[0].excerpts[0]
    assert copied == outline.articles[0].excerpts[0]
    assert copied is not outline.articles[0].excerpts[0]


def test_an_orphaned_excerpt_shows_what_it_quoted_in_the_reader(window: MainWindow,
                                                                outline: Outline,
                                                                tmp_path: Path) -> None:
    excerpt = _excerpt(outline, "s1", "remarks for challenge 1", "e1")
    excerpt.note = "Still here."
    outline.find_section("s1")[1].blocks[0].text = "Other words."  # type: ignore[index]
    path = saved_outline(tmp_path, outline)
    window.document.open(path, warn=lambda _message: None)
    assert window.select_section("e1")
    text = window.reader.toPlainText()
    assert "Orphaned excerpt" in text and "remarks for challenge 1" in text
    assert window.note_editor.heading.text() == "Excerpt (orphaned): remarks for challenge 1"
    assert window.note_editor.editor.toPlainText() == "Still here."


def test_the_order_lists_menu_removes_an_excerpt_and_copies_its_citation(
        window: MainWindow) -> None:
    document = window.document
    _select(window, "s1", "first listed item")
    window.excerpts.pick()
    view = window.briefing_panel.order_view
    view.setCurrentIndex(view.model().index(0, 0))
    assert view.copy_citation().startswith("A. Writer, \u201cHarbour Defence\u201d")
    assert view.remove_current()
    assert document.outline.articles[0].excerpts == [] and document.picked_ids() == []
    document.undo_stack.undo()
    assert document.picked_ids() == ["e1"]


def test_replace_in_all_notes_reaches_excerpt_notes(window: MainWindow) -> None:
    document = window.document
    _select(window, "s1", "first listed item")
    window.excerpts.pick()
    document.set_note("e1", "Ask the ministry.")
    count, notes = document.replace_in_notes("ministry", "department")
    assert (count, notes) == (2, 2)  # the excerpt's note and the section note of the outline
    assert document.outline.articles[0].excerpts[0].note == "Ask the department."
    document.undo_stack.undo()
    assert document.outline.articles[0].excerpts[0].note == "Ask the ministry."


def test_outline_edits_keep_excerpts_listed_and_anchored(qtmodeltester: Any,
                                                         document: Document) -> None:
    from briefing.core.outline_edit import plan_delete_section, plan_edit_paragraph, plan_move

    model = OutlineModel(document)
    qtmodeltester.check(model)
    outline = document.outline
    _, section = outline.find_section("s4")  # type: ignore[misc]
    quote = "remarks for challenge 2."
    start = section_text(section).index(quote)
    document.add_excerpt(0, Excerpt("e1", make_anchor(section, start, start + len(quote))))
    excerpt = outline.articles[0].excerpts[0]
    document.edit_outline(plan_move(outline, "s4", -1), "s4", 0)
    document.edit_outline(plan_edit_paragraph(outline, "s4", 1, "Another item."), "s4", 0)
    assert not excerpt.orphaned and excerpt.anchor.section_id == "s4"
    assert _children(model, model.section_index("s4"))[-1] == f"{EXCERPT_MARK} {quote}"
    document.edit_outline(plan_edit_paragraph(outline, "s4", 0, "Words changed."), "s4", 0)
    assert excerpt.orphaned
    assert _children(model, model.section_index("s4"))[-1].endswith(ORPHANED_MARK)
    document.edit_outline(plan_delete_section(outline, "s4"), "s4", 0)
    assert outline.articles[0].excerpts == []  # it went with its section
    assert "e1" not in outline.briefing.order
    assert not any(text.endswith(ORPHANED_MARK) for text in _children(model, model.index(0, 0)))
    qtmodeltester.check(model)
    document.undo_stack.undo()
    assert outline.articles[0].excerpts[0] is excerpt and outline.briefing.order[-1] == "e1"
    assert _children(model, model.section_index("s4"))[-1].endswith(ORPHANED_MARK)
    for _ in range(4):
        document.undo_stack.undo()
    assert outline.articles[0].excerpts == [] and model.rowCount(model.section_index("s4")) == 2
    for _ in range(5):
        document.undo_stack.redo()
    assert outline.articles[0].excerpts == []
    qtmodeltester.check(model)


def test_delete_on_an_excerpt_row_removes_the_excerpt(window: MainWindow) -> None:
    _select(window, "s1", "first listed item")
    window.excerpts.pick()
    assert window.select_section("e1")
    window.outline_actions.update()
    assert window.outline_actions.delete.isEnabled()
    window.outline_actions.delete_current()
    assert window.document.outline.articles[0].excerpts == []
    window.document.undo_stack.undo()
    assert [e.id for e in window.document.outline.articles[0].excerpts] == ["e1"]


def test_a_passage_selected_with_keys_alone_is_picked_with_the_shortcut(
        qtbot: Any, window: MainWindow) -> None:
    window.show()
    assert window.select_section("s1")
    reader = window.reader
    reader.setFocus()
    qtbot.waitUntil(reader.hasFocus)
    qtbot.keyClick(reader, Qt.Key.Key_Home, Qt.KeyboardModifier.ControlModifier)
    while not reader.textCursor().block().text().startswith("Opening remarks"):
        before = reader.textCursor().position()
        qtbot.keyClick(reader, Qt.Key.Key_Down)
        assert reader.textCursor().position() != before, "the caret does not move"
    qtbot.keyClick(reader, Qt.Key.Key_Home)
    qtbot.keyClick(reader, Qt.Key.Key_Right, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClick(reader, Qt.Key.Key_End, Qt.KeyboardModifier.ShiftModifier)
    assert reader.textCursor().selectedText() == "remarks for challenge 1."
    qtbot.keyClick(reader, Qt.Key.Key_E,
                   Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    (excerpt,) = window.document.outline.articles[0].excerpts
    assert excerpt.anchor.quote == "remarks for challenge 1."
    # The caret stays where the passage ended, to go on to the next one from there.
    assert reader.textCursor().block().text().startswith("Opening remarks")
    assert not reader.textCursor().hasSelection()
