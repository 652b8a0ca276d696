"""How long each outline edit, its undo and its redo take in the window on a large outline.

Run: ``.venv/bin/python bench/bench_outline_edit.py [--runs N]`` (Qt offscreen; no display).

The window holds the generated 10,000-section outline of ``bench_gui.py``; each edit is made
through Edit → Outline's own code path (planned, pushed on the undo stack, the tree told of
each row change, the selection following, the reader and note shown afresh), then undone and
redone. Printed: the median time of each, and of moving the selection (which re-enables the
actions). Target: every figure at most 100 ms, so an edit never stalls the window. The live
preview and the word counts, which redraw on their own timers after any edit (typing too), are
left out: ``bench_gui.py`` times them.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

TARGET_MS = 100.0


def _ms(action: Callable[[], object]) -> float:
    """From the call to the window done with it (the tree laid out again and painted)."""
    from PySide6.QtWidgets import QApplication

    start = time.perf_counter()
    action()
    QApplication.processEvents()
    return (time.perf_counter() - start) * 1000


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    os.environ["BRIEFING_HOME"] = tempfile.mkdtemp(prefix="bench-edit-")
    from PySide6.QtWidgets import QApplication

    from bench.bench_gui import _large_outline
    from briefing.core import outline_edit as ops
    from briefing.gui.document import Document
    from briefing.gui.main_window import MainWindow

    app = QApplication.instance() or QApplication([])
    document = Document()
    document.replace(_large_outline(), None)
    window = MainWindow(document)
    window.show()
    app.processEvents()
    document.changed.disconnect(window.preview.schedule_refresh)
    document.changed.disconnect(window.word_counts.schedule_refresh)
    window.word_counts.schedule_refresh = lambda: None  # type: ignore[method-assign]
    outline = document.outline
    middle = outline.articles[len(outline.articles) // 2]
    top = middle.sections[10]
    sub = top.sections[1]
    row = outline.articles.index(middle)
    edits: dict[str, Callable[[], Any]] = {
        "rename": lambda: ops.plan_rename(outline, top.id, "Renamed"),
        "move down": lambda: ops.plan_move(outline, top.id, 1),
        "promote": lambda: ops.plan_promote(outline, sub.id),
        "demote": lambda: ops.plan_demote(outline, top.id),
        "split": lambda: ops.plan_split(outline, top.id, 1, "New part"),
        "merge": lambda: ops.plan_merge_next(outline, top.id),
        "make paragraph": lambda: ops.plan_make_paragraph(outline, sub.id),
        "delete section": lambda: ops.plan_delete_section(outline, top.id),
        "delete article": lambda: ops.plan_delete_article(outline, row),
    }
    sections = sum(1 for _ in outline.walk())
    print(f"Outline edits on {sections:,} sections in {len(outline.articles)} articles "
          f"(median of {args.runs}, ms; target <= {TARGET_MS:.0f}):")
    print(f"  {'edit':16} {'do':>7} {'undo':>7} {'redo':>7}")
    worst = 0.0
    stack = document.undo_stack
    for name, plan in edits.items():
        times: dict[str, list[float]] = {"do": [], "undo": [], "redo": []}
        for _ in range(args.runs):
            window.select_section(top.id)
            times["do"].append(_ms(lambda plan=plan: document.edit_outline(plan(), top.id, row)))
            times["undo"].append(_ms(stack.undo))
            times["redo"].append(_ms(stack.redo))
            stack.undo()
        medians = [statistics.median(times[key]) for key in ("do", "undo", "redo")]
        worst = max(worst, *medians)
        print(f"  {name:16} " + " ".join(f"{value:7.1f}" for value in medians))
    ids = [top.id, sub.id, middle.sections[-1].id]
    select = [_ms(lambda section_id=section_id: window.select_section(section_id))
              for _ in range(args.runs) for section_id in ids]
    print(f"  {'select a row':16} {statistics.median(select):7.1f}")
    worst = max(worst, statistics.median(select))
    print(f"Slowest: {worst:.1f} ms {'(ok)' if worst <= TARGET_MS else '(OVER TARGET)'}")
    document.undo_stack.setClean()
    window.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
