"""Front and back matter of a policy document: the lines around its body, kept and labelled.

Rules (named as in README.md):

- ``front-matter``: at the top of a document, before its first paragraph or numbered heading,
  every line is one of: the title (one to three lines with no prose punctuation but 、, e.g. a title
  printed over two lines), the date line （2024年5月20日） (a second one is a note under the title,
  or, with no title, a ``date`` line kept apart), a document number (国发〔2019〕5号), a note
  in parentheses under the title (（试行）, （2019年3月15日…通过）), an ``附件1`` label over an attached
  document's title, and last an addressee line naming bodies and ending in ： (各省、自治区…：).
  The front matter ends at the first block with any other line.
- ``back-matter``: at the end of a document, the longest run of blocks whose every line is one of:
  an attachment line (附件1：…, and the numbered items of its list), （此件公开发布）, （来源：…）,
  a date (2024年5月20日, 二〇二四年五月二十日, or in parentheses) and, over such a date, one to
  three signature lines (short, unpunctuated; over a date in parentheses they must name an issuing
  body: …办公厅, …人民政府, …委员会). The back matter is never folded into the last clause.

Both rules read hard lines, so they hold for web copies (a line per block) and for text set in
columns (a block of short lines) alike.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace

from .. import ids, patterns
from ..layout import Block
from ..model import Field, Matter
from ..source import LText

#: Most lines a title is printed over.
TITLE_MAX_LINES = 3
#: Most signature lines over a date (two or three issuing bodies, one a line).
SIGNATURE_MAX_LINES = 3
#: Longest signature line, in characters.
SIGNATURE_MAX_CHARS = 30
#: Most blocks the back matter spans (attachments, signature, date, notes).
BACK_MAX_BLOCKS = 12


@dataclass(frozen=True)
class Front:
    title: tuple[LText, ...]
    date: LText | None
    matter: tuple[tuple[str, LText], ...]  # (kind, line) in printed order
    end: int  # index of the first body block


def front_line_kind(text: str, title: list[LText], date: LText | None, matter: list[tuple[str, LText]]) -> str | None:
    """Kind of a line at the top of a document, given the front matter so far; None: the body begins."""
    if patterns.NUMBERED_START.match(text) or any(kind == "addressee" for kind, _ in matter):
        return None
    started = bool(title or date or matter)
    after_title = date is not None or any(kind in ("title-note", "addressee") for kind, _ in matter)
    if patterns.DOC_NUMBER.match(text):
        return "number"
    if patterns.DATE_LINE.match(text):  # a second one: a note under the title, else a date line kept apart
        return "title-note" if date is not None and title else "date"
    if not started and patterns.ATTACHMENT.fullmatch(text) and not patterns.NOT_IN_TITLE.search(text):
        return "label"  # 附件1 over the title of an attached document
    if patterns.PARENTHESISED.match(text) and title:
        return "title-note"
    if patterns.ADDRESSEE.match(text) and started:
        return "addressee"
    if not after_title and len(title) < TITLE_MAX_LINES and patterns.is_title_line(text):
        return "title"
    return None


def split_front(blocks: Sequence[Block]) -> Front:
    """The ``front-matter`` rule: title lines, date line and front matter at the top of a document.

    A block is front matter when all of its lines are; the addressee is the last line of it.
    """
    title: list[LText] = []
    date: LText | None = None
    matter: list[tuple[str, LText]] = []
    end = 0
    for block in blocks:
        new_title, new_date, new_matter = list(title), date, list(matter)
        for line in block.lines:
            kind = front_line_kind(line.text, new_title, new_date, new_matter)
            if kind is None:
                return Front(tuple(title), date, tuple(matter), end)
            if kind == "title":
                new_title.append(line)
            elif kind == "date" and new_date is None:
                new_date = line
            else:
                new_matter.append((kind, line))
        title, date, matter = new_title, new_date, new_matter
        end += 1
    return Front(tuple(title), date, tuple(matter), end)


def back_kinds(lines: list[str]) -> list[str] | None:
    """Kind of each line of a candidate back matter, read forwards; None if a line is not back matter."""
    kinds: list[str] = []
    for index, text in enumerate(lines):
        listed = bool(kinds) and kinds[-1] == "attachment" and bool(patterns.ATTACHMENT_ITEM.match(text))
        if patterns.ATTACHMENT.match(text) or listed:
            kind = "attachment"
        elif patterns.PUBLICATION.match(text):
            kind = "publication"
        elif patterns.SOURCE_NOTE.match(text):
            kind = "source"
        elif patterns.BARE_DATE.match(text) or patterns.DATE_LINE.match(text):
            kind = "date"
        elif is_signature(text, lines[index + 1 :], kinds):
            kind = "signature"
        else:
            return None
        kinds.append(kind)
    return kinds


def is_signature(text: str, after: list[str], before: list[str]) -> bool:
    """A signature line: short and unpunctuated, with at most two more such lines and a date after it."""
    signatures = 1 + sum(1 for kind in reversed(before) if kind == "signature")
    if signatures > SIGNATURE_MAX_LINES or not _signature_like(text):
        return False
    names = [text]
    for following in after:
        if patterns.BARE_DATE.match(following):
            return True
        if patterns.DATE_LINE.match(following):  # a date in parentheses also closes a title
            return all(patterns.ISSUER_END.search(name) for name in names)
        if not _signature_like(following) or len(names) >= SIGNATURE_MAX_LINES:
            return False
        names.append(following)
    return False


def _signature_like(text: str) -> bool:
    return (
        len(text) <= SIGNATURE_MAX_CHARS
        and not patterns.is_prose(text)
        and not patterns.NUMBERED_START.match(text)
        and not patterns.PARENTHESISED.match(text)
        and not patterns.DATE_LINE.match(text)
        and not patterns.BARE_DATE.match(text)
    )


def back_start(blocks: Sequence[Block], first: int = 0) -> int:
    """The ``back-matter`` rule: index of the first block of the back matter (len(blocks): none).

    The back matter is the longest run of blocks at the end whose lines, read in order, are all
    back matter (a list item needs its 附件 line, a signature its date); it never takes the block
    at ``first`` (the document keeps a body).
    """
    lowest = max(first + 1, len(blocks) - BACK_MAX_BLOCKS)
    for index in range(lowest, len(blocks)):
        if back_kinds([line.text for block in blocks[index:] for line in block.lines]) is not None:
            return index
    return len(blocks)


def back_matter(blocks: Sequence[Block]) -> tuple[Matter, ...]:
    lines = [line for block in blocks for line in block.lines]
    kinds = back_kinds([line.text for line in lines]) or []
    return tuple(Matter(ids.back(k), kind, line.text, line.span) for k, (kind, line) in enumerate(zip(kinds, lines), 1))  # type: ignore[arg-type]


def front_matter(lines: Sequence[tuple[str, LText]], after: int = 0) -> tuple[Matter, ...]:
    """Front matter lines (kind, line), numbered on from the ``after`` lines the document has
    already (a table of contents printed before the title comes first: see rules.py)."""
    return tuple(Matter(ids.front(k), kind, line.text, line.span) for k, (kind, line) in enumerate(lines, after + 1))  # type: ignore[arg-type]


def two_dates(
    date: Field | None, front: tuple[Matter, ...], found: Field | None, with_title: bool
) -> tuple[Field | None, tuple[Matter, ...]]:
    """A document's date and front matter once a date line printed after its body is found (see
    ``title-after-body`` in rules.py). Its date is the one printed under its title (as the seed
    prints title and date after the body), else the one it has; the other date line is kept as
    printed, a ``date`` line of its front matter, in printed order (the lines of one file).
    continuation.merge keeps a continued page's date line so too (with_title False: the base's
    date stays)."""
    if found is None or date is None:
        return date or found, front
    kept, other = (found, date) if with_title else (date, found)
    lines = sorted([*front, Matter("", "date", other.text, other.span)], key=lambda line: line.span.first)
    return kept, tuple(replace(line, id=ids.front(k)) for k, line in enumerate(lines, 1))
