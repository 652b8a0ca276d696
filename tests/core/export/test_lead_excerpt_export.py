"""An excerpt of an article's lead (a news piece without headings) in the exported note: its
text with "…" where it cuts a sentence, headed by the article's title, cited to its article,
in every template and format."""

from __future__ import annotations

from pathlib import Path

import docx
import pytest

from briefing.core.anchoring import lead_section, make_anchor, section_text
from briefing.core.export.api import export_briefing
from briefing.core.model import Article, Block, BlockKind, BriefingDetails, Excerpt, Outline
from tests.core.export.fixtures.readback import NS, Package, text_of, w

TITLE = "Ferry crews end their strike"
QUOTE = "Sailings resume on Friday. The operator expects full timetables"
PASSAGE = f"{QUOTE}\u2026"
CITATION = ("J. Reporter, \u201cFerry crews end their strike\u201d, Coast News, 3 June 2025, "
            "https://example.org/ferry")
HEADING = f"{TITLE} (excerpt)"


def lead_outline() -> Outline:
    """One news piece, all lead, with one excerpt of two sentences, the second cut short."""
    article = Article(title=TITLE, author="J. Reporter", publisher="Coast News",
                      date="2025-06-03", url="https://example.org/ferry", blocks=[
                          Block(BlockKind.PARAGRAPH, "Crews voted on Tuesday to accept the "
                                                     "offer."),
                          Block(BlockKind.PARAGRAPH, "Sailings resume on Friday. The operator "
                                                     "expects full timetables by the weekend."),
                          Block(BlockKind.PARAGRAPH, "Unions say talks on pay go on.")])
    lead = lead_section(article)
    start = section_text(lead).index(QUOTE)
    excerpt = Excerpt("e1", make_anchor(lead, start, start + len(QUOTE)),
                      note="Services back before the holiday.")
    article.excerpts.append(excerpt)
    return Outline(title="Ferries", articles=[article],
                   briefing=BriefingDetails(title="Ferry services", order=["e1"]))


def _no_warnings(message: str) -> None:
    raise AssertionError(f"unexpected warning: {message}")


def _footnotes(package: Package) -> list[str]:
    notes = {note.get(w("id")): text_of(note).strip()
             for note in package.xml("word/footnotes.xml").iter(w("footnote"))}
    return [notes[ref.get(w("id"))]
            for ref in package.xml("word/document.xml").iter(w("footnoteReference"))]


@pytest.mark.parametrize("template", ["briefing-note", "reading-pack"])
def test_docx_gives_the_lead_excerpt_under_the_title_with_its_footnote(
        tmp_path: Path, template: str) -> None:
    output = tmp_path / f"{template}.docx"
    export_briefing(lead_outline(), output, template=template, warn=_no_warnings)
    body = [p.text for p in docx.Document(str(output)).paragraphs]
    assert PASSAGE in body
    assert any(text.endswith(HEADING) for text in body)
    text = Package(output).all_text()
    assert "Unions say" not in text and "Crews voted" not in text
    assert CITATION in _footnotes(Package(output))


def test_one_page_brief_quotes_the_lead_excerpt_with_its_footnote(tmp_path: Path) -> None:
    output = tmp_path / "brief.docx"
    export_briefing(lead_outline(), output, template="one-page-brief", warn=_no_warnings)
    document = docx.Document(str(output))
    bullets = [p.text for p in document.paragraphs if p.style.name == "List Bullet"]
    assert bullets[0].startswith(f"1. {HEADING}: \u201c{PASSAGE}\u201d")
    package = Package(output)
    cited = [ref for paragraph in package.xml("word/document.xml").iter(w("p"))
             if text_of(paragraph).startswith(f"1. {HEADING}")
             for ref in paragraph.xpath(".//w:footnoteReference", namespaces=NS)]
    assert cited and CITATION in _footnotes(package)


def test_decision_note_issues_table_quotes_the_lead_excerpt(tmp_path: Path) -> None:
    output = tmp_path / "decision.docx"
    export_briefing(lead_outline(), output, template="decision-note", warn=_no_warnings)
    issues = docx.Document(str(output)).tables[1]
    row = [cell.text for cell in issues.rows[1].cells]
    assert row[1].split("\n")[:2] == [HEADING, f"\u201c{PASSAGE}\u201d"]
    assert row[2] == CITATION.removesuffix(", https://example.org/ferry")  # the title links


@pytest.mark.parametrize("suffix", [".md", ".html"])
@pytest.mark.parametrize("template", ["briefing-note", "reading-pack", "one-page-brief"])
def test_text_formats_give_the_lead_excerpt_cited(tmp_path: Path, suffix: str,
                                                  template: str) -> None:
    output = tmp_path / f"note{suffix}"
    export_briefing(lead_outline(), output, template=template, warn=_no_warnings)
    text = output.read_text(encoding="utf-8")
    assert "Sailings resume on Friday" in text and "Unions say" not in text
    assert "Coast News" in text and HEADING in text
