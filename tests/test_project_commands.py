"""The README's two commands are what CI and users run; keep them and .ci/run in step."""

from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_ci_runs_the_readme_test_command() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert "    python3 tasks.py test\n" in readme
    assert "    python3 tasks.py app\n" in readme
    assert "\npython3 tasks.py test" in ci


def test_run_command_opens_the_bundled_sample_on_first_run() -> None:
    from briefing.core.paths import SAMPLE_OUTLINE

    assert SAMPLE_OUTLINE.is_file()
    assert SAMPLE_OUTLINE.is_relative_to(ROOT / "resources")
