"""Importing a source article from a file: choosing the importer by type and applying overrides.

Each importer turns one kind of file into an :class:`~briefing.core.model.Article`:
``text.parse_text`` (plain text copied from a browser), ``markdown.parse_markdown``,
``html.parse_html`` (a saved web page, through trafilatura), ``fragment.parse_fragment`` (a
browser copy's HTML, saved as a file) and ``docx.parse_docx`` (Word). The
importers and the heavy libraries behind them are imported only when a file of their kind is
imported, so the app starts fast.
"""

from __future__ import annotations

import dataclasses
import logging
from dataclasses import dataclass
from pathlib import Path

from briefing.core.errors import ArticleImportError, WarningSink, log_warning
from briefing.core.model import Article
from briefing.core.source_files import decode_text, read_input_bytes, read_input_text

logger = logging.getLogger(__name__)

SUPPORTED_SUFFIXES: dict[str, str] = {
    ".txt": "Plain text",
    ".md": "Markdown",
    ".markdown": "Markdown",
    ".html": "Web page (HTML)",
    ".htm": "Web page (HTML)",
    ".docx": "Word document",
}
"""File types the importer reads, by suffix, with a name to show in file dialogs and messages."""

WHAT = "file"
"""The noun source_files puts in its hints ("Choose a smaller file or split it")."""

_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
"""Word 97-2003 files (and password-protected .docx files) are OLE compound files."""
_ZIP_MAGIC = b"PK\x03\x04"
LEGACY_WORD_PROBLEM = ("Word 97-2003 .doc files cannot be read; "
                       "save it as .docx in Word or LibreOffice")
_UNSUPPORTED_HINTS = {
    ".pdf": "PDF files cannot be imported; open it, copy the article text into a .txt file and "
            "import that",
    ".odt": "OpenDocument files cannot be imported; save it as .docx in LibreOffice",
    ".rtf": "RTF files cannot be imported; save it as .docx in Word or LibreOffice",
}


@dataclass
class ImportOverrides:
    """Article details the user gives at import; each one that is not None replaces the file's."""

    title: str | None = None
    author: str | None = None
    publisher: str | None = None
    date: str | None = None
    url: str | None = None


def supported_types() -> str:
    """The supported types for a message: ``.txt (Plain text), .md (Markdown), ...``."""
    return ", ".join(f"{suffix} ({name})" for suffix, name in SUPPORTED_SUFFIXES.items())


def import_article(path: Path, overrides: ImportOverrides | None = None,
                   warn: WarningSink = log_warning) -> Article:
    """The article in ``path``, read by the importer for its type, with ``overrides`` applied.

    Raises :class:`ArticleImportError` naming the file and what to do when it cannot be read.
    Section ids are left empty; :meth:`Outline.add_article` assigns them.
    """
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix == ".docx":
        article = _import_word(path)
    elif suffix in (".md", ".markdown"):
        from briefing.core.importers.markdown import parse_markdown

        article = parse_markdown(_read_text(path, warn), str(path))
    elif suffix in (".html", ".htm"):
        article = _parse_web(_read_text(path, warn), path)
    elif suffix == ".txt":
        article = _parse_plain(_read_text(path, warn), path)
    else:
        article = _import_other(path, suffix, warn)
    apply_overrides(article, overrides)
    article.source_file = path.name
    for section in article.walk():
        section.id = ""
    logger.info("imported %s: %d sections", path.name, sum(1 for _ in article.walk()))
    return article


def apply_overrides(article: Article, overrides: ImportOverrides | None) -> None:
    """Replace the article's details with every override that is not None.

    A date written out (``1 October 2024``) is stored as an ISO date, as the importers store the
    dates they find; a date that cannot be read unambiguously is kept as typed.
    """
    if overrides is None:
        return
    from briefing.core.importers.structure import iso_date

    for item in dataclasses.fields(overrides):
        value = getattr(overrides, item.name)
        if value is not None:
            setattr(article, item.name, iso_date(value) if item.name == "date" else value)


def _read_text(path: Path, warn: WarningSink) -> str:
    return read_input_text(path, ArticleImportError, what=WHAT, warn=warn)


def _parse_plain(text: str, path: Path) -> Article:
    from briefing.core.importers.text import parse_text

    return parse_text(text, str(path))


def _import_word(path: Path) -> Article:
    from briefing.core.importers.docx import parse_docx

    return parse_docx(read_input_bytes(path, ArticleImportError, what=WHAT, allow_binary=True),
                      str(path))


def _import_other(path: Path, suffix: str, warn: WarningSink) -> Article:
    """A file whose suffix is not a supported type: read it by its content when that is clear."""
    data = read_input_bytes(path, ArticleImportError, what=WHAT, allow_binary=True)
    if data.startswith(_ZIP_MAGIC) and (suffix == ".doc" or b"word/" in data[:65536]):
        # A Word document with the wrong suffix (often a .docx renamed .doc).
        from briefing.core.importers.docx import parse_docx

        return parse_docx(data, str(path))
    if suffix == ".doc" or data.startswith(_OLE_MAGIC):
        raise ArticleImportError(path, LEGACY_WORD_PROBLEM)
    if suffix in _UNSUPPORTED_HINTS or data.startswith(b"%PDF-"):
        hint = _UNSUPPORTED_HINTS.get(suffix, _UNSUPPORTED_HINTS[".pdf"])
        raise ArticleImportError(path, "is not a type Briefing can import", hint=hint)
    if b"\x00" in data[:8192]:
        raise ArticleImportError(
            path, f"is not a supported article file ({suffix or 'no suffix'})",
            hint=f"Briefing imports {supported_types()}")
    text = decode_text(data, path, warn)
    head = text.lstrip()[:512].lower()
    if head.startswith(("<!doctype html", "<html")) or "<html" in head:
        return _parse_web(text, path)
    return _parse_plain(text, path)


def _parse_web(html: str, path: Path) -> Article:
    """A clipboard fragment saved as a file is read as one, and so is a document Word or Outlook
    saved as a web page (it is all article, with no site around it); a whole page by its
    article."""
    from briefing.core.importers.fragment import is_fragment, parse_fragment
    from briefing.core.importers.html_office import is_office_document

    if is_fragment(html) or is_office_document(html):
        return parse_fragment(html, str(path))
    from briefing.core.importers.html import parse_html

    return parse_html(html, str(path))
