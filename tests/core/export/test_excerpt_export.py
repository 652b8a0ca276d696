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

TEMPLATES = ("briefing-note", "one-page-brief", "reading-pack")
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
    if template != "one-page-brief":
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


@pytest.mark.parametrize("suffix", [".md", ".html"])
def test_text_formats_give_excerpts_in_order_with_notes(tmp_path: Path, suffix: str) -> None:
    output = tmp_path / f"note{suffix}"
    export_briefing(excerpt_outline(), output, template="reading-pack", warn=_no_warnings)
    text = output.read_text(encoding="utf-8")
    places = [text.index(BULLET), text.index("Leaders signed"), text.index(PASSAGE),
              text.index("Two new members")]
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
