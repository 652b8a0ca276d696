"""Finding and loading templates, and the built-in templates' own files."""

from __future__ import annotations

import importlib.util
import shutil
import sys
from pathlib import Path

import docx
import pytest

from briefing.core import paths
from briefing.core.errors import TemplateError
from briefing.core.export.api import export_briefing
from briefing.core.export.docx_styles import WRITER_STYLES, missing_styles
from briefing.core.templates import (
    PARTS,
    find_template,
    list_templates,
    load_template_spec,
)
from tests.core.export.fixtures.outlines import sample_outline

BUILTIN_NAMES = ("briefing-note", "decision-note", "one-page-brief", "reading-pack")

GOOD_YAML = """\
title: Cabinet memo
description: A memo for cabinet.
parts: [title, details, summary, sources]
page_budget: 3
words_per_page: 400
classification_scheme: [PUBLIC, RESTRICTED]
default_classification: RESTRICTED
note_placement: box
"""


def _user_template(name: str, yaml_text: str, docx_from: str = "briefing-note") -> Path:
    folder = paths.user_templates_dir()
    shutil.copy(paths.BUILTIN_TEMPLATES / f"{docx_from}.docx", folder / f"{name}.docx")
    yaml_path = folder / f"{name}.yaml"
    yaml_path.write_text(yaml_text, encoding="utf-8")
    return yaml_path


def test_builtin_templates_are_listed_with_their_limits() -> None:
    specs = {spec.name: spec for spec in list_templates()}
    assert tuple(specs) == BUILTIN_NAMES
    assert specs["briefing-note"].page_budget == 2
    assert specs["one-page-brief"].page_budget == 1
    assert specs["reading-pack"].page_budget is None
    assert specs["reading-pack"].note_placement == "comment"
    assert specs["briefing-note"].parts[:2] == ("title", "details")
    assert "bottom_line" in specs["one-page-brief"].parts
    assert "reading" in specs["reading-pack"].parts
    for spec in specs.values():
        assert spec.builtin
        assert set(spec.parts) <= set(PARTS)
        assert spec.default_classification in spec.classification_scheme
        assert spec.docx_path.is_file()


@pytest.mark.parametrize("name", BUILTIN_NAMES)
def test_every_style_the_writer_uses_exists_in_builtin_template(name: str) -> None:
    template = paths.BUILTIN_TEMPLATES / f"{name}.docx"
    assert missing_styles(template) == []
    names = {style.name.lower() for style in docx.Document(str(template)).styles}
    assert {style.lower() for style, _ in WRITER_STYLES} <= names


@pytest.mark.parametrize("name", BUILTIN_NAMES)
def test_builtin_template_has_marking_fields_and_content_marker(name: str) -> None:
    document = docx.Document(str(paths.BUILTIN_TEMPLATES / f"{name}.docx"))
    section = document.sections[0]
    assert "{{ classification }}" in section.header.paragraphs[0].text
    footer_xml = section.footer._element.xml
    assert "{{ classification }}" in footer_xml
    assert " PAGE " in footer_xml and " NUMPAGES " in footer_xml
    assert any(p.text == "{{ content }}" for p in document.paragraphs)
    assert section.page_width is not None and abs(section.page_width.mm - 210) < 1


@pytest.mark.parametrize("name", BUILTIN_NAMES)
def test_page_x_of_y_stays_on_one_line_beside_a_long_title(name: str, tmp_path: Path) -> None:
    """A title that fills the footer's line must not leave "Page 1 of" on one line and the
    count on the next: the words of "Page X of Y" are joined by no-break spaces."""
    outline = sample_outline()
    outline.briefing.title = " ".join(["A long title"] * 8)
    output = tmp_path / "note.docx"
    export_briefing(outline, output, template=name, warn=lambda message: None)
    footer = docx.Document(str(output)).sections[0].footer.paragraphs[0].text
    title, _, page = footer.partition("\t")
    assert title == outline.briefing.title
    assert page.replace("\u00a0", "_") == "Page_1_of_1"


def test_build_script_reproduces_the_committed_templates(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    script = paths.BUILTIN_TEMPLATES / "build_templates.py"
    spec = importlib.util.spec_from_file_location("build_templates", script)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    monkeypatch.setitem(sys.modules, "build_templates", module)
    spec.loader.exec_module(module)
    for look in module.LOOKS:
        built = module.build(look, tmp_path)
        committed = paths.BUILTIN_TEMPLATES / built.name
        assert built.read_bytes() == committed.read_bytes(), f"rebuild {built.name}"


def test_find_template_by_name_and_with_extension() -> None:
    assert find_template("one-page-brief").name == "one-page-brief"
    assert find_template("reading-pack.yaml").name == "reading-pack"


def test_unknown_template_lists_the_available_ones() -> None:
    with pytest.raises(TemplateError) as caught:
        find_template("memo")
    message = str(caught.value)
    assert "'memo'" in message
    for name in BUILTIN_NAMES:
        assert name in message


def test_user_template_is_loaded_and_listed_after_builtins() -> None:
    _user_template("cabinet-memo", GOOD_YAML)
    specs = list_templates()
    assert [spec.name for spec in specs][-1] == "cabinet-memo"
    spec = find_template("cabinet-memo")
    assert spec.title == "Cabinet memo"
    assert spec.parts == ("title", "details", "summary", "sources")
    assert spec.page_budget == 3.0
    assert spec.words_per_page == 400
    assert spec.classification_scheme == ("PUBLIC", "RESTRICTED")
    assert spec.default_classification == "RESTRICTED"
    assert spec.note_placement == "box"
    assert not spec.builtin


def test_user_template_replaces_builtin_of_same_name() -> None:
    _user_template("briefing-note", GOOD_YAML, docx_from="one-page-brief")
    specs = {spec.name: spec for spec in list_templates()}
    assert list(specs) == list(BUILTIN_NAMES)
    assert specs["briefing-note"].title == "Cabinet memo"
    assert find_template("briefing-note").docx_path.parent == paths.user_templates_dir()


def test_unknown_yaml_keys_are_warned_not_ignored() -> None:
    yaml_path = _user_template("memo", GOOD_YAML + "colour: blue\n")
    warnings: list[str] = []
    load_template_spec(yaml_path, warnings.append)
    assert len(warnings) == 1
    assert "colour" in warnings[0] and str(yaml_path) in warnings[0]


@pytest.mark.parametrize(("yaml_text", "place", "words"), [
    ("parts: [title, appendix]\n", "parts[1]", "appendix"),
    ("parts: [title, title]\n", "parts[1]", "twice"),
    ("parts: []\n", "parts", "non-empty"),
    ("title: x\n", "parts", "non-empty"),
    ("parts: [title]\npage_budget: -1\n", "page_budget", "positive"),
    ("parts: [title]\nwords_per_page: 12\n", "words_per_page", "between"),
    ("parts: [title]\nnote_placement: margin\n", "note_placement", "margin"),
    ("parts: [title]\nclassification_scheme: [A, B]\ndefault_classification: C\n",
     "default_classification", "not in"),
    ("parts: [title]\nclassification_scheme: [A, 3]\n", "classification_scheme[1]", "marking"),
    ("parts: [title\n", "line 2", "YAML"),
    ("- just\n- a list\n", "", "mapping"),
])
def test_bad_template_yaml_names_file_and_place(yaml_text: str, place: str, words: str) -> None:
    yaml_path = _user_template("memo", yaml_text)
    with pytest.raises(TemplateError) as caught:
        load_template_spec(yaml_path)
    message = str(caught.value)
    assert str(yaml_path) in message
    assert place in message
    assert words in message


def test_yaml_without_word_file_is_refused() -> None:
    yaml_path = paths.user_templates_dir() / "lonely.yaml"
    yaml_path.write_text("parts: [title]\n", encoding="utf-8")
    with pytest.raises(TemplateError, match=r"lonely\.docx"):
        load_template_spec(yaml_path)


def test_broken_user_template_is_skipped_in_list_but_reported_by_name() -> None:
    _user_template("broken", "parts: [nonsense]\n")
    warnings: list[str] = []
    names = [spec.name for spec in list_templates(warnings.append)]
    assert "broken" not in names and "briefing-note" in names
    assert any("broken.yaml" in message and "skipped" in message for message in warnings)
    with pytest.raises(TemplateError, match="nonsense"):
        find_template("broken")


def test_find_template_accepts_a_path_to_a_template_elsewhere(tmp_path: Path) -> None:
    shutil.copy(paths.BUILTIN_TEMPLATES / "one-page-brief.docx", tmp_path / "memo.docx")
    (tmp_path / "memo.yaml").write_text(GOOD_YAML, encoding="utf-8")
    spec = find_template(str(tmp_path / "memo.yaml"))
    assert spec.name == "memo" and spec.docx_path == tmp_path / "memo.docx"
    assert find_template(str(tmp_path / "memo.docx")).title == "Cabinet memo"
    with pytest.raises(TemplateError, match="no such file"):
        find_template(str(tmp_path / "other.yaml"))
    shutil.copy(tmp_path / "memo.docx", tmp_path / "draft.docx")
    with pytest.raises(TemplateError, match=r"draft\.docx: has no template description "
                                            r"\(draft\.yaml\)"):
        find_template(str(tmp_path / "draft.docx"))


def test_word_file_without_its_yaml_is_reported_not_silently_ignored() -> None:
    folder = paths.user_templates_dir()
    shutil.copy(paths.BUILTIN_TEMPLATES / "briefing-note.docx", folder / "ministry.docx")
    shutil.copy(paths.BUILTIN_TEMPLATES / "briefing-note.docx", folder / "~$ministry.docx")
    warnings: list[str] = []
    names = [spec.name for spec in list_templates(warnings.append)]
    assert "ministry" not in names
    assert len(warnings) == 1  # the office suite's lock file is not a template
    assert "ministry.docx" in warnings[0] and "ministry.yaml" in warnings[0]
    with pytest.raises(TemplateError) as caught:
        find_template("ministry")
    message = str(caught.value)
    assert str(folder / "ministry.docx") in message and "ministry.yaml" in message
    assert "docs/templates.md" in message


def test_a_template_path_relative_to_the_current_folder_is_found(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "drafts").mkdir()
    for folder in (tmp_path, tmp_path / "drafts"):
        shutil.copy(paths.BUILTIN_TEMPLATES / "one-page-brief.docx", folder / "memo.docx")
        (folder / "memo.yaml").write_text(GOOD_YAML, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    for given in ("memo.yaml", "memo.docx", "drafts/memo.yaml"):
        spec = find_template(given)
        assert spec.title == "Cabinet memo"
        assert spec.docx_path.is_absolute() and spec.docx_path.is_file()
    monkeypatch.chdir(tmp_path / "drafts")
    assert find_template("memo.yaml").docx_path == tmp_path / "drafts" / "memo.docx"


def test_a_dotx_beside_the_yaml_is_the_template_word_file(tmp_path: Path) -> None:
    shutil.copy(paths.BUILTIN_TEMPLATES / "one-page-brief.docx", tmp_path / "memo.dotx")
    (tmp_path / "memo.yaml").write_text(GOOD_YAML, encoding="utf-8")
    assert find_template(str(tmp_path / "memo.yaml")).docx_path == tmp_path / "memo.dotx"
    assert find_template(str(tmp_path / "memo.dotx")).docx_path == tmp_path / "memo.dotx"


def test_a_docm_is_refused_because_of_macros_not_called_missing(tmp_path: Path) -> None:
    shutil.copy(paths.BUILTIN_TEMPLATES / "one-page-brief.docx", tmp_path / "memo.docm")
    (tmp_path / "memo.yaml").write_text(GOOD_YAML, encoding="utf-8")
    for given in ("memo.yaml", "memo.docm"):
        with pytest.raises(TemplateError) as caught:
            find_template(str(tmp_path / given))
        message = str(caught.value)
        assert "memo.docm" in message and "macro" in message
        assert "no Word file" not in message
