"""Size limits that agree: what import accepts can be saved and opened again, and a limit's
message names the file's size and the limit as they are."""

from __future__ import annotations

from pathlib import Path

import pytest

from briefing.cli import main
from briefing.core import outline_file, source_files
from briefing.core.source_files import MB, size_over_limit


@pytest.mark.parametrize(("size", "limit", "expected"), [
    (64 * MB, 50 * MB, "64 MB, more than the 50 MB limit"),
    (int(50.3 * MB), 50 * MB, "50.3 MB, more than the 50 MB limit"),
    (50 * MB + 6000, 50 * MB, "50.01 MB, more than the 50 MB limit"),
    (50 * MB + 1, 50 * MB, "52,428,801 bytes, more than the limit of 52,428,800 bytes"),
    (260 * MB, 200 * MB, "260 MB, more than the 200 MB limit"),
])
def test_a_size_over_a_limit_is_shown_over_it(size: int, limit: int, expected: str) -> None:
    assert size_over_limit(size, limit) == expected


@pytest.fixture
def small_limits(monkeypatch: pytest.MonkeyPatch) -> None:
    """Limits scaled down a hundredth, in the same proportion as the real ones."""
    monkeypatch.setattr(source_files, "MAX_INPUT_BYTES", source_files.MAX_INPUT_BYTES // 100)
    monkeypatch.setattr(outline_file, "MAX_OUTLINE_BYTES",
                        outline_file.MAX_OUTLINE_BYTES // 100)


def _long_article(path: Path, size: int) -> Path:
    """A Markdown report of about ``size`` bytes: numbered sections, paragraphs, bullet lists."""
    parts = ["# Water storage across the region\n"]
    number = written = 0
    while written < size:
        number += 1
        parts.append(f"\n## {number}. Reservoir {number}\n\nReservoir {number} held {number % 97}"
                     " per cent of its capacity at the end of the dry season, down on the year "
                     "before, and the operator expects the autumn rains to refill it slowly.\n\n"
                     f"- inflow fell by {number % 13} per cent\n- two pumps were replaced\n"
                     "- the spillway was inspected\n")
        written += len(parts[-1])
    path.write_text("".join(parts), encoding="utf-8")
    return path


def test_the_largest_article_accepted_saves_and_validates(
        tmp_path: Path, capsys: pytest.CaptureFixture[str], small_limits: None) -> None:
    article = _long_article(tmp_path / "report.md", source_files.MAX_INPUT_BYTES - 4096)
    outline = tmp_path / "water.yaml"
    assert main(["import", str(article), "-o", str(outline)]) == 0, capsys.readouterr().err
    assert outline.stat().st_size > source_files.MAX_INPUT_BYTES, (
        "the outline is larger than the article: the two limits cannot be one")
    assert main(["validate", str(outline)]) == 0, capsys.readouterr().err
    assert main(["show", str(outline)]) == 0


def test_an_outline_over_the_limit_is_refused_when_saving_not_when_opening(
        tmp_path: Path, capsys: pytest.CaptureFixture[str], small_limits: None) -> None:
    outline = tmp_path / "lists.yaml"
    small = tmp_path / "small.md"
    small.write_text("# A short list\n\n- one\n- two\n", encoding="utf-8")
    assert main(["import", str(small), "-o", str(outline)]) == 0
    before = outline.read_bytes()
    bullets = tmp_path / "bullets.md"
    bullets.write_text("# Many short points\n\n" + "- a\n" * 100_000, encoding="utf-8")
    assert main(["import", str(bullets), "-o", str(outline), "--append"]) == 1
    err = capsys.readouterr().err
    limit = outline_file.MAX_OUTLINE_BYTES
    assert f"{outline}: cannot be saved: it would be " in err
    assert f"MB, more than the {limit / MB:g} MB limit for an outline file" in err
    assert err.rstrip().endswith("Split the articles over several outlines, or import shorter "
                                 "ones")
    assert outline.read_bytes() == before, "the outline on disk is untouched"
    assert sorted(path.name for path in tmp_path.iterdir()) == [
        "bullets.md", "lists.yaml", "small.md"]
