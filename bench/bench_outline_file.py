"""Benchmark: load and save a large outline file with libyaml and with pure-Python PyYAML.

Builds a 10,000-section outline (about 15 MB of YAML: several paragraphs a section, notes and tags
on some), then times ``save_outline`` and ``load_outline`` with the C loader/dumper and with the
pure-Python ones, and prints seconds, MB/s and the pure/C ratio. Goal with the C path on a 2-core
machine: load <= 1.0 s and save <= 1.0 s. Also times the refusal of hostile files (alias bomb,
deep nesting).

Run: ``python bench/bench_outline_file.py [--sections N] [--repeat R] [--no-pure]``
"""

from __future__ import annotations

import argparse
import random
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import yaml

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from briefing.core import yaml_io
from briefing.core.errors import OutlineFormatError
from briefing.core.model import (
    Article,
    Block,
    BlockKind,
    BriefingDetails,
    Outline,
    Section,
)
from briefing.core.outline_file import load_outline, loads_outline, save_outline

_VOCABULARY = (
    "allies alliance summit deterrence spending budget percent forces readiness eastern flank "
    "industry production shells air defence capability partners secretary general council "
    "members treaty border security threat sanctions energy supply cyber resilience exercise "
    "command brigade rotation commitment pledge target gap consensus veto accession ministers "
    "parliament election pressure burden sharing procurement stockpile drones munitions")
_WORDS = tuple(_VOCABULARY.split())
_FILLER = ("the", "of", "and", "to", "a", "in", "that", "for", "on", "with", "as", "by", "its")


def _sentence(rng: random.Random) -> str:
    words = [rng.choice(_WORDS if rng.random() < 0.6 else _FILLER)
             for _ in range(rng.randint(10, 26))]
    if rng.random() < 0.2:
        words.insert(rng.randint(1, len(words) - 1), f"{rng.randint(2, 98)}%")
    return " ".join(words).capitalize() + rng.choice((".", ".", ".", "?", ";"))


def _paragraph(rng: random.Random, sentences: int) -> str:
    return " ".join(_sentence(rng) for _ in range(sentences))


def build_outline(sections: int, seed: int = 1) -> Outline:
    """A large, realistic outline: about 1.5 KB of YAML a section."""
    rng = random.Random(seed)
    kinds = [BlockKind.PARAGRAPH] * 6 + [BlockKind.BULLET, BlockKind.QUOTE]
    articles = []
    per_article = 500
    next_id = 1
    for start in range(0, sections, per_article):
        top: list[Section] = []
        for index in range(min(per_article, sections - start)):
            blocks = [Block(rng.choice(kinds), _paragraph(rng, rng.randint(2, 3)))
                      for _ in range(rng.randint(3, 5))]
            section = Section(id=f"s{next_id}", heading=_sentence(rng)[:50].rstrip(" .;?"),
                              number=index % 12 + 1 if index % 5 else None, blocks=blocks)
            next_id += 1
            if rng.random() < 0.3:
                section.picked = True
                section.note = (f"**Why it matters:** {_sentence(rng)}\n\n- {_sentence(rng)}\n"
                                f"- {_sentence(rng)}")
                section.tags = rng.sample(["cohesion", "spending", "industry", "ukraine"], 2)
            if top and index % 4 == 3:
                top[-1].sections.append(section)
            else:
                top.append(section)
        articles.append(Article(title=f"Article {start // per_article + 1}: {_sentence(rng)}",
                                standfirst=_sentence(rng), publisher="Example Review",
                                date="2024-10-01", blocks=[Block(BlockKind.PARAGRAPH,
                                                                 _paragraph(rng, 3))],
                                sections=top))
    outline = Outline(title="Benchmark outline", articles=articles,
                      briefing=BriefingDetails(title="Benchmark", to="Minister"))
    outline.sync_order()
    return outline


def _best(action: Callable[[], object], repeat: int) -> tuple[float, float]:
    """The best wall-clock and CPU seconds of ``repeat`` runs (CPU time is less disturbed by
    other work on a shared machine; wall time includes the disk)."""
    best_wall = best_cpu = float("inf")
    for _ in range(repeat):
        wall, cpu = time.perf_counter(), time.process_time()
        action()
        best_wall = min(best_wall, time.perf_counter() - wall)
        best_cpu = min(best_cpu, time.process_time() - cpu)
    return best_wall, best_cpu


def _run(label: str, outline: Outline, path: Path,
         repeat: int) -> tuple[float, float, float, float]:
    save, save_cpu = _best(lambda: save_outline(outline, path), repeat)
    size_mb = path.stat().st_size / 1e6
    loaded: list[Outline] = []
    load, load_cpu = _best(lambda: loaded.append(load_outline(path)), repeat)
    if loaded[-1] != outline:
        raise SystemExit(f"{label}: the loaded outline differs from the saved one")
    print(f"{label:>7}: save {save:6.2f} s ({size_mb / save:5.1f} MB/s, CPU {save_cpu:5.2f} s)"
          f"   load {load:6.2f} s ({size_mb / load:5.1f} MB/s, CPU {load_cpu:5.2f} s)")
    return save, load, save_cpu, load_cpu


def time_refusals() -> None:
    """How long hostile files take to be refused: an alias bomb (nine anchors, each repeating
    the one before nine times) and a list nested 100,000 deep. Goal: well under a second each."""
    lines = ["format: briefing-outline/1", "a0: &a0 [x, x, x, x, x, x, x, x, x]"]
    lines += [f"a{i}: &a{i} [{', '.join([f'*a{i - 1}'] * 9)}]" for i in range(1, 8)]
    bomb = "\n".join([*lines, "articles: []", ""])
    deep = "format: briefing-outline/1\nx: " + "[" * 100_000 + "]" * 100_000 + "\narticles: []\n"
    for label, text in (("alias bomb", bomb), ("100,000 levels", deep)):
        start = time.perf_counter()
        try:
            loads_outline(text, "hostile.yaml")
        except OutlineFormatError:
            print(f"refused {label}: {time.perf_counter() - start:6.3f} s")
        else:
            raise SystemExit(f"the {label} was not refused")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sections", type=int, default=10_000)
    parser.add_argument("--repeat", type=int, default=3, help="best of R runs (default 3)")
    parser.add_argument("--no-pure", action="store_true", help="skip the slow pure-Python run")
    args = parser.parse_args()

    outline = build_outline(args.sections)
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "bench.yaml"
        save_outline(outline, path)
        print(f"{args.sections:,} sections, {path.stat().st_size / 1e6:.1f} MB of YAML, "
              f"best of {args.repeat}")
        if not yaml_io.uses_libyaml():
            print("libyaml is not available: only the pure-Python figures are meaningful")
        c_save, c_load, c_save_cpu, c_load_cpu = _run("C", outline, path, args.repeat)
        time_refusals()
        if args.no_pure:
            return
        yaml_io.SAFE_LOADER, yaml_io.SAFE_DUMPER = yaml.SafeLoader, yaml.SafeDumper
        c_text = path.read_bytes()
        py_save, py_load, py_save_cpu, py_load_cpu = _run("Python", outline, path, 1)
        if path.read_bytes() != c_text:
            raise SystemExit("the pure-Python dumper wrote different bytes from libyaml")
        print(f"  ratio: save {py_save / c_save:5.1f}x (CPU {py_save_cpu / c_save_cpu:4.1f}x)   "
              f"load {py_load / c_load:5.1f}x (CPU {py_load_cpu / c_load_cpu:4.1f}x) "
              "(pure-Python / C)")


if __name__ == "__main__":
    main()
