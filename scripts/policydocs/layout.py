"""Repair the page layout of a raw text extraction by named, ordered rules.

Input: source lines. Output: blocks, each a paragraph candidate made of hard lines
(a hard line keeps a real line break, e.g. a heading over a subtitle). Rules, in order:

1. ``strip-stray-spaces``      leading/trailing spaces of the extraction go (inner spaces stay).
2. ``split-jump-marker``       a page-jump marker such as （下转第六版） ending a line becomes a block of its own.
3. ``group-by-blank-lines``    runs of non-blank lines form raw blocks.
4. ``line-per-paragraph``      if most lines end a sentence (web copies), every line is a paragraph and
                               the column rules below are skipped.
5. ``measure-column-width``    each block's column width is the median width of inner lines of the block,
                               or of the nearest blocks when it has too few.
6. ``join-column-breaks``      a blank line after a full-width line that does not end a sentence is a
                               column or page break: the blocks join.
7. ``restore-paragraph-breaks`` a short line that ends a sentence ends its paragraph.
8. ``keep-short-line-breaks``  a short line that does not end a sentence (a heading over a subtitle),
                               and a line before a date line, keep their line break.
9. ``join-soft-breaks``        every other line break was made by the column width: lines join, no space.
"""

from __future__ import annotations

import statistics
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cached_property

from . import patterns
from .source import LText, SourceLine, Span, concat, display_width

#: Cells a full line may fall short of the column width (half-width digits, hanging punctuation).
FULL_SLACK = 5
#: Extra cells allowed on a paragraph's first line for its indent (two CJK characters).
INDENT_SLACK = 4
#: Share of lines ending a sentence above which a text is taken as one paragraph per line.
LINE_PER_PARAGRAPH_SHARE = 0.6
WHITESPACE = " \t\u3000\u00a0\u2002\u2003\u2009\u200b\ufeff"


@dataclass(frozen=True)
class Block:
    """A paragraph candidate: hard lines whose soft breaks are already joined."""

    lines: tuple[LText, ...]

    @cached_property
    def text(self) -> str:
        return "".join(line.text for line in self.lines)

    @cached_property
    def ltext(self) -> LText:
        return concat(self.lines)

    @property
    def span(self) -> Span:
        return self.ltext.span


@dataclass(frozen=True)
class _RawLine:
    text: LText
    width: int
    column: int  # column width of the raw block it came from
    block_first: bool  # first line of its raw block


def strip_stray_spaces(lines: Sequence[SourceLine]) -> list[LText | None]:
    """Rule 1: None stands for a blank line."""
    out: list[LText | None] = []
    for line in lines:
        raw = line.text
        start = len(raw) - len(raw.lstrip(WHITESPACE))
        end = len(raw.rstrip(WHITESPACE))
        out.append(LText.of_line(line).slice(start, end) if start < end else None)
    return out


def split_jump_marker(lines: list[LText | None]) -> list[LText | None]:
    """Rule 2."""
    out: list[LText | None] = []
    for line in lines:
        match = patterns.JUMP_MARKER.search(line.text) if line is not None else None
        if line is None or match is None or match.start() == 0:
            out.append(line)
            continue
        body = line.slice(0, match.start()).strip()
        out.extend([body, None, line.slice(match.start())])
    return out


def group_by_blank_lines(lines: list[LText | None]) -> list[list[LText]]:
    """Rule 3."""
    blocks: list[list[LText]] = []
    current: list[LText] = []
    for line in lines:
        if line is None:
            if current:
                blocks.append(current)
            current = []
        else:
            current.append(line)
    if current:
        blocks.append(current)
    return blocks


def is_line_per_paragraph(blocks: list[list[LText]]) -> bool:
    """Rule 4."""
    lines = [line for block in blocks for line in block]
    ending = sum(1 for line in lines if patterns.ends_sentence(line.text) or not patterns.is_prose(line.text))
    return ending >= LINE_PER_PARAGRAPH_SHARE * len(lines)


def measure_column_widths(blocks: list[list[LText]]) -> list[int]:
    """Rule 5: one width per raw block, learnt from the text."""
    inner = [[display_width(line.text) for line in block[1:-1]] for block in blocks]
    fallback = max(display_width(line.text) for block in blocks for line in block)
    widths = []
    for index in range(len(blocks)):
        sample: list[int] = list(inner[index])
        distance = 1
        while len(sample) < 3 and distance < len(blocks):
            for neighbour in (index - distance, index + distance):
                if 0 <= neighbour < len(blocks):
                    sample.extend(inner[neighbour])
            distance += 1
        widths.append(int(statistics.median(sample)) if sample else fallback)
    return widths


def _is_full(line: _RawLine, paragraph_first: bool) -> bool:
    slack = FULL_SLACK + (INDENT_SLACK if paragraph_first else 0)
    return line.width >= line.column - slack


def _is_display(block: list[LText]) -> bool:
    """Headings, titles, bylines: few lines and no prose punctuation, or a numbered heading."""
    first = block[0].text
    if patterns.PART_HEADING.match(first) or patterns.CHAPTER_HEADING.match(first):
        return True
    return len(block) <= 3 and not any(patterns.is_prose(line.text) for line in block)


def _starts_unit(block: list[LText]) -> bool:
    """A block that must not continue the previous one: numbered, a date, a marker, or display."""
    first = block[0].text
    return bool(
        patterns.NUMBERED_START.match(first)
        or patterns.DATE_LINE.match(first)
        or patterns.JUMP_MARKER.match(first)
        or _is_display(block)
    )


def join_column_breaks(blocks: list[list[LText]], widths: list[int]) -> list[list[_RawLine]]:
    """Rule 6."""
    merged: list[list[_RawLine]] = []
    for block, column in zip(blocks, widths):
        raw = [_RawLine(line, display_width(line.text), column, i == 0) for i, line in enumerate(block)]
        if merged and _continues(merged[-1], block):
            merged[-1].extend(raw)
        else:
            merged.append(raw)
    return merged


def _continues(previous: list[_RawLine], block: list[LText]) -> bool:
    last = previous[-1]
    previous_lines = [line.text for line in previous]
    if patterns.ends_sentence(last.text.text) or _is_display(previous_lines) or _starts_unit(block):
        return False
    if patterns.JUMP_MARKER.match(last.text.text) or patterns.DATE_LINE.match(last.text.text):
        return False
    return _is_full(last, paragraph_first=len(previous) == 1)


def split_paragraphs(merged: list[list[_RawLine]]) -> list[list[_RawLine]]:
    """Rule 7."""
    out: list[list[_RawLine]] = []
    for lines in merged:
        current: list[_RawLine] = []
        for line in lines:
            current.append(line)
            text = line.text.text
            if line is not lines[-1] and patterns.ends_sentence(text) and not _is_full(line, len(current) == 1):
                out.append(current)
                current = []
        if current:
            out.append(current)
    return out


def hard_lines(lines: list[_RawLine]) -> tuple[LText, ...]:
    """Rules 8 and 9."""
    out: list[LText] = []
    current: list[LText] = []
    for index, line in enumerate(lines):
        current.append(line.text)
        following = lines[index + 1] if index + 1 < len(lines) else None
        if following is None:
            break
        short = not patterns.ends_sentence(line.text.text) and not _is_full(line, index == 0)
        if short or patterns.DATE_LINE.match(following.text.text):
            out.append(concat(current))
            current = []
    out.append(concat(current))
    return tuple(out)


def repair(lines: Sequence[SourceLine]) -> tuple[Block, ...]:
    """Run the rules in order; the result keeps every non-space character once."""
    blocks = group_by_blank_lines(split_jump_marker(strip_stray_spaces(lines)))
    if not blocks:
        return ()
    if is_line_per_paragraph(blocks):
        return tuple(Block((line,)) for block in blocks for line in block)
    paragraphs = split_paragraphs(join_column_breaks(blocks, measure_column_widths(blocks)))
    return tuple(Block(hard_lines(paragraph)) for paragraph in paragraphs)
