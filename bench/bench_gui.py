"""How fast the desktop app starts, opens a large outline, filters, previews and autosaves.

Run: ``.venv/bin/python bench/bench_gui.py [--runs N] [--large-only]`` (Qt offscreen; no
display needed). ``--large-only`` runs only what uses the large outline: opening, filtering,
autosaving, importing into it and exporting from it.

Each figure comes from a fresh process, as a user would start the app, in a private
``BRIEFING_HOME`` (so the first start opens the bundled sample):

- start-up: from launching Python to the main window shown with the sample loaded, the way
  ``python main.py`` does it, against a bare PySide6 window for comparison; the time to open
  the sample in the running app; and which heavy libraries (python-docx, trafilatura,
  markdown) were loaded by then (they should not be);
- a generated outline of 10,000 sections and 5,000 excerpts (~20 MB): launch to a usable
  window (the excerpts anchored and listed in the tree) on the clock and in CPU time, peak
  memory;
- the filter: each keystroke to the tree narrowed (including the debounce pause) and the
  filtering work alone, typed once the window has readied itself (the rows' search text, the
  page fit and the counts, all made in the background after opening), and for comparison
  typed at once as the window shows;
- the live preview of a 10-page note: one refresh, a keystroke to the preview updated, and
  the same typed into the note editor of the real window with the Preview tab showing;
- autosave of the large outline: the longest the window stalls while it writes;
- spell check on, typing in a note of about ten pages with the Preview tab showing: loading the
  word list (the longest stall while it loads), checking the whole note, the spell work per
  keystroke, keystroke to preview and the longest stall while typing;
- long work in the background on the large outline, once the window has readied itself:
  importing 40 text files and exporting a reading pack of its picked sections, each with the
  longest the window stalls (for the export
  also as it starts, while the outline is copied for it), and how soon
  Cancel stops an export while it writes (and that it leaves no file).

Targets (from the project's requirements) are printed beside each figure.
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

_VOCABULARY = ("alliance budget member forces defence policy council treaty summit flank "
               "capability target spending agreement leaders partner security deterrence "
               "strategy minister support pressure question review response planning industry "
               "logistics readiness the a of and to in on for with by that this will should "
               "could must more less")
_WORDS = _VOCABULARY.split()


# Children: each scenario runs in its own process and prints one JSON line ------------------


def _report(data: dict[str, Any]) -> None:
    print("BENCH " + json.dumps(data), flush=True)


def _peak_rss_mb() -> float:
    import resource
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak / 1024 if sys.platform != "darwin" else peak / 1024 / 1024


def _children_cpu_s() -> float:
    """CPU time of the processes this one started and waited for (the early parse)."""
    import resource
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def _heavy_modules() -> list[str]:
    return sorted(name for name in ("docx", "trafilatura", "markdown", "lxml")
                  if name in sys.modules)


def child_bare() -> None:
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication, QLabel, QMainWindow

    app = QApplication(sys.argv[:1])
    window = QMainWindow()
    window.setCentralWidget(QLabel("Hello"))
    window.resize(1200, 800)
    window.show()

    def shown() -> None:
        _report({"shown_at": time.time()})
        app.quit()

    QTimer.singleShot(0, shown)
    app.exec()


def _application() -> Any:
    """The application as ``run_app`` sets it up: garbage cycles collected between events."""
    from briefing.gui.app import create_application
    from briefing.gui.safe_collection import CollectionBetweenEvents

    app = create_application()
    CollectionBetweenEvents(app).start()
    return app


def child_app(path: str | None) -> None:
    """Start as ``python main.py [PATH]`` does, stopping once the window is up."""
    import briefing.cli  # noqa: F401  (what main.py imports first)
    from briefing.core.early_parse import start_early_parse

    early = start_early_parse(Path(path) if path else None, stream=True)  # as main.py does
    from PySide6.QtCore import QTimer

    from briefing.gui.app import start_window

    app = _application()
    window = start_window(Path(path) if path else None, early)
    outline = window.document.outline
    result: dict[str, Any] = {}

    def shown() -> None:
        result.update(shown_at=time.time(), cpu_s=time.process_time(),
                      parse_process_cpu_s=_children_cpu_s(), heavy=_heavy_modules(),
                      sections=sum(1 for _ in outline.walk()),
                      excerpts=sum(1 for _ in outline.excerpts()),
                      tree_rows=window.filter_model.rowCount(),
                      title=window.windowTitle())
        app.quit()

    QTimer.singleShot(0, shown)
    app.exec()
    if not path:
        started = time.perf_counter()
        window.open_sample()  # again, now that everything is loaded: the opening alone
        app.processEvents()
        result["open_sample_s"] = time.perf_counter() - started
    if path:
        result.update(_filter_latency(window, "early_"))  # typed as soon as it shows
        result.update(_wait_idle(window))
        result.update(_filter_latency(window))
        result.update(_autosave_stall(window))
    result["peak_rss_mb"] = _peak_rss_mb()
    window.autosaver.stop()
    window.document.undo_stack.setClean()
    _report(result)


def _wait_until(condition: Any, timeout: float = 10.0) -> None:
    from PySide6.QtCore import QCoreApplication, QEventLoop
    deadline = time.perf_counter() + timeout
    while not condition():
        if time.perf_counter() > deadline:
            raise TimeoutError("benchmark step did not finish")
        QCoreApplication.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 5)


def _wait_idle(window: Any) -> dict[str, Any]:
    """Wait until the window's own work after opening is done: the rows' search text, the
    page fit and the counts; returns how long that took."""
    from briefing.gui import workers

    started = time.perf_counter()
    _wait_until(lambda: window.outline_model.is_search_ready() and not workers._running
                and not window.word_counts.is_refresh_pending(), timeout=120)
    return {"idle_after_s": round(time.perf_counter() - started, 2)}


def _filter_latency(window: Any, prefix: str = "") -> dict[str, Any]:
    from PySide6.QtCore import QCoreApplication
    from PySide6.QtTest import QTest

    edit = window.filter_edit
    edit.setFocus()
    totals, work = [], []
    for word in ("capab", "zzz"):
        edit.clear()
        window.apply_filter()
        for letter in word:
            started = time.perf_counter()
            QTest.keyClicks(edit, letter)
            _wait_until(lambda: window.filter_model.filter_text == edit.text())
            QCoreApplication.processEvents()  # the repaint of the narrowed tree
            totals.append(time.perf_counter() - started)
            started = time.perf_counter()
            window.apply_filter()  # the same filtering again, timed alone
            work.append(time.perf_counter() - started)
    edit.clear()
    window.apply_filter()
    return {f"{prefix}filter_keystroke_ms": [round(value * 1000, 1) for value in totals],
            f"{prefix}filter_work_ms": [round(value * 1000, 1) for value in work]}


class _StallWatch:
    """The longest gap between 5 ms timer ticks: how long the window could not respond."""

    def __init__(self) -> None:
        from PySide6.QtCore import QTimer

        self.gaps: list[float] = []
        self._last = time.perf_counter()
        self._timer = QTimer()
        self._timer.setInterval(5)
        self._timer.timeout.connect(self._tick)

    def _tick(self) -> None:
        now = time.perf_counter()
        self.gaps.append(now - self._last)
        self._last = now

    def __enter__(self) -> _StallWatch:
        self._last = time.perf_counter()
        self._timer.start()
        return self

    def __exit__(self, *_exc: object) -> None:
        self._tick()
        self._timer.stop()

    @property
    def longest_ms(self) -> float:
        return round(max(self.gaps, default=0) * 1000, 1)


def _settle(seconds: float = 0.5) -> None:
    """Let an edit's own follow-up work (preview, tree) finish before measuring the next step."""
    settle = time.perf_counter() + seconds
    _wait_until(lambda: time.perf_counter() > settle)


def _autosave_stall(window: Any) -> dict[str, Any]:
    """How long the large outline takes to autosave, and the longest the window stalls."""
    saves: list[object] = []
    window.autosaver.saved.connect(saves.append)
    first = window.document.outline.articles[0].sections[0]
    window.document.set_note(first.id, first.note + " (edited for the benchmark)")
    _settle()
    started = time.perf_counter()
    with _StallWatch() as watch:
        window.autosaver.save_in_background()
        _wait_until(lambda: bool(saves), timeout=60)
    return {"autosave_s": round(time.perf_counter() - started, 2),
            "autosave_longest_stall_ms": watch.longest_ms}


def _write_articles(folder: Path, count: int) -> list[Path]:
    """Plain-text articles of about 2,500 words each: a title, a byline and headed sections."""
    rng = random.Random(11)
    files = []
    for number in range(1, count + 1):
        parts = [f"{_text(rng, 6).rstrip('.')} {number}", "", "By A. Writer", ""]
        for heading in range(1, 11):
            parts += [f"{heading}. {_text(rng, 4).rstrip('.')}", ""]
            parts += [line for _ in range(3) for line in (_text(rng, 80), "")]
        file = folder / f"article-{number:02}.txt"
        file.write_text("\n".join(parts), encoding="utf-8")
        files.append(file)
    return files


def _import_stall(window: Any, files: list[Path]) -> dict[str, Any]:
    """Import many files through the window (the confirm dialog accepted as shown)."""
    from PySide6.QtWidgets import QDialog

    from briefing.gui import import_dialog

    import_dialog.ImportDialog.exec = lambda _self: QDialog.DialogCode.Accepted  # type: ignore[method-assign]
    added: list[int] = []
    window.importer.finished.connect(added.append)
    _settle()
    started = time.perf_counter()
    with _StallWatch() as watch:
        window.importer.import_files(files)
        _wait_until(lambda: bool(added), timeout=120)
    return {"import_files": len(files), "import_added": added[0],
            "import_s": round(time.perf_counter() - started, 2),
            "import_longest_stall_ms": watch.longest_ms}


def _export_stall(window: Any, folder: Path) -> dict[str, Any]:
    """Export the picked sections of the large outline as a reading pack; then cancel one."""
    from briefing.gui.export_dialog import ExportRequest, export_in_background

    outcomes: list[object] = []
    output = folder / "reading-pack.docx"
    request = ExportRequest(output=output, format=".docx", template="reading-pack",
                            classification="", open_when_done=False)
    picked = len(window.document.outline.picked_in_order())
    _settle()
    started = time.perf_counter()
    begun: list[int] = []  # how many gaps the watch had seen as the job began to export
    with _StallWatch() as watch:
        first = export_in_background(window, window.document.outline, request,
                                     status=lambda _m: None, on_finished=outcomes.append,
                                     changed=window.document.changed)
        first.progressed.connect(lambda *_args: begun.append(len(watch.gaps)))
        _wait_until(lambda: bool(outcomes), timeout=300)
    took = time.perf_counter() - started
    # Until then the outline was being copied for the job (the gap under way included).
    start_stall = max(watch.gaps[:begun[0] + 1] if begun else watch.gaps, default=0)
    size_kb = output.stat().st_size / 1024 if output.exists() else 0.0

    cancelled_output = folder / "cancelled.docx"
    outcomes.clear()
    started_writing: list[int] = []
    handle = export_in_background(window, window.document.outline,
                                  dataclasses.replace(request, output=cancelled_output),
                                  status=lambda _m: None, on_finished=outcomes.append,
                                  changed=window.document.changed)
    handle.progressed.connect(lambda *_args: started_writing.append(1))
    # Cancel as soon as the job says it is exporting: while the note is built and written.
    _wait_until(lambda: bool(started_writing) or bool(outcomes))
    cancel_at = time.perf_counter()
    handle.cancel()
    _wait_until(lambda: bool(outcomes), timeout=300)
    return {"export_picked": picked, "export_s": round(took, 2), "export_kb": round(size_kb),
            "export_longest_stall_ms": watch.longest_ms,
            "export_start_stall_ms": round(start_stall * 1000, 1),
            "export_cancel_s": round(time.perf_counter() - cancel_at, 2),
            "export_cancel_outcome": handle.outcome,
            "export_cancel_left_file": cancelled_output.exists()}


def child_jobs(path: str) -> None:
    """Import many files into the large outline and export a long reading pack from it."""
    from briefing.gui.app import start_window

    _application()
    window = start_window(Path(path))
    _wait_idle(window)  # a user imports into a window that has readied itself,
    _wait_until(window.spelling.is_ready, timeout=60)  # its word list loaded too
    folder = Path(path).parent / "job-files"
    folder.mkdir()
    result = _import_stall(window, _write_articles(folder, 40))
    result.update(_export_stall(window, folder))
    result["peak_rss_mb"] = _peak_rss_mb()
    window.autosaver.stop()
    window.document.undo_stack.setClean()
    _report(result)


def child_window_preview(path: str) -> None:
    """Type in the note editor of the real window and wait for the preview tab to update."""
    from PySide6.QtTest import QTest

    from briefing.gui.app import start_window

    _application()
    window = start_window(Path(path))
    window.centre_tabs.setCurrentWidget(window.preview)
    first = window.document.outline.articles[0].sections[0]
    window.select_section(first.id)
    editor = window.note_editor.editor
    editor.setFocus()
    refreshed: list[bool] = []
    window.preview.refreshed.connect(lambda: refreshed.append(True))
    _settle()
    keystrokes = []
    for letter in "typing":
        refreshed.clear()
        started = time.perf_counter()
        QTest.keyClicks(editor, letter)
        _wait_until(lambda: bool(refreshed))
        keystrokes.append(time.perf_counter() - started)
        _settle(0.05)
    result = {"fit": window.preview.fit_text(),
              "window_keystroke_ms": [round(value * 1000, 1) for value in keystrokes]}
    window.autosaver.stop()
    window.document.undo_stack.setClean()
    _report(result)


def child_spell_typing(path: str, check: str) -> None:
    """Type into a long note with spell check on (or off) and the Preview tab showing."""
    from PySide6.QtCore import QCoreApplication
    from PySide6.QtTest import QTest

    from briefing.gui.app import start_window

    _application()
    window = start_window(Path(path))
    window.centre_tabs.setCurrentWidget(window.preview)
    _wait_until(window.spelling.is_ready, timeout=60)
    _settle(1.0)
    started = time.perf_counter()
    with _StallWatch() as loading:  # another language's word list, loaded while the app idles
        window.spelling.set_language("de")
        _wait_until(window.spelling.is_ready, timeout=60)
    load_s = time.perf_counter() - started
    window.spelling.set_language("en")
    window.spelling.set_enabled(check == "on")
    first = window.document.outline.articles[0].sections[0]
    window.select_section(first.id)
    editor = window.note_editor.editor
    highlighter = window.spelling.highlighter(editor)
    assert highlighter is not None
    started = time.perf_counter()
    highlighter.rehighlight()
    whole_cold = time.perf_counter() - started
    started = time.perf_counter()
    highlighter.rehighlight()
    whole_warm = time.perf_counter() - started
    editor.setFocus()
    editor.moveCursor(editor.textCursor().MoveOperation.End)
    refreshed: list[bool] = []
    window.preview.refreshed.connect(lambda: refreshed.append(True))
    _settle()
    keystrokes, block_checks = [], []
    with _StallWatch() as typing:
        for letter in " typing a wrd or twoo":
            refreshed.clear()
            started = time.perf_counter()
            QTest.keyClicks(editor, letter)
            _wait_until(lambda: bool(refreshed))
            QCoreApplication.processEvents()
            keystrokes.append(time.perf_counter() - started)
            started = time.perf_counter()
            highlighter.rehighlightBlock(editor.textCursor().block())  # the same check, alone
            block_checks.append(time.perf_counter() - started)
            _settle(0.05)
    result = {"fit": window.preview.fit_text(), "words": len(editor.toPlainText().split()),
              "misspelt": len(window.spelling.checker.misspelt(editor.toPlainText())),
              "load_s": round(load_s, 2), "load_longest_stall_ms": loading.longest_ms,
              "whole_note_cold_ms": round(whole_cold * 1000, 1),
              "whole_note_warm_ms": round(whole_warm * 1000, 1),
              "block_check_ms": [round(value * 1000, 2) for value in block_checks],
              "keystroke_ms": [round(value * 1000, 1) for value in keystrokes],
              "typing_longest_stall_ms": typing.longest_ms}
    window.autosaver.stop()
    window.document.undo_stack.setClean()
    _report(result)


def child_preview(pages: float) -> None:
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    from briefing.gui.preview_pane import PreviewPane

    app = QApplication(sys.argv[:1])
    outline = _outline_for_pages(pages)
    pane = PreviewPane(lambda: outline)
    pane.resize(800, 900)
    pane.show()
    pane.refresh_now()  # first refresh loads the export modules
    refreshes = []
    for round_number in range(10):
        outline.articles[0].sections[0].note = f"Edited {round_number}"
        started = time.perf_counter()
        pane.refresh_now()
        refreshes.append(time.perf_counter() - started)
    keystrokes = []
    done: list[bool] = []
    pane.refreshed.connect(lambda: done.append(True))
    for round_number in range(5):
        done.clear()
        outline.articles[0].sections[0].note = f"Typed {round_number}"
        started = time.perf_counter()
        pane.schedule_refresh()
        _wait_until(lambda: bool(done))
        keystrokes.append(time.perf_counter() - started)
    QTimer.singleShot(0, app.quit)
    app.exec()
    _report({"fit": pane.fit_text(),
             "preview_refresh_ms": round(statistics.median(refreshes) * 1000, 1),
             "preview_keystroke_ms": round(statistics.median(keystrokes) * 1000, 1)})


# Generated outlines -----------------------------------------------------------------------


def _text(rng: random.Random, words: int) -> str:
    return " ".join(rng.choice(_WORDS) for _ in range(words)).capitalize() + "."


def _large_outline(sections: int = 10_000, excerpts: int = 5_000) -> Any:
    from briefing.core.anchoring import make_anchor
    from briefing.core.model import (
        Article,
        Block,
        BlockKind,
        BriefingDetails,
        Excerpt,
        Outline,
        Section,
    )

    rng = random.Random(7)
    articles: list[Article] = []
    made = 0
    while made < sections:
        article = Article(title=f"Report {len(articles) + 1}", author="A. Writer",
                          publisher="Review", date="2025-01-01")
        for top in range(1, 51):
            if made >= sections:
                break
            section = Section(id=f"s{made + 1}", heading=f"{rng.choice(_WORDS).title()} {top}",
                              number=top, blocks=[Block(BlockKind.PARAGRAPH, _text(rng, 80))
                                                  for _ in range(3)])
            made += 1
            for _sub in range(3):
                if made >= sections:
                    break
                section.sections.append(Section(
                    id=f"s{made + 1}", heading=_text(rng, 3).rstrip("."),
                    blocks=[Block(BlockKind.PARAGRAPH, _text(rng, 80)) for _ in range(3)],
                    note=_text(rng, 12) if made % 10 == 0 else "",
                    picked=made % 50 == 0))
                made += 1
            article.sections.append(section)
        articles.append(article)
    every = max(1, sections // excerpts) if excerpts else 0
    made = 0
    for article in articles:
        for index, section in enumerate(article.walk()):
            if not every or index % every or made >= excerpts:
                continue
            start = section.blocks[0].text.index(" ", 20) + 1
            made += 1
            article.excerpts.append(Excerpt(
                f"e{made}", make_anchor(section, start, start + 120),
                note=_text(rng, 10) if made % 5 == 0 else ""))
    outline = Outline(title="Large outline", articles=articles,
                      briefing=BriefingDetails(title="Large note", template="reading-pack"))
    outline.sync_order()
    return outline


def _outline_for_pages(pages: float) -> Any:
    from briefing.core.export.document import build_document
    from briefing.core.export.page_fit import estimate_pages
    from briefing.core.model import Article, Block, BlockKind, BriefingDetails, Outline, Section
    from briefing.core.templates import find_template

    rng = random.Random(3)
    spec = find_template("briefing-note")
    article = Article(title="Benchmark article", author="A. Writer", date="2025-01-01")
    outline = Outline(title="Bench", articles=[article],
                      briefing=BriefingDetails(title="Benchmark note", purpose=_text(rng, 30)))
    number = 0
    while estimate_pages(build_document(outline, spec), spec) < pages:
        number += 1
        article.sections.append(Section(
            id=f"s{number}", heading=f"Topic {number}", number=number, picked=True,
            blocks=[Block(BlockKind.PARAGRAPH, _text(rng, 90)) for _ in range(2)],
            note=f"**Why:** {_text(rng, 25)}\n\n- {_text(rng, 8)}"))
    outline.sync_order()
    return outline


def _outline_with_long_note(words: int = 4_500) -> Any:
    """One picked section whose note alone is about ten pages, with a few misspelt words."""
    from briefing.core.model import Article, Block, BlockKind, BriefingDetails, Outline, Section

    rng = random.Random(11)
    paragraphs = []
    for number in range(words // 90):
        text = _text(rng, 90)
        if number % 3 == 0:
            text = text.replace(" budget ", " budgett ", 1).replace(" policy ", " polcy ", 1)
        paragraphs.append(text)
    article = Article(title="Benchmark article", author="A. Writer", date="2025-01-01",
                      sections=[Section(id="s1", heading="Topic", number=1, picked=True,
                                        blocks=[Block(BlockKind.PARAGRAPH, _text(rng, 60))],
                                        note="\n\n".join(paragraphs))])
    outline = Outline(title="Bench", articles=[article],
                      briefing=BriefingDetails(title="Benchmark note"))
    outline.sync_order()
    return outline


# The parent: run the children and print the figures ------------------------------------------


def _run_child(args: list[str], home: Path) -> tuple[dict[str, Any], float]:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "BRIEFING_HOME": str(home)}
    started = time.time()
    done = subprocess.run([sys.executable, str(Path(__file__).resolve()), "--child", *args],
                          env=env, capture_output=True, text=True, timeout=300, check=False,
                          cwd=ROOT)
    lines = [line for line in done.stdout.splitlines() if line.startswith("BENCH ")]
    if done.returncode != 0 or not lines:
        raise SystemExit(f"benchmark child {args} failed:\n{done.stdout}\n{done.stderr}")
    return json.loads(lines[-1][6:]), started


def _fresh_home(parent: Path, name: str) -> Path:
    home = parent / name
    home.mkdir()
    return home


def _mark(ok: bool) -> str:
    return "ok" if ok else "OVER TARGET"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3, help="start-up runs to take the median of")
    parser.add_argument("--large-only", action="store_true",
                        help="only the large outline: opening, filtering, importing into it "
                             "and exporting from it")
    parser.add_argument("--excerpts", type=int, default=5_000,
                        help="excerpts in the large outline (0 to compare without)")
    parser.add_argument("--child", nargs="+", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        kind, *rest = args.child
        if kind == "bare":
            child_bare()
        elif kind == "app":
            child_app(rest[0] if rest else None)
        elif kind == "jobs":
            child_jobs(rest[0])
        elif kind == "window-preview":
            child_window_preview(rest[0])
        elif kind == "preview":
            child_preview(float(rest[0]))
        elif kind == "spell-typing":
            child_spell_typing(rest[0], rest[1])
        return 0

    with tempfile.TemporaryDirectory(prefix="briefing-bench-") as temp:
        folder = Path(temp)
        large_file = _bench_large(folder, args.excerpts)
        _bench_jobs(folder, large_file)
        if not args.large_only:
            _bench_the_rest(folder, large_file, args.runs)
            _bench_spelling(folder)
    return 0


def _bench_large(folder: Path, excerpts: int) -> Path:
    """Open the large outline in the app and filter it; returns the file for the other runs."""
    from briefing.core.outline_file import save_outline
    large_file = folder / "large-outline.yaml"
    outline = _large_outline(excerpts=excerpts)
    save_outline(outline, large_file)
    size_mb = large_file.stat().st_size / 1024 / 1024
    data, started = _run_child(["app", str(large_file)], _fresh_home(folder, "large"))
    open_s = data["shown_at"] - started
    print(f"Large outline ({data['sections']:,} sections, {data['excerpts']:,} excerpts, "
          f"{size_mb:.1f} MB):")
    # The CPU time beside it is what the child process itself spent (interpreter start
    # included): on a shared, loaded machine it moves far less than the time on the clock.
    # The file is parsed in a second process while the window is built: its CPU is apart.
    print(f"  launch to a usable window  {open_s:6.2f} s   target <= 2 s    "
          f"{_mark(open_s <= 2)}   (CPU {data['cpu_s']:.2f} s, and "
          f"{data['parse_process_cpu_s']:.2f} s in the process parsing the file meanwhile)")
    print(f"  peak memory                {data['peak_rss_mb']:6.0f} MB  target < 400 MB  "
          f"{_mark(data['peak_rss_mb'] < 400)}")
    early = data["early_filter_keystroke_ms"]
    print(f"  filter typed at once       median {statistics.median(early):5.1f} ms, "
          f"worst {max(early):5.1f} ms   target <= 100 ms  {_mark(max(early) <= 100)}   "
          "(while the window still readies itself, below)")
    print(f"  then {data['idle_after_s']:.2f} s more until the search text, page fit and counts "
          "were made")
    keystrokes = data["filter_keystroke_ms"]
    worst = max(keystrokes)
    print(f"  filter, keystroke to tree  median {statistics.median(keystrokes):5.1f} ms, "
          f"worst {worst:5.1f} ms   target <= 100 ms  {_mark(worst <= 100)}")
    work = data["filter_work_ms"]
    print(f"  filter work alone          median {statistics.median(work):5.1f} ms, "
          f"worst {max(work):5.1f} ms  (the rest is the debounce pause and repaint)")
    print(f"  autosave in the background {data['autosave_s']:6.2f} s,  longest window stall "
          f"{data['autosave_longest_stall_ms']:.0f} ms   target <= 100 ms  "
          f"{_mark(data['autosave_longest_stall_ms'] <= 100)}")
    return large_file


def _bench_jobs(folder: Path, large_file: Path) -> None:
    """Long work in the background on the large outline: importing, exporting."""
    data, _ = _run_child(["jobs", str(large_file)], _fresh_home(folder, "jobs"))
    print(f"\nLong work in the background, on the large outline (peak memory "
          f"{data['peak_rss_mb']:.0f} MB):")
    print(f"  import {data['import_files']} text files      {data['import_s']:6.2f} s,  "
          f"longest window stall {data['import_longest_stall_ms']:.0f} ms   target <= 100 ms  "
          f"{_mark(data['import_longest_stall_ms'] <= 100)}  ({data['import_added']} added)")
    print(f"  export a reading pack      {data['export_s']:6.2f} s,  "
          f"longest window stall {data['export_longest_stall_ms']:.0f} ms   target <= 100 ms  "
          f"{_mark(data['export_longest_stall_ms'] <= 100)}  ({data['export_picked']} "
          f"sections, {data['export_kb']} KB .docx)")
    print(f"    of which as it starts (the outline copied for it): longest stall "
          f"{data['export_start_stall_ms']:.0f} ms")
    left = "a file was left" if data["export_cancel_left_file"] else "no file left"
    print(f"  cancel while exporting     {data['export_cancel_s']:6.2f} s from Cancel to "
          f"stopped ({data['export_cancel_outcome']}, {left})")


def _bench_the_rest(folder: Path, large_file: Path, runs: int) -> None:
    """Start-up and the live preview."""
    from briefing.core.outline_file import save_outline
    bare, app, open_sample = [], [], []
    heavy: list[str] = []
    for run in range(runs):
        data, started = _run_child(["bare"], _fresh_home(folder, f"bare{run}"))
        bare.append(data["shown_at"] - started)
        data, started = _run_child(["app"], _fresh_home(folder, f"app{run}"))
        app.append(data["shown_at"] - started)
        heavy = data["heavy"]
        sample = data
        open_sample.append(data["open_sample_s"])
    bare_s, app_s = statistics.median(bare), statistics.median(app)
    print(f"\nStart-up to the window shown (median of {runs}, from launching Python):")
    print(f"  bare PySide6 window        {bare_s:6.2f} s")
    print(f"  Briefing with the sample   {app_s:6.2f} s   target <= 0.8 s  "
          f"{_mark(app_s <= 0.8)}   ({app_s / bare_s:.1f}x the bare window, "
          f"+{app_s - bare_s:.2f} s)")
    print(f"  opening the sample alone   {statistics.median(open_sample):6.2f} s   "
          "(in the running app)")
    print(f"  sample: {sample['sections']} sections, {sample['tree_rows']} articles in the "
          f"tree; heavy libraries loaded at start: {', '.join(heavy) or 'none'}")


    data, _ = _run_child(["preview", "10"], _fresh_home(folder, "preview"))
    print(f"\nLive preview of a {data['fit']} note:")
    print(f"  one refresh                {data['preview_refresh_ms']:6.1f} ms")
    print(f"  keystroke to preview       {data['preview_keystroke_ms']:6.1f} ms   "
          f"target <= 100 ms  {_mark(data['preview_keystroke_ms'] <= 100)}")
    ten_pages = folder / "ten-pages.yaml"
    save_outline(_outline_for_pages(10), ten_pages)
    data, _ = _run_child(["window-preview", str(ten_pages)], _fresh_home(folder, "typing"))
    typed = data["window_keystroke_ms"]
    print(f"  typing a note in the window, keystroke to preview tab updated: median "
          f"{statistics.median(typed):5.1f} ms, worst {max(typed):5.1f} ms   "
          f"target <= 100 ms  {_mark(max(typed) <= 100)}")


def _bench_spelling(folder: Path) -> None:
    """Typing in a long note with spell check on, then off, with the preview showing."""
    from briefing.core.outline_file import save_outline
    long_note = folder / "long-note.yaml"
    save_outline(_outline_with_long_note(), long_note)
    data, _ = _run_child(["spell-typing", str(long_note), "on"],
                         _fresh_home(folder, "spelling"))
    off, _ = _run_child(["spell-typing", str(long_note), "off"],
                        _fresh_home(folder, "no-spelling"))
    checks, typed = data["block_check_ms"], data["keystroke_ms"]
    print(f"\nSpell check on, typing in a {data['words']:,}-word note ({data['fit']}, "
          f"{data['misspelt']} misspelt words), Preview tab showing:")
    print(f"  a word list loaded in the background {data['load_s']:5.2f} s,  longest window "
          f"stall {data['load_longest_stall_ms']:.0f} ms   target <= 100 ms  "
          f"{_mark(data['load_longest_stall_ms'] <= 100)}")
    print(f"  checking the whole note    {data['whole_note_cold_ms']:6.1f} ms first time, "
          f"{data['whole_note_warm_ms']:.1f} ms again (on opening it or changing language)")
    print(f"  spell work per keystroke   median {statistics.median(checks):5.2f} ms, worst "
          f"{max(checks):5.2f} ms   target <= 10 ms  {_mark(max(checks) <= 10)}")
    print(f"  keystroke to preview       median {statistics.median(typed):5.1f} ms, worst "
          f"{max(typed):5.1f} ms   target <= 100 ms  {_mark(max(typed) <= 100)}")
    print(f"  longest window stall while typing {data['typing_longest_stall_ms']:.0f} ms   "
          f"target <= 100 ms  {_mark(data['typing_longest_stall_ms'] <= 100)}")
    print(f"  the same with spell check off: keystroke to preview median "
          f"{statistics.median(off['keystroke_ms']):5.1f} ms, worst "
          f"{max(off['keystroke_ms']):5.1f} ms; longest stall "
          f"{off['typing_longest_stall_ms']:.0f} ms")


if __name__ == "__main__":
    sys.exit(main())
