"""Views of an imported article that importer tests compare whole: its tree and its body text."""

from __future__ import annotations

from briefing.core.model import Article, Section


def outline(sections: list[Section], depth: int = 0) -> list[str]:
    """The section tree as indented labels, for comparing whole structures at once."""
    lines: list[str] = []
    for section in sections:
        lines.append("  " * depth + section.label)
        lines.extend(outline(section.sections, depth + 1))
    return lines


def body_text(article: Article) -> str:
    """The lead, headings and blocks of an article, a line each (title and standfirst left out)."""
    parts = [block.text for block in article.blocks]
    for section in article.walk():
        parts.append(section.heading)
        parts.extend(block.text for block in section.blocks)
    return "\n".join(parts)
