"""`compare()` end to end against sentence matchers alone, and how it grows with the article.

Usage: python benchmarks/bench_compare.py [DATA_DIR] [--runs R] [--sizes 4000,16000,64000]
       [--scale-runs R] [--no-scaling]
DATA_DIR defaults to ../shared/data relative to the repository root.

Real pairs: every consecutive version pair of archivediff-nyt-versions, as plain text.
`compare(old, new)` (extract, segment, align, inline diffs, claims, quotes, facts, people,
summary, ranking) is timed against the NewsEdits-style BLEU-2 matcher alone and difflib
alone, both given the sentences already split. CPU time of all pairs, median of --runs; the
three are timed in turn in each run, so the ratios come from the same process and moment.
Each call is timed alone, every cache in tracker's modules (anything with a cache_clear)
emptied before it: a compare pays for all it reads, as the first compare of a process does.

Scaling: one long document of about 4k, 16k and 64k words made of real article texts
(polnear-attribution, else the NYT versions), and a second version with about one edited
paragraph in six (numbers changed, a word swapped, paragraphs dropped, added or moved);
`compare()` time and its growth per 4x words (linear is 4.0).
"""

from __future__ import annotations

import argparse
import json
import random
import re
import statistics
import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from _newsedits_baseline import difflib_edges, lexical_edges

from tracker.pipeline import compare
from tracker.segment import split_sentences

ROOT = Path(__file__).resolve().parent.parent
Pair = tuple[str, str]


def load_pairs(folder: Path) -> list[Pair]:
    """(old text, new text) of every consecutive version pair."""
    versions = {}
    for line in (folder / "versions.jsonl").read_text(encoding="utf-8").splitlines():
        v = json.loads(line)
        versions[(v["article_id"], v["version"])] = v["text"]
    pairs = []
    for line in (folder / "pairs.jsonl").read_text(encoding="utf-8").splitlines():
        p = json.loads(line)
        old = versions[(p["article_id"], p["from_version"])]
        pairs.append((old, versions[(p["article_id"], p["to_version"])]))
    return pairs


def _caches() -> list[Callable[[], None]]:
    """The cache_clear of every cache in tracker's modules (functools caches, per_text)."""
    found = []
    for name, module in list(sys.modules.items()):
        if name == "tracker" or name.startswith("tracker."):
            for value in vars(module).values():
                if isinstance(value, type):
                    continue  # a cache's class, not a cache
                clear = getattr(value, "cache_clear", None)
                if callable(clear) and clear not in found:
                    found.append(clear)
    return found


def _cpu(fn: Callable[[], object], caches: list[Callable[[], None]]) -> float:
    """CPU time of fn(), its caches emptied first: each call pays for what it reads, as the
    first compare of a process does (a cache still serves within the call)."""
    for clear in caches:
        clear()
    start = time.process_time()
    fn()
    return time.process_time() - start


def bench_pairs(pairs: list[Pair], runs: int) -> None:
    split = [(split_sentences(old), split_sentences(new)) for old, new in pairs]
    contenders: dict[str, tuple[Callable[..., object], Sequence[tuple[Any, Any]]]] = {
        "tracker compare() end to end": (compare, pairs),
        "BLEU-2 matcher alone": (lexical_edges, split),
        "difflib matcher alone": (difflib_edges, split),
    }
    for fn, inputs in contenders.values():
        fn(*inputs[0])  # warm up: imports, compiled patterns
    caches = _caches()
    times: dict[str, list[float]] = {name: [] for name in contenders}
    for _ in range(runs):
        for name, (fn, inputs) in contenders.items():
            each = [_cpu(lambda a=a, b=b, f=fn: f(a, b), caches) for a, b in inputs]
            times[name].append(sum(each))
    words = sum(len(o.split()) + len(n.split()) for o, n in pairs) / (2 * len(pairs))
    print(
        f"real NYT version pairs: {len(pairs)} pairs, {words:.0f} words a version on average "
        f"(CPU time, median of {runs} runs)"
    )
    median = {name: statistics.median(t) for name, t in times.items()}
    ours = median["tracker compare() end to end"]
    for name, t in median.items():
        print(f"  {name:30s} {1000 * t / len(pairs):8.2f} ms/pair  {t / ours:6.2f}x compare's time")
    bleu, diff = median["BLEU-2 matcher alone"], median["difflib matcher alone"]
    print(f"  compare() is {bleu / ours:.2f}x faster than the BLEU-2 matcher alone")
    print(f"  compare() takes {ours / max(diff, 1e-9):.0f}x the time of difflib alone\n")


# -- scaling -----------------------------------------------------------------------------------


def article_texts(data: Path) -> list[str]:
    """Real article texts, paragraphs apart by blank lines, in a fixed order."""
    paths = sorted((data / "polnear-attribution").glob("*/text/*.txt"))
    if paths:
        return [p.read_text(encoding="utf-8") for p in paths]
    latest: dict[str, str] = {}
    nyt = data / "archivediff-nyt-versions" / "versions.jsonl"
    for line in nyt.read_text(encoding="utf-8").splitlines():
        v = json.loads(line)
        latest[v["article_id"]] = v["text"]
    return list(latest.values())


def _paragraphs(text: str) -> list[str]:
    return [p for p in re.split(r"\n\s*\n|\n", text) if p.strip()]


def long_document(texts: list[str], words: int) -> list[str]:
    """Paragraphs of real articles, one after another, until about `words` words."""
    out: list[str] = []
    count = 0
    while count < words:
        for paragraph in (p for t in texts for p in _paragraphs(t)):
            out.append(paragraph)
            count += len(paragraph.split())
            if count >= words:
                break
    return out


def edited(paragraphs: list[str], donors: list[str], rng: random.Random) -> list[str]:
    """A later version: about one paragraph in six changed, dropped, added or moved."""
    out: list[str] = []
    moved: list[str] = []
    for paragraph in paragraphs:
        roll = rng.random()
        if roll < 0.05:
            out.append(re.sub(r"\d+", lambda m: str(int(m.group()) + 1), paragraph) + " It rose.")
        elif roll < 0.09:
            words = paragraph.split(" ")
            words[rng.randrange(len(words))] = rng.choice(["officials", "reported", "several"])
            out.append(" ".join(words))
        elif roll < 0.12:
            continue
        elif roll < 0.15:
            out += [paragraph, rng.choice(donors)]
        elif roll < 0.17:
            moved.append(paragraph)
        else:
            out.append(paragraph)
    for paragraph in moved:
        out.insert(rng.randrange(len(out) + 1), paragraph)
    return out


def bench_scaling(data: Path, sizes: list[int], runs: int) -> None:
    texts = article_texts(data)
    donors = [p for t in texts[-50:] for p in _paragraphs(t)]
    rng = random.Random(7)
    print(f"scaling: one long document, about 1 paragraph in 6 edited (CPU time, median of {runs})")
    previous = None
    for size in sizes:
        old = long_document(texts, size)
        new = edited(old, donors, rng)
        old_text, new_text = "\n\n".join(old), "\n\n".join(new)
        caches = _caches()
        run = [_cpu(lambda o=old_text, n=new_text: compare(o, n), caches) for _ in range(runs)]
        took = statistics.median(run)
        growth = f"  x{took / previous:.2f} for 4x words" if previous else ""
        words = len(old_text.split())
        print(f"  {words:6d} words {took:8.3f} s{growth}", flush=True)
        previous = took
    print()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("data", nargs="?", default=str(ROOT.parent / "shared" / "data"))
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--sizes", default="4000,16000,64000")
    parser.add_argument("--scale-runs", type=int, default=3)
    parser.add_argument("--no-scaling", action="store_true")
    args = parser.parse_args()
    data = Path(args.data)
    bench_pairs(load_pairs(data / "archivediff-nyt-versions"), args.runs)
    if not args.no_scaling:
        sizes = [int(s) for s in args.sizes.split(",")]
        bench_scaling(data, sizes, args.scale_runs)


if __name__ == "__main__":
    main()
