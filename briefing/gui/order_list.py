"""The order of the picked sections and excerpts in the note, rearranged by drag and drop or the
keyboard.

:class:`OrderListModel` lists the picked sections and the excerpts in the briefing's order.
Moving a row (drag and drop, Ctrl+Up/Ctrl+Down, the Move buttons) asks the document for a new
order, an undoable command; the model then follows the document, announcing a single move as a
row move so the selection stays on the moved row, and anything else as a reset.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import (
    QAbstractListModel,
    QByteArray,
    QMimeData,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QAction, QKeyEvent, QKeySequence
from PySide6.QtWidgets import QAbstractItemView, QApplication, QListView, QWidget

from briefing.core.anchoring import quote_preview
from briefing.gui.document import Document
from briefing.gui.outline_model import EXCERPT_MARK

logger = logging.getLogger(__name__)

AnyIndex = QModelIndex | QPersistentModelIndex
MIME_TYPE = "application/x-briefing-order-rows"
_ROOT = QModelIndex()


def _separator(parent: QObject) -> QAction:
    action = QAction(parent)
    action.setSeparator(True)
    return action


def _single_move(old: list[str], new: list[str]) -> tuple[int, int] | None:
    """(from, to) when ``new`` is ``old`` with one item moved, else None."""
    if len(old) != len(new) or old == new:
        return None
    first = next(i for i in range(len(old)) if old[i] != new[i])
    last = max(i for i in range(len(old)) if old[i] != new[i])
    if new[last] == old[first] and new[first:last] == old[first + 1:last + 1]:
        return first, last
    if new[first] == old[last] and new[first + 1:last + 1] == old[first:last]:
        return last, first
    return None


class OrderListModel(QAbstractListModel):
    """The picked sections, in the order the note presents them."""

    def __init__(self, document: Document, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._document = document
        self._ids = document.picked_ids()
        document.order_changed.connect(self._on_order_changed)
        document.outline_replaced.connect(self._on_order_changed)
        document.section_changed.connect(self._on_section_changed)

    @property
    def document(self) -> Document:
        return self._document

    @property
    def section_ids(self) -> list[str]:
        return list(self._ids)

    def _on_order_changed(self) -> None:
        new = self._document.picked_ids()
        if new == self._ids:
            return
        move = _single_move(self._ids, new)
        if move is None:
            self.beginResetModel()
            self._ids = new
            self.endResetModel()
            return
        source, target = move
        destination = target + 1 if target > source else target
        self.beginMoveRows(_ROOT, source, source, _ROOT, destination)
        self._ids = new
        self.endMoveRows()

    def _on_section_changed(self, section_id: str) -> None:
        if section_id in self._ids:
            row = self._ids.index(section_id)
            self.dataChanged.emit(self.index(row), self.index(row))

    def rowCount(self, parent: AnyIndex = _ROOT) -> int:
        return 0 if parent.isValid() else len(self._ids)

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._ids):
            return None
        section_id = self._ids[index.row()]
        found = self._document.find(section_id)
        if found is None:
            return self._excerpt_data(index.row(), section_id, role)
        article, section = found
        if role == Qt.ItemDataRole.DisplayRole:
            return f"{index.row() + 1}. {section.heading}"
        if role in (Qt.ItemDataRole.ToolTipRole, Qt.ItemDataRole.AccessibleTextRole):
            return f"{section.label} — from {article.title}"
        if role == Qt.ItemDataRole.UserRole:
            return section_id
        return None

    def _excerpt_data(self, row: int, excerpt_id: str, role: int) -> Any:
        found = self._document.find_excerpt(excerpt_id)
        if found is None:
            return None
        _, article, excerpt = found
        orphaned = " (orphaned)" if excerpt.orphaned else ""
        if role == Qt.ItemDataRole.DisplayRole:
            return f"{row + 1}. {EXCERPT_MARK} {quote_preview(excerpt, 50)}{orphaned}"
        if role in (Qt.ItemDataRole.ToolTipRole, Qt.ItemDataRole.AccessibleTextRole):
            return f"Excerpt{orphaned}: {quote_preview(excerpt, 200)} — from {article.title}"
        if role == Qt.ItemDataRole.UserRole:
            return excerpt_id
        return None

    def flags(self, index: AnyIndex) -> Qt.ItemFlag:
        base = Qt.ItemFlag.ItemIsDropEnabled
        if not index.isValid():
            return base
        return (Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
                | Qt.ItemFlag.ItemIsDragEnabled)

    # ------------------------------------------------------------------------- moving

    def move_row(self, row: int, target: int) -> bool:
        """Move the section at ``row`` so it ends up at ``target`` (an undoable edit)."""
        if not (0 <= row < len(self._ids) and 0 <= target < len(self._ids)) or row == target:
            return False
        self._document.move_picked(row, target)
        return True

    def moveRows(self, sourceParent: AnyIndex, sourceRow: int, count: int,  # noqa: N803
                 destinationParent: AnyIndex, destinationChild: int) -> bool:  # noqa: N803
        if sourceParent.isValid() or destinationParent.isValid() or count != 1:
            return False
        target = destinationChild - 1 if destinationChild > sourceRow else destinationChild
        return self.move_row(sourceRow, target)

    def supportedDropActions(self) -> Qt.DropAction:
        return Qt.DropAction.MoveAction

    def supportedDragActions(self) -> Qt.DropAction:  # noqa: N802 (Qt override)
        return Qt.DropAction.MoveAction

    def mimeTypes(self) -> list[str]:
        return [MIME_TYPE]

    def mimeData(self, indexes: Any) -> QMimeData:
        mime = QMimeData()
        rows = sorted({index.row() for index in indexes if index.isValid()})
        mime.setData(MIME_TYPE, QByteArray(",".join(map(str, rows)).encode()))
        return mime

    def dropMimeData(self, data: QMimeData, action: Qt.DropAction, row: int, column: int,
                     parent: AnyIndex) -> bool:
        if action != Qt.DropAction.MoveAction or not data.hasFormat(MIME_TYPE):
            return False
        try:
            rows = [int(part) for part in bytes(data.data(MIME_TYPE).data()).decode().split(",")]
        except ValueError:
            return False
        if len(rows) != 1:
            return False
        destination = row if row >= 0 else (parent.row() if parent.isValid() else len(self._ids))
        return self.moveRows(_ROOT, rows[0], 1, _ROOT, destination)


class OrderListView(QListView):
    """The order list: drag rows to rearrange them, or Ctrl+Up / Ctrl+Down on the selected row.

    Its context menu moves the row, removes it from the briefing (unpicks it), shows it in the
    reader or copies its article's citation.
    """

    section_activated = Signal(str)
    show_in_reader_requested = Signal(str)
    """A section to select and read (the window shows the reader)."""

    def __init__(self, model: OrderListModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._order = model
        self.setModel(model)
        self.setAccessibleName("Order of picked sections")
        self.setToolTip("Drag to rearrange, or press Ctrl+Up / Ctrl+Down")
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setDragEnabled(True)
        self.setAcceptDrops(True)
        self.setDropIndicatorShown(True)
        self.setDragDropMode(QAbstractItemView.DragDropMode.InternalMove)
        self.setDefaultDropAction(Qt.DropAction.MoveAction)
        self.setAlternatingRowColors(True)
        self.activated.connect(self._on_activated)
        self.move_up_action = self._add_action("Move &Up", "Ctrl+Up",
                                               lambda: self.move_current(-1))
        self.move_down_action = self._add_action("Move &Down", "Ctrl+Down",
                                                 lambda: self.move_current(1))
        self.remove_action = self._add_action("&Remove from Briefing", "Delete",
                                              self.remove_current)
        self.show_action = self._add_action("&Show in Reader", "", self._show_current)
        self.copy_citation_action = self._add_action("Copy &Citation", "",
                                                     self.copy_citation)
        self.setContextMenuPolicy(Qt.ContextMenuPolicy.ActionsContextMenu)
        self.insertAction(self.show_action, _separator(self))
        self.selectionModel().currentChanged.connect(lambda *_: self._update_actions())
        model.modelReset.connect(self._update_actions)
        model.rowsMoved.connect(self._update_actions)
        self._update_actions()

    def _add_action(self, text: str, keys: str, slot: Callable[[], object]) -> QAction:
        action = QAction(text, self)
        if keys:
            action.setShortcut(QKeySequence(keys))
            action.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
        action.triggered.connect(slot)
        self.addAction(action)
        return action

    def _update_actions(self) -> None:
        row, count = self.currentIndex().row(), self._order.rowCount()
        for action in (self.remove_action, self.show_action, self.copy_citation_action):
            action.setEnabled(row >= 0)
        self.move_up_action.setEnabled(row > 0)
        self.move_down_action.setEnabled(0 <= row < count - 1)

    def current_section(self) -> str | None:
        """The id of the selected section, or None."""
        section_id = self.currentIndex().data(Qt.ItemDataRole.UserRole)
        return section_id if isinstance(section_id, str) else None

    def remove_current(self) -> bool:
        """Unpick the selected section (remove the selected excerpt), taking it out of the
        briefing (an undoable edit)."""
        section_id = self.current_section()
        if section_id is None:
            return False
        row = self.currentIndex().row()
        document = self._order.document
        if document.section(section_id) is None:
            document.remove_excerpt(section_id)
        else:
            document.set_picked([section_id], False)
        count = self._order.rowCount()
        if count:
            self.setCurrentIndex(self._order.index(min(row, count - 1)))
        return True

    def _show_current(self) -> None:
        section_id = self.current_section()
        if section_id:
            self.show_in_reader_requested.emit(section_id)

    def copy_citation(self) -> str:
        """Put the selected section's source (author, title, publisher, date, address) on the
        clipboard; the text copied."""
        section_id = self.current_section()
        document = self._order.document
        found = document.find(section_id) if section_id else None
        excerpt = document.find_excerpt(section_id) if section_id and not found else None
        if found is not None:
            article = found[0]
        elif excerpt is not None:
            article = excerpt[1]
        else:
            return ""
        citation = article.source_line() or article.title
        QApplication.clipboard().setText(citation)
        return citation

    def move_current(self, step: int) -> bool:
        """Move the selected row up (-1) or down (+1) and keep it selected."""
        row = self.currentIndex().row()
        if row < 0:
            return False
        target = row + step
        if not self._order.move_row(row, target):
            return False
        self.setCurrentIndex(self._order.index(target))
        return True

    def keyPressEvent(self, event: QKeyEvent) -> None:
        modifiers = event.modifiers()
        if modifiers & (Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier):
            if event.key() == Qt.Key.Key_Up:
                self.move_current(-1)
                return
            if event.key() == Qt.Key.Key_Down:
                self.move_current(1)
                return
        super().keyPressEvent(event)

    def _on_activated(self, index: QModelIndex) -> None:
        section_id = index.data(Qt.ItemDataRole.UserRole)
        if section_id:
            self.section_activated.emit(section_id)
