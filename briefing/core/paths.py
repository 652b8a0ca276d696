"""Where Briefing keeps its own files: the bundled resources and the user's folders.

The user's folders follow the platform's conventions (platformdirs). ``BRIEFING_HOME``, when set,
puts them all under one folder instead (used by the tests and for a portable install). Folders are
created silently on first use.
"""

from __future__ import annotations

import os
from pathlib import Path

import platformdirs

APP_NAME = "Briefing"
PACKAGE_ROOT = Path(__file__).resolve().parent.parent
PROJECT_ROOT = PACKAGE_ROOT.parent
RESOURCES = PROJECT_ROOT / "resources"
BUILTIN_TEMPLATES = PROJECT_ROOT / "templates"
SAMPLE_OUTLINE = RESOURCES / "sample-outline.yaml"


def _home() -> Path | None:
    value = os.environ.get("BRIEFING_HOME")
    return Path(value) if value else None


def _ensure(folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def user_config_dir() -> Path:
    """Settings."""
    home = _home()
    return _ensure(home / "config" if home else
                   Path(platformdirs.user_config_dir(APP_NAME, appauthor=False)))


def user_data_dir() -> Path:
    """The user's own templates and recovery files."""
    home = _home()
    return _ensure(home / "data" if home else
                   Path(platformdirs.user_data_dir(APP_NAME, appauthor=False)))


def user_templates_dir() -> Path:
    """Templates the user adds; listed beside the built-in ones."""
    return _ensure(user_data_dir() / "templates")


def recovery_dir() -> Path:
    """Autosaved copies of unsaved work, offered for restore after a crash."""
    return _ensure(user_data_dir() / "recovery")
