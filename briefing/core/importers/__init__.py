"""Importing a source article from a file: choosing the importer by type and applying overrides.

Each importer turns one kind of file into an :class:`~briefing.core.model.Article`:
``text.parse_text`` (plain text copied from a browser), ``markdown.parse_markdown``,
``html.parse_html`` (a saved web page, through trafilatura), ``fragment.parse_fragment`` (a
browser copy's HTML, saved as a file), ``mhtml`` (a page saved as one file, whose HTML goes to
the page importers) and ``docx.parse_docx`` (Word). The
importers and the heavy libraries behind them are imported only when a file of their kind is
imported, so the app starts fast.
"""

from __future__ import annotations

import codecs
import dataclasses
import logging
import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from briefing.core.errors import ArticleImportError, WarningSink, log_warning
from briefing.core.importers.html_charset import decode_html
from briefing.core.model import Article
from briefing.core.source_files import (
    check_text_bytes,
    decode_text,
    is_binary,
    read_input_bytes,
)

logger = logging.getLogger(__name__)

SUPPORTED_SUFFIXES: dict[str, str] = {
    ".txt": "Plain text",
    ".md": "Markdown",
    ".markdown": "Markdown",
    ".html": "Web page (HTML)",
    ".htm": "Web page (HTML)",
    ".mhtml": "Web page, single file",
    ".mht": "Web page, single file",
    ".docx": "Word document",
    ".docm": "Word document",
}
"""File types the importer reads, by suffix, with a name to show in file dialogs and messages."""

WHAT = "file"
"""The noun source_files puts in its hints ("Choose a smaller file or split it")."""

_WORD_SUFFIXES = (".docx", ".docm")
"""A Word document, and one with macros (read as the document it is; macros are never run)."""
_WEB_PAGE_SUFFIXES = (".html", ".htm", ".mhtml", ".mht")
"""Suffixes of saved pages; an ``.mhtml`` file that is not an archive is read as plain HTML."""
_MARKUP = re.compile(r"<[A-Za-z!/?]")
"""A tag, comment or declaration: HTML has one; text saved under a page's name has none."""
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
    ".webarchive": "Safari web archives cannot be imported; open the page in Safari, choose "
                   "File → Save As with the format Page Source, and import that .html file",
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

    The suffix chooses the importer unless the content plainly says otherwise: a Word document
    or a saved web page named ``.txt`` or ``.md`` (a download renamed, a page saved as text) is
    read as what it is, with a warning. Raises :class:`ArticleImportError` naming the file and
    what to do when it cannot be read. Section ids are left empty;
    :meth:`Outline.add_article` assigns them.
    """
    path = Path(path)
    data = read_input_bytes(path, ArticleImportError, what=WHAT, allow_binary=True)
    article = _import_data(data, path, path.suffix.lower(), warn)
    apply_overrides(article, overrides)
    article.source_file = path.name
    for section in article.walk():
        section.id = ""
    logger.info("imported %s: %d sections", path.name, sum(1 for _ in article.walk()))
    return article


_PAGE_FOLDER_ENDINGS = ("_files", "-Dateien", "_fichiers", "_archivos", "_arquivos", "-bestanden")
"""How browsers and Word name the folder of a page saved complete (English, then German,
French, Spanish, Portuguese and Dutch versions)."""


def without_page_folders(paths: Sequence[Path]) -> list[Path]:
    """``paths`` without the folders that hold the pictures of a saved page given beside them.

    Selecting a page saved "complete" in a file manager often takes its ``NAME_files`` folder
    too; the folder is part of the page, not an article of its own.
    """
    pages = {(path.parent, path.stem) for path in paths
             if path.suffix.lower() in _WEB_PAGE_SUFFIXES}
    return [path for path in paths
            if not (path.is_dir() and any((path.parent, stem) in pages
                                          for stem in _page_stems(path)))]


def page_of_folder(folder: Path) -> Path | None:
    """The saved page whose pictures ``folder`` holds (``NAME_files`` beside ``NAME.html``),
    or None when it is a folder of its own."""
    for stem in _page_stems(folder):
        for suffix in _WEB_PAGE_SUFFIXES:
            page = folder.with_name(stem + suffix)
            if page.is_file():
                return page
    return None


def _page_stems(folder: Path) -> list[str]:
    """The names of the saved pages whose folder ``folder`` would be, by its name alone
    (``NAME`` for ``NAME_files``)."""
    name = folder.name
    return [name[:-len(ending)] for ending in _PAGE_FOLDER_ENDINGS
            if name.endswith(ending) and len(name) > len(ending)]


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


def _import_data(data: bytes, path: Path, suffix: str, warn: WarningSink) -> Article:
    """The article in a file's bytes, read by the importer its suffix (or content) names."""
    from briefing.core.importers.mhtml import is_web_archive

    if suffix in _WORD_SUFFIXES or (suffix in SUPPORTED_SUFFIXES and _is_word(data)):
        if suffix not in _WORD_SUFFIXES:
            warn(f"{path}: is a Word document, though its name ends in {suffix}; "
                 "read as a Word document")
        return _parse_word(data, path)
    if is_web_archive(data):
        return _parse_web_archive(data, path)
    if suffix not in SUPPORTED_SUFFIXES:
        return _import_other(data, path, suffix, warn)
    check_text_bytes(data, path, ArticleImportError, what=WHAT)
    if suffix in _WEB_PAGE_SUFFIXES:
        html = decode_html(data, path, warn)
        if not _MARKUP.search(html):
            warn(f"{path}: holds plain text, though its name ends in {suffix}; read as plain "
                 "text")
            return _parse_plain(html, path)
        return _parse_web(html, path)
    if _is_whole_page(data):
        warn(f"{path}: holds a web page (HTML), though its name ends in {suffix}; "
             "read as a web page")
        return _parse_web(decode_html(data, path, warn), path)
    text = decode_text(data, path, warn)
    if suffix == ".txt":
        return _parse_plain(text, path)
    from briefing.core.importers.markdown import parse_markdown
    from briefing.core.importers.structure import refuse_without_text, title_from_name

    article = parse_markdown(text, str(path))
    if not (article.blocks or article.sections or article.standfirst):
        # Only a heading, front matter or comments: nothing to pick or quote.
        named = article.title != title_from_name(str(path))
        refuse_without_text(str(path), article.title if named else "", kind="Markdown file")
    return article


def _is_word(data: bytes) -> bool:
    """A zip archive holding a Word document's parts."""
    return data.startswith(_ZIP_MAGIC) and b"word/" in data[:65536]


def _is_whole_page(data: bytes) -> bool:
    """Text that opens as an HTML page does (``<!DOCTYPE html>`` or ``<html>``)."""
    head = data[:1024]
    if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        text = head.decode("utf-16", errors="replace")
    else:
        text = head.decode("latin-1")
    opening = text.lstrip("\ufeff\xef\xbb\xbf \t\r\n").lower()
    return opening.startswith(("<!doctype html", "<html"))


def _parse_plain(text: str, path: Path) -> Article:
    from briefing.core.importers.text import parse_text

    return parse_text(text, str(path))


def _parse_word(data: bytes, path: Path) -> Article:
    from briefing.core.importers.docx import parse_docx

    return parse_docx(data, str(path))


def _parse_web_archive(data: bytes, path: Path) -> Article:
    """A page saved as one file: the page inside, with the address the archive gives."""
    from briefing.core.importers.mhtml import page_in_archive

    html, address = page_in_archive(data, path)
    article = _parse_web(html, path)
    if address and not article.url:
        article.url = address
    return article


def _import_other(data: bytes, path: Path, suffix: str, warn: WarningSink) -> Article:
    """A file whose suffix is not a supported type: read it by its content when that is clear."""
    if data.startswith(_ZIP_MAGIC) and (suffix == ".doc" or _is_word(data)):
        # A Word document with the wrong suffix (often a .docx renamed .doc).
        return _parse_word(data, path)
    if suffix == ".doc" or data.startswith(_OLE_MAGIC):
        raise ArticleImportError(path, LEGACY_WORD_PROBLEM)
    if suffix in _UNSUPPORTED_HINTS or data.startswith(b"%PDF-"):
        hint = _UNSUPPORTED_HINTS.get(suffix, _UNSUPPORTED_HINTS[".pdf"])
        raise ArticleImportError(path, "is not a type Briefing can import", hint=hint)
    if is_binary(data):
        raise ArticleImportError(
            path, f"is not a supported article file ({suffix or 'no suffix'})",
            hint=f"Briefing imports {supported_types()}")
    if _is_whole_page(data) or b"<html" in data.lstrip()[:512].lower():
        return _parse_web(decode_html(data, path, warn), path)
    return _parse_plain(decode_text(data, path, warn), path)


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
