"""Paragraphs and sentences from located text."""

from __future__ import annotations

from .. import ids
from ..model import Field, Paragraph, Sentence
from ..patterns import split_sentences
from ..source import LText, Span


def sentence(ltext: LText, sentence_id: str) -> Sentence:
    return Sentence(sentence_id, ltext.text, ltext.span)


def paragraph(ltext: LText, paragraph_id: str) -> Paragraph:
    text = ltext.text  # each sentence takes its text and span from the paragraph's: no slices built
    sentences = tuple(
        Sentence(ids.sentence(paragraph_id, k), text[a:b], ltext.span_of(a, b))
        for k, (a, b) in enumerate(split_sentences(text), 1)
    )
    return Paragraph(paragraph_id, sentences, ltext.span)


def paragraphs(texts: list[LText], parent: str) -> tuple[Paragraph, ...]:
    return tuple(paragraph(t, ids.paragraph(parent, k)) for k, t in enumerate(texts, 1))


def field(*lines: LText) -> Field:
    """A title, a date, a headline …, printed over one line or more: their text joined, their span covered."""
    return Field("".join(line.text for line in lines), cover([line.span for line in lines]))


def cover(spans: list[Span]) -> Span:
    """The span from the first line of any of them to the last (in the first one's file)."""
    return Span(spans[0].path, min([span.first for span in spans]), max([span.last for span in spans]))
