"""Saved pages and misnamed files as they reach File → Import: the declared charset, the
single-file (MHTML) form, and files whose content is not what their name says."""

from __future__ import annotations

import quopri
from pathlib import Path

import pytest

from briefing.core.errors import ArticleImportError
from briefing.core.importers import SUPPORTED_SUFFIXES, import_article
from briefing.core.importers.html_charset import declared_charset
from tests.core.importers.test_import_entry import Warnings, word_file

HEADLINE = "Ferry Timetable Cut for the Winter"
PAGE = """<!DOCTYPE html>
<html><head>{meta}<title>{headline} | Island Courier</title></head>
<body><nav><a href="/">Home</a> <a href="/news">News</a></nav>
<article><h1>{headline}</h1>
<p>The operator will run two crossings a day instead of five from November, citing fuel costs
and a shortage of crew on the northern route.</p>
<h2>{section}</h2>
<p>Islanders who commute to the mainland said the first boat now leaves too late for the
morning shift, and the council has asked for an early sailing on weekdays.</p>
<p>The operator said it would review the timetable in February once the new vessel arrives
from the yard and the crew training is complete.</p>
</article></body></html>
"""


def page(meta: str = "", headline: str = HEADLINE, section: str = "Commuters") -> str:
    return PAGE.format(meta=meta, headline=headline, section=section)


@pytest.mark.parametrize("meta", [
    '<meta charset="windows-1251">',
    '<meta http-equiv="Content-Type" content="text/html; charset=windows-1251">',
])
def test_a_page_is_read_in_the_charset_its_meta_tag_declares(tmp_path: Path, meta: str) -> None:
    path = tmp_path / "ferry.html"
    path.write_bytes(page(meta, headline="Паромное расписание сокращено",
                          section="Пассажиры").encode("cp1251"))
    warnings = Warnings()
    article = import_article(path, warn=warnings)
    assert article.title == "Паромное расписание сокращено"
    assert [section.heading for section in article.sections] == ["Пассажиры"]
    assert warnings == []


def test_a_page_declared_windows_1252_imports_without_a_warning(tmp_path: Path) -> None:
    path = tmp_path / "ferry.htm"
    meta = '<meta http-equiv="Content-Type" content="text/html; charset=windows-1252">'
    path.write_bytes(page(meta, section="Caf\u00e9 owners \u2014 na\u00efve hopes?")
                     .encode("cp1252"))
    warnings = Warnings()
    article = import_article(path, warn=warnings)
    assert [section.heading for section in article.sections] == [
        "Caf\u00e9 owners \u2014 na\u00efve hopes?"]
    assert warnings == []


def test_a_page_declared_latin_1_is_read_as_browsers_read_it(tmp_path: Path) -> None:
    # Browsers read ISO-8859-1 as Windows-1252, whose quotes pages often use.
    path = tmp_path / "ferry.html"
    path.write_bytes(page('<meta charset="iso-8859-1">', section="\u201cToo late\u201d")
                     .encode("cp1252"))
    assert [section.heading for section in import_article(path).sections] == [
        "\u201cToo late\u201d"]


def test_a_page_in_utf8_whose_meta_tag_names_another_charset_is_read_as_utf8(
        tmp_path: Path) -> None:
    path = tmp_path / "ferry.html"
    heading = "Caf\u00e9 owners \u2014 \u201cnext\u201d"
    path.write_bytes(page('<meta charset="iso-8859-7">', section=heading).encode())
    warnings = Warnings()
    article = import_article(path, warn=warnings)
    assert [section.heading for section in article.sections] == [heading]
    assert len(warnings) == 1
    assert "declares the character set iso8859-7 but is written in UTF-8" in warnings[0]


def test_a_byte_order_mark_wins_over_the_declared_charset(tmp_path: Path) -> None:
    path = tmp_path / "ferry.html"
    path.write_bytes(page('<meta charset="windows-1251">', section="Caf\u00e9 owners")
                     .encode("utf-16"))
    assert [section.heading for section in import_article(path).sections] == ["Caf\u00e9 owners"]


def test_an_undeclared_page_that_is_not_utf8_still_warns(tmp_path: Path) -> None:
    path = tmp_path / "ferry.html"
    path.write_bytes(page(section="Caf\u00e9 owners").encode("cp1252"))
    warnings = Warnings()
    article = import_article(path, warn=warnings)
    assert [section.heading for section in article.sections] == ["Caf\u00e9 owners"]
    assert len(warnings) == 1 and "not UTF-8; read as Windows-1252" in warnings[0]


@pytest.mark.parametrize(("head", "expected"), [
    (b'<meta charset="utf-8">', "utf-8"),
    (b'<meta charset="UTF-16">', None),  # a page readable as ASCII is not UTF-16
    (b'<meta charset="no-such-charset">', None),
    (b'<?xml version="1.0" encoding="koi8-r"?><html>', "koi8-r"),
    (b"<p>charset=koi8-r in the text, not in a meta tag</p>", None),
])
def test_declared_charset(head: bytes, expected: str | None) -> None:
    assert declared_charset(head) == expected


# ------------------------------------------------------------------------------ single file

def web_archive(html: str, *, charset: str = "utf-8", location: str = "") -> bytes:
    """A page saved as Chrome saves "Webpage, Single File": quoted-printable HTML and a picture."""
    snapshot = f"Snapshot-Content-Location: {location}\r\n" if location else ""
    body = quopri.encodestring(html.encode(charset).replace(b"\n", b"\r\n")).decode("ascii")
    return (f"From: <Saved by Blink>\r\n{snapshot}Subject: {HEADLINE}\r\n"
            "MIME-Version: 1.0\r\n"
            'Content-Type: multipart/related;\r\n\ttype="text/html";\r\n'
            '\tboundary="----MultipartBoundary--abc123----"\r\n\r\n'
            "------MultipartBoundary--abc123----\r\n"
            f"Content-Type: text/html; charset={charset}\r\n"
            "Content-Transfer-Encoding: quoted-printable\r\n"
            "Content-Location: https://courier.example.org/news/ferry\r\n\r\n"
            f"{body}\r\n"
            "------MultipartBoundary--abc123----\r\n"
            "Content-Type: image/png\r\nContent-Transfer-Encoding: base64\r\n"
            "Content-Location: https://courier.example.org/pic.png\r\n\r\n"
            "iVBORw0KGgo=\r\n"
            "------MultipartBoundary--abc123------\r\n").encode("ascii")


@pytest.mark.parametrize("suffix", [".mhtml", ".mht"])
def test_a_page_saved_as_a_single_file_imports_as_the_page(tmp_path: Path, suffix: str) -> None:
    path = tmp_path / f"ferry{suffix}"
    path.write_bytes(web_archive(page(section="Caf\u00e9 owners"),
                                 location="https://courier.example.org/news/ferry"))
    article = import_article(path)
    assert article.title == HEADLINE
    assert [section.heading for section in article.sections] == ["Caf\u00e9 owners"]
    assert article.url == "https://courier.example.org/news/ferry"
    assert "=\n" not in article.sections[0].blocks[0].text  # no quoted-printable left
    assert SUPPORTED_SUFFIXES[suffix] == "Web page, single file"


def test_a_single_file_page_in_another_charset(tmp_path: Path) -> None:
    path = tmp_path / "ferry.mht"
    path.write_bytes(web_archive(page(section="Пассажиры"), charset="koi8-r"))
    assert [section.heading for section in import_article(path).sections] == ["Пассажиры"]


@pytest.mark.parametrize("meta", ['<meta charset="koi8-r">', ""])
def test_a_single_file_page_whose_part_names_an_unknown_charset(tmp_path: Path,
                                                                 meta: str) -> None:
    """The page's own declaration is read next, then UTF-8; line ends come out as one."""
    charset = "koi8-r" if meta else "utf-8"
    archive = web_archive(page(meta, section="Пассажиры"), charset=charset)
    path = tmp_path / "ferry.mht"
    path.write_bytes(archive.replace(f"charset={charset}\r\n".encode(), b"charset=x-none\r\n"))
    article = import_article(path)
    assert [section.heading for section in article.sections] == ["Пассажиры"]
    assert "\r" not in article.blocks[0].text


def test_a_single_file_archive_without_a_page_says_what_to_do(tmp_path: Path) -> None:
    path = tmp_path / "pictures.mhtml"
    path.write_bytes(b"MIME-Version: 1.0\r\nContent-Type: multipart/related; boundary=\"b\"\r\n"
                     b"\r\n--b\r\nContent-Type: image/png\r\n\r\nxx\r\n--b--\r\n")
    with pytest.raises(ArticleImportError) as caught:
        import_article(path)
    assert caught.value.path == str(path)
    assert "no web page in it" in str(caught.value)
    assert "Webpage, HTML only" in str(caught.value)


def test_an_mhtml_name_on_a_plain_page_reads_the_page(tmp_path: Path) -> None:
    path = tmp_path / "ferry.mhtml"
    path.write_text(page(), encoding="utf-8")
    assert import_article(path).title == HEADLINE


# ------------------------------------------------------------------------------ misnamed files

@pytest.mark.parametrize("suffix", [".txt", ".md"])
def test_a_web_page_named_as_text_is_read_as_a_page(tmp_path: Path, suffix: str) -> None:
    path = tmp_path / f"ferry{suffix}"
    path.write_text(page('<meta charset="utf-8">'), encoding="utf-8")
    warnings = Warnings()
    article = import_article(path, warn=warnings)
    assert article.title == HEADLINE
    assert [section.heading for section in article.sections] == ["Commuters"]
    assert warnings == [f"{path}: holds a web page (HTML), though its name ends in {suffix}; "
                        "read as a web page"]


@pytest.mark.parametrize("suffix", [".txt", ".md", ".html"])
def test_a_word_document_with_another_suffix_is_read_as_word(tmp_path: Path,
                                                             suffix: str) -> None:
    path = word_file(tmp_path / f"parking{suffix}")
    warnings = Warnings()
    article = import_article(path, warn=warnings)
    assert article.title == "Cycle parking at stations"
    assert [section.heading for section in article.sections] == ["Demand"]
    assert warnings == [f"{path}: is a Word document, though its name ends in {suffix}; "
                        "read as a Word document"]


def test_text_that_mentions_html_stays_text(tmp_path: Path) -> None:
    path = tmp_path / "howto.txt"
    path.write_text("Writing web pages\n\nA page opens with <html> and closes with </html>, "
                    "and the head holds its title.\n", encoding="utf-8")
    assert import_article(path).title == "Writing web pages"


def test_a_safari_web_archive_says_how_to_save_the_page_instead(tmp_path: Path) -> None:
    path = tmp_path / "ferry.webarchive"
    path.write_bytes(b"bplist00\xd1\x01\x02_\x10\x0fWebMainResource\x00\x00")
    with pytest.raises(ArticleImportError) as caught:
        import_article(path)
    assert str(caught.value) == (
        f"{path}: is not a type Briefing can import. Safari web archives cannot be imported; "
        "open the page in Safari, choose File → Save As with the format Page Source, and "
        "import that .html file")


@pytest.mark.parametrize("suffix", [".html", ".htm"])
def test_plain_text_named_as_a_page_is_read_as_text(tmp_path: Path, suffix: str) -> None:
    path = tmp_path / f"ferry{suffix}"
    path.write_text(f"{HEADLINE}\n\nThe operator will run two crossings a day instead of five "
                    "from November.\n\nCommuters\n\nIslanders said the first boat now leaves "
                    "too late for the morning shift, and the council asked for an early "
                    "sailing.\n", encoding="utf-8")
    as_text = tmp_path / "ferry.txt"
    as_text.write_bytes(path.read_bytes())
    warnings = Warnings()
    article = import_article(path, warn=warnings)
    assert article.title == HEADLINE
    article.source_file = as_text.name
    assert article == import_article(as_text)
    assert warnings == [f"{path}: holds plain text, though its name ends in {suffix}; read as "
                        "plain text"]


@pytest.mark.parametrize(("text", "problem"), [
    ("# Canal Dredging Plan\n", "has only a title (“Canal Dredging Plan”) and no text under it. "
                                 "Choose the file that holds the article's text"),
    ("---\ntitle: Canal Dredging Plan\n---\n", "has only a title (“Canal Dredging Plan”) and "
                                                "no text under it"),
    ("<!-- to be written -->\n", "has no text in it. Choose a Markdown file with the "
                                  "article's text in it"),
])
def test_a_markdown_file_without_text_is_refused_like_an_empty_file(
        tmp_path: Path, text: str, problem: str) -> None:
    path = tmp_path / "canal.md"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ArticleImportError) as caught:
        import_article(path)
    assert str(caught.value).startswith(f"{path}: {problem}")


def test_a_markdown_title_and_one_paragraph_is_an_article(tmp_path: Path) -> None:
    path = tmp_path / "canal.md"
    path.write_text("# Canal Dredging Plan\n\nThe trust will dredge the upper reach.\n",
                    encoding="utf-8")
    article = import_article(path)
    assert article.title == "Canal Dredging Plan"
    assert "The trust will dredge the upper reach." in (
        [article.standfirst] + [block.text for block in article.blocks])


@pytest.mark.parametrize(("head", "url"), [
    ('<base href="https://courier.example.org/news/2025/">'
     '<link rel="canonical" href="/news/ferry-cuts">', "https://courier.example.org/news/ferry-cuts"),
    ('<base href="https://courier.example.org/news/2025/">'
     '<meta property="og:url" content="ferry-cuts">',
     "https://courier.example.org/news/2025/ferry-cuts"),
    ('<link rel="canonical" href="/news/ferry-cuts">', ""),  # nothing to resolve it against
    ('<base href="https://courier.example.org/">'
     '<link rel="canonical" href="javascript:void(0)">', ""),
])
def test_a_relative_address_is_resolved_against_the_pages_base(tmp_path: Path, head: str,
                                                                 url: str) -> None:
    path = tmp_path / "ferry.html"
    path.write_text(page(head), encoding="utf-8")
    assert import_article(path).url == url
