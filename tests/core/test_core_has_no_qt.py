"""``briefing.core`` runs without Qt: every module imports where PySide6 cannot be imported."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

BLOCK_QT_THEN_IMPORT = """
import importlib, sys
from pathlib import Path

class NoQt:
    def find_spec(self, name, path=None, target=None):
        if name.split(".")[0] in ("PySide6", "shiboken6"):
            raise ImportError(f"{name} is blocked: briefing.core must not import Qt")
        return None

sys.meta_path.insert(0, NoQt())
core = Path("briefing/core")
for file in sorted(core.rglob("*.py")):
    parts = file.with_suffix("").parts
    importlib.import_module(".".join(parts[:-1] if parts[-1] == "__init__" else parts))
    print(".".join(parts))
assert not any(name.startswith("PySide6") for name in sys.modules)
"""


def _run(script: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-c", script], cwd=ROOT, capture_output=True,
                          text=True, timeout=120, check=False)


def test_every_core_module_imports_with_pyside6_blocked() -> None:
    result = _run(BLOCK_QT_THEN_IMPORT)
    assert result.returncode == 0, result.stderr
    imported = result.stdout.split()
    assert "briefing.core.outline_file" in imported
    assert "briefing.core.export.api" in imported
    assert len(imported) == len(list((ROOT / "briefing" / "core").rglob("*.py")))


def test_the_blocker_does_stop_a_module_that_imports_qt() -> None:
    result = _run(BLOCK_QT_THEN_IMPORT.replace('Path("briefing/core")', 'Path("briefing/gui")'))
    assert result.returncode != 0
    assert "briefing.core must not import Qt" in result.stderr
