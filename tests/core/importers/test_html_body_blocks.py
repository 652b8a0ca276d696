"""The body of saved pages and fragments: which lines are paragraphs of a section, and which
notes and boxes beside the text go to ``discarded``."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from briefing.core.importers.fragment import parse_fragment
from briefing.core.importers.html import parse_html
from briefing.core.model import Article
from tests.core.importers.outline_views import body_text

LONG = [
    "The river authority measured the flow at the weir every morning for a whole season, and "
    "the figures show the spring floods arriving two weeks earlier than a decade ago.",
    "Farmers downstream say the earlier floods leave their fields wet at sowing time, and some "
    "have moved their first planting of the year back by a fortnight to wait for the ground.",
    "The authority plans a second gauge further up the valley so that warnings can reach the "
    "villages a day sooner, and it has asked the county to share the cost of the work.",
    "Residents asked at the meeting whether the new gauge would change the insurance costs "
    "they pay, and the authority promised to publish its flood maps before the summer ends.",
]


def wiki_page(section: str) -> str:
    return ("<html><head><title>River gauges - Valley Wiki</title></head><body>"
            "<div id='content'><h1 id='firstHeading'>River gauges</h1>"
            f"<div class='mw-parser-output'><p>{LONG[0]}</p>"
            f"<h2><span class='mw-headline'>Spring floods</span></h2>{section}"
            f"<h2><span class='mw-headline'>Plans</span></h2><p>{LONG[3]}</p>"
            "</div></div></body></html>")


def fragment(body: str) -> str:
    return f"<html><body>\n<!--StartFragment-->{body}<!--EndFragment-->\n</body></html>"


def parse_page(html: str) -> Article:
    return parse_html(html, "page.html")


def parse_copy(html: str) -> Article:
    start = html.index("<h1")
    end = html.index("</body>")
    return parse_fragment(fragment(html[start:end]), "copy.html")


PARSERS: list[Callable[[str], Article]] = [parse_page, parse_copy]


def between_paragraphs(parse: Callable[[str], Article], middle: str) -> tuple[Article, list[str]]:
    """The article with ``middle`` set between two paragraphs of its first section, and the
    texts of that section's blocks."""
    article = parse(wiki_page(f"<p>{LONG[1]}</p>{middle}<p>{LONG[2]}</p>"))
    return article, [block.text for block in article.sections[0].blocks]


@pytest.mark.parametrize("parse", PARSERS)
@pytest.mark.parametrize("attributes", ["role='note' class='hatnote'", "role='note'",
                                        "class='hatnote navigation-not-searchable'",
                                        "class='dablink'", "class='notice metadata'",
                                        "class='plainlinks ambox ambox-content'"])
def test_a_note_pointing_to_another_page_goes_to_discarded(
        parse: Callable[[str], Article], attributes: str) -> None:
    note = (f"<div {attributes}>Main article: <a href='/wiki/Weirs'>Weirs of the valley</a>"
            "</div>")
    article = parse(wiki_page(f"{note}<p>{LONG[1]}</p><p>{LONG[2]}</p>"))
    spring = article.sections[0]
    assert spring.heading == "Spring floods"
    assert [block.text for block in spring.blocks] == [LONG[1], LONG[2]]
    assert "Main article" not in body_text(article)
    reasons = {item.text: item.reason for item in article.discarded}
    assert reasons["Main article: Weirs of the valley"] == "note about the page"


@pytest.mark.parametrize("parse", PARSERS)
def test_a_note_holding_the_article_text_stays(parse: Callable[[str], Article]) -> None:
    note = f"<div role='note'><p>{LONG[1]}</p><p>{LONG[2]}</p></div>"
    article = parse(wiki_page(note))
    assert LONG[1] in body_text(article) and LONG[2] in body_text(article)


COMMENT = ("<li class='comment'><div class='comment-author'>{name} says:</div>"
           "<div class='comment-content'><p>{text}</p></div></li>")
READER_SAYS = [
    "I have lived beside the weir for thirty years and the water has never come up this early, "
    "so I am glad somebody is finally writing the dates down and keeping the records.",
    "The second gauge is a good idea, but the county has promised money for the valley before "
    "and the work never started, so I will believe it when I see the diggers arrive.",
]


@pytest.mark.parametrize("parse", PARSERS)
def test_readers_comments_after_the_article_go_to_discarded_however_long(
        parse: Callable[[str], Article]) -> None:
    # One reader writes two long paragraphs: long paragraphs alone do not make article text.
    comments = (COMMENT.format(name="Ann", text=READER_SAYS[0])
                + COMMENT.format(name="Bob", text="</p><p>".join(READER_SAYS[1:] * 2)))
    section = (f"<p>{LONG[1]}</p><p>{LONG[2]}</p>"
               f"<div id='comments' class='comments-area'><h3>2 thoughts on this</h3>"
               f"<ol class='comment-list'>{comments}</ol></div>")
    article = parse(wiki_page(section))
    body = body_text(article)
    assert all(text in body for text in LONG)
    assert not any(text[:40] in body for text in READER_SAYS)
    assert {item.reason for item in article.discarded if "says:" in item.text} == {"comments"}


@pytest.mark.parametrize("parse", PARSERS)
def test_an_article_whose_class_mentions_comments_stays(parse: Callable[[str], Article]) -> None:
    html = wiki_page(f"<p>{LONG[1]}</p><p>{LONG[2]}</p>").replace(
        "<div class='mw-parser-output'>", "<div class='mw-parser-output post has-comments'>")
    assert all(text in body_text(parse(html)) for text in LONG)


STEPS = [("Clear the leaves from the grate.", "Check that the water runs freely."),
         ("Read the gauge at the same hour each day.", "Write the level in the log book.")]


@pytest.mark.parametrize("parse", PARSERS)
@pytest.mark.parametrize("part", ["div", "p"])
def test_a_list_item_laid_out_in_blocks_is_one_item(
        parse: Callable[[str], Article], part: str) -> None:
    items = "".join(
        f"<li><div class='step'><{part}>{first}</{part}><div class='spacer'></div>"
        f"<{part}>{second}</{part}></div><img src='step.jpg' alt=''></li>"
        for first, second in STEPS)
    _, blocks = between_paragraphs(parse, f"<ol>{items}</ol>")
    assert blocks == [
        LONG[1], *(f"{first} {second}" for first, second in STEPS), LONG[2]]


@pytest.mark.parametrize("parse", PARSERS)
def test_a_list_inside_a_list_item_keeps_items_of_its_own(
        parse: Callable[[str], Article]) -> None:
    items = ("<li><p>Before the flood season:</p><ul><li><div>Clear the grate.</div></li>"
             "<li><div>Test the siren.</div></li></ul><p>Then report to the office.</p></li>")
    _, blocks = between_paragraphs(parse, f"<ul>{items}</ul>")
    assert blocks == [
        LONG[1], "Before the flood season:", "Clear the grate.", "Test the siren.",
        "Then report to the office.", LONG[2]]


@pytest.mark.parametrize("parse", PARSERS)
@pytest.mark.parametrize(("line", "text"), [
    ("<a href='https://twitter.com/valleyreporter'>@valleyreporter</a>", "@valleyreporter"),
    ("Follow me on <a href='https://www.instagram.com/valley.reporter/'>Instagram</a>",
     "Follow me on Instagram"),
])
def test_a_line_linking_only_to_a_social_profile_goes_to_discarded(
        parse: Callable[[str], Article], line: str, text: str) -> None:
    article, blocks = between_paragraphs(parse, f"<p>{line}</p>")
    assert blocks == [LONG[1], LONG[2]]
    assert {item.text: item.reason for item in article.discarded}[text] == "follow link"


@pytest.mark.parametrize("parse", PARSERS)
def test_a_sentence_naming_a_social_profile_stays(parse: Callable[[str], Article]) -> None:
    sentence = ("The authority posts the morning readings on "
                "<a href='https://twitter.com/valleyweir'>@valleyweir</a> before eight.")
    _, blocks = between_paragraphs(parse, f"<p>{sentence}</p>")
    assert blocks[1] == (
        "The authority posts the morning readings on @valleyweir before eight.")


POINTER = "<ul><li><a href='/live/valley-floods'>Live updates from the valley</a></li></ul>"


@pytest.mark.parametrize("parse", PARSERS)
def test_a_lone_link_set_between_paragraphs_goes_to_discarded(
        parse: Callable[[str], Article]) -> None:
    article, blocks = between_paragraphs(parse, POINTER)
    assert blocks == [LONG[1], LONG[2]]
    reasons = {item.text: item.reason for item in article.discarded}
    assert reasons["Live updates from the valley"] == "related links"


@pytest.mark.parametrize("parse", PARSERS)
@pytest.mark.parametrize("item", [
    "<li>Raise the <a href='/wiki/Weirs'>weir gates</a> before the first flood</li>",
    "<li><a href='https://valley.example/report.pdf'>https://valley.example/report.pdf</a></li>",
])
def test_a_list_of_one_point_between_paragraphs_stays(
        parse: Callable[[str], Article], item: str) -> None:
    article, blocks = between_paragraphs(parse, f"<ul>{item}</ul>")
    assert len(blocks) == 3
    assert article.sections[0].blocks[1].kind.name == "BULLET"


@pytest.mark.parametrize("parse", PARSERS)
def test_a_lone_link_opening_a_section_stays_its_content(
        parse: Callable[[str], Article]) -> None:
    html = wiki_page(f"<p>{LONG[1]}</p><p>{LONG[2]}</p>").replace(
        f"<p>{LONG[3]}</p>", f"{POINTER}<p>{LONG[3]}</p>")
    plans = parse(html).sections[1]
    assert [block.text for block in plans.blocks] == ["Live updates from the valley", LONG[3]]


@pytest.mark.parametrize("parse", PARSERS)
def test_a_title_classed_span_inside_a_sentence_keeps_the_paragraph_whole(
        parse: Callable[[str], Article]) -> None:
    sentence = ("The grant comes from the <span class='page-title-main'>Valley </span>Trust, "
                "which has paid for the gauges since the floods of the last decade began.")
    _, blocks = between_paragraphs(parse, f"<p>{sentence}</p>")
    assert blocks == [
        LONG[1], "The grant comes from the Valley Trust, which has paid for the gauges since the "
        "floods of the last decade began.", LONG[2]]


TEASER_LINES = ("<p><a href='https://video.example/valley'>Watch our channel for more from the "
                "valley</a></p><p><a href='/2025/weir-review'>Review: the new weir gates "
                "[Video]</a></p>")


@pytest.mark.parametrize(("parse", "reason"), [
    (parse_copy, "link to another article"),
    # The page's extractor already leaves them out of the article's text.
    (parse_page, "after the end of the article"),
])
def test_lines_that_only_link_elsewhere_at_the_end_go_to_discarded(
        parse: Callable[[str], Article], reason: str) -> None:
    article = parse(wiki_page(f"<p>{LONG[1]}</p><p>{LONG[2]}</p>").replace(
        f"<p>{LONG[3]}</p>", f"<p>{LONG[3]}</p>{TEASER_LINES}"))
    assert [block.text for block in article.sections[-1].blocks] == [LONG[3]]
    reasons = {item.text: item.reason for item in article.discarded}
    assert reasons["Review: the new weir gates [Video]"] == reason


@pytest.mark.parametrize(("parse", "tail"), [
    (parse_copy, "<p><a href='/2025/weir-report'>The full report of the river authority</a></p>"),
    *((parse, TEASER_LINES + "<p>The authority meets again in the spring to decide on the "
       "work.</p>") for parse in PARSERS),
])
def test_one_closing_link_or_links_before_more_text_stay(
        parse: Callable[[str], Article], tail: str) -> None:
    article = parse(wiki_page(f"<p>{LONG[1]}</p><p>{LONG[2]}</p>").replace(
        f"<p>{LONG[3]}</p>", f"<p>{LONG[3]}</p>{tail}"))
    assert len(article.sections[-1].blocks) > 1


@pytest.mark.parametrize("parse", PARSERS)
@pytest.mark.parametrize("tag", ["footer", "div"])
def test_a_footer_by_its_tag_or_its_class_goes_to_discarded(
        parse: Callable[[str], Article], tag: str) -> None:
    footer = (f"<{tag} class='print-footer'><p>Copyright 2025 Valley Press. All rights "
              f"reserved.</p><p>Privacy policy</p></{tag}>")
    article, blocks = between_paragraphs(parse, footer)
    assert blocks == [LONG[1], LONG[2]]
    assert {item.reason for item in article.discarded if "Valley Press" in item.text} == {
        "footer"}


@pytest.mark.parametrize("parse", PARSERS)
def test_a_call_to_action_styled_as_a_button_goes_to_discarded(
        parse: Callable[[str], Article]) -> None:
    button = ("<p style='text-align: center'><a class='button' href='/guide.pdf'>Get the flood "
              "guide: free download!</a></p>")
    article, blocks = between_paragraphs(parse, button)
    assert blocks == [LONG[1], LONG[2]]
    reasons = {item.text: item.reason for item in article.discarded}
    assert reasons["Get the flood guide: free download!"] == "form or button"


@pytest.mark.parametrize("parse", PARSERS)
def test_a_sentence_styled_as_a_button_stays(parse: Callable[[str], Article]) -> None:
    sentence = "The authority will publish every reading it takes at the weir from now on."
    _, blocks = between_paragraphs(parse, f"<p><a class='button' href='/x'>{sentence}</a></p>")
    assert blocks == [LONG[1], sentence, LONG[2]]


@pytest.mark.parametrize(("line", "date"), [
    ("By <span class='author'>Ana Reyes</span> &middot; "
     "<time datetime='2025-04-02'>2 April 2025</time>", "2025-04-02"),
    ("By <a class='author' href='/staff/ana-reyes'>Ana Reyes</a> | Updated 2 April 2025",
     "2025-04-02"),
    ("Written by <span class='byline'>Ana Reyes</span>", ""),
])
def test_the_rest_of_a_byline_goes_with_its_name(line: str, date: str) -> None:
    article = parse_page("<html><head><title>River gauges</title></head><body><article>"
                         f"<h1>River gauges</h1><p>{line}</p><p>{LONG[0]}</p>"
                         f"<h2>Plans</h2><p>{LONG[1]}</p><p>{LONG[2]}</p>"
                         "</article></body></html>")
    assert article.author == "Ana Reyes"
    assert article.date == date
    assert [block.text for block in article.blocks] == [LONG[0]]
    assert "byline" in {item.reason for item in article.discarded}


def test_a_sentence_beside_a_byline_name_is_kept() -> None:
    line = ("Reporting by <span class='author'>Ana Reyes</span> from the valley, where the "
            "gauge stands")
    article = parse_page("<html><head><title>River gauges</title></head><body><article>"
                         f"<h1>River gauges</h1><p>{line}</p><p>{LONG[0]}</p>"
                         f"<h2>Plans</h2><p>{LONG[1]}</p></article></body></html>")
    assert any("from the valley" in block.text for block in article.blocks)
