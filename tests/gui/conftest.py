"""GUI test fixtures: small outlines built in code, a document, dialogs that never block.

Every QMessageBox and QFileDialog static call is patched to fail the test unless the test itself
patches it with the answer it wants, so no test can ever leave a modal dialog open. The cyclic
collector runs between events, as in the app (:mod:`briefing.gui.safe_collection`), except in
tests marked ``automatic_collection`` that check how the collector is switched.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtWidgets import QApplication, QFileDialog, QMessageBox

from briefing.core.collector import pauses_held
from briefing.core.model import (
    Article,
    Block,
    BlockKind,
    BriefingDetails,
    Discarded,
    Outline,
    Section,
)
from briefing.gui import duplicate_question, file_questions
from briefing.gui.document import Document
from briefing.gui.import_dialog import ImportDialog
from briefing.gui.input_pause import forget_input
from briefing.gui.main_window import MainWindow
from briefing.gui.safe_collection import CollectionBetweenEvents
from briefing.gui.settings import AppSettings
from tests.gui.paste_support import accept_import_dialogs, clear_clipboard
from tests.gui.window_support import discard_and_close


def make_article(title: str, first_id: int, *, sections: int = 3,
                 subsections: int = 2) -> Article:
    """An article with numbered sections, each with a few subsections and body text."""
    next_id = first_id
    top: list[Section] = []
    for number in range(1, sections + 1):
        subs: list[Section] = []
        parent_id = f"s{next_id}"
        next_id += 1
        for sub in range(1, subsections + 1):
            subs.append(Section(
                id=f"s{next_id}", heading=f"Point {number}.{sub} on {title.lower()}",
                blocks=[Block(BlockKind.PARAGRAPH,
                              f"Detail {number}.{sub}: budgets rose by {number * 10 + sub}%.")]))
            next_id += 1
        top.append(Section(
            id=parent_id, heading=f"Challenge {number} of {title}", number=number,
            blocks=[Block(BlockKind.PARAGRAPH, f"Opening remarks for challenge {number}."),
                    Block(BlockKind.BULLET, "first listed item"),
                    Block(BlockKind.QUOTE, "A quoted line from an official."),
                    Block(BlockKind.PULL_QUOTE, "A line the page repeats for effect.")],
            sections=subs))
    return Article(
        title=title, standfirst=f"What {title} means for the alliance.", author="A. Writer",
        publisher="Example Review", date="2024-10-01", url="https://example.org/a",
        blocks=[Block(BlockKind.PARAGRAPH, f"The lead paragraph of {title}.")],
        sections=top,
        discarded=[Discarded("Subscribe to our newsletter", "boilerplate", 40),
                   Discarded("\u00a9", "stray symbol", 2)])


def build_outline() -> Outline:
    """Two articles: 'Harbour Defence' (s1..s9) and 'Arctic Patrols' (s10..s18)."""
    first = make_article("Harbour Defence", 1)
    second = make_article("Arctic Patrols", 10)
    second.sections[1].note = "Ask the **ministry** about icebreakers."
    second.sections[1].tags = ["arctic", "ships"]
    return Outline(title="Test outline", articles=[first, second],
                   briefing=BriefingDetails(title="Alliance readiness", to="Minister",
                                            from_="Policy unit", template="",
                                            classification=""))



PAUSES_END_MS = 30_000
"""How long background work of an earlier test may still hold the collector paused."""


@pytest.fixture(autouse=True)
def _collection_between_events(request: pytest.FixtureRequest,
                               qapp: QApplication) -> Iterator[None]:
    """Collect garbage cycles between events, as the app does: a collection that starts inside
    a Qt call (pytest-qt disconnects a signal after every wait) can free a Qt object that needs
    the lock the call holds, and the run hangs."""
    qtbot = request.getfixturevalue("qtbot")
    # Work an earlier test left running (an autosave, a count) may still hold a pause on the
    # collector; a test that checks how the collector is switched must not see it.
    qtbot.waitUntil(lambda: pauses_held() == 0, timeout=PAUSES_END_MS)
    if request.node.get_closest_marker("automatic_collection"):
        yield
        return
    collection = CollectionBetweenEvents()
    collection.start()
    try:
        yield
    finally:
        collection.stop()


@pytest.fixture
def outline() -> Outline:
    return build_outline()


@pytest.fixture
def document(qapp: object, outline: Outline) -> Document:
    doc = Document()
    doc.replace(outline, None, display_name="Test outline")
    return doc


def _unexpected_dialog(*args: object, **kwargs: object) -> object:
    raise AssertionError(f"unexpected dialog: {args[1:3]!r}")


@pytest.fixture(autouse=True)
def _no_typing_before() -> None:
    """Each test starts as if nobody had typed yet (idle work waits after a key press)."""
    forget_input()


@pytest.fixture(autouse=True)
def _no_real_dialogs(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Fail instead of blocking when code opens a dialog the test did not expect."""
    for name in ("question", "warning", "critical", "information", "about"):
        monkeypatch.setattr(QMessageBox, name, staticmethod(_unexpected_dialog))
    monkeypatch.setattr(QMessageBox, "exec", _unexpected_dialog)
    for name in ("getOpenFileName", "getOpenFileNames", "getSaveFileName",
                 "getExistingDirectory"):
        monkeypatch.setattr(QFileDialog, name, staticmethod(_unexpected_dialog))
    monkeypatch.setattr(duplicate_question, "ask_about_duplicate", _unexpected_dialog)
    monkeypatch.setattr(file_questions, "ask_choice", _unexpected_dialog)
    yield


@pytest.fixture
def window(qtbot: object, document: Document) -> Iterator[MainWindow]:
    """The main window on the small outline, with settings in the test's own folder."""
    main = MainWindow(document, AppSettings())
    yield main
    discard_and_close(main)


@pytest.fixture
def fresh_window(qtbot: object) -> Iterator[MainWindow]:
    """A window as the app starts it: empty document, settings from the user folder."""
    main = MainWindow()
    yield main
    discard_and_close(main)


@pytest.fixture
def clipboard_cleared(qapp: object) -> Iterator[None]:
    """Empties the clipboard after a test that fills it, so no later test pastes its content."""
    yield
    clear_clipboard()


@pytest.fixture
def confirm_imports(monkeypatch: pytest.MonkeyPatch) -> list[ImportDialog]:
    """Accepts every import dialog the test opens, and lists them."""
    return accept_import_dialogs(monkeypatch)
