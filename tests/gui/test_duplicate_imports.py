"""Importing an article the outline already has, in the window: the question, replacing it,
and what the reader and the note editor show while articles leave and come back."""

from __future__ import annotations

from collections.abc import Sequence

import pytest
from PySide6.QtCore import QMimeData
from PySide6.QtWidgets import QMessageBox
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot

from briefing.core.anchoring import make_anchor
from briefing.core.duplicates import LostWork
from briefing.core.model import Article, Excerpt
from briefing.gui import duplicate_question
from briefing.gui.duplicate_question import DuplicateChoice
from briefing.gui.import_dialog import ImportDialog
from briefing.gui.main_window import MainWindow
from tests.gui.paste_support import (
    ORIGINAL_TITLES,
    browser_copy,
    set_clipboard,
    titles,
    wait_for_import,
)

ASK_ABOUT_DUPLICATE = duplicate_question.ask_about_duplicate
"""The real question (the GUI tests' guard replaces it with a failure while a test runs)."""

pytestmark = pytest.mark.usefixtures("clipboard_cleared")


def _answer_duplicates(monkeypatch: pytest.MonkeyPatch, choice: DuplicateChoice,
                       orphans_told: list[str] | None = None
                       ) -> list[tuple[Article, int, list[LostWork]]]:
    """Answer the question with ``choice``; the questions asked, and in ``orphans_told`` the
    quotes of the excerpts it said a replacement would orphan."""
    asked: list[tuple[Article, int, list[LostWork]]] = []
    orphans_told = [] if orphans_told is None else orphans_told

    def ask(parent: object, new: Article, existing: Article, row: int,
            lost: list[LostWork], orphaned: Sequence[str] = ()) -> DuplicateChoice:
        asked.append((existing, row, list(lost)))
        orphans_told.extend(orphaned)
        return choice

    monkeypatch.setattr(duplicate_question, "ask_about_duplicate", ask)
    return asked


def _paste_new_version(qtbot: QtBot, window: MainWindow) -> int:
    """Paste a new version of 'Arctic Patrols' from its address."""
    selection = ("<h1>Arctic Patrols</h1><p>New lead text about the patrols, which now run "
                 "from two bases instead of one after the spring review.</p>"
                 "<h2>Challenge 2 of Arctic Patrols</h2><p>The second challenge, rewritten: "
                 "ice came early and the older hulls needed escorts for most of the season.</p>"
                 "<h2>Challenge 9 of Arctic Patrols</h2><p>A challenge added later, about "
                 "crews: six of the eleven posts on the new cutter are still empty.</p>")
    set_clipboard(browser_copy(selection, "https://example.org/a"))
    return wait_for_import(qtbot, window, window.paste_article_action.trigger)


@pytest.fixture
def harbour_elsewhere(window: MainWindow) -> MainWindow:
    """Only 'Arctic Patrols' is at https://example.org/a."""
    window.document.outline.articles[0].url = "https://example.org/harbour"
    return window


def test_replacing_a_duplicate_keeps_notes_and_is_one_undo_step(
        qtbot: QtBot, qtmodeltester: ModelTester, harbour_elsewhere: MainWindow,
        monkeypatch: pytest.MonkeyPatch, confirm_imports: list[ImportDialog]) -> None:
    window = harbour_elsewhere
    qtmodeltester.check(window.outline_model)  # and keeps checking through the replacement
    window.document.set_picked(["s13"], True)
    asked = _answer_duplicates(monkeypatch, DuplicateChoice.REPLACE)
    old = window.document.outline.articles[1]
    assert _paste_new_version(qtbot, window) == 1
    existing, row, lost = asked[0]
    assert (existing.title, row) == ("Arctic Patrols", 1)
    assert lost == []  # the pick, note and tags are on 'Challenge 2', which the new version has
    assert titles(window) == ORIGINAL_TITLES
    new = window.document.outline.articles[1]
    challenge = new.sections[0]
    assert (challenge.id, challenge.note, challenge.tags) == \
        ("s13", "Ask the **ministry** about icebreakers.", ["arctic", "ships"])
    assert window.document.picked_ids() == ["s13"]
    assert window.outline_model.rowCount() == 2
    assert window.document.undo_stack.count() == 2  # the pick, then the import
    window.document.undo_stack.undo()
    assert window.document.outline.articles[1] is old
    assert window.document.picked_ids() == ["s13"]
    window.document.undo_stack.redo()
    assert window.document.outline.articles[1] is new
    assert window.document.section("s13") is challenge


def test_replacing_tells_of_excerpts_whose_passage_is_gone_and_keeps_them_orphaned(
        qtbot: QtBot, harbour_elsewhere: MainWindow, monkeypatch: pytest.MonkeyPatch,
        confirm_imports: list[ImportDialog]) -> None:
    window = harbour_elsewhere
    section = window.document.section("s13")
    assert section is not None
    quote = "Opening remarks for challenge 2."  # the new version rewrites this section
    window.document.add_excerpt(1, Excerpt("e1", make_anchor(section, 0, len(quote))))
    told: list[str] = []
    _answer_duplicates(monkeypatch, DuplicateChoice.REPLACE, told)
    assert _paste_new_version(qtbot, window) == 1
    assert told == [quote]
    excerpt = window.document.outline.articles[1].excerpts[0]
    assert (excerpt.id, excerpt.orphaned) == ("e1", True)


def test_keeping_both_adds_the_duplicate(qtbot: QtBot, harbour_elsewhere: MainWindow,
                                         monkeypatch: pytest.MonkeyPatch,
                                         confirm_imports: list[ImportDialog]) -> None:
    _answer_duplicates(monkeypatch, DuplicateChoice.KEEP_BOTH)
    assert _paste_new_version(qtbot, harbour_elsewhere) == 1
    assert titles(harbour_elsewhere) == [*ORIGINAL_TITLES, "Arctic Patrols"]


def test_cancel_leaves_the_duplicate_out(qtbot: QtBot, harbour_elsewhere: MainWindow,
                                         monkeypatch: pytest.MonkeyPatch,
                                         confirm_imports: list[ImportDialog]) -> None:
    _answer_duplicates(monkeypatch, DuplicateChoice.CANCEL)
    assert _paste_new_version(qtbot, harbour_elsewhere) == 0
    assert titles(harbour_elsewhere) == ORIGINAL_TITLES
    assert not harbour_elsewhere.isWindowModified()


def test_pasting_the_same_text_twice_asks_and_keeping_both_is_undoable(
        qtbot: QtBot, window: MainWindow, monkeypatch: pytest.MonkeyPatch,
        confirm_imports: list[ImportDialog]) -> None:
    asked = _answer_duplicates(monkeypatch, DuplicateChoice.KEEP_BOTH)
    text = QMimeData()
    text.setText("Salt Marsh Grazing\n\nSheep return to the marsh in May once the spring "
                 "tides have passed.\n\nThe wardens count the flock twice a summer.\n")
    set_clipboard(text)
    assert wait_for_import(qtbot, window, window.paste_article_action.trigger) == 1
    assert asked == []
    assert wait_for_import(qtbot, window, window.paste_article_action.trigger) == 1
    assert [(existing.title, row) for existing, row, _ in asked] == [("Salt Marsh Grazing", 2)]
    assert titles(window) == [*ORIGINAL_TITLES, "Salt Marsh Grazing", "Salt Marsh Grazing"]
    window.document.undo_stack.undo()
    assert titles(window) == [*ORIGINAL_TITLES, "Salt Marsh Grazing"]


def test_the_question_names_the_work_a_replace_would_drop(qtbot: QtBot) -> None:
    new, existing = Article(title="Arctic Patrols"), Article(title="Arctic patrols (2024)")
    lost = [LostWork("Icebreakers", True, "", ()), LostWork("Budget", False, "Check", ())]
    box = duplicate_question.duplicate_question(None, new, existing, 1, lost)
    qtbot.addWidget(box)
    assert "is already in the outline as article 2 (Arctic patrols (2024))" in box.text()
    assert "drops your work on 2 sections" in box.informativeText()
    assert "\u201cIcebreakers\u201d, \u201cBudget\u201d" in box.informativeText()
    assert {"&Replace", "&Keep Both"} <= {button.text() for button in box.buttons()}
    assert box.defaultButton() is box.escapeButton()  # losing work is never the default


def test_the_question_names_the_excerpts_a_replace_would_orphan(qtbot: QtBot) -> None:
    box = duplicate_question.duplicate_question(
        None, Article(title="Arctic Patrols"), Article(title="Arctic Patrols"), 1, [],
        ["Ice came early this year."])
    qtbot.addWidget(box)
    assert ("no longer has the passage of 1 excerpt: \u201cIce came early this year.\u201d"
            in box.informativeText())
    assert "keeps them, with their notes, marked as orphaned" in box.informativeText()
    assert box.defaultButton() is box.escapeButton()


def test_the_question_returns_the_button_clicked(monkeypatch: pytest.MonkeyPatch) -> None:
    def click_keep(box: QMessageBox) -> int:
        next(button for button in box.buttons() if button.text() == "&Keep Both").click()
        return 0

    monkeypatch.setattr(QMessageBox, "exec", click_keep)
    choice = ASK_ABOUT_DUPLICATE(None, Article(title="A"), Article(title="A"), 0, [])
    assert choice is DuplicateChoice.KEEP_BOTH


# ------------------------------------------------- what the reader and note editor show meanwhile


def _shows_nothing(window: MainWindow) -> bool:
    return (window.note_editor.section_id is None and not window.note_editor.editor.isEnabled()
            and window.reader.article_row() is None)


def test_undoing_an_import_while_its_section_is_shown_leaves_nothing_to_type_into(
        qtbot: QtBot, window: MainWindow, confirm_imports: list[ImportDialog]) -> None:
    """Typing a note on a section the undo took away would write to nothing (and fail)."""
    set_clipboard(browser_copy())
    assert wait_for_import(qtbot, window, window.paste_article_action.trigger) == 1
    assert window.select_section(window.document.outline.articles[2].sections[0].id)
    window.document.undo_stack.undo()
    assert titles(window) == ORIGINAL_TITLES
    assert _shows_nothing(window)
    qtbot.keyClicks(window.note_editor.editor, "a note on nothing")
    assert window.document.undo_stack.count() == 1  # only the import, to redo


def test_replacing_an_article_keeps_its_shown_section_with_the_new_text(
        qtbot: QtBot, harbour_elsewhere: MainWindow, monkeypatch: pytest.MonkeyPatch,
        confirm_imports: list[ImportDialog]) -> None:
    window = harbour_elsewhere
    assert window.select_section("s13")
    _answer_duplicates(monkeypatch, DuplicateChoice.REPLACE)
    assert _paste_new_version(qtbot, window) == 1
    current = window.current_node()
    assert current is window.document.section("s13")
    assert "The second challenge, rewritten" in window.reader.toPlainText()
    assert window.note_editor.editor.toPlainText() == "Ask the **ministry** about icebreakers."
    qtbot.keyClicks(window.note_editor.editor, "Also: ")
    assert window.document.section("s13").note.startswith("Also: ")  # type: ignore[union-attr]
    window.document.undo_stack.undo()
    window.document.undo_stack.undo()  # the replacement: the old text is shown again
    assert window.current_node() is window.document.section("s13")
    assert "Opening remarks for challenge 2." in window.reader.toPlainText()


def test_replacing_an_article_without_the_shown_section_shows_nothing(
        qtbot: QtBot, harbour_elsewhere: MainWindow, monkeypatch: pytest.MonkeyPatch,
        confirm_imports: list[ImportDialog]) -> None:
    window = harbour_elsewhere
    assert window.select_section("s10")  # 'Challenge 1', which the new version has not
    _answer_duplicates(monkeypatch, DuplicateChoice.REPLACE)
    assert _paste_new_version(qtbot, window) == 1
    assert _shows_nothing(window)
    qtbot.keyClicks(window.note_editor.editor, "a note on nothing")
    assert window.document.section("s10") is None


def test_replacing_the_shown_article_shows_its_new_version(
        qtbot: QtBot, harbour_elsewhere: MainWindow, monkeypatch: pytest.MonkeyPatch,
        confirm_imports: list[ImportDialog]) -> None:
    window = harbour_elsewhere
    window.tree.setCurrentIndex(window.outline_model.article_index(1))
    _answer_duplicates(monkeypatch, DuplicateChoice.REPLACE)
    assert _paste_new_version(qtbot, window) == 1
    assert window.current_node() is window.document.outline.articles[1]
    assert "New lead text about the patrols" in window.reader.toPlainText()
