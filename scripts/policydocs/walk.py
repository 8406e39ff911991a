"""One walk over a document or article: its citable units, in reading order.

Every stage that goes through a document's body (fidelity, pull quotes, glossary terms, the
search index, the pages) takes it from here, so that all of them see the same units in the same
order. A unit is a node of the model with its id (its anchor), the part whose page shows it (None:
the item's overview page) and the paragraphs that are its own text.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Literal, NamedTuple

from .model import Article, Clause, Document, Item, Paragraph, Part, Section


class Unit(NamedTuple):
    kind: Literal["preamble", "part", "clause", "closing", "lead", "section"]
    anchor: str
    part: str | None  # the id of the part whose page shows it; None: the overview page
    node: Paragraph | Part | Clause | Section
    paragraphs: tuple[Paragraph, ...]


def units(item: Item) -> Iterator[Unit]:
    """A document: its preamble's paragraphs, clauses outside parts, each part (its own paragraphs)
    followed by its clauses, its closing paragraphs. An article: its lead's paragraphs, its sections."""
    if isinstance(item, Article):
        for paragraph in item.lead:
            yield Unit("lead", paragraph.id, None, paragraph, (paragraph,))
        for section in item.sections:
            yield Unit("section", section.id, None, section, section.paragraphs)
        return
    assert isinstance(item, Document)
    for paragraph in item.preamble:
        yield Unit("preamble", paragraph.id, None, paragraph, (paragraph,))
    for clause in item.clauses:
        yield Unit("clause", clause.id, None, clause, clause.paragraphs)
    for part in item.parts:
        yield Unit("part", part.id, part.id, part, part.paragraphs)
        for clause in part.clauses:
            yield Unit("clause", clause.id, part.id, clause, clause.paragraphs)
    for paragraph in item.closing:
        yield Unit("closing", paragraph.id, None, paragraph, (paragraph,))


def paragraphs_of(item: Item) -> tuple[Paragraph, ...]:
    """Every body paragraph of a document or article, in reading order."""
    return tuple(paragraph for unit in units(item) for paragraph in unit.paragraphs)
