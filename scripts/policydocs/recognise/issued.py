"""The ``issued-with`` rule: a notice and the document it issues, printed after it, are two
documents linked both ways (see issued_links)."""

from __future__ import annotations

import re
from collections.abc import Sequence

from .. import patterns
from ..model import DocumentLink, Field, Matter
from ..patterns import squeeze

#: 关于印发《A》的通知, 关于印发A和B的通知: what a notice issues.
ISSUING = re.compile(r"印发(?P<what>.+?)的(?:通知|决定|批复|函)$")


def issued_titles(title: Field | None, back_matter: Sequence[Matter]) -> list[str]:
    """Titles of the documents a notice issues: from its title (印发《…》的通知), and its attachment lines."""
    titles: list[str] = []
    match = ISSUING.search(title.text) if title else None
    if match:
        what = match["what"]
        quoted = re.findall(r"《([^》]+)》", what)
        titles.extend(quoted or re.split(r"和|及|、", what))
    for line in back_matter:
        if line.kind == "attachment":
            titles.append(re.sub(rf"^附件\s*(?:\d+|[{patterns.CN_DIGITS}]+)?[：:]?\s*(?:\d+[.．、])?", "", line.text))
    return [squeeze(t) for t in titles if squeeze(t)]


def issued_links(documents: Sequence[tuple[Field | None, Sequence[Matter]] | None]) -> list[tuple[DocumentLink, ...]]:
    """The ``issued-with`` rule: a notice (…印发《X》的通知, or one listing X in an attachment line)
    and the document titled X printed after it on the same page are two documents, linked both
    ways (``issues`` / ``issued-by``). Given each item's title and back matter (None: a news
    report), the links of each item.

    Two documents rather than one with the notice as front matter, because each is a document of
    its own: each has a title, a preamble and numbering (both have a ``preamble-p1``; the notice
    may have parts 一、二、 of its own), and each is cited under its own title — the plan as 《X》,
    the notice with its document number, addressee, signature and date, which stay the notice's
    front and back matter. Nothing is lost by the split: the link is kept both ways and shown on
    both overview pages, and the plan, printed with no date, takes the notice's date for its slug.
    """
    links: list[list[DocumentLink]] = [[] for _ in documents]
    for index, document in enumerate(documents):
        names = issued_titles(*document) if document is not None else []
        if not names:
            continue
        for other in range(index + 1, len(documents)):
            target = documents[other]
            title = target[0] if target is not None else None
            if title is None or squeeze(title.text) not in names:
                continue
            if not any(link.kind == "issued-by" for link in links[other]):
                links[index].append(DocumentLink("issues", other, ""))
                links[other].append(DocumentLink("issued-by", index, ""))
    return [tuple(found) for found in links]
