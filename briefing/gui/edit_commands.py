"""Outline edits (rename, move, promote, split, merge, delete ...) as QUndoCommands.

Each command carries one planned :class:`~briefing.core.outline_edit.Edit`. Redo applies its
steps through the document, which tells the tree exactly which rows move, appear or go; the
steps that undo it come back from applying, and undoing gives back the steps that redo it, so
undo and redo restore the very objects (ids, notes, picks) that were there. After either, the
document asks the views to select the section the edit is about.
"""

from __future__ import annotations

from typing import Protocol

from PySide6.QtGui import QUndoCommand

from briefing.core.outline_edit import Edit, Step


class StepTarget(Protocol):
    """What the command calls on the document it edits."""

    def apply_steps(self, steps: list[Step], focus: str | None,
                    article_row: int | None) -> list[Step]: ...


class OutlineEditCommand(QUndoCommand):
    """One outline edit; its text is the edit's label ("Promote section" ...)."""

    def __init__(self, document: StepTarget, edit: Edit, undo_focus: str | None,
                 undo_row: int | None) -> None:
        super().__init__(edit.label)
        self._document = document
        self._steps = edit.steps
        self._undo: list[Step] = []
        self._focus = edit.focus
        self._row = edit.article_row
        self._undo_focus = undo_focus
        self._undo_row = undo_row

    def redo(self) -> None:
        self._undo = self._document.apply_steps(self._steps, self._focus, self._row)

    def undo(self) -> None:
        self._steps = self._document.apply_steps(self._undo, self._undo_focus, self._undo_row)
