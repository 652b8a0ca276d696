"""The text tree printed by ``briefing show``."""

from __future__ import annotations

from briefing.core.model import (
    Article,
    Block,
    BlockKind,
    BriefingDetails,
    Discarded,
    Outline,
    Section,
)
from briefing.core.outline_summary import describe_outline


def _outline() -> Outline:
    sub = Section(id="s2", heading="Money matters", blocks=[Block(BlockKind.PARAGRAPH, "p")])
    first = Section(id="s1", number=1, heading="Spending", picked=True, note="**why**",
                    tags=["budget"], sections=[sub],
                    blocks=[Block(BlockKind.PARAGRAPH, "a"), Block(BlockKind.BULLET, "b"),
                            Block(BlockKind.BULLET, "c")])
    article = Article(title="Allies and money", publisher="Review", date="2024-10-01",
                      blocks=[Block(BlockKind.PARAGRAPH, "lead")], sections=[first],
                      discarded=[Discarded("©", "copyright sign", 3),
                                 Discarded("Share", "share button", 40),
                                 Discarded("Tweet", "share button", 41)])
    return Outline(title="Defence", articles=[article],
                   briefing=BriefingDetails(title="Note", to="Minister", order=["s1"]))


def test_show_lists_numbers_picks_notes_tags_and_nesting() -> None:
    lines = describe_outline(_outline()).splitlines()
    assert lines[0] == "Defence — 1 article(s), 2 section(s), 1 picked"
    section_line = next(line for line in lines if "1. Spending" in line)
    assert "[x] s1" in section_line
    assert "[note]" in section_line and "#budget" in section_line
    assert "1 paragraph, 2 bullets" in section_line
    sub_line = next(line for line in lines if "Money matters" in line)
    assert "[ ] s2" in sub_line
    assert sub_line.index("[ ]") > section_line.index("[x]")


def test_show_summarises_discarded_lines_and_briefing() -> None:
    text = describe_outline(_outline())
    assert "Discarded: 3 line(s): copyright sign, share button ×2" in text
    assert "  To: Minister" in text
    assert "  Order: s1 1. Spending" in text


def test_show_lists_excerpts_under_their_article_and_in_the_order() -> None:
    from pathlib import Path

    from briefing.core.outline_file import load_outline

    fixture = Path(__file__).parent / "fixtures" / "outlines" / "excerpts-v2.yaml"
    outline = load_outline(fixture)
    outline.articles[0].excerpts[1].orphaned = True
    text = describe_outline(outline)
    assert text.splitlines()[0].endswith("4 section(s), 2 picked, 2 excerpt(s)")
    assert "  [excerpt] e2    from s2 (orphaned): \u201cnow a floor\u201d" in text
    assert "  Order: s2 2. Paying for defence, e1 \u201cIt is also the easiest thing" in text


def test_show_says_an_excerpt_of_the_lead_is_from_the_lead() -> None:
    from pathlib import Path

    from briefing.core.outline_file import load_outline

    fixture = Path(__file__).parent / "fixtures" / "outlines" / "format-v3.yaml"
    text = describe_outline(load_outline(fixture))
    assert "  [excerpt] e3    from the lead: \u201cthe tests the new chief faces\u201d" in text
