"""Repair the page layout of a raw text extraction by named, ordered rules.

Input: source lines. Output: blocks, each a paragraph candidate made of hard lines
(a hard line keeps a real line break, e.g. a heading over a subtitle). Rules, in order:

1. ``strip-stray-spaces``      leading/trailing spaces of the extraction go (inner spaces stay).
2. ``split-jump-marker``       a page-jump marker such as （下转第六版） ending a line (or standing alone)
                               becomes a block of its own: neither the text before nor after joins it.
3. ``group-by-blank-lines``    runs of non-blank lines form raw blocks.
4. ``line-per-paragraph``      if (almost) no line stops inside a sentence (a web copy: every prose line
                               ends with 。！？；： and the others are headings, narrower than the
                               paragraphs, or lines that stand alone: （试行）, 国发〔2019〕5号, 附件：…,
                               （来源：…）), every line is a paragraph (a date line stays under the line
                               before it) and the column rules below are skipped. Full-width spaces and
                               non-breaking spaces indenting or padding a line go by rule 1; a line of
                               them only is a blank line.
5. ``measure-column-width``    each block's column width is the median width of the inner lines of the
                               block that do not end a sentence and are no heading, date line or line
                               standing alone, or of the nearest blocks when it has too few (when no block
                               has inner lines: of the wider half of such lines).
6. ``join-column-breaks``      a blank line after a full-width line that does not end a sentence is a
                               column or page break: the blocks join, unless the block before is a heading
                               (few unpunctuated lines, but not one line as wide as the column), the block
                               after starts a unit (a number, a page-jump marker, a date line, a line
                               standing alone), or a deck's —— leads into a heading.
7. ``restore-paragraph-breaks`` a short line closed by 。！？；： ends its paragraph, and so does any
                               line so closed that is followed by a numbered line (（一）, 第二条, 1.).
                               A heading (一、总体要求, 第一章 总则, or a clause heading alone on a short
                               line: （二）工作原则), a line standing alone (国发〔2019〕5号, （此件公开
                               发布）, 附件1：…, 2024年5月20日) and a signature over a date are paragraphs
                               of their own, and so is an addressee line (各区人民政府：) opening one;
                               a date line in parentheses ends its paragraph but stays under its title.
8. ``keep-short-line-breaks``  a short line that does not end a sentence, a line before a date line, and
                               every line of a display block (a heading over a subtitle, however wide)
                               keep their line break.
9. ``join-soft-breaks``        every other line break was made by the column width: lines join, no space.
"""

from __future__ import annotations

import statistics
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cached_property, lru_cache

from . import patterns
from .source import LText, SourceLine, Span, concat, display_width

#: Cells a full line may fall short of the column width (half-width digits, hanging punctuation).
FULL_SLACK = 5
#: Cells an unpunctuated line cut off by a column break may fall short of the column width (one character).
CUT_LINE_SLACK = 2
#: Extra cells allowed on a paragraph's first line for its indent (two CJK characters).
INDENT_SLACK = 4
#: Share of lines stopping inside a sentence up to which a text is taken as one paragraph per line.
LINE_PER_PARAGRAPH_OPEN_SHARE = 0.1
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
        out.append(LText.of_line(line, raw[start:end]) if start < end else None)
    return out


def split_jump_marker(lines: list[LText | None]) -> list[LText | None]:
    """Rule 2: the marker is set apart by blank lines, whether it ends a line of text or stands alone."""
    out: list[LText | None] = []
    for line in lines:
        match = patterns.JUMP_MARKER.search(line.text) if line is not None else None
        if line is None or match is None:
            out.append(line)
            continue
        if match.start() > 0:
            out.append(line.slice(0, match.start()).strip())
        out.extend([None, line.slice(match.start()), None])
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
    """Rule 4: column-broken text stops inside sentences at most line ends; a web copy almost never does."""
    lines = [line.text for block in blocks for line in block]
    closed = [display_width(text) for text in lines if patterns.LINE_END.search(text)]
    if not closed:
        return False
    paragraph_width = statistics.median(closed)
    stopping = sum(1 for text in lines if _stops_inside_sentence(text, paragraph_width))
    return stopping <= LINE_PER_PARAGRAPH_OPEN_SHARE * len(lines)


def _stops_inside_sentence(text: str, paragraph_width: float) -> bool:
    """Prose that ends without closing punctuation, or an unpunctuated line as wide as the paragraphs.

    Headings (numbered, or unpunctuated and narrower than the paragraphs) do not count.
    """
    if patterns.PART_HEADING.match(text) or patterns.CHAPTER_HEADING.match(text) or patterns.LINE_END.search(text):
        return False
    if patterns.is_standalone_line(text):  # （试行）, 国发〔2019〕5号, 附件：…, （来源：…）
        return False
    if patterns.is_title_line(text) and patterns.ends_title(text):  # …关于…的意见
        return False
    return patterns.is_prose(text) or display_width(text) >= paragraph_width


def one_paragraph_per_line(blocks: list[list[LText]]) -> tuple[Block, ...]:
    """Rule 4 applied: each line a block, but a date line stays under the line before it (a title)."""
    out: list[Block] = []
    for block in blocks:
        for index, line in enumerate(block):
            if index > 0 and patterns.DATE_LINE.match(line.text):
                out[-1] = Block((*out[-1].lines, line))
            else:
                out.append(Block((line,)))
    return tuple(out)


def measure_column_widths(blocks: list[list[LText]]) -> list[int]:
    """Rule 5: one width per raw block, learnt from the text.

    Only inner lines that do not end a sentence are measured: they are full lines, whereas a line
    ending a sentence may be the short last line of a paragraph whose break was lost.
    """
    inner = [[display_width(line.text) for line in block[1:-1] if _measurable(line.text)] for block in blocks]
    open_lines = sorted(display_width(line.text) for block in blocks for line in block if _measurable(line.text))
    # with no inner lines anywhere: the upper half of the open lines (headings are the narrower ones)
    upper = open_lines[len(open_lines) // 2 :]
    fallback = int(statistics.median(upper)) if upper else max(display_width(b[0].text) for b in blocks)
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


@lru_cache(maxsize=1 << 14)  # for speed: rule 5 asks this of each line twice
def _measurable(text: str) -> bool:
    """A line that may show the column width: it does not end a sentence, and is no heading, date
    line or other line that stands alone (they are narrower than the column)."""
    return not (
        patterns.ends_sentence(text)
        or patterns.PART_HEADING.match(text)
        or patterns.CHAPTER_HEADING.match(text)
        or patterns.DATE_LINE.match(text)
        or patterns.is_standalone_line(text)
    )


def _is_full(line: _RawLine, paragraph_first: bool) -> bool:
    slack = FULL_SLACK + (INDENT_SLACK if paragraph_first else 0)
    return line.width >= line.column - slack


def _is_display(block: list[LText], column: int | None = None) -> bool:
    """Headings, titles, bylines: few lines and no prose punctuation, or a numbered heading.

    Given the column width, a single unpunctuated line as wide as the column (give or take a character)
    is not display: it is a line of running text cut off by a column break.
    """
    first = block[0].text
    if patterns.PART_HEADING.match(first) or patterns.CHAPTER_HEADING.match(first):
        return True
    if len(block) > 3 or any(patterns.is_prose(line.text) for line in block):
        return False
    return column is None or len(block) > 1 or abs(display_width(first) - column) > CUT_LINE_SLACK


def _starts_unit(block: list[LText]) -> bool:
    """A block that cannot continue a sentence: numbered, a marker, a title over a date line, or a
    line standing alone (附件1：…, 2024年5月20日, （此件公开发布）)."""
    return bool(
        patterns.NUMBERED_START.match(block[0].text)
        or patterns.JUMP_MARKER.match(block[0].text)
        or patterns.DATE_LINE.match(block[-1].text)
        or patterns.is_standalone_line(block[0].text)
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
    text = last.text.text
    if patterns.ends_sentence(text) or _starts_unit(block):
        return False
    if patterns.DECK_END.search(text) and _is_display(block, last.column):
        return False  # a deck leading into its headline
    if patterns.JUMP_MARKER.match(text) or patterns.DATE_LINE.match(text):
        return False
    joined = sum(line.block_first for line in previous) > 1  # already running text
    if not joined and _is_display([line.text for line in previous], last.column):
        return False
    return _is_full(last, paragraph_first=len(previous) == 1)


def split_paragraphs(merged: list[list[_RawLine]]) -> list[list[_RawLine]]:
    """Rule 7."""
    out: list[list[_RawLine]] = []
    for lines in merged:
        current: list[_RawLine] = []
        for index, line in enumerate(lines):
            after = [raw.text.text for raw in lines[index + 1 : index + 4]]  # all _signature_over_date reads
            if current and _alone_from_before(line, after):
                out.append(current)
                current = []
            current.append(line)
            following = lines[index + 1] if index + 1 < len(lines) else None
            if following is not None and (
                _ends_paragraph(line, len(current) == 1, following.text.text)
                or _alone_from_after(line)
                or (len(current) == 1 and patterns.ADDRESSEE.match(line.text.text))
            ):
                out.append(current)
                current = []
        if current:
            out.append(current)
    return out


def _heading_line(line: _RawLine) -> bool:
    """A part or chapter heading, or a clause heading alone on a short line (（二）工作原则)."""
    text = line.text.text
    if patterns.PART_HEADING.match(text) or patterns.CHAPTER_HEADING.match(text):
        return True
    return (
        bool(patterns.NUMBERED_START.match(text))
        and not patterns.is_prose(text)
        and not patterns.LINE_END.search(text)
        and not _is_full(line, True)
    )


def _alone_from_after(line: _RawLine) -> bool:  # (and an addressee line opening a paragraph: see above)
    """Rule 7: a heading, a date line and a line standing alone (国发〔2019〕5号, （试行）) end their
    paragraph: the line after them starts a new one."""
    text = line.text.text
    return _heading_line(line) or bool(patterns.DATE_LINE.match(text)) or patterns.is_standalone_line(text)


def _alone_from_before(line: _RawLine, after: list[str]) -> bool:
    """Rule 7: a heading, a line standing alone (but a date line, which stays under its title) and
    a signature over a date start a new paragraph."""
    text = line.text.text
    if patterns.DATE_LINE.match(text):
        return False
    if _heading_line(line) or patterns.is_standalone_line(text):
        return True
    return _signature_over_date(text, after)


def _signature_over_date(text: str, after: list[str]) -> bool:
    """A short unpunctuated line (maybe with one or two more) right over a date: 国务院办公厅 / 2024年5月20日."""
    for candidate in [text, *after[:3]]:
        if patterns.BARE_DATE.match(candidate) or patterns.DATE_LINE.match(candidate):
            return candidate is not text
        if len(candidate) > 30 or patterns.is_prose(candidate) or patterns.NUMBERED_START.match(candidate):
            return False
    return False


def _ends_paragraph(line: _RawLine, paragraph_first: bool, following: str) -> bool:
    """A short line closed by 。！？；： ends its paragraph; so does any closed line before a numbered one."""
    if not patterns.LINE_END.search(line.text.text):
        return False
    return not _is_full(line, paragraph_first) or bool(patterns.NUMBERED_START.match(following))


def hard_lines(lines: list[_RawLine]) -> tuple[LText, ...]:
    """Rules 8 and 9."""
    if _is_display([line.text for line in lines]):
        return tuple(line.text for line in lines)
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
    # the memos of line facts live for one document: no text is remembered from the one before
    display_width.cache_clear()
    patterns.is_standalone_line.cache_clear()
    _measurable.cache_clear()
    blocks = group_by_blank_lines(split_jump_marker(strip_stray_spaces(lines)))
    if not blocks:
        return ()
    if is_line_per_paragraph(blocks):
        return one_paragraph_per_line(blocks)
    paragraphs = split_paragraphs(join_column_breaks(blocks, measure_column_widths(blocks)))
    return tuple(Block(hard_lines(paragraph)) for paragraph in paragraphs)
