"""Account for every non-whitespace character of a source in the model, exactly once."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator, Sequence

from .model import Article, Document, Page, Paragraph
from .source import SourceLine


def _paragraph_texts(paragraphs: Sequence[Paragraph]) -> Iterator[str]:
    for paragraph in paragraphs:
        for sentence in paragraph.sentences:
            yield sentence.text


def model_texts(page: Page) -> Iterator[str]:
    """Every piece of source text the model holds: body, metadata (title, date, front and back
    matter), closing paragraphs, notes and pull quotes. (Links between documents hold no text.)"""
    for item in page.items:
        if isinstance(item, Document):
            for field in (item.title, item.date):
                if field:
                    yield field.text
            for line in item.front_matter:
                yield line.text
            yield from _paragraph_texts(item.preamble)
            parts_and_loose = [(None, item.clauses)] + [(part, part.clauses) for part in item.parts]
            for part, clauses in parts_and_loose:
                if part is not None:
                    yield part.label
                    yield part.title
                    yield from _paragraph_texts(part.paragraphs)
                for clause in clauses:
                    yield clause.label
                    if clause.heading:
                        yield clause.heading.text
                    yield from _paragraph_texts(clause.paragraphs)
            yield from _paragraph_texts(item.closing)
            for line in item.back_matter:
                yield line.text
        elif isinstance(item, Article):
            for field in (item.headline, item.deck, item.byline):
                if field:
                    yield field.text
            yield from _paragraph_texts(item.lead)
            for section in item.sections:
                yield section.title.text
                if section.subtitle:
                    yield section.subtitle.text
                yield from _paragraph_texts(section.paragraphs)
        for note in item.notes:
            yield note.source_text
        for quote in item.pull_quotes:
            yield quote.text


#: Invisible characters the layout strips with the spaces around a line (zero-width space, BOM).
INVISIBLE = "\u200b\ufeff"


def kept(texts: Iterator[str] | Sequence[str]) -> str:
    """The characters that must be kept, in order: all but whitespace and INVISIBLE."""
    text = "".join("".join(texts).split())  # str.split() splits at exactly what str.isspace() finds
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
