"""Text of the web page or e-paper around a document, which is not the document's: kept, and
set apart. Rules (named as in README.md):

- ``epaper-chrome``: at the top or the bottom of a copy, the e-paper's or web page's navigation:
  版面概览, 上一版/下一版, 上一篇/下一篇, 返回目录, a page label (第03版：城市), 当前位置：首页 > …,
  字号：大 中 小, 【打印本页】【关闭窗口】 and, between such lines, the page's article titles run
  together on one line. It becomes an editorial note (``chrome``) of
  the first or last item, never a headline, a title or body text.
- ``pagination-header``: a site that splits a document over several web pages repeats its title
  with the page number at each split (…的意见(3)); a copy then has that line in the middle of the
  text. A line that is a title of the file with a number in brackets after it is such a header: an
  editorial note (``pagination``) where it stands, not the title of a new document.
- ``contents``: a table of contents printed before the title (目录, then the part and clause
  headings, each a line of its own, that the document's headings repeat) is the document's front
  matter (``contents``), not a document of its own.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from .. import patterns
from ..layout import Block
from ..model import Note
from ..source import Span
from .paragraphs import cover

#: A pagination header: a title with a page number in brackets after it (…的意见(3), …的意见（2）).
PAGINATION = re.compile(r"^(?P<title>.+?)\s*[（(](?P<page>\d{1,3})[）)]$")
#: A table of contents' heading line.
CONTENTS_HEAD = re.compile(r"^目[\s\u3000]*录$")
#: Dot leaders and a page number after a heading in a table of contents: 一、总体要求……1.
DOT_LEADER = re.compile(r"[.．…·\s\u3000]*\d{1,3}$")
#: Most blocks of e-paper chrome at the top or the bottom of a copy.
CHROME_MAX_BLOCKS = 8


def _chrome_block(block: Block) -> bool:
    return all(patterns.is_chrome_line(line.text) for line in block.lines)


def _titles_run(block: Block) -> bool:
    """The page's article titles run together: unpunctuated lines (but 、 and spaces)."""
    return not any(patterns.NOT_IN_TITLE.search(line.text) or "。" in line.text for line in block.lines)


def split_chrome(blocks: tuple[Block, ...]) -> tuple[tuple[Block, ...], tuple[Block, ...], tuple[Block, ...]]:
    """The ``epaper-chrome`` rule: (the body, the chrome at the top, the chrome at the bottom)."""
    top = 0
    for index, block in enumerate(blocks[:CHROME_MAX_BLOCKS]):
        if _chrome_block(block):
            top = index + 1
        elif not _titles_run(block):
            break
    bottom = len(blocks)
    for index in range(len(blocks) - 1, max(top, len(blocks) - CHROME_MAX_BLOCKS) - 1, -1):
        if _chrome_block(blocks[index]):
            bottom = index
        elif not _titles_run(blocks[index]) or index == top:
            break
    if not any(_chrome_block(b) for b in blocks[:top]):
        top = 0
    if not any(_chrome_block(b) for b in blocks[bottom:]):
        bottom = len(blocks)
    if top >= bottom:  # nothing but chrome: leave it as text
        return blocks, (), ()
    return blocks[top:bottom], blocks[:top], blocks[bottom:]


def split_pagination(blocks: tuple[Block, ...]) -> tuple[tuple[Block, ...], tuple[Block, ...]]:
    """The ``pagination-header`` rule: (the blocks without the headers, the headers)."""
    if not any(len(block.lines) == 1 and PAGINATION.match(block.text) for block in blocks[1:]):
        return blocks, ()  # the usual case, found without reading every line as a title
    titles = {
        patterns.squeeze(line.text)
        for block in blocks
        for line in block.lines
        if patterns.is_title_line(line.text) and patterns.ends_title(line.text)
    }
    body: list[Block] = []
    headers: list[Block] = []
    for block in blocks:
        match = PAGINATION.match(block.text) if len(block.lines) == 1 else None
        if match and body and patterns.squeeze(match["title"]) in titles:
            headers.append(block)
        else:
            body.append(block)
    return tuple(body), tuple(headers)


def note(block_group: tuple[Block, ...], kind: str, number: int) -> Note:
    """An editorial note holding these blocks' lines as printed (one line each)."""
    lines = [line for block in block_group for line in block.lines]
    return Note(f"note-{number}", kind, "\n".join(line.text for line in lines), cover([line.span for line in lines]))  # type: ignore[arg-type]


def holder(spans: Sequence[Span], line: int) -> int:
    """The item a line falls in (or the last before it; the first if none is), given the items' spans."""
    found = 0
    for index, span in enumerate(spans):
        if span.first <= line:
            found = index
    return found


def is_contents(unit: Sequence[Block], document: Sequence[Block]) -> bool:
    """The ``contents`` rule: every line of the unit is 目录 or a numbered heading with no sentence
    in it, and at least two of its headings open a line of the document after it."""
    lines = [line.text for block in unit for line in block.lines]
    headings = [text for text in lines if not CONTENTS_HEAD.match(text)]
    if len(headings) < 2:
        return False
    if not all(patterns.NUMBERED_START.match(text) and not patterns.LINE_END.search(text) for text in headings):
        return False
    if any("。" in text for text in headings):
        return False
    starts = [patterns.squeeze(line.text) for block in document for line in block.lines]
    titles = [patterns.squeeze(DOT_LEADER.sub("", text)) for text in headings]
    repeated = sum(1 for title in titles if any(start.startswith(title) for start in starts))
    return repeated >= 2
