"""The search index: one shard of sections per document (their text, for the results shown), and
an inverted index from pairs of characters to the sections holding them, split into bucket files
by the pair's first character. Nothing is loaded with a page: opening the search box loads a small
map (how many buckets, each section's length, which numbered units have a jump file), and a query
the buckets of its own characters; the sections are ranked from the postings, and only the shards
of the best are loaded, to check and show them (see assets/javascripts/search-worker.js).

Sections are the citable units: a clause, a part's own paragraphs, the preamble, a news section,
a glossary entry. Text is stored once, plain (no markup), in UTF-8 JSON that escapes nothing.
Glossary entries also carry their pinyin without tone marks, so that ``pingji liangyong`` finds
平急两用.

Text and queries are compared folded (see fold): traditional characters count as their simplified
form. The browser folds with a table (in search/map.js, loaded when the search box opens) that holds
only the characters folding to one that the index holds.

A pair is a character and the one after it, a space or the end of the text counting as " ": every
occurrence of a character starts a pair, so the pairs starting with c tell where c occurs (a query
of one character), and a word of n characters is in a section only if its n - 1 pairs are. Each
posting says how often the pair occurs in the section and whether it starts in its title: with the
section's length, enough to bound from above the score the worker gives the section.
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections import Counter
from collections.abc import Mapping, Sequence
from itertools import pairwise
from typing import NamedTuple

from ..glossary import Glossary
from ..model import Clause, Document, Item, Page, Paragraph, Part
from ..model import Section as NewsSection
from ..walk import units
from .urls import html_path, node_pages, overview_page
from .variants import browser_table, fold_variants

META_PATH = "search/policy-index.json"
SHARD_DIR = "search/shards"
MAP_PATH = "search/map.js"
BUCKET_DIR = "search/index"
JUMPS_DIR = "search/jumps"
SPACES = re.compile(r"\s")
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


def _text(paragraphs: tuple[Paragraph, ...]) -> str:
    return "\n".join(p.text for p in paragraphs)


def document_shard(item: Item, where: Mapping[tuple[str, str], str]) -> Shard:
    """An item's sections, from walk.units: the overview (front and back matter, the preamble or
    lead, closing paragraphs, notes), each part, clause and news section; the jumps to each
    numbered unit (第八条); and each page's title, for the headers of result groups. where: the
    page that shows each node (urls.node_pages)."""
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
        page = html_path(where[(item.slug, unit.anchor)])
        location = f"{page}#{unit.anchor}"
        if isinstance(node, Part):
            heading, key = node.heading, node.id
            pages.setdefault(page, node.heading)
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
    items = [item for page in pages for item in page.items]
    where = node_pages(items)
    shards = [document_shard(item, where) for item in items]
    if glossary is not None:
        shards.append(glossary_shard(glossary))
    return shards


#: Digits of the index's numbers: the printable ASCII characters a JSON string holds unescaped.
#: The first 46 end a number, the other 46 go before them (big-endian, 46 to a digit).
DIGITS = "".join(c for c in map(chr, range(0x21, 0x7F)) if c not in '"\\')
BASE = len(DIGITS) // 2
#: About how many bytes of postings a bucket file holds.
BUCKET_BYTES = 8_000
#: A library whose shards weigh no more than this has no postings: opening its search box loads
#: every shard (the seed's weigh some 75 KB; its postings would weigh more than that).
ALL_SHARDS_BYTES = 150_000
#: Jumps kept for each numbered unit (clause-8 …), in library order: what the worker lists at most.
JUMP_LIMIT = 50


def number_code(value: int) -> str:
    """A number >= 0 in DIGITS: one character below 46, two below 2,162, three below 99,498."""
    out = [DIGITS[value % BASE]]
    value //= BASE
    while value:
        value -= 1
        out.append(DIGITS[BASE + value % BASE])
        value //= BASE
    return "".join(reversed(out))


def decode_numbers(code: str) -> list[int]:
    """The numbers of number_code's characters run together (what the worker's decode does)."""
    out, value = [], 0
    for char in code:
        digit = DIGITS.index(char)
        if digit < BASE:
            out.append(value * BASE + digit)
            value = 0
        else:
            value = value * BASE + digit - BASE + 1
    return out


class Unit(NamedTuple):
    """What the index records of a section: the pairs of characters of its folded text (title,
    newline, text) with how often each occurs, those starting in the title, and the length of that
    text in UTF-16 code units (as the worker measures it)."""

    length: int
    pairs: dict[str, int]
    title: frozenset[str]


def _spaced(hay: str) -> str:
    """hay with every space as " ", and a " " after its end."""
    return SPACES.sub(" ", hay) + " "


def pairs_of(hay: str) -> list[str]:
    """Each character but spaces, with the character after it; a space (or the end) after it
    counts as " ". Every occurrence of a character starts one pair: the pairs starting with c tell
    where c occurs."""
    spaced = _spaced(hay)
    return [a + b for a, b in pairwise(spaced) if a != " "]


def section_units(sections: Sequence[Section]) -> tuple[Unit, ...]:
    """What the index records of each section: its length, its pairs (how often each occurs) and the
    pairs that start in its title."""
    return tuple(_unit(fold(f"{s.title}\n{s.text}"), len(fold(s.title))) for s in sections)


def _unit(hay: str, title: int) -> Unit:
    return Unit(len(hay.encode("utf-16-le")) // 2, dict(Counter(pairs_of(hay))), frozenset(pairs_of(hay[:title])))


def shard_path(number: int) -> str:
    return f"{SHARD_DIR}/{number}.js"


def bucket_path(number: int) -> str:
    return f"{BUCKET_DIR}/{number}.js"


def jumps_path(key: str) -> str:
    return f"{JUMPS_DIR}/{key}.js"


def shard_script(number: int, shard: Shard) -> tuple[bytes, tuple[Unit, ...]]:
    """A shard's script (its sections and its pages' titles), and what the index records of each
    of its sections."""
    rows = [[s.location, s.title, s.text, s.kind] for s in shard.sections]
    body = f"self.__policyShard({number},{_json(rows)},{_json(shard.pages)});\n".encode()
    return body, section_units(shard.sections)


def postings(units: Sequence[Unit]) -> dict[str, str]:
    """Each pair's sections (numbered through the library), as the gaps between them: a gap g is
    2g, or 2g + 1 followed by 2(count - 1) + (1 if the pair starts in the title) when the pair
    occurs more than once in the section or starts in its title."""
    codes: dict[str, list[str]] = {}
    last: dict[str, int] = {}
    for number, unit in enumerate(units):
        for pair, count in unit.pairs.items():
            gap, in_title = 2 * (number - last.get(pair, -1) - 1), pair in unit.title
            more = count > 1 or in_title
            code = number_code(gap + 1) + number_code(2 * (count - 1) + in_title) if more else number_code(gap)
            codes.setdefault(pair, []).append(code)
            last[pair] = number
    return {pair: "".join(parts) for pair, parts in codes.items()}


def bucket(char: str, buckets: int) -> int:
    """The bucket file that holds the pairs starting with char."""
    return ord(char) % buckets


def map_files(shards: Sequence[Shard], units: Sequence[Sequence[Unit]], shard_bytes: int) -> dict[str, bytes]:
    """The settings file the theme loads; the map the worker loads when the search box opens (the
    number of bucket files, the lengths of each shard's sections, which shard is the glossary,
    which numbered units have a jump file); the bucket files of postings, the jump files and the
    folding table. Only the shards' pages and jumps are read, not their sections. A library of
    shards weighing shard_bytes <= ALL_SHARDS_BYTES gets no buckets (0): the worker loads them all."""
    everything = shard_bytes <= ALL_SHARDS_BYTES  # the worker loads every shard: no postings
    found = {} if everything else postings([unit for shard in units for unit in shard])
    size = sum(len(code.encode()) + 8 for code in found.values())
    buckets = 0 if everything else max(1, -(-size // BUCKET_BYTES))
    grouped: dict[int, dict[str, dict[str, str]]] = {}
    for pair, code in sorted(found.items()):
        grouped.setdefault(bucket(pair[0], buckets), {}).setdefault(pair[0], {})[pair[1]] = code
    jumps: dict[str, list[list[object]]] = {}
    for number, shard in enumerate(shards):
        for key, (location, title) in shard.jumps.items():
            page = location.split("#")[0]
            jumps.setdefault(key, []).append([number, location, title, shard.pages.get(page, page)])
    glossary = next((n for n, s in enumerate(shards) if s.name == "glossary"), None)
    search_map = {
        "buckets": buckets,
        "units": ["".join(number_code(u.length) for u in shard) for shard in units],
        "glossary": glossary,
        "jumps": sorted(jumps),
    }
    # The theme loads search/search_index.json on every page (and passes its "config" to the
    # worker); it holds only settings, and the number of buckets, so that a query that comes before
    # the map loads its buckets with it. The map is a data file the worker loads when the box opens.
    policy = {"version": 3, "buckets": buckets}
    index = {
        "config": {"lang": ["en"], "separator": SEPARATOR, "pipeline": [], "fields": {}, "policy": policy},
        "docs": [],
    }
    # the pairs the index holds: the postings' keys, which are every unit's pairs (without
    # postings, the units' pairs themselves)
    held = found.keys() or {pair for shard in units for unit in shard for pair in unit.pairs}
    chars = {c for pair in held for c in pair} - {" "}
    files = {
        META_PATH: _json(index).encode("utf-8"),
        # the folding table travels with the map, as its second argument: one file fewer for the
        # first query, and a data file like the others (fetched side by side with them)
        MAP_PATH: f"self.__policyMap({_json(search_map)},{_json(browser_table(chars))});\n".encode(),
    }
    for number, pairs in grouped.items():
        files[bucket_path(number)] = f"self.__policyPairs({number},{_json(pairs)});\n".encode()
    for key, targets in jumps.items():
        files[jumps_path(key)] = f"self.__policyJumps({_json(key)},{_json(targets[:JUMP_LIMIT])});\n".encode()
    return files


def _json(value: object) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


def search_files(pages: list[Page], glossary: Glossary | None) -> dict[str, bytes]:
    """The index files, by site path: the map the page loads, and one script per shard."""
    shards = shards_of(pages, glossary)
    files: dict[str, bytes] = {}
    found = []
    for number, shard in enumerate(shards):
        files[shard_path(number)], units = shard_script(number, shard)
        found.append(units)
    shard_bytes = sum(len(data) for path, data in files.items() if path.startswith(SHARD_DIR))
    files.update(map_files(shards, found, shard_bytes))
    return files
