"""Anchoring excerpts to their article, and finding them again after the article changed.

An excerpt is told the way web annotation tools tell a quote (the W3C text quote and text
position selectors, as Hypothesis uses them): the exact text, a few words of context on either
side, and where it started. Finding it again tries, in turn:

1. the stored position: the quote still stands at that section, block and offset;
2. the quote in the same section, then anywhere in the article's lead and sections (the
   article was re-imported, or its sections were cut differently); line breaks and runs of
   spaces may differ. Where the quote occurs more than once, the occurrence whose context
   matches best wins, then the one nearest the old place;
3. else the excerpt is **orphaned**: kept with its quote, note and tags, shown as orphaned, and
   exported from its stored text, never dropped.

A section's text is its blocks joined by :data:`BLOCK_BREAK`; a quote that runs across
paragraphs or list items holds the same separator. The article's lead (its text before the
first heading, all of an article without headings) is anchored to as a section of its own,
:func:`lead_section`, whose id is :data:`~briefing.core.model.LEAD`; an excerpt found again
elsewhere moves between the lead and a section (after *Make Heading*, say).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from briefing.core.model import LEAD, Anchor, Article, Block, BlockKind, Excerpt, Section

BLOCK_BREAK = "\n\n"
"""What stands between two blocks in a section's text and in a quote that spans blocks."""
CONTEXT_CHARS = 40
"""About how much context is kept on each side: a few words, cut at a word boundary and at
the edge of the block (context is what the quote's own sentences hold around it)."""
ELLIPSIS = "\u2026"
_SENTENCE_ENDS = (".", "!", "?", ":", ";", ELLIPSIS)
_CLOSERS = "\"'\u201d\u2019)]"
_SPACE = re.compile(r"\s+")


@dataclass(frozen=True)
class Span:
    """Where an anchored excerpt is now: the blocks of one section it covers."""

    section: Section
    start: int
    """Offset of the quote in the section's text."""
    end: int

    def blocks(self) -> list[Block]:
        """The covered part of each block the quote runs through, keeping each block's kind."""
        blocks = self.section.blocks
        return [Block(blocks[index].kind, blocks[index].text[start:end])
                for index, start, end in self.block_ranges()]

    def block_ranges(self) -> list[tuple[int, int, int]]:
        """(block index, start, end) of the covered characters of each block, for highlights."""
        result: list[tuple[int, int, int]] = []
        position = 0
        for index, block in enumerate(self.section.blocks):
            block_end = position + len(block.text)
            low, high = max(self.start, position), min(self.end, block_end)
            if low < high:
                result.append((index, low - position, high - position))
            position = block_end + len(BLOCK_BREAK)
        return result


def section_text(section: Section) -> str:
    """The section's own text as excerpts see it: its blocks joined by :data:`BLOCK_BREAK`."""
    return BLOCK_BREAK.join(block.text for block in section.blocks)


def _block_start(section: Section, block: int) -> int:
    """Where block number ``block`` starts in the section's text."""
    start = 0
    for item in section.blocks[:block]:
        start += len(item.text)
    return start + block * len(BLOCK_BREAK)


def make_anchor(section: Section, start: int, end: int) -> Anchor:
    """The anchor for the text between offsets ``start`` and ``end`` of the section's text.

    Raises ValueError for an empty or out-of-range selection.
    """
    text = section_text(section)
    if not 0 <= start < end <= len(text):
        raise ValueError(f"no text between {start} and {end} in section {section.id}")
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if start == end:
        raise ValueError("the selection holds only spaces")
    block, position = 0, 0
    for index, item in enumerate(section.blocks):
        if position + len(item.text) >= start:
            block = index
            break
        position += len(item.text) + len(BLOCK_BREAK)
    return Anchor(section_id=section.id, block=block, offset=start - position,
                  quote=text[start:end], before=_before(text, start), after=_after(text, end))


def _before(text: str, start: int) -> str:
    """A few words before ``start``, within its block ('' at the block's start)."""
    context = text[max(0, start - CONTEXT_CHARS):start].rsplit(BLOCK_BREAK, 1)[-1]
    if len(context) == CONTEXT_CHARS and " " in context:
        context = context[context.index(" ") + 1:]
    return context


def _after(text: str, end: int) -> str:
    """A few words after ``end``, within its block ('' at the block's end)."""
    context = text[end:end + CONTEXT_CHARS].split(BLOCK_BREAK, 1)[0]
    if len(context) == CONTEXT_CHARS and " " in context:
        context = context[:context.rindex(" ")]
    return context


def _text_at(section: Section, start: int, text: str) -> bool:
    """Whether ``text`` stands at offset ``start`` of the section's text."""
    return start >= 0 and section_text(section).startswith(text, start)


def _edges_hold(section: Section, anchor: Anchor, end: int) -> bool:
    """Whether an empty context still means what it meant: the edge of a block."""
    text = section_text(section)
    start_holds = bool(anchor.before) or anchor.offset == 0
    end_holds = bool(anchor.after) or end == len(text) or text.startswith(BLOCK_BREAK, end)
    return start_holds and end_holds


def _pattern(quote: str) -> re.Pattern[str]:
    """The quote as a pattern where any run of white space matches any other."""
    return re.compile(r"\s+".join(re.escape(word) for word in quote.split()))


def _common_suffix(a: str, b: str) -> int:
    count = 0
    for x, y in zip(reversed(a), reversed(b), strict=False):
        if x != y:
            break
        count += 1
    return count


def _common_prefix(a: str, b: str) -> int:
    count = 0
    for x, y in zip(a, b, strict=False):
        if x != y:
            break
        count += 1
    return count


def resolve(article: Article, anchor: Anchor,
            sections: dict[str, Section] | None = None) -> Span | None:
    """Where the anchored quote is in ``article`` now, or None when it is gone (orphaned).

    ``sections``: the article's sections by id, when the caller anchors many excerpts.
    """
    if not anchor.quote.strip():
        return None
    if sections is None:
        sections = sections_by_id(article)
    home = sections.get(anchor.section_id)
    if home is not None and anchor.block < len(home.blocks):
        start = _block_start(home, anchor.block) + anchor.offset
        if _text_at(home, start, anchor.quote):
            return Span(home, start, start + len(anchor.quote))
    pattern = _pattern(anchor.quote)
    if home is not None:
        found = _best_match(home, pattern, anchor, prefer_near=True)
        if found is not None:
            return found
    candidates = [found for section in sections.values() if section is not home
                  for found in [_best_match(section, pattern, anchor, prefer_near=False)]
                  if found is not None]
    if not candidates:
        return None
    return max(candidates, key=lambda span: _context_score(span, anchor))


def find_passage(sections: list[Section], quote: str, before: str = "",
                 after: str = "") -> Span | None:
    """Where a passage selected on screen is among ``sections``: the occurrence of ``quote``
    whose surrounding text best matches ``before`` and ``after`` (None: not their text)."""
    if not quote.strip():
        return None
    pattern = _pattern(quote)
    probe = Anchor("", 0, 0, quote, before, after)
    best: Span | None = None
    for section in sections:
        span = _best_match(section, pattern, probe, prefer_near=False)
        if span is not None and (best is None or _context_score(span, probe)
                                 > _context_score(best, probe)):
            best = span
    return best


def lead_section(article: Article) -> Section:
    """The article's lead seen as a section (id :data:`~briefing.core.model.LEAD`, headed by
    the article's title) sharing the article's blocks, so excerpts anchor to it as to any."""
    return Section(id=LEAD, heading=article.title, blocks=article.blocks)


def sections_by_id(article: Article) -> dict[str, Section]:
    """The article's lead (under :data:`~briefing.core.model.LEAD`) and sections by id, for
    anchoring several excerpts in one pass."""
    found = {LEAD: lead_section(article)}
    found.update((section.id, section) for section in article.walk())
    return found


def _context_score(span: Span, anchor: Anchor) -> int:
    text = section_text(span.section)
    return (_common_suffix(text[:span.start], anchor.before)
            + _common_prefix(text[span.end:], anchor.after))


def _best_match(section: Section, pattern: re.Pattern[str], anchor: Anchor,
                prefer_near: bool) -> Span | None:
    text = section_text(section)
    old = _block_start(section, min(anchor.block, len(section.blocks))) + anchor.offset
    best: tuple[int, int] | None = None
    best_span: Span | None = None
    for match in pattern.finditer(text):
        span = Span(section, match.start(), match.end())
        distance = abs(match.start() - old) if prefer_near else 0
        key = (_context_score(span, anchor), -distance)
        if best is None or key > best:
            best, best_span = key, span
    return best_span


def reanchor(article: Article, excerpt: Excerpt,
             sections: dict[str, Section] | None = None) -> Span | None:
    """Find the excerpt in its article, refresh its anchor to where it is now, and mark it
    orphaned or not. Returns where it is (None when orphaned)."""
    anchor = excerpt.anchor
    if sections is None:
        sections = sections_by_id(article)
    home = sections.get(anchor.section_id)
    if home is not None and anchor.block < len(home.blocks):
        start = _block_start(home, anchor.block) + anchor.offset
        end = start + len(anchor.quote)
        if _text_at(home, start - len(anchor.before), anchor.before + anchor.quote
                    + anchor.after) and _edges_hold(home, anchor, end):
            excerpt.orphaned = False  # all as it was: nothing to refresh (the usual case)
            return Span(home, start, end)
    span = resolve(article, anchor, sections)
    excerpt.orphaned = span is None
    if span is not None:
        fresh = make_anchor(span.section, span.start, span.end)
        if fresh != excerpt.anchor:
            excerpt.anchor = fresh
    return span


def reanchor_all(articles: list[Article]) -> int:
    """Re-anchor every excerpt of ``articles``; returns how many are orphaned."""
    orphaned = 0
    for article in articles:
        if not article.excerpts:
            continue
        sections = sections_by_id(article)
        for excerpt in article.excerpts:
            if reanchor(article, excerpt, sections) is None:
                orphaned += 1
    return orphaned


def _blocks_in_place(anchor: Anchor, sections: dict[str, Section]) -> list[Block] | None:
    """The excerpt's blocks when its quote stands at its stored place within one block (the
    usual case), found without joining the section's text: what :meth:`Span.blocks` gives
    there. None when it is not so (:func:`resolve` looks further)."""
    home = sections.get(anchor.section_id)
    if home is None or not anchor.quote.strip() or anchor.offset < 0 \
            or not 0 <= anchor.block < len(home.blocks):
        return None
    block = home.blocks[anchor.block]
    if anchor.offset + len(anchor.quote) > len(block.text) \
            or not block.text.startswith(anchor.quote, anchor.offset):
        return None
    return [Block(block.kind, anchor.quote)]


def excerpt_blocks(article: Article, excerpt: Excerpt,
                   sections: dict[str, Section] | None = None) -> list[Block]:
    """The excerpt's text as blocks for export, with "…" where it starts or ends inside a
    sentence. An orphaned excerpt gives its stored quote, as paragraphs."""
    anchor = excerpt.anchor
    if sections is None:
        sections = sections_by_id(article)
    blocks = _blocks_in_place(anchor, sections)
    if blocks is None:
        span = resolve(article, anchor, sections)
        if span is not None:
            blocks = span.blocks()
        else:
            blocks = [Block(BlockKind.PARAGRAPH, part.strip())
                      for part in anchor.quote.split(BLOCK_BREAK) if part.strip()]
    if not blocks:
        return blocks
    if starts_inside_sentence(anchor):
        blocks[0] = Block(blocks[0].kind, f"{ELLIPSIS}{blocks[0].text.lstrip()}")
    if ends_inside_sentence(anchor):
        blocks[-1] = Block(blocks[-1].kind, f"{blocks[-1].text.rstrip()}{ELLIPSIS}")
    return blocks


def starts_inside_sentence(anchor: Anchor) -> bool:
    """Whether the quote starts after the start of its sentence (its block's text before it
    does not end a sentence)."""
    before = anchor.before.rstrip()
    return bool(before) and not before.rstrip(_CLOSERS).endswith(_SENTENCE_ENDS)


def ends_inside_sentence(anchor: Anchor) -> bool:
    """Whether the quote stops before the end of its sentence."""
    return bool(anchor.after.strip()) and not anchor.quote.rstrip().rstrip(
        _CLOSERS).endswith(_SENTENCE_ENDS)


def quote_preview(excerpt: Excerpt, width: int = 60) -> str:
    """The quote on one line, cut to about ``width`` characters, for lists and the tree."""
    text = _SPACE.sub(" ", excerpt.anchor.quote).strip()
    return text if len(text) <= width else f"{text[:width - 1].rstrip()}{ELLIPSIS}"
