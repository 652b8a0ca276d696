"""Saved pages and fragments share one structure path: headline, heading ranks, furniture, and
markup nested past the parser's limit."""

from __future__ import annotations

import pytest

from briefing.core.errors import ArticleImportError
from briefing.core.importers.fragment import parse_fragment
from briefing.core.importers.html import parse_html
from briefing.core.importers.html_furniture import REASON_FOOTER
from briefing.core.model import Article
from tests.core.importers.outline_views import body_text, outline

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


@pytest.mark.parametrize("name", ["thumbcaption", "imageCaption", "photo-captions"])
def test_a_class_name_ending_in_caption_marks_a_caption(name: str) -> None:
    body = ARTICLE_BODY.replace(
        "<figure><img src='a.jpg' alt=''><figcaption>The older ferry in dry dock.</figcaption>"
        "</figure>",
        f"<div class='thumb'><img src='a.jpg' alt=''><div class='{name}'>The older ferry in "
        "dry dock.</div></div>")
    article = parse_html(page(body), "p.html")
    reasons = {item.text: item.reason for item in article.discarded}
    assert "dry dock" not in body_text(article)
    assert reasons["The older ferry in dry dock."] == "caption or credit"


def test_og_title_names_the_headline_when_no_h1_matches() -> None:
    body = ARTICLE_BODY.replace("<h1>Renewing the island ferry fleet</h1>", "")
    head = ("<title>Home | Harbour Review</title>"
            "<meta property='og:title' content='Renewing the island ferry fleet'>")
    assert parse_html(page(body, head), "p.html").title == "Renewing the island ferry fleet"


def test_site_suffix_is_cut_from_the_page_title_when_nothing_else_names_the_headline() -> None:
    body = ARTICLE_BODY.replace("<h1>Renewing the island ferry fleet</h1>", "")
    head = "<title>Ferry fleet: the choices \u2014 Harbour Review</title>"
    assert parse_html(page(body, head), "p.html").title == "Ferry fleet: the choices"


def test_direction_marks_in_the_text_change_nothing() -> None:
    # Pages of mixed-direction text wrap runs in bidi marks and isolates, invisible on screen.
    markup = ("<h1>Renewing the island ferry fleet</h1><p>By Mara Olsen</p>"
              f"<p>{PARAGRAPHS[0]}</p><h2>1. What a vessel costs</h2><p>{PARAGRAPHS[1]}</p>"
              f"<h2>2. Borrowing</h2><p>{PARAGRAPHS[2]}</p>")
    marked = markup.replace("By Mara", "\u2067\u200eBy\u200f\u2069 Mara").replace(
        "1. What", "\u202b1.\u202c What").replace("2. Borrowing", "\u20662. Borrowing\u200e\u2069")
    plain, article = parse_fragment(markup, "p.html"), parse_fragment(marked, "p.html")
    assert article.author == plain.author == "Mara Olsen"
    assert outline(article.sections) == outline(plain.sections) == [
        "1. What a vessel costs", "2. Borrowing"]
    assert body_text(article) == body_text(plain)


def nested(depth: int) -> str:
    return ("<h1>Renewing the island ferry fleet</h1>"
            f"<p>{PARAGRAPHS[0]}</p>" + "<div>" * depth + f"<p>{PARAGRAPHS[1]}</p>"
            + "</div>" * depth + f"<p>{PARAGRAPHS[2]}</p><p>{PARAGRAPHS[3]}</p>")


def test_markup_nested_past_255_levels_keeps_the_rest_of_a_fragment() -> None:
    article = parse_fragment(nested(400), "deep.html")
    assert all(paragraph in body_text(article) for paragraph in PARAGRAPHS)


def test_paragraphs_each_in_an_unclosed_div_stay_paragraphs_however_deep() -> None:
    # A page that never closes the <div> around each paragraph nests a level per paragraph.
    texts = [f"Crossing number {number} left the quay on time with every berth taken."
             for number in range(1, 401)]
    markup = ("<h1>Renewing the island ferry fleet</h1>"
              + "".join(f"<div><p>{text}</p>" for text in texts[:-1])
              + f"<div>{texts[-1]}<br>Last line after a break")
    article = parse_fragment(markup, "unclosed.html")
    assert [block.text for block in article.blocks] == [*texts, "Last line after a break"]


@pytest.mark.parametrize("parse", [parse_fragment, parse_html])
def test_headings_nested_deeper_than_the_walk_goes_stay_headings(parse: object) -> None:
    """A page whose every section nests in the one before goes a level deeper per section;
    past the depth the walk follows, its headings keep their ranks all the same."""
    assert callable(parse)
    sections = "".join(
        f"<div><h2>Stage {number} of the works</h2><p>Crews finished stage {number} of the "
        f"harbour wall on time.</p><h3>Costs of stage {number}</h3><p>Stage {number} cost "
        "what the council had set aside for it.</p>" for number in range(1, 251)) + (
            "</div>" * 250)
    article = parse(page("<h1>Rebuilding the harbour wall</h1>" + sections,
                         "<title>Rebuilding the harbour wall</title>"), "deep.html")
    assert article.title == "Rebuilding the harbour wall"
    assert outline(article.sections) == [
        line for number in range(1, 251)
        for line in (f"Stage {number} of the works", f"  Costs of stage {number}")]
    assert [block.text for block in article.sections[-1].blocks] == [
        "Crews finished stage 250 of the harbour wall on time."]
    assert [block.text for block in article.sections[-1].sections[0].blocks] == [
        "Stage 250 cost what the council had set aside for it."]


def test_furniture_deeper_than_the_walk_goes_is_discarded_unless_it_holds_the_article(
        ) -> None:
    deep = "<div>" * 250
    small = parse_fragment(
        f"<h1>Renewing the island ferry fleet</h1><p>{PARAGRAPHS[0]}</p>{deep}"
        f"<p>{PARAGRAPHS[1]}</p><footer><p>All rights reserved.</p></footer>"
        f"<p>{PARAGRAPHS[2]}</p>", "deep.html")
    assert [block.text for block in small.blocks] == PARAGRAPHS[:3]
    assert [(item.text, item.reason) for item in small.discarded] == [
        ("All rights reserved.", REASON_FOOTER)]
    # An <aside> never closed holds the rest of the article: too many words for furniture.
    swallowing = parse_fragment(
        f"<h1>Renewing the island ferry fleet</h1><p>{PARAGRAPHS[0]}</p>{deep}<aside>"
        + "".join(f"<p>{paragraph}</p>" for paragraph in PARAGRAPHS[1:]), "deep.html")
    assert [block.text for block in swallowing.blocks] == PARAGRAPHS
    assert swallowing.discarded == []


def test_markup_nested_past_255_levels_keeps_the_rest_of_a_page() -> None:
    article = parse_html(page(nested(400), "<title>Renewing the island ferry fleet</title>"),
                         "deep.html")
    assert PARAGRAPHS[3] in body_text(article)


def test_markup_nested_too_deep_is_refused_naming_the_line_where_it_goes_too_deep() -> None:
    markup = nested(10) + "\n<p>Timetable</p>\n<section>\n" + "<div>\n" * 2100 + "<p>Deep</p>"
    with pytest.raises(ArticleImportError) as caught:
        parse_fragment(markup, "deep.html")
    assert str(caught.value).startswith("deep.html: line 2001: the markup nests elements")


@pytest.mark.parametrize("parse", [parse_fragment, parse_html])
def test_markup_nested_beyond_what_the_parser_reads_is_refused(parse: object) -> None:
    assert callable(parse)
    with pytest.raises(ArticleImportError) as caught:
        parse(page(nested(2100)), "deep.html")
    message = str(caught.value)
    assert message.startswith("deep.html: line 1: the markup nests elements more than 2000 "
                              "levels deep")
    assert "copy the article" in message


def test_an_h1_opening_the_article_is_its_headline_even_if_the_metadata_words_it_otherwise(
        ) -> None:
    head = "<title>Fleet plan 2026 - Harbour Review</title>"
    article = parse_html(page(ARTICLE_BODY, head), "p.html")
    assert article.title == "Renewing the island ferry fleet"
    assert outline(article.sections)[0] == "What a vessel costs"


def test_a_page_whose_text_sits_in_stray_block_elements_keeps_its_headings() -> None:
    slides = "".join(f"<section class='slide'><h2>{heading}</h2><p><caption>{text}</caption></p>"
                     "</section>"
                     for heading, text in zip(("Costs", "Records", "Choices", "Timetable"),
                                              PARAGRAPHS, strict=True))
    body = f"<h1>Renewing the island ferry fleet</h1>{slides}"
    article = parse_html(page(body, "<title>Renewing the island ferry fleet</title>"), "p.html")
    assert outline(article.sections) == ["Costs", "Records", "Choices", "Timetable"]
    assert [section.blocks[0].text for section in article.sections] == PARAGRAPHS


def test_a_photo_gallery_inside_a_page_article_goes_to_discarded_with_its_title() -> None:
    slides = "".join(f"<li><h2><span class='counter'>{number}/4</span> {caption}</h2>"
                     f"<p>{caption} in the winter light, from the east pier.</p></li>"
                     for number, caption in enumerate(("Pier", "Bridge", "Ferry", "Dock"), 1))
    body = (f"<h1>Renewing the island ferry fleet</h1><p>{PARAGRAPHS[0]}</p>"
            f"<h2>What a vessel costs</h2><p>{PARAGRAPHS[1]}</p>"
            f"<div class='container'><h2>Harbour in pictures</h2><ul class='legends'>{slides}"
            f"</ul></div><h2>What the records show</h2><p>{PARAGRAPHS[2]}</p>")
    article = parse_html(page(body, "<title>Renewing the island ferry fleet</title>"), "p.html")
    assert outline(article.sections) == ["What a vessel costs", "What the records show"]
    assert [section.blocks[0].text for section in article.sections] == PARAGRAPHS[1:3]
    gallery = [item.text for item in article.discarded if item.reason == "photo gallery slide"]
    assert gallery[:2] == ["Harbour in pictures", "1/4 Pier"]
    assert len(gallery) == 9


def test_a_kicker_above_the_headline_repeated_in_the_page_region_goes_to_discarded() -> None:
    # The region repeats the headline with a topic kicker above it and a dek below it: the
    # kicker is no section, and the dek is the standfirst, as in a fragment.
    body = ("<div class='story'><h6><a href='/topic/ports'>ports</a></h6>"
            "<h1>Renewing the island ferry fleet</h1>"
            "<h2>The harbour board weighs borrowing against higher fares for two new "
            "vessels</h2>"
            + "".join(f"<p>{text}</p>" for text in PARAGRAPHS[:2])
            + f"<h2>What the records show</h2><p>{PARAGRAPHS[2]}</p><p>{PARAGRAPHS[3]}</p>"
            "</div>")
    head = "<title>Renewing the island ferry fleet | Harbour Review</title>"
    article = parse_html(page(body, head), "p.html")
    assert article.title == "Renewing the island ferry fleet"
    assert article.standfirst.startswith("The harbour board weighs borrowing")
    assert outline(article.sections) == ["What the records show"]
    reasons = {item.text: item.reason for item in article.discarded}
    assert reasons["ports"] == "above the headline"
    assert "ports" not in body_text(article)


def test_a_box_of_links_titled_with_an_h1_inside_the_article_goes_to_discarded() -> None:
    box = ("<div class='inline-related-list'><h1 class='box-title'>Read more</h1><ul>"
           "<li><a href='/a'>Pier repairs run late again this winter</a></li>"
           "<li><a href='/b'>A new timetable for the island route</a></li>"
           "<li><a href='/c'>Tolls rise on the mainland bridge</a></li></ul></div>")
    body = (f"<h1>Renewing the island ferry fleet</h1><p>{PARAGRAPHS[0]}</p>"
            f"<h2>What a vessel costs</h2><p>{PARAGRAPHS[1]}</p>{box}<p>{PARAGRAPHS[2]}</p>"
            f"<h2>What the records show</h2><p>{PARAGRAPHS[3]}</p>")
    article = parse_html(page(body, "<title>Renewing the island ferry fleet</title>"), "p.html")
    assert outline(article.sections) == ["What a vessel costs", "What the records show"]
    assert "Pier repairs" not in body_text(article)
    related = [item.text for item in article.discarded if item.reason == "related links"]
    assert any(text.startswith("Read more Pier repairs") for text in related)


def test_a_furniture_class_around_the_headline_does_not_take_it_away() -> None:
    # A wrapper named like a menu that holds the headline (mostly unlinked text) stays.
    body = ("<div class='menu-anchor'><h1>Renewing the island ferry fleet</h1>"
            "<a href='/ports'>Ports</a></div>"
            + "".join(f"<p>{text}</p>" for text in PARAGRAPHS))
    article = parse_fragment(body, "f.html")
    assert article.title == "Renewing the island ferry fleet"


def test_a_heading_whose_id_names_a_kind_of_furniture_stays_a_heading() -> None:
    # A heading's id is the anchor made from its words, not a class for the element.
    body = (f"<h1>Renewing the island ferry fleet</h1><p>{PARAGRAPHS[0]}</p>"
            f"<h2 id='video'>Video</h2><p>{PARAGRAPHS[1]}</p>"
            f"<h2 id='comments'>Comments</h2><p>{PARAGRAPHS[2]}</p>"
            f"<h2 class='share-title'>Share</h2><ul><li><a href='https://x.example/intent'>"
            "Post</a></li><li><a href='/mail'>Mail</a></li></ul>")
    article = parse_fragment(body, "f.html")
    assert outline(article.sections) == ["Video", "Comments"]
    assert [section.blocks[0].text for section in article.sections] == PARAGRAPHS[1:3]


@pytest.mark.parametrize("label", ["Related post:", "Read more:", "See also:", "Don't miss:"])
def test_a_heading_made_of_a_label_and_a_link_elsewhere_goes_to_discarded(label: str) -> None:
    body = (f"<h1>Renewing the island ferry fleet</h1><p>{PARAGRAPHS[0]}</p>"
            f"<h3>{label} <a href='/2024/pier-repairs'>Pier repairs run late</a></h3>"
            f"<p>{PARAGRAPHS[1]}</p><h2>What the records show</h2><p>{PARAGRAPHS[2]}</p>")
    article = parse_fragment(body, "f.html")
    assert outline(article.sections) == ["What the records show"]
    assert body_text(article).startswith(f"{PARAGRAPHS[0]}\n{PARAGRAPHS[1]}")
    reasons = {item.text: item.reason for item in article.discarded}
    assert reasons[f"{label} Pier repairs run late"] == "related links"


@pytest.mark.parametrize("heading", [
    "Step one: <a href='#choose'>Choose a vessel</a>",  # a link within the page
    "Read more: the board's own figures",  # no link at all
    "Related: <a href='/a'>Pier repairs</a> and the budget",  # text outside the link
])
def test_a_heading_with_a_label_is_a_section_unless_the_rest_is_a_link_elsewhere(
        heading: str) -> None:
    body = (f"<h1>Renewing the island ferry fleet</h1><p>{PARAGRAPHS[0]}</p>"
            f"<h2>{heading}</h2><p>{PARAGRAPHS[1]}</p>")
    article = parse_fragment(body, "f.html")
    assert len(article.sections) == 1
    assert article.sections[0].blocks[0].text == PARAGRAPHS[1]


def teaser_cards(label: str) -> str:
    cards = "".join(f"<li><h3><a href='/story/{number}'>{title}</a></h3>"
                    f"<p>{title}, and what the harbour board said about it to the council "
                    "committee on Monday evening.</p></li>"
                    for number, title in enumerate(("Pier repairs run late",
                                                    "Tolls rise on the bridge"), 1))
    return f"<div class='box'><h2>{label}</h2><ul>{cards}</ul></div>"


@pytest.mark.parametrize("label", ["You might also like", "Recommended for you",
                                   "More from the harbour desk", "Most read"])
def test_a_box_of_other_stories_after_the_article_goes_to_discarded(label: str) -> None:
    body = (f"<h1>Renewing the island ferry fleet</h1><p>{PARAGRAPHS[0]}</p>"
            f"<h2>What a vessel costs</h2><p>{PARAGRAPHS[1]}</p>{teaser_cards(label)}"
            "<p>Loading comments</p>")
    article = parse_fragment(body, "f.html")
    assert outline(article.sections) == ["What a vessel costs"]
    assert "Pier repairs" not in body_text(article)
    boxed = [item.text for item in article.discarded if item.reason == "box of other stories"]
    assert boxed[:2] == [label, "Pier repairs run late"]
    assert boxed[-1] == "Loading comments"


def test_a_box_of_other_stories_inside_the_article_leaves_the_text_after_it() -> None:
    body = (f"<h1>Renewing the island ferry fleet</h1><p>{PARAGRAPHS[0]}</p>"
            f"{teaser_cards('You might also like')}<h2>What the records show</h2>"
            f"<p>{PARAGRAPHS[2]}</p>")
    article = parse_fragment(body, "f.html")
    assert PARAGRAPHS[2] in body_text(article)
    assert "What the records show" in outline(article.sections)


@pytest.mark.parametrize("label", ["See also", "Further reading", "Recommended", "Trending"])
def test_a_closing_list_under_a_section_label_stays_a_section(label: str) -> None:
    # A wiki's "See also", a buyer's guide's "Recommended" picks: the article's own list.
    body = (f"<h1>Renewing the island ferry fleet</h1><p>{PARAGRAPHS[0]}</p>"
            f"<h2>History</h2><p>{PARAGRAPHS[1]}</p><h2>{label}</h2><ul>"
            "<li><a href='/wiki/Pier'>Pier</a>, a structure over water</li>"
            "<li><a href='/wiki/Toll'>Toll</a>, a fee for passage</li></ul>")
    article = parse_fragment(body, "f.html")
    assert outline(article.sections) == ["History", label]
    assert [block.text for block in article.sections[1].blocks] == [
        "Pier, a structure over water", "Toll, a fee for passage"]


def test_the_space_between_two_inline_elements_separates_their_words() -> None:
    item = ("<li><span class='amount'>120</span> <span class='unit'>ml</span> "
            "<span class='name'>olive oil</span></li>")
    body = (f"<h1>Renewing the island ferry fleet</h1><p>{PARAGRAPHS[0]}</p>"
            f"<h2>What the crew eats</h2><ul>{item}{item.replace('120', '300')}</ul>"
            f"<p><b>Ferries</b> <i>and</i>\n<a href='/tolls'>tolls</a> {PARAGRAPHS[1]}</p>")
    article = parse_fragment(body, "f.html")
    assert [block.text for block in article.sections[0].blocks] == [
        "120 ml olive oil", "300 ml olive oil", f"Ferries and tolls {PARAGRAPHS[1]}"]


def sourced_page(tail: str) -> Article:
    links = "".join(f"<li><a href='https://example.org/{number}'>{title}</a></li>"
                    for number, title in enumerate(("Harbour board annual report",
                                                    "Ferry inspection rules",
                                                    "Council committee minutes")))
    body = (f"<h1>Renewing the island ferry fleet</h1><p>{PARAGRAPHS[0]}</p>"
            f"<h2>What a vessel costs</h2><p>{PARAGRAPHS[1]}</p><p>{PARAGRAPHS[2]}</p>"
            f"<h2>What the records show</h2><p>{PARAGRAPHS[3]}</p>{tail.format(links=links)}")
    return parse_html(page(body, "<title>Renewing the island ferry fleet</title>"), "p.html")


def test_a_last_section_of_links_at_the_article_rank_stays_on_a_page() -> None:
    # The extractor drops a closing list of sources; a heading of the article's own section
    # rank after its last block opens one more section of the article.
    article = sourced_page("<h2>Sources</h2><ul>{links}</ul>")
    assert outline(article.sections) == ["What a vessel costs", "What the records show",
                                          "Sources"]
    assert [block.text for block in article.sections[-1].blocks] == [
        "Harbour board annual report", "Ferry inspection rules", "Council committee minutes"]


def test_a_box_of_links_at_another_rank_after_the_article_goes_to_discarded() -> None:
    article = sourced_page("<h4>Elsewhere on the site</h4><ul>{links}</ul>")
    assert outline(article.sections) == ["What a vessel costs", "What the records show"]
    reasons = {item.text: item.reason for item in article.discarded}
    assert reasons["Elsewhere on the site"] == "after the end of the article"
    assert reasons["Ferry inspection rules"] == "after the end of the article"


TOOLS = ("<li class='icon'>Order copies <span class='icon-copy' title='Order copies'></span>"
         "</li><li class='icon'>Print article <span class='icon-print'></span></li>")
MENU = ("<li><a href='/works/1?full=true'>Whole story on one page</a></li>"
        "<li><a href='/works/1/next'>Next chapter of the story</a></li>")


@pytest.mark.parametrize(("attributes", "items", "text", "reason"), [
    *[(f"class='{name}'", TOOLS, "Order copies Print article", "form or button")
      for name in ("article-tools", "print-tools", "toolbar", "page-toolbox")],
    *[(f"role='{role}'", MENU, "Whole story on one page Next chapter of the story",
       "navigation") for role in ("menu", "menubar")],
])
def test_a_toolbar_or_a_menu_by_its_class_or_role_goes_to_discarded(
        attributes: str, items: str, text: str, reason: str) -> None:
    body = (f"<h1>Renewing the island ferry fleet</h1><ul {attributes}>{items}</ul>"
            f"<p>{PARAGRAPHS[0]}</p><p>{PARAGRAPHS[1]}</p>")
    article = parse_fragment(body, "f.html")
    assert body_text(article) == f"{PARAGRAPHS[0]}\n{PARAGRAPHS[1]}"
    assert {item.text: item.reason for item in article.discarded}[text] == reason
