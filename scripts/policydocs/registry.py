"""Locked permalinks: every published id per page is registered; a build may not drop or move one.

The registry (data/permalinks.json) maps a document slug to its seed file, status, the ids on each
page, and redirects left by ids that moved on purpose. Pure functions; build.py reads and writes it.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from typing import Any

from .diagnostics import Diagnostic

ID_PATTERN = re.compile(r'(?:\bid="([A-Za-z0-9_-]+)"|\{:?\s*#([A-Za-z0-9_-]+))')
#: Its two forms, scanned one by one: each begins with a literal, which the regex engine finds
#: quickly, where the alternation is tried at every position of every page (10× slower).
_ID_ATTRIBUTE = re.compile(r'id="([A-Za-z0-9_-]+)"')
_ID_ATTR_LIST = re.compile(r"\{:?\s*#([A-Za-z0-9_-]+)")


def page_ids(text: str) -> list[str]:
    """The ids ID_PATTERN finds in a page, in order: ``[a or b for a, b in ID_PATTERN.findall(text)]``."""
    found = [
        m
        for m in _ID_ATTRIBUTE.finditer(text)
        if m.start() == 0 or not (text[m.start() - 1].isalnum() or text[m.start() - 1] == "_")  # \b
    ]
    found += _ID_ATTR_LIST.finditer(text)
    found.sort(key=lambda m: m.start())
    ids, end = [], 0
    for match in found:  # as the alternation scans: leftmost first, never overlapping
        if match.start() >= end:
            ids.append(match[1])
            end = match.end()
    return ids


Registry = dict[str, dict[str, Any]]
#: Ids that are page machinery, not citations (tooltip definitions).
PRIVATE = ("def-",)


def published_page_ids(text: str) -> list[str]:
    """The ids one page publishes (not the tooltip machinery), sorted, each once."""
    return sorted(dict.fromkeys(i for i in page_ids(text) if not i.startswith(PRIVATE)))


def published_ids(
    files: dict[str, Any], documents: dict[str, tuple[str, str]], known: dict[str, list[str]] | None = None
) -> Registry:
    """Ids published on each generated page of each document (documents: slug -> (seed, title)).
    Pages in `known` had their ids read already (published_page_ids), where they were made; their
    bytes are not read again."""
    known = known or {}
    folders: dict[str, list[str]] = {}  # a document's pages are under its slug: one pass over the files
    for path in sorted(files):
        if path.endswith(".md") and "/" in path:
            folders.setdefault(path.split("/", 1)[0], []).append(path)
    out: Registry = {}
    for slug, (seed, title) in sorted(documents.items()):
        pages = {
            path: known[path] if path in known else published_page_ids(files[path].decode("utf-8"))
            for path in folders.get(slug, ())
        }
        out[slug] = {"seed": seed, "title": title, "status": "published", "pages": pages, "redirects": {}}
    return out


@dataclass
class Outcome:
    """The registry after a build, and what the build must stop for, redirect or mark withdrawn."""

    registry: Registry
    errors: list[Diagnostic] = field(default_factory=list)
    redirects: dict[str, dict[str, str]] = field(default_factory=dict)  # old page -> id -> new page
    withdrawn: dict[str, list[str]] = field(default_factory=dict)  # slug -> old pages


def absorbed(old: Registry, current: Registry, joined_from: dict[str, set[str]]) -> dict[str, str]:
    """Documents published before as fragments of a continuation (a page that opens with
    （上接第一版）) and now joined to the document they continue: old slug -> that document's slug.
    joined_from: slug -> the seeds whose continuations the document took in (continuation.py)."""
    out = {}
    for slug, entry in old.items():
        if slug in current or entry.get("status") not in ("published", "joined"):
            continue
        into = [new for new, seeds in sorted(joined_from.items()) if entry["seed"] in seeds and new != slug]
        if len(into) == 1:
            out[slug] = into[0]
    return out


def reconcile(
    old: Registry, current: Registry, present_seeds: set[str], update: bool, joined: dict[str, str] | None = None
) -> Outcome:
    """Compare the registry with this build; new ids are added, lost or moved ids are errors. A
    fragment now joined to the document it continues (joined: old slug -> new slug, see absorbed)
    leaves its old pages redirecting to the ids' new places, or to the document's overview."""
    outcome = Outcome(registry={})
    for slug, entry in sorted(old.items()):
        now = current.get(slug)
        if now is None and joined and slug in joined and joined[slug] in current:
            into = joined[slug]
            where = {i: page for page, ids in sorted(current[into]["pages"].items(), reverse=True) for i in ids}
            moved = {
                page: {i: where.get(i, f"{into}/index.md") for i in ids} for page, ids in sorted(entry["pages"].items())
            }
            outcome.registry[slug] = dict(entry, status="joined", into=into, redirects=moved)
            for page, targets in moved.items():
                outcome.redirects.setdefault(page, {}).update(targets)
            continue
        if now is None:
            if entry["seed"] in present_seeds and entry["status"] == "published" and not update:
                outcome.errors.append(
                    Diagnostic(
                        entry["seed"],
                        1,
                        "error",
                        f"document {slug} is no longer produced from its seed; its permalinks would break"
                        " (run scripts/build.py --update-registry to accept)",
                    )
                )
            withdrawn = dict(entry, status="withdrawn")
            outcome.registry[slug] = withdrawn
            outcome.withdrawn[slug] = sorted(entry["pages"])
            continue
        where: dict[str, set[str]] = {}
        for page, ids in now["pages"].items():
            for i in ids:
                where.setdefault(i, set()).add(page)
        redirects = {page: dict(moved) for page, moved in entry.get("redirects", {}).items()}
        for page, ids in sorted(entry["pages"].items()):
            for i in ids:
                if i not in where:
                    if not update:
                        outcome.errors.append(
                            Diagnostic(
                                entry["seed"],
                                1,
                                "error",
                                f"permalink {slug}/{page}#{i} would be dropped: {i} is no longer published"
                                " (run scripts/build.py --update-registry to accept)",
                            )
                        )
                elif page not in where[i]:
                    target = min(where[i])
                    if not update:
                        outcome.errors.append(
                            Diagnostic(
                                entry["seed"],
                                1,
                                "error",
                                f"permalink {page}#{i} would move to {target}"
                                " (run scripts/build.py --update-registry to accept; a redirect is left)",
                            )
                        )
                    else:
                        redirects.setdefault(page, {})[i] = target
        outcome.registry[slug] = dict(now, redirects=redirects)
        for page, moved in redirects.items():
            outcome.redirects.setdefault(page, {}).update(moved)
    for slug, entry in current.items():
        if slug not in outcome.registry:
            outcome.registry[slug] = entry
    return outcome


def known_slugs(registry: Registry) -> dict[tuple[str, str], str]:
    """(seed, title) -> slug for every document published before, so that slugs stay put."""
    return {(e["seed"], e["title"]): slug for slug, e in registry.items() if "title" in e}


def dumps(registry: Registry) -> str:
    """The registry as data/permalinks.json holds it: indented, keys sorted, a newline."""
    return json.dumps(registry, ensure_ascii=False, indent=1, sort_keys=True) + "\n"
