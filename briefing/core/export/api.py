"""Exporting a briefing note: the one entry point the command line and the GUI call.

The format follows the output's extension (.docx, .md, .html, .pdf). Every format is written
from the same intermediate form (:mod:`briefing.core.export.document`), through an atomic write,
so a failed export never leaves a half-written file or harms an older one at the same path.
"""

from __future__ import annotations

import errno
import logging
import tempfile
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from briefing.core import paths
from briefing.core.atomic import (
    ReadOnlyFileError,
    is_read_only,
    write_atomic,
    write_policy,
    write_target,
)
from briefing.core.errors import (
    BriefingError,
    ExportError,
    TemplateError,
    WarningSink,
    log_warning,
)
from briefing.core.export import pdf_office
from briefing.core.export.document import BriefingDocument, build_document
from briefing.core.file_state import FileReadOnlyError
from briefing.core.model import Outline
from briefing.core.pauses import Pause, WorkStoppedError
from briefing.core.templates import DEFAULT_TEMPLATE, TemplateSpec, find_template

logger = logging.getLogger(__name__)

FORMATS = {".docx": "Word", ".md": "Markdown", ".html": "HTML", ".htm": "HTML", ".pdf": "PDF"}
"""The extensions export understands and the format each means."""

DocumentWriter = Callable[[BriefingDocument, Path], object]
"""Writes the intermediate form to a file (atomically); an OSError propagates unchanged."""


@dataclass
class ExportResult:
    """What an export wrote, how long the note is against its budget, and what was warned."""

    path: Path
    pages_estimate: float
    page_budget: float | None
    warnings: list[str] = field(default_factory=list)
    template: str = ""
    pdf_made_by: str = ""
    """For a PDF: "LibreOffice" (laid out like the Word note) or "Qt" (a simpler layout)."""


def output_format(output: Path) -> str:
    """The extension of ``output`` in lower case; :class:`ExportError` when not one we write."""
    suffix = output.suffix.lower()
    if suffix not in FORMATS:
        known = ", ".join(sorted(set(FORMATS) - {".htm"}))
        raise ExportError(output, f"cannot export to {suffix or 'a file without an extension'}",
                          hint=f"End the file name with one of: {known}")
    return suffix


def office_lock_file(output: Path) -> Path | None:
    """The lock file LibreOffice or Word keeps beside ``output`` while it has it open, if any.

    Only Windows stops a program from replacing a file another has open; elsewhere the office
    suite would go on editing the old note and could save it over the new one.
    """
    name = output.name
    # Word keeps the whole name when short, and drops one or two first letters of longer ones.
    for candidate in (f".~lock.{name}#", f"~${name}", f"~${name[1:]}", f"~${name[2:]}"):
        lock = output.with_name(candidate)
        if len(candidate) > 2 and lock.is_file():
            return lock
    return None


def check_output(output: Path, *, outline_file: Path | None = None,
                 template_files: tuple[Path, ...] = ()) -> None:
    """Refuse an output that is a folder, lies in a folder that does not exist, or is open.

    The outline being exported and the template in use are never replaced, nor is anything in
    a templates folder.
    """
    if output.is_dir():
        raise ExportError(output, "is a folder, not a file",
                          hint="Choose a file name inside it, e.g. note.docx")
    if not output.parent.is_dir():
        raise ExportError(output, f"the folder {output.parent} does not exist",
                          hint="Create the folder or choose another one")
    protected = [(path, "a template") for path in template_files]
    if outline_file is not None:
        protected.append((outline_file, "the outline being exported"))
    _refuse_protected(output, protected)
    lock = office_lock_file(output)
    if lock is not None and output.exists():
        raise ExportError(output, "is open in another program (Word or LibreOffice)",
                          hint=f"Close it there and export again, or choose another name. If "
                               f"it is not open, delete the leftover lock file {lock.name}")


def _refuse_protected(output: Path, protected: list[tuple[Path, str]]) -> None:
    target = write_target(output).resolve()
    for path, what in protected:
        if path.exists() and output.exists() and output.samefile(path):
            raise ExportError(output, f"is {what}; exporting would overwrite it",
                              hint="Choose another file name for the note")
    for folder in (paths.BUILTIN_TEMPLATES, paths.user_templates_dir()):
        if target.parent == folder.resolve():
            raise ExportError(output, "is in the templates folder, where exports would be "
                              "mistaken for templates (or overwrite one)",
                              hint="Choose another folder for the note")


def _write(doc: BriefingDocument, spec: TemplateSpec, output: Path, suffix: str,
           warn: WarningSink, pdf_writer: DocumentWriter | None, office: Path | None,
           check_stop: Callable[[], None] | None, pause: Pause | None = None) -> None:
    if suffix == ".docx":
        _write_docx(doc, spec, output, warn, pause)
    elif suffix == ".md":
        from briefing.core.export.markdown_out import write_markdown

        write_atomic(output, write_markdown(doc))
    elif suffix in (".html", ".htm"):
        from briefing.core.export.html_out import render_html

        write_atomic(output, render_html(doc, standalone=True))
    elif office is not None:
        _write_office_pdf(doc, spec, output, warn, office, check_stop)
    elif pdf_writer is not None:
        pdf_writer(doc, output)


def _write_docx(doc: BriefingDocument, spec: TemplateSpec, output: Path,
                warn: WarningSink, pause: Pause | None = None) -> None:
    from briefing.core.export.docx_writer import write_docx

    try:
        write_docx(doc, spec, output, warn, pause)
    except (OSError, BriefingError, WorkStoppedError):
        raise
    except Exception as exc:  # a template is open-ended input
        # A Word file can be built in more ways than the writer knows; whatever it trips
        # on, the user gets the template's name and a way out, and the log the details.
        logger.exception("writing %s with template %s failed", output, spec.docx_path)
        raise TemplateError(spec.docx_path, "could not be used to write the note "
                            f"({type(exc).__name__}: {exc})",
                            hint="Save it again as .docx in Word or LibreOffice, or start "
                                 "from a copy of a built-in template; the log file has "
                                 "the details") from None


def _write_office_pdf(doc: BriefingDocument, spec: TemplateSpec, output: Path,
                      warn: WarningSink, office: Path,
                      check_stop: Callable[[], None] | None) -> None:
    """The Word note written to a temporary folder, then converted by LibreOffice."""
    with tempfile.TemporaryDirectory(prefix="briefing-pdf-") as temp:
        draft = Path(temp) / "note.docx"
        with write_policy():  # the draft is not the export: Cancel and force concern the PDF
            _write_docx(doc, spec, draft, warn)
        data = pdf_office.convert_to_pdf(draft, output, office, check_stop=check_stop)
    write_atomic(output, data)


def write_error(output: Path, exc: OSError) -> BriefingError:
    """The user's wording of a failed write; the old file, if any, is untouched."""
    if isinstance(exc, ReadOnlyFileError):
        return FileReadOnlyError(output)
    if isinstance(exc, PermissionError):
        return ExportError(output, "cannot be written (permission denied)",
                           hint="Close the file if it is open in another program, or choose "
                                "a folder you can write to")
    if exc.errno == errno.ENOSPC:
        return ExportError(output, "cannot be written: the disk is full",
                           hint="Free some space or choose another disk")
    if exc.errno in (errno.EROFS, errno.EACCES, errno.EPERM):
        return ExportError(output, "cannot be written: the folder is read-only",
                           hint="Choose a folder you can write to")
    return ExportError(output, f"cannot be written ({exc.strerror or exc})",
                       hint="Check the folder and try again")


class _StoppedBeforeReplaceError(BaseException):
    """Carries the caller's reason to stop (Cancel) past the writers' own error handling."""

    def __init__(self, reason: BaseException) -> None:
        super().__init__(reason)
        self.reason = reason


def _guard(before_replace: Callable[[], None] | None) -> Callable[[], None] | None:
    if before_replace is None:
        return None

    def guard() -> None:
        try:
            before_replace()
        except Exception as reason:
            raise _StoppedBeforeReplaceError(reason) from reason

    return guard


def export_briefing(outline: Outline, output: Path, template: str | None = None,
                    classification: str | None = None,
                    warn: WarningSink = log_warning, *, source: Path | None = None,
                    force: bool = False,
                    before_replace: Callable[[], None] | None = None,
                    pdf_writer: DocumentWriter | None = None,
                    office_pdf: bool = True, pause: Pause | None = None) -> ExportResult:
    """Write the briefing note made from ``outline`` to ``output``.

    ``template`` defaults to the briefing's own, then ``briefing-note``; ``classification`` to
    the briefing's, then the template's default. Raises :class:`ExportError` (or
    :class:`TemplateError`) with nothing written when the note cannot be made; warns through
    ``warn`` when the note is over the template's page budget. ``source`` is the outline's file,
    which the note never replaces, nor the template. A read-only ``output`` raises
    :class:`FileReadOnlyError` unless ``force``. ``before_replace`` runs just before the note
    replaces ``output`` (raise there to cancel with nothing changed). ``pdf_writer`` writes
    ``.pdf`` when LibreOffice is not installed or ``office_pdf`` is False; otherwise the PDF
    is the Word note converted by LibreOffice (:mod:`briefing.core.export.pdf_office`), laid
    out like the .docx. Core has no PDF writer of its own, as that needs Qt. ``pause`` is
    called between small steps of the work (see :mod:`briefing.core.pauses`); raise there to
    stop it with nothing written.
    """
    output = Path(output)
    check_output(output, outline_file=source)
    suffix = output_format(output)
    office = pdf_office.find_office() if suffix == ".pdf" and office_pdf else None
    if suffix == ".pdf" and pdf_writer is None and office is None:
        raise ExportError(output, "PDF cannot be written here: it needs LibreOffice or "
                          "Briefing's Qt part, and neither is available",
                          hint="Export to .docx, .md or .html, install LibreOffice, or export "
                               "the PDF from the app or the 'briefing export' command")
    if is_read_only(write_target(output)) and not force:
        raise FileReadOnlyError(output)
    if not outline.entries_in_order():
        raise ExportError(output, "nothing to export: no section or excerpt is picked",
                          hint="Pick the sections or excerpts the note should use, then export "
                               "again")
    warnings: list[str] = []

    def collect(message: str) -> None:
        warnings.append(message)
        warn(message)

    spec = find_template(template or outline.briefing.template or DEFAULT_TEMPLATE, collect)
    check_output(output, template_files=(spec.docx_path, spec.docx_path.with_suffix(".yaml")))
    marking = classification or outline.briefing.classification
    if marking and marking not in spec.classification_scheme:
        collect(f"classification {marking!r} is not in template {spec.name}'s scheme "
                f"({', '.join(spec.classification_scheme)}); used as given")
    doc = build_document(outline, spec, classification, pause=pause)

    from briefing.core.export.page_fit import estimate_pages, over_budget_warning

    pages = estimate_pages(doc, spec)
    if spec.page_budget is not None:
        message = over_budget_warning(pages, spec.page_budget)
        if message:
            collect(f"{output.name}: {message}")
    guard = _guard(before_replace)
    try:
        with write_policy(force=force, before_replace=guard):
            _write(doc, spec, output, suffix, collect, pdf_writer, office, guard, pause)
    except _StoppedBeforeReplaceError as stop:
        raise stop.reason from None
    except OSError as exc:
        raise write_error(output, exc) from None
    logger.info("exported %s with template %s (%.1f pages)", output, spec.name, pages)
    made_by = ("LibreOffice" if office is not None else "Qt") if suffix == ".pdf" else ""
    return ExportResult(path=output, pages_estimate=pages, page_budget=spec.page_budget,
                        warnings=warnings, template=spec.name, pdf_made_by=made_by)
