"""The search index: one shard of sections per document, and a map that tells, for each
character, which shards hold it. Nothing is loaded until a reader searches: the first query loads
the map, and each query loads only the shards that hold every character it needs (see
assets/javascripts/search-worker.js).

Sections are the citable units: a clause, a part's own paragraphs, the preamble, a news section,
a glossary entry. Text is stored once, plain (no markup), in UTF-8 JSON that escapes nothing.
Glossary entries also carry their pinyin without tone marks, so that ``pingji liangyong`` finds
平急两用.

Text and queries are compared folded (see fold): traditional characters count as their simplified
form. The browser folds with a table (search/fold.js, loaded with the map) that holds only the
characters folding to one that the index holds.
"""

from __future__ import annotations

import json
import unicodedata
from collections.abc import Sequence
from typing import NamedTuple

from ..glossary import Glossary
from ..model import Clause, Document, Item, Page, Paragraph, Part
from ..model import Section as NewsSection
from ..walk import units
from .urls import html_path, overview_page, part_page
from .variants import browser_table, fold_variants

META_PATH = "search/policy-index.json"
SHARD_DIR = "search/shards"
MAP_PATH = "search/map.js"
FOLD_PATH = "search/fold.js"
#: The separator Material's page highlighter uses to split highlighted terms.
SEPARATOR = r"[\s\u3000]+"


class Section(NamedTuple):
    """A citable unit as the search finds it."""

    location: str
    title: str
    text: str
    kind: str  # page | clause | part | section | term


class Shard(NamedTuple):
    """One document's sections, with its jumps (clause-8 …) and page titles."""

    name: str
    title: str
    sections: tuple[Section, ...]
    jumps: dict[str, tuple[str, str]]  # clause-8 / part-3 / section-2 -> (location, title)
    pages: dict[str, str]  # page -> title


def fold(text: str) -> str:
    """What a query is compared with: NFKC, lower case, tone marks removed, traditional
    characters and corner quotes in their simplified form (policydocs.variants)."""
    text = unicodedata.normalize("NFD", unicodedata.normalize("NFKC", text).lower())
    # for speed: test each distinct character once, and most texts (Chinese) have no marks at all
    marks = {char for char in set(text) if unicodedata.combining(char)}
    return fold_variants(text.translate(dict.fromkeys(map(ord, marks))) if marks else text)


def index_chars(text: str) -> frozenset[str]:
    """The characters of fold(text) but spaces: what the map records for a shard. Folding works
    character by character but for composition, which a decomposition undoes, and the lower case
    of Σ, which depends on its neighbours: so, for speed, each distinct character is folded once
    (the text itself where it holds a Σ)."""
    distinct = set(text)
    folded = fold(text if "Σ" in distinct else "".join(distinct))
    return frozenset(c for c in set(folded) if not c.isspace())


def _text(paragraphs: tuple[Paragraph, ...]) -> str:
    return "\n".join(p.text for p in paragraphs)


def document_shard(item: Item) -> Shard:
    """An item's sections, from walk.units: the overview (front and back matter, the preamble or
    lead, closing paragraphs, notes), each part, clause and news section; the jumps to each
    numbered unit (第八条); and each page's title, for the headers of result groups."""
    overview = html_path(overview_page(item))
    jumps: dict[str, tuple[str, str]] = {}
    pages: dict[str, str] = {overview: item.name}
    own = {kind: _text(tuple(p for u in units(item) if u.kind == kind for p in u.paragraphs)) for kind in OWN}
    if isinstance(item, Document):
        front = ([item.date.text] if item.date else []) + [line.text for line in item.front_matter]
        back = [line.text for line in item.back_matter] + [note.source_text for note in item.notes]
        text = [*front, own["preamble"], *([own["closing"]] if own["closing"] else []), *back]
    else:
        text = [field.text for field in (item.deck, item.byline) if field] + [own["lead"]]
    sections = [Section(f"{overview}#top", item.name, "\n".join(text), "page")]
    for unit in units(item):
        node = unit.node
        page = html_path(part_page(item, unit.part)) if unit.part and isinstance(item, Document) else overview
        location = f"{page}#{unit.anchor}"
        if isinstance(node, Part):
            heading, key = node.heading, node.id
            pages[page] = node.heading
        elif isinstance(node, Clause):
            heading, key = node.label + (node.heading.text if node.heading else ""), f"{node.kind}-{node.number}"
        elif isinstance(node, NewsSection):
            heading, key = node.title.text + (f" {node.subtitle.text}" if node.subtitle else ""), node.id
        else:
            continue  # a paragraph of the overview's own text, above
        sections.append(Section(location, heading, _text(unit.paragraphs), unit.kind))
        jumps.setdefault(key, (location, heading))
    return Shard(item.slug, item.name, tuple(sections), jumps, pages)


#: The units whose paragraphs are the overview's own text.
OWN = ("preamble", "closing", "lead")


def glossary_shard(glossary: Glossary) -> Shard:
    sections = []
    for entry in glossary.entries:
        text = f"{entry.pinyin}\n{fold(entry.pinyin).replace(' ', '')}\n{entry.english}\n{entry.definition}"
        sections.append(Section(f"glossary.html#{entry.id}", entry.term, text, "term"))
    return Shard("glossary", "术语表", tuple(sections), {}, {"glossary.html": "术语表"})


def shards_of(pages: list[Page], glossary: Glossary | None) -> list[Shard]:
    shards = [document_shard(item) for page in pages for item in page.items]
    if glossary is not None:
        shards.append(glossary_shard(glossary))
    return shards


def _mask(indexes: list[int], count: int) -> str:
    """Shard numbers as a hex bit mask: digit k holds shards 4k … 4k+3."""
    digits = [0] * ((count + 3) // 4)
    for i in indexes:
        digits[i // 4] |= 1 << (i % 4)
    return "".join(f"{d:x}" for d in digits)


def shard_path(number: int) -> str:
    return f"{SHARD_DIR}/{number}.js"


def shard_script(number: int, shard: Shard) -> tuple[bytes, frozenset[str]]:
    """A shard's script, and the characters it holds (for the map)."""
    # folded in one go, for speed: the newlines keep sections apart and are no index character
    chars = index_chars("\n".join(s.title + s.text for s in shard.sections))
    rows = [[s.location, s.title, s.text, s.kind] for s in shard.sections]
    body = json.dumps(rows, ensure_ascii=False, separators=(",", ":"))
    return f"self.__policyShard({number},{body});\n".encode(), chars


def map_files(shards: Sequence[Shard], chars: Sequence[frozenset[str]]) -> dict[str, bytes]:
    """The settings file the theme loads, and the map and folding table the worker loads at the
    first query. Only the shards' names, titles, pages and jumps are read, not their sections."""
    holders: dict[str, list[int]] = {}
    for number, found in enumerate(chars):
        for char in found:
            holders.setdefault(char, []).append(number)
    # The theme loads search/search_index.json on every page (and passes its "config" to the
    # worker); it holds only settings. The map is a script the worker loads at the first query.
    index = {
        "config": {"lang": ["en"], "separator": SEPARATOR, "pipeline": [], "fields": {}, "policy": {"version": 2}},
        "docs": [],
    }
    search_map = {
        "shards": [{"name": s.name, "title": s.title, "pages": s.pages, "jumps": s.jumps} for s in shards],
        "chars": {c: _mask(found, len(shards)) for c, found in sorted(holders.items())},
    }
    body = json.dumps(search_map, ensure_ascii=False, separators=(",", ":"))
    return {
        META_PATH: json.dumps(index, ensure_ascii=False, separators=(",", ":")).encode("utf-8"),
        MAP_PATH: f"self.__policyMap({body});\n".encode(),
        FOLD_PATH: f"self.__policyFold({json.dumps(browser_table(holders), ensure_ascii=False)});\n".encode(),
    }


def search_files(pages: list[Page], glossary: Glossary | None) -> dict[str, bytes]:
    """The index files, by site path: the map the page loads, and one script per shard."""
    shards = shards_of(pages, glossary)
    files: dict[str, bytes] = {}
    found = []
    for number, shard in enumerate(shards):
        files[shard_path(number)], chars = shard_script(number, shard)
        found.append(chars)
    files.update(map_files(shards, found))
    return files
