"""The heading model check prints held-out figures per dataset, and says when a folder is empty."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType

import pytest

SCRIPT = Path(__file__).resolve().parents[1] / "bench" / "heading_model_check.py"

PARAGRAPH = ("The harbour board met on Tuesday to agree the budget for the coming storm season, "
             "and the vote was closer than expected.")


def _script(monkeypatch: pytest.MonkeyPatch) -> ModuleType:
    spec = importlib.util.spec_from_file_location("heading_model_check", SCRIPT)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    monkeypatch.setitem(sys.modules, spec.name, module)  # its dataclasses look themselves up
    spec.loader.exec_module(module)
    return module


def _article(folder: Path, name: str, headings: list[str]) -> None:
    lines = ["Harbour Towns Agree a Storm Plan", PARAGRAPH]
    for heading in headings:
        lines += [heading, PARAGRAPH]
    (folder / f"{name}.txt").write_text("\n\n".join(lines) + "\n", "utf-8")
    gold = "headings:\n" + "".join(f"- text: {heading}\n  level: 1\n" for heading in headings)
    (folder / f"{name}.gold.yaml").write_text(gold if headings else "headings: []\n", "utf-8")


def _run(monkeypatch: pytest.MonkeyPatch, *arguments: str) -> None:
    monkeypatch.setattr(sys, "argv", ["heading_model_check.py", *arguments])
    _script(monkeypatch).main()


def test_figures_are_held_out_by_dataset(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                         capsys: pytest.CaptureFixture[str]) -> None:
    _article(tmp_path, "aa-one", ["Funding the Sea Wall", "Who Pays"])
    _article(tmp_path, "aa-two", [])
    _article(tmp_path, "bb-one", ["The Ferry Timetable"])
    _run(monkeypatch, str(tmp_path))
    out = capsys.readouterr().out
    assert "3 articles; held out by dataset (aa, bb)" in out
    assert "aa (2 articles)" in out and "bb (1 articles)" in out
    # The rules find every heading of these plain articles and invent none.
    assert out.count("rules                 F1 1.000  P 1.000  R 1.000  invented in 0") == 2


def test_folder_without_articles_is_a_clear_error(tmp_path: Path,
                                                   monkeypatch: pytest.MonkeyPatch,
                                                   capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "lonely.txt").write_text("No gold beside me.\n", "utf-8")
    with pytest.raises(SystemExit) as stopped:
        _run(monkeypatch, str(tmp_path))
    assert stopped.value.code == 2
    assert f"{tmp_path}: no NAME.txt with a NAME.gold.yaml beside it" in capsys.readouterr().err
