"""The document's picked ids (what the order list and the pick count show) after each change."""

from __future__ import annotations

from briefing.core.anchoring import make_anchor
from briefing.core.model import Article, Block, BlockKind, Excerpt, Section
from briefing.gui.document import Document


def _fresh(document: Document) -> list[str]:
    """The picked ids worked out again from the outline itself."""
    return [item.id for _, item in document.outline.entries_in_order()]


def test_picked_ids_follow_picks_imports_excerpts_and_undo(document: Document) -> None:
    document.set_picked(["s12", "s3"], True)
    document.set_order(["s12", "s3"])
    assert document.picked_ids() == _fresh(document) == ["s12", "s3"]
    section = document.outline.articles[0].sections[1]
    document.add_excerpt(0, Excerpt("e1", make_anchor(section, 0, 12)))
    assert document.picked_ids() == _fresh(document) == ["s12", "s3", "e1"]
    document.import_articles([Article(title="Ports", sections=[
        Section(id="", heading="Harbour fees", picked=True,
                blocks=[Block(BlockKind.PARAGRAPH, "Fees rose twice this year.")])])])
    new_id = document.outline.articles[2].sections[0].id
    assert document.picked_ids() == _fresh(document) == ["s12", "s3", "e1", new_id]
    document.set_picked(["s3"], False)
    assert document.picked_ids() == _fresh(document) == ["s12", "e1", new_id]
    for _ in range(3):
        document.undo_stack.undo()
        assert document.picked_ids() == _fresh(document)
    assert document.picked_ids() == ["s12", "s3"]
    document.undo_stack.redo()
    assert document.picked_ids() == _fresh(document) == ["s12", "s3", "e1"]


def test_an_import_bringing_picks_and_excerpts_keeps_the_order_in_step(
        document: Document) -> None:
    document.set_picked(["s3"], True)
    before = document.picked_ids()
    brought = Article(title="Ports", sections=[
        Section(id="s90", heading="Harbour fees", picked=True,
                blocks=[Block(BlockKind.PARAGRAPH, "Fees rose twice this year.")]),
        Section(id="", heading="Cranes", picked=True)])
    brought.excerpts.append(Excerpt("e5", make_anchor(brought.sections[0], 0, 4)))
    document.import_articles([brought])
    assert document.outline.briefing.order == document.picked_ids() == _fresh(document)
    assert document.picked_ids() == [*before, "s90", brought.sections[1].id, "e5"]
    document.undo_stack.undo()
    assert document.outline.briefing.order == document.picked_ids() == _fresh(document) \
        == before


def test_an_import_into_an_order_out_of_step_puts_it_right(document: Document) -> None:
    document.set_picked(["s3", "s5"], True)
    document.outline.briefing.order = ["s5", "gone"]  # as a hand-edited file may have it
    document.import_articles([Article(title="Ports", sections=[
        Section(id="", heading="Harbour fees", picked=True)])])
    new_id = document.outline.articles[-1].sections[0].id
    assert document.outline.briefing.order == _fresh(document) == ["s5", "s3", new_id]
