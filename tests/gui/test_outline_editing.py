"""Editing the outline in the window: each command with undo and redo, the tree's rows checked
by the model tester after every step, the selection following the edit, keys and menus."""

from __future__ import annotations

import copy
from collections.abc import Callable
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from PySide6.QtCore import QModelIndex, QPoint, Qt, QTimer
from PySide6.QtGui import QAction, QGuiApplication
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QInputDialog,
    QMenu,
    QMessageBox,
)
from pytestqt.qtbot import QtBot

from briefing.core.model import Outline, Section
from briefing.core.outline_edit import (
    Edit,
    plan_article_details,
    plan_delete_article,
    plan_delete_section,
    plan_demote,
    plan_edit_paragraph,
    plan_make_heading,
    plan_make_paragraph,
    plan_merge_next,
    plan_move,
    plan_promote,
    plan_rename,
    plan_split,
)
from briefing.gui.article_dialog import ArticleDetailsDialog
from briefing.gui.main_window import MainWindow
from briefing.gui.outline_actions import delete_question
from briefing.gui.outline_model import SECTION_ID_ROLE, OutlineModel
from briefing.gui.shortcuts_dialog import shortcut_rows
from tests.core.test_outline_edit import random_edit
from tests.gui.conftest import build_outline
from tests.gui.mnemonics import mnemonic
from tests.gui.window_support import click_in_box

Planner = Callable[[Outline], Edit]


def _tree(model: OutlineModel, parent: QModelIndex | None = None) -> list[Any]:
    """The rows as the model shows them: (label, [children]) for every row."""
    parent = parent or QModelIndex()
    rows = []
    for row in range(model.rowCount(parent)):
        index = model.index(row, 0, parent)
        rows.append((index.data(), _tree(model, index)))
    return rows


def _expected(outline: Outline) -> list[Any]:
    def sections(items: list[Section]) -> list[Any]:
        return [(section.label, sections(section.sections)) for section in items]
    return [(article.title, sections(article.sections)) for article in outline.articles]


EDITS: dict[str, Planner] = {
    "rename": lambda o: plan_rename(o, "s5", "Harbour tugs"),
    "move up": lambda o: plan_move(o, "s4", -1),
    "move down": lambda o: plan_move(o, "s1", 1),
    "promote": lambda o: plan_promote(o, "s5"),
    "demote": lambda o: plan_demote(o, "s4"),
    "split": lambda o: plan_split(o, "s4", 2, "The quoted part"),
    "merge": lambda o: plan_merge_next(o, "s10"),
    "make heading": lambda o: plan_make_heading(o, "s1", 1),
    "make paragraph": lambda o: plan_make_paragraph(o, "s14"),
    "edit paragraph": lambda o: plan_edit_paragraph(o, "s2", 0, "Corrected detail."),
    "delete section": lambda o: plan_delete_section(o, "s13"),
    "delete article": lambda o: plan_delete_article(o, 0),
    "article details": lambda o: plan_article_details(o, 1, {"date": "2 May 2023"}),
}


@pytest.mark.parametrize("name", list(EDITS))
def test_each_edit_undoes_and_redoes_with_the_tree_in_step(
        name: str, window: MainWindow, qtmodeltester: Any) -> None:
    document = window.document
    window.select_section("s13")
    document.set_picked(["s13", "s4"], True)
    before = copy.deepcopy(document.outline)
    edit = EDITS[name](document.outline)
    document.edit_outline(edit, "s13", 1)
    after = copy.deepcopy(document.outline)
    assert after != before
    assert document.undo_stack.undoText() == edit.label
    for model in (window.outline_model, window.filter_model):
        qtmodeltester.check(model)
    assert _tree(window.outline_model) == _expected(document.outline)
    document.undo_stack.undo()
    assert document.outline == before
    qtmodeltester.check(window.outline_model)
    assert _tree(window.outline_model) == _expected(before)
    document.undo_stack.redo()
    assert document.outline == after
    qtmodeltester.check(window.outline_model)
    assert _tree(window.outline_model) == _expected(after)
    assert document.picked_ids() == [sid for sid in after.briefing.order]


def test_edits_while_filtering_keep_the_filtered_tree_valid(
        window: MainWindow, qtmodeltester: Any) -> None:
    window.filter_edit.setText("challenge")
    window.apply_filter()
    document = window.document
    for planner in (EDITS["promote"], EDITS["demote"], EDITS["split"], EDITS["delete article"]):
        document.edit_outline(planner(document.outline), None, 0)
        qtmodeltester.check(window.filter_model)
    while document.undo_stack.canUndo():
        document.undo_stack.undo()
        qtmodeltester.check(window.filter_model)
    assert _tree(window.outline_model) == _expected(document.outline)


def test_the_selection_follows_the_moved_section_and_comes_back_on_undo(
        window: MainWindow) -> None:
    window.select_section("s5")
    window.outline_actions.promote.trigger()
    node = window.current_node()
    assert isinstance(node, Section) and node.id == "s5"
    first = window.document.outline.articles[0]
    assert [s.id for s in first.sections] == ["s1", "s4", "s5", "s7"]
    assert [s.id for s in node.sections] == ["s6"]  # the one after it came along
    assert "Point 2.2 on harbour defence" in window.reader.toPlainText()
    window.select_section("s1")
    window.document.undo_stack.undo()
    node = window.current_node()
    assert isinstance(node, Section) and node.id == "s5"
    assert "Point 2.2 on harbour defence" not in window.reader.toPlainText()


def test_a_split_selects_the_new_section_and_shows_it(window: MainWindow,
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    window.select_section("s4")
    monkeypatch.setattr(QInputDialog, "getItem",
                        staticmethod(lambda *args: (args[3][1], True)))
    monkeypatch.setattr(QInputDialog, "getText",
                        staticmethod(lambda *args: ("The official line", True)))
    window.outline_actions.split.trigger()
    node = window.current_node()
    assert isinstance(node, Section) and node.heading == "The official line"
    assert [b.text for b in node.blocks] == ["A quoted line from an official.",
                                            "A line the page repeats for effect."]
    assert "The official line" in window.reader.toPlainText()


def test_an_impossible_edit_is_explained_in_the_status_bar(window: MainWindow) -> None:
    window.select_section("s1")
    assert not window.outline_actions.promote.isEnabled()
    outline = window.document.outline
    assert not window.outline_actions.run(lambda: plan_promote(outline, "s1"), "s1", 0)
    assert "already at the top level" in window.statusBar().currentMessage()
    assert window.document.undo_stack.count() == 0


def test_actions_are_enabled_only_where_they_apply(window: MainWindow) -> None:
    actions = window.outline_actions
    window.select_section("s2")
    assert actions.promote.isEnabled() and not actions.move_up.isEnabled()
    assert actions.move_down.isEnabled() and not actions.demote.isEnabled()
    window.select_section("s7")
    assert not actions.move_down.isEnabled() and not actions.merge.isEnabled()
    assert actions.split.isEnabled() and not actions.remove_from_briefing.isEnabled()
    window.tree.setCurrentIndex(window.outline_model.article_index(0))
    assert not actions.rename.isEnabled() and actions.delete.isEnabled()
    assert actions.details.isEnabled()


def test_delete_asks_and_says_how_many_notes_go(window: MainWindow,
                                                monkeypatch: pytest.MonkeyPatch) -> None:
    outline = window.document.outline
    outline.articles[1].sections[1].sections[0].note = "Another note."
    asked: list[str] = []

    def question(parent: Any, title: str, text: str, *args: Any) -> QMessageBox.StandardButton:
        asked.append(text)
        return QMessageBox.StandardButton.Cancel if len(asked) == 1 \
            else QMessageBox.StandardButton.Yes

    monkeypatch.setattr(QMessageBox, "question", staticmethod(question))
    window.select_section("s13")
    window.outline_actions.delete.trigger()
    assert window.document.section("s13") is not None  # cancelled: nothing went
    window.outline_actions.delete.trigger()
    assert window.document.section("s13") is None
    assert "and its 2 subsections?" in asked[0] and "2 notes go with it." in asked[0]
    node = window.current_node()
    assert isinstance(node, Section) and node.id == "s16"


def test_delete_question_counts_notes_and_picks(outline: Outline) -> None:
    article = outline.articles[1]
    article.sections[0].picked = True
    text = delete_question(outline, article)
    assert text.startswith("Delete the article \u201cArctic Patrols\u201d and its 9 sections?")
    assert "1 note goes with it." in text and "1 picked section leaves the briefing." in text
    assert "It holds no notes." in delete_question(outline, outline.articles[0].sections[0])


def _show(qtbot: QtBot, window: MainWindow) -> None:
    window.show()
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)


def test_keys_in_the_tree_move_promote_and_demote(qtbot: QtBot, window: MainWindow) -> None:
    _show(qtbot, window)
    window.select_section("s4")
    window.tree.setFocus()
    qtbot.waitUntil(window.tree.hasFocus)
    alt_shift = Qt.KeyboardModifier.AltModifier | Qt.KeyboardModifier.ShiftModifier
    first = window.document.outline.articles[0]
    qtbot.keyClick(window.tree, Qt.Key.Key_Up, alt_shift)
    assert [s.id for s in first.sections] == ["s4", "s1", "s7"]
    qtbot.keyClick(window.tree, Qt.Key.Key_Down, alt_shift)
    assert [s.id for s in first.sections] == ["s1", "s4", "s7"]
    window.tree.collapse(window.outline_model.section_index("s1"))
    qtbot.keyClick(window.tree, Qt.Key.Key_Right, alt_shift)
    assert [s.id for s in first.sections[0].sections] == ["s2", "s3", "s4"]
    assert window.tree.isExpanded(window.outline_model.section_index("s1"))  # shown where it went
    qtbot.keyClick(window.tree, Qt.Key.Key_Left, alt_shift)
    assert [s.id for s in first.sections] == ["s1", "s4", "s7"]
    assert window.document.undo_stack.count() == 4


def test_an_outline_key_that_cannot_apply_explains_and_leaves_the_selection(
        qtbot: QtBot, window: MainWindow) -> None:
    """Pressed once too often, Alt+Shift+Down must not wander to the next row (where the next
    press would move another section)."""
    _show(qtbot, window)
    window.select_section("s3")  # the last subsection of s1
    window.tree.setFocus()
    qtbot.waitUntil(window.tree.hasFocus)
    alt_shift = Qt.KeyboardModifier.AltModifier | Qt.KeyboardModifier.ShiftModifier
    for section_id, key in (("s3", Qt.Key.Key_Down), ("s3", Qt.Key.Key_Down),
                            ("s2", Qt.Key.Key_Up), ("s2", Qt.Key.Key_Right)):
        window.select_section(section_id)
        qtbot.keyClick(window.tree, key, alt_shift)
        node = window.current_node()
        assert isinstance(node, Section) and node.id == section_id
        if key == Qt.Key.Key_Down:
            assert "last section" in window.statusBar().currentMessage()
    assert "no section before it" in window.statusBar().currentMessage()
    assert window.document.undo_stack.count() == 0
    window.tree.setCurrentIndex(window.outline_model.article_index(0))
    qtbot.keyClick(window.tree, Qt.Key.Key_Up, alt_shift)  # an article's row: nothing moves
    assert window.current_node() is window.document.outline.articles[0]


def test_delete_key_asks_first_and_f2_edits_the_heading_in_place(
        qtbot: QtBot, window: MainWindow, monkeypatch: pytest.MonkeyPatch) -> None:
    asked: list[str] = []
    monkeypatch.setattr(QMessageBox, "question", staticmethod(
        lambda parent, title, text, *args: asked.append(text) or QMessageBox.StandardButton.Yes))
    _show(qtbot, window)
    window.select_section("s8")
    window.tree.setFocus()
    qtbot.waitUntil(window.tree.hasFocus)
    qtbot.keyClick(window.tree, Qt.Key.Key_Delete)
    assert asked and window.document.section("s8") is None
    qtbot.keyClick(window.tree, Qt.Key.Key_F2)
    qtbot.waitUntil(lambda: window.tree.state() == QAbstractItemView.State.EditingState)
    editor = QGuiApplication.focusObject()
    assert editor is not None and editor.text() == "Point 3.2 on harbour defence"  # type: ignore
    qtbot.keyClick(editor, Qt.Key.Key_Home)  # type: ignore[arg-type]
    qtbot.keyClick(editor, Qt.Key.Key_Delete)  # type: ignore[arg-type]
    assert editor.text() == "oint 3.2 on harbour defence"  # type: ignore[attr-defined]
    assert window.document.undo_stack.count() == 1  # the editor's Delete, not the tree's
    editor.selectAll()  # type: ignore[attr-defined]
    qtbot.keyClicks(editor, "Patrol boats")  # type: ignore[arg-type]
    # Moving on commits what was typed (a synthetic Return does not reach the delegate
    # offscreen, even in a plain QTreeView).
    window.tree.setCurrentIndex(window.outline_model.section_index("s7"))
    assert window.document.section("s9").heading == "Patrol boats"  # type: ignore[union-attr]
    assert window.document.undo_stack.undoText() == "Rename heading"


def test_a_blank_heading_typed_in_the_tree_changes_nothing(window: MainWindow) -> None:
    index = window.outline_model.section_index("s2")
    assert not window.outline_model.setData(index, "  ", Qt.ItemDataRole.EditRole)
    assert window.document.undo_stack.count() == 0


def test_edit_outline_menu_has_every_edit_with_its_keys(window: MainWindow) -> None:
    edit_menu = next(a.menu() for a in window.menuBar().actions() if a.text() == "&Edit")
    outline_menu = next(a.menu() for a in edit_menu.actions() if a.text() == "Ou&tline")
    entries = {a.text(): a.shortcut().toString() for a in outline_menu.actions()
               if not a.isSeparator()}
    assert entries == {
        "&Rename Heading": "F2", "Pr&omote": "Alt+Shift+Left", "&Demote": "Alt+Shift+Right",
        "Move &Up": "Alt+Shift+Up", "Move Do&wn": "Alt+Shift+Down",
        "&Split Section\u2026": "", "&Merge with Next": "", "Make P&aragraph": "",
        "De&lete\u2026": "Del", "Article De&tails\u2026": ""}


def _texts(menu: Any) -> list[str]:
    return [action.text() for action in menu.actions() if not action.isSeparator()]


def test_tree_menu_holds_its_actions_and_selects_the_row_under_it(
        window: MainWindow, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch) -> None:
    _show(qtbot, window)
    window.select_section("s1")
    index = window.outline_model.section_index("s13")
    window.tree.scrollTo(index)
    menu = window.tree_context_menu(window.tree.visualRect(index).center())
    node = window.current_node()
    assert isinstance(node, Section) and node.id == "s13"
    texts = _texts(menu)
    assert texts == ["&Pick", "Edit &Note", "Remove from &Briefing", "&Rename Heading",
                     "Pr&omote", "&Demote", "Move &Up", "Move Do&wn", "&Split Section\u2026",
                     "&Merge with Next", "Make P&aragraph", "De&lete\u2026",
                     "Article De&tails\u2026", "&Copy Heading", "Copy C&itation",
                     "Show in R&eader"]
    letters = [mnemonic(text) for text in texts]
    assert len(letters) == len(set(letters))
    copy_heading = next(a for a in menu.actions() if a.text() == "&Copy Heading")
    copy_heading.trigger()
    assert QGuiApplication.clipboard().text() == "2. Challenge 2 of Arctic Patrols"
    next(a for a in menu.actions() if a.text() == "Copy C&itation").trigger()
    assert QGuiApplication.clipboard().text().startswith("A. Writer, \u201cArctic Patrols\u201d")
    asked = click_in_box(monkeypatch, "This Section Only")
    next(a for a in menu.actions() if a.text() == "&Pick").trigger()
    assert asked and window.document.picked_ids() == ["s13"]


def _reader_point(window: MainWindow, text: str) -> QPoint:
    found = window.reader.document().find(text)
    assert not found.isNull(), text
    return window.reader.cursorRect(found).center()


def test_reader_menu_on_a_paragraph_splits_edits_and_makes_a_heading(
        window: MainWindow, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch) -> None:
    _show(qtbot, window)
    window.select_section("s4")
    menu = window.reader_context_menu(_reader_point(window, "first listed item"))
    assert _texts(menu) == ["&Pick Section", "&Copy", "Copy C&itation", "&Split Here\u2026",
                            "Make &Heading", "E&dit Paragraph\u2026", "Pick as &Excerpt",
                            "&Find in Text\u2026"]
    letters = [mnemonic(text) for text in _texts(menu)]
    assert len(letters) == len(set(letters))  # a letter opens its entry at once
    monkeypatch.setattr(QInputDialog, "getMultiLineText",
                        staticmethod(lambda *args: ("first item, corrected", True)))
    next(a for a in menu.actions() if a.text() == "E&dit Paragraph\u2026").trigger()
    section = window.document.section("s4")
    assert section is not None and section.blocks[1].text == "first item, corrected"
    menu = window.reader_context_menu(_reader_point(window, "A quoted line"))
    next(a for a in menu.actions() if a.text() == "Make &Heading").trigger()
    node = window.current_node()
    assert isinstance(node, Section) and node.heading == "A quoted line from an official."
    assert [s.id for s in node.sections] == ["s5", "s6"]


@pytest.mark.parametrize("key", [Qt.Key.Key_Menu, Qt.Key.Key_F10])
def test_the_menu_keys_open_the_menus_at_the_caret_and_the_current_row(
        window: MainWindow, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch,
        key: Qt.Key) -> None:
    """Shift+F10 as well as the Menu key: many laptops have no Menu key, and the reader's
    paragraph edits are only in its menu."""
    _show(qtbot, window)
    shown: list[list[str]] = []

    def read_and_close_the_menu() -> None:
        menu = QApplication.activePopupWidget()
        if isinstance(menu, QMenu):
            shown.append(_texts(menu))
            menu.close()

    modifier = Qt.KeyboardModifier.ShiftModifier if key == Qt.Key.Key_F10 \
        else Qt.KeyboardModifier.NoModifier
    window.select_section("s4")
    reader = window.reader
    reader.setFocus()
    qtbot.waitUntil(reader.hasFocus)
    caret = reader.document().find("A quoted line")
    caret.clearSelection()
    reader.setTextCursor(caret)
    QTimer.singleShot(0, read_and_close_the_menu)  # runs once the menu is up
    qtbot.keyClick(reader, key, modifier)
    assert shown and "Make &Heading" in shown[-1]
    _show(qtbot, window)  # active again once the menu is gone
    window.tree.setFocus()
    qtbot.waitUntil(window.tree.hasFocus)
    QTimer.singleShot(0, read_and_close_the_menu)
    qtbot.keyClick(window.tree, key, modifier)
    assert len(shown) == 2 and "&Rename Heading" in shown[-1]
    node = window.current_node()
    assert isinstance(node, Section) and node.id == "s4"


def test_reader_menu_on_a_subsection_heading_turns_it_into_a_paragraph(
        window: MainWindow, qtbot: QtBot) -> None:
    _show(qtbot, window)
    window.select_section("s1")
    menu = window.reader_context_menu(_reader_point(window, "Point 1.2 on harbour"))
    assert _texts(menu) == ["&Pick Section", "&Copy", "Copy C&itation", "Make P&aragraph",
                            "Pick as &Excerpt", "&Find in Text\u2026"]
    next(a for a in menu.actions() if a.text() == "&Pick Section").trigger()
    assert window.document.section("s3").picked  # type: ignore[union-attr]
    menu = window.reader_context_menu(_reader_point(window, "Point 1.2 on harbour"))
    assert _texts(menu)[0] == "Un&pick Section"
    next(a for a in menu.actions() if a.text() == "Make P&aragraph").trigger()
    assert window.document.section("s3") is None
    section = window.document.section("s2")
    assert section is not None and section.picked
    assert [b.text for b in section.blocks][-2:] == ["Point 1.2 on harbour defence",
                                                     "Detail 1.2: budgets rose by 12%."]


def test_reader_lead_text_can_become_a_first_section(window: MainWindow,
                                                     qtbot: QtBot) -> None:
    _show(qtbot, window)
    window.tree.setCurrentIndex(window.outline_model.article_index(1))
    menu = window.reader_context_menu(_reader_point(window, "The lead paragraph"))
    next(a for a in menu.actions() if a.text() == "Make &Heading").trigger()
    article = window.document.outline.articles[1]
    assert article.blocks == [] and article.sections[0].heading == \
        "The lead paragraph of Arctic Patrols."
    index = window.outline_model.index(0, 0, window.outline_model.article_index(1))
    assert index.data(SECTION_ID_ROLE) == article.sections[0].id


def test_article_details_dialog_reads_the_date_and_refuses_a_bad_one(
        window: MainWindow, qtbot: QtBot) -> None:
    outline = window.document.outline
    dialog = ArticleDetailsDialog(outline.articles[0],
                                  lambda details: plan_article_details(outline, 0, details))
    qtbot.addWidget(dialog)
    dialog.fields["date"].setText("sometime soon")
    dialog.accept()
    assert dialog.error.isVisibleTo(dialog) and "Cannot read" in dialog.error.text()
    assert dialog.result() == 0 and dialog.edit is None
    dialog.fields["date"].setText("5 June 2022")
    dialog.fields["publisher"].setText("Harbour Weekly")
    dialog.accept()
    assert dialog.edit is not None and dialog.result() == 1
    window.document.edit_outline(dialog.edit, None, 0)
    assert (outline.articles[0].date, outline.articles[0].publisher) == ("2022-06-05",
                                                                         "Harbour Weekly")


def test_article_details_action_opens_the_dialog_and_keeps_the_selection(
        window: MainWindow, monkeypatch: pytest.MonkeyPatch) -> None:
    def fill(dialog: ArticleDetailsDialog) -> int:
        dialog.fields["title"].setText("Harbour Defence, revised")
        dialog.accept()
        return dialog.result()

    monkeypatch.setattr(ArticleDetailsDialog, "exec", fill)
    window.select_section("s5")
    window.outline_actions.details.trigger()
    assert window.document.outline.articles[0].title == "Harbour Defence, revised"
    assert window.outline_model.article_index(0).data() == "Harbour Defence, revised"
    node = window.current_node()
    assert isinstance(node, Section) and node.id == "s5"


def test_the_outline_keys_clash_with_no_other_action(window: MainWindow) -> None:
    def scope(action: QAction) -> set[object] | None:
        """The widgets a widget-bound shortcut works in; None: the whole window."""
        if action.shortcutContext() in (Qt.ShortcutContext.WidgetShortcut,
                                         Qt.ShortcutContext.WidgetWithChildrenShortcut):
            return {owner for owner in action.associatedObjects() if not isinstance(owner, QMenu)}
        return None

    ours = set(window.outline_actions.findChildren(QAction))
    others = [action for action in window.findChildren(QAction) if action not in ours]
    clashes = []
    for action in ours:
        for key in action.shortcuts():
            for other in others:
                if key not in other.shortcuts():
                    continue
                mine, theirs = scope(action), scope(other)
                if mine is None or theirs is None or mine & theirs:
                    clashes.append((action.text(), other.text(), key.toString()))
    assert clashes == []


def test_the_shortcut_list_shows_the_outline_keys(window: MainWindow) -> None:
    rows = {(row.menu, row.command): row.keys for row in shortcut_rows(window)}
    assert rows[("Edit \u2192 Outline", "Promote")] == "Alt+Shift+Left"
    assert rows[("Edit \u2192 Outline", "Rename Heading")] == "F2"
    assert rows[("Edit \u2192 Outline", "Delete\u2026")] == "Del"
    keyed = [a for a in window.outline_actions.findChildren(QAction) if a.shortcuts()]
    assert keyed and all(action in window.tree.actions() for action in keyed)  # tree only


@settings(max_examples=12, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.tuples(st.integers(0, 50), st.integers(0, 50), st.integers(0, 50)),
                min_size=1, max_size=8))
def test_random_edits_and_undos_keep_the_tree_in_step(
        window: MainWindow, moves: list[tuple[int, int, int]]) -> None:
    document = window.document
    document.replace(build_outline(), None)
    original = copy.deepcopy(document.outline)
    for choice, pick, at in moves:
        edit = random_edit(document.outline, choice, pick, at)
        if edit is not None:
            document.edit_outline(edit, None, 0)
            assert _tree(window.outline_model) == _expected(document.outline)
    while document.undo_stack.canUndo():
        document.undo_stack.undo()
        assert _tree(window.outline_model) == _expected(document.outline)
    assert document.outline == original
