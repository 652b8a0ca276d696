"""The briefing panel's details, template and classification, and the order list."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QDate, QModelIndex, QPoint, QPointF, Qt
from PySide6.QtGui import QWheelEvent
from PySide6.QtWidgets import QApplication, QScrollArea, QSpinBox, QWidget
from pytestqt.qtbot import QtBot

from briefing.core.errors import WarningSink
from briefing.core.templates import TemplateSpec
from briefing.gui.briefing_panel import BriefingPanel
from briefing.gui.document import Document
from briefing.gui.order_list import OrderListModel
from briefing.gui.wheel_guard import guard_wheel


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
    widget = BriefingPanel(document, templates=_templates, locale="en_GB")
    qtbot.addWidget(widget)
    return widget


def _combo_texts(combo: Any) -> list[str]:
    return [combo.itemText(row) for row in range(combo.count())]


def test_fields_show_the_documents_details(panel: BriefingPanel) -> None:
    assert panel.lines["title"].text() == "Alliance readiness"
    assert panel.lines["to"].text() == "Minister"
    assert panel.lines["from_"].text() == "Policy unit"
    assert panel.date.edit.text() == "" and panel.date.value() is None
    assert panel.template.currentText() == "Briefing note"
    assert panel.template_description.text() == "What Briefing note is for."


def test_the_note_fields_edit_the_document_and_undo(qtbot: QtBot, panel: BriefingPanel,
                                                    document: Document) -> None:
    box = panel.note_fields
    qtbot.keyClicks(box.lines["approved_by"], "D. Director")
    qtbot.keyClicks(box.lines["caveats"], "EYES ONLY")
    box.action.setCurrentIndex(box.action.findText("Signature"))
    box.action.activated.emit(box.action.currentIndex())
    briefing = document.outline.briefing
    assert (briefing.approved_by, briefing.caveats, briefing.action_required) == (
        "D. Director", "EYES ONLY", "signature")
    assert document.undo_stack.count() == 3
    assert document.undo_stack.undoText() == "Edit action required"
    document.undo_stack.undo()
    assert box.action.currentText() == "Not stated" and briefing.action_required == ""
    assert document.undo_stack.undoText() == "Edit caveats"
    document.undo_stack.undo()
    assert box.lines["caveats"].text() == ""
    assert box.lines["approved_by"].text() == "D. Director"


def test_scrolling_over_the_action_choice_does_not_change_it(panel: BriefingPanel,
                                                             document: Document) -> None:
    combo = panel.note_fields.action
    centre = QPointF(combo.rect().center())
    wheel = QWheelEvent(centre, combo.mapToGlobal(centre), QPoint(0, -120), QPoint(0, -120),
                        Qt.MouseButton.NoButton, Qt.KeyboardModifier.NoModifier,
                        Qt.ScrollPhase.NoScrollPhase, False)
    QApplication.sendEvent(combo, wheel)
    assert combo.currentText() == "Not stated"
    assert document.outline.briefing.action_required == ""
    assert document.undo_stack.count() == 0


def _turn_wheel(widget: QWidget) -> None:
    centre = QPointF(widget.rect().center())
    wheel = QWheelEvent(centre, widget.mapToGlobal(centre), QPoint(0, -120), QPoint(0, -120),
                        Qt.MouseButton.NoButton, Qt.KeyboardModifier.NoModifier,
                        Qt.ScrollPhase.NoScrollPhase, False)
    QApplication.sendEvent(widget, wheel)


@pytest.mark.parametrize("name", ["classification", "template"])
def test_scrolling_over_a_choice_scrolls_the_panel_and_leaves_the_choice(
        qtbot: QtBot, panel: BriefingPanel, document: Document, name: str) -> None:
    combo = getattr(panel, name)
    panel.resize(360, 220)
    panel.show()
    qtbot.waitExposed(panel)
    panel.scroll_area.ensureWidgetVisible(combo)
    bar = panel.scroll_area.verticalScrollBar()
    before, shown = bar.value(), combo.currentText()
    _turn_wheel(combo)
    assert combo.currentText() == shown
    assert document.undo_stack.count() == 0
    assert bar.value() > before  # the turn went to the panel instead


def test_a_focused_choice_still_takes_the_wheel(qtbot: QtBot, panel: BriefingPanel,
                                                document: Document) -> None:
    combo = panel.classification
    panel.show()
    qtbot.waitExposed(panel)
    combo.setFocus()
    qtbot.waitUntil(combo.hasFocus)
    _turn_wheel(combo)  # from "Template default (OFFICIAL)" to the scheme's first
    assert combo.currentText() == "OFFICIAL"
    assert document.outline.briefing.classification == "OFFICIAL"
    assert document.undo_stack.count() == 1


def test_a_guarded_spin_box_in_a_scroll_area_ignores_a_passing_wheel(qtbot: QtBot) -> None:
    area = QScrollArea()
    qtbot.addWidget(area)
    inner = QWidget()
    inner.setMinimumHeight(2000)
    spin = QSpinBox(inner)
    spin.setValue(5)
    guard_wheel(spin)
    area.setWidget(inner)
    area.resize(200, 200)
    area.show()
    qtbot.waitExposed(area)
    _turn_wheel(spin)
    assert spin.value() == 5
    assert area.verticalScrollBar().value() > 0


def test_the_note_fields_show_a_loaded_outline(panel: BriefingPanel, document: Document) -> None:
    outline = document.outline
    outline.briefing.drafted_by_name = "R. Analyst"
    outline.briefing.action_required = "decision"
    document.replace(outline, None)
    assert panel.note_fields.lines["drafted_by_name"].text() == "R. Analyst"
    assert panel.note_fields.action.currentText() == "Decision"


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


def _type_date(qtbot: QtBot, panel: BriefingPanel, text: str) -> None:
    panel.date.edit.clear()
    qtbot.keyClicks(panel.date.edit, text)
    qtbot.keyClick(panel.date.edit, Qt.Key.Key_Return)


@pytest.mark.parametrize("typed", ["2025-01-20", "20/01/2025", "20 Jan 2025", "January 20, 2025"])
def test_a_typed_date_is_stored_as_iso_and_shown_in_words(qtbot: QtBot, panel: BriefingPanel,
                                                          document: Document, typed: str) -> None:
    panel.date.edit.clear()
    qtbot.keyClicks(panel.date.edit, typed)
    assert panel.date.feedback.text() == "Reads as Monday 20 January 2025"
    assert document.outline.briefing.date == ""  # stored when the typing is done
    qtbot.keyClick(panel.date.edit, Qt.Key.Key_Return)
    assert document.outline.briefing.date == "2025-01-20"
    assert panel.date.edit.text() == "20 January 2025"
    assert panel.date.feedback.isHidden()
    document.undo_stack.undo()
    assert document.outline.briefing.date == "" and panel.date.edit.text() == ""


def test_a_date_that_cannot_be_read_is_refused_with_a_message(
        qtbot: QtBot, panel: BriefingPanel, document: Document) -> None:
    document.set_detail("date", "2025-01-20")
    count = document.undo_stack.count()
    _type_date(qtbot, panel, "1/20/2025")  # month first, in a day-first locale
    assert document.outline.briefing.date == "2025-01-20"
    assert document.undo_stack.count() == count
    assert panel.date.edit.text() == "1/20/2025"  # kept to correct, never another date
    message = panel.date.feedback.text()
    assert "day/month/year" in message and "no month 20" in message
    assert panel.date.feedback.isVisibleTo(panel)
    qtbot.keyClick(panel.date.edit, Qt.Key.Key_Escape)
    assert panel.date.edit.text() == "20 January 2025"
    assert panel.date.feedback.isHidden()


def test_an_ambiguous_date_is_refused_where_the_locale_gives_no_order(
        qtbot: QtBot, document: Document) -> None:
    panel = BriefingPanel(document, templates=_templates, locale="C")
    qtbot.addWidget(panel)
    _type_date(qtbot, panel, "03/04/2025")
    assert document.outline.briefing.date == ""
    assert "could be 4 March 2025 or 3 April 2025" in panel.date.feedback.text()
    _type_date(qtbot, panel, "3 Apr 2025")
    assert document.outline.briefing.date == "2025-04-03"


def test_clearing_the_date_field_clears_the_date(qtbot: QtBot, panel: BriefingPanel,
                                                 document: Document) -> None:
    document.set_detail("date", "2025-02-14")
    assert panel.date.edit.text() == "14 February 2025"
    _type_date(qtbot, panel, "")
    assert document.outline.briefing.date == ""


def test_today_sets_todays_date(panel: BriefingPanel, document: Document) -> None:
    panel.today.click()
    assert document.outline.briefing.date == QDate.currentDate().toString(Qt.DateFormat.ISODate)


def test_a_date_that_is_not_iso_is_kept(panel: BriefingPanel, document: Document) -> None:
    document.set_detail("date", "spring 2025")
    assert panel.date.edit.text() == "spring 2025"
    assert "spring 2025" in panel.date.edit.toolTip()
    assert "kept as it is" in panel.date.feedback.text()
    panel.date.commit()  # leaving the field untouched changes nothing
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
    widget = BriefingPanel(document, templates=_templates, locale="en_GB")
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
    for _ in range(21):
        focused = QApplication.focusWidget()
        assert focused is not None
        names.append(focused.accessibleName() or focused.text())  # type: ignore[attr-defined]
        qtbot.keyClick(focused, Qt.Key.Key_Tab)
    assert names == ["Title", "To", "From", "Date", "Toda&y", "Classification", "File number",
                     "Purpose", "Summary", "Recommendation", "Action required", "Drafted by",
                     "Unit", "Contact", "Approved by", "Second-language title", "Caveats",
                     "Template",
                     "Order of picked sections", "&Move up", "Move do&wn"]
    panel.today.setFocus()
    qtbot.keyClick(panel.today, Qt.Key.Key_Backtab, Qt.KeyboardModifier.ShiftModifier)
    assert panel.date.edit.hasFocus()
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Backtab,
                   Qt.KeyboardModifier.ShiftModifier)
    assert panel.lines["from_"].hasFocus()


def test_the_calendar_opens_on_this_month_when_no_date_is_set(qtbot: QtBot,
                                                              panel: BriefingPanel,
                                                              document: Document) -> None:
    panel.show()
    qtbot.waitExposed(panel)
    qtbot.mouseClick(panel.date.calendar_button, Qt.MouseButton.LeftButton)
    calendar = panel.date.calendar
    qtbot.waitUntil(calendar.isVisible)
    today = QDate.currentDate()
    assert (calendar.yearShown(), calendar.monthShown()) == (today.year(), today.month())
    assert document.outline.briefing.date == ""  # only the page shown; no date was set
    panel.date.calendar_menu.close()


@pytest.mark.parametrize("key, modifier", [(Qt.Key.Key_F4, Qt.KeyboardModifier.NoModifier),
                                           (Qt.Key.Key_Down, Qt.KeyboardModifier.AltModifier)])
def test_the_keyboard_opens_the_calendar_and_enter_picks(
        qtbot: QtBot, panel: BriefingPanel, document: Document,
        key: Qt.Key, modifier: Qt.KeyboardModifier) -> None:
    document.set_detail("date", "2025-01-20")
    panel.show()
    qtbot.waitExposed(panel)
    calendar = panel.date.calendar
    assert not calendar.isVisible()
    qtbot.keyClick(panel.date.edit, key, modifier)
    qtbot.waitUntil(calendar.isVisible)
    assert calendar.selectedDate() == QDate(2025, 1, 20)
    qtbot.keyClick(calendar.focusWidget() or calendar, Qt.Key.Key_Right)
    qtbot.keyClick(calendar.focusWidget() or calendar, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: not calendar.isVisible())
    assert document.outline.briefing.date == "2025-01-21"
    assert panel.date.edit.text() == "21 January 2025"
