"""The briefing panel: the note's details, the template, and the order of the picked sections.

Each field writes through the document as an undoable edit (typing in a field merges into one
step) and follows the document when an undo changes it back. The classification choices come from
the chosen template's scheme; a value the scheme lacks is kept and shown as such, never dropped.
"""

from __future__ import annotations

import datetime
import itertools
import logging
from collections.abc import Callable

from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import (
    QApplication,
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from briefing.core.errors import WarningSink, log_warning
from briefing.core.templates import DEFAULT_TEMPLATE, TemplateSpec, list_templates
from briefing.gui.date_field import DateField
from briefing.gui.document import Document
from briefing.gui.edit_fields import set_line_text, set_plain_text, use_document_undo
from briefing.gui.note_fields import SECOND_TITLE, NoteFieldsBox
from briefing.gui.order_list import OrderListModel, OrderListView
from briefing.gui.spell_line_edit import SpellLineEdit
from briefing.gui.wheel_guard import guard_wheel

logger = logging.getLogger(__name__)

# Mnemonics: Alt+F, E, V and H belong to the menus, R, P, N and B to the tabs, K to "Picked
# only" and G to the note's tags; each field takes a letter no other control in the window uses.
_LINE_FIELDS = (("title", "T&itle:", "The note's title"),
                ("to", "&To:", "Who the note is for"),
                ("from_", "Fr&om:", "Who the note is from"),
                ("file_number", "Fi&le number:", "Your file or reference number"))
_TEXT_FIELDS = (("purpose", "P&urpose:", "Why the reader gets this note"),
                ("summary", "&Summary:", "The note in a few lines"),
                ("recommendation", "Recommend&ation:", "What you recommend the reader does"))


class BriefingPanel(QWidget):
    """Edits :class:`~briefing.core.model.BriefingDetails` and the order of picked sections."""

    def __init__(self, document: Document, parent: QWidget | None = None, *,
                 templates: Callable[[WarningSink], list[TemplateSpec]] = list_templates,
                 warn: WarningSink = log_warning, locale: str | None = None) -> None:
        super().__init__(parent)
        self._document = document
        self._templates = templates(warn)
        self.lines: dict[str, SpellLineEdit] = {}
        self.texts: dict[str, QPlainTextEdit] = {}

        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        for name, label, tip in _LINE_FIELDS:
            line = SpellLineEdit()
            line.setAccessibleName(label.replace("&", "").rstrip(":"))
            line.setToolTip(tip)
            use_document_undo(line)
            line.textEdited.connect(lambda text, name=name: document.set_detail(name, text))
            self.lines[name] = line
            form.addRow(label, line)

        self.date = DateField(locale=locale)
        self.date.date_entered.connect(lambda value: document.set_detail("date", value))
        self.today = QPushButton("Toda&y")
        self.today.setToolTip("Set the date to today")
        self.today.clicked.connect(lambda: self.date.set_date(datetime.date.today()))
        self.date.add_beside(self.today)
        form.insertRow(3, "&Date:", self.date)
        label_for_date = form.labelForField(self.date)
        if isinstance(label_for_date, QLabel):
            label_for_date.setBuddy(self.date.edit)

        self.classification = QComboBox()
        self.classification.setAccessibleName("Classification")
        self.classification.setToolTip("The classification marking, from the template's scheme")
        self.classification.activated.connect(self._on_classification)
        form.insertRow(4, "&Classification:", self.classification)

        for name, label, tip in _TEXT_FIELDS:
            text = QPlainTextEdit()
            text.setAccessibleName(label.replace("&", "").rstrip(":"))
            text.setToolTip(tip)
            text.setTabChangesFocus(True)
            text.setFixedHeight(text.fontMetrics().lineSpacing() * 4 + 12)
            use_document_undo(text)
            text.textChanged.connect(lambda name=name, text=text:
                                     document.set_detail(name, text.toPlainText()))
            self.texts[name] = text
            form.addRow(label, text)

        details = QGroupBox("Details")
        details.setLayout(form)
        self.note_fields = NoteFieldsBox(document)

        self.template = QComboBox()
        self.template.setAccessibleName("Template")
        for spec in self._templates:
            self.template.addItem(spec.title or spec.name, spec.name)
            self.template.setItemData(self.template.count() - 1, spec.description,
                                      Qt.ItemDataRole.ToolTipRole)
        self.template.activated.connect(self._on_template)
        self.template_description = QLabel()
        self.template_description.setWordWrap(True)
        self.template_description.setTextFormat(Qt.TextFormat.PlainText)
        template_box = QGroupBox("Template")
        template_layout = QVBoxLayout(template_box)
        template_layout.addWidget(self.template)
        template_layout.addWidget(self.template_description)

        self.order_model = OrderListModel(document, self)
        self.order_view = OrderListView(self.order_model)
        self.move_up = QPushButton("&Move up")
        self.move_up.setToolTip("Move the selected section earlier (Ctrl+Up)")
        self.move_up.clicked.connect(lambda: self.order_view.move_current(-1))
        self.move_down = QPushButton("Move do&wn")
        self.move_down.setToolTip("Move the selected section later (Ctrl+Down)")
        self.move_down.clicked.connect(lambda: self.order_view.move_current(1))
        buttons = QHBoxLayout()
        buttons.addWidget(self.move_up)
        buttons.addWidget(self.move_down)
        buttons.addStretch(1)
        order_box = QGroupBox("Order of picked sections")
        order_layout = QVBoxLayout(order_box)
        order_layout.addWidget(self.order_view, 1)
        order_layout.addLayout(buttons)

        inner = QWidget()
        inner_layout = QVBoxLayout(inner)
        inner_layout.addWidget(details)
        inner_layout.addWidget(self.note_fields)
        inner_layout.addWidget(template_box)
        inner_layout.addWidget(order_box, 1)
        for combo in (self.classification, self.template):
            # Long choices must not make the panel wider than its column.
            combo.setSizeAdjustPolicy(
                QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
            combo.setMinimumContentsLength(12)
        guard_wheel(self.classification, self.template)
        self._set_tab_order()
        self._inner = inner
        self.scroll_area = scroll = QScrollArea()
        scroll.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # Tab goes from field to field
        scroll.setWidgetResizable(True)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        scroll.setWidget(inner)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(scroll)

        document.detail_changed.connect(self._on_detail_changed)
        document.outline_replaced.connect(self.refresh)
        app = QApplication.instance()
        if isinstance(app, QApplication):
            app.focusChanged.connect(self._scroll_to_focus)
        self.refresh()

    def focus_first_field(self) -> None:
        """Put the keyboard in the title field, scrolled into view."""
        self.lines["title"].setFocus(Qt.FocusReason.ShortcutFocusReason)
        self._scroll_to_focus(None, self.lines["title"])

    def _scroll_to_focus(self, old: QWidget | None, now: QWidget | None) -> None:
        """Whatever brings the focus to a field (Tab, a mnemonic, a menu), the field shows."""
        if now is None or not self._inner.isAncestorOf(now):
            return
        # The whole field, not just its text cursor (what ensureWidgetVisible would show),
        # or its top when it is taller than the view.
        top_left = now.mapTo(self._inner, QPoint(0, 0))
        half_width, half_height = now.width() // 2, now.height() // 2
        room = max(self.scroll_area.viewport().height() // 2 - 8, 0)
        centre_y = top_left.y() + min(half_height, room)
        self.scroll_area.ensureVisible(top_left.x() + half_width, centre_y,
                                       half_width + 8, min(half_height, room) + 8)

    def _set_tab_order(self) -> None:
        """Tab through the fields top to bottom, as they show (not in the order made)."""
        chain: list[QWidget] = [self.lines["title"], self.lines["to"], self.lines["from_"],
                                self.date.edit, self.today, self.classification,
                                self.lines["file_number"], *self.texts.values(),
                                *self.note_fields.fields(), self.template,
                                self.order_view, self.move_up, self.move_down]
        for first, second in itertools.pairwise(chain):
            QWidget.setTabOrder(first, second)

    # ----------------------------------------------------------------------- reading

    def lines_to_check(self) -> list[SpellLineEdit]:
        """The one-line free-text fields, for spell checking (the date is not one). The
        second-language title is not either: checked in the outline's language, every word
        of it would be underlined."""
        return [*self.lines.values(), *(line for name, line in self.note_fields.lines.items()
                                        if name != SECOND_TITLE)]

    @property
    def templates(self) -> list[TemplateSpec]:
        """The templates offered (built-in and the user's), as loaded at start."""
        return list(self._templates)

    def current_template(self) -> TemplateSpec | None:
        """The chosen template, or the default one when the outline names none (or an unknown)."""
        wanted = self._document.outline.briefing.template or DEFAULT_TEMPLATE
        for spec in self._templates:
            if spec.name == wanted:
                return spec
        return next((s for s in self._templates if s.name == DEFAULT_TEMPLATE),
                    self._templates[0] if self._templates else None)

    def refresh(self) -> None:
        """Show the document's details in every field."""
        details = self._document.outline.briefing
        for name, line in self.lines.items():
            set_line_text(line, str(getattr(details, name)))
        for name, text in self.texts.items():
            set_plain_text(text, str(getattr(details, name)))
        self._show_date(details.date)
        self._show_template()
        self._show_classification()
        self.note_fields.refresh(details)

    def _on_detail_changed(self, name: str) -> None:
        details = self._document.outline.briefing
        if name in self.lines:
            set_line_text(self.lines[name], str(getattr(details, name)))
        elif name in self.texts:
            set_plain_text(self.texts[name], str(getattr(details, name)))
        elif name == "date":
            self._show_date(details.date)
        elif name == "template":
            self._show_template()
            self._show_classification()
        elif name == "classification":
            self._show_classification()
        elif self.note_fields.follows(name):
            self.note_fields.refresh(details)

    def _show_date(self, value: str) -> None:
        self.date.set_stored(value)

    def _show_template(self) -> None:
        spec = self.current_template()
        row = self.template.findData(spec.name) if spec else -1
        self.template.setCurrentIndex(row)
        self.template_description.setText(spec.description if spec else "No templates found.")

    def _show_classification(self) -> None:
        spec = self.current_template()
        current = self._document.outline.briefing.classification
        combo = self.classification
        combo.clear()
        default = spec.default_classification if spec else ""
        combo.addItem(f"Template default ({default})" if default else "None", "")
        for value in spec.classification_scheme if spec else ():
            combo.addItem(value, value)
        row = combo.findData(current)
        if row < 0:
            combo.addItem(f"{current} (not in this template's scheme)", current)
            row = combo.count() - 1
        combo.setCurrentIndex(row)

    # ----------------------------------------------------------------------- writing

    def _on_classification(self, row: int) -> None:
        self._document.set_detail("classification", str(self.classification.itemData(row)))

    def _on_template(self, row: int) -> None:
        self._document.set_detail("template", str(self.template.itemData(row)))
