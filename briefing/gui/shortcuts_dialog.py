"""Help → Keyboard Shortcuts…: every shortcut of a window, read from its actions when opened.

The list is never kept by hand: :func:`shortcut_rows` walks the window's menus (giving each
action its menu path) and then any other action of the window that has a shortcut (such as
Ctrl+V in the outline), so a shortcut added or changed anywhere shows up here as it is.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QMainWindow,
    QMenu,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

NOT_IN_A_MENU = "(not in a menu)"


@dataclass(frozen=True)
class ShortcutRow:
    """One action with a shortcut, as the user sees it."""

    menu: str
    """The menu path, e.g. "File" or "File → Open Recent"."""
    command: str
    """The action's text without its mnemonic marks."""
    keys: str
    """Every shortcut of the action in the platform's own words, separated by commas."""


def plain_text(text: str) -> str:
    """A menu text as read: the ``&`` of a mnemonic dropped, ``&&`` kept as one ``&``."""
    return text.replace("&&", "\0").replace("&", "").replace("\0", "&").split("\t")[0]


def native_keys(action: QAction) -> str:
    """The action's shortcuts as the platform writes them ("Ctrl+S", "⌘S")."""
    return ", ".join(key.toString(QKeySequence.SequenceFormat.NativeText)
                     for key in action.shortcuts() if not key.isEmpty())


def _menu_rows(menu: QMenu, path: str, seen: set[QAction]) -> list[ShortcutRow]:
    rows: list[ShortcutRow] = []
    for action in menu.actions():
        submenu = action.menu()
        if isinstance(submenu, QMenu):
            rows += _menu_rows(submenu, f"{path} \u2192 {plain_text(submenu.title())}", seen)
        elif not action.isSeparator() and action not in seen:
            seen.add(action)
            keys = native_keys(action)
            if keys:
                rows.append(ShortcutRow(path, plain_text(action.text()), keys))
    return rows


def shortcut_rows(window: QMainWindow) -> list[ShortcutRow]:
    """Every action of ``window`` that has a shortcut: menus first, in menu order."""
    seen: set[QAction] = set()
    rows: list[ShortcutRow] = []
    for top in window.menuBar().actions():
        menu = top.menu()
        if isinstance(menu, QMenu):
            rows += _menu_rows(menu, plain_text(menu.title()), seen)
    others = [action for action in window.findChildren(QAction)
              if action not in seen and native_keys(action)]
    rows += sorted((ShortcutRow(_place(action), plain_text(action.text()), native_keys(action))
                    for action in others), key=lambda row: row.command.lower())
    return rows


def _place(action: QAction) -> str:
    """Where an action outside the menus works: the named widget it belongs to, if any."""
    for owner in action.associatedObjects():
        if isinstance(owner, QWidget) and not isinstance(owner, QMenu):
            name = owner.accessibleName()
            if name:
                return f"{name} (when focused)"
    return NOT_IN_A_MENU


class ShortcutsDialog(QDialog):
    """A read-only table of the window's shortcuts: menu, command, keys."""

    def __init__(self, window: QMainWindow, parent: QWidget | None = None) -> None:
        super().__init__(parent or window)
        self.setWindowTitle("Keyboard Shortcuts")
        self.rows = shortcut_rows(window)
        self.table = QTableWidget(len(self.rows), 3)
        self.table.setAccessibleName("Keyboard shortcuts")
        self.table.setHorizontalHeaderLabels(["Menu", "Command", "Shortcut"])
        self.table.verticalHeader().setVisible(False)
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.setShowGrid(False)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        for number, row in enumerate(self.rows):
            for column, text in enumerate((row.menu, row.command, row.keys)):
                self.table.setItem(number, column, QTableWidgetItem(text))
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table, 1)
        layout.addWidget(buttons)
        self.resize(680, 560)
