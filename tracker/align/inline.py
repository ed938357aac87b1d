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
    dmp = diff_match_patch()
    dmp.Diff_Timeout = 0
    diffs = dmp.diff_main(
        "".join([codes[t] for t in old_tokens]), "".join([codes[t] for t in new_tokens]), False
    )
    dmp.diff_cleanupSemantic(diffs)
    return _merge((_OPS[op], chars.translate(decode)) for op, chars in diffs)


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
