"""Benchmark article extraction against plain trafilatura and readability-lxml, same run.

Usage: python benchmarks/bench_extract.py [DATA_DIR] [--repeat N] [--limit N]

DATA_DIR defaults to ../shared/data relative to the repository root. Three parts:

1. scrapinghub-article-extraction-benchmark: body text vs the human `articleBody`, scored as
   upstream does (4-token shingles, precision and recall per page, means over pages, F1 of the
   means); unigram token scores beside them; plus median milliseconds per page.
2. readability-test-pages (real pages only) and trafilatura-evaldata-english: title and
   byline/author match. Match = after normalising (NFKC, case-folded, quotes/dashes unified,
   runs of non-alphanumerics to one space, a leading "by" dropped) the two strings are equal or
   one contains the other (both non-empty); for bylines "and" counts as a separator. This is
   lenient: a longer title holding the expected one, or one author of several (even a first
   name alone), counts. So two strict columns stand beside it: "title exact" (equal after
   normalising) and "byline exact" (the same set of names, split at , ; & | and "and").
   Pages whose expected value is empty are left out of the rate and counted apart
   ("spurious": we output something where nothing is expected).
3. trafilatura-evaldata-english `with`/`without` snippets: precision/recall/F1 over all
   snippets, whitespace-normalised substring matching, as upstream scores it.
"""

from __future__ import annotations

import argparse
import gzip
import json
import re
import statistics
import sys
import time
import unicodedata
from collections import Counter
from collections.abc import Callable, Iterator
from pathlib import Path

import trafilatura
from lxml import html as lxml_html
from readability import Document

from tracker.errors import ExtractionEmpty
from tracker.extract.article import extract_article

ROOT = Path(__file__).resolve().parent.parent
# The synthetic regression fixtures its README names; every other folder is a real page.
SYNTHETIC = re.compile(
    r"^(?:001|002|004-metadata-space-separated-properties|005-unescape-html-entities|base-url.*|"
    r"clean-links|comment-inside-script-parsing|js-link-replacement|normalize-spaces|remove-.*|"
    r"replace-.*|style-tags-removal|table-style-attributes|visibility-hidden|ol)$"
)
TOKEN = re.compile(r"\w+")
Extractor = Callable[[bytes, str], str]


# --- extractors under test --------------------------------------------------------------


def tracker_body(html: bytes, url: str) -> str:
    try:
        return extract_article(html, url).text
    except ExtractionEmpty:
        return ""


def trafilatura_body(html: bytes, url: str) -> str:
    return trafilatura.extract(html, url=url) or ""


def readability_body(html: bytes, url: str) -> str:
    summary = Document(html, url=url).summary(html_partial=True)
    return lxml_html.fromstring(summary).text_content() if summary.strip() else ""


BODY_EXTRACTORS: dict[str, Extractor] = {
    "tracker": tracker_body,
    "trafilatura": trafilatura_body,
    "readability-lxml": readability_body,
}


def tracker_meta(html: bytes, url: str) -> tuple[str, str]:
    try:
        article = extract_article(html, url)
    except ExtractionEmpty:
        return "", ""
    return article.title, ", ".join(article.authors)


def trafilatura_meta(html: bytes, url: str) -> tuple[str, str]:
    meta = trafilatura.extract_metadata(html, default_url=url)
    return (meta.title or "", meta.author or "") if meta else ("", "")


def readability_meta(html: bytes, url: str) -> tuple[str, str]:
    return Document(html, url=url).short_title() or "", ""


META_EXTRACTORS: dict[str, Callable[[bytes, str], tuple[str, str]]] = {
    "tracker": tracker_meta,
    "trafilatura": trafilatura_meta,
    "readability-lxml": readability_meta,
}


# --- scoring ------------------------------------------------------------------------------


def shingles(text: str, n: int) -> Counter[tuple[str, ...]]:
    tokens = TOKEN.findall(text or "")
    return Counter(tuple(tokens[i : i + n]) for i in range(max(0, len(tokens) - n + 1)))


def precision_recall(true: str, pred: str, n: int) -> tuple[float, float]:
    expected, got = shingles(true, n), shingles(pred, n)
    tp = sum((expected & got).values())
    fp = sum((got - expected).values())
    fn = sum((expected - got).values())
    precision = tp / (tp + fp) if tp + fp else (1.0 if not expected else 0.0)
    recall = tp / (tp + fn) if tp + fn else 1.0
    return precision, recall


def f1(p: float, r: float) -> float:
    return 2 * p * r / (p + r) if p + r else 0.0


def normalise(text: str) -> str:
    text = unicodedata.normalize("NFKC", text or "").casefold()
    text = re.sub(r"[‘’“”\"'`´]", "", text)
    text = re.sub(r"[^\w]+", " ", text).strip()
    return re.sub(r"^by ", "", text)


def matches(expected: str, got: str, names: bool = False) -> bool:
    a, b = normalise(expected), normalise(got)
    if names:  # "A and B" == "A, B"
        a, b = (re.sub(r"\b(?:and|und|et|y)\b", " ", x).split() for x in (a, b))
        a, b = " ".join(a), " ".join(b)
    return bool(a and b) and (a == b or a in b or b in a)


def name_set(text: str) -> set[str]:
    parts = re.split(r"\s*(?:[,;&|\n]|\band\b)\s*", text or "")
    return {n for n in (normalise(p) for p in parts) if n}


# --- datasets -----------------------------------------------------------------------------


def scrapinghub_pages(data: Path, limit: int) -> Iterator[tuple[bytes, str, str]]:
    folder = data / "scrapinghub-article-extraction-benchmark"
    truth = json.loads((folder / "ground-truth.json").read_text(encoding="utf-8"))
    for key in sorted(truth)[:limit]:
        html = gzip.decompress((folder / "html" / f"{key}.html.gz").read_bytes())
        yield html, truth[key]["url"], truth[key]["articleBody"]


def readability_pages(data: Path, limit: int) -> Iterator[tuple[bytes, str, str, str]]:
    folder = data / "readability-test-pages"
    names = sorted(p.name for p in folder.iterdir() if p.is_dir() and not SYNTHETIC.match(p.name))
    for name in names[:limit]:
        meta = json.loads((folder / name / "expected-metadata.json").read_text(encoding="utf-8"))
        html = (folder / name / "source.html").read_bytes()
        yield html, f"http://fakehost/{name}/", meta.get("title") or "", meta.get("byline") or ""


def evaldata_pages(data: Path, limit: int) -> Iterator[tuple[bytes, str, dict[str, object]]]:
    folder = data / "trafilatura-evaldata-english"
    records = json.loads((folder / "evaldata.json").read_text(encoding="utf-8"))
    for url in sorted(records)[:limit]:
        record = records[url]
        yield gzip.decompress((folder / "html" / str(record["file"])).read_bytes()), url, record


# --- the three parts ----------------------------------------------------------------------


def timed(fn: Extractor, html: bytes, url: str, repeat: int) -> tuple[str, float]:
    times = []
    out = ""
    for _ in range(repeat):
        start = time.perf_counter()
        out = fn(html, url)
        times.append(time.perf_counter() - start)
    return out, statistics.median(times)


def body_benchmark(data: Path, repeat: int, limit: int) -> None:
    scores: dict[str, dict[str, list[float]]] = {
        name: {"p4": [], "r4": [], "f4": [], "p1": [], "r1": [], "ms": []}
        for name in BODY_EXTRACTORS
    }
    pages = list(scrapinghub_pages(data, limit))
    for html, url, truth in pages:
        for name, fn in BODY_EXTRACTORS.items():
            out, seconds = timed(fn, html, url, repeat)
            row = scores[name]
            p4, r4 = precision_recall(truth, out, 4)
            p1, r1 = precision_recall(truth, out, 1)
            for key, value in (("p4", p4), ("r4", r4), ("f4", f1(p4, r4)), ("p1", p1), ("r1", r1)):
                row[key].append(value)
            row["ms"].append(seconds * 1000)
    print(f"\n## Body text: scrapinghub benchmark ({len(pages)} pages, timing median of {repeat})")
    print(
        f"{'extractor':<18}{'P':>8}{'R':>8}{'F1':>8}{'meanF1':>8}{'P(tok)':>8}{'R(tok)':>8}"
        f"{'F1(tok)':>8}{'ms/page':>9}{'x tracker':>10}"
    )
    base = statistics.median(scores["tracker"]["ms"])
    for name, row in scores.items():
        p4, r4 = statistics.mean(row["p4"]), statistics.mean(row["r4"])
        p1, r1 = statistics.mean(row["p1"]), statistics.mean(row["r1"])
        ms = statistics.median(row["ms"])
        print(
            f"{name:<18}{p4:>8.4f}{r4:>8.4f}{f1(p4, r4):>8.4f}{statistics.mean(row['f4']):>8.4f}"
            f"{p1:>8.4f}{r1:>8.4f}{f1(p1, r1):>8.4f}{ms:>9.1f}{ms / base:>10.2f}"
        )


def meta_table(title: str, rows: list[tuple[str, str, dict[str, tuple[str, str]]]]) -> None:
    print(f"\n## {title} ({len(rows)} pages)")
    print(
        f"{'extractor':<18}{'title':>14}{'title exact':>13}{'byline':>14}{'byline exact':>14}"
        f"{'spurious':>10}"
    )
    for name in META_EXTRACTORS:
        t_ok = t_exact = t_n = b_ok = b_exact = b_n = spurious = 0
        for want_title, want_byline, got in rows:
            title, byline = got[name]
            if want_title:
                t_n += 1
                t_ok += matches(want_title, title)
                t_exact += normalise(want_title) == normalise(title)
            if want_byline:
                b_n += 1
                b_ok += matches(want_byline, byline, names=True)
                b_exact += name_set(want_byline) == name_set(byline)
            elif byline:
                spurious += 1
        has_byline = name != "readability-lxml"
        byline_cell = f"{b_ok}/{b_n}={b_ok / max(b_n, 1):.3f}" if has_byline else "n/a"
        exact_cell = f"{b_exact / max(b_n, 1):.3f}" if has_byline else "n/a"
        print(
            f"{name:<18}{t_ok:>4}/{t_n}={t_ok / max(t_n, 1):.3f}{t_exact / max(t_n, 1):>13.3f}"
            f"{byline_cell:>14}{exact_cell:>14}{spurious:>10}"
        )


def metadata_benchmark(data: Path, limit: int) -> None:
    rows = []
    for html, url, title, byline in readability_pages(data, limit):
        rows.append((title, byline, {n: fn(html, url) for n, fn in META_EXTRACTORS.items()}))
    meta_table("Title and byline: readability-test-pages, real pages", rows)
    rows = []
    for html, url, record in evaldata_pages(data, limit):
        want_title, want_author = str(record.get("title") or ""), str(record.get("author") or "")
        rows.append(
            (want_title, want_author, {n: fn(html, url) for n, fn in META_EXTRACTORS.items()})
        )
    meta_table("Title and author: trafilatura-evaldata-english", rows)


def snippet_benchmark(data: Path, limit: int) -> None:
    counts = {name: Counter[str]() for name in BODY_EXTRACTORS}
    pages = list(evaldata_pages(data, limit))
    for html, url, record in pages:
        for name, fn in BODY_EXTRACTORS.items():
            text = " ".join(fn(html, url).split())
            for snippet in record.get("with") or []:  # type: ignore[attr-defined]
                counts[name]["tp" if " ".join(snippet.split()) in text else "fn"] += 1
            for snippet in record.get("without") or []:  # type: ignore[attr-defined]
                counts[name]["fp" if " ".join(snippet.split()) in text else "tn"] += 1
    print(f"\n## with/without snippets: trafilatura-evaldata-english ({len(pages)} pages)")
    print(f"{'extractor':<18}{'P':>8}{'R':>8}{'F1':>8}{'acc':>8}")
    for name, c in counts.items():
        p = c["tp"] / max(c["tp"] + c["fp"], 1)
        r = c["tp"] / max(c["tp"] + c["fn"], 1)
        acc = (c["tp"] + c["tn"]) / max(sum(c.values()), 1)
        print(f"{name:<18}{p:>8.4f}{r:>8.4f}{f1(p, r):>8.4f}{acc:>8.4f}")


def _tracker_date(html: bytes, url: str) -> str:
    try:
        return extract_article(html, url).published or ""
    except ExtractionEmpty:
        return ""


def _trafilatura_date(html: bytes, url: str) -> str:
    meta = trafilatura.extract_metadata(html, default_url=url)
    return (meta.date or "") if meta else ""


def date_benchmark(data: Path, limit: int) -> None:
    """Publication date (the day) against readability's publishedTime and evaldata's date."""
    folder = data / "readability-test-pages"
    cases: dict[str, list[tuple[bytes, str, str]]] = {"readability pages": [], "evaldata": []}
    for html, url, _, _ in readability_pages(data, limit):
        name = url.rstrip("/").rsplit("/", 1)[-1]
        meta = json.loads((folder / name / "expected-metadata.json").read_text(encoding="utf-8"))
        if meta.get("publishedTime"):
            cases["readability pages"].append((html, url, str(meta["publishedTime"])[:10]))
    for html, url, record in evaldata_pages(data, limit):
        if record.get("date"):
            cases["evaldata"].append((html, url, str(record["date"])[:10]))
    print("\n## Publication date (same day)")
    print(f"{'extractor':16s}" + "".join(f"{k:>22s}" for k in cases))
    for name, fn in (("tracker", _tracker_date), ("trafilatura", _trafilatura_date)):
        cells = []
        for items in cases.values():
            hits = sum(fn(html, url)[:10] == want for html, url, want in items)
            cells.append(f"{hits}/{len(items)} = {hits / max(1, len(items)):.3f}")
        print(f"{name:16s}" + "".join(f"{c:>22s}" for c in cells))


def main(argv: list[str]) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("data", nargs="?", type=Path, default=ROOT.parent / "shared" / "data")
    parser.add_argument("--repeat", type=int, default=3, help="timing runs per page")
    parser.add_argument("--limit", type=int, default=10_000, help="pages per dataset")
    parser.add_argument("--only", choices=["body", "meta", "dates", "snippets"], default=None)
    args = parser.parse_args(argv)
    if args.only in (None, "body"):
        body_benchmark(args.data, args.repeat, args.limit)
    if args.only in (None, "meta"):
        metadata_benchmark(args.data, args.limit)
    if args.only in (None, "dates"):
        date_benchmark(args.data, args.limit)
    if args.only in (None, "snippets"):
        snippet_benchmark(args.data, args.limit)


if __name__ == "__main__":
    main(sys.argv[1:])
