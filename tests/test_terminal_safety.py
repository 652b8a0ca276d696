"""What the command line prints cannot steer the terminal, whatever the files hold."""

from __future__ import annotations

import logging
from pathlib import Path

import pytest

from briefing.cli import main
from briefing.terminal_text import terminal_safe

ESC, BEL, NUL, RLO = "\x1b", "\x07", "\x00", "\u202e"
HOSTILE = f"Clear{ESC}[2J{BEL} title{RLO}txt.exe"
"""A title that would clear the screen, ring, and reverse the text after it."""


def _has_controls(text: str) -> bool:
    return any(character in text for character in (ESC, BEL, NUL, RLO, "\r", "\u2066"))


@pytest.mark.parametrize(("raw", "shown"), [
    (f"a{ESC}[31mb", "a\\x1b[31mb"), (f"ring{BEL}", "ring\\x07"), (f"nul{NUL}", "nul\\x00"),
    (f"{RLO}cod.exe", "\\u202ecod.exe"), ("\u2066isolate\u2069", "\\u2066isolate\\u2069"),
    ("one\ntwo\rthree", "one\\ntwo\\rthree"), ("c1\x9b", "c1\\x9b"), ("del\x7f", "del\\x7f"),
    ("bad\udcff", "bad\\udcff"), ("tab\tand Café — “quoted”", "tab\tand Café — “quoted”"),
])
def test_terminal_safe_shows_controls_as_escapes_and_leaves_text_alone(raw: str,
                                                                        shown: str) -> None:
    assert terminal_safe(raw) == shown


def test_terminal_safe_can_keep_line_breaks() -> None:
    assert terminal_safe(f"a\nb{ESC}", keep_newlines=True) == "a\nb\\x1b"


def _outline(tmp_path: Path, extra: str = "") -> Path:
    path = tmp_path / "plan.yaml"
    quoted = HOSTILE.replace(ESC, "\\e").replace(BEL, "\\a").replace(RLO, "\\u202E")
    path.write_text(f'format: briefing-outline/1\ntitle: "{quoted}"\narticles:\n'
                    f'- title: "{quoted}"\n  author: "{quoted}"\n  sections:\n'
                    f'  - {{id: s1, heading: "{quoted}", tags: ["{quoted}"]}}\n{extra}',
                    encoding="utf-8")
    return path


def test_show_prints_hostile_text_as_escapes(tmp_path: Path,
                                            capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["show", str(_outline(tmp_path))]) == 0
    out = capsys.readouterr().out
    assert not _has_controls(out)
    assert "Clear\\x1b[2J\\x07 title\\u202etxt.exe" in out
    assert len(out.splitlines()) > 3, "the tree keeps its lines"


def test_validate_warnings_and_errors_print_hostile_text_as_escapes(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = _outline(tmp_path, f'  - {{id: s2, heading: x, "odd{ESC[0]}key": 1}}\n'.replace(
        ESC, "\\e") + "  - {id: s3, heading: ~}\n")
    assert main(["validate", str(path)]) == 1
    err = capsys.readouterr().err
    assert not _has_controls(err)
    assert "heading: 'heading' is empty (null)" in err
    assert "unknown key 'odd\\x1bkey'" in err


def test_an_error_naming_a_hostile_file_name_is_escaped(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    name = tmp_path / f"note{ESC}]0;owned{BEL}.yaml"
    assert main(["show", str(name)]) == 1
    err = capsys.readouterr().err
    assert not _has_controls(err)
    assert err.endswith("note\\x1b]0;owned\\x07.yaml: no such file. Check the name and the "
                        "folder\n")
    assert err.count("\n") == 1


def test_log_lines_are_escaped_too(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                   monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(logging.root, "handlers", [])
    from briefing.core import outline_file

    def noisy_load(path: Path, warn: object = None) -> object:
        logging.getLogger("briefing.test").warning("read %s", HOSTILE)
        raise outline_file.OutlineFormatError(path, "stopped here")

    monkeypatch.setattr(outline_file, "load_outline", noisy_load)
    main(["show", str(tmp_path / "x.yaml")])
    err = capsys.readouterr().err
    assert "WARNING: read Clear\\x1b[2J" in err and not _has_controls(err)
