"""The note's further fields in the briefing panel: action required, drafting, approval, a
second-language title and security caveats.

Each field writes through the document as an undoable edit, like the panel's other details, and
follows the document when an undo changes it back.
"""

from __future__ import annotations

from PySide6.QtWidgets import QComboBox, QFormLayout, QGroupBox, QWidget

from briefing.core.model import ACTIONS, BriefingDetails
from briefing.gui.document import Document
from briefing.gui.edit_fields import set_line_text, use_document_undo
from briefing.gui.spell_line_edit import SpellLineEdit
from briefing.gui.wheel_guard import guard_wheel

_LINES = (("drafted_by_name", "Drafted by:", "Who drafted the note"),
          ("drafted_by_unit", "Unit:", "The drafter's unit or team"),
          ("drafted_by_contact", "Contact:", "How to reach the drafter (phone or e-mail)"),
          ("approved_by", "Approved by:", "Who approved the note (templates may show an "
                                          "approval block only when this is filled in)"),
          ("second_title", "Second-language title:", "The title in the note's second language"),
          ("caveats", "Caveats:", "Security caveats or handling instructions"))
ACTION_FIELD = "action_required"
SECOND_TITLE = "second_title"
"""The field in the note's second language (not spell checked in the outline's)."""


class NoteFieldsBox(QGroupBox):
    """Edits the fields of :data:`briefing.core.model.NOTE_FIELDS` of the briefing."""

    def __init__(self, document: Document, parent: QWidget | None = None) -> None:
        super().__init__("Action and approval", parent)
        self._document = document
        form = QFormLayout(self)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        self.action = QComboBox()
        guard_wheel(self.action)
        self.action.setAccessibleName("Action required")
        self.action.setToolTip("What the note asks of its reader")
        self.action.addItem("Not stated", "")
        for action in ACTIONS:
            self.action.addItem(action.capitalize(), action)
        self.action.activated.connect(lambda row: document.set_detail(
            ACTION_FIELD, str(self.action.itemData(row))))
        form.addRow("Action required:", self.action)
        self.lines: dict[str, SpellLineEdit] = {}
        for name, label, tip in _LINES:
            line = SpellLineEdit()
            line.setAccessibleName(label.rstrip(":"))
            line.setToolTip(tip)
            use_document_undo(line)
            line.textEdited.connect(lambda text, name=name: document.set_detail(name, text))
            self.lines[name] = line
            form.addRow(label, line)

    def fields(self) -> list[QWidget]:
        """The fields top to bottom, for the panel's tab order."""
        return [self.action, *self.lines.values()]

    def refresh(self, details: BriefingDetails) -> None:
        """Show the briefing's values in every field."""
        for name, line in self.lines.items():
            set_line_text(line, str(getattr(details, name)))
        row = self.action.findData(details.action_required)
        if row < 0:
            self.action.addItem(details.action_required, details.action_required)
            row = self.action.count() - 1
        self.action.setCurrentIndex(row)

    def follows(self, name: str) -> bool:
        """Whether the field ``name`` is one of this box's."""
        return name == ACTION_FIELD or name in self.lines
