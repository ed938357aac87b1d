"""Realistic rewrites of real article texts for bench_align.py, with the true sentence edges.

A story update changes 20-40% of its sentences: heavy rewording (synonyms for 30-50% of the
content words, clause reorder, passive/active flips, attribution moved to the front or back),
fact changes, splits and merges whose pieces are also reworded, moves of edited sentences and of
whole paragraphs, look-alike new sentences (same template, new facts) next to their look-alike,
and deletions next to insertions.
"""

from __future__ import annotations

import random
import re
from dataclasses import dataclass

Edge = tuple[int, int]

_PAIRS = """
said stated|says states|told informed|announced declared|added noted|asked questioned
big large|small little|many numerous|several various|few handful|huge enormous
people individuals|residents locals|officials authorities|leaders chiefs|police officers
help assist|show demonstrate|begin start|buy purchase|use employ|get obtain|need require
try attempt|make create|think believe|want wish|keep retain|give provide|allow permit
important significant|major key|main principal|new fresh|recent latest|former previous
quickly rapidly|often frequently|also additionally|nearly almost|about roughly|only merely
before prior|after following|because since|while whereas|however nevertheless|but yet
against versus|during throughout|near close|among amid|inside within|despite notwithstanding
year twelvemonth|years decades|week fortnight|month season|today currently|now presently
attack assault|attacks assaults|killed slain|died perished|wounded injured|hurt harmed
fight battle|fighting combat|war conflict|troops soldiers|forces units|army military
country nation|government administration|state province|city town|area region|place site
law statute|rule regulation|plan proposal|policy approach|deal agreement|talks negotiations
vote ballot|election contest|party faction|campaign drive|candidate contender|support backing
report account|reports accounts|news coverage|statement remarks|comments observations
group organization|company firm|business enterprise|workers employees|members participants
money funds|cost price|costs expenses|pay compensate|paid compensated|spend expend
increase rise|decrease decline|grow expand|cut reduce|raised increased|fell dropped
high elevated|low modest|strong robust|weak feeble|hard difficult|easy simple
problem difficulty|problems difficulties|question query|decision ruling|change shift|changes shifts
called termed|described portrayed|warned cautioned|urged pressed|criticized faulted
agreed consented|refused declined|rejected dismissed|accepted embraced|denied disputed
protest demonstration|protesters demonstrators|crowd throng|march rally|demand call
began started|ended concluded|continued persisted|remained stayed|became turned|seemed appeared
clear evident|likely probable|possible feasible|public open|private confidential
hospital clinic|school academy|building structure|home residence|house dwelling|office bureau
children kids|women ladies|men fellows|family relatives|friends allies|victims casualties
investigation inquiry|evidence proof|charges accusations|trial hearing|court tribunal|judge justice
leave depart|arrive reach|return come|move relocate|meet convene|hold host|held hosted
next upcoming|last final|early initial|late belated|first earliest|second subsequent
effort endeavor|efforts endeavors|action measure|actions measures|steps moves
daily everyday|nearby adjacent|across throughout|around approximately
presidential executive|president leader|voters electors|time period|percent pct
going heading|debate discussion|nominee pick|political partisan|tax levy|million mln
even still|made produced|called named|say claim|know understand|primary caucus
back behind|win prevail|way manner|take grab|much lots|night evening|candidates contenders
work labor|delegates representatives|saying stating|well fine|race contest|supporters backers
including incl|won secured|national nationwide|email message|see observe|between betwixt
still nonetheless|federal central|world globe|least minimum|part portion
days dates|good decent|interview conversation|speech address|past prior|long lengthy
economic financial|right correct|polls surveys|case instance|lead edge|day date|point moment
companies firms|really truly|nomination selection|another additional|top leading|never not
media press|lot great|program scheme|whether if|got received|security safety|far distant
kind sort|group bloc|secretary minister|real genuine|every each|conservative rightwing
took seized|things matters|trying attempting|issue matter|came arrived|put placed|woman lady
groups organizations|weeks fortnights|message note|wrote penned|foreign overseas
convention gathering|used utilized|away off|income earnings|job position|emails messages
reported stated|plans schemes|better superior|making producing|old aged|bank lender
young youthful|enough sufficient|something anything|life existence|doing performing
victory triumph|politics policymaking|working laboring|running operating|system structure
done finished|end finish|run operate|economy markets|care concern|again anew|released issued
control command|general overall|voting balloting|become turn|countries nations|look glance
left departed|less fewer|questions queries|times occasions|best finest|went traveled
already previously|financial monetary|number figure|behind after|great tremendous|front forefront
director head|without lacking|name title|later afterward|though although|power authority
health wellness|actually really|information data|personal individual|video footage|ago back
earlier sooner|jobs positions|fact reality|lost failed|taxes levies|results outcomes
majority bulk|chief head|future prospects|together jointly|bring deliver|policies measures
trade commerce|senator lawmaker|must should|seen viewed|yet already|face confront|points marks
votes ballots|man fellow|release publish|story tale|meeting session|different distinct
able capable|stop halt|violence bloodshed|found discovered|elected chosen|rights freedoms
rather instead|once formerly|full complete|reporters journalists|governor chief
further additional|pledged vowed|elections polls|especially particularly|given provided
shooting gunfire|showed revealed|based founded|donors funders
recently lately|side flank|sure certain|expected anticipated|potential possible
criticism critique|gave offered|calling labeling|getting obtaining|team squad|event occasion
talk speak|spoke talked|movement campaign|words terms|choice option|process procedure
history past|feel sense|having owning|killing slaying|arrested detained|suspect accused
find locate|shows displays|current present|continue proceed|others rest|families households
cases instances|worked labored|suggested proposed|market marketplace|focus emphasis
helped aided|rate pace|coming arriving|led headed|record tally|response reply|bad poor
industry sector|community neighborhood|global worldwide|needs requirements|wants desires
leadership management|comes arrives|using employing|taken seized|strategy tactic|calls demands
senior veteran|growth expansion|threat danger|remain stay|someone somebody|comment remark
example illustration|single lone|looking seeking|special particular|spent used|thought idea
winning victorious|toward towards|rival opponent|morning dawn|known famous|social societal
role function|term period|outside beyond|free liberated|thing item|course path|issues matters
""".replace("\n", "|").split("|")
SYNONYMS: dict[str, str] = {}
for _line in _PAIRS:
    _a, _, _b = _line.strip().partition(" ")
    if _a and _b:
        SYNONYMS.setdefault(_a, _b)
        SYNONYMS.setdefault(_b, _a)

STOP = frozenset(
    "a an the and or but of to in on at by for with from as is are was were be been being it its"
    " this that these those he she they we i you his her their our my your them him who whom which"
    " what when where why how not no has have had do does did will would could should may might"
    " than then there here so if into over under about up out also more most very just".split()
)
NAMES = ["Alvarez", "Brennan", "Okafor", "Lindqvist", "Tanaka", "Moreau", "Kowalski", "Haddad"]
PLACES = ["Mosul", "Tucson", "Leeds", "Daegu", "Porto", "Kisumu", "Dayton", "Quetta"]
ATTRIBUTION_TAIL = re.compile(
    r",? (?P<who>(?:[A-Z][\w.'-]*(?: [A-Z][\w.'-]*){0,3}|(?:the |an? )?\w+(?: \w+)?)) "
    r"(?P<verb>said|says|stated|added|noted|told reporters|according to \w+)\.$"
)
ATTRIBUTION_HEAD = re.compile(
    r"^(?P<who>[A-Z][\w.'-]*(?: [A-Z][\w.'-]*){0,3}) (?P<verb>said|says|stated|added|noted)"
    r" (?:that )?(?P<body>.+)$"
)
ACTIVE = re.compile(
    r"^(?P<subj>(?:The|A|An) (?:\w+ ){0,2}\w+|[A-Z]\w+(?: [A-Z]\w+)?) "
    r"(?P<verb>[a-z]+ed) (?P<obj>(?:the|a|an|his|her|their|its) [^,;]+?)(?P<rest>[,;.].*)$"
)
PASSIVE = re.compile(
    r"^(?P<obj>[A-Z][^,;]*?) (?:was|were) (?P<verb>[a-z]+ed) by (?P<subj>[^,;]+?)(?P<rest>[,;.].*)$"
)


@dataclass
class Unit:
    text: str
    src: tuple[int, ...]
    para: int
    touched: bool = False
    moved: bool = False


# -- rewording -------------------------------------------------------------------------------


def reword(text: str, rng: random.Random, share: float) -> str:
    """Heavy editorial rewording: synonyms for `share` of the content words plus restructuring."""
    out = _swap_synonyms(text, rng, share)
    steps = [_move_attribution, _flip_voice, _reorder_clauses]
    rng.shuffle(steps)
    for step in steps[: rng.randint(1, 3)]:
        out = step(out, rng)
    return out


def _is_content(word: str) -> bool:
    return word.isalpha() and word.islower() and len(word) >= 3 and word not in STOP


def _swap_synonyms(text: str, rng: random.Random, share: float) -> str:
    words = text.split(" ")
    core = [re.sub(r"^\W+|\W+$", "", w) for w in words]
    content = [n for n, w in enumerate(core) if _is_content(w.lower())]
    spots = [n for n in content if core[n].lower() in SYNONYMS]
    rng.shuffle(spots)
    for n in spots[: round(share * len(content))]:
        words[n] = words[n].replace(core[n], _cased(SYNONYMS[core[n].lower()], core[n]))
    return " ".join(words)


def _cased(word: str, like: str) -> str:
    return word[:1].upper() + word[1:] if like[:1].isupper() else word


def _move_attribution(text: str, rng: random.Random) -> str:
    tail = ATTRIBUTION_TAIL.search(text)
    if tail and tail.start() > len(text) // 3:
        body = text[: tail.start()].rstrip(",")
        who = tail["who"]
        lead = who[:1].upper() + who[1:]
        verb = tail["verb"]
        if verb.startswith("according"):
            return f"{verb[:1].upper()}{verb[1:]}, {body[:1].lower()}{body[1:]}."
        return f"{lead} {verb} that {body[:1].lower()}{body[1:]}."
    head = ATTRIBUTION_HEAD.match(text)
    if head:
        body = head["body"].rstrip(".")
        return f"{body[:1].upper()}{body[1:]}, {head['who']} {head['verb']}."
    return text


def _flip_voice(text: str, rng: random.Random) -> str:
    active = ACTIVE.match(text)
    if active:
        obj, subj = active["obj"], active["subj"]
        subj = subj[:1].lower() + subj[1:] if subj.split()[0] in ("The", "A", "An") else subj
        return f"{obj[:1].upper()}{obj[1:]} was {active['verb']} by {subj}{active['rest']}"
    passive = PASSIVE.match(text)
    if passive:
        subj, obj = passive["subj"], passive["obj"]
        obj = obj[:1].lower() + obj[1:] if obj.split()[0] in ("The", "A", "An") else obj
        return f"{subj[:1].upper()}{subj[1:]} {passive['verb']} {obj}{passive['rest']}"
    return text


def _reorder_clauses(text: str, rng: random.Random) -> str:
    parts = text.rstrip(".").split(", ")
    if len(parts) < 2:
        return text
    k = rng.randrange(1, len(parts))
    head, tail = ", ".join(parts[:k]), ", ".join(parts[k:])
    if len(tail.split()) < 3 or len(head.split()) < 3:
        return text
    return f"{tail[:1].upper()}{tail[1:]}, {_lower_first(head)}."


def _lower_first(text: str) -> str:
    """Lower the first letter unless the first word is a name."""
    first = text.split(" ", 1)[0]
    if first.lower() in STOP or first.lower() in SYNONYMS:
        return text[:1].lower() + text[1:]
    return text


def change_facts(text: str, rng: random.Random) -> str:
    """Same sentence, new numbers or names."""
    out = re.sub(r"\d+", lambda m: str(int(m.group()) + rng.randint(1, 9)), text)
    if out == text:
        out = re.sub(r"(?<=\s)[A-Z][a-z]{3,}", lambda m: rng.choice(NAMES), out, count=1)
    return out if out != text else text.rstrip(".") + ", officials said."


FACT = re.compile(r"\d+|(?<=\s)[A-Z][a-z]{2,}")


def look_alike(text: str, vocab: list[str], rng: random.Random) -> str | None:
    """Same template, new facts: new numbers and names, a third of the content words replaced.

    None when the sentence holds fewer than two facts (numbers or names) to replace.
    """
    if len(FACT.findall(text)) < 2:
        return None
    out = FACT.sub(lambda m: _new_fact(m.group(), rng), text)
    words = out.split(" ")
    for n, w in enumerate(words):
        if _is_content(w) and rng.random() < 0.3:
            words[n] = rng.choice(vocab)
    return " ".join(words)


def _new_fact(fact: str, rng: random.Random) -> str:
    if fact.isdigit():
        return str(int(fact) + rng.randint(1, 40))
    return rng.choice([n for n in NAMES + PLACES if n != fact])


# -- the generator ---------------------------------------------------------------------------

OPS = {
    "reword": 26,
    "facts": 10,
    "split": 9,
    "merge": 8,
    "move": 8,
    "paragraph": 5,
    "alike": 10,
    "replace": 10,
    "insert": 7,
    "delete": 7,
}


def make_realistic_pair(
    paras: list[list[str]], donors: list[str], vocab: list[str], rng: random.Random
) -> tuple[list[str], list[str], set[Edge], set[int]]:
    """Rewrite 20-40% of the sentences; return old, new, the true edges and moved new indices."""
    old = [s for p in paras for s in p]
    units = [Unit(s, (i,), k) for i, (k, s) in enumerate(_numbered(paras))]
    target = round(rng.uniform(0.2, 0.4) * len(old))
    names, weights = list(OPS), list(OPS.values())
    for _ in range(4 * len(old)):
        if sum(u.touched for u in units) >= target:
            break
        free = [k for k, u in enumerate(units) if not u.touched]
        if len(free) < 4:
            break
        op = rng.choices(names, weights)[0]
        _apply(op, units, rng.choice(free), donors, vocab, rng)
    new = [u.text for u in units]
    edges = {(i, j) for j, u in enumerate(units) for i in u.src}
    return old, new, edges, {j for j, u in enumerate(units) if u.moved}


def _numbered(paras: list[list[str]]) -> list[tuple[int, str]]:
    return [(k, s) for k, p in enumerate(paras) for s in p]


def _apply(
    op: str, units: list[Unit], k: int, donors: list[str], vocab: list[str], rng: random.Random
) -> None:
    u = units[k]
    share = rng.uniform(0.3, 0.5)
    if op not in ("replace", "insert", "delete", "paragraph") and len(u.text.split()) < 6:
        return  # headings, datelines and one-word lines are not what editors reword
    if op == "reword":
        _touch(u, reword(u.text, rng, share))
    elif op == "facts":
        text = change_facts(u.text, rng)
        _touch(u, reword(text, rng, share / 2) if rng.random() < 0.5 else text)
    elif op == "split":
        _split(units, k, rng, share)
    elif op == "merge" and k + 1 < len(units) and _mergeable(u, units[k + 1]):
        nxt = units.pop(k + 1)
        text = f"{u.text.rstrip('.!?')}, and {_lower_first(nxt.text)}"
        units[k] = Unit(reword(text, rng, share / 2), u.src + nxt.src, u.para, True)
    elif op == "move":
        _move(units, [k], rng)
        _touch(u, reword(u.text, rng, share) if rng.random() < 0.7 else u.text)
    elif op == "paragraph":
        block = [n for n, v in enumerate(units) if v.para == u.para]
        whole = block == list(range(block[0], block[-1] + 1))
        if whole and len(block) < len(units) // 3 and not any(units[n].touched for n in block):
            _move(units, block, rng)
    elif op == "alike" and (twin := look_alike(u.text, vocab, rng)):
        if rng.random() < 0.5:
            _touch(u, change_facts(u.text, rng))
        units.insert(k + rng.choice([0, 1]), Unit(twin, (), u.para, True))
    elif op == "replace":
        units[k] = Unit(rng.choice(donors), (), u.para, True)
    elif op == "insert":
        units.insert(k, Unit(rng.choice(donors), (), u.para, True))
    elif op == "delete":
        del units[k]


def _mergeable(u: Unit, nxt: Unit) -> bool:
    return not nxt.touched and len(nxt.text.split()) >= 4 and u.text.rstrip()[-1:] in ".!?"


def _touch(u: Unit, text: str) -> None:
    u.text, u.touched = text, True


def _split(units: list[Unit], k: int, rng: random.Random, share: float) -> None:
    text = units[k].text
    spots = [m.start() for m in re.finditer(r", | and | but | while | because ", text)]
    spots = [s for s in spots if 0.25 < s / len(text) < 0.75]
    spots = [s for s in spots if min(len(text[:s].split()), len(text[s:].split())) >= 5]
    if not spots:
        _touch(units[k], reword(text, rng, share))
        return
    cut = rng.choice(spots)
    first = text[:cut].rstrip(",") + "."
    rest = re.sub(r"^(,|and|but|while|because)\s*", "", text[cut:].strip()).strip()
    second = rest[:1].upper() + rest[1:]
    u = units[k]
    pieces = [reword(first, rng, share / 2), reword(second, rng, share / 2)]
    units[k : k + 1] = [Unit(p, u.src, u.para, True) for p in pieces]


def _move(units: list[Unit], block: list[int], rng: random.Random) -> None:
    """Move the units at the contiguous indices `block` at least a few sentences away."""
    lo, hi = block[0], block[-1] + 1
    moving = units[lo:hi]
    rest = units[:lo] + units[hi:]
    spots = [d for d in range(len(rest) + 1) if abs(d - lo) >= 3]
    if not spots:
        return
    dest = 0 if lo >= 3 and rng.random() < 0.3 else rng.choice(spots)
    for u in moving:
        u.touched = u.moved = True
    units[:] = rest[:dest] + moving + rest[dest:]
