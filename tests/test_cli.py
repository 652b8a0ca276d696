"""The command line: verbs, their output, and one-line errors with no traceback."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from briefing import __version__
from briefing.cli import main

ROOT = Path(__file__).resolve().parent.parent
TEXT_FIXTURES = ROOT / "tests" / "core" / "importers" / "fixtures" / "text"
MD_FIXTURES = ROOT / "tests" / "core" / "importers" / "fixtures" / "md"


def run(capsys: pytest.CaptureFixture[str], *argv: str | Path) -> tuple[int, str, str]:
    status = main([str(arg) for arg in argv])
    captured = capsys.readouterr()
    return status, captured.out, captured.err


def _import_two(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> Path:
    outline = tmp_path / "topic.yaml"
    status, out, err = run(capsys, "import", TEXT_FIXTURES / "opinion_piece.txt",
                           TEXT_FIXTURES / "explainer_no_title.txt", "-o", outline)
    assert status == 0, err
    assert "2 article(s) imported" in out
    return outline


def test_import_several_files_makes_one_outline_and_show_prints_the_tree(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    outline = _import_two(tmp_path, capsys)
    status, out, _ = run(capsys, "show", outline)
    assert status == 0
    assert "2 article(s)" in out.splitlines()[0]
    assert "Article 1:" in out and "Article 2:" in out
    assert "[ ] s1" in out
    assert "Discarded:" in out


def test_append_adds_articles_and_keeps_existing_ids(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    outline = _import_two(tmp_path, capsys)
    before = outline.read_text(encoding="utf-8")
    status, out, err = run(capsys, "import", MD_FIXTURES / "heat_pumps.md", "-o", outline,
                           "--append", "--author", "Jo Analyst")
    assert status == 0, err
    assert "3 article(s) in the outline" in out
    from briefing.core.outline_file import load_outline

    loaded = load_outline(outline)
    assert loaded.articles[2].author == "Jo Analyst"
    # The first two articles' text, including their ids, is unchanged.
    assert outline.read_text(encoding="utf-8").startswith(before.split("- title:")[0])
    ids = [section.id for _, section in loaded.walk()]
    assert len(ids) == len(set(ids))


def test_import_overrides_title_and_sets_outline_title(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    outline = tmp_path / "one.yaml"
    status, _, err = run(capsys, "import", TEXT_FIXTURES / "opinion_piece.txt", "-o", outline,
                         "--title", "My own title", "--outline-title", "Topic",
                         "--url", "https://example.org/a")
    assert status == 0, err
    from briefing.core.outline_file import load_outline

    loaded = load_outline(outline)
    assert loaded.title == "Topic"
    assert loaded.articles[0].title == "My own title"
    assert loaded.articles[0].url == "https://example.org/a"


def test_failed_import_writes_nothing(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    outline = tmp_path / "out.yaml"
    status, _, err = run(capsys, "import", TEXT_FIXTURES / "opinion_piece.txt",
                           tmp_path / "missing.txt", "-o", outline)
    assert status == 1
    assert "Traceback" not in err and len(err.strip().splitlines()) == 1
    assert err == (f"briefing: error: {tmp_path / 'missing.txt'}: no such file. Check the name "
                   "and the folder (nothing imported: 1 of 2 files could not be imported, so "
                   f"{outline} was not written)\n")
    assert not outline.exists()


def test_a_single_failed_file_is_one_line(tmp_path: Path,
                                          capsys: pytest.CaptureFixture[str]) -> None:
    status, _, err = run(capsys, "import", tmp_path / "missing.txt", "-o", tmp_path / "o.yaml")
    assert status == 1
    assert err == f"briefing: error: {tmp_path / 'missing.txt'}: no such file. Check the name " \
                  "and the folder\n"


def test_every_file_that_fails_is_named_and_the_outline_is_left_as_it_was(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    outline = _import_two(tmp_path, capsys)
    before = outline.read_bytes()
    empty = tmp_path / "empty.txt"
    empty.write_text("", encoding="utf-8")
    (tmp_path / "md").mkdir()
    status, _, err = run(capsys, "import", tmp_path / "missing.txt", tmp_path / "md",
                         empty, TEXT_FIXTURES / "opinion_piece.txt", "-o", outline, "--append")
    assert status == 1
    lines = err.strip().splitlines()
    assert len(lines) == 3 and all(line.startswith("briefing: error: ") for line in lines)
    assert "missing.txt: no such file" in lines[0]
    assert "md: is a folder with no files in it" in lines[1]
    assert lines[2].endswith("empty.txt: is empty. Choose a file with some text in it "
                             "(nothing imported: 3 of 4 files could not be imported, so "
                             f"{outline} was left as it was)")
    assert outline.read_bytes() == before


def test_the_folder_of_a_page_saved_complete_is_not_an_article(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    page = tmp_path / "ferry.html"
    page.write_text("<html><head><title>Ferry cuts</title></head><body><article>"
                    "<h1>Ferry cuts</h1><p>The operator will run two crossings a day instead of "
                    "five from November, citing fuel costs and a shortage of crew.</p>"
                    "</article></body></html>", encoding="utf-8")
    (tmp_path / "ferry_files").mkdir()
    (tmp_path / "other_files").mkdir()
    outline = tmp_path / "o.yaml"
    status, out, err = run(capsys, "import", page, tmp_path / "ferry_files", "-o", outline)
    assert status == 0, err
    assert "1 article(s) imported" in out
    status, _, err = run(capsys, "import", page, tmp_path / "other_files", "-o", outline)
    assert status == 1 and "other_files: is a folder with no files in it" in err


def test_failed_import_leaves_existing_outline_untouched(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    outline = _import_two(tmp_path, capsys)
    before = outline.read_bytes()
    legacy = tmp_path / "old.doc"
    legacy.write_bytes(b"\xd0\xcf\x11\xe0" + b"\x00" * 100)
    status, _, err = run(capsys, "import", legacy, "-o", outline, "--append")
    assert status == 1
    assert "old.doc" in err
    assert outline.read_bytes() == before


def test_validate_reports_ok_and_problems(tmp_path: Path,
                                          capsys: pytest.CaptureFixture[str]) -> None:
    outline = _import_two(tmp_path, capsys)
    status, out, _ = run(capsys, "validate", outline)
    assert status == 0 and "valid (2 articles" in out
    broken = tmp_path / "broken.yaml"
    broken.write_text("format: briefing-outline/1\narticles:\n- title: [1, 2]\n",
                      encoding="utf-8")
    status, _, err = run(capsys, "validate", broken)
    assert status == 1
    assert "broken.yaml" in err and "articles[0].title" in err
    assert "Traceback" not in err


def test_show_refuses_a_newer_format_with_the_version_needed(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    newer = tmp_path / "newer.yaml"
    newer.write_text("format: briefing-outline/9\narticles: []\n", encoding="utf-8")
    status, _, err = run(capsys, "show", newer)
    assert status == 1
    assert "newer.yaml" in err and "Briefing" in err


def test_show_opens_the_bundled_sample(capsys: pytest.CaptureFixture[str]) -> None:
    status, out, _ = run(capsys, "show", ROOT / "resources" / "sample-outline.yaml")
    assert status == 0
    assert "[x]" in out and "[note]" in out
    assert "Template: briefing-note" in out


def test_templates_lists_the_built_in_templates(capsys: pytest.CaptureFixture[str]) -> None:
    status, out, _ = run(capsys, "templates")
    assert status == 0
    names = [line.split()[0] for line in out.splitlines() if line.strip()]
    assert {"briefing-note", "one-page-brief", "reading-pack"} <= set(names)
    assert "[2 pages]" in out and "[1 page]" in out and "[no page budget]" in out
    from briefing.core.paths import user_templates_dir

    assert out.rstrip().endswith(f"Your own templates go in: {user_templates_dir()}")
    assert f"Built-in templates are in: {ROOT / 'templates'}" in out


def _memo_template(folder: Path, extra_paragraph: str = "") -> Path:
    import docx

    document = docx.Document(str(ROOT / "templates" / "briefing-note.docx"))
    if extra_paragraph:
        document.add_paragraph(extra_paragraph)
    document.save(str(folder / "memo.docx"))
    yaml_text = (ROOT / "templates" / "briefing-note.yaml").read_text(encoding="utf-8")
    (folder / "memo.yaml").write_text(yaml_text, encoding="utf-8")
    return folder / "memo.docx"


def test_templates_list_warns_about_a_broken_word_file(
        capsys: pytest.CaptureFixture[str]) -> None:
    from briefing.core.paths import user_templates_dir

    word = _memo_template(user_templates_dir())
    word.write_bytes(b"not a Word file")
    status, out, err = run(capsys, "templates")
    assert status == 0
    assert "memo" in out.split()
    assert f"warning: {word}: is not a Word document" in err
    assert "briefing templates --check memo" in err


def test_templates_check_passes_a_good_template_by_relative_path(
        tmp_path: Path, capsys: pytest.CaptureFixture[str],
        monkeypatch: pytest.MonkeyPatch) -> None:
    word = _memo_template(tmp_path)
    monkeypatch.chdir(tmp_path)
    status, out, err = run(capsys, "templates", "--check", "memo.docx")
    assert (status, err) == (0, "")
    assert out.strip() == f"{word}: ready to use"


def test_templates_check_reports_each_problem_on_a_line_and_fails(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    word = _memo_template(tmp_path, "Dear {{ tittle }}: {{ content }}")
    status, out, err = run(capsys, "templates", "--check", tmp_path / "memo.yaml")
    assert status == 1 and out == ""
    lines = err.splitlines()
    assert len(lines) == 3
    assert lines[0].startswith(f"briefing: error: {word}: body paragraph ")
    assert "{{ tittle }}" in lines[0] and "Did you mean {{ title }}?" in lines[0]
    assert "shares its paragraph" in lines[1]
    assert lines[2] == (f"briefing: {word}: 2 problem(s) that would go wrong at export. "
                        "Fix them, then check again")
    assert "Traceback" not in err


def test_templates_check_refuses_a_docm(tmp_path: Path,
                                        capsys: pytest.CaptureFixture[str]) -> None:
    _memo_template(tmp_path).rename(tmp_path / "memo.docm")
    status, _, err = run(capsys, "templates", "--check", tmp_path / "memo.docm")
    assert status == 1
    assert "memo.docm: is a macro-enabled Word file" in err


def test_export_takes_a_template_path_relative_to_the_current_folder(
        tmp_path: Path, capsys: pytest.CaptureFixture[str],
        monkeypatch: pytest.MonkeyPatch) -> None:
    import docx

    _memo_template(tmp_path, "Made with the memo template")
    monkeypatch.chdir(tmp_path)
    status, _, err = run(capsys, "export", ROOT / "resources" / "sample-outline.yaml",
                         "-t", "memo.yaml", "-o", "note.docx")
    assert status == 0, err
    texts = [p.text for p in docx.Document(str(tmp_path / "note.docx")).paragraphs]
    assert "Made with the memo template" in texts


def test_export_open_hands_the_note_to_the_desktop(
        tmp_path: Path, capsys: pytest.CaptureFixture[str],
        monkeypatch: pytest.MonkeyPatch) -> None:
    opened: list[list[str]] = []
    monkeypatch.setattr(sys, "platform", "linux")
    monkeypatch.setattr(subprocess, "Popen",
                        lambda command, **_kwargs: opened.append(list(command)))
    note = tmp_path / "note.md"
    status, _, err = run(capsys, "export", ROOT / "resources" / "sample-outline.yaml",
                         "-o", note, "--open")
    assert status == 0, err
    assert opened == [["xdg-open", str(note)]]


def test_export_open_failure_is_a_warning_not_an_error(
        tmp_path: Path, capsys: pytest.CaptureFixture[str],
        monkeypatch: pytest.MonkeyPatch) -> None:
    def no_opener(command: list[str], **_kwargs: object) -> None:
        raise FileNotFoundError(2, "No such file or directory")

    monkeypatch.setattr(sys, "platform", "linux")
    monkeypatch.setattr(subprocess, "Popen", no_opener)
    note = tmp_path / "note.md"
    status, _, err = run(capsys, "export", ROOT / "resources" / "sample-outline.yaml",
                         "-o", note, "--open")
    assert status == 0
    assert note.exists()
    assert "warning:" in err and "could not be opened" in err


def test_export_writes_a_note_and_reports_pages(tmp_path: Path,
                                                capsys: pytest.CaptureFixture[str]) -> None:
    note = tmp_path / "note.docx"
    status, out, err = run(capsys, "export", ROOT / "resources" / "sample-outline.yaml",
                           "-t", "briefing-note", "-o", note, "--classification", "SECRET")
    assert status == 0, err
    assert "written (about" in out and "of 2 pages" in out
    import docx

    document = docx.Document(str(note))
    header = "\n".join(p.text for p in document.sections[0].header.paragraphs)
    assert "SECRET" in header


def test_export_writes_a_pdf_through_the_qt_writer(tmp_path: Path) -> None:
    note = tmp_path / "note.pdf"
    result = subprocess.run([sys.executable, str(ROOT / "main.py"), "export",
                             str(ROOT / "resources" / "sample-outline.yaml"), "-o", str(note)],
                            capture_output=True, text=True, timeout=120, check=False,
                            env={**os.environ, "QT_QPA_PLATFORM": "offscreen"})
    assert result.returncode == 0, result.stderr
    assert "written (about" in result.stdout
    assert "a simplified layout, as LibreOffice is not installed or is turned off" \
        in result.stdout  # the tests turn it off
    assert note.read_bytes().startswith(b"%PDF-")


def test_export_unknown_template_lists_the_available_ones(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    note = tmp_path / "note.docx"
    status, _, err = run(capsys, "export", ROOT / "resources" / "sample-outline.yaml",
                         "-t", "nope", "-o", note)
    assert status == 1
    assert "nope" in err and "briefing-note" in err
    assert not note.exists()


def test_export_with_nothing_picked_writes_nothing(tmp_path: Path,
                                                   capsys: pytest.CaptureFixture[str]) -> None:
    outline = _import_two(tmp_path, capsys)
    note = tmp_path / "note.docx"
    status, _, err = run(capsys, "export", outline, "-o", note)
    assert status == 1
    assert "picked" in err
    assert not note.exists()


def test_app_without_a_display_says_so_instead_of_aborting(
        monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setattr(sys, "platform", "linux")
    for name in ("QT_QPA_PLATFORM", "DISPLAY", "WAYLAND_DISPLAY"):
        monkeypatch.delenv(name, raising=False)
    status, _, err = run(capsys)
    assert status == 2
    assert "no display" in err and "briefing show" in err


def test_output_cut_short_by_a_pipe_ends_quietly(tmp_path: Path) -> None:
    from briefing.core.model import Article, Outline, Section
    from briefing.core.outline_file import save_outline

    big = Outline(title="NATO under Mark Rutte")
    big.add_article(Article(title="Long", sections=[Section(id="", heading=f"Heading {index}")
                                                    for index in range(5000)]))
    save_outline(big, tmp_path / "big.yaml")  # `show` prints far more than a pipe holds
    command = [sys.executable, str(ROOT / "main.py"), "show", str(tmp_path / "big.yaml")]
    with subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE) as process:
        assert process.stdout is not None and process.stderr is not None
        first = process.stdout.readline()
        process.stdout.close()  # as `| head -1` does
        errors = process.stderr.read().decode()
        status = process.wait(timeout=60)
    assert first.startswith(b"NATO under Mark Rutte")
    assert errors == "" and status in (0, 1)


def test_main_py_runs_the_same_command_line() -> None:
    result = subprocess.run([sys.executable, str(ROOT / "main.py"), "--version"],
                            capture_output=True, text=True, timeout=60)
    assert result.returncode == 0
    assert result.stdout.strip() == f"Briefing {__version__}"


# --- bad input: one line naming the file, the place and what to do; nothing written ----------

_OUTLINE_HEAD = "format: briefing-outline/1\ntitle: Plan\narticles:\n- title: A\n  sections:\n"
_ALIAS_BOMB = "format: briefing-outline/1\n" + "".join(
    f"k{i}: &k{i} [{', '.join([f'*k{i - 1}'] * 9) if i else 'x, x, x'}]\n" for i in range(9))


def _write_bad_article(folder: Path, case: str) -> Path:
    """A bad article file of the kind ``case`` names, in ``folder``."""
    paths = {"missing": "gone.txt", "folder": "clippings.txt", "empty": "blank.txt",
             "binary": "image.txt", "too large": "huge.txt", "no article": "menu.html",
             "not a zip": "report.docx", "legacy word": "report.doc"}
    path = folder / paths[case]
    if case == "folder":
        path.mkdir()
    elif case == "empty":
        path.write_text("  \n\n", encoding="utf-8")
    elif case == "binary":
        path.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)))
    elif case == "too large":
        with path.open("wb") as stream:  # sparse: 51 MB on paper, nothing on disk
            stream.truncate(51 * 1024 * 1024)
    elif case == "no article":
        path.write_text("<html><head><title>Home</title></head><body><nav><a href='/'>Home</a>"
                        "<a href='/about'>About us</a></nav></body></html>", encoding="utf-8")
    elif case == "not a zip":
        path.write_text("A report saved as plain text but named .docx", encoding="utf-8")
    elif case == "legacy word":
        path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 600)
    return path


@pytest.mark.parametrize(("case", "problem", "hint"), [
    ("missing", "no such file", "Check the name and the folder"),
    ("folder", "is a folder with no files in it", "Choose a folder that holds articles"),
    ("empty", "is empty", "Choose a file with some text in it"),
    ("binary", "is a binary file, not text", "Choose a file that holds text"),
    ("too large", "is 51 MB, more than the 50 MB limit", "Choose a smaller file or split it"),
    ("no article", "no article text found in the page", "copy the article text into a .txt"),
    ("not a zip", "is not a Word .docx file (it is not a zip archive)", "save it as a Word"),
    ("legacy word", "Word 97-2003 .doc files cannot be read", "save it as .docx"),
])
def test_bad_article_is_one_line_and_writes_nothing(
        tmp_path: Path, capsys: pytest.CaptureFixture[str], case: str, problem: str,
        hint: str) -> None:
    bad = _write_bad_article(tmp_path, case)
    fresh = tmp_path / "fresh.yaml"
    status, out, err = run(capsys, "import", TEXT_FIXTURES / "opinion_piece.txt", bad,
                           "-o", fresh)
    assert status == 1 and out == ""
    assert err.startswith(f"briefing: error: {bad}: {problem}")
    assert hint in err and len(err.splitlines()) == 1 and "Traceback" not in err
    assert not fresh.exists()

    existing = _import_two(tmp_path, capsys)
    before = sorted(tmp_path.iterdir()), existing.read_bytes()
    status, _, err = run(capsys, "import", bad, "-o", existing, "--append")
    assert status == 1 and problem in err
    assert (sorted(tmp_path.iterdir()), existing.read_bytes()) == before  # no .bak, no temp file


@pytest.mark.parametrize(("case", "text", "place", "hint"), [
    ("syntax", _OUTLINE_HEAD + "  - id: s1\n    heading: [open\n", "line 8, column 1: not valid",
     "Check the indentation, colons and quotes there"),
    ("wrong type", _OUTLINE_HEAD + "  - id: s1\n    heading: {a: b}\n",
     "line 7: articles[0].sections[0].heading: expected text", "Write it as plain text"),
    ("missing key", _OUTLINE_HEAD + "  - heading: No id\n",
     "line 6: articles[0].sections[0]: a section has no 'id'", "Add an 'id:' line to it"),
    ("duplicate id", _OUTLINE_HEAD + "  - {id: s1, heading: H}\n  - {id: s1, heading: J}\n",
     "line 7: articles[0].sections[1].id: section id 's1' is used twice; it is already used at "
     "line 6: articles[0].sections[0].id", "Give each section its own id"),
    ("newer format", "format: briefing-outline/7\ntitle: Plan\n",
     "line 1: format: was written by a newer version of Briefing", "Update Briefing to open it"),
    ("alias bomb", _ALIAS_BOMB, "line 9: its YAML aliases (*name) would expand it",
     "Write the repeated parts out"),
])
def test_bad_outline_is_one_line_and_is_never_overwritten(
        tmp_path: Path, capsys: pytest.CaptureFixture[str], case: str, text: str, place: str,
        hint: str) -> None:
    outline = tmp_path / "plan.yaml"
    outline.write_text(text, encoding="utf-8")
    for verb in ("show", "validate"):
        status, out, err = run(capsys, verb, outline)
        assert status == 1 and out == ""
        assert err.startswith(f"briefing: error: {outline}: {place}")
        assert hint in err and len(err.splitlines()) == 1 and "Traceback" not in err
    status, _, err = run(capsys, "import", TEXT_FIXTURES / "opinion_piece.txt", "-o", outline,
                         "--append")
    assert status == 1 and place in err
    assert outline.read_text(encoding="utf-8") == text
    assert [path.name for path in tmp_path.iterdir()] == ["plan.yaml"]


def test_unknown_keys_are_warnings_naming_the_place(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    outline = tmp_path / "plan.yaml"
    outline.write_text(_OUTLINE_HEAD + "  - {id: s1, heading: H, colour: red}\n",
                       encoding="utf-8")
    status, out, err = run(capsys, "validate", outline)
    assert status == 0 and "valid (1 articles, 1 sections, 0 picked, 1 warning(s))" in out
    assert err == (f"warning: {outline}: line 6: articles[0].sections[0]: unknown key 'colour' "
                   "is ignored (known keys: blocks, heading, id, note, number, picked, sections, "
                   "tags)\n")


def test_text_that_is_not_utf8_imports_with_a_warning_naming_the_line(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    source = tmp_path / "cafe.txt"
    source.write_bytes("Caf\u00e9 Licences Reviewed\n\nThe council met on Tuesday \u2013 "
                       "again.\n\nThe r\u00e9gime stays as it is.\n".encode("cp1252"))
    outline = tmp_path / "cafe.yaml"
    status, _, err = run(capsys, "import", source, "-o", outline)
    assert status == 0
    assert err == (f"warning: {source}: line 1: not UTF-8; read as Windows-1252 (cp1252). "
                   "Save the file as UTF-8 if characters look wrong\n")
    from briefing.core.outline_file import load_outline

    article = load_outline(outline).articles[0]
    assert article.title == "Caf\u00e9 Licences Reviewed"
    assert article.standfirst == "The council met on Tuesday \u2013 again."
    assert [block.text for block in article.blocks] == ["The r\u00e9gime stays as it is."]


@pytest.mark.parametrize("name", ["article.txt", "note.docx", "plan"])
def test_import_refuses_an_output_that_is_not_an_outline_file(
        tmp_path: Path, capsys: pytest.CaptureFixture[str], name: str) -> None:
    target = tmp_path / name
    target.write_text("the analyst's own file\n", encoding="utf-8")
    status, _, err = run(capsys, "import", TEXT_FIXTURES / "opinion_piece.txt", "-o", target)
    assert status == 1
    assert err.startswith(f"briefing: error: {target}: is not an outline file name")
    assert "such as" in err and ".yaml" in err
    assert target.read_text(encoding="utf-8") == "the analyst's own file\n"
    assert [path.name for path in tmp_path.iterdir()] == [name]


def test_import_refuses_to_write_over_an_article_it_reads(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    source = tmp_path / "notes.yaml"
    source.write_text("Field Notes\n\nA short paragraph about the visit.\n", encoding="utf-8")
    status, _, err = run(capsys, "import", source, "-o", source)
    assert status == 1
    assert "is both an article to import and the output. Give -o another file name" in err
    assert source.read_text(encoding="utf-8").startswith("Field Notes\n")


def test_validate_lists_every_problem_one_a_line(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    outline = tmp_path / "plan.yaml"
    outline.write_text(_OUTLINE_HEAD + "  - {id: s1, heading: [x]}\n  - {id: s1, heading: H}\n"
                       "  - {id: s3, heading: H, picked: maybe}\n", encoding="utf-8")
    status, out, err = run(capsys, "validate", outline)
    assert status == 1 and out == ""
    assert [line.split(": ")[3:5] for line in err.splitlines()] == [
        ["line 6", "articles[0].sections[0].heading"], ["line 7", "articles[0].sections[1].id"],
        ["line 8", "articles[0].sections[2].picked"]]
    assert all(line.startswith(f"briefing: error: {outline}: ") for line in err.splitlines())


def test_validate_says_how_many_problems_it_did_not_list(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from briefing.cli import MAX_LISTED_ERRORS

    outline = tmp_path / "plan.yaml"
    outline.write_text(_OUTLINE_HEAD + "".join(f"  - {{id: s{index}, heading: [x]}}\n"
                                               for index in range(MAX_LISTED_ERRORS + 7)),
                       encoding="utf-8")
    status, _, err = run(capsys, "validate", outline)
    lines = err.splitlines()
    assert status == 1 and len(lines) == MAX_LISTED_ERRORS + 1
    assert lines[-1] == (f"briefing: error: {outline}: 7 more problem(s) not listed. Fix these "
                         "first, then validate again")


SEEDS = ROOT.parent / "shared" / "seeds"


@pytest.mark.skipif(not SEEDS.is_dir(), reason="the reference articles are not available")
def test_reference_articles_import_and_show_with_the_expected_structure(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    outline = tmp_path / "nato.yaml"
    status, _, err = run(capsys, "import", *sorted(SEEDS.glob("*.txt")), "-o", outline)
    assert status == 0, err
    status, out, _ = run(capsys, "show", outline)
    assert status == 0
    lines = out.splitlines()
    first = next(index for index, line in enumerate(lines)
                 if line.startswith("Article 1: Inventing NATO 3.0: Why Rutte"))
    second = lines.index("Article 2: Mark Rutte's First 100 Days as NATO Chief")
    opinion, explainer = lines[first:second], lines[second:]
    assert "  Lead: 3 paragraphs" in opinion and "  Lead: 1 paragraph" in explainer
    assert any(line.startswith("  Standfirst: NATO") for line in opinion)
    headings = [line[12:] for line in opinion if line.startswith("  [ ] ")]
    assert [heading[:3] for heading in headings] == ["1. ", "2. ", "3. ", "4. ", "Inv"]
    assert headings[0].endswith("(4 paragraphs, 1 pull-quote)")
    assert headings[3].endswith("(4 paragraphs, 4 bullets)")
    assert opinion[-2].startswith("  Discarded: 6 line(s): copyright sign, site disclaimer")
    top = [line[12:] for line in explainer if line.startswith("  [ ] ")]
    subs = [line for line in explainer if line.startswith("      [ ] ")]
    assert [heading.split(".")[0] for heading in top[:12]] == [str(n) for n in range(1, 13)]
    assert top[12].startswith("Conclusion") and len(top) == 13 and len(subs) == 48
    assert "  Discarded: 1 line(s): image caption or file name" in explainer


def test_the_app_starts_parsing_a_large_outline_before_qt_loads(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from briefing.core import early_parse
    from briefing.core.model import Article, Outline, Section
    from briefing.core.outline_file import save_outline
    from briefing.gui import app

    monkeypatch.setattr(early_parse, "EARLY_PARSE_MIN_BYTES", 0)
    path = tmp_path / "work.yaml"
    save_outline(Outline(title="Work", articles=[Article(title="A", sections=[
        Section(id="s1", heading="Budget")])]), path)
    started: list[tuple[Path | None, early_parse.EarlyParse | None]] = []
    monkeypatch.setattr(app, "run_app", lambda *args: started.append(args) or 0)

    assert main([str(path)]) == 0

    [(opened, early)] = started
    assert opened == path and early is not None
    found, data = early.take(path.read_text(encoding="utf-8"))
    assert found and data["articles"][0]["sections"][0]["heading"] == "Budget"


@pytest.mark.parametrize("options", [["--title", "Fares"], ["--url", "https://example.org/a"],
                                     ["--title", "Fares", "--url", "https://example.org/a"]])
def test_title_or_url_for_several_articles_is_refused(
        tmp_path: Path, capsys: pytest.CaptureFixture[str], options: list[str]) -> None:
    outline = tmp_path / "o.yaml"
    status, out, err = run(capsys, "import", TEXT_FIXTURES / "opinion_piece.txt",
                           TEXT_FIXTURES / "explainer_no_title.txt", *options, "-o", outline)
    assert status == 1 and out == ""
    named = " and ".join(option for option in options if option.startswith("--"))
    assert err.startswith(f"briefing: error: {named} name")
    assert "one article, but 2 were given. Import them one at a time" in err
    assert not outline.exists()


def test_author_publisher_and_date_apply_to_every_article(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    outline = tmp_path / "o.yaml"
    status, _, err = run(capsys, "import", TEXT_FIXTURES / "opinion_piece.txt",
                         TEXT_FIXTURES / "explainer_no_title.txt", "--publisher", "Canal Weekly",
                         "-o", outline)
    assert status == 0, err
    status, out, _ = run(capsys, "show", outline)
    assert out.count("Canal Weekly") == 2
