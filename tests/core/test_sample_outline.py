"""The bundled sample outline: the first file a new user opens, so it must load cleanly, be in the
writer's canonical form, and have the shape of the two reference articles it outlines.
"""

from __future__ import annotations

import re
from pathlib import Path

import docx
import pytest

from briefing.core.export.api import export_briefing
from briefing.core.importers.text import parse_text
from briefing.core.model import Article, BlockKind, Outline, Section
from briefing.core.outline_file import (
    FORMAT,
    dumps_outline,
    load_outline,
    loads_outline,
    validate_outline_file,
)
from briefing.core.paths import SAMPLE_OUTLINE

SEEDS = Path(__file__).resolve().parents[2] / ".." / "shared" / "seeds"
needs_seeds = pytest.mark.skipif(not SEEDS.is_dir(), reason="reference articles not available")

OPINION_SEED = "000_132174132aa5bbf3.txt"
EXPLAINER_SEED = "003_d125b39eb32e3dac.txt"


@pytest.fixture(scope="module")
def sample() -> Outline:
    """The sample as the app opens it."""
    return load_outline(SAMPLE_OUTLINE)


@pytest.fixture(scope="module")
def opinion(sample: Outline) -> Article:
    return sample.articles[0]


@pytest.fixture(scope="module")
def explainer(sample: Outline) -> Article:
    return sample.articles[1]


def _kinds(section: Section) -> list[BlockKind]:
    return [block.kind for block in section.blocks]


# -- the file itself ------------------------------------------------------------------------------

def test_sample_file_declares_the_current_format() -> None:
    text = SAMPLE_OUTLINE.read_text(encoding="utf-8")
    assert text.splitlines()[0] == f"format: {FORMAT}"


def test_sample_file_is_in_the_writers_canonical_form(sample: Outline) -> None:
    assert dumps_outline(sample) == SAMPLE_OUTLINE.read_text(encoding="utf-8")


def test_sample_file_passes_validation() -> None:
    assert validate_outline_file(SAMPLE_OUTLINE) == []


def test_sample_loads_without_warnings() -> None:
    warnings: list[str] = []
    load_outline(SAMPLE_OUTLINE, warn=warnings.append)
    loads_outline(SAMPLE_OUTLINE.read_text(encoding="utf-8"), str(SAMPLE_OUTLINE),
                  warn=warnings.append)
    assert warnings == []


def test_sample_has_a_title_and_both_articles_in_seed_order(sample: Outline) -> None:
    assert "Rutte" in sample.title
    assert [article.source_file for article in sample.articles] == [OPINION_SEED, EXPLAINER_SEED]


def test_section_ids_are_unique_and_numbered_in_document_order(sample: Outline) -> None:
    ids = [section.id for _, section in sample.walk()]
    assert ids == [f"s{number}" for number in range(1, len(ids) + 1)]
    assert len(ids) == 5 + 13 + 12 * 4


def test_every_section_has_a_short_synopsis(sample: Outline) -> None:
    for _, section in sample.walk():
        paragraphs = [block for block in section.blocks if block.kind is BlockKind.PARAGRAPH]
        assert paragraphs, f"{section.id} has no synopsis"
        for block in section.blocks:
            assert block.text.strip() == block.text and block.text
            sentences = re.findall(r"[.!?](?=\s|$)|:$", block.text)
            assert 1 <= len(sentences) <= 3, f"{section.id}: {block.text!r}"


def test_article_text_has_no_hard_line_breaks(sample: Outline) -> None:
    """Line breaks inside a paragraph would show up as breaks in the exported note."""
    for article in sample.articles:
        texts = [article.title, article.standfirst, *(block.text for block in article.blocks)]
        for section in article.walk():
            texts += [section.heading, *(block.text for block in section.blocks)]
        assert [text for text in texts if "\n" in text] == []


# -- the opinion piece (seed 000) -----------------------------------------------------------------

def test_opinion_piece_details(opinion: Article) -> None:
    assert opinion.title.startswith("Inventing NATO 3.0")
    assert 0 < len(opinion.standfirst) < 300
    assert opinion.publisher == "European Council on Foreign Relations"
    assert opinion.author == ""
    assert opinion.url == ""


def test_opinion_piece_has_three_lead_paragraphs(opinion: Article) -> None:
    assert [block.kind for block in opinion.blocks] == [BlockKind.PARAGRAPH] * 3


def test_opinion_piece_has_four_numbered_sections_and_a_closing_one(opinion: Article) -> None:
    assert [section.number for section in opinion.sections] == [1, 2, 3, 4, None]
    assert opinion.sections[-1].heading == "Inventing NATO 3.0"
    assert all(not section.sections for section in opinion.sections)


def test_opinion_piece_keeps_its_pull_quote_in_the_first_section(opinion: Article) -> None:
    where = [section.number for section in opinion.walk()
             if BlockKind.PULL_QUOTE in _kinds(section)]
    assert where == [1]
    assert _kinds(opinion.sections[0]).count(BlockKind.PULL_QUOTE) == 1


def test_opinion_piece_has_four_bullets_between_paragraphs_in_section_four(
        opinion: Article) -> None:
    assert _kinds(opinion.sections[3]) == [BlockKind.PARAGRAPH, *[BlockKind.BULLET] * 4,
                                           BlockKind.PARAGRAPH]
    others = [section for section in opinion.walk() if section.number != 4]
    assert all(BlockKind.BULLET not in _kinds(section) for section in others)


def test_opinion_piece_lists_the_site_boilerplate(opinion: Article) -> None:
    reasons = [item.reason for item in opinion.discarded]
    assert set(reasons) == {"copyright sign", "site disclaimer", "author box",
                            "newsletter sign-up"}
    lines = [item.line or 0 for item in opinion.discarded]
    assert all(line > 0 for line in lines)
    assert lines == sorted(lines)


# -- the explainer (seed 003) ---------------------------------------------------------------------

def test_explainer_title_is_the_phrase_it_repeats(explainer: Article) -> None:
    assert explainer.title == "Mark Rutte's First 100 Days as NATO Chief"
    assert explainer.standfirst == ""
    assert len(explainer.blocks) == 1


def test_explainer_has_twelve_numbered_sections_and_a_conclusion(explainer: Article) -> None:
    assert [section.number for section in explainer.sections] == [*range(1, 13), None]
    assert explainer.sections[-1].heading == "Conclusion"
    assert explainer.sections[-1].sections == []


def test_explainer_sections_each_have_four_unnumbered_subsections(explainer: Article) -> None:
    for section in explainer.sections[:12]:
        assert len(section.sections) == 4, section.heading
        for sub in section.sections:
            assert sub.number is None
            assert sub.sections == []


def test_explainer_section_eleven_has_an_intro_before_its_subsections(
        explainer: Article) -> None:
    section = explainer.sections[10]
    assert section.number == 11
    assert _kinds(section) == [BlockKind.PARAGRAPH]


def test_explainer_lists_the_image_artefact(explainer: Article) -> None:
    assert [(item.reason, item.line) for item in explainer.discarded] == [
        ("image caption or file name", 126)]


# -- picks, notes and the briefing ----------------------------------------------------------------

def test_a_few_sections_are_picked_from_both_articles(sample: Outline) -> None:
    picked = [(article, section) for article, section in sample.walk() if section.picked]
    assert 4 <= len(picked) <= 6
    assert {article.source_file for article, _ in picked} == {OPINION_SEED, EXPLAINER_SEED}
    assert any(section.number is None for _, section in picked), "no subsection picked"


def test_picked_sections_have_markdown_notes_and_tags(sample: Outline) -> None:
    notes: list[str] = []
    for _, section in sample.walk():
        if section.picked:
            assert "**" in section.note, section.id
            assert re.search(r"^- ", section.note, re.MULTILINE), section.id
            assert section.tags, section.id
            notes.append(section.note)
        else:
            assert section.note == "" and section.tags == [], section.id
    links = re.findall(r"\]\((https://[^)]+)\)", "\n".join(notes))
    assert "https://www.nato.int/" in links


def test_briefing_order_names_exactly_the_picked_sections(sample: Outline) -> None:
    order = sample.briefing.order
    picked = [section.id for _, section in sample.walk() if section.picked]
    assert len(order) == len(set(order))
    assert set(order) == set(picked)
    assert order != picked, "the order should be the analyst's, not document order"
    assert [section.id for _, section in sample.picked_in_order()] == order


def test_briefing_details_are_filled_in(sample: Outline) -> None:
    details = sample.briefing
    assert details.title and details.to and details.from_
    assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", details.date)
    assert details.classification == "OFFICIAL"
    assert details.file_number
    assert details.purpose and details.summary and details.recommendation
    assert details.template == "briefing-note"


# -- exporting it ---------------------------------------------------------------------------------

def test_sample_exports_a_word_note_with_the_picked_sections_in_order(
        sample: Outline, tmp_path: Path) -> None:
    result = export_briefing(sample, tmp_path / "note.docx", warn=lambda _message: None)
    assert result.template == "briefing-note"
    word = docx.Document(str(result.path))
    paragraphs = [(paragraph.style.name if paragraph.style else "", paragraph.text)
                  for paragraph in word.paragraphs]
    assert ("Title", sample.briefing.title) in paragraphs
    headings = [text for style, text in paragraphs if style == "Heading 2"]
    # Numbered in the briefing's order, not as the articles number them.
    labels = [f"{number}. {section.heading}"
              for number, (_, section) in enumerate(sample.picked_in_order(), start=1)]
    # Once as background from the articles, once with the analyst's notes.
    assert headings == labels + labels
    cells = [cell.text for table in word.tables for row in table.rows for cell in row.cells]
    assert {sample.briefing.to, sample.briefing.from_, sample.briefing.file_number} <= set(cells)


def test_sample_exports_markdown_with_the_notes_links(sample: Outline, tmp_path: Path) -> None:
    result = export_briefing(sample, tmp_path / "note.md", warn=lambda _message: None)
    text = result.path.read_text(encoding="utf-8")
    assert "(https://www.nato.int/)" in text
    assert "**Why it matters:**" in text


# -- against the reference articles, when they are at hand ----------------------------------------

def _seed_lines(name: str) -> list[str]:
    return (SEEDS / name).read_text(encoding="utf-8").splitlines()


@needs_seeds
@pytest.mark.parametrize(("index", "seed"), [(0, OPINION_SEED), (1, EXPLAINER_SEED)])
def test_headings_are_the_articles_own_in_their_order(sample: Outline, index: int,
                                                      seed: str) -> None:
    lines = [re.sub(r"^\s*\d+\.\s+", "", line).strip() for line in _seed_lines(seed)]
    positions = [lines.index(section.heading) for section in sample.articles[index].walk()]
    assert positions == sorted(positions)


@needs_seeds
@pytest.mark.parametrize(("index", "seed"), [(0, OPINION_SEED), (1, EXPLAINER_SEED)])
def test_discarded_lines_point_at_the_boilerplate(sample: Outline, index: int,
                                                  seed: str) -> None:
    lines = _seed_lines(seed)
    cues = {"copyright sign": "©", "site disclaimer": "views", "author box": "",
            "newsletter sign-up": "Subscribe", "image caption or file name": ".jpg)"}
    for item in sample.articles[index].discarded:
        assert item.line is not None
        source = lines[item.line - 1].strip()
        assert source, f"line {item.line} is blank"
        assert cues[item.reason] in source
        assert item.text != source, "describe the boilerplate, do not copy it"


def _shape(article: Article) -> list[tuple[int, int | None, str, list[str]]]:
    """Each section's depth, number, heading and its blocks' kinds other than paragraphs."""
    def walk(sections: list[Section], depth: int) -> list[tuple[int, int | None, str, list[str]]]:
        rows = []
        for section in sections:
            kinds = [block.kind.value for block in section.blocks
                     if block.kind is not BlockKind.PARAGRAPH]
            rows.append((depth, section.number, section.heading, kinds))
            rows += walk(section.sections, depth + 1)
        return rows
    return walk(article.sections, 1)


@needs_seeds
@pytest.mark.parametrize(("index", "seed"), [(0, OPINION_SEED), (1, EXPLAINER_SEED)])
def test_sample_has_the_structure_the_importer_finds(sample: Outline, index: int,
                                                     seed: str) -> None:
    imported = parse_text((SEEDS / seed).read_text(encoding="utf-8"), seed)
    ours = sample.articles[index]
    assert _shape(ours) == _shape(imported)
    assert len(ours.blocks) == len(imported.blocks)
    assert [(item.reason, item.line) for item in ours.discarded] == [
        (item.reason, item.line) for item in imported.discarded]


def _words(text: str) -> list[str]:
    return re.findall(r"[a-z0-9]+", text.lower().replace("\u2019", "").replace("'", ""))


@needs_seeds
def test_sample_does_not_repeat_the_articles_sentences() -> None:
    size = 10
    seen: set[tuple[str, ...]] = set()
    for seed in (OPINION_SEED, EXPLAINER_SEED):
        words = _words((SEEDS / seed).read_text(encoding="utf-8"))
        seen.update(tuple(words[i:i + size]) for i in range(len(words) - size + 1))
    ours = _words(SAMPLE_OUTLINE.read_text(encoding="utf-8"))
    repeats = [" ".join(ours[i:i + size]) for i in range(len(ours) - size + 1)
               if tuple(ours[i:i + size]) in seen]
    assert repeats == []
