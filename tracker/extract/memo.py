"""Results kept per text. Pure.

Both versions of an article hold mostly the same paragraphs and sentences, and several stages
read each of them: a function of one text that is decorated with `per_text` works each text out
once. Only texts up to `PER_TEXT_CHARS` long are kept, so the memory a cache holds stays bounded
(a paragraph of a megabyte is worked out again when asked again).
"""

from __future__ import annotations

from collections.abc import Callable
from functools import lru_cache, update_wrapper
from typing import Protocol, TypeVar, cast

Result = TypeVar("Result")
Result_co = TypeVar("Result_co", covariant=True)
PER_TEXT_CHARS = 10_000


class PerText(Protocol[Result_co]):
    """A function of one text, with the results for its last `maxsize` texts kept."""

    def __call__(self, text: str, /) -> Result_co: ...

    def cache_clear(self) -> None: ...


def per_text(maxsize: int = 4096) -> Callable[[Callable[[str], Result]], PerText[Result]]:
    """Keep a function's result for each of the last `maxsize` texts it was given (results
    must not be changed by their callers: hand out tuples, strings, numbers)."""

    def decorate(function: Callable[[str], Result]) -> PerText[Result]:
        cached = lru_cache(maxsize=maxsize)(function)

        # A plain function rather than an object with `__call__`: Python calls it about twice
        # as fast, and these are asked hundreds of times per comparison.
        def call(text: str) -> Result:
            if len(text) <= PER_TEXT_CHARS:
                return cached(text)
            return function(text)

        update_wrapper(call, function)
        call.cache_clear = cached.cache_clear  # type: ignore[attr-defined]
        return cast(PerText[Result], call)

    return decorate
