"""The right-click menus of the outline tree and the reader, built from the window's actions.

The menus are lists of groups of actions (a separator between groups): to offer another action
in a menu, add it to its group here, one line.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMenu, QWidget

from briefing.core.model import Section
from briefing.gui.outline_actions import OutlineActions
from briefing.gui.reader_view import ReaderSpot


def build_menu(parent: QWidget, groups: Sequence[Sequence[QAction]]) -> QMenu:
    """A menu of the groups' actions, with a separator between groups."""
    return _add_groups(QMenu(parent), groups)


def _add_groups(menu: QMenu, groups: Sequence[Sequence[QAction]]) -> QMenu:
    for group in groups:
        if group and menu.actions():
            menu.addSeparator()
        menu.addActions(list(group))
    return menu


def tree_groups(actions: OutlineActions) -> list[list[QAction]]:
    """What a right-click on a row of the outline offers."""
    return [
        [actions.pick, actions.note, actions.remove_from_briefing],
        [actions.rename, actions.promote, actions.demote, actions.move_up, actions.move_down],
        [actions.split, actions.merge, actions.make_paragraph],
        [actions.delete, actions.details],
        [actions.copy_heading, actions.copy_citation, actions.show_in_reader],
    ]


def excerpt_groups(actions: OutlineActions, remove: QAction) -> list[list[QAction]]:
    """What a right-click on an excerpt's row offers (no section edits: they do not apply)."""
    return [
        [actions.note, remove],
        [actions.copy_text, actions.copy_citation, actions.show_in_reader],
    ]


def _action(menu: QMenu, text: str, slot: Callable[[], object], *, enabled: bool = True,
            tip: str = "") -> QAction:
    action = QAction(text, menu)
    action.setEnabled(enabled)
    action.setStatusTip(tip)
    action.triggered.connect(lambda _checked=False: slot())
    return action


def reader_menu(parent: QWidget, actions: OutlineActions, spot: ReaderSpot | None,
                section: Section | None, *, has_selection: bool,
                copy: Callable[[], object], more: Sequence[QAction] = ()) -> QMenu:
    """What a right-click in the reader offers, for the heading or paragraph under it.

    ``section`` is the section the place belongs to (a subsection shown inside its parent is
    picked by itself), or the one the reader shows when the place is on no paragraph.
    """
    menu = QMenu(parent)
    pick_text = "Un&pick Section" if section is not None and section.picked \
        else "&Pick Section"
    picked_id = section.id if section is not None else ""
    pick = _action(menu, pick_text, lambda: actions.toggle_pick_of(picked_id),
                   enabled=section is not None, tip="Pick this section for the briefing")
    copy_action = _action(menu, "&Copy", copy, enabled=has_selection,
                          tip="Copy the selected text")
    copy_action.setShortcut(QKeySequence(QKeySequence.StandardKey.Copy))
    edits: list[QAction] = []
    if spot is not None and spot.block is not None:
        row, owner, block = spot.article_row, spot.section_id, spot.block
        edits = [
            _action(menu, "&Split Here\u2026", lambda: actions.split_at(owner, row, block),
                    enabled=block > 0 or owner is None,
                    tip="Start a new section at this paragraph"),
            _action(menu, "Make &Heading", lambda: actions.make_heading_at(owner, row, block),
                    tip="Turn this paragraph into the heading of a new section"),
            _action(menu, "E&dit Paragraph\u2026",
                    lambda: actions.edit_paragraph_at(owner, row, block),
                    tip="Correct this paragraph's text"),
        ]
    elif spot is not None and spot.section_id is not None:
        heading_of = spot.section_id
        edits = [_action(menu, "Make P&aragraph",
                         lambda: actions.make_paragraph_of(heading_of, spot.article_row),
                         tip="Turn this heading into a paragraph of the text before it")]
    return _add_groups(menu, [[pick], [copy_action, actions.copy_citation], edits, list(more)])
