"""(old sentences, new sentences) -> alignments. Pure. (Placeholder until the aligner lands.)"""

from __future__ import annotations

import difflib
from collections.abc import Sequence

from tracker.models import Alignment


def align_sentences(old: Sequence[str], new: Sequence[str]) -> list[Alignment]:
    """Align two sentence lists; every index appears in exactly one Alignment."""
    out: list[Alignment] = []
    sm = difflib.SequenceMatcher(a=list(old), b=list(new), autojunk=False)
    for tag, i1, i2, j1, j2 in sm.get_opcodes():
        if tag == "equal":
            out.extend(Alignment("same", (i1 + k,), (j1 + k,)) for k in range(i2 - i1))
        else:
            out.extend(Alignment("removed", (i,), ()) for i in range(i1, i2))
            out.extend(Alignment("added", (), (j,)) for j in range(j1, j2))
    return out
