"""CPU time of the window's background work after a large outline opens or changes: the
page fit and the word counts.

Run: ``.venv/bin/python bench/bench_counts.py [--runs N]``. Generates the outline of
``bench_gui.py`` (10,000 sections, 5,000 excerpts), saves and loads it as the app does, and
times, on copies made as the window makes them (``snapshot_outline(..., for_export=True)``):

- the page fit (``build_preview`` without the HTML, as while the Preview tab is hidden);
- the word counts right after it, on another copy of the same outline (``take_counts``), which
  reuse the page fit's build of the briefing;
- the word counts alone, building the briefing themselves (after an edit only they see, or a
  note longer than the Preview shows).

The figures are CPU time (``time.process_time``; a shared, loaded machine moves it far less
than the clock), median of the runs, with the cyclic collector paused as it is while the
app's background jobs run. While such a job runs the window's thread gets about half of the
interpreter, so this is how long typing is slowed after each edit.
"""

from __future__ import annotations

import argparse
import gc
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from bench_gui import _large_outline  # noqa: E402

from briefing.core.collector import paused_collection  # noqa: E402
from briefing.core.outline_file import load_outline, save_outline  # noqa: E402
from briefing.gui import shared_build  # noqa: E402
from briefing.gui.counts import note_texts, take_counts  # noqa: E402
from briefing.gui.preview_pane import build_preview, template_for  # noqa: E402
from briefing.gui.workers import snapshot_outline  # noqa: E402


def _cpu(work: Callable[..., object], *args: object, **kwargs: object) -> float:
    with paused_collection():
        started = time.process_time()
        work(*args, **kwargs)
        return time.process_time() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "large.briefing.yaml"
        save_outline(_large_outline(), path)
        outline = load_outline(path)
    gc.freeze()  # the window freezes the loaded outline too
    notes = note_texts(outline)
    fits, shared_counts, own_counts = [], [], []
    for _ in range(args.runs + 1):  # the first run loads the export modules: not counted
        shared_build.forget()
        first, second = (snapshot_outline(outline, for_export=True) for _ in range(2))
        fits.append(_cpu(build_preview, first, template_for, False, snapshot=True))
        shared_counts.append(_cpu(take_counts, second, None, notes=notes, snapshot=True))
        shared_build.forget()
        own_counts.append(_cpu(take_counts, second, None, notes=notes, snapshot=True))
    fit, shared, own = (statistics.median(times[1:])
                        for times in (fits, shared_counts, own_counts))
    print(f"Large outline, CPU time (median of {args.runs}):")
    print(f"  page fit                           {fit:5.2f} s")
    print(f"  word counts after it (shared)      {shared:5.2f} s")
    print(f"  both together                      {fit + shared:5.2f} s   target < 0.8 s")
    print(f"  word counts building on their own  {own:5.2f} s")


if __name__ == "__main__":
    main()
