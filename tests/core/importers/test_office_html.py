"""Word's and Outlook's HTML (a copy, or a document saved as a web page) read as the document's
structure; Google Docs and LibreOffice copies read as before."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from briefing.core.importers import import_article
from briefing.core.importers.clipboard import HTML_TYPE, PLAIN_TYPE, paste_article
from briefing.core.importers.fragment import parse_fragment
from briefing.core.importers.html import parse_html
from briefing.core.importers.html_furniture import REASON_CAPTION, REASON_TOC
from briefing.core.importers.html_office import (
    is_office_document,
    is_office_markup,
    rewrite_office,
)
from briefing.core.importers.html_tables import REASON_TABLE
from briefing.core.model import Article, BlockKind
from tests.core.importers.office_markup import (
    DEPOT,
    DOCUMENT_CLOSE,
    DOCUMENT_OPEN,
    LEAD,
    PLAN,
    cf_html,
    filtered_list_paragraph,
    list_paragraph,
    normal,
    spacing,
    word_clipboard,
    word_contents,
    word_selection,
)
from tests.core.importers.outline_views import body_text, outline

WORD_OUTLINE = ["Choosing a site", "  The sites", "Next steps"]
BULLETS = ["level ground near the line", "room for twenty trams", "space for a paint shop",
           "a road for the lorries"]
NUMBERED = ["cost the three sites", "survey the ground", "ask the grid operator",
            "report to the committee"]


def _items(article: Article, kind: BlockKind) -> list[str]:
    return [block.text for section in article.walk() for block in section.blocks
            if block.kind == kind]


def _assert_word_structure(article: Article) -> None:
    """What a reader of the Word document sees, in the outline."""
    assert article.title == "Tram depot plans"
    assert article.standfirst == "Three sites for the second depot"
    assert [block.text for block in article.blocks] == [LEAD]
    assert outline(article.sections) == WORD_OUTLINE
    assert _items(article, BlockKind.BULLET) == BULLETS
    assert _items(article, BlockKind.NUMBERED) == NUMBERED
    assert article.sections[0].blocks[0].text == DEPOT
    assert article.sections[1].blocks[0].text == PLAN


def test_a_word_copy_gives_title_subtitle_headings_and_lists() -> None:
    _assert_word_structure(parse_fragment(word_clipboard(word_selection()), "c.html"))


def test_the_windows_cf_html_header_before_word_markup_is_read() -> None:
    article = parse_fragment(cf_html(word_clipboard(word_selection())), "c.html")
    _assert_word_structure(article)
    assert "Version" not in body_text(article)


def test_pasting_word_markup_from_the_clipboard() -> None:
    flavours = {HTML_TYPE: cf_html(word_clipboard(word_selection())).encode("utf-8"),
                PLAIN_TYPE: b"Tram depot plans\r\nThree sites for the second depot\r\n"}
    _assert_word_structure(paste_article(flavours))


def test_markers_padding_and_spacing_leave_no_trace_in_the_text() -> None:
    article = parse_fragment(word_clipboard(word_selection()), "c.html")
    text = body_text(article)
    for marker in ("\u00b7", "\u00a7", "1.", "a)", "\u00a0", "supportLists", "endif"):
        assert marker not in text
    assert all(block.text.strip() for section in article.walk() for block in section.blocks)
    assert not any(item.text.startswith(("\u00b7", "o ", "1.")) for item in article.discarded)


def test_a_table_in_word_goes_to_discarded_as_a_table() -> None:
    article = parse_fragment(word_clipboard(word_selection()), "c.html")
    assert ("North yard | 4.2 | high", REASON_TABLE) in [
        (item.text, item.reason) for item in article.discarded]
    assert "North yard" not in body_text(article)


def test_a_word_table_of_contents_goes_to_discarded_and_its_field_codes_vanish() -> None:
    selection = word_selection().replace("<h1>Choosing", word_contents() + "<h1>Choosing", 1)
    article = parse_fragment(word_clipboard(selection), "c.html")
    _assert_word_structure(article)
    assert [item.reason for item in article.discarded].count(REASON_TOC) == 1
    toc = next(item.text for item in article.discarded if item.reason == REASON_TOC)
    assert toc.startswith("Contents Choosing a site")
    everything = body_text(article) + " ".join(item.text for item in article.discarded)
    assert "TOC" not in everything and "\\h" not in everything


def test_word_quotes_are_quotes_and_captions_go_to_discarded() -> None:
    selection = (normal(LEAD)
                 + "<p class=MsoQuote>We cannot run more trams from one depot.<o:p></o:p></p>"
                 + "<p class=MsoIntenseQuote>The depot is full by seven.<o:p></o:p></p>"
                 + "<p class=MsoCaption>Figure 1: the north yard in winter<o:p></o:p></p>"
                 + normal(PLAN))
    article = parse_fragment(word_clipboard(selection), "c.html")
    assert [(block.kind, block.text) for block in article.blocks] == [
        (BlockKind.PARAGRAPH, LEAD),
        (BlockKind.QUOTE, "We cannot run more trams from one depot."),
        (BlockKind.QUOTE, "The depot is full by seven."),
        (BlockKind.PARAGRAPH, PLAN)]
    assert ("Figure 1: the north yard in winter", REASON_CAPTION) in [
        (item.text, item.reason) for item in article.discarded]


def test_a_bullet_list_then_a_numbered_list_at_the_same_level_stay_two_kinds() -> None:
    selection = ("<p class=MsoTitle>Tram depot plans</p>" + normal(LEAD)
                 + list_paragraph("first bullet point", "\u00b7")
                 + list_paragraph("first numbered step", "1.", list_id=1)
                 + list_paragraph("second numbered step", "2.", list_id=1)
                 + list_paragraph("Ø arrow bullet point", "\u00d8", font="Wingdings"))
    article = parse_fragment(word_clipboard(selection), "c.html")
    assert [(block.kind, block.text) for block in article.blocks[1:]] == [
        (BlockKind.BULLET, "first bullet point"),
        (BlockKind.NUMBERED, "first numbered step"),
        (BlockKind.NUMBERED, "second numbered step"),
        (BlockKind.BULLET, "Ø arrow bullet point")]


@pytest.mark.parametrize("marker", ["1.", "12.", "a)", "(iv)", "B.", "2.3."])
def test_word_numbering_markers_make_numbered_items(marker: str) -> None:
    selection = normal(LEAD) + list_paragraph("an item of the list", marker)
    article = parse_fragment(word_clipboard(selection), "c.html")
    assert [(block.kind, block.text) for block in article.blocks[1:]] == [
        (BlockKind.NUMBERED, "an item of the list")]


def test_list_paragraphs_that_spacing_separates_become_two_lists() -> None:
    import lxml.html

    body = lxml.html.fromstring(
        "<div>" + list_paragraph("one", "\u00b7") + spacing() + list_paragraph("two", "1.")
        + list_paragraph("three", "a)", level=2) + "</div>")
    rewrite_office(body)
    assert [element.tag for element in body] == ["ul", "p", "ol"]
    assert [item.text_content() for item in body[0]] == ["one"]
    assert body[2][0].text_content().startswith("two")
    assert [element.tag for element in body[2][0] if isinstance(element.tag, str)] == [
        "span", "ol"]
    assert body[2][0].find("ol")[0].text_content() == "three"


def test_a_list_marker_between_conditional_comments_alone_is_dropped() -> None:
    selection = normal(LEAD) + (
        "<p class=MsoListParagraph style='text-indent:-18.0pt;mso-list:l0 level1 lfo1'>"
        "<![if !supportLists]><span style='font-family:Symbol'>\u00b7&nbsp;&nbsp; </span>"
        "<![endif]>an item without an Ignore span</p>")
    article = parse_fragment(word_clipboard(selection), "c.html")
    assert [(block.kind, block.text) for block in article.blocks[1:]] == [
        (BlockKind.BULLET, "an item without an Ignore span")]


def test_a_document_saved_from_word_as_a_web_page_imports_with_its_structure(
        tmp_path: Path) -> None:
    page = tmp_path / "depot.htm"
    page.write_text(DOCUMENT_OPEN + "<div class=WordSection1>\r\n" + word_selection()
                    + "</div>\r\n" + DOCUMENT_CLOSE, encoding="utf-8")
    article = import_article(page)
    _assert_word_structure(article)
    assert article.source_file == "depot.htm"


def test_a_filtered_web_page_from_word_imports_with_its_structure(tmp_path: Path) -> None:
    body = (
        "<p class=MsoTitle>Tram depot plans</p>\r\n" + normal(LEAD)
        + "<h1>Choosing a site</h1>\r\n" + normal(DEPOT)
        + filtered_list_paragraph("level ground near the line", "\u00b7")
        + filtered_list_paragraph("room for twenty trams", "o", level=2, font="\"Courier New\"")
        + "<h1>Next steps</h1>\r\n" + normal(PLAN)
        + filtered_list_paragraph("cost the three sites", "1.", font="")
        + filtered_list_paragraph("survey the ground", "a.", level=2, font=""))
    page = tmp_path / "depot.htm"
    page.write_text(
        "<html>\r\n<head>\r\n<meta http-equiv=Content-Type content=\"text/html; "
        "charset=utf-8\">\r\n<meta name=Generator content=\"Microsoft Word 15 (filtered)\">\r\n"
        "<style>p.MsoNormal {margin:0cm;}</style>\r\n</head>\r\n<body lang=EN-GB>\r\n"
        f"<div class=WordSection1>\r\n{body}</div>\r\n</body>\r\n</html>\r\n", encoding="utf-8")
    article = import_article(page)
    assert article.title == "Tram depot plans"
    assert [section.heading for section in article.sections] == ["Choosing a site",
                                                                 "Next steps"]
    assert _items(article, BlockKind.BULLET) == ["level ground near the line",
                                                 "room for twenty trams"]
    assert _items(article, BlockKind.NUMBERED) == ["cost the three sites", "survey the ground"]


def test_word_lists_pasted_into_a_web_page_are_lists_in_the_saved_page() -> None:
    page = (Path(__file__).parent / "fixtures" / "html" / "saved_page.html").read_text(
        encoding="utf-8")
    items = (list_paragraph("charities and their halls", "\u00b7")
             + list_paragraph("hospitals on the seafront", "\u00b7")
             + list_paragraph("schools of the district", "o", level=2, font="\"Courier New\"")
             ).replace("<![if !supportLists]>", "<!--[if !supportLists]-->").replace(
                 "<![endif]>", "<!--[endif]-->")
    article = parse_html(page.replace("<h3>Exemptions</h3>", items + "<h3>Exemptions</h3>"),
                         "page.html")
    assert article.title == "Three tests for the new flood levy"
    assert _items(article, BlockKind.BULLET)[:3] == [
        "charities and their halls", "hospitals on the seafront", "schools of the district"]
    assert "\u00b7" not in body_text(article)


def test_word_markers_and_field_codes_between_conditional_comments_go_in_a_saved_page() -> None:
    """Only the conditional comments say what Word's marker and field code are, so the markup
    is rewritten before the comments are taken out."""
    page = (Path(__file__).parent / "fixtures" / "html" / "saved_page.html").read_text(
        encoding="utf-8")
    pasted = (
        "<p class=MsoListParagraph style='text-indent:-18.0pt;mso-list:l0 level1 lfo1'>"
        "<!--[if !supportLists]--><span style='font-family:Symbol'>\u00b7&nbsp;&nbsp; </span>"
        "<!--[endif]-->a marker only the comments enclose</p>"
        "<p class=MsoNormal><!--[if supportFields]--><span style='mso-element:field-begin'>"
        "</span> REF _Ref4471 \\h <span style='mso-element:field-separator'></span>"
        "<!--[endif]-->The levy starts in April.</p>")
    article = parse_html(page.replace("<h3>Exemptions</h3>", pasted + "<h3>Exemptions</h3>"),
                         "page.html")
    assert "a marker only the comments enclose" in _items(article, BlockKind.BULLET)
    assert "The levy starts in April." in _items(article, BlockKind.PARAGRAPH)
    assert "\u00b7" not in body_text(article)
    assert "_Ref4471" not in body_text(article)


def test_a_paragraph_opening_with_a_short_word_is_not_taken_for_a_list_item() -> None:
    selection = normal(LEAD) + (
        "<p class=MsoNormal style='margin-left:36.0pt'>Note<span style='font:7.0pt "
        "\"Times New Roman\"'>&nbsp;&nbsp;</span>the depot team is small.</p>"
        + normal("A <span style='font:7.0pt'> </span>depot is a large building."))
    article = parse_fragment(word_clipboard(selection), "c.html")
    assert [block.kind for block in article.blocks] == [BlockKind.PARAGRAPH] * 3


def test_outlook_heading_classes_are_headings_ranked_as_in_any_copy() -> None:
    selection = (
        "<div class=WordSection1><p class=MsoNormal>Hello all,<o:p></o:p></p>" + spacing()
        + "<p class=MsoHeading1>Depot visit<o:p></o:p></p>" + normal(DEPOT)
        + "<p class=MsoHeading2>Getting there<o:p></o:p></p>" + normal(PLAN)
        + "<ul style='margin-top:0cm' type=disc><li class=MsoListParagraph "
          "style='margin-left:0cm;mso-list:l0 level1 lfo1'>bring boots<o:p></o:p></li></ul>"
        + "</div>")
    html = ("<html xmlns:o=\"urn:schemas-microsoft-com:office:office\"><head>"
            "<meta name=Generator content=\"Microsoft Word 15 (filtered medium)\"></head>"
            f"<body><!--StartFragment-->{selection}<!--EndFragment--></body></html>")
    article = parse_fragment(html, "mail.html")
    assert article.title == "Depot visit"
    assert outline(article.sections) == ["Getting there"]
    assert _items(article, BlockKind.BULLET) == ["bring boots"]


ITEM_WORDS = st.lists(st.sampled_from(["depot", "tram", "the", "12", "caf\u00e9", "&amp;", "o",
                                        "a)", "\u00b7", "2."]), min_size=1, max_size=5)
MARKERS = st.sampled_from([("\u00b7", "Symbol", BlockKind.BULLET),
                           ("o", "\"Courier New\"", BlockKind.BULLET),
                           ("\u00a7", "Wingdings", BlockKind.BULLET),
                           ("1.", "Calibri", BlockKind.NUMBERED),
                           ("b)", "Calibri", BlockKind.NUMBERED),
                           ("iv.", "Calibri", BlockKind.NUMBERED)])
LIST_ITEMS = st.lists(st.tuples(ITEM_WORDS, MARKERS, st.integers(1, 4), st.booleans(),
                                st.booleans()), min_size=1, max_size=12)


@settings(max_examples=80, deadline=None)
@given(LIST_ITEMS)
def test_every_list_paragraph_is_one_item_of_its_kind_in_order(
        items: list[tuple[list[str], tuple[str, str, BlockKind], int, bool, bool]]) -> None:
    import html as html_lib

    markup = normal(LEAD)
    expected: list[tuple[BlockKind, str]] = []
    for words, (marker, font, kind), level, filtered, spaced in items:
        text = " ".join(words)
        if filtered:
            markup += filtered_list_paragraph(text, marker, level, font)
        else:
            markup += list_paragraph(text, marker, level, font=font)
        if spaced:
            markup += spacing()
        expected.append((kind, " ".join(html_lib.unescape(text).split())))
    article = parse_fragment(word_clipboard(markup), "c.html")
    assert [(block.kind, block.text) for block in article.blocks[1:]] == expected


def test_office_markup_is_recognised_by_its_signs() -> None:
    assert is_office_document(DOCUMENT_OPEN)
    assert is_office_document("<meta name=Generator content=\"Microsoft Word 15 (filtered)\">")
    assert is_office_document("<meta name=ProgId content=Word.Document>")
    assert not is_office_document("<p class=MsoNormal>pasted once into a web page</p>")
    assert not is_office_document("<html xmlns:o=\"urn:schemas-microsoft-com:office:office\">"
                                  "<meta name=\"GENERATOR\" content=\"Microsoft FrontPage 4.0\">")
    assert is_office_markup("<html xmlns:o=\"urn:schemas-microsoft-com:office:office\">")
    assert is_office_markup("<p class=MsoNormal>pasted once into a web page</p>")
    assert is_office_markup("<p style='mso-list:l0 level1 lfo1'>item</p>")
    for other in ("<p class=\"intro\">A web page</p>",
                  "<meta name=\"generator\" content=\"LibreOffice 7.3 (Linux)\">",
                  "<b id=\"docs-internal-guid-12ab\"><p>A Google Docs copy</p></b>"):
        assert not is_office_markup(other)


GOOGLE_DOCS = (
    "<meta charset=\"utf-8\"><b style=\"font-weight:normal;\" "
    "id=\"docs-internal-guid-4f2a9c31-7fff-1b2c-8d9e-0a1b2c3d4e5f\">"
    "<h1 dir=\"ltr\" style=\"line-height:1.38;margin-top:20pt;margin-bottom:6pt;\">"
    "<span style=\"font-size:20pt;font-family:Arial;font-weight:400;\">Tram depot plans</span>"
    "</h1><p dir=\"ltr\" style=\"line-height:1.38;margin-top:0pt;margin-bottom:0pt;\">"
    f"<span style=\"font-size:11pt;font-family:Arial;font-weight:400;\">{LEAD}</span></p>"
    "<h2 dir=\"ltr\" style=\"line-height:1.38;margin-top:18pt;margin-bottom:6pt;\">"
    "<span style=\"font-size:16pt;font-weight:400;\">Choosing a site</span></h2>"
    f"<p dir=\"ltr\" style=\"line-height:1.38;\"><span style=\"font-size:11pt;\">{DEPOT}</span>"
    "</p><ul style=\"margin-top:0;margin-bottom:0;padding-inline-start:48px;\">"
    "<li dir=\"ltr\" style=\"list-style-type:disc;font-size:11pt;\" aria-level=\"1\">"
    "<p dir=\"ltr\" style=\"line-height:1.38;\" role=\"presentation\"><span>level ground near "
    "the line</span></p></li><li dir=\"ltr\" style=\"list-style-type:disc;\" aria-level=\"1\">"
    "<p dir=\"ltr\" role=\"presentation\"><span>room for twenty trams</span></p></li></ul>"
    "<h2 dir=\"ltr\"><span style=\"font-size:16pt;\">Next steps</span></h2>"
    f"<p dir=\"ltr\"><span style=\"font-size:11pt;\">{PLAN}</span></p><ol style=\"margin-top:0;"
    "\"><li dir=\"ltr\" style=\"list-style-type:decimal;\" aria-level=\"1\"><p dir=\"ltr\" "
    "role=\"presentation\"><span>cost the three sites</span></p></li></ol><br /></b>")


LIBREOFFICE = (
    "<!DOCTYPE HTML PUBLIC \"-//W3C//DTD HTML 4.0 Transitional//EN\">\n<html><head>"
    "<meta http-equiv=\"content-type\" content=\"text/html; charset=utf-8\"/><title></title>"
    "<meta name=\"generator\" content=\"LibreOffice 7.3.7.2 (Linux)\"/><style type=\"text/css\">"
    "p { margin-bottom: 0.25cm; line-height: 115% }</style></head>"
    "<body lang=\"en-GB\" dir=\"ltr\"><h1 class=\"western\">Tram depot plans</h1>"
    f"<p style=\"margin-bottom: 0cm; line-height: 100%\">{LEAD}</p>"
    "<h2 class=\"western\">Choosing a site</h2>"
    f"<p style=\"margin-bottom: 0cm; line-height: 100%\">{DEPOT}</p>"
    "<ul><li><p style=\"margin-bottom: 0cm; line-height: 100%\">level ground near the line</p>"
    "<li><p style=\"margin-bottom: 0cm; line-height: 100%\">room for twenty trams</p></ul>"
    "<h2 class=\"western\">Next steps</h2>"
    f"<p style=\"margin-bottom: 0cm; line-height: 100%\">{PLAN}</p>"
    "<ol><li><p style=\"margin-bottom: 0cm; line-height: 100%\">cost the three sites</p></ol>"
    "</body></html>")


@pytest.mark.parametrize("html", [GOOGLE_DOCS, LIBREOFFICE], ids=["google-docs", "libreoffice"])
def test_google_docs_and_libreoffice_copies_paste_with_their_structure(html: str) -> None:
    article = paste_article({HTML_TYPE: html.encode("utf-8"), PLAIN_TYPE: b"Tram depot plans"})
    assert article.title == "Tram depot plans"
    assert [block.text for block in article.blocks] == [LEAD]
    assert [section.heading for section in article.sections] == ["Choosing a site",
                                                                 "Next steps"]
    assert _items(article, BlockKind.BULLET) == ["level ground near the line",
                                                 "room for twenty trams"]
    assert _items(article, BlockKind.NUMBERED) == ["cost the three sites"]
    assert article.discarded == []
