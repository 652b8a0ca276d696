"""Opening a template's Word file: a .docx, or a .dotx converted on load; never a .docm.

Word saves a template (``.dotx``) as a document whose main part has the *template* content type,
which python-docx refuses. The two formats differ only in that one line of
``[Content_Types].xml``, so a ``.dotx`` is opened by rewriting that line in memory (the file on
disk is never changed). A macro-enabled file (``.docm``, ``.dotm``) is refused: Briefing never
carries macros into a note, and a template that relies on them would not work as its author
expects.
"""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import docx
from docx.document import Document
from docx.opc.exceptions import PackageNotFoundError
from lxml import etree

from briefing.core.errors import TemplateError
from briefing.core.source_files import read_bounded
from briefing.core.templates import MACRO_SUFFIXES, macro_refusal
from briefing.core.zip_limits import check_zip

_CONTENT_TYPES = "[Content_Types].xml"
_DOCUMENT_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"
_TEMPLATE_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.template.main+xml"
_MACRO_TYPES = ("application/vnd.ms-word.document.macroEnabled.main+xml",
                "application/vnd.ms-word.template.macroEnabledTemplate.main+xml")
_RESAVE = "Open it in Word or LibreOffice and save it again as .docx (Word 2007-365)"


def _as_document_package(data: bytes, path: Path) -> bytes:
    """The package with a template's main content type changed to a document's; else as is."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            types = archive.read(_CONTENT_TYPES).decode("utf-8", "replace")
            if any(kind in types for kind in _MACRO_TYPES):
                raise macro_refusal(path)
            if _TEMPLATE_TYPE not in types:
                return data
            converted = io.BytesIO()
            with zipfile.ZipFile(converted, "w", zipfile.ZIP_DEFLATED) as target:
                for part in archive.infolist():
                    content = archive.read(part)
                    if part.filename == _CONTENT_TYPES:
                        content = types.replace(_TEMPLATE_TYPE, _DOCUMENT_TYPE).encode("utf-8")
                    target.writestr(part, content)
            return converted.getvalue()
    except (zipfile.BadZipFile, KeyError, ValueError, EOFError, OSError):
        return data  # python-docx reports it below, in the same words as any damaged file


def open_template_file(path: Path) -> Document:
    """The Word file of a template, opened; :class:`TemplateError` when it is not usable."""
    if path.suffix.lower() in MACRO_SUFFIXES:
        raise macro_refusal(path)
    if not path.exists():
        raise TemplateError(path, "no such file", hint="Put the template's .docx beside its .yaml")
    data = read_bounded(path, TemplateError, what="template (.docx)")
    check_zip(data, path, TemplateError)
    data = _as_document_package(data, path)
    try:
        return docx.Document(io.BytesIO(data))
    except (PackageNotFoundError, zipfile.BadZipFile):
        raise TemplateError(path, "is not a Word document (.docx): it cannot be opened as one",
                            hint=_RESAVE) from None
    except ValueError as exc:
        raise TemplateError(path, f"is not a Word document that can be read ({exc})",
                            hint=_RESAVE) from None
    except (KeyError, etree.XMLSyntaxError) as exc:
        raise TemplateError(path, f"is damaged and cannot be read ({exc})",
                            hint=_RESAVE) from None
    except OSError as exc:
        raise TemplateError(path, f"cannot be read ({exc.strerror or exc})") from None
