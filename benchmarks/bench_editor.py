"""Score tracker's change report against editor judgments on 20 real NYT version pairs.

Usage: python benchmarks/bench_editor.py [--gold DIR] [--versions DIR] [--input html|text]
                                         [--json OUT] [--verbose]

Data, read at run time (nothing copied here): `editor-gold` (one hand-labelled JSON file per pair:
quotes added/removed with speakers, facts changed/added/removed, contributors, headline, noise)
and `archivediff-nyt-versions` (versions.jsonl: title, authors, text of each Wayback capture;
pairs.jsonl). Defaults: ../shared/data/<name> from the repository root.

Tracker runs as a user would run it: each version becomes one document and `compare(old, new)
.to_dict()` is scored. By default the document is a small HTML page: the title as <title> and
<h1>, each entry of `authors` as its own author meta tag (the list holds one extracted byline
piece per entry, noise included), each text paragraph as a <p>. `--input text` gives plain text
instead: the title line, a "By A, B and C" line, the paragraphs.

Scoring follows the gold README ("Suggested scoring"): per category, one-to-one matching within
a pair (maximum bipartite matching), micro-averaged over pairs.

- Quotes added / removed: texts normalised (lower case, straight quotes, no punctuation) match
  when token Jaccard >= 0.6 or one token sequence lies inside the other; one prediction may also
  cover further gold spans that lie inside it. Speaker on matched quotes: right when the gold
  surname is a word of the predicted speaker; gold null wants null; a predicted null for a named
  gold speaker is an abstention, counted apart from wrong names. A second quote row promotes the
  64 page-2 quotation lines of `noise` to quotes_added (README, "Known ambiguities").
- Facts (changed + added + removed pooled, cross-credit allowed): a prediction matches a gold
  phrase (the `old` or `new` of a change, the `text` of an addition or removal) when at least
  2/3 of the phrase's key tokens (content words, names, numbers) are in the prediction or the
  sentences it points to, every number of the phrase is there exactly, the prediction's own
  words touch the gold item (for a change: a token that differs between gold old and new), and
  every number that differs between gold old and new is in the prediction's own words. The
  three items of egyptian-presidential-vote 0-1 are one edit: one gold unit, any of them hits.
  Predictions: `facts` (treated as empty when the report has none) and each change of each
  `claims` entry; rows for facts only and for facts + claims (a claim change that repeats a fact
  item, same sentence and overlapping words, counts once); and the same at significance >= 0.5
  (a claim's significance applies to each of its changes; items without one are kept).
- Contributors: names match on first + last name (lower case, no "Jr.", no initials); rows with
  and without the 18 contributors_removed of the 2012 -> 2015 redesign pairs (without them,
  predictions that match one are neutral); a lenient row accepts a predicted entry that holds the
  gold first and last name among other words ("David E. Sanger Contributed Reporting").
- Headline: the report's `headline` non-null vs gold headline_changed.
- Noise: a prediction matching no gold item but matching a `noise` line (the quote test against
  a page-2 quotation line's text or a line's words, the fact test against a line, a name whose
  words all occur in a line) is neutral; the strict columns count it as a false alarm. Pairs
  with nothing but noise report how many events tracker still raised.

--verbose prints, per pair, every false positive and false negative with short excerpts.
"""

from __future__ import annotations

import argparse
import html
import json
import re
import statistics
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from tracker import compare

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT.parent / "shared" / "data"

_PAGE2_QUOTE = re.compile(r"^pagination \(page 2\) quote: “(.*)” — (.*)$")
_LABEL = re.compile(r"^[\w ()'-]{0,40}?:\s+")
_QUOTES = str.maketrans({"“": '"', "”": '"', "‘": "'", "’": "'", "′": "'", "–": "-", "—": "-"})
_TOKEN = re.compile(r"\d+(?:[.:]\d+)*|[^\W\d_]+")
_SPELLED = frozenset(
    """one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen
    sixteen seventeen eighteen nineteen twenty thirty forty fifty sixty seventy eighty ninety
    hundred thousand million billion""".split()
)
_STOP = frozenset(
    """a an the of in on at to for from by with and or but as is are was were be been being has
    have had do does did will would can could should may might must that this these those it its
    he she they them his her their him we our you your i me my who whom which what when where
    there than then so not no if into about over under after before up out also said says say
    mr mrs ms dr s""".split()
)
_SUFFIX = frozenset("jr sr ii iii iv".split())
_NAME_WORD = re.compile(r"[^\W\d_][\w'’.-]*")
_ONE_EDIT = {"egyptian-presidential-vote__0-1"}  # README: its three fact items are one edit
JACCARD = 0.6
COVER = 2 / 3


# --- text helpers -------------------------------------------------------------------------------


def tokens(text: str | None) -> list[str]:
    """Lower-case word and number tokens: straight quotes, apostrophes and other punctuation
    dropped ("don’t" -> "dont"), thousands separators removed, decimals and clock times kept."""
    if not text:
        return []
    text = text.translate(_QUOTES).lower().replace("'", "")
    text = re.sub(r"(?<=\d),(?=\d{3})", "", text)
    return _TOKEN.findall(text)


def numbers(toks: Iterable[str]) -> set[str]:
    return {t for t in toks if t[0].isdigit() or t in _SPELLED}


def key_tokens(text: str) -> set[str]:
    return {t for t in tokens(text) if t not in _STOP and (len(t) > 1 or t.isdigit())}


def _inside(short: list[str], long: list[str]) -> bool:
    if not short or len(short) > len(long):
        return False
    return f" {' '.join(short)} " in f" {' '.join(long)} "


def quote_match(a: list[str], b: list[str]) -> bool:
    sa, sb = set(a), set(b)
    if not sa or not sb:
        return False
    return len(sa & sb) / len(sa | sb) >= JACCARD or _inside(a, b) or _inside(b, a)


def excerpt(text: str | None, width: int = 90) -> str:
    text = " ".join((text or "").split())
    return text if len(text) <= width else text[: width - 1] + "…"


def max_matching(n_left: int, n_right: int, edge: Callable[[int, int], bool]) -> dict[int, int]:
    """Maximum one-to-one matching (left index -> right index), by augmenting paths."""
    adj = [[j for j in range(n_right) if edge(i, j)] for i in range(n_left)]
    right_of: dict[int, int] = {}

    def augment(i: int, seen: set[int]) -> bool:
        for j in adj[i]:
            if j in seen:
                continue
            seen.add(j)
            if j not in right_of or augment(right_of[j], seen):
                right_of[j] = i
                return True
        return False

    for i in range(n_left):
        augment(i, set())
    return {i: j for j, i in right_of.items()}


# --- people --------------------------------------------------------------------------------------


def _name_words(name: str) -> list[str]:
    words = [w.translate(_QUOTES).strip(".'-").lower() for w in _NAME_WORD.findall(name)]
    words = [w.removesuffix("'s") for w in words if w]
    return [w for w in words if w not in _SUFFIX and len(w.replace(".", "")) > 1]


def name_key(name: str) -> tuple[str, str] | None:
    """(first, last) of a person's name, without initials or "Jr."; None when under two words."""
    words = _name_words(name)
    return (words[0], words[-1]) if len(words) >= 2 else None


def surname(speaker: str) -> str:
    """The word a speaker is known by: a person's last name, an organisation's last capitalised
    word before any lower-case tail ("Mitt Romney campaign" -> romney)."""
    words = [w for w in _NAME_WORD.findall(speaker.split("(")[0]) if w.lower() not in _STOP]
    capital = [w for w in words if w[0].isupper() and w.lower().strip(".") not in _SUFFIX]
    pick = (capital or words or [""])[-1]
    return pick.translate(_QUOTES).strip(".'-").lower().removesuffix("'s")


def speaker_right(pred: str | None, gold: str) -> bool:
    if not pred:
        return False
    words = (w.translate(_QUOTES).strip(".'-").lower() for w in _NAME_WORD.findall(pred))
    return surname(gold) in {w.removesuffix("'s") for w in words}


def is_description(speaker: str | None) -> bool:
    """ "the judge", "its statement", "A few": no proper name after a leading determiner."""
    words = (speaker or "").split()
    if words and words[0].lower() in ("the", "a", "an", "his", "her", "its", "their"):
        words = words[1:]
    return bool(words) and not any(w[0].isupper() for w in words)


# --- data ----------------------------------------------------------------------------------------


@dataclass
class Pair:
    name: str
    old: dict[str, Any]
    new: dict[str, Any]
    gold: dict[str, Any]
    redesign: bool  # 2012/13 capture -> 2015 capture


def load(gold_dir: Path, versions_dir: Path) -> list[Pair]:
    versions = {}
    for line in (versions_dir / "versions.jsonl").read_text(encoding="utf-8").splitlines():
        v = json.loads(line)
        versions[(v["article_id"], v["version"])] = v
    pairs = []
    for line in (versions_dir / "pairs.jsonl").read_text(encoding="utf-8").splitlines():
        p = json.loads(line)
        aid, a, b = p["article_id"], p["from_version"], p["to_version"]
        name = f"{aid}__{a}-{b}"
        gold = json.loads((gold_dir / f"{name}.json").read_text(encoding="utf-8"))
        redesign = p["from_first_seen"][:4] < "2015" <= p["to_first_seen"][:4]
        pairs.append(Pair(name, versions[(aid, a)], versions[(aid, b)], gold, redesign))
    return pairs


def as_html(v: dict[str, Any]) -> str:
    title = html.escape(v["title"])
    metas = "".join(f'<meta name="author" content="{html.escape(a)}">' for a in v["authors"])
    paras = "".join(
        f"<p>{html.escape(p.strip())}</p>" for p in v["text"].split("\n\n") if p.strip()
    )
    return (
        f"<!doctype html><html><head><title>{title}</title>{metas}</head>"
        f"<body><article><h1>{title}</h1>{paras}</article></body></html>"
    )


def as_text(v: dict[str, Any]) -> str:
    authors = v["authors"]
    byline = (
        ", ".join(authors[:-1]) + " and " + authors[-1] if len(authors) > 1 else "".join(authors)
    )
    head = [v["title"]] + ([f"By {byline}"] if byline else [])
    return "\n\n".join(head + [v["text"]])


# --- predictions ---------------------------------------------------------------------------------


@dataclass
class Fact:
    """A predicted fact item: from the report's `facts` or one change of a `claims` entry."""

    source: str  # "facts" or "claims"
    kind: str
    old: str
    new: str
    old_sent: tuple[int, ...]
    new_sent: tuple[int, ...]
    context: str
    significance: float | None
    own: set[str] = field(init=False)
    all: set[str] = field(init=False)

    def __post_init__(self) -> None:
        self.own = set(tokens(f"{self.old} {self.new}"))
        self.all = self.own | set(tokens(self.context))

    def show(self) -> str:
        sig = "" if self.significance is None else f" sig {self.significance:.2f}"
        if self.old and self.new:
            what = f"{excerpt(self.old, 50)!r} -> {excerpt(self.new, 50)!r}"
        else:
            what = f"{'-' if self.old else '+'} {excerpt(self.old or self.new, 100)!r}"
        return f"[{self.source}/{self.kind}{sig}] {what}  @ {excerpt(self.context, 110)}"


def report_facts(report: dict[str, Any]) -> tuple[list[Fact], list[Fact]]:
    """(items of `facts`, changes of `claims`) as Fact predictions."""
    old_s, new_s = report.get("old_sentences", []), report.get("new_sentences", [])

    def at(sents: list[str], idx: Iterable[int]) -> str:
        return " ".join(sents[i] for i in idx if 0 <= i < len(sents))

    facts: list[Fact] = []
    ledger = report.get("facts") or {}
    for item in ledger.get("changed", []):
        o, n = (item.get("old_sentence"),), (item.get("new_sentence"),)
        o, n = tuple(i for i in o if i is not None), tuple(i for i in n if i is not None)
        ctx = f"{at(old_s, o)} {at(new_s, n)}"
        facts.append(
            Fact(
                "facts",
                item.get("kind", ""),
                item.get("old", ""),
                item.get("new", ""),
                o,
                n,
                ctx,
                item.get("significance"),
            )
        )
    for key, sents in (("added", new_s), ("removed", old_s)):
        for item in ledger.get(key, []):
            idx = () if item.get("sentence") is None else (item["sentence"],)
            text = item.get("text", "")
            o, n = ((), idx) if key == "added" else (idx, ())
            facts.append(
                Fact(
                    "facts",
                    item.get("kind", ""),
                    "" if key == "added" else text,
                    text if key == "added" else "",
                    o,
                    n,
                    at(sents, idx),
                    item.get("significance"),
                )
            )
    claims: list[Fact] = []
    for claim in report.get("claims", []):
        o, n = tuple(claim.get("old", [])), tuple(claim.get("new", []))
        ctx = f"{at(old_s, o)} {at(new_s, n)}"
        for ch in claim.get("changes", []):
            sig = ch.get("significance", claim.get("significance"))
            claims.append(
                Fact(
                    "claims",
                    ch.get("kind", ""),
                    ch.get("old", ""),
                    ch.get("new", ""),
                    o,
                    n,
                    ctx,
                    sig,
                )
            )
    return facts, claims


def duplicate(claim: Fact, fact: Fact) -> bool:
    """A claim change that repeats a fact item: a shared sentence and overlapping own words."""
    shared = set(claim.old_sent) & set(fact.old_sent) or set(claim.new_sent) & set(fact.new_sent)
    if not shared or not claim.own or not fact.own:
        return False
    small, big = sorted((claim.own, fact.own), key=len)
    return small <= big or len(small & big) / len(small | big) >= 0.5


# --- gold facts -----------------------------------------------------------------------------------


@dataclass
class GoldFact:
    """One gold unit: one or more phrases, any of which a prediction may hit."""

    label: str
    phrases: list[tuple[str, set[str] | None]]  # (phrase, tokens that differ old/new or None)


def gold_facts(pair: Pair) -> list[GoldFact]:
    g = pair.gold
    units: list[GoldFact] = []
    for item in g["facts_changed"]:
        diff = set(tokens(item["old"])) ^ set(tokens(item["new"]))
        units.append(
            GoldFact(
                f"changed/{item['kind']}: {excerpt(item['old'], 60)!r} -> "
                f"{excerpt(item['new'], 60)!r}",
                [(item["old"], diff), (item["new"], diff)],
            )
        )
    for key in ("facts_added", "facts_removed"):
        for item in g[key]:
            label = f"{key.split('_')[1]}/{item['kind']}: {excerpt(item['text'], 110)!r}"
            units.append(GoldFact(label, [(item["text"], None)]))
    if pair.name in _ONE_EDIT and units:
        units = [
            GoldFact(" | ".join(u.label for u in units), [p for u in units for p in u.phrases])
        ]
    return units


def fact_hits(pred: Fact, phrase: str, diff: set[str] | None) -> bool:
    keys = key_tokens(phrase.replace("...", " "))
    if not keys or not numbers(tokens(phrase)) <= pred.all:
        return False
    if len(keys & pred.all) < COVER * len(keys):
        return False
    if diff:
        return bool(pred.own & diff) and numbers(diff) <= pred.own
    return bool(pred.own & keys)


def fact_unit_hits(pred: Fact, unit: GoldFact) -> bool:
    return any(fact_hits(pred, phrase, diff) for phrase, diff in unit.phrases)


# --- noise ---------------------------------------------------------------------------------------


@dataclass
class Noise:
    line: str
    quote: list[str] | None  # a page-2 quotation line's quoted words
    speaker: str | None
    words: list[str]  # the line's words, its label dropped


def noise_lines(pair: Pair) -> list[Noise]:
    out = []
    for line in pair.gold["noise"]:
        m = _PAGE2_QUOTE.match(line)
        if m:
            spk = None if m.group(2).startswith("null") else m.group(2)
            out.append(Noise(line, tokens(m.group(1)), spk, tokens(m.group(1))))
        else:
            out.append(Noise(line, None, None, tokens(_LABEL.sub("", line, count=1))))
    return out


def quote_is_noise(toks: list[str], noise: list[Noise]) -> Noise | None:
    for n in noise:
        if quote_match(toks, n.quote) if n.quote is not None else _inside(toks, n.words):
            return n
    return None


def fact_is_noise(pred: Fact, noise: list[Noise]) -> Noise | None:
    """A prediction matching a noise line, or one item of a line that lists several with
    semicolons ("moved to page 2: A; B; C")."""
    for n in noise:
        items = [" ".join(n.words)]
        if n.quote is None:
            items += _LABEL.sub("", n.line, count=1).split(";")
        if any(fact_hits(pred, item, None) for item in items if item.strip()):
            return n
    return None


def name_is_noise(name: str, noise: list[Noise]) -> Noise | None:
    words = set(tokens(name))
    for n in noise:
        if words and words <= set(n.words):
            return n
    return None


# --- tallies -------------------------------------------------------------------------------------


@dataclass
class Tally:
    gold: int = 0
    hit: int = 0  # gold units matched
    pred: int = 0
    tp: int = 0  # predictions matched
    noise: int = 0  # unmatched predictions that match a noise line
    neutral: int = 0  # other neutral predictions (excluded gold, e.g. redesign removals)
    repeat: int = 0  # false positives that would match a gold item already matched

    @property
    def fp(self) -> int:
        return self.pred - self.tp - self.noise - self.neutral

    def scores(self, strict: bool = False) -> tuple[float, float, float]:
        judged = self.pred - self.neutral - (0 if strict else self.noise)
        p = self.tp / judged if judged else 0.0
        r = self.hit / self.gold if self.gold else 0.0
        return p, r, 2 * p * r / (p + r) if p + r else 0.0

    def add(self, other: Tally) -> None:
        for k in ("gold", "hit", "pred", "tp", "noise", "neutral", "repeat"):
            setattr(self, k, getattr(self, k) + getattr(other, k))

    def as_dict(self) -> dict[str, Any]:
        p, r, f = self.scores()
        sp, _, sf = self.scores(strict=True)
        return {
            "gold": self.gold,
            "hit": self.hit,
            "pred": self.pred,
            "tp": self.tp,
            "fp": self.fp,
            "noise": self.noise,
            "neutral": self.neutral,
            "repeat": self.repeat,
            "precision": round(p, 4),
            "recall": round(r, 4),
            "f1": round(f, 4),
            "precision_strict": round(sp, 4),
            "f1_strict": round(sf, 4),
        }


@dataclass
class Speakers:
    matched: int = 0
    right: int = 0
    wrong: int = 0
    abstained: int = 0
    described: int = 0  # of the wrong: a description ("the judge") where gold names no one

    def add(self, other: Speakers) -> None:
        for k, v in other.__dict__.items():
            setattr(self, k, getattr(self, k) + v)

    def as_dict(self) -> dict[str, Any]:
        acc = self.right / self.matched if self.matched else 0.0
        return {**self.__dict__, "accuracy": round(acc, 4)}


@dataclass
class Pairlog:
    """What --verbose prints for one pair."""

    lines: list[str] = field(default_factory=list)

    def add(self, tag: str, text: str) -> None:
        self.lines.append(f"  {tag:<20} {text}")


# --- scoring -------------------------------------------------------------------------------------


def score_quotes(
    preds: list[dict[str, Any]],
    gold: list[dict[str, Any]],
    noise: list[Noise],
    log: Pairlog | None,
    what: str,
    log_fp: bool = True,
) -> tuple[Tally, Speakers]:
    t, s = Tally(gold=len(gold), pred=len(preds)), Speakers()
    p_tok = [tokens(p["text"]) for p in preds]
    g_tok = [tokens(g["text"]) for g in gold]
    match = max_matching(len(gold), len(preds), lambda i, j: quote_match(g_tok[i], p_tok[j]))
    for i in range(len(gold)):  # a prediction also covers further gold spans inside it
        if i not in match:
            cover = [j for j in set(match.values()) if _inside(g_tok[i], p_tok[j])]
            if cover:
                match[i] = cover[0]
    t.hit = len(match)
    t.tp = len(set(match.values()))
    for i, j in sorted(match.items()):
        g_spk, p_spk = gold[i].get("speaker"), preds[j].get("speaker")
        s.matched += 1
        if g_spk is None:
            ok = p_spk is None
            s.described += not ok and is_description(p_spk)
        elif p_spk is None:
            s.abstained += 1
            if log:
                log.add(f"{what} ABSTAIN", f"gold {g_spk!r}: “{excerpt(gold[i]['text'], 70)}”")
            continue
        else:
            ok = speaker_right(p_spk, g_spk)
        s.right += ok
        s.wrong += not ok
        if log and not ok:
            log.add(
                f"{what} WRONG SPK",
                f"gold {g_spk!r} pred {p_spk!r}: “{excerpt(gold[i]['text'], 60)}”",
            )
    matched = set(match.values())
    for j, p in enumerate(preds):
        if j in matched:
            continue
        hit = quote_is_noise(p_tok[j], noise)
        t.noise += hit is not None
        if log and log_fp:
            tag = f"{what} {'noise' if hit else 'FP'}"
            log.add(tag, f"“{excerpt(p['text'], 80)}” ({p.get('speaker')!r})")
    if log:
        for i, g in enumerate(gold):
            if i not in match:
                log.add(f"{what} FN", f"“{excerpt(g['text'], 80)}” ({g.get('speaker')!r})")
    return t, s


def score_facts(
    preds: list[Fact],
    units: list[GoldFact],
    noise: list[Noise],
    log: Pairlog | None,
    what: str,
) -> Tally:
    t = Tally(gold=len(units), pred=len(preds))
    match = max_matching(len(units), len(preds), lambda i, j: fact_unit_hits(preds[j], units[i]))
    t.hit = t.tp = len(match)
    matched = set(match.values())
    for j, p in enumerate(preds):
        if j in matched:
            continue
        hit = fact_is_noise(p, noise)
        t.noise += hit is not None
        again = hit is None and any(fact_unit_hits(p, units[i]) for i in match)
        t.repeat += again
        if log:
            log.add(f"{what} {'noise' if hit else 'FP, repeat' if again else 'FP'}", p.show())
    if log:
        for i, u in enumerate(units):
            if i not in match:
                log.add(f"{what} FN", u.label)
    return t


def score_names(
    preds: list[str],
    gold: list[str],
    noise: list[Noise],
    excluded: list[str],
    lenient: bool,
    log: Pairlog | None,
    what: str,
) -> Tally:
    """Names one-to-one; predictions matching an `excluded` gold name are neutral."""

    def same(p: str, g: str) -> bool:
        gk = name_key(g)
        if gk is None:
            return False
        if lenient:
            words = _name_words(p)
            return gk[0] in words and gk[1] in words[words.index(gk[0]) :]
        return name_key(p) == gk

    t = Tally(gold=len(gold), pred=len(preds))
    match = max_matching(len(gold), len(preds), lambda i, j: same(preds[j], gold[i]))
    t.hit = t.tp = len(match)
    matched = set(match.values())
    for j, p in enumerate(preds):
        if j in matched:
            continue
        if any(same(p, g) for g in excluded):
            t.neutral += 1
            continue
        hit = name_is_noise(p, noise)
        t.noise += hit is not None
        if log:
            log.add(f"{what} {'noise' if hit else 'FP'}", repr(p))
    if log:
        for i, g in enumerate(gold):
            if i not in match:
                log.add(f"{what} FN", repr(g))
    return t


def events(report: dict[str, Any]) -> dict[str, int]:
    """Everything the report raises for an editor, by kind."""
    q = report.get("quotes", {})
    ledger = report.get("facts") or {}
    notes = report.get("notes", {})
    contrib = report.get("contributors", {})
    return {
        "quotes": len(q.get("added", [])) + len(q.get("removed", [])) + len(q.get("changed", [])),
        "facts": sum(len(ledger.get(k, [])) for k in ("changed", "added", "removed")),
        "claims": sum(len(c.get("changes", [])) for c in report.get("claims", [])),
        "contributors": len(contrib.get("added", [])) + len(contrib.get("removed", [])),
        "notes": len(notes.get("added", [])) + len(notes.get("removed", [])),
        "headline": int(report.get("headline") is not None),
    }


def reattributions(report: dict[str, Any]) -> list[tuple[str, str | None, str | None]]:
    out = []
    for ch in report.get("quotes", {}).get("changed", []):
        old, new = ch.get("old", {}), ch.get("new", {})
        if (old.get("speaker") or "") != (new.get("speaker") or ""):
            out.append((new.get("text", ""), old.get("speaker"), new.get("speaker")))
    return out


# --- main ----------------------------------------------------------------------------------------


QUOTE_ROWS = ("quotes added", "quotes removed", "quotes (all)", "quotes, page-2 lines as gold")
FACT_ROWS = (
    "facts: facts only",
    "facts: facts + claims",
    "facts only, significance >= 0.5",
    "facts + claims, significance >= 0.5",
)
NAME_ROWS = (
    "contributors",
    "contributors, no redesign removals",
    "contributors, name inside entry",
)


def run(pairs: list[Pair], make_doc: Callable[[dict[str, Any]], str], verbose: bool) -> dict:
    rows = {name: Tally() for name in (*QUOTE_ROWS, *FACT_ROWS, *NAME_ROWS)}
    spk = {"quotes (all)": Speakers(), "page-2 quotes": Speakers()}
    headline_right = 0
    noise_only: dict[str, dict[str, int]] = {}
    reattributed = 0
    ms: list[float] = []
    with_sig = with_ledger = 0
    for pair in pairs:
        t0 = time.perf_counter()
        report = compare(make_doc(pair.old), make_doc(pair.new)).to_dict()
        ms.append((time.perf_counter() - t0) * 1000)
        g = pair.gold
        log = Pairlog() if verbose else None
        noise = noise_lines(pair)

        # quotes
        q = report.get("quotes", {})
        pq = [{"text": " ".join(n.quote or []), "speaker": n.speaker} for n in noise if n.quote]
        rest = [n for n in noise if n.quote is None]
        for key, row in (("added", "quotes added"), ("removed", "quotes removed")):
            t, s = score_quotes(q.get(key, []), g[f"quotes_{key}"], noise, log, f"quote {key}")
            rows[row].add(t)
            rows["quotes (all)"].add(t)
            spk["quotes (all)"].add(s)
        gold_pq = g["quotes_added"] + pq
        # additions from the captures: added plus the quotes of a restored page kept apart
        from_captures = q.get("added", []) + q.get("appended", [])
        t, s = score_quotes(from_captures, gold_pq, rest, None, "")
        t2, _ = score_quotes(q.get("removed", []), g["quotes_removed"], rest, None, "")
        t.add(t2)
        rows["quotes, page-2 lines as gold"].add(t)
        _, s_pq = score_quotes(from_captures, pq, [], log, "page-2 quote", log_fp=False)
        spk["page-2 quotes"].add(s_pq)
        for text, old, new in reattributions(report):
            reattributed += 1
            if log:
                log.add("quote re-attrib", f"{old!r} -> {new!r}: “{excerpt(text, 60)}”")

        # facts
        facts, claims = report_facts(report)
        with_ledger += "facts" in report
        with_sig += sum(f.significance is not None for f in facts + claims)
        union = facts + [c for c in claims if not any(duplicate(c, f) for f in facts)]
        units = gold_facts(pair)

        def significant(items: list[Fact]) -> list[Fact]:
            return [f for f in items if f.significance is None or f.significance >= 0.5]

        rows["facts: facts only"].add(score_facts(facts, units, noise, None, ""))
        rows["facts: facts + claims"].add(score_facts(union, units, noise, log, "fact"))
        rows["facts only, significance >= 0.5"].add(
            score_facts(significant(facts), units, noise, None, "")
        )
        rows["facts + claims, significance >= 0.5"].add(
            score_facts(significant(union), units, noise, None, "")
        )

        # contributors
        c = report.get("contributors", {})
        redesign_removed = g["contributors_removed"] if pair.redesign else []
        for row, lenient, drop in (
            ("contributors", False, False),
            ("contributors, no redesign removals", False, True),
            ("contributors, name inside entry", True, False),
        ):
            for key in ("added", "removed"):
                gold_names = g[f"contributors_{key}"]
                excluded: list[str] = []
                if drop and key == "removed":
                    gold_names = [n for n in gold_names if n not in redesign_removed]
                    excluded = redesign_removed
                show = log if row == "contributors" else None
                rows[row].add(
                    score_names(
                        c.get(key, []), gold_names, noise, excluded, lenient, show, f"contrib {key}"
                    )
                )

        # headline
        predicted = report.get("headline") is not None
        headline_right += predicted == bool(g["headline_changed"])
        if log and predicted != bool(g["headline_changed"]):
            log.add(
                "headline", f"reported {report.get('headline')!r}, gold {g['headline_changed']}"
            )

        if not any(
            g[k]
            for k in g
            if k.startswith(("quotes_", "facts_", "contributors_")) or k == "headline_changed"
        ):
            noise_only[pair.name] = events(report)
        if log:
            print(f"{pair.name}  ({len(log.lines)} items)")
            print("\n".join(log.lines) if log.lines else "  (all right)")
    n_removed = sum(len(p.gold["contributors_removed"]) for p in pairs if p.redesign)
    return {
        "pairs": len(pairs),
        "compare_ms_median": round(statistics.median(ms), 1),
        "rows": {name: t.as_dict() for name, t in rows.items()},
        "speakers": {name: s.as_dict() for name, s in spk.items()},
        "headline": {"right": headline_right, "pairs": len(pairs)},
        "noise_events": {
            "quotes": sum(rows[r].noise for r in QUOTE_ROWS[:2]),
            "facts + claims": rows["facts: facts + claims"].noise,
            "contributors": rows["contributors"].noise,
        },
        "noise_only_pairs": noise_only,
        "quote_reattributions": reattributed,
        "fact_items_with_significance": with_sig,
        "reports_with_facts": with_ledger,
        "redesign_removals": n_removed,
    }


def print_table(res: dict[str, Any], mode: str) -> None:
    print(
        f"editor-gold: {res['pairs']} NYT version pairs, input {mode}; compare median "
        f"{res['compare_ms_median']:.0f} ms per pair"
    )
    head = f"{'category':<38}{'gold':>5}{'hit':>5}{'pred':>5}{'tp':>5}{'fp':>5}{'noise':>6}"
    print(f"{head}{'P':>7}{'R':>7}{'F1':>7}{'P str':>7}{'F1 str':>7}")
    for name, r in res["rows"].items():
        if name in (FACT_ROWS[2], FACT_ROWS[3]) and not res["fact_items_with_significance"]:
            continue
        print(
            f"{name:<38}{r['gold']:>5}{r['hit']:>5}{r['pred']:>5}{r['tp']:>5}{r['fp']:>5}"
            f"{r['noise']:>6}{r['precision']:>7.3f}{r['recall']:>7.3f}{r['f1']:>7.3f}"
            f"{r['precision_strict']:>7.3f}{r['f1_strict']:>7.3f}"
        )
    print(
        "  hit = gold items found, tp = predictions that found one, noise = predictions matching"
        " only a noise line (neutral; 'str' columns count them as false alarms)"
    )
    if res["reports_with_facts"] < res["pairs"]:
        print(
            f"  reports with a `facts` ledger: {res['reports_with_facts']}/{res['pairs']} "
            "(a missing ledger counts as no fact predicted)"
        )
    if not res["fact_items_with_significance"]:
        print("  no fact item carries a significance: no threshold rows")
    fc = res["rows"][FACT_ROWS[1]]
    print(
        f"  facts + claims: {fc['repeat']} of the {fc['fp']} false positives repeat a gold item "
        "another prediction already matched (one edit reported as several changes)"
    )
    nr = res["rows"][NAME_ROWS[1]]
    print(
        f"  contributors, no redesign removals: {res['redesign_removals']} gold removals left "
        f"out, {nr['neutral']} predictions matching them neutral"
    )
    for name, s in res["speakers"].items():
        print(
            f"speakers on matched {name}: {s['matched']} matched, {s['right']} right, "
            f"{s['wrong']} wrong ({s['described']} a description where gold names no one), "
            f"{s['abstained']} abstained (null for a named speaker); accuracy {s['accuracy']:.3f}"
        )
    h = res["headline"]
    print(f"headline changed: {h['right']}/{h['pairs']} right")
    print(f"quote re-attributions reported: {res['quote_reattributions']} (gold: 0)")
    ne = res["noise_events"]
    print(
        "reported events matching a noise line: "
        + ", ".join(f"{k} {v}" for k, v in ne.items())
        + f" (total {sum(ne.values())})"
    )
    only = res["noise_only_pairs"]
    total = sum(sum(e.values()) for e in only.values())
    print(f"noise-only pairs ({len(only)}): {total} events reported")
    for name, e in only.items():
        parts = ", ".join(f"{k} {v}" for k, v in e.items() if v) or "none"
        print(f"  {name:<34}{sum(e.values()):>4}  {parts}")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--gold", type=Path, default=DATA / "editor-gold")
    ap.add_argument("--versions", type=Path, default=DATA / "archivediff-nyt-versions")
    ap.add_argument("--input", choices=["html", "text"], default="html")
    ap.add_argument("--json", type=Path, help="write the numbers to this file")
    ap.add_argument("--verbose", action="store_true", help="every FP / FN per pair")
    args = ap.parse_args()
    pairs = load(args.gold, args.versions)
    res = run(pairs, as_html if args.input == "html" else as_text, args.verbose)
    if args.verbose:
        print()
    print_table(res, args.input)
    if args.json:
        res["input"] = args.input
        args.json.write_text(json.dumps(res, indent=1) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
