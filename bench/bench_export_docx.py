"""How fast a long reading pack is exported to Word, against pandoc on the same content.

Run from the project root: ``python bench/bench_export_docx.py [--sizes 2000 20000]``. For each
size it builds an outline whose reading pack has about that many blocks (headings, paragraphs,
bullets, notes with bold and italic), times ``export_briefing`` to .docx, and times pandoc
converting the same note, written as Markdown by our Markdown exporter, to .docx. Both are timed
end to end (pandoc includes its start-up, we include building the note from the outline), best
of a few runs, in the same process run, as wall-clock and as CPU time (the steadier figure on a
busy machine). The goal is at most 0.7x pandoc's time at both sizes.

A second run per size ("loops") exports the same reading pack through a template with Jinja:
the decision note's Word file (a table row per picked section, conditions, a date filter) with
the reading pack's parts. Its goal is at most 0.5x pandoc's time on the 2,000-block pack.
"""

from __future__ import annotations

import argparse
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from briefing.core.export.api import export_briefing
from briefing.core.export.document import BriefingDocument, build_document
from briefing.core.export.markdown_out import write_markdown
from briefing.core.model import (
    Article,
    Block,
    BlockKind,
    BriefingDetails,
    Outline,
    Section,
)
from briefing.core.templates import find_template

TEMPLATE = "reading-pack"
LOOPS_WORD = "decision-note"
NOTE = ("The **first** claim is *weaker* than it looks; the **budget** figure holds.\n\n"
        "- check the *annex*\n- ask the desk\n")
BLOCKS_PER_SECTION = 12
"""Heading, source line, 6 paragraphs, 2 bullets, and the note's paragraph and 2 bullets."""


def make_outline(blocks: int) -> Outline:
    """An outline whose reading pack has about ``blocks`` blocks."""
    sections = []
    for number in range(1, max(blocks // BLOCKS_PER_SECTION, 1) + 1):
        text = [Block(BlockKind.PARAGRAPH,
                      f"Paragraph {i} of part {number} weighs the options in some detail, "
                      "with the costs, the allies' views and the time each would take.")
                for i in range(6)]
        text += [Block(BlockKind.BULLET, f"Point {i} of part {number}.") for i in range(2)]
        sections.append(Section(id=f"s{number}", number=number, heading=f"Part {number}",
                                blocks=text, picked=True, note=NOTE))
    articles = [Article(title="A long report", author="A. Writer", publisher="Review",
                        date="2025-01-01", url="https://example.org/report",
                        sections=sections)]
    return Outline(title="Bench", articles=articles,
                   briefing=BriefingDetails(title="Bench note", template=TEMPLATE))


def loops_template(folder: Path) -> Path:
    """The decision note's Word file (loops and conditions) with the reading pack's parts."""
    builtin = find_template(TEMPLATE).docx_path.parent
    shutil.copy(builtin / f"{LOOPS_WORD}.docx", folder / "loops.docx")
    shutil.copy(builtin / f"{TEMPLATE}.yaml", folder / "loops.yaml")
    return folder / "loops.yaml"


def _cpu_seconds() -> float:
    """CPU time of this process and its finished children (pandoc runs as a child)."""
    own = time.process_time()
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return own + children.ru_utime + children.ru_stime


def best_times(runs: int, action: Callable[[], object]) -> tuple[float, float]:
    """The best wall-clock and the best CPU time of ``runs`` runs.

    On a shared, busy machine the CPU time is the steadier figure of the two.
    """
    walls, cpus = [], []
    for _ in range(runs):
        start, start_cpu = time.perf_counter(), _cpu_seconds()
        action()
        walls.append(time.perf_counter() - start)
        cpus.append(_cpu_seconds() - start_cpu)
    return min(walls), min(cpus)


def count_blocks(doc: BriefingDocument) -> int:
    return sum(1 for _ in doc.walk())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[2000, 20000])
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    pandoc = shutil.which("pandoc")
    if pandoc is None:
        print("pandoc not found (Debian package `pandoc`); printing our own figures only")
    spec = find_template(TEMPLATE)
    with tempfile.TemporaryDirectory() as work:
        folder = Path(work)
        loops = str(loops_template(folder))
        for size in args.sizes:
            outline = make_outline(size)
            doc = build_document(outline, spec)
            output = folder / f"note-{size}.docx"
            def ours_once(outline: Outline = outline, output: Path = output) -> None:
                export_briefing(outline, output, warn=lambda _: None)

            def loops_once(outline: Outline = outline, output: Path = output) -> None:
                export_briefing(outline, output, loops, warn=lambda _: None)

            ours, ours_cpu = best_times(args.runs, ours_once)
            with_loops, loops_cpu = best_times(args.runs, loops_once)
            line = (f"{count_blocks(doc):>6} blocks: Briefing {ours * 1000:6.0f} ms "
                    f"(CPU {ours_cpu * 1000:.0f}, {output.stat().st_size // 1024} KB), with "
                    f"loops {with_loops * 1000:6.0f} ms (CPU {loops_cpu * 1000:.0f})")
            if pandoc is not None:
                markdown = folder / f"note-{size}.md"
                markdown.write_text(write_markdown(doc), encoding="utf-8")
                target = folder / f"pandoc-{size}.docx"
                command = [pandoc, "-f", "markdown", "-t", "docx", "-o", str(target),
                           str(markdown)]

                def theirs_once(command: list[str] = command) -> None:
                    subprocess.run(command, check=True)

                theirs, theirs_cpu = best_times(args.runs, theirs_once)
                line += (f" | pandoc {theirs * 1000:6.0f} ms (CPU {theirs_cpu * 1000:.0f}) | "
                         f"ratio {ours / theirs:.2f}x, with loops {with_loops / theirs:.2f}x; "
                         f"CPU {ours_cpu / theirs_cpu:.2f}x, with loops "
                         f"{loops_cpu / theirs_cpu:.2f}x")
            print(line)


if __name__ == "__main__":
    main()
