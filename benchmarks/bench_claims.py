"""Benchmark the claim detector (tracker.analyze.claims) against a naive token-change baseline.

Two measurements, both reading third-party data at run time (nothing is copied into the repo):

1. Synthetic edits of real news sentences (PolNeAR texts and NYT versions): fact edits of each
   kind (number, negation, entity, hedge, attribution) and cosmetic edits (punctuation, typo,
   case, quote style, clause reorder, synonym swap). Reports precision / recall of "is a claim",
   kind accuracy, and per-edit-type detection rates, for tracker and the baseline.
2. arXivEdits human edit intentions (not news): agreement of claim-vs-cosmetic with
   "Content" vs every other intention.
3. Real NYT edited sentence pairs (consecutive versions, aligned by tracker.compare): how many
   changes each pair lists, split by light edits and heavy rewrites; --show-nyt prints every
   pair with its changes for judging by hand (no labels exist for these).

Usage: python benchmarks/bench_claims.py [DATA_DIR] [--sentences N] [--runs R] [--show-nyt]
"""

from __future__ import annotations

import argparse
import json
import random
import re
import statistics
import time
from collections import Counter
from collections.abc import Callable
from pathlib import Path

from tracker import compare
from tracker.analyze.claims import fact_changes
from tracker.analyze.claims.text import similarity, tokenise

ROOT = Path(__file__).resolve().parent.parent
Edit = tuple[str, str | None]  # (new sentence, expected kind or None for cosmetic)

_SENTENCE = re.compile(r"(?:(?<=[.!?])|(?<=[.!?][\"'\u201d]))\s+(?=[\"'\u201c]?[A-Z])")
_WORD = re.compile(r"\b[\w'-]+\b")
_SPELLED = "two three four five six seven eight nine ten eleven twelve".split()
_AUX = re.compile(r"\b(is|are|was|were|has|have|had|will|would|can|could|should|does|did)\b ")
_SYNONYMS = {
    "big": "large",
    "large": "big",
    "buy": "purchase",
    "help": "assist",
    "start": "begin",
    "began": "started",
    "started": "began",
    "also": "additionally",
    "quickly": "rapidly",
    "show": "demonstrate",
    "shows": "demonstrates",
    "use": "utilize",
    "used": "employed",
    "about": "regarding",
    "get": "obtain",
    "important": "significant",
    "try": "attempt",
    "tried": "attempted",
    "enough": "sufficient",
    "need": "require",
    "needs": "requires",
    "big-name": "high-profile",
    "main": "primary",
    "whole": "entire",
    "near": "close to",
    "often": "frequently",
    "chance": "opportunity",
    "hard": "difficult",
    "idea": "notion",
    "issue": "matter",
    "issues": "matters",
    "problem": "difficulty",
    "job": "post",
}
_CUES_NEW = ["denied", "claimed", "acknowledged", "admitted", "confirmed", "insisted"]
_COMMON_CAPS = {
    "The",
    "A",
    "An",
    "He",
    "She",
    "It",
    "They",
    "We",
    "I",
    "In",
    "On",
    "But",
    "And",
    "Mr",
    "Mrs",
    "Ms",
    "Dr",
    "President",
    "Sen",
    "Rep",
    "Gov",
    "If",
    "This",
    "That",
    "When",
    "As",
}


# ---- data -----------------------------------------------------------------------------------


def load_sentences(data: Path, limit: int, rng: random.Random) -> list[str]:
    texts = [
        p.read_text(encoding="utf-8") for p in sorted(data.glob("polnear-attribution/*/text/*.txt"))
    ]
    versions = data / "archivediff-nyt-versions" / "versions.jsonl"
    if versions.exists():
        texts += [json.loads(line)["text"] for line in versions.read_text().splitlines()]
    sentences: list[str] = []
    for text in texts:
        for para in text.split("\n"):
            for s in _SENTENCE.split(para.strip()):
                if 8 <= len(s.split()) <= 45 and s[-1] in '."\u201d' and s[0].isupper():
                    sentences.append(s)
    rng.shuffle(sentences)
    return sentences[:limit]


def name_pool(sentences: list[str]) -> list[str]:
    """Capitalised words seen mid-sentence often: a pool of real names to swap in."""
    counts: Counter[str] = Counter()
    for s in sentences:
        words = s.split()
        for prev, w in zip(words, words[1:], strict=False):
            w = w.strip(".,;:\"'\u201c\u201d()")
            if w.istitle() and len(w) > 3 and w not in _COMMON_CAPS and not prev.endswith("."):
                counts[w] += 1
    return [w for w, n in counts.most_common(400) if n >= 2]


# ---- edit generators: each returns the new sentence, or None when it does not apply -----------


def number_digit(s: str, rng: random.Random, names: list[str]) -> str | None:
    found = list(re.finditer(r"(?<![\w.])\d+(?=[\s,.%])", s))
    if not found:
        return None
    m = rng.choice(found)
    value = int(m.group())
    return s[: m.start()] + str(value + rng.choice([1, 2, 5, 10])) + s[m.end() :]


def number_spelled(s: str, rng: random.Random, names: list[str]) -> str | None:
    found = [m for m in _WORD.finditer(s) if m.group().lower() in _SPELLED]
    if not found:
        return None
    m = rng.choice(found)
    other = rng.choice([w for w in _SPELLED if w != m.group().lower()])
    other = other.capitalize() if m.group()[0].isupper() else other
    return s[: m.start()] + other + s[m.end() :]


def negation_insert(s: str, rng: random.Random, names: list[str]) -> str | None:
    if re.search(r"\b(not|never|n't|no)\b", s):
        return None
    m = _AUX.search(s)
    return s[: m.end()] + "not " + s[m.end() :] if m else None


def negation_remove(s: str, rng: random.Random, names: list[str]) -> str | None:
    m = re.search(r" (not|never) ", s)
    if m:
        return s[: m.start()] + " " + s[m.end() :]
    m = re.search(r"(\w)n't\b", s)
    return (
        s[: m.start() + 1] + s[m.end() :]
        if m and not s[m.start() - 2 : m.start() + 1] == "wo"
        else None
    )


def entity_swap(s: str, rng: random.Random, names: list[str]) -> str | None:
    pool = set(names)
    found = [m for m in _WORD.finditer(s) if m.start() > 0 and m.group() in pool]
    if not found:
        return None
    m = rng.choice(found)
    other = rng.choice([n for n in names if n.lower() not in s.lower()])
    return s[: m.start()] + other + s[m.end() :]


def hedge_insert(s: str, rng: random.Random, names: list[str]) -> str | None:
    m = re.search(r" (is|are|will) ", s)
    if m and rng.random() < 0.5:
        swap = {"is": " may be ", "are": " may be ", "will": " may "}[m.group(1)]
        return s[: m.start()] + swap + s[m.end() :]
    m = re.search(r" (was|were|has|had|have) ", s)
    if not m:
        return None
    word = rng.choice(["reportedly", "allegedly", "apparently", "possibly"])
    return s[: m.end()] + word + " " + s[m.end() :]


def attribution_verb(s: str, rng: random.Random, names: list[str]) -> str | None:
    m = re.search(r"\bsaid\b", s)
    return s[: m.start()] + rng.choice(_CUES_NEW) + s[m.end() :] if m else None


def attribution_clause(s: str, rng: random.Random, names: list[str]) -> str | None:
    if not s.endswith(".") or s.endswith('."'):
        return None
    clause = rng.choice(
        [
            ", officials said",
            ", according to " + rng.choice(names),
            ", police said",
            ", sources told reporters",
        ]
    )
    return s[:-1] + clause + "."


def punctuation(s: str, rng: random.Random, names: list[str]) -> str | None:
    commas = [m.start() for m in re.finditer(", ", s)]
    if commas and rng.random() < 0.5:
        i = rng.choice(commas)
        return s[:i] + rng.choice([" -", ";", ""]) + s[i + 1 :]
    spaces = [m.start() for m in re.finditer(r"(?<=[a-z]) (?=[a-z])", s)]
    if not spaces:
        return None
    i = rng.choice(spaces)
    return s[:i] + "," + s[i:]


def typo(s: str, rng: random.Random, names: list[str]) -> str | None:
    words = [m for m in _WORD.finditer(s) if len(m.group()) >= 6 and m.group().isalpha()]
    if not words:
        return None
    m = rng.choice(words)
    w = m.group()
    i = rng.randrange(1, len(w) - 2)
    broken = w[:i] + w[i + 1] + w[i] + w[i + 2 :] if rng.random() < 0.5 else w[:i] + w[i + 1 :]
    return s[: m.start()] + broken + s[m.end() :]


def case(s: str, rng: random.Random, names: list[str]) -> str | None:
    words = [m for m in _WORD.finditer(s) if m.start() > 0 and m.group().isalpha()]
    if not words:
        return None
    m = rng.choice(words)
    w = m.group()
    flipped = w.lower() if w[0].isupper() else w.capitalize()
    return s[: m.start()] + flipped + s[m.end() :]


def quote_style(s: str, rng: random.Random, names: list[str]) -> str | None:
    table = {"\u201c": '"', "\u201d": '"', "\u2019": "'", "\u2018": "'"}
    if any(c in s for c in table):
        return "".join(table.get(c, c) for c in s)
    if '"' in s or "'" in s:
        out, opening = [], True
        for c in s:
            if c == '"':
                out.append("\u201c" if opening else "\u201d")
                opening = not opening
            else:
                out.append("\u2019" if c == "'" else c)
        return "".join(out)
    return None


def clause_reorder(s: str, rng: random.Random, names: list[str]) -> str | None:
    m = re.match(r"^([A-Z][^,]{6,60}), ([a-z][^,]{15,}[^.])\.$", s)
    if not m or m.group(1).split()[0] not in {
        "On",
        "In",
        "At",
        "After",
        "Before",
        "During",
        "Last",
    }:
        return None
    lead = m.group(1)[0].lower() + m.group(1)[1:]
    body = m.group(2)[0].upper() + m.group(2)[1:]
    return f"{body} {lead}."


def synonym(s: str, rng: random.Random, names: list[str]) -> str | None:
    found = [m for m in _WORD.finditer(s) if m.group() in _SYNONYMS]
    if not found:
        return None
    m = rng.choice(found)
    return s[: m.start()] + _SYNONYMS[m.group()] + s[m.end() :]


def name_typo(s: str, rng: random.Random, names: list[str]) -> str | None:
    found = list(re.finditer(r"(?<=\w )[A-Z][a-z]{5,}\b", s))
    if not found:
        return None
    m = rng.choice(found)
    w = m.group()
    i = rng.randrange(2, len(w) - 1)
    return s[: m.start()] + w[: i - 1] + w[i] + w[i - 1] + w[i + 1 :] + s[m.end() :]


def number_format(s: str, rng: random.Random, names: list[str]) -> str | None:
    swaps = [
        (r"(\d) percent\b", r"\1%"),
        (r"(\d)%", r"\1 percent"),
        (r"\b(\d),(\d{3})\b", r"\1\2"),
        (r"\bthe U\.S\.", "the United States"),
        (r"\bdid not\b", "didn't"),
        (r"\bdidn't\b", "did not"),
        (r"\bis not\b", "isn't"),
        (r"\bsaid that\b", "said"),
    ]
    rng.shuffle(swaps)
    for pattern, repl in swaps:
        new = re.sub(pattern, repl, s, count=1)
        if new != s:
            return new
    return None


def word_drop(s: str, rng: random.Random, names: list[str]) -> str | None:
    found = list(re.finditer(r" (very|also|just|really|still|even|already|now|then|the|that) ", s))
    if not found:
        return None
    m = rng.choice(found)
    return s[: m.start()] + " " + s[m.end() :]


def hedge_modal(s: str, rng: random.Random, names: list[str]) -> str | None:
    m = re.search(r" (will|would|can) ", s)
    if not m:
        return None
    return (
        s[: m.start()]
        + " "
        + rng.choice(["might", "could", "may", "is likely to"])
        + " "
        + s[m.end() :]
    )


def negation_never(s: str, rng: random.Random, names: list[str]) -> str | None:
    m = re.search(r" (has|had|have) (?=\w+ed\b)", s)
    if not m or re.search(r"\b(not|never)\b", s):
        return None
    return s[: m.end()] + "never " + s[m.end() :]


def number_year(s: str, rng: random.Random, names: list[str]) -> str | None:
    found = list(
        re.finditer(
            r"\b(19|20)\d\d\b|\b(January|February|March|April|June|July|"
            r"August|September|October|November|December|Monday|Tuesday|"
            r"Wednesday|Thursday|Friday|Saturday|Sunday)\b",
            s,
        )
    )
    if not found:
        return None
    m = rng.choice(found)
    if m.group()[0].isdigit():
        new = str(int(m.group()) + rng.choice([-1, 1]))
    else:
        new = rng.choice(["Monday", "Friday", "May", "October"])
        if new == m.group():
            return None
    return s[: m.start()] + new + s[m.end() :]


Generator = Callable[[str, random.Random, list[str]], str | None]
CLAIM_EDITS: dict[str, tuple[Generator, str]] = {
    "number (digit)": (number_digit, "number"),
    "number (spelled)": (number_spelled, "number"),
    "number (date/year)": (number_year, "number"),
    "negation insert": (negation_insert, "negation"),
    "negation remove": (negation_remove, "negation"),
    "negation never": (negation_never, "negation"),
    "entity swap": (entity_swap, "entity"),
    "hedge insert": (hedge_insert, "hedge"),
    "hedge modal": (hedge_modal, "hedge"),
    "attribution verb": (attribution_verb, "attribution"),
    "attribution clause": (attribution_clause, "attribution"),
}
COSMETIC_EDITS: dict[str, Generator] = {
    "punctuation": punctuation,
    "typo": typo,
    "case": case,
    "quote style": quote_style,
    "clause reorder": clause_reorder,
    "synonym": synonym,
    "name typo": name_typo,
    "number/contraction format": number_format,
    "function word drop": word_drop,
}


def make_edits(
    sentences: list[str], names: list[str], rng: random.Random, per_type: int
) -> list[tuple[str, str, str, str | None]]:
    """(edit type, old, new, expected kind) with up to `per_type` pairs per edit type."""
    edits: list[tuple[str, str, str, str | None]] = []
    kinds: dict[str, tuple[Generator, str | None]] = {
        **CLAIM_EDITS,
        **{k: (g, None) for k, g in COSMETIC_EDITS.items()},
    }
    for name, (gen, kind) in kinds.items():
        made = 0
        for s in sentences:
            new = gen(s, rng, names)
            if new and new != s:
                edits.append((name, s, new, kind))
                made += 1
                if made == per_type:
                    break
    return edits


# ---- scoring -------------------------------------------------------------------------------


def naive_is_claim(old: str, new: str) -> bool:
    """Baseline: any change of a word token (punctuation ignored) is a claim."""
    return _WORD.findall(old) != _WORD.findall(new)


def prf(pred: list[bool], gold: list[bool]) -> tuple[float, float, float, float]:
    tp = sum(p and g for p, g in zip(pred, gold, strict=True))
    fp = sum(p and not g for p, g in zip(pred, gold, strict=True))
    fn = sum(g and not p for p, g in zip(pred, gold, strict=True))
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    accuracy = sum(p == g for p, g in zip(pred, gold, strict=True)) / len(gold)
    return precision, recall, f1, accuracy


def median_seconds(fn: Callable[[], object], runs: int) -> float:
    times = []
    for _ in range(runs):
        t = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t)
    return statistics.median(times)


def synthetic(data: Path, n: int, runs: int, rng: random.Random, show: int) -> None:
    sentences = load_sentences(data, n, rng)
    names = name_pool(sentences)
    edits = make_edits(sentences, names, rng, per_type=max(50, n // 20))
    predictions = [fact_changes(old, new) for _, old, new, _ in edits]
    gold = [kind is not None for *_, kind in edits]
    ours = prf([bool(p) for p in predictions], gold)
    naive = prf([naive_is_claim(o, nw) for _, o, nw, _ in edits], gold)
    print(
        f"\nSynthetic edits of {len(sentences)} real news sentences: {len(edits)} pairs "
        f"({sum(gold)} fact edits, {len(gold) - sum(gold)} cosmetic)"
    )
    print(f"{'detector':<22}{'precision':>10}{'recall':>8}{'F1':>7}{'accuracy':>10}")
    for label, (p, r, f, a) in (("tracker claims", ours), ("naive token change", naive)):
        print(f"{label:<22}{p:>10.3f}{r:>8.3f}{f:>7.3f}{a:>10.3f}")
    hit = [
        (kind, {c.kind for c in pred})
        for (*_, kind), pred in zip(edits, predictions, strict=True)
        if kind
    ]
    detected = [(k, ks) for k, ks in hit if ks]
    among = sum(k in ks for k, ks in detected)
    exact = sum(ks == {k} for k, ks in detected)
    print(
        f"kind accuracy: expected kind among predicted {among}/{len(detected)} = "
        f"{among / max(len(detected), 1):.3f}; exactly the expected kind "
        f"{exact / max(len(detected), 1):.3f} (of detected fact edits)"
    )
    print(f"\n{'edit type':<22}{'pairs':>6}{'tracker':>9}{'naive':>7}  (share called a claim)")
    for name in [*CLAIM_EDITS, *COSMETIC_EDITS]:
        rows = [
            (o, nw, p) for (t, o, nw, _), p in zip(edits, predictions, strict=True) if t == name
        ]
        if rows:
            ours_rate = sum(bool(p) for *_, p in rows) / len(rows)
            naive_rate = sum(naive_is_claim(o, nw) for o, nw, _ in rows) / len(rows)
            print(f"{name:<22}{len(rows):>6}{ours_rate:>9.3f}{naive_rate:>7.3f}")
    pairs = [(o, nw) for _, o, nw, _ in edits]
    ours_t = median_seconds(lambda: [fact_changes(o, nw) for o, nw in pairs], runs)
    naive_t = median_seconds(lambda: [naive_is_claim(o, nw) for o, nw in pairs], runs)
    print(
        f"\nspeed (median of {runs} runs over {len(pairs)} pairs): tracker "
        f"{ours_t / len(pairs) * 1e6:.0f} us/pair, naive {naive_t / len(pairs) * 1e6:.1f} us/pair"
        f" ({ours_t / naive_t:.0f}x the baseline)"
    )
    if show:
        errors = [
            (t, o, nw, p)
            for (t, o, nw, k), p in zip(edits, predictions, strict=True)
            if bool(p) != (k is not None)
        ]
        for t, o, nw, p in rng.sample(errors, min(show, len(errors))):
            print(f"\n[{t}] {p}\n  - {o}\n  + {nw}")


def arxiv(data: Path) -> None:
    folder = data / "arxivedits-edit-intentions"
    records = []
    for split in ("train", "dev", "test"):
        path = folder / f"{split}.json"
        if path.exists():
            records += json.loads(path.read_text()).values()
    if not records:
        return
    gold = [
        any(e.get("intention") == "Content" for e in r["edits-combination-0"].values())
        for r in records
    ]
    pairs = [(r["sentence-1"], r["sentence-2"]) for r in records]
    ours = prf([bool(fact_changes(a, b)) for a, b in pairs], gold)
    naive = prf([naive_is_claim(a, b) for a, b in pairs], gold)
    majority = prf([False] * len(gold), gold)
    print(
        f"\narXivEdits (not news; human labels): {len(records)} pairs, "
        f"{sum(gold)} with a Content edit"
    )
    print(f"{'detector':<22}{'precision':>10}{'recall':>8}{'F1':>7}{'agreement':>11}")
    for label, (p, r, f, a) in (
        ("tracker claims", ours),
        ("naive token change", naive),
        ("always cosmetic", majority),
    ):
        print(f"{label:<22}{p:>10.3f}{r:>8.3f}{f:>7.3f}{a:>11.3f}")


def nyt_edited_pairs(data: Path) -> list[tuple[str, str]]:
    """Old and new text of every reworded sentence row between consecutive NYT versions."""
    path = data / "archivediff-nyt-versions" / "versions.jsonl"
    if not path.exists():
        return []
    articles: dict[str, list[dict[str, object]]] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        row = json.loads(line)
        articles.setdefault(row["article_id"], []).append(row)
    pairs = []
    for versions in articles.values():
        versions.sort(key=lambda r: int(str(r["version"])))
        texts = [f"{v['title']}\n\n{v['text']}" for v in versions]
        for old, new in zip(texts, texts[1:], strict=False):
            for row in compare(old, new).sentences:
                if row.old_text and row.new_text and row.old_text != row.new_text:
                    pairs.append((row.old_text, row.new_text))
    return pairs


def nyt(data: Path, show: bool) -> None:
    pairs = nyt_edited_pairs(data)
    if not pairs:
        return
    print(f"\nReal NYT edited sentence pairs: {len(pairs)} (heavy = under half the words kept)")
    print(f"{'pairs':<8}{'count':>6}{'with changes':>14}{'changes':>9}{'longest list':>14}")
    for label, heavy in (("light", False), ("heavy", True)):
        rows = [
            (o, n, fact_changes(o, n))
            for o, n in pairs
            if (similarity(tokenise(o)[0], tokenise(n)[0]) < 0.5) == heavy
        ]
        lists = [len(c) for *_, c in rows]
        print(
            f"{label:<8}{len(rows):>6}{sum(n > 0 for n in lists):>14}{sum(lists):>9}"
            f"{max(lists, default=0):>14}"
        )
        for o, n, changes in rows if show else []:
            print(f"\n  - {o}\n  + {n}")
            for c in changes:
                print(f"    ({c.kind}, {c.old!r}, {c.new!r})")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("data", nargs="?", default=str(ROOT.parent / "shared" / "data"))
    parser.add_argument("--sentences", type=int, default=3000)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--show-errors", type=int, default=0)
    parser.add_argument("--show-nyt", action="store_true", help="print each NYT pair's changes")
    args = parser.parse_args()
    data = Path(args.data)
    synthetic(data, args.sentences, args.runs, random.Random(args.seed), args.show_errors)
    arxiv(data)
    nyt(data, args.show_nyt)


if __name__ == "__main__":
    main()
