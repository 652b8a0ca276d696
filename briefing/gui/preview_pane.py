"""The live preview of the briefing note, and its page-fit figure ("1.6 of 2 pages").

Usage::

    pane = PreviewPane(lambda: document.outline)
    document.changed.connect(pane.schedule_refresh)
    pane.fit_changed.connect(status_label_update)   # (text, over_budget), e.g. for the status bar

The preview is built from the same intermediate form as the export
(``build_document`` + ``html_out.render_html``), so what you see is what the export writes.
Refreshing is debounced: a burst of keystrokes costs one rebuild, :data:`REFRESH_DELAY_MS`
after the last one, made on a worker thread from a copy of the outline (made in idle slices,
:mod:`~briefing.gui.outline_copier`; every ``schedule_refresh`` starts a copy under way over),
so a large note never stalls the window (:meth:`PreviewPane.refresh_now` does it at once, on
this thread).
While the pane is hidden only the page fit is computed (it stays visible
elsewhere); the HTML is rendered when the pane is shown again. The scroll position survives a
refresh. A template that cannot be loaded shows as a message in the fit label; the last good
preview stays.

The export modules (and the Markdown library under them) are imported at the first refresh,
not when this module is imported, so they never slow the app's start.
"""

from __future__ import annotations

import dataclasses
import logging
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from PySide6.QtCore import QTimer, Signal
from PySide6.QtGui import QColor, QPalette, QShowEvent
from PySide6.QtWidgets import QHBoxLayout, QLabel, QVBoxLayout, QWidget

from briefing.core.errors import BriefingError
from briefing.core.model import Outline
from briefing.core.pauses import Pause
from briefing.gui.icons import icon
from briefing.gui.latest_job import LatestJob
from briefing.gui.outline_copier import OutlineCopier
from briefing.gui.safe_browser import SafeBrowser
from briefing.gui.window_first import rest_while_window_busy
from briefing.gui.workers import CancelToken, Job, ProgressCallback, snapshot_outline

if TYPE_CHECKING:
    from briefing.core.templates import TemplateSpec

logger = logging.getLogger(__name__)

REFRESH_DELAY_MS = 30
"""Quiet time after the last change before the preview rebuilds: long enough to merge a burst
of changes (a paste, an undo of several steps), short enough that a keystroke shows in the
preview within 100 ms for a 10-page note (30 ms + about 50 ms of rebuilding)."""
WARNING_COLOUR = "#c0392b"
PREVIEW_NOTE_LIMIT = 20_000
"""Characters of one note the preview shows; a longer note (pasted by mistake, or a 45 MB one
from someone else) shows its first part and a line saying so, and exports whole."""


def template_for(outline: Outline) -> TemplateSpec:
    """The template the briefing names, or the default one when it names none."""
    from briefing.core.templates import DEFAULT_TEMPLATE, find_template
    return find_template(outline.briefing.template or DEFAULT_TEMPLATE)


@dataclass(frozen=True)
class BuiltPreview:
    """What a refresh shows: the page fit, and the preview's HTML when the pane is visible."""

    spec: TemplateSpec
    pages: float
    html: str | None
    started: float = 0.0
    """When the refresh was asked for (``time.perf_counter``), for :attr:`last_refresh_ms`."""


def build_preview(outline: Outline, spec_getter: Callable[[Outline], TemplateSpec],
                  render: bool, *, snapshot: bool = False,
                  pause: Pause | None = None) -> BuiltPreview:
    """Build the note, estimate its pages and (if ``render``) its HTML; no widget is touched,
    so this runs on a worker thread over a snapshot.

    ``snapshot``: no edit changes ``outline`` afterwards, so the briefing the word counts
    built from the same outline serves (:mod:`~briefing.gui.shared_build`). ``pause`` is
    called between the steps of building the briefing.
    """
    from briefing.core.export.document import build_document
    from briefing.core.export.html_out import render_html
    from briefing.core.export.page_fit import estimate_pages
    from briefing.gui.preview_hint import empty_preview_html
    from briefing.gui.shared_build import built
    spec = spec_getter(outline)
    document = (built(outline, spec, PREVIEW_NOTE_LIMIT, pause) if snapshot
                else build_document(outline, spec, note_limit=PREVIEW_NOTE_LIMIT, pause=pause))
    html = None
    if render:
        html = (empty_preview_html(outline, document)
                or render_html(document, standalone=False))
    return BuiltPreview(spec, estimate_pages(document, spec), html)


class PreviewPane(QWidget):
    """A read-only view of the whole note as it will export, with its page fit above it."""

    fit_changed = Signal(str, bool)
    """The page-fit text ("1.6 of 2 pages") and whether the note is over its page budget."""
    refreshed = Signal()
    _outline_edited = Signal()
    """A refresh was asked for: a copy of the outline under way starts over."""
    """The preview (or, while hidden, the page fit) was rebuilt."""

    def __init__(self, outline_getter: Callable[[], Outline], parent: QWidget | None = None, *,
                 spec_getter: Callable[[Outline], TemplateSpec] = template_for,
                 delay_ms: int = REFRESH_DELAY_MS) -> None:
        super().__init__(parent)
        self._outline_getter = outline_getter
        self._spec_getter = spec_getter
        self._html_stale = True
        self._over_budget = False
        self.last_refresh_ms = 0.0
        """How long the last rebuild took, for the benchmark and the log."""

        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(delay_ms)
        self._timer.timeout.connect(self._refresh_in_background)
        self._background = LatestJob(self._make_job, self._show_built, self._show_error, self)
        self._copier = OutlineCopier(outline_getter, self._outline_edited, self, for_export=True)
        self._copier.ready.connect(self._copied)
        self._copy: Outline | None = None
        """The newest copy made for a background refresh."""

        self._fit_icon = QLabel()
        self._fit_icon.setPixmap(icon("warning", WARNING_COLOUR).pixmap(16, 16))
        self._fit_icon.setVisible(False)
        self._fit_label = QLabel("")
        self._fit_label.setAccessibleName("Page fit")
        self._fit_label.setToolTip("Estimated length of the exported note against the "
                                   "template's page budget")
        self._browser = SafeBrowser()
        self._browser.setAccessibleName("Briefing preview")
        self._browser.setAccessibleDescription("The whole note as it will export")
        # The preview is the printed page: dark text on white paper, in light and dark themes.
        paper = self._browser.palette()
        paper.setColor(QPalette.ColorRole.Base, QColor("#ffffff"))
        paper.setColor(QPalette.ColorRole.Text, QColor("#1a1a1a"))
        self._browser.setPalette(paper)
        self._browser.document().setDocumentMargin(24)

        fit_row = QHBoxLayout()
        fit_row.setContentsMargins(4, 2, 4, 2)
        fit_row.addWidget(self._fit_icon)
        fit_row.addWidget(self._fit_label, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(fit_row)
        layout.addWidget(self._browser, 1)

    # Public API --------------------------------------------------------------------------

    def schedule_refresh(self) -> None:
        """Rebuild soon; calls within :data:`REFRESH_DELAY_MS` of each other cost one rebuild."""
        self._outline_edited.emit()
        self._timer.start()

    def is_refresh_pending(self) -> bool:
        """Whether a refresh is still to come (waiting for a pause, or being built)."""
        return (self._timer.isActive() or self._copier.is_copying()
                or self._background.is_busy())

    def refresh_now(self) -> None:
        """Rebuild the page fit, and the preview if it is visible, from the current outline,
        now and on this thread (the timer does it in the background)."""
        self._timer.stop()
        self._copier.cancel()
        self._background.forget()
        started = time.perf_counter()
        try:
            built = build_preview(self._outline_getter(), self._spec_getter, self.isVisible())
        except BriefingError as error:
            self._show_error(error)
            return
        self._show(built, started)

    def _refresh_in_background(self) -> None:
        self._copier.start()  # copied in idle slices, then _copied

    def _copied(self, copy: Outline) -> None:
        self._copy = copy
        self._background.start()

    def _make_job(self) -> Job[BuiltPreview]:
        """A job building the preview from the newest copy of the outline (the job holds the
        copy from now on, so it goes with the job)."""
        taken, self._copy = self._copy, None
        outline = (taken if taken is not None
                   else snapshot_outline(self._outline_getter(), for_export=True))
        spec_getter, render, started = self._spec_getter, self.isVisible(), time.perf_counter()

        def job(token: CancelToken, progress: ProgressCallback) -> BuiltPreview:
            return dataclasses.replace(build_preview(outline, spec_getter, render,
                                                     snapshot=True,
                                                     pause=rest_while_window_busy),
                                       started=started)

        return job

    def _show_built(self, built: BuiltPreview) -> None:
        self._show(built, built.started)

    def _show(self, built: BuiltPreview, started: float) -> None:
        self._show_fit(built)
        if built.html is not None:
            self._render(built.html)
        else:
            self._html_stale = True
        self.last_refresh_ms = (time.perf_counter() - started) * 1000
        logger.debug("Preview rebuilt in %.1f ms", self.last_refresh_ms)
        self.refreshed.emit()

    def _show_error(self, error: BriefingError) -> None:
        self._show_problem(str(error))
        self.refreshed.emit()

    def fit_text(self) -> str:
        """The page-fit text as shown, or the problem that stopped the preview."""
        return self._fit_label.text()

    def is_over_budget(self) -> bool:
        return self._over_budget

    def html(self) -> str:
        """The preview as HTML (Qt's rendition of what was set)."""
        return self._browser.toHtml()

    def plain_text(self) -> str:
        """The preview's visible text, for tests and accessibility checks."""
        return self._browser.toPlainText()

    def browser(self) -> SafeBrowser:
        """The text browser, for the window to place focus or read the scroll position."""
        return self._browser

    # Internals ---------------------------------------------------------------------------

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self._html_stale:
            self.schedule_refresh()

    def _render(self, html: str) -> None:
        from briefing.core.export.html_out import STYLESHEET
        text_document = self._browser.document()
        if not text_document.defaultStyleSheet():
            text_document.setDefaultStyleSheet(STYLESHEET)
        bar = self._browser.verticalScrollBar()
        position, was_at_end = bar.value(), bar.value() >= bar.maximum() > 0
        self._browser.setHtml(html)
        bar.setValue(bar.maximum() if was_at_end else min(position, bar.maximum()))
        self._html_stale = False

    def _show_fit(self, built: BuiltPreview) -> None:
        from briefing.core.export.page_fit import format_fit, over_budget_warning
        spec = built.spec
        text = format_fit(built.pages, spec.page_budget)
        over = bool(over_budget_warning(built.pages, spec.page_budget))
        self._set_fit(text, over, tip=(f"Over the {spec.title} template's page budget: "
                                       "shorten notes or pick fewer sections") if over else "")

    def _show_problem(self, message: str) -> None:
        logger.info("Preview not rebuilt: %s", message)
        self._set_fit(message, True, tip=message)

    def _set_fit(self, text: str, over: bool, *, tip: str) -> None:
        changed = text != self._fit_label.text() or over != self._over_budget
        self._over_budget = over
        self._fit_label.setText(text)
        self._fit_icon.setVisible(over)
        # A style sheet only while over budget, so the normal colour follows the theme.
        self._fit_label.setStyleSheet(f"color: {WARNING_COLOUR}; font-weight: bold;"
                                      if over else "")
        self._fit_label.setToolTip(tip or "Estimated length of the exported note against the "
                                          "template's page budget")
        if changed:
            self.fit_changed.emit(text, over)

