"""Ids from numbering and position only.

Scheme (ASCII, stable while the numbering stays):

- ``part-N`` / ``chapter-N``: the division numbered N (一、 -> part-1; 第一章 -> chapter-1).
- ``clause-N`` / ``article-N``: provision N when numbering runs through the document; when it
  restarts in each part, ``part-M-clause-N``.
- ``<parent>-h``: a clause's heading sentence.
- ``<parent>-pK``: the K-th paragraph of a parent (a clause, a part, ``preamble``, ``lead``,
  ``section-N``); ``<paragraph>-sK``: its K-th sentence.
- ``section-N``: the N-th news section; ``quote-N``, ``note-N``: pull quotes and notes in page order.
- ``front-K``: the K-th line of a document's front matter (document number, addressee, a note under
  the title), all inside ``front-matter``; ``back-K``: the K-th line of its back matter (signature,
  date, （此件公开发布）, （来源：…）, 附件…), inside ``back-matter``.
- ``closing-pK``: the K-th closing paragraph (after the last clause, speaking for the whole
  document), inside ``closing``.

Articles of a law (第N条) keep their (一)(二) items as paragraphs ``article-N-pK``: the items'
numbering restarts in each article and gives no ids of its own.
"""

from __future__ import annotations

FRONT_MATTER = "front-matter"
BACK_MATTER = "back-matter"
CLOSING = "closing"


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


def front(index: int) -> str:
    return f"front-{index}"


def back(index: int) -> str:
    return f"back-{index}"
