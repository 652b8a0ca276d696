"""How long one live-preview refresh takes: build_document + render_html, as on every keystroke.

Run: ``.venv/bin/python bench/bench_preview.py``. Prints the time per refresh for a note of about
10 and about 50 pages (by the page-fit estimate of the briefing-note template), and the share
taken by each step. The preview must stay well under 100 ms for 10 pages.
"""

from __future__ import annotations

import random
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from briefing.core.export.document import build_document
from briefing.core.export.html_out import render_html
from briefing.core.export.page_fit import estimate_pages
from briefing.core.model import (
    Article,
    Block,
    BlockKind,
    BriefingDetails,
    Outline,
    Section,
)
from briefing.core.templates import find_template

_VOCABULARY = ("alliance budget member forces defence policy council treaty summit flank "
               "capability target spending agreement leaders partner security deterrence "
               "strategy minister support pressure question review response planning industry "
               "the a of and to in on for with by that this will should could must more less")
WORDS = _VOCABULARY.split()


def _text(rng: random.Random, words: int) -> str:
    return " ".join(rng.choice(WORDS) for _ in range(words)).capitalize() + "."


def _section(rng: random.Random, number: int) -> Section:
    blocks = [Block(BlockKind.PARAGRAPH, _text(rng, rng.randint(40, 120))) for _ in range(3)]
    blocks += [Block(BlockKind.BULLET, _text(rng, 12)) for _ in range(3)]
    note = (f"**Why it matters:** {_text(rng, 30)}\n\n- {_text(rng, 10)}\n- *{_text(rng, 8)}*\n"
            f"    - [a link](https://example.org/{number})\n\n> {_text(rng, 20)}")
    return Section(id=f"s{number}", number=number, heading=f"Topic {number}", blocks=blocks,
                   picked=True, note=note, tags=["bench"])


def outline_of_pages(pages: float) -> tuple[Outline, float]:
    """An outline whose briefing note is about ``pages`` long, and its estimate."""
    rng = random.Random(int(pages))
    spec = find_template("briefing-note")
    article = Article(title="Benchmark article", author="A. Writer", publisher="Review",
                      date="2024-10-01", url="https://example.org/bench")
    outline = Outline(title="Bench", articles=[article], briefing=BriefingDetails(
        title="Benchmark note", to="Minister", from_="Unit", purpose=_text(rng, 30),
        summary=_text(rng, 60), recommendation=_text(rng, 30)))
    estimate = 0.0
    while estimate < pages:
        article.sections.append(_section(rng, len(article.sections) + 1))
        estimate = estimate_pages(build_document(outline, spec), spec)
    return outline, estimate


def time_refresh(outline: Outline, repeats: int) -> tuple[float, float, float]:
    """Median milliseconds of build_document, of render_html, and of both together."""
    spec = find_template("briefing-note")
    builds, renders, totals = [], [], []
    for _ in range(repeats):
        start = time.perf_counter()
        doc = build_document(outline, spec)
        built = time.perf_counter()
        render_html(doc, standalone=False)
        done = time.perf_counter()
        builds.append((built - start) * 1000)
        renders.append((done - built) * 1000)
        totals.append((done - start) * 1000)
    return statistics.median(builds), statistics.median(renders), statistics.median(totals)


def main() -> None:
    for pages, repeats in ((10, 30), (50, 10)):
        outline, estimate = outline_of_pages(pages)
        sections = len(outline.articles[0].sections)
        build, render, total = time_refresh(outline, repeats)
        print(f"{estimate:5.1f} pages ({sections} sections): {total:6.1f} ms per refresh "
              f"(build_document {build:.1f} ms, render_html {render:.1f} ms; "
              f"median of {repeats})")


if __name__ == "__main__":
    main()
