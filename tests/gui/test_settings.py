"""The app settings: typed values that survive a restart, and the recent-files list."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtWidgets import QSplitter, QWidget

from briefing.core import paths
from briefing.gui.settings import MAX_RECENT_FILES, AppSettings


def _files(folder: Path, count: int) -> list[Path]:
    result = []
    for number in range(count):
        file = folder / f"outline-{number}.yaml"
        file.write_text("title: x\n", encoding="utf-8")
        result.append(file)
    return result


def test_settings_live_in_an_ini_file_under_the_user_config_folder() -> None:
    settings = AppSettings()
    settings.preview_visible = False
    settings.sync()
    assert settings.file.parent == paths.user_config_dir()
    assert settings.file.is_file()
    assert "preview_visible=false" in settings.file.read_text(encoding="utf-8")


def test_typed_values_survive_a_restart(tmp_path: Path) -> None:
    settings = AppSettings()
    settings.preview_visible = False
    settings.open_when_done = False
    settings.export_format = ".html"
    settings.export_folder = str(tmp_path)
    settings.window_geometry = b"\x01\x02\x00geometry"
    settings.sync()

    again = AppSettings()
    assert again.preview_visible is False
    assert again.open_when_done is False
    assert again.export_format == ".html"
    assert again.export_folder == str(tmp_path)
    assert again.window_geometry == b"\x01\x02\x00geometry"


def test_defaults_before_anything_is_saved() -> None:
    settings = AppSettings()
    assert settings.recent_files == []
    assert settings.last_file is None
    assert settings.window_geometry == b""
    assert settings.window_state == b""
    assert settings.preview_visible is True
    assert settings.export_format == ".docx"
    assert settings.splitter_state("main") == b""


def test_a_hand_edited_bad_value_falls_back_to_the_default() -> None:
    settings = AppSettings()
    settings.sync()
    settings.file.write_text("[view]\npreview_visible=perhaps\n", encoding="utf-8")
    assert AppSettings().preview_visible is True


def test_recent_files_are_most_recent_first_without_duplicates(tmp_path: Path) -> None:
    first, second, third = _files(tmp_path, 3)
    settings = AppSettings()
    settings.add_recent(first)
    settings.add_recent(second)
    settings.add_recent(third)
    settings.add_recent(tmp_path / "sub" / ".." / first.name)  # the same file, another way
    assert settings.recent_files == [first.resolve(), third.resolve(), second.resolve()]
    assert settings.last_file == first.resolve()


def test_recent_files_keep_at_most_ten(tmp_path: Path) -> None:
    (tmp_path / "sub").mkdir()
    files = _files(tmp_path, MAX_RECENT_FILES + 3)
    settings = AppSettings()
    for file in files:
        settings.add_recent(file)
    recent = AppSettings().recent_files
    assert len(recent) == MAX_RECENT_FILES
    assert recent[0] == files[-1].resolve()
    assert files[0].resolve() not in recent


def test_a_single_recent_file_reads_back_as_a_list(tmp_path: Path) -> None:
    (only,) = _files(tmp_path, 1)
    AppSettings().add_recent(only)
    assert AppSettings().recent_files == [only.resolve()]


def test_missing_recent_files_are_pruned_on_read(tmp_path: Path) -> None:
    kept, gone = _files(tmp_path, 2)
    settings = AppSettings()
    settings.add_recent(kept)
    settings.add_recent(gone)
    gone.unlink()
    assert settings.recent_files == [kept.resolve()]
    assert settings.last_file is None
    gone.write_text("back again", encoding="utf-8")
    assert settings.recent_files == [kept.resolve()], "pruned entries stay pruned"


def test_remove_and_clear_recent(tmp_path: Path) -> None:
    first, second = _files(tmp_path, 2)
    settings = AppSettings()
    settings.add_recent(first)
    settings.add_recent(second)
    settings.remove_recent(second)
    assert settings.recent_files == [first.resolve()]
    assert settings.last_file is None
    settings.clear_recent()
    assert settings.recent_files == []


@pytest.mark.usefixtures("qapp")
def test_splitter_state_round_trips_through_a_real_splitter() -> None:
    splitter = QSplitter()
    for _ in range(3):
        splitter.addWidget(QWidget())
    splitter.resize(600, 200)
    splitter.setSizes([100, 300, 200])
    saved_sizes = splitter.sizes()
    settings = AppSettings()
    settings.set_splitter_state("main", splitter.saveState())
    settings.sync()

    restored = QSplitter()
    for _ in range(3):
        restored.addWidget(QWidget())
    restored.resize(600, 200)
    assert restored.restoreState(AppSettings().splitter_state("main"))
    assert restored.sizes() == saved_sizes
    assert saved_sizes[1] > saved_sizes[2] > saved_sizes[0]


def test_a_settings_folder_that_does_not_exist_yet_is_created_on_save(
        tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    file = tmp_path / "new machine" / "config" / "briefing.ini"
    settings = AppSettings(file)
    settings.export_format = ".pdf"
    settings.sync()
    assert file.is_file()
    assert AppSettings(file).export_format == ".pdf"
    assert "Could not save settings" not in caplog.text
