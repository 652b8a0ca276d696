"""Questions about files that need their own answers, not Qt's standard Yes/No/Save buttons.

"File changed on disk: Reload, Overwrite, Save As…, Cancel" reads better than any set of
standard buttons. :func:`ask_choice` is the one place such a question is asked (and the one
place tests answer it).
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtWidgets import QMessageBox, QWidget


def ask_choice(parent: QWidget | None, title: str, text: str, choices: Sequence[str], *,
               default: int, cancel: int) -> int:
    """Ask ``text`` with one button per choice; the index of the one pressed.

    ``default`` is the button Enter presses, ``cancel`` the one Escape (or closing the box)
    gives.
    """
    box = QMessageBox(QMessageBox.Icon.Warning, title, text, QMessageBox.StandardButton.NoButton,
                      parent)
    buttons = []
    for index, label in enumerate(choices):
        role = QMessageBox.ButtonRole.RejectRole if index == cancel \
            else QMessageBox.ButtonRole.AcceptRole
        buttons.append(box.addButton(label, role))
    box.setDefaultButton(buttons[default])
    box.setEscapeButton(buttons[cancel])
    box.exec()
    clicked = box.clickedButton()
    return next((index for index, button in enumerate(buttons) if button is clicked), cancel)
