"""Rules of the fragment import told by shape: byline and date lines of plain markup."""

from __future__ import annotations

import pytest

from briefing.core.importers.fragment import parse_fragment
from briefing.core.model import Article
from tests.core.importers.outline_views import body_text

LEAD = ("The harbour board wants to raise ferry tolls for the first time in nine years, and the "
        "city council must approve the change before the summer timetable starts in June.")


def _fragment(header: str, lead: str = LEAD) -> str:
    return ("<html><body>\n<!--StartFragment--><h1>Ferry tolls rise in spring</h1>"
            f"{header}<p>{lead}</p><p>Pupils and pensioners keep their free travel outside the "
            "peak hours, as they have since the tolls began.</p><!--EndFragment-->\n"
            "</body></html>")


def _discarded(article: Article) -> list[tuple[str, str]]:
    return [(item.text, item.reason) for item in article.discarded]


def _after_lead(markup: str) -> Article:
    """The article of a fragment with ``markup`` between its first and last paragraphs."""
    return parse_fragment(_fragment("", lead=f"{LEAD}</p>{markup}<p>"), "f.html")


@pytest.mark.parametrize(("line", "reason"), [
    ("By Ines Okafor, March 3, 2025 2:30 pm", "byline"),
    ("Reviewed by Dr Ana Ruiz, MD", "byline"),
    ("// By Ines Okafor \u2022 Mar 3, 2025", "byline"),
    ("09 Mar 2025", "date line"),
    ("Mar 3, 2025 \u00b7 6 min read", "date line"),
    ("Updated: March 3, 2025", "date line"),
    ("Ines Okafor 2 days ago", "date line"),
])
def test_plain_byline_and_date_lines_below_the_headline_are_discarded(
        line: str, reason: str) -> None:
    article = parse_fragment(_fragment(f"<div>{line}</div>"), "f.html")
    assert line not in body_text(article)
    assert (line, reason) in _discarded(article)
    assert article.blocks[0].text == LEAD


def test_a_plain_byline_fills_the_author_and_date() -> None:
    article = parse_fragment(_fragment("<p>By Ines Okafor | 3 March 2025</p>"), "f.html")
    assert (article.author, article.date) == ("Ines Okafor", "2025-03-03")


def test_a_publication_beside_a_plain_byline_fills_the_publisher() -> None:
    article = parse_fragment(
        _fragment("<p>By Ines Okafor | Ferry Gazette | 3 March 2025</p>"), "f.html")
    assert (article.author, article.publisher, article.date) == (
        "Ines Okafor", "Ferry Gazette", "2025-03-03")


@pytest.mark.parametrize("sentence", [
    "By March, the fares had risen twice.",
    "On 3 March 2025 the council voted.",
    "Ferry fares since 3 March 2025!",
])
def test_short_sentences_with_a_date_or_by_stay_in_the_body(sentence: str) -> None:
    article = parse_fragment(_fragment(f"<p>{sentence}</p>"), "f.html")
    assert article.blocks[0].text == sentence


def test_date_lines_after_the_first_long_paragraph_stay() -> None:
    article = _after_lead("<p>3 March 2025</p>")
    assert "3 March 2025" in body_text(article)


@pytest.mark.parametrize("pointer", [
    '<p>Read more: <a href="/news/pier-repairs">Pier repairs run late again</a></p>',
    '<p><strong>SEE ALSO</strong>: <a href="https://other.example/x">The island timetable</a></p>',
    '<div>Related: <a href="/b"><u>Five ferries to know</u></a></div>',
])
def test_a_labelled_link_to_another_article_is_discarded(pointer: str) -> None:
    article = _after_lead(pointer)
    assert ":" not in body_text(article)
    assert [item.reason for item in article.discarded] == ["related links"]


@pytest.mark.parametrize("paragraph", [
    'Read more: the board <a href="/report">published its report</a> on Monday',
    'See also: <a href="#fares">the fares below</a>',
    'Read <a href="/report">the report</a>',
])
def test_a_paragraph_with_more_than_a_labelled_link_stays(paragraph: str) -> None:
    article = _after_lead(f"<p>{paragraph}</p>")
    assert not article.discarded


def test_a_closing_list_of_web_addresses_is_a_section_of_sources() -> None:
    article = _after_lead(
        '<h2>Sources</h2><ul><li><a href="https://board.example/fares">'
        'https://board.example/fares</a></li><li><a href="https://city.example/budget">'
        'www.city.example/budget</a></li></ul>')
    assert [section.label for section in article.sections] == ["Sources"]
    assert [block.text for block in article.sections[0].blocks[:2]] == [
        "https://board.example/fares", "www.city.example/budget"]


def test_a_list_of_short_links_is_still_a_menu() -> None:
    menu = ('<ul><li><a href="https://board.example/">Board</a></li>'
            '<li><a href="https://city.example/">City news</a></li></ul>')
    article = parse_fragment(_fragment(menu), "f.html")
    assert "Board" not in body_text(article)
    assert [item.reason for item in article.discarded] == ["list of short links"]


@pytest.mark.parametrize("label", [
    "Advertisement", "- ADVERTISING -", "Advert", "Sponsored content"])
def test_a_line_that_only_labels_an_ad_is_discarded(label: str) -> None:
    slot = f'<div class="x7q"><center><span>{label}</span><br></center></div>'
    article = _after_lead(slot)
    assert label not in body_text(article)
    assert _discarded(article) == [(label, "advertisement")]


def test_a_paragraph_about_advertising_stays() -> None:
    article = _after_lead("<p>Advertising revenue fell by a tenth</p>")
    assert "Advertising revenue fell by a tenth" in body_text(article)


@pytest.mark.parametrize("badge", [
    '<div style="cursor: pointer; display: -webkit-inline-box"><div class="b"></div></div>',
    '<div style="display:inline-block">(paywall)</div>',
])
def test_a_block_styled_inline_stays_inside_its_line(badge: str) -> None:
    sources = ('<h2>Notes</h2><ol><li>Okafor, Ines (2025). <a href="https://r.example/f">'
               f'"Fares and tolls"</a>{badge}. Harbour Review.</li></ol>')
    article = _after_lead(sources)
    first = article.sections[0].blocks[0].text
    assert first.startswith('Okafor, Ines (2025). "Fares and tolls"')
    assert first.endswith(". Harbour Review.")


def test_a_block_styled_inline_around_paragraphs_still_ends_them() -> None:
    wrapper = (f'<div style="display: inline-block"><p>{LEAD}</p><p>The council meets on '
               'Monday.</p></div>')
    article = _after_lead(wrapper)
    assert "The council meets on Monday." in [block.text for block in article.blocks]


@pytest.mark.parametrize("tags", [
    '<p>in <a rel="category tag" href="/c/coast">Coast</a>, '
    '<a rel="category tag" href="/c/transport">Transport</a></p>',
    '<ul><li><a href="/blog/tags/ferries/">ferries</a>, </li>'
    '<li><a href="/blog/tags/budget/">budget</a></li></ul>',
    '<div>Filed under: <a href="/news">News</a> <a href="/topic/ferries">Ferries</a> '
    '<a href="/topic/tolls">Tolls</a></div>',
])
def test_a_line_of_tag_links_is_discarded_as_tags(tags: str) -> None:
    article = parse_fragment(_fragment(tags), "f.html")
    assert [item.reason for item in article.discarded] == ["tags"]
    assert article.blocks[0].text == LEAD


@pytest.mark.parametrize("line", [
    'Read our <a href="/topic/ferries">ferry coverage</a>',
    '<a href="/news">News</a> <a href="/sport">Sport</a> <a href="/topic/tolls">Tolls</a>',
    '<a href="/topic/ferries">How the new ferries were paid for</a>',
])
def test_a_line_with_words_or_links_of_its_own_is_not_tags(line: str) -> None:
    article = _after_lead(f"<p>{line}</p>")
    assert not [item for item in article.discarded if item.reason == "tags"]


@pytest.mark.parametrize("line", [
    '<div class="meta-x">By <a href="/author/ines-okafor/">Ines Okafor</a></div>',
    '<div><span><a href="/@inesokafor?source=post">Ines Okafor</a></span></div>',
    '<p><a rel="author" href="/i">Ines Okafor</a> and <a rel="author" href="/t">Tom Ruiz</a></p>',
])
def test_a_line_of_author_links_is_the_byline(line: str) -> None:
    article = parse_fragment(_fragment(line), "f.html")
    assert [item.reason for item in article.discarded] == ["byline"]
    assert article.author.startswith("Ines Okafor")
    assert article.blocks[0].text == LEAD


def test_author_links_in_a_heading_or_a_quote_stay() -> None:
    box = ('<blockquote><p>We cannot run an old fleet on goodwill alone.</p>'
           '<div><a href="/author/ines/">Ines Okafor, chair</a></div></blockquote>'
           '<div class="box"><h3><a href="/author/ines/">Ines Okafor</a></h3></div>'
           '<p>Ines Okafor chairs the harbour board and writes on transport.</p>')
    article = _after_lead(box)
    assert "Ines Okafor, chair" in [block.text for block in article.blocks]
    assert [section.label for section in article.sections] == ["Ines Okafor"]


def test_an_author_link_inside_a_sentence_stays() -> None:
    sentence = ('<p>The board asked <span><a href="/author/ines/">Ines Okafor</a></span> '
                'to review the fares.</p>')
    article = _after_lead(sentence)
    assert "The board asked Ines Okafor to review the fares." in body_text(article)


def test_links_under_a_point_with_words_of_its_own_are_its_sub_list() -> None:
    points = ('<ol><li><b>Passes:</b> three kinds are sold<ul>'
              '<li><a href="/passes/day">Day pass</a></li>'
              '<li><a href="/passes/week">Week pass</a></li></ul></li>'
              '<li>Tickets are sold on board as well.</li></ol>')
    article = _after_lead(points)
    texts = [block.text for block in article.blocks]
    assert texts[1:4] == ["Passes: three kinds are sold", "Day pass", "Week pass"]
    assert not article.discarded


def test_a_sub_menu_under_a_link_is_still_a_menu() -> None:
    menu = ('<ul class="x1"><li><a href="/news">News and stories from the harbour</a><ul>'
            '<li><a href="/news/ferries">Ferries</a></li>'
            '<li><a href="/news/tolls">Tolls</a></li></ul></li></ul>')
    article = _after_lead(menu)
    assert "Ferries" not in body_text(article)
    assert ("Ferries Tolls", "list of short links") in _discarded(article)


def _picker(name: str) -> str:
    """A form with a drop-down of a story's twelve parts, as a menu item."""
    options = "".join(f'<option value="{number}">{number}. Part {number} ferries</option>'
                      for number in range(1, 13))
    return f'<li><form action="/s/9"><p><select name="{name}">{options}</select></p></form></li>'


def test_a_menu_with_drop_down_pickers_is_a_menu_and_its_label_goes() -> None:
    menu = ('<h3>Tools</h3><ul class="x2" role="menu"><li><a href="/s/9/all">Whole story</a></li>'
            f'{_picker("part")}{_picker("chapter")}</ul>')
    article = parse_fragment(
        "<html><body>\n<!--StartFragment-->"
        f"{menu}<h2>Ferry tolls rise in spring</h2>{f'<p>{LEAD}</p>' * 6}<p>Pupils keep their "
        "free travel.</p><!--EndFragment-->\n</body></html>", "f.html")
    assert article.title == "Ferry tolls rise in spring"
    assert "Whole story" not in body_text(article)
    assert ("Tools", "label of a menu") in _discarded(article)


def test_a_title_over_a_byline_and_a_box_is_no_menu_label() -> None:
    header = ('<h2>Ferry tolls rise in spring</h2>'
              '<h3 class="byline"><a rel="author" href="/users/ines">Ines Okafor</a></h3>'
              '<div role="complementary"><p>Summary: tolls and fares.</p></div>')
    article = parse_fragment(
        "<html><body>\n<!--StartFragment--><h3>Tools</h3><ul role=\"menu\"><li><a href=\"/a\">"
        f"Whole story</a></li></ul>{header}<h3>Story</h3><p>{LEAD}</p><p>Pupils keep their "
        "free travel.</p><!--EndFragment-->\n</body></html>", "f.html")
    assert article.title == "Ferry tolls rise in spring"
    assert [section.label for section in article.sections] == ["Story"]


def test_a_table_of_one_column_is_a_box_around_a_note() -> None:
    note = ('<table style="background: #eee"><tbody><tr><td>Members can join the fares panel: '
            '<a href="mailto:panel@board.example">write to the board</a>.</td></tr>'
            "<tr><td>It meets monthly.</td></tr></tbody></table>")
    article = _after_lead(note)
    texts = [block.text for block in article.blocks]
    assert texts[1:3] == ["Members can join the fares panel: write to the board.",
                          "It meets monthly."]
    assert not article.discarded


def test_a_table_of_one_column_with_a_header_cell_is_still_a_table() -> None:
    table = "<table><tr><th>Stops</th></tr><tr><td>Depot gate</td></tr></table>"
    article = _after_lead(table)
    assert "Depot gate" not in body_text(article)
    assert ("Depot gate", "table") in _discarded(article)


def test_a_grid_of_columns_is_a_table_though_its_cells_hold_sentences() -> None:
    why = ("The ferry waits at the pier for the late train when the timetable says so, and the "
           "crew records each delay in the log that the harbour board reads every month.")
    rows = "".join(f"<tr><td><p>Stop {number}</p></td><td><p>Open</p></td><td><p>{why}</p></td>"
                   "</tr>" for number in range(1, 4))
    article = _after_lead(f"<table><tbody><tr><td><p><b>Stop</b></p></td><td><p><b>State</b>"
                          f"</p></td><td><p><b>Why</b></p></td></tr>{rows}</tbody></table>")
    assert why not in body_text(article)
    assert ("Stop 1 | Open | " + why, "table") in _discarded(article)


@pytest.mark.parametrize("control", [
    '<div><a href="#" type="button">Show the rest</a></div>',
    '<p><a class="zoom" href="#" title="Bigger photo">Bigger photo</a></p>',
])
def test_a_link_to_nowhere_alone_on_its_line_is_a_control(control: str) -> None:
    article = _after_lead(control)
    words = "Show the rest" if "rest" in control else "Bigger photo"
    assert words not in body_text(article)
    assert (words, "form or button") in _discarded(article)


def test_a_link_to_nowhere_inside_a_sentence_keeps_its_words() -> None:
    sentence = 'The board posts every <a href="#">crossing time</a> on the pier.'
    article = _after_lead(f"<p>{sentence}</p>")
    assert "The board posts every crossing time on the pier." in body_text(article)


def test_a_heading_linked_to_nowhere_is_still_a_heading() -> None:
    article = _after_lead('<h2><a href="#">Fares for pupils</a></h2><p>They stay free.</p>')
    assert [section.label for section in article.sections] == ["Fares for pupils"]


@pytest.mark.parametrize("box", ["gallery-controls", "slideControl", "control-bar"])
def test_a_box_of_gallery_controls_is_discarded(box: str) -> None:
    article = _after_lead(f'<div class="{box}"><div>Photo <span>2</span> of <span>9</span>'
                          '</div><div>Close</div></div>')
    assert "Photo 2 of 9" not in body_text(article)
    assert "Close" not in body_text(article)
    assert ("Photo 2 of 9 Close", "form or button") in _discarded(article)


@pytest.mark.parametrize("box", ["article-aside", "sidebar-box", "postAside"])
def test_a_box_named_aside_is_discarded(box: str) -> None:
    article = _after_lead(f'<div class="{box}"><a href="/tolls.pdf">Download the tolls</a></div>')
    assert "Download the tolls" not in body_text(article)
    assert ("Download the tolls", "aside box") in _discarded(article)
