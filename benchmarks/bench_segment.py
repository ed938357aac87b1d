"""Sentence splitting: agreement with pysbd on real news text, a hand-checked tricky set, speed.

Usage: python benchmarks/bench_segment.py [DATA_DIR] [--articles N] [--runs R]
DATA_DIR defaults to ../shared/data relative to the repository root.
"""

from __future__ import annotations

import argparse
import json
import random
import statistics
import time
from collections.abc import Callable
from pathlib import Path

import pysbd

from tracker.segment import split_sentences

ROOT = Path(__file__).resolve().parent.parent
Splitter = Callable[[str], list[str]]

# (paragraph, expected sentences): hand-checked against the contract's fine points.
TRICKY: list[tuple[str, list[str]]] = [
    (
        "Sen. Elizabeth Warren spoke on Jan. 5 in Washington. She left.",
        ["Sen. Elizabeth Warren spoke on Jan. 5 in Washington.", "She left."],
    ),
    (
        "Rep. Adam Schiff and Gov. Gavin Newsom met Gen. Mark Milley.",
        ["Rep. Adam Schiff and Gov. Gavin Newsom met Gen. Mark Milley."],
    ),
    (
        "Lt. Col. Alexander Vindman testified. Dr. Fiona Hill followed.",
        ["Lt. Col. Alexander Vindman testified.", "Dr. Fiona Hill followed."],
    ),
    (
        "J. K. Rowling wrote the books. They sold well.",
        ["J. K. Rowling wrote the books.", "They sold well."],
    ),
    (
        "The U.S. Senate voted 51 to 49. The U.N. objected.",
        ["The U.S. Senate voted 51 to 49.", "The U.N. objected."],
    ),
    ("He moved to the U.S. He never left.", ["He moved to the U.S.", "He never left."]),
    (
        "Prices rose 3.5 percent in the quarter. Wages did not.",
        ["Prices rose 3.5 percent in the quarter.", "Wages did not."],
    ),
    (
        "The meeting ended at 5 p.m. on Friday. Nobody spoke.",
        ["The meeting ended at 5 p.m. on Friday.", "Nobody spoke."],
    ),
    ("It began at 6 a.m. Sunday in the rain.", ["It began at 6 a.m. Sunday in the rain."]),
    (
        "Proposition No. 3 failed. Mr. Smith and Mrs. Jones and Ms. Lee voted no.",
        ["Proposition No. 3 failed.", "Mr. Smith and Mrs. Jones and Ms. Lee voted no."],
    ),
    (
        "Martin Luther King Jr. spoke in St. Louis. He was cheered.",
        ["Martin Luther King Jr. spoke in St. Louis.", "He was cheered."],
    ),
    (
        "“We will win. We always do,” he said. Then he left.",
        ["“We will win.", "We always do,” he said.", "Then he left."],
    ),
    (
        "She called the plan “dead on arrival.” Others disagreed.",
        ["She called the plan “dead on arrival.”", "Others disagreed."],
    ),
    (
        "“Why not?” Mr. Smith asked. Nobody answered.",
        ["“Why not?” Mr. Smith asked.", "Nobody answered."],
    ),
    ("“Get out!” she shouted. The door slammed.", ["“Get out!” she shouted.", "The door slammed."]),
    (
        "The vote was close... but it passed. Then came the appeal.",
        ["The vote was close... but it passed.", "Then came the appeal."],
    ),
    (
        "The police in Rialto, Calif., said they got a call. It was 5:25 a.m.",
        ["The police in Rialto, Calif., said they got a call.", "It was 5:25 a.m."],
    ),
    (
        'He said "no." She said "yes." They argued.',
        ['He said "no."', 'She said "yes."', "They argued."],
    ),
    (
        "The bill (H.R. 1) passed. It goes to the Senate.",
        ["The bill (H.R. 1) passed.", "It goes to the Senate."],
    ),
    (
        "Acme Corp. said on Sept. 12 that it would cut 1,200 jobs. Shares fell 4.2 percent.",
        ["Acme Corp. said on Sept. 12 that it would cut 1,200 jobs.", "Shares fell 4.2 percent."],
    ),
    (
        "The company is based in Washington, D.C. It employs 40 people.",
        ["The company is based in Washington, D.C.", "It employs 40 people."],
    ),
    (
        "Where is he? Nobody knows! The search goes on.",
        ["Where is he?", "Nobody knows!", "The search goes on."],
    ),
]


def main() -> None:
    args = _parse_args()
    texts = _load_texts(Path(args.data), args.articles)
    pysbd_split = _pysbd_splitter()
    words = sum(len(t.split()) for t in texts)
    print(f"corpus: {len(texts)} texts, {words:,} words\n")
    _report_agreement(texts, pysbd_split)
    _report_tricky(pysbd_split)
    _report_speed(texts, words, pysbd_split, args.runs)


def _parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("data", nargs="?", default=str(ROOT.parent / "shared" / "data"))
    parser.add_argument("--articles", type=int, default=150, help="polnear articles sampled")
    parser.add_argument("--runs", type=int, default=3)
    return parser.parse_args()


def _load_texts(data: Path, n_polnear: int) -> list[str]:
    polnear = sorted((data / "polnear-attribution").glob("*/text/*.txt"))
    sample = random.Random(7).sample(polnear, min(n_polnear, len(polnear)))
    texts = [p.read_text(encoding="utf-8") for p in sample]
    versions = data / "archivediff-nyt-versions" / "versions.jsonl"
    if versions.exists():
        for line in versions.read_text(encoding="utf-8").splitlines():
            texts.append(json.loads(line)["text"])
    return texts


def _pysbd_splitter() -> Splitter:
    seg = pysbd.Segmenter(language="en", clean=False)

    def split(text: str) -> list[str]:
        out: list[str] = []
        for line in text.splitlines():
            if line.strip():
                out.extend(s.strip() for s in seg.segment(line) if s.strip())
        return out

    return split


def _paragraph_cuts(text: str, split: Splitter) -> list[tuple[set[int], set[int]]]:
    """Per paragraph: (all intra-paragraph cuts, cuts inside an open quotation)."""
    cuts: list[tuple[set[int], set[int]]] = []
    for para in text.splitlines():
        if not para.strip():
            continue
        pos, ends = 0, set()
        for s in split(para)[:-1]:
            pos += len("".join(s.split()))
            ends.add(pos)
        cuts.append((ends, ends & _quoted_offsets(para)))
    return cuts


def _quoted_offsets(para: str) -> set[int]:
    """Non-space offsets that lie inside a quotation (curly nesting or straight-quote parity)."""
    inside: set[int] = set()
    depth, straight, pos = 0, False, 0
    for ch in para:
        if ch.isspace():
            continue
        pos += 1
        if ch == "“":
            depth += 1
        elif ch == "”":
            depth = max(0, depth - 1)
        elif ch == '"':
            straight = not straight
        if depth or straight:
            inside.add(pos)
    return inside


def _report_agreement(texts: list[str], pysbd_split: Splitter) -> None:
    counts = {"all cuts": [0, 0, 0], "cuts outside quotations": [0, 0, 0]}
    for text in texts:
        pairs = zip(
            _paragraph_cuts(text, split_sentences), _paragraph_cuts(text, pysbd_split), strict=True
        )
        for (ours, ours_q), (theirs, theirs_q) in pairs:
            for name, a, b in (
                ("all cuts", ours, theirs),
                ("cuts outside quotations", ours - ours_q, theirs - theirs_q),
            ):
                c = counts[name]
                c[0] += len(a & b)
                c[1] += len(a - b)
                c[2] += len(b - a)
    print("boundary agreement with pysbd (intra-paragraph cuts; pysbd never cuts inside quotes)")
    for name, (tp, fp, fn) in counts.items():
        p, r = tp / max(1, tp + fp), tp / max(1, tp + fn)
        f1 = 2 * p * r / max(1e-9, p + r)
        print(
            f"  {name:24s} shared {tp:5d}  only ours {fp:4d}  only pysbd {fn:4d}  "
            f"P {p:.3f}  R {r:.3f}  F1 {f1:.3f}"
        )
    print()


def _report_tricky(pysbd_split: Splitter) -> None:
    print(f"hand-checked tricky paragraphs ({len(TRICKY)}): exact sentence lists")
    for name, split in (("tracker", split_sentences), ("pysbd", pysbd_split)):
        ok = sum(split(text) == expected for text, expected in TRICKY)
        print(f"  {name:8s} {ok}/{len(TRICKY)}")
    misses = [text for text, expected in TRICKY if split_sentences(text) != expected]
    for text in misses:
        print(f"  tracker miss: {text!r} -> {split_sentences(text)}")
    print()


def _report_speed(texts: list[str], words: int, pysbd_split: Splitter, runs: int) -> None:
    ours = _median_seconds(split_sentences, texts, max(runs, 5))
    theirs = _median_seconds(pysbd_split, texts, runs)
    print("speed (median of runs, ms per 1,000 words)")
    print(f"  tracker {1000 * ours / words * 1000:8.3f}")
    print(f"  pysbd   {1000 * theirs / words * 1000:8.3f}")
    print(f"  tracker is {theirs / ours:.0f}x faster")


def _median_seconds(split: Splitter, texts: list[str], runs: int) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        for text in texts:
            split(text)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


if __name__ == "__main__":
    main()
