"""Document slugs: short, ASCII, and stable when other documents are added.

A policy document's slug is its genre and date (opinions-2025-08-15); a news report's is
``news-`` and a digest of its headline. A slug already published for the same seed and title is
kept; a new document whose slug is taken gets a digest of its title and seed file appended, so
the document that had the slug first keeps it.
"""

from __future__ import annotations

import dataclasses
import hashlib
import re

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


def candidate(item: Item, page: Page | None = None) -> str:
    """genre-date; a plan issued by a notice on the same page, with no date of its own, takes the
    notice's date (plan-2023-11-19); with no date at all, a digest of the title."""
    if isinstance(item, Document):
        title = item.title.text if item.title else ""
        genre = next((name for suffix, name in GENRES if _genre_end(title).endswith(suffix)), "document")
        date = item.iso_date
        for link in item.links if date is None and page is not None else ():
            issuer = page.items[link.item] if link.kind == "issued-by" and link.item < len(page.items) else None
            if isinstance(issuer, Document) and issuer.iso_date:
                date = issuer.iso_date
        return f"{genre}-{date}" if date else f"{genre}-{digest(title_key(item))}"
    return f"news-{digest(title_key(item))}"


def _genre_end(title: str) -> str:
    """A title without a bracketed qualifier at its end: 办法（试行） -> 办法."""
    return re.sub(r"[（(][^（）()]{1,12}[）)]$", "", title)


def assign_slugs(pages: list[Page], known: Known | None = None) -> list[Page]:
    """Slugs for every item, then the slugs of the documents each one links to.

    Two documents whose titles are alike get different slugs: the second gets a digest of its seed
    and title, and, should even that be taken (the same document twice in one file), a counter.
    """
    known = known or {}
    taken = set(known.values())
    mine = {key: slug for key, slug in known.items()}
    out = []
    for page in pages:
        items: list[Item] = []
        for item in page.items:
            key = (page.path, title_key(item))
            slug = mine.get(key)
            if slug is None or slug in {i.slug for i in items}:
                base = candidate(item, page)
                slug = base
                if slug in taken:
                    slug = f"{base}-{digest(page.path + chr(0) + key[1], 6)}"
                counter = 1
                while slug in taken:
                    counter += 1
                    slug = f"{base}-{digest(page.path + chr(0) + key[1], 6)}-{counter}"
            taken.add(slug)
            mine[key] = slug
            items.append(dataclasses.replace(item, slug=slug))
        slugs = [item.slug for item in items]
        for index, item in enumerate(items):
            if isinstance(item, Document) and item.links:
                links = tuple(dataclasses.replace(link, slug=slugs[link.item]) for link in item.links)
                items[index] = dataclasses.replace(item, links=links)
        out.append(dataclasses.replace(page, items=tuple(items)))
    return out
