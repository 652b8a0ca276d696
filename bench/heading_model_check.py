"""Would a small trained model find the headings of copied text better than the importer's rules?

    python bench/heading_model_check.py CORPUS_DIR

``CORPUS_DIR`` holds articles as ``NAME.txt`` (the copied text) and ``NAME.gold.yaml`` (the gold
outline; its ``headings`` list the real headings). Every text goes through the importer up to its
body lines (:func:`briefing.core.importers.text.read_body`); a line is labelled a heading when its
text is one of the gold headings. For each line the script computes plain shape features
(length, final punctuation, case, numbering, the lines around it, how heading-like the article's
other lines are, and the rules' own verdict) and fits a logistic regression (standardised
features, L2 penalty, gradient descent from zero: deterministic).

Figures are held out by dataset (the name prefix before the first ``-``): each fold trains on
the other datasets and is scored on this one, beside the importer's rules on the same lines,
with heading F1 per article averaged as the corpus scorer does (an article without headings
scores 1 when nothing is predicted, else 0). It prints figures; it writes nothing.
"""

from __future__ import annotations

import argparse
import math
import sys
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from briefing.core.importers.structure import clean_text, split_heading_number  # noqa: E402
from briefing.core.importers.text import heading_lines, read_body  # noqa: E402
from briefing.core.importers.text_lines import (  # noqa: E402
    CONNECTORS,
    Line,
    LineKind,
    ends_with_closing_punctuation,
    is_title_case,
)

MAX_HEADING_WORDS = 20
ITERATIONS = 600
LEARNING_RATE = 0.5
PENALTY = 0.01
_CLOSING_MARKS = "\u201d\u2019\"')]\u00bb"
_OPENING_QUOTES = "\u201c\u2018\"'\u00ab"


@dataclass
class Sample:
    features: dict[str, float]
    label: bool


Articles = dict[str, tuple[list[Sample], int]]


def _style(line: Line) -> tuple[bool, bool, bool]:
    return (line.kind is LineKind.NUMBERED, is_title_case(line.text),
            ends_with_closing_punctuation(line.text))


def _is_text_body(line: Line) -> bool:
    if line.kind is not LineKind.TEXT:
        return True
    stripped = line.text.rstrip(_CLOSING_MARKS)
    return line.words > 12 or stripped[-1:] in tuple(".!?\u2026:;")


def line_features(body: Sequence[Line], rules: Sequence[bool]) -> list[dict[str, float] | None]:
    """The features of each body line; None for lines that cannot be headings."""
    count = len(body)
    candidate = [line.kind in (LineKind.TEXT, LineKind.NUMBERED)
                 and 0 < line.words <= MAX_HEADING_WORDS for line in body]
    short = [candidate[i] and body[i].words <= 12
             and not ends_with_closing_punctuation(body[i].text) for i in range(count)]
    seen = Counter(line.text for line in body)
    styles = Counter(_style(body[i]) for i in range(count) if short[i])
    short_count = sum(short) or 1
    article = {
        "article_short_share": sum(short) / (count or 1),
        "article_title_case_share": sum(1 for i in range(count) if short[i]
                                        and is_title_case(body[i].text)) / short_count,
        "article_rule_share": sum(rules) / (count or 1),
    }
    features: list[dict[str, float] | None] = []
    for index, line in enumerate(body):
        if not candidate[index]:
            features.append(None)
            continue
        text = line.text
        last = text.rstrip(_CLOSING_MARKS)[-1:]
        nxt = body[index + 1] if index + 1 < count else None
        previous = body[index - 1] if index else None
        first = text.lstrip(_OPENING_QUOTES)[:1]
        features.append(article | {
            "words": float(line.words),
            "chars": min(len(text), 160) / 10,
            "ends_full_stop": float(last in ".!\u2026"),
            "ends_colon": float(last in ":;"),
            "ends_question": float(last == "?"),
            "title_case": float(is_title_case(text)),
            "starts_capital": float(first.isupper() or first.isdigit()),
            "ends_on_connector": float(text.rsplit(" ", 1)[-1].lower() in CONNECTORS),
            "numbered": float(line.kind is LineKind.NUMBERED),
            "next_is_text_body": float(nxt is not None and _is_text_body(nxt)),
            "next_words": min(nxt.words, 80) / 10 if nxt else 0.0,
            "previous_words": min(previous.words, 80) / 10 if previous else 0.0,
            "next_is_short": float(nxt is not None and short[index + 1]),
            "previous_is_short": float(previous is not None and short[index - 1]),
            "repeated": float(seen[text] > 1),
            "has_digit": float(any(char.isdigit() for char in text)),
            "has_comma": float("," in text),
            "after_blank": float(line.after_blank),
            "first_line": float(index == 0),
            "last_line": float(nxt is None),
            "same_style_share": styles[_style(line)] / short_count if short[index] else 0.0,
            "rule_heading": float(rules[index]),
        })
    return features


def _key(text: str) -> str:
    return clean_text(split_heading_number(text)[1]).casefold().rstrip(".:!?")


def article_samples(txt: Path) -> tuple[list[Sample], int]:
    """The candidate lines of one article, labelled, and its number of gold headings."""
    gold = yaml.safe_load(txt.with_suffix("").with_suffix(".gold.yaml").read_text("utf-8")) or {}
    wanted = Counter(_key(str(item["text"])) for item in gold.get("headings") or [])
    total = sum(wanted.values())
    _article, body = read_body(txt.read_text("utf-8"), txt.name)
    samples: list[Sample] = []
    for line, features in zip(body, line_features(body, heading_lines(body)), strict=True):
        if features is None:
            continue
        key = next((k for k in (_key(line.raw), _key(line.text)) if wanted[k] > 0), "")
        if key:
            wanted[key] -= 1
        samples.append(Sample(features, bool(key)))
    return samples, total


class Model:
    """A logistic regression over standardised features."""

    def __init__(self, samples: list[Sample], names: list[str]) -> None:
        count = len(samples)
        self.names = names
        self.means = [sum(s.features[n] for s in samples) / count for n in names]
        self.scales = [math.sqrt(sum((s.features[n] - mean) ** 2 for s in samples) / count)
                       or 1.0 for n, mean in zip(names, self.means, strict=True)]
        rows = [self._row(s.features) for s in samples]
        self.weights = [0.0] * (len(names) + 1)
        for _ in range(ITERATIONS):
            gradient = [0.0] * len(self.weights)
            for row, sample in zip(rows, samples, strict=True):
                error = self._probability(row) - float(sample.label)
                for position, value in enumerate(row):
                    gradient[position] += error * value
            for position, total in enumerate(gradient):
                penalty = PENALTY * self.weights[position] if position else 0.0
                self.weights[position] -= LEARNING_RATE * (total / count + penalty)

    def _row(self, features: dict[str, float]) -> list[float]:
        return [1.0] + [(features[n] - mean) / scale for n, mean, scale
                        in zip(self.names, self.means, self.scales, strict=True)]

    def _probability(self, row: list[float]) -> float:
        total = sum(w * x for w, x in zip(self.weights, row, strict=True))
        return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, total))))

    def __call__(self, sample: Sample) -> bool:
        return self._probability(self._row(sample.features)) >= 0.5


def figures(articles: Articles, decide: Callable[[Sample], bool]) -> str:
    """Macro heading F1, micro precision and recall, and articles given invented headings."""
    scores: list[float] = []
    hits = predicted = wanted = invented = 0
    for samples, total in articles.values():
        found = [sample for sample in samples if decide(sample)]
        right = sum(1 for sample in found if sample.label)
        hits, predicted, wanted = hits + right, predicted + len(found), wanted + total
        invented += total == 0 and bool(found)
        if total == 0:
            scores.append(0.0 if found else 1.0)
            continue
        precision, recall = right / (len(found) or 1), right / total
        scores.append(2 * precision * recall / (precision + recall) if right else 0.0)
    return (f"F1 {sum(scores) / len(scores):.3f}  P {hits / (predicted or 1):.3f}  "
            f"R {hits / (wanted or 1):.3f}  invented in {invented}")


def _rules_say(sample: Sample) -> bool:
    return sample.features["rule_heading"] > 0


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n")[0])
    parser.add_argument("corpus", type=Path)
    options = parser.parse_args()
    articles: Articles = {
        path.name: article_samples(path) for path in sorted(options.corpus.glob("*.txt"))
        if path.with_suffix("").with_suffix(".gold.yaml").exists()}
    if not articles:
        parser.error(f"{options.corpus}: no NAME.txt with a NAME.gold.yaml beside it")
    names = sorted(next(s for samples, _ in articles.values() for s in samples).features)
    without_rules = [name for name in names if name not in ("rule_heading", "article_rule_share")]
    datasets = sorted({name.split("-", 1)[0] for name in articles})
    print(f"{len(articles)} articles; held out by dataset ({', '.join(datasets)})")
    for held_out in datasets:
        training = [s for name, (samples, _) in articles.items()
                    if not name.startswith(held_out + "-") for s in samples]
        testing = {name: value for name, value in articles.items()
                   if name.startswith(held_out + "-")}
        print(f"{held_out} ({len(testing)} articles)")
        for label, decide in (("rules", _rules_say),
                              ("model", Model(training, without_rules)),
                              ("model + rules' vote", Model(training, names))):
            print(f"  {label:22}{figures(testing, decide)}")


if __name__ == "__main__":
    main()
