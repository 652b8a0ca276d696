"""Import quality on the development corpus, next to the corpus's reference tools.

Every article of the corpus is imported through Briefing's own import path
(:func:`briefing.core.importers.import_article`) in three forms — the copied text (``NAME.txt``),
the saved page (``NAME.html``) and the clipboard HTML of a browser copy (``NAME.fragment.html``) —
and scored with the corpus's own ``score.py``. The summary figures are printed beside those of the
plain reference tools that the corpus README gives, with the ratio, and beside the targets the
importers are held to. The two reference articles (the seeds) are scored too: they must stay
perfect.

    python bench/bench_import_quality.py [--devset DIR] [--mode text|page|fragment|seeds ...]
                                         [--articles SUBSTRING] [--per-article] [--keep DIR]
                                         [--shape browser|single-newline|hard-wrapped
                                                  |hard-wrapped-single-newline]

The corpus is read from ``../shared/devset`` beside the repository unless ``--devset`` names it;
the repository holds none of its text. This prints figures; it asserts nothing.

``--shape`` scores the copied text (the text and seeds forms) as other sources lay it out: the
corpus's own ``browser`` copy (the default: a blank line between blocks, list items on
consecutive lines), ``single-newline`` (every run of blank lines made one newline, as a word
processor, a mail client or a notes app puts paragraphs), ``hard-wrapped`` (every line longer
than 72 characters broken at the last space before that width, as a saved e-mail) or both
(``hard-wrapped-single-newline``, a saved e-mail with one newline between paragraphs). The texts
are made in a scratch folder; the gold is the corpus's own.
"""

from __future__ import annotations

import argparse
import json
import re
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from briefing.core.errors import ArticleImportError  # noqa: E402
from briefing.core.importers import import_article  # noqa: E402
from briefing.core.model import Article, BlockKind, Section  # noqa: E402

DEFAULT_DEVSET = ROOT.parent / "shared" / "devset"


@dataclass(frozen=True)
class Figure:
    """One summary figure: its key in score.py's summary, its label, and which way is better."""

    key: str
    label: str
    higher_is_better: bool = True


FIGURES = (
    Figure("title_match", "title"),
    Figure("heading_p", "heading P"),
    Figure("heading_r", "heading R"),
    Figure("heading_f1", "heading F1 (macro)"),
    Figure("micro_heading_f1", "heading F1 (micro)"),
    Figure("level_acc", "level"),
    Figure("section_acc", "section"),
    Figure("leak_rate", "leak rate", higher_is_better=False),
    Figure("para_coverage", "para coverage"),
    Figure("text_coverage", "text coverage"),
    Figure("body_precision", "body precision"),
)

README_COLUMNS = ("title_match", "heading_p", "heading_r", "heading_f1", "level_acc",
                  "section_acc", "leak_rate", "para_coverage", "text_coverage", "body_precision")
"""The figure columns of the corpus README's reference tables, after tool and input."""


@dataclass(frozen=True)
class Mode:
    """One form of the articles: the file suffix read and what it is compared with."""

    name: str
    suffix: str
    references: tuple[tuple[str, str], ...]
    """(tool, input) rows of the README tables to print beside Briefing's figures."""
    targets: dict[str, float]
    """The figures the importer is held to for this form (the issue's targets)."""


MODES = {
    "text": Mode("text", ".txt", (("naive_text_outline", ".txt"),),
                 {"title_match": 0.95, "heading_f1": 0.95, "level_acc": 0.95, "leak_rate": 0.05,
                  "text_coverage": 0.99}),
    "page": Mode("page", ".html", (("trafilatura_outline", ".html"),),
                 {"title_match": 0.95, "heading_f1": 0.92, "level_acc": 0.92,
                  "text_coverage": 0.98}),
    "fragment": Mode("fragment", ".fragment.html",
                     (("pandoc → Markdown", ".fragment.html"),
                      ("trafilatura_outline", ".fragment.html")),
                     {"heading_f1": 0.95, "level_acc": 0.95, "body_precision": 0.97}),
    "seeds": Mode("seeds", ".txt", (),
                  {"title_match": 1.0, "heading_f1": 1.0, "level_acc": 1.0, "section_acc": 1.0,
                   "leak_rate": 0.0, "text_coverage": 1.0}),
}


def prediction(article: Article) -> dict[str, Any]:
    """The article in the form score.py reads: title, lead, nested sections with levels.

    Pull-quotes are left out: the importer sets them apart as repeats, not body text.
    """
    lead = _body([article.standfirst] if article.standfirst else [], article.blocks)
    sections: list[dict[str, Any]] = []
    if lead["paragraphs"] or lead["bullets"]:
        sections.append({"heading": None, "level": 0, **lead})
    sections.extend(_section(section, 1) for section in article.sections)
    return {"title": article.title, "byline": article.author, "sections": sections}


def _section(section: Section, level: int) -> dict[str, Any]:
    return {"heading": section.label, "level": level, **_body([], section.blocks),
            "sections": [_section(child, level + 1) for child in section.sections]}


def _body(paragraphs: list[str], blocks: list[Any]) -> dict[str, list[str]]:
    bullets: list[str] = []
    for block in blocks:
        if block.kind in (BlockKind.BULLET, BlockKind.NUMBERED):
            bullets.append(block.text)
        elif block.kind != BlockKind.PULL_QUOTE:
            paragraphs.append(block.text)
    return {"paragraphs": paragraphs, "bullets": bullets}


WRAP_WIDTH = 72


def single_newline(text: str) -> str:
    """The text with every run of blank lines made one newline."""
    return re.sub(r"\n(?:[ \t]*\n)+", "\n", text)


def hard_wrapped(text: str) -> str:
    """The text with every line longer than :data:`WRAP_WIDTH` broken at the last space
    before that width (a word longer than the width stays whole)."""
    lines: list[str] = []
    for line in text.split("\n"):
        while len(line) > WRAP_WIDTH and line.rfind(" ", 0, WRAP_WIDTH + 1) > 0:
            cut = line.rfind(" ", 0, WRAP_WIDTH + 1)
            lines.append(line[:cut])
            line = line[cut + 1:]
        lines.append(line)
    return "\n".join(lines)


SHAPES: dict[str, Callable[[str], str] | None] = {
    "browser": None,
    "single-newline": single_newline,
    "hard-wrapped": hard_wrapped,
    "hard-wrapped-single-newline": lambda text: hard_wrapped(single_newline(text)),
}
"""How the copied text is laid out before it is imported (None: as the corpus has it)."""


def articles(devset: Path, mode: Mode, only: str) -> Iterator[tuple[str, Path]]:
    """(gold name, input file) for every article of the corpus that has this form."""
    if mode.name == "seeds":
        seeds = devset.parent / "seeds"
        for gold in sorted((devset / "seeds").glob("*.gold.yaml")):
            name = gold.name.removesuffix(".gold.yaml")
            number = name.removeprefix("seed-")
            for text in sorted(seeds.glob(f"{number}_*.txt")):
                if only in name:
                    yield name, text
        return
    for gold in sorted(devset.glob("*.gold.yaml")):
        name = gold.name.removesuffix(".gold.yaml")
        source = devset / f"{name}{mode.suffix}"
        if only in name and source.exists():
            yield name, source


def run_mode(devset: Path, mode: Mode, only: str, keep: Path | None,
             per_article: bool, shape: str = "browser") -> dict[str, Any]:
    """Import and score every article of one form, its copied text laid out in ``shape``;
    returns score.py's summary."""
    with tempfile.TemporaryDirectory(prefix="briefing-quality-") as scratch:
        work = keep / mode.name if keep else Path(scratch)
        predictions = work / "pred"
        golds = work / "gold"
        predictions.mkdir(parents=True, exist_ok=True)
        golds.mkdir(parents=True, exist_ok=True)
        gold_folder = devset / "seeds" if mode.name == "seeds" else devset
        failures: list[str] = []
        size = 0
        started = time.perf_counter()
        for name, source in articles(devset, mode, only):
            # The gold set is only the articles this form has (score.py counts a missing
            # prediction as zero, so an article without a fragment must not be in it).
            (golds / f"{name}.gold.yaml").write_bytes(
                (gold_folder / f"{name}.gold.yaml").read_bytes())
            size += source.stat().st_size
            reshape = SHAPES[shape] if source.suffix == ".txt" else None
            if reshape is not None:
                text = reshape(source.read_text(encoding="utf-8"))
                source = work / "input" / source.name
                source.parent.mkdir(exist_ok=True)
                source.write_text(text, encoding="utf-8")
            try:
                article = import_article(source)
            except ArticleImportError as error:
                failures.append(f"{name}: {error}")
                continue
            (predictions / f"{name}.json").write_text(
                json.dumps(prediction(article), ensure_ascii=False), encoding="utf-8")
        elapsed = time.perf_counter() - started
        if not any(golds.iterdir()):
            return {"articles": 0}
        report = work / "score.json"
        command = [sys.executable, str(devset / "score.py"), str(predictions),
                   "--gold", str(golds), "--json", str(report)]
        if not per_article:
            command.append("--quiet")
        scored = subprocess.run(command, capture_output=True, text=True, check=False)
        if per_article:
            print(scored.stdout)
        if scored.returncode != 0:
            raise SystemExit(f"score.py failed on the {mode.name} form:\n{scored.stderr}")
        summary: dict[str, Any] = json.loads(report.read_text(encoding="utf-8"))["summary"]
    summary["failures"] = failures
    summary["shape"] = shape if mode.suffix == ".txt" else "browser"
    summary["seconds"] = elapsed
    summary["megabytes"] = size / 1e6
    return summary


def reference_figures(readme: Path) -> dict[tuple[str, str], dict[str, float]]:
    """The reference tools' rows of the corpus README's tables, by (tool, input)."""
    rows: dict[tuple[str, str], dict[str, float]] = {}
    for line in readme.read_text(encoding="utf-8").splitlines():
        cells = [cell.strip() for cell in line.strip().strip("|").split("|")]
        if len(cells) != 2 + len(README_COLUMNS) or not cells[1].startswith("`"):
            continue
        tool, source = cells[0], cells[1].strip("`")
        figures: dict[str, float] = {}
        for key, cell in zip(README_COLUMNS, cells[2:], strict=True):
            numbers = re.findall(r"\d+\.\d+", cell)
            if numbers:
                figures[key] = float(numbers[0])
                if key == "heading_f1" and len(numbers) > 1:
                    figures["micro_heading_f1"] = float(numbers[1])
        rows.setdefault((tool, source), figures)
    return rows


def print_summary(mode: Mode, summary: dict[str, Any],
                  references: dict[tuple[str, str], dict[str, float]]) -> None:
    """Briefing's figures, each reference tool's with the ratio, and the target."""
    if not summary["articles"]:
        print(f"\n== {mode.name}: no articles ==")
        return
    shown = [(f"{tool} ({source})", references.get((tool, source), {}))
             for tool, source in mode.references]
    shape = f", {summary['shape']} text" if summary.get("shape", "browser") != "browser" else ""
    print(f"\n== {mode.name}{shape}: {summary['articles']} articles "
          f"({summary['megabytes']:.1f} MB read in {summary['seconds']:.1f} s) ==")
    header = f"{'figure':<20} {'Briefing':>9}"
    for label, _ in shown:
        header += f" | {label:>36} {'ratio':>6}"
    header += f" | {'target':>7} {'met':>4}"
    print(header)
    print("-" * len(header))
    for figure in FIGURES:
        ours = summary.get(figure.key)
        line = f"{figure.label:<20} {_number(ours):>9}"
        for _, theirs in shown:
            value = theirs.get(figure.key)
            line += f" | {_number(value):>36} {_ratio(ours, value):>6}"
        target = mode.targets.get(figure.key)
        met = "" if target is None or ours is None else (
            "yes" if (ours >= target if figure.higher_is_better else ours <= target) else "NO")
        line += f" | {_number(target):>7} {met:>4}"
        print(line)
    if summary.get("leak_rate") is not None:
        print(f"leaks: {summary['leaks_total']} of {summary['injected_total']} injected lines")
    for failure in summary["failures"]:
        print(f"import failed: {failure}")


def _number(value: float | None) -> str:
    return "-" if value is None else f"{value:.3f}"


def _ratio(ours: float | None, theirs: float | None) -> str:
    if ours is None or not theirs:
        return "-"
    return f"{ours / theirs:.2f}x"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--devset", type=Path, default=DEFAULT_DEVSET,
                        help="the corpus folder (with score.py and README.md)")
    parser.add_argument("--mode", choices=sorted(MODES), action="append",
                        help="forms to score (default: all)")
    parser.add_argument("--articles", default="", help="only articles whose name contains this")
    parser.add_argument("--per-article", action="store_true", help="print score.py's table too")
    parser.add_argument("--keep", type=Path, help="keep predictions and scores in this folder")
    parser.add_argument("--shape", choices=sorted(SHAPES), default="browser",
                        help="lay the copied text out this way before importing it")
    options = parser.parse_args(argv)
    devset: Path = options.devset
    if not (devset / "score.py").is_file():
        parser.error(f"{devset} is not the corpus folder (no score.py there); name it with "
                     "--devset")
    references = reference_figures(devset / "README.md")
    for name in options.mode or ["text", "page", "fragment", "seeds"]:
        mode = MODES[name]
        print_summary(mode, run_mode(devset, mode, options.articles, options.keep,
                                     options.per_article, options.shape), references)
    return 0


if __name__ == "__main__":
    sys.exit(main())
