"""Recognise a page: its articles, the furniture printed after them, and pull quotes.

A newspaper page may print a report's headline, deck and byline, and a document's title and
date, after the body text, and boxed pull quotes that repeat body text. They are found by
scanning back from the end of the page while blocks are such furniture.
"""

from __future__ import annotations

import dataclasses
import re
from dataclasses import dataclass

from . import excerpts, patterns
from .diagnostics import Diagnostic, error
from .layout import Block
from .model import Article, Document, Field, Item, Note, Page, PullQuote, paragraphs_of
from .news import build_article, is_head
from .paragraphs import cover
from .policy import build_document, looks_like_policy, title_and_date
from .source import concat

BYLINE = re.compile(r"^(?:(?:本报)?(?:记者|通讯员)[\s\u3000]*\S.*|\S{2,4})$")
#: How many blocks a pull quote may be split into by the page layout.
QUOTE_MAX_BLOCKS = 4


@dataclass(frozen=True)
class Furniture:
    kind: str  # title | deck | byline | headline | quote
    blocks: tuple[Block, ...]


@dataclass(frozen=True)
class Recognised:
    page: Page
    diagnostics: tuple[Diagnostic, ...]


def classify(block: Block, titles: bool = True) -> str | None:
    """Kind of furniture a block is; a title over a date line only on a page with policy text (titles)."""
    text = block.text
    if patterns.DATE_LINE.match(block.lines[-1].text):
        return "title" if titles else None
    if patterns.DECK_END.search(text):
        return "deck"
    if len(block.lines) == 1 and not patterns.is_prose(text):
        return "byline" if BYLINE.match(text) else "headline"
    return None


def split_furniture(blocks: tuple[Block, ...]) -> tuple[int, list[Furniture]]:
    """Index where the furniture at the end of the page begins, and the furniture found."""
    squeezed = [excerpts.squeeze(b.text) for b in blocks]
    offsets, total = [], 0
    for text in squeezed:
        offsets.append(total)
        total += len(text) + 1
    body = "\x00".join(squeezed)
    titles = looks_like_policy(list(blocks))
    found: list[Furniture] = []
    i = len(blocks) - 1
    while i >= 0:
        kind = classify(blocks[i], titles)
        if kind:
            found.append(Furniture(kind, (blocks[i],)))
            i -= 1
            continue
        start = _quote_start(blocks, i, body, offsets)
        if start is None:
            break
        found.append(Furniture("quote", blocks[start : i + 1]))
        i = start - 1
    return i + 1, found[::-1]


def _quote_start(blocks: tuple[Block, ...], end: int, body: str, offsets: list[int]) -> int | None:
    """First block of a pull quote ending at block ``end``, joining pieces split by the layout."""
    start = end
    while True:
        text = "".join(b.text for b in blocks[start : end + 1])
        if excerpts.find_runs(text, body, offsets[start]):
            return start
        previous = blocks[start - 1] if start > 0 else None
        if (
            previous is None
            or end - start + 1 >= QUOTE_MAX_BLOCKS
            or patterns.ends_sentence(previous.text)
            or classify(previous)
        ):
            return None
        start -= 1


def split_segments(blocks: list[Block]) -> list[tuple[list[Block], Block | None]]:
    """Runs of body blocks, each ended by a page-end marker or by the end of the body.

    A marker with no text before it ends nothing: it stays in the body as text.
    """
    segments: list[tuple[list[Block], Block | None]] = []
    current: list[Block] = []
    for block in blocks:
        if current and patterns.PAGE_END_MARKER.fullmatch(block.text):
            segments.append((current, block))
            current = []
        else:
            current.append(block)
    if current or not segments:
        segments.append((current, None))
    return [(s, m) for s, m in segments if s]


def recognise(blocks: tuple[Block, ...], path: str) -> Recognised:
    diagnostics: list[Diagnostic] = []
    zone, furniture = split_furniture(blocks)
    items: list[Item] = []
    notes = 0
    for segment, marker in split_segments(list(blocks[:zone])):
        item: Item
        if looks_like_policy(segment):
            item = _with_front_matter(segment, path)
        else:
            item = build_article(segment)
        if marker is not None:
            notes += 1
            note = Note(f"note-{notes}", "page-end", marker.text, marker.span)
            item = dataclasses.replace(item, notes=item.notes + (note,), span=item.span.cover(marker.span))
        items.append(item)
    items = _place_furniture(items, furniture, path, diagnostics)
    items = _link_quotes(items, [f for f in furniture if f.kind == "quote"], path, diagnostics)
    for item in items:
        if isinstance(item, Article) and not item.sections and item.headline is None:
            diagnostics.append(
                Diagnostic(
                    path,
                    item.span.first,
                    "warning",
                    "structure not recognised: published as a plain document of paragraphs",
                )
            )
    return Recognised(Page(path, tuple(items)), tuple(diagnostics))


def _with_front_matter(segment: list[Block], path: str) -> Document:
    """Title lines and a date line before the first paragraph or numbered heading belong to the document."""
    front = []
    for block in segment:
        if patterns.NUMBERED_START.match(block.text):
            break
        if is_head(block) or patterns.DATE_LINE.match(block.lines[-1].text):
            front.append(block)
        else:
            break
    document, _ = build_document(segment[len(front) :], path)
    if front:
        title, date = title_and_date([line for b in front for line in b.lines])
        document = dataclasses.replace(
            document, title=title, date=date, span=cover([document.span] + [b.span for b in front])
        )
    return document


def _place_furniture(
    items: list[Item], furniture: list[Furniture], path: str, diagnostics: list[Diagnostic]
) -> list[Item]:
    for piece in furniture:
        if piece.kind == "quote":
            continue
        block = piece.blocks[0]
        if piece.kind == "title":
            title, date = title_and_date(list(block.lines))
            index = _first(items, Document, lambda d: d.title is None)
            if index is None:
                raise error(
                    path,
                    block.span.first,
                    f"title {block.lines[0].text} belongs to no document: every document on the page has a title",
                )
            doc = items[index]
            items[index] = dataclasses.replace(doc, title=title, date=date, span=doc.span.cover(block.span))
            continue
        name = piece.kind
        index = _first(items, Article, lambda a, name=name: getattr(a, name) is None)
        if index is None:
            index = len(items)
            items.append(_empty_article(block))
        article = items[index]
        value = Field(block.text, block.span)
        items[index] = dataclasses.replace(article, **{name: value}, span=article.span.cover(block.span))
    return items


def _empty_article(block: Block) -> Article:
    return Article("", None, None, None, (), (), (), (), block.span)


def _first(items: list[Item], kind: type, accept) -> int | None:  # type: ignore[no-untyped-def]
    for index, item in enumerate(items):
        if isinstance(item, kind) and accept(item):
            return index
    return None


def _linkable(item: Item) -> list[tuple[str, str]]:
    """(id, text) of the body units a pull quote may repeat: paragraphs, and clause headings (by clause id)."""
    if isinstance(item, Article):
        return [(p.id, p.text) for p in paragraphs_of(item)]
    units = [(p.id, p.text) for p in item.preamble]
    for part, clauses in [(None, item.clauses)] + [(part, part.clauses) for part in item.parts]:
        if part is not None:
            units.extend((p.id, p.text) for p in part.paragraphs)
        for clause in clauses:
            if clause.heading:
                units.append((clause.id, clause.heading.text))
            units.extend((p.id, p.text) for p in clause.paragraphs)
    return units


def _link_quotes(items: list[Item], quotes: list[Furniture], path: str, diagnostics: list[Diagnostic]) -> list[Item]:
    """Each pull quote links to the body paragraphs it repeats and joins their item.

    A quote whose repeated text is in no paragraph (e.g. it repeats a headline) is kept, unlinked,
    with the last item, so that no text is lost.
    """
    owners: list[tuple[int, str, int, int]] = []  # (item index, unit id, start, end offset)
    texts = []
    offset = 0
    for index, item in enumerate(items):
        for unit_id, text in _linkable(item):
            squeezed = excerpts.squeeze(text)
            owners.append((index, unit_id, offset, offset + len(squeezed)))
            texts.append(squeezed)
            offset += len(squeezed) + 1
    body = "\x00".join(texts)
    for counter, quote in enumerate(quotes, 1):
        ltext = concat([line for b in quote.blocks for line in b.lines])
        runs = excerpts.find_runs(ltext.text, body) or []
        linked: list[str] = []
        owner = None
        for run in runs:
            for index, unit_id, start, end in owners:
                if start <= run.body_start < end:
                    owner = index if owner is None else owner
                    if unit_id not in linked:
                        linked.append(unit_id)
        if owner is None:
            if not items:
                items.append(_empty_article(quote.blocks[0]))
            owner = len(items) - 1
            diagnostics.append(
                Diagnostic(path, ltext.span.first, "warning", "pull quote repeats no body paragraph: kept unlinked")
            )
        pull = PullQuote(f"quote-{counter}", ltext.text, tuple(linked), ltext.span)
        item = items[owner]
        items[owner] = dataclasses.replace(
            item, pull_quotes=item.pull_quotes + (pull,), span=item.span.cover(pull.span)
        )
    return items
