"""Spell checking in the window: underlines, the right-click entries, the word list, languages."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, Qt, QTimer
from PySide6.QtGui import QTextCharFormat, QTextCursor
from PySide6.QtWidgets import QPlainTextEdit
from pytestqt.qtbot import QtBot

from briefing.core import paths
from briefing.core import spelling as core_spelling
from briefing.core.model import Outline
from briefing.core.spelling import load_dictionary
from briefing.gui import spelling, undo_commands
from briefing.gui.document import Document
from briefing.gui.main_window import MainWindow
from briefing.gui.settings import AppSettings
from briefing.gui.spelling import Spelling
from tests.gui.window_support import discard_and_close, saved_outline

WAVE = QTextCharFormat.UnderlineStyle.WaveUnderline
ADD, IGNORE = "Add to &Dictionary", "I&gnore"


def underlined(editor: QPlainTextEdit) -> list[str]:
    """The words shown with a wavy underline, in order."""
    words: list[str] = []
    block = editor.document().firstBlock()
    while block.isValid():
        for fmt in block.layout().formats():
            if fmt.format.underlineStyle() == WAVE:
                words.append(block.text()[fmt.start:fmt.start + fmt.length])
        block = block.next()
    return words


def ready(qtbot: QtBot, window: MainWindow) -> None:
    """The word list loaded and the outline's own words gathered (which waits while the user
    types)."""
    qtbot.waitUntil(lambda: window.spelling.is_ready() and window.spelling.has_outline_words(),
                    timeout=30_000)


def type_note(qtbot: QtBot, window: MainWindow, text: str) -> QPlainTextEdit:
    window.select_section("s2")
    editor = window.note_editor.editor
    editor.setFocus()
    for number, line in enumerate(text.split("\n")):
        if number:
            qtbot.keyClick(editor, Qt.Key.Key_Return)
        qtbot.keyClicks(editor, line)
    return editor


def word_position(editor: QPlainTextEdit, word: str) -> QPoint:
    cursor = QTextCursor(editor.document())
    cursor.setPosition(editor.toPlainText().index(word) + 1)
    return editor.cursorRect(cursor).center()


def test_a_misspelt_word_in_the_note_gets_a_red_wavy_underline(qtbot: QtBot,
                                                                window: MainWindow) -> None:
    ready(qtbot, window)
    editor = type_note(qtbot, window, "We must recieve the minister.\nA secnd line.")
    assert underlined(editor) == ["recieve", "secnd"]
    formats = editor.document().firstBlock().layout().formats()
    assert formats[0].format.underlineColor().red() > 200


def test_the_outlines_own_names_are_never_underlined(qtbot: QtBot,
                                                     window: MainWindow) -> None:
    ready(qtbot, window)
    # "Harbour" and "Defence" are not in the (American) word list, but the outline has them.
    editor = type_note(qtbot, window, "Harbour Defence, Harbuor Defense.")
    assert underlined(editor) == ["Harbuor"]


def test_right_click_offers_suggestions_first_then_add_and_ignore(
        qtbot: QtBot, window: MainWindow, monkeypatch: pytest.MonkeyPatch) -> None:
    ready(qtbot, window)
    monkeypatch.setattr(undo_commands, "clock", lambda: 10.0)
    editor = type_note(qtbot, window, "We must recieve it.")
    menu = window.note_editor.menu.build(word_position(editor, "recieve"))
    texts = [action.text() for action in menu.actions()]
    assert texts[0] == "receive"
    assert texts.index(ADD) < texts.index(IGNORE) < len(texts) - 1
    assert menu.actions()[texts.index(IGNORE) + 1].isSeparator()
    assert any("Copy" in text for text in texts)  # the editing entries follow
    assert any("Bold" in text for text in texts)

    monkeypatch.setattr(undo_commands, "clock", lambda: 20.0)  # the user paused to right-click
    menu.actions()[0].trigger()
    assert editor.toPlainText() == "We must receive it."
    assert window.document.section("s2").note == "We must receive it."
    assert underlined(editor) == []
    window.undo_action.trigger()
    assert window.document.section("s2").note == "We must recieve it."


def test_a_correct_word_gets_only_the_standard_entries(qtbot: QtBot,
                                                       window: MainWindow) -> None:
    ready(qtbot, window)
    editor = type_note(qtbot, window, "We must receive it.")
    menu = window.note_editor.menu.build(word_position(editor, "receive"))
    texts = [action.text() for action in menu.actions()]
    assert ADD not in texts and IGNORE not in texts


def test_add_to_dictionary_persists_in_the_data_folder(qtbot: QtBot,
                                                       window: MainWindow) -> None:
    ready(qtbot, window)
    editor = type_note(qtbot, window, "Ask Quillanor.")
    assert underlined(editor) == ["Quillanor"]
    menu = window.note_editor.menu.build(word_position(editor, "Quillanor"))
    next(action for action in menu.actions() if action.text() == ADD).trigger()
    assert underlined(editor) == []
    saved = paths.user_data_dir() / "dictionary.txt"
    assert saved.read_text(encoding="utf-8") == "Quillanor\n"
    assert "Quillanor" in window.spelling.checker.personal


def test_ignore_hides_the_word_without_saving_it(qtbot: QtBot, window: MainWindow) -> None:
    ready(qtbot, window)
    editor = type_note(qtbot, window, "Ask Quillanor.")
    menu = window.note_editor.menu.build(word_position(editor, "Quillanor"))
    next(action for action in menu.actions() if action.text() == IGNORE).trigger()
    assert underlined(editor) == []
    assert not (paths.user_data_dir() / "dictionary.txt").exists()


def test_the_briefings_text_fields_are_checked_too(qtbot: QtBot, window: MainWindow) -> None:
    ready(qtbot, window)
    summary = window.briefing_panel.texts["summary"]
    summary.setFocus()
    qtbot.keyClicks(summary, "A breif summary.")
    assert underlined(summary) == ["breif"]
    assert window.document.outline.briefing.summary == "A breif summary."
    menu = window.spelling.context_menu(summary, word_position(summary, "breif"))
    texts = [action.text() for action in menu.actions()]
    assert texts[0] == "brief" and texts.index(IGNORE) < len(texts) - 1
    assert menu.actions()[texts.index(IGNORE) + 1].isSeparator()
    menu.actions()[0].trigger()
    assert window.document.outline.briefing.summary == "A brief summary."


def test_check_spelling_off_removes_the_underlines_and_is_remembered(
        qtbot: QtBot, window: MainWindow) -> None:
    ready(qtbot, window)
    editor = type_note(qtbot, window, "We must recieve it.")
    assert window.spelling.check_action.text() == "Check Spe&lling"
    window.spelling.check_action.trigger()
    assert underlined(editor) == []
    assert AppSettings().spell_check is False
    menu = window.note_editor.menu.build(word_position(editor, "recieve"))
    assert IGNORE not in [action.text() for action in menu.actions()]
    window.spelling.check_action.trigger()
    assert underlined(editor) == ["recieve"]


def test_the_language_is_chosen_per_outline_file(qtbot: QtBot, tmp_path: Path,
                                                 window: MainWindow) -> None:
    path = saved_outline(tmp_path, window.document.outline)
    document = Document()
    document.replace(window.document.outline, path, display_name=path.name)
    spelling = Spelling(document, AppSettings(), document)
    assert spelling.language == "en"
    choices = {action.text(): action for action in spelling.language_menu.actions()}
    assert {"English", "French", "German", "Spanish"} <= set(choices)
    choices["French"].trigger()
    qtbot.waitUntil(spelling.is_ready, timeout=30_000)
    assert spelling.language == "fr"
    assert AppSettings().spelling_language(path) == "fr"
    assert spelling.checker.is_misspelt("letrre") and not spelling.checker.is_misspelt("reçu")

    again = Document()
    again.replace(window.document.outline, path, display_name=path.name)
    assert Spelling(again, AppSettings(), again).language == "fr"
    other = Document()
    other.replace(window.document.outline, tmp_path / "other.yaml", display_name="other")
    assert Spelling(other, AppSettings(), other).language == "en"


def test_an_unreadable_personal_word_list_is_reported_in_the_status_bar(
        qtbot: QtBot, document: Document) -> None:
    (paths.user_data_dir() / "dictionary.txt").write_bytes(b"\xff\xfe\x00broken")
    window = MainWindow(document, AppSettings())
    try:
        qtbot.waitUntil(lambda: "dictionary.txt" in window.statusBar().currentMessage())
        assert "cannot be read" in window.statusBar().currentMessage()
    finally:
        discard_and_close(window)


def test_a_word_list_that_cannot_be_loaded_is_reported_and_nothing_is_underlined(
        qtbot: QtBot, document: Document, monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(code: str, pause: object) -> None:
        raise OSError(f"{code}.json.gz: damaged")

    monkeypatch.setattr(spelling, "load_dictionary", broken)
    settings = AppSettings()
    path = Path(document.display_name).resolve()
    document.replace(document.outline, path, display_name=path.name)
    settings.set_spelling_language(path, "nl")
    messages: list[str] = []
    checker = Spelling(document, settings, document)
    checker.message.connect(messages.append)
    qtbot.waitUntil(lambda: bool(messages))
    assert messages == ["The Dutch word list could not be loaded, so nothing is underlined: "
                        "reinstall Briefing, or choose another spelling language (the log "
                        "file has the details)"]
    assert not checker.is_ready()
    assert not checker.checker.is_misspelt("recieve")


def test_no_word_list_is_loaded_while_spell_checking_is_off(
        qtbot: QtBot, document: Document, monkeypatch: pytest.MonkeyPatch) -> None:
    loaded: list[str] = []
    monkeypatch.setattr(spelling, "load_dictionary",
                        lambda code, pause: loaded.append(code) or load_dictionary(code, pause))
    settings = AppSettings()
    settings.spell_check = False
    checker = Spelling(document, settings, document)
    checker.set_language("en")
    assert loaded == [] and not checker.is_ready()
    checker.check_action.trigger()
    qtbot.waitUntil(checker.is_ready, timeout=30_000)
    assert loaded == ["en"]


def test_the_word_list_starts_loading_only_once_the_event_loop_runs(
        qtbot: QtBot, document: Document, monkeypatch: pytest.MonkeyPatch) -> None:
    """At start the window is built and the outline opened first, without a thread loading
    the word list taking turns with them."""
    started: list[str] = []

    class Recorded(threading.Thread):
        def start(self) -> None:
            started.append(self.name)
            super().start()

    monkeypatch.setattr(threading, "Thread", Recorded)
    checker = Spelling(document, AppSettings(), document)
    assert started == [] and not checker.is_ready()
    qtbot.waitUntil(checker.is_ready, timeout=30_000)
    assert started == ["spelling"]


def test_a_large_outlines_words_are_gathered_in_the_background(
        qtbot: QtBot, document: Document, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(spelling, "GATHER_HERE_LIMIT", 0)  # every outline counts as large
    checker = Spelling(document, AppSettings(), document)
    qtbot.waitUntil(lambda: checker.is_ready() and checker.has_outline_words(), timeout=30_000)
    assert not checker.checker.is_misspelt("Harbour")  # from the outline's article title
    assert checker.checker.is_misspelt("Harbuor")
    section = document.outline.articles[0].sections[0]
    section.blocks[0].text += " Envoys from Quillanor came."
    document.article_changed.emit(0)
    assert not checker.has_outline_words()
    qtbot.waitUntil(checker.has_outline_words)
    assert not checker.checker.is_misspelt("Quillanor")


def test_an_edit_while_the_outlines_texts_are_taken_starts_them_over(
        qtbot: QtBot, document: Document, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(spelling, "GATHER_SLICE_S", 0.0)  # one article a slice
    monkeypatch.setattr(spelling, "GATHER_CHUNK", 1)
    checker = Spelling(document, AppSettings(), document)
    qtbot.waitUntil(lambda: checker.is_ready() and checker.has_outline_words(), timeout=30_000)
    assert len(document.outline.articles) > 1
    first = document.outline.articles[0].sections[0]
    taken: list[str] = []

    def edit_between_slices() -> None:  # the user types while the texts are being taken
        first.blocks[0].text += " Then Brastavel spoke."
        document.article_changed.emit(0)

    def outline_texts(outline: Outline) -> list[str]:
        if not taken:  # after the first article's texts are taken, before the next slice
            QTimer.singleShot(0, edit_between_slices)
        taken.append(outline.articles[0].title)
        return core_spelling.outline_texts(outline)

    monkeypatch.setattr(spelling, "outline_texts", outline_texts)
    document.article_changed.emit(1)
    qtbot.waitUntil(lambda: checker.has_outline_words() and "Brastavel" in first.blocks[0].text)
    assert not checker.checker.is_misspelt("Brastavel")
    assert taken[0] == document.outline.articles[0].title and len(taken) > 2


def test_new_underlines_are_not_taken_for_an_edit(qtbot: QtBot, window: MainWindow) -> None:
    ready(qtbot, window)
    editor = type_note(qtbot, window, "Ask Quillanor.")
    changes: list[str] = []
    editor.textChanged.connect(lambda: changes.append(editor.toPlainText()))
    window.spelling.ignore_word("Quillanor")
    assert underlined(editor) == []
    window.spelling.set_enabled(False)
    window.spelling.set_enabled(True)
    assert changes == []
