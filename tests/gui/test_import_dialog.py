"""The import dialog: rows prefilled from the importer, corrections, checks, leaving files out."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QTableWidgetItem
from pytestqt.qtbot import QtBot

from briefing.core.importers import ImportOverrides, import_article
from briefing.core.model import Article
from briefing.gui.import_dialog import ImportDialog, check_field, confirm_articles, details_of

ARTICLE_TEXT = """\
Harbour cranes and the new port tariff

An explainer on what the tariff changes for shipping lines.

Why the tariff changed

The port authority raised fees after a review of berth use.

What happens next

Shipping lines have until spring to adjust their schedules.
"""


def _dialog(qtbot: QtBot, files: list[Path | tuple[Path, ImportOverrides | None]]
            ) -> ImportDialog:
    dialog = ImportDialog(files)
    qtbot.addWidget(dialog)
    return dialog


def _cell(dialog: ImportDialog, row: int, column: int) -> QTableWidgetItem:
    item = dialog.table.item(row, column)
    assert item is not None
    return item


def _ok_enabled(dialog: ImportDialog) -> bool:
    return dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).isEnabled()


def test_rows_are_prefilled_and_unchanged_fields_give_no_override(
        qtbot: QtBot, tmp_path: Path) -> None:
    given = ImportOverrides(title="Ports", author="C. Reporter", publisher="Sea News",
                            date="2025-03-01", url="https://example.org/ports")
    dialog = _dialog(qtbot, [(tmp_path / "ports.txt", given), tmp_path / "blank.md"])
    assert dialog.table.rowCount() == 2
    assert dialog.value(0, "author") == "C. Reporter"
    assert dialog.value(1, "title") == ""
    assert _cell(dialog, 0, 0).text() == "ports.txt"
    assert dialog.requests() == [(tmp_path / "ports.txt", ImportOverrides()),
                                 (tmp_path / "blank.md", ImportOverrides())]
    assert _ok_enabled(dialog)


def test_changed_fields_become_overrides(qtbot: QtBot, tmp_path: Path) -> None:
    dialog = _dialog(qtbot, [(tmp_path / "a.txt", ImportOverrides(title="Old", author="X"))])
    dialog.set_value(0, "title", "  New title  ")
    dialog.set_value(0, "author", "")
    dialog.set_value(0, "date", "2025-06-30")
    assert dialog.requests() == [(tmp_path / "a.txt", ImportOverrides(
        title="New title", author="", date="2025-06-30"))]


def test_unticked_files_are_left_out_and_none_ticked_blocks_ok(qtbot: QtBot,
                                                              tmp_path: Path) -> None:
    dialog = _dialog(qtbot, [tmp_path / "a.txt", tmp_path / "b.txt"])
    dialog.set_included(0, False)
    assert [path.name for path, _ in dialog.requests()] == ["b.txt"]
    dialog.set_included(1, False)
    assert not _ok_enabled(dialog)
    assert "No file is ticked" in dialog.problems.text()


def test_a_bad_url_blocks_import_and_names_the_file(qtbot: QtBot, tmp_path: Path) -> None:
    dialog = _dialog(qtbot, [tmp_path / "report.html"])
    dialog.set_value(0, "url", "example.org/report")
    assert not _ok_enabled(dialog)
    assert "report.html, URL: The url must be a web address" in dialog.problems.text()
    cell = _cell(dialog, 0, 5)
    assert "web address" in cell.toolTip()
    dialog.set_value(0, "url", "https://example.org/report")
    assert _ok_enabled(dialog) and dialog.problems.text() == ""
    assert _cell(dialog, 0, 5).toolTip() == ""


def test_a_non_iso_date_is_flagged_but_allowed(qtbot: QtBot, tmp_path: Path) -> None:
    dialog = _dialog(qtbot, [tmp_path / "a.txt"])
    dialog.set_value(0, "date", "Spring 2025")
    assert _ok_enabled(dialog)
    assert "Not an ISO date" in dialog.problems.text()


def test_a_found_title_cannot_be_emptied(qtbot: QtBot, tmp_path: Path) -> None:
    dialog = _dialog(qtbot, [(tmp_path / "a.txt", ImportOverrides(title="Found"))])
    dialog.set_value(0, "title", " ")
    assert not _ok_enabled(dialog)
    assert "A title is needed" in dialog.problems.text()
    dialog.set_included(0, False)
    assert "A title is needed" not in dialog.problems.text()


@pytest.mark.parametrize(("name", "value", "blocks"), [
    ("url", "http://a.example/x", False), ("url", "ftp://a.example", True),
    ("url", "", False), ("date", "2025", False), ("date", "2025-06", False),
    ("date", "30/06/2025", False), ("title", "anything", False)])
def test_check_field(name: str, value: str, blocks: bool) -> None:
    message, blocking = check_field(name, value)
    assert blocking is blocks
    if name == "date" and "/" in value:
        assert message


def _accept_after(edit: Callable[[ImportDialog], None]) -> Callable[[QDialog], int]:
    def fake_exec(dialog: QDialog) -> int:
        assert isinstance(dialog, ImportDialog)
        edit(dialog)
        return QDialog.DialogCode.Accepted.value

    return fake_exec


def test_confirm_articles_applies_corrections_to_imported_articles(
        qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    first, second = tmp_path / "ports.txt", tmp_path / "again.txt"
    first.write_text(ARTICLE_TEXT, encoding="utf-8")
    second.write_text(ARTICLE_TEXT.replace("Harbour cranes", "River barges"), encoding="utf-8")
    imported = [(first, import_article(first)), (second, import_article(second))]
    assert imported[0][1].title == "Harbour cranes and the new port tariff"

    def edit(dialog: ImportDialog) -> None:
        assert dialog.value(0, "title") == "Harbour cranes and the new port tariff"
        dialog.set_value(0, "publisher", "Port Weekly")
        dialog.set_value(0, "url", "https://example.org/tariff")
        dialog.set_included(1, False)

    monkeypatch.setattr(ImportDialog, "exec", _accept_after(edit))
    articles = confirm_articles(None, imported)
    assert articles is not None and len(articles) == 1
    assert articles[0].publisher == "Port Weekly"
    assert articles[0].url == "https://example.org/tariff"
    assert articles[0].title == "Harbour cranes and the new port tariff"
    assert [section.heading for section in articles[0].sections] == [
        "Why the tariff changed", "What happens next"]


def test_confirm_articles_returns_none_when_cancelled(monkeypatch: pytest.MonkeyPatch,
                                                      qapp: object, tmp_path: Path) -> None:
    monkeypatch.setattr(ImportDialog, "exec",
                        lambda dialog: QDialog.DialogCode.Rejected.value)
    assert confirm_articles(None, [(tmp_path / "a.txt", Article(title="A"))]) is None
    assert confirm_articles(None, []) == []


def test_details_of_reads_the_article() -> None:
    article = Article(title="T", author="A", publisher="P", date="2024", url="https://x.example")
    assert details_of(article) == ImportOverrides("T", "A", "P", "2024", "https://x.example")


def test_the_file_cell_is_a_checkbox_not_editable(qtbot: QtBot, tmp_path: Path) -> None:
    dialog = _dialog(qtbot, [tmp_path / "a.txt"])
    flags = _cell(dialog, 0, 0).flags()
    assert flags & Qt.ItemFlag.ItemIsUserCheckable
    assert not flags & Qt.ItemFlag.ItemIsEditable


def test_blocking_and_notice_problems_are_coloured_differently(qtbot: QtBot,
                                                               tmp_path: Path) -> None:
    dialog = _dialog(qtbot, [tmp_path / "a.txt"])
    dialog.set_value(0, "date", "Spring 2025")
    dialog.set_value(0, "url", "not a url")
    date_colour = _cell(dialog, 0, 4).foreground().color()
    url_colour = _cell(dialog, 0, 5).foreground().color()
    plain_colour = _cell(dialog, 0, 2).foreground().color()
    assert len({date_colour.name(), url_colour.name(), plain_colour.name()}) == 3


def test_the_url_of_a_web_import_shows_without_scrolling(qtbot: QtBot) -> None:
    """A fetched article's source is its (long) address: the source column keeps to a width
    that leaves the details, the url among them, in view."""
    url = "https://news.example.org/2025/03/coast/lighthouse-keepers-return-to-the-north.html"
    details = ImportOverrides(title="Lighthouse keepers return to the northern coast",
                              author="Ann Other", publisher="The Coast Paper",
                              date="2025-03-14", url=url)
    dialog = ImportDialog([(url, details)])
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    url_column = dialog.table.columnCount() - 1
    assert dialog.table.horizontalScrollBar().maximum() == 0
    assert dialog.table.columnWidth(url_column) >= 120
    assert dialog.table.item(0, 0).toolTip() == url


def test_a_pasted_article_is_not_called_a_file(qtbot: QtBot) -> None:
    dialog = ImportDialog([("Clipboard", ImportOverrides(title="Harbour cranes"))])
    qtbot.addWidget(dialog)
    header = dialog.table.horizontalHeaderItem(0)
    assert header is not None and header.text() == "Source"
    shown = " ".join(label.text() for label in dialog.findChildren(QLabel))
    assert "file" not in shown.casefold()
