"""Recognise pull quotes: text that repeats runs of the body, maybe edited or joined."""

from __future__ import annotations

from dataclasses import dataclass

from ..patterns import squeeze

#: Shortest run of characters that counts as repeated body text.
MIN_RUN = 6
#: Share of a quote's characters that must be repeated body text.
MIN_COVERAGE = 0.9
#: Shortest text taken for a pull quote.
MIN_LENGTH = 12


@dataclass(frozen=True)
class Run:
    """A run of the quote found in the body: [body_start, body_end) of the squeezed body."""

    body_start: int
    body_end: int


def find_runs(quote: str, body: str, end: int | None = None) -> list[Run] | None:
    """Greedy longest runs of ``quote`` found in ``body[:end]``; None if it is not an excerpt.

    Both texts are compared with whitespace removed (stray spaces do not matter).
    """
    quote = squeeze(quote)
    end = len(body) if end is None else end
    if len(quote) < MIN_LENGTH:
        return None
    runs: list[Run] = []
    covered = 0
    i = 0
    while i < len(quote):
        low, start = _longest_found(quote[i:], body, end)
        if low >= MIN_RUN:
            runs.append(Run(start, start + low))
            covered += low
            i += low
        else:
            i += 1
            if len(quote) - (i - covered) < MIN_COVERAGE * len(quote):
                return None  # too many characters not found already: stop searching, for speed
    return runs if covered >= MIN_COVERAGE * len(quote) else None


def _longest_found(text: str, body: str, end: int) -> tuple[int, int]:
    """The longest k with text[:k] in body[:end], and where text[:k] is first found there.

    The whole text is tried first (a quote most often repeats the rest of it word for word), then
    k is found by halving (text[:k] found means every shorter start of it is found too).
    """
    start = body.find(text, 0, end)
    if start >= 0:
        return len(text), start
    low, high = 0, len(text) - 1
    while low < high:
        mid = (low + high + 1) // 2
        found = body.find(text[:mid], 0, end)
        if found >= 0:
            low, start = mid, found
        else:
            high = mid - 1
    return low, start
