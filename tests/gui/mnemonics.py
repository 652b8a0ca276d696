"""Reading the Alt+letter mnemonics of a window, for the clash tests."""

from __future__ import annotations

from collections import defaultdict

from PySide6.QtWidgets import (
    QAbstractButton,
    QGroupBox,
    QLabel,
    QMainWindow,
    QMenu,
    QTabWidget,
)


def mnemonic(text: str) -> str | None:
    """The letter after a single ``&`` (``&&`` is a literal ampersand), lower-cased."""
    index = 0
    while index < len(text) - 1:
        if text[index] == "&":
            if text[index + 1] != "&":
                return text[index + 1].casefold()
            index += 1
        index += 1
    return None


def window_mnemonics(window: QMainWindow) -> dict[str, list[str]]:
    """Every window-wide mnemonic, in every tab whether shown or not: letter -> owners."""
    owners: dict[str, list[str]] = defaultdict(list)

    def add(kind: str, text: str) -> None:
        letter = mnemonic(text)
        if letter:
            owners[letter].append(f"{kind} {text!r}")

    for action in window.menuBar().actions():
        add("menu", action.text())
    for tabs in window.findChildren(QTabWidget):
        for row in range(tabs.count()):
            add("tab", tabs.tabText(row))
    for button in window.findChildren(QAbstractButton):
        if not isinstance(button.parentWidget(), QMenu):
            add(type(button).__name__, button.text())
    for label in window.findChildren(QLabel):
        if label.buddy() is not None:
            add("label", label.text())
    for box in window.findChildren(QGroupBox):
        add("group", box.title())
    return dict(owners)


def menu_mnemonics(window: QMainWindow) -> dict[str, dict[str, list[str]]]:
    """For each menu (submenus too, filled as when opened): letter -> its entries."""
    result: dict[str, dict[str, list[str]]] = {}
    menus = [action.menu() for action in window.menuBar().actions()]
    while menus:
        menu = menus.pop()
        if not isinstance(menu, QMenu):
            continue
        menu.aboutToShow.emit()  # menus filled on demand (Open Recent) fill now
        owners: dict[str, list[str]] = defaultdict(list)
        for action in menu.actions():
            letter = mnemonic(action.text())
            if letter and action.isVisible():
                owners[letter].append(action.text())
            if action.menu() is not None:
                menus.append(action.menu())
        result[menu.title()] = dict(owners)
    return result
