"""Pasting an article and importing from a web address in the window; duplicates asked about."""

from __future__ import annotations

import datetime
import threading
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QMimeData, QUrl
from PySide6.QtGui import QGuiApplication, QImage, QKeySequence
from PySide6.QtWidgets import QDialog, QInputDialog, QMessageBox, QPushButton
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot

from briefing.core.anchoring import make_anchor
from briefing.core.duplicates import LostWork
from briefing.core.model import Article, Excerpt
from briefing.gui import duplicate_question
from briefing.gui.duplicate_question import DuplicateChoice
from briefing.gui.import_dialog import ImportDialog
from briefing.gui.main_window import MainWindow
from tests.gui.window_support import Button, answer
from tests.local_web import LocalSite, Route, holding_server, local_site, silent_server

SELECTION = ("<h1>Grain Corridors Reopen</h1>"
             "<p>Ships left the three southern ports on Monday for the first time since May.</p>"
             "<h2>Insurance</h2>"
             "<p>Premiums for the crossing fell by a third once escorts were agreed.</p>"
             "<h2>Capacity</h2><ul><li>Forty berths are working again.</li></ul>")
PAGE_URL = "https://news.example.org/2025/grain-corridors"
ORIGINAL_TITLES = ["Harbour Defence", "Arctic Patrols"]
ASK_ABOUT_DUPLICATE = duplicate_question.ask_about_duplicate
"""The real question (the GUI tests' guard replaces it with a failure while a test runs)."""


@pytest.fixture(autouse=True)
def _no_proxies(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("http_proxy", "https_proxy", "HTTP_PROXY", "HTTPS_PROXY"):
        monkeypatch.delenv(name, raising=False)


@pytest.fixture(autouse=True)
def _clipboard_cleared(qapp: object) -> Iterator[None]:
    """Leave the clipboard empty: mime data still set on it when Python exits crashes
    PySide6's teardown (offscreen)."""
    yield
    QGuiApplication.clipboard().clear()


@pytest.fixture
def site() -> Iterator[LocalSite]:
    with local_site() as running:
        yield running


@pytest.fixture
def confirm_imports(monkeypatch: pytest.MonkeyPatch) -> list[ImportDialog]:
    """The import dialog accepts what the importer found; the dialogs shown are recorded."""
    shown: list[ImportDialog] = []

    def accept(dialog: ImportDialog) -> int:
        shown.append(dialog)
        return QDialog.DialogCode.Accepted.value

    monkeypatch.setattr(ImportDialog, "exec", accept)
    return shown


def browser_copy(selection: str = SELECTION, source_url: str = PAGE_URL) -> QMimeData:
    """What Firefox puts on the clipboard: HTML, the page's address, and plain text."""
    mime = QMimeData()
    mime.setData("text/html", ('<meta http-equiv="content-type" content="text/html; '
                               'charset=utf-8">' + selection).encode("utf-8"))
    mime.setData("text/x-moz-url-priv", source_url.encode("utf-16-le"))
    mime.setText("Grain Corridors Reopen\nShips left...")
    return mime


def set_clipboard(mime: QMimeData) -> None:
    QGuiApplication.clipboard().setMimeData(mime)


def wait_for_import(qtbot: QtBot, window: MainWindow, start: Callable[[], object]) -> int:
    with qtbot.waitSignal(window.importer.finished, timeout=15_000) as blocker:
        start()
    return int(blocker.args[0])


def warnings_shown(monkeypatch: pytest.MonkeyPatch) -> list[tuple[Any, ...]]:
    return answer(monkeypatch, "warning", Button.Ok)


def titles(window: MainWindow) -> list[str]:
    return [article.title for article in window.document.outline.articles]


# ------------------------------------------------------------------------------ paste


def test_paste_article_from_a_browser_copy_is_one_undo_step(
        qtbot: QtBot, window: MainWindow, confirm_imports: list[ImportDialog]) -> None:
    set_clipboard(browser_copy())
    assert window.paste_article_action.shortcut() == QKeySequence("Ctrl+Shift+V")
    assert wait_for_import(qtbot, window, window.paste_article_action.trigger) == 1
    dialog = confirm_imports[0]
    assert dialog.value(0, "title") == "Grain Corridors Reopen"
    assert dialog.value(0, "url") == PAGE_URL
    assert dialog.table.item(0, 0).text() == "Clipboard"
    pasted = window.document.outline.articles[-1]
    assert [section.heading for section in pasted.sections] == ["Insurance", "Capacity"]
    assert all(section.id for section in pasted.walk())
    assert window.outline_model.rowCount() == 3
    window.document.undo_stack.undo()
    assert titles(window) == ORIGINAL_TITLES


def test_ctrl_v_in_the_outline_pastes_an_article(
        qtbot: QtBot, window: MainWindow, confirm_imports: list[ImportDialog]) -> None:
    window.show()
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    window.focus_actions["Outline"].trigger()
    set_clipboard(browser_copy())
    added = wait_for_import(qtbot, window, lambda: qtbot.keySequence(
        window.tree, QKeySequence(QKeySequence.StandardKey.Paste)))
    assert added == 1
    assert titles(window)[-1] == "Grain Corridors Reopen"


def test_plain_text_on_the_clipboard_uses_the_text_importer(
        qtbot: QtBot, window: MainWindow, confirm_imports: list[ImportDialog]) -> None:
    mime = QMimeData()
    mime.setText("Ferry Subsidy Review\n\nThe subsidy ends in March.\n\n1. Fares\n\n"
                 "Fares would double.\n\n2. Timetable\n\nSailings would halve.\n")
    set_clipboard(mime)
    assert wait_for_import(qtbot, window, window.paste_article_action.trigger) == 1
    pasted = window.document.outline.articles[-1]
    assert pasted.title == "Ferry Subsidy Review"
    assert [section.heading for section in pasted.sections] == ["Fares", "Timetable"]


def _empty(mime: QMimeData) -> None:
    """Nothing on the clipboard."""


def _image(mime: QMimeData) -> None:
    mime.setImageData(QImage(4, 4, QImage.Format.Format_RGB32))


def _navigation_only(mime: QMimeData) -> None:
    mime.setHtml('<nav><ul><li><a href="/">Home</a></li><li><a href="/world">World</a></li>'
                 '<li><a href="/sport">Sport</a></li></ul></nav>')


def _fifty_megabytes(mime: QMimeData) -> None:
    mime.setText("x" * (50 * 1024 * 1024))


@pytest.mark.parametrize(("fill", "problem"), [
    (_empty, "Clipboard: has no text to paste"),
    (_image, "Clipboard: holds an image, not an article's text"),
    (_navigation_only, "Clipboard: no article text found in the copied HTML"),
    (_fifty_megabytes, "Clipboard: holds 50 MB of text, more than the 20 MB"),
])
def test_clipboard_without_an_article_is_refused_and_the_outline_untouched(
        qtbot: QtBot, window: MainWindow, monkeypatch: pytest.MonkeyPatch,
        fill: Callable[[QMimeData], None], problem: str) -> None:
    mime = QMimeData()
    fill(mime)
    set_clipboard(mime)
    shown = warnings_shown(monkeypatch)
    assert wait_for_import(qtbot, window, window.paste_article_action.trigger) == 0
    assert len(shown) == 1 and problem in shown[0][2]
    assert titles(window) == ORIGINAL_TITLES
    assert not window.isWindowModified()


def test_files_copied_in_a_file_manager_are_imported_as_files(
        qtbot: QtBot, window: MainWindow, tmp_path: Path,
        confirm_imports: list[ImportDialog]) -> None:
    """A file manager's copy holds the files' addresses and paths, not their text."""
    piece = tmp_path / "salt-marsh.txt"
    piece.write_text("Salt Marsh Grazing\n\nSheep return to the marsh in May once the spring "
                     "tides have passed.\n", encoding="utf-8")
    copied = QMimeData()
    copied.setUrls([QUrl.fromLocalFile(str(piece))])
    copied.setText(str(piece))
    set_clipboard(copied)
    assert wait_for_import(qtbot, window, window.paste_article_action.trigger) == 1
    assert titles(window) == [*ORIGINAL_TITLES, "Salt Marsh Grazing"]


def test_a_saved_browser_copy_imports_from_file_import_like_the_paste(
        qtbot: QtBot, window: MainWindow, confirm_imports: list[ImportDialog],
        tmp_path: Path) -> None:
    """A fragment saved as .html (no <head>, the fragment markers) keeps its own headings."""
    saved = tmp_path / "copied.html"
    saved.write_text(f"<html><body><!--StartFragment-->{SELECTION}<!--EndFragment-->"
                     "</body></html>", encoding="utf-8")
    assert wait_for_import(qtbot, window, lambda: window.importer.import_files([saved])) == 1
    article = window.document.outline.articles[-1]
    assert article.title == "Grain Corridors Reopen"
    assert [section.heading for section in article.sections] == ["Insurance", "Capacity"]
    assert article.sections[1].blocks[0].text == "Forty berths are working again."


def test_menus_offer_paste_and_web_address(window: MainWindow) -> None:
    menus = {action.text(): action.menu() for action in window.menuBar().actions()}
    edit = [action.text() for action in menus["&Edit"].actions()]
    file = [action.text() for action in menus["&File"].actions()]
    assert "&Paste Article" in edit
    assert "Import from &Web Address…" in file


# ------------------------------------------------------------------------- web address


def test_import_from_web_address_asks_for_it_and_keeps_url_and_date(
        qtbot: QtBot, window: MainWindow, site: LocalSite, monkeypatch: pytest.MonkeyPatch,
        confirm_imports: list[ImportDialog]) -> None:
    url = site.page("/news/tidal-barriers")
    asked: list[tuple[Any, ...]] = []

    def get_text(*args: Any) -> tuple[str, bool]:
        asked.append(args)
        return url, True

    monkeypatch.setattr(QInputDialog, "getText", staticmethod(get_text))
    assert wait_for_import(qtbot, window, window.import_web_action.trigger) == 1
    assert asked and asked[0][1] == "Import from Web Address"
    assert confirm_imports[0].table.item(0, 0).text() == url
    article = window.document.outline.articles[-1]
    assert (article.title, article.url) == ("Tidal Barriers Before the Next Surge", url)
    assert article.fetched == datetime.date.today().isoformat()
    window.tree.setCurrentIndex(window.outline_model.article_index(2))
    today = datetime.date.today()
    month = ("January", "February", "March", "April", "May", "June", "July", "August",
             "September", "October", "November", "December")[today.month - 1]
    assert f"{url} (fetched {today.day} {month} {today.year})" in window.reader.toPlainText()


def test_web_address_on_the_clipboard_is_offered(
        window: MainWindow, monkeypatch: pytest.MonkeyPatch) -> None:
    mime = QMimeData()
    mime.setText("https://example.org/ports")
    set_clipboard(mime)
    offered: list[str] = []

    def get_text(*args: Any) -> tuple[str, bool]:
        offered.append(args[4])
        return "", False

    monkeypatch.setattr(QInputDialog, "getText", staticmethod(get_text))
    window.import_web_action.trigger()
    assert offered == ["https://example.org/ports"]
    assert window.importer.current is None


@pytest.mark.parametrize(("typed", "fetched"), [
    ("www.example.org/ports", "https://www.example.org/ports"),
    ("example.org", "https://example.org"),
    ("localhost:8000/draft", "https://localhost:8000/draft"),
    ("http://example.org/ports", "http://example.org/ports"),
    ("javascript:alert(1)", "javascript:alert(1)"),
    ("file:///home/me/page.html", "file:///home/me/page.html"),
])
def test_an_address_typed_without_https_is_completed_as_a_browser_does(
        window: MainWindow, monkeypatch: pytest.MonkeyPatch, typed: str, fetched: str) -> None:
    """The address box is only for addresses, so "www.example.org/ports" means https; other
    schemes are left for the fetch to refuse with its message."""
    monkeypatch.setattr(QInputDialog, "getText",
                        staticmethod(lambda *args: (f" {typed} ", True)))
    asked: list[str] = []
    monkeypatch.setattr(window.importer, "import_web_address", asked.append)
    window.import_web_action.trigger()
    assert asked == [fetched]


@pytest.mark.parametrize(("route", "problem"), [
    (None, "the server answered 404 Not Found"),
    (Route(body=b"%PDF-1.4", content_type="application/pdf"), "is not a web page"),
    (Route(body=b"<p>" + b"v" * 1024 + b"</p>", repeat=21 * 1024),
     "is larger than the 20 MB a web page may be"),
])
def test_failed_fetch_shows_why_and_leaves_the_outline(
        qtbot: QtBot, window: MainWindow, site: LocalSite, monkeypatch: pytest.MonkeyPatch,
        route: Route | None, problem: str) -> None:
    if route is not None:
        site.routes["/page"] = route
    shown = warnings_shown(monkeypatch)
    url = site.url("/page")
    assert wait_for_import(qtbot, window, lambda: window.importer.import_web_address(url)) == 0
    assert len(shown) == 1
    assert shown[0][1] == "Cannot import"
    assert f"{url}: {problem}" in shown[0][2]
    assert titles(window) == ORIGINAL_TITLES


def test_server_that_never_answers_is_reported_after_the_timeout(
        qtbot: QtBot, window: MainWindow, monkeypatch: pytest.MonkeyPatch) -> None:
    shown = warnings_shown(monkeypatch)
    window.importer.fetch_timeout = 0.3
    with silent_server() as url:
        wait_for_import(qtbot, window, lambda: window.importer.import_web_address(url))
    assert "did not answer within 0.3 seconds" in shown[0][2]


def test_javascript_address_is_refused(qtbot: QtBot, window: MainWindow,
                                       monkeypatch: pytest.MonkeyPatch) -> None:
    shown = warnings_shown(monkeypatch)
    wait_for_import(qtbot, window,
                    lambda: window.importer.import_web_address("javascript:alert(1)"))
    assert "is a javascript: address, not a web address" in shown[0][2]


def test_cancel_stops_a_download_and_adds_nothing(
        qtbot: QtBot, window: MainWindow, site: LocalSite) -> None:
    gate = threading.Event()
    site.routes["/slow"] = Route(body=b"<p>" + b"w" * 65536 + b"</p>", repeat=8, gate=gate)
    with qtbot.waitSignal(window.importer.finished, timeout=15_000) as blocker:
        handle = window.importer.import_web_address(site.url("/slow"))
        assert handle is not None
        try:
            qtbot.waitUntil(lambda: handle.dialog.labelText().startswith("Downloading"),
                            timeout=10_000)
            handle.cancel()
        finally:
            gate.set()
    assert blocker.args == [0]
    assert handle.outcome == "cancelled"
    assert titles(window) == ORIGINAL_TITLES


def test_cancel_while_the_server_never_answers_shows_no_error_afterwards(
        qtbot: QtBot, window: MainWindow, monkeypatch: pytest.MonkeyPatch) -> None:
    """Cancel hides the progress at once; when the wait the job was stuck in ends, the
    user who cancelled hears no more of it (no "did not answer" warning)."""
    shown = warnings_shown(monkeypatch)
    window.importer.fetch_timeout = 0.3
    with silent_server() as url, qtbot.waitSignal(window.importer.finished,
                                                  timeout=15_000) as blocker:
        handle = window.importer.import_web_address(url)
        assert handle is not None and handle.dialog is not None
        handle.dialog.findChild(QPushButton).click()
    assert blocker.args == [0]
    assert handle.outcome == "cancelled"
    assert shown == []
    assert "cancelled" in window.statusBar().currentMessage()
    assert titles(window) == ORIGINAL_TITLES


def test_cancel_while_a_server_holds_the_connection_ends_the_import_at_once(
        qtbot: QtBot, window: MainWindow, site: LocalSite, confirm_imports: list[ImportDialog],
        monkeypatch: pytest.MonkeyPatch) -> None:
    """Cancel is heard while the server keeps the connection without answering: the import
    ends then, not when the (here ten-minute) timeout is up, and the next one can start."""
    shown = warnings_shown(monkeypatch)
    window.importer.fetch_timeout = 600
    with holding_server() as (url, asked), qtbot.waitSignal(window.importer.finished,
                                                            timeout=15_000) as blocker:
        handle = window.importer.import_web_address(url)
        assert handle is not None and handle.dialog is not None
        assert asked.wait(timeout=10)
        handle.dialog.findChild(QPushButton).click()
    assert blocker.args == [0]
    assert handle.outcome == "cancelled"
    assert shown == []
    assert wait_for_import(qtbot, window, lambda: window.importer.import_web_address(
        site.page("/news/tidal-barriers"))) == 1
    assert titles(window) == [*ORIGINAL_TITLES, "Tidal Barriers Before the Next Surge"]


def test_importing_again_while_a_cancelled_fetch_still_waits_says_so(
        qtbot: QtBot, window: MainWindow) -> None:
    """The progress has gone, so "already running" would puzzle: the message says the
    cancelled import is still stopping and to try again (closing the server ends the wait)."""
    window.importer.fetch_timeout = 60
    with qtbot.waitSignal(window.importer.finished, timeout=15_000), silent_server() as url:
        handle = window.importer.import_web_address(url)
        assert handle is not None and handle.dialog is not None
        handle.dialog.findChild(QPushButton).click()
        assert window.importer.import_web_address(url) is None
        message = window.statusBar().currentMessage()
    assert "cancelled import is still stopping" in message
    assert "try again" in message


# -------------------------------------------------------------------------- duplicates


def _answer_duplicates(monkeypatch: pytest.MonkeyPatch, choice: DuplicateChoice,
                       orphans_told: list[str] | None = None
                       ) -> list[tuple[Article, int, list[LostWork]]]:
    """Answer the question with ``choice``; the questions asked, and in ``orphans_told`` the
    quotes of the excerpts it said a replacement would orphan."""
    asked: list[tuple[Article, int, list[LostWork]]] = []
    orphans_told = [] if orphans_told is None else orphans_told

    def ask(parent: object, new: Article, existing: Article, row: int,
            lost: list[LostWork], orphaned: Sequence[str] = ()) -> DuplicateChoice:
        asked.append((existing, row, list(lost)))
        orphans_told.extend(orphaned)
        return choice

    monkeypatch.setattr(duplicate_question, "ask_about_duplicate", ask)
    return asked


def _paste_new_version(qtbot: QtBot, window: MainWindow) -> int:
    """Paste a new version of 'Arctic Patrols' from its address."""
    selection = ("<h1>Arctic Patrols</h1><p>New lead text about the patrols, which now run "
                 "from two bases instead of one after the spring review.</p>"
                 "<h2>Challenge 2 of Arctic Patrols</h2><p>The second challenge, rewritten: "
                 "ice came early and the older hulls needed escorts for most of the season.</p>"
                 "<h2>Challenge 9 of Arctic Patrols</h2><p>A challenge added later, about "
                 "crews: six of the eleven posts on the new cutter are still empty.</p>")
    set_clipboard(browser_copy(selection, "https://example.org/a"))
    return wait_for_import(qtbot, window, window.paste_article_action.trigger)


@pytest.fixture
def harbour_elsewhere(window: MainWindow) -> MainWindow:
    """Only 'Arctic Patrols' is at https://example.org/a."""
    window.document.outline.articles[0].url = "https://example.org/harbour"
    return window


def test_replacing_a_duplicate_keeps_notes_and_is_one_undo_step(
        qtbot: QtBot, qtmodeltester: ModelTester, harbour_elsewhere: MainWindow,
        monkeypatch: pytest.MonkeyPatch, confirm_imports: list[ImportDialog]) -> None:
    window = harbour_elsewhere
    qtmodeltester.check(window.outline_model)  # and keeps checking through the replacement
    window.document.set_picked(["s13"], True)
    asked = _answer_duplicates(monkeypatch, DuplicateChoice.REPLACE)
    old = window.document.outline.articles[1]
    assert _paste_new_version(qtbot, window) == 1
    existing, row, lost = asked[0]
    assert (existing.title, row) == ("Arctic Patrols", 1)
    assert lost == []  # the pick, note and tags are on 'Challenge 2', which the new version has
    assert titles(window) == ORIGINAL_TITLES
    new = window.document.outline.articles[1]
    challenge = new.sections[0]
    assert (challenge.id, challenge.note, challenge.tags) == \
        ("s13", "Ask the **ministry** about icebreakers.", ["arctic", "ships"])
    assert window.document.picked_ids() == ["s13"]
    assert window.outline_model.rowCount() == 2
    assert window.document.undo_stack.count() == 2  # the pick, then the import
    window.document.undo_stack.undo()
    assert window.document.outline.articles[1] is old
    assert window.document.picked_ids() == ["s13"]
    window.document.undo_stack.redo()
    assert window.document.outline.articles[1] is new
    assert window.document.section("s13") is challenge


def test_replacing_tells_of_excerpts_whose_passage_is_gone_and_keeps_them_orphaned(
        qtbot: QtBot, harbour_elsewhere: MainWindow, monkeypatch: pytest.MonkeyPatch,
        confirm_imports: list[ImportDialog]) -> None:
    window = harbour_elsewhere
    section = window.document.section("s13")
    assert section is not None
    quote = "Opening remarks for challenge 2."  # the new version rewrites this section
    window.document.add_excerpt(1, Excerpt("e1", make_anchor(section, 0, len(quote))))
    told: list[str] = []
    _answer_duplicates(monkeypatch, DuplicateChoice.REPLACE, told)
    assert _paste_new_version(qtbot, window) == 1
    assert told == [quote]
    excerpt = window.document.outline.articles[1].excerpts[0]
    assert (excerpt.id, excerpt.orphaned) == ("e1", True)


def test_keeping_both_adds_the_duplicate(qtbot: QtBot, harbour_elsewhere: MainWindow,
                                         monkeypatch: pytest.MonkeyPatch,
                                         confirm_imports: list[ImportDialog]) -> None:
    _answer_duplicates(monkeypatch, DuplicateChoice.KEEP_BOTH)
    assert _paste_new_version(qtbot, harbour_elsewhere) == 1
    assert titles(harbour_elsewhere) == [*ORIGINAL_TITLES, "Arctic Patrols"]


def test_cancel_leaves_the_duplicate_out(qtbot: QtBot, harbour_elsewhere: MainWindow,
                                         monkeypatch: pytest.MonkeyPatch,
                                         confirm_imports: list[ImportDialog]) -> None:
    _answer_duplicates(monkeypatch, DuplicateChoice.CANCEL)
    assert _paste_new_version(qtbot, harbour_elsewhere) == 0
    assert titles(harbour_elsewhere) == ORIGINAL_TITLES
    assert not harbour_elsewhere.isWindowModified()


def test_pasting_the_same_text_twice_asks_and_keeping_both_is_undoable(
        qtbot: QtBot, window: MainWindow, monkeypatch: pytest.MonkeyPatch,
        confirm_imports: list[ImportDialog]) -> None:
    asked = _answer_duplicates(monkeypatch, DuplicateChoice.KEEP_BOTH)
    text = QMimeData()
    text.setText("Salt Marsh Grazing\n\nSheep return to the marsh in May once the spring "
                 "tides have passed.\n\nThe wardens count the flock twice a summer.\n")
    set_clipboard(text)
    assert wait_for_import(qtbot, window, window.paste_article_action.trigger) == 1
    assert asked == []
    assert wait_for_import(qtbot, window, window.paste_article_action.trigger) == 1
    assert [(existing.title, row) for existing, row, _ in asked] == [("Salt Marsh Grazing", 2)]
    assert titles(window) == [*ORIGINAL_TITLES, "Salt Marsh Grazing", "Salt Marsh Grazing"]
    window.document.undo_stack.undo()
    assert titles(window) == [*ORIGINAL_TITLES, "Salt Marsh Grazing"]


def test_the_question_names_the_work_a_replace_would_drop(qtbot: QtBot) -> None:
    new, existing = Article(title="Arctic Patrols"), Article(title="Arctic patrols (2024)")
    lost = [LostWork("Icebreakers", True, "", ()), LostWork("Budget", False, "Check", ())]
    box = duplicate_question.duplicate_question(None, new, existing, 1, lost)
    qtbot.addWidget(box)
    assert "is already in the outline as article 2 (Arctic patrols (2024))" in box.text()
    assert "drops your work on 2 sections" in box.informativeText()
    assert "\u201cIcebreakers\u201d, \u201cBudget\u201d" in box.informativeText()
    assert {"&Replace", "&Keep Both"} <= {button.text() for button in box.buttons()}
    assert box.defaultButton() is box.escapeButton()  # losing work is never the default


def test_the_question_names_the_excerpts_a_replace_would_orphan(qtbot: QtBot) -> None:
    box = duplicate_question.duplicate_question(
        None, Article(title="Arctic Patrols"), Article(title="Arctic Patrols"), 1, [],
        ["Ice came early this year."])
    qtbot.addWidget(box)
    assert ("no longer has the passage of 1 excerpt: \u201cIce came early this year.\u201d"
            in box.informativeText())
    assert "keeps them, with their notes, marked as orphaned" in box.informativeText()
    assert box.defaultButton() is box.escapeButton()


def test_the_question_returns_the_button_clicked(monkeypatch: pytest.MonkeyPatch) -> None:
    def click_keep(box: QMessageBox) -> int:
        next(button for button in box.buttons() if button.text() == "&Keep Both").click()
        return 0

    monkeypatch.setattr(QMessageBox, "exec", click_keep)
    choice = ASK_ABOUT_DUPLICATE(None, Article(title="A"), Article(title="A"), 0, [])
    assert choice is DuplicateChoice.KEEP_BOTH


# ------------------------------------------------- what the reader and note editor show meanwhile


def _shows_nothing(window: MainWindow) -> bool:
    return (window.note_editor.section_id is None and not window.note_editor.editor.isEnabled()
            and window.reader.article_row() is None)


def test_undoing_an_import_while_its_section_is_shown_leaves_nothing_to_type_into(
        qtbot: QtBot, window: MainWindow, confirm_imports: list[ImportDialog]) -> None:
    """Typing a note on a section the undo took away would write to nothing (and fail)."""
    set_clipboard(browser_copy())
    assert wait_for_import(qtbot, window, window.paste_article_action.trigger) == 1
    assert window.select_section(window.document.outline.articles[2].sections[0].id)
    window.document.undo_stack.undo()
    assert titles(window) == ORIGINAL_TITLES
    assert _shows_nothing(window)
    qtbot.keyClicks(window.note_editor.editor, "a note on nothing")
    assert window.document.undo_stack.count() == 1  # only the import, to redo


def test_replacing_an_article_keeps_its_shown_section_with_the_new_text(
        qtbot: QtBot, harbour_elsewhere: MainWindow, monkeypatch: pytest.MonkeyPatch,
        confirm_imports: list[ImportDialog]) -> None:
    window = harbour_elsewhere
    assert window.select_section("s13")
    _answer_duplicates(monkeypatch, DuplicateChoice.REPLACE)
    assert _paste_new_version(qtbot, window) == 1
    current = window.current_node()
    assert current is window.document.section("s13")
    assert "The second challenge, rewritten" in window.reader.toPlainText()
    assert window.note_editor.editor.toPlainText() == "Ask the **ministry** about icebreakers."
    qtbot.keyClicks(window.note_editor.editor, "Also: ")
    assert window.document.section("s13").note.startswith("Also: ")  # type: ignore[union-attr]
    window.document.undo_stack.undo()
    window.document.undo_stack.undo()  # the replacement: the old text is shown again
    assert window.current_node() is window.document.section("s13")
    assert "Opening remarks for challenge 2." in window.reader.toPlainText()


def test_replacing_an_article_without_the_shown_section_shows_nothing(
        qtbot: QtBot, harbour_elsewhere: MainWindow, monkeypatch: pytest.MonkeyPatch,
        confirm_imports: list[ImportDialog]) -> None:
    window = harbour_elsewhere
    assert window.select_section("s10")  # 'Challenge 1', which the new version has not
    _answer_duplicates(monkeypatch, DuplicateChoice.REPLACE)
    assert _paste_new_version(qtbot, window) == 1
    assert _shows_nothing(window)
    qtbot.keyClicks(window.note_editor.editor, "a note on nothing")
    assert window.document.section("s10") is None


def test_replacing_the_shown_article_shows_its_new_version(
        qtbot: QtBot, harbour_elsewhere: MainWindow, monkeypatch: pytest.MonkeyPatch,
        confirm_imports: list[ImportDialog]) -> None:
    window = harbour_elsewhere
    window.tree.setCurrentIndex(window.outline_model.article_index(1))
    _answer_duplicates(monkeypatch, DuplicateChoice.REPLACE)
    assert _paste_new_version(qtbot, window) == 1
    assert window.current_node() is window.document.outline.articles[1]
    assert "New lead text about the patrols" in window.reader.toPlainText()
