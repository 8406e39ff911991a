"""The whole pipeline: for one seed file, bytes in and a checked model out (read_page); for the
library, seeds, glossary and registry in, the site's files and the registry out (generate)."""

from __future__ import annotations

from typing import NamedTuple

from .diagnostics import Diagnostic, InputError
from .fidelity import first_out_of_order, missing_and_extra
from .glossary import Glossary, index_terms, unused_entries
from .layout import repair
from .model import Page
from .recognise import Recognised, recognise
from .recognise.continuation import join_continuations, joined_from
from .registry import Registry, absorbed, known_slugs, node_lines, published_ids, reconcile
from .render.site import render_site
from .render.stubs import redirect_map, redirect_page, withdrawn_page
from .render.urls import Settings
from .slugs import Known, assign_slugs, title_key
from .source import read_lines


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
    """Parse every seed, each on its own; the first bad one raises; warnings are collected. Once
    every page is read, documents continued on another page are joined (recognise.continuation),
    then slugs are given: those already published (known) are kept, and new ones never take a
    published slug."""
    read, warnings = [], []
    for path, data in seeds:
        result = read_page(data, path, slugs=False)
        read.append(result.page)
        warnings.extend(result.diagnostics)
    pages, joins = join_continuations(read)
    return assign_slugs(pages, known), warnings + joins


class Library(NamedTuple):
    """What a build makes of the seeds: the site's files, the registry to keep, the model, and the
    warnings (errors raise InputError)."""

    files: dict[str, bytes]
    registry: Registry
    pages: list[Page]
    warnings: list[Diagnostic]


#: Pages left at old addresses (redirects, withdrawn notices): built, but not in the navigation.
NOT_IN_NAV = ".not-in-nav"


def generate(
    seeds: list[tuple[str, bytes]],
    glossary: Glossary,
    registry: Registry,
    settings: Settings,
    assets: dict[str, bytes],
    bench: dict | None = None,
    update_registry: bool = False,
    strict: bool = False,
) -> Library:
    """The whole build, from the seeds (seeds/<name> and bytes), the glossary and the registry of
    what was published before, to every file of docs/ and the registry after it. Pure: the caller
    reads the inputs and writes the outputs."""
    pages, warnings = read_pages(seeds, known_slugs(registry))
    term_index = index_terms(pages, glossary)
    warnings += unused_entries(term_index, glossary)
    if strict and warnings:
        raise InputError(*[Diagnostic(w.path, w.line, "error", w.message) for w in warnings])
    files = render_site(settings, pages, dict(seeds), assets, glossary=glossary, term_index=term_index, bench=bench)
    documents = {item.slug: (page.path, title_key(item)) for page in pages for item in page.items}
    current = published_ids(files, documents)
    joined = absorbed(registry, current, joined_from(pages))
    items = {item.slug: item for page in pages for item in page.items}
    seed_paths = {path for path, _ in seeds}
    lines = lambda slug: node_lines(items[slug])  # noqa: E731 (asked for only on errors)
    outcome = reconcile(registry, current, seed_paths, update_registry, joined, lines)
    if outcome.errors:
        raise InputError(*outcome.errors)
    for page, moved in sorted(outcome.redirects.items()):
        if page in files:
            files[page] = files[page] + redirect_map(page, moved).encode("utf-8")
        else:
            fallback = next(iter(sorted(moved.values())))
            files[page] = redirect_page(page, moved, fallback).encode("utf-8")
    for slug, old_pages in sorted(outcome.withdrawn.items()):
        notice = withdrawn_page(outcome.registry[slug].get("title") or slug).encode("utf-8")
        for page in old_pages:
            files.setdefault(page, notice)
    left_behind = set(outcome.redirects) | {page for pages in outcome.withdrawn.values() for page in pages}
    stubs = sorted(page for page in left_behind if page in files)
    files[NOT_IN_NAV] = "".join(f"/{page}\n" for page in stubs if page.endswith(".md")).encode("utf-8")
    return Library(files, outcome.registry, pages, warnings)
