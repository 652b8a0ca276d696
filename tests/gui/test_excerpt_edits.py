"""Outline edits and excerpts in the window: deleting a section or an article takes its
excerpts (after saying how many, with their notes), merging keeps them listed and anchored,
and the right-click menu and the keys of an excerpt's row. Every step undone and redone, the
tree checked by the model tester."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot

from briefing.core.anchoring import make_anchor, section_text
from briefing.core.model import Excerpt
from briefing.core.outline_edit import plan_merge_next
from briefing.gui.document import Document
from briefing.gui.main_window import MainWindow
from briefing.gui.outline_model import EXCERPT_MARK, ORPHANED_MARK
from tests.gui.mnemonics import mnemonic


def _add(document: Document, section_id: str, quote: str, note: str = "") -> Excerpt:
    """Pick ``quote`` of the section as an excerpt, as the reader's Pick does (undoable)."""
    found = document.find(section_id)
    assert found is not None
    article, section = found
    start = section_text(section).index(quote)
    excerpt = Excerpt(document.outline.next_excerpt_id(),
                      make_anchor(section, start, start + len(quote)), note=note)
    document.add_excerpt(document.outline.articles.index(article), excerpt)
    return excerpt


def _labels(window: MainWindow, parent: QModelIndex) -> list[str]:
    model = window.outline_model
    return [model.index(row, 0, parent).data() for row in range(model.rowCount(parent))]


def _answer(monkeypatch: pytest.MonkeyPatch, answer: QMessageBox.StandardButton) -> list[str]:
    asked: list[str] = []

    def question(parent: Any, title: str, text: str, *args: Any) -> QMessageBox.StandardButton:
        asked.append(text)
        return answer

    monkeypatch.setattr(QMessageBox, "question", staticmethod(question))
    return asked


def test_delete_section_takes_its_excerpts_and_undo_brings_them_back(
        window: MainWindow, qtmodeltester: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    document = window.document
    outline = document.outline
    qtmodeltester.check(window.outline_model)
    document.set_picked(["s10"], True)
    first = _add(document, "s1", "first listed item", note="Cite this.")
    deep = _add(document, "s2", "budgets rose", note="Check the figure.")
    other = _add(document, "s4", "Opening remarks")
    document.set_note("s3", "A section note.")
    order = list(outline.briefing.order)
    assert order == ["s10", "e1", "e2", "e3"]
    asked = _answer(monkeypatch, QMessageBox.StandardButton.Yes)
    assert window.select_section("s1")
    window.outline_actions.delete.trigger()
    assert asked[0].splitlines()[2:4] == ["3 notes go with it.",
                                          "2 excerpts of it leave the briefing."]
    assert outline.articles[0].excerpts == [other]
    assert document.picked_ids() == ["s10", "e3"]
    assert window.outline_model.section_index("e1").isValid() is False
    qtmodeltester.check(window.outline_model)
    document.undo_stack.undo()
    assert outline.articles[0].excerpts == [first, deep, other]
    assert all(now is then for now, then in zip(outline.articles[0].excerpts,
                                                [first, deep, other], strict=True))
    assert outline.briefing.order == order
    assert _labels(window, window.outline_model.section_index("s2"))[-1] == \
        f"{EXCERPT_MARK} budgets rose"
    qtmodeltester.check(window.outline_model)
    document.undo_stack.redo()
    assert outline.articles[0].excerpts == [other] and document.picked_ids() == ["s10", "e3"]
    qtmodeltester.check(window.outline_model)


def test_delete_article_takes_its_excerpts_out_of_the_order_list(
        window: MainWindow, qtmodeltester: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    document = window.document
    _add(document, "s1", "first listed item", note="One.")
    _add(document, "s13", "Opening remarks")
    asked = _answer(monkeypatch, QMessageBox.StandardButton.Yes)
    window.tree.setCurrentIndex(window.outline_model.article_index(0))
    window.outline_actions.delete.trigger()
    assert "1 note goes with it." in asked[0]
    assert "1 excerpt of it leaves the briefing." in asked[0]
    assert document.picked_ids() == ["e2"]
    assert window.briefing_panel.order_model.rowCount() == 1
    qtmodeltester.check(window.outline_model)
    document.undo_stack.undo()
    assert document.picked_ids() == ["e1", "e2"]
    assert window.briefing_panel.order_model.rowCount() == 2


def test_cancelled_delete_keeps_the_excerpts(window: MainWindow,
                                             monkeypatch: pytest.MonkeyPatch) -> None:
    document = window.document
    _add(document, "s1", "first listed item")
    _answer(monkeypatch, QMessageBox.StandardButton.Cancel)
    assert window.select_section("s1")
    window.outline_actions.delete.trigger()
    assert [e.id for e in document.outline.articles[0].excerpts] == ["e1"]
    assert document.undo_stack.count() == 1  # only the pick


def test_merge_lists_the_next_section_s_excerpt_under_the_merged_one(
        window: MainWindow, qtmodeltester: Any) -> None:
    document = window.document
    excerpt = _add(document, "s3", "budgets rose")
    document.edit_outline(plan_merge_next(document.outline, "s2"), "s2", 0)
    assert excerpt.anchor.section_id == "s2" and not excerpt.orphaned
    labels = _labels(window, window.outline_model.section_index("s2"))
    assert labels[-1] == f"{EXCERPT_MARK} budgets rose"
    assert not labels[-1].endswith(ORPHANED_MARK)
    qtmodeltester.check(window.outline_model)
    document.undo_stack.undo()
    assert excerpt.anchor.section_id == "s3"
    assert _labels(window, window.outline_model.section_index("s3"))[-1] == \
        f"{EXCERPT_MARK} budgets rose"
    document.undo_stack.redo()
    assert excerpt.anchor.section_id == "s2"
    qtmodeltester.check(window.outline_model)


def _texts(menu: Any) -> list[str]:
    return [action.text() for action in menu.actions() if not action.isSeparator()]


def _show(qtbot: QtBot, window: MainWindow) -> None:
    window.show()
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)


def test_the_menu_of_an_excerpt_row_holds_the_excerpt_actions(
        window: MainWindow, qtbot: QtBot) -> None:
    _show(qtbot, window)
    document = window.document
    _add(document, "s10", "first listed item", note="Why it matters.")
    index = window.outline_model.section_index("e1")
    window.tree.expandAll()
    window.tree.scrollTo(index)
    window.select_section("s1")
    menu = window.tree_context_menu(window.tree.visualRect(index).center())
    assert isinstance(window.current_node(), Excerpt)
    texts = _texts(menu)
    assert texts == ["Edit &Note", "Re&move Excerpt", "Copy &Text", "Copy C&itation",
                     "Show in R&eader"]
    assert all(action.isEnabled() for action in menu.actions())
    letters = [mnemonic(text) for text in texts]
    assert len(letters) == len(set(letters))
    actions = {action.text(): action for action in menu.actions()}
    actions["Copy &Text"].trigger()
    assert QGuiApplication.clipboard().text() == "first listed item"
    actions["Copy C&itation"].trigger()
    assert QGuiApplication.clipboard().text().startswith("A. Writer, \u201cArctic Patrols\u201d")
    actions["Edit &Note"].trigger()
    qtbot.waitUntil(lambda: window.note_editor.editor.hasFocus())
    assert window.note_editor.editor.toPlainText() == "Why it matters."
    actions["Show in R&eader"].trigger()
    qtbot.waitUntil(lambda: window.reader.hasFocus())
    assert "first listed item" in window.reader.toPlainText()
    actions["Re&move Excerpt"].trigger()
    assert document.outline.articles[1].excerpts == []
    document.undo_stack.undo()
    assert [e.id for e in document.outline.articles[1].excerpts] == ["e1"]


def test_a_section_row_s_menu_offers_no_excerpt_actions(window: MainWindow) -> None:
    window.select_section("s1")
    index = window.tree.currentIndex()
    texts = _texts(window.tree_context_menu(window.tree.visualRect(index).center()))
    assert "Copy &Text" not in texts and "Re&move Excerpt" not in texts
    assert "&Rename Heading" in texts


def test_section_actions_are_off_on_an_excerpt_row(window: MainWindow) -> None:
    _add(window.document, "s1", "first listed item")
    assert window.select_section("e1")
    actions = window.outline_actions
    actions.update()
    for action in (actions.pick, actions.rename, actions.promote, actions.demote,
                   actions.move_up, actions.move_down, actions.split, actions.merge,
                   actions.make_paragraph, actions.details, actions.copy_heading,
                   actions.remove_from_briefing):
        assert not action.isEnabled(), action.text()
    assert actions.copy_text.isEnabled() and actions.delete.isEnabled()


def test_delete_key_on_an_excerpt_row_removes_it_undoably(window: MainWindow,
                                                          qtbot: QtBot) -> None:
    _show(qtbot, window)
    document = window.document
    _add(document, "s1", "first listed item", note="Kept by undo.")
    assert window.select_section("e1")
    window.tree.setFocus()
    qtbot.waitUntil(window.tree.hasFocus)
    qtbot.keyClick(window.tree, Qt.Key.Key_Delete)
    assert document.outline.articles[0].excerpts == []
    assert document.undo_stack.undoText() == "Remove excerpt"
    document.undo_stack.undo()
    assert document.outline.articles[0].excerpts[0].note == "Kept by undo."


def test_an_undone_excerpt_s_id_is_not_given_again_after_save_and_reopen(
        window: MainWindow, tmp_path: Path) -> None:
    document = window.document
    _add(document, "s1", "first listed item")
    _add(document, "s4", "Opening remarks")
    document.undo_stack.undo()  # e2 goes; its id stays given out
    path = tmp_path / "plan.yaml"
    document.save(path)
    document.open(path)
    assert _add(document, "s4", "Opening remarks").id == "e3"
