"""Ids from numbering and position only.

Scheme (ASCII, stable while the numbering stays):

- ``part-N`` / ``chapter-N``: the division numbered N (一、 -> part-1; 第一章 -> chapter-1).
- ``clause-N`` / ``article-N``: provision N when numbering runs through the document; when it
  restarts in each part, ``part-M-clause-N``.
- ``<parent>-h``: a clause's heading sentence.
- ``<parent>-pK``: the K-th paragraph of a parent (a clause, a part, ``preamble``, ``lead``,
  ``section-N``); ``<paragraph>-sK``: its K-th sentence.
- ``section-N``: the N-th news section; ``quote-N``, ``note-N``: pull quotes and notes in page order.
"""

from __future__ import annotations


def division(kind: str, number: int) -> str:
    return f"{kind}-{number}"


def provision(kind: str, number: int, part: str | None = None) -> str:
    return f"{part}-{kind}-{number}" if part else f"{kind}-{number}"


def paragraph(parent: str, index: int) -> str:
    return f"{parent}-p{index}"


def sentence(paragraph_id: str, index: int) -> str:
    return f"{paragraph_id}-s{index}"


def heading(provision_id: str) -> str:
    return f"{provision_id}-h"
