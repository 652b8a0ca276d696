"""HTML import: the article found inside a saved page, its details, structure and block kinds."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from briefing.core.errors import ArticleImportError
from briefing.core.importers.html import parse_html
from briefing.core.model import Article, BlockKind
from tests.core.importers.outline_views import outline

FIXTURES = Path(__file__).parent / "fixtures" / "html"
CANONICAL = "https://harbour-review.example.org/analysis/flood-levy-three-tests"


def read(name: str) -> str:
    return (FIXTURES / name).read_text(encoding="utf-8")


SAVED_PAGE = read("saved_page.html")


@pytest.fixture(scope="module")
def levy() -> Article:
    return parse_html(read("saved_page.html"), "saved_page.html")


@pytest.fixture(scope="module")
def blog() -> Article:
    return parse_html(read("saved_blog.html"), "saved_blog.html")



def all_text(article: Article) -> str:
    parts = [article.title, article.standfirst, *(block.text for block in article.blocks)]
    for section in article.walk():
        parts.append(section.heading)
        parts.extend(block.text for block in section.blocks)
    return "\n".join(parts)


def test_page_metadata_gives_the_article_details(levy: Article) -> None:
    assert levy.title == "Three tests for the new flood levy"
    assert levy.author == "Priya Lindqvist"
    assert levy.publisher == "The Harbour Review"
    assert levy.date == "2025-03-14"
    assert levy.url == CANONICAL
    assert levy.standfirst.startswith("Councils want a dedicated charge for sea walls.")


def test_headings_become_numbered_sections_nested_by_level(levy: Article) -> None:
    assert outline(levy.sections) == [
        "1. Who pays, and on what base?",
        "  Exemptions",
        "  Appeals",
        "2. Where does the money go?",
        "3. How is it reviewed?",
    ]
    assert all(section.id == "" for section in levy.walk())


def test_the_title_heading_is_not_repeated_and_text_before_the_first_heading_is_lead(
        levy: Article) -> None:
    assert [block.text[:30] for block in levy.blocks] == [
        "Coastal councils have asked fo", "The draft bill leaves three qu"]
    assert "Three tests for the new flood levy" not in [s.heading for s in levy.walk()]


def test_lists_and_quotes_keep_their_kinds(levy: Article) -> None:
    money = levy.sections[1]
    assert [block.kind for block in money.blocks] == [
        BlockKind.PARAGRAPH, BlockKind.BULLET, BlockKind.BULLET, BlockKind.BULLET,
        BlockKind.QUOTE]
    assert money.blocks[1].text == "raising and strengthening existing sea walls;"
    assert money.blocks[4].text.startswith("A levy without a ranking of works")


def test_site_furniture_around_the_article_is_left_out(levy: Article) -> None:
    text = all_text(levy)
    for boilerplate in ("cookies", "Accept all", "Podcasts", "Share this article",
                        "More from Analysis", "bridge repair queue", "weekly briefing",
                        "All rights reserved", "Privacy"):
        assert boilerplate not in text


def test_saved_from_note_gives_the_url_and_a_heading_equal_to_the_title_is_dropped(
        blog: Article) -> None:
    assert blog.url == "https://notes.example.com/2024/06/bus-lanes.html"
    assert blog.title == "Bus lanes that pay for themselves"
    assert outline(blog.sections) == [
        "What the pilot measured", "  A note on the cameras", "What it means for the budget"]


def test_a_date_is_not_guessed_from_archive_links(blog: Article) -> None:
    assert blog.date == ""
    assert blog.author == ""


def test_numbered_lists_nested_lists_line_breaks_and_tables(blog: Article) -> None:
    assert blog.blocks[0].text == (
        "A city that gives buses their own lane usually sees journey times fall within a month. "
        "The harder question is who pays for the paint, the cameras and the enforcement staff.")
    measured = blog.sections[0]
    assert [(block.kind, block.text) for block in measured.blocks[1:]] == [
        (BlockKind.NUMBERED, "average journey time at the morning peak;"),
        (BlockKind.BULLET, "measured on weekdays only"),
        (BlockKind.NUMBERED, "fare revenue on the two routes;"),
        (BlockKind.NUMBERED, "penalty income from the lane cameras."),
    ]
    cameras = measured.sections[0]
    assert [block.text for block in cameras.blocks] == [cameras.blocks[0].text]
    # The outline has no tables: their rows wait in discarded, to be restored if wanted.
    assert [(item.text, item.reason) for item in blog.discarded if item.reason == "table"] == [
        ("Month | Journey time (min)", "table"), ("March | 31", "table"),
        ("August | 24", "table")]


def test_the_visible_headline_is_the_title_when_the_metadata_words_it_differently() -> None:
    page = SAVED_PAGE.replace('content="Three tests for the new flood levy"',
                              'content="Flood levy: what ministers must ask"')
    article = parse_html(page, "p.html")
    assert article.title == "Three tests for the new flood levy"
    assert [section.number for section in article.sections] == [1, 2, 3]


def test_og_url_is_used_when_there_is_no_canonical_link() -> None:
    page = read("saved_page.html").replace(
        f'<link rel="canonical" href="{CANONICAL}">', "").replace(
        CANONICAL, "https://harbour-review.example.org/a/levy")
    assert parse_html(page, "p.html").url == "https://harbour-review.example.org/a/levy"


def test_url_hint_is_the_last_resort() -> None:
    page = read("saved_blog.html").replace(
        "<!-- saved from url=(0048)https://notes.example.com/2024/06/bus-lanes.html -->", "")
    article = parse_html(page, "b.html", url_hint="https://mirror.example.com/bus")
    assert article.url == "https://mirror.example.com/bus"


def test_a_page_without_an_article_is_a_clear_error() -> None:
    with pytest.raises(ArticleImportError) as caught:
        parse_html(read("login_page.html"), "login_page.html")
    message = str(caught.value)
    assert message.startswith("login_page.html: no article text found in the page")
    assert "copy the article text into a .txt file" in message


def test_text_that_is_not_html_at_all_is_a_clear_error() -> None:
    with pytest.raises(ArticleImportError, match="no article text found"):
        parse_html("\x00\x01", "odd.html")


HTMLISH = st.text(alphabet=st.sampled_from(list("<>/=\"'&;!- \nabhlpt1\u00e9\x00")), max_size=300)


@settings(max_examples=60, deadline=None)
@given(st.one_of(HTMLISH, st.builds(
    lambda start, cut, insert: SAVED_PAGE[:start] + insert + SAVED_PAGE[start + cut:],
    st.integers(0, 4000), st.integers(0, 400), st.sampled_from(["", "<", "</p>", "<h2>", "&"]))))
def test_any_page_gives_an_article_or_a_clear_error(page: str) -> None:
    try:
        article = parse_html(page, "fuzzed.html")
    except ArticleImportError as error:
        assert str(error).startswith("fuzzed.html: no article text found")
    else:
        assert article.title
