"""The domain model: ids, walking, picks and order."""

from __future__ import annotations

from briefing.core.anchoring import make_anchor
from briefing.core.model import Article, Block, BlockKind, Excerpt, Outline, Section


def _article(*headings: str, picked: bool = False) -> Article:
    return Article(title="A", sections=[Section(id="", heading=h, picked=picked)
                                        for h in headings])


def test_add_article_assigns_fresh_ids_without_touching_existing_ones() -> None:
    outline = Outline()
    outline.add_article(_article("One", "Two"))
    first_ids = [section.id for _, section in outline.walk()]
    outline.add_article(_article("Three"))
    assert first_ids == ["s1", "s2"]
    assert [section.id for _, section in outline.walk()] == ["s1", "s2", "s3"]


def test_next_id_is_above_the_highest_even_after_removal() -> None:
    outline = Outline(articles=[Article(title="A", sections=[Section(id="s7", heading="x")])])
    assert outline.next_section_id() == "s8"
    outline.add_article(_article("New"))
    assert outline.articles[1].sections[0].id == "s8"


def test_walk_is_depth_first_in_document_order() -> None:
    child = Section(id="s2", heading="child")
    parent = Section(id="s1", heading="parent", sections=[child])
    outline = Outline(articles=[Article(title="A", sections=[parent, Section(id="s3",
                                                                              heading="next")])])
    assert [s.id for _, s in outline.walk()] == ["s1", "s2", "s3"]
    assert outline.find_section("s2") == (outline.articles[0], child)
    assert outline.find_section("nope") is None


def test_picked_in_order_follows_briefing_order_then_document_order() -> None:
    outline = Outline()
    outline.add_article(_article("One", "Two", "Three", picked=True))
    outline.articles[0].sections[1].picked = False
    outline.briefing.order = ["s3", "s2", "missing", "s3"]
    assert [s.id for _, s in outline.picked_in_order()] == ["s3", "s1"]
    outline.sync_order()
    assert outline.briefing.order == ["s3", "s1"]


def test_label_and_source_line() -> None:
    assert Section(id="s1", heading="Deterrence", number=3).label == "3. Deterrence"
    assert Section(id="s1", heading="Conclusion").label == "Conclusion"
    article = Article(title="T", author="Ann Lee", publisher="Review", date="2024-10-01",
                      blocks=[Block(BlockKind.PARAGRAPH, "x")])
    assert article.source_line() == "Ann Lee, \u201cT\u201d, Review, 1 October 2024"


def test_add_articles_gives_fresh_ids_across_all_new_articles() -> None:
    outline = Outline(articles=[Article(title="A", sections=[Section(id="s4", heading="x")])])
    outline.add_articles([_article("One"), _article("Two", "Three")])
    assert [s.id for _, s in outline.walk()] == ["s4", "s5", "s6", "s7"]


def test_added_sections_are_numbered_above_every_id_in_use_old_or_new() -> None:
    nested = Section(id="s4", heading="x", sections=[Section(id="s10", heading="deep")])
    outline = Outline(articles=[Article(title="A", sections=[nested])])
    brought = Article(title="B", sections=[Section(id="s12", heading="kept"),
                                           Section(id="", heading="new")])
    outline.add_articles([_article("One"), brought])
    assert [s.id for _, s in outline.walk()] == ["s4", "s10", "s13", "s12", "s14"]


def _with_excerpt(title: str, *headings: str) -> Article:
    article = Article(title=title, sections=[
        Section(id="", heading=h, picked=h.startswith("Picked"),
                blocks=[Block(BlockKind.PARAGRAPH, f"Some text under {h}.")]) for h in headings])
    return article


def test_entries_of_appended_articles_extend_an_order_as_a_full_sync_would() -> None:
    outline = Outline()
    outline.add_articles([_with_excerpt("A", "Picked one", "Other", "Picked two")])
    first = outline.articles[0]
    first.excerpts.append(Excerpt("e1", make_anchor(first.sections[1], 0, 9)))
    outline.briefing.order = ["e1", "s3", "s1"]
    outline.sync_order()
    in_step = list(outline.briefing.order)
    added = [_with_excerpt("B", "Plain", "Picked three"), _with_excerpt("C", "Picked four")]
    added[0].sections[1].sections.append(Section(id="", heading="Picked inner", picked=True))
    outline.add_articles(added)
    added[1].excerpts.append(Excerpt("e2", make_anchor(added[1].sections[0], 0, 4)))
    entries = outline.entry_ids(added)
    assert entries == ["s5", "s6", "s7", "e2"]
    outline.sync_order()
    assert outline.briefing.order == in_step + entries


def test_walk_handles_deep_nesting_without_recursion() -> None:
    root = Section(id="s1", heading="level 1")
    current = root
    for depth in range(2, 3001):
        child = Section(id=f"s{depth}", heading=f"level {depth}")
        current.sections.append(child)
        current = child
    outline = Outline(articles=[Article(title="Deep", sections=[root])])
    assert [s.id for _, s in outline.walk()][-1] == "s3000"
    assert sum(1 for _ in root.walk()) == 3000


def test_ids_of_removed_sections_are_not_given_again() -> None:
    outline = Outline()
    outline.add_articles([_article("One"), _article("Two", "Three")])
    outline.articles.pop()
    outline.add_article(_article("Four"))
    assert [s.id for _, s in outline.walk()] == ["s1", "s4"]
    assert outline.next_section_id() == "s5"


def test_sections_counted_back_in_keep_new_ids_clear_of_theirs() -> None:
    outline = Outline(articles=[Article(title="A", sections=[Section(id="s1", heading="x")])])
    brought_back = Article(title="B", sections=[Section(id="s2", heading="y"),
                                                Section(id="s3", heading="z")])
    assert outline.next_section_id() == "s2"
    outline.articles.append(brought_back)
    outline.count_section_ids(brought_back.walk())
    outline.add_article(_article("New"))
    assert [s.id for _, s in outline.walk()] == ["s1", "s2", "s3", "s4"]


def test_assigning_missing_ids_goes_above_ids_given_before() -> None:
    outline = Outline()
    outline.add_article(_article("One", "Two"))
    outline.articles[0].sections.pop()
    outline.articles[0].sections.append(Section(id="", heading="New"))
    outline.assign_missing_ids()
    assert [s.id for _, s in outline.walk()] == ["s1", "s3"]
