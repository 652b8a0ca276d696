"""Saved pages and fragments share one structure path: headline, heading ranks, furniture, and
markup nested past the parser's limit."""

from __future__ import annotations

import pytest

from briefing.core.errors import ArticleImportError
from briefing.core.importers.fragment import parse_fragment
from briefing.core.importers.html import parse_html
from briefing.core.model import Article, Section

PARAGRAPHS = [
    "The island route carries more passengers each winter than the mainland buses, and the "
    "harbour board says its two oldest vessels will not pass another inspection.",
    "A new vessel costs about as much as the board collects in tolls over four years, so the "
    "choice is between borrowing, higher fares or a slower timetable.",
    "Councillors asked for the figures to be published before the vote, and the board agreed "
    "to release its maintenance records for the last decade.",
    "The records show that repair costs doubled after the older hulls passed thirty years of "
    "service, which is the usual point at which operators retire them.",
]


def page(body: str, head: str = "") -> str:
    return (f"<!DOCTYPE html><html><head><meta charset='utf-8'>{head}</head><body>"
            "<header class='site-header'><h1 class='logo'><a href='/'>Harbour Review</a></h1>"
            "<nav><ul><li><a href='/news'>News</a></li><li><a href='/sport'>Sport</a></li>"
            "<li><a href='/opinion'>Opinion</a></li></ul></nav></header>"
            f"<main><article>{body}</article></main>"
            "<footer><p>All rights reserved. Harbour Review 2025.</p>"
            "<p>Privacy policy and cookie settings</p></footer></body></html>")


ARTICLE_BODY = (
    "<h1>Renewing the island ferry fleet</h1>"
    "<div class='share-bar'><a href='https://facebook.example/s'>Facebook</a> "
    "<a href='mailto:?subject=x'>Email</a></div>"
    f"<p>{PARAGRAPHS[0]}</p>"
    "<h3>What a vessel costs</h3>"
    f"<p>{PARAGRAPHS[1]}</p>"
    "<h4>Borrowing</h4>"
    f"<p>{PARAGRAPHS[2]}</p>"
    "<figure><img src='a.jpg' alt=''><figcaption>The older ferry in dry dock.</figcaption>"
    "</figure>"
    "<h3>What the records show</h3>"
    f"<p>{PARAGRAPHS[3]}</p>"
    "<div class='related-links'><h4>More on the harbour</h4><ul>"
    "<li><a href='/a'>Pier repairs run late again</a></li>"
    "<li><a href='/b'>A new timetable for winter</a></li></ul></div>")


def outline(sections: list[Section], depth: int = 0) -> list[str]:
    lines: list[str] = []
    for section in sections:
        lines.append("  " * depth + section.label)
        lines.extend(outline(section.sections, depth + 1))
    return lines


def body_text(article: Article) -> str:
    parts = [block.text for block in article.blocks]
    for section in article.walk():
        parts.append(section.heading)
        parts.extend(block.text for block in section.blocks)
    return "\n".join(parts)


@pytest.fixture(scope="module")
def ferry_page() -> Article:
    head = ("<title>Renewing the island ferry fleet | Harbour Review</title>"
            "<meta property='og:site_name' content='Harbour Review'>")
    return parse_html(page(ARTICLE_BODY, head), "ferry.html")


def test_page_title_is_the_headline_not_the_site_title_or_logo(ferry_page: Article) -> None:
    assert ferry_page.title == "Renewing the island ferry fleet"
    assert ferry_page.publisher == "Harbour Review"


def test_page_heading_levels_follow_the_article_ranks(ferry_page: Article) -> None:
    assert outline(ferry_page.sections) == [
        "What a vessel costs", "  Borrowing", "What the records show"]


def test_furniture_inside_the_page_article_goes_to_discarded(ferry_page: Article) -> None:
    body = body_text(ferry_page)
    reasons = {item.text: item.reason for item in ferry_page.discarded}
    assert "Facebook" not in body and "Pier repairs" not in body and "dry dock" not in body
    assert reasons["Facebook Email"] == "share bar"
    assert reasons["The older ferry in dry dock."] == "caption or credit"
    assert any(reason == "related links" for reason in reasons.values())
    assert all(paragraph in body for paragraph in PARAGRAPHS)


def test_og_title_names_the_headline_when_no_h1_matches() -> None:
    body = ARTICLE_BODY.replace("<h1>Renewing the island ferry fleet</h1>", "")
    head = ("<title>Home | Harbour Review</title>"
            "<meta property='og:title' content='Renewing the island ferry fleet'>")
    assert parse_html(page(body, head), "p.html").title == "Renewing the island ferry fleet"


def test_site_suffix_is_cut_from_the_page_title_when_nothing_else_names_the_headline() -> None:
    body = ARTICLE_BODY.replace("<h1>Renewing the island ferry fleet</h1>", "")
    head = "<title>Ferry fleet: the choices \u2014 Harbour Review</title>"
    assert parse_html(page(body, head), "p.html").title == "Ferry fleet: the choices"


def nested(depth: int) -> str:
    return ("<h1>Renewing the island ferry fleet</h1>"
            f"<p>{PARAGRAPHS[0]}</p>" + "<div>" * depth + f"<p>{PARAGRAPHS[1]}</p>"
            + "</div>" * depth + f"<p>{PARAGRAPHS[2]}</p><p>{PARAGRAPHS[3]}</p>")


def test_markup_nested_past_255_levels_keeps_the_rest_of_a_fragment() -> None:
    article = parse_fragment(nested(400), "deep.html")
    assert all(paragraph in body_text(article) for paragraph in PARAGRAPHS)


def test_markup_nested_past_255_levels_keeps_the_rest_of_a_page() -> None:
    article = parse_html(page(nested(400), "<title>Renewing the island ferry fleet</title>"),
                         "deep.html")
    assert PARAGRAPHS[3] in body_text(article)


@pytest.mark.parametrize("parse", [parse_fragment, parse_html])
def test_markup_nested_beyond_what_the_parser_reads_is_refused(parse: object) -> None:
    assert callable(parse)
    with pytest.raises(ArticleImportError) as caught:
        parse(page(nested(2100)), "deep.html")
    message = str(caught.value)
    assert message.startswith("deep.html: the markup nests elements more than 2000 levels deep")
    assert "copy the article" in message


def test_an_h1_opening_the_article_is_its_headline_even_if_the_metadata_words_it_otherwise(
        ) -> None:
    head = "<title>Fleet plan 2026 - Harbour Review</title>"
    article = parse_html(page(ARTICLE_BODY, head), "p.html")
    assert article.title == "Renewing the island ferry fleet"
    assert outline(article.sections)[0] == "What a vessel costs"
