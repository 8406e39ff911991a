"""The whole pipeline for one seed file: bytes in, a checked model out."""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

from .diagnostics import Diagnostic, InputError
from .fidelity import first_out_of_order, missing_and_extra
from .layout import repair
from .model import Page
from .recognise.continuation import join_continuations
from .recognise.page import Recognised, recognise
from .slugs import Known, assign_slugs
from .source import read_lines

T = TypeVar("T")


def read_page(data: bytes, path: str, slugs: bool = True) -> Recognised:
    """Parse one seed; raise InputError with file:line diagnostics on bad input. With slugs=False
    the items have no slugs yet (read_pages gives them, knowing every page and the registry)."""
    lines = read_lines(data, path)
    blocks = repair(lines)
    if not blocks:  # only spaces, full-width spaces, zero-width spaces …
        raise InputError(Diagnostic(path, 1, "error", "the file has no text: nothing to publish"))
    result = recognise(blocks, path)
    if slugs:
        result = Recognised(assign_slugs([result.page])[0], result.diagnostics)
    missing, extra = missing_and_extra(lines, result.page)
    if missing or extra:
        raise InputError(
            Diagnostic(path, 1, "error", f"internal: characters lost {dict(missing)} or invented {dict(extra)}")
        )
    out_of_order = first_out_of_order(lines, result.page)
    if out_of_order is not None:
        raise InputError(
            Diagnostic(path, out_of_order, "error", "internal: the model puts text from here out of the source's order")
        )
    return result


def read_pages(seeds: list[tuple[str, bytes]], known: Known | None = None) -> tuple[list[Page], list[Diagnostic]]:
    """Parse every seed, each on its own; the first bad one raises; warnings are collected. Slugs
    already published (known) are kept; new ones never take a published slug."""
    pages, warnings, _ = read_pages_then(seeds, _nothing, known)
    return pages, warnings


def read_pages_then(
    seeds: list[tuple[str, bytes]], then: Callable[[Page], T], known: Known | None = None
) -> tuple[list[Page], list[Diagnostic], list[T]]:
    """read_pages, and then(page) for each page as it is read, for work that needs one page only
    and not its slugs."""

    def read(seed: tuple[str, bytes]) -> tuple[Recognised, T]:
        result = read_page(seed[1], seed[0], slugs=False)
        return result, then(result.page)

    read_pages_, warnings, after = [], [], []
    for result, extra in map(read, seeds):
        read_pages_.append(result.page)
        warnings.extend(result.diagnostics)
        after.append(extra)
    # documents continued on another page are joined once every page is read (continuation.py);
    # a page that changed has then() run again
    pages, joins = join_continuations(read_pages_)
    warnings.extend(joins)
    for index, (page, before) in enumerate(zip(pages, read_pages_)):
        if page is not before:
            after[index] = then(page)
    return assign_slugs(pages, known), warnings, after


def _nothing(page: Page) -> None:
    return None
