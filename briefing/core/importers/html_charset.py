"""The text of a saved web page, decoded in the character set the page declares.

A browser's "HTML only" save keeps the page's bytes as the server sent them, and Word saves a
document as a web page in Windows-1252; such a page names its encoding only in a ``<meta>`` tag.
Read as UTF-8 with a Windows-1252 fallback, a page in another encoding (Cyrillic, Greek, Central
European, Japanese) would come out garbled, and a correctly declared Windows-1252 page would
bring a needless warning. A byte-order mark wins over the declaration, as in a browser.
"""

from __future__ import annotations

import codecs
import re
from pathlib import Path

from briefing.core.errors import WarningSink, log_warning
from briefing.core.source_files import decode_text, normalise_line_ends

_PRESCAN_BYTES = 1024
"""Browsers look for the declaration in the first 1024 bytes (HTML's "prescan")."""
_BOMS = (codecs.BOM_UTF8, codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)
_META = re.compile(rb"<meta\b[^>]*>", re.IGNORECASE)
_CHARSET = re.compile(rb"""charset\s*=\s*["']?\s*([A-Za-z0-9._:-]+)""", re.IGNORECASE)
_XML_DECLARATION = re.compile(rb"""^\s*<\?xml[^>]*\bencoding\s*=\s*["']([A-Za-z0-9._:-]+)""",
                              re.IGNORECASE)
_AS_BROWSERS_READ = {"iso8859-1": "cp1252", "ascii": "cp1252"}
"""Labels that browsers read as Windows-1252 (the WHATWG Encoding standard), by codec name."""


def declared_charset(data: bytes) -> str | None:
    """The Python codec for the charset a page declares near its start, or None.

    A label Python does not know, and UTF-16 declared in a page that is evidently not UTF-16
    (its declaration was readable as ASCII), count as no declaration.
    """
    head = data[:_PRESCAN_BYTES]
    labels = [match.group(1) for meta in _META.finditer(head)
              for match in [_CHARSET.search(meta.group(0))] if match]
    xml = _XML_DECLARATION.match(head)
    if xml:
        labels.insert(0, xml.group(1))
    for label in labels:
        try:
            name = codecs.lookup(label.decode("ascii")).name
        except (LookupError, UnicodeDecodeError):
            continue
        if name.startswith("utf-16") or name.startswith("utf-32"):
            continue
        return _AS_BROWSERS_READ.get(name, name)
    return None


def decode_html(data: bytes, path: Path, warn: WarningSink = log_warning) -> str:
    """The page's text: by its byte-order mark, else its declared charset, else as other text
    files are read (UTF-8, or Windows-1252 with a warning)."""
    if data.startswith(_BOMS):
        return decode_text(data, path, warn)
    charset = declared_charset(data)
    if charset is None or charset == "utf-8":
        return decode_text(data, path, warn)
    if _is_evidently_utf8(data):
        warn(f"{path}: declares the character set {charset} but is written in UTF-8; "
             "read as UTF-8")
        return decode_text(data, path, warn)
    return normalise_line_ends(data.decode(charset, errors="replace"))


def _is_evidently_utf8(data: bytes) -> bool:
    """Valid UTF-8 with characters beyond ASCII: a page re-saved as UTF-8 under its old
    declaration. Text in a legacy charset is, in practice, never valid UTF-8 as a whole once it
    has non-ASCII letters, so reading it as declared would only garble it."""
    if data.isascii():
        return False
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True
