"""The store at scale: what reading, watching and snapshotting cost as the store grows 4x.

Usage: python benchmarks/bench_scale.py [--sizes 250,1000,4000] [--ten-thousand]
       [--versions 5] [--runs 3] [--cli-sizes 50,200] [--full-changelog-max 1000]

Fast path (each size N): a child process builds a store of N generated articles (one host,
~450 words each) with `--versions` versions each through `StoreWriter` (one run per round of
versions, a commit per 100 versions as a cron cycle makes them; the store compacts itself after
each run). Then the real CLI, one process per command, CPU time and peak memory of that process
(git children included), median of `--runs`: `watch add` of all N URLs into an empty list and
of 50 more into the full one, `log`, `show` and `diff` of one article, `changelog` of 100 URLs,
the full `changelog --format atom` (up to `--full-changelog-max` articles: it runs one compare
per version), `list --stats`. Beside it, the same raw pages stored by the git-scraping baseline
(one `git add -A && git commit` per round) and a NewsDiffs-style commit per version (`git add` +
`git commit` per changed page, on a sample of 200 pages of the full store).

CLI path (each of `--cli-sizes`): a loopback server serves the generated pages; `watch add`,
then `snapshot --all` per round (fetch, extract, decide, record), then one cycle with 10% of
the pages changed. CPU per changed version, peak memory, `.git` against the raw HTML.

Growth columns divide a size's number by the previous size's (4x the articles).
"""

from __future__ import annotations

import argparse
import html
import json
import os
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench_snapshot import serve  # noqa: E402 - the same loopback server

T0 = datetime(2024, 5, 1, 6, 0, tzinfo=timezone.utc)
HOST = "https://news.example"
COMMIT_EVERY = 100
_WORDS = (
    "the council said on monday that its budget would rise by percent after a vote in which "
    "members of the city board argued over schools roads and police spending while residents "
    "waited outside the hall for news of what the mayor had promised during the campaign last "
    "year officials told reporters they expected a second vote next week although critics "
    "warned that the plan could leave a gap in funding for hospitals libraries and parks"
).split()
_NAMES = ("Ann Lee", "Bo Chen", "Cy Diaz", "Dee Park", "Eli Moss", "Fay Ortiz", "Gus Hale")


# -- generated articles ------------------------------------------------------------------------


def _sentence(rng: random.Random) -> str:
    words = [rng.choice(_WORDS) for _ in range(rng.randint(9, 18))]
    if rng.random() < 0.3:
        words.insert(rng.randrange(len(words)), str(rng.randint(2, 950)))
    text = " ".join(words)
    if rng.random() < 0.2:
        text = f'"{text.capitalize()}," said {rng.choice(_NAMES)}'
    return text[0].upper() + text[1:] + "."


def article(n: int, version: int) -> tuple[str, list[str], list[str]]:
    """(title, authors, paragraphs) of article `n` at `version` (1-based): each version edits
    one sentence of the one before and every third one adds a sentence."""
    rng = random.Random(n)
    title = " ".join(rng.choice(_WORDS) for _ in range(7)).capitalize() + f" ({n})"
    authors = [rng.choice(_NAMES)]
    paragraphs = [[_sentence(rng) for _ in range(rng.randint(2, 3))] for _ in range(14)]
    for v in range(2, version + 1):
        edit = random.Random(n * 1009 + v)
        p = edit.randrange(len(paragraphs))
        paragraphs[p][edit.randrange(len(paragraphs[p]))] = _sentence(edit)
        if v % 3 == 0:
            paragraphs[edit.randrange(len(paragraphs))].append(_sentence(edit))
    return title, authors, [" ".join(p) for p in paragraphs]


def page(n: int, version: int) -> bytes:
    """The HTML page of article `n` at `version`, with site furniture around it."""
    title, authors, paragraphs = article(n, version)
    body = "".join(f"<p>{html.escape(p)}</p>" for p in paragraphs)
    links = "".join(f"<li><a href='/section/{k}'>Section {k}</a></li>" for k in range(25))
    return (
        "<!doctype html><html><head><meta charset='utf-8'>"
        f"<title>{html.escape(title)}</title>"
        f"<meta name='author' content='{authors[0]}'>"
        "<script>window.dataLayer=window.dataLayer||[];function track(){}</script>"
        f"</head><body><nav><ul>{links}</ul></nav><main><article>"
        f"<h1>{html.escape(title)}</h1><p class='byline'>By {authors[0]}</p>{body}</article>"
        f"</main><footer><ul>{links}</ul><p>(c) Example News</p></footer></body></html>"
    ).encode()


def url(n: int, base: str = HOST) -> str:
    return f"{base}/2024/05/story-{n}"


# -- child processes: build, baselines ------------------------------------------------------------


def build(store_dir: Path, count: int, versions: int) -> dict[str, Any]:
    """Build the fast-path store: a StoreWriter run per round of versions; then time a run in
    which 10% of the articles changed (every article decided, as a cron cycle does)."""
    from tracker.store.store import Store

    store = Store.open(store_dir)
    rounds, raw_bytes = [], 0
    for version in range(1, versions + 1):
        spent, written = _round(store, dict.fromkeys(range(count), version))
        rounds.append(spent)
        raw_bytes += written
    stats = store.stats()  # the store of `versions` rounds; then a run with 10% changed
    changed = set(random.Random(count).sample(range(count), count // 10))
    tenth, _ = _round(store, {n: versions + (n in changed) for n in range(count)})
    return {"rounds": rounds, "raw_bytes": raw_bytes, "stats": stats, "tenth": tenth}


def _round(store: Any, versions: dict[int, int]) -> tuple[float, int]:
    """One StoreWriter run recording article n at versions[n] (a commit per COMMIT_EVERY):
    (CPU seconds of it and its git children, bytes of raw HTML)."""
    from tracker.models import Article
    from tracker.store.identity import article_identity
    from tracker.store.store import Snapshot

    start = time.process_time()
    children = os.times().children_user + os.times().children_system
    raw_bytes = 0
    with store.writer() as writer:
        for n, version in versions.items():
            title, authors, paragraphs = article(n, version)
            raw = page(n, version)
            raw_bytes += len(raw)
            at = T0 + timedelta(hours=version)
            art = Article(title=title, authors=authors, published=None, modified=None,
                          paragraphs=paragraphs)  # fmt: skip
            writer.record(Snapshot(article_identity(url(n)), art, raw, at, {"status": 200}))
            if (n + 1) % COMMIT_EVERY == 0:
                writer.flush()
    spent = time.process_time() - start
    return spent + os.times().children_user + os.times().children_system - children, raw_bytes


def scrape(folder: Path, count: int, versions: int) -> dict[str, Any]:
    """git-scraping baseline: every round writes all pages and commits them with one
    `git add -A && git commit`."""
    folder.mkdir(parents=True)
    git = _git(folder)
    subprocess.run([*git, "init", "-q"], check=True)
    pages = folder / "pages"
    pages.mkdir()
    rounds = []
    for version in range(1, versions + 1):
        start = _cpu()
        for n in range(count):
            (pages / f"story-{n}.html").write_bytes(page(n, version))
        subprocess.run([*git, "add", "-A"], check=True)
        subprocess.run([*git, "commit", "-q", "-m", f"round {version}"], check=True)
        rounds.append(_cpu() - start)
    return {"rounds": rounds, "git_bytes": _bytes_under(folder / ".git")}


def per_version(folder: Path, count: int, versions: int, sample: int) -> dict[str, Any]:
    """NewsDiffs-style baseline: a repository holding `count` pages at `versions - 1`, then one
    `git add` + `git commit` per changed page for `sample` pages."""
    folder.mkdir(parents=True)
    git = _git(folder)
    subprocess.run([*git, "init", "-q"], check=True)
    pages = folder / "pages"
    pages.mkdir()
    for n in range(count):
        (pages / f"story-{n}.html").write_bytes(page(n, versions - 1))
    subprocess.run([*git, "add", "-A"], check=True)
    subprocess.run([*git, "commit", "-q", "-m", "setup"], check=True)
    start = _cpu()
    for n in range(sample):
        name = f"pages/story-{n}.html"
        (folder / name).write_bytes(page(n, versions))
        subprocess.run([*git, "add", name], check=True)
        subprocess.run([*git, "commit", "-q", "-m", name], check=True)
    return {"per_version": (_cpu() - start) / sample}


def _git(folder: Path) -> list[str]:
    return ["git", "-C", str(folder), "-c", "user.name=b", "-c", "user.email=b@b",
            "-c", "gc.auto=0"]  # fmt: skip


def _cpu() -> float:
    t = os.times()
    return t.user + t.system + t.children_user + t.children_system


def _bytes_under(folder: Path) -> int:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file())


# -- measuring processes ---------------------------------------------------------------------------


def run(command: Sequence[str], stdin: str | None = None) -> tuple[float, float, bytes]:
    """Run `command`: (CPU seconds of it and its children, peak memory in MB, stdout)."""
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        proc = subprocess.Popen(list(command), stdout=out, stderr=err,
                                stdin=subprocess.PIPE if stdin else subprocess.DEVNULL)  # fmt: skip
        if stdin:
            assert proc.stdin is not None
            proc.stdin.write(stdin.encode())
            proc.stdin.close()
        _, status, usage = os.wait4(proc.pid, 0)
        proc.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        err.seek(0)
        if proc.returncode:
            sys.exit(f"{' '.join(command[:4])}... failed:\n{err.read().decode()[-2000:]}")
        return usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024, out.read()


def tracker(store: Path, *args: str) -> list[str]:
    return [sys.executable, "-m", "tracker", *args, "--store", str(store)]


def median_run(command: Sequence[str], runs: int, before: Any = None) -> tuple[float, float]:
    """(median CPU seconds, peak MB) of `runs` runs of `command` (`before()` ahead of each)."""
    cpus, peaks = [], []
    for _ in range(runs):
        if before is not None:
            before()
        cpu, peak, _ = run(command)
        cpus.append(cpu)
        peaks.append(peak)
    return statistics.median(cpus), max(peaks)


def child(mode: str, *args: object) -> tuple[float, float, dict[str, Any]]:
    cpu, peak, out = run([sys.executable, __file__, "--child", mode, *map(str, args)])
    return cpu, peak, json.loads(out)


# -- the fast path --------------------------------------------------------------------------------


def fast_path(count: int, args: argparse.Namespace, work: Path) -> dict[str, Any]:
    store = work / f"store-{count}"
    _, build_peak, built = child("build", store, count, args.versions)
    row: dict[str, Any] = {"N": count, "build_peak_mb": build_peak}
    row["store_cpu_per_version_ms"] = 1000 * built["rounds"][-1] / count
    row["first_round_s"] = built["rounds"][0]
    row["tenth_s"] = built["tenth"]
    row["raw_mb"] = built["raw_bytes"] / 1e6
    row["git_mb"] = built["stats"]["git_bytes"] / 1e6
    row["packs"] = built["stats"]["packs"]
    urls = [url(n) for n in range(count)]
    watchlist = store / "watchlist.json"
    r = args.runs
    row["watch_add_all"] = median_run(tracker(store, "watch", "add", *urls), r,
                                      lambda: watchlist.unlink(missing_ok=True))  # fmt: skip
    run(tracker(store, "watch", "add", *urls))
    more = [url(n, "https://more.example") for n in range(50)]
    full = watchlist.read_bytes()
    row["watch_add_50"] = median_run(tracker(store, "watch", "add", *more), r,
                                     lambda: watchlist.write_bytes(full))  # fmt: skip
    one = url(count // 2)
    row["log"] = median_run(tracker(store, "log", one), r)
    row["show"] = median_run(tracker(store, "show", one, "3"), r)
    row["diff"] = median_run(tracker(store, "diff", one), r)
    row["changelog_100"] = median_run(tracker(store, "changelog", *urls[:: count // 100][:100]), r)
    if count <= args.full_changelog_max:
        row["changelog_all"] = median_run(tracker(store, "changelog", "--format", "atom"), 1)
    row["stats"] = median_run(tracker(store, "list", "--stats"), r)
    if count <= args.aggressive_max:
        copy = work / "aggressive"
        shutil.copytree(store / ".git", copy)
        subprocess.run(["git", "--git-dir", str(copy), "gc", "-q", "--aggressive"], check=True)
        row["aggressive_mb"] = _bytes_under(copy) / 1e6
        shutil.rmtree(copy)
    scraped_cpu, _, scraped = child("scrape", work / f"scrape-{count}", count, args.versions)
    row["scrape_cpu_per_version_ms"] = 1000 * scraped["rounds"][-1] / count
    row["scrape_git_mb"] = scraped["git_bytes"] / 1e6
    sample = min(count, 200)
    _, _, versioned = child("per-version", work / f"versions-{count}", count, args.versions, sample)
    row["per_version_cpu_ms"] = 1000 * versioned["per_version"]
    for name in ("scrape", "versions"):
        shutil.rmtree(work / f"{name}-{count}", ignore_errors=True)
    shutil.rmtree(store)
    return row


# -- the CLI path over a loopback server ----------------------------------------------------------


def cli_path(count: int, args: argparse.Namespace, work: Path) -> dict[str, Any]:
    store = work / f"cli-{count}"
    pages: dict[str, bytes] = {}
    row: dict[str, Any] = {"N": count}
    fast = ("--delay", "0", "--retries", "0", "--timeout", "30", "--wait", "60")
    raw = 0
    with serve(pages) as base:
        urls = [url(n, base) for n in range(count)]
        paths = [u[len(base) :] for u in urls]
        row["watch_add_all"] = run(tracker(store, "watch", "add", *urls))[:2]
        cycles = []
        for version in range(1, args.versions + 1):
            for n, path in enumerate(paths):
                pages[path] = page(n, version)
                raw += len(pages[path])
            cycles.append(run(tracker(store, "snapshot", "--all", "-q", *fast))[:2])
        row["first_cycle"] = cycles[0]
        row["changed_cycle"] = cycles[-1]
        row["cpu_per_changed_ms"] = 1000 * statistics.median(c[0] for c in cycles[1:]) / count
        changed = random.Random(count).sample(range(count), count // 10)
        for n in changed:
            pages[paths[n]] = page(n, args.versions + 1)
            raw += len(pages[paths[n]])
        row["ten_percent_cycle"] = run(tracker(store, "snapshot", "--all", "-q", *fast))[:2]
    stats = json.loads(run(tracker(store, "list", "--stats", "-f", "json"))[2])
    row["versions"] = stats["versions"]
    row["git_mb"], row["raw_mb"] = stats["git_bytes"] / 1e6, raw / 1e6
    scraped_cpu, _, scraped = child("scrape", work / f"cli-scrape-{count}", count, args.versions)
    row["scrape_cpu_per_version_ms"] = 1000 * scraped["rounds"][-1] / count
    shutil.rmtree(store)
    shutil.rmtree(work / f"cli-scrape-{count}")
    return row


# -- report ----------------------------------------------------------------------------------------


def _growth(rows: list[dict[str, Any]], value: Any) -> list[str]:
    cells = []
    for i, row in enumerate(rows):
        now = value(row)
        before = value(rows[i - 1]) if i else None
        growth = f" (x{now / before:.2f})" if now is not None and before else ""
        cells.append("—" if now is None else f"{now:.3g}{growth}")
    return cells


def report_fast(rows: list[dict[str, Any]], versions: int) -> None:
    sizes = " | ".join(f"N={r['N']:,}" for r in rows)
    print(f"\nfast path: stores of N articles x {versions} versions (StoreWriter), CLI commands "
          "(CPU seconds of the process; (xG) = growth over the size before)")  # fmt: skip
    print(f"| what | {sizes} |")
    print("|---|" + "---|" * len(rows))

    def cpu(key: str) -> Any:
        return lambda r: r[key][0] if key in r else None

    lines = [
        ("`watch add` of all N URLs (s)", cpu("watch_add_all")),
        ("`watch add` of 50 URLs to a list of N (s)", cpu("watch_add_50")),
        ("`changelog --format atom`, whole store (s)", cpu("changelog_all")),
        ("`changelog` of 100 URLs (s)", cpu("changelog_100")),
        ("`log` of one article (s)", cpu("log")),
        ("`show` of one version (s)", cpu("show")),
        ("`diff` of one article's last two versions (s)", cpu("diff")),
        ("`list --stats` (s)", cpu("stats")),
        ("store CPU per changed version, last round (ms)", lambda r: r["store_cpu_per_version_ms"]),
        ("store CPU of a run with 10% of the articles changed (s)", lambda r: r["tenth_s"]),
        ("peak memory of the build (MB)", lambda r: r["build_peak_mb"]),
        ("peak memory of `changelog` of 100 URLs (MB)", lambda r: r["changelog_100"][1]),
        ("`.git` (MB)", lambda r: r["git_mb"]),
        ("raw HTML of all versions (MB)", lambda r: r["raw_mb"]),
        ("`.git` / raw HTML", lambda r: r["git_mb"] / r["raw_mb"]),
        ("`.git` after `git gc --aggressive` / raw HTML",
         lambda r: r["aggressive_mb"] / r["raw_mb"] if "aggressive_mb" in r else None),
        ("git-scraping baseline: CPU per version, last round (ms)",
         lambda r: r["scrape_cpu_per_version_ms"]),
        ("git-scraping baseline: `.git` / raw HTML", lambda r: r["scrape_git_mb"] / r["raw_mb"]),
        ("commit-per-version baseline: CPU per version (ms)", lambda r: r["per_version_cpu_ms"]),
    ]  # fmt: skip
    for name, value in lines:
        print(f"| {name} | " + " | ".join(_growth(rows, value)) + " |")


def report_cli(rows: list[dict[str, Any]], versions: int) -> None:
    sizes = " | ".join(f"N={r['N']:,}" for r in rows)
    print(f"\nCLI path: loopback server, `watch add`, `snapshot --all` x {versions} rounds "
          "(every page changed), then a 10%-changed cycle (CPU s of the process)")  # fmt: skip
    print(f"| what | {sizes} |")
    print("|---|" + "---|" * len(rows))
    lines = [
        ("`watch add` of all N URLs (s)", lambda r: r["watch_add_all"][0]),
        ("first cycle, all new (s)", lambda r: r["first_cycle"][0]),
        ("cycle with every page changed (s)", lambda r: r["changed_cycle"][0]),
        ("CPU per changed version (ms)", lambda r: r["cpu_per_changed_ms"]),
        ("10%-changed cycle (s)", lambda r: r["ten_percent_cycle"][0]),
        ("peak memory of a cycle (MB)", lambda r: max(r["changed_cycle"][1],
                                                      r["ten_percent_cycle"][1])),
        ("`.git` / raw HTML", lambda r: r["git_mb"] / r["raw_mb"]),
        ("git-scraping baseline: CPU per version (ms)", lambda r: r["scrape_cpu_per_version_ms"]),
    ]  # fmt: skip
    for name, value in lines:
        print(f"| {name} | " + " | ".join(_growth(rows, value)) + " |")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="250,1000,4000")
    parser.add_argument("--ten-thousand", action="store_true", help="add a store of 10,000")
    parser.add_argument("--versions", type=int, default=5)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--cli-sizes", default="50,200")
    parser.add_argument("--full-changelog-max", type=int, default=1000)
    parser.add_argument("--aggressive-max", type=int, default=1000)
    parser.add_argument("--json", type=Path, help="also write the rows to this file")
    parser.add_argument("--child", nargs="+", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        mode, *rest = args.child
        folder, numbers = Path(rest[0]), [int(x) for x in rest[1:]]
        work = {"build": build, "scrape": scrape, "per-version": per_version}[mode]
        print(json.dumps(work(folder, *numbers)))  # type: ignore[operator]
        return
    sizes = [int(s) for s in args.sizes.split(",") if s]
    sizes += [10_000] if args.ten_thousand else []
    cli_sizes = [int(s) for s in args.cli_sizes.split(",") if s]
    started = time.monotonic()
    with tempfile.TemporaryDirectory(prefix="bench-scale-") as tmp:
        fast = []
        for count in sizes:
            fast.append(fast_path(count, args, Path(tmp)))
            print(f"N={count:,} done after {time.monotonic() - started:.0f} s", file=sys.stderr)
        cli = []
        for count in cli_sizes:
            cli.append(cli_path(count, args, Path(tmp)))
            print(f"CLI N={count:,} done after {time.monotonic() - started:.0f} s", file=sys.stderr)
    print(
        f"machine: {os.cpu_count()} cores, {sys.platform}, Python {sys.version.split()[0]}, "
        f"{subprocess.run(['git', '--version'], capture_output=True, text=True).stdout.strip()}"
    )
    report_fast(fast, args.versions)
    if cli:
        report_cli(cli, args.versions)
    print(f"\nwall time {time.monotonic() - started:.0f} s")
    if args.json:
        args.json.write_text(json.dumps({"fast": fast, "cli": cli}, indent=2))


if __name__ == "__main__":
    main()
