"""Picture captions added or removed between two versions. Pure.

Captions describe a picture, not the story: extraction keeps them out of the body
(`Article.captions`), so they never reach sentence alignment, quotes, claims or facts. A new
caption, a dropped one or a reworded one (one removed, one added) is reported in a section of
its own, with a low significance."""

from __future__ import annotations

from collections.abc import Sequence

from tracker.extract.boilerplate import caption_key, unique_captions

SIGNIFICANCE = 0.2  # below a change of wording: a caption rarely changes what the story says


def diff_captions(old: Sequence[str], new: Sequence[str]) -> tuple[list[str], list[str]]:
    """(added, removed) captions; whitespace and typography do not count as a change."""
    old_keys = {caption_key(c) for c in old}
    new_keys = {caption_key(c) for c in new}
    added = unique_captions(c for c in new if caption_key(c) not in old_keys)
    removed = unique_captions(c for c in old if caption_key(c) not in new_keys)
    return added, removed
