"""Editing the outline: each operation, its exact undo and redo, and random sequences of them."""

from __future__ import annotations

import copy

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from briefing.core.dates import DateReadError
from briefing.core.errors import BriefingError
from briefing.core.model import Article, Block, BlockKind, BriefingDetails, Outline, Section
from briefing.core.outline_edit import (
    Edit,
    EditError,
    apply_steps,
    locate,
    notes_in,
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


def _para(text: str) -> Block:
    return Block(BlockKind.PARAGRAPH, text)


def build() -> Outline:
    """Two articles; the first: s1 (s2, s3 (s4)), s5, s6; the second: s7 (s8)."""
    first = Article(
        title="Ports and shipping", author="B. Author", date="2023-05-02",
        blocks=[_para("Lead one."), _para("Lead two.")],
        sections=[
            Section("s1", "Harbours", 1, [_para("H a."), _para("H b."), _para("H c.")], [
                Section("s2", "Cranes", blocks=[_para("C a.")], note="crane note"),
                Section("s3", "Docks", blocks=[_para("D a.")], picked=True, sections=[
                    Section("s4", "Dry docks", blocks=[_para("DD a.")], tags=["dry"]),
                ]),
            ], note="harbour note"),
            Section("s5", "Canals", 2, [_para("Ca a.")], picked=True, tags=["water"],
                    note="canal note"),
            Section("s6", "Locks", 3, [_para("L a.")]),
        ])
    second = Article(title="Rail", sections=[
        Section("s7", "Freight", blocks=[_para("F a.")], picked=True,
                sections=[Section("s8", "Wagons", blocks=[_para("W a.")], note="wagon note")]),
    ])
    return Outline(title="Edits", articles=[first, second],
                   briefing=BriefingDetails(order=["s5", "s3", "s7"]))


def _headings(owner: Article | Section) -> list[str]:
    return [section.id for section in owner.sections]


def _do_and_undo(outline: Outline, edit: Edit) -> None:
    """Apply ``edit``, then check undo gives back the exact model and redo the edited one."""
    before = copy.deepcopy(outline)
    undo = apply_steps(outline, edit.steps)
    after = copy.deepcopy(outline)
    redo = apply_steps(outline, undo)
    assert outline == before
    apply_steps(outline, redo)
    assert outline == after


@pytest.fixture
def outline() -> Outline:
    return build()


def test_rename_changes_only_the_heading_and_undoes(outline: Outline) -> None:
    original = build()
    edit = plan_rename(outline, "s5", "  Inland   canals ")
    undo = apply_steps(outline, edit.steps)
    section = locate(outline, "s5").section
    assert (section.heading, section.number, section.note) == ("Inland canals", 2, "canal note")
    apply_steps(outline, undo)
    assert outline == original


def test_rename_to_blank_is_refused_with_what_to_do(outline: Outline) -> None:
    with pytest.raises(EditError, match=r"cannot be blank.*Type"):
        plan_rename(outline, "s5", "   ")


def test_an_unknown_section_is_a_clear_error(outline: Outline) -> None:
    with pytest.raises(EditError, match="no section 's99'"):
        plan_rename(outline, "s99", "x")


def test_move_up_and_down_among_siblings(outline: Outline) -> None:
    article = outline.articles[0]
    apply_steps(outline, plan_move(outline, "s5", -1).steps)
    assert _headings(article) == ["s5", "s1", "s6"]
    apply_steps(outline, plan_move(outline, "s1", 1).steps)
    assert _headings(article) == ["s5", "s6", "s1"]
    assert [s.id for s in article.sections[2].walk()] == ["s1", "s2", "s3", "s4"]
    _do_and_undo(outline, plan_move(outline, "s6", -1))


def test_move_past_either_end_is_refused(outline: Outline) -> None:
    with pytest.raises(EditError, match="already the first"):
        plan_move(outline, "s1", -1)
    with pytest.raises(EditError, match="already the last"):
        plan_move(outline, "s6", 1)


def test_demote_puts_the_section_last_under_the_one_before(outline: Outline) -> None:
    edit = plan_demote(outline, "s5")
    _do_and_undo(outline, edit)
    assert _headings(outline.articles[0]) == ["s1", "s6"]
    assert _headings(outline.articles[0].sections[0]) == ["s2", "s3", "s5"]


def test_demote_the_first_section_is_refused(outline: Outline) -> None:
    with pytest.raises(EditError, match="no section before it"):
        plan_demote(outline, "s2")


def test_promote_keeps_reading_order_and_takes_the_following_siblings(outline: Outline) -> None:
    edit = plan_promote(outline, "s2")
    _do_and_undo(outline, edit)
    article = outline.articles[0]
    assert _headings(article) == ["s1", "s2", "s5", "s6"]
    assert _headings(article.sections[0]) == []
    assert _headings(article.sections[1]) == ["s3"]
    assert [s.id for s in article.walk()] == ["s1", "s2", "s3", "s4", "s5", "s6"]


def test_promote_a_top_level_section_is_refused(outline: Outline) -> None:
    with pytest.raises(EditError, match="already at the top level"):
        plan_promote(outline, "s1")


def test_split_gives_the_new_half_a_fresh_id_and_the_subsections(outline: Outline) -> None:
    edit = plan_split(outline, "s1", 1, "Harbour fees")
    _do_and_undo(outline, edit)
    article = outline.articles[0]
    assert _headings(article) == ["s1", "s9", "s5", "s6"]
    first, new = article.sections[0], article.sections[1]
    assert [b.text for b in first.blocks] == ["H a."]
    assert (new.heading, [b.text for b in new.blocks]) == ("Harbour fees", ["H b.", "H c."])
    assert _headings(new) == ["s2", "s3"]
    assert first.note == "harbour note" and new.note == "" and edit.focus == "s9"


def test_split_before_the_first_paragraph_is_refused(outline: Outline) -> None:
    with pytest.raises(EditError, match="before its first paragraph"):
        plan_split(outline, "s1", 0, "x")
    with pytest.raises(EditError, match="no paragraph 4"):
        plan_split(outline, "s1", 3, "x")


def test_split_the_lead_text_makes_the_article_s_first_section(outline: Outline) -> None:
    edit = plan_split(outline, None, 1, "Background", article_row=0)
    _do_and_undo(outline, edit)
    article = outline.articles[0]
    assert [b.text for b in article.blocks] == ["Lead one."]
    assert _headings(article)[:2] == ["s9", "s1"]


def test_paragraph_to_heading_and_back_is_the_identity_in_reading_order(
        outline: Outline) -> None:
    original = build()
    edit = plan_make_heading(outline, "s1", 1)
    apply_steps(outline, edit.steps)
    article = outline.articles[0]
    new = article.sections[1]
    assert (new.id, new.heading, [b.text for b in new.blocks]) == ("s9", "H b.", ["H c."])
    back = plan_make_paragraph(outline, "s9")
    _do_and_undo(outline, back)
    assert outline.articles[0].sections[0].blocks == original.articles[0].sections[0].blocks
    assert [s.id for s in article.walk()] == ["s1", "s2", "s3", "s4", "s5", "s6"]


def test_make_paragraph_joins_the_section_just_before_with_note_and_pick(
        outline: Outline) -> None:
    edit = plan_make_paragraph(outline, "s5")
    _do_and_undo(outline, edit)
    target = locate(outline, "s4").section  # the last section before s5 in reading order
    assert [b.text for b in target.blocks] == ["DD a.", "2. Canals", "Ca a."]
    assert target.note.strip() == "canal note" and target.picked
    assert target.tags == ["dry", "water"]
    assert outline.briefing.order == ["s4", "s3", "s7"]
    assert edit.focus == "s4"


def test_make_paragraph_of_a_first_subsection_joins_its_parent(outline: Outline) -> None:
    apply_steps(outline, plan_make_paragraph(outline, "s8").steps)
    freight = outline.articles[1].sections[0]
    assert [b.text for b in freight.blocks] == ["F a.", "Wagons", "W a."]
    assert freight.note.strip() == "wagon note"


def test_make_paragraph_of_a_first_section_with_a_note_is_refused(outline: Outline) -> None:
    with pytest.raises(EditError, match=r"lead text.*note"):
        plan_make_paragraph(outline, "s1")
    apply_steps(outline, plan_make_paragraph(outline, "s6").steps)  # no note: fine


def test_merge_keeps_the_first_id_and_appends_the_note(outline: Outline) -> None:
    edit = plan_merge_next(outline, "s1")
    _do_and_undo(outline, edit)
    merged = outline.articles[0].sections[0]
    assert _headings(outline.articles[0]) == ["s1", "s6"]
    assert merged.note == "harbour note\n\ncanal note\n"
    assert [b.text for b in merged.blocks][-1] == "Ca a."
    assert merged.picked and outline.briefing.order == ["s1", "s3", "s7"]


def test_merge_the_last_section_is_refused(outline: Outline) -> None:
    with pytest.raises(EditError, match="nothing after it"):
        plan_merge_next(outline, "s6")


def test_edit_paragraph_and_blank_text_deletes_it(outline: Outline) -> None:
    _do_and_undo(outline, plan_edit_paragraph(outline, "s1", 1, " H b, fixed. "))
    assert locate(outline, "s1").section.blocks[1] == _para("H b, fixed.")
    edit = plan_edit_paragraph(outline, None, 0, "", article_row=0)
    assert edit.label == "Delete paragraph"
    _do_and_undo(outline, edit)
    assert [b.text for b in outline.articles[0].blocks] == ["Lead two."]


def test_delete_section_takes_its_picks_out_of_the_order(outline: Outline) -> None:
    assert notes_in(locate(outline, "s1").section) == 2
    edit = plan_delete_section(outline, "s1")
    _do_and_undo(outline, edit)
    assert _headings(outline.articles[0]) == ["s5", "s6"]
    assert outline.briefing.order == ["s5", "s7"] and edit.focus == "s5"


def test_delete_article_takes_its_picks_out_of_the_order(outline: Outline) -> None:
    assert notes_in(outline.articles[1]) == 1
    edit = plan_delete_article(outline, 1)
    _do_and_undo(outline, edit)
    assert [a.title for a in outline.articles] == ["Ports and shipping"]
    assert outline.briefing.order == ["s5", "s3"]
    with pytest.raises(EditError, match="no article 5"):
        plan_delete_article(outline, 4)


def test_article_details_read_the_date_and_store_iso(outline: Outline) -> None:
    edit = plan_article_details(outline, 0, {"title": "Ports", "date": "3 March 2024",
                                             "author": "B. Author", "url": "https://x.test"})
    assert [step.name for step in edit.steps] == ["title", "date", "url"]  # type: ignore
    _do_and_undo(outline, edit)
    article = outline.articles[0]
    assert (article.title, article.date, article.url) == ("Ports", "2024-03-03",
                                                          "https://x.test")


def test_article_details_unchanged_date_as_typed_is_kept(outline: Outline) -> None:
    outline.articles[1].date = "Spring 2021"
    assert plan_article_details(outline, 1, {"date": "Spring 2021"}).steps == []


def test_article_details_refuse_a_bad_date_and_a_blank_title(outline: Outline) -> None:
    with pytest.raises(DateReadError):
        plan_article_details(outline, 0, {"date": "the day after"})
    with pytest.raises(EditError, match="title cannot be blank"):
        plan_article_details(outline, 0, {"title": " "})
    with pytest.raises(BriefingError, match="'fetched' is not an article detail"):
        plan_article_details(outline, 0, {"fetched": "2024-01-01"})


# ------------------------------------------------------------------- random sequences

def random_edit(outline: Outline, choice: int, pick: int, at: int) -> Edit | None:
    """One edit chosen by numbers; None when it does not apply to this outline."""
    ids = [section.id for _, section in outline.walk()]
    if not ids:
        return None
    section_id = ids[pick % len(ids)]
    section = locate(outline, section_id).section
    planners = [
        lambda: plan_rename(outline, section_id, f"Renamed {at}"),
        lambda: plan_move(outline, section_id, -1),
        lambda: plan_move(outline, section_id, 1),
        lambda: plan_promote(outline, section_id),
        lambda: plan_demote(outline, section_id),
        lambda: plan_split(outline, section_id, at % max(len(section.blocks), 1), "Split"),
        lambda: plan_merge_next(outline, section_id),
        lambda: plan_make_heading(outline, section_id, at % max(len(section.blocks), 1)),
        lambda: plan_make_paragraph(outline, section_id),
        lambda: plan_edit_paragraph(outline, section_id, at % max(len(section.blocks), 1),
                                    "" if at % 3 == 0 else f"Text {at}"),
        lambda: plan_delete_section(outline, section_id),
        lambda: plan_delete_article(outline, at % len(outline.articles)),
        lambda: plan_article_details(outline, at % len(outline.articles),
                                     {"title": f"T{at}", "date": "2020-02-0" + str(at % 9 + 1)}),
    ]
    try:
        return planners[choice % len(planners)]()
    except EditError:
        return None


@settings(max_examples=150, deadline=None)
@given(st.lists(st.tuples(st.integers(0, 50), st.integers(0, 50), st.integers(0, 50)),
                max_size=12))
def test_random_edits_then_all_undos_give_back_the_original(
        moves: list[tuple[int, int, int]]) -> None:
    outline = build()
    original = copy.deepcopy(outline)
    undos: list[list] = []
    states: list[Outline] = []
    for choice, pick, at in moves:
        edit = random_edit(outline, choice, pick, at)
        if edit is None:
            continue
        states.append(copy.deepcopy(outline))
        undos.append(apply_steps(outline, edit.steps))
        ids = [section.id for _, section in outline.walk()]
        assert len(ids) == len(set(ids))  # ids never clash
        assert set(outline.briefing.order) <= set(ids)
    while undos:
        apply_steps(outline, undos.pop())
        assert outline == states.pop()
    assert outline == original


def test_sections_an_undo_brings_back_keep_their_ids_to_themselves() -> None:
    outline = build()
    undo_delete = apply_steps(outline, plan_delete_article(outline, 1).steps)
    split = plan_split(outline, "s1", 1, "New part")
    assert split.focus == "s7"  # the deleted article's ids are free while it is gone
    apply_steps(outline, apply_steps(outline, split.steps))  # split, then undo it
    apply_steps(outline, undo_delete)  # s7 and s8 are back
    outline.add_article(Article(title="More", sections=[Section("", "Added")]))
    ids = [section.id for _, section in outline.walk()]
    assert ids[-1] == "s9"
    assert len(ids) == len(set(ids))
