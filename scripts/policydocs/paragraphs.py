"""Paragraphs and sentences from located text."""

from __future__ import annotations

from . import ids
from .model import Field, Paragraph, Sentence
from .patterns import split_sentences
from .source import LText, Span


def sentence(ltext: LText, sentence_id: str) -> Sentence:
    return Sentence(sentence_id, ltext.text, ltext.span)


def paragraph(ltext: LText, paragraph_id: str) -> Paragraph:
    sentences = tuple(
        sentence(ltext.slice(a, b), ids.sentence(paragraph_id, k))
        for k, (a, b) in enumerate(split_sentences(ltext.text), 1)
    )
    return Paragraph(paragraph_id, sentences, ltext.span)


def paragraphs(texts: list[LText], parent: str) -> tuple[Paragraph, ...]:
    return tuple(paragraph(t, ids.paragraph(parent, k)) for k, t in enumerate(texts, 1))


def field(ltext: LText) -> Field:
    return Field(ltext.text, ltext.span)


def cover(spans: list[Span]) -> Span:
    span = spans[0]
    for other in spans[1:]:
        span = span.cover(other)
    return span
