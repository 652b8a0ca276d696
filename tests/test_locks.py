"""Reproducible installs: the hashed locks in requirements/ and how tasks.py uses them."""

from __future__ import annotations

import re
import sys
from pathlib import Path

import pytest
from packaging.markers import Marker
from packaging.version import Version

import tasks

ROOT = Path(__file__).resolve().parent.parent
PYPROJECT = ROOT / "pyproject.toml"
DEV_TOOLS = {"pytest", "pytest-qt", "pytest-timeout", "hypothesis", "mypy", "ruff"}
_ENTRY = re.compile(r"^(?P<name>[a-z0-9][a-z0-9._-]*)==(?P<version>[^\s;\\]+)"
                    r"(?:\s*;\s*(?P<marker>[^\\]+?))?\s*\\?$")


def _entries(lock: Path) -> list[tuple[str, str, str | None, list[str]]]:
    """Each pinned package of a lock: name, version, marker, and its hash lines."""
    entries: list[tuple[str, str, str | None, list[str]]] = []
    for line in lock.read_text(encoding="utf-8").splitlines():
        match = _ENTRY.match(line)
        if match:
            entries.append((match["name"], match["version"], match["marker"], []))
        elif line.strip().startswith("--hash=") and entries:
            entries[-1][3].append(line.strip())
    return entries


def _pins_for(lock: Path, python: str) -> dict[str, str]:
    """What pip installs from ``lock`` on Linux with this Python version."""
    environment = {"python_version": python, "python_full_version": f"{python}.0",
                   "sys_platform": "linux", "platform_system": "Linux",
                   "platform_python_implementation": "CPython", "os_name": "posix",
                   "implementation_name": "cpython"}
    return {name: version for name, version, marker, _ in _entries(lock)
            if marker is None or Marker(marker).evaluate(environment)}


ALL_LOCKS = [tasks.lock_file(kind, python) for python in tasks.LOCKED_PYTHONS
             for kind in ("app", "dev")]


@pytest.mark.parametrize("lock", ALL_LOCKS, ids=lambda lock: lock.name)
def test_every_lock_is_made_from_the_current_pyproject(lock: Path) -> None:
    tasks.check_lock(lock, PYPROJECT)


@pytest.mark.parametrize("lock", [*ALL_LOCKS, tasks.TOOLS_LOCK], ids=lambda lock: lock.name)
def test_every_locked_package_has_a_version_and_hashes(lock: Path) -> None:
    entries = _entries(lock)
    assert entries, f"{lock.name} pins nothing"
    for name, _, _, hashes in entries:
        assert hashes and all(line.startswith("--hash=sha256:") for line in hashes), name


@pytest.mark.parametrize("python", tasks.LOCKED_PYTHONS)
def test_the_app_lock_has_no_dev_tools_and_the_dev_lock_the_same_pins(python: str) -> None:
    app = _pins_for(tasks.lock_file("app", python), python)
    dev = _pins_for(tasks.lock_file("dev", python), python)
    assert not DEV_TOOLS & app.keys()
    assert dev.keys() >= DEV_TOOLS
    assert {name: dev.get(name) for name in app} == app, "tests run on what the app installs"
    assert "setuptools" in app, "the build backend is locked too"


@pytest.mark.parametrize("python", tasks.LOCKED_PYTHONS)
def test_the_locks_keep_the_pyside_pin(python: str) -> None:
    pyside = Version(_pins_for(tasks.lock_file("app", python), python)["pyside6-essentials"])
    assert pyside >= Version("6.11")
    if python == "3.11":
        assert pyside < Version("6.12"), "PySide6 6.12.0 aborts Python 3.11"


def test_a_lock_made_before_a_new_dependency_is_refused_with_the_command(
        tmp_path: Path) -> None:
    pyproject = tmp_path / "pyproject.toml"
    text = PYPROJECT.read_text(encoding="utf-8")
    added = text.replace("dependencies = [", 'dependencies = [\n    "NewLib>=1.0",', 1)
    assert added != text
    pyproject.write_text(added, encoding="utf-8")
    lock = tasks.lock_file("app", "3.11")
    with pytest.raises(tasks.SetupError) as info:
        tasks.check_lock(lock, pyproject)
    assert str(info.value) == (
        "requirements/app-py3.11.txt: out of date, the requirements in pyproject.toml changed "
        "since it was made. Run 'python3 tasks.py lock' and commit the changed files in "
        "requirements/")


def test_settings_outside_the_requirements_do_not_outdate_the_lock(tmp_path: Path) -> None:
    pyproject = tmp_path / "pyproject.toml"
    pyproject.write_text(PYPROJECT.read_text(encoding="utf-8")
                         + '\n[tool.coverage.run]\nbranch = true\n', encoding="utf-8")
    tasks.check_lock(tasks.lock_file("dev", "3.11"), pyproject)


def test_tests_refuse_to_start_without_a_lock(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                              capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setattr(tasks, "REQUIREMENTS", tmp_path / "requirements")
    monkeypatch.setattr(tasks, "VENV", tmp_path / "venv")
    assert tasks.main(["test"]) == 1
    error = capsys.readouterr().err.strip()
    assert error.startswith(f"tasks.py: {tmp_path / 'requirements'}")
    assert error.endswith("no such lock file. Run 'python3 tasks.py lock' to make it")
    assert not (tmp_path / "venv").exists(), "nothing was installed"


@pytest.mark.parametrize("argv", [[], ["deploy"], ["lock", "--everything"]])
def test_an_unknown_command_prints_the_usage(argv: list[str],
                                             capsys: pytest.CaptureFixture[str]) -> None:
    assert tasks.main(argv) == 2
    assert "python3 tasks.py test" in capsys.readouterr().err


def test_each_python_uses_its_own_lock_a_newer_one_the_newest() -> None:
    assert [tasks.lock_python((3, minor)) for minor in (11, 12, 13, 14)] == [
        "3.11", "3.12", "3.13", "3.13"]


def test_a_python_older_than_3_11_is_refused_with_what_to_do() -> None:
    with pytest.raises(tasks.SetupError) as info:
        tasks.lock_python((3, 10))
    assert str(info.value).startswith("Briefing needs Python 3.11 or later; this is Python "
                                      "3.10. Run tasks.py with a newer Python")


def _locks(tmp_path: Path) -> dict[str, Path]:
    locks = {kind: tmp_path / f"{kind}-py3.11.txt" for kind in ("app", "dev")}
    for kind, lock in locks.items():
        lock.write_text(f"# {kind}\n", encoding="utf-8")
    return locks


def _stamp(lock: Path, python: str = "3.11") -> tasks.Stamp:
    return tasks.Stamp(lock.name, tasks.sha256_of(lock), python, "")


def test_a_venv_is_reused_only_while_its_lock_is_unchanged(tmp_path: Path) -> None:
    locks = _locks(tmp_path)
    app, dev = locks["app"], locks["dev"]
    plan = tasks.install_plan
    assert plan(None, "app", locks, "3.11") == "fresh"
    assert plan(_stamp(app), "app", locks, "3.11") == "ready"
    assert plan(_stamp(dev), "app", locks, "3.11") == "ready", "the dev lock holds the app's"
    assert plan(_stamp(app), "dev", locks, "3.11") == "add"
    assert plan(_stamp(dev), "dev", locks, "3.11") == "ready"
    assert plan(_stamp(dev, python="3.12"), "dev", locks, "3.11") == "fresh"
    stamp = _stamp(dev)
    dev.write_text("# dev, refreshed\n", encoding="utf-8")
    assert plan(stamp, "dev", locks, "3.11") == "fresh"
    assert plan(stamp, "app", locks, "3.11") == "fresh", "a venv holds exactly one lock"


def test_a_damaged_stamp_means_a_fresh_install(tmp_path: Path) -> None:
    stamp = tmp_path / tasks.STAMP_NAME
    stamp.write_text("{not json", encoding="utf-8")
    assert tasks.Stamp.read(stamp) is None
    assert tasks.Stamp.read(tmp_path / "missing.json") is None
    written = tasks.Stamp("dev-py3.11.txt", "ab" * 32, "3.11", "cd" * 32)
    written.write(stamp)
    assert tasks.Stamp.read(stamp) == written


def test_the_latest_check_names_what_moved_since_the_lock() -> None:
    pins = tasks.locked_versions(tasks.lock_file("dev", "3.11"))
    locked_yaml = sorted(pins["pyyaml"])[0]
    frozen = (f"PyYAML=={locked_yaml}\npytest==999.0\nBrand_New.Package==1.0\n"
              "-e git+https://example.invalid/briefing#egg=briefing\n")
    assert tasks.newer_than_lock(frozen, pins) == [
        f"pytest: {', '.join(sorted(pins['pytest']))} -> 999.0",
        "brand-new-package: not in the lock -> 1.0"]


@pytest.mark.parametrize("verb", ["app", "test", "lock", "latest"])
def test_every_command_tells_an_old_python_what_to_do(verb: str, monkeypatch: pytest.MonkeyPatch,
                                                       capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setattr(sys, "version_info", (3, 10, 13, "final", 0))
    assert tasks.main([verb]) == 1
    assert capsys.readouterr().err.startswith("tasks.py: Briefing needs Python 3.11 or later")
