"""Importing an article the outline already has: finding it, and replacing it without losing work.

An article is the same as one in the outline when both have the same web address (compared
without ``www.``, the scheme, a trailing slash or a ``#fragment``), or the same title and the same
source: the same publisher, or, when neither names a publisher, the same source file (or
neither has a file or an address: text pasted twice).

Replacing keeps the analyst's work where it still fits: each section of the new version whose
heading matches one of the old version's (compared without case and spacing, in document order)
takes over that section's id, pick, note and tags, so the briefing's order and the note's
references still hold. Work on old sections that no heading matches any more is listed by
:func:`work_lost_by_replacing` so the user can be told before it goes.
"""

from __future__ import annotations

import copy
import urllib.parse
from collections.abc import Sequence
from dataclasses import dataclass

from briefing.core.anchoring import quote_preview, reanchor, reanchor_all, sections_by_id
from briefing.core.errors import ArticleImportError, WarningSink, log_warning
from briefing.core.model import Article, Excerpt, Outline, Section


def find_duplicate(articles: Sequence[Article], article: Article) -> int | None:
    """The index of the first article in ``articles`` that is the same as ``article``."""
    for index, other in enumerate(articles):
        if is_same_article(other, article):
            return index
    return None


class DuplicateFinder:
    """:func:`find_duplicate` for many articles against the same ones (an import of many
    files into a large outline): each article's address and title are reduced once. Articles
    can be added and replaced as an import goes on."""

    def __init__(self, articles: Sequence[Article]) -> None:
        self._articles = list(articles)
        self._by_key: dict[str, list[int]] = {}
        for index, article in enumerate(self._articles):
            self._index(index, article)

    def find(self, article: Article) -> int | None:
        """The index of the first of the articles that is the same as ``article``."""
        found = [index for key in _keys(article) for index in self._by_key.get(key, ())
                 if is_same_article(self._articles[index], article)]
        return min(found, default=None)

    def add(self, article: Article) -> int:
        """Compare later articles with ``article`` too; its index."""
        self._articles.append(article)
        self._index(len(self._articles) - 1, article)
        return len(self._articles) - 1

    def article(self, index: int) -> Article:
        return self._articles[index]

    def replace(self, index: int, article: Article) -> Article:
        """Put ``article`` at ``index`` (the keys of the one it replaces are checked again on
        each find, so they match nothing it is not the same as); the one replaced."""
        old, self._articles[index] = self._articles[index], article
        self._index(index, article)
        return old

    def _index(self, index: int, article: Article) -> None:
        for key in _keys(article):
            indexes = self._by_key.setdefault(key, [])
            if index not in indexes[-1:]:
                indexes.append(index)


def _keys(article: Article) -> list[str]:
    """The keys an article is found by: its reduced address and its reduced title."""
    url, title = normalised_url(article.url), _key(article.title)
    return [key for key in (f"url {url}" if url else "", f"title {title}" if title else "")
            if key]


def is_same_article(first: Article, second: Article) -> bool:
    """Same web address, or same title and source (see the module's docstring)."""
    first_url, second_url = normalised_url(first.url), normalised_url(second.url)
    if first_url and first_url == second_url:
        return True
    if not _key(first.title) or _key(first.title) != _key(second.title):
        return False
    if first.publisher or second.publisher:
        return _key(first.publisher) == _key(second.publisher)
    if not (first.source_file or second.source_file or first.url or second.url):
        return True  # both pasted as text: the title is all there is to go by
    return bool(first.source_file) and first.source_file == second.source_file


def normalised_url(url: str) -> str:
    """A web address reduced for comparing: host without ``www.``, path without trailing slash,
    the query kept, scheme and fragment dropped; "" for anything that is not a web address."""
    parts = urllib.parse.urlsplit(url.strip())
    if parts.scheme.lower() not in ("http", "https") or not parts.hostname:
        return ""
    host = parts.hostname.lower().removeprefix("www.")
    port = f":{parts.port}" if parts.port not in (None, 80, 443) else ""
    path = parts.path.rstrip("/")
    query = f"?{parts.query}" if parts.query else ""
    return f"{host}{port}{path}{query}"


@dataclass(frozen=True)
class LostWork:
    """An old section with a pick, note or tags that no section of the new version matches."""

    heading: str
    picked: bool
    note: str
    tags: tuple[str, ...]


def work_lost_by_replacing(old: Article, new: Article) -> list[LostWork]:
    """The picks, notes and tags that replacing ``old`` by ``new`` would drop."""
    matched = {id(old_section) for _, old_section in _matches(old, new)}
    return [LostWork(section.heading, section.picked, section.note, tuple(section.tags))
            for section in old.walk()
            if id(section) not in matched and _has_work(section)]


def excerpts_orphaned_by_replacing(old: Article, new: Article) -> list[Excerpt]:
    """The excerpts of ``old`` whose passage ``new`` no longer has: replacing keeps them, but
    orphaned (their quote and note stay; nothing in the article is marked)."""
    found = [excerpt for excerpt in old.excerpts if not excerpt.orphaned]
    if not found:
        return []
    trial = copy.deepcopy(new)
    for new_section, old_section in _matches(old, trial):
        new_section.id = old_section.id
    _give_trial_ids(trial)
    sections = sections_by_id(trial)
    return [excerpt for excerpt in found
            if reanchor(trial, copy.deepcopy(excerpt), sections) is None]


def _give_trial_ids(trial: Article) -> None:
    """Ids for the sections of a trial copy that matched no old heading: without one, such a
    section would stand in the place of the lead (whose id is the empty one) when anchoring."""
    used = {section.id for section in trial.walk()}
    number = 0
    for section in trial.walk():
        while not section.id:
            number += 1
            if (candidate := f"new{number}") not in used:
                section.id = candidate


def replace_article(outline: Outline, row: int, new: Article) -> Article:
    """Put ``new`` in the place of the article at ``row`` and return the old one.

    Sections of ``new`` that match a heading of the old version take its id, pick, note and tags;
    the others without an id get fresh ids, larger than any in the outline (the old version's
    included, so an undo that brings it back never meets a clash; a redo keeps them).
    ``briefing.order`` keeps the carried ids in place and drops the others. The old version's
    excerpts move to ``new`` (as copies, so an undo gets the old ones back untouched) and are
    anchored in its text again: an excerpt whose text is gone stays, orphaned.
    """
    old = outline.articles[row]
    matches = _matches(old, new)
    for new_section, old_section in matches:
        new_section.id = old_section.id
        new_section.picked = old_section.picked
        new_section.note = old_section.note
        new_section.tags = list(old_section.tags)
    outline.give_section_ids(new.walk())
    new.excerpts = copy.deepcopy(old.excerpts)
    reanchor_all([new])
    outline.articles[row] = new
    outline.sync_order()
    return old


def _matches(old: Article, new: Article) -> list[tuple[Section, Section]]:
    """(new section, old section) for each section of ``new`` whose heading matches an unused
    one of ``old``, in document order."""
    by_heading: dict[str, list[Section]] = {}
    for section in old.walk():
        by_heading.setdefault(_key(section.heading), []).append(section)
    found: list[tuple[Section, Section]] = []
    for section in new.walk():
        candidates = by_heading.get(_key(section.heading))
        if candidates:
            found.append((section, candidates.pop(0)))
    return found


def _has_work(section: Section) -> bool:
    return section.picked or bool(section.note.strip()) or bool(section.tags)


def _key(text: str) -> str:
    return " ".join(text.casefold().split())


DUPLICATE_CHOICES = ("replace", "keep-both", "skip")
"""What the command line does with an article the outline already has (``--duplicate``)."""


@dataclass
class AddedArticles:
    """What :func:`add_without_duplicates` did: counts by outcome."""

    added: int = 0
    replaced: int = 0
    skipped: int = 0


@dataclass(frozen=True)
class Repeat:
    """An imported article that is one already there: in the outline (``row``) or earlier in
    the same import (``index`` into the articles :meth:`ImportBatch.take` was given)."""

    in_batch: bool
    index: int


class ImportBatch:
    """The articles of one import, checked one by one against the outline and against the
    earlier articles of the same import that were let in.

    The window and the command line both go through it, so two files of one article chosen
    together are found by the same rule as an article the outline already has. An earlier
    article of the import is the nearer match and is named first; one the user left out is not
    taken, so a later copy of it is compared with the outline alone.
    """

    def __init__(self, outline_articles: Sequence[Article]) -> None:
        self._outline = DuplicateFinder(outline_articles)
        self._taken = DuplicateFinder([])

    def find(self, article: Article) -> Repeat | None:
        """What ``article`` repeats, or None for an article new to the outline and the import."""
        index = self._taken.find(article)
        if index is not None:
            return Repeat(True, index)
        row = self._outline.find(article)
        return None if row is None else Repeat(False, row)

    def take(self, article: Article) -> int:
        """Let ``article`` in: later articles are compared with it; its index."""
        return self._taken.add(article)

    def taken(self, index: int) -> Article:
        return self._taken.article(index)

    def swap(self, index: int, article: Article) -> Article:
        """Put ``article`` in the place of the taken one at ``index`` (a newer version of it);
        the one it replaces."""
        return self._taken.replace(index, article)


def add_without_duplicates(outline: Outline, imported: Sequence[tuple[str, Article]],
                           choice: str | None, outline_name: str,
                           warn: WarningSink = log_warning) -> AddedArticles:
    """Add ``(source, article)`` pairs to ``outline``, doing ``choice`` with duplicates.

    A duplicate is an article the outline already has, or one given earlier in the same import
    (two files of one article, or one file given twice): ``replace`` puts the later version in
    the earlier one's place, ``keep-both`` adds it, ``skip`` leaves it out with a warning.
    With no choice, a duplicate is an :class:`ArticleImportError` naming the source, the article
    it repeats and the options; it is raised before anything is added, so the outline is
    unchanged. Replacing warns about each pick or note it drops.
    """
    if choice is not None and choice not in DUPLICATE_CHOICES:
        raise ValueError(f"unknown duplicate choice {choice!r}")
    if choice is None:
        # With no choice there is nothing to do but refuse or add: each article is checked
        # once, all before the outline changes.
        _refuse_duplicates(outline, imported, outline_name)
        for _, article in imported:
            outline.add_article(article)
        return AddedArticles(added=len(imported))
    batch = ImportBatch(outline.articles)
    sources: list[str] = []
    result = AddedArticles()
    for source, article in imported:
        repeat = batch.find(article)
        if repeat is None or choice == "keep-both":
            outline.add_article(article)
            batch.take(article)
            sources.append(source)
            result.added += 1
        elif choice == "skip":
            warn(f"{source}: skipped; {_repeated(outline, sources, repeat, outline_name)}")
            result.skipped += 1
        elif repeat.in_batch:
            earlier = batch.swap(repeat.index, article)
            row = next(row for row, other in enumerate(outline.articles) if other is earlier)
            warn(f"{source}: replaces {sources[repeat.index]}, the same article given before it")
            sources[repeat.index] = source
            replace_article(outline, row, article)
            result.replaced += 1
        else:
            _replace_with_warnings(outline, repeat.index, source, article, warn)
            batch.take(article)  # a later copy in this import repeats the new version
            sources.append(source)
            result.replaced += 1
    return result


def _refuse_duplicates(outline: Outline, imported: Sequence[tuple[str, Article]],
                       outline_name: str) -> None:
    """Raise for the first article that repeats one of the outline or of the import."""
    batch = ImportBatch(outline.articles)
    sources: list[str] = []
    for source, article in imported:
        repeat = batch.find(article)
        if repeat is not None and repeat.in_batch:
            earlier = sources[repeat.index]
            same = "given twice" if earlier == source else \
                f"the same article as {earlier}, given before it"
            raise ArticleImportError(
                source, f"is {same} (\u201c{article.title}\u201d)",
                hint="Give each article once, or add --duplicate skip to leave out the later "
                     "one, --duplicate keep-both to keep both, or --duplicate replace to keep "
                     "only the later one")
        if repeat is not None:
            raise ArticleImportError(
                source, f"is already in {outline_name}: "
                        f"{_describe(outline.articles[repeat.index], repeat.index)}",
                hint="Add --duplicate replace (keeps picks and notes on sections whose "
                     "headings still match), --duplicate keep-both or --duplicate skip")
        batch.take(article)
        sources.append(source)


def _repeated(outline: Outline, sources: Sequence[str], repeat: Repeat,
              outline_name: str) -> str:
    """What a skipped article repeats, for its warning."""
    if repeat.in_batch:
        return f"the same article as {sources[repeat.index]}, given before it"
    return f"{outline_name} already has {_describe(outline.articles[repeat.index], repeat.index)}"


def _replace_with_warnings(outline: Outline, row: int, source: str, article: Article,
                           warn: WarningSink) -> None:
    for lost in work_lost_by_replacing(outline.articles[row], article):
        warn(f"{source}: replacing article {row + 1} drops the work on section "
             f"{lost.heading!r}, whose heading the new version no longer has")
    for excerpt in excerpts_orphaned_by_replacing(outline.articles[row], article):
        warn(f"{source}: the new version of article {row + 1} no longer has the "
             f"passage of excerpt {excerpt.id} (\u201c{quote_preview(excerpt)}\u201d); "
             "it stays, orphaned, with its note")
    replace_article(outline, row, article)


def _describe(article: Article, row: int) -> str:
    return f"article {row + 1}, \u201c{article.title}\u201d"
