"""The word counts in the status bar: the selected note, all notes, and the briefing as exported.

Usage::

    counts = WordCountLabel(lambda: document.outline, lambda: note_editor.section_id)
    document.changed.connect(counts.schedule_refresh)
    status_bar.addPermanentWidget(counts)

Counting the exported briefing means building its intermediate form, as the Preview does, so
the counts are recomputed :data:`COUNT_DELAY_MS` after the last change, never on the keystroke
itself, and on a worker thread from a copy made in idle slices (as the Preview's). The
Preview's page fit builds the same briefing from its own copy just before: that build is used
again when the copies hold the same (:mod:`~briefing.gui.shared_build`), so counting a
10,000-section outline then takes a fifth of a second.
A template that cannot be loaded leaves the briefing's count out (the page-fit label
beside it says why).
"""

from __future__ import annotations

import dataclasses
import logging
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from PySide6.QtCore import QTimer, Signal
from PySide6.QtWidgets import QLabel, QWidget

from briefing.core.errors import BriefingError
from briefing.core.model import Article, Outline
from briefing.core.pauses import Pause
from briefing.core.word_count import (
    NOTE_COUNT_LIMIT,
    WordCount,
    document_count,
    note_count,
)
from briefing.gui.latest_job import LatestJob
from briefing.gui.outline_copier import OutlineCopier
from briefing.gui.preview_pane import template_for
from briefing.gui.window_first import rest_while_window_busy
from briefing.gui.workers import CancelToken, Job, ProgressCallback, snapshot_outline

if TYPE_CHECKING:
    from briefing.core.templates import TemplateSpec

logger = logging.getLogger(__name__)

COUNT_DELAY_MS = 150
"""Quiet time after the last change before the counts are taken again: typing never waits
for the briefing to be rebuilt, and a pause shows the new counts at once."""


@dataclass(frozen=True)
class WordCounts:
    """The three counts; ``selected_note`` is None when no section is selected, ``briefing``
    when the briefing could not be built."""

    selected_note: WordCount | None
    all_notes: WordCount
    briefing: WordCount | None

    def text(self) -> str:
        """The status bar's wording: "Note: 42 words · All notes: 310 words · Briefing: ..."."""
        parts = []
        if self.selected_note is not None:
            parts.append(f"Note: {self.selected_note.label()}")
        parts.append(f"All notes: {self.all_notes.label()}")
        if self.briefing is not None:
            parts.append(f"Briefing: {self.briefing.label()}")
        return " \u00b7 ".join(parts)


_NO_WORDS = WordCount(0)

NoteText = tuple[str, str, bool]
"""A section's or excerpt's id, note and whether it is in the briefing (an excerpt always is):
what the counts read of every section and excerpt."""


def note_texts(outline: Outline) -> list[NoteText]:
    """Every section's and excerpt's note, taken in a few milliseconds (the strings are shared,
    not copied)."""
    return joined_note_texts([article_note_texts(article) for article in outline.articles])


ArticleNotes = tuple[list[NoteText], list[NoteText]]
"""One article's part of :func:`note_texts`: its sections', then its excerpts'."""


def article_note_texts(article: Article) -> ArticleNotes:
    """The notes of one article's sections and excerpts (taken article by article while the
    outline is copied, so no pass over the whole outline holds the window)."""
    return ([(section.id, section.note, section.picked) for section in article.walk()],
            [(excerpt.id, excerpt.note, True) for excerpt in article.excerpts])


def joined_note_texts(parts: list[ArticleNotes]) -> list[NoteText]:
    """:func:`note_texts` from each article's part: every section's note, then every
    excerpt's."""
    notes = [note for sections, _ in parts for note in sections]
    notes.extend(note for _, excerpts in parts for note in excerpts)
    return notes


def _note_of(outline: Outline, item_id: str | None) -> str | None:
    """The note of the section or excerpt ``item_id``; None when there is no such item."""
    if item_id is None:
        return None
    found = outline.find_section(item_id) or outline.find_excerpt(item_id)
    return found[1].note if found else None


def take_counts(outline: Outline, section_id: str | None,
                spec_getter: Callable[[Outline], TemplateSpec] = template_for, *,
                notes: list[NoteText] | None = None, snapshot: bool = False,
                pause: Pause | None = None) -> WordCounts:
    """Count the selected section's (or excerpt's) note, every note (excerpts' too), and the
    briefing as it exports.

    ``notes`` (from :func:`note_texts`) stands for the outline's sections when ``outline`` is
    a snapshot made for export, which leaves most of them out. ``snapshot``: no edit changes
    ``outline`` afterwards, so the briefing the page fit built from the same outline serves
    (:mod:`~briefing.gui.shared_build`). ``pause`` is called between the steps of building
    the briefing (the background job rests there while the window is busy).
    """
    from briefing.core.export.document import build_document
    from briefing.core.export.template_body import body_words
    from briefing.gui.shared_build import built

    selected: WordCount | None = None
    total, any_cut, notes_cut = 0, False, False
    for note_id, note, picked in note_texts(outline) if notes is None else notes:
        words = note_count(note) if note else _NO_WORDS  # most sections have no note
        total += words.words
        any_cut = any_cut or words.at_least
        notes_cut = notes_cut or (words.at_least and picked)
        if note_id == section_id:
            selected = words
    all_notes = WordCount(total, any_cut)
    try:
        spec = spec_getter(outline)
        document = (built(outline, spec, NOTE_COUNT_LIMIT, pause) if snapshot
                    else build_document(outline, spec, note_limit=NOTE_COUNT_LIMIT, pause=pause))
        briefing: WordCount | None = (document_count(document, notes_cut=notes_cut)
                                      + WordCount(body_words(document, spec)))
    except BriefingError as error:
        logger.info("Briefing not counted: %s", error)
        briefing = None
    return WordCounts(selected, all_notes, briefing)


class WordCountLabel(QLabel):
    """A status-bar label with the word counts, kept up to date off the keystroke path."""

    counted = Signal(object)
    _asked = Signal()
    """Counts were asked for: a copy of the outline under way starts over."""
    """The counts were taken again (a :class:`WordCounts`)."""

    def __init__(self, outline_getter: Callable[[], Outline],
                 section_getter: Callable[[], str | None], parent: QWidget | None = None, *,
                 spec_getter: Callable[[Outline], TemplateSpec] = template_for,
                 delay_ms: int = COUNT_DELAY_MS) -> None:
        super().__init__(parent)
        self._outline_getter = outline_getter
        self._section_getter = section_getter
        self._spec_getter = spec_getter
        self.counts = WordCounts(None, WordCount(0), None)
        self.setAccessibleName("Word counts")
        self.setToolTip("Words in the selected note, in all notes, and in the briefing note as "
                        "it will export (\u201c+\u201d: text too long to count whole, at least "
                        "this many)")
        self.setContentsMargins(8, 0, 8, 0)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(delay_ms)
        self._background: LatestJob[WordCounts] = LatestJob(self._make_job, self._show,
                                                            self._not_counted, self)
        self._timer.timeout.connect(self._count_in_background)
        self._copier = OutlineCopier(outline_getter, self._asked, self, for_export=True,
                                     also=article_note_texts)
        self._copier.ready.connect(self._copied)
        self._copy: tuple[list[NoteText], Outline] | None = None
        """The notes and the newest copy of the outline made for a background count."""
        self._counted_for: tuple[str | None] | None = None
        """The selected section when the counts were last asked for (None: never)."""

    def _not_counted(self, error: BriefingError) -> None:
        """Not reached: :func:`take_counts` leaves the briefing out when it cannot be built."""
        logger.info("Counts not taken: %s", error)

    def schedule_refresh(self) -> None:
        """Count again soon; changes close together cost one count."""
        self._asked.emit()
        self._timer.start()

    def follow_selection(self) -> None:
        """The tree's current row changed: count the newly selected note.

        Only that count changes, so it is taken here at once, and the others stand, unless new
        counts are on their way anyway (they take the new selection). Filtering re-selects the
        same section in the narrowed tree: nothing to count then.
        """
        section_id = self._section_getter()
        if self._counted_for == (section_id,):
            return
        if self._timer.isActive() or self._copier.is_copying():
            return  # the counts on their way take the selection when they start
        if self._counted_for is None or self.is_refresh_pending():
            self.schedule_refresh()
            return
        self._counted_for = (section_id,)
        note = _note_of(self._outline_getter(), section_id)
        selected = None if note is None else note_count(note) if note else _NO_WORDS
        self._show(dataclasses.replace(self.counts, selected_note=selected))

    def is_refresh_pending(self) -> bool:
        """Whether new counts are still to come (waiting for a pause, or being taken)."""
        return (self._timer.isActive() or self._copier.is_copying()
                or self._background.is_busy())

    def refresh_now(self) -> None:
        """Count now, on this thread, and show the result."""
        self._timer.stop()
        self._copier.cancel()
        self._background.forget()
        section_id = self._section_getter()
        self._counted_for = (section_id,)
        self._show(take_counts(self._outline_getter(), section_id, self._spec_getter))

    def _count_in_background(self) -> None:
        self._copier.start()  # copied in idle slices, then _copied

    def _copied(self, copy: Outline) -> None:
        self._copy = joined_note_texts(self._copier.also_gathered), copy  # notes as copied
        self._background.start()

    def _make_job(self) -> Job[WordCounts]:
        """A job counting the newest copy of the outline (the job holds the copy from now on:
        kept here as well, its many objects would be walked by each collection meanwhile)."""
        taken, self._copy = self._copy, None
        if taken is not None:
            notes, snapshot = taken
        else:
            outline = self._outline_getter()
            notes, snapshot = note_texts(outline), snapshot_outline(outline, for_export=True)
        section_id, spec_getter = self._section_getter(), self._spec_getter
        self._counted_for = (section_id,)

        def job(token: CancelToken, progress: ProgressCallback) -> WordCounts:
            return take_counts(snapshot, section_id, spec_getter, notes=notes, snapshot=True,
                               pause=rest_while_window_busy)

        return job

    def _show(self, counts: WordCounts) -> None:
        self.counts = counts
        self.setText(counts.text())
        self.counted.emit(counts)
