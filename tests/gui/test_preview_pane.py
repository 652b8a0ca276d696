"""The live preview: what it shows, the page fit, debouncing, and keeping the scroll place."""

from __future__ import annotations

import pytest
from pytestqt.qtbot import QtBot

from briefing.core.errors import TemplateError
from briefing.core.export.document import build_document
from briefing.core.export.page_fit import estimate_pages
from briefing.core.model import Outline
from briefing.core.templates import TemplateSpec, find_template
from briefing.gui.preview_pane import (
    WARNING_COLOUR,
    PreviewPane,
    template_for,
)
from tests.gui.support_outlines import long_outline, small_outline


def _pane(qtbot: QtBot, outline: Outline, *, show: bool = True) -> PreviewPane:
    pane = PreviewPane(lambda: outline)
    qtbot.addWidget(pane)
    pane.resize(700, 500)
    if show:
        pane.show()
        qtbot.waitExposed(pane)
    return pane


def test_preview_shows_the_picked_sections_in_order_with_the_note(qtbot: QtBot) -> None:
    outline = small_outline()
    pane = _pane(qtbot, outline)
    pane.refresh_now()
    text = pane.plain_text()
    assert "Spending after the summit" in text
    assert text.index("Industry") < text.index("Budgets"), "briefing order: s3 before s1"
    assert "Readiness" not in text, "unpicked sections stay out"
    assert "matter most for the next round" in text
    assert "<b>" in pane.html() or "font-weight:" in pane.html()


def test_page_fit_matches_the_export_estimate(qtbot: QtBot) -> None:
    outline = small_outline()
    pane = _pane(qtbot, outline)
    with qtbot.waitSignal(pane.fit_changed) as blocker:
        pane.refresh_now()
    spec = find_template("briefing-note")
    pages = estimate_pages(build_document(outline, spec), spec)
    expected = f"{round(pages, 1):.1f}".rstrip("0").rstrip(".") + " of 2 pages"
    assert pane.fit_text() == expected
    assert blocker.args == [expected, False]
    assert not pane.is_over_budget()


def test_a_note_over_budget_turns_the_fit_into_a_warning(qtbot: QtBot) -> None:
    outline = long_outline(40)
    pane = _pane(qtbot, outline)
    with qtbot.waitSignal(pane.fit_changed) as blocker:
        pane.refresh_now()
    text, over = blocker.args
    assert over is True and pane.is_over_budget()
    assert text.endswith("of 2 pages") and float(text.split()[0]) > 2
    outline.briefing.template = "reading-pack"  # no page budget
    with qtbot.waitSignal(pane.fit_changed) as blocker:
        pane.refresh_now()
    assert blocker.args[1] is False
    assert pane.fit_text().endswith("pages") and "of" not in pane.fit_text()


def test_typing_bursts_cost_one_refresh_after_a_short_pause(qtbot: QtBot) -> None:
    outline = small_outline()
    pane = _pane(qtbot, outline)
    refreshes: list[str] = []
    pane.refreshed.connect(lambda: refreshes.append(pane.plain_text()))
    section = outline.articles[0].sections[0]
    for letter in "quick":
        section.note += letter
        pane.schedule_refresh()
        assert pane.is_refresh_pending()
    qtbot.waitUntil(lambda: bool(refreshes), timeout=2000)
    assert not pane.is_refresh_pending()  # nothing left to come: the burst cost one refresh
    assert len(refreshes) == 1
    assert "next round.quick" in refreshes[0]


def test_an_unknown_template_is_reported_and_the_last_preview_stays(qtbot: QtBot) -> None:
    outline = small_outline()
    pane = _pane(qtbot, outline)
    pane.refresh_now()
    before = pane.plain_text()
    outline.briefing.template = "no-such-template"
    with qtbot.waitSignal(pane.fit_changed) as blocker:
        pane.refresh_now()
    assert "no-such-template" in blocker.args[0] and blocker.args[1] is True
    assert "no-such-template" in pane.fit_text()
    assert pane.plain_text() == before


def test_a_hidden_pane_keeps_the_fit_current_and_renders_when_shown(qtbot: QtBot) -> None:
    outline = small_outline()
    pane = _pane(qtbot, outline, show=False)
    pane.refresh_now()
    assert pane.fit_text().endswith("of 2 pages")
    assert "Budgets" not in pane.plain_text()
    with qtbot.waitSignal(pane.refreshed, timeout=2000):
        pane.show()
    assert "Budgets" in pane.plain_text()


def test_refresh_keeps_the_scroll_position(qtbot: QtBot) -> None:
    outline = long_outline(30)
    pane = _pane(qtbot, outline)
    pane.refresh_now()
    bar = pane.browser().verticalScrollBar()
    assert bar.maximum() > 1000
    bar.setValue(bar.maximum() // 2)
    place = bar.value()
    outline.articles[0].sections[-1].note = "A new note at the end."
    pane.refresh_now()
    assert bar.value() == place
    assert "A new note at the end." in pane.plain_text()


def test_a_custom_template_getter_is_used(qtbot: QtBot) -> None:
    asked: list[str] = []

    def spec_getter(outline: Outline) -> TemplateSpec:
        asked.append(outline.title)
        return find_template("one-page-brief")

    outline = small_outline()
    pane = PreviewPane(lambda: outline, spec_getter=spec_getter)
    qtbot.addWidget(pane)
    pane.refresh_now()
    assert asked == ["Summit outline"]
    assert pane.fit_text().endswith("of 1 page")


def test_template_for_falls_back_to_the_default_and_reports_unknown_names() -> None:
    outline = small_outline()
    outline.briefing.template = ""
    assert template_for(outline).name == "briefing-note"
    outline.briefing.template = "missing"
    with pytest.raises(TemplateError):
        template_for(outline)


def test_the_preview_is_white_paper_whatever_the_theme(qtbot: QtBot) -> None:
    from PySide6.QtGui import QPalette

    from briefing.gui.theme import dark_palette

    pane = PreviewPane(small_outline)
    qtbot.addWidget(pane)
    pane.setPalette(dark_palette())
    base = pane.browser().palette().color(QPalette.ColorRole.Base)
    assert base.lightness() == 255


def test_the_fit_turns_red_over_budget_and_back(qtbot: QtBot) -> None:
    from PySide6.QtWidgets import QLabel

    outline = long_outline(40)
    pane = _pane(qtbot, outline)
    pane.refresh_now()
    label = next(item for item in pane.findChildren(QLabel) if item.text() == pane.fit_text())
    assert WARNING_COLOUR in label.styleSheet()
    outline.briefing.template = "reading-pack"
    pane.refresh_now()
    assert label.styleSheet() == ""


def test_preview_shows_the_note_fields_and_the_caveats_with_the_marking(qtbot: QtBot) -> None:
    outline = small_outline()
    briefing = outline.briefing
    briefing.title = "A title to preview"
    briefing.second_title = "Un titre en second"
    briefing.action_required = "signature"
    briefing.approved_by = "A. Approver"
    briefing.caveats = "RELEASABLE TO PARTNERS"
    pane = _pane(qtbot, outline)
    pane.refresh_now()
    lines = [line.strip() for line in pane.plain_text().splitlines() if line.strip()]
    title = lines.index("A title to preview")
    assert lines[title + 1] == "Un titre en second"
    assert "Action required:" in lines and "Signature" in lines
    assert "A. Approver" in lines
    marking = f"{briefing.classification or 'OFFICIAL'} \u2013 RELEASABLE TO PARTNERS"
    assert lines[0] == lines[-1] == marking


def test_a_note_edited_while_the_preview_builds_shows_once_the_work_settles(
        qtbot: QtBot) -> None:
    import threading
    outline = small_outline()
    gate, threads = threading.Event(), []

    def held_spec(of: Outline) -> TemplateSpec:
        threads.append(threading.current_thread() is threading.main_thread())
        gate.wait(5)
        return template_for(of)

    pane = PreviewPane(lambda: outline, spec_getter=held_spec, delay_ms=0)
    qtbot.addWidget(pane)
    pane.show()
    section = outline.articles[0].sections[0]
    pane.schedule_refresh()
    qtbot.waitUntil(lambda: bool(threads))  # the first build has started from a snapshot
    section.note += " Late words."
    pane.schedule_refresh()
    gate.set()
    qtbot.waitUntil(lambda: not pane.is_refresh_pending(), timeout=5000)
    assert "Late words." in pane.plain_text()
    assert threads == [False, False]  # built twice, both times off the GUI thread
    assert pane.fit_text().endswith("of 2 pages")


def test_the_preview_is_built_from_a_copy_made_in_slices(
        qtbot: QtBot, monkeypatch: pytest.MonkeyPatch) -> None:
    from briefing.core.model import Article, Section
    from briefing.gui import outline_copier

    monkeypatch.setattr(outline_copier, "SLICE_S", 0.0)  # one article a slice
    outline = small_outline()
    outline.articles.append(Article(title="Ports", sections=[
        Section(id="s9", heading="Harbour fees", number=1, picked=True)]))
    outline.sync_order()
    pane = PreviewPane(lambda: outline, delay_ms=0)
    qtbot.addWidget(pane)
    pane.show()
    pane.schedule_refresh()
    outline.articles[0].sections[0].note = "Written before the pause."
    pane.schedule_refresh()
    qtbot.waitUntil(lambda: not pane.is_refresh_pending(), timeout=5000)
    text = pane.plain_text()
    assert "Written before the pause." in text
    assert text.index("Budgets") < text.index("Harbour fees"), "both articles, in order"
