"""Seconds to import large saved pages of three shapes, at N and 2N, through the saved-page path.

Run with ``python bench/bench_page_import.py [N]`` (default 10,000). Each shape is timed at N
and 2N blocks; a ratio near 2 means the time grows in step with the page. The shapes are those
that once made the import superlinear:

* ``flat``: N one-word paragraphs in an ``<article>``;
* ``unclosed``: an article page (headline, sections of paragraphs, footer) with every closing
  tag in its body taken out, so the parser nests each section inside the one before;
* ``divs``: N/12 sentences each opened by a ``<div>`` that is never closed (nested N/12 deep,
  kept below the parser's nesting limit).
"""

from __future__ import annotations

import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from briefing.core.importers import import_article

WORDS = ["harbour", "ferry", "council", "tide", "budget", "pier", "route", "fleet", "vote",
         "plan", "storm", "levy", "quay", "crew", "board", "season"]
MAX_DIVS = 1_900
"""The deepest nesting of the ``divs`` shape (below the 2,000 levels a page may reach)."""


def sentence(index: int, words: int = 14) -> str:
    """A sentence of invented report words that differs from its neighbours."""
    picked = [WORDS[(index * 7 + step * 3 + step * step) % len(WORDS)] for step in range(words)]
    return f"{picked[0].capitalize()} {' '.join(picked[1:])} {index}."


def flat_page(blocks: int) -> str:
    """A page of ``blocks`` one-word paragraphs."""
    body = "\n".join(f"<p>{WORDS[index % len(WORDS)]}</p>" for index in range(blocks))
    return ("<html><head><title>Flat page</title></head><body><article><h1>Flat page</h1>\n"
            f"{body}\n</article></body></html>")


def unclosed_page(blocks: int) -> str:
    """An article page of about ``blocks`` paragraphs with every closing tag in its body
    removed: each section opens a ``<div>`` that the next section's ``<div>`` nests in."""
    parts = ["<html><head><title>Open page - Harbour Review</title></head><body>",
             '<div class="story"><h1>Open page']
    for index in range(blocks):
        if index % 12 == 0:
            parts.append(f'<div class="section"><h2>Section {index // 12 + 1} of the plan')
        parts.append(f"<p>{sentence(index)}")
    parts.append("<footer><p>Copyright Harbour Review")
    return "\n".join(parts)


def nested_divs_page(blocks: int) -> str:
    """A page of ``blocks`` // 12 sentences (at most :data:`MAX_DIVS`), each opening a ``<div>``
    that is never closed."""
    count = min(max(blocks // 12, 1), MAX_DIVS)
    body = "\n".join(f"<div>{sentence(index, 18)}" for index in range(count))
    return f"<html><head><title>Deep page</title></head><body><h1>Deep page</h1>\n{body}"


SHAPES: dict[str, Callable[[int], str]] = {
    "flat": flat_page, "unclosed": unclosed_page, "divs": nested_divs_page}


def seconds_to_import(html: str, folder: Path) -> float:
    """CPU seconds to import ``html`` saved as a page."""
    path = folder / "page.html"
    path.write_text(html, encoding="utf-8")
    start = time.process_time()
    import_article(path)
    return time.process_time() - start


def main() -> None:
    blocks = int(sys.argv[1]) if len(sys.argv) > 1 else 10_000
    with tempfile.TemporaryDirectory() as folder:
        seconds_to_import(flat_page(100), Path(folder))  # load the extractor once, untimed
        print(f"{'shape':<10}{'N':>8}{'KB':>8}{'s':>8}{'2N':>8}{'KB':>8}{'s':>8}{'ratio':>8}")
        for name, shape in SHAPES.items():
            small, large = shape(blocks), shape(2 * blocks)
            first = seconds_to_import(small, Path(folder))
            second = seconds_to_import(large, Path(folder))
            ratio = second / first if first else float("nan")
            print(f"{name:<10}{blocks:>8}{len(small) // 1024:>8}{first:>8.2f}"
                  f"{2 * blocks:>8}{len(large) // 1024:>8}{second:>8.2f}{ratio:>8.2f}")


if __name__ == "__main__":
    main()
