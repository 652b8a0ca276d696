"""Importing from a web address: fetching the page with limits, then the saved-page importer.

Fetching uses ``urllib.request`` (no extra dependency) with a timeout on every network wait, a
size limit counted on the bytes actually read (a server may send no or a false length),
a limit on redirects, and a check that the answer is a web page. Every way it can fail becomes
one :class:`ArticleImportError` naming the address, what went wrong and what to do. Only
``http`` and ``https`` addresses are fetched, before and after redirects.

The article keeps the address it was fetched from (unless the page names its own, canonical
one) and the date of the fetch in :attr:`Article.fetched`.
"""

from __future__ import annotations

import datetime
import errno
import http.client
import logging
import re
import socket
import ssl
import urllib.error
import urllib.parse
import urllib.request
import zlib
from collections.abc import Callable
from dataclasses import dataclass
from typing import IO, Any

from briefing import __version__
from briefing.core.errors import ArticleImportError
from briefing.core.importers.web_stop import FetchStop, opener_stopped_by
from briefing.core.model import Article

logger = logging.getLogger(__name__)

MAX_PAGE_BYTES = 20 * 1024 * 1024
"""Pages larger than this are refused (the largest news pages are a few megabytes)."""
TIMEOUT_SECONDS = 20.0
"""How long to wait for the server to connect and for each piece of the page."""
MAX_REDIRECTS = 10
CHUNK_BYTES = 64 * 1024
HTML_TYPES = frozenset({"text/html", "application/xhtml+xml"})

FetchProgress = Callable[[int, int], None]
"""``progress(bytes_read, total_bytes)``; total 0 when the server does not say. It may raise to
stop the download (the GUI's Cancel does); the connection is closed either way."""

_SCHEMES = ("http", "https")
_URL_SAFE = "/%:@!$&'()*+,;=~"
"""Characters an address keeps as they are (RFC 3986's delimiters, and ``%`` of escapes)."""
_ADDRESS_LIKE = re.compile(r"^(?:[a-z][a-z0-9+.-]+://|(?:javascript|data|mailto):)",
                           re.IGNORECASE)
_BARE_ADDRESS = re.compile(
    r"^(?:www\.[\w-]+(?:\.[\w-]+)+(?::\d+)?(?:/\S*)?"
    r"|(?:[\w-]+(?:\.[\w-]+)+|localhost)(?::\d+)?/\S*)$", re.IGNORECASE)
"""A server name (``www.`` first, or followed by a path) with no scheme before it."""
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?([\w.:-]+)""", re.IGNORECASE)
_SAVE_HINT = "Open it in a browser, save the page as .html and import that file"
_NO_ARTICLE_HINT = ("The page may build its text in the browser, or a consent or login page "
                    "may have come instead: open it in a browser, select the article and copy "
                    "it, then use Edit → Paste Article in the app (or save the text as a .txt "
                    "file and import that)")
_PLAIN_HTTP_ANSWERS = frozenset({"WRONG_VERSION_NUMBER", "RECORD_LAYER_FAILURE"})
"""OpenSSL's names for an answer in plain HTTP to a secure connection's greeting (an address
typed without its scheme gets ``https://``, and some servers speak only ``http://``)."""
_OFFLINE_ERRNOS = frozenset({errno.ENETUNREACH, errno.ENETDOWN, errno.EHOSTUNREACH,
                             errno.EADDRNOTAVAIL})


def looks_like_web_address(text: str) -> bool:
    """Whether a command-line argument is meant as an address rather than a file name (the
    address may still be one Briefing refuses, such as ``file://`` or ``javascript:``)."""
    return bool(_ADDRESS_LIKE.match(text.strip()))


def looks_like_address_without_scheme(text: str) -> bool:
    """Whether a name that is no file reads as a web address with its ``https://`` left out
    (``www.example.org/story``, ``example.org/news/story``, ``localhost:8000/page``)."""
    return bool(_BARE_ADDRESS.match(text.strip()))


@dataclass(frozen=True)
class FetchedPage:
    url: str
    """The address the page was read from, after redirects."""
    html: str
    fetched: str
    """The local date of the fetch, ISO (``2025-06-30``)."""


def import_web_address(url: str, *, timeout: float = TIMEOUT_SECONDS,
                       max_bytes: int = MAX_PAGE_BYTES,
                       progress: FetchProgress | None = None,
                       stop: FetchStop | None = None) -> Article:
    """Fetch ``url`` and import the page; the article keeps the address and the fetch date."""
    page = fetch_page(url, timeout=timeout, max_bytes=max_bytes, progress=progress, stop=stop)
    from briefing.core.importers.fragment import is_fragment, parse_fragment

    try:
        if is_fragment(page.html):
            article = parse_fragment(page.html, page.url, page.url)
        else:
            from briefing.core.importers.html import parse_html

            article = parse_html(page.html, page.url, page.url)
    except ArticleImportError as error:
        # What a file's reader is told (copy the text into a file) misses why a fetched
        # page shows no article: the browser builds it, or a consent or login page stood in.
        raise ArticleImportError(page.url, error.problem, place=error.place,
                                 hint=_NO_ARTICLE_HINT) from None
    article.url = article.url or page.url
    article.fetched = page.fetched
    article.source_file = ""
    for section in article.walk():
        section.id = ""
    logger.info("imported %s: %d sections", page.url, sum(1 for _ in article.walk()))
    return article


def fetch_page(url: str, *, timeout: float = TIMEOUT_SECONDS, max_bytes: int = MAX_PAGE_BYTES,
               progress: FetchProgress | None = None,
               stop: FetchStop | None = None) -> FetchedPage:
    """The web page at ``url``, or :class:`ArticleImportError` saying why it cannot be had.

    ``stop`` lets another thread end the fetch at once, even while the server keeps it
    waiting; the fetch then raises :class:`ArticleImportError` saying it was stopped."""
    url = url.strip()
    _check_address(url)
    stop = stop or FetchStop()
    try:
        page = _fetch(url, timeout, max_bytes, progress, stop)
    except ArticleImportError:
        if stop.stopped:
            raise _stopped_error(url) from None
        raise
    if stop.stopped:  # the connection was shut mid-page: what arrived is not the page
        raise _stopped_error(url)
    return page


def _stopped_error(url: str) -> ArticleImportError:
    return ArticleImportError(url, "the download was stopped before the page arrived",
                              hint="Import the address again to fetch it")


def _fetch(url: str, timeout: float, max_bytes: int, progress: FetchProgress | None,
           stop: FetchStop) -> FetchedPage:
    opener = opener_stopped_by(stop, _LimitedRedirects())
    request = urllib.request.Request(_as_sent(url), headers={
        "User-Agent": f"Briefing/{__version__} (article import)",
        "Accept": "text/html,application/xhtml+xml;q=0.9,*/*;q=0.1"})
    try:
        with opener.open(request, timeout=timeout) as response:
            final_url = response.geturl()
            _check_content_type(url, response.headers.get_content_type())
            data = _read_limited(url, response, max_bytes, progress)
            data = _decompressed(url, data, response.headers.get("Content-Encoding", ""),
                                 max_bytes)
            charset = response.headers.get_content_charset()
    except urllib.error.HTTPError as error:
        raise _http_error(url, error) from None
    except urllib.error.URLError as error:
        raise _network_error(url, error.reason, timeout) from None
    except TimeoutError:
        raise _timeout_error(url, timeout) from None
    except (http.client.HTTPException, ConnectionError) as error:
        raise ArticleImportError(url, f"the server closed the connection ({_describe(error)})",
                                 hint="Try again later") from None
    except ValueError as error:  # http.client.InvalidURL and malformed addresses
        raise ArticleImportError(url, f"is not a valid web address ({error})",
                                 hint="Check the address") from None
    except OSError as error:  # the connection failed in a way none of the above names
        raise _network_error(url, error, timeout) from None
    if not data.strip():
        raise ArticleImportError(url, "the server sent an empty page",
                                 hint="Check the address, or try again later")
    html = _decode(data, charset)
    return FetchedPage(final_url, html, datetime.date.today().isoformat())


def _check_address(url: str) -> None:
    try:
        parts = urllib.parse.urlsplit(url)
        _ = parts.port  # reading it checks it: a port beyond 65535 is refused
    except ValueError as error:  # "[::1" and other server names that cannot be read
        raise ArticleImportError(url or None, f"is not a valid web address ({error})",
                                 hint="Check the address") from None
    scheme = parts.scheme.lower()
    if scheme not in _SCHEMES:
        article = "an" if scheme[:1] in "aeiou" or scheme in ("ftp", "sftp", "smb") else "a"
        problem = (f"is {article} {scheme}: address, not a web address" if scheme
                   else "is not a web address")
        hint = "Give an address starting with https:// or http://"
        if scheme == "file":
            hint = ("To import a file on this computer, give its path "
                    "(in the app: File → Import)")
        raise ArticleImportError(url or None, problem, hint=hint)
    if not parts.hostname:
        raise ArticleImportError(url, "has no server name",
                                 hint="Give an address such as https://example.org/article")
    if re.search(r"\s", parts.netloc):
        raise ArticleImportError(url, f"has a space in its server name ({parts.netloc!r})",
                                 hint="Check the address")
    if parts.username is not None:
        raise ArticleImportError(url, "carries a user name or password, which Briefing does "
                                 "not send", hint="Leave out the part before '@', or open the "
                                 "page in a browser, save it as .html and import that file")


def _as_sent(url: str) -> str:
    """The address as a browser sends it: letters beyond ASCII and spaces in the path and query
    percent-encoded (escapes already there kept), the ``#fragment`` left out."""
    parts = urllib.parse.urlsplit(url)
    path = urllib.parse.quote(parts.path, safe=_URL_SAFE)
    query = urllib.parse.quote(parts.query, safe=_URL_SAFE + "?")
    return urllib.parse.urlunsplit((parts.scheme, parts.netloc, path, query, ""))



class _LimitedRedirects(urllib.request.HTTPRedirectHandler):
    """Follows at most :data:`MAX_REDIRECTS` redirects, and only to http(s) addresses."""

    max_redirections = MAX_REDIRECTS
    max_repeats = 2

    def http_error_302(self, req: urllib.request.Request, fp: IO[bytes], code: int, msg: str,
                       headers: Any) -> Any:
        location = headers.get("location") or headers.get("uri") or ""
        target = urllib.parse.urljoin(req.full_url, location)
        scheme = urllib.parse.urlsplit(target).scheme.lower()
        if scheme not in _SCHEMES:
            fp.close()
            raise ArticleImportError(req.full_url, f"the server redirects to a {scheme}: "
                                     "address, which Briefing does not follow",
                                     hint=_SAVE_HINT)
        return super().http_error_302(req, fp, code, msg, headers)

    http_error_301 = http_error_303 = http_error_307 = http_error_308 = http_error_302


def _check_content_type(url: str, content_type: str) -> None:
    if content_type in HTML_TYPES:
        return
    hint = _SAVE_HINT
    if content_type == "application/pdf":
        hint = "PDF files cannot be imported; copy the article's text into a .txt file instead"
    elif content_type.startswith("text/"):
        hint = "Save it as a file and use File → Import"
    raise ArticleImportError(url, f"is not a web page (the server sent {content_type})",
                             hint=hint)


def _read_limited(url: str, response: Any, max_bytes: int,
                  progress: FetchProgress | None) -> bytes:
    limit_mb = f"{max_bytes / 1024 / 1024:.0f} MB"
    too_large = f"is larger than the {limit_mb} a web page may be"
    hint = "Save the article from the browser as .html, or copy its text and paste it"
    length_header = response.headers.get("Content-Length", "")
    total = int(length_header) if length_header.isdigit() else 0
    if total > max_bytes:
        raise ArticleImportError(url, f"{too_large} ({total / 1024 / 1024:.0f} MB)", hint=hint)
    chunks: list[bytes] = []
    read = 0
    if progress is not None:
        progress(0, total)
    # ``read1`` returns what has arrived (``read`` waits for a whole chunk), so a slow
    # server's progress shows and Cancel is heard between its pieces.
    read_some = getattr(response, "read1", response.read)
    while True:
        chunk = read_some(CHUNK_BYTES)
        if not chunk:
            break
        read += len(chunk)
        if read > max_bytes:
            raise ArticleImportError(url, too_large, hint=hint)
        chunks.append(chunk)
        if progress is not None:
            progress(read, total)
    return b"".join(chunks)


def _decompressed(url: str, data: bytes, encoding: str, max_bytes: int) -> bytes:
    """The page as sent before compression. Briefing asks for none, but some servers compress
    anyway (gzip or deflate); unpacked, the page is held to the same size limit."""
    coding = encoding.strip().lower()
    if coding in ("", "identity"):
        return data
    if coding not in ("gzip", "x-gzip", "deflate"):
        raise ArticleImportError(url, f"the server sent the page compressed ({coding}), which "
                                 "Briefing cannot unpack", hint=_SAVE_HINT)
    # 47: a gzip or zlib header, found by zlib itself; -15: raw deflate, as some servers send
    for window_bits in ((47,) if coding != "deflate" else (47, -15)):
        unpacker = zlib.decompressobj(window_bits)
        try:
            page = unpacker.decompress(data, max_bytes + 1)
        except zlib.error:
            continue
        if len(page) > max_bytes or unpacker.unconsumed_tail:
            raise ArticleImportError(url, f"is larger than the {max_bytes / 1024 / 1024:.0f} "
                                     "MB a web page may be, once unpacked", hint=_SAVE_HINT)
        return page
    raise ArticleImportError(url, f"the server sent a page marked {coding} that cannot be "
                             "unpacked", hint=_SAVE_HINT)


def _decode(data: bytes, charset: str | None) -> str:
    """The page's text in the encoding the server or the page's ``<meta>`` names, else UTF-8."""
    candidates = [charset] if charset else []
    meta = _META_CHARSET.search(data[:4096])
    if meta:
        candidates.append(meta.group(1).decode("ascii", errors="replace"))
    for name in candidates:
        try:
            return data.decode(name, errors="replace")
        except LookupError:
            logger.info("unknown charset %r; trying the next", name)
    return data.decode("utf-8", errors="replace")


def _http_error(url: str, error: urllib.error.HTTPError) -> ArticleImportError:
    code = error.code
    if 300 <= code < 400:
        return ArticleImportError(url, f"the server redirects in a loop (more than "
                                  f"{MAX_REDIRECTS} redirects, or back to an address already "
                                  "visited)", hint=_SAVE_HINT)
    reason = error.reason or http.client.responses.get(code, "")
    problem = f"the server answered {code} {reason}".rstrip()
    if code in (404, 410):
        hint = "Check the address; the page may have moved or been removed"
    elif code in (401, 403):
        hint = f"The page needs a login or refuses programs. {_SAVE_HINT}"
    elif code == 429 or code >= 500:
        hint = "The server is busy or failing; try again later"
    else:
        hint = "Check the address"
    return ArticleImportError(url, problem, hint=hint)


def _network_error(url: str, reason: object, timeout: float) -> ArticleImportError:
    if isinstance(reason, ArticleImportError):
        return reason
    if isinstance(reason, socket.gaierror):
        host = urllib.parse.urlsplit(url).hostname or url
        return ArticleImportError(url, f"the server name {host!r} could not be found",
                                  hint="Check the address for typos, and that this computer "
                                       "is connected to the internet")
    if isinstance(reason, TimeoutError):
        return _timeout_error(url, timeout)
    if isinstance(reason, ssl.SSLError) and reason.reason in _PLAIN_HTTP_ANSWERS:
        plain = "http://" + url.split("://", 1)[-1]
        return ArticleImportError(url, "the server answered without encryption: it offers "
                                  "no https:// (secure) connection at this address",
                                  hint=f"If you trust the site, import {plain} instead")
    if isinstance(reason, ssl.SSLError):
        return ArticleImportError(url, f"a secure connection could not be made "
                                  f"({_describe(reason)})",
                                  hint="Check the address, or the computer's date and time")
    if isinstance(reason, ConnectionRefusedError):
        return ArticleImportError(url, "the server refused the connection",
                                  hint="Check the address (and its port), or try again later")
    if isinstance(reason, OSError) and reason.errno in _OFFLINE_ERRNOS:
        return ArticleImportError(url, "there is no network connection",
                                  hint="Connect to the internet and try again")
    return ArticleImportError(url, f"could not be fetched ({_describe(reason)})",
                              hint="Check the address and the network connection")


def _timeout_error(url: str, timeout: float) -> ArticleImportError:
    return ArticleImportError(url, f"the server did not answer within {timeout:g} seconds",
                              hint="Try again later, or save the page from the browser as "
                                   ".html and import that file")


def _describe(reason: object) -> str:
    if isinstance(reason, OSError) and reason.strerror:
        return reason.strerror
    return str(reason) or type(reason).__name__
