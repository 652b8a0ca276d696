"""Checking a template: each problem the export would meet, named with its file and place."""

from __future__ import annotations

import shutil
import zipfile
from pathlib import Path

import docx
import pytest

from briefing.core import paths
from briefing.core.export.template_check import TemplateCheck, check_template


def _template(folder: Path, body: list[str] | None = None, *, header: str | None = None,
              yaml_extra: str = "", name: str = "memo", suffix: str = ".docx") -> Path:
    """A copy of the built-in note's files with ``body`` paragraphs added at the end."""
    word = folder / f"{name}{suffix}"
    document = docx.Document(str(paths.BUILTIN_TEMPLATES / "briefing-note.docx"))
    for text in body or []:
        document.add_paragraph(text)
    if header is not None:
        document.sections[0].header.add_paragraph(header)
    document.save(str(word))
    builtin_yaml = (paths.BUILTIN_TEMPLATES / "briefing-note.yaml").read_text(encoding="utf-8")
    (folder / f"{name}.yaml").write_text(builtin_yaml + yaml_extra, encoding="utf-8")
    return word


def _lines(check: TemplateCheck) -> list[str]:
    return [str(error) for error in check.errors]


def test_the_built_in_templates_have_no_problems() -> None:
    for name in ("briefing-note", "decision-note", "one-page-brief", "reading-pack"):
        check = check_template(name)
        assert (check.errors, check.warnings) == ([], [])
        assert check.spec is not None and check.spec.name == name


def test_a_misspelt_placeholder_is_named_with_its_paragraph_and_a_suggestion(
        tmp_path: Path) -> None:
    word = _template(tmp_path, ["Prepared for {{ tittle }} by the unit",
                                "Filed as {{ file_numbr }}"])
    lines = _lines(check_template(str(word)))
    assert len(lines) == 2
    assert str(word) in lines[0]
    assert "(\u201cPrepared for {{ tittle }} by the unit\u201d)" in lines[0]
    assert "unknown placeholder {{ tittle }}" in lines[0]
    assert "Did you mean {{ title }}?" in lines[0]
    assert "body paragraph " in lines[0]
    assert "unknown placeholder {{ file_numbr }}" in lines[1]
    assert "Did you mean {{ file_number }}?" in lines[1]


def test_a_placeholder_far_from_any_known_name_lists_the_known_ones(tmp_path: Path) -> None:
    word = _template(tmp_path, ["{{ weather }}"])
    (line,) = _lines(check_template(str(word)))
    assert "{{ weather }}" in line and "Known placeholders: {{ title }}, {{ date }}" in line


def test_a_content_placeholder_sharing_its_paragraph_is_an_error(tmp_path: Path) -> None:
    word = _template(tmp_path, ["The note: {{ content }}"])
    lines = _lines(check_template(str(word)))
    shared = [line for line in lines if "shares its paragraph" in line]
    assert len(shared) == 1 and "(\u201cThe note: {{ content }}\u201d)" in shared[0]


def test_a_second_content_placeholder_and_one_in_the_header_are_errors(tmp_path: Path) -> None:
    word = _template(tmp_path, ["{{ content }}"], header="{{ content }}")
    lines = _lines(check_template(str(word)))
    assert any("a second {{ content }}" in line for line in lines)
    assert any("header paragraph" in line and "is in the header" in line for line in lines)


def test_an_unclosed_placeholder_is_an_error(tmp_path: Path) -> None:
    word = _template(tmp_path, ["Reference {{ file_number }"])
    (line,) = _lines(check_template(str(word)))
    assert "'{{' that is not part of a placeholder" in line
    assert "(\u201cReference {{ file_number }\u201d)" in line


def test_a_long_paragraph_is_named_by_its_start(tmp_path: Path) -> None:
    word = _template(tmp_path, ["This paragraph goes on for a long while before {{ nme }}"])
    (line,) = _lines(check_template(str(word)))
    assert "(\u201cThis paragraph goes on for a long while\u2026\u201d)" in line


def test_a_misspelt_yaml_key_is_an_error_with_a_suggestion(tmp_path: Path) -> None:
    word = _template(tmp_path, yaml_extra="date_fromat: d MMM yyyy\n")
    (line,) = _lines(check_template(str(word)))
    assert "memo.yaml: date_fromat: unknown key" in line and "did you mean 'date_format'" in line


def test_missing_styles_and_marking_are_warnings_naming_them(tmp_path: Path) -> None:
    plain = docx.Document()
    plain.add_paragraph("{{ content }}")
    plain.save(str(tmp_path / "plain.docx"))
    shutil.copy(paths.BUILTIN_TEMPLATES / "briefing-note.yaml", tmp_path / "plain.yaml")
    check = check_template(str(tmp_path / "plain.yaml"))
    assert check.errors == []
    warnings = [str(warning) for warning in check.warnings]
    assert len(warnings) == 2
    assert "plain.docx: styles: lacks" in warnings[0]
    assert "Source Line" in warnings[0] and "Comment Text" in warnings[0]
    assert "Footnote Text" in warnings[0] and "Body Text" not in warnings[0]
    assert "no {{ classification }} in its header or footer" in warnings[1]


@pytest.mark.parametrize(("content", "words"), [
    (b"just some text", "is not a Word document"),
    (b"PK\x03\x04broken", "is not a Word document"),
])
def test_a_file_that_is_not_a_word_document_is_one_error(tmp_path: Path, content: bytes,
                                                         words: str) -> None:
    word = _template(tmp_path)
    word.write_bytes(content)
    (line,) = _lines(check_template(str(word)))
    assert str(word) in line and words in line


def test_a_renamed_docm_is_refused_because_of_macros(tmp_path: Path) -> None:
    word = _template(tmp_path)
    renamed = tmp_path / "renamed.docx"
    with zipfile.ZipFile(word) as source, zipfile.ZipFile(renamed, "w") as target:
        for item in source.infolist():
            data = source.read(item)
            if item.filename == "[Content_Types].xml":
                data = data.replace(b"application/vnd.openxmlformats-officedocument."
                                    b"wordprocessingml.document.main+xml",
                                    b"application/vnd.ms-word.document.macroEnabled.main+xml")
            target.writestr(item, data)
    renamed.replace(word)
    (line,) = _lines(check_template(str(word)))
    assert "memo.docx" in line and "macro" in line


def test_a_dotx_is_checked_like_a_docx(tmp_path: Path) -> None:
    word = _template(tmp_path, ["{{ tittle }}"], suffix=".dotx")
    lines = _lines(check_template(str(tmp_path / "memo.yaml")))
    assert len(lines) == 1 and str(word) in lines[0] and "{{ tittle }}" in lines[0]


def test_an_unknown_template_is_one_error() -> None:
    check = check_template("no-such-template")
    assert check.spec is None
    (line,) = _lines(check)
    assert "no template called 'no-such-template'" in line
