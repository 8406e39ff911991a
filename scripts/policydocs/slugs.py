"""Document slugs: short, ASCII, and stable when other documents are added.

A policy document's slug is its genre and date (opinions-2025-08-15); a news report's is
``news-`` and a digest of its headline. A slug already published for the same seed and title is
kept; a new document whose slug is taken gets a digest of its title and seed file appended, so
the document that had the slug first keeps it.
"""

from __future__ import annotations

import dataclasses
import hashlib

from .diagnostics import Diagnostic, InputError
from .model import Document, Item, Page

GENRES = (
    ("指导意见", "guidelines"), ("实施意见", "opinions"), ("意见", "opinions"), ("通知", "notice"),
    ("决定", "decision"), ("实施方案", "plan"), ("方案", "plan"), ("办法", "measures"),
    ("规定", "provisions"), ("条例", "regulations"), ("规划", "plan"), ("纲要", "outline"),
    ("法", "law"), ("决议", "resolution"), ("公告", "announcement"),
)  # fmt: skip

#: (seed path, title) -> slug, as published before (from the permalink registry).
Known = dict[tuple[str, str], str]


def digest(text: str, length: int = 8) -> str:
    return hashlib.sha1(text.encode("utf-8")).hexdigest()[:length]


def title_key(item: Item) -> str:
    """What names a document for its slug: its title, headline, or first paragraph."""
    if isinstance(item, Document):
        if item.title:
            return item.title.text
        return item.preamble[0].text if item.preamble else item.span.path
    if item.headline:
        return item.headline.text
    return item.lead[0].text if item.lead else item.span.path


def candidate(item: Item) -> str:
    if isinstance(item, Document):
        title = item.title.text if item.title else ""
        genre = next((name for suffix, name in GENRES if title.endswith(suffix)), "document")
        return f"{genre}-{item.iso_date}" if item.iso_date else f"{genre}-{digest(title_key(item))}"
    return f"news-{digest(title_key(item))}"


def assign_slugs(pages: list[Page], known: Known | None = None) -> list[Page]:
    known = known or {}
    taken = set(known.values())
    mine = {key: slug for key, slug in known.items()}
    out = []
    for page in pages:
        items = []
        for item in page.items:
            key = (page.path, title_key(item))
            slug = mine.get(key)
            if slug is None or slug in {i.slug for i in items}:
                slug = candidate(item)
                if slug in taken:
                    slug = f"{slug}-{digest(page.path + chr(0) + key[1], 6)}"
                if slug in taken:
                    raise InputError(
                        Diagnostic(page.path, item.span.first, "error", f"two documents would share the slug {slug}")
                    )
            taken.add(slug)
            mine[key] = slug
            items.append(dataclasses.replace(item, slug=slug))
        out.append(dataclasses.replace(page, items=tuple(items)))
    return out
