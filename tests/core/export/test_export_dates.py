"""Dates in every exported format are written in the template's date form, never as ISO."""

from __future__ import annotations

import shutil
from pathlib import Path

import docx
import pytest

from briefing.core import paths
from briefing.core.errors import TemplateError
from briefing.core.export.api import export_briefing
from briefing.core.templates import find_template
from tests.core.export.fixtures.outlines import sample_outline


def _quiet(message: str) -> None:
    return None


def _docx_text(path: Path) -> str:
    """Every paragraph of the body, its tables, headers and footers (as a reader sees them)."""
    document = docx.Document(str(path))
    texts = [p.text for p in document.paragraphs]
    texts += [cell.text for table in document.tables for row in table.rows for cell in row.cells]
    for section in document.sections:
        texts += [p.text for p in section.header.paragraphs + section.footer.paragraphs]
    return "\n".join(texts)


def _exported_text(tmp_path: Path, suffix: str, template: str | None = None,
                   date: str = "2025-07-01") -> str:
    outline = sample_outline()
    outline.briefing.date = date
    note = tmp_path / f"note{suffix}"
    export_briefing(outline, note, template=template, warn=_quiet)
    return _docx_text(note) if suffix == ".docx" else note.read_text(encoding="utf-8")


def _user_template(name: str, extra_yaml: str) -> None:
    folder = paths.user_templates_dir()
    shutil.copy(paths.BUILTIN_TEMPLATES / "briefing-note.docx", folder / f"{name}.docx")
    builtin_yaml = (paths.BUILTIN_TEMPLATES / "briefing-note.yaml").read_text(encoding="utf-8")
    (folder / f"{name}.yaml").write_text(builtin_yaml + extra_yaml, encoding="utf-8")


@pytest.mark.parametrize("suffix", [".docx", ".md", ".html"])
def test_the_briefing_date_is_written_in_words_by_default(tmp_path: Path, suffix: str) -> None:
    text = _exported_text(tmp_path, suffix)
    assert "1 July 2025" in text
    assert "2025-07-01" not in text


@pytest.mark.parametrize("suffix", [".docx", ".md", ".html"])
def test_article_dates_in_sources_are_written_in_words_too(tmp_path: Path, suffix: str) -> None:
    text = _exported_text(tmp_path, suffix)
    assert "14 March 2025" in text
    assert "2025-03-14" not in text


@pytest.mark.parametrize("suffix", [".docx", ".md", ".html"])
def test_a_template_date_form_and_language_are_used(tmp_path: Path, suffix: str) -> None:
    _user_template("note-fr", 'date_format: "EEEE d MMMM yyyy"\nlanguage: fr\n')
    text = _exported_text(tmp_path, suffix, template="note-fr")
    assert "mardi 1 juillet 2025" in text
    assert "2025-07-01" not in text


def test_a_numeric_date_form_is_used_in_the_word_file(tmp_path: Path) -> None:
    _user_template("note-numeric", 'date_format: "dd/MM/yyyy"\n')
    assert "01/07/2025" in _exported_text(tmp_path, ".docx", template="note-numeric")


@pytest.mark.parametrize("suffix", [".docx", ".md", ".html"])
def test_a_date_that_is_not_iso_is_shown_as_typed(tmp_path: Path, suffix: str) -> None:
    assert "early July (tbc)" in _exported_text(tmp_path, suffix, date="early July (tbc)")


def test_the_default_date_form_is_day_month_name_year_in_english() -> None:
    spec = find_template("briefing-note")
    assert (spec.date_format, spec.language) == ("d MMMM yyyy", "en")


@pytest.mark.parametrize(("extra_yaml", "place", "words"), [
    ("language: xx_nowhere\n", "language", "unknown language 'xx_nowhere'"),
    ("date_format: \"'today'\"\n", "date_format", "has no day, month or year"),
    ("date_format: hh:mm d MMM\n", "date_format", "'h' is not a day, month"),
    ("date_format: [d, M]\n", "date_format", "must be text"),
    ("date_format: \"d 'MMMM yyyy\"\n", "date_format", "quote (') that is not closed"),
])
def test_a_bad_date_form_or_language_names_the_key(extra_yaml: str, place: str,
                                                   words: str) -> None:
    _user_template("bad-date", extra_yaml)
    with pytest.raises(TemplateError) as caught:
        find_template("bad-date")
    message = str(caught.value)
    assert "bad-date.yaml" in message
    assert place in message
    assert words in message
