"""Where a page's items start: pages of a file, runs of text between page-jump markers, and
document titles.

A file may hold two newspaper pages (split_pages). A page's body is cut into runs at page-jump
markers (split_segments), and each run into documents at their titles (``document-title``, see
split_units): a web page may hold a news release and the document it wraps, a notice and the
plan it issues (``issued-with``, see issued.py), or several documents one after another. The
rules that use these are in rules.py.
"""

from __future__ import annotations

import itertools
import re

from .. import patterns
from ..layout import Block
from . import matter
from .policy import looks_like_policy


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


def opening_marker(segment: list[Block]) -> tuple[Block | None, list[Block]]:
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
