"""Clipboard HTML fragments: telling them from pages, and the article read from their markup."""

from __future__ import annotations

from pathlib import Path

import pytest

from briefing.core.errors import ArticleImportError
from briefing.core.importers import import_article
from briefing.core.importers.fragment import fragment_markup, is_fragment, parse_fragment
from briefing.core.model import Article, BlockKind
from tests.core.importers.outline_views import body_text, outline

ARTICLE = """\
<article class="post">
<header>
  <div class="kicker"><a href="/coast">Coast</a></div>
  <h1 class="entry-title">Ferries, tolls and the harbour budget</h1>
  <p class="byline">By <a rel="author" href="/people/ines">Ines Okafor</a></p>
  <time datetime="2025-02-03T09:00:00Z">3 February 2025</time>
</header>
<ul class="share-tools">
  <li><a href="https://facebook.example/share">Facebook</a></li>
  <li><a href="https://x.example/intent">Post</a></li>
  <li><a href="javascript:window.print()">Print</a></li>
</ul>
<p>The harbour board wants to raise ferry tolls for the first time in nine years, and the
city council must approve the change before the summer timetable starts.</p>
<figure><img src="/img/ferry.jpg" alt="">
  <figcaption>The morning ferry at the east pier. <span class="credit">Photo: Harbour Board</span>
  </figcaption></figure>
<h2>What the board proposes</h2>
<p>A single fare would rise by forty cents, and commuter passes by a tenth, so that the fleet
can be renewed <b>without</b> new borrowing.</p>
<ul>
  <li>two new hybrid vessels by 2028;</li>
  <li>a rebuilt ticket hall at the west pier.</li>
</ul>
<div class="ad-slot"><span>Advertisement</span></div>
<h3>Who is exempt</h3>
<p>Pupils travelling to school and pensioners outside peak hours would keep free travel, as
they have since the tolls began.</p>
<blockquote><p>We cannot run a twenty-year-old fleet on goodwill alone, the board's chair told
the council committee on Monday.</p></blockquote>
<aside class="related-stories"><h4>Related</h4><ul><li><a href="/a">Pier repairs run late
again this winter</a></li><li><a href="/b">New timetable for the island route</a></li></ul>
</aside>
<h2>What the council can change</h2>
<p>Councillors may cap the increase, spread it over two years or ask for a fresh study of
demand; they cannot set the fares themselves.</p>
<div class="newsletter-signup"><p>Sign up for our newsletter</p></div>
</article>
"""
CHROMIUM = ("<html><body>\n<!--StartFragment-->" + ARTICLE
            + "<!--EndFragment-->\n</body></html>")
CHROMIUM_LINUX = "<meta charset='utf-8'>" + ARTICLE
FIREFOX = '<meta http-equiv="content-type" content="text/html; charset=utf-8">' + ARTICLE
WINDOWS = ("Version:0.9\r\nStartHTML:0000000105\r\nEndHTML:0000001000\r\n"
           "StartFragment:0000000141\r\nEndFragment:0000000900\r\n"
           "SourceURL:https://harbour.example.org/news/ferry-tolls\r\n"
           "<html><body>\r\n<!--StartFragment-->" + ARTICLE + "<!--EndFragment-->\r\n"
           "</body></html>").replace("\r\n", "\n")




@pytest.fixture(scope="module")
def ferry() -> Article:
    return parse_fragment(CHROMIUM, "ferry.html")


@pytest.mark.parametrize("html", [CHROMIUM, CHROMIUM_LINUX, FIREFOX, WINDOWS, ARTICLE,
                                  "<p>Just a paragraph</p>"])
def test_clipboard_forms_are_fragments(html: str) -> None:
    assert is_fragment(html)


@pytest.mark.parametrize("html", [
    "<!DOCTYPE html><html><head><title>T</title></head><body><p>x</p></body></html>",
    "<html lang='en'><body><p>x</p></body></html>",
    "<!-- saved from url=(0020)https://a.example/ -->\n<html><head></head><body></body></html>",
    "<head><title>T</title></head><body><p>x</p></body>",
])
def test_whole_pages_are_not_fragments(html: str) -> None:
    assert not is_fragment(html)


def test_headline_byline_and_date_come_from_the_markup(ferry: Article) -> None:
    assert ferry.title == "Ferries, tolls and the harbour budget"
    assert ferry.author == "Ines Okafor"
    assert ferry.date == "2025-02-03"


@pytest.mark.parametrize("byline", [
    "By Ines Okafor February 3, 2025", "By Ines Okafor Feb. 3, 2025",
    "By Ines Okafor 3 February 2025", "By Ines Okafor | Coast desk",
    "By Ines Okafor on February 3", "Ines Okafor On 2/3/25 at 9:00 AM",
    "Ines OkaforFebruary 3rd, 2025", "| BY: Ines Okafor", "Coast desk by Ines Okafor",
    "byInes Okafor", "Ines Okafor @ines_writes", "Ines Okafor - ",
    "Ines Okafor Published 9:00 AM", "Ines Okafor 4 min read", "Author: Ines Okafor"])
def test_the_author_is_the_byline_without_its_date(byline: str) -> None:
    fragment = ARTICLE.replace(
        '<p class="byline">By <a rel="author" href="/people/ines">Ines Okafor</a></p>',
        f'<p class="byline">{byline}</p>')
    assert parse_fragment(fragment, "f.html").author == "Ines Okafor"


@pytest.mark.parametrize("byline", ["Last Updated:", "Posted", "3 February 2025 09:00 GMT"])
def test_a_byline_that_names_nobody_leaves_the_author_to_the_page_metadata(
        byline: str) -> None:
    fragment = ARTICLE.replace(
        '<p class="byline">By <a rel="author" href="/people/ines">Ines Okafor</a></p>',
        f'<p class="byline">{byline}</p>')
    page = f"<html><head><meta name='author' content='Ines Okafor'></head><body>{fragment}"
    assert parse_fragment(page, "f.html").author == "Ines Okafor"


def test_headings_nest_by_their_ranks_below_the_headline(ferry: Article) -> None:
    assert outline(ferry.sections) == [
        "What the board proposes", "  Who is exempt", "What the council can change"]


def test_paragraphs_lists_and_quotes_keep_their_kinds_and_inline_text(ferry: Article) -> None:
    assert [block.kind for block in ferry.blocks] == [BlockKind.PARAGRAPH]
    proposes = ferry.sections[0]
    assert [block.kind for block in proposes.blocks] == [
        BlockKind.PARAGRAPH, BlockKind.BULLET, BlockKind.BULLET]
    assert "can be renewed without new borrowing." in proposes.blocks[0].text
    exempt = proposes.sections[0]
    assert [block.kind for block in exempt.blocks] == [BlockKind.PARAGRAPH, BlockKind.QUOTE]


def test_furniture_goes_to_discarded_with_a_reason(ferry: Article) -> None:
    body = body_text(ferry)
    reasons = {item.text: item.reason for item in ferry.discarded}
    for furniture in ("Facebook", "Print", "Photo: Harbour Board", "Advertisement",
                      "Pier repairs run late", "Sign up for our newsletter", "Ines Okafor",
                      "Coast"):
        assert furniture not in body
        assert any(furniture in text for text in reasons), furniture
    assert any(reason == "share bar" for reason in reasons.values())
    assert reasons["Advertisement"] == "advertisement"
    assert any("caption" in reason for text, reason in reasons.items() if "ferry" in text)


def test_every_browser_form_gives_the_same_outline(ferry: Article) -> None:
    for html in (CHROMIUM_LINUX, FIREFOX, WINDOWS, ARTICLE):
        article = parse_fragment(html)
        assert article.title == ferry.title
        assert outline(article.sections) == outline(ferry.sections)
        assert body_text(article) == body_text(ferry)


def test_windows_clipboard_header_gives_the_source_address() -> None:
    assert fragment_markup(WINDOWS)[1] == "https://harbour.example.org/news/ferry-tolls"
    assert parse_fragment(WINDOWS).url == "https://harbour.example.org/news/ferry-tolls"
    assert parse_fragment(CHROMIUM, url_hint="https://x.example/a").url == "https://x.example/a"


def test_scripts_styles_and_script_links_are_never_carried() -> None:
    html = ARTICLE.replace(
        "<h2>What the board proposes</h2>",
        "<script>alert('boo')</script><style>p{color:red}</style>"
        "<p>Read <a href=\"javascript:alert(1)\">the full order</a> at the council.</p>"
        "<p><a href=\"javascript:window.print()\">Print</a> | "
        "<a href=\"javascript:share()\">Share</a></p>"
        "<h2>What the board proposes</h2>")
    article = parse_fragment(html)
    text = body_text(article) + "".join(item.text for item in article.discarded)
    assert "alert" not in text
    assert "Print" not in body_text(article) and "Share" not in body_text(article)
    assert "|" not in body_text(article)
    assert "color:red" not in text
    assert "javascript" not in text
    assert "Read the full order at the council." in body_text(article)


def test_a_fragment_of_only_navigation_is_a_clear_error() -> None:
    menu = ("<!--StartFragment--><nav><ul><li><a href='/'>Home</a></li>"
            "<li><a href='/news'>News</a></li></ul></nav><!--EndFragment-->")
    with pytest.raises(ArticleImportError) as caught:
        parse_fragment(menu, "menu.html")
    message = str(caught.value)
    assert message.startswith("menu.html: no article text found in the copied HTML "
                              "(everything in it is menus, links or other site furniture)")
    assert "copy it again" in message


def test_an_empty_fragment_is_a_clear_error() -> None:
    with pytest.raises(ArticleImportError, match="holds no text"):
        parse_fragment("<!--StartFragment-->  <!--EndFragment-->", "empty.html")


def test_a_saved_fragment_imports_from_a_file_as_a_fragment(tmp_path: Path) -> None:
    saved = tmp_path / "ferry-copy.html"
    saved.write_text(CHROMIUM, encoding="utf-8")
    article = import_article(saved)
    assert article.title == "Ferries, tolls and the harbour budget"
    assert article.source_file == "ferry-copy.html"
    assert outline(article.sections)[0] == "What the board proposes"


def test_text_hidden_from_the_screen_goes_to_discarded() -> None:
    html = ARTICLE.replace(
        "<h2>What the board proposes</h2>",
        "<h2 class='sr-only'>Share this story</h2>"
        "<div style='display: none'>Slide two of nine</div>"
        "<h2>What the board proposes</h2>")
    article = parse_fragment(html)
    assert outline(article.sections)[0] == "What the board proposes"
    reasons = {item.text: item.reason for item in article.discarded}
    assert reasons["Share this story"] == "for screen readers only"
    assert reasons["Slide two of nine"] == "hidden on the page"


LEAD = ("<p>The harbour board wants to raise ferry tolls for the first time in nine years, and "
        "the city council must approve the change before the summer timetable starts.</p>")


def test_a_fragment_without_headings_is_all_lead() -> None:
    article = parse_fragment(f"<h1>Ferry tolls rise</h1>{LEAD}{LEAD.replace('nine', 'ten')}")
    assert article.title == "Ferry tolls rise"
    assert article.sections == []
    assert len(article.blocks) == 2


def test_three_heading_ranks_give_three_levels_whatever_tags_they_use() -> None:
    html = (f"<h2>Ferry tolls rise</h2>{LEAD}<h3>Fares</h3>{LEAD}<h4>Passes</h4>{LEAD}"
            f"<h5>Pupils</h5>{LEAD}<h3>Fleet</h3>{LEAD}")
    article = parse_fragment(html)
    assert article.title == "Ferry tolls rise"
    assert outline(article.sections) == ["Fares", "  Passes", "    Pupils", "Fleet"]


def test_a_table_of_contents_goes_to_discarded_and_its_headings_stay() -> None:
    html = ("<h1>Ferry tolls rise</h1>"
            "<ol><li><a href='#fares'>Fares</a></li><li><a href='#fleet'>Fleet</a></li></ol>"
            f"{LEAD}<h2 id='fares'>Fares</h2>{LEAD}<h2 id='fleet'>Fleet</h2>{LEAD}")
    article = parse_fragment(html)
    assert outline(article.sections) == ["Fares", "Fleet"]
    assert [block.text for block in article.blocks] == [article.blocks[0].text]
    assert {item.reason for item in article.discarded} == {"table of contents"}


def test_buttons_and_icons_inside_a_heading_are_not_part_of_its_text() -> None:
    html = ("<h1>Ferry tolls rise</h1>"
            f"{LEAD}<h2>Fares<div class='servings'><button>1x</button><button>2x</button>"
            "</div><svg><text>icon</text></svg></h2>"
            f"{LEAD}<h2>Fleet <span hidden>(collapsed)</span></h2>{LEAD}")
    article = parse_fragment(html)
    assert outline(article.sections) == ["Fares", "Fleet"]


def test_a_short_question_below_the_headline_is_a_section_not_a_standfirst() -> None:
    html = f"<h1>Ferry tolls rise</h1><h2>What is a toll?</h2>{LEAD}<h2>Fleet</h2>{LEAD}"
    article = parse_fragment(html)
    assert article.standfirst == ""
    assert outline(article.sections) == ["What is a toll?", "Fleet"]


def test_a_sentence_below_the_headline_is_the_standfirst() -> None:
    html = (f"<h1>Ferry tolls rise</h1><h2>The board wants more money for new boats.</h2>"
            f"{LEAD}<h2>Fleet</h2>{LEAD}")
    article = parse_fragment(html)
    assert article.standfirst == "The board wants more money for new boats."
    assert outline(article.sections) == ["Fleet"]


def test_a_heading_that_names_part_of_the_headline_stays_and_a_repeat_goes() -> None:
    html = (f"<h1>Harbour ferries: the fleet for 2030</h1>{LEAD}<h2>Harbour ferries</h2>{LEAD}"
            f"<h2>How to board the harbour ferries</h2>{LEAD}"
            f"<h2>Harbour Ferries &mdash; the fleet for 2030</h2>{LEAD}")
    article = parse_fragment(html)
    assert outline(article.sections) == ["Harbour ferries", "How to board the harbour ferries"]
    assert [item.reason for item in article.discarded] == ["repeats the headline"]


def test_a_run_of_linked_headings_and_its_label_are_teasers_even_with_text_after() -> None:
    html = (f"<h1>Ferry tolls rise</h1>{LEAD}<h2>Fares</h2>{LEAD}<h4>More:</h4>"
            "<ul><li><h4><a href='/news/bridge'>Bridge tolls stay</a></h4></li></ul>"
            "<ul><li><h4><a href='/news/buses'>Night buses return</a></h4></li></ul>"
            f"{LEAD.replace('nine', 'ten')}")
    article = parse_fragment(html)
    assert outline(article.sections) == ["Fares"]
    assert len(article.sections[0].blocks) == 2
    assert [(item.text, item.reason) for item in article.discarded] == [
        ("More:", "link to another article"), ("Bridge tolls stay", "link to another article"),
        ("Night buses return", "link to another article")]


def test_hidden_slides_of_a_slideshow_are_read_and_a_lone_hidden_box_is_not() -> None:
    slides = "".join(
        f"<div class='slide{state}' style='display: {shown}'><h2>{number}. {name}</h2>"
        f"{LEAD.replace('nine', name)}</div>"
        for number, name, state, shown in ((3, "Pier", " active", "block"),
                                           (2, "Bridge", " hidden", "none"),
                                           (1, "Ferry", " hidden", "none")))
    html = (f"<h1>Three sights of the harbour</h1>{slides}"
            "<div class='popup' style='display:none'><p>Sign up for our newsletter</p></div>")
    article = parse_fragment(html)
    assert outline(article.sections) == ["3. Pier", "2. Bridge", "1. Ferry"]
    assert all(len(section.blocks) == 1 for section in article.sections)
    assert [(item.text, item.reason) for item in article.discarded] == [
        ("Sign up for our newsletter", "hidden on the page")]


def test_story_cards_whose_heading_sits_inside_a_link_are_teasers() -> None:
    html = (f"<h1>Ferry tolls rise</h1>{LEAD}"
            "<div class='paddle'><a href='/news/bridge'><img src='b.jpg' alt=''>"
            "<div><h4>Bridge tolls stay</h4></div></a></div>"
            "<div class='paddle'><a href='/news/buses'><h4>Night buses return</h4></a></div>")
    article = parse_fragment(html)
    assert article.sections == []
    assert [(item.text, item.reason) for item in article.discarded] == [
        ("Bridge tolls stay", "link to another article"),
        ("Night buses return", "link to another article")]


def test_a_heading_linking_to_the_home_page_is_the_site_name_not_the_headline() -> None:
    html = ("<h1 class='logo'><a href='https://harbour.example/'>Harbour Review</a></h1>"
            f"<h1>Ferry tolls rise</h1>{LEAD}<h2>Fares</h2>{LEAD}")
    article = parse_fragment(html)
    assert article.title == "Ferry tolls rise"
    assert outline(article.sections) == ["Fares"]
    assert [(item.text, item.reason) for item in article.discarded] == [
        ("Harbour Review", "site name")]


def test_a_short_heading_over_a_menu_is_its_label_and_a_see_also_list_stays() -> None:
    html = ("<h3>Site navigation</h3><ul role='navigation'><li><a href='/news'>News</a></li>"
            "<li><a href='/sport'>Sport</a></li></ul>"
            f"<h1>Ferry tolls rise</h1>{LEAD}<h2>See also</h2>"
            "<ul><li><a href='/bridge'>Bridge</a></li><li><a href='/buses'>Buses</a></li></ul>"
            f"<h2>Fares</h2>{LEAD}")
    article = parse_fragment(html)
    assert article.title == "Ferry tolls rise"
    assert outline(article.sections) == ["See also", "Fares"]
    assert ("Site navigation", "label of a menu") in [
        (item.text, item.reason) for item in article.discarded]


def test_an_element_of_class_hidden_is_hidden_and_a_class_merely_containing_it_is_not() -> None:
    html = (f"<h1>Ferry tolls rise</h1>{LEAD}<div class='tooltip hidden'><h6>Read later</h6>"
            f"</div><h2>Fares</h2><div class='overflow-hidden'>{LEAD}</div>")
    article = parse_fragment(html)
    assert outline(article.sections) == ["Fares"]
    assert len(article.sections[0].blocks) == 1
    assert [(item.text, item.reason) for item in article.discarded] == [
        ("Read later", "hidden on the page")]


def test_share_buttons_styled_buttons_and_timestamps_do_not_leak_into_the_text() -> None:
    tweet = "https://twitter.com/intent/tweet?text=Ferry%20tolls"
    html = ("<h1>Ferry tolls rise</h1>"
            "<div><amp-timeago datetime='2025-02-03T09:00:00Z'>Monday 3 February 2025 09:00"
            "</amp-timeago></div>"
            f"<div class='stb'><a class='stb-btn' href='{tweet}'><span>TWEET</span></a>"
            "<a href='mailto:?subject=Ferry'><span>EMAIL</span></a></div>"
            f"{LEAD}<div class='read-more-button'><div>Read More</div></div>"
            f"<p><a href='{tweet}'>Tolls rise for the first time in nine years, the board "
            "says</a></p>")
    article = parse_fragment(html)
    texts = [block.text for block in article.blocks]
    assert texts == [texts[0], "Tolls rise for the first time in nine years, the board says"]
    assert article.date == "2025-02-03"
    reasons = {item.text: item.reason for item in article.discarded}
    assert reasons == {"Monday 3 February 2025 09:00": "date line", "TWEET": "share bar",
                       "EMAIL": "share bar", "Read More": "form or button"}


def test_controls_cut_from_a_heading_and_text_loose_in_a_table_go_to_discarded() -> None:
    html = (f"<h1>Ferry tolls rise</h1>{LEAD}<h2>Fares <button>Print</button></h2>{LEAD}"
            "<table>Fare table<tr><td>Single</td><td>2.40</td></tr>Pupils ride free</table>")
    article = parse_fragment(html)
    assert outline(article.sections) == ["Fares"]
    discarded = [(item.text, item.reason) for item in article.discarded]
    assert ("Print", "form or button") in discarded
    assert ("Single | 2.40", "table") in discarded
    table_text = " ".join(text for text, reason in discarded if reason == "table")
    assert "Fare table" in table_text and "Pupils ride free" in table_text


def test_a_short_selection_of_article_text_imports_as_short_plain_text_does() -> None:
    short = ("<!--StartFragment--><p>The harbour board will raise ferry fares in April."
             "</p><!--EndFragment-->")
    article = parse_fragment(short, "short.html")
    assert body_text(article) == "The harbour board will raise ferry fares in April."
