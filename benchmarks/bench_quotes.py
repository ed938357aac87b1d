"""Direct quotes and speakers against PolNeAR (hand-annotated attributions in political news).

Gold: the words inside quotation marks within each annotated Content span (one annotator file per
article, the first by name), with the relation's Source span as speaker. Quotation marks are
straight and curly double quotes, guillemets, and doubled apostrophes ('' ... '' or `` ... '',
the style of 88 PolNeAR NYT articles). The "no '' gold" rows score against the older gold that
left doubled-apostrophe quotations out (--no-doubled-apostrophes: that gold for every row).
Quotes of one or two words (scare quotes, optional in CONTRACT.md) are left out of gold and
prediction alike; the "all lengths" rows keep them.

Content: token precision / recall / F1 (tokens inside predicted quotes vs inside gold quotes).
Speaker: for each gold quote with a Source that a predicted quote overlaps, the predicted speaker
is right when its content words overlap the Source's, or, for a pronoun Source (he, she, they,
I, we), those of the nearest earlier named Source in the article (its coreferent full name).

Baseline, run in the same process: quotes between paired marks in each paragraph, speaker the
nearest "X said" / "said X" / "he said" of the paragraph (pronouns: the last named speaker).

    python benchmarks/bench_quotes.py [DATA_DIR] [--split dev|train|test|all] [--runs 3]
        [--no-doubled-apostrophes]
"""

from __future__ import annotations

import argparse
import re
import statistics
import sys
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from tracker import extract_quotes  # noqa: E402

_WORD = re.compile(r"\w+(?:[’'.-]\w+)*")
_PRONOUNS = frozenset("he she they i we it him her them".split())
_STOP = frozenset(
    """a an the of for and in at to on with by from s sen rep mr mrs ms dr gov his her their
    its who which that this""".split()
)
_OPEN, _CLOSE = "“«", "”»"


@dataclass(frozen=True, slots=True)
class Gold:
    start: int
    end: int
    source: str | None
    source_at: int


@dataclass(frozen=True, slots=True)
class Pred:
    start: int
    end: int
    speaker: str | None


@dataclass
class Tally:
    tp: int = 0
    fp: int = 0
    fn: int = 0
    matched: int = 0
    right: int = 0
    with_source: int = 0
    pronoun_matched: int = 0
    pronoun_right: int = 0

    def row(self, name: str) -> str:
        p = self.tp / max(1, self.tp + self.fp)
        r = self.tp / max(1, self.tp + self.fn)
        f = 2 * p * r / max(1e-9, p + r)
        acc = self.right / max(1, self.matched)
        e2e = self.right / max(1, self.with_source)
        named = (self.right - self.pronoun_right) / max(1, self.matched - self.pronoun_matched)
        pron = self.pronoun_right / max(1, self.pronoun_matched)
        return (
            f"{name:<42}{p:>7.3f}{r:>7.3f}{f:>7.3f}{acc:>9.3f}{named:>8.3f}{pron:>8.3f}"
            f"{e2e:>9.3f}{self.matched:>8}"
        )


def _articles(root: Path, split: str) -> Iterator[tuple[str, str]]:
    splits = ["train", "dev", "test"] if split == "all" else [split]
    for part in splits:
        anns = sorted((root / part / "attributions").glob("*.ann"))
        seen: set[str] = set()
        for ann in anns:
            stem = ann.stem.rsplit("_", 1)[0]
            if stem in seen:
                continue
            seen.add(stem)
            text = (root / part / "text" / f"{stem}.txt").read_text(encoding="utf-8")
            yield text, ann.read_text(encoding="utf-8")


def _spans(field: str) -> list[tuple[int, int]]:
    out = []
    for piece in field.split(" ", 1)[1].split(";"):
        a, b = piece.split()
        out.append((int(a), int(b)))
    return out


def _gold(text: str, ann: str, all_contents: bool = True, doubled: bool = True) -> list[Gold]:
    spans: dict[str, tuple[str, list[tuple[int, int]]]] = {}
    relations: list[dict[str, str]] = []
    for line in ann.splitlines():
        parts = line.split("\t")
        if parts[0].startswith("T") and len(parts) >= 2:
            spans[parts[0]] = (parts[1].split(" ", 1)[0], _spans(parts[1]))
        elif parts[0].startswith("E") and len(parts) >= 2:
            relations.append(dict(p.split(":", 1) for p in parts[1].split() if ":" in p))
    sources = sorted(
        (spans[rel["Source"]][1][0][0], _span_text(text, spans[rel["Source"]][1]))
        for rel in relations
        if rel.get("Source") in spans
    )
    out: list[Gold] = []
    for rel in relations:
        source = spans[rel["Source"]][1] if rel.get("Source") in spans else None
        name = _span_text(text, source) if source else None
        at = source[0][0] if source else 0
        for a, b in _content(rel, spans, all_contents):
            for qa, qb in _quoted(text, a, b, doubled):
                out.append(Gold(qa, qb, _coreferent(name, at, sources), at))
    return out


def _content(
    rel: dict[str, str], spans: dict[str, tuple[str, list[tuple[int, int]]]], every: bool
) -> Iterator[tuple[int, int]]:
    """The relation's Content ranges; with `every`, also its Content2, Content3... (the second
    half of a quote split by its attribution, `“A,” X said. “B.”`)."""
    for key, ref in rel.items():
        if key == "Content" or (every and key.startswith("Content")):
            if ref in spans:
                yield from spans[ref][1]


def _span_text(text: str, spans: list[tuple[int, int]]) -> str:
    return " ".join(text[a:b] for a, b in spans)


def _coreferent(name: str | None, at: int, sources: list[tuple[int, str]]) -> str | None:
    """A pronoun Source joined with the nearest earlier named Source (its likely referent)."""
    if name is None or name.lower() not in _PRONOUNS:
        return name
    earlier = [
        s
        for pos, s in sources
        if pos < at and s.lower() not in _PRONOUNS and any(w[:1].isupper() for w in s.split())
    ]
    return f"{name} {earlier[-1]}" if earlier else name


def _quoted(text: str, a: int, b: int, doubled: bool = True) -> Iterator[tuple[int, int]]:
    """Ranges between quotation marks inside [a, b) (a range may run past a paragraph).

    With `doubled`, two apostrophes ('' or ``) make a double quotation mark too. In a run of
    three a single quote nests inside: opening, the mark is the first two ('''Sir), closing the
    last two (it,''')."""
    opened: int | None = None
    i = a
    while i < b:
        c = text[i]
        mark_start, mark_end = i, i + 1
        i += 1
        if doubled and c in "'`" and text[mark_start : mark_start + 2] == c * 2:
            while i < b and text[i] == c:
                i += 1
            if c == "`" or opened is None:
                mark_end = mark_start + 2
            else:
                mark_start = i - 2
                mark_end = i
            c = "“" if c == "`" else '"'
        elif c not in '"“”«»':
            continue
        opening = c in _OPEN or (c == '"' and opened is None)
        if opening and opened is None:
            opened = mark_end
        elif not opening or c == '"':
            yield (opened if opened is not None else a), mark_start
            opened = None
    if opened is not None:
        yield opened, b


def _tokens(text: str, a: int, b: int) -> set[int]:
    return {m.start() for m in _WORD.finditer(text, a, b)}


def _keys(name: str) -> set[str]:
    words = {w.lower().removesuffix("’s").removesuffix("'s") for w in _WORD.findall(name)}
    return words - _STOP - _PRONOUNS


def _speaker_right(pred: str | None, gold: str) -> bool:
    return pred is not None and bool(_keys(pred) & _keys(gold))


def _score(text: str, gold: list[Gold], pred: list[Pred], tally: Tally, min_words: int) -> None:
    gold = [g for g in gold if len(_tokens(text, g.start, g.end)) >= min_words]
    pred = [p for p in pred if len(_tokens(text, p.start, p.end)) >= min_words]
    g_tok = set().union(*(_tokens(text, g.start, g.end) for g in gold))
    p_tok = set().union(*(_tokens(text, p.start, p.end) for p in pred))
    tally.tp += len(g_tok & p_tok)
    tally.fp += len(p_tok - g_tok)
    tally.fn += len(g_tok - p_tok)
    for g in gold:
        if g.source is None:
            continue
        tally.with_source += 1
        mine = _tokens(text, g.start, g.end)
        best = max(pred, key=lambda p: len(mine & _tokens(text, p.start, p.end)), default=None)
        if best is None or not mine & _tokens(text, best.start, best.end):
            continue
        right = _speaker_right(best.speaker, g.source)
        tally.matched += 1
        tally.right += right
        if g.source.split()[0].lower() in _PRONOUNS:
            tally.pronoun_matched += 1
            tally.pronoun_right += right


# -- baseline --------------------------------------------------------------------------------

_B_QUOTE = re.compile(r"“([^“”\n]+)”|\"([^\"\n]+)\"")
_B_NAME = r"((?:[A-Z][\w.’'-]*\s+){0,3}[A-Z][\w’'-]*)"
_B_SAID = re.compile(
    rf"{_B_NAME}\s+(?:said|says)\b|\b(?:said|says)\s+{_B_NAME}|\b([Hh]e|[Ss]he)\s+(?:said|says)\b"
)


def baseline(text: str) -> list[Pred]:
    out: list[Pred] = []
    last_named: str | None = None
    for para in re.finditer(r"[^\n]+", text):
        cues = []
        for m in _B_SAID.finditer(text, para.start(), para.end()):
            name = m.group(1) or m.group(2) or m.group(3)
            if name.lower() not in ("he", "she"):
                last_named = name
            cues.append((m.start(), name if name.lower() not in ("he", "she") else last_named))
        for m in _B_QUOTE.finditer(text, para.start(), para.end()):
            g = 1 if m.group(1) is not None else 2
            near = min(
                cues,
                key=lambda c: min(abs(c[0] - m.start()), abs(c[0] - m.end())),
                default=(0, None),
            )
            out.append(Pred(m.start(g), m.end(g), near[1]))
    return out


def ours(text: str) -> list[Pred]:
    return [Pred(q.start, q.end, q.speaker) for q in extract_quotes(text)]


def _timed(fn: Callable[[str], list[Pred]], text: str, runs: int) -> tuple[list[Pred], float]:
    best = float("inf")
    result: list[Pred] = []
    for _ in range(runs):
        t0 = time.perf_counter()
        result = fn(text)
        best = min(best, time.perf_counter() - t0)
    return result, best * 1000


def main() -> None:
    default = Path(__file__).resolve().parents[2] / "shared" / "data"
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("data", nargs="?", type=Path, default=default)
    ap.add_argument("--split", default="dev", choices=["train", "dev", "test", "all"])
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument(
        "--first-content-only",
        action="store_true",
        help="old gold: a relation's Content only, not its Content2.. (the split quote's rest)",
    )
    ap.add_argument(
        "--no-doubled-apostrophes",
        action="store_true",
        help="old gold: leave quotations in doubled apostrophes ('' .. '', `` .. '') out",
    )
    ap.add_argument(
        "--speaker-errors",
        action="store_true",
        help="list each matched gold quote whose speaker tracker gets wrong or leaves out",
    )
    ap.add_argument(
        "--errors",
        action="store_true",
        help="list tracker's predicted words outside gold (FP: no gold overlap; LONG: extra words)",
    )
    args = ap.parse_args()
    root = args.data / "polnear-attribution"
    systems = {"tracker": ours, "regex baseline": baseline}
    golds = [False] if args.no_doubled_apostrophes else [True, False]
    tallies = {(n, k, d): Tally() for n in systems for k in (3, 1) for d in golds}
    times: dict[str, list[float]] = {n: [] for n in systems}
    count = 0
    n_gold = dict.fromkeys(golds, 0)
    for text, ann in _articles(root, args.split):
        count += 1
        gold = {d: _gold(text, ann, not args.first_content_only, d) for d in golds}
        for d in golds:
            n_gold[d] += sum(len(_tokens(text, g.start, g.end)) >= 3 for g in gold[d])
        if args.errors:
            _list_errors(count, text, gold[golds[0]])
        if args.speaker_errors:
            _list_speaker_errors(count, text, gold[golds[0]])
        for name, fn in systems.items():
            pred, ms = _timed(fn, text, args.runs)
            times[name].append(ms)
            for k in (3, 1):
                for d in golds:
                    _score(text, gold[d], pred, tallies[(name, k, d)], k)
    doubled = f", {n_gold[True] - n_gold[False]} of them in ''..''" if True in golds else ""
    print(f"PolNeAR {args.split}: {count} articles, {n_gold[golds[0]]} gold quotes{doubled}")
    print(
        f"{'system':<42}{'P':>7}{'R':>7}{'F1':>7}{'spk acc':>9}{'named':>8}{'pronoun':>8}"
        f"{'spk e2e':>9}{'matched':>8}"
    )
    for d in golds:
        tag = "" if d or len(golds) == 1 else ", no '' gold"
        for name in systems:
            print(tallies[(name, 3, d)].row(f"{name}{f' ({tag[2:]})' if tag else ''}"))
        for name in systems:
            print(tallies[(name, 1, d)].row(f"{name} (all lengths{tag})"))
    base = statistics.median(times["regex baseline"])
    for name in systems:
        med = statistics.median(times[name])
        print(f"speed {name:<16} median {med:.3f} ms/article  ({med / base:.1f}x baseline)")
    texts = [text for text, _ in _articles(root, args.split)]
    passes = {name: _one_pass(fn, texts, args.runs) for name, fn in systems.items()}
    for name, ms in passes.items():
        ratio = ms / passes["regex baseline"]
        print(f"one pass {name:<16} mean {ms:.3f} ms/article CPU  ({ratio:.1f}x baseline)")


def _list_errors(article: int, text: str, gold: list[Gold]) -> None:
    """Print each tracker quote (3+ words) with words outside gold, and how many of those words
    the regex baseline also predicts."""
    g_tok = set().union(*(_tokens(text, g.start, g.end) for g in gold))
    spans = (_tokens(text, p.start, p.end) for p in baseline(text))
    b_tok = set().union(*(t for t in spans if len(t) >= 3))
    for p in ours(text):
        mine = _tokens(text, p.start, p.end)
        extra = mine - g_tok
        if len(mine) < 3 or not extra:
            continue
        kind = "LONG" if mine & g_tok else "FP"
        words = " ".join(m.group() for m in _WORD.finditer(text, p.start, p.end))
        if kind == "LONG":
            words = " ".join(
                m.group() if m.start() in extra else "_"
                for m in _WORD.finditer(text, p.start, p.end)
            )
        left = text[max(0, p.start - 70) : p.start].replace("\n", "/")
        print(
            f"{kind:<4} art {article:>3} extra {len(extra):>3} baseline {len(extra & b_tok):>3} "
            f"speaker {p.speaker!r}\n     …{left}[[{words[:240]}]]"
        )


def _list_speaker_errors(article: int, text: str, gold: list[Gold]) -> None:
    """Print each gold quote (3+ words, with a Source) that a tracker quote overlaps but whose
    speaker is wrong (WRONG) or missing (NONE), with the gold Source and the sentence around."""
    pred = ours(text)
    for g in gold:
        mine = _tokens(text, g.start, g.end)
        if g.source is None or len(mine) < 3:
            continue
        best = max(pred, key=lambda p: len(mine & _tokens(text, p.start, p.end)), default=None)
        if best is None or not mine & _tokens(text, best.start, best.end):
            continue
        if _speaker_right(best.speaker, g.source):
            continue
        kind = "NONE" if best.speaker is None else "WRONG"
        lo = max(text.rfind("\n", 0, min(g.start, g.source_at)) + 1, g.start - 200)
        hi = text.find("\n", g.end)
        hi = min(hi if hi >= 0 else len(text), g.end + 200)
        print(
            f"{kind:<5} art {article:>3} gold {g.source!r} got {best.speaker!r}\n"
            f"      {text[lo:hi]}"
        )


def _one_pass(fn: Callable[[str], list[Pred]], texts: list[str], runs: int) -> float:
    """CPU ms per article over one pass through every text (no text twice in a row, so nothing
    remembered from the previous call helps), median of `runs` passes."""
    per_pass = []
    for _ in range(max(runs, 1)):
        t0 = time.process_time()
        for text in texts:
            fn(text)
        per_pass.append((time.process_time() - t0) * 1000 / max(len(texts), 1))
    return statistics.median(per_pass)


if __name__ == "__main__":
    main()
