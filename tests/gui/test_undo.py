"""Every edit is one undoable command; typing merges into steps of bounded length."""

from __future__ import annotations

import pytest
from pytestqt.qtbot import QtBot

from briefing.core.model import Article, Block, BlockKind, Section
from briefing.gui import undo_commands
from briefing.gui.document import Document


class FakeClock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


@pytest.fixture
def clock(monkeypatch: pytest.MonkeyPatch) -> FakeClock:
    fake = FakeClock()
    monkeypatch.setattr(undo_commands, "clock", fake)
    return fake


def _section(document: Document, section_id: str) -> Section:
    section = document.section(section_id)
    assert section is not None
    return section


def test_pick_undo_redo_restores_picks_and_order(document: Document) -> None:
    document.set_picked(["s4"], True)
    document.set_picked(["s1"], True)
    document.move_picked(1, 0)
    assert document.picked_ids() == ["s1", "s4"]
    document.set_picked(["s1"], False)
    assert document.picked_ids() == ["s4"]
    document.undo_stack.undo()
    assert document.picked_ids() == ["s1", "s4"]
    assert document.outline.briefing.order == ["s1", "s4"]
    document.undo_stack.undo()
    assert document.picked_ids() == ["s4", "s1"]
    document.undo_stack.undo()
    document.undo_stack.undo()
    assert document.picked_ids() == []
    assert not document.is_modified
    document.undo_stack.redo()
    assert _section(document, "s4").picked


def test_picking_an_already_picked_section_adds_no_step(document: Document) -> None:
    document.set_picked(["s2"], True)
    document.set_picked(["s2"], True)
    assert document.undo_stack.count() == 1


def test_note_typing_merges_into_one_step(document: Document, clock: FakeClock) -> None:
    for text in ("W", "Wa", "Wat", "Watch"):
        clock.now += 0.3
        document.set_note("s2", text)
    assert document.undo_stack.count() == 1
    assert document.undo_stack.undoText() == "Edit note"
    document.undo_stack.undo()
    assert _section(document, "s2").note == ""
    document.undo_stack.redo()
    assert _section(document, "s2").note == "Watch"


def test_a_pause_in_typing_starts_a_new_step(document: Document, clock: FakeClock) -> None:
    document.set_note("s2", "First")
    clock.now += undo_commands.MERGE_PAUSE + 0.5
    document.set_note("s2", "First thought")
    assert document.undo_stack.count() == 2
    document.undo_stack.undo()
    assert _section(document, "s2").note == "First"


def test_long_continuous_typing_is_split(document: Document, clock: FakeClock) -> None:
    text = ""
    for _ in range(int(undo_commands.MERGE_SPAN) * 4):
        clock.now += 0.5
        text += "x"
        document.set_note("s2", text)
    assert 2 <= document.undo_stack.count() <= 4
    document.undo_stack.undo()
    assert 0 < len(_section(document, "s2").note) < len(text)


def test_edits_of_different_sections_do_not_merge(document: Document, clock: FakeClock) -> None:
    document.set_note("s2", "one")
    document.set_note("s3", "two")
    assert document.undo_stack.count() == 2


def test_typing_back_to_the_original_text_leaves_no_step(document: Document,
                                                        clock: FakeClock) -> None:
    document.set_note("s2", "x")
    document.set_note("s2", "")
    assert document.undo_stack.count() == 0
    assert not document.is_modified


def test_detail_fields_merge_per_field(document: Document, clock: FakeClock) -> None:
    document.set_detail("title", "A")
    document.set_detail("title", "AB")
    document.set_detail("to", "Chief")
    document.set_detail("to", "Chief of staff")
    assert document.undo_stack.count() == 2
    document.undo_stack.undo()
    assert document.outline.briefing.to == "Minister"
    assert document.outline.briefing.title == "AB"
    document.undo_stack.undo()
    assert document.outline.briefing.title == "Alliance readiness"


def test_unknown_detail_is_refused(document: Document) -> None:
    with pytest.raises(KeyError):
        document.set_detail("order", "x")


def test_tags_are_cleaned_and_undoable(document: Document) -> None:
    document.set_tags("s2", [" ships ", "#navy", "", "ships"])
    assert _section(document, "s2").tags == ["ships", "navy"]
    document.undo_stack.undo()
    assert _section(document, "s2").tags == []


def test_import_undo_removes_the_articles_and_redo_keeps_ids(document: Document) -> None:
    article = Article(title="Imported", sections=[Section(id="", heading="Part"),
                                                  Section(id="", heading="Other")])
    document.import_articles([article])
    assert [s.id for s in document.outline.articles[2].sections] == ["s19", "s20"]
    document.undo_stack.undo()
    assert len(document.outline.articles) == 2
    document.undo_stack.redo()
    assert [s.id for s in document.outline.articles[2].sections] == ["s19", "s20"]
    assert document.undo_stack.undoText() == "Import article"


def test_import_undo_restores_the_order_of_picked_imported_sections(document: Document) -> None:
    article = Article(title="Imported", sections=[Section(id="", heading="Part", picked=True)])
    document.set_picked(["s1"], True)
    document.import_articles([article])
    assert document.outline.briefing.order == ["s1", "s19"]
    document.undo_stack.undo()
    assert document.outline.briefing.order == ["s1"]


def test_restore_discarded_moves_the_line_into_the_lead(document: Document) -> None:
    article = document.outline.articles[0]
    document.restore_discarded(0, 0)
    assert article.blocks[-1] == Block(BlockKind.PARAGRAPH, "Subscribe to our newsletter")
    assert [d.text for d in article.discarded] == ["\u00a9"]
    document.undo_stack.undo()
    assert [d.text for d in article.discarded] == ["Subscribe to our newsletter", "\u00a9"]
    assert len(article.blocks) == 1
    document.restore_discarded(0, 7)
    assert document.undo_stack.count() == 1


def test_reorder_undo_and_redo(document: Document) -> None:
    document.set_picked(["s1", "s4", "s7"], True)
    document.move_picked(2, 0)
    assert document.picked_ids() == ["s7", "s1", "s4"]
    document.undo_stack.undo()
    assert document.picked_ids() == ["s1", "s4", "s7"]
    document.undo_stack.redo()
    assert document.picked_ids() == ["s7", "s1", "s4"]


def test_modified_signal_follows_the_clean_state(qtbot: QtBot, document: Document) -> None:
    with qtbot.waitSignal(document.modified_changed) as blocker:
        document.set_picked(["s1"], True)
    assert blocker.args == [True]
    with qtbot.waitSignal(document.modified_changed) as blocker:
        document.undo_stack.undo()
    assert blocker.args == [False]


def test_replace_as_modified_counts_as_unsaved(document: Document, outline: object) -> None:
    document.replace(document.outline, None, modified=True)
    assert document.is_modified
    assert document.undo_stack.count() == 0
