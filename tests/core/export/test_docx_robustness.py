"""Whatever text an outline holds, the Word export writes a file that opens again."""

from __future__ import annotations

import io

import docx
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from briefing.core.export.document import build_document, clean_text
from briefing.core.export.docx_writer import build_docx
from briefing.core.model import Article, Block, BlockKind, BriefingDetails, Outline, Section
from briefing.core.templates import find_template

# Markdown's own characters, HTML, braces, tabs, newlines, controls and a few far-away letters.
_ALPHABET = st.sampled_from(list("ab *_`#>-1.[]()<>&{}\\\t\n\x00\x07\x1b\ufffe"
                                 "\u00e9\u4e2d\U0001f600"))
_TEXT = st.text(alphabet=_ALPHABET, max_size=60)


@st.composite
def outlines(draw: st.DrawFn) -> Outline:
    sections = []
    for number in range(draw(st.integers(1, 3))):
        blocks = [Block(draw(st.sampled_from(list(BlockKind))), draw(_TEXT))
                  for _ in range(draw(st.integers(0, 4)))]
        sections.append(Section(id=f"s{number + 1}", heading=draw(_TEXT), blocks=blocks,
                                picked=True, note=draw(_TEXT)))
    article = Article(title=draw(_TEXT), author=draw(_TEXT), url=draw(
        st.sampled_from(["", "https://example.org/a b", "javascript:x()", "mailto:a@b.c"])),
        sections=sections)
    briefing = BriefingDetails(title=draw(_TEXT), to=draw(_TEXT), summary=draw(_TEXT),
                               file_number=draw(_TEXT), purpose=draw(_TEXT))
    return Outline(title="t", articles=[article], briefing=briefing)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(outline=outlines(), template=st.sampled_from(
    ["briefing-note", "one-page-brief", "reading-pack"]))
def test_any_outline_exports_to_a_docx_that_opens(outline: Outline, template: str) -> None:
    spec = find_template(template)
    stream = io.BytesIO()
    build_docx(build_document(outline, spec), spec, lambda _: None).save(stream)
    reopened = docx.Document(io.BytesIO(stream.getvalue()))
    text = "\n".join(p.text for p in reopened.paragraphs)
    for section in outline.articles[0].sections:
        heading = " ".join(clean_text(section.heading).split())
        if template != "one-page-brief" and heading:
            assert heading.split()[0] in text
