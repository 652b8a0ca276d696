"""Spell checking in the briefing's one-line fields: underlines, the right-click entries, undo."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint
from PySide6.QtGui import QImage
from pytestqt.qtbot import QtBot

from briefing.gui import undo_commands
from briefing.gui.main_window import MainWindow
from briefing.gui.spell_line_edit import SpellLineEdit

ADD, IGNORE = "Add to &Dictionary", "I&gnore"


def ready(qtbot: QtBot, window: MainWindow) -> None:
    qtbot.waitUntil(window.spelling.is_ready, timeout=30_000)


def type_line(qtbot: QtBot, window: MainWindow, name: str, text: str) -> SpellLineEdit:
    window.right_tabs.setCurrentWidget(window.briefing_panel)
    line = next(line for line in window.briefing_panel.lines_to_check()
                if line.accessibleName() == name)
    line.setFocus()
    line.selectAll()  # typing replaces what the outline had
    qtbot.keyClicks(line, text)
    return line


def underlined(line: SpellLineEdit) -> list[str]:
    return [line.text()[start:start + length] for start, length in line.misspelt()]


def position_of(line: SpellLineEdit, word: str) -> QPoint:
    """Where ``word`` is shown in ``line`` (inside its first letters)."""
    metrics = line.fontMetrics()
    index = line.text().index(word)
    line.setCursorPosition(0)
    x = line.cursorRect().center().x() + metrics.horizontalAdvance(line.text()[:index + 1])
    return QPoint(x, line.height() // 2)


def picture(line: SpellLineEdit) -> QImage:
    return line.grab().toImage()


def test_a_misspelt_word_in_a_line_field_is_underlined(qtbot: QtBot,
                                                       window: MainWindow) -> None:
    ready(qtbot, window)
    line = type_line(qtbot, window, "Title", "A breif title")
    assert underlined(line) == ["breif"]
    assert window.document.outline.briefing.title == "A breif title"
    flagged = picture(line)
    window.spelling.set_enabled(False)
    assert underlined(line) == []
    assert picture(line) != flagged
    window.spelling.set_enabled(True)
    assert picture(line) == flagged


def test_every_free_text_line_is_checked_but_not_the_date(window: MainWindow) -> None:
    names = {line.accessibleName() for line in window.briefing_panel.lines_to_check()}
    assert {"Title", "To", "From", "File number", "Drafted by", "Unit", "Approved by",
            "Caveats"} <= names
    assert window.briefing_panel.date.edit not in window.briefing_panel.lines_to_check()


def test_the_second_language_title_is_not_underlined(qtbot: QtBot, window: MainWindow) -> None:
    """It is in another language than the outline's: checked, every word of it was marked."""
    ready(qtbot, window)
    window.right_tabs.setCurrentWidget(window.briefing_panel)
    line = window.briefing_panel.note_fields.lines["second_title"]
    line.setFocus()
    qtbot.keyClicks(line, "Une alliance au tournant")
    assert window.document.outline.briefing.second_title == "Une alliance au tournant"
    assert underlined(line) == []
    english = type_line(qtbot, window, "Title", "A breif title")
    assert underlined(english) == ["breif"]


def test_the_outlines_own_names_are_not_underlined_in_a_line(qtbot: QtBot,
                                                             window: MainWindow) -> None:
    ready(qtbot, window)
    line = type_line(qtbot, window, "Caveats", "Harbour Defence, Harbuor")
    assert underlined(line) == ["Harbuor"]


def test_a_suggestion_replaces_the_word_as_one_undoable_edit(
        qtbot: QtBot, window: MainWindow, monkeypatch: pytest.MonkeyPatch) -> None:
    ready(qtbot, window)
    monkeypatch.setattr(undo_commands, "clock", lambda: 10.0)
    line = type_line(qtbot, window, "To", "The recieving office")
    menu = line.context_menu(position_of(line, "recieving"))
    texts = [action.text() for action in menu.actions()]
    assert texts[0] == "receiving"
    assert texts.index(ADD) < texts.index(IGNORE) < len(texts) - 1
    assert menu.actions()[texts.index(IGNORE) + 1].isSeparator()
    assert any("Copy" in text for text in texts)  # the standard entries follow

    monkeypatch.setattr(undo_commands, "clock", lambda: 20.0)  # the user paused to right-click
    menu.actions()[0].trigger()
    assert line.text() == "The receiving office"
    assert window.document.outline.briefing.to == "The receiving office"
    assert underlined(line) == []
    window.undo_action.trigger()
    assert window.document.outline.briefing.to == "The recieving office"
    assert line.text() == "The recieving office"


def test_add_to_dictionary_clears_the_word_in_a_line(qtbot: QtBot,
                                                     window: MainWindow) -> None:
    ready(qtbot, window)
    line = type_line(qtbot, window, "Approved by", "Ms Quillanor")
    assert underlined(line) == ["Quillanor"]
    menu = line.context_menu(position_of(line, "Quillanor"))
    next(action for action in menu.actions() if action.text() == ADD).trigger()
    assert underlined(line) == []
    assert "Quillanor" in window.spelling.checker.personal


def test_no_spelling_entries_for_a_correct_word_or_while_checking_is_off(
        qtbot: QtBot, window: MainWindow) -> None:
    ready(qtbot, window)
    line = type_line(qtbot, window, "From", "The recieving office")
    texts = [action.text() for action in line.context_menu(position_of(line, "office")).actions()]
    assert ADD not in texts
    window.spelling.check_action.trigger()
    point = position_of(line, "recieving")
    assert ADD not in [action.text() for action in line.context_menu(point).actions()]
