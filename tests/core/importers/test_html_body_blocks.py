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


@pytest.mark.parametrize("parse", PARSERS)
@pytest.mark.parametrize("attributes", ["role='note' class='hatnote'", "role='note'",
                                        "class='hatnote navigation-not-searchable'",
                                        "class='dablink'"])
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
