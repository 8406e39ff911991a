"""Where each node is published: page paths (Markdown, site) and permalinks."""

from __future__ import annotations

from collections.abc import Iterable
from typing import NamedTuple
from urllib.parse import quote

from ..model import Clause, Document, Item
from ..walk import paragraphs_of, units

#: A document whose text (its paragraphs, in characters) is shorter than this is published on one
#: page: its overview shows every part and clause, and no print page is made (the page itself
#: prints). A longer one gets a page per part and a print page. 3,000 characters read in a few
#: minutes; the seed's Opinions (4,181 characters on the page the site has) keep their part pages.
ONE_PAGE_BELOW = 3000


class Settings(NamedTuple):
    """Build settings every page needs."""

    site_url: str  # absolute base URL of the published site, ending in /
    site_name: str = "政策文件读本"
    one_page_below: int = ONE_PAGE_BELOW  # see ONE_PAGE_BELOW


def on_one_page(item: Item, limit: int = ONE_PAGE_BELOW) -> bool:
    """Whether an item is published on one page: a news report always, a document whose text is
    shorter than ``limit`` characters, or one with no parts to split it at."""
    if not isinstance(item, Document) or not item.parts:
        return True
    return sum(len(paragraph.text) for paragraph in paragraphs_of(item)) < limit


def overview_page(item: Item) -> str:
    return f"{item.slug}/index.md"


def part_page(document: Document, part_id: str) -> str:
    return f"{document.slug}/{part_id}.md"


def full_page(item: Item) -> str:
    return f"{item.slug}/full.md"


def html_path(md_path: str) -> str:
    """The site path MkDocs gives a Markdown page (use_directory_urls is off for file:// use)."""
    return md_path[: -len(".md")] + ".html"


def absolute(settings: Settings, md_path: str, anchor: str | None = None) -> str:
    url = settings.site_url.rstrip("/") + "/" + html_path(md_path)
    return f"{url}#{anchor}" if anchor else url


def relative(from_md: str, to_md: str, anchor: str | None = None) -> str:
    """A Markdown link target from one generated page to another (MkDocs checks these)."""
    up = from_md.count("/")
    target = "../" * up + to_md
    return f"{target}#{anchor}" if anchor else target


def source_file(seed_path: str) -> str:
    """Where the site keeps its copy of a seed: sources/ and the seed's file name."""
    return "sources/" + seed_path.split("/")[-1]


def source_link(from_md: str, seed_path: str) -> str:
    """A link to that copy; the file name, which may hold any character, is percent-encoded."""
    return relative(from_md, quote(source_file(seed_path)))


def node_pages(items: Iterable[Item], limit: int = ONE_PAGE_BELOW) -> dict[tuple[str, str], str]:
    """(slug, id) -> the page that shows that node, for every unit of each item (walk.units), its
    heading, paragraphs and sentences: taken from the model, once for the whole build. A part's
    page, or the overview for an item on one page (on_one_page)."""
    found: dict[tuple[str, str], str] = {}
    for item in items:
        overview = overview_page(item)
        split = not on_one_page(item, limit)
        for unit in units(item):
            page = part_page(item, unit.part) if unit.part and split and isinstance(item, Document) else overview
            found[(item.slug, unit.anchor)] = page
            if isinstance(unit.node, Clause) and unit.node.heading:
                found[(item.slug, unit.node.heading.id)] = page
            for paragraph in unit.paragraphs:
                found[(item.slug, paragraph.id)] = page
                for sentence in paragraph.sentences:
                    found[(item.slug, sentence.id)] = page
    return found
