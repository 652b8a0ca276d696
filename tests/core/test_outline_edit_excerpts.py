"""Outline edits where they meet excerpts: deleting takes the excerpts that quote what goes,
merging and splitting keep them anchored, and every undo gives back the very objects."""

from __future__ import annotations

import copy
from dataclasses import replace

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from briefing.core.anchoring import (
    lead_section,
    make_anchor,
    reanchor,
    resolve,
    section_text,
)
from briefing.core.model import LEAD, Excerpt, Outline
from briefing.core.outline_edit import (
    EditError,
    apply_steps,
    excerpt_notes_in,
    excerpts_in,
    plan_delete_article,
    plan_delete_section,
    plan_make_heading,
    plan_make_paragraph,
    plan_merge_next,
    plan_split,
)
from tests.core.test_outline_edit import build, random_edit


def _quote(outline: Outline, section_id: str, quote: str, excerpt_id: str,
           note: str = "") -> Excerpt:
    """Add an excerpt of ``quote`` in the section to its article and to the order."""
    found = outline.find_section(section_id)
    assert found is not None
    article, section = found
    start = section_text(section).index(quote)
    excerpt = Excerpt(excerpt_id, make_anchor(section, start, start + len(quote)), note=note)
    article.excerpts.append(excerpt)
    outline.briefing.order.append(excerpt_id)
    return excerpt


def _with_excerpts() -> Outline:
    """build()'s outline with excerpts: e1 in s1, e2 in s4 (under s3), e3 in s5, e4 in s8."""
    outline = build()
    _quote(outline, "s1", "H b.", "e1", note="first")
    _quote(outline, "s4", "DD a.", "e2", note="dry dock note")
    _quote(outline, "s5", "Ca a.", "e3")
    _quote(outline, "s8", "W a.", "e4", note="wagon excerpt")
    outline.briefing.order = ["s5", "e2", "s3", "e1", "s7", "e3", "e4"]
    return outline


@pytest.fixture
def outline() -> Outline:
    return _with_excerpts()


def _ids(excerpts: list[Excerpt]) -> list[str]:
    return [excerpt.id for excerpt in excerpts]


def test_delete_section_takes_the_excerpts_of_it_and_its_subsections(outline: Outline) -> None:
    article = outline.articles[0]
    before = list(article.excerpts)
    order = list(outline.briefing.order)
    assert _ids(excerpts_in(outline, article.sections[0])) == ["e1", "e2"]
    assert excerpt_notes_in(outline, article.sections[0]) == 2
    undo = apply_steps(outline, plan_delete_section(outline, "s1").steps)
    assert _ids(article.excerpts) == ["e3"]
    assert outline.briefing.order == ["s5", "s7", "e3", "e4"]
    redo = apply_steps(outline, undo)
    assert article.excerpts == before
    assert all(now is then for now, then in zip(article.excerpts, before, strict=True))
    assert outline.briefing.order == order
    apply_steps(outline, redo)
    assert _ids(article.excerpts) == ["e3"]


def test_delete_a_subsection_keeps_the_excerpts_of_its_parent(outline: Outline) -> None:
    apply_steps(outline, plan_delete_section(outline, "s3").steps)
    assert _ids(outline.articles[0].excerpts) == ["e1", "e3"]
    assert "e2" not in outline.briefing.order and "e1" in outline.briefing.order


def test_delete_article_takes_its_excerpt_ids_out_of_the_order(outline: Outline) -> None:
    order = list(outline.briefing.order)
    assert _ids(excerpts_in(outline, outline.articles[1])) == ["e4"]
    undo = apply_steps(outline, plan_delete_article(outline, 1).steps)
    assert outline.briefing.order == ["s5", "e2", "s3", "e1", "e3"]
    apply_steps(outline, undo)
    assert outline.briefing.order == order and _ids(outline.articles[1].excerpts) == ["e4"]


def test_merge_reanchors_the_next_section_s_excerpts_into_the_merged_one(
        outline: Outline) -> None:
    article = outline.articles[0]
    excerpt = article.excerpts[2]  # e3 in s5
    old_anchor = excerpt.anchor
    undo = apply_steps(outline, plan_merge_next(outline, "s1").steps)
    assert excerpt.anchor.section_id == "s1" and excerpt.anchor.block == 3
    span = resolve(article, excerpt.anchor)
    assert span is not None and span.section.id == "s1"
    assert reanchor(article, excerpt) is not None and not excerpt.orphaned
    assert excerpt.anchor.before == "" and "e3" in outline.briefing.order
    apply_steps(outline, undo)
    assert excerpt.anchor is old_anchor


def test_split_moves_the_excerpts_of_the_second_half_to_the_new_section(
        outline: Outline) -> None:
    article = outline.articles[0]
    late = _quote(outline, "s1", "H c.", "e5")
    early = article.excerpts[0]  # e1: "H b."
    early_anchor, late_anchor = early.anchor, late.anchor
    edit = plan_split(outline, "s1", 2, "Third")
    undo = apply_steps(outline, edit.steps)
    assert late.anchor.section_id == edit.focus and late.anchor.block == 0
    assert early.anchor is early_anchor  # still in the first half
    assert reanchor(article, late) is not None and reanchor(article, early) is not None
    apply_steps(outline, undo)
    assert late.anchor is late_anchor


def test_make_heading_moves_the_excerpts_after_the_new_heading(outline: Outline) -> None:
    article = outline.articles[0]
    late = _quote(outline, "s1", "H c.", "e5")
    edit = plan_make_heading(outline, "s1", 1)
    apply_steps(outline, edit.steps)
    assert late.anchor.section_id == edit.focus
    assert resolve(article, late.anchor) is not None
    assert article.excerpts[0].anchor.section_id == "s1"  # its text became the heading
    assert resolve(article, article.excerpts[0].anchor) is None  # shown as orphaned


def test_make_paragraph_carries_the_excerpts_to_the_section_before(outline: Outline) -> None:
    article = outline.articles[0]
    excerpt = article.excerpts[2]  # e3 in s5, after s1 whose last subsection is s4
    apply_steps(outline, plan_make_paragraph(outline, "s5").steps)
    assert excerpt.anchor.section_id == "s4"
    assert resolve(article, excerpt.anchor) is not None


def test_merge_takes_an_orphaned_excerpt_of_the_next_section_along(outline: Outline) -> None:
    article = outline.articles[0]
    orphan = Excerpt("e9", replace(article.excerpts[2].anchor, quote="Gone text."),
                     orphaned=True)
    article.excerpts.append(orphan)
    apply_steps(outline, plan_merge_next(outline, "s1").steps)
    assert orphan.anchor.section_id == "s1" and orphan.anchor.quote == "Gone text."


def _lead_quote(outline: Outline, row: int, quote: str, excerpt_id: str) -> Excerpt:
    """Add an excerpt of ``quote`` in the lead of article ``row`` to it and to the order."""
    article = outline.articles[row]
    lead = lead_section(article)
    start = section_text(lead).index(quote)
    excerpt = Excerpt(excerpt_id, make_anchor(lead, start, start + len(quote)))
    article.excerpts.append(excerpt)
    outline.briefing.order.append(excerpt_id)
    return excerpt


def test_make_paragraph_into_the_lead_takes_its_excerpts_into_the_lead(
        outline: Outline) -> None:
    outline.articles[1].sections[0].picked = False
    outline.articles[1].sections[0].sections = []
    excerpt = _quote(outline, "s7", "F a.", "e6")
    before = copy.deepcopy(outline)
    undo = apply_steps(outline, plan_make_paragraph(outline, "s7").steps)
    article = outline.articles[1]
    assert excerpt.in_lead and excerpt.anchor.block == 1
    assert reanchor(article, excerpt) is not None and excerpt.in_lead
    apply_steps(outline, undo)
    assert outline == before and excerpt.anchor.section_id == "s7"


def test_make_paragraph_into_the_lead_is_still_refused_for_a_picked_section(
        outline: Outline) -> None:
    outline.articles[1].sections[0].sections = []
    with pytest.raises(EditError, match="note or a pick"):
        plan_make_paragraph(outline, "s7")


def test_make_heading_in_the_lead_moves_the_excerpts_after_it_into_the_new_section(
        outline: Outline) -> None:
    first = _lead_quote(outline, 0, "Lead one.", "e7")
    second = _lead_quote(outline, 0, "Lead two.", "e8")
    outline.articles[0].blocks.append(replace(outline.articles[0].blocks[0], text="Lead three."))
    third = _lead_quote(outline, 0, "Lead three.", "e9")
    before = copy.deepcopy(outline)
    edit = plan_make_heading(outline, None, 1, article_row=0)
    undo = apply_steps(outline, edit.steps)
    article = outline.articles[0]
    new = article.sections[0]
    assert new.heading == "Lead two." and first.in_lead
    assert third.anchor.section_id == new.id and third.anchor.block == 0
    assert reanchor(article, third) is not None and third.anchor.section_id == new.id
    assert reanchor(article, first) is not None and first.in_lead
    assert reanchor(article, second) is None  # its text is a heading now: orphaned, kept
    assert second in article.excerpts
    apply_steps(outline, undo)
    second.orphaned = False
    assert outline == before


@settings(max_examples=120, deadline=None)
@given(st.lists(st.tuples(st.integers(0, 50), st.integers(0, 50), st.integers(0, 50)),
                max_size=10))
def test_random_edits_keep_every_excerpt_on_a_section_and_undo_exactly(
        moves: list[tuple[int, int, int]]) -> None:
    outline = _with_excerpts()
    original = copy.deepcopy(outline)
    undos = []
    for choice, pick, at in moves:
        edit = random_edit(outline, choice, pick, at)
        if edit is None:
            continue
        undos.append(apply_steps(outline, edit.steps))
        for article in outline.articles:
            ids = {LEAD, *(section.id for section in article.walk())}
            assert all(excerpt.anchor.section_id in ids for excerpt in article.excerpts)
        excerpt_ids = {excerpt.id for _, excerpt in outline.excerpts()}
        assert {i for i in outline.briefing.order if i.startswith("e")} == excerpt_ids
    while undos:
        apply_steps(outline, undos.pop())
    assert outline == original
