"""``briefing import https://…`` and what ``import --append`` does with duplicates."""

from __future__ import annotations

import datetime
from pathlib import Path

import pytest

from briefing.cli import main
from briefing.core.outline_file import load_outline, save_outline
from tests.local_web import LocalSite

ARTICLE = """Ferry Subsidy Review

The island ferry subsidy ends in March unless the assembly renews it this winter.

1. Fares

Return fares would rise from 14 to 31 without the subsidy, according to the operator.

2. Timetable

Winter sailings would fall from six a day to three.
"""


pytestmark = pytest.mark.usefixtures("no_proxies")


def run(capsys: pytest.CaptureFixture[str], *argv: str | Path) -> tuple[int, str, str]:
    status = main([str(arg) for arg in argv])
    captured = capsys.readouterr()
    return status, captured.out, captured.err


def test_import_from_a_web_address_keeps_url_and_fetch_date(
        site: LocalSite, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    url = site.page("/news/tidal-barriers")
    outline_path = tmp_path / "estuary.yaml"
    status, out, err = run(capsys, "import", url, "-o", outline_path)
    assert status == 0, err
    assert "1 article(s) imported" in out
    article = load_outline(outline_path).articles[0]
    assert article.title == "Tidal Barriers Before the Next Surge"
    assert article.url == url
    assert article.fetched == datetime.date.today().isoformat()
    assert f"fetched: '{article.fetched}'" in outline_path.read_text(encoding="utf-8")
    status, out, _ = run(capsys, "show", outline_path)
    assert f"{url} · fetched {article.fetched}" in out


def test_failed_fetch_is_one_line_and_leaves_the_outline_untouched(
        site: LocalSite, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    outline_path = tmp_path / "estuary.yaml"
    outline_path.write_text("format: briefing-outline/1\narticles: []\n", encoding="utf-8")
    before = outline_path.read_bytes()
    url = site.url("/missing")
    status, _, err = run(capsys, "import", url, "-o", outline_path, "--append")
    assert status == 1
    assert err == f"briefing: error: {url}: the server answered 404 Not Found. Check the " \
                  "address; the page may have moved or been removed\n"
    assert "Traceback" not in err
    assert outline_path.read_bytes() == before


def test_javascript_address_is_refused(tmp_path: Path,
                                       capsys: pytest.CaptureFixture[str]) -> None:
    status, _, err = run(capsys, "import", "javascript:alert(1)", "-o", tmp_path / "x.yaml")
    assert status == 1
    assert "javascript:alert(1): is a javascript: address, not a web address" in err
    assert not (tmp_path / "x.yaml").exists()


def _outline_with_picked_article(tmp_path: Path, capsys: pytest.CaptureFixture[str]
                                 ) -> tuple[Path, Path]:
    source = tmp_path / "ferry.txt"
    source.write_text(ARTICLE, encoding="utf-8")
    outline_path = tmp_path / "islands.yaml"
    assert run(capsys, "import", source, "-o", outline_path)[0] == 0
    outline = load_outline(outline_path)
    outline.articles[0].sections[0].picked = True
    outline.articles[0].sections[0].note = "Compare with last year's fares."
    outline.sync_order()
    save_outline(outline, outline_path)
    return source, outline_path


def test_append_of_an_article_already_there_is_refused_without_a_choice(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    source, outline_path = _outline_with_picked_article(tmp_path, capsys)
    before = outline_path.read_bytes()
    status, _, err = run(capsys, "import", source, "-o", outline_path, "--append")
    assert status == 1
    assert f"{source}: is already in {outline_path}: article 1, \u201cFerry Subsidy Review\u201d" \
        in err
    assert "--duplicate replace" in err
    assert outline_path.read_bytes() == before


def test_append_with_duplicate_replace_keeps_picks_and_notes(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    source, outline_path = _outline_with_picked_article(tmp_path, capsys)
    source.write_text(ARTICLE.replace("three.", "two."), encoding="utf-8")
    status, out, err = run(capsys, "import", source, "-o", outline_path, "--append",
                           "--duplicate", "replace")
    assert status == 0, err
    assert "(1 replaced, 0 skipped as already there)" in out
    outline = load_outline(outline_path)
    assert len(outline.articles) == 1
    fares = outline.articles[0].sections[0]
    assert (fares.picked, fares.note) == (True, "Compare with last year's fares.")
    assert "Winter sailings would fall from six a day to two." in \
        outline.articles[0].sections[1].blocks[0].text


def test_append_with_duplicate_keep_both_and_skip(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    source, outline_path = _outline_with_picked_article(tmp_path, capsys)
    assert run(capsys, "import", source, "-o", outline_path, "--append",
               "--duplicate", "keep-both")[0] == 0
    assert len(load_outline(outline_path).articles) == 2
    status, _, err = run(capsys, "import", source, "-o", outline_path, "--append",
                         "--duplicate", "skip")
    assert status == 0
    assert "skipped;" in err
    assert len(load_outline(outline_path).articles) == 2


@pytest.mark.parametrize("typed", ["www.example.org/ferry-review", "example.org/news/ferry"])
def test_an_address_without_https_is_not_taken_for_a_missing_file_only(
        typed: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A browser fills in the scheme; the command line says how, rather than only that
    there is no such file."""
    status, _, err = run(capsys, "import", typed, "-o", tmp_path / "x.yaml")
    assert status == 1
    assert f"{typed}: no such file, and not a web address either" in err
    assert f"give https://{typed}" in err
    assert not (tmp_path / "x.yaml").exists()


def test_a_file_named_like_an_address_is_still_imported(
        tmp_path: Path, capsys: pytest.CaptureFixture[str],
        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "ferry.example").mkdir()
    (tmp_path / "ferry.example" / "review.txt").write_text(ARTICLE, encoding="utf-8")
    status, _, err = run(capsys, "import", "ferry.example/review.txt", "-o", "x.yaml")
    assert status == 0, err
    assert load_outline(tmp_path / "x.yaml").articles[0].title == "Ferry Subsidy Review"
