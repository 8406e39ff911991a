"""Glossary terms and references in the text: the first occurrence of each term in each clause or
paragraph links to its entry, with the short definition as a tooltip (hover and keyboard focus);
references (policydocs/references.py) link to the provision or document they name."""

from __future__ import annotations

from collections.abc import Callable

from ..glossary import Entry, Glossary, Hit, TermIndex, scoped_sentences
from ..model import Item, Sentence
from ..references import Reference
from .blocks import Linker
from .escape import h, md

GLOSSARY_PAGE = "glossary.md"


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


def reference_markup(ref: Reference, text: str, href: Callable[[Reference], str]) -> str:
    """A reference that resolves is a link to its provision or document; one naming a document
    outside the library is a citation holding its title, for a later build to link."""
    if ref.slug is None:
        return f'<cite class="ref-cite" data-title="{h(ref.title or "")}">{md(text)}</cite>'
    return f'<a class="ref" href="{h(href(ref))}">{md(text)}</a>'


def shown_hits(hits: tuple[Hit, ...], refs: tuple[Reference, ...]) -> tuple[Hit, ...]:
    """The hits that are linked: a term inside a reference (《…》) is not, the reference wins."""
    return tuple(hit for hit in hits if not any(r.start < hit.end and hit.start < r.end for r in refs))


def page_terms(
    slug: str,
    linked: dict[Sentence, tuple[Hit, ...]],
    refs: dict[Sentence, tuple[Reference, ...]],
    pages: dict[tuple[str, str], str],
) -> dict[str, tuple[str, ...]]:
    """Page -> the glossary entries its term links name, from the model: the hits linked in the
    sentences each page shows (pages: urls.node_pages)."""
    found: dict[str, set[str]] = {}
    for sentence, hits in linked.items():
        shown = shown_hits(hits, refs.get(sentence, ()))
        if shown:
            found.setdefault(pages[(slug, sentence.id)], set()).update(hit.entry_id for hit in shown)
    return {page: tuple(sorted(ids)) for page, ids in found.items()}


def make_linker(
    linked: dict[Sentence, tuple[Hit, ...]],
    glossary: Glossary | None,
    prefix: str,
    refs: dict[Sentence, tuple[Reference, ...]] | None = None,
    href: Callable[[Reference], str] | None = None,
) -> Linker:
    """Sentences with their glossary terms and references linked; where a term lies inside a
    reference (《…》), the reference wins."""
    entries = {e.id: e for e in glossary.entries} if glossary is not None else {}
    refs = refs or {}

    def link(sentence: Sentence) -> str:
        text = sentence.text
        shown = refs.get(sentence, ()) if href is not None else ()
        marks = [(ref.start, ref.end, reference_markup(ref, text[ref.start : ref.end], href)) for ref in shown]
        for hit in shown_hits(linked.get(sentence, ()), shown):
            marks.append((hit.start, hit.end, term_link(entries[hit.entry_id], prefix, text[hit.start : hit.end])))
        out, position = [], 0
        for start, end, markup in sorted(marks):
            out.append(md(text[position:start]))
            out.append(markup)
            position = end
        out.append(md(text[position:]))
        return "".join(out)

    return link


def definitions_block(used: tuple[str, ...], glossary: Glossary) -> str:
    """Hidden definitions that the term links on a page point to (aria-describedby, tooltips);
    used: the entries they name (page_terms)."""
    if not used:
        return ""
    entries = {e.id: e for e in glossary.entries}
    spans = "".join(
        f'<span class="term-def" id="def-{i}" role="tooltip">{h(entries[i].term)}：{h(entries[i].definition)}</span>'
        for i in used
    )
    return f'\n<div class="term-defs" hidden data-search-exclude>{spans}</div>\n'
