"""Notes and articles from other people: the preview and reader load nothing and open no links.

A note may name any file as an image (``![x](/dev/zero)``), hold raw HTML or ``javascript:``
links; the views must show what the export would and never reach for a file or run a link.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import ClassVar

import pytest
from PySide6.QtCore import QUrl
from PySide6.QtGui import QImage, QTextDocument
from pytestqt.qtbot import QtBot

from briefing.gui import safe_browser
from briefing.gui.document import Document
from briefing.gui.note_editor import EDIT_LIMIT, PREVIEW_LIMIT, NoteEditor
from briefing.gui.reader_view import ReaderView
from briefing.gui.safe_browser import SafeBrowser


class _Desktop:
    """Stands in for QDesktopServices: records the links handed to the desktop."""

    opened: ClassVar[list[str]] = []

    @classmethod
    def openUrl(cls, url: QUrl) -> bool:  # noqa: N802 (Qt's name)
        cls.opened.append(url.toString())
        return True


@pytest.fixture
def desktop(monkeypatch: pytest.MonkeyPatch) -> type[_Desktop]:
    _Desktop.opened = []
    monkeypatch.setattr(safe_browser, "QDesktopServices", _Desktop)
    return _Desktop


@pytest.fixture
def editor(qtbot: QtBot, document: Document) -> NoteEditor:
    widget = NoteEditor(document)
    qtbot.addWidget(widget)
    widget.set_section("s11")
    return widget


def test_a_note_naming_a_device_as_image_shows_its_alt_text(
        qtbot: QtBot, editor: NoteEditor, tmp_path: Path) -> None:
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    editor.editor.setPlainText(f"Before ![zero device](/dev/zero) and ![pipe]({fifo}) after.")
    editor.render_preview_now()
    text = editor.preview.toPlainText()
    assert "Before zero device and pipe after." in text
    assert "<img" not in editor.preview.toHtml()


def test_the_browser_loads_no_image_its_html_names(qtbot: QtBot, tmp_path: Path) -> None:
    picture = tmp_path / "picture.png"
    real = QImage(300, 200, QImage.Format.Format_RGB32)
    real.fill(0xFF0000)
    assert real.save(str(picture))
    browser = SafeBrowser()
    qtbot.addWidget(browser)
    for name in (picture.as_uri(), str(picture)):
        browser.setHtml(f'<p>before<img src="{name}"/>after</p>')
        browser.document().adjustSize()
        image = browser.document().resource(
            QTextDocument.ResourceType.ImageResource.value, QUrl(name))
        assert isinstance(image, QImage)
        assert (image.width(), image.height()) == (1, 1)
        assert browser.document().size().height() < 100


def test_raw_html_in_a_note_is_shown_as_text(editor: NoteEditor) -> None:
    editor.editor.setPlainText('<b>bold?</b> <img src="/etc/passwd"> <a href="file:///">x</a>')
    editor.render_preview_now()
    text = editor.preview.toPlainText()
    assert '<b>bold?</b> <img src="/etc/passwd"> <a href="file:///">x</a>' in text
    assert "<b>bold?</b>" not in editor.preview.toHtml()


def test_only_web_and_mail_links_become_links(editor: NoteEditor) -> None:
    editor.editor.setPlainText("[web](https://example.org/a) [mail](mailto:a@example.org) "
                               "[script](javascript:alert(1)) [disk](file:///etc/passwd)")
    editor.render_preview_now()
    html = editor.preview.toHtml()
    assert 'href="https://example.org/a"' in html
    assert 'href="mailto:a@example.org"' in html
    assert "javascript" not in html
    assert "file:" not in html
    assert "web mail script disk" in editor.preview.toPlainText()


@pytest.mark.parametrize("link", ["https://example.org/a", "http://example.org/",
                                  "mailto:a@example.org"])
def test_a_clicked_web_or_mail_link_goes_to_the_desktop(qtbot: QtBot, desktop: type[_Desktop],
                                                       link: str) -> None:
    browser = SafeBrowser()
    qtbot.addWidget(browser)
    browser.setHtml(f'<p><a href="{link}">go</a></p>')
    with qtbot.waitSignal(browser.external_link_opened):
        browser.anchorClicked.emit(QUrl(link))
    assert desktop.opened == [link]
    assert browser.source().isEmpty()
    assert "go" in browser.toPlainText()


@pytest.mark.parametrize("link", ["file:///etc/passwd", "javascript:alert(1)",
                                  "data:text/html,<b>x</b>", "ftp://example.org/", "relative.html"])
def test_any_other_clicked_link_does_nothing(qtbot: QtBot, desktop: type[_Desktop],
                                             link: str) -> None:
    browser = SafeBrowser()
    qtbot.addWidget(browser)
    browser.setHtml("<p>Stay here</p>")
    browser.anchorClicked.emit(QUrl(link))
    assert desktop.opened == []
    assert browser.toPlainText() == "Stay here"


def test_the_reader_keeps_its_restore_links_and_opens_nothing_else(
        qtbot: QtBot, desktop: type[_Desktop], document: Document) -> None:
    reader = ReaderView()
    qtbot.addWidget(reader)
    article = document.outline.articles[0]
    reader.show_article(0, article)
    with qtbot.waitSignal(reader.restore_requested) as restored:
        reader.anchorClicked.emit(QUrl("restore:1"))
    assert restored.args == [0, 1]
    reader.anchorClicked.emit(QUrl("file:///etc/passwd"))
    assert desktop.opened == []
    assert article.title in reader.toPlainText()


def test_a_long_note_previews_its_first_part_until_asked_for_all(
        editor: NoteEditor, document: Document) -> None:
    paragraph = "A line of the analyst's long note about harbour fees.\n\n"
    long_note = paragraph * (PREVIEW_LIMIT // len(paragraph) * 3)
    document.set_note("s11", long_note)
    editor.render_preview_now()
    assert editor.is_preview_cut()
    shown = editor.preview.toPlainText().count("harbour fees")
    assert 0 < shown < long_note.count("harbour fees")
    assert "the export holds the whole note" in editor.preview_cut_label.text()
    editor.show_all_button.click()
    assert not editor.is_preview_cut()
    assert editor.preview.toPlainText().count("harbour fees") == long_note.count("harbour fees")
    editor.set_section("s12")
    editor.render_preview_now()
    assert not editor.is_preview_cut()


def test_a_very_long_note_opens_read_only_in_part_and_is_never_cut_short(
        qtbot: QtBot, editor: NoteEditor, document: Document) -> None:
    line = "One more line of a note that somebody pasted far too much into.\n"
    long_note = line * (EDIT_LIMIT // len(line) + 100)
    document.set_note("s12", long_note)
    editor.set_section("s12")
    editor.render_preview_now()
    assert editor.is_editor_cut()
    assert editor.editor.isReadOnly()
    assert len(editor.editor.toPlainText()) <= PREVIEW_LIMIT
    assert "read-only" in editor.preview_cut_label.text()
    qtbot.keyClicks(editor.editor, "typed")
    editor.render_preview_now()
    assert document.section("s12").note == long_note  # type: ignore[union-attr]
    editor.show_all_button.click()
    assert not editor.is_editor_cut()
    assert not editor.editor.isReadOnly()
    assert editor.editor.toPlainText() == long_note
    assert document.section("s12").note == long_note  # type: ignore[union-attr]


def test_the_note_preview_pane_shows_a_long_notes_first_part(qtbot: QtBot,
                                                             document: Document) -> None:
    from briefing.gui.preview_pane import PREVIEW_NOTE_LIMIT, PreviewPane

    document.section("s13").picked = True  # type: ignore[union-attr]
    long_note = "Costs of the harbour scheme.\n\n" * (PREVIEW_NOTE_LIMIT // 10)
    document.set_note("s13", long_note)
    pane = PreviewPane(lambda: document.outline)
    qtbot.addWidget(pane)
    pane.show()
    pane.refresh_now()
    text = pane.plain_text()
    assert 0 < text.count("Costs of the harbour scheme.") < long_note.count("Costs")
    assert f"of {len(long_note):,} characters of this note; the export holds all of it" in text


def test_a_very_long_section_shows_its_first_part_until_show_all(qtbot: QtBot,
                                                                 document: Document) -> None:
    from briefing.core.model import Block, BlockKind
    from briefing.gui.reader_view import BLOCK_LIMIT, TEXT_LIMIT

    article = document.outline.articles[0]
    section = article.sections[0]
    section.blocks = [Block(BlockKind.PARAGRAPH, "w" * (TEXT_LIMIT * 3))] + [
        Block(BlockKind.PARAGRAPH, f"Paragraph number {n}.") for n in range(BLOCK_LIMIT * 2)]
    reader = ReaderView()
    qtbot.addWidget(reader)
    reader.show_section(0, article, section)
    text = reader.toPlainText()
    assert reader.is_cut()
    assert f"[{TEXT_LIMIT * 2:,} more characters]" in text
    assert "Paragraph number 10." in text
    assert f"Paragraph number {BLOCK_LIMIT * 2 - 1}." not in text
    reader.anchorClicked.emit(QUrl("show-all:"))
    assert not reader.is_cut()
    assert f"Paragraph number {BLOCK_LIMIT * 2 - 1}." in reader.toPlainText()
    assert "w" * (TEXT_LIMIT * 3) in reader.toPlainText()
