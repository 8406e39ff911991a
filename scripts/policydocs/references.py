"""References inside the text: provisions and documents a sentence points at.

Forms found (each a pattern below, scanned once per sentence):

- ``《X》`` a document by its title, maybe followed by an article: 《中华人民共和国城乡规划法》第三十条.
  It resolves to a document of the library whose title is X, or ends in X after its issuer
  (《关于深入推进城市更新的指导意见》 is 中共中央办公厅 国务院办公厅关于深入推进城市更新的指导意见).
  A title the library does not hold is a citation: marked with its title, and linked by a later
  build once a document of that title is added.
- ``第三十条`` (also ``本条例第三十条``, ``依照本法第三十条第二款``): an article of the same
  document; ``第（八）条``: clause （八） of the same document.
- ``本条第二款``: the second 款 (paragraph that is not an item (一)(二)…) of the same provision;
  ``前款``: the 款 before the one the sentence is in.

A reference resolves only to an id the target document publishes: a provision that is not there
(第九十九条 of a law with six articles) stays text. Pure functions over the model.
"""

from __future__ import annotations

import re
from typing import NamedTuple

from .model import Clause, Document, Item, Paragraph, Sentence
from .patterns import CN_DIGITS, chinese_number
from .walk import units

NUM = rf"[{CN_DIGITS}]+|\d+"
SELF = r"本(?:条例|法|办法|规定|细则|意见|方案|决定|准则|规则)"
REFERENCE = re.compile(
    rf"《(?P<title>[^《》\n]{{2,80}})》(?:第(?P<title_article>{NUM})条)?"
    rf"|(?:{SELF})?第(?P<article>{NUM})条(?:第(?P<article_para>{NUM})款)?"
    rf"|第[（(](?P<clause>[{CN_DIGITS}]+)[）)]条"
    rf"|本条第(?P<same_para>{NUM})款"
    r"|前款"
)
#: An item of a provision ((一)…, （一）…): a paragraph, but no 款 of its own.
ITEM = re.compile(rf"^[（(][{CN_DIGITS}]+[）)]")


class Reference(NamedTuple):
    """[start, end) of a sentence's text pointing at a document (slug) and provision (anchor, or
    None for the document itself); slug None: a document outside the library, by its title."""

    start: int
    end: int
    slug: str | None
    anchor: str | None
    title: str | None


class Library(NamedTuple):
    """What references resolve against: documents by title, and the ids each publishes."""

    titles: dict[str, str]  # full title -> slug (the first document of that title)
    ids: dict[str, frozenset[str]]  # slug -> provision and paragraph ids


def library(items: list[Item]) -> Library:
    titles: dict[str, str] = {}
    ids: dict[str, frozenset[str]] = {}
    for item in items:
        if not isinstance(item, Document):
            continue
        if item.title:
            titles.setdefault("".join(item.title.text.split()), item.slug)
        found = set()
        for unit in units(item):
            if unit.kind in ("part", "clause"):
                found.add(unit.anchor)
            if unit.kind == "clause":
                found.update(p.id for p in unit.paragraphs)
        ids[item.slug] = frozenset(found)
    return Library(titles, ids)


def by_title(lib: Library, title: str) -> str | None:
    """The slug of the document named 《title》: its full title, or its title after the issuer."""
    wanted = "".join(title.split())
    if wanted in lib.titles:
        return lib.titles[wanted]
    if wanted.startswith("关于"):
        return next((slug for full, slug in lib.titles.items() if full.endswith(wanted)), None)
    return None


def item_references(item: Item, lib: Library) -> dict[Sentence, tuple[Reference, ...]]:
    """The references of every sentence of an item that has any, resolved against the library."""
    out: dict[Sentence, tuple[Reference, ...]] = {}
    document = item if isinstance(item, Document) else None
    for unit in units(item):
        clause = unit.node if isinstance(unit.node, Clause) else None
        subsections = [p for p in clause.paragraphs if not ITEM.match(p.text)] if clause else None
        for paragraph in unit.paragraphs:
            _paragraph_refs(out, paragraph, document, clause, subsections, lib)
    return out


def _paragraph_refs(
    out: dict[Sentence, tuple[Reference, ...]],
    paragraph: Paragraph,
    document: Document | None,
    clause: Clause | None,
    subsections: list[Paragraph] | None,
    lib: Library,
) -> None:
    for sentence in paragraph.sentences:
        found = []
        for match in REFERENCE.finditer(sentence.text):
            ref = _resolve(match, paragraph, document, clause, subsections, lib)
            if ref is not None:
                found.append(ref)
        if found:
            out[sentence] = tuple(found)


def _resolve(
    match: re.Match[str],
    paragraph: Paragraph,
    document: Document | None,
    clause: Clause | None,
    subsections: list[Paragraph] | None,
    lib: Library,
) -> Reference | None:
    start, end = match.span()
    if match["title"]:
        slug = by_title(lib, match["title"])
        if slug is None:
            return Reference(start, end, None, None, match["title"])
        anchor = f"article-{chinese_number(match['title_article'])}" if match["title_article"] else None
        if anchor is not None and anchor not in lib.ids.get(slug, frozenset()):
            anchor = None  # the document is there, that article not: link the document
        return Reference(start, end, slug, anchor, match["title"])
    if document is None:
        return None
    known = lib.ids.get(document.slug, frozenset())
    anchor: str | None = None
    if match["article"]:
        anchor = f"article-{chinese_number(match['article'])}"
        if match["article_para"] and anchor in known:
            anchor = _subsection(document, anchor, chinese_number(match["article_para"])) or anchor
    elif match["clause"]:
        number = chinese_number(match["clause"])
        anchor = next((c.id for c in document.all_clauses if c.kind == "clause" and c.number == number), None)
    elif clause is not None and subsections is not None:
        if match["same_para"]:
            anchor = _nth(subsections, chinese_number(match["same_para"]))
        else:  # 前款: the 款 before the one this paragraph is (or is an item of)
            index = clause.paragraphs.index(paragraph)
            before = [p for p in clause.paragraphs[:index] if not ITEM.match(p.text)]
            if ITEM.match(paragraph.text):
                before = before[:-1]  # an item belongs to the 款 above it
            anchor = before[-1].id if before else None
    if anchor is None or anchor not in known:
        return None
    return Reference(start, end, document.slug, anchor, None)


def _subsection(document: Document, article: str, number: int) -> str | None:
    clause = next((c for c in document.all_clauses if c.id == article), None)
    if clause is None:
        return None
    return _nth([p for p in clause.paragraphs if not ITEM.match(p.text)], number)


def _nth(paragraphs: list[Paragraph], number: int) -> str | None:
    return paragraphs[number - 1].id if 1 <= number <= len(paragraphs) else None
