"""Opening a larger outline: every row in the tree, the articles open, the collector running."""

from __future__ import annotations

import gc
from pathlib import Path
from typing import Any

import pytest

from briefing.core import early_parse
from briefing.core.anchoring import make_anchor
from briefing.core.early_parse import start_early_parse
from briefing.core.model import Excerpt, Outline
from briefing.core.outline_file import dumps_outline
from briefing.core.search_text import search_text
from briefing.gui import main_window, outline_model
from briefing.gui.main_window import MainWindow
from tests.core.test_search_text import late_articles
from tests.gui.conftest import make_article
from tests.gui.window_support import Button, answer, saved_outline


def _larger_outline() -> Outline:
    """Twelve articles of 40 sections and 80 subsections each, an excerpt in every third
    section: enough rows that the tree, its expansion and the excerpt listing are exercised."""
    articles = [make_article(f"Report {number}", number * 1000, sections=40, subsections=2)
                for number in range(1, 13)]
    for article in articles:
        for index, section in enumerate(article.sections):
            if index % 3 == 0:
                article.excerpts.append(Excerpt(f"e{section.id[1:]}",
                                                make_anchor(section, 0, 16)))
    outline = Outline(title="Larger outline", articles=articles)
    outline.sync_order()
    return outline


def test_a_larger_outline_opens_with_every_row_and_its_articles_open(
        window: MainWindow, tmp_path: Path, qtmodeltester: Any) -> None:
    path = saved_outline(tmp_path, _larger_outline())
    assert window.open_file(path, ask=False, background=False)
    model = window.tree.model()
    assert model.rowCount() == 12
    first = model.index(0, 0)
    assert first.data() == "Report 1"
    assert window.tree.isExpanded(first) and window.tree.isExpanded(model.index(11, 0))
    # 40 sections under each article, and the excerpt listed under the section it quotes.
    assert model.rowCount(first) == 40
    section = model.index(0, 0, first)
    assert section.data() == "1. Challenge 1 of Report 1"
    assert model.rowCount(section) == 3  # two subsections and an excerpt
    assert model.index(2, 0, section).data().endswith("Opening remarks")  # the excerpt
    assert sum(1 for _ in window.document.outline.excerpts()) == 12 * 14
    assert dumps_outline(window.document.outline) == path.read_text(encoding="utf-8")
    assert not window.document.is_modified
    qtmodeltester.check(window.outline_model)


@pytest.mark.automatic_collection
def test_the_collector_runs_again_after_opening_and_after_a_failed_open(
        window: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = saved_outline(tmp_path, _larger_outline())
    assert window.open_file(path, ask=False, background=False)
    assert gc.isenabled()
    bad = tmp_path / "bad.yaml"
    bad.write_text("format: briefing-outline/2\narticles:\n- title: [\n", encoding="utf-8")
    answer(monkeypatch, "warning", Button.Ok)
    assert not window.open_file(bad, ask=False, background=False)
    assert gc.isenabled()
    assert window.document.path == path


def test_the_filter_answers_at_once_after_opening(window: MainWindow, tmp_path: Path) -> None:
    path = saved_outline(tmp_path, _larger_outline())
    assert window.open_file(path, ask=False, background=False)
    window.filter_edit.setText("Point 40.2 on report 12")  # before the search text is readied
    window.apply_filter()
    model = window.tree.model()
    assert model.rowCount() == 1
    article = model.index(0, 0)
    section = model.index(0, 0, article)
    assert (article.data(), section.data()) == ("Report 12", "40. Challenge 40 of Report 12")
    assert model.index(0, 0, section).data() == "Point 40.2 on report 12"


def test_a_huge_outline_opens_its_first_articles_and_an_import_opens_what_it_adds(
        window: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(main_window, "OPEN_ARTICLES_ROWS", 100)  # as if each were enormous
    path = saved_outline(tmp_path, _larger_outline())
    assert window.open_file(path, ask=False, background=False)
    model = window.tree.model()
    opened = [window.tree.isExpanded(model.index(row, 0)) for row in range(12)]
    assert opened == [True, True, True] + [False] * 9  # 40 sections each: 120 rows
    window.filter_edit.setText("Report 1")
    window.apply_filter()
    window.filter_edit.clear()
    window.apply_filter()  # a cleared filter shows the same
    model = window.tree.model()
    assert [window.tree.isExpanded(model.index(row, 0)) for row in range(12)] == opened
    window.document.import_articles([make_article("Report 13", 13_000, sections=3)])
    assert window.tree.isExpanded(model.index(12, 0))


def test_the_tree_takes_the_search_text_worked_out_while_the_file_was_read(
        window: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(early_parse, "EARLY_PARSE_MIN_BYTES", 0)
    path = saved_outline(tmp_path, _larger_outline())
    early = start_early_parse(path, stream=True)
    late_articles(monkeypatch)  # the reader waits for each article, and uses the wait
    worked_out_here: list[object] = []

    def counted(node: Any) -> str:
        worked_out_here.append(node)
        return search_text(node)

    monkeypatch.setattr(outline_model, "search_text", counted)
    assert window.open_file(path, ask=False, background=False, early=early)
    window.filter_edit.setText("Point 40.2 on report 12")
    window.apply_filter()
    model = window.tree.model()
    article = model.index(0, 0)
    assert model.rowCount() == 1 and article.data() == "Report 12"
    assert model.index(0, 0, model.index(0, 0, article)).data() == "Point 40.2 on report 12"
    assert not [node for node in worked_out_here if not isinstance(node, Excerpt)]
