"""The package's modules import each other without circles, counting every import.

Imports inside functions and under ``TYPE_CHECKING`` count too: they hide a circle from Python
but not from a reader, and one moved to the top level would break the program at start-up.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "briefing"


def module_name(path: Path) -> str:
    parts = path.relative_to(ROOT).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def imported_modules(path: Path, known: set[str]) -> set[str]:
    """The package's modules that ``path`` imports anywhere in its text."""
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names if alias.name in known)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            submodules = {f"{node.module}.{alias.name}" for alias in node.names}
            named = submodules & known
            found.update(named or ({node.module} & known))
    return found


def import_graph() -> dict[str, set[str]]:
    files = {module_name(path): path for path in PACKAGE.rglob("*.py")}
    known = set(files)
    return {name: imported_modules(path, known) - {name} for name, path in files.items()}


def find_circle(graph: dict[str, set[str]]) -> list[str] | None:
    """One circle of imports, as the modules along it, or None."""
    state: dict[str, int] = {}  # 1 while on the current path, 2 when done
    path: list[str] = []

    def visit(name: str) -> list[str] | None:
        state[name] = 1
        path.append(name)
        for target in sorted(graph.get(name, ())):
            if state.get(target) == 1:
                return [*path[path.index(target):], target]
            if target not in state:
                circle = visit(target)
                if circle:
                    return circle
        path.pop()
        state[name] = 2
        return None

    for name in sorted(graph):
        if name not in state:
            circle = visit(name)
            if circle:
                return circle
    return None


def test_the_package_has_no_import_circle() -> None:
    circle = find_circle(import_graph())
    assert circle is None, "import circle: " + " -> ".join(circle or [])


def test_the_circle_finder_finds_a_circle_hidden_in_a_function(tmp_path: Path) -> None:
    first = tmp_path / "first.py"
    first.write_text("import second\n", encoding="utf-8")
    second = tmp_path / "second.py"
    second.write_text("def later():\n    from first import value\n", encoding="utf-8")
    known = {"first", "second"}
    graph = {"first": imported_modules(first, known), "second": imported_modules(second, known)}
    assert find_circle(graph) == ["first", "second", "first"]


@pytest.mark.parametrize("module", ["briefing.gui", "briefing.cli"])
def test_the_gui_and_command_line_use_no_private_name_of_core(module: str) -> None:
    """Core's private names may change at will; the layers above use its public ones only."""
    files = [PACKAGE / "cli.py"] if module == "briefing.cli" else sorted(
        (PACKAGE / "gui").rglob("*.py"))
    private = []
    for path in files:
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and (node.module or "").startswith(
                    "briefing.core"):
                private += [f"{path.name}: {node.module}.{alias.name}" for alias in node.names
                            if alias.name.startswith("_")]
    assert private == []
