"""Bringing in several articles at once in the window: a dropped or chosen folder, and two files
of one article in the same import."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QMimeData, QUrl
from pytestqt.qtbot import QtBot

from briefing.core import import_folders
from briefing.gui import duplicate_question
from briefing.gui.duplicate_question import DuplicateChoice
from briefing.gui.import_dialog import ImportDialog
from briefing.gui.main_window import MainWindow
from tests.gui.paste_support import ORIGINAL_TITLES, titles, wait_for_import
from tests.gui.test_window_drops import drop
from tests.gui.window_support import answer, answer_choice


def _article(folder: Path, name: str, title: str, url: str = "") -> Path:
    folder.mkdir(exist_ok=True)
    front = f"---\nsource: {url}\n---\n" if url else ""
    path = folder / name
    path.write_text(f"{front}# {title}\n\nThe board met about {title.lower()} and asked for "
                    "a report by the spring.\n", encoding="utf-8")
    return path


def _files(*paths: Path) -> QMimeData:
    """What a file manager gives for dragged files and folders."""
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(path)) for path in paths])
    return mime


def test_a_dropped_folder_imports_its_articles_in_name_order_as_one_undo_step(
        qtbot: QtBot, window: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
        confirm_imports: list[ImportDialog]) -> None:
    folder = tmp_path / "saved"
    _article(folder, "b ferries.md", "Ferry Timetable")
    _article(folder, "a tolls.md", "Toll Review")
    (folder / "logo.svg").write_text("<svg/>", encoding="utf-8")
    (folder / "chart.png").write_bytes(b"\x89PNG\r\n")
    shown = answer(monkeypatch, "warning", None)
    mime = _files(folder)
    assert wait_for_import(qtbot, window, lambda: window.dropEvent(drop(mime))) == 2
    assert titles(window) == [*ORIGINAL_TITLES, "Toll Review", "Ferry Timetable"]
    assert len(confirm_imports) == 1  # one dialog for the folder's articles
    [(_, _, message)] = shown  # the files left out, named once
    assert message == (f"{folder}: left out 2 files of a type Briefing does not import: "
                       "chart.png, logo.svg")
    assert window.document.undo_stack.count() == 1
    window.document.undo_stack.undo()
    assert titles(window) == ORIGINAL_TITLES


@pytest.mark.parametrize(("content", "problem"), [
    ((), "is a folder with no files in it"),
    (("scan.pdf", "photo.jpg"), "is a folder with no file of a type Briefing imports (it holds "
     "photo.jpg, scan.pdf)"),
])
def test_a_dropped_folder_with_nothing_to_import_says_so_and_changes_nothing(
        qtbot: QtBot, window: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
        content: tuple[str, ...], problem: str) -> None:
    folder = tmp_path / "box"
    folder.mkdir()
    for name in content:
        (folder / name).write_bytes(b"not an article")
    shown = answer(monkeypatch, "warning", None)
    mime = _files(folder)
    assert wait_for_import(qtbot, window, lambda: window.dropEvent(drop(mime))) == 0
    [(_, _, message)] = shown
    assert f"{folder}: {problem}" in message
    assert titles(window) == ORIGINAL_TITLES
    assert window.document.undo_stack.count() == 0


def test_a_folder_with_many_files_asks_first(
        qtbot: QtBot, window: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
        confirm_imports: list[ImportDialog]) -> None:
    monkeypatch.setattr(import_folders, "FILES_WITHOUT_ASKING", 2)
    folder = tmp_path / "home"
    for number in range(1, 4):
        _article(folder, f"note {number}.md", f"Note {number}")
    asked = answer_choice(monkeypatch, "Cancel", "Import All 3")
    assert window.importer.import_files([folder]) is None
    assert "holds 3 files to import (more than 2)" in asked[0][2]
    assert titles(window) == ORIGINAL_TITLES and confirm_imports == []
    assert wait_for_import(qtbot, window, lambda: window.importer.import_files([folder])) == 3
    assert titles(window)[-3:] == ["Note 1", "Note 2", "Note 3"]


@pytest.mark.parametrize(("answer_given", "added"), [("Skip", 1), ("Keep Both", 2)])
def test_two_dropped_files_of_one_article_ask_about_the_second(
        qtbot: QtBot, window: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
        confirm_imports: list[ImportDialog], answer_given: str, added: int) -> None:
    url = "https://example.org/levees"
    first = _article(tmp_path, "levees.md", "Levee Heights", url)
    second = _article(tmp_path, "levees copy.md", "Levee Heights", url)
    asked = answer_choice(monkeypatch, answer_given)
    mime = _files(first, second)
    assert wait_for_import(qtbot, window, lambda: window.dropEvent(drop(mime))) == added
    [(_, title, text, labels)] = asked
    assert (title, labels) == ("Article already being imported", ["Keep Both", "Skip"])
    assert "levees copy.md is the same article as levees.md" in text
    assert titles(window) == [*ORIGINAL_TITLES, *["Levee Heights"] * added]
    assert window.document.undo_stack.count() == 1


def test_file_import_folder_imports_the_chosen_folder(
        qtbot: QtBot, window: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
        confirm_imports: list[ImportDialog]) -> None:
    folder = tmp_path / "chosen"
    _article(folder, "canals.md", "Canal Dredging")
    answer(monkeypatch, "getExistingDirectory", str(folder))
    assert wait_for_import(qtbot, window, window.import_folder_action.trigger) == 1
    assert titles(window)[-1] == "Canal Dredging"
    answer(monkeypatch, "getExistingDirectory", "")  # the dialog cancelled
    assert window.importer.choose_folder_and_import() is None
    assert len(titles(window)) == len(ORIGINAL_TITLES) + 1


def test_a_second_copy_of_an_article_being_replaced_is_asked_about_as_being_imported(
        qtbot: QtBot, window: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
        confirm_imports: list[ImportDialog]) -> None:
    window.document.outline.articles[0].url = "https://example.org/harbour"
    url = "https://example.org/a"  # the address of 'Arctic Patrols'
    first = _article(tmp_path, "patrols.md", "Arctic Patrols", url)
    second = _article(tmp_path, "patrols again.md", "Arctic Patrols", url)
    outline_questions: list[int] = []

    def replace(parent: object, new: object, existing: object, row: int,
                *rest: object) -> DuplicateChoice:
        outline_questions.append(row)
        return DuplicateChoice.REPLACE

    monkeypatch.setattr(duplicate_question, "ask_about_duplicate", replace)
    batch_questions = answer_choice(monkeypatch, "Skip")
    mime = _files(first, second)
    assert wait_for_import(qtbot, window, lambda: window.dropEvent(drop(mime))) == 1
    assert outline_questions == [1] and len(batch_questions) == 1
    assert titles(window) == ORIGINAL_TITLES
    assert window.document.outline.articles[1].source_file == "patrols.md"
