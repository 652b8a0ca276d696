"""Large and deeply nested saved pages: the shapes the page benchmark times, read in full.

The benchmark's shapes are built by ``bench/bench_page_import.py``; small instances of each are
imported here and their outline checked (what a user would see), never their time.
"""

from __future__ import annotations

import importlib.util
import sys
from dataclasses import replace
from pathlib import Path
from types import ModuleType

import pytest

from briefing.core.importers import html_region, import_article
from briefing.core.importers.html_region import find_region, tree_size
from briefing.core.model import Article

SCRIPT = Path(__file__).resolve().parents[3] / "bench" / "bench_page_import.py"


@pytest.fixture(scope="module")
def shapes() -> ModuleType:
    spec = importlib.util.spec_from_file_location("bench_page_import", SCRIPT)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules.setdefault(spec.name, module)
    spec.loader.exec_module(module)
    return module


def _import(tmp_path: Path, html: str) -> Article:
    path = tmp_path / "page.html"
    path.write_text(html, encoding="utf-8")
    return import_article(path)


def test_a_page_of_one_word_paragraphs_keeps_every_paragraph_in_order(
        tmp_path: Path, shapes: ModuleType) -> None:
    article = _import(tmp_path, shapes.flat_page(400))
    assert article.title == "Flat page"
    assert [block.text for block in article.blocks] == [
        shapes.WORDS[index % len(shapes.WORDS)] for index in range(400)]


@pytest.mark.parametrize("sections", [4, 110, 230])
def test_a_page_without_closing_tags_keeps_every_section_and_paragraph(
        tmp_path: Path, shapes: ModuleType, sections: int) -> None:
    """Each section nests in the one before: 110 of them go past the depth at which the page
    is read without trafilatura, 230 past the depth the walk follows (its headings stay
    headings, its footer furniture); none of the opening sections is cut."""
    article = _import(tmp_path, shapes.unclosed_page(12 * sections))
    assert article.title == "Open page"
    assert not article.blocks
    assert [section.heading for section in article.sections] == [
        f"Section {number} of the plan" for number in range(1, sections + 1)]
    paragraphs = [block.text for section in article.sections for block in section.blocks]
    assert paragraphs == [shapes.sentence(index) for index in range(12 * sections)]
    assert [item.text for item in article.discarded] == ["Copyright Harbour Review"]


@pytest.mark.parametrize("divs", [2, 150])
def test_a_page_of_unclosed_divs_keeps_every_sentence(
        tmp_path: Path, shapes: ModuleType, divs: int) -> None:
    article = _import(tmp_path, shapes.nested_divs_page(12 * divs))
    assert article.title == "Deep page"
    assert [block.text for block in article.blocks] == [
        shapes.sentence(index, 18) for index in range(divs)]


@pytest.mark.parametrize("shape", ["unclosed_page", "flat_page"])
@pytest.mark.parametrize("threshold", ["OWN_ELEMENTS", "FAST_ELEMENTS"])
def test_a_page_above_a_size_threshold_reads_as_it_does_below(
        tmp_path: Path, shapes: ModuleType, monkeypatch: pytest.MonkeyPatch,
        threshold: str, shape: str) -> None:
    """Past ``FAST_ELEMENTS`` trafilatura runs without its fallbacks, past ``OWN_ELEMENTS``
    not at all; on an article page both give the outline that the full extractor gives, also
    when no paragraph is long enough to point to the article's element (the whole page is
    read then, and its headline set aside as repeated)."""
    html = getattr(shapes, shape)(48)
    full = _import(tmp_path, html)
    monkeypatch.setattr(html_region, threshold, 10)
    article = _import(tmp_path, html)
    assert replace(article, discarded=[]) == replace(full, discarded=[])
    assert {item.text for item in article.discarded} - {item.text for item in full.discarded} <= {
        article.title}


def test_tree_size_counts_elements_and_nesting() -> None:
    import lxml.html

    root = lxml.html.fromstring("<div><p>a <b>b</b></p><p>c</p></div>")
    assert tree_size(root) == (4, 2)


def test_the_region_is_the_element_holding_the_article_text_found_out_of_order() -> None:
    """Blocks the extractor's text holds in another order than the page's still count."""
    import lxml.html

    root = lxml.html.fromstring(
        "<body><nav><p>Home news sport weather</p></nav><main>"
        "<p>First of the article's paragraphs here.</p>"
        "<p>Second of the article's paragraphs here.</p></main></body>")
    text = "Second of the article's paragraphs here.\nFirst of the article's paragraphs here."
    region = find_region(root, text)
    assert region is not None and region.tag == "main"
