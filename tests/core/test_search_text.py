"""What the outline filter searches in each row, and those texts worked out while a file is read."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from briefing.core import early_parse
from briefing.core.anchoring import make_anchor
from briefing.core.early_parse import EarlyParse, start_early_parse
from briefing.core.model import Article, Block, BlockKind, Excerpt, Outline, Section
from briefing.core.outline_file import load_outline, save_outline
from briefing.core.search_text import PreparedSearch, search_text


def _article(title: str = "Harbour Review", number: int = 1) -> Article:
    inner = Section(id=f"s{2 * number}", heading="Cranes", note="Ask about ÉTÉ prices",
                    tags=["ports"],
                    blocks=[Block(BlockKind.PARAGRAPH, "Two new Cranes arrived.")])
    section = Section(id=f"s{2 * number - 1}", heading="Fees", number=1, sections=[inner],
                      blocks=[Block(BlockKind.PARAGRAPH, "Fees rose twice this year.")])
    article = Article(title=title, standfirst="A Look at the port", sections=[section])
    article.excerpts.append(Excerpt(f"e{number}", make_anchor(section, 0, 9), note="Key Point"))
    return article


def test_a_rows_search_text_holds_its_heading_text_note_and_tags_case_folded() -> None:
    article = _article()
    section, inner = article.sections[0], article.sections[0].sections[0]
    assert search_text(article) == "harbour review\na look at the port"
    assert search_text(section) == "1. fees\nfees rose twice this year.\n"
    assert search_text(inner) == "cranes\ntwo new cranes arrived.\nask about été prices\nports"
    assert search_text(article.excerpts[0]) == "fees rose\nkey point"


def test_prepared_texts_are_handed_out_once_and_only_for_the_same_object() -> None:
    article = _article()
    prepared = PreparedSearch()
    prepared.prepare(article)
    section = article.sections[0]
    assert len(prepared) == 4  # the article, two sections, an excerpt
    assert prepared.take(section) == search_text(section)
    assert prepared.take(section) is None  # once
    assert prepared.take(_article().sections[0]) is None  # an equal copy is another row
    assert prepared.take(article.sections[0].sections[0]) == "cranes\ntwo new cranes " \
        "arrived.\nask about été prices\nports"


def test_an_excerpt_anchored_again_after_preparing_gets_no_stale_text() -> None:
    article = _article()
    prepared = PreparedSearch()
    prepared.prepare(article)
    excerpt = article.excerpts[0]
    excerpt.anchor = make_anchor(article.sections[0], 5, 9)
    assert prepared.take(excerpt) is None
    assert prepared.take(article) == search_text(article)


def late_articles(monkeypatch: pytest.MonkeyPatch) -> None:
    """Every article of a streamed parse comes late: the reader waits before the next one,
    and uses the wait as long as it has something to do."""
    real = EarlyParse.take_streamed

    def late(self: EarlyParse, text: str, on_article: Any, on_reset: Any,
             on_idle: Any = None) -> Any:
        def then_wait(index: int, article: object) -> None:
            on_article(index, article)
            while on_idle is not None and on_idle():
                pass
        return real(self, text, then_wait, on_reset, on_idle=None)

    monkeypatch.setattr(EarlyParse, "take_streamed", late)


def test_a_streamed_file_hands_each_article_read_to_the_waits(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(early_parse, "EARLY_PARSE_MIN_BYTES", 0)
    path = tmp_path / "streamed.yaml"
    save_outline(Outline(title="Streamed", articles=[_article(f"Report {n}", n)
                                                     for n in range(1, 6)]), path)
    early = start_early_parse(path, stream=True)
    assert early is not None
    late_articles(monkeypatch)
    handed: list[Article] = []
    outline = load_outline(path, early=early, meanwhile=handed.append)
    assert [id(article) for article in handed] == [id(article) for article in outline.articles]
    assert outline == load_outline(path)
