"""Asking what to do with an imported article the outline already has."""

from __future__ import annotations

from collections.abc import Sequence
from enum import StrEnum

from PySide6.QtWidgets import QMessageBox, QWidget

from briefing.core.duplicates import LostWork
from briefing.core.model import Article

LISTED_LOSSES = 8
"""At most this many sections whose work would go are named; the rest are counted."""


class DuplicateChoice(StrEnum):
    REPLACE = "replace"
    KEEP_BOTH = "keep-both"
    CANCEL = "cancel"


def duplicate_question(parent: QWidget | None, new: Article, existing: Article, row: int,
                       lost: Sequence[LostWork], orphaned: Sequence[str] = ()) -> QMessageBox:
    """The question, with Replace, Keep Both and Cancel (the default for Escape).

    ``orphaned`` holds the quotes of excerpts whose passage the new version no longer has."""
    box = QMessageBox(parent)
    box.setIcon(QMessageBox.Icon.Question)
    box.setWindowTitle("Article already in the outline")
    box.setText(f"\u201c{new.title}\u201d is already in the outline as article {row + 1}"
                f"{f' ({existing.title})' if existing.title != new.title else ''}.")
    details = ["Replace puts the new version in its place and keeps your picks, notes and "
               "tags on sections whose headings still match. Keep Both adds it as another "
               "article. Cancel leaves it out."]
    if lost:
        names = ", ".join(f"\u201c{item.heading}\u201d" for item in lost[:LISTED_LOSSES])
        more = f" and {len(lost) - LISTED_LOSSES} more" if len(lost) > LISTED_LOSSES else ""
        details.append(f"Replacing drops your work on {len(lost)} section"
                       f"{'s' if len(lost) != 1 else ''} the new version no longer has: "
                       f"{names}{more}.")
    if orphaned:
        quotes = ", ".join(f"\u201c{quote}\u201d" for quote in orphaned[:LISTED_LOSSES])
        more = (f" and {len(orphaned) - LISTED_LOSSES} more"
                if len(orphaned) > LISTED_LOSSES else "")
        details.append(f"The new version no longer has the passage of {len(orphaned)} "
                       f"excerpt{'s' if len(orphaned) != 1 else ''}: {quotes}{more}. "
                       "Replacing keeps them, with their notes, marked as orphaned.")
    box.setInformativeText("\n\n".join(details))
    replace = box.addButton("&Replace", QMessageBox.ButtonRole.AcceptRole)
    replace.setObjectName(DuplicateChoice.REPLACE.value)
    keep = box.addButton("&Keep Both", QMessageBox.ButtonRole.AcceptRole)
    keep.setObjectName(DuplicateChoice.KEEP_BOTH.value)
    cancel = box.addButton(QMessageBox.StandardButton.Cancel)
    cancel.setObjectName(DuplicateChoice.CANCEL.value)
    box.setDefaultButton(cancel if lost or orphaned else replace)
    box.setEscapeButton(cancel)
    return box


def ask_about_duplicate(parent: QWidget | None, new: Article, existing: Article, row: int,
                        lost: Sequence[LostWork], orphaned: Sequence[str] = ()
                        ) -> DuplicateChoice:
    """Show :func:`duplicate_question` and return the choice."""
    box = duplicate_question(parent, new, existing, row, lost, orphaned)
    box.exec()
    clicked = box.clickedButton()
    name = clicked.objectName() if clicked is not None else ""
    try:
        return DuplicateChoice(name)
    except ValueError:
        return DuplicateChoice.CANCEL


def ask_about_repeat(parent: QWidget | None, new: Article, earlier: Article) -> bool:
    """Whether to keep an article that repeats an earlier one of the same import (two files of
    one article chosen or dropped together): Keep Both, or Skip (the default)."""
    from briefing.gui import file_questions

    def named(article: Article) -> str:
        return article.source_file or article.url or "the clipboard"

    first, second = named(earlier), named(new)
    same = (f"{first} is chosen twice" if first == second else
            f"{second} is the same article as {first} (the same web address, or the same "
            "title and source)")
    text = (f"\u201c{new.title}\u201d is already being imported: {same}.\n\n"
            "Keep Both adds it twice; Skip leaves out the later one.")
    choice = file_questions.ask_choice(parent, "Article already being imported", text,
                                       ["Keep Both", "Skip"], default=1, cancel=1)
    return choice == 0
