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
                               before it, a title or signature, but not under a line closing a sentence
                               or clause) and the column rules below are skipped. Full-width spaces and
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
                               a date line in parentheses ends its paragraph but stays under its title
                               (after a line closed by 。！？；： it is a paragraph of its own).
8. ``keep-short-line-breaks``  a short line that does not end a sentence, a line before a date line, and
                               every line of a display block (a heading over a subtitle, however wide)
                               keep their line break.
9. ``join-soft-breaks``        every other line break was made by the column width: lines join, no space.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import cached_property
from statistics import median
from typing import NamedTuple

from . import patterns
from .source import LText, Piece, SourceLine, Span, concat, display_width

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
        return "".join([line.text for line in self.lines])

    @cached_property
    def ltext(self) -> LText:
        return concat(self.lines)

    @property
    def span(self) -> Span:
        return self.ltext.span


class Line(NamedTuple):
    """A non-blank line and what the rules ask of it, each found once (the rules ask most of it of
    every line, several times over)."""

    path: str
    piece: Piece  # its line number and its text
    text: str
    width: int  # display width, in half-width cells
    line_end: bool  # closed by 。！？；：, maybe with a closing quote or bracket (LINE_END)
    ends_sentence: bool  # closed by 。！？… (SENTENCE_END)
    numbered: bool  # starts with a number label: 一、 （一） (一) 第一章 1. (NUMBERED_START)
    heading: bool  # a part or chapter heading: 一、总体要求, 第一章 总则
    long_heading: bool  # a numbered line that may be a heading in two halves: 三、深化改革，激发活力 (heading_like)
    date_line: bool  # a date line in parentheses: （2024年5月20日） (DATE_LINE)
    bare_date: bool  # 2024年5月20日, 二〇二四年五月二十日 (BARE_DATE)
    standalone: bool  # a line standing alone: （试行）, 国发〔2019〕5号, 附件：… (is_standalone_line)
    prose: bool  # has punctuation only running prose has (is_prose)

    def as_ltext(self) -> LText:
        """The line as a located text of its own (most lines are only ever joined to others)."""
        return LText(self.path, (self.piece,))


def read_line(path: str, piece: Piece) -> Line:
    """The facts of one line: a piece of a source line (its number and its text)."""
    text = piece.text
    line_end = patterns.LINE_END.search(text) is not None
    numbered = patterns.NUMBERED_START.match(text) is not None
    return Line(
        path,
        piece,
        text,
        display_width(text),
        line_end,
        line_end and patterns.SENTENCE_END.search(text) is not None,  # every sentence end is a line end
        numbered,
        # every part or chapter heading starts with a number label
        numbered and (patterns.PART_HEADING.match(text) or patterns.CHAPTER_HEADING.match(text)) is not None,
        numbered and not line_end and patterns.heading_like(text),
        patterns.DATE_LINE.match(text) is not None,
        patterns.BARE_DATE.match(text) is not None,
        patterns.is_standalone_line(text),
        patterns.PROSE_PUNCT.search(text) is not None,
    )


class _RawLine(NamedTuple):
    line: Line
    column: int  # column width of the raw block it came from
    block_first: bool  # first line of its raw block


def strip_stray_spaces(lines: Sequence[SourceLine]) -> list[Line | None]:
    """Rule 1: None stands for a blank line."""
    out: list[Line | None] = []
    for line in lines:
        text = line.text.strip(WHITESPACE)
        out.append(read_line(line.path, Piece(line.number, text)) if text else None)
    return out


def split_jump_marker(lines: Sequence[Line | None]) -> list[Line | None]:
    """Rule 2: the marker is set apart by blank lines, whether it ends a line of text or stands alone."""
    out: list[Line | None] = []
    for line in lines:
        match = patterns.JUMP_MARKER.search(line.text) if line is not None else None
        if line is None or match is None:
            out.append(line)
            continue
        ltext = line.as_ltext()
        if match.start() > 0:
            out.append(_read_part(ltext.slice(0, match.start()).strip()))
        out.extend([None, _read_part(ltext.slice(match.start())), None])
    return out


def _read_part(part: LText) -> Line:
    """The facts of a part of one line."""
    (piece,) = part.pieces  # a part of one line is one piece
    return read_line(part.path, piece)


def group_by_blank_lines(lines: Sequence[Line | None]) -> list[list[Line]]:
    """Rule 3."""
    blocks: list[list[Line]] = []
    current: list[Line] = []
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


def is_line_per_paragraph(blocks: Sequence[list[Line]]) -> bool:
    """Rule 4: column-broken text stops inside sentences at most line ends; a web copy almost never does."""
    lines = [line for block in blocks for line in block]
    closed = [line.width for line in lines if line.line_end]
    if not closed:
        return False
    paragraph_width = median(closed)
    most_stopping = LINE_PER_PARAGRAPH_OPEN_SHARE * len(lines)
    stopping = 0
    for line in lines:
        if _stops_inside_sentence(line, paragraph_width):
            stopping += 1
            if stopping > most_stopping:
                return False  # column-broken text: the lines after it cannot change that
    return True


def _stops_inside_sentence(line: Line, paragraph_width: float) -> bool:
    """Prose that ends without closing punctuation, or an unpunctuated line as wide as the paragraphs.

    Headings (numbered, or unpunctuated and narrower than the paragraphs) do not count.
    """
    if line.heading or line.line_end or line.long_heading:
        return False
    if line.standalone or patterns.is_chrome_line(line.text):  # （试行）, 国发〔2019〕5号, 附件：…, 上一版
        return False
    if patterns.is_title_line(line.text) and patterns.ends_title(line.text):  # …关于…的意见
        return False
    return line.prose or line.width >= paragraph_width


def one_paragraph_per_line(blocks: Sequence[list[Line]]) -> tuple[Block, ...]:
    """Rule 4 applied: each line a block, but a date line stays under the line before it (a title,
    a signature), unless that line ends a sentence or clause (。；：…): a date is never a title's there."""
    out: list[Block] = []
    for block in blocks:
        for index, line in enumerate(block):
            if index > 0 and line.date_line and not block[index - 1].line_end:
                out[-1] = Block((*out[-1].lines, line.as_ltext()))
            else:
                out.append(Block((line.as_ltext(),)))
    return tuple(out)


def measure_column_widths(blocks: Sequence[list[Line]]) -> list[int]:
    """Rule 5: one width per raw block, learnt from the text.

    Only inner lines that do not end a sentence are measured: they are full lines, whereas a line
    ending a sentence may be the short last line of a paragraph whose break was lost.
    """
    inner = [[line.width for line in block[1:-1] if _measurable(line)] for block in blocks]
    open_lines = sorted(line.width for block in blocks for line in block if _measurable(line))
    # with no inner lines anywhere: the upper half of the open lines (headings are the narrower ones)
    upper = open_lines[len(open_lines) // 2 :]
    fallback = int(median(upper)) if upper else max(b[0].width for b in blocks)
    widths = []
    for index in range(len(blocks)):
        sample: list[int] = list(inner[index])
        distance = 1
        while len(sample) < 3 and distance < len(blocks):
            for neighbour in (index - distance, index + distance):
                if 0 <= neighbour < len(blocks):
                    sample.extend(inner[neighbour])
            distance += 1
        widths.append(int(median(sample)) if sample else fallback)
    return widths


def _measurable(line: Line) -> bool:
    """A line that may show the column width: it does not end a sentence, and is no heading, date
    line or other line that stands alone (they are narrower than the column)."""
    return not (line.ends_sentence or line.heading or line.date_line or line.standalone)


def _is_full(line: _RawLine, paragraph_first: bool) -> bool:
    slack = FULL_SLACK + (INDENT_SLACK if paragraph_first else 0)
    return line.line.width >= line.column - slack


def _is_display(block: list[Line], column: int | None = None) -> bool:
    """Headings, titles, bylines: few lines and no prose punctuation, or a numbered heading.

    Given the column width, a single unpunctuated line as wide as the column (give or take a character)
    is not display: it is a line of running text cut off by a column break.
    """
    first = block[0]
    if first.heading:
        return True
    if len(block) > 3 or any(line.prose for line in block):
        return False
    return column is None or len(block) > 1 or abs(first.width - column) > CUT_LINE_SLACK


def _starts_unit(block: list[Line]) -> bool:
    """A block that cannot continue a sentence: numbered, a marker, a title over a date line, or a
    line standing alone (附件1：…, 2024年5月20日, （此件公开发布）)."""
    first = block[0]
    return first.numbered or bool(patterns.JUMP_MARKER.match(first.text)) or block[-1].date_line or first.standalone


def join_column_breaks(blocks: Sequence[list[Line]], widths: Sequence[int]) -> list[list[_RawLine]]:
    """Rule 6."""
    merged: list[list[_RawLine]] = []
    for block, column in zip(blocks, widths):
        raw = [_RawLine(line, column, i == 0) for i, line in enumerate(block)]
        if merged and _continues(merged[-1], block):
            merged[-1].extend(raw)
        else:
            merged.append(raw)
    return merged


def _continues(previous: list[_RawLine], block: list[Line]) -> bool:
    last = previous[-1]
    line = last.line
    if line.ends_sentence or _starts_unit(block):
        return False
    if patterns.DECK_END.search(line.text) and _is_display(block, last.column):
        return False  # a deck leading into its headline
    if patterns.JUMP_MARKER.match(line.text) or line.date_line:
        return False
    if (
        len(previous) == 1
        and line.long_heading
        and (patterns.LONG_PART_HEADING.match(line.text) or not _is_full(last, True))
    ):
        return False  # a heading in two halves on a line of its own (三、深化改革，激发活力)
    joined = sum(raw.block_first for raw in previous) > 1  # already running text
    if not joined and _is_display([raw.line for raw in previous], last.column):
        return False
    return _is_full(last, paragraph_first=len(previous) == 1)


def split_paragraphs(merged: Sequence[list[_RawLine]]) -> list[list[_RawLine]]:
    """Rule 7."""
    out: list[list[_RawLine]] = []
    for lines in merged:
        current: list[_RawLine] = []
        for index, line in enumerate(lines):
            if current and _alone_from_before(lines, index):
                out.append(current)
                current = []
            current.append(line)
            if index + 1 < len(lines) and (
                _ends_paragraph(line, len(current) == 1, lines[index + 1].line, current)
                or _alone_from_after(line)
                or (len(current) == 1 and line.line.line_end and patterns.ADDRESSEE.match(line.line.text))
            ):
                out.append(current)
                current = []
        if current:
            out.append(current)
    return out


def _heading_line(line: _RawLine) -> bool:
    """A part or chapter heading, or a clause heading alone on a short line (（二）工作原则)."""
    facts = line.line
    if facts.heading:
        return True
    unpunctuated = not facts.prose or facts.long_heading
    return facts.numbered and unpunctuated and not facts.line_end and not _is_full(line, True)


def _alone_from_after(line: _RawLine) -> bool:  # (and an addressee line opening a paragraph: see above)
    """Rule 7: a heading, a date line and a line standing alone (国发〔2019〕5号, （试行）) end their
    paragraph: the line after them starts a new one."""
    return _heading_line(line) or line.line.date_line or line.line.standalone


def _alone_from_before(lines: list[_RawLine], index: int) -> bool:
    """Rule 7: a heading, a line standing alone (but a date line, which stays under its title, and
    starts a paragraph only after a line closing a sentence or clause) and a signature over a date
    (lines[index] over one to three lines) start a new paragraph."""
    line = lines[index]
    if line.line.date_line:
        return index > 0 and lines[index - 1].line.line_end
    if _heading_line(line) or line.line.standalone:
        return True
    return _signature_over_date(lines, index)


def _signature_over_date(lines: list[_RawLine], index: int) -> bool:
    """A short unpunctuated line (maybe with one or two more) right over a date: 国务院办公厅 / 2024年5月20日."""
    for below, candidate in enumerate(lines[index : index + 4]):
        facts = candidate.line
        if facts.bare_date or facts.date_line:
            return below > 0
        if len(facts.text) > 30 or facts.prose or facts.numbered:
            return False
    return False


def _ends_paragraph(line: _RawLine, paragraph_first: bool, following: Line, current: list[_RawLine]) -> bool:
    """A short line closed by 。！？；： ends its paragraph; so does any closed line before a numbered one.
    A line closing a note the paragraph's last sentence is followed by (…落地。（国家发展改革委、
    财政部负责）), which may have begun on a line before, is closed too."""
    if line.line.long_heading and following.numbered:
        return True  # a heading in two halves, as wide as the column, over its first clause
    if not line.line.line_end and not _closes_note(line.line, current):
        return False
    return not _is_full(line, paragraph_first) or following.numbered


def _closes_note(line: Line, current: list[_RawLine]) -> bool:
    """The line ends a note in parentheses that opened after a sentence end on a line before."""
    if not line.text.endswith(("）", ")")) or len(current) < 2:
        return False
    tail = "".join(raw.line.text for raw in current[-3:])  # a note is shorter than three lines
    return patterns.SENTENCE_END.search(tail) is not None


def keep_short_line_breaks(lines: list[_RawLine]) -> list[bool]:
    """Rule 8: for each line but the last of a paragraph, whether its line break is kept."""
    if _is_display([line.line for line in lines]):
        return [True] * (len(lines) - 1)
    return [
        (not line.line.ends_sentence and not _is_full(line, index == 0)) or lines[index + 1].line.date_line
        for index, line in enumerate(lines[:-1])
    ]


def join_soft_breaks(lines: list[_RawLine], kept: list[bool]) -> tuple[LText, ...]:
    """Rule 9: the lines between kept breaks join, with no space."""
    path = lines[0].line.path
    out: list[LText] = []
    current: list[Piece] = []
    for index, line in enumerate(lines):
        current.append(line.line.piece)
        if index < len(kept) and kept[index]:
            out.append(LText(path, tuple(current)))
            current = []
    out.append(LText(path, tuple(current)))
    return tuple(out)


class Layout(NamedTuple):
    """A page as the rules have it so far: each rule reads what the rules before it filled in."""

    source: Sequence[SourceLine]
    lines: Sequence[Line | None] = ()  # rules 1-2; None stands for a blank line
    blocks: Sequence[list[Line]] = ()  # rule 3
    repaired: tuple[Block, ...] | None = None  # rule 4 for a web copy (the column rules then do nothing), or rule 9
    widths: Sequence[int] = ()  # rule 5: per block
    merged: Sequence[list[_RawLine]] = ()  # rule 6
    paragraphs: Sequence[list[_RawLine]] = ()  # rule 7
    kept: Sequence[list[bool]] = ()  # rule 8: per paragraph, per line


Rule = Callable[[Layout], Layout]


def _columns(rule: Rule) -> Rule:
    """A rule of the column layout: nothing to do on a page with no text or read one paragraph per line."""
    return lambda page: rule(page) if page.blocks and page.repaired is None else page


def _line_per_paragraph(page: Layout) -> Layout:
    if page.blocks and is_line_per_paragraph(page.blocks):
        return page._replace(repaired=one_paragraph_per_line(page.blocks))
    return page


#: The rules, in the order they run (see the module's docstring).
RULES: tuple[tuple[str, Rule], ...] = (
    ("strip-stray-spaces", lambda page: page._replace(lines=strip_stray_spaces(page.source))),
    ("split-jump-marker", lambda page: page._replace(lines=split_jump_marker(page.lines))),
    ("group-by-blank-lines", lambda page: page._replace(blocks=group_by_blank_lines(page.lines))),
    ("line-per-paragraph", _line_per_paragraph),
    ("measure-column-width", _columns(lambda page: page._replace(widths=measure_column_widths(page.blocks)))),
    ("join-column-breaks", _columns(lambda page: page._replace(merged=join_column_breaks(page.blocks, page.widths)))),
    ("restore-paragraph-breaks", _columns(lambda page: page._replace(paragraphs=split_paragraphs(page.merged)))),
    (
        "keep-short-line-breaks",
        _columns(lambda page: page._replace(kept=[keep_short_line_breaks(p) for p in page.paragraphs])),
    ),
    (
        "join-soft-breaks",
        _columns(
            lambda page: page._replace(
                repaired=tuple(Block(join_soft_breaks(p, kept)) for p, kept in zip(page.paragraphs, page.kept))
            )
        ),
    ),
)


def repair(lines: Sequence[SourceLine], rules: Sequence[tuple[str, Rule]] = RULES) -> tuple[Block, ...]:
    """Run the rules in order; the result keeps every non-space character once."""
    page = Layout(lines)
    for _, rule in rules:
        page = rule(page)
    return page.repaired or ()
