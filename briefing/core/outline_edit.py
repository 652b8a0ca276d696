"""Editing the outline: rename, re-level, move, split, merge, delete, fix article details.

Every operation is planned first (``plan_*``: nothing changes, an impossible edit raises
:class:`EditError` with what to do instead) as an :class:`Edit`, a list of a few primitive
:data:`Step` s. :func:`apply_steps` carries them out and returns the steps that undo them, and
applying those returns the steps that redo them: each primitive knows its exact inverse, so an
undo gives back the very objects that were there, not copies. A GUI passes an observer that
hears of each step before and after it happens, to tell its views exactly which rows change.

Section ids stay stable: an edited, moved or re-levelled section keeps its id (a split gives
the new half a fresh id, a merge keeps the first section's id), so notes and picks stay attached
and a diff of the outline file shows only what changed. A section that goes (deleted, merged)
takes its id out of the briefing's order; merged text and notes go to the section that takes
it in, never lost.

Excerpts follow their text: deleting a section or an article deletes the excerpts that quote
it (and their ids in the order); merging, splitting and making a heading re-anchor the
excerpts whose text moves to another section, so they stay anchored, not orphaned.

Promoting and demoting keep the text in document order, as an outliner does: a demoted section
becomes the last subsection of the section before it; a promoted section moves up beside its
parent, and the sections after it under that parent become its subsections.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, replace
from typing import Protocol

from briefing.core.anchoring import (
    BLOCK_BREAK,
    lead_section,
    make_anchor,
    resolve,
    sections_by_id,
)
from briefing.core.dates import read_date
from briefing.core.errors import BriefingError
from briefing.core.model import (
    LEAD,
    Article,
    Block,
    BlockKind,
    BriefingDetails,
    Excerpt,
    Outline,
    Section,
)

logger = logging.getLogger(__name__)

Owner = Article | Section
"""What holds a list of sections: an article (its top level) or a section (its subsections)."""

ARTICLE_FIELDS: tuple[str, ...] = ("title", "author", "publisher", "date", "url")
"""The article details a user edits."""


class EditError(BriefingError):
    """An edit that cannot be made here (e.g. promoting a top-level section)."""

    def __init__(self, problem: str, hint: str = "") -> None:
        super().__init__(None, problem, hint=hint)


# ------------------------------------------------------------------------ primitive steps

@dataclass(eq=False)
class InsertSections:
    """Put ``sections`` into ``owner.sections`` at ``index``."""

    owner: Owner
    index: int
    sections: list[Section]


@dataclass(eq=False)
class RemoveSections:
    """Take ``count`` sections out of ``owner.sections`` from ``index``."""

    owner: Owner
    index: int
    count: int


@dataclass(eq=False)
class MoveSections:
    """Move ``count`` sections from ``source.sections[first:]`` to ``target.sections``.

    ``index`` is the place in the target's list once they are taken out of the source.
    """

    source: Owner
    first: int
    count: int
    target: Owner
    index: int


@dataclass(eq=False)
class SetField:
    """Set one attribute of a section, an article, an excerpt or the briefing details."""

    target: Section | Article | Excerpt | BriefingDetails
    name: str
    value: object


@dataclass(eq=False)
class InsertArticles:
    index: int
    articles: list[Article]


@dataclass(eq=False)
class RemoveArticles:
    index: int
    count: int


@dataclass(eq=False)
class InsertExcerpt:
    """Put ``excerpt`` into ``article.excerpts`` at ``index``."""

    article: Article
    index: int
    excerpt: Excerpt


@dataclass(eq=False)
class RemoveExcerpt:
    """Take the excerpt at ``index`` out of ``article.excerpts``."""

    article: Article
    index: int


Step = (InsertSections | RemoveSections | MoveSections | SetField | InsertArticles
        | RemoveArticles | InsertExcerpt | RemoveExcerpt)


class StepObserver(Protocol):
    """Told of each step just before and just after it changes the outline."""

    def before_step(self, step: Step) -> None: ...

    def after_step(self, step: Step) -> None: ...


@dataclass(eq=False)
class Edit:
    """A planned edit: what to call it, its steps, and the section to show afterwards."""

    label: str
    steps: list[Step]
    focus: str | None = None
    """The id of the section the edit is about once it is done (None: its article)."""
    article_row: int | None = None
    """The article to show once it is done (None: there is none left)."""


def _apply_one(outline: Outline, step: Step) -> Step:
    if isinstance(step, InsertSections):
        step.owner.sections[step.index:step.index] = step.sections
        outline.count_section_ids(inner for top in step.sections for inner in top.walk())
        return RemoveSections(step.owner, step.index, len(step.sections))
    if isinstance(step, RemoveSections):
        taken = step.owner.sections[step.index:step.index + step.count]
        del step.owner.sections[step.index:step.index + step.count]
        return InsertSections(step.owner, step.index, taken)
    if isinstance(step, MoveSections):
        moving = step.source.sections[step.first:step.first + step.count]
        del step.source.sections[step.first:step.first + step.count]
        step.target.sections[step.index:step.index] = moving
        return MoveSections(step.target, step.index, step.count, step.source, step.first)
    if isinstance(step, SetField):
        old = getattr(step.target, step.name)
        setattr(step.target, step.name, step.value)
        return SetField(step.target, step.name, old)
    if isinstance(step, InsertArticles):
        outline.articles[step.index:step.index] = step.articles
        outline.count_section_ids(inner for article in step.articles for inner in article.walk())
        return RemoveArticles(step.index, len(step.articles))
    if isinstance(step, InsertExcerpt):
        step.article.excerpts.insert(step.index, step.excerpt)
        return RemoveExcerpt(step.article, step.index)
    if isinstance(step, RemoveExcerpt):
        return InsertExcerpt(step.article, step.index, step.article.excerpts.pop(step.index))
    taken_articles = outline.articles[step.index:step.index + step.count]
    del outline.articles[step.index:step.index + step.count]
    return InsertArticles(step.index, taken_articles)


def apply_steps(outline: Outline, steps: list[Step],
                observer: StepObserver | None = None) -> list[Step]:
    """Carry out ``steps`` in order; returns the steps that undo them exactly."""
    inverse: list[Step] = []
    for step in steps:
        if observer is not None:
            observer.before_step(step)
        inverse.append(_apply_one(outline, step))
        if observer is not None:
            observer.after_step(step)
    inverse.reverse()
    return inverse


# ---------------------------------------------------------------------------- finding

@dataclass
class Place:
    """Where a section is: its article's row, the owner of its list and its index there."""

    article_row: int
    owner: Owner
    index: int

    @property
    def section(self) -> Section:
        return self.owner.sections[self.index]


def locate(outline: Outline, section_id: str) -> Place:
    """Where the section with this id is; :class:`EditError` when there is none."""
    for row, article in enumerate(outline.articles):
        stack: list[Owner] = [article]
        while stack:
            owner = stack.pop()
            for index, section in enumerate(owner.sections):
                if section.id == section_id:
                    return Place(row, owner, index)
                if section.sections:
                    stack.append(section)
    raise EditError(f"There is no section {section_id!r} in the outline",
                    hint="It may have been deleted; choose another section")


def parent_of(outline: Outline, owner: Section) -> Place:
    """Where the section that holds ``owner``'s list is."""
    return locate(outline, owner.id)


def notes_in(node: Article | Section) -> int:
    """How many sections in ``node`` (itself included) have a note."""
    return sum(1 for section in node.walk() if section.note.strip())


def _ids(node: Article | Section) -> set[str]:
    return {section.id for section in node.walk()}


def excerpts_in(outline: Outline, node: Article | Section) -> list[Excerpt]:
    """The excerpts that go when ``node`` is deleted: all of an article's; of a section, those
    anchored in it or its subsections."""
    if isinstance(node, Article):
        return list(node.excerpts)
    article = outline.articles[locate(outline, node.id).article_row]
    ids = _ids(node)
    return [excerpt for excerpt in article.excerpts if excerpt.anchor.section_id in ids]


def excerpt_notes_in(outline: Outline, node: Article | Section) -> int:
    """How many of the excerpts that go with ``node`` have a note."""
    return sum(1 for excerpt in excerpts_in(outline, node) if excerpt.note.strip())


def _carry_excerpts(article: Article, source: Section, cut: int, dest: Section,
                    shift: int) -> list[Step]:
    """Steps that re-anchor the excerpts quoting ``source`` from offset ``cut`` of its text on
    into ``dest`` (the section as it will be), where that text will start at offset ``shift``.

    When ``source`` goes wholly into ``dest`` (``cut`` 0), its other excerpts (orphaned, or
    found elsewhere) name ``dest`` from then on, so none names a section that is gone.
    """
    steps: list[Step] = []
    sections = sections_by_id(article)
    for excerpt in article.excerpts:
        if excerpt.anchor.section_id != source.id:
            continue
        span = resolve(article, excerpt.anchor, sections)
        if span is not None and span.section.id == source.id and span.start >= cut:
            start = span.start - cut + shift
            steps.append(SetField(excerpt, "anchor",
                                  make_anchor(dest, start, start + span.end - span.start)))
        elif cut == 0:
            steps.append(SetField(excerpt, "anchor", replace(excerpt.anchor,
                                                             section_id=dest.id)))
    return steps


def _order_without(outline: Outline, gone: set[str]) -> list[Step]:
    order = outline.briefing.order
    kept = [section_id for section_id in order if section_id not in gone]
    return [SetField(outline.briefing, "order", kept)] if kept != order else []


def _check_heading(text: str) -> str:
    heading = " ".join(text.split())
    if not heading:
        raise EditError("A heading cannot be blank", hint="Type the heading's text")
    return heading


# ------------------------------------------------------------------------- operations

def plan_rename(outline: Outline, section_id: str, heading: str) -> Edit:
    """Give a section a new heading (its number, if any, stays)."""
    place = locate(outline, section_id)
    text = _check_heading(heading)
    steps: list[Step] = []
    if text != place.section.heading:
        steps.append(SetField(place.section, "heading", text))
    return Edit("Rename heading", steps, section_id, place.article_row)


def plan_move(outline: Outline, section_id: str, offset: int) -> Edit:
    """Move a section up (-1) or down (+1) among its siblings, subsections and all."""
    place = locate(outline, section_id)
    target = place.index + offset
    if offset not in (-1, 1) or not 0 <= target < len(place.owner.sections):
        where = "first" if offset < 0 else "last"
        raise EditError(f"\u201c{place.section.heading}\u201d is already the {where} section "
                        "at its level", hint="Promote or demote it to move it further")
    step = MoveSections(place.owner, place.index, 1, place.owner, target)
    return Edit("Move section up" if offset < 0 else "Move section down", [step], section_id,
                place.article_row)


def plan_demote(outline: Outline, section_id: str) -> Edit:
    """Make a section the last subsection of the section before it."""
    place = locate(outline, section_id)
    if place.index == 0:
        raise EditError(f"\u201c{place.section.heading}\u201d has no section before it to go "
                        "under", hint="Move it down first, or demote the section above")
    before = place.owner.sections[place.index - 1]
    step = MoveSections(place.owner, place.index, 1, before, len(before.sections))
    return Edit("Demote section", [step], section_id, place.article_row)


def plan_promote(outline: Outline, section_id: str) -> Edit:
    """Move a section up beside its parent; the sections after it there become its own."""
    place = locate(outline, section_id)
    if not isinstance(place.owner, Section):
        raise EditError(f"\u201c{place.section.heading}\u201d is already at the top level",
                        hint="Only a subsection can be promoted")
    parent = parent_of(outline, place.owner)
    section = place.section
    steps: list[Step] = []
    following = len(place.owner.sections) - place.index - 1
    if following:
        steps.append(MoveSections(place.owner, place.index + 1, following, section,
                                  len(section.sections)))
    steps.append(MoveSections(place.owner, place.index, 1, parent.owner, parent.index + 1))
    return Edit("Promote section", steps, section_id, place.article_row)


def _lead_or_blocks(outline: Outline, owner_id: str | None,
                    article_row: int) -> tuple[Owner, Place | None]:
    """The article (``owner_id`` None: its lead text) or the section whose blocks are meant."""
    if owner_id is None:
        if not 0 <= article_row < len(outline.articles):
            raise EditError(f"There is no article {article_row + 1} in the outline")
        return outline.articles[article_row], None
    place = locate(outline, owner_id)
    return place.section, place


def _split(outline: Outline, owner: Owner, place: Place | None, at: int, heading: str,
           drop_first: bool) -> tuple[list[Step], str]:
    """Steps that start a new section at block ``at``; with ``drop_first`` that block is the
    new heading rather than the new section's first paragraph."""
    new_id = outline.next_section_id()
    rest = owner.blocks[at + 1:] if drop_first else owner.blocks[at:]
    new = Section(id=new_id, heading=heading, blocks=list(rest))
    steps: list[Step] = [SetField(owner, "blocks", owner.blocks[:at])]
    if place is None:
        steps.append(InsertSections(owner, 0, [new]))
        if isinstance(owner, Article):  # (lead excerpts after the cut go with their text)
            moved = owner.blocks[:len(owner.blocks) - len(rest)]
            cut = sum(len(block.text) + len(BLOCK_BREAK) for block in moved)
            steps += _carry_excerpts(owner, lead_section(owner), cut, new, 0)
    else:
        steps.append(InsertSections(place.owner, place.index + 1, [new]))
        if owner.sections:
            steps.append(MoveSections(owner, 0, len(owner.sections), new, 0))
        if isinstance(owner, Section):
            moved = owner.blocks[:len(owner.blocks) - len(rest)]
            cut = sum(len(block.text) + len(BLOCK_BREAK) for block in moved)
            steps += _carry_excerpts(outline.articles[place.article_row], owner, cut, new, 0)
    return steps, new_id


def _check_block(owner: Owner, at: int) -> Block:
    if not 0 <= at < len(owner.blocks):
        raise EditError(f"There is no paragraph {at + 1} here ({len(owner.blocks)} in all)")
    return owner.blocks[at]


def plan_split(outline: Outline, section_id: str | None, at: int, heading: str, *,
               article_row: int = 0) -> Edit:
    """Start a new section (fresh id) at paragraph ``at``: it takes that paragraph, the ones
    after it and the subsections; the original keeps its id and the paragraphs before.

    ``section_id`` None splits the article's lead text: the new section becomes its first.
    """
    owner, place = _lead_or_blocks(outline, section_id, article_row)
    _check_block(owner, at)
    text = _check_heading(heading)
    if at == 0 and place is not None:
        raise EditError("A section cannot be split before its first paragraph",
                        hint="Choose a later paragraph, or rename the section")
    steps, new_id = _split(outline, owner, place, at, text, drop_first=False)
    row = place.article_row if place else article_row
    return Edit("Split section", steps, new_id, row)


def plan_make_heading(outline: Outline, section_id: str | None, at: int, *,
                      article_row: int = 0) -> Edit:
    """Turn paragraph ``at`` into the heading of a new section holding what follows it."""
    owner, place = _lead_or_blocks(outline, section_id, article_row)
    block = _check_block(owner, at)
    text = _check_heading(block.text)
    steps, new_id = _split(outline, owner, place, at, text, drop_first=True)
    row = place.article_row if place else article_row
    return Edit("Make heading", steps, new_id, row)


def _deepest_last(section: Section) -> Section:
    while section.sections:
        section = section.sections[-1]
    return section


def _absorb(outline: Outline, target: Section | Article, donor: Section, place: Place,
            blocks: list[Block], sections_at: int) -> list[Step]:
    """Steps that fold ``donor`` (at ``place``) into ``target``: its ``blocks`` go after the
    target's, its subsections to ``target.sections[sections_at]``, its note, tags and pick to
    the target; then the donor goes."""
    merged = [*target.blocks, *blocks]
    steps: list[Step] = [SetField(target, "blocks", merged)]
    ahead = merged[:len(merged) - len(donor.blocks)]
    shift = sum(len(block.text) + len(BLOCK_BREAK) for block in ahead)
    into = Section(target.id, target.heading, blocks=merged) if isinstance(target, Section) \
        else Section(LEAD, target.title, blocks=merged)
    steps += _carry_excerpts(outline.articles[place.article_row], donor, 0, into, shift)
    if donor.sections:
        steps.append(MoveSections(donor, 0, len(donor.sections), target, sections_at))
    order = list(outline.briefing.order)
    if isinstance(target, Section):
        if donor.note.strip():
            joined = f"{target.note.rstrip()}\n\n{donor.note.strip()}\n" \
                if target.note.strip() else donor.note
            steps.append(SetField(target, "note", joined))
        tags = [*target.tags, *(tag for tag in donor.tags if tag not in target.tags)]
        if tags != target.tags:
            steps.append(SetField(target, "tags", tags))
        if donor.picked and not target.picked:
            steps.append(SetField(target, "picked", True))
            order = [target.id if sid == donor.id else sid for sid in order]
    steps.append(RemoveSections(place.owner, place.index, 1))
    kept = [sid for sid in order if sid != donor.id]
    if kept != outline.briefing.order:
        steps.append(SetField(outline.briefing, "order", kept))
    return steps


def plan_merge_next(outline: Outline, section_id: str) -> Edit:
    """Merge the next section at the same level into this one (this one's id stays)."""
    place = locate(outline, section_id)
    if place.index + 1 >= len(place.owner.sections):
        raise EditError(f"\u201c{place.section.heading}\u201d is the last section at its "
                        "level: there is nothing after it to merge",
                        hint="Merge the section before it instead")
    first = place.section
    donor = place.owner.sections[place.index + 1]
    donor_place = Place(place.article_row, place.owner, place.index + 1)
    steps = _absorb(outline, first, donor, donor_place, donor.blocks, len(first.sections))
    return Edit("Merge sections", steps, section_id, place.article_row)


def plan_make_paragraph(outline: Outline, section_id: str) -> Edit:
    """Turn a heading back into a paragraph of the text before it, in document order.

    Its text joins the section just before it (its parent when it is the first subsection);
    its subsections stay where they were in reading order, and its note, tags and pick go
    with its text.
    """
    place = locate(outline, section_id)
    section = place.section
    paragraph = [Block(BlockKind.PARAGRAPH, section.label), *section.blocks]
    if place.index > 0:
        target: Section | Article = _deepest_last(place.owner.sections[place.index - 1])
        sections_at = 0
    elif isinstance(place.owner, Section):
        target, sections_at = place.owner, place.index + 1
    else:
        target, sections_at = place.owner, place.index + 1
        if section.note.strip() or section.picked:
            raise EditError(f"\u201c{section.heading}\u201d would join the article's lead "
                            "text, which cannot hold a note or a pick",
                            hint="Move its note elsewhere and unpick it first (its "
                            "excerpts go with its text)")
    steps = _absorb(outline, target, section, place, paragraph, sections_at)
    focus = target.id if isinstance(target, Section) else None
    return Edit("Make paragraph", steps, focus, place.article_row)


def plan_edit_paragraph(outline: Outline, section_id: str | None, at: int, text: str, *,
                        article_row: int = 0) -> Edit:
    """Replace a paragraph's text; blank text removes the paragraph."""
    owner, place = _lead_or_blocks(outline, section_id, article_row)
    block = _check_block(owner, at)
    cleaned = text.strip()
    if cleaned == block.text:
        blocks = owner.blocks
    elif cleaned:
        blocks = [*owner.blocks[:at], Block(block.kind, cleaned), *owner.blocks[at + 1:]]
    else:
        blocks = [*owner.blocks[:at], *owner.blocks[at + 1:]]
    steps: list[Step] = [SetField(owner, "blocks", blocks)] if blocks is not owner.blocks \
        else []
    label = "Edit paragraph" if cleaned else "Delete paragraph"
    return Edit(label, steps, section_id, place.article_row if place else article_row)


def _remove_excerpts(article: Article, going: list[Excerpt]) -> list[Step]:
    """Steps that take ``going`` out of the article's excerpts, last first (so each index
    holds, and undoing puts each back at its place)."""
    rows = [index for index, excerpt in enumerate(article.excerpts)
            if any(excerpt is gone for gone in going)]
    return [RemoveExcerpt(article, index) for index in reversed(rows)]


def plan_delete_section(outline: Outline, section_id: str) -> Edit:
    """Delete a section with its subsections, their picks, notes and excerpts."""
    place = locate(outline, section_id)
    section = place.section
    going = excerpts_in(outline, section)
    gone = _ids(section) | {excerpt.id for excerpt in going}
    steps: list[Step] = [*_remove_excerpts(outline.articles[place.article_row], going),
                         RemoveSections(place.owner, place.index, 1),
                         *_order_without(outline, gone)]
    siblings = place.owner.sections
    if len(siblings) > 1:
        focus: str | None = siblings[place.index + 1 if place.index + 1 < len(siblings)
                                     else place.index - 1].id
    else:
        focus = place.owner.id if isinstance(place.owner, Section) else None
    return Edit("Delete section", steps, focus, place.article_row)


def plan_delete_article(outline: Outline, row: int) -> Edit:
    """Delete an article with all its sections, picks, notes and excerpts."""
    if not 0 <= row < len(outline.articles):
        raise EditError(f"There is no article {row + 1} in the outline")
    article = outline.articles[row]
    gone = _ids(article) | {excerpt.id for excerpt in article.excerpts}
    steps: list[Step] = [RemoveArticles(row, 1), *_order_without(outline, gone)]
    remaining = len(outline.articles) - 1
    return Edit("Delete article", steps, None, min(row, remaining - 1) if remaining else None)


def plan_article_details(outline: Outline, row: int, details: dict[str, str], *,
                         locale: str | None = None) -> Edit:
    """Change an article's title, author, publisher, date or url.

    A changed date is read by :func:`~briefing.core.dates.read_date` and stored as ISO; one
    that cannot be read raises its :class:`~briefing.core.dates.DateReadError`.
    """
    if not 0 <= row < len(outline.articles):
        raise EditError(f"There is no article {row + 1} in the outline")
    article = outline.articles[row]
    steps: list[Step] = []
    for name, value in details.items():
        if name not in ARTICLE_FIELDS:
            raise EditError(f"{name!r} is not an article detail",
                            hint=f"Use one of: {', '.join(ARTICLE_FIELDS)}")
        new = " ".join(value.split())
        old = getattr(article, name)
        if new == " ".join(old.split()):
            continue
        if name == "date" and new:
            day = read_date(new, locale)
            new = day.isoformat() if day else ""
        if name == "title" and not new:
            raise EditError("An article's title cannot be blank", hint="Type its title")
        if new != old:
            steps.append(SetField(article, name, new))
    return Edit("Edit article details", steps, None, row)
