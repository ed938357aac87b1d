"""Adversarial input shapes: time against size, to show growth stays linear.

For each shape (runs of dots, spaces, quotes, capitalised words, nested tags, many paragraphs,
...) at sizes doubling up to --max (1 MB by default), times split_sentences / extract_quotes /
compare / extract_article (median of --runs) and prints n, seconds and the growth ratio per 2x
(linear is 2.0; the goal is <= 2.5 everywhere). A series stops growing once one run passes
--limit seconds (marked "stopped"): that shape is super-linear or too slow at that size.

Usage: python benchmarks/bench_adversarial.py [--max BYTES] [--start BYTES] [--runs R]
       [--limit SECONDS] [--only SHAPE[,SHAPE]]
"""

from __future__ import annotations

import argparse
import statistics
import time
from collections.abc import Callable

from tracker import compare, extract_article, extract_quotes, split_sentences

PARA = "Ann Lee said the city council passed the budget on Tuesday night after a long debate."


def _repeat(unit: str, n: int, head: str = "", tail: str = "") -> str:
    return head + unit * max(1, (n - len(head) - len(tail)) // len(unit)) + tail


def _html(body: str) -> str:
    return f"<html><head><title>A page</title></head><body><article>{body}</article></body></html>"


# shape -> (text of about n characters, description)
SHAPES: dict[str, tuple[Callable[[int], str], str]] = {
    "dots": (lambda n: _repeat(".", n, "Roe said x", "x"), "a run of dots, no space"),
    "bangs": (lambda n: _repeat("!?", n, "Roe said x", "x"), "a run of ! and ?"),
    "spaces": (lambda n: _repeat(" ", n, "Roe said x.", "Then it ended."), "a run of spaces"),
    "short-sentences": (lambda n: _repeat("He left. ", n), "many two-word sentences"),
    "titles": (lambda n: _repeat("Sen. ", n, "", "Lee left."), "a run of abbreviations"),
    "quotes": (lambda n: _repeat('"a b c" ', n, "He said ", "done."), "quotes in one sentence"),
    "attributed": (
        lambda n: _repeat('"We will win," said Ann Lee. ', n),
        "attributed quotes, one speaker",
    ),
    "pronoun-quotes": (
        lambda n: _repeat('"We will win," she said. ', n, "Ann Lee spoke. "),
        "quotes whose speaker is a pronoun, one paragraph",
    ),
    "it-said": (
        lambda n: _repeat('"We will win," it said. ', n, "The ministry spoke. "),
        "quotes whose speaker is 'it', one paragraph",
    ),
    "nested-quotes": (
        lambda n: _repeat("go 'and' ", n, "Ann Lee said: \"They told me 'we ", "now' and left.\""),
        "single quotes nested in one quote",
    ),
    "capitalised": (lambda n: _repeat("Abc ", n, '"Hi," said ', "done."), "capitalised words"),
    "long-sentence": (
        lambda n: _repeat("the vote passed and ", n, "Ann Lee said ", "ended."),
        "one very long sentence",
    ),
    "paragraphs": (lambda n: _repeat(PARA + "\n", n), "many text paragraphs"),
    "html-paragraphs": (lambda n: _html(_repeat("<p>Word here.</p>", n)), "many tiny <p>"),
    "html-nested": (
        lambda n: _html(_repeat("<div>", n // 2) + f"<p>{PARA}</p>" + _repeat("</div>", n // 2)),
        "a paragraph nested in <div>s",
    ),
    "html-line": (lambda n: _html("<p>" + _repeat(PARA + " ", n) + "</p>"), "one huge line"),
}

TEXT_FUNCTIONS: dict[str, Callable[[str], object]] = {
    "split_sentences": split_sentences,
    "extract_quotes": extract_quotes,
    "compare": lambda text: compare(text, text + "\nThen it ended, Lee said."),
}
HTML_FUNCTIONS: dict[str, Callable[[str], object]] = {"extract_article": extract_article}


def _time(fn: Callable[[str], object], text: str, runs: int, limit: float) -> float:
    times: list[float] = []
    for _ in range(runs):
        start = time.perf_counter()
        fn(text)
        times.append(time.perf_counter() - start)
        if times[-1] > limit / 4:
            break  # one long run is measure enough
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--max", type=int, default=1 << 20)
    parser.add_argument("--start", type=int, default=1 << 14)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--limit", type=float, default=20.0)
    parser.add_argument("--only", default="")
    args = parser.parse_args()
    only = {s for s in args.only.split(",") if s}
    worst: list[tuple[float, str]] = []
    for shape, (make, what) in SHAPES.items():
        if only and shape not in only:
            continue
        functions = HTML_FUNCTIONS if shape.startswith("html") else TEXT_FUNCTIONS
        for name, fn in functions.items():
            print(f"\n{shape} ({what}) -> {name}")
            print(f"{'n':>9} {'seconds':>9} {'x per 2x':>9}")
            prev = None
            n = args.start
            while n <= args.max:
                took = _time(fn, make(n), args.runs, args.limit)
                ratio = took / prev if prev and prev > 0.005 else None
                shown = f"{ratio:9.2f}" if ratio else f"{'':>9}"
                print(f"{n:>9} {took:9.3f} {shown}", flush=True)
                if ratio:
                    worst.append((ratio, f"{shape} -> {name} at {n}"))
                if took > args.limit:
                    print(f"{'':>9} stopped: one run took over {args.limit:g} s")
                    break
                prev = took
                n *= 2
    if worst:
        ratio, where = max(worst)
        print(f"\nlargest growth per 2x: {ratio:.2f} ({where})")


if __name__ == "__main__":
    main()
