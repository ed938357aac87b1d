"""The article-level fact ledger (`compare(...).facts`) on one known edit of a real article at a
time: does it report the fact that changed, and nothing when only the wording or the order
changed?

Usage: python benchmarks/bench_facts.py [DATA_DIR] [--articles N] [--seed S] [--show KIND]
DATA_DIR defaults to ../shared/data relative to the repository root (polnear-attribution
texts, else the latest NYT versions).

Each real article gives one pair per kind of edit (when it has a sentence the edit fits):

- reword: synonyms for ~40 % of a sentence's content words, clauses or attribution moved;
  right: no fact event of significance >= 0.5.
- move: a paragraph moved elsewhere; right: no fact event at all.
- split / merge: a sentence cut in two at ", and" / ", but", or two sentences of a paragraph
  joined by ", and"; right: no fact event of significance >= 0.5.
- number: a number of a sentence changed; right: a change whose old side holds the old number
  and whose new side holds the new one.
- number+reword: the same, the sentence reworded too; right: the same.
- negation: "not" put after the first auxiliary ("was" -> "was not"); right: a change of
  significance >= 0.5 whose new side holds "not".
- hedge: "will" -> "may"; date: a weekday changed; source: ", city officials said" added to a
  sentence that cited no one; right: a change of significance >= 0.5 showing the new words.
- number+move: a number changed in a sentence that moves to the top of the story, lightly
  reworded (an update's new lede); right: as for number.
- name: a titled person's surname respelt ("Mr. Halvorsen" -> "Mr. Halvorsne"); right: a change
  from the old spelling to the new.
- insert: a sentence of another article added as a paragraph; right: an `added` fact there.
- delete: a sentence of a paragraph of its own taken out; right: a `removed` fact there.

A pair counts as found when the right answer is among the reported facts; every other fact
event of significance >= 0.5 is a false alarm (at any significance for `move`). Peers, given
the same texts: numbers (the numbers of the article compared as multisets: what a script
watching figures reports), sentences (every sentence added or removed by difflib on the split
sentences: what the red/green diff tools show), and tracker's per-sentence claims alone (the
report before the fact ledger).
"""

from __future__ import annotations

import argparse
import difflib
import random
import re
import sys
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from _rewrites import _move_attribution, _reorder_clauses
from bench_compare import _paragraphs, article_texts

from tracker.pipeline import compare
from tracker.segment import split_sentences

ROOT = Path(__file__).resolve().parent.parent
_NUMBER = re.compile(r"\d+(?:[.,]\d+)*")
_MONTH_BEFORE = re.compile(r"(?i)(jan|feb|march|april|may|june|july|aug|sept|oct|nov|dec)\w*\.? $")
KINDS = (
    "reword", "move", "split", "merge", "number", "number+reword", "number+move", "negation",
    "hedge", "date", "source", "name", "insert", "delete",
)  # fmt: skip
NEUTRAL_KINDS = frozenset({"reword", "move", "split", "merge"})
SIGNIFICANT = 0.5
# Words an editor swaps without changing what the sentence says (the benchmark's own list: a
# synonym that could change a fact, "week" -> "fortnight", "senator" -> "lawmaker", is left out).
_NEUTRAL = """big large|small little|help assist|show demonstrate|begin start|buy purchase
use employ|get obtain|need require|try attempt|think believe|keep retain|important significant
main principal|quickly rapidly|often frequently|also additionally|nearly almost|however nevertheless
despite notwithstanding|during throughout|among amid|inside within|attack assault|killed slain
wounded injured|hurt harmed|fight battle|troops soldiers|country nation|area region|law statute
plan proposal|deal agreement|talks negotiations|company firm|workers employees|money funds
increase rise|grow expand|cut reduce|strong robust|hard difficult|easy simple
problem difficulty|question query|protest demonstration|protesters demonstrators|crowd throng
began started|ended concluded|continued persisted|remained stayed|seemed appeared|clear evident
home residence|children kids|investigation inquiry|evidence proof|leave depart|effort endeavor
efforts endeavors|daily everyday|nearby adjacent|debate discussion|interview conversation
speech address|companies firms|really truly|kind sort|things matters|trying attempting
issue matter|wrote penned|foreign overseas|used utilized|enough sufficient|victory triumph
questions queries|information data|together jointly|violence bloodshed|found discovered
especially particularly|recently lately|sure certain|expected anticipated|criticism critique
gave offered|talk speak|choice option|process procedure|helped aided|response reply
threat danger|comment remark|example illustration|rival opponent|toward towards|team squad
event occasion|stop halt|able capable|different distinct|meeting session|majority bulk
results outcomes|fact reality|later afterward|though although|reporters journalists
pledged vowed|rather instead|shows displays|showed revealed|problems difficulties|help aid"""
NEUTRAL: dict[str, str] = {}
for _pair in _NEUTRAL.replace("\n", "|").split("|"):
    _a, _b = _pair.split()
    NEUTRAL.setdefault(_a, _b)
    NEUTRAL.setdefault(_b, _a)


def reword(sentence: str, rng: random.Random, share: float) -> str:
    """A sentence said again in other words: about `share` of its lowercase content words swapped
    for a synonym of the list above, then the attribution or the clauses moved (sometimes)."""
    words = sentence.split(" ")
    core = [w.strip(".,;:!?()") for w in words]
    spots = [n for n, w in enumerate(core) if w in NEUTRAL]
    content = [w for w in core if w.isalpha() and w.islower() and len(w) > 3]
    rng.shuffle(spots)
    for n in spots[: max(1, round(share * len(content)))]:
        words[n] = words[n].replace(core[n], NEUTRAL[core[n]])
    out = " ".join(words)
    step = rng.choice([_move_attribution, _reorder_clauses, None])
    return step(out, rng) if step else out


@dataclass
class Case:
    kind: str
    old: str
    new: str
    old_number: str = ""  # number: the value that changed
    new_number: str = ""
    sentence: str = ""  # insert / delete: the sentence added or taken out
    before: str = ""  # reword / number: the sentence edited, before and after
    after: str = ""


@dataclass
class Event:
    kind: str  # changed / added / removed
    old: str
    new: str
    significance: float


# -- the edits ---------------------------------------------------------------------------------


def _sentences(paragraph: str) -> list[str]:
    return split_sentences(paragraph)


def _plain(sentence: str, words: int = 8) -> bool:
    """A sentence of narration long enough to edit, no quotation in it."""
    return len(sentence.split()) >= words and not re.search("[\"\u201c\u201d]|''", sentence)


def make_cases(text: str, donors: list[str], rng: random.Random) -> list[Case]:
    paras = _paragraphs(text)
    if len(paras) < 6:
        return []
    old = "\n\n".join(paras)
    cases: list[Case] = []
    spots = [
        (p, s, sentence)
        for p, para in enumerate(paras)
        if p > 0  # the first line is often the headline
        for s, sentence in enumerate(_sentences(para))
    ]
    rng.shuffle(spots)

    def edited(p: int, s: int, new_sentence: str) -> str:
        parts = _sentences(paras[p])
        parts[s] = new_sentence
        return "\n\n".join([*paras[:p], " ".join(parts), *paras[p + 1 :]])

    plain = [x for x in spots if _plain(x[2]) and not _NUMBER.search(x[2])]
    if plain:
        p, s, sentence = plain[0]
        new = reword(sentence, rng, 0.4)
        if new != sentence:
            cases.append(Case("reword", old, edited(p, s, new), before=sentence, after=new))
    if len(paras) > 6:
        k = rng.randrange(2, len(paras))
        moved = [*paras[:k], *paras[k + 1 :]]
        moved.insert(rng.randrange(1, len(moved)), paras[k])
        if moved != paras:
            cases.append(Case("move", old, "\n\n".join(moved)))
    counted = [x for x in spots if _plain(x[2], 6) and _counts(x[2])]
    for kind, (p, s, sentence) in zip(("number", "number+reword"), counted[:2], strict=False):
        m = _counts(sentence)
        assert m is not None
        value = int(m.group().replace(",", ""))
        changed = str(value + rng.randint(1, 9))
        new = sentence[: m.start()] + changed + sentence[m.end() :]
        if kind == "number+reword":
            new = reword(new, rng, 0.25)
            if changed not in new:
                continue
        cases.append(
            Case(kind, old, edited(p, s, new), m.group(), changed, before=sentence, after=new)
        )
    donor = next((d for d in donors if _plain(d, 10)), None)
    if donor:
        k = rng.randrange(2, len(paras))
        cases.append(
            Case("insert", old, "\n\n".join([*paras[:k], donor, *paras[k:]]), sentence=donor)
        )
    alone = [p for p, para in enumerate(paras) if p > 1 and len(_sentences(para)) == 1]
    alone = [p for p in alone if _plain(paras[p], 10) and not _FURNITURE.match(paras[p])]
    if alone:
        p = rng.choice(alone)
        cases.append(
            Case("delete", old, "\n\n".join([*paras[:p], *paras[p + 1 :]]), sentence=paras[p])
        )
    cases += _more_cases(paras, spots, edited, rng)
    return cases


_NEGATABLE = re.compile(r"\b(is|was|are|were|will|would|can|could|has|have|had) (?!not\b)")
_FURNITURE = re.compile(r"(?i)\W*(editor\W?s note|correction|(additional )?reporting (by|was))")
_DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
_WEEKDAY = re.compile(r"\b(?:" + "|".join(_DAYS) + r")\b(?!')")
_TITLED = re.compile(r"\b(?:Mr|Mrs|Ms|Dr|Sen|Rep|Gov)\. ([A-Z][a-z]{3,})\b")


def _more_cases(
    paras: list[str],
    spots: list[tuple[int, int, str]],
    edited: Callable[[int, int, str], str],
    rng: random.Random,
) -> list[Case]:
    """Negation, a respelt name, a sentence split in two and two sentences made one."""
    old = "\n\n".join(paras)
    out: list[Case] = []
    plain = [x for x in spots if _plain(x[2])]
    negatable = [x for x in plain if _NEGATABLE.search(x[2])]
    if negatable:
        p, s, sentence = negatable[0]
        new = _NEGATABLE.sub(lambda m: m.group(1) + " not ", sentence, count=1)
        out.append(Case("negation", old, edited(p, s, new), "", "not", before=sentence, after=new))
    hedged = [x for x in plain if re.search(r"\bwill (?!not\b)", x[2])]
    if hedged:
        p, s, sentence = hedged[0]
        new = re.sub(r"\bwill (?!not\b)", "may ", sentence, count=1)
        out.append(Case("hedge", old, edited(p, s, new), "will", "may", before=sentence, after=new))
    dated = [x for x in plain if _WEEKDAY.search(x[2])]
    if dated:
        p, s, sentence = dated[0]
        m = _WEEKDAY.search(sentence)
        assert m is not None
        day = _DAYS[(_DAYS.index(m.group()) + rng.randint(1, 5)) % 7]
        new = sentence[: m.start()] + day + sentence[m.end() :]
        out.append(Case("date", old, edited(p, s, new), m.group(), day, before=sentence, after=new))
    bare = [x for x in plain if not re.search(r"\b(said|says|according|told)\b", x[2])]
    if bare and bare[0][2].endswith("."):
        p, s, sentence = bare[0]
        new = sentence[:-1] + ", city officials said."
        out.append(
            Case("source", old, edited(p, s, new), "", "officials", before=sentence, after=new)
        )
    counted = [x for x in spots if _plain(x[2], 6) and _counts(x[2])]
    if counted and len(paras) > 6:
        p, s, sentence = counted[-1]
        m = _counts(sentence)
        assert m is not None
        changed = str(int(m.group().replace(",", "")) + rng.randint(1, 9))
        new = reword(sentence[: m.start()] + changed + sentence[m.end() :], rng, 0.2)
        if changed in new:
            parts = _sentences(paras[p])
            del parts[s]
            rest = [*paras[:p], *([" ".join(parts)] if parts else []), *paras[p + 1 :]]
            rest.insert(1, new)  # the top of the story: where an update puts its news
            moved = "\n\n".join(rest)
            out.append(
                Case("number+move", old, moved, m.group(), changed, before=sentence, after=new)
            )
    titled = [x for x in plain if _TITLED.search(x[2])]
    if titled:
        p, s, sentence = titled[0]
        m = _TITLED.search(sentence)
        assert m is not None
        name = m.group(1)
        respelt = name[:-2] + name[-1] + name[-2] if name[-1] != name[-2] else name + "e"
        new = sentence[: m.start(1)] + respelt + sentence[m.end(1) :]
        out.append(Case("name", old, edited(p, s, new), name, respelt, before=sentence, after=new))
    joined = [x for x in plain if re.search(r", (?:and|but) [a-z]", x[2])]
    if joined:
        p, s, sentence = joined[0]
        m = re.search(r", (and|but) ([a-z])", sentence)
        assert m is not None
        new = f"{sentence[: m.start()]}. {m.group(1).capitalize()} {sentence[m.start(2) :]}"
        out.append(Case("split", old, edited(p, s, new), before=sentence, after=new))
    pairs = [
        (p, para)
        for p, para in enumerate(paras)
        if p > 0 and len(_sentences(para)) >= 2 and all(_plain(x, 6) for x in _sentences(para))
    ]
    if pairs:
        p, para = rng.choice(pairs)
        first, second, *rest = _sentences(para)
        if first.endswith(".") and second[:1].isupper() and second.split()[0] not in {"I"}:
            lead = second if second.split()[0][1:].isupper() else second[:1].lower() + second[1:]
            merged = " ".join([f"{first[:-1]}, and {lead}", *rest])
            new = "\n\n".join([*paras[:p], merged, *paras[p + 1 :]])
            out.append(Case("merge", old, new, before=f"{first} {second}", after=merged))
    return out


def _counts(sentence: str) -> re.Match[str] | None:
    """A number that counts something (not a year, a date or a time)."""
    for m in _NUMBER.finditer(sentence):
        value = m.group().replace(",", "")
        before = sentence[max(0, m.start() - 12) : m.start()]
        after = sentence[m.end() : m.end() + 3]
        timed = after[:1] in {":", "."} and after[1:2].isdigit()  # 5:30, 2.5
        if re.fullmatch(r"(1[89]|20)\d\d", value) or timed or _MONTH_BEFORE.search(before):
            continue
        if not value.isdigit() or len(value) > 6 or before.endswith(("No. ", "$")):
            continue
        return m
    return None


# -- what each method reports --------------------------------------------------------------------


def tracker_events(report: dict[str, Any]) -> list[Event]:
    facts = report["facts"]
    old_s, new_s = report["old_sentences"], report["new_sentences"]
    out = [Event("changed", f["old"], f["new"], f["significance"]) for f in facts["changed"]]
    for kind, sentences in (("added", new_s), ("removed", old_s)):
        out += [
            Event(kind, sentences[f["sentence"]], f["text"], f["significance"]) for f in facts[kind]
        ]
    return out


def claims_events(report: dict[str, Any]) -> list[Event]:
    return [
        Event("changed", c["old"], c["new"], 1.0)
        for claim in report["claims"]
        for c in claim["changes"]
    ]


def numbers_events(old: str, new: str) -> list[Event]:
    a, b = Counter(_NUMBER.findall(old)), Counter(_NUMBER.findall(new))
    gone, came = sorted((a - b).elements()), sorted((b - a).elements())
    out = [Event("changed", x, y, 1.0) for x, y in zip(gone, came, strict=False)]
    out += [Event("removed", x, x, 1.0) for x in gone[len(came) :]]
    out += [Event("added", y, y, 1.0) for y in came[len(gone) :]]
    return out


def sentence_events(old: str, new: str) -> list[Event]:
    a = [s for p in _paragraphs(old) for s in _sentences(p)]
    b = [s for p in _paragraphs(new) for s in _sentences(p)]
    out = []
    for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if tag in {"replace", "delete"}:
            out += [Event("removed", s, s, 1.0) for s in a[i1:i2]]
        if tag in {"replace", "insert"}:
            out += [Event("added", s, s, 1.0) for s in b[j1:j2]]
    return out


# -- scoring -------------------------------------------------------------------------------------


def _has_number(text: str, number: str) -> bool:
    return number in _NUMBER.findall(text)


def right(case: Case, event: Event) -> bool:
    if case.kind in {"hedge", "date", "source"}:
        return (
            event.kind == "changed"
            and case.new_number in event.new
            and (case.old_number in event.old or not case.old_number)
            and event.significance >= 0.5
        )
    if case.kind.startswith("number"):
        return (
            event.kind == "changed"
            and _has_number(event.old, case.old_number)
            and _has_number(event.new, case.new_number)
        )
    if case.kind == "negation":
        return event.kind == "changed" and "not" in event.new.split() and event.significance >= 0.5
    if case.kind == "name":
        respelt = case.old_number in event.old and case.new_number in event.new
        return event.kind == "changed" and respelt
    if case.kind in {"insert", "delete"}:
        want = "added" if case.kind == "insert" else "removed"
        words = set(case.sentence.split())
        return event.kind == want and len(words & set(event.old.split())) >= 0.8 * len(words)
    return False


@dataclass
class Tally:
    pairs: Counter[str] = field(default_factory=Counter)
    found: Counter[str] = field(default_factory=Counter)
    alarmed: Counter[str] = field(default_factory=Counter)  # pairs with a false alarm
    alarms: Counter[str] = field(default_factory=Counter)
    examples: dict[str, list[str]] = field(default_factory=dict)
    missed: list[Case] = field(default_factory=list)

    def add(self, case: Case, events: list[Event]) -> None:
        floor = 0.0 if case.kind == "move" else SIGNIFICANT
        hits = [e for e in events if right(case, e)]
        wrong = [e for e in events if e.significance >= floor and not right(case, e)]
        self.pairs[case.kind] += 1
        self.found[case.kind] += bool(hits)
        self.alarmed[case.kind] += bool(wrong)
        self.alarms[case.kind] += len(wrong)
        if wrong or (not hits and case.kind not in NEUTRAL_KINDS):
            self.missed.append(case)
            shown = "; ".join(
                f"{e.kind} {e.old[:60]!r} -> {e.new[:60]!r} ({e.significance})" for e in wrong
            )
            verdict = "found" if hits else "" if case.kind in NEUTRAL_KINDS else "MISSED"
            edit = f"\n    before: {case.before}\n    after:  {case.after}" if case.before else ""
            self.examples.setdefault(case.kind, []).append(
                f"{verdict} {case.old_number}->{case.new_number} {case.sentence[:70]!r} | {shown}"
                + edit
            )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("data", nargs="?", default=str(ROOT.parent / "shared" / "data"))
    parser.add_argument("--articles", type=int, default=150)
    parser.add_argument("--seed", type=int, default=11)
    parser.add_argument("--show", default="", help="print the misses and alarms of one kind")
    args = parser.parse_args()
    texts = article_texts(Path(args.data))
    rng = random.Random(args.seed)
    rng.shuffle(texts)
    donors = [s for t in texts[-200:] for p in _paragraphs(t) for s in _sentences(p)]
    rng.shuffle(donors)
    methods: dict[str, Callable[[Case, dict[str, Any]], list[Event]]] = {
        "tracker facts": lambda c, r: tracker_events(r),
        "tracker claims alone": lambda c, r: claims_events(r),
        "numbers (multiset diff)": lambda c, r: numbers_events(c.old, c.new),
        "sentences (difflib)": lambda c, r: sentence_events(c.old, c.new),
    }
    tallies = {name: Tally() for name in methods}
    used = 0
    for text in texts[: args.articles]:
        cases = make_cases(text, donors[used:], rng)
        used += 1
        for case in cases:
            report = compare(case.old, case.new).to_dict()
            for name, method in methods.items():
                tallies[name].add(case, method(case, report))
    print(f"fact ledger, one known edit of a real article ({args.articles} articles)")
    header = f"{'kind':15s} {'pairs':>5s}"
    for name in methods:
        header += f" | {name[:24]:>24s}"
    print(header)
    print(f"{'':15s} {'':>5s}" + " | found  alarmed  alarms" * len(methods))
    for kind in KINDS:
        n = tallies["tracker facts"].pairs[kind]
        if not n:
            continue
        line = f"{kind:15s} {n:5d}"
        for name in methods:
            t = tallies[name]
            found = f"{t.found[kind] / n:.3f}" if kind not in NEUTRAL_KINDS else "    -"
            line += f" | {found:>5s}  {t.alarmed[kind] / n:7.3f}  {t.alarms[kind]:6d}"
        print(line)
    print("  found = pairs whose edit is reported rightly; alarmed = pairs with another event of")
    print(f"  significance >= {SIGNIFICANT} (any, for move); alarms = those events in all")
    for name, t in tallies.items():
        total = sum(t.pairs.values())
        changed = sum(t.pairs[k] for k in KINDS if k not in NEUTRAL_KINDS)
        found = sum(t.found[k] for k in KINDS if k not in NEUTRAL_KINDS)
        print(
            f"  {name:26s} recall {found / max(changed, 1):.3f}   pairs with a false alarm "
            f"{sum(t.alarmed.values()) / max(total, 1):.3f}"
        )
    if args.show:
        for line in tallies["tracker facts"].examples.get(args.show, []):
            print(" ", line)


if __name__ == "__main__":
    sys.path.insert(0, str(ROOT))
    main()
