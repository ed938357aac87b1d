"""Word-level changes between two sentences. Pure.

Like diff-match-patch's line mode, but with words: every distinct token (a word, a run of
whitespace, or one punctuation mark) is mapped to one private character, the two character
strings are diffed and cleaned up semantically, and the characters are mapped back.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from diff_match_patch import diff_match_patch

_TOKEN = re.compile(r"\w+|\s+|[^\w\s]")
_OPS = {-1: "-", 0: "=", 1: "+"}
_FIRST_CODE = 0xE000  # start of the private use area; runs on past it into the CJK planes
_MAX_TOKENS = 0x10FFFF - 0x20000  # more distinct tokens than this falls back to one replace


def inline_diff(old: str, new: str) -> list[tuple[str, str]]:
    """Return [("=", text) | ("-", text) | ("+", text), ...] at word granularity.

    Joining the "=" and "-" parts gives `old`; joining the "=" and "+" parts gives `new`.
    """
    if old == new:
        return [("=", old)] if old else []
    old_tokens = _TOKEN.findall(old)
    new_tokens = _TOKEN.findall(new)
    tokens = dict.fromkeys([*old_tokens, *new_tokens])  # each distinct token, in first use
    if len(tokens) > _MAX_TOKENS:
        return [op for op in (("-", old), ("+", new)) if op[1]]
    codes = {token: _char(index) for index, token in enumerate(tokens)}
    decode = {ord(code): token for token, code in codes.items()}  # a str.translate table
    dmp = _UnlimitedDiff()
    diffs = dmp.diff_main(
        "".join([codes[t] for t in old_tokens]), "".join([codes[t] for t in new_tokens]), False
    )
    dmp.diff_cleanupSemantic(diffs)
    return _merge((_OPS[op], chars.translate(decode)) for op, chars in diffs)


class _UnlimitedDiff(diff_match_patch):  # type: ignore[misc]  # the library has no types
    """diff-match-patch with no time limit, and its middle-snake search (the bulk of a diff)
    in fewer steps: see `_middle_snake`."""

    def __init__(self) -> None:
        super().__init__()
        self.Diff_Timeout = 0

    def diff_bisect(self, text1: str, text2: str, deadline: float) -> list[tuple[int, str]]:
        snake = _middle_snake(text1, text2)
        if snake is None:
            return [(-1, text1), (1, text2)]  # nothing in common: delete one, insert the other
        diffs: list[tuple[int, str]] = self.diff_bisectSplit(text1, text2, *snake, deadline)
        return diffs


def _middle_snake(text1: str, text2: str) -> tuple[int, int] | None:
    """Where diff-match-patch's `diff_bisect` splits the two texts (Myers' middle snake).

    The library's search, step for step, so every diff is the same: without its deadline
    check (there is no time limit), comparing code points in lists (indexing a string past
    Latin-1, as the private-use token codes are, makes a new string each time), with the
    backward walk reading both lists reversed once instead of indexing from the end, and with
    diagonal k addressed by its place in the arrays, `at` = offset + k.
    """
    n1, n2 = len(text1), len(text2)
    max_d = (n1 + n2 + 1) // 2
    offset, size = max_d, 2 * max_d
    v1 = [-1] * size
    v1[offset + 1] = 0
    v2 = v1[:]
    delta = n1 - n2
    front = delta % 2 != 0  # an odd total: the forward path is the one to meet the other
    codes1, codes2 = [ord(c) for c in text1], [ord(c) for c in text2]
    back1, back2 = codes1[::-1], codes2[::-1]
    k1start = k1end = k2start = k2end = 0  # diagonals that ran off the grid
    for d in range(max_d):
        lo, hi = offset - d, offset + d
        for at in range(lo + k1start, hi + 1 - k1end, 2):
            if at == lo or (at != hi and v1[at - 1] < v1[at + 1]):
                x1 = v1[at + 1]
            else:
                x1 = v1[at - 1] + 1
            y1 = x1 - at + offset
            while x1 < n1 and y1 < n2 and codes1[x1] == codes2[y1]:
                x1 += 1
                y1 += 1
            v1[at] = x1
            if x1 > n1:
                k1end += 2
            elif y1 > n2:
                k1start += 2
            elif front:
                other = 2 * offset + delta - at
                if 0 <= other < size and v2[other] != -1 and x1 >= n1 - v2[other]:
                    return x1, y1
        for at in range(lo + k2start, hi + 1 - k2end, 2):
            if at == lo or (at != hi and v2[at - 1] < v2[at + 1]):
                x2 = v2[at + 1]
            else:
                x2 = v2[at - 1] + 1
            y2 = x2 - at + offset
            while x2 < n1 and y2 < n2 and back1[x2] == back2[y2]:
                x2 += 1
                y2 += 1
            v2[at] = x2
            if x2 > n1:
                k2end += 2
            elif y2 > n2:
                k2start += 2
            elif not front:
                other = 2 * offset + delta - at
                if 0 <= other < size and v1[other] != -1 and v1[other] >= n1 - x2:
                    return v1[other], v1[other] - other + offset
    return None


def _char(index: int) -> str:
    code = _FIRST_CODE + index
    return chr(code if code < 0xF900 else code - 0xF900 + 0x20000)


def _merge(parts: Iterable[tuple[str, str]]) -> list[tuple[str, str]]:
    out: list[tuple[str, str]] = []
    for op, text in parts:
        if not text:
            continue
        if out and out[-1][0] == op:
            out[-1] = (op, out[-1][1] + text)
        else:
            out.append((op, text))
    return out
