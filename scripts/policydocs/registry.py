"""Locked permalinks: every published id per page is registered; a build may not drop or move one.

The registry (data/permalinks.json) maps a document slug to its seed file, status, the ids on each
page, and redirects left by ids that moved on purpose. Pure functions; build.py reads and writes it.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from .diagnostics import Diagnostic
from .model import Item

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


#: A document's slug -> the source lines (first, last) of every node with an id in this build.
Lines = Callable[[str], dict[str, tuple[int, int]]]


def node_lines(item: Item) -> dict[str, tuple[int, int]]:
    """The source lines of every node of an item that has an id (parts, clauses, paragraphs,
    sentences, sections, matter, notes, pull quotes)."""
    out: dict[str, tuple[int, int]] = {}
    stack: list[Any] = [item]
    while stack:
        node = stack.pop()
        if isinstance(node, tuple):
            stack.extend(node)
            continue
        fields = getattr(node, "__dataclass_fields__", None)
        if fields is None:
            continue
        node_id, span = getattr(node, "id", None), getattr(node, "span", None)
        if isinstance(node_id, str) and span is not None:
            out[node_id] = (span.first, span.last)
        stack.extend(getattr(node, name) for name in fields if name not in ("span", "id"))
    return out


_NUMBERED = re.compile(r"^(?P<stem>.*?)(?P<n>\d+)$")


def dropped_roots(dropped: set[str]) -> list[str]:
    """The dropped ids that no other dropped id contains (clause-20, not clause-20-p1-s2): one
    message per provision, paragraph or page part that went, not one per sentence of it."""
    return sorted(i for i in dropped if not any(i[:k] in dropped for k in _prefix_ends(i)))


def _prefix_ends(node_id: str) -> list[int]:
    return [k for k, char in enumerate(node_id) if char == "-" and k > 0]


def where_it_stood(node_id: str, lines: dict[str, tuple[int, int]]) -> int:
    """The source line where a node that is no longer produced stood: the line after the last
    surviving node before it of the same kind (clause-19 for clause-20), else its parent's first
    line, else the item's first line."""
    match = _NUMBERED.match(node_id)
    if match:
        stem, number = match["stem"], int(match["n"])
        before = [
            int(other[len(stem) :])
            for other in lines
            if other.startswith(stem) and other[len(stem) :].isdigit() and int(other[len(stem) :]) < number
        ]
        if before:
            return lines[f"{stem}{max(before)}"][1] + 1
        parent = re.sub(r"-?[a-z]+-?$", "", stem)
    else:
        parent = node_id.rsplit("-", 1)[0] if "-" in node_id else ""
    while parent:
        if parent in lines:
            return lines[parent][0]
        parent = parent.rsplit("-", 1)[0] if "-" in parent else ""
    return min((first for first, _ in lines.values()), default=1)


def reconcile(
    old: Registry,
    current: Registry,
    present_seeds: set[str],
    update: bool,
    joined: dict[str, str] | None = None,
    lines: Lines | None = None,
) -> Outcome:
    """Compare the registry with this build; new ids are added, lost or moved ids are errors (with
    update, accepted: a moved id redirects to its new page, and an id of a page this build no longer
    makes, such as the part pages and print page of a document now on one page, to the document's
    overview, so that the old address still leads to the document). A fragment now joined to the
    document it continues (joined: old slug -> new slug, see absorbed) leaves its old pages
    redirecting to the ids' new places, or to the document's overview. An error names the line
    where the node stood (lines: this build's node_lines of a slug, asked for only when there is an
    error to report)."""
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
        target = moved_to(slug, entry, current) if now is None else None
        if target is not None:  # the same document, at a new address: every old page redirects
            outcome.registry[slug] = dict(entry, status="moved", moved_to=target, redirects={})
            for page, moved in document_moved(entry, target, current[target]).items():
                outcome.redirects.setdefault(page, {}).update(moved)
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
        here: dict[str, tuple[int, int]] = {}
        gone = {i for ids in entry["pages"].values() for i in ids if i not in where}
        reported = set(dropped_roots(gone))
        for page, ids in sorted(entry["pages"].items()):
            for i in ids:
                if i not in where:
                    if update and page not in now["pages"]:  # the page went (merged into one): its address stays
                        redirects.setdefault(page, {})[i] = f"{slug}/index.md"
                    if not update and i in reported:
                        here = here or (lines(slug) if lines else {})
                        outcome.errors.append(
                            Diagnostic(
                                entry["seed"],
                                where_it_stood(i, here),
                                "error",
                                f"permalink {html_page(page)}#{i} would be dropped: {i} is no longer published"
                                " (run scripts/build.py --update-registry to accept)",
                            )
                        )
                elif page not in where[i]:
                    target = min(where[i])
                    if not update:
                        here = here or (lines(slug) if lines else {})
                        outcome.errors.append(
                            Diagnostic(
                                entry["seed"],
                                here[i][0] if i in here else where_it_stood(i, here),
                                "error",
                                f"permalink {html_page(page)}#{i} would move to {html_page(target)}"
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


def html_page(page: str) -> str:
    """The published address of a registered page (part-7.md -> part-7.html)."""
    return page[: -len(".md")] + ".html" if page.endswith(".md") else page


#: Addresses of the first scheme, named by a digest (news-1e6d6d37, …-2024-05-20-a1b2c3): they
#: give way to addresses from the document's identity, and redirect there.
_DIGEST = r"(?=[0-9a-f]*[0-9])(?=[0-9a-f]*[a-f])[0-9a-f]"
LEGACY = re.compile(rf"^[a-z]+-{_DIGEST}{{8}}$|^[a-z]+-\d{{4}}-\d\d-\d\d-{_DIGEST}{{6}}(?:-\d+)?$")


def known_slugs(registry: Registry) -> dict[tuple[str, str], str]:
    """(seed, title) -> slug for every document published before, so that slugs stay put; not
    for an address named by a digest (LEGACY), nor one a document has moved from."""
    return {
        (e["seed"], e["title"]): slug
        for slug, e in registry.items()
        if "title" in e and e.get("status") != "moved" and not LEGACY.match(slug)
    }


def moved_to(slug: str, entry: dict[str, Any], current: Registry) -> str | None:
    """The address this build gives the document registered at slug, if it has a new one: the
    same seed and title under another slug (or the address it moved to before)."""
    if entry.get("status") == "moved":
        return entry["moved_to"] if entry.get("moved_to") in current else None
    if entry.get("status") != "published" or "title" not in entry:
        return None
    identity = (entry["seed"], entry["title"])
    return next((other for other, now in sorted(current.items()) if (now["seed"], now["title"]) == identity), None)


def document_moved(entry: dict[str, Any], target: str, now: dict[str, Any]) -> dict[str, dict[str, str]]:
    """old page -> id -> the page of the new address showing it: the page of the same name where
    it holds the id, else the page that does, else the new overview."""
    where: dict[str, str] = {}
    for page, ids in sorted(now["pages"].items()):
        for i in ids:
            where.setdefault(i, page)
    out: dict[str, dict[str, str]] = {}
    for page, ids in sorted(entry["pages"].items()):
        same = f"{target}/{page.split('/', 1)[-1]}"
        out[page] = {
            i: same if i in now["pages"].get(same, ()) else where.get(i, f"{target}/index.md") for i in ids or ["top"]
        }
    return out


def dumps(registry: Registry) -> str:
    """The registry as data/permalinks.json holds it: indented, keys sorted, a newline."""
    return json.dumps(registry, ensure_ascii=False, indent=1, sort_keys=True) + "\n"
