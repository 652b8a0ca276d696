"""Excerpts in the exported note: their own text with "…" where they cut a sentence, cited like
sections, in the briefing's order, with their notes, in every template and text format."""

from __future__ import annotations

from pathlib import Path

import docx
import pytest

from briefing.core.anchoring import make_anchor, section_text
from briefing.core.export.api import export_briefing
from briefing.core.export.document import build_document
from briefing.core.export.page_fit import estimate_pages
from briefing.core.model import Article, Excerpt, Outline, Section
from briefing.core.templates import builtin_template as load_template
from tests.core.export.fixtures.outlines import sample_outline
from tests.core.export.fixtures.readback import NS, Package, text_of, w

TEMPLATES = ("briefing-note", "reading-pack")
"""The templates giving excerpts as paragraphs (the other two: tests further down)."""
PASSAGE = "\u2026raise defence budgets\u2026"
BULLET = "Air defence gaps remain in the east."
PASSAGE_NOTE = "EXCERPT NOTE budgets rise slowly."


def _excerpt(article: Article, section: Section, quote: str, excerpt_id: str) -> Excerpt:
    start = section_text(section).index(quote)
    return Excerpt(excerpt_id, make_anchor(section, start, start + len(quote)))


def excerpt_outline() -> Outline:
    """The sample outline with two excerpts: part of a sentence with a note, and a bullet of an
    unpicked section of the other article, ordered between whole sections."""
    outline = sample_outline()
    first, second = outline.articles
    burden = first.sections[0]
    burden.picked = False
    passage = _excerpt(first, burden, "raise defence budgets", "e1")
    passage.note = PASSAGE_NOTE
    passage.tags = ["money"]
    bullet = _excerpt(first, burden, BULLET, "e2")
    first.excerpts = [passage, bullet]
    outline.briefing.order = ["e2", "s6", "e1", "s4", "s7"]
    del second
    return outline


def _no_warnings(message: str) -> None:
    raise AssertionError(f"unexpected warning: {message}")


@pytest.mark.parametrize("template", TEMPLATES)
def test_docx_gives_excerpt_text_with_ellipses_in_order_with_footnotes(
        tmp_path: Path, template: str) -> None:
    output = tmp_path / f"{template}.docx"
    export_briefing(excerpt_outline(), output, template=template, warn=_no_warnings)
    body = [p.text for p in docx.Document(str(output)).paragraphs]
    everything = "\n".join(body)
    assert PASSAGE in body and BULLET in body
    assert "Members agreed" not in everything  # the rest of the section stays out
    order = [body.index(BULLET), body.index("Leaders signed a short communiqu\u00e9 at dawn."),
             body.index(PASSAGE), body.index("Two new members changed the map of the north.")]
    assert order == sorted(order)
    headings = [text for text in body if text.endswith(". Burden sharing (excerpt)")]
    assert headings
    package = Package(output)
    notes = {note.get(w("id")): text_of(note)
             for note in package.xml("word/footnotes.xml").iter(w("footnote"))}
    cited = []
    for paragraph in package.xml("word/document.xml").iter(w("p")):
        if text_of(paragraph).split(". ", 1)[-1].startswith("Burden sharing (excerpt)"):
            refs = paragraph.xpath(".//w:footnoteReference", namespaces=NS)
            cited.extend(notes[ref.get(w("id"))] for ref in refs)
    assert cited and all("Ana Ribeiro" in text and "Deterrence in a colder decade" in text
                         for text in cited)
    assert "EXCERPT NOTE" in package.all_text()


TEXT_ORDER = {"reading-pack": [BULLET, "Leaders signed", PASSAGE, "Two new members"],
              "one-page-brief": [BULLET, "Outcomes", PASSAGE, PASSAGE_NOTE, "Enlargement"]}
"""What each template gives, in order: the reading pack the sections' text, the one-page brief
the key points, which quote an excerpt's words before its note."""


@pytest.mark.parametrize("suffix", [".md", ".html"])
@pytest.mark.parametrize("template", TEXT_ORDER)
def test_text_formats_give_excerpts_in_order_with_notes(tmp_path: Path, suffix: str,
                                                       template: str) -> None:
    output = tmp_path / f"note{suffix}"
    export_briefing(excerpt_outline(), output, template=template, warn=_no_warnings)
    text = output.read_text(encoding="utf-8")
    places = [text.index(marker) for marker in TEXT_ORDER[template]]
    assert places == sorted(places)
    assert text.count(PASSAGE) == 1 and "EXCERPT NOTE" in text
    assert "Members agreed" not in text


def test_an_orphaned_excerpt_exports_its_stored_text() -> None:
    outline = excerpt_outline()
    burden = outline.articles[0].sections[0]
    burden.blocks[0].text = "Members postponed any decision."
    doc = build_document(outline, load_template("reading-pack"))
    texts = ["".join(run.text for run in block.runs) for block in doc.blocks]
    assert PASSAGE in texts
    assert "3. Burden sharing (excerpt)" in texts  # numbered by its place in the order


def test_page_fit_counts_excerpts() -> None:
    spec = load_template("briefing-note")
    with_excerpts = excerpt_outline()
    without = excerpt_outline()
    without.articles[0].excerpts = []
    assert (estimate_pages(build_document(with_excerpts, spec), spec)
            > estimate_pages(build_document(without, spec), spec))


def test_excerpt_tags_go_into_the_document_keywords() -> None:
    doc = build_document(excerpt_outline(), load_template("briefing-note"))
    assert "money" in doc.metadata.keywords


def test_only_excerpts_picked_is_enough_to_export(tmp_path: Path) -> None:
    outline = excerpt_outline()
    for _, section in outline.walk():
        section.picked = False
    output = tmp_path / "note.md"
    export_briefing(outline, output, template="reading-pack", warn=_no_warnings)
    assert BULLET in output.read_text(encoding="utf-8")


def test_a_pull_quote_picked_as_an_excerpt_is_given_as_a_quote() -> None:
    outline = excerpt_outline()
    first = outline.articles[0]
    first.excerpts = [_excerpt(first, first.sections[0], "Ten years is a long time.", "e1")]
    doc = build_document(outline, load_template("reading-pack"))
    quotes = [block for block in doc.blocks if block.section_id == "e1"
              and block.kind.name == "QUOTE"]
    assert ["".join(run.text for run in block.runs) for block in quotes] == [
        "Ten years is a long time."]


def _footnotes_on(package: Package, paragraph_text: str) -> list[str]:
    """The footnotes marked in the body paragraph whose text starts with ``paragraph_text``."""
    notes = {note.get(w("id")): text_of(note)
             for note in package.xml("word/footnotes.xml").iter(w("footnote"))}
    return [notes[ref.get(w("id"))].strip()
            for paragraph in package.xml("word/document.xml").iter(w("p"))
            if text_of(paragraph).startswith(paragraph_text)
            for ref in paragraph.xpath(".//w:footnoteReference", namespaces=NS)]


def test_one_page_brief_key_points_quote_excerpts_with_their_footnotes(tmp_path: Path) -> None:
    output = tmp_path / "brief.docx"
    export_briefing(excerpt_outline(), output, template="one-page-brief", warn=_no_warnings)
    document = docx.Document(str(output))
    bullets = [p.text for p in document.paragraphs if p.style.name == "List Bullet"]
    assert bullets == [
        f"1. Burden sharing (excerpt): \u201c{BULLET}\u201d",
        "2. Outcomes",
        f"3. Burden sharing (excerpt): \u201c{PASSAGE}\u201d {PASSAGE_NOTE}",
        "4. Enlargement: fresh list counts from one",
        "5. Follow-up"]
    package = Package(output)
    cited = [_footnotes_on(package, f"{number}. Burden sharing (excerpt)") for number in "13"]
    assert cited == [["Ana Ribeiro, \u201cDeterrence in a colder decade\u201d, Policy Review, "
                      "14 March 2025, https://example.org/deterrence"],
                     ["Ana Ribeiro, \u201cDeterrence in a colder decade\u201d"]]
    assert "Members agreed" not in package.all_text()


def test_decision_note_issues_table_quotes_excerpts_with_their_source(tmp_path: Path) -> None:
    output = tmp_path / "decision.docx"
    export_briefing(excerpt_outline(), output, template="decision-note", warn=_no_warnings)
    issues = docx.Document(str(output)).tables[1]
    rows = [[cell.text for cell in row.cells] for row in issues.rows][1:]
    assert [row[0] for row in rows] == ["1", "2", "3", "4", "5"]
    assert rows[0][1].split("\n")[:2] == ["Burden sharing (excerpt)", f"\u201c{BULLET}\u201d"]
    assert rows[2][1].split("\n") == ["Burden sharing (excerpt)", f"\u201c{PASSAGE}\u201d",
                                      PASSAGE_NOTE]
    assert not any("\u201c" in row[1] for row in rows[1::2])  # whole sections: heading only
    for row in (rows[0], rows[2]):
        assert row[2] == ("Ana Ribeiro, \u201cDeterrence in a colder decade\u201d, "
                          "Policy Review, 14 March 2025")  # the title links to the address
    assert "Members agreed" not in Package(output).all_text()
