"""Account for every non-whitespace character of a source in the model, exactly once."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator, Sequence
from typing import NamedTuple

from .model import Article, Clause, Document, Field, Page, Paragraph, Part, Section
from .patterns import squeeze
from .source import SourceLine
from .walk import units


class Piece(NamedTuple):
    line: int  # the source line it starts on
    text: str
    placed: bool  # printed in another place than it belongs (a title or byline after the body, a pull quote)


def _paragraph_pieces(paragraphs: Sequence[Paragraph]) -> Iterator[Piece]:
    for paragraph in paragraphs:
        for sentence in paragraph.sentences:
            yield Piece(sentence.span.first, sentence.text, False)


def _field(field: Field | None) -> Iterator[Piece]:
    if field:
        yield Piece(field.span.first, field.text, True)


def model_pieces(page: Page) -> Iterator[Piece]:
    """Every piece of source text the model holds, in the model's order, with the source line it
    starts on: body, metadata (title, date, front and back matter), closing paragraphs, notes and
    pull quotes. (Links between documents hold no text.)"""
    for item in page.items:
        if isinstance(item, Document):
            yield from _field(item.title)
            yield from _field(item.date)
            for line in item.front_matter:
                yield Piece(line.span.first, line.text, True)
        elif isinstance(item, Article):
            for field in (item.headline, item.deck, item.byline):
                yield from _field(field)
        for unit in units(item):
            node = unit.node
            if isinstance(node, Part):
                yield Piece(node.span.first, node.label, False)
                yield Piece(node.span.first, node.title, False)
            elif isinstance(node, Clause):
                yield Piece(node.span.first, node.label, False)
                if node.heading:
                    yield Piece(node.heading.span.first, node.heading.text, False)
            elif isinstance(node, Section):
                for field in (node.title, node.subtitle):
                    if field:
                        yield Piece(field.span.first, field.text, False)
            yield from _paragraph_pieces(unit.paragraphs)
        if isinstance(item, Document):
            for line in item.back_matter:
                yield Piece(line.span.first, line.text, False)
        for note in item.notes:
            yield Piece(note.span.first, note.source_text, True)
        for quote in item.pull_quotes:
            yield Piece(quote.span.first, quote.text, True)


def model_texts(page: Page) -> Iterator[str]:
    """The texts of model_pieces, in the model's order."""
    return (piece.text for piece in model_pieces(page))


#: Invisible characters the layout strips with the spaces around a line (zero-width space, BOM).
INVISIBLE = "\u200b\ufeff"


def kept(texts: Iterator[str] | Sequence[str]) -> str:
    """The characters that must be kept, in order: all but whitespace and INVISIBLE."""
    text = squeeze("".join(texts))
    for char in INVISIBLE:
        text = text.replace(char, "")
    return text


def characters(texts: Iterator[str] | Sequence[str]) -> Counter[str]:
    """Counts of the characters that must be kept: all but whitespace and INVISIBLE."""
    return Counter(kept(texts))


def missing_and_extra(lines: Sequence[SourceLine], page: Page) -> tuple[Counter[str], Counter[str]]:
    """Characters of the source the model lacks, and characters the model has that the source lacks."""
    source = characters(line.text for line in lines)
    model = characters(model_texts(page))
    if dict.__eq__(source, model):  # the usual case, compared in C (neither has a count of zero)
        return Counter(), Counter()
    return source - model, model - source


def first_out_of_order(lines: Sequence[SourceLine], page: Page) -> int | None:
    """The source line where the model first leaves the source's order; None if it keeps it.
    Two checks: the body (all but what is printed in another place than it belongs: titles,
    bylines, front matter, notes, pull quotes) never goes back to an earlier line, and all pieces,
    put in the order of the lines they start on, read exactly as the source does (so the lines
    the model gives are the true ones)."""
    pieces = list(model_pieces(page))
    last = 0
    for piece in pieces:
        if not piece.placed:
            if piece.line < last:
                return piece.line
            last = piece.line
    in_line_order = sorted(pieces, key=lambda piece: piece.line)  # stable: a line's pieces keep their order
    source = kept(line.text for line in lines)
    model = kept(piece.text for piece in in_line_order)
    if model == source:
        return None
    at = next((i for i, (a, b) in enumerate(zip(model, source, strict=False)) if a != b), min(len(model), len(source)))
    seen = 0
    for line in lines:
        seen += len(kept([line.text]))
        if seen > at:
            return line.number
    return lines[-1].number if lines else 1
