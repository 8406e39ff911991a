"""Recognise a page: its articles and documents, the furniture printed after them, and pull quotes.

A newspaper page may print a report's headline, deck and byline, and a document's title and
date, after the body text, and boxed pull quotes that repeat body text. They are found by
scanning back from the end of the page while blocks are such furniture (a page ending in back
matter, such as a signature and date, has none).

The body is cut into segments at page-end markers, and each segment into documents at their
titles (``document-title``, see split_units): a web page may hold a news release and the
document it wraps, a notice and the plan it issues (``issued-with``, see issued.py), or
several documents one after another. Front and back matter are read in matter.py.
"""

from __future__ import annotations

import dataclasses
import itertools
import re
from dataclasses import dataclass

from .. import patterns
from ..diagnostics import Diagnostic, error
from ..layout import Block
from ..model import Article, Clause, Document, Field, Item, Note, Page, PullQuote
from ..source import concat
from ..walk import units
from . import chrome, excerpts, matter
from .issued import link_issued
from .news import build_article
from .paragraphs import cover
from .policy import build_document, looks_like_policy, title_and_date

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
    if patterns.NUMBERED_START.match(text) or any(patterns.is_standalone_line(line.text) for line in block.lines):
        return None  # a numbered line, a document number, a note in parentheses: never furniture
    if patterns.DECK_END.search(text):
        return "deck"
    if len(block.lines) == 1 and not patterns.is_prose(text):
        return "byline" if BYLINE.match(text) else "headline"
    return None


def split_furniture(blocks: tuple[Block, ...]) -> tuple[int, list[Furniture]]:
    """Index where the furniture at the end of the page begins, and the furniture found."""
    squeezed = [patterns.squeeze(b.text) for b in blocks]
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
    """Runs of body blocks, each ended by a page-end marker or by the end of the body. A marker
    saying where the text comes from (（上接第一版）) starts a run: the text after it continues a
    document printed on another page (see continuation.py).

    A marker with no text before it (or, opening a run, after it) stays in the body as text.
    """
    segments: list[tuple[list[Block], Block | None]] = []
    current: list[Block] = []
    for index, block in enumerate(blocks):
        if current and patterns.PAGE_END_MARKER.fullmatch(block.text):
            segments.append((current, block))
            current = []
        elif current and index + 1 < len(blocks) and patterns.PAGE_START_MARKER.fullmatch(block.text):
            segments.append((current, None))
            current = [block]
        else:
            current.append(block)
    if current or not segments:
        segments.append((current, None))
    return [(s, m) for s, m in segments if s]


def _opening_marker(segment: list[Block]) -> tuple[Block | None, list[Block]]:
    """The marker a run opens with (（上接第一版）, 上接01版), if any, and the run after it."""
    if len(segment) > 1 and patterns.PAGE_START_MARKER.fullmatch(segment[0].text):
        return segment[0], segment[1:]
    return None, segment


def split_pages(blocks: tuple[Block, ...]) -> list[tuple[Block, ...]]:
    """A file holding two newspaper pages, the second opening with text continued from the first
    (（上接第一版）), is read as two pages: each has its furniture (titles, headlines, pull quotes)
    printed after its own body."""
    cuts = [index for index in range(1, len(blocks) - 1) if patterns.PAGE_START_MARKER.fullmatch(blocks[index].text)]
    bounds = [0, *cuts, len(blocks)]
    return [blocks[first:last] for first, last in itertools.pairwise(bounds)]


def recognise(blocks: tuple[Block, ...], path: str) -> Recognised:
    diagnostics: list[Diagnostic] = []
    blocks, top, bottom = chrome.split_chrome(blocks)
    blocks, headers = chrome.split_pagination(blocks)
    items: list[Item] = []
    notes = 0
    for page_blocks in split_pages(blocks):
        found, notes = _recognise_page(page_blocks, path, notes, diagnostics)
        items.extend(found)
    for group, kind, index in [(top, "chrome", 0)] + [((h,), "pagination", None) for h in headers]:
        if group:
            notes += 1
            at = chrome.holder(items, group[0].span.first) if index is None else index
            items[at] = chrome.with_note(items[at], chrome.note(group, kind, notes))
    if bottom:
        notes += 1
        items[-1] = chrome.with_note(items[-1], chrome.note(bottom, "chrome", notes))
    items = link_issued(items)
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


def _recognise_page(
    blocks: tuple[Block, ...], path: str, notes: int, diagnostics: list[Diagnostic]
) -> tuple[list[Item], int]:
    """The items of one page, and the number of notes made so far in the file."""
    # a page ending in back matter (signature, date, 此件公开发布 …) has no furniture after its body
    if matter.back_start(blocks) < len(blocks):
        zone, furniture = len(blocks), []
    else:
        zone, furniture = split_furniture(blocks)
    items: list[Item] = []
    for segment, marker in split_segments(list(blocks[:zone])):
        opening, segment = _opening_marker(segment)
        unit_items: list[Item] = []
        units = split_units(segment)
        contents: list[Block] = []
        if len(units) > 1 and not units[0][1] and chrome.is_contents(units[0][0], units[1][0]):
            contents = units.pop(0)[0]  # a table of contents before the title: the document's front matter
        for number, (unit, titled) in enumerate(units):
            continued = number == 0 and opening is not None and not titled
            if titled or looks_like_policy(unit):
                unit_items.append(build_policy(unit, path, continued, contents if number == 0 else []))
            else:
                unit_items.append(build_article(unit))
        if opening is not None:
            notes += 1
            note = Note(f"note-{notes}", "page-start", opening.text, opening.span)
            item = unit_items[0]
            unit_items[0] = dataclasses.replace(item, notes=(note, *item.notes), span=item.span.cover(opening.span))
        if marker is not None:
            notes += 1
            note = Note(f"note-{notes}", "page-end", marker.text, marker.span)
            item = unit_items[-1]
            unit_items[-1] = dataclasses.replace(item, notes=item.notes + (note,), span=item.span.cover(marker.span))
        items.extend(unit_items)
    items = _place_furniture(items, furniture, path, diagnostics)
    items = _link_quotes(items, [f for f in furniture if f.kind == "quote"], path, diagnostics)
    return items, notes


def _title_blocks(segment: list[Block], index: int) -> int:
    """How many blocks from ``index`` print a document's title (0: none there).

    The title is one to three lines with no prose punctuation but 、, maybe over a date line in the
    same block, and its last line ends with a genre word (…的意见, …条例). A title printed over two
    one-line blocks (a web copy) counts when the first line is a fragment: it names no genre (outside
    《》) and does not end with 》 (which a headline such as 国务院办公厅印发《…意见》 does).
    """
    lines = [line.text for line in segment[index].lines]
    if lines and patterns.DATE_LINE.match(lines[-1]):
        lines = lines[:-1]
    if not lines or len(lines) > matter.TITLE_MAX_LINES or not all(patterns.is_title_line(t) for t in lines):
        return 0
    if patterns.ends_title(lines[-1]):
        return 1
    if len(lines) != 1 or index + 1 >= len(segment) or _names_a_genre(lines[0]) or lines[0].endswith("》"):
        return 0
    following = [line.text for line in segment[index + 1].lines]
    if following and patterns.DATE_LINE.match(following[-1]):
        following = following[:-1]
    if len(following) == 1 and patterns.is_title_line(following[0]) and patterns.ends_title(following[0]):
        return 2
    return 0


def _names_a_genre(text: str) -> bool:
    bare = re.sub(r"《[^》]*》", "", text)
    return any(word in bare for word in patterns.GENRE_WORDS)


def _document_evidence(unit: list[Block], title_blocks: int) -> bool:
    """A title starts a document when a date line, a document number, a note in parentheses or an
    addressee follows it, or when the text up to the next title is a policy body (parts, clauses)."""
    head = [line.text for block in unit[:title_blocks] for line in block.lines]
    if any(patterns.DATE_LINE.match(text) for text in head):
        return True
    after = unit[title_blocks:]
    if after:
        first = after[0].lines[0].text
        if (
            patterns.DATE_LINE.match(first)
            or patterns.DOC_NUMBER.match(first)
            or (patterns.PARENTHESISED.match(first) and not patterns.NUMBERED_START.match(first))
            or patterns.ADDRESSEE.match(first)
        ):
            return True
    return looks_like_policy(after)


def split_units(segment: list[Block]) -> list[tuple[list[Block], bool]]:
    """The ``document-title`` rule: a segment splits before each document title (see _title_blocks
    and _document_evidence). Returns (blocks, starts with a title) for each unit, in order. The
    first unit, when it starts with no such title, is a news report or an untitled policy body."""
    candidates = []
    index = 0
    while index < len(segment):
        count = _title_blocks(segment, index)
        if count:
            start = index - 1 if index > 0 and _is_label(segment[index - 1]) else index
            candidates.append((start, count + index - start))
            index += count
        else:
            index += 1
    starts = []
    for number, (start, count) in enumerate(candidates):
        end = candidates[number + 1][0] if number + 1 < len(candidates) else len(segment)
        if _document_evidence(segment[start:end], count):
            starts.append(start)
    bounds = [0, *[s for s in starts if s > 0], len(segment)]
    units = []
    for first, last in itertools.pairwise(bounds):
        if first < last:
            units.append((segment[first:last], first in starts))
    return units


def _is_label(block: Block) -> bool:
    return len(block.lines) == 1 and bool(patterns.ATTACHMENT.fullmatch(block.text)) and "：" not in block.text


def build_policy(
    unit: list[Block], path: str, continued: bool = False, contents: list[Block] | None = None
) -> Document:
    """A policy document from its blocks: front matter, body, back matter (rules in matter.py).
    ``continued``: the text continues a document from another page, its numbering going on from
    there (see continuation.py); ``contents``: a table of contents printed before its title."""
    front = matter.split_front(unit)
    back = matter.back_start(unit, front.end)
    document, _ = build_document(unit[front.end : back], path, continued)
    title = None
    if front.title:
        title = Field("".join(line.text for line in front.title), cover([line.span for line in front.title]))
    date = Field(front.date.text, front.date.span) if front.date else None
    return dataclasses.replace(
        document,
        title=title,
        date=date,
        front_matter=matter.front_matter(front, contents or []),
        back_matter=matter.back_matter(unit[back:]),
        span=cover([b.span for b in (contents or []) + unit]),
    )


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
    found = []
    for unit in units(item):
        if isinstance(unit.node, Clause) and unit.node.heading:
            found.append((unit.anchor, unit.node.heading.text))
        found.extend((paragraph.id, paragraph.text) for paragraph in unit.paragraphs)
    return found


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
            squeezed = patterns.squeeze(text)
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
