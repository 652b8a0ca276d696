"""The export dialog: format, template, classification, where to write, and "open when done".

Usage::

    dialog = ExportDialog(document.outline, list_templates(), window,
                          settings=window.settings, suggested_name=document.display_name)
    if dialog.exec():
        export_in_background(window, document.outline, dialog.request(), status=show_status,
                             changed=document.changed)

:func:`export_in_background` runs the export on a worker thread with progress
(:mod:`briefing.gui.workers`), reports a failed export as a message naming the file and what to
do, shows warnings (over the page budget ...) in the status bar, and opens the file when asked.

The dialog checks what it can before the export starts, each as a message with the fix: no
section picked, a file name without a format's extension, a folder that does not exist, a path
that is a folder. A file that exists is flagged ("will be replaced") without blocking. Changing
the format changes the file name's extension; typing another known extension changes the
format.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QStandardPaths, Qt, QUrl, SignalInstance
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from briefing.core.errors import BriefingError
from briefing.core.export import pdf_office
from briefing.core.file_state import FileReadOnlyError
from briefing.core.model import Outline
from briefing.core.templates import DEFAULT_TEMPLATE, TemplateSpec
from briefing.gui import file_questions
from briefing.gui.outline_copier import CopyForJob
from briefing.gui.settings import AppSettings
from briefing.gui.workers import JobHandle, export_job, run_with_progress

if TYPE_CHECKING:
    from briefing.core.export.api import ExportResult

logger = logging.getLogger(__name__)

EXPORT_FORMATS: tuple[tuple[str, str], ...] = (
    (".docx", "Word document (.docx)"), (".pdf", "PDF (.pdf)"),
    (".html", "Web page (.html)"), (".md", "Markdown (.md)"))
"""The formats offered, by extension, as the export writes them."""
_SUFFIXES = {suffix for suffix, _ in EXPORT_FORMATS} | {".htm"}


@dataclass(frozen=True)
class ExportRequest:
    """What the user chose; ``export_briefing(outline, output, template, classification)``."""

    output: Path
    format: str
    """The extension, e.g. ``.docx``."""
    template: str
    classification: str
    open_when_done: bool


def safe_file_stem(text: str) -> str:
    """A file name stem from a title: no characters a file system refuses, not too long."""
    cleaned = re.sub(r'[<>:"/\\|?*\x00-\x1f]+', " ", text).strip().strip(".")
    cleaned = re.sub(r"\s+", " ", cleaned)
    return cleaned[:80].rstrip() or "briefing"


def default_folder(settings: AppSettings | None) -> Path:
    """The last export folder if it still exists, else the user's documents folder."""
    if settings is not None and settings.export_folder:
        folder = Path(settings.export_folder)
        if folder.is_dir():
            return folder
    documents = QStandardPaths.writableLocation(
        QStandardPaths.StandardLocation.DocumentsLocation)
    return Path(documents) if documents and Path(documents).is_dir() else Path.home()


class ExportDialog(QDialog):
    """Asks how and where to export; :meth:`request` gives the answer once accepted."""

    def __init__(self, outline: Outline, templates: Sequence[TemplateSpec],
                 parent: QWidget | None = None, *, settings: AppSettings | None = None,
                 suggested_name: str = "") -> None:
        super().__init__(parent)
        self.setWindowTitle("Export briefing note")
        self.setAccessibleName("Export briefing note")
        self._outline = outline
        self._templates = list(templates)
        self._settings = settings
        self._syncing = False

        self.format_box = QComboBox()
        self.format_box.setAccessibleName("Format")
        for suffix, label in EXPORT_FORMATS:
            self.format_box.addItem(label, suffix)
        self.template_box = QComboBox()
        self.template_box.setAccessibleName("Template")
        for spec in self._templates:
            self.template_box.addItem(spec.title or spec.name, spec.name)
            self.template_box.setItemData(self.template_box.count() - 1, spec.description,
                                          Qt.ItemDataRole.ToolTipRole)
        self.description = QLabel()
        self.description.setWordWrap(True)
        # Room for three lines, so a longer description does not squeeze the rows around it.
        self.description.setMinimumHeight(self.description.fontMetrics().lineSpacing() * 3 + 4)
        self.description.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.description.setAccessibleName("Template description")
        self.classification_box = QComboBox()
        self.classification_box.setAccessibleName("Classification")
        self.path_edit = QLineEdit()
        self.path_edit.setAccessibleName("Output file")
        self.path_edit.setClearButtonEnabled(True)
        self.browse_button = QPushButton("&Browse…")
        self.browse_button.setAccessibleName("Choose the output file")
        self.open_when_done = QCheckBox("&Open the file when the export is done")
        self.open_when_done.setChecked(settings.open_when_done if settings else True)
        self.pdf_note = QLabel()
        self.pdf_note.setWordWrap(True)
        self.pdf_note.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.pdf_note.setAccessibleName("About the PDF")
        self.problems = QLabel()
        self.problems.setWordWrap(True)
        self.problems.setAccessibleName("Problems")

        path_row = QHBoxLayout()
        path_row.addWidget(self.path_edit, 1)
        path_row.addWidget(self.browse_button)
        form = QFormLayout()
        form.addRow("&Format:", self.format_box)
        form.addRow("", self.pdf_note)
        form.addRow("&Template:", self.template_box)
        form.addRow("", self.description)
        form.addRow("&Classification:", self.classification_box)
        save_label = QLabel("&Save to:")
        save_label.setBuddy(self.path_edit)  # a row holding a layout gets no buddy by itself
        form.addRow(save_label, path_row)
        form.addRow("", self.open_when_done)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                        | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText("&Export")
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.problems)
        layout.addWidget(self.buttons)

        # Initial choices: the briefing's template and classification, the last format.
        wanted_template = outline.briefing.template or DEFAULT_TEMPLATE
        index = self.template_box.findData(wanted_template)
        self.template_box.setCurrentIndex(max(index, 0))
        self._fill_classifications()
        wanted_format = settings.export_format if settings else ".docx"
        self.format_box.setCurrentIndex(max(self.format_box.findData(wanted_format), 0))
        stem = safe_file_stem(outline.briefing.title or Path(suggested_name).stem
                              or outline.title)
        self.path_edit.setText(str(default_folder(settings) / f"{stem}{self.format()}"))

        self.format_box.currentIndexChanged.connect(self._format_changed)
        self.template_box.currentIndexChanged.connect(self._template_changed)
        self.path_edit.textChanged.connect(self._path_changed)
        self.browse_button.clicked.connect(self.browse)
        self._template_changed()
        self._show_pdf_note()
        self.resize(640, self.sizeHint().height())

    # Choices ------------------------------------------------------------------------------

    def format(self) -> str:
        return str(self.format_box.currentData())

    def template(self) -> TemplateSpec | None:
        index = self.template_box.currentIndex()
        return self._templates[index] if 0 <= index < len(self._templates) else None

    def output(self) -> Path | None:
        text = self.path_edit.text().strip()
        return Path(text).expanduser() if text else None

    def request(self) -> ExportRequest:
        """The user's choices (call after the dialog was accepted)."""
        output = self.output()
        spec = self.template()
        if output is None or spec is None:
            raise ValueError("the export dialog has no output file or template")
        return ExportRequest(output=output, format=self.format(), template=spec.name,
                             classification=self.classification_box.currentText(),
                             open_when_done=self.open_when_done.isChecked())

    def set_output(self, path: Path) -> None:
        self.path_edit.setText(str(path))

    # Checking -----------------------------------------------------------------------------

    def problem_list(self) -> list[tuple[str, bool]]:
        """What is wrong or worth knowing, as (message with the fix, blocks Export)."""
        found: list[tuple[str, bool]] = []
        if not self._outline.entries_in_order():
            found.append(("No section is picked: pick the sections the note should use, "
                          "then export.", True))
        if self.template() is None:
            found.append(("No template is available: add one to the templates folder.", True))
        output = self.output()
        if output is None:
            found.append(("Choose where to save the note.", True))
            return found
        if output.suffix.lower() not in _SUFFIXES:
            known = ", ".join(suffix for suffix, _ in EXPORT_FORMATS)
            found.append((f"{output.name}: end the file name with one of {known}.", True))
        if output.is_dir():
            found.append((f"{output} is a folder: add a file name.", True))
        elif not output.parent.is_dir():
            found.append((f"The folder {output.parent} does not exist: create it or choose "
                          "another.", True))
        elif output.exists():
            found.append((f"{output.name} exists and will be replaced.", False))
        return found

    def _validate(self) -> None:
        problems = self.problem_list()
        blocked = any(blocking for _, blocking in problems)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(not blocked)
        self.problems.setText("\n".join(message for message, _ in problems))

    # Reactions ----------------------------------------------------------------------------

    def browse(self) -> None:
        """Choose the output file with the system's save dialog."""
        current = self.output()
        start = str(current) if current else str(default_folder(self._settings))
        label = self.format_box.currentText()
        name, _ = QFileDialog.getSaveFileName(self, "Export briefing note", start,
                                              f"{label};;All files (*)")
        if name:
            path = Path(name)
            if path.suffix.lower() not in _SUFFIXES:
                path = path.with_name(path.name + self.format())
            self.set_output(path)

    def _show_pdf_note(self) -> None:
        """Say how the PDF will be made: like the Word note, or in a simpler layout."""
        is_pdf = self.format() == ".pdf"
        self.pdf_note.setVisible(is_pdf)
        if not is_pdf:
            return
        office = pdf_office.find_office()
        self.pdf_note.setText(
            "The PDF is the Word note converted by LibreOffice: the same letterhead, fonts, "
            "footnotes and page numbers." if office is not None else
            "LibreOffice is not installed, so the PDF has a simplified layout (not the Word "
            "template's letterhead, fonts or footnotes). Install LibreOffice, or export .docx "
            "and save it as PDF from Word, for a PDF like the Word note.")
        self.pdf_note.setToolTip(str(office) if office is not None else "")

    def _format_changed(self) -> None:
        self._show_pdf_note()
        output = self.output()
        if output is not None and not self._syncing:
            stem = output.stem if output.suffix.lower() in _SUFFIXES else output.name
            self._syncing = True
            try:
                self.set_output(output.with_name(stem + self.format()))
            finally:
                self._syncing = False
        self._validate()

    def _path_changed(self) -> None:
        output = self.output()
        if output is not None and not self._syncing:
            suffix = ".html" if output.suffix.lower() == ".htm" else output.suffix.lower()
            index = self.format_box.findData(suffix)
            if index >= 0 and index != self.format_box.currentIndex():
                self._syncing = True
                try:
                    self.format_box.setCurrentIndex(index)
                finally:
                    self._syncing = False
        self._validate()

    def _template_changed(self) -> None:
        spec = self.template()
        self.description.setText(spec.description if spec else "")
        budget = (f"Page budget: {spec.page_budget:g}" if spec and spec.page_budget
                  else "No page budget")
        self.description.setToolTip(budget)
        self._fill_classifications()
        self._validate()

    def _fill_classifications(self) -> None:
        spec = self.template()
        previous = self.classification_box.currentText() or self._outline.briefing.classification
        self.classification_box.clear()
        if spec is None:
            return
        self.classification_box.addItems(list(spec.classification_scheme))
        wanted = previous or spec.default_classification
        if wanted and wanted not in spec.classification_scheme:
            self.classification_box.addItem(wanted)  # the briefing's own marking, kept
        index = self.classification_box.findText(wanted or spec.default_classification)
        self.classification_box.setCurrentIndex(max(index, 0))

    def accept(self) -> None:
        self._validate()
        if not self.buttons.button(QDialogButtonBox.StandardButton.Ok).isEnabled():
            return
        if self._settings is not None:
            self._settings.export_format = self.format()
            self._settings.open_when_done = self.open_when_done.isChecked()
            output = self.output()
            if output is not None:
                self._settings.export_folder = str(output.parent)
        super().accept()


def open_exported(path: Path) -> bool:
    """Open an exported file in the program the system uses for it."""
    opened = QDesktopServices.openUrl(QUrl.fromLocalFile(str(path)))
    if not opened:
        logger.warning("Could not open %s", path)
    return bool(opened)


def _replace_read_only(parent: QWidget | None, output: Path) -> bool:
    choice = file_questions.ask_choice(parent, "File is read-only",
                                       f"“{output.name}” is read-only, which protects it "
                                       "from changes.\n\nReplace it with the new note anyway "
                                       "(it stays read-only)?",
                                       ["Replace", "Cancel"], default=1, cancel=1)
    return choice == 0


def export_in_background(parent: QWidget | None, outline: Outline, request: ExportRequest, *,
                         status: Callable[[str], None],
                         on_finished: Callable[[ExportResult | None], None] | None = None,
                         source: Path | None = None, force: bool = False,
                         changed: SignalInstance | None = None) -> JobHandle[ExportResult]:
    """Export on a worker thread with progress; report, warn and open as the request says.

    ``source`` is the outline's file (never overwritten). A read-only output is replaced only
    when the user agrees (``force``, or the question asked when the export finds it). The
    outline is copied for the job in idle slices (:class:`CopyForJob`), over again after an
    edit ``changed`` tells of.
    """
    warnings: list[str] = []

    def done(result: ExportResult) -> None:
        message = f"Exported {result.path.name}"
        if result.pdf_made_by:
            message += " (laid out by LibreOffice)" if result.pdf_made_by == "LibreOffice" \
                else " (simplified layout)"
        if result.warnings:
            message += f" ({'; '.join(result.warnings)})"
        status(message)
        if request.open_when_done and not open_exported(result.path):
            status(f"Exported {result.path.name}, but no program opened it")
        if on_finished is not None:
            on_finished(result)

    def failed(error: BriefingError) -> None:
        if isinstance(error, FileReadOnlyError) and _replace_read_only(parent, request.output):
            export_in_background(parent, outline, request, status=status,
                                 on_finished=on_finished, source=source, force=True,
                                 changed=changed)
            return
        status(f"Export failed: {error}")
        QMessageBox.warning(parent, "Cannot export", f"Cannot export.\n\n{error}")
        if on_finished is not None:
            on_finished(None)

    def cancelled() -> None:
        status("Export cancelled; nothing was written")
        if on_finished is not None:
            on_finished(None)

    copy = CopyForJob(lambda: outline, changed)
    job = export_job(outline, request.output, request.template, request.classification,
                     warnings, source=source, force=force, copy=copy.wait)
    handle = run_with_progress(parent, f"Exporting {request.output.name}", job, done, failed,
                               cancelled)
    copy.setParent(handle)  # lives as long as the job's handle
    handle.finished.connect(copy.stop)
    return handle
