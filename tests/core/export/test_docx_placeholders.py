"""Placeholders in a template's body, header and footer, also when split across runs."""

from __future__ import annotations

import io
import itertools
import shutil
from pathlib import Path

import docx
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from lxml import etree

from briefing.core import paths
from briefing.core.export.docx_xml import W_P, W_R, W_RPR, paragraph_text, run, w
from briefing.core.export.placeholders import fill_paragraph, find_content_marker

FIXTURES = Path(__file__).parent / "fixtures"


def _paragraph(*pieces: str) -> etree._Element:
    p = etree.Element(W_P)
    for index, piece in enumerate(pieces):
        r = run(p, piece)
        if index % 2 == 1:  # a template's own runs may well carry direct formatting
            etree.SubElement(r, W_RPR).append(etree.Element(w("b")))
            r.insert(0, r[-1])
    return p


def _fill(p: etree._Element, values: dict[str, str]) -> list[str]:
    unknown: list[str] = []
    fill_paragraph(p, values, unknown.append)
    return unknown


def test_placeholder_in_one_run_is_filled() -> None:
    p = _paragraph("Dear {{ to }},")
    assert _fill(p, {"to": "Minister"}) == []
    assert paragraph_text(p) == "Dear Minister,"


def test_placeholder_split_over_three_runs_is_filled_and_keeps_first_runs_format() -> None:
    p = _paragraph("Title: {{ ti", "tl", "e }} (draft)")
    _fill(p, {"title": "Posture"})
    assert paragraph_text(p) == "Title: Posture (draft)"
    runs = p.findall(W_R)
    assert runs[0].find(w("rPr")) is None
    assert "".join(t.text or "" for t in runs[0].iter(w("t"))) == "Title: Posture"


def test_several_placeholders_and_spacing_variants_in_one_paragraph() -> None:
    p = _paragraph("{{to}} / {{  from  }", "} / {{ file_number }}")
    _fill(p, {"to": "A", "from": "B", "file_number": "F-1"})
    assert paragraph_text(p) == "A / B / F-1"


def test_unknown_placeholder_is_left_and_reported() -> None:
    p = _paragraph("{{ colour }} and {{ date }}")
    assert _fill(p, {"date": "today"}) == ["colour"]
    assert paragraph_text(p) == "{{ colour }} and today"


def test_value_with_braces_is_not_filled_again() -> None:
    p = _paragraph("{{ title }}{{ date }}")
    _fill(p, {"title": "{{ date }}", "date": "x"})
    assert paragraph_text(p) == "{{ date }}x"


@settings(max_examples=150, deadline=None)
@given(before=st.text(alphabet="ab {}", max_size=8), after=st.text(alphabet="ab {}", max_size=8),
       value=st.text(alphabet="xyz ", max_size=6), cuts=st.lists(st.integers(0, 40), max_size=4))
def test_any_split_gives_the_same_text_as_no_split(before: str, after: str, value: str,
                                                   cuts: list[int]) -> None:
    text = f"{before}{{{{ title }}}}{after}"
    points = sorted({min(cut, len(text)) for cut in cuts} | {0, len(text)})
    pieces = [text[a:b] for a, b in itertools.pairwise(points)] or [""]
    split, whole = _paragraph(*pieces), _paragraph(text)
    _fill(split, {"title": value})
    _fill(whole, {"title": value})
    assert paragraph_text(split) == paragraph_text(whole)


def test_libreoffice_resaved_template_keeps_split_placeholders() -> None:
    document = docx.Document(str(FIXTURES / "lo-resaved.docx"))
    body_texts = [t.text for t in document.element.body.iter(w("t"))]
    assert "{{ ti" in body_texts and "tle" in body_texts  # the split this test is about
    assert find_content_marker(document) is not None


def test_content_marker_is_found_only_alone_in_its_paragraph(tmp_path: Path) -> None:
    template = tmp_path / "t.docx"
    shutil.copy(paths.BUILTIN_TEMPLATES / "briefing-note.docx", template)
    document = docx.Document(str(template))
    marker = find_content_marker(document)
    assert marker is not None and paragraph_text(marker) == "{{ content }}"
    run(marker, " and more")
    stream = io.BytesIO()
    document.save(stream)
    assert find_content_marker(docx.Document(stream)) is None


@pytest.mark.parametrize("text", ["{{ }}", "{{ 9lives }}", "{ title }", "{{title"])
def test_things_that_are_not_placeholders_are_left_alone(text: str) -> None:
    p = _paragraph(text)
    assert _fill(p, {"title": "X"}) == []
    assert paragraph_text(p) == text
