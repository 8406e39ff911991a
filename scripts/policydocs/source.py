"""Source lines and located text: every character remembers the line it came from."""

from __future__ import annotations

import itertools
import re
import unicodedata
from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from functools import cached_property
from typing import NamedTuple

from .diagnostics import error


@dataclass(frozen=True)
class Span:
    """Inclusive range of 1-based source line numbers in one file."""

    path: str
    first: int
    last: int

    def __str__(self) -> str:
        if self.first == self.last:
            return f"{self.path}:{self.first}"
        return f"{self.path}:{self.first}-{self.last}"

    def cover(self, other: Span) -> Span:
        return Span(self.path, min(self.first, other.first), max(self.last, other.last))


@dataclass(frozen=True)
class Spans(Span):
    """A span over lines of several files, in reading order: a document (or a part, a clause)
    continued on another page. ``path``, ``first`` and ``last`` are its lines in the first file,
    ``more`` its lines in each file after that."""

    more: tuple[Span, ...] = ()

    def __str__(self) -> str:
        return ", ".join(str(span) for span in self.each)

    @property
    def each(self) -> tuple[Span, ...]:
        return (Span(self.path, self.first, self.last), *self.more)


def spans_of(span: Span) -> tuple[Span, ...]:
    """The one-file spans a span is made of, in reading order."""
    return span.each if isinstance(span, Spans) else (span,)


def joined(spans: list[Span]) -> Span:
    """One span over these, in this order: a plain Span when they are all in one file, else Spans
    (the lines in each file, the files in the order they first come)."""
    by_path: dict[str, Span] = {}
    for span in spans:
        for one in spans_of(span):
            known = by_path.get(one.path)
            by_path[one.path] = one if known is None else known.cover(one)
    first, *more = by_path.values()
    return Spans(first.path, first.first, first.last, tuple(more)) if more else first


class SourceLine(NamedTuple):  # (a tuple: one is made for every line of a seed, quicker than a dataclass)
    path: str
    number: int
    text: str

    @property
    def span(self) -> Span:
        return Span(self.path, self.number, self.number)


class Piece(NamedTuple):  # (a tuple: made for every line and slice, and quicker to make than a dataclass)
    line: int
    text: str


@dataclass(frozen=True)
class LText:
    """Text made of pieces of source lines; slicing keeps each character's line."""

    path: str
    pieces: tuple[Piece, ...]

    @cached_property
    def text(self) -> str:
        return "".join([p.text for p in self.pieces])

    @cached_property
    def offsets(self) -> list[int]:
        """Where each piece starts in the text, and the text's length."""
        return list(itertools.accumulate((len(p.text) for p in self.pieces), initial=0))

    @cached_property
    def span(self) -> Span:
        lines = [p.line for p in self.pieces if p.text] or [p.line for p in self.pieces]
        return Span(self.path, min(lines), max(lines))

    def slice(self, start: int, end: int | None = None) -> LText:
        end = len(self.text) if end is None else end
        if start <= 0 and end >= len(self.text) and all(p.text for p in self.pieces):
            return self  # the whole text: slicing would rebuild the same pieces
        if len(self.pieces) == 1:  # most texts are one line: no offsets to follow
            piece = self.pieces[0]
            start = max(start, 0)
            text = piece.text[start:end] if start < end else ""
            return LText(self.path, (Piece(piece.line, text),))
        text = self.text
        lo, hi = max(start, 0), min(end, len(text))
        if lo >= hi:  # no text between them: an empty piece, on the line where start falls
            line = self.line_at(min(start, max(len(text) - 1, 0)))
            return LText(self.path, (Piece(line, ""),))
        offsets, pieces = self.offsets, self.pieces
        first = bisect_right(offsets, lo) - 1  # the piece holding the character at lo
        last = bisect_left(offsets, hi) - 1  # the piece holding the character before hi
        # whole pieces are kept as they are (they are immutable); the first and the last may be cut
        head, head_start = pieces[first], offsets[first]
        if first == last:
            whole = lo == head_start and hi == offsets[first + 1]
            out = [head if whole else Piece(head.line, head.text[lo - head_start : hi - head_start])]
        else:
            tail, tail_start = pieces[last], offsets[last]
            out = [head if lo == head_start else Piece(head.line, head.text[lo - head_start :])]
            out.extend([piece for piece in pieces[first + 1 : last] if piece.text])
            out.append(tail if hi == offsets[last + 1] else Piece(tail.line, tail.text[: hi - tail_start]))
        return LText(self.path, tuple(out))

    def span_of(self, start: int, end: int) -> Span:
        """The span of slice(start, end), found without building the slice: the lines of the pieces
        with text between start and end."""
        if len(self.pieces) == 1:
            line = self.pieces[0].line
            return Span(self.path, line, line)
        if not 0 <= start < end <= len(self.text):  # nothing between them, or beyond the text
            return self.slice(start, end).span
        offsets = self.offsets
        first = bisect_right(offsets, start) - 1  # the piece holding the character at start
        last = bisect_left(offsets, end) - 1  # the piece holding the character before end
        lines = [piece.line for piece in self.pieces[first : last + 1] if piece.text]
        return Span(self.path, min(lines), max(lines))

    def line_at(self, offset: int) -> int:
        for piece in self.pieces:
            if offset < len(piece.text):
                return piece.line
            offset -= len(piece.text)
        return self.pieces[-1].line

    def strip(self) -> LText:
        text = self.text
        start = len(text) - len(text.lstrip())
        end = len(text.rstrip())
        return self.slice(start, max(start, end))


def concat(parts: list[LText] | tuple[LText, ...]) -> LText:
    pieces: tuple[Piece, ...] = ()
    for part in parts:
        pieces += part.pieces
    return LText(parts[0].path, pieces)


class _CharWidths(dict[str, int]):
    """The width of each character met so far, looked up the first time it is met."""

    def __missing__(self, char: str) -> int:
        width = self[char] = 2 if unicodedata.east_asian_width(char) in "WFA" else 1
        return width


_CHAR_WIDTHS = _CharWidths()


def display_width(text: str) -> int:
    """Width in half-width cells: CJK characters and full-width punctuation count 2."""
    return sum(map(_CHAR_WIDTHS.__getitem__, text))


#: Control characters (Unicode category Cc: U+0000–U+001F, U+007F–U+009F) other than the tab.
CONTROL = re.compile(r"[\x00-\x08\x0a-\x1f\x7f-\x9f]")
#: CONTROL in a text of many lines: the line feeds between them are no control characters there.
_CONTROL_IN_TEXT = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


#: Largest seed file. The longest policy documents and laws are about 0.3 MB of UTF-8 text; a file
#: over 2 MB is a dump of many documents or not a document at all, and published as it is would be
#: one enormous page. It is refused before it is decoded, with a message saying how to split it.
MAX_BYTES = 2 * 1024 * 1024


def read_lines(data: bytes, path: str) -> tuple[SourceLine, ...]:
    """Decode a seed file; bad input raises InputError naming the file and line.

    Only UTF-8 is read (a byte order mark is dropped, CRLF and CR line ends become LF). A file in
    GB18030/GBK is refused, not guessed: its error names the encoding and the command converting
    it, since a wrong guess would publish garbled text that no later check could notice.
    """
    if not data.strip():
        raise error(path, 1, "the file is empty: nothing to publish")
    if len(data) > MAX_BYTES:
        raise error(
            path,
            1,
            f"the file is {len(data)} bytes, over the limit of {MAX_BYTES} bytes for one seed;"
            " split it into one file per document",
        )
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        raise error(path, line, _not_utf8(data, exc.start)) from None
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    bad = _CONTROL_IN_TEXT.search(text)  # the whole text at once: the first bad character is on the first bad line
    if bad:
        number = text.count("\n", 0, bad.start()) + 1
        raise error(path, number, f"binary data: control character U+{ord(bad[0]):04X} in the text")
    lines = text.split("\n")
    if lines and lines[-1] == "":
        lines.pop()
    return tuple(SourceLine(path, n, raw) for n, raw in enumerate(lines, 1))


def _not_utf8(data: bytes, start: int) -> str:
    message = f"not UTF-8: byte 0x{data[start]:02x} cannot be decoded"
    try:
        decoded = data.decode("gb18030")
    except UnicodeDecodeError:
        return message + "; save the file as UTF-8"
    chinese = any("\u4e00" <= c <= "\u9fff" for c in decoded)
    if chinese and not CONTROL.search(decoded.replace("\r", "").replace("\n", "")):
        return message + "; the file reads as GB18030 (GBK): convert it with iconv -f GB18030 -t UTF-8"
    return message + "; save the file as UTF-8"
