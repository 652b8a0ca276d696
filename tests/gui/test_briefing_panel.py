"""The briefing panel's details, template and classification, and the order list."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QDate, QModelIndex, QPoint, QPointF, Qt
from PySide6.QtGui import QWheelEvent
from PySide6.QtWidgets import QApplication, QDateEdit
from pytestqt.qtbot import QtBot

from briefing.core.errors import WarningSink
from briefing.core.templates import TemplateSpec
from briefing.gui.briefing_panel import NO_DATE, BriefingPanel
from briefing.gui.document import Document
from briefing.gui.order_list import OrderListModel


def _spec(name: str, title: str, scheme: tuple[str, ...], default: str) -> TemplateSpec:
    return TemplateSpec(name=name, title=title, description=f"What {title} is for.",
                        docx_path=Path(f"{name}.docx"), parts=("title",), page_budget=2,
                        words_per_page=450, classification_scheme=scheme,
                        default_classification=default, note_placement="inline")


def _templates(warn: WarningSink) -> list[TemplateSpec]:
    return [_spec("briefing-note", "Briefing note", ("OFFICIAL", "SECRET"), "OFFICIAL"),
            _spec("nato-brief", "NATO brief", ("NATO UNCLASSIFIED", "NATO RESTRICTED"),
                  "NATO UNCLASSIFIED")]


@pytest.fixture
def panel(qtbot: QtBot, document: Document) -> BriefingPanel:
    widget = BriefingPanel(document, templates=_templates)
    qtbot.addWidget(widget)
    return widget


def _combo_texts(combo: Any) -> list[str]:
    return [combo.itemText(row) for row in range(combo.count())]


def test_fields_show_the_documents_details(panel: BriefingPanel) -> None:
    assert panel.lines["title"].text() == "Alliance readiness"
    assert panel.lines["to"].text() == "Minister"
    assert panel.lines["from_"].text() == "Policy unit"
    assert panel.date.date() == NO_DATE
    assert panel.template.currentText() == "Briefing note"
    assert panel.template_description.text() == "What Briefing note is for."


def test_typing_in_a_field_edits_the_document_and_undoes(qtbot: QtBot, panel: BriefingPanel,
                                                        document: Document) -> None:
    line = panel.lines["file_number"]
    qtbot.keyClicks(line, "REF-7")
    assert document.outline.briefing.file_number == "REF-7"
    assert document.undo_stack.count() == 1
    document.undo_stack.undo()
    assert line.text() == ""
    qtbot.keyClicks(panel.texts["purpose"], "To decide.")
    assert document.outline.briefing.purpose == "To decide."
    document.undo_stack.undo()
    assert panel.texts["purpose"].toPlainText() == ""


def test_date_picker_writes_an_iso_date(panel: BriefingPanel, document: Document) -> None:
    panel.date.setDate(QDate(2024, 10, 1))
    assert document.outline.briefing.date == "2024-10-01"
    document.undo_stack.undo()
    assert panel.date.date() == NO_DATE
    assert document.outline.briefing.date == ""
    document.set_detail("date", "2025-02-14")
    assert panel.date.date() == QDate(2025, 2, 14)


def test_a_date_that_is_not_iso_is_kept(panel: BriefingPanel, document: Document) -> None:
    document.set_detail("date", "spring 2025")
    assert panel.date.date() == NO_DATE
    assert "spring 2025" in panel.date.toolTip()
    assert document.outline.briefing.date == "spring 2025"


def test_classification_choices_follow_the_template(panel: BriefingPanel,
                                                    document: Document) -> None:
    assert _combo_texts(panel.classification) == ["Template default (OFFICIAL)", "OFFICIAL",
                                                  "SECRET"]
    panel.classification.activated.emit(2)
    assert document.outline.briefing.classification == "SECRET"
    panel.template.activated.emit(1)
    assert document.outline.briefing.template == "nato-brief"
    assert panel.template_description.text() == "What NATO brief is for."
    assert _combo_texts(panel.classification) == [
        "Template default (NATO UNCLASSIFIED)", "NATO UNCLASSIFIED", "NATO RESTRICTED",
        "SECRET (not in this template's scheme)"]
    document.undo_stack.undo()
    assert panel.template.currentText() == "Briefing note"
    assert panel.classification.currentText() == "SECRET"


def test_an_unknown_template_name_shows_the_default(document: Document, qtbot: QtBot) -> None:
    document.outline.briefing.template = "gone"
    widget = BriefingPanel(document, templates=_templates)
    qtbot.addWidget(widget)
    assert widget.template.currentText() == "Briefing note"


def test_order_model_passes_the_model_tester(qtmodeltester: Any, document: Document) -> None:
    document.set_picked(["s1", "s4", "s7"], True)
    model = OrderListModel(document)
    qtmodeltester.check(model)
    document.move_picked(0, 2)
    qtmodeltester.check(model)
    assert model.section_ids == ["s4", "s7", "s1"]


def test_order_list_shows_picked_sections_in_order(panel: BriefingPanel,
                                                   document: Document) -> None:
    document.set_picked(["s4", "s10"], True)
    model = panel.order_model
    assert [model.index(r).data() for r in range(model.rowCount())] == [
        "1. Challenge 2 of Harbour Defence", "2. Challenge 1 of Arctic Patrols"]
    assert "from Arctic Patrols" in model.index(1).data(Qt.ItemDataRole.ToolTipRole)


def test_drag_and_drop_reorders_through_undo(panel: BriefingPanel, document: Document) -> None:
    document.set_picked(["s1", "s4", "s7"], True)
    model = panel.order_model
    mime = model.mimeData([model.index(0)])
    assert model.dropMimeData(mime, Qt.DropAction.MoveAction, 3, 0, QModelIndex())
    assert document.picked_ids() == ["s4", "s7", "s1"]
    mime = model.mimeData([model.index(2)])
    assert model.dropMimeData(mime, Qt.DropAction.MoveAction, 1, 0, QModelIndex())
    assert document.picked_ids() == ["s4", "s1", "s7"]
    document.undo_stack.undo()
    assert model.section_ids == ["s4", "s7", "s1"]
    assert not model.dropMimeData(mime, Qt.DropAction.CopyAction, 0, 0, QModelIndex())


def test_keyboard_moves_the_selected_row_and_keeps_it_selected(qtbot: QtBot,
                                                               panel: BriefingPanel,
                                                               document: Document) -> None:
    document.set_picked(["s1", "s4", "s7"], True)
    view = panel.order_view
    view.setCurrentIndex(panel.order_model.index(0))
    qtbot.keyClick(view, Qt.Key.Key_Down, Qt.KeyboardModifier.ControlModifier)
    assert document.picked_ids() == ["s4", "s1", "s7"]
    assert view.currentIndex().row() == 1
    qtbot.keyClick(view, Qt.Key.Key_Down, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClick(view, Qt.Key.Key_Down, Qt.KeyboardModifier.ControlModifier)
    assert document.picked_ids() == ["s4", "s7", "s1"]
    panel.move_up.click()
    assert document.picked_ids() == ["s4", "s1", "s7"]
    assert document.undo_stack.count() == 4


def test_the_list_views_internal_move_moves_rows(panel: BriefingPanel,
                                                 document: Document) -> None:
    """QListView's internal drag and drop calls moveRow with the row to insert before."""
    document.set_picked(["s1", "s4", "s7"], True)
    model = panel.order_model
    assert model.moveRow(QModelIndex(), 2, QModelIndex(), 0)
    assert document.picked_ids() == ["s7", "s1", "s4"]
    assert model.moveRow(QModelIndex(), 0, QModelIndex(), 3)
    assert document.picked_ids() == ["s1", "s4", "s7"]
    assert not model.moveRow(QModelIndex(), 1, QModelIndex(), 1)
    assert document.undo_stack.count() == 3


def test_tab_goes_through_the_fields_top_to_bottom(qtbot: QtBot, panel: BriefingPanel) -> None:
    panel.show()
    panel.activateWindow()
    qtbot.waitUntil(panel.isActiveWindow)
    panel.lines["title"].setFocus()
    names: list[str] = []
    for _ in range(20):  # Tab also steps through the date's day, month and year
        focused = QApplication.focusWidget()
        assert focused is not None
        if isinstance(focused.parentWidget(), QDateEdit):
            focused = focused.parentWidget()
        name = focused.accessibleName() or focused.text()  # type: ignore[attr-defined]
        if not names or names[-1] != name:
            names.append(name)
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
    names = names[:14]
    assert names == ["Title", "To", "From", "Date", "Today", "Classification", "File number",
                     "Purpose", "Summary", "Recommendation", "Template",
                     "Order of picked sections", "Move &up", "Move do&wn"]
    panel.today.setFocus()
    qtbot.keyClick(panel.today, Qt.Key.Key_Backtab, Qt.KeyboardModifier.ShiftModifier)
    assert panel.date.hasFocus()
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Backtab,
                   Qt.KeyboardModifier.ShiftModifier)
    assert panel.lines["from_"].hasFocus()  # a blank date does not hold on to the focus


def test_the_calendar_opens_on_this_month_when_no_date_is_set(qtbot: QtBot,
                                                              panel: BriefingPanel) -> None:
    panel.show()
    qtbot.waitExposed(panel)
    arrow = QPoint(panel.date.width() - 6, panel.date.height() // 2)
    qtbot.mouseClick(panel.date, Qt.MouseButton.LeftButton, pos=arrow)
    calendar = panel.date.calendarWidget()
    qtbot.waitUntil(calendar.isVisible)
    today = QDate.currentDate()
    assert (calendar.yearShown(), calendar.monthShown()) == (today.year(), today.month())
    assert panel.date.date() == NO_DATE  # only the page shown moved; no date was set
    calendar.close()


@pytest.mark.parametrize("key, modifier", [(Qt.Key.Key_F4, Qt.KeyboardModifier.NoModifier),
                                           (Qt.Key.Key_Down, Qt.KeyboardModifier.AltModifier)])
def test_the_keyboard_opens_the_calendar(qtbot: QtBot, panel: BriefingPanel,
                                         key: Qt.Key, modifier: Qt.KeyboardModifier) -> None:
    panel.show()
    qtbot.waitExposed(panel)
    calendar = panel.date.calendarWidget()
    assert not calendar.isVisible()
    qtbot.keyClick(panel.date, key, modifier)
    qtbot.waitUntil(calendar.isVisible)
    assert panel.date.date() == NO_DATE
    calendar.close()


def test_keys_on_a_blank_date_start_from_today(qtbot: QtBot, panel: BriefingPanel,
                                               document: Document) -> None:
    today = QDate.currentDate()
    qtbot.keyClick(panel.date, Qt.Key.Key_Up)
    assert document.outline.briefing.date == today.toString(Qt.DateFormat.ISODate)
    document.undo_stack.undo()
    assert panel.date.date() == NO_DATE and document.outline.briefing.date == ""
    day = 28 if today.day() != 28 else 27
    qtbot.keyClicks(panel.date, str(day))
    assert panel.date.date() == QDate(today.year(), today.month(), day)
    while document.undo_stack.canUndo():
        document.undo_stack.undo()
    wheel = QWheelEvent(QPointF(5, 5), QPointF(5, 5), QPoint(0, 0), QPoint(0, 120),
                        Qt.MouseButton.NoButton, Qt.KeyboardModifier.NoModifier,
                        Qt.ScrollPhase.NoScrollPhase, False)
    QApplication.sendEvent(panel.date, wheel)
    assert document.outline.briefing.date == ""  # not 1900-01-02
