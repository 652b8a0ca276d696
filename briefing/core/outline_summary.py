"""A plain-text view of an outline: the tree with numbers, headings, picks, note markers and
excerpts.

Used by ``briefing show``; one line per section so the output reads well in a terminal and diffs.
"""

from __future__ import annotations

from collections import Counter

from briefing.core.anchoring import quote_preview
from briefing.core.model import Article, BlockKind, Outline, Section

PICKED = "[x]"
EXCERPT = "[excerpt]"
UNPICKED = "[ ]"
NOTE_MARKER = "[note]"


def _shorten(text: str, width: int = 100) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= width else flat[: width - 1].rstrip() + "…"


def _block_counts(section_blocks: list[BlockKind]) -> str:
    counts = Counter(section_blocks)
    names = {BlockKind.PARAGRAPH: "paragraph", BlockKind.BULLET: "bullet",
             BlockKind.NUMBERED: "numbered item", BlockKind.QUOTE: "quote",
             BlockKind.PULL_QUOTE: "pull-quote"}
    return ", ".join(f"{count} {names[kind]}{'s' if count != 1 else ''}"
                     for kind, count in counts.items())


def _section_lines(section: Section, depth: int) -> list[str]:
    mark = PICKED if section.picked else UNPICKED
    extras = []
    if section.note.strip():
        extras.append(NOTE_MARKER)
    extras.extend(f"#{tag}" for tag in section.tags)
    blocks = _block_counts([block.kind for block in section.blocks])
    line = f"{'    ' * depth}  {mark} {section.id:<5} {_shorten(section.label, 80)}"
    if blocks:
        line += f"  ({blocks})"
    if extras:
        line += "  " + " ".join(extras)
    lines = [line]
    for sub in section.sections:
        lines.extend(_section_lines(sub, depth + 1))
    return lines


def _article_lines(number: int, article: Article) -> list[str]:
    lines = [f"Article {number}: {article.title}"]
    fetched = f"fetched {article.fetched}" if article.fetched else ""
    source = " · ".join(part for part in (article.author, article.publisher, article.date,
                                          article.url, fetched, article.source_file) if part)
    if source:
        lines.append(f"  Source: {source}")
    if article.standfirst:
        lines.append(f"  Standfirst: {_shorten(article.standfirst)}")
    if article.blocks:
        lines.append(f"  Lead: {_block_counts([block.kind for block in article.blocks])}")
    for section in article.sections:
        lines.extend(_section_lines(section, 0))
    for excerpt in article.excerpts:
        state = " (orphaned)" if excerpt.orphaned else ""
        where = "the lead" if excerpt.in_lead else excerpt.anchor.section_id
        lines.append(f"  {EXCERPT} {excerpt.id:<5} from {where}{state}: "
                     f"\u201c{quote_preview(excerpt, 60)}\u201d")
    if article.discarded:
        reasons = Counter(item.reason for item in article.discarded)
        listed = ", ".join(f"{reason} ×{count}" if count > 1 else reason
                           for reason, count in reasons.items())
        lines.append(f"  Discarded: {len(article.discarded)} line(s): {listed}")
    return lines


def describe_outline(outline: Outline) -> str:
    """The outline as an indented text tree, ending with the briefing's details and order."""
    sections = sum(1 for _ in outline.walk())
    picked = outline.entries_in_order()
    excerpts = sum(len(article.excerpts) for article in outline.articles)
    lines = [f"{outline.title or 'Untitled outline'} — {len(outline.articles)} article(s), "
             f"{sections} section(s), {len(picked) - excerpts} picked"
             + (f", {excerpts} excerpt(s)" if excerpts else ""), ""]
    for number, article in enumerate(outline.articles, start=1):
        lines.extend(_article_lines(number, article))
        lines.append("")
    details = outline.briefing
    filled = [(label, value) for label, value in (
        ("Title", details.title), ("To", details.to), ("From", details.from_),
        ("Date", details.date), ("Classification", details.classification),
        ("File number", details.file_number), ("Template", details.template)) if value]
    lines.append("Briefing:" if filled or picked else "Briefing: (no details yet)")
    lines.extend(f"  {label}: {value}" for label, value in filled)
    if picked:
        lines.append("  Order: " + ", ".join(
            f"{item.id} {_shorten(item.label, 40)}" if isinstance(item, Section)
            else f"{item.id} \u201c{quote_preview(item, 30)}\u201d" for _, item in picked))
    return "\n".join(lines)
