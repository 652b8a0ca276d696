"""Small outlines built in code for the tests of the app's supporting pieces.

The texts are written for these tests (none comes from a real article).
"""

from __future__ import annotations

from briefing.core.model import Article, Block, BlockKind, BriefingDetails, Outline, Section

TOPICS = ["Budgets", "Readiness", "Industry", "Partners", "Cyber defence", "Logistics"]


def _paragraph(topic: str, number: int) -> str:
    return (f"Ministers agreed that {topic.lower()} would be reviewed every year, starting with "
            f"a report in month {number}. The report lists what was promised, what was "
            "delivered and what is late, so that gaps are visible before the next summit.")


def small_outline() -> Outline:
    """One article with three numbered sections (one with a subsection); two picked, one noted."""
    article = Article(title="Alliance spending after the summit", author="A. Writer",
                      publisher="Policy Review", date="2025-06-30",
                      url="https://example.org/alliance-spending",
                      blocks=[Block(BlockKind.PARAGRAPH, "An opening paragraph sets the scene.")])
    for number, topic in enumerate(TOPICS[:3], start=1):
        section = Section(id=f"s{number}", heading=topic, number=number,
                          blocks=[Block(BlockKind.PARAGRAPH, _paragraph(topic, number)),
                                  Block(BlockKind.BULLET, f"First point on {topic.lower()}"),
                                  Block(BlockKind.BULLET, f"Second point on {topic.lower()}")])
        article.sections.append(section)
    article.sections[0].sections.append(
        Section(id="s4", heading="Annual targets",
                blocks=[Block(BlockKind.PARAGRAPH, "Targets rise by a fixed share each year.")]))
    article.sections[0].picked = True
    article.sections[0].note = "Budgets **matter** most for the *next* round."
    article.sections[0].tags = ["money"]
    article.sections[2].picked = True
    briefing = BriefingDetails(title="Spending after the summit", to="Minister",
                               from_="Policy unit", date="2025-07-02",
                               purpose="To brief the minister before the council.",
                               template="briefing-note", order=["s3", "s1"])
    return Outline(title="Summit outline", articles=[article], briefing=briefing)


def long_outline(sections: int, *, paragraphs: int = 3, picked_every: int = 1,
                 note: str = "") -> Outline:
    """One article with ``sections`` sections of ``paragraphs`` paragraphs each."""
    article = Article(title="A long report", author="B. Author", publisher="Report House",
                      date="2025-01-15")
    for number in range(1, sections + 1):
        topic = TOPICS[number % len(TOPICS)]
        section = Section(id=f"s{number}", heading=f"{topic} {number}", number=number,
                          blocks=[Block(BlockKind.PARAGRAPH, _paragraph(topic, number))
                                  for _ in range(paragraphs)],
                          picked=number % picked_every == 0, note=note)
        article.sections.append(section)
    outline = Outline(title="Long outline", articles=[article],
                      briefing=BriefingDetails(title="Long note", template="briefing-note"))
    outline.sync_order()
    return outline
