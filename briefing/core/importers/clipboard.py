"""Pasting an article: choosing the clipboard's flavour and handing it to the right importer.

The GUI reads the clipboard's flavours as bytes by mime type and passes them here, so the choices
are plain Python and testable without Qt. A browser copy has an HTML flavour whose markup gives
the structure (:func:`briefing.core.importers.fragment.parse_fragment`); anything else with text
goes to the plain-text importer. The HTML comes in several wrappers:

- Chromium: ``<html><body><!--StartFragment-->…<!--EndFragment--></body></html>``;
- Firefox: the selection after a leading ``<meta http-equiv="content-type" …>`` (UTF-16 on some
  platforms), with the page's address in ``text/x-moz-url-priv``;
- Windows CF_HTML: a ``Version:0.9`` header with byte offsets and ``SourceURL:``.
"""

from __future__ import annotations

import codecs
import html as html_lib
import logging
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from briefing.core.errors import ArticleImportError
from briefing.core.importers.structure import title_from_name
from briefing.core.model import Article

logger = logging.getLogger(__name__)

CLIPBOARD = "Clipboard"
"""How messages name the clipboard, in the place of a file name."""
TITLE_WORDS = 10
"""How many opening words title a paste that has no headline."""
MAX_CLIPBOARD_BYTES = 20 * 1024 * 1024
"""A flavour larger than this is refused: an article's markup is rarely more than a megabyte."""

HTML_TYPE = "text/html"
PLAIN_TYPE = "text/plain"
WINDOWS_HTML_TYPE = 'application/x-qt-windows-mime;value="HTML Format"'
"""Qt's name for the raw CF_HTML flavour on Windows (the only one that keeps ``SourceURL``)."""
SOURCE_URL_TYPES = ("text/x-moz-url-priv", "chromium/x-source-url")
"""Flavours that carry the address of the page the selection was copied from."""
WANTED_TYPES = (HTML_TYPE, WINDOWS_HTML_TYPE, PLAIN_TYPE, *SOURCE_URL_TYPES)
"""The flavours :func:`paste_article` reads; the GUI passes only these."""

_START_MARKER = re.compile(r"<!--\s*StartFragment\s*-->", re.IGNORECASE)
_END_MARKER = re.compile(r"<!--\s*EndFragment\s*-->", re.IGNORECASE)
_LEADING_META = re.compile(r"^\s*(?:<meta\b[^>]*>\s*)+", re.IGNORECASE)
_CF_HTML_HEADER = re.compile(r"^Version:\s*\d", re.IGNORECASE)
_CF_FIELD = re.compile(r"^(\w+):(.*)$")
_TAG = re.compile(r"<[^>]*>")
_HIDDEN = re.compile(r"<(script|style|template)\b.*?</\1\s*>", re.IGNORECASE | re.DOTALL)
_WEB_ADDRESS = re.compile(r"^https?://\S+$", re.IGNORECASE)
_COPY_HINT = ("Select the article's text in the browser or document, copy it (Ctrl+C) and "
              "paste again")


@dataclass(frozen=True)
class ClipboardHtml:
    """The HTML selection in a clipboard, without its wrapper, and the page it came from."""

    fragment: str
    source_url: str = ""


def paste_article(flavours: Mapping[str, bytes], other_types: Sequence[str] = ()) -> Article:
    """The article in a clipboard given as ``{mime type: bytes}`` (the :data:`WANTED_TYPES`).

    ``other_types`` names the clipboard's other flavours, so an image copied alone gets a message
    that says so. Raises :class:`ArticleImportError` for an empty clipboard, an image, a flavour
    over :data:`MAX_CLIPBOARD_BYTES`, or a selection with no article in it.
    """
    for mime_type, data in flavours.items():
        if len(data) > MAX_CLIPBOARD_BYTES:
            size = len(data) / 1024 / 1024
            raise ArticleImportError(
                CLIPBOARD, f"holds {size:.0f} MB of {_kind(mime_type)}, more than the "
                f"{MAX_CLIPBOARD_BYTES // 1024 // 1024} MB an article can be",
                hint="Copy only the article, or save the page as .html and use File → Import")
    _refuse_an_address_alone(flavours)
    selection = clipboard_html(flavours)
    if selection is not None:
        from briefing.core.importers.fragment import parse_fragment

        logger.info("pasting HTML (%d characters) from %s", len(selection.fragment),
                    selection.source_url or "an unknown page")
        article = parse_fragment(selection.fragment, CLIPBOARD, selection.source_url)
    else:
        text = _decode(flavours.get(PLAIN_TYPE, b"")).replace("\r\n", "\n").replace("\r", "\n")
        if not text.strip():
            if any(kind.startswith("image/") for kind in other_types):
                raise ArticleImportError(CLIPBOARD, "holds an image, not an article's text",
                                         hint=_COPY_HINT)
            raise ArticleImportError(CLIPBOARD, "has no text to paste", hint=_COPY_HINT)
        from briefing.core.importers.text import parse_text

        article = parse_text(text, CLIPBOARD)
        _refuse_a_paste_without_text(article)
    if article.title == title_from_name(CLIPBOARD):  # no headline: the importers' fallback
        article.title = _title_from_first_words(article) or article.title
    article.source_file = ""
    for section in article.walk():
        section.id = ""
    return article


def _title_from_first_words(article: Article) -> str:
    """A stand-in title for a selection without a headline: the opening words of its text,
    which tell two pastes apart (and a paste repeated from its first), unlike "Clipboard"."""
    first = next((block for section in article.walk() for block in section.blocks),
                 None) if not article.blocks else article.blocks[0]
    if first is None:
        return ""
    words = first.text.split()
    if len(words) <= TITLE_WORDS:
        return " ".join(words)
    return " ".join(words[:TITLE_WORDS]).rstrip(",;:") + "\u2026"


def _refuse_a_paste_without_text(article: Article) -> None:
    """A line or two with nothing under them (a file's path copied in a file manager, a lone
    heading) would make an article with no text: say so rather than add an empty one."""
    if article.blocks or article.standfirst or any(True for _ in article.walk()):
        return
    only = "" if article.title == title_from_name(CLIPBOARD) else \
        f", only the line \u201c{article.title}\u201d"
    raise ArticleImportError(CLIPBOARD, f"holds no article text{only}", hint=_COPY_HINT)


def _refuse_an_address_alone(flavours: Mapping[str, bytes]) -> None:
    """A copy of the browser's address bar is a request for the page, not its text: point to
    the import that fetches it rather than make an empty article of the address."""
    address = _decode(flavours.get(PLAIN_TYPE, b"")).strip()
    if not _WEB_ADDRESS.match(address):
        return
    markup = _decode(flavours.get(HTML_TYPE, b""))
    shown = html_lib.unescape(_TAG.sub(" ", _HIDDEN.sub(" ", unwrap_fragment(markup)))).split()
    if shown and shown != [address]:
        return
    raise ArticleImportError(
        CLIPBOARD, f"holds a web address ({address}), not an article's text",
        hint="To import the page at that address, use File → Import from Web Address… "
             "(Ctrl+Shift+I), which offers it; to paste the article, select its text in the "
             "browser and copy it")


def clipboard_html(flavours: Mapping[str, bytes]) -> ClipboardHtml | None:
    """The HTML selection with text in it, unwrapped, and its source address; None if none."""
    windows = _decode(flavours.get(WINDOWS_HTML_TYPE, b""))
    markup = _decode(flavours.get(HTML_TYPE, b""))
    source_url = ""
    if _CF_HTML_HEADER.match(windows):
        markup, source_url = _split_cf_html(windows)
    elif _CF_HTML_HEADER.match(markup):
        markup, source_url = _split_cf_html(markup)
    fragment = unwrap_fragment(markup)
    if not has_text(fragment):
        return None
    for mime_type in SOURCE_URL_TYPES:
        if not source_url:
            source_url = _first_line(_decode(flavours.get(mime_type, b"")))
    return ClipboardHtml(fragment, source_url if _WEB_ADDRESS.match(source_url) else "")


def unwrap_fragment(markup: str) -> str:
    """The selection inside a clipboard's HTML: between Chromium's and Windows' fragment markers,
    or after Firefox's leading ``<meta>``; otherwise the markup as it is."""
    start = _START_MARKER.search(markup)
    if start:
        end = _END_MARKER.search(markup, start.end())
        return markup[start.end():end.start() if end else len(markup)]
    return _LEADING_META.sub("", markup, count=1)


def has_text(markup: str) -> bool:
    """Whether markup shows any text (an image copied alone gives ``<img src=…>`` only)."""
    return bool(html_lib.unescape(_TAG.sub(" ", _HIDDEN.sub(" ", markup))).strip())


def _split_cf_html(data: str) -> tuple[str, str]:
    """The HTML and ``SourceURL`` of Windows' CF_HTML (offsets count UTF-8 bytes)."""
    fields: dict[str, str] = {}
    for line in data.splitlines()[:12]:
        match = _CF_FIELD.match(line.strip())
        if match is None:
            break
        fields[match.group(1).lower()] = match.group(2).strip()
    raw = data.encode("utf-8")
    try:
        start = int(fields.get("starthtml", ""))
        end = int(fields.get("endhtml", ""))
    except ValueError:
        start = end = -1
    if 0 <= start < len(raw) and raw[start:].lstrip()[:1] == b"<":
        markup = raw[start:end if start < end <= len(raw) else len(raw)].decode(
            "utf-8", errors="replace")
    else:  # offsets missing, -1, or wrong (counted in characters): the HTML starts at a tag
        first_tag = data.find("<")
        markup = data[first_tag:] if first_tag >= 0 else ""
    return markup, fields.get("sourceurl", "")


def _decode(data: bytes) -> str:
    """Clipboard bytes as text: UTF-16 when it says so (Firefox on Linux), else UTF-8."""
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return data.decode("utf-16", errors="replace")
    if len(data) >= 2 and data[1:2] == b"\x00" and data[0:1] != b"\x00":
        return data.decode("utf-16-le", errors="replace")
    return data.decode("utf-8-sig", errors="replace").replace("\x00", "")


def _first_line(text: str) -> str:
    return text.strip().split("\n", 1)[0].strip()


def _kind(mime_type: str) -> str:
    if mime_type.startswith("text/html") or mime_type == WINDOWS_HTML_TYPE:
        return "web page text"
    if mime_type.startswith("text/"):
        return "text"
    return mime_type
