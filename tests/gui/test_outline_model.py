"""The outline tree model and its filter, checked with pytest-qt's model tester."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtGui import QFontMetrics
from PySide6.QtWidgets import QStyleOptionViewItem

from briefing.core.model import Article, Block, BlockKind, Section
from briefing.gui.document import Document
from briefing.gui.outline_model import (
    NOTE_MARK,
    SECTION_ID_ROLE,
    HighlightDelegate,
    OutlineFilterModel,
    OutlineModel,
)


def _visible_labels(model: Any, parent: QModelIndex | None = None) -> list[str]:
    parent = parent or QModelIndex()
    labels: list[str] = []
    for row in range(model.rowCount(parent)):
        index = model.index(row, 0, parent)
        labels.append(index.data())
        labels.extend(_visible_labels(model, index))
    return labels


def test_model_passes_the_model_tester(qtmodeltester: Any, document: Document) -> None:
    model = OutlineModel(document)
    qtmodeltester.check(model)


def test_tree_shows_articles_sections_and_subsections_with_numbers(document: Document) -> None:
    model = OutlineModel(document)
    assert model.rowCount() == 2
    article = model.index(0, 0)
    assert article.data() == "Harbour Defence"
    assert model.rowCount(article) == 3
    section = model.index(1, 0, article)
    assert section.data() == "2. Challenge 2 of Harbour Defence"
    assert section.data(SECTION_ID_ROLE) == "s4"
    sub = model.index(0, 0, section)
    assert sub.data() == "Point 2.1 on harbour defence"
    assert model.parent(sub) == section
    assert model.parent(section) == article
    assert model.section_index("s5") == sub


def test_note_and_tag_markers_show_in_the_second_column(document: Document) -> None:
    model = OutlineModel(document)
    noted = model.section_index("s13", 1)
    assert noted.data() == f"{NOTE_MARK} #arctic #ships"
    assert model.section_index("s1", 1).data() == ""


def test_checking_a_section_picks_it_through_the_undo_stack(document: Document) -> None:
    model = OutlineModel(document)
    index = model.section_index("s5")
    assert model.setData(index, Qt.CheckState.Checked.value, Qt.ItemDataRole.CheckStateRole)
    assert document.section("s5") is not None
    assert document.section("s5").picked  # type: ignore[union-attr]
    assert index.data(Qt.ItemDataRole.CheckStateRole) == Qt.CheckState.Checked
    assert document.undo_stack.count() == 1
    document.undo_stack.undo()
    assert index.data(Qt.ItemDataRole.CheckStateRole) == Qt.CheckState.Unchecked


def test_picking_a_parent_offers_its_subsections(document: Document) -> None:
    model = OutlineModel(document)
    asked: list[tuple[str, bool]] = []

    def yes(section: Section, picked: bool) -> bool:
        asked.append((section.id, picked))
        return True

    model.confirm_subsections = yes
    model.setData(model.section_index("s1"), Qt.CheckState.Checked,
                  Qt.ItemDataRole.CheckStateRole)
    assert asked == [("s1", True)]
    assert document.picked_ids() == ["s1", "s2", "s3"]
    model.confirm_subsections = lambda section, picked: False
    model.setData(model.section_index("s1"), Qt.CheckState.Unchecked,
                  Qt.ItemDataRole.CheckStateRole)
    assert document.picked_ids() == ["s2", "s3"]


def test_leaf_pick_does_not_ask(document: Document) -> None:
    model = OutlineModel(document)

    def fail(section: Section, picked: bool) -> bool:
        raise AssertionError("asked for a section without subsections")

    model.confirm_subsections = fail
    model.setData(model.section_index("s2"), Qt.CheckState.Checked,
                  Qt.ItemDataRole.CheckStateRole)
    assert document.picked_ids() == ["s2"]


def test_import_and_undo_insert_and_remove_rows(qtmodeltester: Any,
                                                document: Document) -> None:
    model = OutlineModel(document)
    qtmodeltester.check(model)
    article = Article(title="New piece", sections=[
        Section(id="", heading="Only part", blocks=[Block(BlockKind.PARAGRAPH, "text")])])
    document.import_articles([article])
    assert model.rowCount() == 3
    assert model.index(2, 0).data() == "New piece"
    new_id = model.index(0, 0, model.index(2, 0)).data(SECTION_ID_ROLE)
    assert new_id == "s19"
    document.undo_stack.undo()
    assert model.rowCount() == 2
    document.undo_stack.redo()
    assert model.index(0, 0, model.index(2, 0)).data(SECTION_ID_ROLE) == "s19"


def test_replacing_the_outline_resets_the_model(document: Document) -> None:
    model = OutlineModel(document)
    document.new()
    assert model.rowCount() == 0


def test_filter_keeps_matching_sections_and_their_ancestors(qtmodeltester: Any,
                                                            document: Document) -> None:
    model = OutlineModel(document)
    proxy = OutlineFilterModel(model)
    qtmodeltester.check(proxy)
    proxy.set_filter("point 3.2")
    assert _visible_labels(proxy) == ["Harbour Defence", "3. Challenge 3 of Harbour Defence",
                                      "Point 3.2 on harbour defence", "Arctic Patrols",
                                      "3. Challenge 3 of Arctic Patrols",
                                      "Point 3.2 on arctic patrols"]
    matched = proxy.index(0, 0, proxy.index(0, 0, proxy.index(0, 0)))
    assert proxy.matches_itself(matched)
    assert not proxy.matches_itself(proxy.index(0, 0))
    delegate = HighlightDelegate(proxy)
    option = QStyleOptionViewItem()
    delegate.initStyleOption(option, matched)
    assert option.font.bold()  # type: ignore[attr-defined]
    bold_width = QFontMetrics(option.font).horizontalAdvance("Point 3.2")  # type: ignore[attr-defined]
    # The highlight is placed with these metrics: they must be the bold font's.
    assert option.fontMetrics.horizontalAdvance("Point 3.2") == bold_width  # type: ignore[attr-defined]
    option = QStyleOptionViewItem()
    delegate.initStyleOption(option, proxy.index(0, 0, proxy.index(0, 0)))
    assert not option.font.bold()  # type: ignore[attr-defined]


def test_filter_searches_body_text_and_notes(document: Document) -> None:
    model = OutlineModel(document)
    proxy = OutlineFilterModel(model)
    proxy.set_filter("BUDGETS ROSE BY 32%")
    assert _visible_labels(proxy)[-1] == "Point 3.2 on arctic patrols"
    assert len(_visible_labels(proxy)) == 6
    proxy.set_filter("icebreakers")
    assert _visible_labels(proxy) == ["Arctic Patrols", "2. Challenge 2 of Arctic Patrols"]
    proxy.set_filter("")
    assert len(_visible_labels(proxy)) == 2 + 2 * 9


def test_filter_ignores_case_beyond_ascii(document: Document) -> None:
    model = OutlineModel(document)
    proxy = OutlineFilterModel(model)
    document.set_note("s2", "Die STRAẞE nach Norden; ÉTÉ.")
    document.set_note("s3", "Plain ASCII NOTE.")
    for needle in ("strasse nach", "Straße", "été", "ascii note"):
        proxy.set_filter(needle)
        assert proxy.match_count == 1, needle


def test_filter_follows_note_edits(document: Document) -> None:
    model = OutlineModel(document)
    proxy = OutlineFilterModel(model)
    proxy.set_filter("submarine")
    assert _visible_labels(proxy) == []
    document.set_note("s2", "Mentions a submarine.")
    assert _visible_labels(proxy) == ["Harbour Defence", "1. Challenge 1 of Harbour Defence",
                                      "Point 1.1 on harbour defence"]


def test_picked_only_shows_picked_sections(qtmodeltester: Any, document: Document) -> None:
    model = OutlineModel(document)
    proxy = OutlineFilterModel(model)
    document.set_picked(["s12", "s3"], True)
    proxy.set_picked_only(True)
    qtmodeltester.check(proxy)
    assert _visible_labels(proxy) == ["Harbour Defence", "1. Challenge 1 of Harbour Defence",
                                      "Point 1.2 on harbour defence", "Arctic Patrols",
                                      "1. Challenge 1 of Arctic Patrols",
                                      "Point 1.2 on arctic patrols"]
    document.set_picked(["s3"], False)
    assert _visible_labels(proxy)[0] == "Arctic Patrols"
    proxy.set_filter("nothing like this", picked_only=True)
    assert _visible_labels(proxy) == []


def test_narrowing_and_widening_the_filter_give_full_answers(document: Document) -> None:
    model = OutlineModel(document)
    proxy = OutlineFilterModel(model)
    proxy.set_filter("point 2")
    assert proxy.match_count == 4
    proxy.set_filter("point 2.1")
    assert proxy.match_count == 2
    proxy.set_filter("point")
    assert proxy.match_count == 12
    proxy.set_filter("point 2.1 on arctic")
    assert _visible_labels(proxy) == ["Arctic Patrols", "2. Challenge 2 of Arctic Patrols",
                                      "Point 2.1 on arctic patrols"]


def test_articles_imported_while_filtering_are_filtered_too(document: Document) -> None:
    model = OutlineModel(document)
    proxy = OutlineFilterModel(model)
    proxy.set_filter("lighthouse")
    assert _visible_labels(proxy) == []
    document.import_articles([Article(title="Coast", sections=[
        Section(id="", heading="Lighthouse keepers")])])
    assert _visible_labels(proxy) == ["Coast", "Lighthouse keepers"]
    document.undo_stack.undo()
    assert _visible_labels(proxy) == []


def test_search_text_is_made_ahead_while_idle_and_again_after_each_edit(
        qtbot: Any, document: Document) -> None:
    model = OutlineModel(document)
    assert not model.is_search_ready()  # made in idle slices, not while opening
    qtbot.waitUntil(model.is_search_ready)
    document.set_note("s2", "Mentions a submarine.")
    document.set_tags("s7", ["lighthouse"])
    assert not model.is_search_ready()
    qtbot.waitUntil(model.is_search_ready)
    proxy = OutlineFilterModel(model)
    proxy.set_filter("submarine")
    assert _visible_labels(proxy) == ["Harbour Defence", "1. Challenge 1 of Harbour Defence",
                                      "Point 1.1 on harbour defence"]
    proxy.set_filter("LIGHTHOUSE")
    assert proxy.match_count == 1
    assert proxy.matches_itself(proxy.mapFromSource(model.section_index("s7")))


def test_a_filter_typed_before_the_search_text_is_ready_gives_the_full_answer(
        qtmodeltester: Any, document: Document) -> None:
    model = OutlineModel(document)
    proxy = OutlineFilterModel(model)
    proxy.set_filter("point 2")
    assert proxy.match_count == 4
    qtmodeltester.check(proxy)


def test_renaming_a_section_while_filtered_brings_it_into_the_filter(
        qtmodeltester: Any, document: Document) -> None:
    model = OutlineModel(document)
    proxy = OutlineFilterModel(model)
    proxy.set_filter("seawall")
    assert _visible_labels(proxy) == []
    assert model.setData(model.section_index("s12"), "Seawall repairs")
    assert _visible_labels(proxy) == ["Arctic Patrols", "1. Challenge 1 of Arctic Patrols",
                                      "Seawall repairs"]
    qtmodeltester.check(proxy)
    document.undo_stack.undo()
    assert _visible_labels(proxy) == []
