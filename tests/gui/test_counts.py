"""The status bar's word counts: the selected note, all notes, the briefing as it exports."""

from __future__ import annotations

import threading

import pytest
from pytestqt.qtbot import QtBot

from briefing.core.anchoring import make_anchor, section_text
from briefing.core.errors import TemplateError
from briefing.core.model import Excerpt, Outline
from briefing.core.word_count import WordCount, document_count
from briefing.gui import outline_copier
from briefing.gui.counts import WordCountLabel, WordCounts, take_counts
from briefing.gui.input_pause import note_input
from briefing.gui.main_window import MainWindow
from briefing.gui.outline_copier import OutlineCopier
from briefing.gui.preview_pane import template_for

NOTE_SECTION = "s13"
"""The fixture's one section with a note: "Ask the **ministry** about icebreakers." (5 words)."""


def _counted(qtbot: QtBot, window: MainWindow) -> WordCounts:
    qtbot.waitUntil(lambda: not window.word_counts.is_refresh_pending())
    return window.word_counts.counts


def test_the_status_bar_shows_the_three_counts(qtbot: QtBot, window: MainWindow) -> None:
    window.select_section(NOTE_SECTION)
    counts = _counted(qtbot, window)
    assert (counts.selected_note, counts.all_notes) == (WordCount(5), WordCount(5))
    # Nothing is picked: the title and details, "Alliance readiness", "Minister", "Policy unit".
    assert counts.briefing == WordCount(5)
    text = window.word_counts.text()
    assert text.startswith("Note: 5 words \u00b7 All notes: 5 words \u00b7 Briefing: ")
    assert window.word_counts in window.statusBar().findChildren(WordCountLabel)
    window.preview.refresh_now()
    assert "page" in window.fit_label.text()  # the page fit stays beside the counts


def test_typing_in_a_note_updates_the_counts_after_a_pause(qtbot: QtBot,
                                                           window: MainWindow) -> None:
    window.document.set_picked(["s4"], True)
    window.select_section("s4")
    before = _counted(qtbot, window)
    assert before.selected_note == WordCount(0)
    editor = window.note_editor.editor
    editor.setFocus()
    qtbot.keyClicks(editor, "Ships ")
    assert window.word_counts.is_refresh_pending()  # not counted on the keystroke itself
    assert window.word_counts.counts == before
    qtbot.keyClicks(editor, "matter")
    with qtbot.waitSignal(window.word_counts.counted):
        pass
    after = window.word_counts.counts
    assert (after.selected_note, after.all_notes) == (WordCount(2), WordCount(7))
    assert after.briefing is not None and before.briefing is not None
    # The note's two words, with what the template puts around a note (its part's heading...).
    assert after.briefing.words >= before.briefing.words + 2


def test_selecting_an_article_leaves_the_note_count_out(qtbot: QtBot,
                                                        window: MainWindow) -> None:
    window.tree.setCurrentIndex(window.tree.model().index(0, 0))
    counts = _counted(qtbot, window)
    assert counts.selected_note is None
    assert window.word_counts.text().startswith("All notes: 5 words")


def test_the_briefing_count_is_the_export_count(outline: Outline) -> None:
    from briefing.core.export.document import build_document

    outline.articles[1].sections[1].picked = True
    outline.sync_order()
    counts = take_counts(outline, NOTE_SECTION)
    assert counts.briefing == document_count(build_document(outline, template_for(outline)))


def test_a_templates_own_table_is_counted_in_the_briefing(outline: Outline) -> None:
    """The decision note's Word file gives each picked item a row holding its note, beside
    the considerations that hold it too: the note's words count there twice."""
    section = outline.find_section(NOTE_SECTION)
    assert section is not None
    section[1].picked = True
    outline.sync_order()

    def added_by_note(template: str) -> int:
        outline.briefing.template = template
        with_note = take_counts(outline, NOTE_SECTION).briefing
        note, section[1].note = section[1].note, ""
        without = take_counts(outline, NOTE_SECTION).briefing
        section[1].note = note
        assert with_note is not None and without is not None
        return with_note.words - without.words

    # both give the note under its heading in the considerations; the decision note's table
    # row gives its five words again
    assert added_by_note("decision-note") == added_by_note("briefing-note") + 5


def test_a_template_that_cannot_load_leaves_the_briefing_count_out(qtbot: QtBot,
                                                                   outline: Outline) -> None:
    def broken(_outline: Outline) -> object:
        raise TemplateError("memo.yaml", "'parts' must be a list", place="line 3")

    label = WordCountLabel(lambda: outline, lambda: None,
                           spec_getter=broken)  # type: ignore[arg-type]
    qtbot.addWidget(label)
    label.refresh_now()
    assert label.counts == WordCounts(None, WordCount(5), None)
    assert label.text() == "All notes: 5 words"


def test_a_huge_picked_note_is_counted_in_part_as_a_lower_bound(outline: Outline) -> None:
    section = outline.articles[1].sections[1]
    section.picked = True
    section.note = "Fees rose again. " * 100_000  # 1.7 MB, 300,000 words
    outline.sync_order()
    counts = take_counts(outline, section.id)
    assert counts.selected_note is not None and counts.selected_note.at_least
    assert 0 < counts.selected_note.words < 300_000
    assert counts.all_notes.at_least
    assert counts.briefing is not None and counts.briefing.at_least
    assert "Note: " + f"{counts.selected_note.words}+ words" in counts.text()


def test_an_excerpts_note_is_counted_as_its_own_and_among_all_notes(
        qtbot: QtBot, window: MainWindow) -> None:
    document = window.document
    section = document.section("s1")
    assert section is not None
    start = section_text(section).index("Opening remarks")
    document.add_excerpt(0, Excerpt("e1", make_anchor(section, start, start + 15)))
    document.set_note("e1", "Quote the opening in full.")  # 5 words
    window.select_section("e1")
    counts = _counted(qtbot, window)
    assert (counts.selected_note, counts.all_notes) == (WordCount(5), WordCount(10))
    assert window.word_counts.text().startswith("Note: 5 words \u00b7 All notes: 10 words")


def test_a_huge_excerpt_note_makes_the_briefing_count_a_lower_bound(outline: Outline) -> None:
    section = outline.articles[0].sections[0]
    start = section_text(section).index("Opening remarks")
    excerpt = Excerpt("e1", make_anchor(section, start, start + 15))
    excerpt.note = "Fees rose again. " * 100_000
    outline.articles[0].excerpts.append(excerpt)
    outline.sync_order()
    counts = take_counts(outline, "e1")
    assert counts.selected_note is not None and counts.selected_note.at_least
    assert counts.all_notes.at_least
    assert counts.briefing is not None and counts.briefing.at_least


def test_filtering_the_tree_does_not_count_again(qtbot: QtBot, window: MainWindow) -> None:
    window.select_section(NOTE_SECTION)
    before = _counted(qtbot, window)
    window.filter_edit.setText("icebreakers")
    window.apply_filter()  # the same section, now in the narrowed tree
    assert window.current_node() is window.document.noted(NOTE_SECTION)
    assert not window.word_counts.is_refresh_pending()
    window.select_section("s4")  # another note: that one counted at once, the rest stand
    assert not window.word_counts.is_refresh_pending()
    after = window.word_counts.counts
    assert (before.selected_note, after.selected_note) == (WordCount(5), WordCount(0))
    assert (after.all_notes, after.briefing) == (before.all_notes, before.briefing)
    assert window.word_counts.text().startswith("Note: 0 words")


def test_a_selection_made_while_counting_is_counted_with_the_rest(
        qtbot: QtBot, window: MainWindow) -> None:
    window.document.set_note("s4", "Three more words.")
    window.select_section(NOTE_SECTION)  # while the edit's counts are still to come
    counts = _counted(qtbot, window)
    assert counts.selected_note == WordCount(5)
    assert counts.all_notes == WordCount(8)


def test_background_builds_rest_while_the_window_is_busy(
        qtbot: QtBot, window: MainWindow, monkeypatch: pytest.MonkeyPatch) -> None:
    from briefing.gui import counts, preview_pane

    rested_on: set[str] = set()

    def rest() -> None:
        rested_on.add(threading.current_thread().name)

    monkeypatch.setattr(counts, "rest_while_window_busy", rest)
    monkeypatch.setattr(preview_pane, "rest_while_window_busy", rest)
    window.document.set_picked(["s4"], True)
    _counted(qtbot, window)
    qtbot.waitUntil(lambda: bool(rested_on))
    assert threading.main_thread().name not in rested_on  # only the background thread rests


def test_a_selection_made_while_the_outline_is_copied_does_not_start_the_copy_over(
        qtbot: QtBot, window: MainWindow, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(outline_copier, "SLICE_S", 0.0)  # one article a slice
    starts: list[OutlineCopier] = []
    real_start = OutlineCopier.start

    def start(copier: OutlineCopier) -> None:
        starts.append(copier)
        real_start(copier)

    monkeypatch.setattr(OutlineCopier, "start", start)
    window.document.set_note("s4", "Three more words.")

    def copying_while_typing() -> bool:
        note_input()  # the user keeps typing: a copy's slices after its first wait
        return len({id(copier) for copier in starts if copier.is_copying()}) == 2

    qtbot.waitUntil(copying_while_typing)  # the preview's copy and the counts' copy
    copying = [copier for copier in starts if copier.is_copying()]
    window.select_section(NOTE_SECTION)
    counts = _counted(qtbot, window)
    assert counts.selected_note == WordCount(5) and counts.all_notes == WordCount(8)
    assert [starts.count(copier) for copier in copying] == [1] * len(copying)
