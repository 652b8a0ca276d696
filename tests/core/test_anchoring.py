"""Excerpts anchored to their article: found exactly, found again after edits and re-imports,
and kept as orphaned when their text is gone."""

from __future__ import annotations

import copy

import pytest

from briefing.core.anchoring import (
    ELLIPSIS,
    ends_inside_sentence,
    excerpt_blocks,
    make_anchor,
    reanchor,
    reanchor_all,
    resolve,
    section_text,
    starts_inside_sentence,
)
from briefing.core.model import Anchor, Article, Block, BlockKind, Excerpt, Section


def _article() -> Article:
    return Article(title="Harbour works", sections=[
        Section(id="s1", heading="The plan", blocks=[
            Block(BlockKind.PARAGRAPH, "The council met on Monday. It approved the new quay "
                                       "after a long debate about costs."),
            Block(BlockKind.BULLET, "Dredging starts in spring."),
            Block(BlockKind.BULLET, "The quay opens in two years."),
        ]),
        Section(id="s2", heading="Money", blocks=[
            Block(BlockKind.PARAGRAPH, "The budget is fixed. The budget is fixed, said the mayor, "
                                       "twice."),
        ]),
    ])


def _pick(article: Article, section_id: str, quote: str, occurrence: int = 0) -> Excerpt:
    section = next(s for s in article.walk() if s.id == section_id)
    text = section_text(section)
    start = -1
    for _ in range(occurrence + 1):
        start = text.index(quote, start + 1)
    return Excerpt("e1", make_anchor(section, start, start + len(quote)))


def test_exact_position_anchors_part_of_a_paragraph() -> None:
    article = _article()
    excerpt = _pick(article, "s1", "It approved the new quay")
    anchor = excerpt.anchor
    assert (anchor.section_id, anchor.block, anchor.offset) == ("s1", 0, 27)
    assert anchor.before == "The council met on Monday. "
    assert anchor.after.startswith(" after a long debate")
    span = resolve(article, anchor)
    assert span is not None and span.blocks() == [
        Block(BlockKind.PARAGRAPH, "It approved the new quay")]


def test_a_passage_across_bullets_keeps_each_blocks_kind() -> None:
    article = _article()
    excerpt = _pick(article, "s1", "debate about costs.\n\nDredging starts in spring.\n\nThe quay")
    assert excerpt.anchor.block == 0
    blocks = excerpt_blocks(article, excerpt)
    assert blocks == [Block(BlockKind.PARAGRAPH, f"{ELLIPSIS}debate about costs."),
                      Block(BlockKind.BULLET, "Dredging starts in spring."),
                      Block(BlockKind.BULLET, f"The quay{ELLIPSIS}")]


def test_ellipsis_marks_only_the_ends_that_cut_a_sentence() -> None:
    article = _article()
    whole = excerpt_blocks(article, _pick(article, "s1", "It approved the new quay after a long "
                                                          "debate about costs."))
    assert whole[0].text == "It approved the new quay after a long debate about costs."
    middle = excerpt_blocks(article, _pick(article, "s1", "new quay"))
    assert middle[0].text == f"{ELLIPSIS}new quay{ELLIPSIS}"
    bullet = excerpt_blocks(article, _pick(article, "s1", "Dredging starts in spring."))
    assert bullet == [Block(BlockKind.BULLET, "Dredging starts in spring.")]


def test_edits_to_surrounding_text_move_the_anchor_not_lose_it() -> None:
    article = _article()
    excerpt = _pick(article, "s1", "Dredging starts in spring.")
    plan = article.sections[0]
    plan.blocks.insert(0, Block(BlockKind.PARAGRAPH, "A new opening paragraph."))
    plan.blocks[1] = Block(BlockKind.PARAGRAPH, "The council met on Tuesday instead.")
    span = reanchor(article, excerpt)
    assert span is not None and not excerpt.orphaned
    assert (excerpt.anchor.block, excerpt.anchor.offset) == (2, 0)
    assert excerpt_blocks(article, excerpt) == [
        Block(BlockKind.BULLET, "Dredging starts in spring.")]


def test_a_repeated_quote_is_found_by_its_context() -> None:
    article = _article()
    excerpt = _pick(article, "s2", "The budget is fixed", occurrence=1)
    money = article.sections[1]
    money.blocks.insert(0, Block(BlockKind.PARAGRAPH, "Opening words."))
    reanchor(article, excerpt)
    assert excerpt.anchor.block == 1 and excerpt.anchor.offset == 21
    assert excerpt.anchor.after.startswith(", said the mayor")


def test_a_reimported_article_with_new_ids_and_rewrapped_lines_keeps_the_excerpt() -> None:
    article = _article()
    excerpt = _pick(article, "s1", "approved the new quay after a long debate")
    changed = copy.deepcopy(article)
    for number, section in enumerate(changed.walk(), start=7):
        section.id = f"s{number}"
    changed.sections[0].blocks[0] = Block(
        BlockKind.PARAGRAPH, "The council met on Monday evening. It approved the new\nquay "
                             "after a long  debate about costs.")
    changed.excerpts = [excerpt]
    assert reanchor_all([changed]) == 0
    assert excerpt.anchor.section_id == "s7"
    assert excerpt.anchor.quote == "approved the new\nquay after a long  debate"


def test_a_quote_moved_to_another_section_is_found_there() -> None:
    article = _article()
    excerpt = _pick(article, "s1", "Dredging starts in spring.")
    moved = article.sections[0].blocks.pop(1)
    article.sections[1].blocks.append(moved)
    assert reanchor(article, excerpt) is not None
    assert excerpt.anchor.section_id == "s2"


def test_an_excerpt_whose_text_is_gone_is_orphaned_and_keeps_its_text() -> None:
    article = _article()
    excerpt = _pick(article, "s1", "It approved the new quay")
    excerpt.note = "Check the vote."
    article.sections[0].blocks[0] = Block(BlockKind.PARAGRAPH, "The council put off the vote.")
    article.excerpts = [excerpt]
    assert reanchor_all([article]) == 1
    assert excerpt.orphaned and article.excerpts == [excerpt]
    assert excerpt.note == "Check the vote."
    assert excerpt_blocks(article, excerpt) == [
        Block(BlockKind.PARAGRAPH, f"It approved the new quay{ELLIPSIS}")]


def test_an_excerpt_comes_back_when_its_text_does() -> None:
    article = _article()
    excerpt = _pick(article, "s1", "The quay opens in two years.")
    saved = article.sections[0].blocks.pop()
    assert reanchor(article, excerpt) is None and excerpt.orphaned
    article.sections[0].blocks.append(saved)
    assert reanchor(article, excerpt) is not None and not excerpt.orphaned


def test_every_passage_exports_the_text_it_covers_in_each_blocks_kind() -> None:
    # Within one block or across several, at the stored place or found again after the
    # text before it changed: the excerpt gives what its span covers, "…" where it cuts.
    article = _article()
    section = article.sections[0]
    text = section_text(section)
    for start in range(0, len(text), 7):
        for end in range(start + 1, len(text) + 1, 5):
            if not text[start:end].strip():
                continue
            excerpt = Excerpt("e1", make_anchor(section, start, end))
            for moved in (False, True):
                if moved:  # the stored offset no longer holds: the quote is looked for
                    excerpt.anchor.offset += 1
                span = resolve(article, excerpt.anchor)
                assert span is not None
                expected = span.blocks()
                if starts_inside_sentence(excerpt.anchor):
                    expected[0] = Block(expected[0].kind, ELLIPSIS + expected[0].text.lstrip())
                if ends_inside_sentence(excerpt.anchor):
                    expected[-1] = Block(expected[-1].kind,
                                         expected[-1].text.rstrip() + ELLIPSIS)
                assert excerpt_blocks(article, excerpt) == expected


def test_an_excerpt_of_no_text_exports_nothing() -> None:
    article = _article()
    blank = Excerpt("e1", Anchor("s1", 0, 3, "  ", "The", "council"))
    assert excerpt_blocks(article, blank) == []


def test_a_selection_of_only_spaces_is_refused() -> None:
    article = _article()
    text = section_text(article.sections[0])
    space = text.index(" ")
    with pytest.raises(ValueError, match="only spaces"):
        make_anchor(article.sections[0], space, space + 1)


def test_replacing_an_article_by_a_changed_import_carries_its_excerpts() -> None:
    from briefing.core.duplicates import replace_article
    from briefing.core.model import Outline

    article = _article()
    kept = _pick(article, "s1", "Dredging starts in spring.")
    lost = _pick(article, "s2", "said the mayor")
    lost.id = "e2"
    article.excerpts = [kept, lost]
    outline = Outline(articles=[article])
    outline.sync_order()
    changed = copy.deepcopy(article)
    changed.excerpts = []
    for section in changed.walk():
        section.id = ""
    changed.sections[0].blocks[1].text = "Dredging starts in spring.  Weather permitting."
    changed.sections[1].blocks[0].text = "The budget is fixed."
    old = replace_article(outline, 0, changed)
    new_kept, new_lost = outline.articles[0].excerpts
    assert not new_kept.orphaned and new_kept.anchor.after == "  Weather permitting."
    assert new_lost.orphaned and new_lost.anchor.quote == "said the mayor"
    assert old.excerpts == [kept, lost] and old.excerpts[0] is kept
    assert outline.briefing.order == ["e1", "e2"]
