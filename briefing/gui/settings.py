"""The app's own settings: recent files, the last file, window layout and a few choices.

Usage::

    settings = AppSettings()               # INI file under paths.user_config_dir()
    settings.add_recent(path)              # most recent first, no duplicates, at most 10
    settings.recent_files                  # existing files only (missing ones are pruned)
    settings.window_geometry = bytes(window.saveGeometry())
    settings.set_splitter_state("main", bytes(splitter.saveState()))

Every setting is a typed property backed by one declared key, so a typo is an AttributeError,
not a silent default. The file is an INI file under the user's config folder (never the
platform registry), so tests and portable installs stay self-contained.
"""

from __future__ import annotations

import hashlib
import logging
from collections.abc import Callable
from pathlib import Path
from typing import Generic, TypeVar, overload

from PySide6.QtCore import QByteArray, QSettings

from briefing.core import paths

logger = logging.getLogger(__name__)

MAX_RECENT_FILES = 10
SETTINGS_FILE_NAME = "briefing.ini"

T = TypeVar("T")


def _to_bool(value: object, default: bool) -> bool:
    if isinstance(value, bool):
        return value
    if isinstance(value, str):
        lowered = value.strip().lower()
        if lowered in {"true", "1", "yes", "on"}:
            return True
        if lowered in {"false", "0", "no", "off"}:
            return False
    if isinstance(value, int):
        return bool(value)
    return default


def _to_str(value: object, default: str) -> str:
    return value if isinstance(value, str) else default


def _to_bytes(value: object, default: bytes) -> bytes:
    if isinstance(value, QByteArray):
        return bytes(value.data())
    if isinstance(value, bytes | bytearray):
        return bytes(value)
    return default


def _to_str_list(value: object, default: list[str]) -> list[str]:
    # QSettings returns a one-element list as a plain string and an empty list as None.
    if value is None:
        return list(default)
    if isinstance(value, str):
        return [value] if value else []
    if isinstance(value, list | tuple):
        return [item for item in value if isinstance(item, str) and item]
    return list(default)


class _Setting(Generic[T]):
    """A descriptor for one declared key with its type conversion and default."""

    def __init__(self, key: str, default: T, convert: Callable[[object, T], T],
                 store: Callable[[T], object] = lambda value: value) -> None:
        self.key = key
        self.default = default
        self._convert = convert
        self._store = store

    @overload
    def __get__(self, owner: None, owner_type: type) -> _Setting[T]: ...
    @overload
    def __get__(self, owner: AppSettings, owner_type: type) -> T: ...
    def __get__(self, owner: AppSettings | None, owner_type: type) -> T | _Setting[T]:
        if owner is None:
            return self
        return self._convert(owner.qsettings.value(self.key), self.default)

    def __set__(self, owner: AppSettings, value: T) -> None:
        owner.qsettings.setValue(self.key, self._store(value))


class AppSettings:
    """Typed access to Briefing's settings, stored in an INI file.

    ``file`` defaults to ``briefing.ini`` in :func:`paths.user_config_dir` (which honours
    ``BRIEFING_HOME``, as the tests do).
    """

    window_geometry = _Setting("window/geometry", b"", _to_bytes, QByteArray)
    """``QMainWindow.saveGeometry()``; empty before the first close."""
    window_state = _Setting("window/state", b"", _to_bytes, QByteArray)
    """``QMainWindow.saveState()`` (docks and toolbars); empty before the first close."""
    help_geometry = _Setting("window/help_geometry", b"", _to_bytes, QByteArray)
    """The user guide window's ``saveGeometry()``; empty before it was first closed."""
    preview_visible = _Setting("view/preview_visible", True, _to_bool)
    picked_only = _Setting("view/picked_only", False, _to_bool)
    side_by_side = _Setting("view/side_by_side", False, _to_bool)
    """The reader and the preview shown next to each other rather than as tabs."""
    distraction_free = _Setting("view/distraction_free", False, _to_bool)
    """Only the note editor shown (F11)."""
    current_section = _Setting("view/current_section", "", _to_str)
    """Id of the section selected in the last file when the app closed; reselected at start."""
    open_when_done = _Setting("export/open_when_done", True, _to_bool)
    export_format = _Setting("export/format", ".docx", _to_str)
    export_folder = _Setting("export/folder", "", _to_str)
    """The folder of the last export, offered first next time; empty for the user's documents."""
    import_folder = _Setting("import/folder", "", _to_str)
    """The folder of the last import, offered first next time."""
    spell_check = _Setting("spelling/enabled", True, _to_bool)
    """Whether misspelt words are underlined."""

    def __init__(self, file: Path | None = None) -> None:
        self.file = file if file is not None else paths.user_config_dir() / SETTINGS_FILE_NAME
        self.qsettings = QSettings(str(self.file), QSettings.Format.IniFormat)

    # Recent files and the last file -------------------------------------------------------

    @property
    def recent_files(self) -> list[Path]:
        """Recently opened or saved files, most recent first; files gone from disk are dropped."""
        stored = _to_str_list(self.qsettings.value("files/recent"), [])
        existing = [Path(name) for name in stored if Path(name).is_file()]
        if len(existing) != len(stored):
            self._store_recent(existing)
        return existing

    def add_recent(self, path: Path) -> None:
        """Put ``path`` first in the recent files, removing an older entry for the same file."""
        target = _normalise(path)
        others = [item for item in self._stored_recent() if _normalise(item) != target]
        self._store_recent([target, *others][:MAX_RECENT_FILES])
        self.last_file = target

    def remove_recent(self, path: Path) -> None:
        """Forget ``path`` (for example after it failed to open)."""
        target = _normalise(path)
        self._store_recent([item for item in self._stored_recent()
                            if _normalise(item) != target])
        if self.last_file is not None and _normalise(self.last_file) == target:
            self.last_file = None

    def clear_recent(self) -> None:
        self._store_recent([])

    @property
    def last_file(self) -> Path | None:
        """The file open when the app last closed, if it still exists; None on first run."""
        name = _to_str(self.qsettings.value("files/last"), "")
        if not name or not Path(name).is_file():
            return None
        return Path(name)

    @last_file.setter
    def last_file(self, path: Path | None) -> None:
        if path is None:
            self.qsettings.remove("files/last")
        else:
            self.qsettings.setValue("files/last", str(_normalise(path)))

    def _stored_recent(self) -> list[Path]:
        return [Path(name) for name in _to_str_list(self.qsettings.value("files/recent"), [])]

    def _store_recent(self, files: list[Path]) -> None:
        self.qsettings.setValue("files/recent", [str(item) for item in files])

    # Splitters --------------------------------------------------------------------------

    def splitter_state(self, name: str) -> bytes:
        """``QSplitter.saveState()`` stored under ``name``; empty if never saved."""
        return _to_bytes(self.qsettings.value(f"splitters/{name}"), b"")

    def set_splitter_state(self, name: str, state: bytes | QByteArray) -> None:
        self.qsettings.setValue(f"splitters/{name}", QByteArray(state))

    # Spelling language per outline file -------------------------------------------------

    def spelling_language(self, outline_file: Path) -> str:
        """The spelling language chosen for this outline file; empty when none was chosen."""
        return _to_str(self.qsettings.value(_language_key(outline_file)), "")

    def set_spelling_language(self, outline_file: Path, language: str) -> None:
        self.qsettings.setValue(_language_key(outline_file), language)

    # Storage ----------------------------------------------------------------------------

    def sync(self) -> None:
        """Write pending changes to disk now (Qt also does it on exit and periodically)."""
        self.qsettings.sync()
        if self.qsettings.status() != QSettings.Status.NoError:
            logger.warning("Could not save settings to %s (%s)", self.file,
                           self.qsettings.status().name)


def _language_key(outline_file: Path) -> str:
    """A settings key for one outline file (a hash: paths hold characters keys may not)."""
    digest = hashlib.sha256(str(_normalise(outline_file)).encode("utf-8")).hexdigest()[:20]
    return f"spelling/language-{digest}"


def _normalise(path: Path) -> Path:
    """An absolute path, so the same file reached two ways is listed once."""
    try:
        return path.expanduser().resolve()
    except OSError:
        return path.absolute()
