"""The document model: frozen dataclasses, each node with its id and source span.

Ids come from numbering and position only (see ids.py); they never change with wording.
"""

from __future__ import annotations

import dataclasses
import json
from dataclasses import dataclass
from typing import Any, Literal

from .source import Span


@dataclass(frozen=True)
class Field:
    """A line of metadata (title, date, byline, deck, headline) with its source."""

    text: str
    span: Span


@dataclass(frozen=True)
class Sentence:
    id: str
    text: str
    span: Span


@dataclass(frozen=True)
class Paragraph:
    id: str
    sentences: tuple[Sentence, ...]
    span: Span

    @property
    def text(self) -> str:
        return "".join(s.text for s in self.sentences)


@dataclass(frozen=True)
class Clause:
    """A numbered provision: （八） of the Opinions (kind clause) or 第八条 of a law (kind article)."""

    id: str
    kind: Literal["clause", "article"]
    number: int
    label: str
    heading: Sentence | None
    paragraphs: tuple[Paragraph, ...]
    span: Span


@dataclass(frozen=True)
class Part:
    """A numbered division: 一、总体要求 (kind part) or 第一章 总则 (kind chapter)."""

    id: str
    kind: Literal["part", "chapter"]
    number: int
    label: str
    title: str
    paragraphs: tuple[Paragraph, ...]
    clauses: tuple[Clause, ...]
    span: Span


@dataclass(frozen=True)
class Note:
    """An editorial note made from a mark of the source (the mark's text is kept)."""

    id: str
    kind: Literal["page-end"]
    source_text: str
    span: Span


@dataclass(frozen=True)
class PullQuote:
    """A boxed excerpt that repeats body text; linked to the paragraphs it repeats."""

    id: str
    text: str
    paragraph_ids: tuple[str, ...]
    span: Span


@dataclass(frozen=True)
class Document:
    """A policy document: title, date, preamble, parts with clauses."""

    slug: str
    title: Field | None
    date: Field | None
    preamble: tuple[Paragraph, ...]
    parts: tuple[Part, ...]
    clauses: tuple[Clause, ...]  # clauses outside any part
    notes: tuple[Note, ...]
    pull_quotes: tuple[PullQuote, ...]
    span: Span
    kind: Literal["policy"] = "policy"

    @property
    def all_clauses(self) -> tuple[Clause, ...]:
        return self.clauses + tuple(c for part in self.parts for c in part.clauses)

    @property
    def iso_date(self) -> str | None:
        from .patterns import DATE_LINE

        match = DATE_LINE.match(self.date.text) if self.date else None
        if not match:
            return None
        return f"{int(match['y']):04d}-{int(match['m']):02d}-{int(match['d']):02d}"


@dataclass(frozen=True)
class Section:
    """A news section under a head of a title line and an optional subtitle line."""

    id: str
    number: int
    title: Field
    subtitle: Field | None
    paragraphs: tuple[Paragraph, ...]
    span: Span


@dataclass(frozen=True)
class Article:
    """A news report: headline, deck, byline, lead paragraphs and sections."""

    slug: str
    headline: Field | None
    deck: Field | None
    byline: Field | None
    lead: tuple[Paragraph, ...]
    sections: tuple[Section, ...]
    notes: tuple[Note, ...]
    pull_quotes: tuple[PullQuote, ...]
    span: Span
    kind: Literal["news"] = "news"


Item = Document | Article


@dataclass(frozen=True)
class Page:
    """Everything read from one seed file."""

    path: str
    items: tuple[Item, ...]


def paragraphs_of(item: Item) -> tuple[Paragraph, ...]:
    """Every body paragraph of a document or article, in reading order."""
    if isinstance(item, Article):
        return item.lead + tuple(p for s in item.sections for p in s.paragraphs)
    out = list(item.preamble)
    for clause in item.clauses:
        out.extend(clause.paragraphs)
    for part in item.parts:
        out.extend(part.paragraphs)
        for clause in part.clauses:
            out.extend(clause.paragraphs)
    return tuple(out)


def to_data(value: Any) -> Any:
    """Plain JSON-ready data; each dataclass becomes a mapping with a "type" key."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        data: dict[str, Any] = {"type": type(value).__name__}
        for field in dataclasses.fields(value):
            data[field.name] = to_data(getattr(value, field.name))
        return data
    if isinstance(value, tuple | list):
        return [to_data(v) for v in value]
    return value


def to_json(value: Any) -> str:
    return json.dumps(to_data(value), ensure_ascii=False, indent=1, sort_keys=False) + "\n"
