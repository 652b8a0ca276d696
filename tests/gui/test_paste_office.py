"""Pasting from Word or Outlook, and importing a document Word saved as a web page, in the
window: the document's structure, not its markup's spacing and list markers."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtCore import QMimeData
from pytestqt.qtbot import QtBot

from briefing.core.importers.clipboard import WINDOWS_HTML_TYPE
from briefing.core.model import Article, BlockKind
from briefing.gui.import_dialog import ImportDialog
from briefing.gui.main_window import MainWindow
from tests.core.importers.office_markup import (
    DOCUMENT_CLOSE,
    DOCUMENT_OPEN,
    cf_html,
    word_clipboard,
    word_selection,
)
from tests.gui.paste_support import (
    ORIGINAL_TITLES,
    set_clipboard,
    titles,
    wait_for_import,
)

pytestmark = pytest.mark.usefixtures("clipboard_cleared")


def _word_copy(html_type: str, html: str) -> QMimeData:
    """What Word puts on the clipboard: its HTML and the plain text of the selection."""
    mime = QMimeData()
    mime.setData(html_type, html.encode("utf-8"))
    mime.setText("Tram depot plans\nThree sites for the second depot\n")
    return mime


def _assert_word_document(article: Article) -> None:
    assert article.title == "Tram depot plans"
    assert article.standfirst == "Three sites for the second depot"
    assert [section.heading for section in article.sections] == ["Choosing a site",
                                                                 "Next steps"]
    blocks = [block for section in article.walk() for block in section.blocks]
    assert [block.text for block in blocks if block.kind == BlockKind.BULLET] == [
        "level ground near the line", "room for twenty trams", "space for a paint shop",
        "a road for the lorries"]
    assert [block.text for block in blocks if block.kind == BlockKind.NUMBERED][:2] == [
        "cost the three sites", "survey the ground"]


@pytest.mark.parametrize(("html_type", "wrap"), [
    ("text/html", word_clipboard),
    (WINDOWS_HTML_TYPE, lambda selection: cf_html(word_clipboard(selection))),
], ids=["html", "windows-cf-html"])
def test_paste_from_word_gives_the_documents_structure_in_one_undo_step(
        qtbot: QtBot, window: MainWindow, confirm_imports: list[ImportDialog],
        html_type: str, wrap: Callable[[str], str]) -> None:
    set_clipboard(_word_copy(html_type, wrap(word_selection())))
    assert wait_for_import(qtbot, window, window.paste_article_action.trigger) == 1
    assert confirm_imports[0].value(0, "title") == "Tram depot plans"
    _assert_word_document(window.document.outline.articles[-1])
    window.document.undo_stack.undo()
    assert titles(window) == ORIGINAL_TITLES


def test_a_word_document_saved_as_a_web_page_imports_from_file_import(
        qtbot: QtBot, window: MainWindow, confirm_imports: list[ImportDialog],
        tmp_path: Path) -> None:
    saved = tmp_path / "depot.htm"
    saved.write_text(DOCUMENT_OPEN + "<div class=WordSection1>" + word_selection() + "</div>"
                     + DOCUMENT_CLOSE, encoding="utf-8")
    assert wait_for_import(qtbot, window, lambda: window.importer.import_files([saved])) == 1
    _assert_word_document(window.document.outline.articles[-1])
