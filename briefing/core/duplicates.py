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
    files into a large outline): each article's address and title are reduced once."""

    def __init__(self, articles: Sequence[Article]) -> None:
        self._articles = articles
        self._by_url: dict[str, int] = {}
        self._by_title: dict[str, list[int]] = {}
        for index, article in enumerate(articles):
            url = normalised_url(article.url)
            if url:
                self._by_url.setdefault(url, index)
            title = _key(article.title)
            if title:
                self._by_title.setdefault(title, []).append(index)

    def find(self, article: Article) -> int | None:
        """The index of the first of the articles that is the same as ``article``."""
        url = normalised_url(article.url)
        found = [self._by_url[url]] if url in self._by_url else []
        for index in self._by_title.get(_key(article.title), ()):
            if is_same_article(self._articles[index], article):
                found.append(index)
                break
        return min(found, default=None)


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
    sections = sections_by_id(trial)
    return [excerpt for excerpt in found
            if reanchor(trial, copy.deepcopy(excerpt), sections) is None]


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


def add_without_duplicates(outline: Outline, imported: Sequence[tuple[str, Article]],
                           choice: str | None, outline_name: str,
                           warn: WarningSink = log_warning) -> AddedArticles:
    """Add ``(source, article)`` pairs to ``outline``, doing ``choice`` with duplicates.

    With no choice, a duplicate is an :class:`ArticleImportError` naming the source, the article
    it repeats and the options; it is raised before anything is added, so the outline is
    unchanged. Replacing warns about each pick or note it drops.
    """
    if choice is not None and choice not in DUPLICATE_CHOICES:
        raise ValueError(f"unknown duplicate choice {choice!r}")
    if choice is None:
        seen = list(outline.articles)
        sources = [""] * len(seen)
        for source, article in imported:
            row = find_duplicate(seen, article)
            if row is not None and sources[row]:
                # Two of the files given are the same article (or one file is given twice).
                same = "given twice" if sources[row] == source else \
                    f"the same article as {sources[row]}, given before it"
                raise ArticleImportError(
                    source, f"is {same} (\u201c{article.title}\u201d)",
                    hint="Give each article once, or add --duplicate keep-both to keep both")
            if row is not None:
                raise ArticleImportError(
                    source, f"is already in {outline_name}: {_describe(seen[row], row)}",
                    hint="Add --duplicate replace (keeps picks and notes on sections whose "
                         "headings still match), --duplicate keep-both or --duplicate skip")
            seen.append(article)
            sources.append(source)
    result = AddedArticles()
    for source, article in imported:
        row = find_duplicate(outline.articles, article)
        if row is None or choice == "keep-both":
            outline.add_article(article)
            result.added += 1
        elif choice == "skip":
            already = _describe(outline.articles[row], row)
            warn(f"{source}: skipped; {outline_name} already has {already}")
            result.skipped += 1
        else:
            for lost in work_lost_by_replacing(outline.articles[row], article):
                warn(f"{source}: replacing article {row + 1} drops the work on section "
                     f"{lost.heading!r}, whose heading the new version no longer has")
            for excerpt in excerpts_orphaned_by_replacing(outline.articles[row], article):
                warn(f"{source}: the new version of article {row + 1} no longer has the "
                     f"passage of excerpt {excerpt.id} (\u201c{quote_preview(excerpt)}\u201d); "
                     "it stays, orphaned, with its note")
            replace_article(outline, row, article)
            result.replaced += 1
    return result


def _describe(article: Article, row: int) -> str:
    return f"article {row + 1}, \u201c{article.title}\u201d"
