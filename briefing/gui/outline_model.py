"""The outline tree: a Qt item model over the document's own objects, and the filter over it.

:class:`OutlineModel` shows articles at the top level and their sections and subsections below,
with a checkbox on each section to pick it. Excerpts are listed under the section they quote,
after its subsections; an orphaned excerpt whose section is gone is listed under its article.
It holds no copies: every row is looked up in the open :class:`~briefing.core.model.Outline`,
and the document's signals drive ``beginInsertRows``/``dataChanged``/``beginResetModel``.

:class:`OutlineFilterModel` narrows the tree to sections whose heading, text, note or tags contain
the filter text (ancestors stay visible for context) and, optionally, to picked sections only.
:class:`HighlightDelegate` marks the matching text in each heading.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import (
    QAbstractItemModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
    QTimer,
)
from PySide6.QtGui import QColor, QFont, QFontMetrics, QPainter, QPalette
from PySide6.QtWidgets import QApplication, QStyle, QStyledItemDelegate, QStyleOptionViewItem

from briefing.core.anchoring import quote_preview
from briefing.core.model import Article, Excerpt, Section
from briefing.core.outline_edit import (
    EditError,
    InsertSections,
    MoveSections,
    RemoveSections,
    plan_rename,
)
from briefing.core.search_text import PreparedSearch, search_text
from briefing.gui import input_pause
from briefing.gui.document import Document

logger = logging.getLogger(__name__)

AnyIndex = QModelIndex | QPersistentModelIndex
Node = Article | Section | Excerpt

SECTION_ID_ROLE = Qt.ItemDataRole.UserRole + 1
"""The section id of a row (None for an article row)."""
ARTICLE_ROW_ROLE = Qt.ItemDataRole.UserRole + 2
"""The row of the article a row belongs to."""
NOTE_MARK = "\u270e"
"""Shown in the second column for a section that has a note."""
EXCERPT_MARK = "\u275d"
"""Starts the row of an excerpt, before its quote."""
ORPHANED_MARK = "\u26a0 orphaned"
"""Shown after the quote of an excerpt whose text is no longer in its article."""

_ROOT = QModelIndex()
"""The invisible root, as a default argument (Qt models never keep it)."""

COLUMN_HEADING = 0
COLUMN_NOTES = 1

SEARCH_SLICE_S = 0.008
"""How long one idle slice of working out the rows' search text may take: short enough that
typing or scrolling meanwhile is never held up noticeably."""


def _never(section: Section, picked: bool) -> bool | None:
    return False


class OutlineModel(QAbstractItemModel):
    """Articles → sections → subsections, with pick checkboxes and note/tag markers."""

    def __init__(self, document: Document, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._document = document
        self.confirm_subsections: Callable[[Section, bool], bool | None] = _never
        """Asked when a section with subsections is picked or unpicked: do them too?
        (True: yes; False: this section only; None: cancel, nothing changes.)"""
        self._nodes: dict[int, Node] = {}
        self._key_of: dict[int, int] = {}
        self._parent_key: dict[int, int] = {}
        self._row: dict[int, int] = {}
        self._article_row: dict[int, int] = {}
        self._search_text: dict[int, str] = {}
        self._pair: dict[int, tuple[int, int]] = {}
        """``(parent key, row)`` of each node, made once (no allocations while filtering)."""
        self._child_keys: dict[int, list[int]] = {0: []}
        """Each node's children's keys, in row order (0 is the root): index() in one lookup."""
        self._next_key = 1
        self._prepared: PreparedSearch | None = None
        """Search texts worked out while the outline was read (during a rebuild only)."""
        self._search_todo: list[int] = []
        """Keys whose search text is still to be worked out (some may have it already)."""
        self._search_timer = QTimer(self)
        self._search_timer.setInterval(0)
        self._search_timer.timeout.connect(self._prepare_search_slice)
        self._rebuild()
        document.outline_replaced.connect(self._on_replaced)
        document.section_changed.connect(self._on_section_changed)
        document.article_changed.connect(self._on_article_changed)
        document.articles_about_to_be_inserted.connect(self._on_about_to_insert)
        document.articles_inserted.connect(self._on_inserted)
        document.articles_about_to_be_removed.connect(self._on_about_to_remove)
        document.articles_removed.connect(self._on_removed)
        document.excerpts_about_to_change.connect(self._on_excerpts_about_to_change)
        document.excerpts_changed.connect(self._on_excerpts_changed)
        document.sections_about_to_change.connect(self._on_sections_about_to_change)
        document.sections_changed.connect(self._on_sections_changed)
        self._moving = False
        self._gone: list[Section] = []

    # ------------------------------------------------------------------- node registry

    def _rebuild(self) -> None:
        self._nodes.clear()
        self._key_of.clear()
        self._parent_key.clear()
        self._row.clear()
        self._article_row.clear()
        self._search_text.clear()
        self._child_keys.clear()
        self._child_keys[0] = []
        self._pair.clear()
        self._search_todo.clear()
        self._prepared = self._document.take_prepared_search()
        try:
            for row, article in enumerate(self._document.outline.articles):
                self._register_article(article, row)
        finally:
            self._prepared = None
        self._prepare_search_later()

    def _register(self, node: Node, parent_key: int, row: int, article_row: int) -> int:
        key = self._key_of.get(id(node))
        if key is None:
            key = self._next_key
            self._next_key += 1
            self._key_of[id(node)] = key
        self._nodes[key] = node
        self._parent_key[key] = parent_key
        self._row[key] = row
        self._pair[key] = (parent_key, row)
        self._article_row[key] = article_row
        if key not in self._search_text:
            text = self._prepared.take(node) if self._prepared is not None else None
            if text is None:
                self._search_todo.append(key)
            else:
                self._search_text[key] = text
        return key

    def _register_article(self, article: Article, row: int, *,
                          with_excerpts: bool = True) -> None:
        """Register the article's rows; ``with_excerpts`` False leaves its excerpts out (an
        outline edit takes them out before it and lists them again after it)."""
        key = self._register(article, 0, row, row)
        self._child_keys[0][row:row + 1] = [key]
        stack: list[tuple[int, list[Section]]] = [(key, article.sections)]
        while stack:
            parent_key, sections = stack.pop()
            keys = self._child_keys[parent_key] = []
            for sub_row, section in enumerate(sections):
                sub_key = self._register(section, parent_key, sub_row, row)
                keys.append(sub_key)
                stack.append((sub_key, section.sections))
        if with_excerpts and article.excerpts:
            for parent_key, excerpts in self._excerpt_parents(row).items():
                self._register_excerpts(parent_key, excerpts, row)

    def _excerpt_parents(self, row: int) -> dict[int, list[Excerpt]]:
        """The article's excerpts by the key of the row they are listed under: the section
        they quote, else (orphaned, its section gone) the article."""
        article = self._document.outline.articles[row]
        article_key = self._child_keys[0][row]
        section_keys = {section.id: self._key_of[id(section)] for section in article.walk()}
        by_parent: dict[int, list[Excerpt]] = {}
        for excerpt in article.excerpts:
            parent_key = section_keys.get(excerpt.anchor.section_id, article_key)
            by_parent.setdefault(parent_key, []).append(excerpt)
        return by_parent

    def _register_excerpts(self, parent_key: int, excerpts: list[Excerpt], row: int) -> None:
        keys = self._child_keys.setdefault(parent_key, [])
        for excerpt in excerpts:
            keys.append(self._register(excerpt, parent_key, len(keys), row))

    def _forget_article(self, article: Article) -> None:
        self._forget([article, *article.walk(), *article.excerpts])

    def _forget(self, nodes: list[Node]) -> None:
        for node in nodes:
            key = self._key_of.pop(id(node), None)
            if key is not None:
                for table in (self._nodes, self._parent_key, self._row, self._article_row,
                              self._search_text, self._child_keys, self._pair):
                    table.pop(key, None)

    # ------------------------------------------------------------------ public helpers

    def node(self, index: AnyIndex) -> Node | None:
        """The article or section a (source) index stands for."""
        if not index.isValid():
            return None
        return self._nodes.get(index.internalId())

    def section_index(self, section_id: str, column: int = 0) -> QModelIndex:
        """The index of the section or excerpt with this id (invalid when there is none)."""
        node = self._document.noted(section_id)
        if node is None:
            return QModelIndex()
        key = self._key_of.get(id(node))
        if key is None:
            return QModelIndex()
        return self.createIndex(self._row[key], column, key)

    def place_of(self, section: Section) -> tuple[int, Article | Section, int] | None:
        """``(article row, owner, index)`` of a section in the tree, without a walk."""
        key = self._key_of.get(id(section))
        if key is None:
            return None
        owner = self._nodes.get(self._parent_key[key])
        if owner is None or isinstance(owner, Excerpt):
            return None
        return self._article_row[key], owner, self._row[key]

    def article_row_of(self, node: Node) -> int | None:
        """The row of the article an article or section belongs to."""
        key = self._key_of.get(id(node))
        return self._article_row.get(key) if key is not None else None

    def article_index(self, row: int) -> QModelIndex:
        return self.index(row, 0, QModelIndex())

    def matching_keys(self, text: str, picked_only: bool,
                      within: set[int] | None = None) -> set[int]:
        """Keys of the rows that match by themselves (before ancestors are added for context).

        ``within`` narrows the search to earlier matches (typing one more letter can only
        remove matches), so each keystroke after the first scans fewer rows.
        """
        needle = text.casefold().strip()
        self.prepare_search()
        texts = self._search_text
        candidates = texts.keys() if within is None else within
        result = ({key for key in candidates if needle in texts[key]} if needle
                  else set(candidates))
        if picked_only:
            nodes = self._nodes
            result = {key for key in result if getattr(nodes[key], "picked", False)
                      or isinstance(nodes[key], Excerpt)}
        return result

    def prepare_search(self) -> None:
        """Work out what the filter searches in every row that lacks it, now.

        Normally this is done ahead, in short slices while the window is idle (after opening
        an outline, and for each row an edit changes), so the first filter finds it ready.
        """
        self._prepare_search_slice(all_left=True)
        if len(self._search_text) < len(self._nodes):  # (a row the queue missed: never, but cheap)
            for key, node in self._nodes.items():
                if key not in self._search_text:
                    self._search_text[key] = search_text(node)

    def is_search_ready(self) -> bool:
        """Whether every row's search text has been worked out (the filter needs no more)."""
        return not self._search_todo and len(self._search_text) >= len(self._nodes)

    def _prepare_search_later(self) -> None:
        if self._search_todo and not self._search_timer.isActive():
            self._search_timer.start()

    def _prepare_search_slice(self, *, all_left: bool = False) -> None:
        """Work out queued rows' search text for :data:`SEARCH_SLICE_S`, or ``all_left``."""
        if not all_left and input_pause.waits_for_typing(self._search_timer):
            return
        deadline = None if all_left else time.perf_counter() + SEARCH_SLICE_S
        todo, texts, nodes = self._search_todo, self._search_text, self._nodes
        done = 0
        while todo:
            key = todo.pop()
            node = nodes.get(key)
            if node is not None and key not in texts:
                texts[key] = search_text(node)
            done += 1
            if deadline is not None and not done % 32 and time.perf_counter() > deadline:
                break
        if not todo:
            self._search_timer.stop()

    def _search_again(self, key: int) -> None:
        """The row's text, note or tags changed: its search text is worked out again soon."""
        self._search_text.pop(key, None)
        self._search_todo.append(key)
        self._prepare_search_later()

    def visible_rows(self, keys: set[int]) -> set[tuple[int, int]]:
        """``(parent key, row)`` of the rows ``keys`` and all their ancestors (0 is the root).

        With these precomputed, a filter answers each row with one set lookup and never has to
        search a row's descendants, which keeps filtering a 10,000-section outline fast.
        """
        rows: set[tuple[int, int]] = set()
        seen: set[int] = set()
        level = {key for key in keys if key in self._pair}
        while level:
            seen |= level
            rows.update(map(self._pair.__getitem__, level))
            level = set(map(self._parent_key.__getitem__, level)) - seen
            level.discard(0)
        return rows

    # ---------------------------------------------------------------- document signals

    def _on_replaced(self) -> None:
        self.beginResetModel()
        self._rebuild()
        self.endResetModel()

    def _on_section_changed(self, section_id: str) -> None:
        left = self.section_index(section_id, COLUMN_HEADING)
        if left.isValid():
            self._search_again(left.internalId())
            right = left.siblingAtColumn(COLUMN_NOTES)
            self.dataChanged.emit(left, right)

    def _on_article_changed(self, row: int) -> None:
        index = self.article_index(row)
        if index.isValid():
            self._search_again(index.internalId())
            self.dataChanged.emit(index, index.siblingAtColumn(COLUMN_NOTES))

    def _on_about_to_insert(self, first: int, last: int) -> None:
        self.beginInsertRows(QModelIndex(), first, last)

    def _on_inserted(self, first: int, last: int) -> None:
        self._child_keys[0][first:first] = [0] * (last - first + 1)
        self._renumber_articles(first)
        self.endInsertRows()
        self._prepare_search_later()

    def _on_excerpts_about_to_change(self, row: int) -> None:
        """Take the article's excerpt rows out (they are the last rows of their parents)."""
        article = self._document.outline.articles[row]
        by_parent: dict[int, list[int]] = {}
        for excerpt in article.excerpts:
            key = self._key_of.get(id(excerpt))
            if key is not None and key in self._parent_key:
                by_parent.setdefault(self._parent_key[key], []).append(key)
        for parent_key, keys in by_parent.items():
            children = self._child_keys[parent_key]
            first = len(children) - len(keys)
            self.beginRemoveRows(self.createIndex(self._row[parent_key], 0, parent_key),
                                 first, len(children) - 1)
            del children[first:]
            for key in keys:
                for table in (self._nodes, self._parent_key, self._row, self._article_row,
                              self._search_text, self._pair):
                    table.pop(key, None)
            self.endRemoveRows()

    def _on_excerpts_changed(self, row: int) -> None:
        """List the article's excerpts again under their sections."""
        for parent_key, excerpts in self._excerpt_parents(row).items():
            children = self._child_keys.setdefault(parent_key, [])
            parent = self.createIndex(self._row[parent_key], 0, parent_key)
            self.beginInsertRows(parent, len(children), len(children) + len(excerpts) - 1)
            self._register_excerpts(parent_key, excerpts, row)
            self.endInsertRows()
        self._prepare_search_later()

    def _on_about_to_remove(self, first: int, last: int) -> None:
        self.beginRemoveRows(QModelIndex(), first, last)
        for article in self._document.outline.articles[first:last + 1]:
            self._forget_article(article)
        del self._child_keys[0][first:last + 1]

    def _on_removed(self, first: int, last: int) -> None:
        self._renumber_articles(first)
        self.endRemoveRows()

    def _renumber_articles(self, first: int) -> None:
        """Register the articles from row ``first`` on again (rows of later articles shift
        when one is inserted or removed before them; their keys stay)."""
        for row, article in enumerate(self._document.outline.articles[first:], start=first):
            self._register_article(article, row)

    def _owner_index(self, owner: Node) -> QModelIndex:
        key = self._key_of[id(owner)]
        return self.createIndex(self._row[key], 0, key)

    def _on_sections_about_to_change(self, step: object) -> None:
        """Begin the row change an outline edit's step makes (see ``outline_edit``)."""
        if isinstance(step, InsertSections):
            self.beginInsertRows(self._owner_index(step.owner), step.index,
                                 step.index + len(step.sections) - 1)
        elif isinstance(step, RemoveSections):
            self._gone = list(step.owner.sections[step.index:step.index + step.count])
            self.beginRemoveRows(self._owner_index(step.owner), step.index,
                                 step.index + step.count - 1)
        elif isinstance(step, MoveSections):
            last = step.first + step.count - 1
            destination = step.index
            if step.target is step.source and step.index > step.first:
                destination += step.count  # Qt counts the place before the rows are taken
            self._moving = not (step.target is step.source and step.index == step.first)
            if self._moving:
                self._moving = self.beginMoveRows(
                    self._owner_index(step.source), step.first, last,
                    self._owner_index(step.target), destination)

    def _on_sections_changed(self, step: object) -> None:
        if not isinstance(step, InsertSections | RemoveSections | MoveSections):
            return
        owner = step.owner if not isinstance(step, MoveSections) else step.source
        row = self._article_row[self._key_of[id(owner)]]
        self._forget([node for section in self._gone for node in section.walk()])
        self._gone = []
        self._register_article(self._document.outline.articles[row], row, with_excerpts=False)
        if isinstance(step, InsertSections):
            self.endInsertRows()
        elif isinstance(step, RemoveSections):
            self.endRemoveRows()
        elif self._moving:
            self._moving = False
            self.endMoveRows()
        self._prepare_search_later()

    # ------------------------------------------------------------------- Qt model API

    def index(self, row: int, column: int, parent: AnyIndex = _ROOT) -> QModelIndex:
        keys = self._child_keys.get(parent.internalId() if parent.isValid() else 0)
        if keys is None or not 0 <= row < len(keys) or not 0 <= column <= 1:
            return QModelIndex()
        return self.createIndex(row, column, keys[row])

    def parent(self, child: AnyIndex = _ROOT) -> QModelIndex:  # type: ignore[override]
        if not child.isValid():
            return QModelIndex()
        parent_key = self._parent_key.get(child.internalId(), 0)
        if parent_key == 0:
            return QModelIndex()
        return self.createIndex(self._row[parent_key], 0, parent_key)

    def rowCount(self, parent: AnyIndex = _ROOT) -> int:
        if not parent.isValid():
            return len(self._child_keys[0])
        if parent.column() != 0:
            return 0
        return len(self._child_keys.get(parent.internalId(), ()))

    def columnCount(self, parent: AnyIndex = _ROOT) -> int:
        return 2

    def hasChildren(self, parent: AnyIndex = _ROOT) -> bool:
        return self.rowCount(parent) > 0

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return ("Section", "Notes")[section] if section in (0, 1) else None
        return None

    def flags(self, index: AnyIndex) -> Qt.ItemFlag:
        # Asked for every row each time the tree lays itself out again: kept lean.
        node = self._nodes.get(index.internalId()) if index.isValid() else None
        if node is None:
            return _NO_FLAGS
        if index.column() == COLUMN_HEADING and isinstance(node, Section):
            return _HEADING
        return _SELECTABLE

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        node = self.node(index)
        if node is None:
            return None
        column = index.column()
        if isinstance(node, Excerpt):
            return _excerpt_data(node, column, role)
        if role == Qt.ItemDataRole.DisplayRole:
            if column == COLUMN_HEADING:
                return node.title or "Untitled article" if isinstance(node, Article) \
                    else node.label
            return _markers(node) if isinstance(node, Section) else None
        if role == Qt.ItemDataRole.EditRole and column == COLUMN_HEADING:
            return node.heading if isinstance(node, Section) else node.title
        if role == Qt.ItemDataRole.CheckStateRole:
            if isinstance(node, Section) and column == COLUMN_HEADING:
                return Qt.CheckState.Checked if node.picked else Qt.CheckState.Unchecked
            return None
        if role == Qt.ItemDataRole.ToolTipRole:
            return _tooltip(node)
        if role == Qt.ItemDataRole.FontRole and isinstance(node, Article):
            font = QFont()
            font.setBold(True)
            return font
        if role == Qt.ItemDataRole.AccessibleTextRole and column == COLUMN_HEADING:
            if isinstance(node, Article):
                return f"Article: {node.title}"
            state = "picked" if node.picked else "not picked"
            return f"{node.label}, {state}{', has a note' if node.note.strip() else ''}"
        if role == SECTION_ID_ROLE:
            return node.id if isinstance(node, Section) else None
        if role == ARTICLE_ROW_ROLE:
            return self._article_row.get(index.internalId())
        return None

    def setData(self, index: AnyIndex, value: Any,
                role: int = Qt.ItemDataRole.EditRole) -> bool:
        node = self.node(index)
        if not isinstance(node, Section) or index.column() != COLUMN_HEADING:
            return False
        if role == Qt.ItemDataRole.EditRole:
            return self._rename(node, str(value))
        if role != Qt.ItemDataRole.CheckStateRole:
            return False
        picked = _is_checked(value)
        ids = [node.id]
        others = [sub for sub in node.walk() if sub is not node and sub.picked != picked]
        answer = self.confirm_subsections(node, picked) if others else False
        if answer is None:
            return False
        if answer:
            ids.extend(sub.id for sub in others)
        self._document.set_picked(ids, picked)
        return True


    def _rename(self, section: Section, heading: str) -> bool:
        """A heading typed in the tree: one undoable rename (a blank heading changes nothing)."""
        try:
            edit = plan_rename(self._document.outline, section.id, heading)
        except EditError as error:
            logger.info("rename refused: %s", error)
            return False
        self._document.edit_outline(edit, section.id, self._article_row.get(
            self._key_of.get(id(section), 0)))
        return True


def _excerpt_data(excerpt: Excerpt, column: int, role: int) -> Any:
    """What an excerpt's row shows: its quote (marked when orphaned), its note and tags."""
    orphaned = f" {ORPHANED_MARK}" if excerpt.orphaned else ""
    if role == Qt.ItemDataRole.DisplayRole:
        if column == COLUMN_HEADING:
            return f"{EXCERPT_MARK} {quote_preview(excerpt)}{orphaned}"
        return _markers(excerpt)
    if role == Qt.ItemDataRole.ToolTipRole:
        lines = [f"Excerpt: {quote_preview(excerpt, 300)}"]
        if excerpt.orphaned:
            lines.append("Orphaned: its text is no longer in the article. It is kept, and "
                         "exported as it was quoted.")
        if excerpt.note.strip():
            lines.append(f"Note: {excerpt.note.strip().splitlines()[0][:80]}")
        return "\n".join(lines)
    if role == Qt.ItemDataRole.FontRole and excerpt.orphaned:
        font = QFont()
        font.setItalic(True)
        return font
    if role == Qt.ItemDataRole.AccessibleTextRole and column == COLUMN_HEADING:
        note = ", has a note" if excerpt.note.strip() else ""
        state = ", orphaned" if excerpt.orphaned else ""
        return f"Excerpt: {quote_preview(excerpt)}{state}{note}"
    return None


_SELECTABLE = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
_CHECKABLE = _SELECTABLE | Qt.ItemFlag.ItemIsUserCheckable
_HEADING = _CHECKABLE | Qt.ItemFlag.ItemIsEditable
_NO_FLAGS = Qt.ItemFlag.NoItemFlags
"""A section's heading cell: picked by its box, renamed in place (F2)."""


def _is_checked(value: Any) -> bool:
    if isinstance(value, Qt.CheckState):
        return value == Qt.CheckState.Checked
    return int(value) == Qt.CheckState.Checked.value


def _markers(section: Section | Excerpt) -> str:
    parts = [NOTE_MARK] if section.note.strip() else []
    parts.extend(f"#{tag}" for tag in section.tags)
    return " ".join(parts)


def _tooltip(node: Article | Section) -> str:
    if isinstance(node, Article):
        return node.source_line() or node.title
    lines = [node.label]
    if node.note.strip():
        first = node.note.strip().splitlines()[0]
        lines.append(f"Note: {first[:80]}")
    if node.tags:
        lines.append("Tags: " + ", ".join(node.tags))
    return "\n".join(lines)


class OutlineFilterModel(QSortFilterProxyModel):
    """Narrows the tree to matching sections (with their ancestors) and, optionally, picked ones.

    Filtering is recursive in effect (a match deep down keeps its ancestors visible) but not by
    Qt's ``recursiveFilteringEnabled``: see :meth:`OutlineModel.visible_rows`.
    """

    def __init__(self, source: OutlineModel, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._source = source
        self._text = ""
        self._picked_only = False
        self._matches: set[int] | None = None
        self._visible: set[tuple[int, int]] = set()
        self._last_needle = ""
        self._last_picked_only = False
        self._kept: int | None = None
        # Ancestors of matches are worked out in one pass (OutlineModel.visible_rows), so Qt's
        # own recursive search, one Python call per row of the whole tree, is not needed.
        self.setRecursiveFilteringEnabled(False)
        self.setSourceModel(source)
        source.dataChanged.connect(self._on_source_data_changed)
        for signal in (source.rowsInserted, source.rowsRemoved, source.rowsMoved,
                       source.modelReset):
            signal.connect(self._on_source_data_changed)

    @property
    def filter_text(self) -> str:
        return self._text

    @property
    def picked_only(self) -> bool:
        return self._picked_only

    @property
    def is_filtering(self) -> bool:
        return self._matches is not None

    def set_filter(self, text: str, picked_only: bool | None = None) -> None:
        """Show only rows containing ``text`` (case-insensitive), and only picked ones if asked."""
        self._text = text
        if picked_only is not None:
            self._picked_only = picked_only
        self._refilter()

    def set_picked_only(self, picked_only: bool) -> None:
        self.set_filter(self._text, picked_only)

    def matches_itself(self, index: AnyIndex) -> bool:
        """True for a (proxy) row that matches the filter, not just shown as an ancestor."""
        if self._matches is None or not index.isValid():
            return False
        return self.mapToSource(index).internalId() in self._matches

    def keep_visible(self, source_index: AnyIndex) -> None:
        """Keep this row on screen when an edit makes it stop matching (the row being edited).

        Without it, editing a note so it no longer contains the filter text would hide the
        section under the cursor and move the selection, and the typing, to another section.
        A new filter text applies as typed.
        """
        self._kept = source_index.internalId() if source_index.isValid() else None

    def _refilter(self, *, narrowing_allowed: bool = True, keep: int | None = None) -> None:
        self.beginFilterChange()
        active = bool(self._text.strip()) or self._picked_only
        needle = self._text.casefold().strip()
        within = None
        if (narrowing_allowed and self._matches is not None and self._last_needle
                and self._last_needle in needle and self._last_picked_only == self._picked_only):
            within = self._matches
        self._matches = self._source.matching_keys(self._text, self._picked_only, within) \
            if active else None
        self._last_needle = needle if active else ""
        self._last_picked_only = self._picked_only
        shown = self._matches | {keep} if self._matches is not None and keep else self._matches
        self._visible = self._source.visible_rows(shown) if shown else set()
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    @property
    def match_count(self) -> int:
        """How many rows match by themselves (0 when not filtering)."""
        return len(self._matches) if self._matches is not None else 0

    def _on_source_data_changed(self, *args: object) -> None:
        if self._matches is not None:
            self._refilter(narrowing_allowed=False, keep=self._kept)

    def filterAcceptsRow(self, source_row: int, source_parent: AnyIndex) -> bool:
        if self._matches is None:
            return True
        parent_key = source_parent.internalId() if source_parent.isValid() else 0
        return (parent_key, source_row) in self._visible


class HighlightDelegate(QStyledItemDelegate):
    """Paints headings with the filter text marked, like a find-in-page highlight.

    (Bold for matching rows is set here rather than in the filter model's ``data``: a Python
    ``data`` override on the proxy would slow every cell the tree asks about.)"""

    def __init__(self, filter_model: OutlineFilterModel, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._filter = filter_model

    def initStyleOption(self, option: QStyleOptionViewItem,  # noqa: N802 (Qt override)
                        index: AnyIndex) -> None:
        """Rows that match by themselves are bold; their ancestors, shown for context, are not."""
        super().initStyleOption(option, index)
        if (index.model() is self._filter and self._filter.filter_text.strip()
                and self._filter.matches_itself(index)):
            option.font.setBold(True)
            option.fontMetrics = QFontMetrics(option.font)  # what the highlight is measured with

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: AnyIndex) -> None:
        needle = self._filter.filter_text.strip()
        text = str(index.data(Qt.ItemDataRole.DisplayRole) or "")
        start = text.casefold().find(needle.casefold()) if needle else -1
        if start < 0 or index.column() != COLUMN_HEADING:
            super().paint(painter, option, index)
            return
        opt = QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        widget = opt.widget
        style = widget.style() if widget is not None else QApplication.style()
        opt.text = ""
        style.drawControl(QStyle.ControlElement.CE_ItemViewItem, opt, painter, widget)
        opt.text = text
        rect = style.subElementRect(QStyle.SubElement.SE_ItemViewItemText, opt, widget)
        rect = rect.adjusted(2, 0, -2, 0)
        metrics = opt.fontMetrics
        painter.save()
        painter.setFont(opt.font)
        elided = metrics.elidedText(text, Qt.TextElideMode.ElideRight, rect.width())
        end = min(start + len(needle), len(elided))
        if start < len(elided) and not elided[start:end].endswith("\u2026"):
            x = rect.left() + metrics.horizontalAdvance(elided[:start])
            width = metrics.horizontalAdvance(elided[start:end])
            painter.fillRect(x, rect.top() + 1, width, rect.height() - 2, QColor(255, 214, 0, 150))
        selected = bool(opt.state & QStyle.StateFlag.State_Selected)
        group = QPalette.ColorGroup.Normal
        role = QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.Text
        painter.setPen(opt.palette.color(group, role))
        painter.drawText(rect, int(Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft),
                         elided)
        painter.restore()
