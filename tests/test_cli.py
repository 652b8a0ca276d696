"""The command line: verbs, their output, and one-line errors with no traceback."""

from __future__ import annotations

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
    assert err.startswith("briefing: error: ") and "missing.txt: no such file" in err
    assert "Traceback" not in err and len(err.strip().splitlines()) == 1
    assert not outline.exists()


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
    names = [line.split()[0] for line in out.splitlines()]
    assert {"briefing-note", "one-page-brief", "reading-pack"} <= set(names)


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


def test_main_py_runs_the_same_command_line() -> None:
    result = subprocess.run([sys.executable, str(ROOT / "main.py"), "--version"],
                            capture_output=True, text=True, timeout=60)
    assert result.returncode == 0
    assert result.stdout.strip() == f"Briefing {__version__}"
