"""The command line given a folder of articles, and two files of one article in one import."""

from __future__ import annotations

from pathlib import Path

import pytest

from briefing.core.outline_file import load_outline
from tests.faults import unreadable_folder
from tests.test_cli import run


def _article(folder: Path, name: str, title: str, url: str = "") -> Path:
    front = f"---\nsource: {url}\n---\n" if url else ""
    path = folder / name
    path.write_text(f"{front}# {title}\n\nThe council voted on {title.lower()} last week, "
                    "after a long debate about costs.\n", encoding="utf-8")
    return path


def test_a_folder_imports_its_articles_in_name_order_and_names_what_it_left_out(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    folder = tmp_path / "clippings"
    folder.mkdir()
    _article(folder, "2 bridges.md", "Bridge Repairs")
    _article(folder, "10 buses.md", "Bus Lanes")
    _article(folder, "1 parks.md", "Park Hours")
    (folder / "map.png").write_bytes(b"\x89PNG\r\n")
    (folder / ".draft.md").write_text("# Draft\n\nNot yet.\n", encoding="utf-8")
    outline = tmp_path / "council.yaml"
    status, out, err = run(capsys, "import", folder, "-o", outline)
    assert status == 0, err
    assert "3 article(s) imported" in out
    assert f"{folder}: left out 1 file of a type Briefing does not import: map.png" in err
    titles = [article.title for article in load_outline(outline).articles]
    assert titles == ["Park Hours", "Bridge Repairs", "Bus Lanes"]


def test_names_written_untidily_still_import(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                              monkeypatch: pytest.MonkeyPatch) -> None:
    folder = tmp_path / "clippings"
    folder.mkdir()
    _article(folder, "parks.md", "Park Hours")
    _article(tmp_path, "buses.md", "Bus Lanes")
    _article(tmp_path, "bridges.md", "Bridge Repairs")
    monkeypatch.chdir(tmp_path)
    outline = tmp_path / "council.yaml"
    # A folder as tab completion gives it, a file named from here, a doubled slash.
    status, out, err = run(capsys, "import", "clippings/", "./buses.md",
                           f"{tmp_path}//bridges.md", "-o", outline)
    assert status == 0, err
    assert "3 article(s) imported" in out
    titles = [article.title for article in load_outline(outline).articles]
    assert titles == ["Park Hours", "Bus Lanes", "Bridge Repairs"]


@pytest.mark.parametrize(("names", "problem"), [
    ((), "is a folder with no files in it"),
    (("scan.pdf",), "is a folder with no file of a type Briefing imports (it holds scan.pdf)"),
])
def test_a_folder_with_nothing_to_import_writes_nothing(
        tmp_path: Path, capsys: pytest.CaptureFixture[str], names: tuple[str, ...],
        problem: str) -> None:
    folder = tmp_path / "empty"
    folder.mkdir()
    for name in names:
        (folder / name).write_bytes(b"%PDF-1.4\n")
    outline = tmp_path / "o.yaml"
    status, out, err = run(capsys, "import", folder, "-o", outline)
    assert status == 1 and out == ""
    assert err.startswith(f"briefing: error: {folder}: {problem}")
    assert len(err.splitlines()) == 1 and not outline.exists()


@pytest.mark.parametrize(("choice", "titles", "said"), [
    (None, None, "b.md: is the same article as"),
    ("skip", ["Bridge Repairs"], "b.md: skipped; the same article as"),
    ("keep-both", ["Bridge Repairs", "Bridge Repairs"], ""),
    ("replace", ["Bridge Repairs"], "b.md: replaces"),
])
def test_duplicate_choices_apply_to_two_files_of_one_article(
        tmp_path: Path, capsys: pytest.CaptureFixture[str], choice: str | None,
        titles: list[str] | None, said: str) -> None:
    url = "https://example.org/bridges"
    first = _article(tmp_path, "a.md", "Bridge Repairs", url)
    second = _article(tmp_path, "b.md", "Bridge Repairs", url)
    outline = tmp_path / "o.yaml"
    extra = ["--duplicate", choice] if choice else []
    status, _, err = run(capsys, "import", first, second, "-o", outline, *extra)
    assert said in err
    if titles is None:
        assert status == 1 and not outline.exists()
        return
    assert status == 0, err
    loaded = load_outline(outline).articles
    assert [article.title for article in loaded] == titles
    if choice == "replace":
        assert loaded[0].source_file == "b.md"


def test_a_folder_that_cannot_be_read_is_named_and_nothing_is_written(
        tmp_path: Path, capsys: pytest.CaptureFixture[str],
        monkeypatch: pytest.MonkeyPatch) -> None:
    locked = tmp_path / "locked"
    locked.mkdir()
    _article(locked, "a.md", "Bridge Repairs")
    good = _article(tmp_path, "b.md", "Bus Lanes")
    unreadable_folder(monkeypatch, locked)
    outline = tmp_path / "o.yaml"
    status, out, err = run(capsys, "import", locked, good, "-o", outline)
    assert status == 1 and out == ""
    assert err.startswith(f"briefing: error: {locked}: is a folder that cannot be read "
                          "(permission denied). Check the folder's permissions (nothing "
                          "imported: 1 of 2 files could not be imported")
    assert not outline.exists()
