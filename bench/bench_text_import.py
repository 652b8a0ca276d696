"""Throughput of the plain-text importer on about 5 MB of generated article-shaped text.

Run with ``python bench/bench_text_import.py [megabytes]``. The corpus mixes the two shapes the
importer is built for: opinion pieces (title, standfirst, blank lines, numbered sections, bullets,
a pull-quote, footer boilerplate) and explainers (no title line, one block per line, numbered
sections with subheadings, a repeated title phrase). The goal is at least 5 MB/s.
"""

from __future__ import annotations

import random
import sys
import textwrap
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from briefing.core.importers.text import parse_text

FUNCTION_WORDS = ["the", "of", "and", "to", "in", "a", "for", "that", "is", "on", "with", "as",
                  "by", "at", "from", "it", "was", "which", "will", "has", "its", "their"]
SYLLABLES = [consonant + vowel for consonant in "bcdfghklmnprstvw" for vowel in "aeiou"]


class Vocabulary:
    """Invented words with a Zipf-like frequency, so paragraphs share words as real ones do."""

    def __init__(self, rng: random.Random, size: int = 4000) -> None:
        invented: set[str] = set()
        while len(invented) < size:
            invented.add("".join(rng.choice(SYLLABLES) for _ in range(rng.randint(1, 4))))
        self.words = FUNCTION_WORDS + sorted(invented)
        total = 0.0
        self.cumulative: list[float] = []
        for rank in range(len(self.words)):
            total += 1 / (rank + 1)
            self.cumulative.append(total)
        self.capitals = [word.capitalize() for word in self.words[len(FUNCTION_WORDS):][:300]]

    def words_like_text(self, rng: random.Random, count: int) -> list[str]:
        return rng.choices(self.words, cum_weights=self.cumulative, k=count)


VOCABULARY = Vocabulary(random.Random(1))


def sentence(rng: random.Random, low: int = 8, high: int = 28) -> str:
    words = VOCABULARY.words_like_text(rng, rng.randint(low, high))
    words[0] = words[0].capitalize()
    return " ".join(words) + rng.choice([".", ".", ".", "?"])


def paragraph(rng: random.Random, sentences: int = 3) -> str:
    return " ".join(sentence(rng) for _ in range(rng.randint(1, sentences)))


def heading(rng: random.Random) -> str:
    return " ".join(rng.choice(VOCABULARY.capitals) for _ in range(rng.randint(2, 5)))


def opinion_piece(rng: random.Random) -> str:
    lines = [heading(rng) + ": " + sentence(rng, 4, 8).rstrip(".?").lower(), "",
             sentence(rng, 15, 30).rstrip(".?"), "", "\u00a9", ""]
    lines += [item for _ in range(3) for item in (paragraph(rng), "")]
    for _ in range(rng.randint(3, 6)):
        lines += [f"  1. {heading(rng)}", ""]
        body = [paragraph(rng) for _ in range(rng.randint(2, 4))]
        if rng.random() < 0.3:
            body.insert(1, " ".join(body[0].split()[:15]).rstrip("."))
        if rng.random() < 0.5:
            body += [f"  \u2022 {sentence(rng)}" for _ in range(4)]
        for item in body:
            lines += [item, ""]
    lines += [heading(rng), "", paragraph(rng), "", paragraph(rng), "",
              "The views expressed are those of the individual authors.", "", "Author", "",
              "Senior Fellow", "", "Subscribe to our newsletters", "", "Subscribe"]
    return "\n".join(lines)


def explainer(rng: random.Random) -> str:
    phrase = f"The {heading(rng)} Programme"
    lines = [f"{paragraph(rng)} {phrase} has changed a lot. {paragraph(rng)}"]
    for number in range(1, rng.randint(6, 12) + 1):
        lines += [f"{number}. {heading(rng)}", f"{phrase} {sentence(rng).lower()}"]
        for _ in range(4):
            lines += [heading(rng), paragraph(rng, 4)]
    lines += ["Conclusion", f"{phrase} {paragraph(rng)}", paragraph(rng), "map.jpg)"]
    return "\n".join(lines)


def corpus(megabytes: float, seed: int = 7) -> list[str]:
    rng = random.Random(seed)
    articles: list[str] = []
    size = 0
    while size < megabytes * 1_000_000:
        article = opinion_piece(rng) if rng.random() < 0.5 else explainer(rng)
        articles.append(article)
        size += len(article.encode("utf-8"))
    return articles


def pathological(shape: str, scale: int) -> str:
    """Inputs that once made a pass over the text slower than linear (the test suite checks
    the importer's output on them at ``scale`` 1; here their time is measured)."""
    body = "The quay is old and the wall leaks."
    if shape == "headings after numbered":
        lines = ["Harbour Notes", "1. Funding", body] + [
            f"Heading Number {n}\n{body}" for n in range(20000 * scale)]
    elif shape == "title-case paragraph":
        lines = [" ".join(f"Alpha Beta{n % 97} Gamma." for n in range(60000 * scale))] * 3
    elif shape == "speakers in capitals":
        names = ("JANE MOREAU", "OMAR HALE", "RUTH ANSEL", "LEO BRANDT")
        lines = ["Harbour Hearing", ""] + [
            f"{names[n % 4]}\n\nSpeech {n}: {body}\n" for n in range(1000 * scale)]
    elif shape == "names printed twice":
        names = [f"Harbour Pass {n}\n{body}" for n in range(5000 * scale)]
        lines = ["Harbour Notes", "", *names, *names]
    elif shape == "hard-wrapped paragraph":
        paragraph = " ".join(f"quay{n % 50} and wall" for n in range(30000 * scale)) + "."
        lines = ["Harbour Notes", "", *textwrap.wrap(paragraph, 72), "", body]
    else:
        lines = [" ".join(f"Word{n}" for n in range(200000 * scale)), body]
    return "\n".join(lines)


def time_pathological() -> None:
    """Seconds for each pathological shape, and for twice as much of it: about 2x is linear."""
    for shape in ("headings after numbered", "title-case paragraph", "one long capitalised run",
                  "hard-wrapped paragraph", "speakers in capitals", "names printed twice"):
        seconds = []
        for scale in (1, 2):
            text = pathological(shape, scale)
            start = time.process_time()
            parse_text(text, "bench.txt")
            seconds.append(time.process_time() - start)
        print(f"{shape:>25}: {seconds[0]:5.2f} s CPU; twice the text {seconds[1]:5.2f} s "
              f"({seconds[1] / max(seconds[0], 1e-9):.1f}x; 2x is linear)")


def main() -> None:
    megabytes = float(sys.argv[1]) if len(sys.argv) > 1 else 5.0
    articles = corpus(megabytes)
    total = sum(len(article.encode("utf-8")) for article in articles)
    best = best_cpu = float("inf")
    sections = 0
    for _ in range(5):
        start, start_cpu = time.perf_counter(), time.process_time()
        sections = sum(len(parse_text(article, "bench.txt").sections) for article in articles)
        best = min(best, time.perf_counter() - start)
        best_cpu = min(best_cpu, time.process_time() - start_cpu)
    print(f"{len(articles)} articles, {total / 1e6:.2f} MB, {sections} top-level sections")
    print(f"parse_text: {best:.2f} s wall, {total / 1e6 / best:.1f} MB/s; "
          f"{best_cpu:.2f} s CPU, {total / 1e6 / best_cpu:.1f} MB/s "
          "(best of 5; goal >= 5 MB/s)")
    time_pathological()

if __name__ == "__main__":
    main()
