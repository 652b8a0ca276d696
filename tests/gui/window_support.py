"""Helpers for the main window tests: dialogs answered, files written, the tree read back."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtGui import QTextCursor
from PySide6.QtWidgets import QFileDialog, QMessageBox

from briefing.core.model import Outline
from briefing.core.outline_file import save_outline
from briefing.gui import file_questions
from briefing.gui.main_window import MainWindow

Button = QMessageBox.StandardButton


def discard_and_close(window: MainWindow) -> None:
    """Close a window without the unsaved-changes question."""
    window.document.undo_stack.setClean()
    window.close()
    window.deleteLater()


def answer(monkeypatch: pytest.MonkeyPatch, name: str, value: Any) -> list[tuple[Any, ...]]:
    """Patch a QMessageBox/QFileDialog static call to return ``value``; record the calls."""
    calls: list[tuple[Any, ...]] = []

    def fake(*args: Any, **kwargs: Any) -> Any:
        calls.append(args)
        return value

    owner = QFileDialog if name.startswith("get") else QMessageBox
    monkeypatch.setattr(owner, name, staticmethod(fake))
    return calls


def answer_choice(monkeypatch: pytest.MonkeyPatch, *choices: str) -> list[tuple[Any, ...]]:
    """Answer :func:`file_questions.ask_choice` with these button labels, one per question."""
    calls: list[tuple[Any, ...]] = []
    answers = list(choices)

    def fake(parent: Any, title: str, text: str, labels: list[str], **kwargs: Any) -> int:
        calls.append((parent, title, text, labels))
        return labels.index(answers.pop(0))

    monkeypatch.setattr(file_questions, "ask_choice", fake)
    return calls


def click_in_box(monkeypatch: pytest.MonkeyPatch, button_text: str) -> list[str]:
    """Answer the next message boxes made with ``QMessageBox(...).exec()`` by clicking the
    button labelled ``button_text``; returns each box's text and informative text."""
    asked: list[str] = []

    def fake_exec(box: QMessageBox) -> int:
        asked.append(f"{box.text()}\n{box.informativeText()}")
        buttons = {button.text().replace("&", ""): button for button in box.buttons()}
        assert button_text in buttons, f"no button {button_text!r} in {sorted(buttons)}"
        buttons[button_text].click()
        return 0

    monkeypatch.setattr(QMessageBox, "exec", fake_exec)
    return asked


def visible_labels(window: MainWindow, parent: QModelIndex | None = None) -> list[str]:
    """Every row the filter lets through, depth first."""
    model = window.filter_model
    parent = parent or QModelIndex()
    labels: list[str] = []
    for row in range(model.rowCount(parent)):
        index = model.index(row, 0, parent)
        labels.append(index.data())
        labels.extend(visible_labels(window, index))
    return labels


def check(window: MainWindow, section_id: str, checked: bool) -> None:
    """Tick or untick a section's box as the tree does."""
    source = window.outline_model.section_index(section_id)
    state = Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked
    index = window.filter_model.mapFromSource(source)
    assert window.filter_model.setData(index, state.value, Qt.ItemDataRole.CheckStateRole)


def saved_outline(tmp_path: Path, outline: Outline, name: str = "work.yaml") -> Path:
    """``outline`` saved as ``tmp_path/name``."""
    path = tmp_path / name
    save_outline(outline, path)
    return path


def caret_to_line(qtbot: Any, window: MainWindow, start: str) -> None:
    """With the keyboard alone: focus the reader and move the caret down to the start of the
    first line that starts with ``start``."""
    window.show()
    reader = window.reader
    reader.setFocus()
    qtbot.waitUntil(reader.hasFocus)
    qtbot.keyClick(reader, Qt.Key.Key_Home, Qt.KeyboardModifier.ControlModifier)
    while not reader.textCursor().block().text().startswith(start):
        before = reader.textCursor().position()
        qtbot.keyClick(reader, Qt.Key.Key_Down)
        assert reader.textCursor().position() != before, "the caret does not move"
    qtbot.keyClick(reader, Qt.Key.Key_Home)


def select_text(window: MainWindow, text: str) -> None:
    """Select ``text`` where the reader shows it, as a user drags over it."""
    reader = window.reader
    start = reader.toPlainText().index(text)
    cursor = reader.textCursor()
    cursor.setPosition(start)
    cursor.setPosition(start + len(text), QTextCursor.MoveMode.KeepAnchor)
    reader.setTextCursor(cursor)
