"""A folder given to import: the articles in it, in the order a file manager lists them.

A folder of saved articles imports as its files would, chosen one by one. Only the folder's own
files are taken, not those of its sub-folders: a saved page's ``NAME_files`` folder is no
article, and a dropped folder of folders is more likely a slip than a wish to import a tree.
Hidden files (a leading dot) are left out; files of other types are left out and listed once
per folder, not each reported as an error. A folder with nothing to import, or that cannot be
read, is an error of its own, as a bad file is.
"""

from __future__ import annotations

import os
import re
from collections.abc import Collection, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from briefing.core.errors import ArticleImportError

FILES_WITHOUT_ASKING = 50
"""More files than this from folders are imported only when the user says so (the window asks);
a home folder dropped by mistake does not start a thousand imports."""
LISTED_NAMES = 10
"""At most this many left-out files are named in a message; the rest are counted."""


@dataclass
class FolderFiles:
    """What the paths given to import come to once their folders are opened."""

    files: list[Path] = field(default_factory=list)
    """The files to import: those given, and each folder's articles in its place."""
    from_folders: int = 0
    """How many of ``files`` came from folders."""
    folders: list[Path] = field(default_factory=list)
    """The folders that brought files."""
    left_out: dict[Path, list[str]] = field(default_factory=dict)
    """For each folder, the names of its files that are not of a type Briefing imports."""
    errors: list[ArticleImportError] = field(default_factory=list)
    """Folders with nothing to import, or that cannot be read."""

    def left_out_messages(self) -> list[str]:
        """One line per folder naming the files left out."""
        return [left_out_message(folder, names) for folder, names in self.left_out.items()]


def files_in_folders(paths: Sequence[Path]) -> FolderFiles:
    """``paths`` with each folder among them replaced by its articles (see the module)."""
    from briefing.core.importers import SUPPORTED_SUFFIXES, page_of_folder

    result = FolderFiles()
    for path in paths:
        if not path.is_dir():
            result.files.append(path)  # the importer reports a file that is missing or bad
            continue
        page = page_of_folder(path)
        if page is not None:
            result.errors.append(ArticleImportError(
                path, f"is the folder of the saved page {page.name}, not an article",
                hint=f"Import {page.name} itself"))
            continue
        try:
            articles, others = _folder_files(path, SUPPORTED_SUFFIXES)
        except ArticleImportError as error:
            result.errors.append(error)
            continue
        if not articles:
            result.errors.append(_nothing_to_import(path, others))
            continue
        result.files.extend(articles)
        result.from_folders += len(articles)
        result.folders.append(path)
        if others:
            result.left_out[path] = others
    return result


def left_out_message(folder: Path, names: Sequence[str]) -> str:
    files = "file" if len(names) == 1 else "files"
    return (f"{folder}: left out {len(names)} {files} of a type Briefing does not import: "
            f"{_listed(names)}")


def _listed(names: Sequence[str]) -> str:
    """The first names, and how many more there are."""
    more = f" and {len(names) - LISTED_NAMES} more" if len(names) > LISTED_NAMES else ""
    return ", ".join(names[:LISTED_NAMES]) + more


def _folder_files(folder: Path, suffixes: Collection[str]) -> tuple[list[Path], list[str]]:
    """The folder's articles and the names of its other files, each sorted by name."""
    try:
        with os.scandir(folder) as entries:
            found = [(entry.name, _is_file(entry)) for entry in entries]
    except PermissionError:
        raise ArticleImportError(folder, "is a folder that cannot be read (permission denied)",
                                 hint="Check the folder's permissions") from None
    except OSError as exc:
        raise ArticleImportError(folder, f"is a folder that cannot be read "
                                 f"({exc.strerror or exc})") from None
    names = sorted((name for name, is_file in found if is_file and not name.startswith(".")),
                   key=lambda name: (_natural_key(Path(name).stem), _natural_key(name)))
    articles = [folder / name for name in names if Path(name).suffix.lower() in suffixes]
    others = [name for name in names if Path(name).suffix.lower() not in suffixes]
    return articles, others


def _is_file(entry: os.DirEntry[str]) -> bool:
    try:
        return entry.is_file()
    except OSError:
        return False


def _nothing_to_import(folder: Path, others: Sequence[str]) -> ArticleImportError:
    from briefing.core.importers import SUPPORTED_SUFFIXES

    types = ", ".join(SUPPORTED_SUFFIXES)
    if not others:
        return ArticleImportError(folder, "is a folder with no files in it (sub-folders are "
                                  "not opened)", hint=f"Choose a folder that holds articles "
                                  f"({types}), or the files themselves")
    return ArticleImportError(folder, f"is a folder with no file of a type Briefing imports "
                              f"(it holds {_listed(others)})",
                              hint=f"Briefing imports {types} files")


_NUMBER = re.compile(r"(\d+)")


def _natural_key(name: str) -> list[tuple[int, int | str]]:
    """Sort as a file manager does: "part 2" before "part 10", case aside (and, by the
    caller, "notes.md" before "notes (copy).md": names first, without their suffixes)."""
    return [(1, int(piece)) if piece.isdigit() else (0, piece.casefold())
            for piece in _NUMBER.split(name)]
