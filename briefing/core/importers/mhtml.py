"""A web page saved as one file (``.mhtml``, ``.mht``): the page inside the MIME archive.

Chrome and Edge save "Webpage, Single File" this way, and Word saves "Single File Web Page"
as ``.mht``. The archive is a mail message whose first HTML part is the page; the pictures and
style sheets in the other parts are not read. The page's address is the archive's
``Snapshot-Content-Location`` (Chrome) or the HTML part's ``Content-Location``.
"""

from __future__ import annotations

import email.parser
import email.policy
from email.message import Message
from pathlib import Path

from briefing.core.errors import ArticleImportError
from briefing.core.importers.html_charset import declared_charset
from briefing.core.source_files import normalise_line_ends

_HEADER_BYTES = 4096
"""An archive's own headers come first; its type is read from them."""
_WEB_SCHEMES = ("http://", "https://")


def is_web_archive(data: bytes) -> bool:
    """Whether the bytes are a MIME archive of a page (its first headers say multipart/related)."""
    head = data[:_HEADER_BYTES].lower()
    headers = head.split(b"\r\n\r\n", 1)[0].split(b"\n\n", 1)[0]
    return b"mime-version:" in headers and b"multipart/related" in headers


def page_in_archive(data: bytes, path: Path) -> tuple[str, str]:
    """The HTML of the archived page and its web address ("" when the archive names none).

    Raises :class:`ArticleImportError` for an archive without a web page in it.
    """
    message = email.parser.BytesParser(policy=email.policy.default).parsebytes(data)
    for part in message.walk():
        if part.get_content_type() != "text/html" or part.is_multipart():
            continue
        address = str(message.get("Snapshot-Content-Location") or part.get("Content-Location")
                      or "").strip()
        return _part_text(part), address if address.lower().startswith(_WEB_SCHEMES) else ""
    raise ArticleImportError(path, "is a single-file archive with no web page in it",
                             hint="Open it in the browser, save the page as \"Webpage, HTML "
                                  "only\" (.html) and import that")


def _part_text(part: Message) -> str:
    """The part's text in its charset: the part's header, else the page's ``<meta>``, else
    UTF-8 (replacing what does not decode, as a browser shows it)."""
    raw = part.get_payload(decode=True)
    data = raw if isinstance(raw, bytes) else b""
    for charset in (part.get_content_charset(), declared_charset(data)):
        if not charset:
            continue
        try:
            return normalise_line_ends(data.decode(charset, errors="replace"))
        except LookupError:
            continue  # a charset Python does not know: the next one
    return normalise_line_ends(data.decode("utf-8", errors="replace"))
