"""The ``clause-numbering`` check, and what it says when it fails.

Numbers must run on by one: 1, 2, 3 … (or, for a document continued from another page, from the
first number it holds). When they skip, the cause is far more often a heading we did not read as
one than a document that skips a number. So before blaming the text, the check looks for a line
that reads like the missing number (二、…, （二）…, 第二条…) and, when there is one, the error names
that line and says why it was not taken as a heading.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import NamedTuple

from .. import patterns
from ..diagnostics import error
from ..layout import Block

#: Longest heading read as one (characters after the number label); see patterns.LONG_PART_HEADING.
HEADING_MAX_CHARS = 60


#: What a line reading like a number was not taken as, in the error.
TAKEN_AS = {
    "part": "a part heading",
    "chapter": "a chapter heading",
    "clause": "the start of a clause",
    "article": "the start of an article",
}


class Numbered(NamedTuple):
    """A number found: its value, its label as printed (一、总体要求, （三）), the line it is on."""

    number: int
    label: str
    line: int


def labels(what: str, number: int) -> tuple[str, ...]:
    """How the number ``number`` of a part, chapter, clause or article is printed."""
    cn = patterns.to_chinese_number(number)
    if what == "part":
        return (f"{cn}、",)
    if what == "chapter":
        return (f"第{cn}章",)
    if what == "article":
        return (f"第{cn}条", f"第{number}条")
    return (f"（{cn}）", f"({cn})", f"（{cn})", f"({cn}）")


def check(path: str, what: str, found: Sequence[Numbered], blocks: Sequence[Block] = (), start: int = 1) -> None:
    """Raise InputError at the first number that repeats or skips (numbers run from ``start``)."""
    expected, previous, previous_line = start, None, 0
    seen: dict[int, int] = {}
    for number, label, line in found:
        if number != expected:
            if number in seen:
                raise error(path, line, f"{what} numbering repeats: {label} again (first on line {seen[number]})")
            after = f" after {previous}" if previous else ""
            missed = find_missed(blocks, what, expected, previous_line, line) if number > expected else None
            if missed is not None:
                where, text, reason = missed
                raise error(
                    path,
                    where,
                    f"{what} {labels(what, expected)[0]} was not found: this line reads like it ({text}) but was"
                    f" not taken as {TAKEN_AS[what]}, because {reason}; so the numbering seemed to go from"
                    f" {previous or 'the start'} to {label} (line {line})",
                )
            raise error(
                path,
                line,
                f"{what} numbering skips: found {label}{after}, expected number {expected}"
                f" (no line reading like {labels(what, expected)[0]}… was found either)",
            )
        seen[number] = line
        expected, previous, previous_line = number + 1, label, line


def find_missed(
    blocks: Sequence[Block], what: str, number: int, after: int, before: int
) -> tuple[int, str, str] | None:
    """(line, its text, why it was not taken) for a line reading like ``number``, nearest after
    line ``after`` and before line ``before`` first; None if there is no such line."""
    forms = labels(what, number)
    candidates: list[tuple[int, str, str]] = []
    for block in blocks:
        for index, line in enumerate(block.lines):
            text = line.text
            for form in forms:
                position = text.find(form)
                while position >= 0:
                    reason = _why_not(block, index, position, what, form)
                    if reason is not None:
                        shown = text[position : position + 24] + ("…" if len(text) > position + 24 else "")
                        candidates.append((line.line_at(position), shown, reason))
                    position = text.find(form, position + 1)
    if not candidates:
        return None
    between = [c for c in candidates if after < c[0] <= before]
    return (between or candidates)[0]


def _why_not(block: Block, index: int, position: int, what: str, form: str) -> str | None:
    """Why a label at this place was not read as a heading (None: it would not read as one)."""
    line = block.lines[index].text
    before = line[:position]
    if position > 0:
        if what == "article" and not re.search(r"[。！？；：\s\u3000]$", before):
            return None  # 依照本条例第二条… cites an article
        if not re.search(r"[。！？；!?;]$", before.rstrip()):
            return None  # inside a sentence: 第二、… or a cited （二）
        start = block.lines[index].line_at(position)
        if block.lines[index].line_at(0) != start:
            return "the layout joined it to the text before it, so it does not start a paragraph"
        return "it follows other text on its line, so it does not start a paragraph"
    if index > 0:
        return "it was kept in one paragraph with the line before it, so it does not start a paragraph"
    if what not in ("part", "chapter"):
        return None  # a clause or article label opening a paragraph is always read
    hard = block.lines[index]
    first = hard.pieces[0]
    if hard.span.first != hard.span.last and first.text and patterns.heading_like(first.text.strip()):
        return (
            f"the line after it (line {hard.line_at(len(first.text))}) was joined to it, as a line broken by"
            " the column width would be, so it does not stand on a line of its own"
        )
    title = line[len(form) :]
    sentence = re.search(r"[。！？；!?;]", title)
    if sentence and sentence.end() < len(title):
        return f"a heading has no sentence in it, and this one has one ending at “{sentence[0]}” with text after it"
    if len(block.lines) > 1:
        return "the lines after it were kept in the same paragraph, so it does not stand on a line of its own"
    if len(title) > HEADING_MAX_CHARS:
        return f"it is {len(title)} characters long, longer than a heading ({HEADING_MAX_CHARS} at most)"
    if sentence or re.search(r"[：:，,、]$", title):
        return f"it ends with “{title[-1]}”, as running text does"
    return "its heading does not have the form of one"
