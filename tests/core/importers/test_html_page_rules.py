"""Saved pages: the standfirst a page shows (a dek in the header, not a heading among the
paragraphs), the headline behind a site suffix, notes that point to other pages, and closing
lists of sources."""

from __future__ import annotations

import pytest

from briefing.core.importers.fragment import parse_fragment
from briefing.core.importers.html import parse_html
from briefing.core.model import Article, BlockKind
from tests.core.importers.outline_views import body_text

TEXT = [
    "The tram line to the eastern estates was promised twice before, and both times the money "
    "went to road repairs after a hard winter left the ring road closed for weeks.",
    "This time the transport board has set the budget aside in a separate account, and the "
    "first contracts for the depot are due to be signed before the end of the spring.",
    "Residents along the route asked for the works to be phased so that the market street "
    "stays open on Saturdays, and the board has agreed to publish a timetable of closures.",
    "The board expects the first trams to run within four years, though its own risk register "
    "lists the power supply as the part most likely to slip.",
]
DESCRIPTION = "The eastern tram line has its money set aside at last. Will it be built this time?"


def page(body: str, head: str = "", header: str = "") -> str:
    return ("<!DOCTYPE html><html><head><meta charset='utf-8'>"
            f"<title>Trams for the east | Ringway Courier</title>{head}</head><body>"
            "<header class='masthead'><a href='/'>Ringway Courier</a><nav><ul>"
            "<li><a href='/city'>City</a></li><li><a href='/transport'>Transport</a></li></ul>"
            f"</nav></header><main><div class='story-head'><h1>Trams for the east</h1>{header}"
            f"</div><div class='story-body'>{body}</div></main>"
            "<footer><p>Ringway Courier, all rights reserved.</p></footer></body></html>")


def paragraphs(texts: list[str]) -> str:
    return "".join(f"<p>{text}</p>" for text in texts)


def description(text: str) -> str:
    return f"<meta name='description' content='{text}'>"


def test_a_description_the_page_shows_as_its_dek_is_the_standfirst() -> None:
    article = parse_html(page(paragraphs(TEXT), description(DESCRIPTION),
                              header=f"<p class='dek'>{DESCRIPTION}</p>"), "trams.html")
    assert article.standfirst == DESCRIPTION


def test_a_description_the_page_never_shows_is_no_standfirst() -> None:
    summary = "Ringway Courier covers the city and its suburbs, every day."
    article = parse_html(page(paragraphs(TEXT), description(summary)), "trams.html")
    assert article.standfirst == ""
    assert summary not in article.blocks[0].text


def test_a_description_that_repeats_the_text_is_no_standfirst() -> None:
    # A teaser made of the second paragraph's opening, cut short with an ellipsis.
    teaser = TEXT[1][:90] + "\u2026"
    article = parse_html(page(paragraphs(TEXT), description(teaser)), "trams.html")
    assert article.standfirst == ""


def test_a_description_that_is_the_first_heading_is_no_standfirst() -> None:
    body = paragraphs(TEXT[:2]) + "<h2>Why did it stall twice?</h2>" + paragraphs(TEXT[2:])
    article = parse_html(page(body, description("Why did it stall twice?")), "trams.html")
    assert article.standfirst == ""
    assert [section.heading for section in article.sections] == ["Why did it stall twice?"]


def sections(article: Article) -> list[str]:
    return [section.heading for section in article.walk()]


DEK = "The board has set the money aside at last, and the first contracts are due this spring."


@pytest.mark.parametrize("parse", [parse_html, parse_fragment])
def test_a_sentence_heading_set_among_the_paragraphs_is_a_section(parse: object) -> None:
    assert callable(parse)
    body = f"<h2>{DEK}</h2>{paragraphs(TEXT)}"
    html = page(body) if parse is parse_html else (
        f"<h1>Trams for the east</h1><div class='story-body'>{body}</div>")
    article = parse(html, "trams.html")
    assert article.standfirst == ""
    assert sections(article) == [DEK]
    assert [block.text for block in article.sections[0].blocks] == TEXT


def test_a_sentence_heading_in_the_header_with_the_headline_is_the_standfirst() -> None:
    article = parse_fragment(
        f"<div class='story-head'><h1>Trams for the east</h1><h2>{DEK}</h2></div>"
        f"<div class='story-body'>{paragraphs(TEXT)}</div>", "trams.html")
    assert article.standfirst == DEK
    assert sections(article) == []
    assert body_text(article).split("\n")[0] == TEXT[0]


def assert_discarded(fragment: str, text: str, reason: str) -> None:
    """The fragment's ``text`` is out of the body and in ``discarded`` with ``reason``."""
    article = parse_fragment(fragment, "trams.html")
    assert text.split()[0] not in body_text(article)
    assert (text, reason) in [(item.text, item.reason) for item in article.discarded]


def test_a_one_word_headline_whose_title_adds_only_the_site_name_is_the_title() -> None:
    html = page(paragraphs(TEXT)).replace(
        "<title>Trams for the east | Ringway Courier</title>",
        "<title>Trams - Ringway Courier Wiki</title>").replace(
        "<h1>Trams for the east</h1>", "<h1>Trams</h1>")
    assert parse_html(html, "trams.html").title == "Trams"


SEE_ALSO = ("<h2>See also</h2><ul><li><a href='/wiki/Light_rail'>Light rail</a></li>"
            "<li><a href='/wiki/Tram_depot'>Tram depot</a></li>"
            "<li><a href='/wiki/Ringway'>Ringway</a></li></ul>")


@pytest.mark.parametrize("parse", [parse_html, parse_fragment])
def test_a_section_made_of_a_list_of_links_keeps_its_links(parse: object) -> None:
    assert callable(parse)
    notes = ("<h2>Notes</h2><ol><li>Figures from the transport board's budget papers for the "
             "coming year, as published in the spring.</li></ol>")
    body = (paragraphs(TEXT[:2]) + "<h2>The depot</h2>" + paragraphs(TEXT[2:]) + SEE_ALSO
            + notes)
    html = page(body) if parse is parse_html else f"<h1>Trams for the east</h1>{body}"
    article = parse(html, "trams.html")
    assert sections(article) == ["The depot", "See also", "Notes"]
    see_also = article.sections[1]
    assert [(block.kind, block.text) for block in see_also.blocks] == [
        (BlockKind.BULLET, "Light rail"), (BlockKind.BULLET, "Tram depot"),
        (BlockKind.BULLET, "Ringway")]


def test_a_list_of_short_links_below_the_headline_is_still_a_share_bar() -> None:
    share = ("<ul><li><a href='https://social.example/share?u=1'>Share</a></li>"
             "<li><a href='https://post.example/send?u=1'>Post</a></li></ul>")
    assert_discarded(f"<h1>Trams for the east</h1>{share}{paragraphs(TEXT)}",
                     "Share Post", "list of short links")


def test_a_list_of_bare_icon_links_below_a_section_heading_goes_to_discarded() -> None:
    icons = ("<ul><li><a href='/gallery/1'><img src='1.jpg' alt=''></a></li>"
             "<li><a href='/gallery/2'><img src='2.jpg' alt=''></a></li>"
             "<li><a href='/gallery'>show all</a></li></ul>")
    body = paragraphs(TEXT[:2]) + "<h2>The depot</h2>" + paragraphs(TEXT[2:3]) + (
        "<h2>The route in pictures</h2>" + icons) + paragraphs(TEXT[3:])
    article = parse_html(page(body), "trams.html")
    assert "show all" not in body_text(article)


def test_a_list_of_links_nested_in_a_point_is_its_sub_points() -> None:
    points = ("<ul><li>The board compared three kinds of vehicle, each described in its own "
              "report:<ul><li><a href='/r/low-floor'>Low floor</a></li>"
              "<li><a href='/r/articulated'>Articulated</a></li>"
              "<li><a href='/r/battery'>Battery tram</a></li></ul></li>"
              "<li>The depot site was chosen before the vehicle, which limits the length.</li>"
              "</ul>")
    article = parse_fragment(f"<h1>Trams for the east</h1>{paragraphs(TEXT)}{points}",
                             "trams.html")
    bullets = [block.text for block in article.blocks if block.kind == BlockKind.BULLET]
    assert bullets[1:4] == ["Low floor", "Articulated", "Battery tram"]


def test_a_drop_down_under_a_linked_menu_entry_goes_to_discarded() -> None:
    tools = ("<ul><li><a href='/download'>Download</a><ul><li><a href='/d/epub'>EPUB</a></li>"
             "<li><a href='/d/pdf'>PDF</a></li></ul></li>"
             "<li>Printed copies of the plan are kept at the central library.</li></ul>")
    assert_discarded(f"<h1>Trams for the east</h1>{paragraphs(TEXT)}{tools}",
                     "EPUB PDF", "list of short links")


@pytest.mark.parametrize("parse", [parse_html, parse_fragment])
def test_characters_that_never_show_are_not_carried_into_the_text(parse: object) -> None:
    assert callable(parse)
    marked = [TEXT[0].replace("promised", "prom&shy;ised").replace("ring road",
                                                                  "ring&#8203; road"),
              *TEXT[1:]]
    body = paragraphs(marked)
    html = page(body) if parse is parse_html else f"<h1>Trams for the east</h1>{body}"
    article = parse(html, "trams.html")
    assert TEXT[0] in body_text(article)


LONG_CELL = ("Each stop gets a shelter, a ticket machine and a screen with the next three trams, "
             "and the two busiest stops also get a staffed kiosk during the morning peak hours.")


def test_a_table_with_header_cells_goes_to_discarded_even_if_its_cells_hold_long_text() -> None:
    table = ("<table><tr><th>Stop</th><th>What it gets</th></tr>"
             f"<tr><td>Market street</td><td>{LONG_CELL}</td></tr>"
             f"<tr><td>Depot gate</td><td>{LONG_CELL}</td></tr></table>")
    article = parse_html(page(paragraphs(TEXT[:2]) + table + paragraphs(TEXT[2:])),
                         "trams.html")
    assert LONG_CELL not in body_text(article)
    assert TEXT[3] in body_text(article)
    assert (f"Market street | {LONG_CELL}", "table") in [
        (item.text, item.reason) for item in article.discarded]


def test_a_layout_table_holding_a_table_of_data_is_still_read_as_the_article() -> None:
    data = ("<table><tr><th>Stop</th><th>Opens</th></tr>"
            "<tr><td>Market street</td><td>2029</td></tr></table>")
    layout = (f"<table><tr><td>{paragraphs(TEXT[:2])}</td></tr>"
              f"<tr><td>{data}{paragraphs(TEXT[2:])}</td></tr></table>")
    article = parse_fragment(f"<h1>Trams for the east</h1>{layout}", "trams.html")
    assert all(text in body_text(article) for text in TEXT)
    assert ("Market street | 2029", "table") in [
        (item.text, item.reason) for item in article.discarded]


def with_tail(parse: object, tail: str) -> Article:
    assert callable(parse)
    body = paragraphs(TEXT[:2]) + "<h2>The depot</h2>" + paragraphs(TEXT[2:]) + tail
    html = page(body) if parse is parse_html else f"<h1>Trams for the east</h1>{body}"
    article = parse(html, "trams.html")
    assert isinstance(article, Article)
    return article


@pytest.mark.parametrize("parse", [parse_html, parse_fragment])
def test_a_box_of_short_links_after_the_article_goes_to_discarded(parse: object) -> None:
    article = with_tail(parse, "<h2>Categories</h2><ul><li><a href='/c/city'>City</a></li>"
                               "<li><a href='/c/transport'>Transport</a></li></ul>")
    assert sections(article) == ["The depot"]
    reasons = {item.text: item.reason for item in article.discarded}
    assert reasons["City"] == reasons["Transport"] == "box of links after the article"
    assert reasons["Categories"] == "heading with no text under it"


@pytest.mark.parametrize("parse", [parse_html, parse_fragment])
def test_a_closing_list_of_sources_that_shows_their_addresses_stays(parse: object) -> None:
    addresses = ["https://transport.example.org/eastern-line",
                 "https://council.example.org/minutes/2025-03"]
    article = with_tail(parse, "<h2>Sources</h2><ul>" + "".join(
        f"<li><a href='{address}'>{address}</a></li>" for address in addresses) + "</ul>")
    assert sections(article) == ["The depot", "Sources"]
    assert [block.text for block in article.sections[-1].blocks] == addresses


def test_an_old_page_set_in_one_table_with_a_header_cell_is_still_read_as_the_article() -> None:
    layout = ("<table><tr><th>Ringway Courier</th></tr>"
              f"<tr><td>{paragraphs(TEXT[:2])}</td></tr><tr><td>{paragraphs(TEXT[2:])}</td></tr>"
              "</table>")
    article = parse_fragment(f"<h1>Trams for the east</h1>{layout}", "trams.html")
    assert all(text in body_text(article) for text in TEXT)


def test_a_closing_paragraph_opening_with_a_formula_stays_in_the_article() -> None:
    # The extractor reads no text in the formula, so the paragraph's opening differs from its
    # text; its closing words are the same.
    last = ("<p><math><mi>x</mi><mo>+</mo><mn>1</mn></math> stands for the number of trams on "
            "the line in the first year, and the board expects to add one more every second "
            "winter.</p>")
    article = parse_html(page(paragraphs(TEXT) + last), "trams.html")
    assert body_text(article).endswith("add one more every second winter.")
    assert not any(item.reason == "after the end of the article" for item in article.discarded)
