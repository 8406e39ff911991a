"""Glossary terms in the text: the first occurrence of each term in each clause or paragraph
links to its entry, with the short definition as a tooltip (hover and keyboard focus)."""

from __future__ import annotations

import re

from ..glossary import Entry, Glossary, Hit, TermIndex, scoped_sentences
from ..model import Item, Sentence
from .blocks import Linker
from .escape import h, md

GLOSSARY_PAGE = "glossary.md"
TERM_REF = re.compile(r'data-term="([a-z0-9-]+)"')


def item_first_hits(item: Item, index: TermIndex) -> dict[Sentence, tuple[Hit, ...]]:
    """Per sentence of an item, the hits to link: the first of each term in its clause or
    paragraph, never in a heading. (Keyed by sentence, not by its id, which every document has:
    preamble-p1-s1.)"""
    linked: dict[Sentence, tuple[Hit, ...]] = {}
    seen: set[tuple[str, str]] = set()
    for anchor, sentence, in_heading in scoped_sentences(item):
        if in_heading:
            continue
        chosen = []
        for hit in index.hits.get(sentence, ()):
            if (anchor, hit.entry_id) not in seen:
                seen.add((anchor, hit.entry_id))
                chosen.append(hit)
        if chosen:
            linked[sentence] = tuple(chosen)
    return linked


def term_link(entry: Entry, prefix: str, text: str) -> str:
    return (
        f'<a class="term" href="{prefix}glossary.html#{entry.id}" data-term="{entry.id}"'
        f' aria-describedby="def-{entry.id}">{md(text)}</a>'
    )


def make_linker(linked: dict[Sentence, tuple[Hit, ...]], glossary: Glossary, prefix: str) -> Linker:
    entries = {e.id: e for e in glossary.entries}

    def link(sentence: Sentence) -> str:
        out, position = [], 0
        for hit in linked.get(sentence, ()):
            out.append(md(sentence.text[position : hit.start]))
            out.append(term_link(entries[hit.entry_id], prefix, sentence.text[hit.start : hit.end]))
            position = hit.end
        out.append(md(sentence.text[position:]))
        return "".join(out)

    return link


def definitions_block(markdown: str, glossary: Glossary) -> str:
    """Hidden definitions that the term links on a page point to (aria-describedby, tooltips)."""
    used = sorted(set(TERM_REF.findall(markdown)))
    if not used:
        return ""
    entries = {e.id: e for e in glossary.entries}
    spans = "".join(
        f'<span class="term-def" id="def-{i}" role="tooltip">{h(entries[i].term)}：{h(entries[i].definition)}</span>'
        for i in used
    )
    return f'\n<div class="term-defs" hidden data-search-exclude>{spans}</div>\n'
