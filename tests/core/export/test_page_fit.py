"""The page-fit estimate: what it counts, its wording, and its calibration against LibreOffice."""

from __future__ import annotations

import random
import re
import shutil
import statistics
import subprocess
from dataclasses import replace
from pathlib import Path
from xml.etree import ElementTree as ET

import pytest

from briefing.core.export.document import (
    BlockType,
    BriefingDocument,
    Citation,
    DocBlock,
    DocMetadata,
    Run,
    build_document,
)
from briefing.core.export.page_fit import (
    MODEL,
    block_lines,
    estimate_pages,
    format_fit,
    over_budget_warning,
)
from briefing.core.model import Article, Block, BlockKind, BriefingDetails, Outline, Section
from tests.core.export.test_document import make_spec

VOCABULARY = ("alliance budget member forces defence policy council treaty summit flank capability "
              "target spending agreement leaders partner security deterrence strategy minister "
              "support pressure question review response planning industry production capacity "
              "cooperation commitment territory the a of and to in on for with by that this will "
              "should could must more less strong new early late public shared")
WORDS = VOCABULARY.split()


def filler(rng: random.Random, words: int) -> str:
    """Nonsense sentences of about ``words`` words, for measuring length only."""
    sentences: list[str] = []
    count = 0
    while count < words:
        size = rng.randint(8, 22)
        sentences.append(" ".join(rng.choice(WORDS) for _ in range(size)).capitalize() + ".")
        count += size
    return " ".join(sentences)


def paragraphs_doc(count: int, words: int = 80) -> BriefingDocument:
    rng = random.Random(count)
    blocks = [DocBlock(BlockType.PARAGRAPH, [Run(filler(rng, words))]) for _ in range(count)]
    return BriefingDocument(metadata=DocMetadata(), blocks=blocks)


def test_estimate_grows_with_the_text() -> None:
    spec = make_spec(words_per_page=600)
    one, two = estimate_pages(paragraphs_doc(6), spec), estimate_pages(paragraphs_doc(12), spec)
    assert 0 < one < two
    assert two == pytest.approx(2 * one, rel=0.05)
    assert estimate_pages(BriefingDocument(metadata=DocMetadata()), spec) == 0


def test_running_text_of_words_per_page_fills_about_a_page() -> None:
    text = " ".join(["words"] * 75)  # words of average length: five letters and a space
    doc = BriefingDocument(metadata=DocMetadata(),
                           blocks=[DocBlock(BlockType.PARAGRAPH, [Run(text)]) for _ in range(8)])
    assert estimate_pages(doc, make_spec(words_per_page=600)) == pytest.approx(1.0, abs=0.2)


def test_denser_template_needs_fewer_pages() -> None:
    doc = paragraphs_doc(20)
    loose = estimate_pages(doc, make_spec(words_per_page=400))
    dense = estimate_pages(doc, make_spec(words_per_page=800))
    assert dense == pytest.approx(loose / 2, rel=0.1)


def test_structure_costs_space_beyond_its_words() -> None:
    chars_per_line = 80.0
    paragraph = DocBlock(BlockType.PARAGRAPH, [Run("Short line.")])
    heading = DocBlock(BlockType.HEADING, [Run("Short line.")], level=1)
    row = DocBlock(BlockType.FIELD, [Run("Short line.")], label="To")
    item = DocBlock(BlockType.BULLET, [Run("Short line.")], list_id=1)
    assert block_lines(heading, chars_per_line) > block_lines(paragraph, chars_per_line)
    assert block_lines(row, chars_per_line) > block_lines(item, chars_per_line)
    broken = DocBlock(BlockType.PARAGRAPH, [Run("a"), Run("\n"), Run("b"), Run("\n"), Run("c")])
    assert block_lines(broken, chars_per_line) == pytest.approx(3 + MODEL.paragraph_after)
    long_paragraph = DocBlock(BlockType.PARAGRAPH, [Run("x" * 400)])
    assert block_lines(long_paragraph, chars_per_line) == pytest.approx(
        5 + MODEL.paragraph_after)
    box = DocBlock(BlockType.NOTE, children=[paragraph, paragraph])
    assert block_lines(box, chars_per_line) > 2 * block_lines(paragraph, chars_per_line)


def test_footnotes_add_to_the_estimate() -> None:
    plain = paragraphs_doc(10)
    cited = paragraphs_doc(10)
    for block in cited.blocks:
        block.footnote = Citation("Author", "A title", "Publisher", "2024-01-01",
                                  "https://example.org/x")
    spec = make_spec()
    assert estimate_pages(cited, spec) > estimate_pages(plain, spec) + 0.1


def test_comments_cost_nothing() -> None:
    doc = paragraphs_doc(4)
    spec = make_spec()
    before = estimate_pages(doc, spec)
    doc.blocks[0].comment = [DocBlock(BlockType.PARAGRAPH, [Run(filler(random.Random(1), 200))])]
    assert estimate_pages(doc, spec) == before


@pytest.mark.parametrize(("pages", "budget", "text"), [
    (1.62, 2.0, "1.6 of 2 pages"),
    (0.44, 1.0, "0.4 of 1 page"),
    (3.0, 2.5, "3 of 2.5 pages"),
    (2.345, None, "2.3 pages"),
    (1.0, None, "1 page"),
])
def test_format_fit(pages: float, budget: float | None, text: str) -> None:
    assert format_fit(pages, budget) == text


def test_over_budget_warning_only_when_over() -> None:
    assert over_budget_warning(3.42, 2.0) == "3.4 pages, budget 2"
    assert over_budget_warning(1.5, 1.0) == "1.5 pages, budget 1"
    assert over_budget_warning(2.04, 2.0) == ""
    assert over_budget_warning(1.2, 2.0) == ""
    assert over_budget_warning(9.0, None) == ""


# Calibration against LibreOffice ---------------------------------------------------------------

SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")
POPPLER = shutil.which("pdftotext") and shutil.which("pdfinfo")


def calibration_outline(seed: int, sections: int, paragraph_words: int, note_words: int,
                        ) -> Outline:
    rng = random.Random(seed)
    picked = []
    for number in range(1, sections + 1):
        blocks = [Block(BlockKind.PARAGRAPH, filler(rng, rng.randint(30, paragraph_words)))
                  for _ in range(rng.randint(1, 3))]
        if number % 3 == 0:
            blocks += [Block(BlockKind.BULLET, filler(rng, 12)) for _ in range(3)]
        note = filler(rng, note_words)
        if number % 2:
            note += "\n\n- " + filler(rng, 10) + "\n- " + filler(rng, 10)
        picked.append(Section(id=f"s{number}", number=number, heading=f"Topic {number}",
                              blocks=blocks, picked=True, note=note))
    article = Article(title="Measured article", author="A. Writer", publisher="Review",
                      date="2024-10-01", url="https://example.org/measured", sections=picked)
    details = BriefingDetails(title="Measured note", to="Minister", from_="Unit",
                              date="2024-10-02", file_number="M-1",
                              purpose=filler(rng, 25), summary=filler(rng, 60),
                              recommendation=filler(rng, 30))
    return Outline(title="Measure", articles=[article], briefing=details)


def rendered_pages(pdf: Path, top_margin: float, bottom_margin: float) -> float:
    """Full pages plus how far the last one is filled, footnotes counted where they sit."""
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True)
    match = re.search(r"Pages:\s+(\d+)", info.stdout)
    assert match
    pages = int(match.group(1))
    layout = subprocess.run(["pdftotext", "-bbox-layout", "-f", str(pages), "-l", str(pages),
                             str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    root = ET.fromstring(re.sub(r' xmlns="[^"]+"', "", layout))
    page = root.find(".//page")
    assert page is not None
    height = float(page.get("height", "0"))
    lines = sorted((float(line.get("yMin", "0")), float(line.get("yMax", "0")),
                    " ".join(word.text or "" for word in line.iter("word")))
                   for line in root.iter("line"))
    body = [line for line in lines
            if line[0] >= top_margin - 2 and line[1] <= height - bottom_margin + 2]
    if not body:
        return pages - 1.0
    typical = statistics.median(line[1] - line[0] for line in body)
    first_footnote = len(body)
    while first_footnote > 0 and (body[first_footnote - 1][1] - body[first_footnote - 1][0]
                                  < 0.9 * typical
                                  or body[first_footnote - 1][2].strip().isdigit()):
        first_footnote -= 1
    content_end = max((line[1] for line in body[:first_footnote]), default=top_margin)
    footnotes = 0.0
    if first_footnote < len(body):
        footnotes = (height - bottom_margin) - body[first_footnote][0] + 14
    fill = (content_end - top_margin + footnotes) / (height - top_margin - bottom_margin)
    return pages - 1 + min(fill, 1.0)


def page_margins(docx: Path) -> tuple[float, float]:
    """The top and bottom margins (points) of a Word file's first section."""
    import docx as python_docx

    section = python_docx.Document(str(docx)).sections[0]
    return section.top_margin.pt, section.bottom_margin.pt


@pytest.mark.slow
@pytest.mark.skipif(not (SOFFICE and POPPLER), reason="LibreOffice and poppler-utils needed")
def test_estimate_is_within_half_a_page_of_libreoffice(tmp_path: Path) -> None:
    from briefing.core.export.docx_writer import write_docx
    from briefing.core.templates import find_template

    cases = [  # template, outline shape: around and over each budget
        ("briefing-note", calibration_outline(1, 3, 90, 40)),
        ("briefing-note", calibration_outline(2, 7, 140, 70)),
        ("one-page-brief", calibration_outline(3, 6, 80, 30)),
        ("reading-pack", calibration_outline(4, 4, 150, 50)),
    ]
    estimates: dict[str, tuple[float, int]] = {}
    for index, (name, outline) in enumerate(cases):
        spec = find_template(name)
        if name == "reading-pack" and index % 2:
            spec = replace(spec, note_placement="box")
        doc = build_document(outline, spec)
        docx = tmp_path / f"case{index}-{name}.docx"
        write_docx(doc, spec, docx)
        estimates[docx.stem] = (estimate_pages(doc, spec), spec.words_per_page)
    profile = (tmp_path / "profile").as_uri()
    subprocess.run([str(SOFFICE), f"-env:UserInstallation={profile}", "--headless",
                    "--convert-to", "pdf", "--outdir", str(tmp_path),
                    *sorted(str(p) for p in tmp_path.glob("*.docx"))],
                   capture_output=True, check=True, timeout=240)
    report = []
    for stem, (estimate, words_per_page) in estimates.items():
        top, bottom = page_margins(tmp_path / f"{stem}.docx")
        measured = rendered_pages(tmp_path / f"{stem}.pdf", top, bottom)
        report.append(f"{stem}: estimate {estimate:.2f}, LibreOffice {measured:.2f} "
                      f"(template words_per_page {words_per_page}; the estimate scales with it, "
                      "see briefing/core/export/page_fit.py)")
        assert abs(estimate - measured) <= 0.5, "\n".join(report)


def test_each_citation_costs_its_own_footnote_lines() -> None:
    short = Citation(title="Brief")
    long = Citation(author="A. Writer", title="A title long enough to take three lines " * 4,
                    publisher="Review", url="https://example.org/long")
    spec = make_spec()

    def pages(citations: list[Citation]) -> float:
        blocks = [DocBlock(BlockType.PARAGRAPH, [Run("Text.")], footnote=citation)
                  for citation in citations]
        return estimate_pages(BriefingDocument(DocMetadata(), blocks=blocks), spec)

    assert pages([short] * 40) < pages([short, long] * 20) < pages([long] * 40)
    assert pages([short, long] * 20) == pages([long, short] * 20)


# A Jinja template's own body ---------------------------------------------------------------------

def test_a_template_table_row_per_item_counts_each_items_note() -> None:
    """The decision note's Word file gives each picked item a table row with its note: the
    estimate counts those rows, which the note's own blocks do not hold."""
    from briefing.core.templates import find_template

    decision = find_template("decision-note")
    plain = replace(decision, docx_path=find_template("briefing-note").docx_path)
    outline = calibration_outline(6, 6, 80, 60)
    doc = build_document(outline, decision)
    assert estimate_pages(doc, plain) < estimate_pages(doc, decision)
    rows = estimate_pages(doc, decision) - estimate_pages(doc, plain)
    for section in outline.articles[0].sections:
        section.note = ""
    no_notes = build_document(outline, decision)
    rows_without_notes = estimate_pages(no_notes, decision) - estimate_pages(no_notes, plain)
    assert rows - rows_without_notes > 0.5  # six notes of 60-80 words in a narrow column


def test_a_template_that_cannot_be_rendered_is_estimated_from_the_note_alone(
        tmp_path: Path) -> None:
    import docx as python_docx

    from briefing.core.templates import find_template

    decision = find_template("decision-note")
    broken = tmp_path / "broken.docx"
    word = python_docx.Document(str(decision.docx_path))
    word.add_paragraph("{% for x in %}")
    word.save(str(broken))
    doc = build_document(calibration_outline(7, 3, 60, 20), decision)
    plain = replace(decision, docx_path=find_template("briefing-note").docx_path)
    assert estimate_pages(doc, replace(decision, docx_path=broken)) == estimate_pages(doc, plain)
    missing = replace(decision, docx_path=tmp_path / "gone.docx")
    assert estimate_pages(doc, missing) == estimate_pages(doc, plain)


@pytest.mark.slow
@pytest.mark.skipif(not (SOFFICE and POPPLER), reason="LibreOffice and poppler-utils needed")
def test_decision_note_estimate_is_within_half_a_page_of_libreoffice(tmp_path: Path) -> None:
    from briefing.core.export.api import export_briefing
    from briefing.core.templates import find_template

    spec = find_template("decision-note")
    estimates = {}
    for index, outline in enumerate((calibration_outline(1, 3, 90, 40),
                                     calibration_outline(3, 6, 80, 30))):
        docx = tmp_path / f"decision{index}.docx"
        export_briefing(outline, docx, template="decision-note", warn=lambda message: None)
        estimates[docx.stem] = estimate_pages(build_document(outline, spec), spec)
    profile = (tmp_path / "profile").as_uri()
    subprocess.run([str(SOFFICE), f"-env:UserInstallation={profile}", "--headless",
                    "--convert-to", "pdf", "--outdir", str(tmp_path),
                    *sorted(str(p) for p in tmp_path.glob("*.docx"))],
                   capture_output=True, check=True, timeout=240)
    for stem, estimate in estimates.items():
        top, bottom = page_margins(tmp_path / f"{stem}.docx")
        measured = rendered_pages(tmp_path / f"{stem}.pdf", top, bottom)
        assert abs(estimate - measured) <= 0.5, f"{stem}: {estimate:.2f} vs {measured:.2f}"
