"""Excerpts of an article's lead, picked on its front page in the reader: listed under the
article before its sections, highlighted, noted, moved by Make Heading, undone and redone."""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtWidgets import QMessageBox

from briefing.core.anchoring import lead_section, make_anchor, section_text
from briefing.core.model import Anchor, Block, BlockKind, Excerpt, Outline
from briefing.gui.document import Document
from briefing.gui.main_window import MainWindow
from briefing.gui.outline_model import EXCERPT_MARK, OutlineModel
from briefing.gui.reader_view import HIGHLIGHT
from tests.gui.conftest import build_outline
from tests.gui.window_support import caret_to_line, select_text

LEAD = "lead paragraph of Harbour Defence"


@pytest.fixture
def outline() -> Outline:
    """The usual small outline, the first article's lead opening with a line that is really a
    heading (as importers sometimes leave one)."""
    made = build_outline()
    made.articles[0].blocks.insert(0, Block(BlockKind.PARAGRAPH, "Background"))
    return made


def _front_page(window: MainWindow, row: int = 0) -> None:
    window.tree.setCurrentIndex(window.outline_model.article_index(row))


def _labels(window: MainWindow, parent: QModelIndex) -> list[str]:
    model = window.outline_model
    return [model.index(row, 0, parent).data() for row in range(model.rowCount(parent))]


def test_a_passage_of_the_lead_is_picked_listed_first_and_highlighted(
        window: MainWindow, qtmodeltester: Any) -> None:
    document = window.document
    _front_page(window)
    select_text(window, LEAD)
    assert window.excerpts.pick_action.isEnabled()
    window.excerpts.pick_action.trigger()
    (excerpt,) = document.outline.articles[0].excerpts
    assert excerpt.in_lead and (excerpt.anchor.block, excerpt.anchor.offset) == (1, 4)
    assert excerpt.anchor.quote == LEAD
    article_row = window.outline_model.article_index(0)
    labels = _labels(window, article_row)
    assert labels[0] == f"{EXCERPT_MARK} {LEAD}"
    assert labels[1].startswith("1. Challenge 1")
    assert f"<span style='{HIGHLIGHT}'>{LEAD}</span>" in window.reader._html
    assert document.picked_ids() == ["e1"]
    assert window.picked_label.text() == "0 sections, 1 excerpt picked"
    qtmodeltester.check(window.outline_model)

    document.undo_stack.undo()
    assert document.outline.articles[0].excerpts == []
    assert _labels(window, article_row)[0].startswith("1. Challenge 1")
    assert HIGHLIGHT not in window.reader._html
    document.undo_stack.redo()
    assert document.outline.articles[0].excerpts == [excerpt]
    assert _labels(window, article_row)[0] == f"{EXCERPT_MARK} {LEAD}"
    qtmodeltester.check(window.outline_model)


def test_a_selection_of_the_title_or_section_list_picks_nothing(window: MainWindow) -> None:
    shown: list[str] = []
    window.statusBar().messageChanged.connect(shown.append)
    _front_page(window)
    select_text(window, "Challenge 2 of Harbour Defence")  # the list of the article's sections
    assert not window.excerpts.pick()
    assert window.document.outline.articles[0].excerpts == []
    assert window.document.undo_stack.count() == 0
    assert shown and "Select a passage of the article's text" in shown[-1]


def test_a_lead_passage_selected_with_keys_alone_is_picked_with_the_shortcut(
        qtbot: Any, window: MainWindow) -> None:
    _front_page(window)
    caret_to_line(qtbot, window, "The lead paragraph")
    reader = window.reader
    qtbot.keyClick(reader, Qt.Key.Key_End, Qt.KeyboardModifier.ShiftModifier)
    qtbot.keyClick(reader, Qt.Key.Key_E,
                   Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    (excerpt,) = window.document.outline.articles[0].excerpts
    assert excerpt.in_lead and excerpt.anchor.quote == f"The {LEAD}."
    assert not reader.textCursor().hasSelection()


def test_a_lead_excerpts_row_shows_the_front_page_and_takes_its_own_note(
        window: MainWindow) -> None:
    document = window.document
    _front_page(window)
    select_text(window, LEAD)
    assert window.excerpts.pick()
    window.tree.setCurrentIndex(window.outline_model.section_index("e1"))
    assert "<h1>Harbour Defence</h1>" in window.reader._html
    assert f"<span style='{HIGHLIGHT}'>{LEAD}</span>" in window.reader._html
    assert window.note_editor.section_id == "e1"
    document.set_note("e1", "Why the lead matters.")
    document.set_tags("e1", ["framing"])
    (excerpt,) = document.outline.articles[0].excerpts
    assert (excerpt.note, excerpt.tags) == ("Why the lead matters.", ["framing"])
    document.undo_stack.undo()
    document.undo_stack.undo()
    assert (excerpt.note, excerpt.tags) == ("", [])


def test_make_heading_moves_a_lead_excerpt_into_the_new_section_and_undo_back(
        window: MainWindow, qtmodeltester: Any) -> None:
    document = window.document
    article = document.outline.articles[0]
    _front_page(window)
    select_text(window, LEAD)
    assert window.excerpts.pick()
    qtmodeltester.check(window.outline_model)
    window.outline_actions.make_heading_at(None, 0, 0)
    (excerpt,) = article.excerpts
    new = article.sections[0]
    assert new.heading == "Background" and excerpt.anchor.section_id == new.id
    new_row = window.outline_model.section_index(new.id)
    assert _labels(window, new_row) == [f"{EXCERPT_MARK} {LEAD}"]
    assert not _labels(window, window.outline_model.article_index(0))[0].startswith(
        EXCERPT_MARK)
    qtmodeltester.check(window.outline_model)
    document.undo_stack.undo()
    assert excerpt.in_lead and article.blocks[0].text == "Background"
    assert _labels(window, window.outline_model.article_index(0))[0] == f"{EXCERPT_MARK} {LEAD}"
    qtmodeltester.check(window.outline_model)
    document.undo_stack.redo()
    assert excerpt.anchor.section_id == article.sections[0].id
    qtmodeltester.check(window.outline_model)


def test_delete_article_counts_the_notes_of_its_lead_excerpts(
        window: MainWindow, monkeypatch: pytest.MonkeyPatch) -> None:
    document = window.document
    _front_page(window)
    select_text(window, LEAD)
    assert window.excerpts.pick()
    document.set_note("e1", "Keep this.")
    asked: list[str] = []

    def question(parent: Any, title: str, text: str, *args: Any) -> QMessageBox.StandardButton:
        asked.append(text)
        return QMessageBox.StandardButton.Yes

    monkeypatch.setattr(QMessageBox, "question", staticmethod(question))
    _front_page(window)
    window.outline_actions.delete.trigger()
    assert "1 note goes with it." in asked[0]
    assert "1 excerpt of it leaves the briefing." in asked[0]
    assert document.picked_ids() == []
    document.undo_stack.undo()
    assert document.picked_ids() == ["e1"]
    assert document.outline.articles[0].excerpts[0].in_lead


def test_the_reader_menu_on_a_lead_selection_and_the_button_pick_it(window: MainWindow) -> None:
    _front_page(window)
    select_text(window, LEAD)
    reader = window.reader
    menu = window.reader_context_menu(reader.cursorRect().center())
    pick = window.excerpts.pick_action
    assert pick in menu.actions() and pick.isEnabled()
    menu.deleteLater()
    window.excerpts.pick_button.click()
    (excerpt,) = window.document.outline.articles[0].excerpts
    assert excerpt.in_lead and excerpt.anchor.quote == LEAD


def test_lead_and_orphaned_excerpts_share_the_article_row_first_and_last(
        document: Document, qtmodeltester: Any) -> None:
    model = OutlineModel(document)
    qtmodeltester.check(model)
    article = document.outline.articles[0]
    lead = lead_section(article)
    start = section_text(lead).index(LEAD)
    document.add_excerpt(0, Excerpt("e1", make_anchor(lead, start, start + len(LEAD))))
    document.add_excerpt(0, Excerpt("e2", Anchor("s99", 0, 0, "words that are nowhere")))
    labels = [model.index(row, 0, model.article_index(0)).data()
              for row in range(model.rowCount(model.article_index(0)))]
    assert labels[0] == f"{EXCERPT_MARK} {LEAD}"
    assert labels[-1].startswith(f"{EXCERPT_MARK} words that are nowhere")
    assert len(labels) == len(article.sections) + 2
    first_section = model.section_index(article.sections[0].id)
    assert first_section.row() == 1 and model.place_of(article.sections[0]) == (0, article, 0)
    qtmodeltester.check(model)
    document.remove_excerpt("e1")
    assert model.section_index(article.sections[0].id).row() == 0
    assert model.rowCount(model.article_index(0)) == len(article.sections) + 1
    qtmodeltester.check(model)
    document.undo_stack.undo()
    assert model.section_index("e1").row() == 0
    assert model.section_index(article.sections[0].id).row() == 1
    qtmodeltester.check(model)


def test_sections_move_below_a_lead_excerpt_row_and_back(window: MainWindow,
                                                         qtmodeltester: Any) -> None:
    document = window.document
    article = document.outline.articles[0]
    _front_page(window)
    select_text(window, LEAD)
    assert window.excerpts.pick()
    first, second = article.sections[0].id, article.sections[1].id
    assert window.select_section(first)
    window.outline_actions.update()
    assert not window.outline_actions.move_up.isEnabled()  # the excerpt row is no section
    window.outline_actions.move_down.trigger()
    assert [section.id for section in article.sections[:2]] == [second, first]
    labels = _labels(window, window.outline_model.article_index(0))
    assert labels[0] == f"{EXCERPT_MARK} {LEAD}" and labels[2].endswith(
        article.sections[1].heading)
    qtmodeltester.check(window.outline_model)
    document.undo_stack.undo()
    assert [section.id for section in article.sections[:2]] == [first, second]
    qtmodeltester.check(window.outline_model)
