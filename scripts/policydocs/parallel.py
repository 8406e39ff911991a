"""An ordered map that spreads its work over forked worker processes.

The stages stay pure functions; a build hands them this map in place of the built-in one. Workers
are forked after the work function is set, so they inherit it (and everything it refers to, such
as the whole model) without pickling: only item numbers go out and results come back.

Results come back in input order and the output does not depend on the number of workers. A
stage's bad input (InputError) is carried back as data, and the first failing item in input order
is the one raised, as a serial run would.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Sequence
from typing import NamedTuple, TypeVar

from .diagnostics import Diagnostic, InputError

T = TypeVar("T")
R = TypeVar("R")
Mapper = Callable[[Callable[[T], R], Sequence[T]], list[R]]

#: Below this many items a pool costs more (forking, piping results back) than it saves.
MIN_ITEMS = 4

_work: Callable[[int], object] | None = None


class _Failed(NamedTuple):
    """A worker's bad input, carried back as data."""

    diagnostics: tuple[Diagnostic, ...]


def _run(index: int) -> object:
    assert _work is not None
    try:
        return _work(index)
    except InputError as failure:  # its pickled form would lose the diagnostics
        return _Failed(tuple(failure.diagnostics))


def serial_map(function: Callable[[T], R], items: Sequence[T]) -> list[R]:
    return [function(item) for item in items]


def default_jobs() -> int:
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1


def process_map(jobs: int) -> Mapper:
    """A map over `jobs` forked processes; the serial map where forking is unavailable or no help."""
    if jobs <= 1 or not hasattr(os, "fork"):
        return serial_map

    def mapped(function: Callable[[T], R], items: Sequence[T]) -> list[R]:
        if len(items) < MIN_ITEMS:
            return serial_map(function, items)
        import multiprocessing  # only here: a build of a few documents need not load it

        global _work
        _work = lambda index: function(items[index])  # noqa: E731 - inherited by the forked workers
        try:
            with multiprocessing.get_context("fork").Pool(min(jobs, len(items))) as pool:
                chunk = max(1, len(items) // (4 * jobs))
                results = pool.map(_run, range(len(items)), chunksize=chunk)
        finally:
            _work = None
        for result in results:
            if isinstance(result, _Failed):
                raise InputError(*result.diagnostics)
        return results  # type: ignore[return-value]

    return mapped
