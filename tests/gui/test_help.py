"""Help: the user guide opens on F1, safely; the shortcut list follows the actions."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QUrl
from PySide6.QtGui import QAction, QKeySequence, Qt
from PySide6.QtWidgets import QDialog, QMenu
from pytestqt.qtbot import QtBot

from briefing.gui import help_guide
from briefing.gui.help_guide import (
    GuideMissingError,
    HelpDialog,
    guide_html,
    read_guide,
    show_guide,
)
from briefing.gui.main_window import MainWindow
from briefing.gui.settings import AppSettings
from briefing.gui.shortcuts_dialog import (
    NOT_IN_A_MENU,
    ShortcutRow,
    ShortcutsDialog,
    native_keys,
    plain_text,
    shortcut_rows,
)

REPOSITORY = Path(__file__).resolve().parents[2]
GUIDE_TOPICS = ("Getting started", "Importing", "Picking sections", "Notes", "Templates",
                "Export", "Shortcuts", "Recovery", "The outline file")


def test_the_packaged_guide_is_the_repository_guide() -> None:
    guide = REPOSITORY / "briefing" / "user-guide.md"
    assert not guide.is_symlink()
    assert read_guide() == guide.read_text(encoding="utf-8")
    assert "user-guide.md" in (REPOSITORY / "pyproject.toml").read_text(encoding="utf-8")


def test_the_readme_links_to_the_guide() -> None:
    assert "(briefing/user-guide.md)" in (REPOSITORY / "README.md").read_text(encoding="utf-8")


def test_f1_opens_the_guide_with_every_topic(qtbot: QtBot, window: MainWindow) -> None:
    window.show()
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    window.tree.setFocus()
    qtbot.waitUntil(window.tree.hasFocus)
    qtbot.keyClick(window.tree, Qt.Key.Key_F1)
    dialog = window.help_dialog
    assert isinstance(dialog, HelpDialog)
    qtbot.waitUntil(dialog.isVisible)
    text = dialog.browser.toPlainText()
    for topic in GUIDE_TOPICS:
        assert f"\n{topic}\n" in f"\n{text}\n", topic
    assert dialog.found
    window.guide_action.trigger()
    assert window.help_dialog is dialog  # raised again, not a second window
    dialog.close()


def test_a_heading_link_scrolls_the_guide(qtbot: QtBot, window: MainWindow) -> None:
    dialog = window.show_user_guide()
    dialog.resize(400, 300)
    qtbot.waitExposed(dialog)
    bar = dialog.browser.verticalScrollBar()
    qtbot.waitUntil(lambda: bar.maximum() > 0)
    assert bar.value() == 0
    dialog.browser.anchorClicked.emit(QUrl("#the-outline-file"))
    qtbot.waitUntil(lambda: bar.value() > 0)
    dialog.close()


def test_the_guide_window_keeps_its_size(qtbot: QtBot, window: MainWindow) -> None:
    dialog = window.show_user_guide()
    qtbot.waitExposed(dialog)
    dialog.resize(530, 410)
    qtbot.waitUntil(lambda: dialog.width() == 530)
    dialog.close()
    again = HelpDialog(AppSettings())
    assert (again.width(), again.height()) == (530, 410)


def test_a_missing_guide_shows_a_message_not_a_crash(qtbot: QtBot, window: MainWindow) -> None:
    with pytest.raises(GuideMissingError, match=r"tests\.gui/user-guide\.md.*reinstall"):
        read_guide("tests.gui")
    with pytest.raises(GuideMissingError, match=r"briefing/user-guide\.md"):
        read_guide("no_such_package_here")
    dialog = HelpDialog(window.settings, window, package="tests.gui")
    qtbot.addWidget(dialog)
    assert not dialog.found
    assert "User guide not found" in dialog.browser.toPlainText()
    assert "reinstall Briefing" in dialog.browser.toPlainText()


def test_the_guide_view_loads_nothing_its_markup_names(qtbot: QtBot,
                                                      monkeypatch: pytest.MonkeyPatch,
                                                      tmp_path: Path) -> None:
    secret = tmp_path / "secret.html"
    secret.write_text("<p>LOCAL SECRET</p>", encoding="utf-8")
    markup = (f"# Guide\n\n![x](/dev/zero)\n\n<img src=\"{secret.as_uri()}\">\n\n"
              f"[local]({secret.as_uri()})\n")
    monkeypatch.setattr(help_guide, "read_guide", lambda package: markup)
    dialog = show_guide(None, AppSettings())  # type: ignore[arg-type]
    qtbot.addWidget(dialog)
    opened: list[QUrl] = []
    dialog.browser.external_link_opened.connect(opened.append)
    dialog.browser.anchorClicked.emit(QUrl(secret.as_uri()))
    assert "LOCAL SECRET" not in dialog.browser.toPlainText()
    assert opened == []
    dialog.close()


def test_guide_headings_carry_anchors_qt_can_scroll_to() -> None:
    html = guide_html("## Getting started\n\nSee [export](#export).\n\n## Export\n")
    assert '<a name="getting-started"></a>' in html and '<a name="export"></a>' in html
    assert 'href="#export"' in html


# Keyboard shortcuts ------------------------------------------------------------------------


def _actions_with_shortcuts(window: MainWindow) -> set[tuple[str, str]]:
    return {(action.text().replace("&", ""), native_keys(action))
            for action in window.findChildren(QAction) if not action.shortcut().isEmpty()}


def test_the_shortcut_list_matches_the_window_actions(window: MainWindow) -> None:
    rows = shortcut_rows(window)
    assert {(row.command, row.keys) for row in rows} == _actions_with_shortcuts(window)
    assert len(rows) == len({(row.menu, row.command) for row in rows})
    native = QKeySequence.SequenceFormat.NativeText
    save_keys = ", ".join(key.toString(native)
                          for key in QKeySequence.keyBindings(QKeySequence.StandardKey.Save))
    by_command = {row.command: row for row in rows if row.menu != "Outline (when focused)"}
    assert (by_command["Save"].menu, by_command["Save"].keys) == ("File", save_keys)
    assert by_command["User Guide"].menu == "Help"
    assert by_command["User Guide"].keys.split(", ")[0] == "F1"
    assert by_command["Go to Preview"].menu == "View"
    assert by_command["Paste Article"].menu == "Edit"
    paste_keys = ", ".join(key.toString(native)
                           for key in QKeySequence.keyBindings(QKeySequence.StandardKey.Paste))
    assert ShortcutRow("Outline (when focused)", "Paste Article", paste_keys) in rows
    assert by_command["Import from Web Address…"].keys == \
        QKeySequence("Ctrl+Shift+I").toString(native)
    assert all("&" not in row.command for row in rows)


def test_a_shortcut_changed_or_added_shows_in_the_list(window: MainWindow) -> None:
    window.revert_action.setShortcut(QKeySequence("Ctrl+Shift+R"))
    window.findChildren(QAction)  # (the list is read when asked, nothing is cached)
    extra = QAction("Reload &Templates", window)
    extra.setShortcut(QKeySequence("Ctrl+Alt+T"))
    rows = {row.command: row for row in shortcut_rows(window)}
    native = QKeySequence.SequenceFormat.NativeText
    assert rows["Revert"].keys == QKeySequence("Ctrl+Shift+R").toString(native)
    assert rows["Reload Templates"].menu == NOT_IN_A_MENU


def test_help_menu_opens_the_shortcut_table(qtbot: QtBot, window: MainWindow,
                                            monkeypatch: pytest.MonkeyPatch) -> None:
    shown: list[list[list[str]]] = []

    def record(dialog: ShortcutsDialog) -> int:
        table = dialog.table
        shown.append([[table.item(row, column).text() for column in range(3)]
                      for row in range(table.rowCount())])
        return int(QDialog.DialogCode.Accepted)

    monkeypatch.setattr(ShortcutsDialog, "exec", record)
    window.shortcuts_action.trigger()
    assert shown and shown[0] == [[row.menu, row.command, row.keys]
                                  for row in shortcut_rows(window)]
    help_menu = next(action.menu() for action in window.menuBar().actions()
                     if action.text() == "&Help")
    assert isinstance(help_menu, QMenu)
    assert [action.text() for action in help_menu.actions() if not action.isSeparator()] == \
        ["&User Guide", "&Keyboard Shortcuts…", "&About Briefing"]


def test_plain_text_keeps_a_literal_ampersand() -> None:
    assert plain_text("Salt && &Pepper") == "Salt & Pepper"
    assert plain_text("&Open…") == "Open…"
