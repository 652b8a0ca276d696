"""Every edit a user makes, as a QUndoCommand on the document's one undo stack.

Commands hold only what they need to go both ways (ids, old and new values) and change the outline
through ``Document.apply_*``, so undo and redo refresh the views exactly like the edit did. They
know the document only as the :class:`EditTarget` it offers them, so this module does not import
:mod:`briefing.gui.document` (which imports it).

Typing in the note editor or a detail field pushes one command per keystroke; consecutive edits of
the same field merge into one undo step, but only while the typing is continuous (a pause longer
than :data:`MERGE_PAUSE` seconds starts a new step) and for at most :data:`MERGE_SPAN` seconds, so
one undo never removes a single character, nor an hour of work.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence
from typing import Protocol

from PySide6.QtGui import QUndoCommand

from briefing.core.model import Article, Discarded, Excerpt, Outline, Section

MERGE_PAUSE = 2.0
"""Seconds without typing after which the next keystroke starts a new undo step."""
MERGE_SPAN = 30.0
"""Seconds of continuous typing that one undo step covers at most."""

clock: Callable[[], float] = time.monotonic
"""The time source for merging; tests replace it to simulate pauses."""

_NOTE_ID = 1001
_DETAIL_ID = 1002

_DETAIL_LABELS = {"from_": "from", "file_number": "file number",
                  "action_required": "action required", "drafted_by_name": "drafted by",
                  "drafted_by_unit": "unit", "drafted_by_contact": "contact",
                  "approved_by": "approved by", "second_title": "second-language title"}


class EditTarget(Protocol):
    """What the commands read and call on the document they edit."""

    @property
    def outline(self) -> Outline: ...

    def section(self, section_id: str) -> Section | None: ...

    def noted(self, item_id: str) -> Section | Excerpt | None: ...

    def apply_picked(self, picks: dict[str, bool], order: list[str] | None) -> None: ...

    def apply_note(self, section_id: str, text: str) -> None: ...

    def apply_tags(self, section_id: str, tags: list[str]) -> None: ...

    def apply_detail(self, name: str, value: str) -> None: ...

    def apply_order(self, order: list[str]) -> None: ...

    def apply_insert_articles(self, articles: list[Article]) -> None: ...

    def apply_remove_last_articles(self, count: int) -> list[Article]: ...

    def apply_restore(self, article_row: int, discarded_index: int) -> Discarded: ...

    def apply_unrestore(self, article_row: int, discarded_index: int,
                        item: Discarded) -> None: ...


class SetPickedCommand(QUndoCommand):
    """Pick or unpick several sections at once; undo also restores the exact previous order."""

    def __init__(self, document: EditTarget, section_ids: Sequence[str], picked: bool) -> None:
        count = len(section_ids)
        verb = "Pick" if picked else "Unpick"
        noun = "section" if count == 1 else f"{count} sections"
        super().__init__(f"{verb} {noun}")
        self._document = document
        self._new = dict.fromkeys(section_ids, picked)
        self._old = {sid: not picked for sid in section_ids}
        self._old_order = list(document.outline.briefing.order)

    def redo(self) -> None:
        self._document.apply_picked(self._new, None)

    def undo(self) -> None:
        self._document.apply_picked(self._old, self._old_order)


class _MergingEdit(QUndoCommand):
    """A text edit that merges with the next edit of the same target while typing goes on."""

    def __init__(self, text: str, target: str, old: str, new: str) -> None:
        super().__init__(text)
        self.target = target
        self.old = old
        self.new = new
        self.started = self.last = clock()

    def mergeWith(self, other: QUndoCommand) -> bool:
        if not isinstance(other, type(self)) or other.target != self.target:
            return False
        if other.last - self.last > MERGE_PAUSE or other.last - self.started > MERGE_SPAN:
            return False
        self.new = other.new
        self.last = other.last
        self.setObsolete(self.new == self.old)
        return True


class EditNoteCommand(_MergingEdit):
    """Change a section's note."""

    def __init__(self, document: EditTarget, section_id: str, text: str) -> None:
        section = document.noted(section_id)
        old = section.note if section else ""
        super().__init__("Edit note", section_id, old, text)
        self._document = document

    def id(self) -> int:
        return _NOTE_ID

    def redo(self) -> None:
        self._document.apply_note(self.target, self.new)

    def undo(self) -> None:
        self._document.apply_note(self.target, self.old)


class EditDetailCommand(_MergingEdit):
    """Change one briefing detail (title, to, from, date, classification, template ...)."""

    def __init__(self, document: EditTarget, name: str, value: str) -> None:
        old = str(getattr(document.outline.briefing, name))
        label = _DETAIL_LABELS.get(name, name)
        super().__init__(f"Edit {label}", name, old, value)
        self._document = document

    def id(self) -> int:
        return _DETAIL_ID

    def redo(self) -> None:
        self._document.apply_detail(self.target, self.new)

    def undo(self) -> None:
        self._document.apply_detail(self.target, self.old)


class EditNotesCommand(QUndoCommand):
    """Change several notes at once (Replace in all notes): one undo step for all of them."""

    def __init__(self, document: EditTarget, notes: dict[str, str], text: str) -> None:
        super().__init__(text)
        self._document = document
        self._new = dict(notes)
        self._old = {section_id: section.note for section_id in notes
                     if (section := document.noted(section_id)) is not None}

    def redo(self) -> None:
        for section_id, note in self._new.items():
            self._document.apply_note(section_id, note)

    def undo(self) -> None:
        for section_id, note in self._old.items():
            self._document.apply_note(section_id, note)


class SetTagsCommand(QUndoCommand):
    """Replace a section's tags."""

    def __init__(self, document: EditTarget, section_id: str, tags: list[str]) -> None:
        super().__init__("Edit tags")
        self._document = document
        self._id = section_id
        section = document.noted(section_id)
        self._old = list(section.tags) if section else []
        self._new = list(tags)

    def redo(self) -> None:
        self._document.apply_tags(self._id, self._new)

    def undo(self) -> None:
        self._document.apply_tags(self._id, self._old)


class SetOrderCommand(QUndoCommand):
    """Rearrange the picked sections."""

    def __init__(self, document: EditTarget, order: list[str]) -> None:
        super().__init__("Reorder sections")
        self._document = document
        self._old = list(document.outline.briefing.order)
        self._new = list(order)

    def redo(self) -> None:
        self._document.apply_order(self._new)

    def undo(self) -> None:
        self._document.apply_order(self._old)


class ImportArticlesCommand(QUndoCommand):
    """Append imported articles; undo removes them, redo puts the same objects back."""

    def __init__(self, document: EditTarget, articles: list[Article]) -> None:
        count = len(articles)
        super().__init__("Import article" if count == 1 else f"Import {count} articles")
        self._document = document
        self._articles = articles
        self._old_order = list(document.outline.briefing.order)

    def redo(self) -> None:
        self._document.apply_insert_articles(self._articles)

    def undo(self) -> None:
        self._document.apply_remove_last_articles(len(self._articles))
        self._document.apply_order(self._old_order)


class RestoreDiscardedCommand(QUndoCommand):
    """Bring back a line the importer left out."""

    def __init__(self, document: EditTarget, article_row: int, discarded_index: int) -> None:
        super().__init__("Restore discarded text")
        self._document = document
        self._row = article_row
        self._index = discarded_index
        self._item: Discarded | None = None

    def redo(self) -> None:
        self._item = self._document.apply_restore(self._row, self._index)

    def undo(self) -> None:
        if self._item is not None:
            self._document.apply_unrestore(self._row, self._index, self._item)
