"""One build of the briefing serves the page fit and the word counts of the same outline, and
never a changed one."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

import pytest
from pytestqt.qtbot import QtBot

from briefing.core.anchoring import make_anchor
from briefing.core.export.document import build_document
from briefing.core.export.page_fit import estimate_pages, format_fit
from briefing.core.model import Block, BlockKind, Excerpt, Outline, Section
from briefing.core.templates import find_template
from briefing.core.word_count import NOTE_COUNT_LIMIT, document_count
from briefing.gui import shared_build
from briefing.gui.counts import take_counts
from briefing.gui.main_window import MainWindow
from briefing.gui.preview_pane import PREVIEW_NOTE_LIMIT, build_preview, template_for
from briefing.gui.shared_build import built, same_content
from briefing.gui.workers import snapshot_outline
from tests.gui.conftest import build_outline


@pytest.fixture(autouse=True)
def _nothing_kept() -> Iterator[None]:
    shared_build.forget()
    yield
    shared_build.forget()


def _picked(outline: Outline) -> Outline:
    outline.articles[0].sections[0].picked = True
    outline.articles[1].sections[1].picked = True
    section = outline.articles[1].sections[2]
    outline.articles[1].excerpts.append(Excerpt("e1", make_anchor(section, 0, 20), note="Mine."))
    outline.sync_order()
    return outline


def _copy(outline: Outline) -> Outline:
    return snapshot_outline(outline, for_export=True)


def test_a_copy_of_the_same_outline_gets_the_same_build(outline: Outline) -> None:
    outline = _picked(outline)
    spec = template_for(outline)
    first = built(_copy(outline), spec, PREVIEW_NOTE_LIMIT)
    # The counts' higher note limit cuts nothing more here: the same document serves.
    assert built(_copy(outline), spec, NOTE_COUNT_LIMIT) is first
    assert first == build_document(outline, spec, note_limit=NOTE_COUNT_LIMIT)


def test_a_build_is_let_go_once_both_have_had_it(outline: Outline) -> None:
    """Kept longer, its many objects would be walked by every collection of the collector."""
    outline = _picked(outline)
    spec = template_for(outline)
    first = built(_copy(outline), spec, PREVIEW_NOTE_LIMIT)
    assert built(_copy(outline), spec, PREVIEW_NOTE_LIMIT) is first
    third = built(_copy(outline), spec, PREVIEW_NOTE_LIMIT)
    assert third is not first and third == first


def _edit_note(outline: Outline) -> None:
    outline.articles[1].sections[1].note += " More."


def _edit_block(outline: Outline) -> None:
    section = outline.articles[0].sections[0]
    section.blocks = [Block(BlockKind.PARAGRAPH, "Changed opening."), *section.blocks[1:]]


def _edit_pick(outline: Outline) -> None:
    outline.articles[0].sections[1].picked = True
    outline.sync_order()


def _edit_order(outline: Outline) -> None:
    outline.briefing.order.reverse()


def _edit_nesting(outline: Outline) -> None:
    # The same sections, one moved under another: the walk alone would not tell.
    sections = outline.articles[0].sections
    sections[0].sections.append(sections.pop(1))


def _edit_excerpt(outline: Outline) -> None:
    section = outline.articles[1].sections[2]
    outline.articles[1].excerpts[0].anchor = make_anchor(section, 5, 25)


def _edit_article(outline: Outline) -> None:
    outline.articles[0].author = "B. Other"


def _edit_details(outline: Outline) -> None:
    outline.briefing.purpose = "Why this note."


@pytest.mark.parametrize("edit", [_edit_note, _edit_block, _edit_pick, _edit_order,
                                  _edit_nesting, _edit_excerpt, _edit_article, _edit_details])
def test_a_changed_outline_is_built_again(outline: Outline,
                                          edit: Callable[[Outline], None]) -> None:
    outline = _picked(outline)
    spec = template_for(outline)
    before = built(_copy(outline), spec, PREVIEW_NOTE_LIMIT)
    edit(outline)
    after = built(_copy(outline), spec, PREVIEW_NOTE_LIMIT)
    assert after is not before
    assert after == build_document(outline, spec, note_limit=PREVIEW_NOTE_LIMIT)
    # Each edit changes the note (an unpicked section moved under another one leaves it be).
    assert after != before or edit is _edit_nesting


def test_another_template_is_built_again(outline: Outline) -> None:
    outline = _picked(outline)
    copy = _copy(outline)
    note = built(copy, find_template("briefing-note"), PREVIEW_NOTE_LIMIT)
    pack = built(copy, find_template("reading-pack"), PREVIEW_NOTE_LIMIT)
    assert pack is not note
    assert pack == build_document(outline, find_template("reading-pack"),
                                  note_limit=PREVIEW_NOTE_LIMIT)


def test_a_note_longer_than_the_preview_shows_gives_each_its_own_build(
        outline: Outline) -> None:
    outline = _picked(outline)
    outline.articles[1].sections[1].note = "Word " * (PREVIEW_NOTE_LIMIT // 4)
    snapshot = _copy(outline)
    spec = template_for(outline)
    preview = build_preview(snapshot, template_for, render=False, snapshot=True)
    counts = take_counts(_copy(outline), None, notes=None, snapshot=True)
    assert preview.pages == estimate_pages(
        build_document(outline, spec, note_limit=PREVIEW_NOTE_LIMIT), spec)
    whole = document_count(build_document(outline, spec, note_limit=NOTE_COUNT_LIMIT))
    assert counts.briefing == whole
    assert whole.words > document_count(
        build_document(outline, spec, note_limit=PREVIEW_NOTE_LIMIT)).words


def test_the_counts_after_the_page_fit_are_the_counts_of_their_own_build(
        outline: Outline) -> None:
    outline = _picked(outline)
    build_preview(_copy(outline), template_for, render=True, snapshot=True)
    shared = take_counts(_copy(outline), "s14", snapshot=True)
    assert shared == take_counts(outline, "s14")


def _deep_outline(depth: int) -> tuple[Outline, Section]:
    """An outline whose sections nest ``depth`` deep, and its deepest section."""
    outline = build_outline()
    parent = outline.articles[0].sections[0]
    for level in range(depth):
        child = Section(id=f"d{level}", heading=f"Level {level}")
        parent.sections.append(child)
        parent = child
    return outline, parent


def test_deeply_nested_outlines_compare_without_recursion() -> None:
    outline, deepest = _deep_outline(3000)
    other, _ = _deep_outline(3000)
    assert same_content(outline, other)
    deepest.heading = "Changed"
    assert not same_content(outline, other)


def test_after_an_edit_the_window_builds_the_briefing_once_for_fit_and_counts(
        qtbot: QtBot, window: MainWindow, monkeypatch: pytest.MonkeyPatch) -> None:
    from briefing.core.export import document as document_module

    def settled() -> bool:
        return not (window.preview.is_refresh_pending()
                    or window.word_counts.is_refresh_pending())

    window.document.set_picked(["s4", "s13"], True)
    qtbot.waitUntil(settled)
    builds: list[Outline] = []
    real_build = document_module.build_document

    def counted_build(outline: Outline, *args: Any, **kwargs: Any) -> Any:
        builds.append(outline)
        return real_build(outline, *args, **kwargs)

    monkeypatch.setattr(document_module, "build_document", counted_build)
    window.document.set_note("s4", "Ships matter most.")
    qtbot.waitUntil(lambda: not settled())
    qtbot.waitUntil(settled)
    assert len(builds) == 1
    outline = window.document.outline
    assert window.word_counts.counts.briefing == take_counts(outline, None).briefing
    spec = template_for(outline)
    pages = estimate_pages(build_document(outline, spec, note_limit=PREVIEW_NOTE_LIMIT), spec)
    assert window.preview.fit_text() == format_fit(pages, spec.page_budget)
