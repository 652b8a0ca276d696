"""The open outline: the one place the GUI reads it from and the one place edits go through.

Widgets never change the :class:`~briefing.core.model.Outline` themselves. They call the edit
methods here (``set_picked``, ``set_note``, ``set_detail`` ...), which push a QUndoCommand onto
:attr:`Document.undo_stack`; the commands apply the change through the ``apply_*`` methods, which
emit the signals that views and models listen to. Undo and redo therefore refresh every view the
same way an edit does, and the window's modified marker follows the stack's clean state.
"""

from __future__ import annotations

import copy
import gc
import logging
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QUndoStack

from briefing.core.anchoring import reanchor_all
from briefing.core.collector import paused_collection
from briefing.core.errors import WarningSink, log_warning
from briefing.core.file_state import FileStamp, stamp_file
from briefing.core.model import (
    NOTE_FIELDS,
    Article,
    Block,
    BlockKind,
    Discarded,
    Excerpt,
    Outline,
    Section,
)
from briefing.core.outline_edit import (
    Edit,
    InsertArticles,
    InsertExcerpt,
    MoveSections,
    RemoveArticles,
    RemoveExcerpt,
    SetField,
    Step,
    apply_steps,
)
from briefing.core.search_text import PreparedSearch
from briefing.core.text_replace import replace_in_notes
from briefing.gui.edit_commands import OutlineEditCommand
from briefing.gui.undo_commands import (
    EditDetailCommand,
    EditNoteCommand,
    EditNotesCommand,
    ImportArticlesCommand,
    RestoreDiscardedCommand,
    SetOrderCommand,
    SetPickedCommand,
    SetTagsCommand,
)

if TYPE_CHECKING:
    from briefing.core.early_parse import EarlyParse

logger = logging.getLogger(__name__)

DETAIL_FIELDS: tuple[str, ...] = ("title", "to", "from_", "date", "classification",
                                  "file_number", "purpose", "summary", "recommendation",
                                  *NOTE_FIELDS, "template")
"""The :class:`~briefing.core.model.BriefingDetails` fields a user edits as text."""


class Document(QObject):
    """The current outline, where it is saved, and the undo stack of edits made to it."""

    outline_replaced = Signal()
    """A different outline is now open (new, open, revert): every view starts over."""
    path_changed = Signal()
    saved = Signal(object)
    """The outline was saved (the Path written)."""
    modified_changed = Signal(bool)
    section_changed = Signal(str)
    """A section's pick, note or tags changed (the section id)."""
    picks_changed = Signal()
    """Which sections are picked changed (emitted once per command, after ``section_changed``)."""
    detail_changed = Signal(str)
    """A briefing detail changed (the field name, e.g. ``from_``)."""
    order_changed = Signal()
    """The order of the picked sections changed."""
    articles_about_to_be_inserted = Signal(int, int)
    articles_inserted = Signal(int, int)
    articles_about_to_be_removed = Signal(int, int)
    articles_removed = Signal(int, int)
    article_changed = Signal(int)
    """An article's text changed (a discarded line restored), by its row."""
    excerpts_about_to_change = Signal(int)
    """The excerpts of the article at this row are about to be added to or removed."""
    excerpts_changed = Signal(int)
    """The excerpts of the article at this row were added to or removed (or re-anchored)."""
    changed = Signal()
    """Anything in the outline changed; for views that simply redraw (preview, page fit)."""
    sections_about_to_change = Signal(object)
    """An outline edit is about to insert, remove or move sections (the
    :data:`~briefing.core.outline_edit.Step`); the tree begins its row change."""
    sections_changed = Signal(object)
    """That step is done; the tree ends its row change."""
    focus_requested = Signal(object, object)
    """After an outline edit or its undo: the section id (or None) and article row (or None)
    the views should show."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._outline = Outline()
        self._path: Path | None = None
        self._display_name = "Untitled"
        self._stamp: FileStamp | None = None
        """The file as it was read or last saved, to notice another program's change."""
        self._by_id: dict[str, tuple[Article, Section]] | None = None
        self._picked: list[str] | None = None
        """Caches: a 10,000-section outline should not be walked several times per click."""
        self._prepared_search: PreparedSearch | None = None
        """The tree's search texts worked out while the open outline was read, until taken."""
        self.undo_stack = QUndoStack(self)
        self.undo_stack.cleanChanged.connect(self._on_clean_changed)

    # ----------------------------------------------------------------------------- state

    @property
    def outline(self) -> Outline:
        """The open outline; read it freely, change it only through this class."""
        return self._outline

    @property
    def path(self) -> Path | None:
        """The file the outline is saved to; None until it is saved (new outline, the sample)."""
        return self._path

    @property
    def display_name(self) -> str:
        """The file name for the window title, or a name for an outline not yet saved."""
        return self._path.name if self._path else self._display_name

    @property
    def disk_stamp(self) -> FileStamp | None:
        """What :attr:`path` held when it was opened or last saved (None: not known)."""
        return self._stamp

    @property
    def is_modified(self) -> bool:
        """True when there are edits since the last save or load."""
        return not self.undo_stack.isClean()

    def _on_clean_changed(self, clean: bool) -> None:
        self.modified_changed.emit(not clean)

    # ----------------------------------------------------------------------------- files

    def replace(self, outline: Outline, path: Path | None, *, display_name: str = "Untitled",
                modified: bool = False, stamp: FileStamp | None = None) -> None:
        """Show ``outline`` instead of the current one, with a fresh undo history.

        ``stamp``: what ``path`` held when ``outline`` was read from it, so that a save notices
        a change made on disk since.
        """
        self._outline = outline
        self._path = path
        self._stamp = stamp
        self._display_name = display_name
        self._forget_caches()
        self.undo_stack.clear()
        if modified:
            # A clean index no command can reach: the outline counts as unsaved until saved.
            self.undo_stack.resetClean()
        self.outline_replaced.emit()
        self.path_changed.emit()
        self.changed.emit()

    def new(self) -> None:
        """Start an empty outline."""
        self.replace(Outline(), None)

    def open(self, path: Path, warn: WarningSink = log_warning, *,
             as_untitled: str | None = None, early: EarlyParse | None = None) -> None:
        """Load ``path``; on any error the current outline stays as it was.

        With ``as_untitled`` the file is opened as a new outline of that name (the bundled
        sample), so Save asks where to put it instead of overwriting the original. ``early``
        is the file's parse already under way in another process.
        """
        from briefing.core.outline_file import load_outline

        stamp = stamp_file(path)  # before reading: a change made while it is read still counts
        # A large outline is a million new objects: with the cyclic collector paused until the
        # views are built on it, and the lot then frozen out of its sight, none of its passes
        # walks them (they cost a third of a second on a 10,000-section outline). They are
        # still freed by reference counting when the outline goes.
        prepared = PreparedSearch() if early is not None else None
        with paused_collection():
            outline = load_outline(path, warn, early,
                                   meanwhile=prepared.prepare if prepared is not None else None)
            self._prepared_search = prepared
            if as_untitled is not None:
                self.replace(outline, None, display_name=as_untitled)
            else:
                self.replace(outline, path, stamp=stamp)
            gc.freeze()
        self._prepared_search = None  # (whatever the tree did not take)
        logger.info("opened %s", path)

    def take_prepared_search(self) -> PreparedSearch | None:
        """The search texts worked out while the outline being opened was read (for the tree,
        as it is built on it); None when there are none or they were taken."""
        prepared, self._prepared_search = self._prepared_search, None
        return prepared

    def save(self, path: Path | None = None, *, force: bool = False,
             overwrite_changes: bool = False) -> Path:
        """Save atomically to ``path`` (or the current path) and mark the outline unmodified.

        Raises ValueError when there is no path yet, OSError when the file cannot be written,
        :class:`~briefing.core.file_state.FileReadOnlyError` for a read-only file unless
        ``force``, and :class:`~briefing.core.file_state.FileChangedError` when the open file
        was changed, deleted or renamed on disk since it was read, unless
        ``overwrite_changes``.
        """
        from briefing.core.outline_file import save_outline

        target = path or self._path
        if target is None:
            raise ValueError("the outline has no file yet; choose one")
        check = target == self._path and not overwrite_changes
        self._stamp = save_outline(self._outline, target, force=force,
                                   expected=self._stamp if check else None)
        self.undo_stack.setClean()
        if target != self._path:
            self._path = target
            self.path_changed.emit()
        self.saved.emit(target)
        logger.info("saved %s", target)
        return target

    def revert(self, warn: WarningSink = log_warning) -> None:
        """Reload the saved file, dropping unsaved edits; errors leave the outline as it is."""
        if self._path is None:
            raise ValueError("the outline has never been saved")
        self.open(self._path, warn)

    # ----------------------------------------------------------------------------- edits

    def set_picked(self, section_ids: Sequence[str], picked: bool) -> None:
        """Pick or unpick sections (one undo step for all of them)."""
        changing = [sid for sid in section_ids if self._section(sid).picked != picked]
        if changing:
            self.undo_stack.push(SetPickedCommand(self, changing, picked))

    def set_note(self, section_id: str, text: str) -> None:
        """Replace a section's or an excerpt's note; consecutive typing merges into one undo
        step."""
        if self._noted(section_id).note != text:
            self.undo_stack.push(EditNoteCommand(self, section_id, text))

    def replace_in_notes(self, term: str, replacement: str, *, case_sensitive: bool = False,
                         whole_words: bool = False) -> tuple[int, int]:
        """Replace ``term`` in every note (one undo step); (matches replaced, notes changed)."""
        notes, count = replace_in_notes(self._outline, term, replacement,
                                        case_sensitive=case_sensitive, whole_words=whole_words)
        if notes:
            self.undo_stack.push(EditNotesCommand(self, notes, f"Replace \u201c{term}\u201d "
                                                  "in all notes"))
        return count, len(notes)

    def set_tags(self, section_id: str, tags: Iterable[str]) -> None:
        """Replace a section's or an excerpt's tags (blank and repeated tags are dropped)."""
        cleaned = clean_tags(tags)
        if self._noted(section_id).tags != cleaned:
            self.undo_stack.push(SetTagsCommand(self, section_id, cleaned))

    def set_detail(self, name: str, value: str) -> None:
        """Change one briefing detail; consecutive typing in a field merges into one undo step."""
        if name not in DETAIL_FIELDS:
            raise KeyError(name)
        if getattr(self._outline.briefing, name) != value:
            self.undo_stack.push(EditDetailCommand(self, name, value))

    def set_order(self, section_ids: Sequence[str]) -> None:
        """Present the picked sections in this order."""
        if list(section_ids) != self.picked_ids():
            self.undo_stack.push(SetOrderCommand(self, list(section_ids)))

    def move_picked(self, row: int, target: int) -> None:
        """Move the picked section at ``row`` of the order so it ends up at ``target``."""
        ids = self.picked_ids()
        if not (0 <= row < len(ids)) or not (0 <= target < len(ids)) or row == target:
            return
        ids.insert(target, ids.pop(row))
        self.set_order(ids)

    def import_articles(self, articles: Sequence[Article]) -> None:
        """Add imported articles at the end of the outline (one undo step)."""
        if articles:
            self.undo_stack.push(ImportArticlesCommand(self, list(articles)))

    def import_replacing(self, replacements: Sequence[tuple[int, Article]],
                         added: Sequence[Article]) -> None:
        """Put imported articles in the place of the ones at the given rows (keeping picks and
        notes on sections whose headings still match) and add the others: one undo step."""
        from briefing.gui.replace_command import ReplaceArticleCommand

        if not replacements:
            self.import_articles(added)
            return
        count = len(replacements) + len(added)
        self.undo_stack.beginMacro("Import article" if count == 1 else f"Import {count} articles")
        try:
            for row, article in replacements:
                self.undo_stack.push(ReplaceArticleCommand(self, row, article))
            self.import_articles(added)
        finally:
            self.undo_stack.endMacro()

    def add_excerpt(self, article_row: int, excerpt: Excerpt) -> None:
        """Add an excerpt (anchored by the caller) to the article at this row, at the end of
        the briefing's order: one undo step."""
        from briefing.gui.excerpt_commands import AddExcerptCommand

        self.undo_stack.push(AddExcerptCommand(self, article_row, excerpt))

    def remove_excerpt(self, excerpt_id: str) -> None:
        """Remove an excerpt with its note and tags: one undo step."""
        from briefing.gui.excerpt_commands import RemoveExcerptCommand

        if self.find_excerpt(excerpt_id) is not None:
            self.undo_stack.push(RemoveExcerptCommand(self, excerpt_id))

    def restore_discarded(self, article_row: int, discarded_index: int) -> None:
        """Put a line the importer left out back into the article's lead text."""
        article = self._outline.articles[article_row]
        if 0 <= discarded_index < len(article.discarded):
            self.undo_stack.push(RestoreDiscardedCommand(self, article_row, discarded_index))

    def edit_outline(self, edit: Edit, section_id: str | None, article_row: int | None) -> None:
        """Carry out a planned outline edit as one undo step; undo comes back to the section
        (or article) the user acted on."""
        if edit.steps:
            self.undo_stack.push(OutlineEditCommand(self, edit, section_id, article_row))

    # ----------------------------------------------------------------- queries for views

    def picked_ids(self) -> list[str]:
        """Ids of the picked sections and the excerpts, in the briefing's order."""
        if self._picked is None:
            self._picked = [item.id for _, item in self._outline.entries_in_order()]
        return list(self._picked)

    def find_excerpt(self, excerpt_id: str) -> tuple[int, Article, Excerpt] | None:
        """The excerpt with this id, with its article and the article's row, or None."""
        for row, article in enumerate(self._outline.articles):
            for excerpt in article.excerpts:
                if excerpt.id == excerpt_id:
                    return row, article, excerpt
        return None

    def noted(self, item_id: str) -> Section | Excerpt | None:
        """The section or excerpt with this id (both carry a note and tags), or None."""
        section = self.section(item_id)
        if section is not None:
            return section
        found = self.find_excerpt(item_id) if item_id.startswith("e") else None
        return found[2] if found else None

    def _noted(self, item_id: str) -> Section | Excerpt:
        found = self.noted(item_id)
        if found is None:
            raise KeyError(item_id)
        return found

    def find(self, section_id: str) -> tuple[Article, Section] | None:
        """The section with this id and its article, or None."""
        if self._by_id is None:
            self._by_id = {section.id: (article, section)
                           for article, section in self._outline.walk()}
        return self._by_id.get(section_id)

    def section(self, section_id: str) -> Section | None:
        """The section with this id, or None."""
        found = self.find(section_id)
        return found[1] if found else None

    def _section(self, section_id: str) -> Section:
        found = self.section(section_id)
        if found is None:
            raise KeyError(section_id)
        return found

    def _forget_caches(self) -> None:
        self._by_id = None
        self._picked = None

    def _sync_order(self) -> None:
        """Keep the briefing's order in step with the picks and excerpts. The picked ids are then
        that order, so the views asking for them next cost no second pass over the outline."""
        self._outline.sync_order()
        self._picked = list(self._outline.briefing.order)

    def _order_in_step(self) -> bool:
        """Whether ``briefing.order`` is known to list exactly the picked sections and the
        excerpts (as :meth:`_sync_order` leaves it) without a pass over the outline: the
        cached picked ids are that list, and they are forgotten on every change."""
        return self._picked is not None and self._picked == self._outline.briefing.order

    # ------------------------------------------------ changes applied by the undo commands

    def apply_picked(self, picks: dict[str, bool], order: list[str] | None) -> None:
        """Set picks; ``order`` None keeps ``briefing.order`` in step with the picks."""
        for section_id, picked in picks.items():
            self._section(section_id).picked = picked
        self._picked = None
        if order is None:
            self._sync_order()
        else:
            self._outline.briefing.order = list(order)
        for section_id in picks:
            self.section_changed.emit(section_id)
        self.picks_changed.emit()
        self.order_changed.emit()
        self.changed.emit()

    def apply_note(self, section_id: str, text: str) -> None:
        self._noted(section_id).note = text
        self.section_changed.emit(section_id)
        self.changed.emit()

    def apply_tags(self, section_id: str, tags: list[str]) -> None:
        self._noted(section_id).tags = list(tags)
        self.section_changed.emit(section_id)
        self.changed.emit()

    def apply_detail(self, name: str, value: str) -> None:
        setattr(self._outline.briefing, name, value)
        self.detail_changed.emit(name)
        self.changed.emit()

    def apply_order(self, order: list[str]) -> None:
        self._outline.briefing.order = list(order)
        self._picked = None
        self.order_changed.emit()
        self.changed.emit()

    def apply_insert_articles(self, articles: list[Article]) -> None:
        """Append articles, giving new sections fresh ids (kept across undo and redo)."""
        first = len(self._outline.articles)
        last = first + len(articles) - 1
        in_step = self._order_in_step()
        self.articles_about_to_be_inserted.emit(first, last)
        self._outline.add_articles(articles)  # one scan of the outline for all of them
        self._forget_caches()
        self.articles_inserted.emit(first, last)
        if in_step:  # their entries go at the end, as a full sync would put them
            self._outline.briefing.order.extend(self._outline.entry_ids(articles))
            self._picked = list(self._outline.briefing.order)
        else:
            self._sync_order()
        self.order_changed.emit()
        self.changed.emit()

    def apply_remove_last_articles(self, count: int) -> list[Article]:
        """Remove the last ``count`` articles and return them."""
        last = len(self._outline.articles) - 1
        first = last - count + 1
        in_step = self._order_in_step()
        self.articles_about_to_be_removed.emit(first, last)
        removed = self._outline.articles[first:]
        del self._outline.articles[first:]
        self._forget_caches()
        self.articles_removed.emit(first, last)
        if in_step:  # their entries leave the order; the rest stays as it was
            gone = set(self._outline.entry_ids(removed))
            self._outline.briefing.order = [entry for entry in self._outline.briefing.order
                                            if entry not in gone]
            self._picked = list(self._outline.briefing.order)
        else:
            self._sync_order()
        self.order_changed.emit()
        self.changed.emit()
        return removed

    def apply_replace_article(self, row: int, article: Article, *, carry_work: bool) -> Article:
        """Put ``article`` at ``row`` and return the one it replaces; with ``carry_work``, its
        sections take the ids, picks, notes and tags of the old sections with the same heading.

        The views see the articles from ``row`` on removed and inserted again (the tree's model
        adds and removes articles at the end only).
        """
        from briefing.core.duplicates import replace_article

        articles = self._outline.articles
        last = len(articles) - 1
        self.articles_about_to_be_removed.emit(row, last)
        tail = articles[row:]
        del articles[row:]
        self.articles_removed.emit(row, last)
        self.articles_about_to_be_inserted.emit(row, last)
        articles.extend(tail)
        if carry_work:
            old = replace_article(self._outline, row, article)
        else:
            old, articles[row] = articles[row], article
            self._outline.count_section_ids(article.walk())
        self._forget_caches()
        self.articles_inserted.emit(row, last)
        self._sync_order()
        self.picks_changed.emit()
        self.order_changed.emit()
        self.changed.emit()
        return old

    def apply_insert_excerpt(self, article_row: int, index: int, excerpt: Excerpt,
                             order: list[str] | None) -> None:
        """Put ``excerpt`` at ``index`` of the article's excerpts; ``order`` None adds it at
        the end of the briefing's order."""
        self.excerpts_about_to_change.emit(article_row)
        self._outline.articles[article_row].excerpts.insert(index, excerpt)
        self._excerpts_done(article_row, order)

    def apply_remove_excerpt(self, article_row: int, index: int) -> Excerpt:
        """Take the excerpt at ``index`` out of the article (and out of the order)."""
        self.excerpts_about_to_change.emit(article_row)
        excerpt = self._outline.articles[article_row].excerpts.pop(index)
        self._excerpts_done(article_row, None)
        return excerpt

    def _excerpts_done(self, article_row: int, order: list[str] | None) -> None:
        self._picked = None
        if order is None:
            self._sync_order()
        else:
            self._outline.briefing.order = list(order)
        self.excerpts_changed.emit(article_row)
        self.picks_changed.emit()
        self.order_changed.emit()
        self.changed.emit()

    def apply_steps(self, steps: list[Step], focus: str | None,
                    article_row: int | None) -> list[Step]:
        """Carry out an outline edit's steps, telling the views of each; returns the undo.

        The excerpts of the articles the steps touch are taken out of the views first, found
        again in the edited text afterwards (orphaned if their text went) and listed anew.
        """
        touched = self._articles_with_excerpts(steps)
        for article in touched:
            self.excerpts_about_to_change.emit(self._outline.articles.index(article))
        undo = apply_steps(self._outline, steps, self)
        for article in touched:
            reanchor_all([article])
            self.excerpts_changed.emit(self._outline.articles.index(article))
        if touched:
            self._picked = None
        if any(_touches_picks(step) for step in steps):
            self._picked = None
            self.picks_changed.emit()
            self.order_changed.emit()
        self.changed.emit()
        self.focus_requested.emit(focus, article_row)
        return undo

    def _articles_with_excerpts(self, steps: list[Step]) -> list[Article]:
        """The articles with excerpts whose sections or text the steps change."""
        found: list[Article] = []
        for step in steps:
            if isinstance(step, InsertArticles | RemoveArticles):
                continue  # an article's rows come and go with its excerpts
            if isinstance(step, InsertExcerpt | RemoveExcerpt):
                if all(step.article is not other for other in found):
                    found.append(step.article)
                continue
            if isinstance(step, SetField) and isinstance(step.target, Excerpt):
                continue  # re-anchored beside the section steps that move its text
            owners = ([step.target] if isinstance(step, SetField)
                      else [step.source, step.target] if isinstance(step, MoveSections)
                      else [step.owner])
            for owner in owners:
                article = owner if isinstance(owner, Article) else None
                if isinstance(owner, Section):
                    located = self.find(owner.id)
                    article = located[0] if located else None
                if article is not None and article.excerpts and all(
                        article is not other for other in found):
                    found.append(article)
        return found

    def before_step(self, step: Step) -> None:
        if isinstance(step, InsertArticles):
            self.articles_about_to_be_inserted.emit(step.index,
                                                    step.index + len(step.articles) - 1)
        elif isinstance(step, RemoveArticles):
            self.articles_about_to_be_removed.emit(step.index, step.index + step.count - 1)
        elif isinstance(step, InsertExcerpt | RemoveExcerpt):
            pass  # their article's excerpt rows are out of the views while the steps run
        elif not isinstance(step, SetField):
            self.sections_about_to_change.emit(step)

    def after_step(self, step: Step) -> None:
        if isinstance(step, InsertExcerpt | RemoveExcerpt):
            return
        if not isinstance(step, SetField):
            self._by_id = None  # which sections there are, and where, changed
        if isinstance(step, InsertArticles):
            self.articles_inserted.emit(step.index, step.index + len(step.articles) - 1)
        elif isinstance(step, RemoveArticles):
            self.articles_removed.emit(step.index, step.index + step.count - 1)
        elif not isinstance(step, SetField):
            self.sections_changed.emit(step)
        elif isinstance(step.target, Section):
            self.section_changed.emit(step.target.id)
        elif isinstance(step.target, Article):
            rows = (row for row, article in enumerate(self._outline.articles)
                    if article is step.target)
            row = next(rows, None)
            if row is not None:
                self.article_changed.emit(row)

    def apply_restore(self, article_row: int, discarded_index: int) -> Discarded:
        """Move a discarded line into the article's lead, after the lead's existing text."""
        article = self._outline.articles[article_row]
        item = article.discarded.pop(discarded_index)
        article.blocks.append(Block(BlockKind.PARAGRAPH, item.text))
        self.article_changed.emit(article_row)
        self.changed.emit()
        return item

    def apply_unrestore(self, article_row: int, discarded_index: int, item: Discarded) -> None:
        article = self._outline.articles[article_row]
        article.blocks.pop()
        article.discarded.insert(discarded_index, copy.copy(item))
        self.article_changed.emit(article_row)
        self.changed.emit()


def _touches_picks(step: Step) -> bool:
    """Whether a step may change which sections are picked or their order (a heading or a
    paragraph edited, or a section moved among picked ones, does not)."""
    if isinstance(step, SetField):
        return step.name in ("picked", "order")
    return not isinstance(step, MoveSections)


def clean_tags(tags: Iterable[str]) -> list[str]:
    """Tags stripped, without blanks or repeats, in the order given."""
    result: list[str] = []
    for tag in tags:
        tag = tag.strip().lstrip("#").strip()
        if tag and tag not in result:
            result.append(tag)
    return result
