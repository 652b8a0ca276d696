"""Hostile and extreme outlines opened in the real window (offscreen), in a process held to
1 GB: the outline opens, its section is selected, the reader, note editor and preview show it,
and the process ends on its own. A note naming ``/dev/zero`` or a FIFO as an image used to take
4 GB and abort, or hang forever."""

from __future__ import annotations

import os
import resource
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.hostile import corpus

ROOT = Path(__file__).resolve().parents[2]
MEMORY_LIMIT = 1024 * 1024 * 1024

OPEN_AND_SELECT = """
import sys, time
from pathlib import Path
from PySide6.QtWidgets import QApplication
app = QApplication([])
from briefing.gui.document import Document
from briefing.gui.main_window import MainWindow
from briefing.gui.settings import AppSettings
window = MainWindow(Document(), AppSettings())
window.show()
assert window.open_file(Path(sys.argv[1]), ask=False, background=False)
started = time.perf_counter()
assert window.select_section("s1")
selected = time.perf_counter() - started
deadline = time.perf_counter() + 60
while time.perf_counter() < deadline and (window.note_editor.is_preview_pending()
                                          or window.preview.is_refresh_pending()):
    app.processEvents()
app.processEvents()
print("reader:", window.reader.toPlainText()[:200].replace("\\n", " "))
print("note:", window.note_editor.preview.toPlainText()[:200].replace("\\n", " "))
print(f"selected in {selected:.2f} s")
print("cut:", window.reader.is_cut(), window.note_editor.is_editor_cut())
window.document.undo_stack.setClean()
window.autosaver.stop()
window.close()
"""


def _limit_memory() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY_LIMIT, MEMORY_LIMIT))


def open_in_window(path: Path, home: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "BRIEFING_HOME": str(home),
           "XDG_CONFIG_HOME": str(home / "config"), "XDG_DATA_HOME": str(home / "data"),
           "PYTHONPATH": str(ROOT)}
    return subprocess.run([sys.executable, "-c", OPEN_AND_SELECT, str(path)], env=env,
                          cwd=home, capture_output=True, text=True, timeout=180,
                          preexec_fn=_limit_memory, check=False)


CASES: list[tuple[str, Callable[[Path], Path]]] = [
    ("image of /dev/zero", lambda folder: corpus.image_note_outline(folder, Path("/dev/zero"))),
    ("image of a FIFO", lambda folder: corpus.image_note_outline(
        folder, corpus.fifo(folder, "chart.png"))),
    ("control characters", corpus.control_characters_outline),
]


@pytest.mark.parametrize(("name", "make"), CASES, ids=[case[0] for case in CASES])
def test_an_outline_that_validate_accepts_opens_and_its_section_shows(
        tmp_path: Path, name: str, make: Callable[[Path], Path]) -> None:
    result = open_in_window(make(tmp_path), tmp_path)
    assert result.returncode == 0, result.stderr[-3000:]
    assert "Traceback" not in result.stderr
    assert "reader:" in result.stdout
    if name.startswith("image"):
        assert "See the chart and <b>raw</b> html." in result.stdout


@pytest.mark.slow
@pytest.mark.parametrize(("make", "cut"), [
    (corpus.huge_note_outline, "cut: False True"), (corpus.long_line_outline, "cut: True False"),
    (corpus.many_paragraphs_outline, "cut: True False")],
    ids=["45 MB note", "20 MB line", "100,000 paragraphs"])
def test_a_huge_outline_opens_and_its_section_shows_in_part(
        tmp_path: Path, make: Callable[[Path], Path], cut: str) -> None:
    result = open_in_window(make(tmp_path), tmp_path)
    assert result.returncode == 0, result.stderr[-3000:]
    assert "Traceback" not in result.stderr
    assert cut in result.stdout
