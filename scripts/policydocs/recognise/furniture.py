"""Furniture printed after a page's body: a document's title and date, a report's headline, deck
and byline, and boxed pull quotes that repeat body text.

They are found by scanning back from the end of the page while blocks are such furniture (a page
ending in back matter, such as a signature and date, has none: see rules.py; a date line alone
under a document title, a blank line between them, is that title's date, not back matter).
Which item each piece belongs to is decided by the rules that place them (rules.py); a pull
quote is linked to the body units it repeats here (QuoteTargets).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Literal, NamedTuple

from .. import patterns
from ..layout import Block
from . import excerpts, matter
from .policy import looks_like_policy

BYLINE = re.compile(r"^(?:(?:本报)?(?:记者|通讯员)[\s\u3000]*\S.*|\S{2,4})$")
#: How many blocks a pull quote may be split into by the page layout.
QUOTE_MAX_BLOCKS = 4

Kind = Literal["title", "deck", "byline", "headline", "quote"]


class Furniture(NamedTuple):
    kind: Kind
    blocks: tuple[Block, ...]
    page: int = 0  # the page of the file it is printed on (a file may hold two)


def classify(block: Block, titles: bool = True) -> Kind | None:
    """Kind of furniture a block is. A title over a date line (or a date line alone) only on a page
    with policy text (titles), and only when the lines over the date may print a title."""
    text = block.text
    if patterns.DATE_LINE.match(block.lines[-1].text):
        return "title" if titles and _title_over_date(block) else None
    if patterns.NUMBERED_START.match(text) or any(patterns.is_standalone_line(line.text) for line in block.lines):
        return None  # a numbered line, a document number, a note in parentheses: never furniture
    if patterns.DECK_END.search(text):
        return "deck"
    if len(block.lines) == 1 and not patterns.is_prose(text):
        return "byline" if BYLINE.match(text) else "headline"
    return None


def _title_over_date(block: Block) -> bool:
    """A date line alone, or under what may print a title: one to three short unpunctuated lines
    (not a paragraph, a numbered heading or clause, or a line of text with punctuation in it)."""
    above = [line.text for line in block.lines[:-1]]
    return len(above) <= matter.TITLE_MAX_LINES and all(patterns.is_title_line(text) for text in above)


def title_apart(blocks: Sequence[Block], index: int) -> bool:
    """blocks[index] is a date line alone under a document title that a blank line sets apart
    from it (blocks[index - 1]: title lines, the last ending in a genre word, …的意见, as the
    ``document-title`` rule reads one), after a body: a title and date printed after the body."""
    if index < 2 or len(blocks[index].lines) != 1 or not patterns.DATE_LINE.match(blocks[index].text):
        return False
    title = blocks[index - 1].lines
    return _title_over_date(Block((*title, blocks[index].lines[0]))) and patterns.ends_title(title[-1].text)


def split_furniture(blocks: Sequence[Block], page: int = 0) -> tuple[int, list[Furniture]]:
    """Index where the furniture at the end of the page begins, and the furniture found."""
    squeezed = [patterns.squeeze(b.text) for b in blocks]
    offsets, total = [], 0
    for text in squeezed:
        offsets.append(total)
        total += len(text) + 1
    body = "\x00".join(squeezed)
    titles = looks_like_policy(blocks)
    found: list[Furniture] = []
    i = len(blocks) - 1
    while i >= 0:
        if titles and title_apart(blocks, i):
            found.append(Furniture("title", (blocks[i - 1], blocks[i]), page))
            i -= 2
            continue
        kind = classify(blocks[i], titles)
        if kind:
            found.append(Furniture(kind, (blocks[i],), page))
            i -= 1
            continue
        start = _quote_start(blocks, i, body, offsets)
        if start is None:
            break
        found.append(Furniture("quote", tuple(blocks[start : i + 1]), page))
        i = start - 1
    return i + 1, found[::-1]


def _quote_start(blocks: Sequence[Block], end: int, body: str, offsets: list[int]) -> int | None:
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


class QuoteTargets:
    """The body units of a page's items a pull quote may repeat, given the (id, text) of each
    item's units (see rules.py), squeezed into one text once for all the page's quotes."""

    def __init__(self, linkable: Sequence[Sequence[tuple[str, str]]]) -> None:
        self.owners: list[tuple[int, str, int, int]] = []  # (item index, unit id, start, end offset)
        texts = []
        offset = 0
        for index, units in enumerate(linkable):
            for unit_id, text in units:
                squeezed = patterns.squeeze(text)
                self.owners.append((index, unit_id, offset, offset + len(squeezed)))
                texts.append(squeezed)
                offset += len(squeezed) + 1
        self.body = "\x00".join(texts)

    def links(self, quote: str) -> tuple[int | None, tuple[str, ...]]:
        """The item a pull quote joins (the first whose text it repeats; None: it repeats none)
        and the ids of the units it repeats."""
        linked: list[str] = []
        owner = None
        for run in excerpts.find_runs(quote, self.body) or []:
            for index, unit_id, start, end in self.owners:
                if start <= run.body_start < end:
                    owner = index if owner is None else owner
                    if unit_id not in linked:
                        linked.append(unit_id)
        return owner, tuple(linked)
