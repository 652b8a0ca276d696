"""Parsing an outline in a second process at start: used when it read the same text, else the
ordinary parse with its ordinary messages."""

from __future__ import annotations

import datetime as dt
import multiprocessing
import os
import signal
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from briefing.core import early_parse, yaml_io
from briefing.core.early_parse import EarlyParse, start_early_parse
from briefing.core.errors import OutlineFormatError
from briefing.core.model import Article, Block, BlockKind, Outline, Section
from briefing.core.outline_file import FORMAT, load_outline, save_outline


def _outline(heading: str = "Budget") -> Outline:
    return Outline(title="Early", articles=[Article(
        title="A report", author="A. Writer", date="2025-03-04",
        sections=[Section(id="s1", heading=heading, picked=True, note="Why it matters.",
                          blocks=[Block(BlockKind.PARAGRAPH, "Spending rose by a tenth.")])])])


@pytest.fixture
def any_size(monkeypatch: pytest.MonkeyPatch) -> None:
    """Small test files parse early too (normally only large ones are worth a process)."""
    monkeypatch.setattr(early_parse, "EARLY_PARSE_MIN_BYTES", 0)


def _started(tmp_path: Path, heading: str = "Budget") -> tuple[Path, EarlyParse]:
    """An outline file saved and its early parse started."""
    path = tmp_path / "outline.yaml"
    save_outline(_outline(heading), path)
    early = start_early_parse(path)
    assert early is not None
    return path, early


def _parse_here_fails(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(_text: str, _source: str) -> object:
        raise AssertionError("parsed in this process")
    monkeypatch.setattr(yaml_io, "parse", refuse)


@pytest.mark.usefixtures("any_size")
def test_the_outline_comes_from_the_other_process(tmp_path: Path,
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    path, early = _started(tmp_path)
    _parse_here_fails(monkeypatch)  # the child has its own copy of the parser

    outline = load_outline(path, early=early)

    section = outline.articles[0].sections[0]
    assert (section.heading, section.picked, section.note) == ("Budget", True, "Why it matters.")
    assert outline.articles[0].date == "2025-03-04"


@pytest.mark.usefixtures("any_size")
def test_a_file_changed_after_the_early_parse_is_read_again(tmp_path: Path) -> None:
    path, early = _started(tmp_path)
    assert early.wait(lambda: False)  # the child has read the old text
    save_outline(_outline("Defence"), path)

    outline = load_outline(path, early=early)

    assert outline.articles[0].sections[0].heading == "Defence"


@pytest.mark.usefixtures("any_size")
def test_bad_yaml_gets_the_ordinary_message(tmp_path: Path) -> None:
    path = tmp_path / "broken.yaml"
    path.write_text("format: briefing-outline/2\ntitle: [unclosed\narticles: []\n",
                    encoding="utf-8")
    early = start_early_parse(path)
    assert early is not None

    with pytest.raises(OutlineFormatError) as caught:
        load_outline(path, early=early)

    assert str(path) in str(caught.value)
    assert "line 3" in str(caught.value)


@pytest.mark.usefixtures("any_size")
def test_a_child_that_died_leaves_the_ordinary_parse(tmp_path: Path) -> None:
    path, early = _started(tmp_path)
    assert early.pid is not None
    os.kill(early.pid, signal.SIGKILL)

    assert load_outline(path, early=early).articles[0].sections[0].heading == "Budget"


@pytest.mark.usefixtures("any_size")
def test_the_result_is_taken_once(tmp_path: Path) -> None:
    path, early = _started(tmp_path)
    text = path.read_text(encoding="utf-8")

    found, data = early.take(text)
    assert found and isinstance(data, dict) and data["title"] == "Early"
    assert early.take(text) == (False, None)


def test_small_and_missing_files_parse_as_usual(tmp_path: Path) -> None:
    path = tmp_path / "outline.yaml"
    save_outline(_outline(), path)
    assert path.stat().st_size < early_parse.EARLY_PARSE_MIN_BYTES
    assert start_early_parse(path) is None
    assert start_early_parse(tmp_path / "missing.yaml") is None
    assert start_early_parse(None) is None


def test_the_child_sends_nothing_for_a_file_it_cannot_read(tmp_path: Path) -> None:
    """The work the child does, run here: an unreadable file is an empty answer."""
    sent: list[bytes] = []

    class Sender:
        def send_bytes(self, payload: bytes) -> None:
            sent.append(payload)

        def close(self) -> None:
            pass

    early_parse.parse_in_child(str(tmp_path / "missing.yaml"), 1 << 20, Sender())  # type: ignore[arg-type]
    assert sent == [early_parse.NO_ANSWER]


def test_closing_stops_the_child(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(early_parse, "EARLY_PARSE_MIN_BYTES", 0)
    path = tmp_path / "outline.yaml"
    save_outline(_outline(), path)
    early = EarlyParse.start(path, 1 << 20)
    assert early is not None
    early.close()
    assert not early.is_running()
    assert early.take("anything") == (False, None)


def test_waiting_can_be_given_up_and_stops_the_child(tmp_path: Path, any_size: None,
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    # A fresh interpreter takes far longer to start than the stop signal below takes to land.
    monkeypatch.setattr(early_parse, "process_context",
                        lambda: multiprocessing.get_context("spawn"))
    _path, early = _started(tmp_path)
    assert early.pid is not None
    os.kill(early.pid, signal.SIGSTOP)  # a child that never answers
    asked: list[bool] = []

    def stop() -> bool:
        asked.append(True)
        return len(asked) > 2

    assert not early.wait(stop)
    assert not early.is_running()
    assert early.take("anything") == (False, None)


def test_waiting_for_a_child_that_answered(tmp_path: Path, any_size: None) -> None:
    path, early = _started(tmp_path)
    assert early.wait(lambda: False)
    assert early.take(path.read_text(encoding="utf-8"))[0]


CONTEXT_PROBE = """
from briefing.core.early_parse import process_context
print(process_context().get_start_method())
import PySide6.QtCore
print(process_context().get_start_method())
"""


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="fork is used on Linux only")
def test_the_child_is_forked_only_before_qt_loads() -> None:
    result = subprocess.run([sys.executable, "-c", CONTEXT_PROBE], capture_output=True,
                            text=True, timeout=60, check=True,
                            cwd=Path(__file__).resolve().parents[2])
    assert result.stdout.split() == ["fork", "spawn"]


@pytest.mark.usefixtures("any_size")
def test_data_marshal_cannot_carry_comes_over_too(tmp_path: Path,
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    """A date written by hand without quotes is a date object, which marshal lacks."""
    path = tmp_path / "by-hand.yaml"
    path.write_text("format: briefing-outline/2\ntitle: By hand\narticles:\n"
                    "- title: A report\n  date: 2025-03-04\n  sections:\n"
                    "  - id: s1\n    heading: Budget\n", encoding="utf-8")
    expected = load_outline(path)
    early = start_early_parse(path)
    assert early is not None
    _parse_here_fails(monkeypatch)
    assert load_outline(path, early=early) == expected
    assert early_parse.pack({"when": dt.date(2025, 3, 4)})[:1] == b"P"
    assert early_parse.pack({"when": "2025-03-04"})[:1] == b"M"


def _loaded(path: Path, early: EarlyParse | None) -> tuple[Outline, list[str]]:
    warnings: list[str] = []
    return load_outline(path, warnings.append, early), warnings


def _streamed_and_ordinary(path: Path, monkeypatch: pytest.MonkeyPatch
                           ) -> tuple[tuple[Outline, list[str]], tuple[Outline, list[str]]]:
    """The outline read from a streamed early parse (checked to have streamed) and as usual."""
    ordinary = _loaded(path, None)
    early = start_early_parse(path, stream=True)
    assert early is not None
    handed_over: list[int] = []
    real = EarlyParse.take_streamed

    def counting(self: EarlyParse, text: str, on_article: Any, on_reset: Any) -> Any:
        def count(index: int, article: object) -> None:
            handed_over.append(index)
            on_article(index, article)
        return real(self, text, count, on_reset)

    monkeypatch.setattr(EarlyParse, "take_streamed", counting)
    _parse_here_fails(monkeypatch)
    streamed = _loaded(path, early)
    assert handed_over == list(range(len(ordinary[0].articles)))
    return streamed, ordinary


def _articles_yaml(count: int, *, extra: str = "") -> str:
    parts = [f"format: {FORMAT}\ntitle: Streamed\nstray: top-level key\narticles:\n"]
    for number in range(1, count + 1):
        parts.append(f"- title: Report {number}\n  odd_key: {number}\n  sections:\n"
                     f"  - id: s{number}\n    heading: Part {number}\n    blocks:\n"
                     f"    - kind: paragraph\n      text: Text of part {number}.\n")
    return "".join(parts) + extra


@pytest.mark.usefixtures("any_size")
def test_a_streamed_outline_reads_as_the_ordinary_way_with_the_same_warnings(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "streamed.yaml"
    path.write_text(_articles_yaml(5, extra="briefing:\n  to: Minister\n"), encoding="utf-8")
    streamed, ordinary = _streamed_and_ordinary(path, monkeypatch)
    assert streamed == ordinary
    assert [article.title for article in streamed[0].articles][-1] == "Report 5"
    assert "stray" in streamed[1][0] and "odd_key" in streamed[1][1]


@pytest.mark.usefixtures("any_size")
def test_a_problem_in_a_streamed_article_gets_the_ordinary_message(tmp_path: Path) -> None:
    path = tmp_path / "broken.yaml"
    text = _articles_yaml(3).replace("  - id: s2\n", "  - id: s1\n")  # an id used twice
    path.write_text(text, encoding="utf-8")
    with pytest.raises(OutlineFormatError) as ordinary:
        load_outline(path)
    early = start_early_parse(path, stream=True)
    with pytest.raises(OutlineFormatError) as streamed:
        load_outline(path, early=early)
    assert str(streamed.value) == str(ordinary.value)
    assert "used twice" in str(streamed.value)


@pytest.mark.usefixtures("any_size")
@pytest.mark.parametrize("text", [
    # an anchor in a later article: the document comes whole after a few streamed articles
    _articles_yaml(3, extra="- title: &name Shared\n  sections: []\n- title: *name\n"),
    # an article that is not a mapping, among streamed ones
    _articles_yaml(2, extra="- just a line\n"),
    # an older format: its articles are read at the end
    _articles_yaml(2).replace(f"format: {FORMAT}", "format: briefing-outline/1"),
], ids=["anchors", "not a mapping", "format 1"])
def test_unusual_documents_read_as_the_ordinary_way(tmp_path: Path, text: str,
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "unusual.yaml"
    path.write_text(text, encoding="utf-8")
    try:
        ordinary: object = _loaded(path, None)
    except OutlineFormatError as error:
        ordinary = str(error)
    early = start_early_parse(path, stream=True)
    try:
        streamed: object = _loaded(path, early)
    except OutlineFormatError as error:
        streamed = str(error)
    assert streamed == ordinary


@pytest.mark.usefixtures("any_size")
def test_a_streamed_file_changed_meanwhile_is_read_again(tmp_path: Path) -> None:
    path = tmp_path / "changing.yaml"
    path.write_text(_articles_yaml(3), encoding="utf-8")
    early = start_early_parse(path, stream=True)
    assert early is not None and early.wait(lambda: False)
    path.write_text(_articles_yaml(4), encoding="utf-8")
    assert len(load_outline(path, early=early).articles) == 4


def _lead_excerpts_yaml(version: int) -> str:
    """Three articles, each quoting its lead: without ``section`` (version 3), or naming s1,
    which only the first has (version 2: the others are found again in their lead)."""
    parts = [f"format: briefing-outline/{version}\ntitle: Leads\narticles:\n"]
    for number in range(1, 4):
        section = "    section: s1\n" if version < 3 else ""
        parts.append(f"- title: Piece {number}\n  blocks:\n  - kind: paragraph\n"
                     f"    text: Lead words of piece {number}.\n"
                     + ("  sections:\n  - id: s1\n    heading: Only\n    blocks:\n"
                        f"    - kind: paragraph\n      text: Lead words of piece {number}.\n"
                        if number == 1 else "")
                     + f"  excerpts:\n  - id: e{number}\n{section}    block: 0\n"
                     f"    offset: 5\n    quote: words of piece {number}\n"
                     "    before: 'Lead '\n    after: .\n")
    return "".join(parts)


@pytest.mark.usefixtures("any_size")
@pytest.mark.parametrize("version", [2, 3])
def test_lead_and_older_excerpts_stream_as_read_the_ordinary_way(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, version: int) -> None:
    path = tmp_path / "leads.yaml"
    path.write_text(_lead_excerpts_yaml(version), encoding="utf-8")
    streamed, ordinary = _streamed_and_ordinary(path, monkeypatch)
    assert streamed == ordinary
    excerpts = [excerpt for article in streamed[0].articles for excerpt in article.excerpts]
    assert [excerpt.in_lead for excerpt in excerpts] == [version >= 3, True, True]
    assert not any(excerpt.orphaned for excerpt in excerpts)
