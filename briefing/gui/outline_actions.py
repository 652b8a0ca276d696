"""The actions that edit the outline and act on the selected section: Edit → Outline, the tree's
and the reader's context menus, and their keys.

Each action plans its edit with :mod:`briefing.core.outline_edit` and hands it to the document
as one undoable step; an edit that cannot be made here (promoting a top-level section ...) is
explained in the status bar and changes nothing. The structural keys (F2, Delete,
Alt+Shift+arrows) work while the outline has the focus, so they never reach a text field.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Protocol

from PySide6.QtCore import QEvent, QLocale, QObject, Qt
from PySide6.QtGui import QAction, QGuiApplication, QKeyEvent, QKeySequence
from PySide6.QtWidgets import QAbstractItemView, QInputDialog, QMessageBox, QTreeView, QWidget

from briefing.core.errors import BriefingError
from briefing.core.model import Article, Excerpt, Outline, Section
from briefing.core.outline_edit import (
    Edit,
    Place,
    excerpt_notes_in,
    excerpts_in,
    locate,
    notes_in,
    plan_article_details,
    plan_delete_article,
    plan_delete_section,
    plan_demote,
    plan_edit_paragraph,
    plan_make_heading,
    plan_make_paragraph,
    plan_merge_next,
    plan_move,
    plan_promote,
    plan_split,
)
from briefing.gui.article_dialog import ArticleDetailsDialog
from briefing.gui.document import Document

logger = logging.getLogger(__name__)

PREVIEW_CHARS = 60
"""Characters of a paragraph shown when choosing where to split."""

ALT_SHIFT = Qt.KeyboardModifier.AltModifier | Qt.KeyboardModifier.ShiftModifier


class OutlineWindow(Protocol):
    """What the actions need from the window they act in."""

    document: Document
    tree: QTreeView

    def current_node(self) -> Article | Section | Excerpt | None: ...

    def current_article_row(self) -> int | None: ...

    def place_of(self, section: Section) -> Place | None: ...

    def edit_current_heading(self) -> None: ...

    def show_current_in_reader(self) -> None: ...

    def show_note(self) -> None: ...

    def toggle_pick(self, section_id: str) -> None: ...

    def show_status(self, message: str) -> None: ...


def _plural(count: int, word: str) -> str:
    return f"{count} {word}" if count == 1 else f"{count} {word}s"


def delete_question(outline: Outline, node: Article | Section) -> str:
    """What the confirmation before deleting says: what goes, and how many notes with it
    (the notes of its sections and of the excerpts that quote it)."""
    sections = list(node.walk())
    excerpts = len(excerpts_in(outline, node))
    notes = notes_in(node) + excerpt_notes_in(outline, node)
    picked = sum(1 for section in sections if section.picked)
    if isinstance(node, Article):
        what = f"the article \u201c{node.title or 'Untitled article'}\u201d"
        count = len(sections)
        inside = f" and its {_plural(count, 'section')}" if count else ""
    else:
        what = f"the section \u201c{node.label}\u201d"
        count = len(sections) - 1
        inside = f" and its {_plural(count, 'subsection')}" if count else ""
    lines = [f"Delete {what}{inside}?", ""]
    lines.append("It holds no notes." if not notes else "1 note goes with it." if notes == 1
                 else f"{notes} notes go with it.")
    if picked:
        lines.append(f"{_plural(picked, 'picked section')} leave the briefing."
                     if picked != 1 else "1 picked section leaves the briefing.")
    if excerpts:
        lines.append(f"{_plural(excerpts, 'excerpt')} of it leave the briefing."
                     if excerpts != 1 else "1 excerpt of it leaves the briefing.")
    lines.append("You can undo this with Undo (Ctrl+Z).")
    return "\n".join(lines)


class OutlineActions(QObject):
    """The outline's edit and section actions, kept enabled only where they apply."""

    def __init__(self, window: OutlineWindow, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._window = window
        self._parent_widget = window if isinstance(window, QWidget) else None
        make = self._make
        self.pick = make("&Pick", self._toggle_pick, tip="Pick the section for the briefing, "
                         "or unpick it")
        self.note = make("Edit &Note", window.show_note,
                         tip="Write a note on the section or excerpt")
        self.remove_from_briefing = make(
            "Remove from &Briefing", self.remove_from_briefing_now,
            tip="Unpick the section and its subsections")
        self.rename = make("&Rename Heading", window.edit_current_heading, keys="F2",
                           tip="Change the section's heading")
        self.promote = make("Pr&omote", lambda: self._on_section(plan_promote),
                            keys="Alt+Shift+Left",
                            tip="Move the section up a level, beside its parent")
        self.demote = make("&Demote", lambda: self._on_section(plan_demote),
                           keys="Alt+Shift+Right",
                           tip="Make the section a subsection of the one before it")
        self.move_up = make("Move &Up", lambda: self._on_section(plan_move, -1),
                            keys="Alt+Shift+Up", tip="Move the section above the one before it")
        self.move_down = make("Move Do&wn", lambda: self._on_section(plan_move, 1),
                              keys="Alt+Shift+Down",
                              tip="Move the section below the one after it")
        self.split = make("&Split Section\u2026", self.split_current,
                          tip="Start a new section at one of this section's paragraphs")
        self.merge = make("&Merge with Next", lambda: self._on_section(plan_merge_next),
                          tip="Join the next section at this level into this one")
        self.make_paragraph = make("Make P&aragraph",
                                   lambda: self._on_section(plan_make_paragraph),
                                   tip="Turn the heading into a paragraph of the text before it")
        self.delete = make("De&lete\u2026", self.delete_current, keys="Delete",
                           tip="Delete the section or article, with its notes and picks")
        self.details = make("Article De&tails\u2026", self.edit_article_details,
                            tip="Correct the article's title, author, publisher, date or address")
        self.copy_heading = make("&Copy Heading", self.copy_heading_now,
                                 tip="Copy the heading to the clipboard")
        self.copy_citation = make("Copy C&itation", self.copy_citation_now,
                                  tip="Copy the article's source line to the clipboard")
        self.show_in_reader = make("Show in R&eader", window.show_current_in_reader,
                                   tip="Read the section or excerpt in the reader")
        self.copy_text = make("Copy &Text", self.copy_excerpt_text,
                              tip="Copy the excerpt's text to the clipboard")
        for action in (self.rename, self.promote, self.demote, self.move_up, self.move_down,
                       self.delete):
            # The tree itself only: not its in-place heading editor, where Delete and
            # Alt+Shift+arrows edit the text.
            action.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
            window.tree.addAction(action)
        self._arrow_edits: dict[int, Callable[[], object]] = {
            Qt.Key.Key_Left: lambda: self._on_section(plan_promote),
            Qt.Key.Key_Right: lambda: self._on_section(plan_demote),
            Qt.Key.Key_Up: lambda: self._on_section(plan_move, -1),
            Qt.Key.Key_Down: lambda: self._on_section(plan_move, 1),
        }
        window.tree.installEventFilter(self)
        self.update()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """Alt+Shift+arrow in the tree while its edit is disabled: say why and stay put.

        The key of a disabled action reaches the tree as a Shift+arrow that moves the
        selection, so the next press would move another section."""
        tree = self._window.tree
        if (watched is tree and event.type() == QEvent.Type.KeyPress
                and isinstance(event, QKeyEvent)
                and event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier == ALT_SHIFT
                and event.key() in self._arrow_edits
                and tree.state() != QAbstractItemView.State.EditingState):
            self._arrow_edits[event.key()]()  # a refusal is told in the status bar
            return True
        return super().eventFilter(watched, event)

    def _make(self, text: str, slot: Callable[[], object], *, keys: str = "",
              tip: str = "") -> QAction:
        action = QAction(text, self)
        if keys:
            action.setShortcut(QKeySequence(keys))
        action.setStatusTip(tip)
        action.setToolTip(tip)
        action.triggered.connect(lambda _checked=False: slot())
        return action

    @property
    def edit_actions(self) -> list[QAction | None]:
        """Edit → Outline: the structural edits (None marks a separator)."""
        return [self.rename, None, self.promote, self.demote, self.move_up, self.move_down,
                None, self.split, self.merge, self.make_paragraph, None, self.delete,
                self.details]

    # --------------------------------------------------------------------------- state

    def _outline_node(self) -> Article | Section | None:
        """The current article or section (None on an excerpt's row: no outline edit there)."""
        node = self._window.current_node()
        return None if isinstance(node, Excerpt) else node

    def update(self) -> None:
        """Enable the actions that apply to the current row, and name Pick or Unpick."""
        node = self._outline_node()
        excerpt = isinstance(self._window.current_node(), Excerpt)
        place = self._place(node)
        section = node if isinstance(node, Section) else None
        siblings = len(place.owner.sections) if place else 0
        index = place.index if place else 0
        states = {
            self.pick: section is not None, self.note: section is not None or excerpt,
            self.remove_from_briefing: section is not None and any(
                sub.picked for sub in section.walk()),
            self.rename: section is not None,
            self.promote: place is not None and isinstance(place.owner, Section),
            self.demote: place is not None and index > 0,
            self.move_up: place is not None and index > 0,
            self.move_down: place is not None and index + 1 < siblings,
            self.split: section is not None and len(section.blocks) > 1,
            self.merge: place is not None and index + 1 < siblings,
            self.make_paragraph: section is not None,
            self.delete: node is not None or excerpt,
            self.details: node is not None, self.copy_heading: node is not None,
            self.copy_citation: node is not None or excerpt,
            self.show_in_reader: node is not None or excerpt, self.copy_text: excerpt,
        }
        for action, enabled in states.items():
            action.setEnabled(enabled)
        self.pick.setText("Un&pick" if section is not None and section.picked else "&Pick")

    def _place(self, node: Article | Section | None) -> Place | None:
        return self._window.place_of(node) if isinstance(node, Section) else None

    # ------------------------------------------------------------------------- editing

    def run(self, plan: Callable[[], Edit], section_id: str | None,
            article_row: int | None) -> bool:
        """Plan an edit and make it one undo step; a refusal is told in the status bar."""
        try:
            edit = plan()
        except BriefingError as error:
            self._window.show_status(str(error))
            return False
        self._window.document.edit_outline(edit, section_id, article_row)
        return True

    def _on_section(self, planner: Callable[..., Edit], *args: object) -> None:
        node = self._outline_node()
        if isinstance(node, Section):
            outline = self._window.document.outline
            self.run(lambda: planner(outline, node.id, *args), node.id,
                     self._window.current_article_row())

    def _toggle_pick(self) -> None:
        node = self._outline_node()
        if isinstance(node, Section):
            self._window.toggle_pick(node.id)

    def toggle_pick_of(self, section_id: str) -> None:
        self._window.toggle_pick(section_id)

    def remove_from_briefing_now(self) -> None:
        node = self._outline_node()
        if isinstance(node, Section):
            picked = [sub.id for sub in node.walk() if sub.picked]
            self._window.document.set_picked(picked, False)

    def delete_current(self) -> None:
        """Delete the current section or article after saying how many notes go with it; an
        excerpt is removed (an undoable step that loses nothing)."""
        current = self._window.current_node()
        if isinstance(current, Excerpt):
            self._window.document.remove_excerpt(current.id)
            return
        node = self._outline_node()
        row = self._window.current_article_row()
        if node is None or row is None:
            return
        title = "Delete Article" if isinstance(node, Article) else "Delete Section"
        outline = self._window.document.outline
        buttons = QMessageBox.StandardButton
        answer = QMessageBox.question(self._parent_widget, title, delete_question(outline, node),
                                      buttons.Yes | buttons.Cancel, buttons.Cancel)
        if answer != buttons.Yes:
            return
        if isinstance(node, Article):
            self.run(lambda: plan_delete_article(outline, row), None, row)
        else:
            self.run(lambda: plan_delete_section(outline, node.id), node.id, row)

    def split_current(self) -> None:
        """Ask at which paragraph and under what heading, then split the current section."""
        node = self._outline_node()
        if not isinstance(node, Section) or len(node.blocks) < 2:
            return
        items = [f"{number}. {_preview(block.text)}"
                 for number, block in enumerate(node.blocks[1:], start=2)]
        choice, ok = QInputDialog.getItem(self._parent_widget, "Split Section",
                                          "The new section starts at paragraph:", items, 0,
                                          False)
        if ok and choice in items:
            self.split_at(node.id, self._window.current_article_row() or 0,
                          items.index(choice) + 1)

    def split_at(self, section_id: str | None, article_row: int, block: int) -> None:
        """Ask for the new section's heading, then split at paragraph ``block``."""
        heading, ok = QInputDialog.getText(self._parent_widget, "Split Section",
                                           "Heading of the new section:")
        if ok:
            outline = self._window.document.outline
            self.run(lambda: plan_split(outline, section_id, block, heading,
                                        article_row=article_row), section_id, article_row)

    def make_heading_at(self, section_id: str | None, article_row: int, block: int) -> None:
        outline = self._window.document.outline
        self.run(lambda: plan_make_heading(outline, section_id, block, article_row=article_row),
                 section_id, article_row)

    def make_paragraph_of(self, section_id: str, article_row: int) -> None:
        outline = self._window.document.outline
        self.run(lambda: plan_make_paragraph(outline, section_id), section_id, article_row)

    def edit_paragraph_at(self, section_id: str | None, article_row: int, block: int) -> None:
        """Ask for the paragraph's new text (blank deletes it) and change it."""
        outline = self._window.document.outline
        owner = outline.articles[article_row] if section_id is None else \
            locate(outline, section_id).section
        if not 0 <= block < len(owner.blocks):
            return
        text, ok = QInputDialog.getMultiLineText(self._parent_widget, "Edit Paragraph",
                                                 "Text (leave it empty to delete the "
                                                 "paragraph):", owner.blocks[block].text)
        if ok:
            self.run(lambda: plan_edit_paragraph(outline, section_id, block, text,
                                                 article_row=article_row),
                     section_id, article_row)

    def edit_article_details(self) -> None:
        """The article details dialog for the current row's article."""
        row = self._window.current_article_row()
        if row is None:
            return
        outline = self._window.document.outline
        dialog = ArticleDetailsDialog(
            outline.articles[row],
            lambda details: plan_article_details(outline, row, details,
                                                 locale=QLocale().name()),
            self._parent_widget)
        try:
            if dialog.exec() and dialog.edit is not None:
                node = self._outline_node()
                focus = node.id if isinstance(node, Section) else None
                dialog.edit.focus = focus  # stay on the row the dialog was opened from
                self._window.document.edit_outline(dialog.edit, focus, row)
        finally:
            dialog.deleteLater()

    # ----------------------------------------------------------------------- clipboard

    def copy_heading_now(self) -> None:
        node = self._outline_node()
        if node is not None:
            text = node.label if isinstance(node, Section) else node.title
            QGuiApplication.clipboard().setText(text)
            self._window.show_status(f"Copied \u201c{text}\u201d")

    def copy_excerpt_text(self) -> None:
        """The excerpt's text as it stands in its article now (as it was, when orphaned)."""
        node = self._window.current_node()
        if isinstance(node, Excerpt):
            QGuiApplication.clipboard().setText(node.anchor.quote)
            self._window.show_status("Copied the excerpt's text")

    def copy_citation_now(self) -> None:
        row = self._window.current_article_row()
        if row is not None:
            article = self._window.document.outline.articles[row]
            citation = article.source_line() or article.title
            QGuiApplication.clipboard().setText(citation)
            self._window.show_status("Copied the citation")


def _preview(text: str) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= PREVIEW_CHARS else flat[:PREVIEW_CHARS - 1] + "\u2026"
