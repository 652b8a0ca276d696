"""A message quoting someone else's file is shown as text: it loads nothing it names."""

from __future__ import annotations

import os
import resource
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

PROBE = """
import sys
from PySide6.QtWidgets import QLabel, QMessageBox
from briefing.gui.app import create_application
app = create_application([])
quoted = f"outline.yaml: unknown key '<img src={sys.argv[1]}>' and <b>bold</b>"
box = QMessageBox(QMessageBox.Icon.Warning, "Cannot open", quoted)
box.setInformativeText(quoted)
box.show()
app.processEvents()
for label in box.findChildren(QLabel):
    if label.objectName() in ("qt_msgbox_label", "qt_msgbox_informativelabel"):
        print(label.textFormat().name, label.text() == quoted)
"""


def _limit_memory() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (1 << 30, 1 << 30))


def test_a_message_naming_a_fifo_or_device_as_image_shows_as_text(tmp_path: Path) -> None:
    fifo = tmp_path / "chart.png"
    os.mkfifo(fifo)
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "PYTHONPATH": str(ROOT)}
    for target in (str(fifo), "/dev/zero"):
        result = subprocess.run([sys.executable, "-c", PROBE, target], env=env, cwd=tmp_path,
                                capture_output=True, text=True, timeout=60,
                                preexec_fn=_limit_memory, check=False)
        assert result.returncode == 0, result.stderr[-2000:]
        assert result.stdout.split() == ["PlainText", "True", "PlainText", "True"]
