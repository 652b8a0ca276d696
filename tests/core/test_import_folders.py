"""A folder given to import: its articles in name order, what is left out, and the folders
that have nothing to import."""

from __future__ import annotations

from pathlib import Path

import pytest

from briefing.core.import_folders import files_in_folders
from tests.faults import unreadable_folder


def _files(folder: Path, *names: str) -> Path:
    folder.mkdir(exist_ok=True)
    for name in names:
        (folder / name).write_text("# A heading\n\nSome text.\n", encoding="utf-8")
    return folder


def test_a_folder_gives_its_articles_in_the_order_a_file_manager_shows(tmp_path: Path) -> None:
    folder = _files(tmp_path / "clippings", "part 10.md", "Part 2.txt", "part 1.html",
                    "part 1 (copy).html", ".hidden.txt", "photo.jpg", "notes.PDF")
    _files(folder / "older", "inside.txt")  # sub-folders are not opened
    given = _files(tmp_path, "loose.txt") / "loose.txt"
    found = files_in_folders([folder, given])
    assert [path.name for path in found.files] == ["part 1.html", "part 1 (copy).html",
                                                  "Part 2.txt", "part 10.md", "loose.txt"]
    assert (found.from_folders, found.folders, found.errors) == (4, [folder], [])
    assert found.left_out_messages() == [f"{folder}: left out 2 files of a type Briefing does "
                                         "not import: notes.PDF, photo.jpg"]


def test_a_long_list_of_left_out_files_is_cut_short(tmp_path: Path) -> None:
    folder = _files(tmp_path / "mixed", "a.txt", *(f"image {n}.png" for n in range(1, 14)))
    [message] = files_in_folders([folder]).left_out_messages()
    assert message.endswith("image 9.png, image 10.png and 3 more")
    assert message.count(".png") == 10


@pytest.mark.parametrize(("names", "problem", "hint"), [
    ((), "is a folder with no files in it (sub-folders are not opened)",
     "Choose a folder that holds articles (.txt, .md"),
    ((".draft.txt",), "is a folder with no files in it", "or the files themselves"),
    (("scan.pdf", "chart.png"), "is a folder with no file of a type Briefing imports (it holds "
     "chart.png, scan.pdf)", "Briefing imports .txt, .md"),
])
def test_a_folder_with_nothing_to_import_is_an_error_naming_it(
        tmp_path: Path, names: tuple[str, ...], problem: str, hint: str) -> None:
    folder = _files(tmp_path / "box", *names)
    found = files_in_folders([folder])
    assert found.files == [] and found.left_out == {}
    [error] = found.errors
    assert str(error).startswith(f"{folder}: {problem}")
    assert hint in str(error)


def test_a_folder_that_cannot_be_read_is_named(tmp_path: Path,
                                               monkeypatch: pytest.MonkeyPatch) -> None:
    folder = _files(tmp_path / "locked", "a.txt")
    unreadable_folder(monkeypatch, folder)
    [error] = files_in_folders([folder]).errors
    assert str(error) == (f"{folder}: is a folder that cannot be read (permission denied). "
                          "Check the folder's permissions")


def test_the_folder_of_a_saved_page_is_not_opened(tmp_path: Path) -> None:
    _files(tmp_path, "ferry.html")
    pictures = _files(tmp_path / "ferry_files", "script.html")
    [error] = files_in_folders([pictures]).errors
    assert str(error) == (f"{pictures}: is the folder of the saved page ferry.html, not an "
                          "article. Import ferry.html itself")
