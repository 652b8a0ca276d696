"""Hostile and extreme files through the command line, each in a process held to 1 GB.

Every case checks what a user would: a clear one-line message naming the file, a non-zero exit
(or a clean success where the file is merely extreme), no traceback, memory within the limit,
an end within the time limit, and the outline it was told to write left as it was.
"""

from __future__ import annotations

import hashlib
import resource
import subprocess
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.hostile import corpus

ROOT = Path(__file__).resolve().parents[2]
MEMORY_LIMIT = 1024 * 1024 * 1024
TIME_LIMIT_S = 120
"""A hang guard only: a case that needs this long has hung (most end within seconds)."""


@dataclass
class Outcome:
    returncode: int
    stdout: str
    stderr: str


def _limit_memory() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY_LIMIT, MEMORY_LIMIT))


def run_cli(*args: str | Path, cwd: Path) -> Outcome:
    """``briefing ARGS`` in a child process limited to 1 GB of address space."""
    result = subprocess.run(
        [sys.executable, str(ROOT / "main.py"), *map(str, args)], cwd=cwd,
        capture_output=True, text=True, timeout=TIME_LIMIT_S, preexec_fn=_limit_memory,
        check=False, env=_env(cwd))
    return Outcome(result.returncode, result.stdout, result.stderr)


def _env(home: Path) -> dict[str, str]:
    import os
    return {**os.environ, "BRIEFING_HOME": str(home / "home"),
            "XDG_CONFIG_HOME": str(home / "config"), "XDG_DATA_HOME": str(home / "data"),
            "PYTHONPATH": str(ROOT)}


def assert_refused(outcome: Outcome, path: Path, problem: str) -> None:
    assert outcome.returncode != 0, outcome
    assert "Traceback" not in outcome.stderr + outcome.stdout
    assert "MemoryError" not in outcome.stderr
    assert str(path) in outcome.stderr, outcome.stderr
    assert problem in outcome.stderr, outcome.stderr
    assert len(outcome.stderr.strip().splitlines()) == 1, outcome.stderr


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture
def existing_outline(tmp_path: Path) -> Path:
    """An outline the failed import was told to replace: it must stay as it was."""
    path = tmp_path / "kept.yaml"
    path.write_text(corpus.outline_yaml(), encoding="utf-8")
    return path


ARTICLE_CASES: list[tuple[str, Callable[[Path], Path], str]] = [
    ("ratio bomb", corpus.docx_ratio_bomb, "more than the 100 to 1 a real document uses"),
    ("size bomb", corpus.docx_size_bomb, "inflates to more than 200 MB"),
    ("lying bomb", corpus.docx_lying_bomb, "holds more than its archive says"),
    ("fifo", lambda folder: corpus.fifo(folder, "article.txt"), "is a named pipe (FIFO)"),
    ("device link", lambda folder: corpus.device_link(folder, "article.txt"),
     "is a link to a device"),
    ("docx device link", lambda folder: corpus.device_link(folder, "report.docx", "/dev/urandom"),
     "is a link to a device"),
]


@pytest.mark.parametrize(("name", "make", "problem"), ARTICLE_CASES,
                         ids=[case[0] for case in ARTICLE_CASES])
def test_hostile_article_is_refused_by_name_and_nothing_is_overwritten(
        tmp_path: Path, existing_outline: Path, name: str, make: Callable[[Path], Path],
        problem: str) -> None:
    article = make(tmp_path)
    before = _digest(existing_outline)
    outcome = run_cli("import", article, "-o", existing_outline, cwd=tmp_path)
    assert_refused(outcome, article, problem)
    assert _digest(existing_outline) == before


def test_a_socket_is_refused_by_name(tmp_path: Path, existing_outline: Path) -> None:
    path, server = corpus.unix_socket(tmp_path, "article.md")
    try:
        outcome = run_cli("import", path, "-o", existing_outline, cwd=tmp_path)
    finally:
        server.close()
    assert_refused(outcome, path, "is a socket")


@pytest.mark.parametrize("verb", ["show", "validate", "export"])
@pytest.mark.parametrize("kind", ["fifo", "device link"])
def test_an_outline_that_is_a_fifo_or_device_is_refused(tmp_path: Path, verb: str,
                                                        kind: str) -> None:
    path = (corpus.fifo(tmp_path, "outline.yaml") if kind == "fifo"
            else corpus.device_link(tmp_path, "outline.yaml"))
    extra = ["-o", str(tmp_path / "note.md")] if verb == "export" else []
    outcome = run_cli(verb, path, *extra, cwd=tmp_path)
    assert_refused(outcome, path, "named pipe" if kind == "fifo" else "a link to a device")
    assert not (tmp_path / "note.md").exists()


def test_an_entity_bomb_in_a_word_file_is_refused_without_expanding_it(
        tmp_path: Path, existing_outline: Path) -> None:
    article = corpus.docx_entity_bomb(tmp_path)
    before = _digest(existing_outline)
    outcome = run_cli("import", article, "-o", existing_outline, cwd=tmp_path)
    assert_refused(outcome, article, "is damaged")
    assert _digest(existing_outline) == before


def test_text_after_an_entity_reference_in_a_word_file_is_kept(tmp_path: Path) -> None:
    article = corpus.docx_internal_entity(tmp_path)
    out = tmp_path / "out.yaml"
    outcome = run_cli("import", article, "-o", out, cwd=tmp_path)
    assert outcome.returncode == 0, outcome
    text = out.read_text(encoding="utf-8")
    assert "Fees set by" in text
    assert "rose by four percent in spring." in text


def test_text_after_an_entity_reference_in_a_word_files_details_is_kept(tmp_path: Path) -> None:
    from briefing.core.importers import import_article

    # A Word file's title is used only when no paragraph is styled Title: the body here has
    # none (its first heading is the section), so the title comes from the properties.
    article = import_article(corpus.docx_entity_in_properties(tmp_path))
    assert article.title.startswith("The ")
    assert article.title.endswith(" fees review")
    assert article.author.endswith(" desk staff")


def test_an_external_entity_in_a_word_file_is_never_read(tmp_path: Path) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("PRIVATE-DATA-4471", encoding="utf-8")
    article = corpus.docx_external_entity(tmp_path, secret)
    out = tmp_path / "out.yaml"
    outcome = run_cli("import", article, "-o", out, cwd=tmp_path)
    assert outcome.returncode == 0, outcome
    text = out.read_text(encoding="utf-8")
    assert "PRIVATE-DATA-4471" not in text
    assert "after the reference." in text


def test_a_zip_bomb_template_is_refused_by_name(tmp_path: Path) -> None:
    templates = tmp_path / "templates"
    templates.mkdir()
    bomb = corpus.docx_ratio_bomb(tmp_path)
    template = templates / "bomb.docx"
    bomb.rename(template)
    (templates / "bomb.yaml").write_text("title: Bomb\nparts: [title, background]\n",
                                         encoding="utf-8")
    outline = tmp_path / "outline.yaml"
    outline.write_text(corpus.outline_yaml(), encoding="utf-8")
    note = tmp_path / "note.docx"
    note.write_bytes(b"the analyst's earlier note")
    outcome = run_cli("export", outline, "-t", template.with_suffix(".yaml"), "-o", note,
                      cwd=tmp_path)
    assert_refused(outcome, template, "more than the 100 to 1 a real document uses")
    assert note.read_bytes() == b"the analyst's earlier note"


@pytest.mark.parametrize("make", [corpus.deep_nesting_outline, corpus.alias_bomb_outline],
                         ids=["deep nesting", "alias bomb"])
def test_a_yaml_bomb_is_refused_with_its_place(tmp_path: Path,
                                               make: Callable[[Path], Path]) -> None:
    path = make(tmp_path)
    outcome = run_cli("validate", path, cwd=tmp_path)
    assert_refused(outcome, path, "line ")


@pytest.mark.slow
@pytest.mark.parametrize("make", [corpus.huge_note_outline, corpus.long_line_outline,
                                  corpus.many_paragraphs_outline],
                         ids=["45 MB note", "20 MB line", "100,000 paragraphs"])
def test_huge_outlines_validate_within_the_limits(tmp_path: Path,
                                                  make: Callable[[Path], Path]) -> None:
    path = make(tmp_path)
    outcome = run_cli("validate", path, cwd=tmp_path)
    assert outcome.returncode == 0, outcome.stderr[-2000:]
    assert "valid (1 articles, 1 sections, 1 picked)" in outcome.stdout
    assert "Traceback" not in outcome.stderr


def test_duplicate_keys_are_refused_with_their_line(tmp_path: Path) -> None:
    path = corpus.duplicate_keys_outline(tmp_path)
    outcome = run_cli("validate", path, cwd=tmp_path)
    assert_refused(outcome, path, "line 3")
    assert "'title'" in outcome.stderr


def test_control_characters_from_a_file_reach_the_terminal_escaped(tmp_path: Path) -> None:
    path = corpus.control_characters_outline(tmp_path)
    outcome = run_cli("show", path, cwd=tmp_path)
    assert outcome.returncode == 0, outcome.stderr
    assert "Fees" in outcome.stdout
    for raw in ("\x1b", "\x07", "\x08"):
        assert raw not in outcome.stdout + outcome.stderr
    assert "\\x1b[2J" in outcome.stdout
