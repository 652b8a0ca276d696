"""Excerpts of an article's lead (its text before the first heading, all of an article without
headings): anchored, found again after edits, moved to a section and back, orphaned."""

from __future__ import annotations

from briefing.core.anchoring import (
    ELLIPSIS,
    excerpt_blocks,
    lead_section,
    make_anchor,
    reanchor,
    reanchor_all,
    resolve,
    section_text,
)
from briefing.core.model import LEAD, Article, Block, BlockKind, Excerpt, Section


def _news() -> Article:
    """A news piece: no headings, all lead."""
    return Article(title="Ferry strike ends", blocks=[
        Block(BlockKind.PARAGRAPH, "The crews voted on Tuesday to accept the offer. Sailings "
                                   "resume on Friday after a week of cancellations."),
        Block(BlockKind.PARAGRAPH, "The operator said the timetable would be back to normal "
                                   "within days."),
    ])


def _pick(article: Article, quote: str) -> Excerpt:
    lead = lead_section(article)
    start = section_text(lead).index(quote)
    return Excerpt("e1", make_anchor(lead, start, start + len(quote)))


def test_a_passage_of_the_lead_anchors_to_the_lead_at_its_block_and_offset() -> None:
    article = _news()
    excerpt = _pick(article, "Sailings resume on Friday")
    anchor = excerpt.anchor
    assert excerpt.in_lead
    assert (anchor.section_id, anchor.block, anchor.offset) == (LEAD, 0, 48)
    assert anchor.before.endswith("to accept the offer. ")
    span = resolve(article, anchor)
    assert span is not None and span.section.id == LEAD
    assert span.blocks() == [Block(BlockKind.PARAGRAPH, "Sailings resume on Friday")]


def test_a_lead_excerpt_exports_with_an_ellipsis_where_it_cuts_a_sentence() -> None:
    article = _news()
    excerpt = _pick(article, "Sailings resume on Friday")
    assert excerpt_blocks(article, excerpt) == [
        Block(BlockKind.PARAGRAPH, f"Sailings resume on Friday{ELLIPSIS}")]


def test_a_lead_passage_across_paragraphs_keeps_both() -> None:
    article = _news()
    excerpt = _pick(article, "a week of cancellations.\n\nThe operator said")
    assert [block.text for block in excerpt_blocks(article, excerpt)] == [
        f"{ELLIPSIS}a week of cancellations.", f"The operator said{ELLIPSIS}"]


def test_edits_before_a_lead_excerpt_move_its_anchor_not_lose_it() -> None:
    article = _news()
    excerpt = _pick(article, "The operator said")
    article.blocks.insert(0, Block(BlockKind.PARAGRAPH, "Updated at noon."))
    article.blocks[2] = Block(BlockKind.PARAGRAPH, "The operator said the timetable would be "
                                                   "normal by Monday.")
    span = reanchor(article, excerpt)
    assert span is not None and not excerpt.orphaned and excerpt.in_lead
    assert excerpt.anchor.block == 2


def test_a_lead_excerpt_whose_paragraph_went_into_a_section_is_found_there() -> None:
    article = _news()
    excerpt = _pick(article, "back to normal")
    moved = article.blocks.pop()
    article.sections.append(Section("s1", "What next", blocks=[moved]))
    span = reanchor(article, excerpt)
    assert span is not None and excerpt.anchor.section_id == "s1"
    assert (excerpt.anchor.block, excerpt.anchor.quote) == (0, "back to normal")


def test_a_section_excerpt_whose_text_went_into_the_lead_is_found_there() -> None:
    article = Article(title="Ferry strike ends", sections=[
        Section("s1", "Vote", blocks=[Block(BlockKind.PARAGRAPH, "The crews voted to accept.")])])
    section = article.sections[0]
    excerpt = Excerpt("e1", make_anchor(section, 0, 14))
    article.blocks, article.sections = list(section.blocks), []
    assert reanchor(article, excerpt) is not None
    assert excerpt.in_lead and excerpt.anchor.quote == "The crews vote"


def test_the_lead_is_searched_before_the_sections_for_a_repeated_quote() -> None:
    article = _news()
    excerpt = _pick(article, "The operator said")
    article.sections.append(Section("s1", "Reaction", blocks=[
        Block(BlockKind.PARAGRAPH, "The operator said sorry.")]))
    article.blocks[1] = Block(BlockKind.PARAGRAPH, "In a statement, The operator said the "
                                                   "timetable would be back to normal.")
    assert reanchor(article, excerpt) is not None and excerpt.in_lead


def test_a_lead_excerpt_whose_text_is_gone_is_orphaned_and_keeps_its_quote() -> None:
    article = _news()
    excerpt = _pick(article, "Sailings resume on Friday")
    article.blocks[0] = Block(BlockKind.PARAGRAPH, "The crews voted on Tuesday.")
    article.excerpts.append(excerpt)
    assert reanchor_all([article]) == 1 and excerpt.orphaned
    assert excerpt.anchor.quote == "Sailings resume on Friday" and excerpt.in_lead
    assert excerpt_blocks(article, excerpt)[0].text.startswith("Sailings resume on Friday")
