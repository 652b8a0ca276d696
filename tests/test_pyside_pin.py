"""PySide6 6.12.0 on Python 3.11 drops a reference to None on every void Qt call and aborts the
interpreter after ~5,000 calls; the project pins PySide6-Essentials below 6.12 there."""

from __future__ import annotations

import subprocess
import sys
import textwrap

VOID_CALLS = 20_000

_PROBE = textwrap.dedent(f"""
    import sys
    from PySide6.QtCore import QObject
    obj = QObject()
    before = sys.getrefcount(None)
    for _ in range({VOID_CALLS}):
        obj.setObjectName("probe")   # returns void
        obj.blockSignals(False)
    print(before - sys.getrefcount(None))
""")


def test_void_qt_calls_do_not_leak_references_to_none() -> None:
    result = subprocess.run([sys.executable, "-c", _PROBE], capture_output=True, text=True,
                            timeout=120)
    assert result.returncode == 0, f"interpreter aborted: {result.stderr[-500:]}"
    lost = int(result.stdout.strip())
    assert lost < VOID_CALLS // 10, f"{lost} references to None lost in {VOID_CALLS} calls"


def test_installed_pyside_respects_the_pin() -> None:
    from importlib.metadata import version

    major, minor = (int(part) for part in version("PySide6-Essentials").split(".")[:2])
    if sys.version_info < (3, 12):
        assert (major, minor) < (6, 12)
    assert (major, minor) >= (6, 11)


def test_pyproject_pins_essentials_below_6_12_on_python_3_11() -> None:
    import tomllib
    from pathlib import Path

    from packaging.requirements import Requirement  # comes with pytest

    pyproject = Path(__file__).resolve().parent.parent / "pyproject.toml"
    requirements = [Requirement(text) for text in
                    tomllib.loads(pyproject.read_text(encoding="utf-8"))["project"]["dependencies"]]
    pyside = [req for req in requirements if req.name.lower().startswith("pyside6")]
    assert {req.name for req in pyside} == {"PySide6-Essentials"}
    on_311 = [req for req in pyside
              if req.marker is None or req.marker.evaluate({"python_version": "3.11"})]
    assert len(on_311) == 1
    assert not on_311[0].specifier.contains("6.12.0")
    assert on_311[0].specifier.contains("6.11.0") and on_311[0].specifier.contains("6.11.9")
