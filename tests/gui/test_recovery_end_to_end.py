"""Never lose work, end to end: the real app autosaves, is killed, and the next start restores.

Both sessions are real processes running the app's own start-up (``start_window``), so this
covers the wiring between the main window, the autosaver and the restore question, and a kill
that leaves no chance to clean up.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
from pathlib import Path

from briefing.core import paths

ROOT = Path(__file__).resolve().parents[2]
NOTE = "Ask the minister's office about the second tranche before Friday"

WORKING_SESSION = textwrap.dedent(f"""
    import sys
    sys.path.insert(0, {str(ROOT)!r})
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QApplication
    from briefing.gui.app import start_window
    window = start_window(None)
    app = QApplication.instance()
    saver = window.autosaver
    section = window.document.outline.articles[0].sections[0]
    window.document.set_note(section.id, {NOTE!r})
    print("interval", saver.interval_ms, "running", saver.is_running(), flush=True)
    report = lambda outcome: print(outcome, section.id, flush=True)
    saver.saved.connect(lambda path: report("saved"))
    saver.failed.connect(lambda message: report("failed"))
    app.applicationStateChanged.emit(Qt.ApplicationState.ApplicationInactive)  # switched away
    app.exec()  # still working when the power goes
""")

START_AND_RESTORE = textwrap.dedent(f"""
    import json, sys
    sys.path.insert(0, {str(ROOT)!r})
    from PySide6.QtWidgets import QMessageBox
    from briefing.gui.app import start_window
    asked = []
    def answer_yes(parent, title, text, *rest):
        asked.append(text)
        return QMessageBox.StandardButton.Yes
    QMessageBox.question = answer_yes
    window = start_window(None)
    section = window.document.section(sys.argv[1])
""")
"""A new start that answers Yes to restoring, then finds section ``sys.argv[1]``."""

NEXT_START = START_AND_RESTORE + textwrap.dedent("""
    print(json.dumps({"asked": asked, "note": section.note if section else None,
                      "modified": window.document.is_modified,
                      "marked": window.isWindowModified()}))
    window.document.set_note(sys.argv[1], "")
    window.autosaver.stop()
""")


def _environment() -> dict[str, str]:
    return {**os.environ, "QT_QPA_PLATFORM": "offscreen"}


def test_work_autosaved_on_focus_loss_survives_a_kill_and_is_restored_at_next_start(
        tmp_path: Path) -> None:
    session = subprocess.Popen([sys.executable, "-c", WORKING_SESSION], env=_environment(),
                               cwd=tmp_path, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                               text=True)
    try:
        assert session.stdout is not None
        first = session.stdout.readline().split()
        second = session.stdout.readline().split()
    finally:
        session.kill()  # no clean exit: nothing gets to remove the recovery file
        _, errors = session.communicate(timeout=30)
    assert first == ["interval", "30000", "running", "True"], errors
    assert second[:1] == ["saved"], errors
    section_id = second[1]
    assert list(paths.recovery_dir().glob("session-*.yaml")), "the kill left the autosave"

    restart = subprocess.run([sys.executable, "-c", NEXT_START, section_id], env=_environment(),
                             cwd=tmp_path, capture_output=True, text=True, timeout=60,
                             check=False)
    assert restart.returncode == 0, restart.stderr
    result = json.loads(restart.stdout.strip().splitlines()[-1])
    assert len(result["asked"]) == 1
    assert "did not close properly" in result["asked"][0]
    assert "Sample outline, autosaved " in result["asked"][0]
    assert result["note"] == NOTE
    assert result["modified"] is True and result["marked"] is True, "restored work is unsaved"
    leftovers = list(paths.recovery_dir().glob("session-*.yaml"))
    assert leftovers == [], "restored work is not offered twice"


RESTORE_THEN = START_AND_RESTORE + textwrap.dedent("""
    restored = section.note if section else None
    if len(sys.argv) > 2:  # type more, and let the autosave keep it
        window.document.set_note(sys.argv[1], sys.argv[2])
        assert window.autosaver.save_now() is not None
    print(json.dumps({"asked": len(asked), "note": restored}), flush=True)
    sys.stdin.read()  # working until the next crash
""")


def _crash_after_restoring(section_id: str, *more: str) -> dict[str, object]:
    session = subprocess.Popen([sys.executable, "-c", RESTORE_THEN, section_id, *more],
                               env=_environment(), stdin=subprocess.PIPE,
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        assert session.stdout is not None
        line = session.stdout.readline()
    finally:
        session.kill()  # crashes again, before any save
        _, errors = session.communicate(timeout=60)
    assert line, errors
    result: dict[str, object] = json.loads(line)
    return result


def test_restored_work_survives_any_number_of_crashes_in_a_row(tmp_path: Path) -> None:
    session = subprocess.Popen([sys.executable, "-c", WORKING_SESSION], env=_environment(),
                               cwd=tmp_path, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                               text=True)
    try:
        assert session.stdout is not None
        session.stdout.readline()
        saved = session.stdout.readline().split()
    finally:
        session.kill()
        _, errors = session.communicate(timeout=30)
    assert saved[:1] == ["saved"], errors
    section_id = saved[1]

    # Restored, then killed before any edit or autosave: the work is still there.
    assert _crash_after_restoring(section_id) == {"asked": 1, "note": NOTE}
    assert _crash_after_restoring(section_id) == {"asked": 1, "note": NOTE}
    # Restored, edited and autosaved, then killed: the latest edit is what comes back.
    assert _crash_after_restoring(section_id, "A later thought") == {"asked": 1, "note": NOTE}
    assert _crash_after_restoring(section_id) == {"asked": 1, "note": "A later thought"}
    assert len(list(paths.recovery_dir().glob("session-*.yaml"))) == 1, "offered once, not twice"
