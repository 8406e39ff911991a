"""Recognise the structure of a news report: lead paragraphs and headed sections."""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import NamedTuple

from .. import patterns
from ..layout import Block
from ..model import Field, Paragraph, Section
from ..source import LText
from .paragraphs import cover, field, paragraphs

#: Longest line taken for a section head or a headline, in characters.
HEAD_MAX_CHARS = 40


def is_head(block: Block) -> bool:
    """A head: one or two short lines with no prose punctuation."""
    return (
        len(block.lines) <= 2
        and all(len(line.text) <= HEAD_MAX_CHARS for line in block.lines)
        and not patterns.is_prose(block.text)
        and not patterns.DATE_LINE.match(block.lines[-1].text)
    )


#: A byline under a headline, maybe after a bullet: ■本报记者　周晓林, 本报通讯员 李明.
BYLINE_LINE = re.compile(rf"^{patterns.BULLET}?[\s\u3000]*(?:本报|新华社)?(?:记者|通讯员)[\s\u3000]*\S.{{0,30}}$")


def is_byline(block: Block) -> bool:
    return len(block.lines) == 1 and not patterns.is_prose(block.text) and bool(BYLINE_LINE.match(block.text))


@dataclass
class _Section:
    head: Block
    texts: list[LText] = dataclasses.field(default_factory=list)


class NewsBody(NamedTuple):
    """The body of a news report (the fields of model.Article that hold it)."""

    lead: tuple[Paragraph, ...]
    sections: tuple[Section, ...]


def read_article(blocks: Sequence[Block]) -> tuple[Field | None, Field | None, NewsBody]:
    """A news report as its text reads from the top: (headline, byline, body). A headline and a
    byline printed over the text, then lead paragraphs and sections, each under a head (one or two
    short unpunctuated lines); furniture printed after the text is placed by other rules."""
    headline: Field | None = None
    byline: Field | None = None
    lead: list[LText] = []
    sections: list[_Section] = []
    for block in blocks:
        if byline is None and not lead and not sections and is_byline(block):
            byline = Field(block.text, block.span)  # ■本报记者　周晓林, under the headline
        elif is_head(block):
            if not sections and not lead and headline is None and len(block.lines) == 1:
                headline = Field(block.text, block.span)
            else:
                sections.append(_Section(block))
        elif sections:
            sections[-1].texts.append(block.ltext)
        else:
            lead.append(block.ltext)
    built = []
    for number, section in enumerate(sections, 1):
        section_id = f"section-{number}"
        title, *sub = section.head.lines
        body = paragraphs(section.texts, section_id)
        built.append(
            Section(
                section_id,
                number,
                field(title),
                field(sub[0]) if sub else None,
                body,
                cover([section.head.span] + [p.span for p in body]),
            )
        )
    return headline, byline, NewsBody(paragraphs(lead, "lead"), tuple(built))


__all__ = ["NewsBody", "is_head", "read_article"]
