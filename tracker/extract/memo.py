"""Results kept per text. Pure.

Both versions of an article hold mostly the same paragraphs and sentences, and several stages
read each of them: a function of one text that is decorated with `per_text` works each text out
once. Only texts up to `PER_TEXT_CHARS` long are kept, so the memory a cache holds stays bounded
(a paragraph of a megabyte is worked out again when asked again).
"""

from __future__ import annotations

from collections.abc import Callable
from functools import lru_cache, update_wrapper
from typing import Generic, TypeVar

Result = TypeVar("Result")
PER_TEXT_CHARS = 10_000


class PerText(Generic[Result]):
    """A function of one text, with the results for its last `maxsize` texts kept."""

    def __init__(self, function: Callable[[str], Result], maxsize: int) -> None:
        self._function = function
        self._cached = lru_cache(maxsize=maxsize)(function)
        update_wrapper(self, function)

    def __call__(self, text: str) -> Result:
        if len(text) <= PER_TEXT_CHARS:
            return self._cached(text)
        return self._function(text)

    def cache_clear(self) -> None:
        self._cached.cache_clear()


def per_text(maxsize: int = 4096) -> Callable[[Callable[[str], Result]], PerText[Result]]:
    """Keep a function's result for each of the last `maxsize` texts it was given (results
    must not be changed by their callers: hand out tuples, strings, numbers)."""

    def decorate(function: Callable[[str], Result]) -> PerText[Result]:
        return PerText(function, maxsize)

    return decorate
