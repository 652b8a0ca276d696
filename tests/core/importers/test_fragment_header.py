"""The lines of a pasted article's own ``<header>``: its standfirst, and furniture besides."""

from __future__ import annotations

from briefing.core.importers.fragment import parse_fragment
from briefing.core.importers.header_lines import REASON_HEADER
from briefing.core.model import Article
from tests.core.importers.outline_views import body_text

LEAD = ("The harbour board wants to raise ferry tolls for the first time in nine years, and the "
        "city council must approve the change before the summer timetable starts in June.")
SECOND = ("Pupils and pensioners keep their free travel outside the peak hours, as they have "
          "since the tolls began, and the board says no other group will pay more.")
DEK = "Commuters on the island routes will pay a third more from the spring"


def _paste(header: str, body: str = f"<p>{LEAD}</p><p>{SECOND}</p>") -> Article:
    return parse_fragment(
        "<html><body>\n<!--StartFragment-->"
        f"<header class=\"story-top\"><h1>Ferry tolls rise in spring</h1>{header}</header>"
        f"<div class=\"story-text\">{body}</div><!--EndFragment-->\n</body></html>",
        "f.html")


def _discarded(article: Article) -> list[tuple[str, str]]:
    return [(item.text, item.reason) for item in article.discarded]


def test_short_lines_of_the_headline_header_are_discarded() -> None:
    article = _paste("<div><span>INES OKAFOR</span></div><div>Transport Editor</div>"
                     "<p><a href=\"https://social.example/inesokafor\">@inesokafor</a></p>"
                     "<div>harbour-review.example</div>")
    for line in ("INES OKAFOR", "Transport Editor", "@inesokafor", "harbour-review.example"):
        assert line not in body_text(article)
        assert (line, REASON_HEADER) in _discarded(article)
    assert [block.text for block in article.blocks] == [LEAD, SECOND]


def test_a_prose_line_of_the_header_is_the_standfirst() -> None:
    article = _paste(f"<p class=\"intro\">{DEK}</p><div>Transport Editor</div>")
    assert article.standfirst == DEK
    assert DEK not in body_text(article)
    assert ("Transport Editor", REASON_HEADER) in _discarded(article)


def test_a_second_prose_line_of_the_header_stays_in_the_body() -> None:
    article = _paste(f"<h2>{DEK}.</h2><p>The board meets again on Tuesday evening.</p>")
    assert article.standfirst == f"{DEK}."
    assert article.blocks[0].text == "The board meets again on Tuesday evening."


def test_a_header_byline_still_fills_the_author() -> None:
    article = _paste("<p>By Ines Okafor | 3 March 2025</p>")
    assert (article.author, article.date) == ("Ines Okafor", "2025-03-03")


def test_a_header_around_the_whole_article_sets_nothing_aside() -> None:
    article = parse_fragment(
        "<html><body>\n<!--StartFragment--><header><h1>Ferry tolls rise in spring</h1>"
        f"<p>Island desk</p><p>{LEAD}</p><p>{SECOND}</p></header><!--EndFragment-->\n"
        "</body></html>", "f.html")
    assert [block.text for block in article.blocks] == ["Island desk", LEAD, SECOND]
    assert article.standfirst == ""


def test_short_lines_below_a_headline_outside_any_header_stay() -> None:
    article = parse_fragment(
        "<html><body>\n<!--StartFragment--><h1>Ferry tolls rise in spring</h1>"
        f"<p>Island desk</p><p>{LEAD}</p><p>{SECOND}</p><!--EndFragment-->\n"
        "</body></html>", "f.html")
    assert article.blocks[0].text == "Island desk"


def test_a_header_line_repeated_in_the_text_stays_there() -> None:
    article = _paste("<div>Transport Editor</div>",
                     body=f"<p>{LEAD}</p><p>Transport Editor</p><p>{SECOND}</p>")
    assert [block.text for block in article.blocks] == [LEAD, "Transport Editor", SECOND]


def test_a_list_in_the_header_stays_in_the_body() -> None:
    article = _paste("<ul><li>Tolls rise by a third</li><li>Pupils ride free</li></ul>")
    assert [block.text for block in article.blocks][:2] == ["Tolls rise by a third",
                                                            "Pupils ride free"]
    assert article.standfirst == ""
