"""An exported note respects the file it replaces: mode kept, umask for a new one, links.

The same for PDF, whose writer needs Qt, is in tests/gui/test_pdf_export.py.
"""

from __future__ import annotations

import os
import stat
from collections.abc import Iterator
from pathlib import Path

import docx
import pytest

from briefing.core.export.api import export_briefing
from tests.core.export.fixtures.outlines import sample_outline


@pytest.fixture
def umask_007() -> Iterator[None]:
    old = os.umask(0o007)
    try:
        yield
    finally:
        os.umask(old)


def _quiet(message: str) -> None:
    return None


@pytest.mark.usefixtures("umask_007")
@pytest.mark.parametrize("suffix", [".docx", ".md", ".html"])
def test_a_new_note_gets_the_umask_and_a_replaced_one_keeps_its_mode(
        tmp_path: Path, suffix: str) -> None:
    note = tmp_path / f"note{suffix}"
    export_briefing(sample_outline(), note, warn=_quiet)
    assert stat.S_IMODE(note.stat().st_mode) == 0o660
    note.chmod(0o644)
    export_briefing(sample_outline(), note, template="reading-pack", warn=_quiet)
    assert stat.S_IMODE(note.stat().st_mode) == 0o644
    assert [p.name for p in tmp_path.iterdir()] == [note.name]


def test_a_note_behind_a_link_is_written_through_it(tmp_path: Path) -> None:
    shared = tmp_path / "shared"
    shared.mkdir()
    real = shared / "weekly.docx"
    real.write_bytes(b"last week")
    link = tmp_path / "note.docx"
    link.symlink_to(real)
    export_briefing(sample_outline(), link, warn=_quiet)
    assert link.is_symlink()
    assert docx.Document(str(real)).paragraphs


class _CancelledError(Exception):
    pass


@pytest.mark.parametrize("suffix", [".docx", ".md"])
def test_stopping_just_before_the_replace_leaves_the_older_note(tmp_path: Path,
                                                               suffix: str) -> None:
    """Cancel pressed as the writing ends: the reason comes back as raised, not as a template
    problem, and nothing changed."""
    note = tmp_path / f"note{suffix}"
    note.write_bytes(b"last week's note")

    def cancel() -> None:
        raise _CancelledError

    with pytest.raises(_CancelledError):
        export_briefing(sample_outline(), note, warn=_quiet, before_replace=cancel)
    assert note.read_bytes() == b"last week's note"
    assert [p.name for p in tmp_path.iterdir()] == [note.name]
