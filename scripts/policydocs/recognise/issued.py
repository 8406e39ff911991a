"""The ``issued-with`` rule: a notice and the document it issues, printed after it, are two
documents linked both ways (see link_issued)."""

from __future__ import annotations

import dataclasses
import re

from .. import patterns
from ..model import Document, DocumentLink, Item

#: 关于印发《A》的通知, 关于印发A和B的通知: what a notice issues.
ISSUING = re.compile(r"印发(?P<what>.+?)的(?:通知|决定|批复|函)$")


def issued_titles(document: Document) -> list[str]:
    """Titles of the documents a notice issues: from its title (印发《…》的通知), and its attachment lines."""
    titles: list[str] = []
    match = ISSUING.search(document.title.text) if document.title else None
    if match:
        what = match["what"]
        quoted = re.findall(r"《([^》]+)》", what)
        titles.extend(quoted or re.split(r"和|及|、", what))
    for line in document.back_matter:
        if line.kind == "attachment":
            titles.append(re.sub(rf"^附件\s*(?:\d+|[{patterns.CN_DIGITS}]+)?[：:]?\s*(?:\d+[.．、])?", "", line.text))
    return [squeeze(t) for t in titles if squeeze(t)]


def link_issued(items: list[Item]) -> list[Item]:
    """The ``issued-with`` rule: a notice (…印发《X》的通知, or one listing X in an attachment line)
    and the document titled X printed after it on the same page are two documents, linked both
    ways (``issues`` / ``issued-by``).

    Two documents rather than one with the notice as front matter, because each is a document of
    its own: each has a title, a preamble and numbering (both have a ``preamble-p1``; the notice
    may have parts 一、二、 of its own), and each is cited under its own title — the plan as 《X》,
    the notice with its document number, addressee, signature and date, which stay the notice's
    front and back matter. Nothing is lost by the split: the link is kept both ways and shown on
    both overview pages, and the plan, printed with no date, takes the notice's date for its slug.
    """
    out = list(items)
    for index, item in enumerate(items):
        if not isinstance(item, Document):
            continue
        names = issued_titles(item)
        if not names:
            continue
        for other in range(index + 1, len(items)):
            target = out[other]
            if not isinstance(target, Document) or target.title is None:
                continue
            if squeeze(target.title.text) in names and not any(link.kind == "issued-by" for link in target.links):
                notice = out[index]
                assert isinstance(notice, Document)
                out[index] = dataclasses.replace(notice, links=(*notice.links, DocumentLink("issues", other, "")))
                out[other] = dataclasses.replace(target, links=(*target.links, DocumentLink("issued-by", index, "")))
    return out


def squeeze(text: str) -> str:
    return "".join(text.split())
