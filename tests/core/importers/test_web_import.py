"""Importing from a web address, against a server on 127.0.0.1 in the test process."""

from __future__ import annotations

import datetime
import gzip
import threading
import zlib
from collections.abc import Iterator

import pytest

from briefing.core.errors import ArticleImportError
from briefing.core.importers.web import (
    fetch_page,
    import_web_address,
    looks_like_address_without_scheme,
    looks_like_web_address,
)
from briefing.core.importers.web_stop import FetchStop
from tests.local_web import (
    ARTICLE_PAGE,
    LocalSite,
    Route,
    closed_port_address,
    holding_server,
    local_site,
    silent_server,
)

SHORT_TIMEOUT = 0.5


@pytest.fixture(autouse=True)
def _no_proxies(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("http_proxy", "https_proxy", "HTTP_PROXY", "HTTPS_PROXY", "all_proxy",
                 "ALL_PROXY"):
        monkeypatch.delenv(name, raising=False)


@pytest.fixture
def site() -> Iterator[LocalSite]:
    with local_site() as running:
        yield running


def _error(url: str, **kwargs: object) -> ArticleImportError:
    with pytest.raises(ArticleImportError) as caught:
        fetch_page(url, **kwargs)  # type: ignore[arg-type]
    return caught.value


def test_import_keeps_the_address_and_the_fetch_date(site: LocalSite) -> None:
    url = site.page("/news/tidal-barriers")
    article = import_web_address(url)
    assert article.title == "Tidal Barriers Before the Next Surge"
    assert [section.heading for section in article.sections] == ["The ageing gates", "Who pays"]
    assert article.url == url
    assert article.fetched == datetime.date.today().isoformat()
    assert article.source_file == ""
    assert all(section.id == "" for section in article.walk())


def test_import_follows_a_redirect_and_keeps_the_final_address(site: LocalSite) -> None:
    target = site.page("/2025/tidal-barriers")
    start = site.redirect("/short/tb", target, status=301)
    page = fetch_page(start)
    assert page.url == target
    assert "Tidal Barriers" in page.html


@pytest.mark.parametrize(("typed", "sent"), [
    ("/wiki/Stra\u00dfe?ort=K\u00f8ge", "/wiki/Stra%C3%9Fe?ort=K%C3%B8ge"),
    ("/two words?q=a b", "/two%20words?q=a%20b"),
    ("/already%20escaped?q=1%2B1", "/already%20escaped?q=1%2B1"),
    ("/tidal-barriers#ageing-gates", "/tidal-barriers"),
])
def test_an_address_as_a_browser_shows_it_is_sent_as_a_browser_sends_it(
        site: LocalSite, typed: str, sent: str) -> None:
    """Letters beyond ASCII and spaces, as the address bar shows them, are percent-encoded;
    escapes already there are kept, and the #fragment stays in the browser."""
    site.page(sent)
    page = fetch_page(site.url(typed))
    assert site.requests == [sent]
    assert "Tidal Barriers" in page.html


def test_page_in_another_encoding_is_decoded_by_its_header(site: LocalSite) -> None:
    html = "<html><body><p>Caf\u00e9 prices in K\u00f8ge rose.</p></body></html>"
    site.routes["/latin"] = Route(body=html.encode("latin-1"),
                                  content_type="text/html; charset=iso-8859-1")
    assert "Caf\u00e9 prices in K\u00f8ge" in fetch_page(site.url("/latin")).html


def test_missing_page_names_the_status_and_what_to_do(site: LocalSite) -> None:
    url = site.url("/gone")
    error = _error(url)
    assert str(error).startswith(f"{url}: the server answered 404 Not Found.")
    assert "Check the address" in str(error)


def test_server_error_says_to_try_later(site: LocalSite) -> None:
    site.routes["/broken"] = Route(503, b"<p>down</p>")
    assert "503" in str(_error(site.url("/broken")))
    assert "try again later" in str(_error(site.url("/broken")))


def test_a_pdf_is_not_a_web_page(site: LocalSite) -> None:
    site.routes["/report.pdf"] = Route(body=b"%PDF-1.7 ...", content_type="application/pdf")
    error = _error(site.url("/report.pdf"))
    assert "is not a web page (the server sent application/pdf)" in str(error)
    assert "PDF files cannot be imported" in str(error)


def test_page_larger_than_the_limit_is_refused_by_its_length(site: LocalSite) -> None:
    site.routes["/huge"] = Route(body=b"<p>" + b"x" * 1024 + b"</p>", repeat=64)
    error = _error(site.url("/huge"), max_bytes=32 * 1024)
    assert "is larger than the" in str(error)
    assert "save the article from the browser" in str(error).lower()


def test_page_without_a_length_is_stopped_at_the_limit(site: LocalSite) -> None:
    site.routes["/stream"] = Route(body=b"<p>" + b"y" * 1024 + b"</p>", repeat=256,
                                   send_length=False)
    seen: list[int] = []
    error = _error(site.url("/stream"), max_bytes=64 * 1024,
                   progress=lambda read, total: seen.append(read))
    assert "is larger than the" in str(error)
    assert max(seen) <= 64 * 1024


def test_redirect_loop_is_reported(site: LocalSite) -> None:
    site.redirect("/a", site.url("/b"))
    site.redirect("/b", site.url("/a"))
    error = _error(site.url("/a"))
    assert "redirects in a loop" in str(error)


def test_redirect_to_a_file_address_is_not_followed(site: LocalSite) -> None:
    site.redirect("/local", "file:///etc/passwd")
    error = _error(site.url("/local"))
    assert "redirects to a file: address" in str(error)


def test_server_that_never_answers_times_out() -> None:
    with silent_server() as url:
        error = _error(url, timeout=SHORT_TIMEOUT)
    assert f"did not answer within {SHORT_TIMEOUT:g} seconds" in str(error)


def test_closed_port_is_a_refused_connection() -> None:
    url = closed_port_address()
    assert "the server refused the connection" in str(_error(url, timeout=SHORT_TIMEOUT))


def test_unknown_server_name_is_reported() -> None:
    url = "http://no-such-host.invalid/article"
    error = _error(url, timeout=SHORT_TIMEOUT)
    assert "the server name 'no-such-host.invalid' could not be found" in str(error)
    assert "connected to the internet" in str(error)


@pytest.mark.parametrize(("url", "problem"), [
    ("file:///etc/passwd", "is a file: address, not a web address"),
    ("javascript:alert(1)", "is a javascript: address, not a web address"),
    ("ftp://example.org/a.html", "is an ftp: address"),
    ("example.org/article", "is not a web address"),
    ("https:///no-host", "has no server name"),
])
def test_only_http_addresses_are_fetched(url: str, problem: str) -> None:
    error = _error(url)
    assert problem in str(error)
    assert "https://" in error.hint or "File → Import" in error.hint


def test_progress_can_stop_the_download(site: LocalSite) -> None:
    site.routes["/big"] = Route(body=b"<p>" + b"z" * 4096 + b"</p>", repeat=64)

    class StopDownloadError(Exception):
        pass

    def stop_after_first_piece(read: int, total: int) -> None:
        if read:
            raise StopDownloadError

    with pytest.raises(StopDownloadError):
        fetch_page(site.url("/big"), progress=stop_after_first_piece)


def test_progress_reports_what_has_arrived_while_the_server_pauses(site: LocalSite) -> None:
    """A slow server's first bytes show (and Cancel is heard) before a whole piece arrives."""
    gate = threading.Event()
    first_part = b"<p>" + b"s" * 1000 + b"</p>"
    site.routes["/trickle"] = Route(body=first_part, repeat=3, gate=gate)
    reads: list[int] = []

    def watch(read: int, total: int) -> None:
        if read and not reads:
            gate.set()  # the server sends the rest only once the first part was reported
        if read:
            reads.append(read)

    try:
        page = fetch_page(site.url("/trickle"), progress=watch)
    finally:
        gate.set()
    assert reads[0] <= len(first_part)
    assert reads[-1] == 3 * len(first_part)
    assert page.html.count("<p>") == 3


def test_empty_answer_is_reported(site: LocalSite) -> None:
    site.routes["/empty"] = Route(body=b"")
    assert "the server sent an empty page" in str(_error(site.url("/empty")))


@pytest.mark.parametrize(("text", "expected"), [
    ("https://example.org/a", True), ("HTTP://x.org", True), ("file:///home/me/a.html", True),
    ("javascript:alert(1)", True), ("article.txt", False), ("C:\\notes\\a.txt", False),
    ("folder/page.html", False),
])
def test_command_line_tells_addresses_from_file_names(text: str, expected: bool) -> None:
    assert looks_like_web_address(text) is expected


def test_secure_address_of_a_plain_http_server_says_to_use_http(site: LocalSite) -> None:
    """``https://`` (what an address typed without its scheme gets) to a server that speaks
    only plain HTTP names the http:// address to use instead, not OpenSSL's words."""
    site.page("/news/tidal-barriers")
    secure = site.url("/news/tidal-barriers").replace("http://", "https://")
    error = _error(secure, timeout=SHORT_TIMEOUT)
    assert "offers no https:// (secure) connection" in str(error)
    assert site.url("/news/tidal-barriers") in error.hint
    assert "SSL" not in str(error)


def test_stop_ends_a_wait_on_a_server_that_holds_the_connection() -> None:
    """Cancel in the app: the fetch ends when asked, not when its (long) timeout is up."""
    stop = FetchStop()
    outcome: list[BaseException] = []

    def fetch(url: str) -> None:
        try:
            fetch_page(url, timeout=600, stop=stop)
        except ArticleImportError as error:
            outcome.append(error)

    with holding_server() as (url, asked):
        thread = threading.Thread(target=fetch, args=(url,), daemon=True)
        thread.start()
        assert asked.wait(timeout=30)
        stop.stop()
        thread.join(timeout=30)
        assert not thread.is_alive()
    assert "the download was stopped" in str(outcome[0])


def test_a_stopped_download_is_not_taken_for_the_page(site: LocalSite) -> None:
    """The part of a page that arrived before the stop is never imported as the article."""
    stop = FetchStop()
    site.routes["/long"] = Route(body=b"<p>" + b"t" * 4096 + b"</p>", repeat=64)

    def stop_after_first_piece(read: int, total: int) -> None:
        if read:
            stop.stop()

    with pytest.raises(ArticleImportError) as caught:
        fetch_page(site.url("/long"), progress=stop_after_first_piece, stop=stop)
    assert "the download was stopped" in str(caught.value)


def test_a_fetch_stopped_before_it_connects_never_waits(site: LocalSite) -> None:
    stop = FetchStop()
    stop.stop()
    with pytest.raises(ArticleImportError) as caught:
        fetch_page(site.page("/news/tidal-barriers"), stop=stop)
    assert "the download was stopped" in str(caught.value)


@pytest.mark.parametrize(("text", "expected"), [
    ("www.example.org/story", True), ("www.example.org", True),
    ("example.org/news/story", True), ("localhost:8000/page", True),
    ("notes.md", False), ("piece.txt", False), ("folder/piece.txt", False),
    ("../saved/page.html", False), ("/home/me/page.html", False),
])
def test_an_address_typed_without_its_scheme_is_told_from_file_names(
        text: str, expected: bool) -> None:
    assert looks_like_address_without_scheme(text) is expected


@pytest.mark.parametrize(("url", "problem"), [
    ("https://[::1/article", "is not a valid web address (Invalid IPv6 URL)"),
    ("https://example.org:99999/article", "is not a valid web address (Port out of range"),
    ("https://news example.org/article", "has a space in its server name ('news example.org')"),
    ("https://reader:secret@example.org/article", "carries a user name or password"),
])
def test_an_address_that_cannot_be_fetched_as_typed_says_why(url: str, problem: str) -> None:
    error = _error(url, timeout=SHORT_TIMEOUT)
    assert problem in str(error)
    assert error.hint


def _packed(data: bytes, coding: str) -> bytes:
    if coding == "gzip":
        return gzip.compress(data)
    packer = zlib.compressobj(wbits=-15 if coding == "raw deflate" else 15)
    return packer.compress(data) + packer.flush()


@pytest.mark.parametrize("coding", ["gzip", "deflate", "raw deflate"])
def test_a_page_compressed_though_not_asked_for_is_unpacked(site: LocalSite, coding: str) -> None:
    body = _packed(ARTICLE_PAGE.encode("utf-8"), coding)
    header = "deflate" if coding == "raw deflate" else coding
    site.routes["/packed"] = Route(body=body, headers={"Content-Encoding": header})
    article = import_web_address(site.url("/packed"))
    assert article.title == "Tidal Barriers Before the Next Surge"
    assert [section.heading for section in article.sections] == ["The ageing gates", "Who pays"]


@pytest.mark.parametrize(("body", "header", "problem"), [
    (gzip.compress(b"<p>" + b"z" * 200_000 + b"</p>"), "gzip",
     "a web page may be, once unpacked"),
    (b"\x1f\x8b not really packed", "gzip", "a page marked gzip that cannot be unpacked"),
    (b"\x0b\x02\x80<p>x</p>\x03", "br", "compressed (br), which Briefing cannot unpack"),
])
def test_a_compressed_page_that_cannot_be_read_is_refused(
        site: LocalSite, body: bytes, header: str, problem: str) -> None:
    site.routes["/packed"] = Route(body=body, headers={"Content-Encoding": header})
    error = _error(site.url("/packed"), max_bytes=100_000)
    assert problem in str(error)


def test_a_page_without_article_text_says_to_copy_it_from_the_browser(site: LocalSite) -> None:
    """A page whose text a script would write (or a consent page) has nothing to import;
    the message says why that may be and that copying from the browser gets the article."""
    url = site.page("/app", "<!doctype html><html><head><title>News</title>"
                            "<script src='/app.js'></script></head><body><div id='root'>"
                            "</div><noscript>Turn on JavaScript to read this.</noscript>"
                            "</body></html>")
    with pytest.raises(ArticleImportError) as caught:
        import_web_address(url)
    assert str(caught.value).startswith(f"{url}: no article text found in the page")
    assert "build its text in the browser" in caught.value.hint
    assert "Edit → Paste Article" in caught.value.hint
