"""The intermediate form: which parts, in which order, each picked text once, unpicked never."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from briefing.core.export.document import (
    LINE_BREAK,
    NOTE_HEADING,
    BlockType,
    BriefingDocument,
    Citation,
    DocBlock,
    Run,
    build_document,
    clean_text,
    comment_placements,
    first_sentence,
    plain_runs,
)
from briefing.core.model import (
    Article,
    Block,
    BlockKind,
    BriefingDetails,
    Outline,
    Section,
)
from briefing.core.templates import TemplateSpec

BRIEFING_NOTE_PARTS = ("title", "details", "purpose", "summary", "background", "considerations",
                       "recommendation", "sources")


def make_spec(parts: tuple[str, ...] = BRIEFING_NOTE_PARTS, *, note_placement: str = "inline",
              page_budget: float | None = 2.0, words_per_page: int = 450,
              name: str = "test-note") -> TemplateSpec:
    """A template description for tests (no Word file is read by the intermediate form)."""
    return TemplateSpec(name=name, title="Test note", description="", docx_path=Path("none.docx"),
                        parts=parts, page_budget=page_budget, words_per_page=words_per_page,
                        classification_scheme=("OFFICIAL", "SECRET"),
                        default_classification="OFFICIAL", note_placement=note_placement)


def para(text: str) -> Block:
    return Block(BlockKind.PARAGRAPH, text)


def make_outline() -> Outline:
    """Two articles; s1, s3, s22 and s5 are picked, the briefing orders s3 before s1."""
    alliance = Article(
        title="Holding an alliance together", author="A. Writer", publisher="Example Review",
        date="2024-10-01", url="https://example.org/alliance",
        blocks=[para("Lead text that is never picked.")],
        sections=[
            Section(id="s1", number=1, heading="Unity first", picked=True,
                    note="**Why it matters:** unity is fragile. More detail follows here.\n\n"
                         "# Risks\n\n- budget fights\n- elections",
                    tags=["cohesion"],
                    blocks=[para("Members disagree on aid levels."),
                            Block(BlockKind.BULLET, "First bullet of unity."),
                            Block(BlockKind.BULLET, "Second bullet of unity."),
                            Block(BlockKind.PULL_QUOTE, "Members disagree on aid levels."),
                            Block(BlockKind.NUMBERED, "Numbered step one.")],
                    sections=[Section(id="s11", heading="A quiet subsection",
                                      blocks=[para("Subsection text carried by its parent.")])]),
            Section(id="s2", number=2, heading="Spending", note="Not picked, never shown.",
                    blocks=[para("Spending text that is not picked.")]),
            Section(id="s3", number=3, heading="Working with the union", picked=True,
                    note="Cooperation beats rivalry.", tags=["eu", "cohesion"],
                    blocks=[Block(BlockKind.QUOTE, "A quoted line about cooperation.")]),
        ])
    explainer = Article(
        title="An explainer on deterrence", publisher="Policy Monthly", date="2024-09-12",
        sections=[
            Section(id="s4", number=1, heading="Deterrence basics",
                    blocks=[para("Parent text, not picked.")],
                    sections=[Section(id="s22", heading="Forward forces", picked=True,
                                      blocks=[para("Forward forces text.")])]),
            Section(id="s5", number=2, heading="Nuclear sharing", picked=True,
                    blocks=[para("Nuclear sharing text.")],
                    sections=[Section(id="s51", heading="Picked child", picked=True,
                                      blocks=[para("Picked child text.")]),
                              Section(id="s52", heading="Unpicked child",
                                      blocks=[para("Unpicked child text.")])]),
        ])
    briefing = BriefingDetails(
        title="Alliance at a turning point", to="Minister", from_="Policy Unit",
        date="2024-10-15", file_number="PU-2024-118", purpose="To brief the *Minister*.",
        summary="The alliance faces three tests.", recommendation="Note the analysis.",
        order=["s3", "s1"])
    return Outline(title="Alliance briefing", articles=[alliance, explainer], briefing=briefing)


def texts(doc: BriefingDocument) -> list[str]:
    return [block.text() for block in doc.walk()]


def headings(doc: BriefingDocument, level: int | None = None) -> list[str]:
    return [block.text() for block in doc.blocks
            if block.kind is BlockType.HEADING and (level is None or block.level == level)]


def test_briefing_note_parts_come_in_template_order() -> None:
    doc = build_document(make_outline(), make_spec())
    assert doc.blocks[0].kind is BlockType.TITLE
    assert doc.blocks[0].text() == "Alliance at a turning point"
    assert headings(doc, 1) == ["Purpose", "Summary", "Background", "Considerations",
                                "Recommendation", "Sources"]
    parts = list(dict.fromkeys(block.part for block in doc.blocks))
    assert parts == list(BRIEFING_NOTE_PARTS)


def test_details_rows_in_order_and_empty_rows_left_out() -> None:
    outline = make_outline()
    outline.briefing.file_number = ""
    doc = build_document(outline, make_spec())
    rows = [(block.label, block.text()) for block in doc.blocks if block.kind is BlockType.FIELD]
    assert rows == [("To", "Minister"), ("From", "Policy Unit"), ("Date", "15 October 2024")]


def test_picked_sections_follow_the_briefing_order() -> None:
    doc = build_document(make_outline(), make_spec())
    background = [b.text() for b in doc.blocks if b.part == "background" and
                  b.kind is BlockType.HEADING and b.level == 2]
    assert background == ["1. Working with the union", "2. Unity first", "3. Forward forces",
                          "4. Nuclear sharing", "5. Picked child"]


def test_every_picked_text_appears_once_and_unpicked_never() -> None:
    doc = build_document(make_outline(), make_spec())
    counts = Counter(texts(doc))
    for once in ("Members disagree on aid levels.", "First bullet of unity.",
                 "A quoted line about cooperation.", "Forward forces text.",
                 "Nuclear sharing text.", "Picked child text."):
        assert counts[once] == 1, once
    joined = "\n".join(texts(doc))
    for never in ("Lead text that is never picked.", "Spending text that is not picked.",
                  "Parent text, not picked.", "Not picked, never shown.", "Spending",
                  "Unpicked child text.", "Subsection text carried by its parent.",
                  "A quiet subsection", "Unpicked child"):
        assert never not in joined


def test_a_section_picked_without_its_subsections_gives_its_own_text_only() -> None:
    doc = build_document(make_outline(), make_spec())
    blocks = [b for b in doc.blocks if b.part == "background"]
    start = next(i for i, b in enumerate(blocks) if b.text() == "2. Unity first")
    end = next(i for i in range(start + 1, len(blocks)) if blocks[i].kind is BlockType.HEADING)
    assert [b.text() for b in blocks[start + 1:end]] == [
        "Members disagree on aid levels.", "First bullet of unity.", "Second bullet of unity.",
        "Numbered step one."]
    assert {b.section_id for b in blocks[start:end]} == {"s1"}
    assert blocks[end].text() == "3. Forward forces"  # the next picked section, not s11


def test_pull_quotes_are_not_repeated() -> None:
    doc = build_document(make_outline(), make_spec())
    assert not any(b.kind.value == "pull_quote" for b in doc.walk())
    assert texts(doc).count("Members disagree on aid levels.") == 1


def test_article_blocks_keep_their_kinds_and_lists_their_grouping() -> None:
    doc = build_document(make_outline(), make_spec())
    unity = [b for b in doc.blocks if b.section_id == "s1" and b.part == "background"]
    kinds = [b.kind for b in unity]
    assert kinds == [BlockType.HEADING, BlockType.PARAGRAPH, BlockType.BULLET, BlockType.BULLET,
                     BlockType.NUMBERED]
    bullets = [b for b in unity if b.kind is BlockType.BULLET]
    numbered = [b for b in unity if b.kind is BlockType.NUMBERED]
    assert bullets[0].list_id == bullets[1].list_id != 0
    assert numbered[0].list_id not in (0, bullets[0].list_id)
    quote = next(b for b in doc.blocks if b.section_id == "s3" and b.part == "background"
                 and b.kind is not BlockType.HEADING)
    assert quote.kind is BlockType.QUOTE


def test_list_ids_are_unique_across_notes() -> None:
    doc = build_document(make_outline(), make_spec())
    ids_by_section: dict[int, set[str]] = {}
    for block in doc.walk():
        if block.list_id:
            ids_by_section.setdefault(block.list_id, set()).add(f"{block.part}/{block.section_id}")
    assert all(len(owners) == 1 for owners in ids_by_section.values())


def test_each_excerpt_cites_its_article_and_sources_list_each_once() -> None:
    doc = build_document(make_outline(), make_spec())
    cited = [(b.text(), b.footnote) for b in doc.blocks if b.footnote is not None]
    alliance = Citation("A. Writer", "Holding an alliance together", "Example Review",
                        "1 October 2024", "https://example.org/alliance")
    explainer = Citation("", "An explainer on deterrence", "Policy Monthly", "12 September 2024",
                         "")
    assert cited == [("1. Working with the union", alliance), ("2. Unity first", alliance),
                     ("3. Forward forces", explainer), ("4. Nuclear sharing", explainer),
                     ("5. Picked child", explainer)]
    assert doc.sources == [alliance, explainer]
    assert doc.footnotes() == [c for _, c in cited]
    items = [b for b in doc.blocks if b.kind is BlockType.SOURCE]
    assert [b.text() for b in items] == [alliance.text(), explainer.text()]
    assert items[0].runs[-1].url == "https://example.org/alliance"
    assert items[0].list_id == items[1].list_id != 0


def test_citation_with_unsafe_url_is_not_a_link() -> None:
    runs = Citation(title="T", url="javascript:alert(1)").runs()
    assert all(run.url is None for run in runs)
    assert "javascript:alert(1)" in "".join(run.text for run in runs)


def test_considerations_hold_the_notes_with_headings_demoted() -> None:
    doc = build_document(make_outline(), make_spec())
    considered = [b for b in doc.blocks if b.part == "considerations"]
    assert considered[0].text() == "Considerations" and considered[0].level == 1
    section_headings = [b.text() for b in considered
                        if b.kind is BlockType.HEADING and b.level == 2]
    assert section_headings == ["1. Working with the union", "2. Unity first"]
    risks = next(b for b in considered if b.text() == "Risks")
    assert risks.kind is BlockType.HEADING and risks.level == 3
    assert [b.text() for b in considered if b.kind is BlockType.BULLET] == [
        "budget fights", "elections"]


def test_text_parts_are_markdown_and_empty_parts_leave_no_heading() -> None:
    outline = make_outline()
    outline.briefing.summary = "   "
    outline.briefing.recommendation = ""
    doc = build_document(outline, make_spec())
    assert "Summary" not in headings(doc) and "Recommendation" not in headings(doc)
    purpose = [b for b in doc.blocks if b.part == "purpose"]
    assert purpose[1].runs[1].text == "Minister" and purpose[1].runs[1].italic


def test_nothing_picked_gives_no_excerpt_parts() -> None:
    outline = make_outline()
    for _, section in outline.walk():
        section.picked = False
    spec = make_spec(("title", "background", "key_points", "considerations", "reading",
                      "sources"))
    doc = build_document(outline, spec)
    assert [b.kind for b in doc.blocks] == [BlockType.TITLE]
    assert doc.sources == []


def test_bottom_line_and_key_points_for_a_one_page_brief() -> None:
    spec = make_spec(("title", "bottom_line", "key_points", "sources"), page_budget=1.0)
    doc = build_document(make_outline(), spec)
    assert headings(doc, 1) == ["Bottom line", "Key points", "Sources"]
    points = [b for b in doc.blocks if b.part == "key_points" and b.kind is BlockType.BULLET]
    assert [b.text() for b in points] == [
        "1. Working with the union: Cooperation beats rivalry.",
        "2. Unity first: Why it matters: unity is fragile.",
        "3. Forward forces", "4. Nuclear sharing", "5. Picked child"]
    assert points[0].runs[0].bold
    assert points[1].runs[2].bold and points[1].runs[2].text == "Why it matters:"
    assert len({b.list_id for b in points}) == 1
    assert all(b.footnote is not None for b in points)


@pytest.mark.parametrize(("note", "point"), [
    ("Costs rise *faster*\nthan forecast. Then more.", "Costs rise faster than forecast."),
    ("Two things:\n- one\n- two", "Two things:"),
    ("Short line.\nNext line goes on", "Short line."),
])
def test_key_point_takes_the_first_sentence_across_a_wrapped_line(note: str, point: str,
                                                                   ) -> None:
    outline = make_outline()
    spec = make_spec(("key_points",), page_budget=1.0)
    first = build_document(outline, spec).blocks[1]
    section = next(s for _, s in outline.walk() if s.id == first.section_id)
    section.note = note
    runs = build_document(outline, spec).blocks[1].runs
    assert "".join(run.text for run in runs).split(": ", 1)[1] == point
    assert not any(run.is_break for run in runs)


@pytest.mark.parametrize("placement", ["comment", "box", "inline"])
def test_reading_pack_gives_text_source_line_and_note(placement: str) -> None:
    spec = make_spec(("title", "reading", "sources"), note_placement=placement, page_budget=None)
    doc = build_document(make_outline(), spec)
    reading = [b for b in doc.blocks if b.part == "reading" and b.section_id == "s3"]
    heading, source_line = reading[0], reading[1]
    assert heading.kind is BlockType.HEADING and heading.footnote is not None
    assert source_line.kind is BlockType.SOURCE_LINE
    assert source_line.text() == heading.footnote.text()
    assert reading[2].text() == "A quoted line about cooperation."
    note_text = "Cooperation beats rivalry."
    if placement == "comment":
        assert heading.comment is not None
        assert [b.text() for b in heading.comment] == [note_text]
        assert len(reading) == 3
    elif placement == "box":
        assert heading.comment is None
        assert reading[3].kind is BlockType.NOTE
        assert [b.text() for b in reading[3].children] == [note_text]
    else:
        assert [b.text() for b in reading[3:]] == [NOTE_HEADING, note_text]
    assert Counter(texts(doc))[note_text] == 1


def test_text_goes_to_the_first_full_text_part_only() -> None:
    spec = make_spec(("background", "reading"))
    doc = build_document(make_outline(), spec)
    assert texts(doc).count("Nuclear sharing text.") == 1
    assert "Reading" not in headings(doc)


def test_classification_override_then_briefing_then_template_default() -> None:
    outline = make_outline()
    assert build_document(outline, make_spec()).metadata.classification == "OFFICIAL"
    outline.briefing.classification = "SECRET"
    assert build_document(outline, make_spec()).metadata.classification == "SECRET"
    assert build_document(outline, make_spec(), "TOP").metadata.classification == "TOP"


def test_metadata_fills_placeholders_and_core_properties() -> None:
    doc = build_document(make_outline(), make_spec())
    meta = doc.metadata
    values = meta.placeholders()
    assert {key: values[key] for key in ("title", "to", "from", "date", "classification",
                                         "file_number")} == {
        "title": "Alliance at a turning point", "to": "Minister", "from": "Policy Unit",
        "date": "15 October 2024", "classification": "OFFICIAL", "file_number": "PU-2024-118"}
    assert values["approved_by"] == "" and values["action_required"] == ""
    assert meta.author == "Policy Unit"
    assert meta.subject == "Alliance briefing"
    assert meta.keywords == "eu, cohesion"
    assert doc.template == "test-note" and doc.page_budget == 2.0


def test_title_falls_back_to_the_outline_title() -> None:
    outline = make_outline()
    outline.briefing.title = ""
    doc = build_document(outline, make_spec())
    assert doc.blocks[0].text() == "Alliance briefing"


def test_control_characters_are_removed_from_article_text() -> None:
    outline = make_outline()
    outline.articles[0].sections[0].blocks[0].text = "Bell\x07 and\x00 null\x1b."
    outline.articles[0].sections[0].heading = "Unity\x0c first"
    doc = build_document(outline, make_spec())
    assert "Bell and null." in texts(doc)
    assert "2. Unity first" in texts(doc)


def test_newlines_in_article_text_become_line_breaks() -> None:
    outline = make_outline()
    outline.articles[0].sections[2].blocks = [para("First line\r\nSecond line")]
    doc = build_document(outline, make_spec())
    block = next(b for b in doc.blocks if b.text() == "First line\nSecond line")
    assert [run.is_break for run in block.runs] == [False, True, False]


def test_walk_visits_comment_and_box_content() -> None:
    inner = DocBlock(BlockType.PARAGRAPH)
    box = DocBlock(BlockType.NOTE, children=[inner])
    doc = BriefingDocument(metadata=build_document(Outline(), make_spec()).metadata, blocks=[box])
    assert list(doc.walk()) == [box, inner]


@pytest.mark.parametrize(("text", "first"), [
    ("One. Two.", "One."),
    ("Is it? Yes.", "Is it?"),
    ("No end", "No end"),
    ("He said \u201cstop.\u201d Then left.", "He said \u201cstop.\u201d"),
    ("Version 3.4 is out. Next.", "Version 3.4 is out."),
])
def test_first_sentence(text: str, first: str) -> None:
    assert first_sentence(text) == first


def test_clean_text_keeps_tabs_and_newlines() -> None:
    assert clean_text("a\tb\nc\rd\x01\ufffe\ud800e") == "a\tb\nc\rde"
    assert clean_text("plain\x0b ascii\x1f\x00 text\r\n") == "plain ascii text\r\n"
    assert clean_text("plain ascii text") == "plain ascii text"


@pytest.mark.parametrize("code", range(0x20))
def test_clean_text_drops_each_forbidden_control_from_ascii_text(code: int) -> None:
    text = f"plain{chr(code)}text"
    assert clean_text(text) == (text if chr(code) in "\t\n\r" else "plaintext")


def _legal_in_xml(char: str) -> bool:
    code = ord(char)
    return char in "\t\n\r" or (code >= 0x20 and not 0xD800 <= code <= 0xDFFF
                                  and char not in "\ufffe\uffff")


@given(st.text(st.characters(max_codepoint=0xFFFF, blacklist_categories=())))
def test_clean_text_drops_exactly_the_characters_xml_forbids(text: str) -> None:
    assert clean_text(text) == "".join(char for char in text if _legal_in_xml(char))


@pytest.mark.parametrize(("text", "runs"), [
    ("", []),
    ("One line", [Run("One line")]),
    ("One\x07 line", [Run("One line")]),
    ("Two\r\nlines\rand\n\nmore", [Run("Two"), LINE_BREAK, Run("lines"), LINE_BREAK,
                                     Run("and"), LINE_BREAK, LINE_BREAK, Run("more")]),
    ("\n", [LINE_BREAK]),
])
def test_plain_runs_turn_line_ends_into_breaks(text: str, runs: list[Run]) -> None:
    assert plain_runs(text) == runs


@st.composite
def outlines(draw: st.DrawFn) -> Outline:
    """Articles with nested sections, each holding one unique text, picked at random."""
    counter = iter(range(1, 10_000))

    def section(depth: int) -> Section:
        number = next(counter)
        children = [] if depth >= 2 else [
            section(depth + 1) for _ in range(draw(st.integers(0, 2)))]
        return Section(id=f"s{number}", heading=f"Heading {number}", picked=draw(st.booleans()),
                       blocks=[para(f"Text of section {number}.")], sections=children)

    articles = [Article(title=f"Article {index}",
                        sections=[section(0) for _ in range(draw(st.integers(1, 3)))])
                for index in range(draw(st.integers(1, 2)))]
    outline = Outline(articles=articles)
    ids = [s.id for _, s in outline.walk()]
    outline.briefing.order = draw(st.permutations(ids))[:draw(st.integers(0, len(ids)))]
    return outline


@settings(max_examples=150, deadline=None)
@given(outlines())
def test_picked_text_once_unpicked_never_for_any_picking(outline: Outline) -> None:
    doc = build_document(outline, make_spec(("background",)))
    counts = Counter(texts(doc))
    for article in outline.articles:
        for top in article.sections:
            for section in top.walk():
                text = f"Text of section {section.id[1:]}."
                assert counts[text] == (1 if section.picked else 0), (section.id, counts[text])
    picked_order = [s.id for _, s in outline.picked_in_order()]
    excerpt_ids = [b.section_id for b in doc.blocks if b.footnote is not None]
    assert excerpt_ids == picked_order


def test_comments_are_placed_after_the_excerpt_they_are_on() -> None:
    spec = make_spec(("title", "reading", "sources"), note_placement="comment")
    doc = build_document(make_outline(), spec)
    placements = comment_placements(doc.blocks)
    for end, comments in placements.items():
        (comment,) = comments
        anchor = next(b for b in doc.blocks if b.comment is comment)
        assert doc.blocks[end].section_id == anchor.section_id or \
            doc.blocks[end].section_id in {s.id for s in _subsections(anchor.section_id)}
        following = doc.blocks[end + 1]
        assert (following.kind is BlockType.HEADING and following.level <= anchor.level) \
            or following.part != anchor.part
    unity = next(i for i, b in enumerate(doc.blocks) if b.text() == "2. Unity first")
    last_of_unity = next(i for i, b in enumerate(doc.blocks) if b.text() == "Numbered step one.")
    assert last_of_unity in placements and unity < last_of_unity


def test_a_comment_on_a_plain_block_stays_with_it() -> None:
    note = [DocBlock(BlockType.PARAGRAPH)]
    blocks = [DocBlock(BlockType.PARAGRAPH, comment=note), DocBlock(BlockType.PARAGRAPH)]
    assert comment_placements(blocks) == {0: [note]}


def _subsections(section_id: str) -> list[Section]:
    found = make_outline().find_section(section_id)
    assert found is not None
    return list(found[1].walk())


def test_building_a_note_pauses_the_collector_and_then_resumes_it(
        monkeypatch: pytest.MonkeyPatch) -> None:
    import gc

    from briefing.core.dates import document_date as real_date

    seen: list[bool] = []

    def watched_date(text: str, date_format: str, language: str) -> str:
        seen.append(gc.isenabled())
        return real_date(text, date_format, language)

    monkeypatch.setattr("briefing.core.export.document.document_date", watched_date)
    outline = Outline(articles=[Article(title="A", date="2024-10-01", sections=[
        Section(id="s1", heading="One", picked=True, blocks=[para("Text.")])])])
    assert gc.isenabled()
    build_document(outline, make_spec())
    assert seen and not any(seen)
    assert gc.isenabled()


def test_building_pauses_between_its_steps_and_a_pause_may_stop_it() -> None:
    outline = make_outline()
    plain = build_document(outline, make_spec())
    pauses: list[int] = []
    paced = build_document(outline, make_spec(), pause=lambda: pauses.append(1))
    assert texts(paced) == texts(plain)
    assert len(pauses) > 2 * len(outline.entries_in_order())  # for each entry and more

    class StopError(Exception):
        pass

    def stop_at_the_third() -> None:
        pauses.append(1)
        if len(pauses) == 3:
            raise StopError

    pauses.clear()
    with pytest.raises(StopError):
        build_document(outline, make_spec(), pause=stop_at_the_third)
    assert len(pauses) == 3
