"""Pasting an article: the clipboard's flavours as each platform and browser writes them."""

from __future__ import annotations

import pytest

from briefing.core.errors import ArticleImportError
from briefing.core.importers.clipboard import (
    HTML_TYPE,
    MAX_CLIPBOARD_BYTES,
    PLAIN_TYPE,
    WINDOWS_HTML_TYPE,
    clipboard_html,
    paste_article,
    unwrap_fragment,
)

SELECTION = ("<h1>Grain Corridors Reopen</h1>"
             "<p>Ships left the three southern ports on Monday for the first time since May.</p>"
             "<h2>Insurance</h2>"
             "<p>Premiums for the crossing fell by a third once escorts were agreed.</p>"
             "<h2>Capacity</h2>"
             "<ul><li>Forty berths are working again.</li><li>Rail links remain cut.</li></ul>")
PAGE_URL = "https://news.example.org/2025/grain-corridors"


def chromium_html(selection: str = SELECTION) -> bytes:
    return ("<html><body>\r\n<!--StartFragment-->" + selection
            + "<!--EndFragment-->\r\n</body>\r\n</html>").encode("utf-8")


def firefox_html(selection: str = SELECTION) -> bytes:
    """Firefox on Linux: UTF-16 with a leading <meta>."""
    markup = '<meta http-equiv="content-type" content="text/html; charset=utf-8">' + selection
    return markup.encode("utf-16")


def windows_cf_html(selection: str = SELECTION, source_url: str = PAGE_URL) -> bytes:
    """CF_HTML with correct byte offsets, as Windows browsers write it."""
    template = ("Version:0.9\r\nStartHTML:{0:010d}\r\nEndHTML:{1:010d}\r\n"
                "StartFragment:{2:010d}\r\nEndFragment:{3:010d}\r\nSourceURL:" + source_url
                + "\r\n")
    header_length = len(template.format(0, 0, 0, 0).encode("utf-8"))
    before = "<html><body>\r\n<!--StartFragment-->"
    after = "<!--EndFragment-->\r\n</body>\r\n</html>"
    body = (before + selection + after).encode("utf-8")
    start_fragment = header_length + len(before.encode("utf-8"))
    end_fragment = start_fragment + len(selection.encode("utf-8"))
    header = template.format(header_length, header_length + len(body), start_fragment,
                             end_fragment)
    return header.encode("utf-8") + body


def headings(flavours: dict[str, bytes]) -> tuple[str, list[str]]:
    article = paste_article(flavours)
    return article.title, [section.heading for section in article.sections]


EXPECTED = ("Grain Corridors Reopen", ["Insurance", "Capacity"])


def test_chromium_fragment_gives_the_structure_of_the_selection() -> None:
    assert headings({HTML_TYPE: chromium_html(), PLAIN_TYPE: b"ignored"}) == EXPECTED


def test_firefox_fragment_in_utf16_with_its_source_address() -> None:
    flavours = {HTML_TYPE: firefox_html(),
                "text/x-moz-url-priv": PAGE_URL.encode("utf-16-le")}
    assert headings(flavours) == EXPECTED
    selection = clipboard_html(flavours)
    assert selection is not None and selection.source_url == PAGE_URL
    assert "<meta" not in selection.fragment


def test_windows_cf_html_gives_the_fragment_and_source_url() -> None:
    selection = clipboard_html({WINDOWS_HTML_TYPE: windows_cf_html(),
                                HTML_TYPE: chromium_html()})
    assert selection is not None
    assert selection.source_url == PAGE_URL
    assert selection.fragment == SELECTION
    assert paste_article({WINDOWS_HTML_TYPE: windows_cf_html()}).url == PAGE_URL


def test_cf_html_in_the_html_flavour_itself_is_unwrapped() -> None:
    selection = clipboard_html({HTML_TYPE: windows_cf_html()})
    assert selection is not None and selection.fragment == SELECTION


@pytest.mark.parametrize(("start_html", "end_html"), [
    ("-1", "-1"), ("99999999999", "99999999999"), ("0000000000", "0000000040"),
    ("0000000012", "-1"), ("x", "0000000000")])
def test_cf_html_with_wrong_offsets_still_gives_the_fragment(start_html: str,
                                                             end_html: str) -> None:
    # Some programs write -1, offsets past the end, or offsets that count characters.
    data = windows_cf_html().decode()
    header, _, rest = data.partition("StartFragment:")
    header = header.split("\r\n")
    header[1], header[2] = f"StartHTML:{start_html}", f"EndHTML:{end_html}"
    flavours = {WINDOWS_HTML_TYPE: ("\r\n".join(header) + "StartFragment:" + rest).encode()}
    selection = clipboard_html(flavours)
    assert selection is not None and selection.fragment == SELECTION
    assert selection.source_url == PAGE_URL


def test_chromium_source_url_flavour_is_used() -> None:
    selection = clipboard_html({HTML_TYPE: chromium_html(),
                                "chromium/x-source-url": PAGE_URL.encode()})
    assert selection is not None and selection.source_url == PAGE_URL


@pytest.mark.parametrize("address", ["javascript:alert(1)", "file:///home/me/page.html",
                                     "not an address"])
def test_source_address_that_is_not_a_web_address_is_dropped(address: str) -> None:
    selection = clipboard_html({HTML_TYPE: chromium_html(),
                                "text/x-moz-url-priv": address.encode()})
    assert selection is not None and selection.source_url == ""


def test_unwrap_takes_only_the_text_between_the_markers() -> None:
    markup = "<html><body><p>before</p><!-- StartFragment --><p>kept</p><!--EndFragment-->"
    assert unwrap_fragment(markup) == "<p>kept</p>"


def test_plain_text_goes_to_the_text_importer() -> None:
    text = ("Grain Corridors Reopen\n\nShips left the three southern ports on Monday.\n\n"
            "1. Insurance\n\nPremiums fell by a third once escorts were agreed.\n\n"
            "2. Capacity\n\nForty berths are working again.\n")
    article = paste_article({PLAIN_TYPE: text.encode("utf-8")})
    assert article.title == "Grain Corridors Reopen"
    assert [section.heading for section in article.sections] == ["Insurance", "Capacity"]
    assert article.source_file == ""


def test_html_without_text_falls_back_to_plain_text() -> None:
    article = paste_article({HTML_TYPE: b"<img src='x.png'>",
                             PLAIN_TYPE: b"Harbour Notes\n\nThe pier reopens in June.\n"})
    assert article.title == "Harbour Notes"


def test_empty_clipboard_is_refused_with_what_to_do() -> None:
    with pytest.raises(ArticleImportError) as caught:
        paste_article({})
    assert str(caught.value).startswith("Clipboard: has no text to paste.")
    assert "copy it (Ctrl+C)" in str(caught.value)


def test_image_on_the_clipboard_is_refused() -> None:
    with pytest.raises(ArticleImportError) as caught:
        paste_article({}, other_types=["image/png"])
    assert "holds an image, not an article's text" in str(caught.value)


@pytest.mark.parametrize("flavours", [
    {PLAIN_TYPE: f"  {PAGE_URL}\n".encode()},
    {HTML_TYPE: f'<a href="{PAGE_URL}">{PAGE_URL}</a>'.encode(), PLAIN_TYPE: PAGE_URL.encode()},
])
def test_an_address_alone_on_the_clipboard_points_to_the_web_address_import(
        flavours: dict[str, bytes]) -> None:
    """Copying the address bar and pasting made an empty article named "Clipboard"."""
    with pytest.raises(ArticleImportError) as caught:
        paste_article(flavours)
    assert str(caught.value).startswith(f"Clipboard: holds a web address ({PAGE_URL}), not "
                                        "an article's text.")
    assert "File → Import from Web Address" in caught.value.hint


@pytest.mark.parametrize("flavours", [
    {HTML_TYPE: chromium_html("<p>Ferries to the outer islands will run twice a day from "
                              "June, the operator said.</p><h2>Fares</h2><p>Fares stay "
                              "the same for residents.</p>")},
    {PLAIN_TYPE: b"Ferries to the outer islands will run twice a day from June, the operator "
                 b"said.\n"},
])
def test_a_paste_without_a_headline_is_titled_by_its_first_words(
        flavours: dict[str, bytes]) -> None:
    """Not "Clipboard" for every such paste: two different ones would look like one article."""
    article = paste_article(flavours)
    assert article.title == "Ferries to the outer islands will run twice a day\u2026"


def test_clipboard_over_the_limit_is_refused() -> None:
    huge = b"a" * (MAX_CLIPBOARD_BYTES + 1)
    with pytest.raises(ArticleImportError) as caught:
        paste_article({PLAIN_TYPE: huge})
    assert "more than the 20 MB an article can be" in str(caught.value)
    assert "File → Import" in str(caught.value)


def test_pasted_sections_have_no_ids_yet() -> None:
    article = paste_article({HTML_TYPE: chromium_html()})
    assert all(section.id == "" for section in article.walk())


def test_scripts_and_javascript_links_never_reach_the_outline() -> None:
    hostile = (SELECTION + "<script>document.title='alert(1)'</script>"
               "<p>Read the <a href=\"javascript:alert(2)\">full statement</a> online.</p>")
    article = paste_article({HTML_TYPE: chromium_html(hostile),
                             "text/x-moz-url-priv": b"javascript:alert(3)"})
    texts = [article.title, article.url,
             *(block.text for block in article.blocks),
             *(block.text for section in article.walk() for block in section.blocks),
             *(item.text for item in article.discarded)]
    assert not any("alert(" in text or "javascript:" in text for text in texts)
    assert any(text.startswith("Read the") for text in texts)


@pytest.mark.parametrize(("text", "problem"), [
    (b"/home/analyst/reports/harbour-review.docx\n",
     "holds no article text, only the line \u201c/home/analyst/reports/harbour-review.docx\u201d"),
    (b"/home/analyst/a.txt\n/home/analyst/b.txt\n", "holds no article text"),
])
def test_a_paste_that_would_make_an_article_without_text_is_refused(
        text: bytes, problem: str) -> None:
    """A path copied in a file manager made an empty article named after it."""
    with pytest.raises(ArticleImportError) as caught:
        paste_article({PLAIN_TYPE: text}, other_types=["text/uri-list"])
    assert str(caught.value).startswith(f"Clipboard: {problem}.")
    assert "copy it (Ctrl+C)" in caught.value.hint
